#include "analyzer/segment/respondent_detector.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <map>

#include "analyzer/core/utf8.hpp"
#include "analyzer/segment/lazy_pattern.hpp"
#include "analyzer/segment/swedish_form_rules.hpp"
#include "analyzer/text/swedish_regions.hpp"

namespace analyzer {
namespace {

using re2::RE2;
using swedish::lower_case_sv;

re2::StringPiece sp(std::string_view s) { return re2::StringPiece(s.data(), s.size()); }

bool contains(std::string_view text, std::string_view word) { return text.find(word) != std::string_view::npos; }

// Whether `text` may hold one of `words` (lower case: ASCII letters, å, ä,
// ö) as a (?i) pattern matches them: ASCII letters and Å/Ä/Ö in either
// case. RE2 folds three more characters into these letters (U+212A KELVIN
// SIGN with k, U+017F LONG S with s, U+212B ANGSTROM SIGN with å): text
// holding one of them may hold any word. A pattern that needs one of
// `words` cannot match text for which this is false, so it need not run
// (nor be compiled).
bool may_hold_folded(std::string_view text, std::initializer_list<std::string_view> words) {
  if (contains(text, "\xE2\x84\xAA") || contains(text, "\xC5\xBF") || contains(text, "\xE2\x84\xAB")) return true;
  std::string folded(text);
  for (std::size_t i = 0; i < folded.size(); ++i) {
    char& c = folded[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    else if (c == '\xC3' && i + 1 < folded.size() &&
             (folded[i + 1] == '\x85' || folded[i + 1] == '\x84' || folded[i + 1] == '\x96'))
      folded[++i] += 0x20;  // Å Ä Ö (C3 85, 84, 96) → å ä ö (C3 A5, A4, B6)
  }
  for (std::string_view w : words)
    if (contains(folded, w)) return true;
  return false;
}

// RE2's \s: [\t\n\f\r ].
bool is_re2_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

// Whether `line`, after the spaces at its start, opens with "RSS" or
// "Region": the patterns anchored "^\s*(?:RSS|Region)" need it.
bool opens_with_organisation(std::string_view line) {
  while (!line.empty() && is_re2_space(line.front())) line.remove_prefix(1);
  return line.starts_with("RSS") || line.starts_with("Region");
}

// Whether `line`, before the spaces at its end, closes with "kommun" or
// "stad" (the municipalities that call themselves a city: "Göteborgs
// Stad", "Mölndals stad"): the pattern anchored "(kommun|stad)\s*$" needs it.
bool closes_with_kommun(std::string_view line) {
  while (!line.empty() && is_re2_space(line.back())) line.remove_suffix(1);
  return line.ends_with("kommun") || line.ends_with("stad") || line.ends_with("Stad");
}

// Whether `name` + "stad" names a municipality: the fourteen that call
// themselves a city ("Göteborgs Stad"), not "Hållbar stad".
bool is_city_municipality(std::string_view name) {
  static constexpr std::string_view kCities[] = {
      "Stockholms", "Göteborgs", "Malmö", "Mölndals", "Borås", "Helsingborgs", "Västerås", "Solna", "Lidingö",
      "Sundbybergs", "Vaxholms", "Landskrona", "Trollhättans", "Haparanda"};
  return std::find(std::begin(kCities), std::end(kCities), name) != std::end(kCities);
}

// A municipality's name as the respondent: "Falu kommun", "Göteborgs stad"
// (`word` as written, "Stad" in lower case); "" for a "stad" that is no
// municipality (is_city_municipality).
std::string municipality_name(const std::string& name, std::string_view word) {
  if (word == "kommun" || word == "kommuns") return name + " kommun";
  return is_city_municipality(name) ? name + " stad" : std::string();
}

// Whether `line` may open with a committee or office of the organisation
// and " i " (body_of in letterhead_line()): its first word, after the
// spaces at its start, holds "nämnd", "styrelse", "förvaltning" or
// "fullmäktige", and "i" follows between spaces.
bool opens_with_body_of(std::string_view line) {
  while (!line.empty() && is_re2_space(line.front())) line.remove_prefix(1);
  std::size_t end = 0;
  while (end < line.size() && !is_re2_space(line[end])) ++end;
  const std::string_view word = line.substr(0, end);
  if (!contains(word, "nämnd") && !contains(word, "styrelse") && !contains(word, "förvaltning") &&
      !contains(word, "fullmäktige"))
    return false;
  std::string_view after = line.substr(end);
  while (!after.empty() && is_re2_space(after.front())) after.remove_prefix(1);
  return after.size() >= 2 && after[0] == 'i' && is_re2_space(after[1]);
}

// The words of the reports' names that cover_line() and read_years() look
// for: "årsrapport", "lägesrapport", "delrapport", "slutrapport",
// "redovisning", "slutredovisning", "delredovisning", "årsredovisning",
// "verksamhetsberättelse", "uppföljning" each hold one.
const std::initializer_list<std::string_view> kReportNameWords = {"rapport", "redovisning", "verksamhetsberättelse",
                                                                  "uppföljning"};

}  // namespace

namespace {

// A value and the line that gave it.
template <typename Value>
struct Clue {
  Value value{};
  std::size_t line = 0;
  std::string_view text;   // the whole line
  const char* rule = "";
  ByteSpan said{};         // the words that decided, in `text` ({0, 0}: the whole line)
};

// Where `piece` (a view into `line`) stands in it.
ByteSpan span_in(std::string_view line, re2::StringPiece piece) {
  const std::size_t begin = static_cast<std::size_t>(piece.data() - line.data());
  return {begin, begin + piece.size()};
}

// "(har) sammanställts av", "framtagen av", "Inrapporterat av",
// "Avsändare:", ...: the phrase a Swedish report or form uses for who
// compiled, wrote, sent or answered it; or a title naming the report as
// from its author, in the indefinite form titles use ("Redovisning från
// RSS Norrbotten", "Rapport från den regionala samverkans- och
// stödstrukturen (RSS) i Jönköpings län"; "rapporten från ..." is how a
// sentence speaks of another report). Group 1 is the text before the
// phrase, group 2 what follows it.
const RE2& authorship_phrase() {
  static const RE2 re(
      R"((?i)^(.*?)(?:\b(?:sammanställ(?:ts|t|d|da|des)|framtag(?:en|et|na|its)|tagits\s+fram|)"
      R"(tagen\s+fram|tagit\s+fram|utarbeta(?:ts|d|t|des)|upprätta(?:ts|d|t|des)|skriv(?:en|its|ts)|)"
      R"(författa(?:ts|d|t)|(?:in)?rapportera(?:t|d|ts|des)|insän(?:d|t)|inskicka(?:d|t|ts)|skicka(?:d|t|ts)|)"
      R"(besvara(?:d|t|ts|des)|ifylld|ifyllt)\s+av\b|\b(?:avsändare|inrapportör|uppgiftslämnare|rapportör)\s*:|)"
      R"((?:\b(?:slut|del|läges)?|(?:^|\s)års)(?:rapport|redovisning)\s+från\b|\b(?:enkät)?svar\s+från\b))"
      R"(\s*:?\s*(.*)$)");
  return re;
}

// Whether the text before an authorship phrase makes the document itself
// its subject: nothing ("Inrapporterat av RSS X" as a line of its own) or
// a word for the document ("Denna årsrapport har ...", "Rapporten är ...",
// "Enkäten besvarades av ..."). Answer text that says a plan "har tagits
// fram av Region X" is about another document and does not count.
bool names_the_document(std::string_view before) {
  const std::string b = lower_case_sv(before);
  if (b.find_first_not_of(" \t") == std::string::npos) return true;
  static constexpr const char* kDocumentWords[] = {
      "denna", "detta", "den här", "det här", "rapport", "redovisning", "sammanställning", "dokument",
      "enkät", "svaret", "svaren", "underlag", "uppföljning", "redogörelse", "verksamhetsberättelse"};
  for (const char* w : kDocumentWords)
    if (b.find(w) != std::string::npos) return true;
  return false;
}

// Where `text` goes on to name a partner of the author ("i samråd med",
// "i samverkan med", "i samarbete med", "tillsammans med", "med stöd av",
// "med stöd från", "på uppdrag av"), or text.size().
std::size_t partner_named_at(std::string_view text) {
  static constexpr std::string_view kPartner[] = {"i samråd med",   "i samverkan med", "i samarbete med",
                                                  "tillsammans med", "med stöd av",     "med stöd från",
                                                  "på uppdrag av"};
  const std::string lower = lower_case_sv(text);  // byte for byte as long as `text`
  std::size_t at = text.size();
  for (std::string_view p : kPartner)
    for (std::size_t i = lower.find(p); i != std::string::npos; i = lower.find(p, i + 1))
      if ((i == 0 || lower[i - 1] == ' ') && i < at) {
        at = i;
        break;
      }
  return at;
}

// The first region named in `text` ("Dalarna", "Dalarnas län", "Västra
// Götaland"), canonical, or "". A name may run on into other words ("i
// Jönköpings län till Socialstyrelsen"): its first four, three, two or one
// words are tried, the longest first.
std::string first_region_in(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i > 0 && text[i - 1] != ' ' && text[i - 1] != '(' && text[i - 1] != ',') continue;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (!((c >= 'A' && c <= 'Z') || c == 0xC3)) continue;  // names start with a capital
    std::string_view words = text.substr(i, text.find_first_of(",.;:()", i) - i);
    std::size_t ends[4], count = 0;
    for (std::size_t at = 0; count < 4;) {
      const std::size_t space = words.find(' ', at);
      ends[count++] = space == std::string_view::npos ? words.size() : space;
      if (space == std::string_view::npos) break;
      at = space + 1;
    }
    while (count > 0)
      if (std::string reg = canonical_region(words.substr(0, ends[--count])); !reg.empty()) return reg;
  }
  return "";
}

// A region's organisation named other than "Region X": its own name
// (only Västra Götaland has one, "Västra Götalandsregionen", genitive
// "...regionens", short "VGR"; the other "...regionen" are areas:
// "Stockholmsregionen", "Mälarregionen") or the county council it was
// until 2019 ("Stockholms läns landsting", "Landstinget Dalarna",
// "landstinget i Värmland"). Group 1 is the whole name. Needs
// "Götalandsregionen", "VGR" or "andsting" as written (callers check that
// first: may_name_region_organisation).
const LazyPattern& region_organisation() {
  static const LazyPattern re(
      R"((Västra\s+Götalandsregionens?|\bVGR|\p{Lu}[\p{L}-]*(?:\s+läns)?\s+landsting|)"
      R"([Ll]andstinget\s+(?:i\s+)?\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*)?)\b)");
  return re;
}

bool may_name_region_organisation(std::string_view text) {
  return contains(text, "Götalandsregionen") || contains(text, "VGR") || contains(text, "andsting");
}

// The canonical region of a name region_organisation() matched, or "".
// ("Landstinget (i) X": canonical_region() reads the council's name.)
std::string region_of_organisation(std::string_view name) {
  if (name.ends_with("regionens")) name.remove_suffix(1);  // the genitive
  return canonical_region(name);
}

}  // namespace

