#include "analyzer/read/pdf_layout.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <numeric>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "analyzer/text/swedish_regions.hpp"

namespace analyzer {
namespace {

constexpr double kSmallType = 0.85;          // footnotes and markers: under this × the size beside them
constexpr double kMarkerRise = 0.2;          // a marker's bottom above the baseline by this × size
constexpr double kSpaceGap = 0.15;           // a gap wider than this × size is a space
constexpr double kTableGap = 2.0;            // a gap wider than this × size parts a table's cells
constexpr double kFurnitureBand = 0.12;      // top / bottom share of the page that may hold furniture
constexpr std::size_t kFurnitureLines = 3;   // ... among its first / last lines
constexpr double kFurnitureSlack = 4.0;      // points: "the same position" on another page
constexpr std::size_t kFurnitureMinPages = 3;
constexpr double kHeadingSize = 1.15;        // heading: at least this × the body size
constexpr double kParagraphGap = 1.9;        // baseline to baseline over this × size: an empty line
constexpr std::size_t kColumnMinRows = 5;    // two columns: at least this many rows each
constexpr std::size_t kTableMinQuestions = 3;  // a question | answer table without a header: numbered rows
constexpr std::size_t kTableMinRows = 3;       // ... and the rows of its page, at least
constexpr double kJustifiedGap = 6.0;          // justified prose: no gap wider than this × the size
constexpr double kCellAlignSlack = 3.0;       // points: two-column table rows' second cells start this near
constexpr double kBandGap = 1.5;               // a header or footer row stands apart by this × its height
constexpr double kColumnFill = 0.6;          // ... most rows at least this share of the column wide
constexpr double kGutterSlack = 2.0;         // points: a word this near the gutter crosses it
constexpr double kColumnMinWidth = 0.3;      // ... each at least this share of the page wide
constexpr std::size_t kColumnMinWords = 4;   // ... its median row of at least this many words

double height(const PdfWord& w) { return w.bottom - w.top; }

double overlap(double a0, double a1, double b0, double b1) { return std::min(a1, b1) - std::max(a0, b0); }

// Number of code points in UTF-8 `s`.
std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

// A footnote marker's text: 1-3 code points, digits, "*", "†", "‡" or one letter.
bool marker_text(std::string_view s) {
  if (s.empty() || code_points(s) > 3) return false;
  if (std::all_of(s.begin(), s.end(), is_ascii_digit)) return true;
  if (s == "*" || s == "**" || s == "\u2020" || s == "\u2021") return true;
  return s.size() == 1 && s[0] >= 'a' && s[0] <= 'z';
}

// Does `s` start with a footnote's marker: digits (or a superscript digit,
// "*", "†") followed by a space, ")" or "." and more text?
bool starts_with_footnote_marker(std::string_view s) {
  static constexpr std::string_view kMarks[] = {"*", "\u2020", "\u2021", "\u00B9", "\u00B2", "\u00B3",
                                                "\u2070", "\u2074", "\u2075", "\u2076", "\u2077",
                                                "\u2078", "\u2079"};
  std::size_t i = 0;
  while (i < s.size() && i < 3 && is_ascii_digit(s[i])) ++i;
  if (i == 0) {
    for (std::string_view mark : kMarks) {
      if (s.substr(0, mark.size()) == mark) {
        i = mark.size();
        break;
      }
    }
  }
  if (i == 0 || i >= s.size()) return false;
  return s[i] == ' ' || s[i] == ')' || s[i] == '.' || (static_cast<unsigned char>(s[i]) >= 0x80 && i > 0);
}

// "5.", "7a.", "2.3", "12)" at the start of a heading.
bool starts_with_number(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && is_ascii_digit(s[i])) ++i;
  if (i == 0 || i > 3 || i >= s.size()) return false;
  if (s[i] >= 'a' && s[i] <= 'z' && i + 1 < s.size()) ++i;
  return s[i] == '.' || s[i] == ')' || s[i] == ':';
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Reads 1-4 digits at `i`; false when there are none.
bool read_number(std::string_view s, std::size_t& i) {
  std::size_t start = i;
  while (i < s.size() && i - start < 5 && is_ascii_digit(s[i])) ++i;
  return i > start && i - start <= 4;
}

bool consume(std::string_view s, std::size_t& i, std::string_view word) {
  if (s.substr(i, word.size()) != word) return false;
  i += word.size();
  return true;
}

std::string digits_as_hash(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (is_ascii_digit(c)) c = '#';
  }
  return out;
}

std::string_view without_edge_spaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

double round_half(double size) { return std::round(size * 2.0) / 2.0; }

}  // namespace

