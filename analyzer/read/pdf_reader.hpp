#pragma once
// The PDF reader: a PDF's text layer (poppler-cpp, Debian libpoppler-cpp-dev
// 22.12) as text in reading order, one line per printed line, with page
// furniture, footnotes and superscript markers left out (pdf_layout.hpp
// says how), and one TextPlace per page.
//
// In:  the whole content of a file that detect_format() found to be a PDF.
// Out: SourceText with
//   - text: each page's lines, each ending in '\n'; a "\f" between pages
//     (normalize() takes it as a line end); a heading stands on its own
//     line; offsets are into this text (SourceText::offsets is the
//     identity: byte offsets of a PDF's records are offsets into its
//     extracted text, not into the PDF's bytes);
//   - places: one per page with text left, label "sida 3", location
//     {page: 3}, span the page's lines in `text`.
// Errors (Diagnostic naming the file, and the page where one applies):
//   - the file cannot be opened as a PDF (damaged, cut short): poppler's
//     reason in the message;
//   - the file needs a password to open (a user password): "is protected by
//     a password"; a PDF with only an owner password (permissions) that
//     poppler can open is read;
//   - a page that cannot be loaded (a damaged page tree): "cannot read page
//     3 of <file>: <poppler's reason>";
//   - no text on any page: "has no text layer (a scanned document?)", with
//     the hint to run text recognition first (ocrmypdf);
//   - a limit passed (below).
// Warnings: pages without text in a PDF that has text elsewhere (listed;
// their content, probably scanned images, is not read); words written in
// another direction than most words of their page (counted), which are
// left out. A page printed sideways or upside down (most of its words
// turned by 90°, 180° or 270°) is read as if turned upright.
// Limits: at most kMaxPdfPages pages and kMaxPdfWordsPerPage words on a
// page; the extracted text at most ReadOptions::max_bytes (as the file
// itself; the budget a text file of that size would have). Each is checked
// as it is met, and the error says which was passed.
// Cost: poppler's text extraction, about linear in the page content; then
// O(w log w) per page of w words. Memory: poppler's document (its parsed
// objects, bounded by the file size) plus one page's words and all pages'
// lines; about 40 MB for a 500-page PDF of text.
// Thread safety: one read() per thread at a time is safe (each has its own
// poppler document; poppler's global state is created once, under its own
// lock). poppler's messages are caught per thread and never printed.

#include <cstddef>
#include <string>
#include <string_view>

#include "analyzer/read/pdf_layout.hpp"
#include "analyzer/read/reader.hpp"

namespace analyzer {

inline constexpr std::size_t kMaxPdfPages = 5000;
inline constexpr std::size_t kMaxPdfWordsPerPage = 100000;

// The layout of the PDF `bytes` (the file at `path`, named in diagnostics):
// what PdfReader::read() turns into SourceText, with its counts (furniture,
// footnotes, headings) for tests and tools. Errors, warnings and limits as
// for PdfReader (`max_text_bytes` bounds the text).
Result<PdfLayout> read_pdf_layout(const std::string& path, std::string_view bytes, std::size_t max_text_bytes,
                                  Diagnostics& warnings);

class PdfReader final : public Reader {
 public:
  std::string_view name() const override { return "pdf"; }
  Result<SourceText> read(const std::string& path, std::string bytes, const ReadOptions& options,
                          Diagnostics& warnings) const override;
};

}  // namespace analyzer
