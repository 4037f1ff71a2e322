#include "analyzer/print/excerpt_printers.hpp"

#include "analyzer/core/json_text.hpp"
#include "analyzer/core/record_json.hpp"
#include "analyzer/core/utf8.hpp"
#include "analyzer/print/location_text.hpp"
#include "analyzer/print/markdown_text.hpp"
#include "analyzer/print/provenance_printers.hpp"
#include "analyzer/print/terminal_text.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace analyzer {
namespace {

using nlohmann::json;

// `s` cut to at most `n` characters, "…" added when cut; never inside a
// UTF-8 sequence.
std::string cut(std::string_view s, std::size_t n) {
  std::string_view kept = s.substr(0, utf8::prefix_length(s, n));
  if (kept.size() == s.size()) return std::string(s);
  while (!kept.empty() && kept.back() == ' ') kept.remove_suffix(1);
  return std::string(kept) + "…";
}

// The text with each mark between `open` and `close`; `escape` applied to
// every piece of the text.
template <class Escape>
std::string marked(const Excerpt& e, std::string_view open, std::string_view close, Escape escape) {
  std::string out;
  std::size_t at = 0;
  const std::string_view text = e.text;
  for (ByteSpan m : e.marks) {
    out += escape(text.substr(at, m.begin - at));
    out += open;
    out += escape(text.substr(m.begin, m.size()));
    out += close;
    at = m.end;
  }
  return out + escape(text.substr(at));
}

// The citation of excerpt_citation() with `where` after the source file
// ("" leaves it out).
std::string citation_text(const Citation& c, std::size_t question_chars, const std::string& where) {
  std::string out = c.respondent.empty() ? "okänd respondent" : c.respondent;
  out += ", " + (c.year ? std::to_string(*c.year) : std::string("okänt år")) + ", ";
  if (c.layout == LayoutKind::Survey) {
    out += "fråga " + c.question;
    if (question_chars && !c.question_text.empty()) out += ": " + cut(c.question_text, question_chars);
  } else {
    out += "avsnitt: " + cut(c.question_text.empty() ? c.question : c.question_text, question_chars ? question_chars : 40);
  }
  return out + " (" + c.source + (where.empty() ? "" : ", " + where) + ")";
}

// "(även: A; B (b.txt, rad 12; rad 30); C ×3)": the other sources, a
// citation that recurs (the same sentence several times in one answer)
// once with each of its places, and with its count when places repeat or
// are unknown.
std::string also_text(const Excerpt& e) {
  struct Cited {
    std::string key;                  // the citation without its place
    const Citation* first = nullptr;
    std::vector<std::string> places;  // distinct, in order
    std::size_t count = 0;
  };
  std::vector<Cited> cited;
  for (std::size_t i = 1; i < e.sources.size(); ++i) {
    const Citation& c = e.sources[i];
    std::string key = citation_text(c, 0, "");
    auto same = std::find_if(cited.begin(), cited.end(), [&](const Cited& x) { return x.key == key; });
    if (same == cited.end()) same = cited.insert(cited.end(), Cited{std::move(key), &c, {}, 0});
    ++same->count;
    const std::string where = location_text(c.location);
    if (!where.empty() && std::find(same->places.begin(), same->places.end(), where) == same->places.end())
      same->places.push_back(where);
  }
  std::string out = "(även: ";
  for (std::size_t i = 0; i < cited.size(); ++i) {
    std::string places;
    for (const std::string& p : cited[i].places) places += (places.empty() ? "" : "; ") + p;
    out += (i ? "; " : "") + citation_text(*cited[i].first, 0, places);
    if (cited[i].count > cited[i].places.size() && cited[i].count > 1) out += " ×" + std::to_string(cited[i].count);
  }
  return out + ")";
}

std::string count_text(const ExcerptList& l) {
  std::string out = std::to_string(l.sentences) + (l.sentences == 1 ? " mening" : " meningar");
  if (l.excerpts.size() < l.sentences) out = std::to_string(l.excerpts.size()) + " av " + out;
  return out;
}

json or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json citation_json(const Citation& c) {
  return {{"answer_id", c.answer_id},
          {"source", c.source},
          {"year", c.year ? json(*c.year) : json(nullptr)},
          {"region", or_null(c.region)},
          {"respondent_type", or_null(c.respondent_type)},
          {"respondent", or_null(c.respondent)},
          {"question", c.question},
          {"question_text", c.question_text},
          {"layout", to_string(c.layout)},
          {"start", c.span.begin},
          {"end", c.span.end},
          {"location", to_json(c.location)}};
}

}  // namespace

