#include "analyzer/print/csv_text.hpp"

namespace analyzer {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "-12", "3,5", "0.25": an optional minus, digits, one optional decimal
// separator followed by digits.
bool plain_number(std::string_view s) {
  std::size_t i = s.substr(0, 1) == "-" ? 1 : 0;
  const std::size_t int_begin = i;
  while (i < s.size() && is_digit(s[i])) ++i;
  if (i == int_begin) return false;
  if (i == s.size()) return true;
  if (s[i] != '.' && s[i] != ',') return false;
  const std::size_t frac_begin = ++i;
  while (i < s.size() && is_digit(s[i])) ++i;
  return i == s.size() && i > frac_begin;
}

bool starts_formula(std::string_view s) {
  return !s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos && !plain_number(s);
}

}  // namespace

std::string csv_cell(std::string_view text, char separator) {
  const bool formula = starts_formula(text);
  if (!formula && text.find_first_of(std::string{separator, '"', '\r', '\n'}) == std::string_view::npos)
    return std::string(text);
  std::string out = formula ? "\"'" : "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

}  // namespace analyzer
