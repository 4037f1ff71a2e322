#include "analyzer/read/pdf_reader.hpp"
#include "analyzer/read/reading_threads.hpp"
#include "analyzer/read/source.hpp"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-rectangle.h>

// poppler's own classes (Debian libpoppler-private-dev, the same 22.12
// release as poppler-cpp): the words of a page with their font, without
// poppler-cpp's text_list() costs (see "Text extraction" below).
#include <Catalog.h>
#include <GfxState.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>
#include <TextOutputDev.h>
#include <goo/GooString.h>

#include <algorithm>
#include <iterator>
#include <atomic>
#include <climits>
#include <memory>
#include <system_error>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace analyzer {
namespace {

// poppler reports problems through one process-wide callback; each thread
// reading a PDF points `captured` at its own log, so messages of two
// documents read at once never mix, and nothing reaches stderr.
thread_local std::vector<std::string>* captured = nullptr;
constexpr std::size_t kMaxCapturedMessages = 8;

void capture_poppler_message(const std::string& message, void*) {
  if (captured && captured->size() < kMaxCapturedMessages) captured->push_back(message.substr(0, 300));
}

// Catches poppler's messages on this thread while it lives.
class PopplerMessages {
 public:
  PopplerMessages() {
    static std::once_flag installed;
    std::call_once(installed, [] { poppler::set_debug_error_function(capture_poppler_message, nullptr); });
    previous_ = captured;
    captured = &messages_;
  }
  ~PopplerMessages() { captured = previous_; }
  PopplerMessages(const PopplerMessages&) = delete;
  PopplerMessages& operator=(const PopplerMessages&) = delete;

  // Messages since the last call, each once, "; "-joined, without
  // poppler's "error: " prefixes.
  std::string take() {
    std::string out;
    std::vector<std::string> said;
    for (std::string m : messages_) {
      if (m.rfind("error: ", 0) == 0) m.erase(0, 7);
      if (std::find(said.begin(), said.end(), m) != said.end()) continue;
      if (!out.empty()) out += "; ";
      out += m;
      said.push_back(std::move(m));
    }
    messages_.clear();
    return out;
  }
  bool said(std::string_view text) const {
    return std::any_of(messages_.begin(), messages_.end(),
                       [&](const std::string& m) { return m.find(text) != std::string::npos; });
  }

 private:
  std::vector<std::string> messages_;
  std::vector<std::string>* previous_ = nullptr;
};

bool is_bold_font(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });
  for (const char* weight : {"bold", "black", "heavy", "semibold", "demi"}) {
    if (name.find(weight) != std::string::npos) return true;
  }
  return false;
}

// A word's text as poppler-cpp's text_box::text() gave it before this
// reader called poppler directly (so the text stays what it was): the UTF-8
// up to the first NUL or the first byte that is not valid UTF-8 (poppler-cpp
// converted through UTF-16 with iconv, which stops there), without control
// characters (a stray form feed in a word would break the page and line
// structure).
std::string word_text(const GooString& text) {
  std::string_view bytes(text.c_str());
  if (std::optional<std::size_t> bad = first_invalid_utf8(bytes)) bytes = bytes.substr(0, *bad);
  std::string out;
  out.reserve(bytes.size());
  for (char c : bytes) {
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) out += c;
  }
  return out;
}

// Sets `word`'s box to `r` (poppler's, on a page `width` × `height` as
// displayed) turned upright for text in `direction` (poppler's text_box
// rotation: 0 upright, 1 running down, 2 upside down, 3 running up), so
// that x runs along the text and y down its lines.
void upright(const poppler::rectf& r, int direction, double width, double height, PdfWord& word) {
  switch (direction) {
    case 1:  // the text's top faces right
      word.x0 = r.top(), word.x1 = r.bottom(), word.top = width - r.right(), word.bottom = width - r.left();
      break;
    case 2:
      word.x0 = width - r.right(), word.x1 = width - r.left(), word.top = height - r.bottom(),
      word.bottom = height - r.top();
      break;
    case 3:  // the text's top faces left
      word.x0 = height - r.bottom(), word.x1 = height - r.top(), word.top = r.left(), word.bottom = r.right();
      break;
    default:
      word.x0 = r.left(), word.x1 = r.right(), word.top = r.top(), word.bottom = r.bottom();
  }
}

