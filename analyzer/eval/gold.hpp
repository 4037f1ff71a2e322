#pragma once
// Gold files: hand annotations that `analyzer eval --gold FILE` scores
// against. This header is the specification of the format.
//
// FORMAT (JSON Lines, UTF-8). One JSON object per line; lines end in "\n" or
// "\r\n"; blank lines (only spaces and tabs) are skipped and still counted;
// a byte order mark at the start is skipped. There are two kinds of line:
//
//   mention line: one theme mention an annotator marked
//     {"file": "corpora/x.txt", "theme": "sip", "start": 123, "end": 126,
//      "text": "SIP", "note": "abbreviation after the full form"}
//       file   string, required. The annotated file: an absolute path, or a
//              path relative to `base_dir` (the CLI passes the current working
//              directory). The file is read as raw bytes, unchanged.
//       theme  string, required. A theme id ("mobila_team", "sip", ...); when
//              load_gold() is given the known theme ids, it must be one.
//       start  integer >= 0, required. Byte offset into the ORIGINAL file.
//       end    integer, required; exclusive; start < end <= file size. Both
//              must fall on UTF-8 character boundaries.
//       text   string, optional. When present it must equal the file's bytes
//              [start, end) exactly; it guards against offsets gone stale.
//       note   string, optional. Free text for the annotator; kept, not scored.
//
//   scope line: a byte range that this gold file annotates COMPLETELY
//     {"file": "corpora/x.txt", "scope": [0, 48213]}
//       file   as above.
//       scope  [start, end], two integers, 0 <= start <= end <= file size.
//     A file may have several scope lines; overlapping or touching ranges are
//     merged. A file named in the gold file without any scope line is
//     annotated completely (its scope is the whole file). Predictions outside
//     the scope are not scored (see eval.hpp); a gold mention must lie
//     entirely inside one (merged) scope range.
//
// A line with a "scope" key is a scope line; any other line is a mention
// line. Keys not listed for the kind of line are errors.
//
// ERRORS. Each is a Diagnostic with the gold file's path as given and the
// 1-based line (and, where it can be found, the column of the offending key):
// a JSON syntax error (worded, placed and hinted as in lexicons and
// manifest.json, by parse_json_file in core/json_checker.hpp), a line that
// is not an object, unknown key, missing key, wrong type (for example a
// string offset), start > end (or start == end for a mention), an offset
// past the end of the file or inside a UTF-8 character, text that differs
// from the file bytes, a mention outside all scopes of its file, the same
// (file, theme, start, end) twice, an unknown theme id (when the known ids
// are given), and a referenced file that cannot be read (reported once, at
// the first line naming it). An unknown key or theme id close to a known
// one gets "did you mean" (near_miss in core/json_checker.hpp, as for
// lexicons). All errors are reported, in line order; when there is any
// error, nothing is loaded (GoldLoad::gold is empty).
//
// Example (tests/unit/eval_test.cpp has more):
//   GoldLoad load = load_gold("tests/gold/train.jsonl", ".", {"sip", "mobila_team"});
//   if (!load.ok()) { for (auto& d : load.diagnostics) std::cerr << d.render() << '\n'; }
//   else use(load.gold);
//
// A line nesting lists and objects deeper than kMaxJsonDepth (256) is an
// error at its line and the bracket of level 257, found before parsing.
// The gold file and each file it names may be at most kMaxGoldFileBytes
// (64 MB); a larger one is "cannot read" with the size and the limit, found
// from the file's size before anything is read.
// Cost: linear in the gold file plus the size of the referenced files, which
// are read once each and kept in memory (GoldFile::text) for the baseline and
// for snippets. No global state of its own.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/diagnostic.hpp"
#include "analyzer/core/span.hpp"

namespace analyzer {

// One annotated file.
struct GoldFile {
  // The key that mentions, scopes, predictions and answers use for this file:
  // the "file" string of the gold file, lexically normalised with '/' as
  // separator ("./corpora//x.txt" → "corpora/x.txt"). Predictions must use
  // the same key (ScoredMention::file, AnswerSpan::file).
  std::string name;
  std::string path;   // where it was read from: `name` resolved against base_dir
  std::string text;   // the whole file, raw bytes
};

struct GoldMention {
  std::string file;        // GoldFile::name
  std::string theme;       // theme id
  ByteSpan span;           // [start, end) bytes of the original file
  std::string text;        // "text" of the line; empty when absent
  std::string note;        // "note" of the line; empty when absent
  std::size_t line = 0;    // 1-based line in the gold file
};

struct GoldScope {
  std::string file;        // GoldFile::name
  ByteSpan span;           // [start, end) bytes of the original file
};

struct GoldSet {
  std::string path;                    // the gold file as given to load_gold()
  std::vector<GoldFile> files;         // every file named, in order of first appearance
  std::vector<GoldMention> mentions;   // in gold-file order
  // Explicit scopes only, merged: sorted by (file order, start), disjoint and
  // not touching. A file in `files` with no entry here is in scope entirely.
  std::vector<GoldScope> scopes;

  // The file with this name, or nullptr. Cost: linear in the number of files.
  const GoldFile* find_file(std::string_view name) const;
};

// The outcome of loading a gold file: either a GoldSet and no errors, or
// errors and an empty GoldSet.
struct GoldLoad {
  GoldSet gold;
  Diagnostics diagnostics;   // errors in line order; empty when ok()
  bool ok() const { return diagnostics.empty(); }
};

// The largest gold file, and the largest file a gold file names, that is read.
inline constexpr std::uintmax_t kMaxGoldFileBytes = 64u * 1024u * 1024u;

// Reads and validates the gold file at `gold_path` (a path as the user gave
// it; used as the file name in diagnostics). Relative "file" paths inside are
// resolved against `base_dir`; an empty `base_dir` means the current working
// directory. When `known_themes` is not empty, a theme id outside it is an
// error (with "did you mean"). An unreadable gold file is one error with no
// line number. Never throws on user data.
GoldLoad load_gold(const std::string& gold_path, const std::string& base_dir,
                   const std::vector<std::string>& known_themes = {});

// Same, from gold text already in memory; `gold_path` is used in diagnostics
// and as GoldSet::path only. The referenced files are still read from disk.
GoldLoad parse_gold(std::string_view gold_text, const std::string& gold_path,
                    const std::string& base_dir,
                    const std::vector<std::string>& known_themes = {});

}  // namespace analyzer
