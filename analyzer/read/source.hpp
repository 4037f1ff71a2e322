#pragma once
// Stage: read.
//
// In:  paths given on the command line (files or folders).
// Out: SourceFile values (bytes validated as UTF-8, SHA-256 of the bytes)
//      or Diagnostics naming the file and what to do.
//
// This is the only stage that opens corpus files. Folders are walked
// recursively in sorted order; hidden entries (".*") and files named
// "manifest.json" are skipped. Nothing here throws on user data.
//
// Example:
//   Diagnostics problems;
//   for (const std::string& path : collect_files({"corpora"}, problems)) {
//     Result<SourceFile> file = read_source(path, ReadOptions{}, problems);
//     if (!file) problems.push_back(file.error());
//   }

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/diagnostic.hpp"

namespace analyzer {

struct SourceFile {
  std::string path;    // as found (relative to the argument given)
  std::string name;    // file name without directories: the `source` of records
  std::string bytes;   // original bytes (after --repair, the repaired bytes)
  std::string sha256;  // hex digest of `bytes` as read from disk (before any repair)
};

struct ReadOptions {
  std::size_t max_bytes = 64u * 1024u * 1024u;  // larger files are refused with a clear limit
  bool repair = false;  // replace invalid UTF-8 by U+FFFD and warn, instead of failing
  bool hash = true;     // compute SourceFile::sha256 (left empty when false: `tag` needs none)
};

// Expands files and folders into a sorted list of file paths. A path that
// does not exist or cannot be listed yields an error Diagnostic and is left
// out; the others are still returned. A file named directly is kept even
// when hidden (a file named "manifest.json" never is); symlinked folders are
// not followed inside a walk; a path found twice is returned once.
std::vector<std::string> collect_files(const std::vector<std::string>& inputs,
                                       Diagnostics& diagnostics);

// Reads and validates one file. Errors (as Diagnostic with file and, where
// it applies, the byte offset): unreadable path, empty file, binary file
// (NUL bytes), invalid UTF-8 (offset of the first bad byte; unless
// options.repair), larger than options.max_bytes. Warnings (repair) go to
// `warnings`. A UTF-8 byte order mark is kept in `bytes` (offsets stay
// those of the file) and skipped by normalize().
// The size is checked on the file system before anything is read, and the
// read stops once it passes the limit. With options.repair each maximal
// ill-formed subsequence becomes one U+FFFD (Unicode 15, section 3.9) and
// one warning gives the first offset and the count; a NUL byte is an error
// even then. Cost: one pass over the bytes for SHA-256, one for UTF-8.
Result<SourceFile> read_source(const std::string& path, const ReadOptions& options,
                               Diagnostics& warnings);

// Offset of the first byte that is not valid UTF-8, or nullopt. Rejects
// overlong forms, surrogates and code points above U+10FFFF; a sequence cut
// short is invalid at its first byte. Cost: linear, 8 bytes at a time over
// ASCII.
std::optional<std::size_t> first_invalid_utf8(std::string_view bytes);

// Lower-case hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

}  // namespace analyzer
