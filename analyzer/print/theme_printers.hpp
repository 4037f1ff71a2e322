#pragma once
// Printers for theme output: `tag`, `mentions`, `lexicon explain`,
// `lexicon test`. They lay out data computed by match/ and ingest/.
//
// JSON Lines formats (fields are only ever added, never renamed or dropped):
//   tag:       {"file", "theme", "rule", "start", "end", "text"}
//              start/end: byte offsets into the file; text: exactly those bytes.
//   mentions:  {"answer_id", "source", "year", "region", "respondent_type",
//               "respondent", "question", "theme", "rule", "start", "end", "text",
//               "location", ...}
//              start/end: byte offsets into the original source file; text:
//              exactly those bytes; year/region/respondent_type/respondent
//              null when unknown; location: where the mention starts
//              ({"line": 530}, {"page": 14}, ...: core/record_json.hpp),
//              absent for an index written before analysis version 4.
//              id: the mention's stable id (core/mention_id.hpp: answer id,
//              theme, start, end), what `code accept|reject MENTION` takes.

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/mention.hpp"
#include "analyzer/core/records.hpp"
#include "analyzer/match/lexicon_examples.hpp"
#include "analyzer/match/lexicon_matcher.hpp"

namespace analyzer {

// One line per mention of a tagged file (spans and texts already original).
void print_tag_jsonl(const std::string& file, const std::vector<Mention>& mentions, std::ostream& out);

// One line per mention stored with `answers`, optionally of one theme only.
void print_mentions_jsonl(const std::vector<AnswerRecord>& answers, std::string_view theme,
                          std::ostream& out);
// A readable table: source, question, theme, text; then the count.
void print_mentions_table(const std::vector<AnswerRecord>& answers, std::string_view theme,
                          std::ostream& out);

// What the matcher did with `text`: the tokens and the patterns each fits,
// every candidate with its outcome (kept, excluded by which exclusion,
// overlapped, merged, needs another mention), and the mentions. With a
// theme, only what concerns that theme.
void print_explain(std::string_view text, const MatchTrace& trace, const std::vector<Mention>& mentions,
                   std::string_view theme, std::ostream& out);

// `lexicon test`: every failing example with its location, what was
// expected and found, and its trace; then "N examples: P passed, F failed".
void print_example_outcomes(const std::vector<ExampleOutcome>& outcomes, std::ostream& out);

}  // namespace analyzer
