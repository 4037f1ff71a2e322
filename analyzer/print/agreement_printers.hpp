#pragma once
// Printers for `analyzer agreement` (coding/agreement.hpp): the report as a
// Swedish table, JSON or CSV. They take the report and the themes' labels
// and compute nothing but the formatting; "undefined" is said in words
// ("odefinierat") or null, never NaN.
//
// table (Swedish, for analysts): a heading with the two coders, the units
// (answers both reviewed) and what was left out; then four sections:
//   "Svarsnivå"       Tema, Svar, Båda, Bara A, Bara B, Ingen,
//                     Överensstämmelse ("83,3 %"), Cohens κ ("0,60",
//                     "odefinierat" with a remark saying why)
//   "Segmentnivå"     Tema, Segment A, varav matchade, Segment B, varav
//                     matchade, Överensstämmelse (with the overlap threshold)
//   "Lexikonet mot kodarna" Tema, Precision, Täckning (recall) and F1 against
//                     A and against B
//   "Svar där kodarna skiljer sig" Svar (id), Källa, Fråga, Tema, A, B ("ja",
//                     "nej"), or "(inga)".
//
// json: one object (fields are only ever added, never renamed or dropped):
//   coder_a, coder_b          strings
//   min_overlap_percent       number (the segment threshold, 0-100)
//   units                     answers both coders reviewed
//   only_a, only_b            answers only one coder reviewed (left out)
//   orphaned_codings          the coders' orphaned codings (not read)
//   themes                    array, one object per theme in order, then
//   all                       the pooled row, the same object with theme "all":
//     theme, label            id and lexicon label ("all": "Alla teman")
//     answer_level            {units, both, only_a, only_b, neither,
//                              percent_agreement (0-100 or null),
//                              expected_agreement (0-1 or null),
//                              kappa (number or null),
//                              kappa_undefined (null, or why: "no units",
//                              "expected agreement is 1")}
//     segment_level           {a_segments, a_agreeing, b_segments,
//                              b_agreeing, percent_agreement (0-100 or null)}
//     lexicon_vs_a, lexicon_vs_b  {tp, fp, fn, precision, recall, f1}
//                              (each score a number or null: eval's rules)
//   differences               array of {answer_id, source, question, theme,
//                              a, b} (a, b: true when that coder judges the
//                              theme present)
//
// csv: one line per theme and the "all" row, header first: theme, label,
// units, both, only_a, only_b, neither, percent_agreement,
// expected_agreement, kappa, a_segments, a_agreeing, b_segments, b_agreeing,
// segment_percent, then lexicon_a_ and lexicon_b_ tp, fp, fn, precision,
// recall, f1; undefined values are empty cells; ',' between cells, CRLF,
// cells through csv_cell. The differing answers are in table and json only.

#include <map>
#include <ostream>
#include <string>

#include "analyzer/coding/agreement.hpp"

namespace analyzer {

enum class AgreementFormat { Table, Json, Csv };

// `labels`: theme id → the lexicon's label; a theme without one is shown
// by its id.
void print_agreement(const coding::AgreementReport& report, const std::map<std::string, std::string>& labels,
                     AgreementFormat format, std::ostream& out);

}  // namespace analyzer
