#pragma once
// PDF layout: from the words a PDF library found on each page (text, box,
// font size, bold) to text in reading order, one line per printed line,
// with page furniture, footnotes and superscript markers left out. No PDF
// library here (pdf_reader.cpp feeds it from poppler), so it is tested with
// words written out in the test.
//
// In:  PdfPage values, one per page in page order, each with its words in
//      any order. Coordinates are PDF points with y growing DOWN the page
//      (poppler's text boxes): a word's box is [x0, x1] × [top, bottom], its
//      baseline about `bottom`.
// Out: PdfLayout: the text (UTF-8; every line ends in '\n', every page but
//      the last ends in "\f" after its last line, so normalize() sees the
//      page break as a line end), one span per page in that text, and counts
//      of what was left out or recognised.
//
// The rules, in order:
//   1. Lines. Words are taken top to bottom; a word joins the line it
//      overlaps vertically by at least half of the lower of the two
//      heights, else it starts a new line. A line's words are sorted left to
//      right and joined with one space where the PDF says a space follows
//      (PdfWord::space_after) or the gap is wider than 0.15 × the font size,
//      else without one ("SKR" "." stays "SKR.").
//   1b. Two columns. On a page of at least 10 rows and at most
//      kMaxColumnPageWidth wide (a wider page, or one whose width is no
//      finite number, is read row by row), the gutter is the x
//      between 35% and 65% of the page width that the fewest words cross
//      (a word within 2 pt counts). Rows with a word across it are full
//      width (a title, a header); the other rows' words split at it into a
//      left and a right column. The page is read as two columns only when
//      each column has at least a quarter of the page's words and 5 rows,
//      is at least 30% of the page wide, its median row fills 60% of its
//      width and holds at least 4 words (prose, not a label | value
//      table), and the two stand side by side (their vertical extents
//      overlap by half). Then, band by band between full-width rows, the
//      left column's lines come before the right column's. Otherwise a
//      row is one line, left to right.
//   1c. A question | answer table, as survey tools print a filled form (on
//      a page of at least 3 rows, before 1b, with the same gutter): the
//      rows split at the gutter hold a header row "Fråga" | "Svar" (or
//      "Kommentar", "Beskrivning", "Redovisning") and a numbered question
//      ("5.", "13a.", "12 b)", "K3.", "Fråga 7:" starting the left side);
//      or no header and numbered questions on at least a third of the
//      left side's rows, 3 or more with 60% of them answered beside them
//      on the right, or 2 or more all answered; or a page whose first row
//      is an answer going on (right side only) and numbered questions all
//      answered (the table's next page: those first rows are one answer
//      cell, going on with the answer the page before broke off). Then a
//      table row runs from a numbered question's row (or the header's) to
//      the next, or to a row across the gutter or set apart in the page's
//      top or bottom band (a running header or footer: more than 1.5 ×
//      its height from the rows beside it, and no numbered question),
//      which are read as printed. A
//      table row's left cell becomes one line, then its right cell one
//      line (the cell's rows joined by spaces); the left cell is listed in
//      PdfLayout::table_rows as kTableQuestion (the header's labels are
//      one such cell, keying nothing), the right as kNotAHeading, so the
//      segmenter keys each answer by its question as in a Word table.
//   2. Superscript markers. A word of at most 3 characters (digits, "*",
//      "†", a letter) in type under 0.85 × its line's main size, whose
//      bottom is above the line's baseline by more than 0.2 × that size and
//      which follows a word with no visible space before it (a gap under
//      0.15 × that size, whether or not the PDF puts a space there, as
//      LibreOffice does before its footnote references), is a footnote
//      marker: left out and counted ("staten och SKR.¹" → "staten och SKR.").
//   3. Body size: the font size (to 0.5 pt) that carries the most
//      characters of the document.
//   4. Page furniture: a line within the top or bottom 12% of its page
//      (at most the first 3 and last 3 lines of the page) is furniture when
//        - it is a page number alone: "3", "- 3 -", "Sida 3", "sida 3 av 9",
//          "3 (9)", "3/9", "Page 3 of 9"; or
//        - the same text, with every digit counted equal, stands within 4 pt
//          of the same height on at least half of the pages (and on at least
//          3 pages; in a document of two pages with text, on both, the
//          same text digits too): a running header or footer. Pages count
//          once however often the line stands on them.
//      Furniture is left out and counted; the running headers and footers
//      (furniture other than a page number) are kept apart in
//      PdfLayout::running, for the respondent a page header names.
//   5. Footnotes: the lines at a page's bottom (below every other line of
//      the page, in its lower half) in type under 0.85 × the body size, the
//      first of them starting with a number or "*" (the footnote's marker),
//      are left out and counted (one footnote per such line that starts
//      with a marker).
//   6. Headings: a line in type at least 1.15 × the body size, or bold and
//      starting with a number ("5.", "7a.", "2.3"), is a heading; it stays a
//      line of its own. Two successive heading lines in the same large type
//      are one heading wrapped: they become one line, unless the second
//      starts with a number ("2 Primärvården" + "2.1 Fast vårdkontakt").
//   7. A vertical gap of more than 1.8 × the font size between two lines of
//      a page becomes one empty line (a paragraph break).
//   8. Table rows: a line that is no heading, whose words stand apart by
//      more than 2 × its size at least twice (three cells or more, as a
//      table drawn in the PDF puts them), is listed in
//      PdfLayout::table_rows, so that the segmenter keeps it as body text:
//      short rows ("Krokom Nej Ja") would otherwise read as headings. A
//      line whose every gap is that wide but none wider than 6 × its size
//      is justified prose in a narrow column ("utbildat   60   under-
//      sköterskor   till"), no table row. So
//      are two or more lines in a row with one such gap each, their second
//      cells starting within 3 pt of the same x (a table of two columns,
//      "Antal SIP | 310"), whatever their size or weight: text in a table
//      is never a heading, so a row never keys an empty section and is
//      lost.
// Limits: none of its own; the reader bounds pages, words per page and the
// text (pdf_reader.hpp). Cost: O(w log w) per page of w words, plus
// O(w + page width in points, at most 14,400) for the gutter on pages of 10 rows; memory: the
// text plus one page's lines. Thread-safe (no shared state).
//
// Example:
//   PdfPage page{595, 842, {{"Hej", 50, 100, 70, 110, 10}, {"världen.", 73, 100, 110, 110, 10}}};
//   PdfLayout layout = lay_out({page});
//   // layout.text == "Hej världen.\n", layout.pages[0] == ByteSpan{0, 14}

