#pragma once
// Printers of a ReportProvenance (report/report_provenance.hpp): where a
// report or an excerpt list comes from. They lay it out and compute nothing.
//
// Table and Markdown: a block headed "Underlag och framställning" at the end
// of the output:
//   Framställd: 2026-12-06T23:40:00Z
//   Program: analyzer 0.1.0 (analysregler version 8, indexschema 5)
//   Lexikon: version 3f1c2a9b0d4e5f67
//   Kommando: analyzer report --index build/analyzer-index --by year,region
//   Index: build/analyzer-index
//   Källor: 3 filer
//   Kodning: granskade koder — 12 av 143 automatiska kodningar granskade
//            (10 godkända, 2 avvisade), 3 manuella kodningar
//            (only when ReportProvenance::codes is set; codes_text below)
// then a table of the sources, one line per file part: Källa, Format, Del,
// År, Region, Respondenttyp, Respondent, Ursprung ("år: manifest rad 4;
// region: upptäckt (authorship, rad 12); typ: ...; respondent: standard").
//
// JSON (provenance_json): an object, fields only ever added:
//   created_at        string  UTC, ISO 8601
//   analyzer_version  string
//   analysis_version  string
//   index_schema      string
//   lexicon_version   string  16 hex digits
//   command_line      string
//   indexes           array of string
//   sources           array: {source, path, format, parts: [{part, year
//                     (int|null), region|null, respondent_type|null,
//                     respondent|null, origin: {year, region, type,
//                     respondent: {from ("manifest"|"detected"|"default"),
//                     rule, file (manifest only), location (when known)}}}]}
//                     (no evidence text: a document line may hold a name)
//   codes             object, only when ReportProvenance::codes is set:
//                     {used ("auto"|"reviewed"), coder (string|null: only
//                     this coder's review), automatic, reviewed (automatic
//                     mentions with a decision in force), accepted, rejected,
//                     manual (manual codings with a theme), orphaned
//                     (codings left out)}, counts integers. With "auto" the
//                     counts are the store's active codings (none applied)
//                     and automatic is null.
//
// Cost: linear in sources × parts. Never throws but what `out` throws.

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "analyzer/report/report_provenance.hpp"

namespace analyzer {

// The heading of the block, in every format: "Underlag och framställning".
inline constexpr const char* kProvenanceHeading = "Underlag och framställning";

void print_provenance_table(const ReportProvenance& p, std::ostream& out);
void print_provenance_md(const ReportProvenance& p, std::ostream& out);
nlohmann::ordered_json provenance_json(const ReportProvenance& p);

// The lines of the block before the sources, as "Label: value" pairs in
// order (Framställd, Program, Lexikon, Kommando, Index, Källor, and Kodning
// when the codes are known), for every
// format (HTML, the office formats): unescaped.
struct ProvenanceLine {
  std::string label;
  std::string value;
};
std::vector<ProvenanceLine> provenance_lines(const ReportProvenance& p);

// The codes used, in Swedish: "automatiska koder (lexikonet)", with ",
// granskningen används inte (12 beslut, 3 manuella kodningar i
// kodningsfilen)" when the store holds a review; or "granskade koder —
// 12 av 143 automatiska kodningar granskade (10 godkända, 2 avvisade), 3
// manuella kodningar", then ", 1 kodning utan fäste utelämnad" when
// orphaned codings were left out and " (endast kodaren anna)" for one coder.
std::string codes_text(const CodesUsed& c);

// One field's origin in Swedish: "manifest rad 4", "upptäckt (authorship,
// rad 12)", "standard".
std::string origin_text(const FieldEvidence& e);
// A part's four origins: "år: manifest rad 4; region: ...; typ: ...;
// respondent: ...".
std::string part_origin_text(const SourcePart& part);
// The cells of the sources table (headings, then one row per file part;
// a file without parts gets one row with "–" for the part's fields).
std::vector<std::vector<std::string>> provenance_source_rows(const ReportProvenance& p);

}  // namespace analyzer
