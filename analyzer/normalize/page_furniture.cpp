#include "analyzer/normalize/page_furniture.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <unordered_map>

#include "analyzer/core/utf8.hpp"

namespace analyzer::furniture {

namespace {

constexpr std::size_t kMaxRunningLineChars = 60;
constexpr std::size_t kMinRunningRepeats = 3;
constexpr std::size_t kDateDistance = 2;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A tiny left-to-right matcher over ASCII shapes.
struct Cursor {
  std::string_view s;
  std::size_t i = 0;

  bool done() const { return i == s.size(); }
  void spaces() {
    while (i < s.size() && is_space(s[i])) ++i;
  }
  bool some_spaces() {
    const std::size_t start = i;
    spaces();
    return i > start;
  }
  // 1 to 4 digits; the value.
  bool number(int& value) {
    const std::size_t start = i;
    value = 0;
    while (i < s.size() && is_digit(s[i]) && i - start < 4) value = value * 10 + (s[i++] - '0');
    return i > start && (done() || !is_digit(s[i]));
  }
  bool literal(std::string_view word, bool any_case) {
    if (s.size() - i < word.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k) {
      char a = s[i + k], b = word[k];
      if (any_case) {
        if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
      }
      if (a != b) return false;
    }
    i += word.size();
    return true;
  }
  // "-" or "–" (U+2013) or "—" (U+2014).
  bool dash() {
    if (i < s.size() && s[i] == '-') {
      ++i;
      return true;
    }
    return literal("\xE2\x80\x93", false) || literal("\xE2\x80\x94", false);
  }
};

// "Sida 23", "Sida 2 av 9", "Sida 2 (9)", "Page 4", "Page 4 of 9".
bool is_page_label(std::string_view line) {
  for (const auto& [word, of] : {std::pair<std::string_view, std::string_view>{"sida", "av"},
                                 std::pair<std::string_view, std::string_view>{"page", "of"}}) {
    Cursor c{line};
    int page = 0, count = 0;
    if (!c.literal(word, true) || !c.some_spaces() || !c.number(page)) continue;
    c.spaces();
    if (c.done()) return true;
    if (c.literal(of, true) && c.some_spaces() && c.number(count)) {
      c.spaces();
      if (c.done() && page <= count) return true;
    } else if (c.literal("(", false)) {
      c.spaces();
      if (c.number(count)) {
        c.spaces();
        if (c.literal(")", false)) {
          c.spaces();
          if (c.done() && page <= count) return true;
        }
      }
    }
  }
  return false;
}

// "4 (9)" with the page not above the count.
bool is_page_of_count(std::string_view line) {
  Cursor c{line};
  int page = 0, count = 0;
  if (!c.number(page)) return false;
  c.spaces();
  if (!c.literal("(", false)) return false;
  c.spaces();
  if (!c.number(count)) return false;
  c.spaces();
  if (!c.literal(")", false)) return false;
  c.spaces();
  return c.done() && page >= 1 && page <= count;
}

// "- 4 -", "– 12 –".
bool is_dashed_page(std::string_view line) {
  Cursor c{line};
  int page = 0;
  if (!c.dash()) return false;
  c.spaces();
  if (!c.number(page)) return false;
  c.spaces();
  if (!c.dash()) return false;
  c.spaces();
  return c.done();
}

bool is_bracketed_title_placeholder(std::string_view line) {
  if (line.size() < 4 || line.front() != '[' || line.back() != ']') return false;
  const std::string_view inside = line.substr(1, line.size() - 2);
  if (inside.find_first_of("[]") != std::string_view::npos) return false;
  const std::size_t chars = utf8::code_points(inside);
  const auto first = static_cast<unsigned char>(inside.front());
  const bool starts_with_letter = is_ascii_letter(inside.front()) || first >= 0xC3;
  return chars >= 2 && chars <= kMaxRunningLineChars && starts_with_letter;
}

bool is_iso_date(std::string_view line) {
  if (line.size() != 10 || line[4] != '-' || line[7] != '-') return false;
  for (std::size_t k : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!is_digit(line[k])) return false;
  return true;
}

bool is_link(std::string_view line) {
  Cursor c{line};
  if (!(c.literal("https://", true) || c.literal("http://", true) || c.literal("www.", true) ||
        c.literal("mailto:", true)))
    return false;
  if (c.done()) return false;
  return line.find_first_of(" \t") == std::string_view::npos;
}

using utf8::code_points;

}  // namespace

LineKind classify(std::string_view line) {
  if (line.empty()) return LineKind::Text;
  const char first = line.front();
  if (is_digit(first)) {
    if (is_iso_date(line)) return LineKind::IsoDate;
    if (is_page_of_count(line)) return LineKind::PageNumber;
    return LineKind::Text;
  }
  if (is_page_label(line) || is_dashed_page(line)) return LineKind::PageNumber;
  if (first == '[') return is_bracketed_title_placeholder(line) ? LineKind::Placeholder : LineKind::Text;
  if (is_link(line)) return LineKind::Link;
  return LineKind::Text;
}

std::vector<bool> find(std::span<const std::string_view> lines) {
  const std::size_t n = lines.size();
  std::vector<LineKind> kinds(n);
  std::vector<bool> furniture(n, false);
  std::vector<std::size_t> page_lines;
  for (std::size_t i = 0; i < n; ++i) {
    kinds[i] = classify(lines[i]);
    switch (kinds[i]) {
      case LineKind::PageNumber: page_lines.push_back(i); [[fallthrough]];
      case LineKind::Placeholder:
      case LineKind::Link: furniture[i] = true; break;
      default: break;
    }
  }
  if (page_lines.empty()) return furniture;

  // Lone dates within kDateDistance lines of a page number.
  for (std::size_t page : page_lines) {
    const std::size_t from = page >= kDateDistance ? page - kDateDistance : 0;
    const std::size_t to = std::min(n - 1, page + kDateDistance);
    for (std::size_t i = from; i <= to; ++i)
      if (kinds[i] == LineKind::IsoDate) furniture[i] = true;
  }

  // Blocks of furniture holding a page number, and the text lines right
  // before and after each block.
  std::unordered_map<std::string_view, std::vector<std::size_t>> beside_pages;
  std::size_t page_blocks = 0;
  for (std::size_t i = 0; i < n;) {
    if (!furniture[i]) {
      ++i;
      continue;
    }
    const std::size_t begin = i;
    bool has_page = false;
    while (i < n && furniture[i]) has_page |= kinds[i++] == LineKind::PageNumber;
    if (!has_page) continue;
    ++page_blocks;
    for (std::size_t neighbour : {begin - 1, i}) {
      if (neighbour >= n) continue;  // begin == 0 wraps round to SIZE_MAX
      if (code_points(lines[neighbour]) >= kMaxRunningLineChars) continue;
      std::vector<std::size_t>& where = beside_pages[lines[neighbour]];
      if (where.empty() || where.back() != neighbour) where.push_back(neighbour);  // between two blocks
    }
  }
  // Candidates: repeated enough, beside at least half the page numbers, more
  // than one word ("Ja" / "Nej" options end many survey pages).
  std::unordered_map<std::string_view, std::size_t> elsewhere;
  for (const auto& [text, where] : beside_pages) {
    if (where.size() >= kMinRunningRepeats && 2 * where.size() >= page_blocks &&
        text.find_first_of(" \t") != std::string_view::npos)
      elsewhere.emplace(text, 0);
  }
  if (elsewhere.empty()) return furniture;
  for (std::size_t i = 0; i < n; ++i) {
    const auto it = elsewhere.find(lines[i]);
    if (it != elsewhere.end()) ++it->second;
  }
  // ... and found beside page numbers more often than anywhere else.
  for (const auto& [text, total] : elsewhere) {
    const std::vector<std::size_t>& where = beside_pages[text];
    if (total - where.size() < where.size())
      for (std::size_t i : where) furniture[i] = true;
  }
  return furniture;
}

}  // namespace analyzer::furniture
