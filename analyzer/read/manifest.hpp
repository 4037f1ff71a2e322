#pragma once
// manifest.json: optional metadata per source file, overriding detection.
//
// Format (UTF-8 JSON):
//   {
//     "files": {
//       "000_3242b6e7501bd5d8.txt": {
//         "year": 2022,                      // int; optional
//         "region": "Dalarna",               // optional
//         "respondents": [                   // optional; one per survey/report part
//           {"type": "rss", "name": "RSS Dalarna"}
//         ],
//         "columns": {                       // optional; spreadsheets (XLSX, CSV) only
//           "Kommun": "municipality",        // a header text (trimmed, any case) or
//           "F": "ignore"                    // a column letter → a role (column_roles.hpp)
//         }
//       }
//     }
//   }
// An optional top-level "description" (text) says what the corpus is.
// Unknown keys (with "did you mean" for near misses), wrong types, bad
// respondent types, unknown column roles (with "did you mean"), a year outside 2000..2100, a file name with folders and
// a key given twice in one object are errors with file:line:column of the
// offending key or value (columns count characters, 1-based). A syntax error
// is an error at the line:column of the offending token (just past the last
// character when the file ends too early). When there are several errors,
// the first in the file is reported, so they can be fixed top down. The
// checks and their wording are shared with the lexicon files
// (core/json_checker.hpp).

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "analyzer/core/diagnostic.hpp"
#include "analyzer/core/records.hpp"
#include "analyzer/read/column_roles.hpp"

namespace analyzer {

struct ManifestRespondent {
  std::optional<RespondentType> type;
  std::string name;
};

struct ManifestEntry {
  std::string file;             // file name as written in the manifest
  std::size_t line = 0, column = 0;   // where the entry's key is, for diagnostics
  std::optional<int> year;
  std::string region;
  std::vector<ManifestRespondent> respondents;
  std::vector<ColumnRoleSetting> columns;   // "columns", by column name (JSON objects are unordered)
};

struct Manifest {
  std::string path;             // where it was read from; empty when there is none
  std::string description;      // the optional top-level "description"
  std::vector<ManifestEntry> entries;   // in the order of the file

  // Positions in `entries` by file name; built by parse_manifest().
  std::unordered_map<std::string, std::size_t> by_file;

  // The entry for a file name (exact, case-sensitive), or nullptr. Cost: a
  // hash lookup in `by_file`, which must index `entries` (parse_manifest()
  // builds both; a Manifest changed by hand must keep them together).
  const ManifestEntry* find(const std::string& file_name) const;
};

// Parses a manifest file. On any error returns the first error Diagnostic
// (with line:column); nothing partial is returned. A missing, unreadable,
// empty or non-UTF-8 file is an error as read_source() reports it; so is
// nesting deeper than kMaxJsonDepth (256), found before parsing
// (parse_json_file, core/json_checker.hpp).
Result<Manifest> load_manifest(const std::string& path);

// Same, from text already in memory (`path` is used in diagnostics only).
Result<Manifest> parse_manifest(const std::string& text, const std::string& path);

// The entries of `manifest` that name a file that exists neither among
// `paths` (compared by source_name()) nor in the manifest's folder (walked
// as collect_files() walks it): a typo or a stale entry, so the file meant
// gets no metadata. One error per such entry, at the entry's line:column,
// in the order of the manifest; empty when every entry names a file.
// Cost: one walk of the manifest's folder and one hash lookup per entry.
Diagnostics entries_without_file(const Manifest& manifest, const std::vector<std::string>& paths);

}  // namespace analyzer
