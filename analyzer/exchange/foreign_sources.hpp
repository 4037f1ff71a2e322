#pragma once
// The text sources of another tool's REFI-QDA project (sources that are not
// parts of the index) as files for `analyzer ingest`: what import writes
// and with which metadata. Pure except write_foreign_files().
//
// In:  the project; the GUIDs of the index's parts (refi_guid.hpp
//      conventions); the index's source names with their SHA-256; the
//      folder the files go to.
// Out: one ForeignFile per unmatched TextSource, in project order, or the
//      reason the whole project is refused (limits below).
//
// File names: the source's name made safe (safe_file_name), ".txt" added,
// unique within the project; a name already in the folder with other
// content, or already a source of the index with another SHA-256 (ingest
// keys files by their name), gets "-2", "-3", ... (up to -99). The text is
// the source's plain text as the reader gave it (BOM removed, CR LF kept),
// so the file's bytes are the text positions count in.
// Metadata, from the source's variables, else those of a case that refers
// to it: "År"/"Year"/"year" (an integer 1900..2100) → year; "Region" →
// region; "Respondenttyp"/"respondent type" (kommun, rss, region) → type;
// the case's name, else the source's name → respondent name.
// Limits: at most kMaxForeignSources sources, each at most
// kMaxForeignSourceBytes, kMaxForeignTotalBytes in all.
// Cost: linear in the project's text.

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analyzer/core/diagnostic.hpp"
#include "analyzer/core/records.hpp"
#include "analyzer/exchange/refi_project.hpp"
#include "analyzer/read/manifest.hpp"

namespace analyzer::exchange {

inline constexpr std::size_t kMaxForeignSources = 2000;
inline constexpr std::size_t kMaxForeignSourceBytes = 16u << 20;   // 16 MiB
inline constexpr std::size_t kMaxForeignTotalBytes = 256u << 20;   // 256 MiB

struct ForeignFile {
  std::size_t source = 0;     // position in RefiProject::sources
  std::string file_name;      // "<safe name>.txt": the index's source name after ingest;
                              // empty for a source without text (no file, no answer)
  std::string path;           // folder / file_name
  const std::string* text = nullptr;  // the source's text (owned by the project)
  bool exists = false;        // the file is there with this text already (reused)
  std::optional<int> year;
  std::string region;
  std::optional<RespondentType> type;
  std::string respondent;
};

// Letters (any script), digits, space, '-', '_' and '.' kept; anything else
// (slashes, control characters, ':' ...) becomes '_'; leading dots and
// spaces dropped; at most 100 bytes (cut on a character boundary); empty
// → "source".
std::string safe_file_name(const std::string& name);

// The folder of a project's files: <store dir>/imported/<safe project name>.
std::string foreign_folder(const std::string& store_path, const std::string& project_name);

Result<std::vector<ForeignFile>> plan_foreign_files(const RefiProject& project,
                                                    const std::set<std::string>& part_guids,
                                                    const std::map<std::string, std::string>& index_sha256,
                                                    const std::string& folder);

// Writes the files not there yet (creating the folder). Error: the folder
// or a file cannot be written (the files written before stay; they are
// plain copies of the project's text).
Status write_foreign_files(const std::vector<ForeignFile>& files);

// A manifest for ingest, in memory: one entry per file with its year,
// region and one respondent (name, type).
Manifest foreign_manifest(const std::vector<ForeignFile>& files);

}  // namespace analyzer::exchange
