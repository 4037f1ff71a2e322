#include "analyzer/match/swedish_coordination.hpp"

#include <array>

namespace analyzer::swedish {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

bool starts_suspended_hyphen(std::string_view rest) {
  return rest.size() >= 2 && rest[0] == '-' && (is_space(rest[1]) || rest[1] == ',');
}

bool is_coordinating_conjunction(std::string_view folded) {
  static constexpr std::array<std::string_view, 7> kConjunctions = {
      "och", "eller", "samt", "respektive", "resp", "alternativt", "el"};
  for (std::string_view c : kConjunctions)
    if (folded == c) return true;
  return false;
}

bool joins_term_and_abbreviation(std::string_view text, std::size_t prev_end, ByteSpan next,
                                 std::size_t& closing) {
  closing = 0;
  if (next.begin < prev_end || next.end > text.size()) return false;
  std::string_view between = trim(text.substr(prev_end, next.begin - prev_end));
  if (between.empty()) return true;
  if (between == "(") {
    // ")" right after the abbreviation or after its suffix: "(SIP)", "(SIP;ar)".
    for (std::size_t i = next.end; i < text.size() && i < next.end + 8; ++i) {
      if (text[i] == ')') {
        closing = i + 1 - next.end;
        break;
      }
      if (is_space(text[i]) || text[i] == '(') break;
    }
    return true;
  }
  return between == "\xe2\x80\x93" /* – */ || between == "\xe2\x80\x94" /* — */ || between == "-" ||
         between == "/" || between == ":";
}

}  // namespace analyzer::swedish
