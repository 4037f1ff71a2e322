#pragma once
// RunningLines: the running headers and footers a document prints on its
// pages, which readers leave out of the text as page furniture, kept apart
// because they may be the only place a document names who wrote it
// ("Region Gävleborg" at the top of every page, "RSS Kalmar län |
// Årsrapport 2023" at the foot). segment/ reads them for a part's
// respondent and year when the part's own text names none (rule
// "page_header"); they never become answer text.
//
// In:  lines in document order, each with where it was first seen (PDF:
//      the page; text export: the line's bytes in the file; DOCX: nothing,
//      a header part has no place in the body).
// Out: the distinct lines, in order of first appearance: two lines that
//      differ only in their digits ("Sida 3", "Sida 4"; "Rapport
//      2023-05-01") count as one, the first kept. Blank lines are dropped,
//      edge spaces trimmed. At most kMaxRunningLines are kept (a document
//      has a handful; a longer list is not a running header), each cut to
//      kMaxRunningLineBytes on a UTF-8 boundary.
// Cost: one hash look-up per line added; memory bounded by the limits.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "analyzer/core/record_location.hpp"
#include "analyzer/core/span.hpp"

namespace analyzer {

inline constexpr std::size_t kMaxRunningLines = 32;
inline constexpr std::size_t kMaxRunningLineBytes = 200;

// One running header or footer line, or the document's title as its
// properties give it (DOCX docProps/core.xml dc:title, a PDF's Title).
struct RunningLine {
  std::string text;
  RecordLocation location;        // where it was first seen (PDF: page); may be empty
  std::optional<ByteSpan> span;   // its bytes in the source's text (text exports only)
  bool document_title = false;    // the title property, not a line of the pages
  friend bool operator==(const RunningLine&, const RunningLine&) = default;
};

class RunningLines {
 public:
  // Adds `text` unless it is blank, a line already added (digits counted
  // equal), or the list is full. Returns whether it was added.
  bool add(std::string_view text, RecordLocation location = {}, std::optional<ByteSpan> span = std::nullopt,
           bool document_title = false);
  const std::vector<RunningLine>& lines() const { return lines_; }
  std::vector<RunningLine> take() { return std::move(lines_); }

 private:
  std::vector<RunningLine> lines_;
  std::unordered_set<std::string> seen_;   // texts with every digit as '#'
};

}  // namespace analyzer