namespace {

// "Sandvikens kommun lämnar här sitt svar på ...", "Region Gävleborg
// besvarar härmed enkäten": the organisation opening the line says it
// answers. Group 1 is the organisation.
std::optional<Authorship> answers_itself(std::string_view line) {
  if (!contains(line, "svar")) return std::nullopt;  // "svar", "besvarar", "svarar"
  static const LazyPattern re(
      R"(^\s*((?:Region|RSS)\s+\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)?(?:\s+län)?|)"
      R"(\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*)?\s+(?:kommun|stad))\s+)"
      R"((?:(?:lämnar|överlämnar)\s+(?:här(?:med)?\s+)?(?:sitt|sina|följande|nedanstående)\s+svar|)"
      R"(besvarar\s+(?:här(?:med)?\s+)?(?:enkäten|frågorna|uppföljningen)|svarar\s+här(?:med)?\s+på))"
      R"((?:\s|[.,:;!]|$))");  // (not \b: RE2's is ASCII, and "på" ends in å)
  re2::StringPiece org;
  if (!RE2::PartialMatch(sp(line), re.get(), &org)) return std::nullopt;
  std::optional<Authorship> a = cover_line(std::string_view(org.data(), org.size()));
  if (!a) return std::nullopt;
  a->said = span_in(line, org);
  return a;
}

}  // namespace

