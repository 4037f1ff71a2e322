#pragma once
// Reading a REFI-QDA project file (.qdpx) into RefiProject
// (refi_project.hpp), for `analyzer import`.
//
// In:  the path of a .qdpx file: a ZIP archive with `project.qde` (QDA-XML
//      1.0) and the sources' plain texts.
// Out: the project as plain data, every text source with its text; or the
//      first reason it cannot be read, naming the file (and the member, the
//      line of project.qde) and what to do.
//
// Steps, each refusing the file when it fails:
//   1. the file is read whole (at most QdpxLimits::max_file_bytes) and
//      must be a ZIP archive (read/zip_archive.hpp: member count, and a
//      budget for all inflated bytes, checked against the sizes the
//      central directory records BEFORE anything is inflated);
//   2. `project.qde` is found at the top (any case of its name);
//   3. project.qde must be UTF-8 (no NUL byte: UTF-16 is refused);
//      XML with a DOCTYPE or an entity declaration is refused before any
//      parser sees it (nothing is ever resolved or fetched; pugixml does
//      not resolve external entities either, and libxml2 runs with
//      XML_PARSE_NONET and without entity substitution);
//   4. project.qde is validated against the REFI-QDA schema
//      (Project-mrt2019.xsd, compiled into analyzer): the first error is
//      given with its line and the schema's message;
//   5. each TextSource's text: inline PlainTextContent, else its
//      plainTextPath: "internal://NAME" is the member "sources/NAME" (or
//      "Sources/NAME"; member names and GUIDs compared in any case),
//      "relative://PATH" and an absolute path are found by their file name
//      under sources/. A missing member is an error naming the source. The
//      text must be UTF-8; a leading byte order mark is dropped (positions
//      count from the character after it); CR LF is kept (a CR counts as a
//      code point, as the standard counts).
// Sources of other kinds (pictures, PDF, audio, video) are counted in
// `skipped_sources`, not read.
// Cost: the file and each member once in memory; validation and parsing
// are linear in project.qde. Not thread-safe (libxml2's error handler).

#include <cstddef>
#include <string>
#include <string_view>

#include "analyzer/core/diagnostic.hpp"
#include "analyzer/exchange/refi_project.hpp"

namespace analyzer::exchange {

struct QdpxLimits {
  std::size_t max_file_bytes = std::size_t{512} << 20;     // the .qdpx on disk
  std::size_t max_inflated_bytes = std::size_t{1} << 30;   // all members inflated together
  std::size_t max_member_bytes = std::size_t{128} << 20;   // project.qde or one source, inflated
};

struct QdpxFile {
  RefiProject project;
  std::size_t skipped_sources = 0;  // picture, PDF, audio, video sources
};

Result<QdpxFile> read_qdpx(const std::string& path, const QdpxLimits& limits = {});

// Steps 3 and 4 and the parse, on project.qde's text alone (`path` names
// it in diagnostics); the sources' texts are left as written inline
// (empty otherwise). Exposed for tests.
Result<QdpxFile> parse_project_xml(const std::string& path, std::string_view xml);

// The text of a source file as a project holds it: UTF-8 (an error naming
// `path` and the byte otherwise), a leading byte order mark dropped.
Result<std::string> source_text(const std::string& path, std::string bytes);

// Refuses a DOCTYPE or an ENTITY declaration anywhere in `xml`; the error
// names its line.
Status check_no_doctype(const std::string& path, std::string_view xml);

// Validates `xml` against the REFI-QDA project schema; the first error is
// returned with its line (Diagnostic::line) and libxml2's message.
Status validate_project_schema(const std::string& path, std::string_view xml);

// The schema's text (Project-mrt2019.xsd, MIT licence, REFI), as compiled in.
std::string_view refi_project_schema();

}  // namespace analyzer::exchange
