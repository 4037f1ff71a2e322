#pragma once
// The rules of writing a binary file format (`--format xlsx|docx`) from a
// command: such a format needs `--output FILE` (never binary on standard
// output, so never on a terminal), and a failed write is reported once,
// the same way, by every command that has one.

#include <optional>
#include <string>
#include <string_view>

#include "analyzer/core/diagnostic.hpp"

namespace analyzer::cli {

// The usage error of `--format <format>` without --output, naming an
// example file ("temarapport.xlsx"); nullopt when `output` is given.
std::optional<Diagnostic> binary_format_needs_output(std::string_view format, const std::optional<std::string>& output,
                                                     std::string_view example_stem, std::string_view command);

// kExitOk for a written file; otherwise prints the Status's error on
// stderr ("analyzer: <file>: error: cannot write ...") and returns
// kExitCannotRun.
int report_written(const Status& written);

}  // namespace analyzer::cli