std::optional<Authorship> authorship(std::string_view line) {
  if (std::optional<Authorship> a = answers_itself(line)) return a;
  // Every phrase has " av", ':' or " från" and one of these words: most
  // lines skip the pattern.
  if (line.find(" av") == std::string_view::npos && line.find(':') == std::string_view::npos &&
      line.find(" från") == std::string_view::npos)
    return std::nullopt;
  if (!may_hold_folded(line, {"sammanställ", "tag", "utarbeta", "upprätta", "skriv", "författa", "rapport", "insän",
                              "skicka", "besvara", "ifyll", "avsändare", "uppgiftslämnare", "redovisning", "svar"}))
    return std::nullopt;
  re2::StringPiece before, after;
  if (!RE2::PartialMatch(sp(line), authorship_phrase(), &before, &after)) return std::nullopt;
  if (!names_the_document(std::string_view(before.data(), before.size()))) return std::nullopt;
  // A title's "Redovisning från X" opens its line: "Rapporten bygger på
  // svar från Region Dalarna och kommunerna" names sources, not an author.
  const std::string_view phrase(before.data() + before.size(), static_cast<std::size_t>(after.data() - (before.data() + before.size())));
  if (contains(phrase, "från") && std::string_view(before.data(), before.size()).find_first_not_of(" \t") != std::string_view::npos)
    return std::nullopt;
  // The organisation named first after the phrase, within its sentence,
  // before a partner is named: "Svaren har tagits fram av förvaltningen i
  // samråd med Region Örebro län" names no author (the region is the
  // partner).
  std::string_view rest(after.data(), after.size());
  if (std::size_t stop = rest.find_first_of(".;"); stop != std::string_view::npos) rest = rest.substr(0, stop);
  rest = rest.substr(0, partner_named_at(rest));
  static const RE2 rss(R"((?i)(\bRSS\b|samverkans-\s+och\s+stödstruktur|stödstruktur))");
  static const LazyPattern region(R"((\bRegion\s+\p{Lu}))");
  static const LazyPattern kommun(
      R"(((\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*)?)\s+(kommuns?|[Ss]tads?)\b))");
  struct Candidate {
    std::size_t at;
    RespondentType type;
    std::string kommun;
  };
  std::vector<Candidate> found;
  re2::StringPiece m;
  const auto at = [&](re2::StringPiece piece) { return static_cast<std::size_t>(piece.data() - rest.data()); };
  if (RE2::PartialMatch(sp(rest), rss, &m)) found.push_back({at(m), RespondentType::Rss, ""});
  // `region` and `kommun` need their word as written: text without it
  // skips them (and, so far, their compiling).
  if (contains(rest, "Region") && RE2::PartialMatch(sp(rest), region.get(), &m)) found.push_back({at(m), RespondentType::Region, ""});
  std::string organisation_region;
  if (may_name_region_organisation(rest) && RE2::PartialMatch(sp(rest), region_organisation().get(), &m)) {
    organisation_region = region_of_organisation(std::string_view(m.data(), m.size()));
    if (!organisation_region.empty()) found.push_back({at(m), RespondentType::Region, ""});
  }
  std::string name, word;
  if ((contains(rest, "kommun") || contains(rest, "tad")) && RE2::PartialMatch(sp(rest), kommun.get(), &m, &name, &word))
    if (std::string municipality = municipality_name(name, word); !municipality.empty())
      found.push_back({at(m), RespondentType::Kommun, std::move(municipality)});
  if (found.empty()) return std::nullopt;
  const Candidate& first =
      *std::min_element(found.begin(), found.end(), [](auto& x, auto& y) { return x.at < y.at; });
  Authorship a;
  a.type = first.type;
  a.kommun = first.kommun;
  if (first.type != RespondentType::Kommun) a.region = first_region_in(rest.substr(first.at));
  if (a.region.empty() && first.type == RespondentType::Region) a.region = organisation_region;
  a.said = {static_cast<std::size_t>(before.data() + before.size() - line.data()), line.size()};
  return a;
}

