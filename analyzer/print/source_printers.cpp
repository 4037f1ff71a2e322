#include "analyzer/print/source_printers.hpp"

#include <algorithm>
#include <string>

#include "analyzer/core/json_text.hpp"
#include "analyzer/core/utf8.hpp"
#include "analyzer/print/markdown_text.hpp"
#include "analyzer/print/terminal_text.hpp"

namespace analyzer {
namespace {

// The Swedish name of a field, as the columns say it.
std::string field_sv(const std::string& field) {
  if (field == "year") return "år";
  if (field == "type") return "typ";
  return field;  // "region", "respondent" read the same
}

// "M", "D:rule", "S".
std::string origin_code(const FieldEvidence& e) {
  switch (e.from) {
    case FieldOrigin::Manifest: return "M";
    case FieldOrigin::Detected: return "D:" + e.rule;
    case FieldOrigin::Default: break;
  }
  return e.rule.empty() ? "S" : "S:" + e.rule;
}

// "år=M region=D:most_named_region typ=D:form_title resp=S".
std::string origin_codes(const RespondentProvenance& p) {
  std::string out;
  for (const NamedEvidence& f : fields_of(p)) {
    const std::string name = std::string(f.field) == "respondent" ? "resp" : field_sv(f.field);
    out += (out.empty() ? "" : " ") + name + "=" + origin_code(*f.evidence);
  }
  return out;
}

// The part's remarks in Swedish, joined by "; ".
std::string warnings_sv(const SourcePart& p) {
  std::string out;
  for (const PartWarning& w : p.warnings) {
    std::string s;
    if (w.kind == "blank_form") s = "tom blankett";
    else if (w.kind == "no_answers") s = "inga svar";
    else if (w.kind == "field_guessed") s = "gissat: " + field_sv(w.field);
    else if (w.kind == "field_default") s = "saknas: " + field_sv(w.field);
    else if (w.kind == "manifest_disagrees") s = "avviker från manifestet: " + field_sv(w.field);
    else s = w.kind;
    out += (out.empty() ? "" : "; ") + s;
  }
  return out;
}

// What kind of part it is, in Swedish: a decision part is listed, but its
// text is not among the answers a report counts.
std::string layout_sv(LayoutKind layout) {
  switch (layout) {
    case LayoutKind::Survey: return "enkät";
    case LayoutKind::Report: return "rapport";
    case LayoutKind::Decision: return "beslut";
    case LayoutKind::Unknown: return "okänd";
  }
  return "okänd";
}

// The cells of one part's line, in column order.
std::vector<std::string> cells(const SourceSummary& s, const SourcePart& p) {
  const Respondent& r = p.respondent;
  return {s.source,
          std::to_string(p.part),
          layout_sv(p.layout),
          s.format,
          r.year ? std::to_string(*r.year) : "?",
          r.region.empty() ? "?" : r.region,
          r.name.empty() ? "?" : r.name,
          r.type ? to_string(*r.type) : "?",
          std::to_string(p.answers),
          std::to_string(p.numbers),
          std::to_string(p.mentions),
          origin_codes(p.provenance),
          warnings_sv(p)};
}

const std::vector<std::string> kColumns = {"fil",  "del",     "slag",        "format",   "år",       "region",
                                           "respondent", "typ", "svar", "siffror", "omnämnanden", "ursprung",
                                           "varningar"};

// A file ingested before provenance was stored: a line that says so.
std::vector<std::string> old_file_cells(const SourceSummary& s) {
  std::vector<std::string> c(kColumns.size(), "");
  c[0] = s.source;
  c.back() = "inläst av en äldre version: läs in igen (analyzer ingest)";
  return c;
}

std::size_t width(const std::string& s) { return utf8::code_points(s); }

void print_table(const std::vector<SourceSummary>& sources, std::ostream& out) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::vector<std::string>> evidence;  // lines under each row
  std::vector<bool> part_rows;                      // whether the row is a part
  for (const SourceSummary& s : sources) {
    if (s.parts.empty()) {
      rows.push_back(old_file_cells(s));
      evidence.emplace_back();
      part_rows.push_back(false);
    }
    for (const SourcePart& p : s.parts) {
      std::vector<std::string> row = cells(s, p);
      for (std::string& c : row) c = terminal_text(c);
      rows.push_back(std::move(row));
      std::vector<std::string> lines;
      // The evidence of fields the text or a running header decided, or
      // left empty; a manifest value or a spreadsheet column says all in
      // the code.
      for (const NamedEvidence& f : fields_of(p.provenance))
        if (f.evidence->from == FieldOrigin::Default || f.evidence->span || f.evidence->rule == "page_header" ||
            f.evidence->rule == "document_title")
          lines.push_back("    " + field_sv(f.field) + ": " + terminal_text(describe(*f.evidence)));
      evidence.push_back(std::move(lines));
      part_rows.push_back(true);
    }
    // The file's warnings from reading it, under its last row.
    if (!evidence.empty())
      for (const FileNote& n : s.notes)
        if (n.severity == "warning") evidence.back().push_back("    varning: " + terminal_text(n.message));
  }
  // Every column but the last two as wide as its widest cell.
  std::vector<std::size_t> widths(kColumns.size(), 0);
  for (std::size_t c = 0; c + 2 < kColumns.size(); ++c) {
    widths[c] = width(kColumns[c]);
    for (const auto& row : rows) widths[c] = std::max(widths[c], width(row[c]));
  }
  const auto print_row = [&](const std::vector<std::string>& row) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line += std::string(widths[c] > width(row[c]) ? widths[c] - width(row[c]) : 0, ' ') + "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  };
  print_row(kColumns);
  std::size_t parts = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    print_row(rows[i]);
    for (const std::string& l : evidence[i]) out << l << '\n';
    parts += i < part_rows.size() && part_rows[i];
  }
  out << sources.size() << " filer, " << parts
      << " delar. Ursprung: M manifest, D funnet i texten (regel), S saknas/standard.\n"
         "Rätta uppgifterna: analyzer sources --write-manifest FIL, ändra filen, läs in igen med --manifest FIL.\n";
}

