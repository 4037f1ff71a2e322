#pragma once
// read_file_bytes: the one whole-file reader, for files the analyzer reads
// in one piece (lexicons, gold files). Corpus files go through read/, which
// adds encoding detection and offsets on top of its own bounded read.
//
// In:  a path and a size limit with the name of what the file should be
//      ("lexicon"), for the message when the file is larger.
// Out: the file's bytes, unchanged, or a Diagnostic naming the path:
//        "cannot read the file: <reason>"  (no such file, no permission: from
//                                           the file system, before opening)
//        "the file is N MB, too large for a <what> (at most M MB)"
//        "cannot open the file"            (it went away, or is not readable)
//        "cannot read the file"            (an I/O error while reading)
// A file that grows while it is read is read up to the size measured first.
// Cost: one stat, one read of the whole file into one string.
// Thread-safe (no shared state).
//
//   Result<std::string> text = read_file_bytes("lexicons/x.json", {16 << 20, "lexicon"});
//   if (!text.ok()) report(text.error());

#include <cstdint>
#include <limits>
#include <string>

#include "analyzer/core/diagnostic.hpp"

namespace analyzer {

struct FileSizeLimit {
  std::uintmax_t max_bytes = std::numeric_limits<std::uintmax_t>::max();
  std::string what = "file";  // "lexicon" → "too large for a lexicon"
};

Result<std::string> read_file_bytes(const std::string& path, const FileSizeLimit& limit = {});

}  // namespace analyzer
