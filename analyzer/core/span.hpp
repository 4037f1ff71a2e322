#pragma once
// ByteSpan: a half-open byte range [begin, end) into some text. Which text
// (normalised or original) is always said by the name of the field holding it.
// TextHeading: a heading line a reader found, as a span of its text.

#include <cstddef>

namespace analyzer {

struct ByteSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  friend bool operator==(const ByteSpan&, const ByteSpan&) = default;
};

// A line the document itself marks as a heading: a Word paragraph with an
// outline level (a "Rubrik 1" / "Heading 1" style, or w:outlineLvl), a PDF
// line in larger type. `span` is the heading's text in a reader's text
// (without its '\n'); `level` 1 is the top level. Readers find them
// (read/), normalize/ keeps them lines of their own and marks them,
// segment/ takes them as section headings; plain text has none.
// A line a reader marks: a heading of `level` 1 (top) and deeper, or, with
// kNotAHeading, a line it knows is body text (a PDF table's row), or, with
// kTableQuestion, a table's question cell ("Beskriv ..." | answer, or any
// first cell under a "Fråga" | "Svar" header row): in prose it keys the
// lines after it as its answer, up to the first line not marked, and is
// never answer text itself (a survey part reads its own questions and
// takes such lines as text); its further
// paragraphs ("Svara kortfattat.") are kTableQuestionGoesOn: part of the
// question's text, never a key or answer text. A line marked kNotAHeading
// or a table question is never a footnote either.
inline constexpr int kNotAHeading = -1;
inline constexpr int kTableQuestion = -2;
inline constexpr int kTableQuestionGoesOn = -3;
struct TextHeading {
  ByteSpan span;
  int level = 1;
  friend bool operator==(const TextHeading&, const TextHeading&) = default;
};

}  // namespace analyzer
