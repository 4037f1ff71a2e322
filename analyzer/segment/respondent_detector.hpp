#pragma once
// Detects who answered and for which year from a part's own text, and
// which line decided each field (core/provenance.hpp names the rules):
//   respondent  who the document says compiled, wrote, sent or answered it
//               comes before anything counted (authorship(), below):
//               "Denna årsrapport har sammanställts av RSS Dalarna",
//               "Rapporten är framtagen av Region Halland", "Inrapporterat
//               av Falu kommun", "Avsändare: RSS Gävleborg"; then a
//               report's cover line, then the organisation under a closing
//               "Med vänlig hälsning" (within 5 lines: signature_block)
//   year        "God och nära vård 2023", else a report named with its year
//               ("Årsrapport 2023", "Redovisningen för 2022"), else "... för
//               2023", else the most frequent year 2015–2039 in the text
//   region      authorship, else "Denna redovisning avser Dalarna län" / "... Region Halland",
//               a contact field "Region: Region Halland" / "RSS: Dalarna
//               län", else the most frequent "Region X" naming one of the 21
//               Swedish regions
//   type        authorship, else a report cover naming its author ("RSS
//               Gävleborg – Årsrapport 2023"), else contact field label
//               (RSS:/Region:/Kommun:), else the form title ("Enkät till regionala samverkans- och
//               stödstrukturer" → rss, "Enkät till regioner" → region,
//               "Slutredovisning av kommunernas arbete": a report on the
//               county's municipalities together → rss; "... kommunens ..."
//               → kommun), else for prose a region
//               named as author ("Region X") → region
//   name        "Region Halland", "RSS Dalarna", or the municipality
// Region names are canonical: "Hallands län" → "Halland", "Region
// Jämtland Härjedalen" → "Jämtland Härjedalen". Cost: linear in the text.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/provenance.hpp"
#include "analyzer/core/records.hpp"
#include "analyzer/text/swedish_regions.hpp"

namespace analyzer {

// canonical_region(): text/swedish_regions.hpp (spreadsheet readers use it too).
using swedish::canonical_region;

// Who a line says compiled, wrote, sent or answered the document it is in:
// also an organisation opening the line to say it answers ("Sandvikens
// kommun lämnar här sitt svar ...", "Region X besvarar härmed enkäten").
// The line must hold a Swedish authorship phrase ("sammanställts av",
// "framtagen av", "tagits fram av", "utarbetad av", "upprättad av",
// "skriven av", "inrapporterat av", "insänd av", "skickad av", "besvarad
// av", "ifylld av"; or a label "Avsändare:", "Rapportör:",
// "Uppgiftslämnare:") whose subject is the document itself: nothing before
// it on the line, or a word for the document before it ("Denna rapport",
// "Årsrapporten", "Enkäten", "Svaren"...). So "Planen har tagits fram av
// Region X" in an answer is not authorship. The organisation is the first
// named after the phrase, in its sentence: "RSS …" / "… samverkans- och
// stödstruktur…" (rss), "Region X" (region), "X kommun" (kommun); the
// region is the first of the 21 named after it.
//   "Denna årsrapport har sammanställts av RSS Dalarna"  → rss, "Dalarna"
//   "Inrapporterat av Falu kommun"                       → kommun "Falu kommun"
//   "Rapporten är framtagen av Anna, Region Halland"     → region, "Halland"
//   "Rutinen har tagits fram av Region Halland"         → nullopt
// Cost: one RE2 match on lines with " av" or ':'.
struct Authorship {
  RespondentType type = RespondentType::Region;
  std::string region;   // canonical, "" when none is named
  std::string kommun;   // "Falu kommun" for a municipality
  ByteSpan said;        // the words in the line from the phrase (or organisation) on
};
std::optional<Authorship> authorship(std::string_view line);

// A report cover's title line that names its author before the kind of
// report: "RSS Gävleborg – Årsrapport 2023", "Region Skåne: Lägesrapport",
// "Region Halland redovisning 2022" → the organisation (RSS or Region and
// the region, "" when the name is none of the 21); or a letterhead line
// that is nothing but the organisation ("Region Norrbotten" naming one of
// the 21, "RSS Västmanland", "Alvesta kommun"), also after a committee
// or office's name ("Socialnämnden i Ljusdals kommun"). Only the first lines of
// a prose part are read so (rule "cover_page"), after authorship phrases.
// Cost: one RE2 match on lines up to 160 bytes.
std::optional<Authorship> cover_line(std::string_view line);

// A detected respondent with its provenance. Each detected field's
// evidence holds the line that decided (line_index into `lines`, span
// {0, line size}, text the line cut to 200 bytes) and its rule; fields not
// found stay FieldOrigin::Default.
struct DetectedRespondent {
  Respondent respondent;
  RespondentProvenance provenance;
};

// What the lines of one part say about their respondent; `is_survey`
// chooses between form and prose rules for the respondent type.
DetectedRespondent detect_respondent_with_evidence(const std::vector<std::string_view>& lines, bool is_survey);
// The respondent of detect_respondent_with_evidence alone.
Respondent detect_respondent(const std::vector<std::string_view>& lines, bool is_survey);

}  // namespace analyzer
