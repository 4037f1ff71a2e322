#include "analyzer/print/provenance_printers.hpp"

#include <algorithm>

#include "analyzer/core/json_text.hpp"
#include "analyzer/core/utf8.hpp"
#include "analyzer/print/json_values.hpp"
#include "analyzer/print/location_text.hpp"
#include "analyzer/print/markdown_text.hpp"
#include "analyzer/print/no_value.hpp"
#include "analyzer/print/terminal_text.hpp"

namespace analyzer {
namespace {

using ordered_json = nlohmann::ordered_json;


ordered_json origin_json(const FieldEvidence& e) {
  ordered_json j;
  j["from"] = to_string(e.from);
  j["rule"] = e.rule;
  if (!e.file.empty()) j["file"] = e.file;
  if (!e.location.empty())   // a sheet name need not be valid UTF-8: replaced, as every JSON printer does
    j["location"] = ordered_json::parse(
        json_text(to_json(e).at("location")));
  return j;
}

ordered_json part_json(const SourcePart& part) {
  ordered_json j;
  j["part"] = part.part;
  j["year"] = part.respondent.year ? ordered_json(*part.respondent.year) : ordered_json();
  j["region"] = json_or_null(part.respondent.region);
  j["respondent_type"] = part.respondent.type ? ordered_json(to_string(*part.respondent.type)) : ordered_json();
  j["respondent"] = json_or_null(part.respondent.name);
  ordered_json origin;
  for (const NamedEvidence& f : fields_of(part.provenance)) origin[f.field] = origin_json(*f.evidence);
  j["origin"] = std::move(origin);
  return j;
}

const char* field_word(std::string_view field) {
  if (field == "year") return "år";
  if (field == "type") return "typ";
  return field == "region" ? "region" : "respondent";
}

const std::vector<std::string> kSourceHeadings = {"Källa",         "Format",     "Del",     "År", "Region",
                                                  "Respondenttyp", "Respondent", "Ursprung"};

}  // namespace

std::string origin_text(const FieldEvidence& e) {
  const std::string where = location_text(e.location);
  switch (e.from) {
    case FieldOrigin::Manifest: return where.empty() ? "manifest" : "manifest " + where;
    case FieldOrigin::Detected: return "upptäckt (" + e.rule + (where.empty() ? "" : ", " + where) + ")";
    case FieldOrigin::Default: break;
  }
  return "standard";
}

std::string part_origin_text(const SourcePart& part) {
  std::string s;
  for (const NamedEvidence& f : fields_of(part.provenance)) {
    if (!s.empty()) s += "; ";
    s += std::string(field_word(f.field)) + ": " + origin_text(*f.evidence);
  }
  return s;
}

namespace {

// "1 manuell kodning", "3 manuella kodningar".
std::string count_of(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string codes_text(const CodesUsed& c) {
  std::string s;
  const std::string automatic = count_of(c.automatic, "automatisk kodning", "automatiska kodningar");
  if (!c.reviewed) {
    s = "automatiska koder (lexikonet)";
    if (c.decided || c.manual)
      s += ", granskningen används inte (" + count_of(c.decided, "beslut", "beslut") + ", " +
           count_of(c.manual, "manuell kodning", "manuella kodningar") + " i kodningsfilen)";
  } else {
    s = "granskade koder — " + std::to_string(c.decided) + " av " + automatic + (c.decided == 1 ? " granskad" : " granskade") +
        " (" + std::to_string(c.accepted) + (c.accepted == 1 ? " godkänd, " : " godkända, ") +
        std::to_string(c.rejected) + (c.rejected == 1 ? " avvisad), " : " avvisade), ") +
        count_of(c.manual, "manuell kodning", "manuella kodningar");
    if (c.orphaned)
      s += ", " + count_of(c.orphaned, "kodning utan fäste utelämnad", "kodningar utan fäste utelämnade");
  }
  if (!c.coder.empty()) s += " (endast kodaren " + c.coder + ")";
  return s;
}

std::vector<ProvenanceLine> provenance_lines(const ReportProvenance& p) {
  std::string indexes;
  for (const std::string& i : p.indexes) indexes += (indexes.empty() ? "" : ", ") + i;
  std::vector<ProvenanceLine> lines{
      {"Framställd", p.created_at},
      {"Program", "analyzer " + p.analyzer_version + " (analysregler version " + p.analysis_version +
                      ", indexschema " + p.index_schema + ")"},
      {"Lexikon", "version " + p.lexicon_version},
      {"Kommando", p.command_line},
      {"Index", indexes.empty() ? kNoValue : indexes},
      {"Källor", std::to_string(p.sources.size()) + (p.sources.size() == 1 ? " fil" : " filer")},
  };
  if (p.codes) lines.push_back({"Kodning", codes_text(*p.codes)});
  return lines;
}

std::vector<std::vector<std::string>> provenance_source_rows(const ReportProvenance& p) {
  std::vector<std::vector<std::string>> rows{kSourceHeadings};
  auto or_dash = [](const std::string& s) { return s.empty() ? std::string(kNoValue) : s; };
  for (const SourceSummary& s : p.sources) {
    if (s.parts.empty()) rows.push_back({s.source, or_dash(s.format), kNoValue, kNoValue, kNoValue, kNoValue, kNoValue, kNoValue});
    for (const SourcePart& part : s.parts) {
      const Respondent& r = part.respondent;
      rows.push_back({s.source, or_dash(s.format), std::to_string(part.part),
                      r.year ? std::to_string(*r.year) : kNoValue, or_dash(r.region),
                      r.type ? to_string(*r.type) : kNoValue, or_dash(r.name), part_origin_text(part)});
    }
  }
  return rows;
}

void print_provenance_table(const ReportProvenance& p, std::ostream& out) {
  out << kProvenanceHeading << '\n';
  for (const ProvenanceLine& l : provenance_lines(p)) out << l.label << ": " << terminal_text(l.value) << '\n';
  const auto rows = provenance_source_rows(p);
  if (rows.size() == 1) return;
  out << '\n';
  std::vector<std::size_t> width(rows.front().size(), 0);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], utf8::code_points(terminal_text(row[c])));
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string cell = terminal_text(row[c]);
      if (c) line += "  ";
      line += cell;
      if (c + 1 < row.size()) line += std::string(width[c] - utf8::code_points(cell), ' ');
    }
    out << line << '\n';
  }
}