bool is_page_number_line(const std::string& line) {
  std::string s = lower_ascii(without_edge_spaces(line));
  std::string_view v = s;
  std::size_t i = 0;
  bool dashes = consume(v, i, "- ") || consume(v, i, "\u2013 ");
  if (!dashes) {
    if (!consume(v, i, "sida ") && !consume(v, i, "page ") && !consume(v, i, "s. ")) consume(v, i, "p. ");
  }
  if (!read_number(v, i)) return false;
  if (dashes) return (consume(v, i, " -") || consume(v, i, " \u2013")) && i == v.size();
  if (i == v.size()) return true;
  if (consume(v, i, " (")) return read_number(v, i) && consume(v, i, ")") && i == v.size();
  if (consume(v, i, " av ") || consume(v, i, " of ") || consume(v, i, " / ") || consume(v, i, "/") ||
      consume(v, i, "(")) {
    if (!read_number(v, i)) return false;
    if (i < v.size() && v[i] == ')') ++i;
    return i == v.size();
  }
  return false;
}

namespace {

// Words of one printed row (rule 1), as indices into PdfPage::words; in a
// question | answer table (rule 1c), the part of a row in one cell.
struct Row {
  double top, bottom;
  std::vector<std::size_t> words;
  TableCell cell = TableCell::None;
};

// Rule 1: the words `order` (indices, any order) grouped into rows, top to bottom.
std::vector<Row> rows_of(const PdfPage& page, std::vector<std::size_t> order) {
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const PdfWord& wa = page.words[a];
    const PdfWord& wb = page.words[b];
    if (wa.top != wb.top) return wa.top < wb.top;
    return wa.x0 < wb.x0;
  });
  std::vector<Row> rows;
  for (std::size_t index : order) {
    const PdfWord& w = page.words[index];
    Row* home = nullptr;
    // Rows are taken in order of their tops, so only the latest two can overlap the word.
    for (std::size_t back = 0; back < 2 && back < rows.size(); ++back) {
      Row& r = rows[rows.size() - 1 - back];
      double shared = overlap(r.top, r.bottom, w.top, w.bottom);
      if (shared >= 0.5 * std::min(r.bottom - r.top, height(w))) {
        home = &r;
        break;
      }
    }
    if (!home) {
      rows.push_back({w.top, w.bottom, {}});
      home = &rows.back();
    }
    home->top = std::min(home->top, w.top);
    home->bottom = std::max(home->bottom, w.bottom);
    home->words.push_back(index);
  }
  return rows;
}

// Whether `rows` read as a column of prose: most rows fill the column
// (their median width at least kColumnFill of it), hold several words (a
// table of short cells, label | value, is no column of prose) and the
// column is at least kColumnMinWidth of the page wide.
bool prose_column(const PdfPage& page, const std::vector<Row>& rows) {
  std::vector<double> widths;
  std::vector<std::size_t> words;
  double left = 1e300, right = -1e300;
  left = 1e300;
  right = -1e300;
  for (const Row& r : rows) {
    double x0 = 1e300, x1 = -1e300;
    for (std::size_t i : r.words) {
      x0 = std::min(x0, page.words[i].x0);
      x1 = std::max(x1, page.words[i].x1);
    }
    widths.push_back(x1 - x0);
    words.push_back(r.words.size());
    left = std::min(left, x0);
    right = std::max(right, x1);
  }
  if (rows.empty()) return false;
  const std::size_t mid = rows.size() / 2;
  std::nth_element(widths.begin(), widths.begin() + static_cast<std::ptrdiff_t>(mid), widths.end());
  std::nth_element(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(mid), words.end());
  return right - left >= kColumnMinWidth * page.width && widths[mid] >= kColumnFill * (right - left) &&
         words[mid] >= kColumnMinWords;
}

// The words `words` of `page`, left to right, joined by single spaces,
// lower-cased (ASCII and Å Ä Ö), trimmed of ':' and spaces at the end.
// At most `first` words are taken, the leftmost (a question's number is in
// its first three): O(words), not a sort of a long row.
std::string label_text(const PdfPage& page, std::vector<std::size_t> words, std::size_t first = 3) {
  const auto by_x = [&](std::size_t a, std::size_t b) { return page.words[a].x0 < page.words[b].x0; };
  if (words.size() > first) {
    std::nth_element(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(first), words.end(), by_x);
    words.resize(first);
  }
  std::sort(words.begin(), words.end(), by_x);
  std::string out;
  for (std::size_t i : words) out += (out.empty() ? "" : " ") + page.words[i].text;
  while (!out.empty() && (out.back() == ':' || out.back() == ' ')) out.pop_back();
  return swedish::lower_case_sv(out);
}

