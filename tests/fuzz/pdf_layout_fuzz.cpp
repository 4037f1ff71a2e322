// Fuzz target: pdf_layout.hpp's pure functions (lay_out, is_page_number_line)
// on pages of words decoded from the fuzz bytes, which reach the layout
// rules (lines, two columns, superscripts, furniture, footnotes, headings,
// gaps) far more directly than PDF bytes through poppler do.
//
// Input (at most 16 KB): a header of 4 bytes, then words of 7 bytes each
// plus their text.
//   header: page width, page height as big-endian u16 each: below 0xF000 it
//           is the value / 8 points (0..7680); from 0xF000 up, 2^(low 10
//           bits) points (up to 2^1023: a PDF's MediaBox is any real);
//   word:   x0, top (u16 / 8 points, from 0xF000 up negative, 0xFFFD-F
//           -inf, +inf, NaN), width (u8 / 2), height (u8 / 8), font size
//           (u8 / 8, 0xFF NaN), flags (bit 0
//           space after, bit 1 bold, bit 2 the word starts a new page,
//           bits 3-5 the number of text tokens), then that many bytes, each
//           picking a token (digits, letters, "Sida", "av", "-", "(", "*",
//           "†", "¹", "å", ...) so the words are valid UTF-8 without white
//           space, as the reader gives them.
// Checks: never crashes or hangs; one span per page, in order, inside the
// text, on character boundaries, a page's text ending in '\n'; the text is
// valid UTF-8, has no more non-space bytes than the words had, and grows at
// most linearly; counts of what was left out are at most the lines there were.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/read/pdf_layout.hpp"
#include "analyzer/read/source.hpp"
#include "tests/fuzz/fuzz_input.hpp"

using analyzer::fuzz::require;

namespace {

constexpr std::string_view kTokens[] = {
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "e", "r", "s", "v",
    "Sida", "sida", "av", "Page", "of", "-", "(", ")", "/", ".", ":", "*", "\xE2\x80\xA0" /* † */,
    "\xC2\xB9" /* ¹ */, "\xC3\xA5" /* å */, "\xC3\x96" /* Ö */, "Fr\xC3\xA5ga", "SKR", "\xE2\x80\x93" /* – */,
    "\xE2\x80\xA2" /* • */, "\xCC\x88" /* combining diaeresis */, "7a.", "2.3", "\xF0\x9F\x98\x80" /* emoji */};
constexpr std::size_t kTokenCount = sizeof kTokens / sizeof kTokens[0];

class Bytes {
 public:
  explicit Bytes(std::string_view s) : s_(s) {}
  bool has(std::size_t n) const { return pos_ + n <= s_.size(); }
  unsigned u8() { return static_cast<unsigned char>(s_[pos_++]); }
  unsigned u16() {
    const unsigned hi = u8();
    return hi << 8 | u8();
  }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

double page_size(unsigned raw) { return raw < 0xF000 ? raw / 8.0 : std::ldexp(1.0, static_cast<int>(raw & 0x3FF)); }
// What a damaged font matrix can give: infinities and NaN at the top.
double coordinate(unsigned raw) {
  if (raw == 0xFFFF) return std::numeric_limits<double>::quiet_NaN();
  if (raw == 0xFFFE) return std::numeric_limits<double>::infinity();
  if (raw == 0xFFFD) return -std::numeric_limits<double>::infinity();
  return raw < 0xF000 ? raw / 8.0 : -static_cast<double>(raw & 0xFFF) / 8.0;
}
double font_size(unsigned raw) { return raw == 0xFF ? std::numeric_limits<double>::quiet_NaN() : raw / 8.0; }

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\f'; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const analyzer::fuzz::Input in = analyzer::fuzz::capped(data, size, 16 * 1024);
  if (!in.ok) return 0;
  Bytes b(in.bytes);
  if (!b.has(4)) return 0;
  const double width = page_size(b.u16()), height = page_size(b.u16());
  std::vector<analyzer::PdfPage> pages(1, analyzer::PdfPage{width, height, {}});
  std::size_t word_bytes = 0, word_count = 0;
  while (b.has(7)) {
    analyzer::PdfWord w;
    w.x0 = coordinate(b.u16());
    w.top = coordinate(b.u16());
    w.x1 = w.x0 + b.u8() / 2.0;
    w.bottom = w.top + b.u8() / 8.0;
    w.font_size = font_size(b.u8());
    if (!b.has(1)) break;
    const unsigned flags = b.u8();
    w.space_after = flags & 1;
    w.bold = flags & 2;
    const std::size_t tokens = (flags >> 3) & 7;
    for (std::size_t i = 0; i < tokens && b.has(1); ++i) w.text += kTokens[b.u8() % kTokenCount];
    if (w.text.empty()) w.text = "x";  // the reader drops words without text
    if (flags & 4) pages.push_back(analyzer::PdfPage{width, height, {}});
    word_bytes += w.text.size();
    ++word_count;
    pages.back().words.push_back(std::move(w));
  }

  const analyzer::PdfLayout layout = analyzer::lay_out(pages);
  const std::string_view text = layout.text;
  require(!analyzer::first_invalid_utf8(text), "the text is valid UTF-8");
  require(layout.pages.size() == pages.size(), "one span per page");
  std::size_t last_end = 0;
  for (const analyzer::ByteSpan& span : layout.pages) {
    if (span.empty()) continue;
    require(span.begin >= last_end && span.end <= text.size(), "page spans are in order inside the text");
    require(!analyzer::first_invalid_utf8(text.substr(span.begin, span.size())), "a page span covers whole characters");
    require(text[span.end - 1] == '\n', "a page's text ends in a line end");
    last_end = span.end;
  }
  std::size_t printed = 0;
  for (char c : text) printed += !is_space(c);
  require(printed <= word_bytes, "no more non-space bytes than the words had");
  // Each word at most its text and a space or line end, each line at most
  // one empty line after it, each page one "\f".
  require(text.size() <= 2 * (word_bytes + word_count) + pages.size(), "the text grows at most linearly");
  require(layout.furniture_lines + layout.footnote_lines + layout.headings <= word_count, "counts within the lines");
  require(layout.superscript_markers <= word_count, "markers within the words");
  // is_page_number_line on every line made (under the sanitizers only).
  for (std::size_t from = 0; from < text.size();) {
    const std::size_t end = std::min(text.find('\n', from), text.size());
    static_cast<void>(analyzer::is_page_number_line(std::string(text.substr(from, end - from))));
    from = end + 1;
  }
  return 0;
}
