#pragma once
// Where each metadata field of a document part came from (provenance), and
// what `analyzer sources` shows per file and part. Plain data; the JSON
// form (stored in the index as metadata "sources:<name>" and printed by
// `analyzer sources --format json`) is in provenance.cpp.
//
// A field (year, region, respondent type, respondent) is
//   manifest  set by the analyst's manifest entry (rule "manifest";
//             `file` is the manifest, location.line the entry's line)
//   detected  found in the text by a named rule (rule_names below), with
//             the evidence: the line that decided (cut to 200 bytes), its
//             byte span in the file and its location (line, page,
//             paragraph); spreadsheet values come from a column
//             ("spreadsheet_column") and carry no span
//   default   nothing said it: the value is empty/unknown, or a stand-in
//             ("export.csv, rad 7" for an unnamed spreadsheet row)
// JSON of one field:
//   {"from": "detected", "rule": "authorship", "text": "Denna årsrapport
//    har sammanställts av RSS Dalarna", "start": 120, "end": 176,
//    "location": {"line": 4}}
// ("start"/"end"/"location"/"file" only when known). Fields are only ever
// added, never renamed or dropped.
//
// Rule names are stable (scripts may key on them):
//   year:        report_title_year ("God och nära vård 2023"),
//                report_name_year ("Årsrapport 2023"), year_after_for
//                ("... för 2023"), most_frequent_year
//   region:      authorship, cover_page, signature_block, report_subject,
//                contact_field, most_named_region
//   type:        authorship, cover_page, signature_block, form_title,
//                contact_field, report_subject, region_named_as_author
//   respondent:  authorship, cover_page, signature_block, contact_field,
//                report_subject,
//                type_and_region; row_number (a default: "export.csv, rad 7");
//                decision_in_front (also type, region: a survey naming no
//                respondent takes the decision's in front of it)
//   year, spreadsheets without a year column: sheet_title_year (a title
//                row above the header: "Uppföljning God och nära vård
//                2024"), column_header_year (the year the question headers
//                name most: "Beskriv arbetet med SIP under 2023"),
//                file_name_year (the sheet's or the file's name:
//                "svar_2023.xlsx"); the last two are guesses
//   any field:   spreadsheet_column, manifest; page_header (a running
//                header or footer said it, where the part's own text said
//                nothing or only guessed: segment/segmenter.hpp; its text
//                is the header line, its location the page a PDF first
//                shows it on or the line of a text export, none for a Word
//                header); document_title (the same from the title property
//                of a Word file or a PDF: "Region Gävleborg – svar
//                uppföljning God och nära vård 2024"; no location)
// A "guess" is a detected field decided by counting (most_frequent_year,
// most_named_region, region_named_as_author, column_header_year,
// file_name_year), one a running header or the title property said
// (page_header, document_title: it may name the form's sender or an old
// template's author) or a default: `sources` and
// `ingest` list them for the analyst to check.

#include <array>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/core/record_location.hpp"
#include "analyzer/core/records.hpp"
#include "analyzer/core/span.hpp"

namespace analyzer {

enum class FieldOrigin { Default, Detected, Manifest };
// "default", "detected", "manifest".
const char* to_string(FieldOrigin o);

struct FieldEvidence {
  FieldOrigin from = FieldOrigin::Default;
  std::string rule;             // see the rule names above; "" for a default
  std::string text;             // the evidence: the deciding line, or the manifest value
  // Detected in text: byte span of the evidence. While detecting, offsets
  // into the line that decided; after segmenting, normalised offsets; in a
  // stored record, offsets into the file (as answer spans).
  std::optional<ByteSpan> span;
  std::size_t line_index = 0;   // while detecting only: the line of the part that decided
  RecordLocation location;      // where the evidence is (manifest: the entry's line)
  std::string file;             // manifest: the manifest's path; else ""

