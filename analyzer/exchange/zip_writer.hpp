#pragma once
// write_zip: a ZIP package (libzip, deflate) written whole or not at all.
// The one ZIP writer: REFI-QDA projects (qdpx_writer.hpp) and Word files
// (print/docx_writer.hpp).
//
// In:  the members, in order: a name (UTF-8) and the content (bytes kept by
//      the caller until write_zip returns); `what` names the file in
//      messages ("the Word file"); `mtime`, when given, dates every member
//      (seconds since 1970, UTC: the same members give the same bytes),
//      else libzip dates them now.
// Out: the file at `path`, through a FileReplacement (core/file_replace.hpp):
//      a symbolic link is followed (its target replaced, the link kept); a
//      folder, a device, a FIFO or a socket at `path` is refused before
//      anything is written; a failure leaves no half file and an existing
//      file as it was.
// Errors: a Diagnostic naming `path`: "cannot write <what>: <reason>"
// (the system's or libzip's reason). Limits: libzip's (members of up to
// 4 GB). Cost: one deflate pass over the content. Thread-safe (no shared
// state).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/diagnostic.hpp"

namespace analyzer::exchange {

struct ZipMember {
  std::string name;
  std::string_view content;
};

Status write_zip(const std::vector<ZipMember>& members, const std::string& path, std::string_view what,
                 std::optional<std::int64_t> mtime = std::nullopt);

}  // namespace analyzer::exchange
