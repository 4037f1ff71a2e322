#pragma once
// The theme report as sections of text tables: the one layout of the
// report's parts that the terminal table, Markdown and Word (docx_report.hpp)
// printers share, so that a part added here (a provenance block, say)
// reaches all three. Cells are the texts people read ("33 %", "−1 mot
// 2019", "okänt"); the typed formats (JSON, CSV, XLSX) lay out the report
// themselves.
//
// In:  a ThemeReport (report/theme_report.hpp).
// Out: sections in reading order: "Teman" (the theme table), "Respondentens
//      egen siffra" (the respondents' own figures), "Samförekomst" (pairs of
//      themes); each a Swedish title, a note on how to read it, and a table
//      whose rows may be empty (the printer then says "(inga)"), and the
//      remarks under it (the theme table's small-group and change legends
//      and its numbered "ej jämförbart" notes).
// `terminal` cuts long text keys (40 code points, figure labels 80) and puts
// them on one line; otherwise cells are whole. Nothing is escaped: each
// printer escapes for its format. Linear in rows + figures + pairs; never
// throws but for allocation; no shared state.

#include <ostream>
#include <string>
#include <vector>

#include "analyzer/report/theme_report.hpp"

namespace analyzer {

struct TextTable {
  std::vector<std::string> headings;
  std::vector<bool> right;                       // per column: numbers right-aligned
  std::vector<std::vector<std::string>> rows;    // each as many cells as headings
  void column(std::string heading, bool right_aligned) {
    headings.push_back(std::move(heading));
    right.push_back(right_aligned);
  }
};

struct ReportSection {
  std::string title;   // "Teman"
  std::string note;    // one or two Swedish sentences
  TextTable table;
  std::vector<std::string> remarks;   // paragraphs under the table: legends, numbered notes
};

std::vector<ReportSection> report_sections(const ThemeReport& report, bool terminal);

// `t` as aligned columns two spaces apart (widths in code points, numbers
// right-aligned), headings first, no trailing spaces; control characters in
// cells made visible (terminal_text). The terminal layout of every table
// here and of `agreement` (agreement_printers.hpp).
void render_text_table(const TextTable& t, std::ostream& out);

}  // namespace analyzer
