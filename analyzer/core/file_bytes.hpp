#pragma once
// read_file_bytes: the one whole-file reader, for files the analyzer reads
// in one piece (lexicons, gold files, corpus files before decoding).
//
// Two levels. read_file_bytes gives a Result with a ready message; a caller
// with its own wording (read/ and the gold checker have theirs, which tests
// check) calls read_whole_file and words the FileReadFailure itself.
//
// In:  a path and a size limit.
// Out: the file's bytes, unchanged, or why not. The size is checked on the
//      file system first, so a file over the limit is never read; a file
//      that grows while it is read is held to the same limit as it comes.
// Cost: one stat, one read of the measured size into one string, then
// chunks if the file grew. Thread-safe (no shared state).
//
//   Result<std::string> text = read_file_bytes("lexicons/x.json", {16 << 20, "lexicon"});
//   if (!text.ok()) report(text.error());

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "analyzer/core/diagnostic.hpp"

namespace analyzer {

// Why read_whole_file gave no bytes.
struct FileReadFailure {
  enum class Kind {
    TooLarge,    // over the limit: `size` bytes
    CannotOpen,  // fopen failed: `error_number` (EACCES when the C library gives none)
    CannotRead,  // an I/O error while reading: `error_number` (EIO when none is given)
  };
  Kind kind = Kind::CannotOpen;
  std::uintmax_t size = 0;   // TooLarge: the size on the file system, or the bytes read so far
  bool measured = false;     // TooLarge: `size` is from the file system, before reading
  int error_number = 0;      // CannotOpen, CannotRead: an errno value for std::strerror
};

struct FileRead {
  std::string bytes;                       // the whole file when `failure` is empty
  std::optional<FileReadFailure> failure;
  bool ok() const { return !failure; }
};

// The bytes of the file at `path`, at most `max_bytes` of them. A path the
// file system cannot measure (missing, no permission) fails at fopen, as
// CannotOpen with its errno. A directory is not refused here: callers check
// for one first when they want a message of their own.
FileRead read_whole_file(const std::string& path, std::uintmax_t max_bytes);

struct FileSizeLimit {
  std::uintmax_t max_bytes = std::numeric_limits<std::uintmax_t>::max();
  std::string what = "file";  // "lexicon" → "too large for a lexicon"
};

// read_whole_file with a Diagnostic naming the path:
//   "cannot read the file: <reason>"  (no such file, no permission, a
//                                      directory: from the file system, before opening)
//   "the file is N MB, too large for a <what> (at most M MB)"
//   "cannot open the file"            (it went away, or is not readable)
//   "cannot read the file"            (an I/O error while reading)
Result<std::string> read_file_bytes(const std::string& path, const FileSizeLimit& limit = {});

}  // namespace analyzer
