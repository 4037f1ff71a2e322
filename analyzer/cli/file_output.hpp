#pragma once
// The rules of writing a binary file format (`--format xlsx|docx`,
// `export`) from a command: such a format needs `--output FILE` (never
// binary on standard output, so never on a terminal), FILE must be a file
// that can be replaced (checked before any work), and a failed write is
// reported once, the same way, by every command that has one.

#include <optional>
#include <string>
#include <string_view>

#include "analyzer/core/diagnostic.hpp"

namespace analyzer::cli {

// The usage error of `--format <format>` without --output, naming an
// example file ("temarapport.xlsx"); nullopt when `output` is given.
std::optional<Diagnostic> binary_format_needs_output(std::string_view format, const std::optional<std::string>& output,
                                                     std::string_view example_stem, std::string_view command);

// Before any work, for a command that writes a binary format to --output
// FILE: nullopt when FILE can be replaced (resolve_output_file,
// core/file_replace.hpp: a regular file, a new file in a folder that
// exists, or a symbolic link to one); otherwise prints why not ("cannot
// write <what>: it is a character device, not a regular file") and
// returns kExitCannotRun. Opens nothing, so a FIFO cannot block. The
// writer checks again when it writes.
std::optional<int> refuse_unwritable_output(const std::string& output, std::string_view what);

// kExitOk for a written file; otherwise prints the Status's error on
// stderr ("analyzer: <file>: error: cannot write ...") and returns
// kExitCannotRun.
int report_written(const Status& written);

}  // namespace analyzer::cli
