#pragma once
// The PDF reader: a PDF's text layer (poppler 22.12: poppler-cpp, Debian
// libpoppler-cpp-dev, opens the document; poppler's own TextOutputDev,
// libpoppler-private-dev, gives each page's words) as text in reading
// order, one line per printed line, with page furniture, footnotes and
// superscript markers left out (pdf_layout.hpp says how), and one
// TextPlace per page.
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
// O(w log w) per page of w words; spread over threads (below). Memory:
// poppler's document per thread (its parsed objects, bounded by the file
// size) plus one page's words per thread and all pages' lines; about 40 MB
// for a 500-page PDF of text.
// Threads: a PDF of at least 2 × kMinPdfPagesPerThread pages is read in
// contiguous page ranges, one per thread, each thread with its own poppler
// document loaded from the same bytes (poppler is safe across threads only
// with a document per thread); the ranges are laid out (rules 1-2 of
// pdf_layout.hpp) on their threads and joined in page order, so the text,
// places, warnings and errors are those of reading page by page: the error
// reported is the first failing page in page order, whichever thread met
// it. Why and how many: text extraction is most of a PDF's ingest time
// (poppler's TextOutputDev, ~0.5 ms of CPU per page of text),
// and `pdftotext` uses one core where every machine it runs on has two or
// more. But `analyzer ingest` already runs one worker per shard on
// different files, where more threads per PDF only compete; so extra
// threads come from one process-wide budget (ReadingThreads,
// reading_threads.hpp, shared with the XLSX reader): each read counts its
// own thread, and takes extra ones only while fewer threads than
// hardware_concurrency() are reading files (two workers each reading a PDF
// on two cores get no extra thread; one large PDF read alone gets the idle
// core). Threads busy with other work (another worker indexing) are not
// counted: a large PDF read beside them competes with them for at most the
// time of its extraction. At most one thread per kMinPdfPagesPerThread
// pages: a thread costs its start and a second parse of the PDF's
// cross-reference table (1-3 ms for the 34-page fixture, 7-10 ms for a
// 1 MB PDF of 500 pages, measured on a loaded machine), about 2-8 pages'
// extraction (0.5-1.2 ms a page); with fewer pages a thread would save
// less than it costs.
// Thread safety: any number of reads at once is safe (each thread has its
// own poppler document; poppler's global state is created once, under its
// own lock). poppler's messages are caught per thread and never printed.

#include <cstddef>
#include <string>
#include <string_view>

#include "analyzer/read/pdf_layout.hpp"
#include "analyzer/read/reader.hpp"

namespace analyzer {

inline constexpr std::size_t kMaxPdfPages = 5000;
inline constexpr std::size_t kMaxPdfWordsPerPage = 100000;
// A thread of its own for each this many pages (above: Threads).
inline constexpr std::size_t kMinPdfPagesPerThread = 16;

// The layout of the PDF `bytes` (the file at `path`, named in diagnostics):
// what PdfReader::read() turns into SourceText, with its counts (furniture,
// footnotes, headings) for tests and tools. Errors, warnings and limits as
// for PdfReader (`max_text_bytes` bounds the text). `threads` 0 reads as
// the file comment says (Threads); n > 0 reads in exactly min(n, pages)
// ranges, one thread each, whatever the page count and the budget (for
// tests and measurements); the result is the same either way.
Result<PdfLayout> read_pdf_layout(const std::string& path, std::string_view bytes, std::size_t max_text_bytes,
                                  Diagnostics& warnings, std::size_t threads = 0);

class PdfReader final : public Reader {
 public:
  std::string_view name() const override { return "pdf"; }
  Result<SourceText> read(const std::string& path, std::string bytes, const ReadOptions& options,
                          Diagnostics& warnings) const override;
};

}  // namespace analyzer
