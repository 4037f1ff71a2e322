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
//         ],                                 // a respondent may also give "year" and
//                                            // "region": they override the file's for its part
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
#include "analyzer/core/provenance.hpp"
#include "analyzer/core/records.hpp"
#include "analyzer/read/column_roles.hpp"

namespace analyzer {

struct ManifestRespondent {
  std::optional<RespondentType> type;
  std::string name;
  std::optional<int> year;      // this part's year, over the entry's
  std::string region;           // this part's region, over the entry's
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

// The manifest entry that says what ingest found in `summary` (the values
// `analyzer sources` shows, whatever their provenance): the file's year
// and region when every part has the same, and, for files whose parts come
// from the text (not a spreadsheet: its rows take their respondents from
// columns), one respondent per part in part order, with its own year and
// region when the parts differ. Unknown values are left out; a part with
// nothing known gets {"name": ""}, a slot for the analyst. Fed back with
// --manifest, it reproduces the same records.
ManifestEntry manifest_entry_for(const SourceSummary& summary);

// Writes `entries` as a manifest to `path`, merging into the manifest
// already there: an analyst's manifest is primary data, so every value it
// holds stays as written (a value that disagrees is kept, not replaced),
// entries for other files, "columns" and "description" are kept, and only
// missing keys are added ("year", "region", "respondents", and the "type",
// "name", "year", "region" of respondents listed at the same position).
// A new manifest gets a "description" saying how to use it. Written through
// a FileReplacement (core/file_replace.hpp): a temporary file beside the
// file, then renamed over it, so on any error the file is left as it was; a
// symbolic link at `path` is followed (its target replaced, the link kept).
// Errors (Diagnostic naming `path`): an existing manifest that does not
// parse or validate (load_manifest's error, with line:column), a folder at
// `path`, a device, FIFO or socket at `path` (refused before it is opened),
// a folder that does not exist or cannot be written.
// On success returns how many entries were added and how many existing
// entries got keys added.
struct ManifestMerge {
  std::size_t added = 0;
  std::size_t completed = 0;
  std::size_t unchanged = 0;
};
Result<ManifestMerge> write_manifest(const std::string& path, const std::vector<ManifestEntry>& entries);

}  // namespace analyzer
