#pragma once
// Stage: print. One function per output; each takes data computed elsewhere
// and an std::ostream, and computes nothing but layout.
//
// JSON Lines (answers, numbers): one object per line, UTF-8, the objects of
// core/record_json.hpp. Fields are only ever added.
// Text outputs (ingest summary, stats, answer table) are for a terminal and
// may change between versions; scripts should use the JSON outputs. Every
// text field in them has its control characters made visible
// (terminal_text.hpp). answers, numbers and mentions print the stored
// records raw, personal data included (see README): only excerpts, reports
// and search snippets are masked.

#include <ostream>
#include <vector>

#include "analyzer/core/records.hpp"
#include "analyzer/index/index.hpp"
#include "analyzer/ingest/ingest.hpp"

namespace analyzer {

// What an ingest did: one line per file that failed or had warnings, then
// per-file results (the parts of an ingested file, when at most 30 or with
// `verbose`; a spreadsheet has one per row), then the
// totals: files ingested / unchanged / failed (paths that could not be
// read count as failed), then "N not read" when folder entries were passed
// over (hidden files, links to folders; `verbose` lists each with its
// reason), answers and numeric items added, layouts not recognised.
void print_ingest_summary(const IngestSummary& summary, std::ostream& out, bool verbose);

void print_answers_jsonl(const std::vector<AnswerRecord>& answers, std::ostream& out);
void print_numbers_jsonl(const std::vector<NumericItem>& numbers, std::ostream& out);

// A readable table: source, part, question, respondent, year, first words.
void print_answers_table(const std::vector<AnswerRecord>& answers, std::ostream& out);
void print_numbers_table(const std::vector<NumericItem>& numbers, std::ostream& out);

void print_stats(const IndexStats& stats, std::ostream& out);

}  // namespace analyzer
