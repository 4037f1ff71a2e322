#include "analyzer/print/xlsx_report.hpp"

#include <algorithm>

#include "analyzer/print/excerpt_printers.hpp"
#include "analyzer/print/location_text.hpp"
#include "analyzer/print/provenance_printers.hpp"
#include "analyzer/print/report_printers.hpp"

namespace analyzer {
namespace {

using Row = std::vector<XlsxCell>;

XlsxCell text(std::string s) { return XlsxCell::of_text(std::move(s)); }
XlsxCell count(std::size_t n) { return XlsxCell::of_number(static_cast<double>(n)); }
XlsxCell year_cell(const std::optional<int>& year) { return year ? XlsxCell::of_number(*year) : text("okänt"); }

bool has_year_key(const ThemeReport& r) { return std::find(r.by.begin(), r.by.end(), GroupKey::Year) != r.by.end(); }

XlsxSheet theme_sheet(const ThemeReport& r) {
  XlsxSheet s{"Teman", {"Tema", "Tema-id"}, {}};
  for (GroupKey k : r.by) s.headings.push_back(report_key_heading(k));
  for (const char* h : {"Respondenter", "Respondenter i gruppen", "Andel", "Svar", "Svar i gruppen", "Omnämnanden"})
    s.headings.push_back(h);
  const bool changes = has_year_key(r);
  if (changes) {
    s.headings.push_back("Föregående år");
    s.headings.push_back("Förändring mot föregående år");
    s.headings.push_back("Jämförelse");
    s.headings.push_back("Förändring (procentenheter)");
  }
  s.headings.push_back("Liten grupp");
  for (const ThemeReportRow& row : r.rows) {
    Row cells{text(r.label(row.theme)), text(row.theme)};
    for (GroupKey k : r.by)
      cells.push_back(k == GroupKey::Year ? year_cell(row.group.year) : text(report_key_value(row.group, k)));
    cells.push_back(count(row.respondents));
    cells.push_back(count(row.respondents_total));
    const auto share = row.share();
    cells.push_back(share ? XlsxCell::of_percent(*share) : XlsxCell::empty());
    cells.push_back(count(row.answers));
    cells.push_back(count(row.answers_total));
    cells.push_back(count(row.mentions));
    if (changes) {
      cells.push_back(row.previous_year ? XlsxCell::of_number(*row.previous_year) : XlsxCell::empty());
      cells.push_back(row.respondents_change ? XlsxCell::of_change(static_cast<double>(*row.respondents_change))
                                             : XlsxCell::empty());
      cells.push_back(text(comparison_text(r, row)));
      const std::optional<double> points = row.change ? row.change->points() : std::nullopt;
      cells.push_back(points ? XlsxCell::of_change(*points) : XlsxCell::empty());
    }
    cells.push_back(text(row.small_group ? "ja" : ""));
    s.rows.push_back(std::move(cells));
  }
  return s;
}

XlsxSheet figure_sheet(const ThemeReport& r) {
  XlsxSheet s{"Egna siffror",
              {"Tema", "År", "Respondent", "Fråga", "Uppgift", "Värde", "Värde som angivet", "Källa"},
              {}};
  for (const ThemeReportRow& row : r.rows)
    for (const NumericFigure& f : row.figures)
      s.rows.push_back({text(r.label(row.theme)), year_cell(f.year), text(f.respondent), text(f.question),
                        text(f.label), XlsxCell::of_number(f.value), text(f.value_text), text(f.source)});
  return s;
}

XlsxSheet pair_sheet(const ThemeReport& r) {
  XlsxSheet s{"Samförekomst", {"Tema", "Tema", "Svar", "Respondenter"}, {}};
  for (const CoOccurrence& c : r.co_occurrence)
    s.rows.push_back({text(r.label(c.a)), text(r.label(c.b)), count(c.answers), count(c.respondents)});
  return s;
}

const std::vector<std::string> kExcerptHeadings{"Tema",   "Nr",        "Citat", "Hänvisning", "Respondent",
                                                "Respondenttyp", "Region", "År",    "Fråga",      "Frågetext",
                                                "Källa",  "Plats",     "Även",  "Fragment"};

// The rows of one theme's excerpts, in rank order.
void add_excerpt_rows(const ExcerptList& list, XlsxSheet& s) {
  const std::string label = list.label.empty() ? list.theme : list.label;
  for (std::size_t i = 0; i < list.excerpts.size(); ++i) {
    const Excerpt& e = list.excerpts[i];
    const Citation& c = e.sources.at(0);
    s.rows.push_back({text(label), count(i + 1), text(e.text), text(excerpt_citation(c)), text(c.respondent),
                      text(c.respondent_type), text(c.region), year_cell(c.year), text(c.question),
                      text(c.question_text), text(c.source), text(location_text(c.location)),
                      text(excerpt_also_line(e)), text(e.fragment ? "ja" : "nej")});
  }
}

XlsxSheet quote_sheet(const std::vector<ExcerptList>& excerpts) {
  XlsxSheet s{"Citat", kExcerptHeadings, {}};
  for (const ExcerptList& list : excerpts) add_excerpt_rows(list, s);
  return s;
}

// "Underlag": the provenance lines (label, value), an empty row, then the
// sources table (its heading row as bold-less text, one row per file part).
XlsxSheet provenance_sheet(const ReportProvenance& p) {
  XlsxSheet s{"Underlag", {"Uppgift", "Värde"}, {}};
  for (const ProvenanceLine& line : provenance_lines(p)) s.rows.push_back({text(line.label), text(line.value)});
  s.rows.push_back({});
  for (const std::vector<std::string>& cells : provenance_source_rows(p)) {
    Row row;
    for (const std::string& cell : cells) row.push_back(text(cell));
    if (row.size() > s.headings.size()) s.headings.resize(row.size());
    s.rows.push_back(std::move(row));
  }
  return s;
}

}  // namespace

std::vector<XlsxSheet> report_sheets(const ThemeReport& report, const std::vector<ExcerptList>& excerpts) {
  std::vector<XlsxSheet> sheets{theme_sheet(report), figure_sheet(report), pair_sheet(report)};
  if (!excerpts.empty()) sheets.push_back(quote_sheet(excerpts));
  if (report.provenance) sheets.push_back(provenance_sheet(*report.provenance));
  return sheets;
}

Status write_report_xlsx(const ThemeReport& report, const std::vector<ExcerptList>& excerpts,
                         const std::string& path) {
  return write_xlsx(report_sheets(report, excerpts), path);
}

std::vector<XlsxSheet> excerpt_sheets(const ExcerptList& list) {
  XlsxSheet s{xlsx_sheet_name("Utdrag " + (list.label.empty() ? list.theme : list.label), {}), kExcerptHeadings, {}};
  add_excerpt_rows(list, s);
  if (list.provenance) return {s, provenance_sheet(*list.provenance)};
  return {s};
}

Status write_excerpts_xlsx(const ExcerptList& list, const std::string& path) {
  return write_xlsx(excerpt_sheets(list), path);
}

}  // namespace analyzer
