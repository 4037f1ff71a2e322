#pragma once
// Part of stage ingest: where a record stands in its source, as a person
// finds it in the original (core/record_location.hpp).
//
// In:  one SourceFile (read/source.hpp), and text offsets into its `bytes`
//      (the UTF-8 text, BEFORE SourceFile::to_file maps them to file bytes).
// Out: a RecordLocation per offset:
//   - a file with places (PDF pages, DOCX paragraphs, spreadsheet cells,
//     from its reader): the location of the place whose span holds the
//     offset. An offset between two places (in the separators the reader
//     put between them) takes the NEXT place: separators only precede
//     the text that follows them, and a record starts at its first
//     character, never on a separator, so an offset that still lands there
//     (an answer whose leading white space was kept) belongs with the text
//     after it. Before the first place: the first place; at or after the
//     end of the last place: the last place. Places with an empty span hold
//     no offset and are never chosen.
//   - a file without places (plain text, also UTF-16 and Windows-1252
//     files): {line N}, the 1-based line of the offset in `bytes`, where
//     "\n", "\r\n" and a lone "\r" each end a line (as normalize/ reads
//     them; a form feed ends none). An offset on a line end belongs to the
//     line it ends; an offset at or past the end of the text is on the
//     line the text ends on (after a final line end, the empty line after
//     it).
// The finder refers to the file's places (SourceFile::places): the file
// must outlive it and its places must not change.
// Cost: construction is one pass over the text (line starts: 8 bytes of
// memory per line) or over the places (4 bytes per place: their order by
// text position, sorted when the reader did not give them in order); each
// lookup is a binary search, O(log lines) or O(log places). Const lookups
// are thread-safe.
//
// Example:
//   SourceFile f;  f.bytes = "a\r\nb\rc\n";
//   LocationFinder where(f);
//   where.at(3).line;   // 2: "b", after "a\r\n"
//   where.at(5).line;   // 3: "c", after the lone "\r"

#include <cstddef>
#include <cstdint>
#include <vector>

#include "analyzer/core/record_location.hpp"
#include "analyzer/read/source.hpp"

namespace analyzer {

class LocationFinder {
 public:
  explicit LocationFinder(const SourceFile& file);

  // The location of text offset `pos` of SourceFile::bytes (see the file
  // comment). Empty only for a file whose places all have empty spans.
  RecordLocation at(std::size_t pos) const;

 private:
  const TextPlaces* places_ = nullptr;    // the file's places
  std::vector<std::uint32_t> order_;      // places with non-empty spans, by begin
  std::vector<std::size_t> line_starts_;  // when the file has no places: offset of each line's first byte
  bool by_places_ = false;
};

}  // namespace analyzer
