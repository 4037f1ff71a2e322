#include "analyzer/cli/file_output.hpp"

#include <iostream>

#include "analyzer/cli/args.hpp"
#include "analyzer/cli/commands.hpp"
#include "analyzer/core/file_replace.hpp"
#include "analyzer/print/terminal_text.hpp"

namespace analyzer::cli {

std::optional<Diagnostic> binary_format_needs_output(std::string_view format, const std::optional<std::string>& output,
                                                     std::string_view example_stem, std::string_view command) {
  if (output) return std::nullopt;
  const std::string f(format);
  return usage_problem("--format " + f + " writes a file, not text: give --output FILE (e.g. --output " +
                           std::string(example_stem) + "." + f + ")",
                       command);
}

std::optional<int> refuse_unwritable_output(const std::string& output, std::string_view what) {
  Result<OutputFile> file = resolve_output_file(output, what);
  if (file.ok()) return std::nullopt;
  return report_written(file.error());
}

int report_written(const Status& written) {
  if (written.ok()) return kExitOk;
  std::cerr << "analyzer: " << terminal_text(written.error().render()) << '\n';
  return kExitCannotRun;
}

}  // namespace analyzer::cli
