#pragma once
// AnswerTally: answers that count alike in a theme report, taken together.
// A theme report (report/theme_report.hpp) needs of each answer only who
// gave it (respondent, source file, part), its question, and how many
// mentions of each theme it holds; answers equal in all of that but the
// mention counts, and mentioning the same set of themes, sum up into one
// tally without changing any figure of the report (respondents, answers,
// mentions, co-occurrence). Ingest stores a file's tallies over all its
// questions (a few rows per file), so a report over the whole archive reads
// those instead of every answer.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "analyzer/core/records.hpp"

namespace analyzer {

struct AnswerTally {
  std::string source;
  int part = 0;
  Respondent respondent;
  std::string question;                         // empty when tallied over all questions
  std::size_t answers = 0;                      // answers taken together (> 0)
  std::map<std::string, std::size_t> mentions;  // theme id → mentions in these answers;
                                                // the same theme set for each of them
};

// The tallies of `answers`, keeping each answer's question when
// `keep_question`, else over all questions (question left empty). Ordered
// by source, part, question, then theme set. Cost: O(answers × mentions ×
// log), no I/O.
std::vector<AnswerTally> tally_answers(const std::vector<AnswerRecord>& answers, bool keep_question);

}  // namespace analyzer
