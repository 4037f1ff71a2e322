#pragma once
// The record filters every index-reading command takes (--year, --region,
// --respondent-type, --question, --source, and --theme where it filters)
// and --index: one set of option rows with their help lines, one parser.

#include <memory>
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

// Opens the index at `locations` for reading (open_index) and checks that
// some record has each region, question and source `filter` names
// (IndexReader::check_filter), so that a misspelt filter is an error with a
// suggestion, not an empty listing. On failure prints why to stderr and
// returns nullptr with `exit` set: kExitCannotRun when there is no index
// to read, kExitUsage when the filter names a value no record has.
std::unique_ptr<IndexReader> open_filtered_index(const std::vector<std::string>& locations,
                                                 const RecordFilter& filter, int& exit);

// --index of a command that reads the index: repeatable; several indexes
// (or Xapian stub files) are read as one.
OptionSpec read_index_option();

// The locations given with --index, in order; {"analyzer-index"} without.
std::vector<std::string> index_locations(const CliArgs& args);

}  // namespace analyzer::cli