// Whether a question cell's first line starts with a question's number:
// "5.", "13a.", "2 a)", "Fråga 7:", "K3.", "F12)" and a space (`text` is
// lower-cased).
bool starts_with_question_number(std::string_view text) {
  std::size_t i = 0;
  if (text.starts_with("fråga ")) i = std::string_view("fråga ").size();
  else if (text.size() > 1 && text[0] >= 'a' && text[0] <= 'z' && is_ascii_digit(text[1])) i = 1;  // "k3."
  const std::size_t digits = i;
  while (i < text.size() && i - digits < 3 && is_ascii_digit(text[i])) ++i;
  if (i == digits || i - digits > 2) return false;
  if (i + 1 < text.size() && text[i] == ' ' && text[i + 1] >= 'a' && text[i + 1] <= 'z') i += 2;
  else if (i < text.size() && text[i] >= 'a' && text[i] <= 'z') ++i;
  return i + 1 < text.size() && (text[i] == '.' || text[i] == ')' || text[i] == ':') && text[i + 1] == ' ';
}

// Whether a line names a page ("Sida 2 av 2", "Page 2", "s. 2", "2 (2)").
bool says_page(std::string_view text) {
  const std::string lower = lower_ascii(text);
  return lower.find("sida") != std::string::npos || lower.find("page") != std::string::npos ||
         lower.find("s. ") != std::string::npos || lower.find(" av ") != std::string::npos ||
         lower.find(" (") != std::string::npos;
}

