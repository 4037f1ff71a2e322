#pragma once
// Stage: eval. Scores theme mentions against hand annotations.
//
// In:  a GoldSet (gold.hpp: gold mentions and the byte ranges they annotate
//      completely), the answer spans the segmenter found, one list of
//      predicted mentions per system (our lexicon matcher, "analyzer", and the
//      naive Ctrl-F "baseline" that baseline_mentions() produces), and the
//      theme ids to report.
// Out: an EvalReport: per system, per theme, true/false positives and false
//      negatives at mention level and at answer level, with precision, recall
//      and F1, a micro-averaged row over all themes, and the list of missed
//      and spurious mentions for `eval --verbose`.
// Invariants: every span here is a byte range [begin, end) into the ORIGINAL
//      file (not the normalised text); a file is always named by
//      GoldFile::name. Pure data in, data out: evaluate() does no I/O.
// Cost: evaluate() is O(G·P) per (file, theme) for matching plus O((G+P)·A)
//      per file for answers (G gold mentions, P predictions, A answers); gold
//      sets are hand-made, so small. Thread safety: no shared state.
//
// SCORING, precisely.
//   overlap(a, b)  ⇔  a.begin < b.end && b.begin < a.end. An empty span
//                     overlaps nothing.
//   Scored files:  every file of the GoldSet (GoldSet::files, and any file a
//                  gold mention names). A file's scope is its GoldScope ranges,
//                  or the whole file when it has none.
//   Scored gold:   gold mentions whose theme is in `themes`; the others are
//                  counted in EvalReport::ignored_gold.
//   Scored predictions: those whose file is a scored file, whose theme is in
//                  `themes` and whose span overlaps the file's scope (so one
//                  that straddles a scope edge is scored). The others are
//                  counted in SystemScores::ignored_predictions. Predictions
//                  are not deduplicated: a repeated prediction is a second
//                  prediction.
//   Mention level, per (file, theme): predictions are taken in document order
//                  (begin, then end, then input order). Each is matched to at
//                  most one gold mention: among the still unmatched gold
//                  mentions of the same file and theme that overlap it, the
//                  one with the identical span if there is one, else the first
//                  in document order (lenient match, one-to-one, greedy).
//                  TP = matched pairs; FP = scored predictions left unmatched;
//                  FN = scored gold mentions left unmatched. `exact` (a
//                  secondary figure, included in TP) = matched pairs whose
//                  spans are identical.
//   Answer level:  the units are the answers of scored files that overlap the
//                  file's scope (the same file and span given twice is one
//                  answer), plus one pseudo-answer "outside answers" per
//                  scored file. A gold mention or prediction touches every
//                  answer it overlaps; one that overlaps no answer touches its
//                  file's pseudo-answer. For each (unit, theme): gold-positive
//                  when a scored gold mention of that theme touches it,
//                  predicted-positive when a scored prediction of that theme
//                  touches it. TP = both, FP = predicted only, FN = gold only.
//                  So a gold mention the segmenter left outside every answer
//                  is an answer-level FN for any system that only predicts
//                  inside answers (the analyzer): a segmenter miss shows up.
//                  The pseudo-answer is scored like any answer, so the
//                  baseline, which searches the whole file, gets a FP there
//                  for a hit in a prompt and a TP for a hit on such a gold
//                  mention. `exact` is always 0 at answer level.
//   Rows:          one ThemeRow per theme of `themes`, in that order (a theme
//                  listed twice gets one row), also when it has no gold and no
//                  predictions; `all` is the micro average: the sum of the
//                  counts of the rows, scored with the same formulas.
//   Conventions for empty denominators (Counts):
//                  precision = TP / (TP + FP), undefined when TP + FP = 0;
//                  recall    = TP / (TP + FN), undefined when TP + FN = 0;
//                  F1        = 2·TP / (2·TP + FP + FN), undefined only when
//                              TP + FP + FN = 0.
//                  F1 is the harmonic mean of P and R whenever both are
//                  defined; it is 0, not undefined, when a system predicts
//                  nothing for a theme that has gold (P undefined, R = 0) or
//                  predicts a theme that has no gold (P = 0, R undefined).
//                  "Undefined" (std::nullopt; "–" in the table, null in JSON)
//                  means there was nothing to measure.
//
// Example:
//   GoldLoad load = load_gold("tests/gold/train.jsonl", ".", theme_ids);
//   std::vector<SystemMentions> systems = {
//       {"analyzer", analyzer_mentions},                 // from the matcher
//       {"baseline", baseline_mentions(load.gold, labels)}};
//   EvalReport r = evaluate(load.gold, answers, systems, theme_ids);
//   print_eval_table(r, std::cout);                      // print/eval_printer.hpp

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/span.hpp"
#include "analyzer/eval/gold.hpp"

namespace analyzer {

// One predicted mention, in original-file coordinates.
struct ScoredMention {
  std::string file;    // GoldFile::name of the file it was found in
  std::string theme;   // theme id
  ByteSpan span;       // original bytes
  friend bool operator==(const ScoredMention&, const ScoredMention&) = default;
};

// One answer as the segmenter found it: what the tool takes as respondent
// text, in original-file coordinates.
struct AnswerSpan {
  std::string file;    // GoldFile::name
  ByteSpan span;       // original bytes
};

// The predictions of one system.
struct SystemMentions {
  std::string system;                   // "analyzer", "baseline", ...
  std::vector<ScoredMention> mentions;  // any order
};

// True positives, false positives and false negatives of one theme (or of
// all themes) at one level, with the scores of the conventions above.
struct Counts {
  std::size_t tp = 0;
  std::size_t fp = 0;
  std::size_t fn = 0;
  std::size_t exact = 0;   // mention level: matched pairs with identical spans (⊆ tp)