void print_provenance_md(const ReportProvenance& p, std::ostream& out) {
  out << "## " << kProvenanceHeading << "\n\n";
  for (const ProvenanceLine& l : provenance_lines(p)) out << "- " << l.label << ": " << md_escape(l.value) << '\n';
  const auto rows = provenance_source_rows(p);
  if (rows.size() == 1) return;
  out << '\n';
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out << '|';
    for (const std::string& c : rows[i]) out << ' ' << md_escape(c) << " |";
    out << '\n';
    if (i == 0) {
      out << '|';
      for (std::size_t c = 0; c < rows[i].size(); ++c) out << " --- |";
      out << '\n';
    }
  }
}

ordered_json provenance_json(const ReportProvenance& p) {
  ordered_json j;
  j["created_at"] = p.created_at;
  j["analyzer_version"] = p.analyzer_version;
  j["analysis_version"] = p.analysis_version;
  j["index_schema"] = p.index_schema;
  j["lexicon_version"] = p.lexicon_version;
  j["command_line"] = p.command_line;
  j["indexes"] = p.indexes;
  j["sources"] = ordered_json::array();
  for (const SourceSummary& s : p.sources) {
    ordered_json src;
    src["source"] = s.source;
    src["path"] = s.path;
    src["format"] = s.format;
    src["parts"] = ordered_json::array();
    for (const SourcePart& part : s.parts) src["parts"].push_back(part_json(part));
    j["sources"].push_back(std::move(src));
  }
  if (p.codes) {
    const CodesUsed& c = *p.codes;
    ordered_json codes;
    codes["used"] = c.reviewed ? "reviewed" : "auto";
    codes["coder"] = json_or_null(c.coder);
    codes["automatic"] = c.reviewed ? ordered_json(c.automatic) : ordered_json();
    codes["reviewed"] = c.decided;
    codes["accepted"] = c.accepted;
    codes["rejected"] = c.rejected;
    codes["manual"] = c.manual;
    codes["orphaned"] = c.orphaned;
    j["codes"] = std::move(codes);
  }
  return j;
}

}  // namespace analyzer