// Rule 1c: a question | answer table, as survey tools print a filled form:
// the question in a left cell, its answer in the right, row by row. The
// rows of `page` (split at the gutter `x`, `full` marking rows across it)
// in reading order with each cell's rows tagged, or nullopt when the page
// holds no such table.
std::optional<std::vector<Row>> question_table(const PdfPage& page, std::vector<Row>& rows,
                                               const std::vector<bool>& full, double x) {
  struct Sides {
    std::vector<std::size_t> left, right;
  };
  std::vector<Sides> sides(rows.size());
  std::vector<bool> starts(rows.size(), false);  // a numbered question's first row, or the header row
  std::size_t left_rows = 0, numbered = 0, numbered_beside = 0;
  std::optional<std::size_t> header;
  // Rows across the gutter, and those standing apart in a page's top or
  // bottom band (where running headers and page numbers stand, a gap of
  // more than kBandGap × their height from the rows below or above), are
  // no table's: read as printed.
  std::vector<bool> outside = full;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const double h = rows[r].bottom - rows[r].top;
    const bool apart_at_top = rows[r].bottom < kFurnitureBand * page.height &&
                              (r + 1 == rows.size() || rows[r + 1].top - rows[r].bottom > kBandGap * h);
    const bool apart_at_foot = rows[r].top > (1 - kFurnitureBand) * page.height &&
                               (r == 0 || rows[r].top - rows[r - 1].bottom > kBandGap * h);
    if (!apart_at_top && !apart_at_foot) continue;
    // A question's row (a continuation page's first) is the table's, wherever it stands.
    std::vector<std::size_t> left;
    for (std::size_t i : rows[r].words)
      if (page.words[i].x1 <= x) left.push_back(i);
    if (left.empty() || !starts_with_question_number(label_text(page, left) + ' ')) outside[r] = true;
  }
  // A band row set apart makes the rows beyond it (further into the band) apart too.
  for (std::size_t r = rows.size(); r-- > 1;)
    if (outside[r] && !full[r] && rows[r - 1].bottom < kFurnitureBand * page.height) outside[r - 1] = true;
  for (std::size_t r = 1; r < rows.size(); ++r)
    if (outside[r - 1] && !full[r - 1] && rows[r].top > (1 - kFurnitureBand) * page.height) outside[r] = true;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (outside[r]) continue;
    for (std::size_t i : rows[r].words) (page.words[i].x1 <= x ? sides[r].left : sides[r].right).push_back(i);
    if (sides[r].left.empty()) continue;
    ++left_rows;
    const std::string left = label_text(page, sides[r].left);
    if (!header && !sides[r].right.empty() && (left == "fråga" || left == "frågor")) {
      const std::string right = label_text(page, sides[r].right);
      if (right == "svar" || right == "kommentar" || right == "beskrivning" || right == "redovisning") {
        header = r;
        starts[r] = true;
        continue;
      }
    }
    if (starts_with_question_number(left + ' ')) {
      starts[r] = true;
      ++numbered;
      if (!sides[r].right.empty()) ++numbered_beside;
    }
  }
  // A header row; or numbered questions on at least a third of the left
  // cells' rows, most with their answer beginning beside them; or a page
  // going on with the table before it.
  // A page that goes on with the table of the page before: its first row
  // holds an answer's continuation only (right side, nothing left).
  std::optional<std::size_t> first_row;
  for (std::size_t r = 0; r < rows.size() && !first_row; ++r)
    if (!outside[r]) first_row = r;
  const bool goes_on = first_row && sides[*first_row].left.empty() && !sides[*first_row].right.empty();
  // (Two questions suffice when both have their answers beside them, as
  // on a table's last page; three when some are unanswered.)
  const bool all_beside = numbered_beside == numbered;
  const bool table = (header && numbered >= 1) ||
                     (numbered >= 1 && goes_on && all_beside && 3 * numbered >= left_rows) ||
                     (numbered >= (all_beside ? 2 : kTableMinQuestions) && 3 * numbered >= left_rows &&
                      10 * numbered_beside >= 6 * numbered);
  if (!table) return std::nullopt;
  std::vector<Row> ordered;
  ordered.reserve(rows.size() * 2);
  for (std::size_t r = 0; r < rows.size();) {
    if (!starts[r] && goes_on && first_row && r == *first_row) {
      // The answer going on from the page before: its rows up to the first
      // question, one answer cell.
      bool first = true;
      for (; r < rows.size() && !starts[r] && !outside[r] && sides[r].left.empty(); ++r) {
        ordered.push_back({rows[r].top, rows[r].bottom, std::move(sides[r].right),
                           first ? TableCell::AnswerStarts : TableCell::AnswerGoesOn});
        first = false;
      }
      continue;
    }
    if (!starts[r]) {  // before the table's first row, or a full-width row: as printed
      ordered.push_back(std::move(rows[r++]));
      continue;
    }
    // One table row: this row and the next until a question starts or a
    // row is outside the table. The left cell's rows, then the right's;
    // the header row's labels are one question cell, which keys nothing.
    std::size_t end = r + 1;
    while (end < rows.size() && !starts[end] && !outside[end]) ++end;
    bool first = true;
    for (int side = 0; side < 2; ++side) {
      if (side == 1 && r != header) first = true;
      const bool question = side == 0 || r == header;
      for (std::size_t k = r; k < end; ++k) {
        std::vector<std::size_t>& words = side == 0 ? sides[k].left : sides[k].right;
        if (words.empty()) continue;
        const TableCell tag = question ? (first ? TableCell::QuestionStarts : TableCell::QuestionGoesOn)
                                       : (first ? TableCell::AnswerStarts : TableCell::AnswerGoesOn);
        ordered.push_back({rows[k].top, rows[k].bottom, std::move(words), tag});
        first = false;
      }
    }
    r = end;
  }
  return ordered;
}

