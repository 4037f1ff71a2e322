#include "analyzer/print/search_printers.hpp"

#include "analyzer/print/location_text.hpp"
#include "analyzer/print/markdown_text.hpp"
#include "analyzer/print/no_value.hpp"
#include "analyzer/print/terminal_text.hpp"

#include <nlohmann/json.hpp>

#include "analyzer/core/record_json.hpp"

namespace analyzer {
namespace {

using nlohmann::json;

// "RSS Halland · 2022 · fråga 5a · file.txt, rad 88", unknown parts named
// as such, the location (where the answer starts) only when known.
std::string citation(const AnswerRecord& a) {
  const Respondent& r = a.respondent;
  std::string out = r.name.empty() ? "okänd respondent" : r.name;
  out += " · " + (r.year ? std::to_string(*r.year) : std::string("okänt år"));
  if (!a.question.empty()) out += (a.layout == LayoutKind::Report || a.layout == LayoutKind::Decision ? " · avsnitt " : " · fråga ") + a.question;
  return out + " · " + source_and_location(a.source, a.location);
}

std::string count_line(const SearchResults& r, std::size_t offset) {
  std::string out = std::to_string(r.total) + (r.total == 1 ? " träff" : " träffar");
  if (!r.hits.empty())
    out += " (visar " + std::to_string(offset + 1) + "–" + std::to_string(offset + r.hits.size()) + ")";
  // With no hit, "also hits for the theme" would contradict the count:
  // the line says the theme was searched too.
  const char* first = r.total == 0 ? " (sökte även på temat " : ", även träffar för temat ";
  for (std::size_t i = 0; i < r.also_themes.size(); ++i)
    out += (i == 0 ? first : i + 1 == r.also_themes.size() ? " och " : ", ") + r.also_themes[i].label;
  if (r.total == 0 && !r.also_themes.empty()) out += ")";
  return out;
}

// "Menade du: trygg hemgång?", or empty without a suggestion.
std::string suggestion_line(const SearchResults& r) {
  return r.suggestion.empty() ? std::string() : "Menade du: " + r.suggestion + "?";
}

// The facets in the order shown, with their Swedish labels and JSON keys.
struct Facet {
  const char* label;
  const char* key;
  const std::map<std::string, std::size_t>& counts;
};
std::vector<Facet> facets(const SearchResults& r) {
  return {{"år", "year", r.by_year},
          {"region", "region", r.by_region},
          {"respondenttyp", "respondent_type", r.by_respondent_type},
          {"tema", "theme", r.by_theme}};
}

std::string facet_values(const Facet& f) {
  std::string out;
  for (const auto& [value, n] : f.counts) out += (out.empty() ? "" : ", ") + value + " (" + std::to_string(n) + ")";
  return out.empty() ? kNoValue : out;
}

// «word» → **word**, after escaping.
std::string md_snippet(const std::string& snippet) {
  std::string out = md_escape(snippet);
  for (const std::string mark : {"«", "»"})
    for (std::size_t p; (p = out.find(mark)) != std::string::npos;) out.replace(p, mark.size(), "**");
  return out;
}

}  // namespace

void print_search_table(const std::string&, const SearchResults& r, std::size_t offset, std::ostream& out) {
  out << terminal_text(count_line(r, offset)) << "\n";
  if (!r.suggestion.empty()) out << terminal_text(suggestion_line(r)) << "\n";
  out << "\n";
  std::size_t rank = offset;
  for (const SearchHit& h : r.hits) {
    out << ++rank << ". [" << h.percent << " %] " << terminal_text(citation(h.answer)) << '\n';
    out << "   " << terminal_text(h.snippet) << "\n\n";
  }
  for (const Facet& f : facets(r)) out << f.label << ": " << terminal_text(facet_values(f)) << '\n';
}

void print_search_json(const std::string& query, const SearchResults& r, std::size_t offset, std::ostream& out) {
  json j;
  j["query"] = query;
  j["total"] = r.total;
  j["offset"] = offset;
  json fj = json::object();
  for (const Facet& f : facets(r)) fj[f.key] = f.counts;
  j["facets"] = std::move(fj);
  j["suggestion"] = r.suggestion.empty() ? json(nullptr) : json(r.suggestion);
  json also = json::array();
  for (const ThemeName& t : r.also_themes) also.push_back({{"id", t.id}, {"label", t.label}});
  j["also_themes"] = std::move(also);
  json hits = json::array();
  for (const SearchHit& h : r.hits) {
    json hj;
    hj["answer_id"] = h.answer.id;
    hj["source"] = h.answer.source;
    put_respondent(hj, h.answer.respondent);
    hj["question"] = h.answer.question;
    hj["location"] = to_json(h.answer.location);
    hj["score"] = h.percent;
    hj["snippet"] = h.snippet;
    hits.push_back(std::move(hj));
  }
  j["hits"] = std::move(hits);
  out << j.dump(2) << '\n';
}

void print_search_md(const std::string& query, const SearchResults& r, std::size_t offset, std::ostream& out) {
  out << "## Sökning: " << md_escape(query) << "\n\n" << count_line(r, offset) << "\n\n";
  if (!r.suggestion.empty()) out << "*" << md_escape(suggestion_line(r)) << "*\n\n";
  std::size_t rank = offset;
  for (const SearchHit& h : r.hits)
    out << ++rank << ". " << md_escape(citation(h.answer)) << " (" << h.percent << " %)  \n   "
        << md_snippet(h.snippet) << "\n";
  if (!r.hits.empty()) out << '\n';
  for (const Facet& f : facets(r)) out << "- **" << f.label << "**: " << md_escape(facet_values(f)) << '\n';
}

}  // namespace analyzer
