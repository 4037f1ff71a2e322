#pragma once
// The record filters every index-reading command takes (--year, --region,
// --respondent-type, --question, --source, and --theme where it filters):
// one option list, one help text, one parser.

#include <set>
#include <string>
#include <vector>

#include "analyzer/cli/args.hpp"
#include "analyzer/index/index.hpp"

namespace analyzer::cli {

// The filter options (without --theme and --index).
const std::set<std::string>& record_filter_options();

// Their help lines, aligned like the commands' other options.
inline constexpr const char* kRecordFilterHelp =
    "  --year Y              only answers of year Y\n"
    "  --region R            only region R (e.g. Halland; case-insensitive)\n"
    "  --respondent-type T   kommun, rss or region\n"
    "  --question Q          only question Q as printed (e.g. 5a)\n"
    "  --source FILE         only the source file named FILE\n";

// Reads the filter options of `args` into `filter` (not --theme). Returns an
// error message naming the option and the bad value, or "" when all are
// valid.
std::string parse_record_filter(const CliArgs& args, RecordFilter& filter);

// --index of a command that reads the index: repeatable; several indexes
// (or Xapian stub files) are read as one.
inline constexpr const char* kReadIndexHelp =
    "  --index DIR           index directory (default ./analyzer-index); repeat it\n"
    "                        to read several indexes or Xapian stub files as one\n";

// The locations given with --index, in order; {"analyzer-index"} without.
std::vector<std::string> index_locations(const CliArgs& args);

// Adds `options` to `spec.value_options`.
void add_options(CommandSpec& spec, const std::set<std::string>& options);

}  // namespace analyzer::cli
