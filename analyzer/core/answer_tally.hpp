#pragma once
// AnswerTally: answers that count alike in a theme report, taken together.
// A theme report (report/theme_report.hpp) needs of each answer only who
// gave it (respondent, source file, part), its question, and how many
// mentions of each theme it holds; answers equal in all of that but the
// mention counts, and mentioning the same set of themes, sum up into one
// tally without changing any figure of the report (respondents, answers,
// mentions, co-occurrence). Ingest stores a file's tallies over all its
// questions (a few rows per file), so a report over the whole archive reads
// those instead of every answer; and, once per run, the tallies of all of
// a shard's files merged (merge_tallies below: a few rows per respondent
// and year, however many files name it).

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "analyzer/core/records.hpp"

namespace analyzer {

struct AnswerTally {
  std::string source;                           // the file; empty when `sources` lists several
  int part = 0;                                 // the part; 0 when taken over several parts
  Respondent respondent;
  std::string question;                         // empty when tallied over all questions
  std::size_t answers = 0;                      // answers taken together (> 0)
  std::map<std::string, std::size_t> mentions;  // theme id → mentions in these answers;
                                                // the same theme set for each of them
  // Set when the answers may come from several parts or files (merged or
  // read back from an index): who gave them, as respondent_key() gives it
  // ("Region Halland", or "002_x.txt#1" for an unnamed respondent), and
  // the files they came from, sorted. Rows with equal lists may share one
  // (a reader decodes each distinct list once). Empty / null: the key is
  // taken from respondent.name, source and part, and the file is `source`.
  std::string key;
  std::shared_ptr<const std::vector<std::string>> sources;
};

// The respondent identity a theme report counts (report/theme_report.hpp):
// t.key when set, else the name, else "source#part".
std::string respondent_key_of(const AnswerTally& t);

// The tallies of `answers`, keeping each answer's question when
// `keep_question`, else over all questions (question left empty). Ordered
// by source, part, question, then theme set. Cost: O(answers × mentions ×
// log), no I/O.
std::vector<AnswerTally> tally_answers(const std::vector<AnswerRecord>& answers, bool keep_question);

// Tallies over all questions (question empty) taken together across files
// and parts: rows equal in respondent key, respondent fields (year, region,
// type, name) and theme set become one, answers and mentions summed, with
// `key` set and `sources` the sorted union of their files. A theme report
// over the result equals the one over the input, under any filter by
// year, region, type or theme applied to either (those are row fields).
// Ordered by key, year, region, type, name, then theme set. Cost:
// O(rows × (themes + files) × log), no I/O.
std::vector<AnswerTally> merge_tallies(const std::vector<AnswerTally>& tallies);

// merge_tallies() a row at a time: add() every tally in order, then take()
// the rows merge_tallies() would give for them. For tallies read one row at
// a time (aggregate::build over a database): memory is the merged rows, not
// the input (a 100,000-row spreadsheet has ~100,000 tally rows, ~190 MB
// decoded). Use once.
class TallyMerger {
 public:
  TallyMerger();
  ~TallyMerger();
  void add(const AnswerTally& t);
  std::vector<AnswerTally> take();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace analyzer
