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
//         ]
//       }
//     }
//   }
// Unknown keys, wrong types and bad respondent types are errors with
// file:line:column of the offending key or value. A syntax error is an
// error with line:column from the parser.

#include <optional>
#include <string>
#include <vector>

#include "analyzer/core/diagnostic.hpp"
#include "analyzer/core/records.hpp"

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
};

struct Manifest {
  std::string path;             // where it was read from; empty when there is none
  std::vector<ManifestEntry> entries;

  // The entry for a file name, or nullptr.
  const ManifestEntry* find(const std::string& file_name) const;
};

// Parses a manifest file. On any error returns the first error Diagnostic
// (with line:column); nothing partial is returned.
Result<Manifest> load_manifest(const std::string& path);

// Same, from text already in memory (`path` is used in diagnostics only).
Result<Manifest> parse_manifest(const std::string& text, const std::string& path);

}  // namespace analyzer