namespace {

// A cover's or letterhead's line that is nothing but the organisation
// ("Region Norrbotten", "RSS Västmanland", "Alvesta kommun") above the
// report's title. "Region"/"RSS" must name one of the 21 regions.
std::optional<Authorship> letterhead_line(std::string_view line) {
  // A committee or office of the organisation heading a decision:
  // "Socialnämnden i Ljusdals kommun", "Regionstyrelsen i Region Halland".
  static const LazyPattern body_of(
      R"(^\s*\p{Lu}[\p{L}-]*(?:nämnd|nämnden|styrelse|styrelsen|förvaltning|förvaltningen|fullmäktige)\s+i\s+)");
  const std::string_view whole = line;
  re2::StringPiece rest = sp(line);
  if (opens_with_body_of(line) && RE2::Consume(&rest, body_of.get())) line = std::string_view(rest.data(), rest.size());
  static const LazyPattern region_or_rss(
      R"(^\s*((?:RSS|Region)\s+(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)?(?:\s+län)?))\s*$)");
  static const LazyPattern kommun(R"(^\s*((\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*)?)\s+(kommun|[Ss]tad))\s*$)");
  re2::StringPiece org;
  std::string name;
  Authorship a;
  if (opens_with_organisation(line) && RE2::PartialMatch(sp(line), region_or_rss.get(), &org, &name)) {
    a.region = canonical_region(name);
    if (a.region.empty()) return std::nullopt;
    a.type = org.starts_with("RSS") ? RespondentType::Rss : RespondentType::Region;
  } else if (std::string word; closes_with_kommun(line) && RE2::PartialMatch(sp(line), kommun.get(), &org, &name, &word)) {
    a.type = RespondentType::Kommun;
    a.kommun = municipality_name(name, word);
    if (a.kommun.empty()) return std::nullopt;
  } else if (line.size() < 80 && may_name_region_organisation(line) &&
             RE2::PartialMatch(sp(line), region_organisation().get(), &org) &&
             line.find_first_not_of(" \t") == static_cast<std::size_t>(org.data() - line.data()) &&
             line.find_last_not_of(" \t") + 1 == static_cast<std::size_t>(org.data() + org.size() - line.data())) {
    // The line is the organisation's own name and nothing else.
    a.region = region_of_organisation(std::string_view(org.data(), org.size()));
    if (a.region.empty()) return std::nullopt;
    a.type = RespondentType::Region;
  } else {
    return std::nullopt;
  }
  a.said = span_in(whole, org);
  return a;
}

}  // namespace