// Rule 1b: two columns. The rows of `page` in reading order: when the page
// is set in two columns, the left column's rows of each band between
// full-width rows come before the right column's.
std::vector<Row> reading_order(const PdfPage& page, const std::vector<std::size_t>& words) {
  std::vector<Row> rows = rows_of(page, words);
  // Not `page.width <= 0`: NaN must fail too.
  // (A question | answer table may be short: a page of a header row and two questions.)
  if (rows.size() < kTableMinRows || !(page.width > 0 && page.width <= kMaxColumnPageWidth)) return rows;
  // The gutter: the x in the middle of the page that the fewest words cross.
  // The candidates are whole points x_k = first_x + k; a word crosses those
  // with x0 - slack < x_k < x1 + slack, a run of k, which it adds to a
  // difference array: O(words + candidates), not their product.
  const double first_x = std::floor(0.35 * page.width);
  std::size_t candidates = 0;
  for (double x = first_x; x <= 0.65 * page.width; x += 1.0) ++candidates;
  std::vector<std::ptrdiff_t> starts(candidates + 1, 0);
  for (std::size_t i : words) {
    if (candidates == 0) break;
    const double after = page.words[i].x0 - kGutterSlack, before = page.words[i].x1 + kGutterSlack;
    if (!(after < before)) continue;  // crosses none (or NaN)
    // The first whole point above `after` and the last below `before`, as k.
    const double first_k = std::floor(after) + 1 - first_x, last_k = std::ceil(before) - 1 - first_x;
    if (!(first_k <= static_cast<double>(candidates) - 1) || !(last_k >= 0) || first_k > last_k) continue;
    const std::size_t from = first_k < 0 ? 0 : static_cast<std::size_t>(first_k);
    const std::size_t to =
        last_k >= static_cast<double>(candidates) - 1 ? candidates - 1 : static_cast<std::size_t>(last_k);
    ++starts[from];
    --starts[to + 1];
  }
  double best_x = 0;
  std::size_t best_crossing = words.size() + 1;
  std::ptrdiff_t running = 0;
  std::size_t k = 0;
  for (double x = first_x; x <= 0.65 * page.width; x += 1.0, ++k) {
    running += starts[k];
    const std::size_t crossing = static_cast<std::size_t>(running);
    if (crossing < best_crossing ||
        (crossing == best_crossing && std::abs(x - page.width / 2) < std::abs(best_x - page.width / 2))) {
      best_crossing = crossing;
      best_x = x;
    }
  }
  // Rows with a word across the gutter are full width; the others split at it.
  std::vector<bool> full(rows.size(), false);
  std::vector<Row> left, right;
  std::size_t left_words = 0, right_words = 0;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t i : rows[r].words) {
      if (page.words[i].x0 - kGutterSlack < best_x && best_x < page.words[i].x1 + kGutterSlack) full[r] = true;
    }
    if (full[r]) continue;
    for (std::size_t i : rows[r].words) (page.words[i].x1 <= best_x ? left_words : right_words)++;
  }
  // A question | answer table may hold few words on the left (short
  // questions, long answers); two columns of prose may not.
  if (std::optional<std::vector<Row>> table = question_table(page, rows, full, best_x)) return std::move(*table);
  if (rows.size() < 2 * kColumnMinRows) return rows;
  std::size_t total = words.size();
  if (left_words < total / 4 || right_words < total / 4) return rows;
  std::vector<std::size_t> left_all, right_all;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (full[r]) continue;
    for (std::size_t i : rows[r].words) (page.words[i].x1 <= best_x ? left_all : right_all).push_back(i);
  }
  left = rows_of(page, left_all);
  right = rows_of(page, right_all);
  if (left.size() < kColumnMinRows || right.size() < kColumnMinRows) return rows;
  // Two columns of prose, standing side by side.
  if (!prose_column(page, left) || !prose_column(page, right)) return rows;
  if (overlap(left.front().top, left.back().bottom, right.front().top, right.back().bottom) <
      0.5 * std::min(left.back().bottom - left.front().top, right.back().bottom - right.front().top)) {
    return rows;
  }
  // Band by band: full-width rows, then the left column, then the right.
  std::vector<Row> ordered;
  std::size_t l = 0, rr = 0;
  auto flush_until = [&](double limit) {
    while (l < left.size() && left[l].top < limit) ordered.push_back(std::move(left[l++]));
    while (rr < right.size() && right[rr].top < limit) ordered.push_back(std::move(right[rr++]));
  };
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (!full[r]) continue;
    flush_until(rows[r].top);
    ordered.push_back(std::move(rows[r]));
  }
  flush_until(1e300);
  return ordered;
}

}  // namespace