  std::size_t predicted() const { return tp + fp; }
  std::size_t gold() const { return tp + fn; }
  std::optional<double> precision() const;   // nullopt when tp + fp == 0
  std::optional<double> recall() const;      // nullopt when tp + fn == 0
  std::optional<double> f1() const;          // nullopt when tp + fp + fn == 0

  Counts& operator+=(const Counts& other);
  friend bool operator==(const Counts&, const Counts&) = default;
};

struct ThemeRow {
  std::string theme;   // theme id; "all" for the micro-averaged row
  Counts mention;      // mention level
  Counts answer;       // answer level
};

// A mention-level error, for `eval --verbose`.
struct Miss {
  enum class Kind { FalseNegative, FalsePositive };
  Kind kind = Kind::FalseNegative;
  std::string file;               // GoldFile::name
  std::string theme;
  ByteSpan span;                  // original bytes of the gold mention (FN) or prediction (FP)
  // Snippets of the file, raw (new lines kept), cut on character boundaries
  // with "…" where cut: `text` is the bytes in `span` (at most 80
  // characters), `before` and `after` at most 30 characters either side.
  // Empty when GoldFile::text does not hold the span.
  std::string text;
  std::string before;
  std::string after;
  std::size_t gold_line = 0;      // FN: line in the gold file; FP: 0
  std::string note;               // FN: the gold mention's note; FP: empty
  // The first answer (by position) that `span` overlaps; nullopt when it
  // overlaps none (the "outside answers" pseudo-answer).
  std::optional<ByteSpan> answer;
  // True when this miss also costs at answer level: a (unit, theme) pair it
  // touches is an answer-level miss of the same kind.
  bool answer_miss = false;
};

struct SystemScores {
  std::string system;
  std::vector<ThemeRow> rows;          // one per theme, in the order given
  ThemeRow all;                        // micro average; theme "all"
  // Mention-level misses, sorted by file (GoldSet order), span begin, span
  // end, theme, FN before FP.
  std::vector<Miss> misses;
  std::size_t ignored_predictions = 0; // not a scored file, theme not listed, or out of scope
};

struct EvalReport {
  std::string gold_path;               // GoldSet::path
  std::vector<std::string> gold_files; // scored files, GoldSet order
  std::vector<std::string> themes;     // the themes of the rows, in order
  std::size_t gold_mentions = 0;       // scored gold mentions
  std::size_t ignored_gold = 0;        // gold mentions of themes not listed
  std::size_t answers = 0;             // answer units, not counting pseudo-answers
  std::size_t gold_outside_answers = 0;// scored gold mentions that overlap no answer
  std::vector<SystemScores> systems;   // in the order given
};

// Scores every system against `gold`, as the comment at the top of this
// header defines. `answers` may be in any order and may name files outside
// the gold set (they are ignored). An empty `themes` gives no rows and an
// all-zero `all` row. Never throws on user data.
EvalReport evaluate(const GoldSet& gold, const std::vector<AnswerSpan>& answers,
                    const std::vector<SystemMentions>& systems,
                    const std::vector<std::string>& themes);

// A theme id and the label a person would type into Ctrl-F: the lexicon's
// "label" ("Mobila team", "SIP", "Fast vårdkontakt", "Trygg hemgång").
struct ThemeLabel {
  std::string theme;
  std::string label;
};

// The naive baseline: what an analyst gets with Ctrl-F. For each theme, the
// non-overlapping occurrences of its label in the WHOLE file text (prompts,
// option labels and headers included: that is what Ctrl-F does), found left
// to right, case-insensitively.
//
// Case-insensitive means equal after ICU full case folding (full_case_fold() of
// tokenize/tokenizer.hpp). Folding may change byte lengths ("ß" → "ss";
// å/ä/ö keep theirs), so the text is folded one code point at a time while a
// map records where each folded code point came from, and an occurrence
// counts only when it starts and ends on the boundary of a folded original
// code point; its span is then exactly the original bytes of those code
// points. Full case folding has no context, so this equals folding the whole
// text. There is no Unicode normalisation: a decomposed "a" + U+030A does not
// match "å", as with a plain Ctrl-F. Invalid UTF-8 bytes compare as
// themselves. An empty label finds nothing.
//
// `file` is copied into each ScoredMention. Returns mentions sorted by span
// begin, then by the order of `theme_labels`. Scope is not applied here:
// evaluate() ignores the occurrences outside it. Cost: one pass to fold the
// text plus one substring search per label.
std::vector<ScoredMention> baseline_mentions(const std::string& file, std::string_view file_text,
                                             const std::vector<ThemeLabel>& theme_labels);

// baseline_mentions() over every file of `gold` (GoldFile::text), in GoldSet
// order.
std::vector<ScoredMention> baseline_mentions(const GoldSet& gold,
                                             const std::vector<ThemeLabel>& theme_labels);

}  // namespace analyzer
