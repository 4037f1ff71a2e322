#pragma once
// DocxReader: a Word document (.docx, .docm, .dotx) as the text Word shows,
// one line per paragraph, so it segments as a text export of the same
// document does.
//
// In:  the whole .docx file (a ZIP archive; detect_format() found a Word
//      main document in its [Content_Types].xml).
// Out: SourceText: the body's paragraphs in document order, each followed
//      by '\n' (an empty paragraph gives an empty line); one TextPlace per
//      paragraph (a placeholder control counts as one) ("stycke 12", {paragraph: 12}; its span is the
//      paragraph's text without the '\n'); identity FileOffsets (offsets
//      are into this extracted text, not into the ZIP); a TextHeading per
//      heading paragraph with text: its own w:outlineLvl (0-8 → level
//      1-9; 9 is body text), else its style's, through w:basedOn, else the
//      level of a built-in style named "heading N" (Word writes the
//      English name whatever the user's language: "Rubrik 1" is
//      "heading 1"). "Title" and other styles are no headings.
//
// What becomes text:
//   - The main document part named by _rels/.rels (the officeDocument
//     relationship), else word/document.xml. Paragraphs of the body and of
//     table cells (row by row, cell by cell: a question cell is followed by
//     its answer cell), counted from 1 in document order. In a row of two
//     filled cells, a first cell that reads as a question
//     (swedish::reads_as_prompt), or any first cell under a header row
//     "Fråga" | "Svar" (| more; the labels too), is a TextHeading of level
//     kTableQuestion (its further paragraphs kTableQuestionGoesOn,
//     core/span.hpp): segment/ keys the other cells by it. Every other
//     table cell's paragraph without a heading style is kNotAHeading: body
//     text, however short.
//   - List paragraphs (w:numPr on the paragraph or on its style, through
//     w:basedOn) begin with the label Word shows: "5a. ", "• " (computed
//     from numbering.xml, see docx_numbering.hpp).
//   - Content controls (w:sdt, block and run level): one showing its
//     placeholder (w:showingPlcHdr) is an empty field, whatever its
//     placeholder text ("Klicka eller tryck här för att ange text.",
//     "Click or tap here to enter text."): a block-level one is one
//     paragraph "___", and so is a paragraph whose only content is a
//     run-level one; beside other text in its paragraph a run-level one
//     gives nothing. "___" is how printed forms mark an empty field and
//     what segment/ reads as a placeholder, so the field is closed and what
//     follows it (a section heading) is not taken as its answer; a text
//     export's placeholder lines are read the same way. A filled control
//     gives exactly its content.
//   - Runs: w:t; w:tab and w:ptab → tab; w:br and w:cr → '\n' (a line of
//     its own inside the paragraph; the place still covers the paragraph);
//     w:noBreakHyphen → "-"; w:softHyphen → nothing; w:sym → its character
//     (a symbol font's private-use code point → "•"); fields: the result
//     (between fldChar separate and end) is kept, the instruction
//     (w:instrText) dropped; w:fldSimple's result runs kept.
//   - Tracked changes: insertions kept, deletions (w:del, w:delText,
//     w:moveFrom) left out. Hyperlinks, smart tags, custom XML, bidi
//     wrappers: their text kept.
//   - Left out: footnotes and endnotes (their reference marks give no text
//     and footnotes.xml/endnotes.xml are not read, so a footnote never
//     enters answer text), comments, headers and footers (page furniture:
//     their paragraphs, a piece at each tab or break a line, and the
//     document's title property are kept apart as SourceText::running, for
//     the respondent they may name; at most 32 header and footer parts),
//     drawings and text boxes, math, a paragraph-mark deletion's merge.
//   - Control characters other than tab and line feed are dropped.
// Limits (each an error naming the file, the member and the limit):
//   - every member inflated counts against ReadOptions::max_bytes (ZIP
//     bombs refused before inflating, see zip_archive.hpp);
//   - elements nested deeper than kMaxXmlDepth (xml_part.hpp);
//   - the extracted text may not pass ReadOptions::max_bytes (list labels
//     could otherwise make it grow faster than the document);
//   - a DOCTYPE in any part (xml_part.hpp).
// Errors: a missing main document part, a damaged or encrypted archive,
// XML that is not well-formed or not UTF-8 (with its byte offset in the
// member). A
// password-protected .docx is an OLE2 file, refused by detect_format().
// Cost: one pass over each XML part read (document, styles, numbering);
// memory: the inflated parts and pugixml's trees (a few times the
// document part) while reading, then the text. Stateless: one object
// serves every thread.

#include "analyzer/read/reader.hpp"

namespace analyzer {

class DocxReader final : public Reader {
 public:
  std::string_view name() const override { return "docx"; }
  Result<SourceText> read(const std::string& path, std::string bytes, const ReadOptions& options,
                          Diagnostics& warnings) const override;
};

}  // namespace analyzer