void PdfLayoutBuilder::add_page(const PdfPage& page) {
  Page out;
  out.width = page.width;
  out.height = page.height;

  // Rules 1 and 1b: words into rows in reading order.
  std::vector<std::size_t> usable;
  usable.reserve(page.words.size());
  for (std::size_t i = 0; i < page.words.size(); ++i) {
    if (!page.words[i].text.empty() && height(page.words[i]) > 0) usable.push_back(i);
  }
  std::vector<Row> groups = reading_order(page, usable);

  for (Row& g : groups) {
    std::sort(g.words.begin(), g.words.end(),
              [&](std::size_t a, std::size_t b) { return page.words[a].x0 < page.words[b].x0; });
    // The line's main size and baseline.
    std::map<double, std::size_t> chars_by_size;
    std::size_t bold_chars = 0, chars = 0;
    for (std::size_t index : g.words) {
      const PdfWord& w = page.words[index];
      std::size_t n = code_points(w.text);
      chars_by_size[round_half(w.font_size)] += n;
      chars += n;
      if (w.bold) bold_chars += n;
    }
    double size = std::max_element(chars_by_size.begin(), chars_by_size.end(), [](const auto& a, const auto& b) {
                    return a.second < b.second;
                  })->first;
    double baseline = g.top;
    for (std::size_t index : g.words) {
      const PdfWord& w = page.words[index];
      if (round_half(w.font_size) == size) baseline = std::max(baseline, w.bottom);
    }

    // Rule 2 while joining the words.
    Line line;
    line.cell = g.cell;
    line.size = size;
    line.bold = bold_chars * 2 > chars;
    line.top = g.top;
    line.bottom = baseline;
    const PdfWord* previous = nullptr;
    for (std::size_t index : g.words) {
      const PdfWord& w = page.words[index];
      if (previous && w.font_size < kSmallType * size && baseline - w.bottom > kMarkerRise * size &&
          w.x0 - previous->x1 < kSpaceGap * size && marker_text(w.text)) {
        ++superscript_markers_;
        continue;
      }
      ++line.words;
      if (previous) {
        line.widest_gap = std::max(line.widest_gap, w.x0 - previous->x1);
        if (previous->space_after || w.x0 - previous->x1 > kSpaceGap * size) line.text += ' ';
        if (w.x0 - previous->x1 > kTableGap * size) {
          line.wide_gaps.push_back(line.text.size());
          line.wide_gap_x.push_back(w.x0);
        }
      } else {
        line.x0 = w.x0;
      }
      line.text += w.text;
      line.x1 = std::max(line.x1, w.x1);
      previous = &w;
    }
    line.chars = code_points(line.text);
    text_bytes_ += line.text.size() + 1;
    out.lines.push_back(std::move(line));
  }
  pages_.push_back(std::move(out));
}

void PdfLayoutBuilder::append(PdfLayoutBuilder&& later) {
  pages_.insert(pages_.end(), std::make_move_iterator(later.pages_.begin()),
                std::make_move_iterator(later.pages_.end()));
  text_bytes_ += later.text_bytes_;
  superscript_markers_ += later.superscript_markers_;
  later = PdfLayoutBuilder();
}