std::string page_list(const std::vector<std::size_t>& pages) {
  std::string out;
  for (std::size_t i = 0; i < pages.size() && i < 10; ++i) out += (i ? ", " : "") + std::to_string(pages[i]);
  if (pages.size() > 10) out += " and " + std::to_string(pages.size() - 10) + " more";
  return out;
}

// The document in `bytes`, or the error naming `path`: damaged, or locked
// by a user password.
Result<std::unique_ptr<poppler::document>> open_document(const std::string& path, std::string_view bytes,
                                                         PopplerMessages& messages) {
  std::unique_ptr<poppler::document> document(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!document) {
    if (messages.said("Incorrect password")) {
      return make_error(path, "is protected by a password, so its text cannot be read",
                        "open it with the password and save or print it to a PDF without one");
    }
    std::string why = messages.take();
    return make_error(path, "cannot be read as a PDF (damaged or cut short)" + (why.empty() ? "" : ": " + why),
                      "open it in a PDF viewer and save or print it to a new PDF");
  }
  if (document->is_locked()) {
    return make_error(path, "is protected by a password, so its text cannot be read",
                      "open it with the password and save or print it to a PDF without one");
  }
  return document;
}

// Text extraction. poppler-cpp's page::text_list(text_list_include_font)
// gives the words with font size and name, but per page it also scans the
// page's fonts and asks fontconfig for a system font file for each font not
// embedded (a renderer's need, not a reader's), and per word it converts the
// text UTF-8 → UTF-16 → UTF-8 with iconv and copies the page's font list:
// about 1.2 ms of CPU per page of text, 2.5 times `pdftotext`'s. The reader
// therefore opens the document a second time as poppler's own PDFDoc and
// runs poppler's TextOutputDev on each page exactly as text_list() does
// (same resolution, same word list), taking each TextWord's text, box,
// rotation, space flag, font size and font name itself: the same words at
// about `pdftotext`'s cost. poppler-cpp still opens the document first (its
// errors, passwords and page count as before), and its document must
// outlive every PDFDoc: it holds poppler's global parameters and routes
// poppler's messages to PopplerMessages.

// A PDFDoc over `bytes` (not copied: they must outlive it), or nullptr when
// poppler cannot open it.
std::unique_ptr<PDFDoc> open_pages(std::string_view bytes) {
  auto document = std::make_unique<PDFDoc>(
      new MemStream(bytes.data(), 0, static_cast<Goffset>(bytes.size()), Object(objNull)));
  if (!document->isOk()) return nullptr;
  return document;
}

Diagnostic text_limit_error(const std::string& path, std::size_t max_text_bytes, std::size_t page_number) {
  return make_error(path,
                    "its text passes the limit of " + describe_size(max_text_bytes) + " at page " +
                        std::to_string(page_number),
                    "raise the limit with --max-file-size, or split the PDF into smaller parts");
}

// What one contiguous range of pages gave: its pages laid out (rules 1-2)
// up to the first page that failed, and that failure.
struct PageRange {
  int first = 0, end = 0;  // page indexes [first, end), from 0
  PdfLayoutBuilder builder;
  std::vector<std::size_t> text_bytes;  // builder.text_bytes() after each page read
  std::vector<std::size_t> pages_without_text;  // page numbers, from 1
  std::size_t words = 0, words_not_upright = 0;
  std::optional<Diagnostic> error;
};

