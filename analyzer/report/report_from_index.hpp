#pragma once
// The theme report straight from the index: the one data path of
// `analyzer report` (cli/report_command.cpp) and of the latency benchmark
// (tests/bench/search_latency.cpp), so that a faster way of reading the
// index is measured by the benchmark as soon as the command uses it.
//
// In:  an open IndexReader, a record filter (never with a theme: every
//      answer counts in the totals), the themes to report and the grouping.
// Out: the same ThemeReport as build_theme_report (theme_report.hpp) over
//      reader.answers(filter) and reader.numbers(filter).
// Cost: today every matching answer and numeric item is read from the index
//      and decoded (its JSON document data), then counted: linear in the
//      matching records. Errors are those of IndexReader::answers (a damaged
//      index throws std::runtime_error).

#include <vector>

#include "analyzer/index/index.hpp"
#include "analyzer/report/theme_report.hpp"

namespace analyzer {

ThemeReport theme_report_from_index(const IndexReader& index, const RecordFilter& filter,
                                    const std::vector<ThemeInfo>& themes, const ThemeReportOptions& options);

}  // namespace analyzer