PdfLayout PdfLayoutBuilder::finish() {
  PdfLayout layout;
  layout.superscript_markers = superscript_markers_;

  // Rule 3: the body size.
  std::map<double, std::size_t> chars_by_size;
  for (const Page& page : pages_) {
    for (const Line& line : page.lines) chars_by_size[line.size] += line.chars;
  }
  if (!chars_by_size.empty()) {
    layout.body_size = std::max_element(chars_by_size.begin(), chars_by_size.end(), [](const auto& a, const auto& b) {
                         return a.second < b.second;
                       })->first;
  }

  // Rule 4: furniture. Candidates are the first and last lines of a page in its bands.
  std::vector<std::vector<bool>> dropped(pages_.size());
  auto is_candidate = [&](const Page& page, std::size_t i) {
    const Line& line = page.lines[i];
    bool near_top = i < kFurnitureLines && line.top < kFurnitureBand * page.height;
    bool near_bottom = i + kFurnitureLines >= page.lines.size() && line.bottom > (1 - kFurnitureBand) * page.height;
    return near_top || near_bottom;
  };
  struct Seen {
    double top;
    std::size_t page;
    const std::string* text;
  };
  std::unordered_map<std::string, std::vector<Seen>> positions;  // text, digits as '#' → where
  std::size_t pages_with_text = 0;
  for (std::size_t p = 0; p < pages_.size(); ++p) {
    const Page& page = pages_[p];
    dropped[p].assign(page.lines.size(), false);
    if (!page.lines.empty()) ++pages_with_text;
    for (std::size_t i = 0; i < page.lines.size(); ++i) {
      if (is_candidate(page, i))
        positions[digits_as_hash(page.lines[i].text)].push_back({page.lines[i].top, p, &page.lines[i].text});
    }
  }
  for (auto& [key, seen] : positions)
    std::sort(seen.begin(), seen.end(), [](const Seen& a, const Seen& b) { return a.top < b.top; });
  // On half the pages, at least 3; a document of two pages: on both, the
  // same text (digits too).
  const bool two_pages = pages_with_text == 2;
  const std::size_t repeated = two_pages ? 2 : std::max(kFurnitureMinPages, (pages_with_text + 1) / 2);
  RunningLines running;
  for (std::size_t p = 0; p < pages_.size(); ++p) {
    const Page& page = pages_[p];
    for (std::size_t i = 0; i < page.lines.size(); ++i) {
      if (!is_candidate(page, i)) continue;
      const Line& line = page.lines[i];
      const bool page_number = is_page_number_line(line.text);
      bool furniture = page_number;
      if (!furniture && (two_pages || pages_with_text >= kFurnitureMinPages)) {
        const std::vector<Seen>& seen = positions[digits_as_hash(line.text)];
        auto from = std::lower_bound(seen.begin(), seen.end(), line.top - kFurnitureSlack,
                                     [](const Seen& s, double top) { return s.top < top; });
        auto to = std::upper_bound(seen.begin(), seen.end(), line.top + kFurnitureSlack,
                                   [](double top, const Seen& s) { return top < s.top; });
        // A two-page document's line: the same text, or one that differs
        // only in its digits and numbers its page ("Utskrivet 2024-03-28
        // Sida 1 av 2"): "Fråga 1" atop page 1 and "Fråga 2" atop page 2
        // are no running header.
        const bool numbers_its_page = two_pages && says_page(line.text);
        std::vector<std::size_t> pages;  // distinct: a line twice on one page counts once
        for (auto it = from; it != to; ++it)
          if (!two_pages || numbers_its_page || *it->text == line.text) pages.push_back(it->page);
        std::sort(pages.begin(), pages.end());
        furniture = static_cast<std::size_t>(std::unique(pages.begin(), pages.end()) - pages.begin()) >= repeated;
      }
      if (furniture) {
        dropped[p][i] = true;
        ++layout.furniture_lines;
        if (!page_number) {  // a running header or footer: each piece set apart a line
          RecordLocation where;
          where.page = p + 1;
          const auto add = [&](std::string_view piece) {
            if (!is_page_number_line(std::string(piece))) running.add(piece, where);  // "Sida 1 av 2" at the right
          };
          std::size_t from = 0;
          for (std::size_t gap : line.wide_gaps) {
            add(std::string_view(line.text).substr(from, gap - from));
            from = gap;
          }
          add(std::string_view(line.text).substr(from));
        }
      }
    }
  }
  layout.running = running.take();

  // Rule 5: footnotes at the bottom of each page.
  for (std::size_t p = 0; p < pages_.size(); ++p) {
    const Page& page = pages_[p];
    std::vector<std::size_t> kept;
    for (std::size_t i = 0; i < page.lines.size(); ++i) {
      if (!dropped[p][i]) kept.push_back(i);
    }
    std::size_t run = kept.size();  // the small-type run at the bottom is kept[run, end)
    while (run > 0) {
      const Line& line = page.lines[kept[run - 1]];
      if (line.size >= kSmallType * layout.body_size || line.top < 0.5 * page.height) break;
      --run;
    }
    if (run == 0 || run == kept.size()) continue;  // nothing small, or nothing but small type
    std::size_t first = run;
    while (first < kept.size() && !starts_with_footnote_marker(page.lines[kept[first]].text)) ++first;
    for (std::size_t k = first; k < kept.size(); ++k) {
      dropped[p][kept[k]] = true;
      ++layout.footnote_lines;
      if (starts_with_footnote_marker(page.lines[kept[k]].text)) ++layout.footnotes;
    }
  }

  // Rules 6 and 7 while writing the text.
  layout.text.reserve(text_bytes_ + 2 * pages_.size());
  // A line spread over its column by wide, even gaps (every gap wide, none
  // table-wide): justified prose, no table row.
  auto justified = [](const Line& line) {
    return line.wide_gaps.size() + 1 == line.words && line.widest_gap < kJustifiedGap * line.size;
  };
  auto is_heading = [&](const Line& line) {
    return line.size >= kHeadingSize * layout.body_size || (line.bold && starts_with_number(line.text));
  };
  std::vector<double> heading_sizes;  // of layout.large_headings, for their levels
  for (std::size_t p = 0; p < pages_.size(); ++p) {
    const Page& page = pages_[p];
    // Rule 8, two columns: kept lines with one wide gap each, in a row of
    // two or more whose second cells start at the same x.
    // A run whose second cells are page numbers (whole numbers no larger
    // than the document's page count, never falling) is a table of
    // contents: no table.
    std::vector<bool> two_cells(page.lines.size(), false);
    {
      std::vector<std::size_t> run;  // kept lines, outside question tables
      const auto close_run = [&] {
        long previous_page = 0;
        bool contents = run.size() >= 2;
        for (std::size_t k : run) {
          const Line& line = page.lines[k];
          const std::string_view cell = without_edge_spaces(std::string_view(line.text).substr(line.wide_gaps[0]));
          long n = 0;
          if (cell.empty() || cell.size() > 4 || !std::all_of(cell.begin(), cell.end(), is_ascii_digit) ||
              (n = std::stol(std::string(cell))) < previous_page || n > static_cast<long>(pages_.size()))
            contents = false;
          previous_page = n;
        }
        if (run.size() >= 2 && !contents)
          for (std::size_t k : run) two_cells[k] = true;
        run.clear();
      };
      for (std::size_t i = 0; i < page.lines.size(); ++i) {
        if (dropped[p][i]) continue;
        const Line& line = page.lines[i];
        const bool aligned = line.cell == TableCell::None && line.wide_gap_x.size() == 1 &&
                             (run.empty() || std::abs(line.wide_gap_x[0] - page.lines[run.back()].wide_gap_x[0]) <=
                                                 kCellAlignSlack);
        if (!aligned) close_run();
        if (line.cell == TableCell::None && line.wide_gap_x.size() == 1) run.push_back(i);
      }
      close_run();
    }
    std::size_t begin = layout.text.size();
    const Line* previous = nullptr;
    bool previous_large_heading = false;
    for (std::size_t i = 0; i < page.lines.size(); ++i) {
      if (dropped[p][i]) continue;
      const Line& line = page.lines[i];
      // Rule 1c: a table cell's lines are one line, a question cell's
      // marked as the table's question, an answer cell's as body text.
      if (line.cell == TableCell::QuestionStarts || line.cell == TableCell::AnswerStarts) {
        const TableCell more =
            line.cell == TableCell::QuestionStarts ? TableCell::QuestionGoesOn : TableCell::AnswerGoesOn;
        const std::size_t cell_begin = layout.text.size();
        layout.text += line.text;
        for (; i + 1 < page.lines.size() && (dropped[p][i + 1] || page.lines[i + 1].cell == more); ++i)
          if (!dropped[p][i + 1]) (layout.text += ' ') += page.lines[i + 1].text;
        while (layout.text.size() > cell_begin && layout.text.back() == ' ') layout.text.pop_back();
        layout.table_rows.push_back({{cell_begin, layout.text.size()},
                                     line.cell == TableCell::QuestionStarts ? kTableQuestion : kNotAHeading});
        layout.text += '\n';
        previous = nullptr;
        previous_large_heading = false;
        continue;
      }
      bool heading = !two_cells[i] && is_heading(line);  // a table's text is no heading
      bool large = !two_cells[i] && line.size >= kHeadingSize * layout.body_size;
      // (Not when the line starts with a number: "2 Primärvården" + "2.1
      // Fast vårdkontakt" are two headings, a chapter's and its first
      // section's.)
      if (previous && previous_large_heading && large && std::abs(line.size - previous->size) < 0.25 &&
          line.top - previous->bottom < 0.6 * line.size && !starts_with_number(line.text)) {
        layout.text.back() = ' ';  // the heading's second line: one line with the first
        layout.text += line.text;
        layout.large_headings.back().span.end = layout.text.size();
        layout.text += '\n';
        previous = &line;
        continue;
      }
      if (previous && line.bottom - previous->bottom > kParagraphGap * std::max(line.size, previous->size)) {
        layout.text += '\n';
      }
      const std::size_t line_begin = layout.text.size();
      layout.text += line.text;
      if (heading && large) {
        layout.large_headings.push_back({{line_begin, layout.text.size()}, 1});
        heading_sizes.push_back(line.size);
      } else if (two_cells[i] || (!heading && line.wide_gaps.size() >= 2 && !justified(line))) {
        layout.table_rows.push_back({{line_begin, layout.text.size()}, kNotAHeading});
      }
      layout.text += '\n';
      if (heading) ++layout.headings;
      previous = &line;
      previous_large_heading = heading && large;
    }
    layout.pages.push_back({begin, layout.text.size()});
    if (p + 1 < pages_.size()) layout.text += '\f';
  }
  // Levels by size: the distinct sizes (to 0.5 pt, as the body size) from
  // the largest down.
  std::vector<double> sizes;
  for (const double size : heading_sizes) sizes.push_back(std::round(size * 2) / 2);
  std::vector<double> distinct = sizes;
  std::sort(distinct.begin(), distinct.end(), std::greater<>());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  for (std::size_t h = 0; h < layout.large_headings.size(); ++h) {
    const auto rank = std::find(distinct.begin(), distinct.end(), sizes[h]) - distinct.begin();
    layout.large_headings[h].level = static_cast<int>(std::min<std::ptrdiff_t>(rank + 1, 9));
  }
  pages_.clear();
  text_bytes_ = 0;
  return layout;
}

PdfLayout lay_out(const std::vector<PdfPage>& pages) {
  PdfLayoutBuilder builder;
  for (const PdfPage& page : pages) builder.add_page(page);
  return builder.finish();
}

}  // namespace analyzer
