#pragma once
// Excel printers (`report --format xlsx`, `excerpts --format xlsx`): the
// report as a workbook an analyst filters and copies tables from. Layout
// only: the report and excerpts are computed in report/; cells are typed
// (numbers are numbers, the share a percentage) and written by write_xlsx
// (xlsx_writer.hpp: text is never a formula, frozen bold header row,
// autofilter, column widths). Headings are Swedish.
//
// Report workbook, one sheet per table, in this order:
//   "Teman"         the theme table: Tema, Tema-id, the grouping keys (År a
//                   number; an unknown value "okänt"/"okänd"), Respondenter,
//                   Respondenter i gruppen, Andel (percent of respondents,
//                   empty without respondents), Svar, Svar i gruppen,
//                   Omnämnanden, and with the key "year" Föregående år and
//                   Förändring mot föregående år (a signed number)
//   "Egna siffror"  the respondents' own figures: Tema, År, Respondent,
//                   Fråga, Uppgift, Värde (a number), Värde som angivet,
//                   Källa
//   "Samförekomst"  Tema, Tema, Svar, Respondenter (both themes)
//   "Citat"         the excerpts given, theme by theme in rank order
//                   (excerpt_rows below); only when excerpts are given
// Excerpts workbook: one sheet "Utdrag <label>" (xlsx_sheet_name) of
//   excerpt_rows: Tema, Nr, Citat, Hänvisning (the citation as the table
//   prints it, excerpt_printers.hpp), Respondent, Respondenttyp, Region, År,
//   Fråga, Frågetext, Källa, Plats ("rad 88", "sida 14"), Även (other
//   sources of a near-duplicate), Fragment ("ja"/"nej").
// Each sheet comes from a function of its own (a sheet is added by adding
// one and listing it in report_sheets). The texts are masked already
// (report/excerpts.hpp). Errors: a Status naming the path. Cost: linear in
// rows + figures + pairs + excerpts.
//
// Example:
//   Status s = write_report_xlsx(report, excerpts, "build/temarapport.xlsx");

#include <string>
#include <vector>

#include "analyzer/core/diagnostic.hpp"
#include "analyzer/print/xlsx_writer.hpp"
#include "analyzer/report/excerpts.hpp"
#include "analyzer/report/theme_report.hpp"

namespace analyzer {

// The sheets of the report workbook, in order (see the file comment).
std::vector<XlsxSheet> report_sheets(const ThemeReport& report, const std::vector<ExcerptList>& excerpts);
Status write_report_xlsx(const ThemeReport& report, const std::vector<ExcerptList>& excerpts,
                         const std::string& path);

// The one sheet of the excerpts workbook.
std::vector<XlsxSheet> excerpt_sheets(const ExcerptList& list);
Status write_excerpts_xlsx(const ExcerptList& list, const std::string& path);

}  // namespace analyzer
