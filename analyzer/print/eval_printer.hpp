#pragma once
// Printers for `analyzer eval`: an EvalReport (eval/eval.hpp) as a table for
// a terminal, as one JSON object for scripts, and as a list of misses for
// `eval --verbose`. They compute nothing: every figure, including the
// precision/recall/F1 conventions, comes from eval/.
//
// TABLE (print_eval_table; for people, may change between versions):
//   a header (gold file, files, gold mentions, answers), then two blocks,
//   "mention level" and "answer level", each with one row per theme plus
//   "all themes" (micro average), and for each system side by side the
//   columns P, R, F1 (three decimals; "–" when undefined) and TP, FP, FN
//   (and "exact" at mention level); then ignored predictions per system.
//
// JSON (print_eval_json; a public interface: fields are only ever added,
// never renamed or removed). One object, then a newline:
//   {
//     "gold": "tests/gold/train.jsonl",       string: the gold file as given
//     "gold_files": ["corpora/x.txt", ...],   strings: scored files (GoldFile::name)
//     "themes": ["mobila_team", ...],         strings: theme ids, row order
//     "gold_mentions": 120,                   int: scored gold mentions
//     "ignored_gold": 0,                      int: gold mentions of themes not listed
//     "answers": 85,                          int: answer units (pseudo-answers not counted)
//     "gold_outside_answers": 2,              int: scored gold mentions overlapping no answer
//     "systems": [                            in the order evaluated ("analyzer", "baseline")
//       {
//         "system": "analyzer",
//         "ignored_predictions": 0,           int
//         "themes": [                         one per theme, in "themes" order
//           {"theme": "sip", "mention": COUNTS, "answer": COUNTS}, ...],
//         "all": {"theme": "all", "mention": COUNTS, "answer": COUNTS},
//         "misses": [MISS, ...]               mention-level misses (eval.hpp order)
//       }, ...]
//   }
//   COUNTS = {"tp": int, "fp": int, "fn": int, "exact": int,
//             "precision": number|null, "recall": number|null, "f1": number|null}
//            (null = undefined, see eval.hpp; "exact" is 0 at answer level)
//   MISS   = {"kind": "fn"|"fp", "file": string, "theme": string,
//             "start": int, "end": int,      original bytes, end exclusive
//             "text": string, "before": string, "after": string,   snippets
//             "gold_line": int|null,         FN: line in the gold file; FP: null
//             "note": string,                FN: the gold note, may be ""; FP: ""
//             "answer": [start, end]|null,   first answer overlapped; null = outside answers
//             "answer_miss": bool}           also a miss at answer level
//
// VERBOSE LISTING (print_eval_misses; for people): per system, a count line,
// then one line per miss: kind (FN/FP, "*" when it is also an answer-level
// miss), file, byte span, theme, the text in context, and for an FN the gold
// line and note.

#include <ostream>

#include "analyzer/eval/eval.hpp"

namespace analyzer {

void print_eval_table(const EvalReport& report, std::ostream& out);
void print_eval_json(const EvalReport& report, std::ostream& out);
void print_eval_misses(const EvalReport& report, std::ostream& out);

}  // namespace analyzer
