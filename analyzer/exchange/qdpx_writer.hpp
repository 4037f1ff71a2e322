#pragma once
// Writing a REFI-QDA project file: `.qdpx` (a ZIP) or `.qdc` (the codebook
// as XML), whole or not at all.
//
// write_qdpx(project, path): a ZIP (libzip, deflate) holding
//   project.qde           project_xml(project) (refi_xml.hpp)
//   sources/<guid>.txt    each TextSource's text as it is (UTF-8, no BOM),
//                         for each source whose plainTextPath is
//                         "internal://<guid>.txt"
// in that order, every member dated `mtime` (seconds since 1970, UTC; pass
// the project's time so that the same project gives the same bytes).
// write_codebook(project, path): codebook_xml(project).
//
// Both write through a FileReplacement (core/file_replace.hpp): a
// temporary file beside the file to write, renamed over it once complete,
// so a failure (a full disk, a folder that cannot be written) never leaves
// a half file and leaves an existing file as it was. A symbolic link at
// `path` is followed (its target is replaced, the link stays); a folder, a
// device (/dev/full), a FIFO or a socket at `path` is refused before
// anything is written. Errors are values naming `path` and the reason
// ("cannot write the REFI-QDA file: ..."). Limits: libzip's (members of up to
// 4 GB); the whole project is in memory already. Cost: one deflate pass
// over the sources' text.

#include <cstdint>
#include <string>

#include "analyzer/core/diagnostic.hpp"
#include "analyzer/exchange/refi_project.hpp"

namespace analyzer::exchange {

// How both writers' messages name the file: "cannot write the REFI-QDA file: ...".
inline constexpr const char* kRefiFileWhat = "the REFI-QDA file";

Status write_qdpx(const RefiProject& project, const std::string& path, std::int64_t mtime);
Status write_codebook(const RefiProject& project, const std::string& path);

}  // namespace analyzer::exchange