std::optional<Authorship> cover_line(std::string_view line) {
  if (line.size() > 160) return std::nullopt;
  static const LazyPattern cover(
      R"(^\s*((?:RSS|Region)\s+(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)?(?:\s+län)?))\s*[–—:,-]?\s*(?i:)"
      R"(årsrapport|lägesrapport|rapport|redovisning|slutredovisning|verksamhetsberättelse|uppföljning|)"
      R"(årsredovisning|delrapport|slutrapport|svar|enkätsvar)\b)");
  re2::StringPiece org;
  std::string name;
  // Each pattern here and in letterhead_line() runs (and is compiled) only
  // on a line that has what it needs: most lines have none of it.
  if (!opens_with_organisation(line) ||
      !may_hold_folded(line, {"rapport", "redovisning", "verksamhetsberättelse", "uppföljning", "svar"}) ||
      !RE2::PartialMatch(sp(line), cover.get(), &org, &name))
    return letterhead_line(line);
  Authorship a;
  a.type = org.starts_with("RSS") ? RespondentType::Rss : RespondentType::Region;
  a.region = canonical_region(name);
  a.said = span_in(line, org);
  return a;
}

namespace {

// What the lines of one part say about their respondent, gathered line by
// line with the line that said it; detect_respondent weighs them
// afterwards.
class RespondentClues {
 public:
  // What an authorship phrase, the cover and the signature each said, in
  // that order of weight.
  struct AuthorClues {
    Clue<RespondentType> type;
    Clue<std::string> region, kommun;
  };
  explicit RespondentClues(bool is_survey) : is_survey_(is_survey) {}

  void read(std::size_t index, std::string_view line) {
    index_ = index;
    line_ = line;
    // Every year pattern needs "20" and region_named needs "Region": lines
    // without them (most answer lines) skip those scans.
    if (line.find("20") != std::string_view::npos) read_years(line);
    if (!author_.type.rule[0] || author_.region.value.empty()) {
      if (auto a = authorship(line)) read_authorship(*a, author_, "authorship");
      else if (index < kCoverLines && !is_survey_ && !cover_.type.rule[0])
        if (auto c = cover_line(line)) read_authorship(*c, cover_, "cover_page");
    }
    // A letter's or report's closing: "Med vänlig hälsning" and, in the
    // lines under it, the organisation that signs (after the signer's name
    // and title). A later closing takes over from an earlier one.
    if (is_sign_off(line)) sign_off_at_ = index;
    else if (sign_off_at_ && index - *sign_off_at_ <= kSignatureLines && !signature_.type.rule[0])
      if (auto c = cover_line(line)) read_authorship(*c, signature_, "signature_block");
    if (auto subject = form_rules::report_subject(line)) read_subject(*subject);
    if (auto field = form_rules::contact_field(line)) read_contact_field(*field);
    if (!title_type_.rule[0] && form_rules::is(form_rules::FormLine::SurveyTitle, line)) read_title(line);
    if (line.find("Region") != std::string_view::npos || may_name_region_organisation(line)) read_region_names(line);
  }

