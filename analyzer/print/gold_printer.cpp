#include "analyzer/print/gold_printer.hpp"

#include <nlohmann/json.hpp>

namespace analyzer {

void print_gold_jsonl(const GoldSet& gold, std::ostream& out) {
  using nlohmann::ordered_json;
  constexpr auto kReplace = ordered_json::error_handler_t::replace;
  for (const GoldFile& f : gold.files) {
    for (const GoldScope& s : gold.scopes)
      if (s.file == f.name)
        out << ordered_json{{"file", f.name}, {"scope", {s.span.begin, s.span.end}}}.dump(-1, ' ', false, kReplace)
            << '\n';
    for (const GoldMention& m : gold.mentions) {
      if (m.file != f.name) continue;
      ordered_json j{{"file", f.name}, {"theme", m.theme}, {"start", m.span.begin}, {"end", m.span.end}};
      if (!m.text.empty()) j["text"] = m.text;
      if (!m.note.empty()) j["note"] = m.note;
      out << j.dump(-1, ' ', false, kReplace) << '\n';
    }
  }
}

}  // namespace analyzer
