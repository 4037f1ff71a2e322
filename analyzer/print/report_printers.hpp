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
//   min_group          int     --min-group: smaller groups are marked
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
//     respondents_change int|null      respondents - respondents in previous_year,
//                                      whoever answered (only with the key "year");
//                                      kept for compatibility: `change` is the
//                                      like-with-like comparison
//     figures            array   the respondents' own figures for the theme:
//                                {respondent, year (int|null), source, question,
//                                 label, value (number), value_text (as printed),
//                                 question_text (the question's prompt, "" unknown)}
//     small_group        bool    respondents_total under min_group (and > 0)
//     change             object|null   null without previous_year; else:
//       comparable         bool
//       previous_year      int
//       basis              "same_respondents" | "same_respondent_type" | null
//                          (null when not comparable)
//       only_before, only_now  array  respondents of the group in only one of
//                          the two years (left out of the comparison)
//       when comparable:
//       respondents        array   same_respondents: those counted (in both
//                                  years); same_respondent_type: []
//       mentioning_before, base_before, mentioning_now, base_now  int
//                                  respondents mentioning the theme, of those
//                                  counted, in each year
//       respondents_change int     mentioning_now - mentioning_before
//       points             number|null  change of the share in percentage points
//       small_group        bool    a base under min_group
//       when not comparable:
//       reason             "different_respondents" | "unknown_respondent_type"
//       reason_text        string  the Swedish note the table prints
//   co_occurrence      array   every pair of reported themes, over all answers:
//                              {a, b (theme ids, a before b in `themes`),
//                               answers (mentioning both), respondents (mentioning
//                               both, not necessarily in one answer)}
//   provenance         object  when the report has one (ThemeReport::provenance):
//                              see print/provenance_printers.hpp
//
// CSV (`--format csv`): the theme table only. UTF-8 with a byte order mark,
// one header row, CRLF line ends, RFC 4180 quoting (a field holding the
// separator, a quote, CR or LF is quoted, quotes doubled); a text field that
// begins with "=", "+", "-", "@", a tab or a CR gets a "'" in front and is
// quoted, so a spreadsheet never runs it as a formula (csv_text.hpp; plain
// numbers such as "-1" stay numbers). Columns: Tema,
// Tema-id, the grouping keys (År, Region, Respondenttyp, Respondent, Fråga),
// Respondenter, Respondenter i gruppen, Andel (%), Svar, Svar i gruppen,
// Omnämnanden, Föregående år, Förändring mot föregående år (the raw
// difference, as JSON respondents_change), Respondentens egen siffra
// ("<question text>: <label>: <value> (<respondent>, fråga <q>)"),
// Jämförelse ("samma respondenter", "samma respondenttyp" or "ej jämförbart:
// <reason>"), Förändring (procentenheter) (rounded), Liten grupp ("ja" or ""),
// and, only when the codes used are known (ReportProvenance::codes: a coding
// store exists or --codes was given), Kodning (codes_text, the same on every
// row: "granskade koder — 12 av 143 ...").
// Numbers are bare (change "-1", not "−1"); Andel has one
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
#include <vector>

#include "analyzer/report/theme_report.hpp"

namespace analyzer {

// The theme table ("Tema", the keys, "Respondenter", "av", "Andel", "Svar",
// "Omnämnanden"; "Förändring mot föregående år" when `by` has "year"; "Egen
// siffra" when a row has figures) in columns aligned by code points (text
// keys cut to 40); a small group's share marked "*"; under the table the
// legends (small groups, how the change is measured) and the numbered notes
// of "ej jämförbart [n]"; then the figures in detail with their question and
// label, headed "Respondentens egen siffra", then the pairs, headed
// "Samförekomst". Empty parts say "(inga)". With a provenance, the block
// "Underlag och framställning" at the end (provenance_printers.hpp).
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

// ---- The Swedish texts of trends, small groups and figures, for every
// printer (table, Markdown, HTML and the office formats), so all say the same.

// The mark after a small group's share ("100 %*") and a change on a small base.
inline constexpr const char* kSmallGroupMark = "*";
// The change cell: "+25 procentenheter mot 2022 (1 → 2 av 4 samma)" (same
// respondents), "−8 procentenheter mot 2022 (1 av 3 → 1 av 4)" (same
// respondent type), with kSmallGroupMark on a small base; "ej jämförbart"
// (printers add the note number); "–" without a change. Minus is U+2212.
// The basis of a row's change, as the CSV "Jämförelse" and the XLSX column
// say it: "samma respondenter", "samma respondenttyp", "ej jämförbart:
// <the note naming each year's respondents>", "" for a row without a change.
std::string comparison_text(const ThemeReport& report, const ThemeReportRow& row);
std::string change_text(const ThemeReportRow& row);
// The notes of the changes that are not comparable: notes[i] is note i + 1
// ("Dalarna 2022 mot 2019: olika respondenter, ingen har svarat båda åren
// (2022: RSS Dalarna (rss); 2019: Region Dalarna (region)). ..."); one note
// per group and year, shared by its themes' rows. note_of_row[i] is the
// note of report.rows[i], 1-based, 0 for none.
struct ChangeNotes {
  std::vector<std::string> notes;
  std::vector<std::size_t> note_of_row;
};
ChangeNotes change_notes(const ThemeReport& report);
// How to read the change column (one paragraph).
std::string change_legend(const ThemeReport& report);
// "* Färre än 5 respondenter (--min-group 5): ..." (one paragraph).
std::string small_group_legend(const ThemeReport& report);
// "Antal kommuner som påbörjat eller förstärkt arbetet: Fast
// omsorgskontakt": the question text without a final "." or ":", then ": "
// (only a space after a "?"), then the label; the label alone when the
// question text is unknown.
std::string figure_question_and_label(const NumericFigure& f);
// figure_question_and_label(f) + " — " + value_text.
std::string figure_text(const NumericFigure& f);
// The key inside a Swedish sentence: "år", "region", "respondenttyp", ...
const char* report_key_word(GroupKey k);
std::string report_key_value(const GroupValues& g, GroupKey k);

}  // namespace analyzer
