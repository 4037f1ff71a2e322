#include "analyzer/print/location_text.hpp"

#include "analyzer/print/terminal_text.hpp"

namespace analyzer {

std::string location_text(const RecordLocation& l) {
  std::string out;
  auto add = [&](const std::string& part) { out += (out.empty() ? "" : ", ") + part; };
  if (l.page) add("sida " + std::to_string(*l.page));
  if (l.paragraph) add("stycke " + std::to_string(*l.paragraph));
  if (l.line) add("rad " + std::to_string(*l.line));
  if (!l.sheet.empty()) add(l.sheet);
  if (l.row) add("rad " + std::to_string(*l.row));
  if (!l.column.empty()) add("kolumn " + l.column);
  return out;
}

std::string source_and_location(const std::string& source, const RecordLocation& location) {
  const std::string where = location_text(location);
  return where.empty() ? source : source + ", " + where;
}

std::string terminal_citation(const RecordLocation& location) {
  const std::string where = location_text(location);
  return where.empty() ? std::string() : "  (" + terminal_text(where) + ")";
}

}  // namespace analyzer