  // A value decided by counting, or a default.
  bool is_guess() const;
};

// Where evidence stands, in English for messages: "line 12", "page 3",
// "paragraph 5", "sheet Blad1 row 7 column F"; "" when unknown.
std::string place_text(const RecordLocation& l);

// One field's provenance in a few words for messages and tables:
//   detected  "most_named_region, line 12: \"Region Dalarna ...\""
//   manifest  "manifest corpora/manifest.json line 4"
//   default   "default (not found in the text)"
std::string describe(const FieldEvidence& e);

// Cuts `text` to at most `max` bytes on a UTF-8 boundary, with "…" when cut.
std::string evidence_excerpt(std::string_view text, std::size_t max = 200);

struct RespondentProvenance {
  FieldEvidence year, region, type, respondent;
};

// The four fields by name, for loops: {"year", &p.year}, ...
struct NamedEvidence {
  const char* field;
  const FieldEvidence* evidence;
};
std::vector<NamedEvidence> fields_of(const RespondentProvenance& p);
// The four fields for changing them: year, region, type, respondent.
std::array<FieldEvidence*, 4> each_field(RespondentProvenance& p);

// A remark on one part for the analyst.
struct PartWarning {
  std::string kind;    // "blank_form", "no_answers", "field_guessed", "field_default", "manifest_disagrees"
  std::string field;   // "year", "region", "type", "respondent"; "" for part-wide remarks
  std::string detail;  // English sentence with the evidence
};

// One document part as ingest read it: what `sources` prints per line.
struct SourcePart {
  int part = 0;
  LayoutKind layout = LayoutKind::Unknown;
  std::string title;               // first title line of a form, or ""
  Respondent respondent;
  RespondentProvenance provenance;
  std::size_t answers = 0;
  std::size_t numbers = 0;
  std::size_t mentions = 0;
  std::vector<PartWarning> warnings;
};

// One ingested file.
// What the reader said of the whole file at ingest ("pages without text
// ... were not read: page 2, 3", "read as Windows-1252", a sheet's column
// mapping): kept with the file so `sources` shows it after the run.
struct FileNote {
  std::string severity;   // "warning" or "note"
  std::string message;
  std::string hint;       // may be empty
  friend bool operator==(const FileNote&, const FileNote&) = default;
};
// At most this many notes are kept per file, each cut to 1,000 bytes.
inline constexpr std::size_t kMaxFileNotes = 20;

struct SourceSummary {
  std::string source;   // file name
  std::string path;     // path it was read from
  std::string format;   // "text", "pdf", "docx", "xlsx", "csv"
  std::vector<SourcePart> parts;
  // SHA-256 (hex) of the file's bytes as ingest read them; empty for a file
  // ingested before it was stored. The coding store anchors codings by it
  // (coding/store.hpp). JSON field "sha256", left out when empty.
  std::string sha256;
  // JSON field "file_notes" (array of {severity, message, hint}), left out
  // when empty.
  std::vector<FileNote> notes;
};

nlohmann::json to_json(const FieldEvidence& e);
FieldEvidence evidence_from_json(const nlohmann::json& j);
nlohmann::json to_json(const SourcePart& p);
nlohmann::json to_json(const SourceSummary& s);
// to_json(s).dump(), with invalid UTF-8 (a path in Latin-1) replaced, built
// one part at a time: memory about the text, not a JSON tree of every part.
std::string to_json_text(const SourceSummary& s);
// The same for a summary whose `parts` parts (head.parts is ignored) are
// made one at a time by `part_at(i)`: no copy of them all is held. Each
// part is made and dumped twice (to measure the text, then to write it), so
// the text is allocated once at its final size.
std::string to_json_text(const SourceSummary& head, std::size_t parts,
                         const std::function<SourcePart(std::size_t)>& part_at);
// Inverse of to_json; missing fields take their defaults; never throws on
// a JSON object (wrongly typed fields are left at their defaults).
SourceSummary source_summary_from_json(const nlohmann::json& j);

}  // namespace analyzer
