#pragma once
// The theme report straight from the index: the one data path of
// `analyzer report` (cli/report_command.cpp) and of the latency benchmark
// (tests/bench/search_latency.cpp).
//
// In:  an open IndexReader, a record filter (never with a theme: every
//      answer counts in the totals), the themes to report and the grouping.
// Out: the same ThemeReport as build_theme_report (theme_report.hpp) over
//      reader.answers(filter) and reader.numbers(filter).
// Cost: without question in the grouping or the filter, the tallies ingest
//      stored (IndexReader::answer_tallies: per shard, its aggregate of a
//      few rows per respondent and year, or a few rows per file when the
//      aggregate is stale; no answer is read) and the numeric items that
//      name a theme; with a
//      question, every matching answer is read and decoded (the record
//      JSON in its kSlotRecord value, schema.hpp). Errors are those of
//      IndexReader (a damaged index throws IndexError, index_error.hpp).
// Masking: the labels and question texts of the respondents' own figures
//      (the report's only text from inside the documents) are masked with the index's
//      contact names, which it reads the contact names only when there is a figure.

#include <vector>

#include "analyzer/index/index.hpp"
#include "analyzer/report/theme_report.hpp"

namespace analyzer {

ThemeReport theme_report_from_index(const IndexReader& index, const RecordFilter& filter,
                                    const std::vector<ThemeInfo>& themes, const ThemeReportOptions& options);

// The same report over `answers` given by the caller in place of the
// index's: the answers of `filter` with other mentions than ingest found
// (the reviewed codes, coding/reviewed_codes.hpp). The figures are the
// index's (themed_numbers(filter)), masked as above. Cost: linear in the
// answers and their mentions (build_theme_report), no answer read.
ThemeReport theme_report_from_answers(const IndexReader& index, const std::vector<AnswerRecord>& answers,
                                      const RecordFilter& filter, const std::vector<ThemeInfo>& themes,
                                      const ThemeReportOptions& options);

}  // namespace analyzer
