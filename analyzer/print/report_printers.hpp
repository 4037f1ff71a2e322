#pragma once
// Printers for the theme report (`analyzer report`): terminal table, JSON,
// CSV and Markdown. They lay out a ThemeReport built in report/ and compute
// nothing: counts, totals, changes and shares come from the report.
// Headings and words are Swedish (the reader writes a Swedish synthesis).
//
// JSON (`--format json`): ONE object, UTF-8, pretty-printed with two
// spaces. Fields are only ever added, never renamed or dropped.
//   themes             array   the reported themes in report order: {id, label}
//   by                 array   the grouping keys asked for, in order: "year",
//                              "region", "respondent_type", "respondent", "question"
//   answers_total      int     answers the report counted (after the filters)
//   respondents_total  int     distinct respondents among them
//   sources            array   source file names of those answers, sorted
//   rows               array   per theme (themes order), then group:
//     theme              string  theme id
//     the keys in `by`, and only those; null when unknown:
//       year             int|null
//       region           string|null
//       respondent_type  string|null   "kommun", "rss", "region"
//       respondent       string|null   the name, or "file#part" when unnamed
//       question         string|null   as printed ("5a"); a report's section heading
//     respondents        int     respondents in the group mentioning the theme
//     respondents_total  int     respondents with any answer in the group
//     share              number|null   respondents / respondents_total (0..1);
//                                      null when respondents_total is 0
//     answers            int     answers in the group mentioning the theme
//     answers_total      int     answers in the group
//     mentions           int     mentions of the theme in the group
//     previous_year      int|null      the year the change is measured against
//     respondents_change int|null      respondents - respondents in previous_year
//                                      (only with the key "year")
//     figures            array   the respondents' own figures for the theme:
//                                {respondent, year (int|null), source, question,
//                                 label, value (number), value_text (as printed)}
//   co_occurrence      array   every pair of reported themes, over all answers:
//                              {a, b (theme ids, a before b in `themes`),
//                               answers (mentioning both), respondents (mentioning
//                               both, not necessarily in one answer)}
//
// CSV (`--format csv`): the theme table only. UTF-8 with a byte order mark,
// one header row, CRLF line ends, RFC 4180 quoting (a field holding the
// separator, a quote, CR or LF is quoted, quotes doubled); a text field that
// begins with "=", "+", "-", "@", a tab or a CR gets a "'" in front and is
// quoted, so a spreadsheet never runs it as a formula (csv_text.hpp; plain
// numbers such as "-1" stay numbers). Columns: Tema,
// Tema-id, the grouping keys (År, Region, Respondenttyp, Respondent, Fråga),
// Respondenter, Respondenter i gruppen, Andel (%), Svar, Svar i gruppen,
// Omnämnanden, Föregående år, Förändring mot föregående år, Respondentens
// egen siffra. Numbers are bare (change "-1", not "−1"); Andel has one
// decimal with a decimal comma unless the separator is ',' (then a point),
// so Swedish Excel reads it as a number with the default ';'.
//
// Table and Markdown: for people; the layout may change between versions.
// Scripts should read JSON or CSV. Table cells have control characters made
// visible (terminal_text.hpp); Markdown cells go through md_escape
// (markdown_text.hpp: no HTML passes, "|" escaped, one line).
// Masking: the report's only texts from inside the documents, the labels of
// the respondents' own figures, are masked where the report is built
// (report_from_index.hpp); the printers show what they are given.
//
// All printers: never throw on report data (only what `out` throws); cost
// linear in rows + figures + pairs; no shared state.

#include <ostream>
#include <string>

#include "analyzer/report/theme_report.hpp"

namespace analyzer {

// The theme table ("Tema", the keys, "Respondenter", "av", "Andel", "Svar",
// "Omnämnanden"; "Förändring mot föregående år" when `by` has "year"; "Egen
// siffra" when a row has figures) in columns aligned by code points (text
// keys cut to 40); under it the figures in detail, headed "Respondentens
// egen siffra", then the pairs, headed "Samförekomst". Empty parts say "(inga)".
void print_report_table(const ThemeReport& report, std::ostream& out);

// The JSON object described above, then a newline.
void print_report_json(const ThemeReport& report, std::ostream& out);

// The CSV described above. `separator` must not be '"', CR or LF (the CLI
// checks it).
void print_report_csv(const ThemeReport& report, std::ostream& out, char separator = ';');

// The tables of print_report_table as GitHub-flavoured Markdown tables
// (numbers right-aligned, data escaped by md_escape), with a heading each.
void print_report_md(const ThemeReport& report, std::ostream& out);

// Swedish words of the report, shared by the printers (and meant for the
// HTML page too): the heading of a grouping key ("År", "Region",
// "Respondenttyp", "Respondent", "Fråga") and a group's value for it as
// shown ("okänt" / "okänd" when unknown).
const char* report_key_heading(GroupKey k);
// The key inside a Swedish sentence: "år", "region", "respondenttyp", ...
const char* report_key_word(GroupKey k);
std::string report_key_value(const GroupValues& g, GroupKey k);

}  // namespace analyzer