// Reads the pages of `range` from `document`. Stops at the first page that
// fails (range.error), when this range's own text passes `max_text_bytes`
// (the document's text passes it there or before; the caller names the
// page), or before a page after `earliest_stop` (a page index where
// another range stopped: what comes after it is not reported).
void read_range(const std::string& path, PDFDoc& document, std::size_t max_text_bytes,
                PopplerMessages& messages, std::atomic<int>& earliest_stop, PageRange& range) {
  auto stop_at = [&](int index) {
    int seen = earliest_stop.load();
    while (index < seen && !earliest_stop.compare_exchange_weak(seen, index)) {
    }
  };
  for (int index = range.first; index < range.end; ++index) {
    if (index > earliest_stop.load(std::memory_order_relaxed)) return;
    const std::size_t number = static_cast<std::size_t>(index) + 1;
    messages.take();
    Page* page = document.getCatalog()->getPage(index + 1);
    if (!page) {
      std::string why = messages.take();
      range.error = make_error(path,
                               "cannot read page " + std::to_string(number) + " of " + path + ": " +
                                   (why.empty() ? "the page is damaged" : why),
                               "open it in a PDF viewer and save or print it to a new PDF");
      stop_at(index);
      return;
    }
    const PDFRectangle* media_box = page->getMediaBox();
    const poppler::rectf box(media_box->x1, media_box->y1, media_box->x2 - media_box->x1,
                             media_box->y2 - media_box->y1);
    PdfPage words;
    words.width = box.width();
    words.height = box.height();
    // As poppler-cpp's text_list(): 72 dpi, not rotated, the crop box, a
    // copy of the cross-reference table per page.
    TextOutputDev device(nullptr, false, 0, false, false);
    document.displayPageSlice(&device, index + 1, 72, 72, 0, false, false, false, -1, -1, -1, -1, nullptr, nullptr,
                              nullptr, nullptr, true);
    std::unique_ptr<TextWordList> boxes = device.makeWordList();
    const int box_count = boxes ? boxes->getLength() : 0;
    if (static_cast<std::size_t>(box_count) > kMaxPdfWordsPerPage) {
      range.error = make_error(path,
                               "page " + std::to_string(number) + " has " + std::to_string(box_count) +
                                   " words, more than the " + std::to_string(kMaxPdfWordsPerPage) +
                                   " a page may have",
                               "this is not a page of text; remove the page or export the text another way");
      stop_at(index);
      return;
    }
    // The page's writing direction: the rotation most of its words have
    // (a page printed sideways has them all at 90°). Those words are turned
    // upright; words in other directions (a margin note) are left out.
    int counts[4] = {0, 0, 0, 0};
    for (int i = 0; i < box_count; ++i) counts[boxes->get(i)->getRotation() & 3]++;
    const int direction = static_cast<int>(std::max_element(counts, counts + 4) - counts);
    if (direction % 2 == 1) std::swap(words.width, words.height);
    words.words.reserve(static_cast<std::size_t>(box_count));
    for (int i = 0; i < box_count; ++i) {
      const TextWord& text_word = *boxes->get(i);
      if ((text_word.getRotation() & 3) != direction) {
        ++range.words_not_upright;
        continue;
      }
      PdfWord word;
      word.text = word_text(*std::unique_ptr<GooString>(text_word.getText()));
      if (word.text.empty()) continue;
      double x_min = 0, y_min = 0, x_max = 0, y_max = 0;
      text_word.getBBox(&x_min, &y_min, &x_max, &y_max);
      upright(poppler::rectf(x_min, y_min, x_max - x_min, y_max - y_min), direction, box.width(), box.height(),
              word);
      word.font_size = text_word.getFontSize();
      word.space_after = text_word.hasSpaceAfter();
      const TextFontInfo* font = text_word.getFontInfo(0);
      const GooString* font_name = font ? font->getFontName() : nullptr;
      word.bold = font_name && is_bold_font(font_name->toStr());
      words.words.push_back(std::move(word));
    }
    boxes.reset();
    range.words += words.words.size();
    if (words.words.empty()) range.pages_without_text.push_back(number);
    range.builder.add_page(words);
    range.text_bytes.push_back(range.builder.text_bytes());
    if (range.builder.text_bytes() > max_text_bytes) {
      stop_at(index);
      return;
    }
  }
}

