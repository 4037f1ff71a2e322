#pragma once
// The record filters every index-reading command takes (--year, --region,
// --respondent-type, --question, --source, and --theme where it filters)
// and --index: one set of option rows with their help lines, one parser.

#include <string>
#include <vector>

#include "analyzer/cli/args.hpp"
#include "analyzer/index/index.hpp"

namespace analyzer::cli {

// The --year row: a whole number from 1900 to 2200.
OptionSpec year_option();

// The filter rows in help order: `year`, then --region, --respondent-type,
// --question and --source (not --theme, not --index). A command whose
// --year reads differently (search: ranges) passes its own row.
std::vector<OptionSpec> record_filter_options(const OptionSpec& year = year_option());

// --include-decisions: the records of decision parts (a survey document's
// cover letter or committee decision, layout "decision") count too; they
// are left out otherwise. For the commands that count or list answers.
OptionSpec include_decisions_option();

// The filter options of `args` (not --theme; --include-decisions when the
// command has that row); --year only when its row is
// year_option(). Fails naming the option and the bad value
// (--respondent-type takes kommun, rss or region, case-insensitive).
Result<RecordFilter> parse_record_filter(const CliArgs& args);

// --index of a command that reads the index: repeatable; several indexes
// (or Xapian stub files) are read as one.
OptionSpec read_index_option();

// The locations given with --index, in order; {"analyzer-index"} without.
std::vector<std::string> index_locations(const CliArgs& args);

}  // namespace analyzer::cli
