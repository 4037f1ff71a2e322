#include "analyzer/print/docx_report.hpp"

#include <algorithm>

#include "analyzer/print/excerpt_printers.hpp"
#include "analyzer/print/provenance_printers.hpp"
#include "analyzer/print/report_tables.hpp"

namespace analyzer {
namespace {

// The excerpt's text as runs, its marks bold; marks outside the text or
// overlapping an earlier one are clipped to what is left.
std::vector<DocxRun> marked_runs(const Excerpt& e) {
  std::vector<DocxRun> runs;
  const std::string_view text = e.text;
  std::size_t at = 0;
  for (ByteSpan m : e.marks) {
    const std::size_t begin = std::clamp<std::size_t>(m.begin, at, text.size());
    const std::size_t end = std::clamp<std::size_t>(m.end, begin, text.size());
    if (begin > at) runs.push_back({std::string(text.substr(at, begin - at)), false});
    if (end > begin) runs.push_back({std::string(text.substr(begin, end - begin)), true});
    at = end;
  }
  if (at < text.size()) runs.push_back({std::string(text.substr(at)), false});
  return runs;
}

// The quotes of one theme: a Quote paragraph each, its citation under it.
void add_quotes(DocxDocument& doc, const ExcerptList& list) {
  if (list.excerpts.empty()) {
    doc.paragraph("Inga utdrag.");
    return;
  }
  for (const Excerpt& e : list.excerpts) {
    doc.quote(marked_runs(e));
    doc.paragraph("— " + excerpt_citation(e.sources.at(0)));
    const std::string also = excerpt_also_line(e);
    if (!also.empty()) doc.paragraph(also);
  }
}

std::string theme_label(const ExcerptList& list) { return list.label.empty() ? list.theme : list.label; }

// One section of report_sections(): its heading, note, table and remarks.
void add_section(DocxDocument& doc, const ReportSection& section) {
  doc.heading(2, section.title);
  doc.paragraph(section.note);
  if (section.table.rows.empty()) doc.paragraph("(inga)");
  else doc.table(section.table);
  for (const std::string& remark : section.remarks) doc.paragraph(remark);
}

void add_excerpt_sections(DocxDocument& doc, const std::vector<ExcerptList>& excerpts) {
  if (excerpts.empty()) return;
  doc.heading(1, "Citat");
  for (const ExcerptList& list : excerpts) {
    doc.heading(2, theme_label(list));
    add_quotes(doc, list);
  }
}

// The provenance block at the end: "Underlag och framställning", its
// lines, then the sources table.
void add_provenance(DocxDocument& doc, const std::optional<ReportProvenance>& p) {
  if (!p) return;
  doc.heading(2, kProvenanceHeading);
  for (const ProvenanceLine& line : provenance_lines(*p)) doc.paragraph(line.label + ": " + line.value);
  const std::vector<std::vector<std::string>> rows = provenance_source_rows(*p);
  if (rows.size() < 2) return;
  TextTable table;
  for (const std::string& heading : rows.front()) table.column(heading, false);
  table.rows.assign(rows.begin() + 1, rows.end());
  doc.table(table);
}

}  // namespace

DocxDocument report_docx(const ThemeReport& report, const std::vector<ExcerptList>& excerpts) {
  DocxDocument doc;
  doc.heading(1, "God och nära vård – temarapport");
  for (const ReportSection& section : report_sections(report, false)) add_section(doc, section);
  add_excerpt_sections(doc, excerpts);
  add_provenance(doc, report.provenance);
  return doc;
}

Status write_report_docx(const ThemeReport& report, const std::vector<ExcerptList>& excerpts,
                         const std::string& path) {
  return report_docx(report, excerpts).save(path);
}

DocxDocument excerpts_docx(const ExcerptList& list) {
  DocxDocument doc;
  doc.heading(1, "Utdrag: " + theme_label(list));
  if (!list.excerpts.empty()) doc.paragraph(excerpt_count(list) + ".");
  add_quotes(doc, list);
  add_provenance(doc, list.provenance);
  return doc;
}

Status write_excerpts_docx(const ExcerptList& list, const std::string& path) { return excerpts_docx(list).save(path); }

}  // namespace analyzer
