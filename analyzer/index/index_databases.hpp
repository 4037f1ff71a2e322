#pragma once
// Internal to the index stage (includes <xapian.h>): how an index is laid
// out on disk and how readers open one or several of them as one.
//
// Layout of an index directory written by `analyzer ingest`:
//   one shard     DIR is a Xapian glass database (iamglass, postlist.glass, ...)
//   N shards      DIR/XAPIANDB   a Xapian stub file, one line per shard:
//                                "glass shard-0", "glass shard-1", ...
//                 DIR/shard-K/   one Xapian glass database per shard
// Xapian itself opens a directory holding a XAPIANDB stub as the union of
// the databases it lists, so Xapian's own tools (delve, quest,
// xapian-tcpsrv, xapian-compact) read a sharded index as one database.
// Every document lives in exactly one shard; a source file's documents and
// metadata all live in the same shard.

#include <xapian.h>

#include <cstddef>
#include <string>
#include <vector>

#include "analyzer/core/diagnostic.hpp"

namespace analyzer::index_layout {

inline constexpr const char* kStubFile = "XAPIANDB";
inline constexpr const char* kShardPrefix = "shard-";
// The most stub files one chain may pass through ("auto" lines to stubs
// that hold "auto" lines ...); a longer chain is refused.
inline constexpr std::size_t kMaxStubDepth = 16;

// Follows the stub files behind `location` the way Xapian 1.4 opens it,
// without opening any database: a regular file is a stub (unless it is a
// single-file glass database), a directory is one when it holds XAPIANDB
// and no iamglass/iamchert; every "auto PATH" line of a stub is followed
// the same way (PATH relative to the stub's directory); "glass PATH",
// "remote ..." and the rest are not stubs and end the chain. Xapian itself
// follows such a chain without a bound, so a stub that leads back to
// itself kills the process with a stack overflow: call this before handing
// any path to Xapian. The error is at the stub file and line that closes
// the loop ("the stub file A refers back to itself through B (A:1 -> B:1
// -> A)"), or at the line that opens the stub past kMaxStubDepth; missing
// paths, unreadable files and bad lines are left for Xapian to report.
// Cost: one read of each distinct stub file on the way.
Status check_stub_chain(const std::string& location);

// The local databases a stub lists, when every line is "glass PATH" or
// "auto PATH" (PATH relative to the stub's directory, or absolute): the
// stub is `location` itself when it is a file, else location/XAPIANDB.
// An empty list when there is no stub, or a stub with any other line (a
// remote database, another backend). Blank lines and lines starting with
// '#' are skipped. Cost: one small file read.
std::vector<std::string> local_shards(const std::string& location);

// Writes DIR/XAPIANDB listing `shard_names` (relative to DIR), atomically
// (replace_file, core/file_replace.hpp: a temp file renamed over it; a
// link at DIR/XAPIANDB is followed). Errors name the file.
Status write_stub(const std::string& dir, const std::vector<std::string>& shard_names);

// One or several index locations opened as one database for reading.
// `parts` are the separately opened databases (each shard of an analyzer
// index directory on its own, else the location as Xapian opens it: a
// database, a stub directory or a stub file, possibly remote): Xapian's
// metadata calls on a combined database see only its first part, so
// metadata (source files, contact names) is read from every part.
struct OpenedIndex {
  std::string label;                   // the locations joined by ", " (for messages)
  Xapian::Database db;                 // all parts
  std::vector<Xapian::Database> parts;
  std::vector<std::string> part_paths; // what each part was opened from
  bool any_remote = false;             // some location is a stub naming a remote database
  void reopen();                       // every part and the union, at their newest revisions
};

// Opens `locations` (at least one) read-only and checks each part's schema.
// Errors, with a hint: a stub that refers back to itself or nests too
// deep (check_stub_chain), a location with no index ("no index at DIR"), a
// database of another Xapian version, one analyzer did not write, or one
// of another schema version.
Result<OpenedIndex> open_for_reading(const std::vector<std::string>& locations);

}  // namespace analyzer::index_layout