#include <cstddef>
#include <string>
#include <vector>

#include "analyzer/core/running_lines.hpp"
#include "analyzer/core/span.hpp"

namespace analyzer {

// The widest page rule 1b looks for two columns on: 14,400 pt (200 inches),
// the largest page PDF defines (ISO 32000-1, annex C). The gutter search
// takes a step per point, so a MediaBox of 1e20 would never end.
inline constexpr double kMaxColumnPageWidth = 14400;

struct PdfWord {
  std::string text;  // UTF-8, no white space inside
  double x0 = 0, top = 0, x1 = 0, bottom = 0;  // points, y down the page
  double font_size = 0;
  bool space_after = false;  // the PDF puts a space after this word
  bool bold = false;         // the font's name says Bold/Black/Heavy/Semibold
};

// A line's place in a question | answer table (rule 1c): the first or a
// further line of a question's cell or of its answer's; None outside one.
enum class TableCell : unsigned char { None, QuestionStarts, QuestionGoesOn, AnswerStarts, AnswerGoesOn };

struct PdfPage {
  double width = 0, height = 0;  // points
  std::vector<PdfWord> words;
};

struct PdfLayout {
  std::string text;
  // One span per input page, in page order: where the page's text is in
  // `text` (its lines with their '\n', not the "\f"); empty for a page
  // with no text left.
  std::vector<ByteSpan> pages;
  double body_size = 0;                  // points; 0 when there are no words
  std::size_t furniture_lines = 0;       // running headers/footers and page numbers left out
  // The running headers and footers among them (not the page numbers
  // alone), distinct, each with the page it was first seen on
  // (core/running_lines.hpp).
  std::vector<RunningLine> running;
  std::size_t footnotes = 0;             // footnotes left out (rule 5)
  std::size_t footnote_lines = 0;        // lines of footnote text left out
  std::size_t superscript_markers = 0;   // markers left out (rule 2)
  std::size_t headings = 0;              // heading lines (rule 6), after joining
  // The headings in large type (rule 6's first kind), as spans of `text`
  // without their '\n', in order; level 1 for the largest size in the
  // document, 2 for the next, and so on (at most 9). Bold numbered lines in
  // body type (a form's numbered questions) are counted in `headings` but
  // not listed here: their size says nothing of a section's depth.
  std::vector<TextHeading> large_headings;
  // The rows of tables (rule 8), as spans of `text` without their '\n', in
  // order, each with level kNotAHeading: lines that are body text, never a
  // heading, and never joined to the lines around them; and the cells of
  // question | answer tables (rule 1c): a question's kTableQuestion, its
  // answer's kNotAHeading.
  std::vector<TextHeading> table_rows;
};

// Builds a PdfLayout page by page: add_page() turns a page's words into
// lines at once (rules 1-2), so only lines are held, never a whole
// document's words; finish() applies rules 3-7, which need every page.
// Use: add_page() for each page in order (or append() builders of later
// pages), then finish() once.
class PdfLayoutBuilder {
 public:
  struct Line {
    std::string text;
    double x0 = 0, top = 0, x1 = 0, bottom = 0;
    double size = 0;      // the font size carrying most of the line's characters
    bool bold = false;    // most of its characters are bold
    std::size_t chars = 0;
    // Where a word after a gap wider than kTableGap × size starts, as byte
    // offsets into `text`: a table row's cells (rule 8), a running
    // header's left, centre and right pieces.
    std::vector<std::size_t> wide_gaps;
    std::vector<double> wide_gap_x;    // where each of those words starts on the page (x0)
    std::size_t words = 0;             // words joined into the line
    double widest_gap = 0;             // the widest gap between two of its words, points
    TableCell cell = TableCell::None;  // rule 1c
  };

  void add_page(const PdfPage& page);
  // Takes over `later`'s pages (added after this builder's own, in their
  // order) and counts, as if they had been added here one by one: a
  // document's page ranges can be laid out by separate builders (one per
  // thread) and joined in page order before finish(). O(pages of later).
  void append(PdfLayoutBuilder&& later);
  // Bytes of line text held so far: about the size of the text finish() makes.
  std::size_t text_bytes() const { return text_bytes_; }
  std::size_t page_count() const { return pages_.size(); }
  PdfLayout finish();

 private:
  struct Page {
    double width = 0, height = 0;
    std::vector<Line> lines;
  };
  std::vector<Page> pages_;
  std::size_t text_bytes_ = 0;
  std::size_t superscript_markers_ = 0;
};

// Lays out `pages` as the file comment says (a PdfLayoutBuilder over them).
// A page with no words gives an empty span.
PdfLayout lay_out(const std::vector<PdfPage>& pages);

// True for a line that is only a page number, as rule 4 lists them.
bool is_page_number_line(const std::string& line);

}  // namespace analyzer