  // The year of "God och nära vård 2023", else of "för 2023", else the
  // most frequent year (the smallest among equals).
  std::optional<Clue<int>> year() const {
    if (year_primary_.rule[0]) return year_primary_;
    if (year_report_.rule[0]) return year_report_;
    if (year_secondary_.rule[0]) return year_secondary_;
    if (year_counts_.empty()) return std::nullopt;
    const int y = most_frequent(year_counts_);
    return year_first_seen_.at(y);
  }

  // The region most often named "Region X" (the first in order among
  // equals), if any.
  std::optional<Clue<std::string>> most_named_region() const {
    if (region_counts_.empty()) return std::nullopt;
    return region_first_seen_.at(most_frequent(region_counts_));
  }

  // Who the document says compiled or sent it, else the report's subject,
  // else a contact field's region, else `most_named`.
  std::optional<Clue<std::string>> region(const std::optional<Clue<std::string>>& most_named) const {
    for (const AuthorClues* a : {&author_, &cover_, &signature_})
      if (!a->region.value.empty()) return a->region;
    if (!subject_region_.value.empty()) return subject_region_;
    if (!contact_region_.value.empty()) return contact_region_;
    return most_named;
  }

  // Who the document says compiled or sent it comes first. Then who a form
  // is addressed to ("Enkät till regionala samverkans- och
  // stödstrukturer"), which says more than a contact label (an RSS form
  // may still ask for "Region:"), which says more than what a title is
  // about ("Slutredovisning av kommunernas arbete" is filed by the RSS).
  // Prose that names a region as author is the region's.
  std::optional<Clue<RespondentType>> type(bool is_survey,
                                           const std::optional<Clue<std::string>>& most_named) const {
    for (const AuthorClues* a : {&author_, &cover_, &signature_})
      if (a->type.rule[0]) return a->type;
    if (addressed_type_.rule[0]) return addressed_type_;
    if (contact_type_.rule[0]) return contact_type_;
    if (title_type_.rule[0]) return title_type_;
    if (!is_survey && most_named)
      return Clue<RespondentType>{RespondentType::Region, most_named->line, most_named->text, "region_named_as_author",
                                  most_named->said};
    return std::nullopt;
  }

  // The municipality that answers, with the line that named it ("" when none).
  const Clue<std::string>& kommun() const {
    for (const AuthorClues* a : {&author_, &cover_, &signature_})
      if (a->type.rule[0]) return a->type.value == RespondentType::Kommun ? a->kommun : kommun_;
    return kommun_;
  }

 private:
  template <typename Key>
  static Key most_frequent(const std::map<Key, int>& counts) {
    return std::max_element(counts.begin(), counts.end(),
                            [](auto& a, auto& b) { return a.second < b.second; })
        ->first;
  }

  template <typename Value>
  void set(Clue<Value>& clue, Value value, const char* rule, ByteSpan said = {}) {
    clue = {std::move(value), index_, line_, rule, said};
  }

  void read_years(std::string_view line) {
    static const LazyPattern year_gonv(R"((?i)nära\s+vård[^.!?]{0,120}?\b((20[1-3]\d))\b)");
    static const LazyPattern year_report(
        R"((?i)(?:årsrapport|lägesrapport|rapport|redovisning|verksamhetsberättelse|uppföljning|)"
        R"(slutredovisning|delredovisning)(?:en)?\s+(?:för\s+)?(?:år\s+)?((20[1-3]\d))\b)");
    static const RE2 year_for(R"((?i)\b(?:för|avser|under)\s+(?:år\s+)?((20[1-3]\d))\b)");
    static const RE2 any_year(R"(\b((20[1-3]\d))\b)");
    int y = 0;
    re2::StringPiece at;
    if (!year_primary_.rule[0] && may_hold_folded(line, {"nära"}) && RE2::PartialMatch(sp(line), year_gonv.get(), &at, &y))
      set(year_primary_, y, "report_title_year", span_in(line, at));
    if (!year_report_.rule[0] && may_hold_folded(line, kReportNameWords) &&
        RE2::PartialMatch(sp(line), year_report.get(), &at, &y))
      set(year_report_, y, "report_name_year", span_in(line, at));
    if (!year_secondary_.rule[0] && RE2::PartialMatch(sp(line), year_for, &at, &y))
      set(year_secondary_, y, "year_after_for", span_in(line, at));
    re2::StringPiece in = sp(line);
    while (RE2::FindAndConsume(&in, any_year, &at, &y)) {
      if (++year_counts_[y] == 1) year_first_seen_[y] = {y, index_, line_, "most_frequent_year", span_in(line, at)};
    }
  }

