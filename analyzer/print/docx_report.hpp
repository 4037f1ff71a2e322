#pragma once
// Word printers (`report --format docx`, `excerpts --format docx`): the
// report's tables and the quotes with their citations, in Word's own
// heading, quote and table styles, so that an analyst can paste them into
// the summary. Layout only: the report and excerpts are computed in report/
// and the tables are those of the terminal and Markdown report
// (report_tables.hpp); the package is written by DocxDocument
// (docx_writer.hpp: escaping, styles, errors).
//
// Report, top to bottom (Swedish):
//   Heading 1 "God och nära vård – temarapport"
//   for each section of report_sections() ("Teman", "Respondentens egen
//   siffra", "Samförekomst"): Heading 2 title, its note, its table (Table
//   Grid, header row) or "(inga)";
//   Heading 1 "Citat", then per theme with excerpts given: Heading 2 label,
//   the excerpt list (below). A theme without excerpts says so.
// Excerpts (one theme): per excerpt a paragraph in style Quote, the theme's
//   mentions in bold, then a Normal paragraph "— <citation>" (excerpt_citation,
//   excerpt_printers.hpp: respondent, year, question and its text, file and
//   where in it) and, for a near-duplicate, "(även: …)". The excerpts
//   command's file starts with Heading 1 "Utdrag: <label>" and the count.
// The texts are masked already (report/excerpts.hpp); nothing here unmasks.
// Errors: a Status naming the path when the file cannot be written (nothing
// half-written is left). Cost: linear in rows + excerpts.
//
// Example:
//   Status s = write_report_docx(report, excerpts, "build/temarapport.docx");

#include <string>
#include <vector>

#include "analyzer/core/diagnostic.hpp"
#include "analyzer/print/docx_writer.hpp"
#include "analyzer/report/excerpts.hpp"
#include "analyzer/report/theme_report.hpp"

namespace analyzer {

// The report as a document, and written to `path`.
DocxDocument report_docx(const ThemeReport& report, const std::vector<ExcerptList>& excerpts);
Status write_report_docx(const ThemeReport& report, const std::vector<ExcerptList>& excerpts,
                         const std::string& path);

// One theme's excerpts as a document, and written to `path`.
DocxDocument excerpts_docx(const ExcerptList& list);
Status write_excerpts_docx(const ExcerptList& list, const std::string& path);

}  // namespace analyzer
