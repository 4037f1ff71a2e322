#include "analyzer/print/gold_printer.hpp"

#include <nlohmann/json.hpp>

#include "analyzer/core/json_text.hpp"

namespace analyzer {

void print_gold_jsonl(const GoldSet& gold, std::ostream& out) {
  using nlohmann::ordered_json;
  for (const GoldFile& f : gold.files) {
    for (const GoldScope& s : gold.scopes)
      if (s.file == f.name)
        out << json_text(ordered_json{{"file", f.name}, {"scope", {s.span.begin, s.span.end}}})
            << '\n';
    for (const GoldMention& m : gold.mentions) {
      if (m.file != f.name) continue;
      ordered_json j{{"file", f.name}, {"theme", m.theme}, {"start", m.span.begin}, {"end", m.span.end}};
      if (!m.text.empty()) j["text"] = m.text;
      if (!m.note.empty()) j["note"] = m.note;
      out << json_text(j) << '\n';
    }
  }
}

}  // namespace analyzer