  // An organisation the document names as its author: by an authorship
  // phrase (rule "authorship"), on its cover ("cover_page") or under its
  // closing ("signature_block").
  void read_authorship(const Authorship& a, AuthorClues& clues, const char* rule) {
    if (!clues.type.rule[0]) {
      set(clues.type, a.type, rule, a.said);
      if (a.type == RespondentType::Kommun) set(clues.kommun, a.kommun, rule, a.said);
    }
    if (clues.region.value.empty() && !a.region.empty()) set(clues.region, a.region, rule, a.said);
  }

  // "Med vänlig hälsning", "Med vänliga hälsningar", "Vänliga hälsningar",
  // "Hälsningar", alone on their line (a comma or full stop after them).
  static bool is_sign_off(std::string_view line) {
    static const RE2 sign_off(R"((?i)^\s*(?:med\s+)?(?:vänlig|vänliga|bästa)?\s*hälsning(?:ar)?\s*[,.!]?\s*$)");
    return line.size() < 40 && RE2::FullMatch(sp(line), sign_off);
  }

  void read_subject(const std::string& subject) {
    if (subject_region_.value.empty()) {
      std::string reg = canonical_region(subject);
      if (!reg.empty()) set(subject_region_, reg, "report_subject");
    }
    // "Denna redovisning avser Falu kommun": a municipality answers.
    const std::string l = lower_case_sv(subject);
    if (kommun_.value.empty() && l.size() > 7 && l.compare(l.size() - 7, 7, " kommun") == 0) {
      set(kommun_, subject, "report_subject");
      if (!contact_type_.rule[0]) set(contact_type_, RespondentType::Kommun, "report_subject");
    }
  }

  void read_contact_field(const form_rules::ContactField& field) {
    // "Respondent: Region Gävleborg", "Organisation: Örebro kommun": the
    // value names the organisation as a letterhead does.
    if (field.label == "respondent" || field.label == "organisation") {
      const std::optional<Authorship> org = cover_line(field.value);
      if (!org) return;
      if (!org->region.empty() && contact_region_.value.empty()) set(contact_region_, org->region, "contact_field");
      if (contact_type_.rule[0]) return;
      set(contact_type_, org->type, "contact_field");
      if (org->type == RespondentType::Kommun) set(kommun_, org->kommun, "contact_field");
      return;
    }
    if (field.label == "rss" || field.label == "region" || field.label == "län") {
      std::string reg = canonical_region(field.value);
      if (!reg.empty() && contact_region_.value.empty()) set(contact_region_, reg, "contact_field");
    }
    if (contact_type_.rule[0]) return;
    if (field.label == "rss") set(contact_type_, RespondentType::Rss, "contact_field");
    if (field.label == "region") set(contact_type_, RespondentType::Region, "contact_field");
    if (field.label == "kommun") {
      set(contact_type_, RespondentType::Kommun, "contact_field");
      set(kommun_, field.value, "contact_field");
    }
  }

  void read_title(std::string_view line) {
    const std::string l = lower_case_sv(line);
    if (l.find("samverkans- och stödstruktur") != std::string::npos ||
        l.find("stödstrukturer") != std::string::npos || l.find("rss") != std::string::npos)
      set(title_type_, RespondentType::Rss, "form_title");
    // A report on the municipalities' work together ("Slutredovisning av
    // kommunernas arbete", "... länets kommuners ...") is compiled for the
    // county by its RSS; one municipality's form says "kommunens".
    else if (l.find("kommunernas") != std::string::npos || l.find("kommuners") != std::string::npos)
      set(title_type_, RespondentType::Rss, "form_title");
    else if (l.find("kommun") != std::string::npos)
      set(title_type_, RespondentType::Kommun, "form_title");
    else if (l.find("region") != std::string::npos)
      set(title_type_, RespondentType::Region, "form_title");
    if (title_type_.rule[0] && l.rfind("enkät till", 0) == 0) addressed_type_ = title_type_;
  }