// read_range() on a thread of its own, with its own document opened from
// the same bytes (poppler is safe across threads only with a document per
// thread) and its own capture of poppler's messages. Never throws.
void read_range_alone(const std::string& path, std::string_view bytes, std::size_t max_text_bytes,
                      std::atomic<int>& earliest_stop, PageRange& range) {
  try {
    PopplerMessages messages;
    std::unique_ptr<PDFDoc> document = open_pages(bytes);
    if (!document) {
      std::string why = messages.take();
      range.error = make_error(path, "cannot be read as a PDF (damaged or cut short)" + (why.empty() ? "" : ": " + why),
                               "open it in a PDF viewer and save or print it to a new PDF");
    } else {
      read_range(path, *document, max_text_bytes, messages, earliest_stop, range);
      return;
    }
  } catch (const std::exception& e) {
    range.error = make_error(path, "could not read pages " + std::to_string(range.first + 1) + "-" +
                                       std::to_string(range.end) + ": " + e.what());
  }
  int seen = earliest_stop.load();
  while (range.first < seen && !earliest_stop.compare_exchange_weak(seen, range.first)) {
  }
}

}  // namespace

Result<PdfLayout> read_pdf_layout(const std::string& path, std::string_view bytes, std::size_t max_text_bytes,
                                  Diagnostics& warnings, std::size_t threads) {
  PopplerMessages messages;
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
    return make_error(path, "is larger than the 2 GB a PDF may have here", "split the PDF into smaller parts");
  }
  Result<std::unique_ptr<poppler::document>> opened = open_document(path, bytes, messages);
  if (!opened) return opened.error();
  poppler::document& document = *opened.value();
  int page_total = document.pages();
  if (page_total <= 0) {
    std::string why = messages.take();
    return make_error(path, "has no pages (its page tree is damaged?)" + (why.empty() ? "" : ": " + why),
                      "open it in a PDF viewer and save or print it to a new PDF");
  }
  if (static_cast<std::size_t>(page_total) > kMaxPdfPages) {
    return make_error(path,
                      "has " + std::to_string(page_total) + " pages, more than the " + std::to_string(kMaxPdfPages) +
                          " pages a PDF may have",
                      "split the PDF into parts of at most " + std::to_string(kMaxPdfPages) + " pages");
  }
  // The pages are read through poppler's PDFDoc (Text extraction, above),
  // while `document` stays open.
  std::unique_ptr<PDFDoc> page_source = open_pages(bytes);
  if (!page_source) {
    std::string why = messages.take();
    return make_error(path, "cannot be read as a PDF (damaged or cut short)" + (why.empty() ? "" : ": " + why),
                      "open it in a PDF viewer and save or print it to a new PDF");
  }

  // The ranges: one per thread, contiguous, in page order; the first is
  // read here, with the document opened above.
  const std::size_t pages = static_cast<std::size_t>(page_total);
  std::optional<ReadingThreads> budget;
  std::size_t range_count = std::min(threads, pages);
  if (threads == 0) {
    budget.emplace(pages / kMinPdfPagesPerThread > 1 ? pages / kMinPdfPagesPerThread - 1 : 0);
    range_count = 1 + budget->extra();
  }
  std::vector<PageRange> ranges(range_count);
  for (std::size_t k = 0; k < range_count; ++k) {
    ranges[k].first = static_cast<int>(k * pages / range_count);
    ranges[k].end = static_cast<int>((k + 1) * pages / range_count);
  }
  std::atomic<int> earliest_stop{INT_MAX};
  std::vector<std::thread> helpers;
  struct JoinAll {
    std::vector<std::thread>& threads;
    ~JoinAll() {
      for (std::thread& t : threads) t.join();
    }
  } join_all{helpers};
  std::size_t started = 1;  // ranges read on threads of their own, after the first
  for (; started < range_count; ++started) {
    try {
      helpers.emplace_back(read_range_alone, std::cref(path), bytes, max_text_bytes, std::ref(earliest_stop),
                           std::ref(ranges[started]));
    } catch (const std::system_error&) {
      break;  // no thread to be had: the rest are read here
    }
  }
  read_range(path, *page_source, max_text_bytes, messages, earliest_stop, ranges[0]);
  for (std::size_t k = started; k < range_count; ++k) {
    read_range(path, *page_source, max_text_bytes, messages, earliest_stop, ranges[k]);
  }
  for (std::thread& t : helpers) t.join();
  helpers.clear();

  // Joined in page order; the first failure in page order is the one
  // reported, as a reading page by page would have met it.
  PdfLayoutBuilder builder;
  std::vector<std::size_t> pages_without_text;
  std::size_t words_total = 0, words_not_upright = 0;
  for (PageRange& range : ranges) {
    const std::size_t before = builder.text_bytes();
    for (std::size_t i = 0; i < range.text_bytes.size(); ++i) {
      if (before + range.text_bytes[i] > max_text_bytes) {
        return text_limit_error(path, max_text_bytes, static_cast<std::size_t>(range.first) + i + 1);
      }
    }
    if (range.error) return *range.error;
    builder.append(std::move(range.builder));
    pages_without_text.insert(pages_without_text.end(), range.pages_without_text.begin(),
                              range.pages_without_text.end());
    words_total += range.words;
    words_not_upright += range.words_not_upright;
  }
  if (words_total == 0) {
    return make_error(path, "has no text layer (a scanned document?): none of its " + std::to_string(page_total) +
                                " pages has text to read",
                      "run text recognition first, e.g. ocrmypdf " + path + " out.pdf");
  }
  if (!pages_without_text.empty()) {
    warnings.push_back(make_warning(path,
                                    "pages without text (scanned images?) were not read: page " +
                                        page_list(pages_without_text),
                                    "run text recognition first, e.g. ocrmypdf, to read them"));
  }
  if (words_not_upright > 0) {
    warnings.push_back(make_warning(path, std::to_string(words_not_upright) +
                                              " words written in another direction than the rest of their page (margin notes?) were left out"));
  }
  PdfLayout layout = builder.finish();
  // The document's Title may name the author: read as a running line, first.
  const std::vector<char> title = document.get_title().to_utf8();
  const std::string_view title_text(title.data(), title.size());
  if (!title_text.empty() && !first_invalid_utf8(title_text)) {
    RunningLines with_title;
    with_title.add(title_text, {}, std::nullopt, true);
    for (const RunningLine& l : layout.running) with_title.add(l.text, l.location, l.span, l.document_title);
    layout.running = with_title.take();
  }
  return layout;
}