void print_markdown(const std::vector<SourceSummary>& sources, std::ostream& out) {
  out << "|";
  for (const std::string& c : kColumns) out << ' ' << c << " |";
  out << "\n|";
  for (std::size_t i = 0; i < kColumns.size(); ++i) out << " --- |";
  out << '\n';
  for (const SourceSummary& s : sources) {
    std::vector<std::vector<std::string>> rows;
    if (s.parts.empty()) rows.push_back(old_file_cells(s));
    for (const SourcePart& p : s.parts) rows.push_back(cells(s, p));
    for (const auto& row : rows) {
      out << "|";
      for (const std::string& c : row) out << ' ' << md_escape(c) << " |";
      out << '\n';
    }
  }
  out << '\n';
  for (const SourceSummary& s : sources) {
    if (s.parts.empty()) continue;
    out << "### " << md_escape(s.source) << "\n\n";
    for (const SourcePart& p : s.parts)
      for (const NamedEvidence& f : fields_of(p.provenance))
        out << "- del " << p.part << ", " << field_sv(f.field) << ": " << md_escape(describe(*f.evidence)) << '\n';
    for (const FileNote& n : s.notes)
      if (n.severity == "warning") out << "- varning: " << md_escape(n.message) << '\n';
    out << '\n';
  }
}

}  // namespace

void print_sources(const std::vector<SourceSummary>& sources, SourcesFormat format, std::ostream& out) {
  switch (format) {
    case SourcesFormat::Table: print_table(sources, out); return;
    case SourcesFormat::Markdown: print_markdown(sources, out); return;
    case SourcesFormat::Json:
      for (const SourceSummary& s : sources) out << json_text(to_json(s)) << '\n';
      return;
  }
}

}  // namespace analyzer