std::string excerpt_also_line(const Excerpt& e) { return e.sources.size() > 1 ? also_text(e) : std::string(); }

std::string excerpt_count(const ExcerptList& list) { return count_text(list); }

std::string excerpt_citation(const Citation& c, std::size_t question_chars) {
  return citation_text(c, question_chars, location_text(c.location));
}

namespace {

// The provenance of one excerpt line: the list's, with the sources of
// this excerpt only (its first source and near-duplicates).
json excerpt_provenance(const ReportProvenance& p, const Excerpt& e) {
  ReportProvenance own = p;
  own.sources.clear();
  for (const SourceSummary& s : p.sources)
    if (std::any_of(e.sources.begin(), e.sources.end(), [&](const Citation& c) { return c.source == s.source; }))
      own.sources.push_back(s);
  return json::parse(json_text(provenance_json(own)));
}

}  // namespace

void print_excerpts_table(const ExcerptList& list, std::ostream& out) {
  const std::string theme = terminal_text(list.label.empty() ? list.theme : list.label + " (" + list.theme + ")");
  if (list.excerpts.empty()) {
    out << "Inga utdrag för " << theme << ".\n";
    return;
  }
  out << "Utdrag för " << theme << ": " << count_text(list) << '\n';
  for (std::size_t i = 0; i < list.excerpts.size(); ++i) {
    const Excerpt& e = list.excerpts[i];
    const std::string indent(std::to_string(i + 1).size() + 2, ' ');
    out << '\n' << i + 1 << ". " << marked(e, "«", "»", terminal_text) << '\n';
    out << indent << "— " << terminal_text(excerpt_citation(e.sources.at(0))) << '\n';
    if (e.sources.size() > 1) out << indent << terminal_text(also_text(e)) << '\n';
  }
  if (list.provenance) {
    out << '\n';
    print_provenance_table(*list.provenance, out);
  }
}

void print_excerpts_jsonl(const ExcerptList& list, std::ostream& out) {
  for (std::size_t i = 0; i < list.excerpts.size(); ++i) {
    const Excerpt& e = list.excerpts[i];
    json marks = json::array();
    for (ByteSpan m : e.marks) marks.push_back({{"start", m.begin}, {"end", m.end}});
    json also = json::array();
    for (std::size_t k = 1; k < e.sources.size(); ++k) also.push_back(citation_json(e.sources[k]));
    json j = citation_json(e.sources.at(0));
    j["rank"] = i + 1;
    j["theme"] = e.theme;
    j["label"] = list.label;
    j["text"] = e.text;
    j["marks"] = std::move(marks);
    j["fragment"] = e.fragment;
    j["also"] = std::move(also);
    if (list.provenance) j["provenance"] = excerpt_provenance(*list.provenance, e);
    out << json_text(j) << '\n';   // a path need not be UTF-8
  }
}

void print_excerpts_md(const ExcerptList& list, std::ostream& out) {
  out << "## Utdrag: " << md_escape(list.label.empty() ? list.theme : list.label) << "\n\n";
  if (list.excerpts.empty()) {
    out << "Inga utdrag.\n";
    return;
  }
  out << count_text(list) << ".\n";
  for (const Excerpt& e : list.excerpts) {
    out << "\n> " << marked(e, "**", "**", md_escape) << "\n>\n";
    out << "> — " << md_escape(excerpt_citation(e.sources.at(0))) << '\n';
    if (e.sources.size() > 1) out << ">\n> " << md_escape(also_text(e)) << '\n';
  }
  if (list.provenance) {
    out << '\n';
    print_provenance_md(*list.provenance, out);
  }
}

}  // namespace analyzer