Result<SourceText> PdfReader::read(const std::string& path, std::string bytes, const ReadOptions& options,
                                   Diagnostics& warnings) const {
  Result<PdfLayout> layout = read_pdf_layout(path, bytes, options.max_bytes, warnings);
  if (!layout) return layout.error();
  bytes.clear();
  bytes.shrink_to_fit();
  PdfLayout& pdf = layout.value();
  if (std::optional<std::size_t> bad = first_invalid_utf8(pdf.text)) {
    Diagnostic error = make_error(path, "its text layer holds text that is not valid Unicode",
                                  "open it in a PDF viewer and save or print it to a new PDF");
    error.byte = *bad;
    return error;
  }
  SourceText out;
  out.text = std::move(pdf.text);
  out.running = std::move(pdf.running);
  out.pages = pdf.pages.size();
  // Headings and table rows, in text order (each list is).
  out.headings.reserve(pdf.large_headings.size() + pdf.table_rows.size());
  std::merge(pdf.large_headings.begin(), pdf.large_headings.end(), pdf.table_rows.begin(), pdf.table_rows.end(),
             std::back_inserter(out.headings),
             [](const TextHeading& a, const TextHeading& b) { return a.span.begin < b.span.begin; });
  for (std::size_t p = 0; p < pdf.pages.size(); ++p) {
    if (pdf.pages[p].empty()) continue;
    TextPlace place;
    place.label = "sida " + std::to_string(p + 1);
    place.span = pdf.pages[p];
    place.location.page = p + 1;
    out.places.push_back(std::move(place));
  }
  return out;
}

}  // namespace analyzer