  void read_region_names(std::string_view line) {
    static const RE2 region_named(R"((\bRegion\s+(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)?)))");
    std::string named;
    re2::StringPiece at;
    re2::StringPiece in = sp(line);
    auto count = [&](const std::string& reg, re2::StringPiece said) {
      if (reg.empty()) return;
      if (++region_counts_[reg] == 1) region_first_seen_[reg] = {reg, index_, line_, "most_named_region", span_in(line, said)};
    };
    if (line.find("Region") != std::string_view::npos)
      while (RE2::FindAndConsume(&in, region_named, &at, &named)) count(canonical_region(named), at);
    if (may_name_region_organisation(line)) {
      in = sp(line);
      while (RE2::FindAndConsume(&in, region_organisation().get(), &at))
        count(region_of_organisation(std::string_view(at.data(), at.size())), at);
    }
  }

  // A report's cover: its first lines.
  static constexpr std::size_t kCoverLines = 12;
  // A signature: the organisation within this many lines under the closing
  // (the signer's name, title and unit come first).
  static constexpr std::size_t kSignatureLines = 5;
  std::optional<std::size_t> sign_off_at_;
  bool is_survey_ = false;
  std::size_t index_ = 0;
  std::string_view line_;
  Clue<int> year_primary_, year_report_, year_secondary_;
  std::map<int, int> year_counts_;
  std::map<int, Clue<int>> year_first_seen_;
  std::map<std::string, int> region_counts_;
  std::map<std::string, Clue<std::string>> region_first_seen_;
  AuthorClues author_, cover_, signature_;
  Clue<std::string> subject_region_, contact_region_, kommun_;
  Clue<RespondentType> contact_type_, title_type_, addressed_type_;
};

// "Region Halland", "RSS Dalarna" or the municipality; "" when the type or
// (for regions and RSS) the region is unknown.
std::string respondent_name(const Respondent& r, const std::string& kommun) {
  if (r.type == RespondentType::Kommun) return kommun;
  return organisation_name(r.type, r.region);
}

template <typename Value>
FieldEvidence evidence_of(const Clue<Value>& clue) {
  FieldEvidence e;
  e.from = FieldOrigin::Detected;
  e.rule = clue.rule;
  const ByteSpan said = clue.said.empty() ? ByteSpan{0, clue.text.size()} : clue.said;
  // The words that decided with up to 60 bytes before them: a long line
  // is quoted where it says it.
  std::size_t from = said.begin > 60 ? said.begin - 60 : 0;
  while (from > 0 && utf8::is_continuation(clue.text[from])) --from;
  e.text = (from > 0 ? "…" : "") + evidence_excerpt(clue.text.substr(from));
  e.line_index = clue.line;
  e.span = said;
  return e;
}

}  // namespace

DetectedRespondent detect_respondent_with_evidence(const std::vector<std::string_view>& lines, bool is_survey) {
  RespondentClues clues(is_survey);
  for (std::size_t i = 0; i < lines.size(); ++i) clues.read(i, lines[i]);
  DetectedRespondent out;
  Respondent& r = out.respondent;
  RespondentProvenance& p = out.provenance;
  if (auto year = clues.year()) {
    r.year = year->value;
    p.year = evidence_of(*year);
  }
  const auto most_named = clues.most_named_region();
  if (auto region = clues.region(most_named)) {
    r.region = region->value;
    p.region = evidence_of(*region);
  }
  const auto type = clues.type(is_survey, most_named);
  if (type) {
    r.type = type->value;
    p.type = evidence_of(*type);
  }
  r.name = respondent_name(r, clues.kommun().value);
  if (!r.name.empty()) {
    if (r.type == RespondentType::Kommun) {
      p.respondent = evidence_of(clues.kommun());
    } else if (std::string_view(type->rule) == "authorship" || std::string_view(type->rule) == "cover_page" ||
               std::string_view(type->rule) == "signature_block") {
      p.respondent = p.type;  // the document named its author
    } else {
      p.respondent = p.type;
      p.respondent.rule = "type_and_region";
    }
  }
  return out;
}

Respondent detect_respondent(const std::vector<std::string_view>& lines, bool is_survey) {
  return detect_respondent_with_evidence(lines, is_survey).respondent;
}

}  // namespace analyzer
