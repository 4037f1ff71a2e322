#pragma once
// Readers: one per file format, each turning a file's bytes into text.
//
// In:  the whole content of one file (read_source() has read it within
//      ReadOptions::max_bytes and refused an empty file).
// Out: SourceText: the text as UTF-8, the file's structure as the format
//      has it (pages, sheets, paragraphs), and the offset map from the text
//      back to the file's bytes. Nothing else: no normalisation, no
//      segmentation, no hashing, no file system.
//
// The rest of the pipeline sees only SourceFile (source.hpp), built by
// read_source() from a reader's SourceText, so a new format is one Reader
// and one line in reader_for(), nothing else. The format is picked by
// content (file_format.hpp), not by the file name.
// Every reader states its limits in its comment here, enforces them and
// says in its error which one was hit. Readers hold no state: one object
// serves every thread.
//
// Example:
//   Diagnostics warnings;
//   Result<const Reader*> reader = reader_for(path, bytes, ReadOptions{});
//   if (reader) Result<SourceText> text = reader.value()->read(path, std::move(bytes), ReadOptions{}, warnings);

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/diagnostic.hpp"
#include "analyzer/read/source.hpp"

namespace analyzer {

// What a reader makes of one file.
struct SourceText {
  std::string text;                             // UTF-8, valid
  TextEncoding encoding = TextEncoding::Utf8;   // what the bytes were read as
  FileOffsets offsets;                          // `text` offsets → file offsets (identity: the same)
  TextPlaces places;                            // the file's structure; empty for plain text
  std::vector<TextHeading> headings;            // headings the document marks itself (source.hpp)
  std::optional<GivenSegments> given;           // answers the reader found itself (source.hpp)
  std::vector<RunningLine> running;             // running headers/footers left out (source.hpp)
  std::size_t pages = 0;                        // PDF: the file's pages, read or not (source.hpp)
};

class Reader {
 public:
  virtual ~Reader() = default;

  // The format's name in messages and in SourceFile::format: "text", "pdf".
  virtual std::string_view name() const = 0;

  // Turns `bytes`, the whole content of the file at `path`, into text.
  // `path` is used in diagnostics only. Errors are Diagnostics naming
  // `path` (with the byte offset where one applies); warnings (a guessed
  // encoding, a repair) go to `warnings`. Never throws on user data.
  virtual Result<SourceText> read(const std::string& path, std::string bytes, const ReadOptions& options,
                                  Diagnostics& warnings) const = 0;
};

// Plain text, as read_source() documents it (source.hpp): UTF-8 (a byte
// order mark kept), UTF-16 with a byte order mark, Windows-1252 when the
// bytes are plausibly that; invalid UTF-8 is an error at its offset, or
// U+FFFD with ReadOptions::repair; a NUL byte makes it a binary file.
// Structure: none (normalize() finds the lines). Limits: none of its own
// (the size limit is read_source()'s); memory is about the text once more
// when the file is transcoded or repaired, else none: a valid UTF-8 file's
// bytes become the text without a copy. Cost: one pass for UTF-8.
class TextReader final : public Reader {
 public:
  std::string_view name() const override { return "text"; }
  Result<SourceText> read(const std::string& path, std::string bytes, const ReadOptions& options,
                          Diagnostics& warnings) const override;
};

// The reader for the file at `path` whose content is `bytes`: the format
// detect_format() finds (file_format.hpp; by content first, by name only
// for CSV), or its error for a file that is no format analyzer reads
// (.doc, .odt, images, a text file named .pdf, a damaged ZIP).
Result<const Reader*> reader_for(const std::string& path, std::string_view bytes, const ReadOptions& options);

}  // namespace analyzer
