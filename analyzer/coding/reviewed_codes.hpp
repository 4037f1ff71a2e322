#pragma once
// Reviewed codes: the theme mentions that count once the analysts have
// reviewed the automatic coding (`report`, `excerpts`, `search --theme`
// with `--codes reviewed`).
//
// In:  answers as the index gives them (AnswerRecord::mentions: the
//      automatic mentions ingest found), the store's codings (coding/
//      store.hpp: CodingStore::codings(), already re-anchored by sync.hpp)
//      and options (one coder only; some themes only).
// Out: the same answers with their effective theme mentions, and counts of
//      what the review changed. Pure: reads and writes nothing, never throws
//      on user data.
//
// Effective mentions of an answer:
//   - every automatic mention, minus those whose decision in force is
//     "rejected";
//   - plus one Mention per manual coding with a lexicon theme on the answer
//     (rule kManualRule, `in_text` the coded bytes of the answer's text,
//     `text` the quote). Manual codings with an own code are no theme: they
//     are left out (and not counted), as in every theme report.
//   The mentions stay in text order (by `in_text`; the automatic one first
//   at equal places).
// Decision in force (several coders): per mention (its id, core/
//   mention_id.hpp, as the coding's mention_id after re-anchoring), the
//   LATEST decision of any coder wins: the decision coding with the highest
//   id (ids grow with time; a coder who changes their mind has their earlier
//   decision removed by the store). Analysts settle disagreements by
//   deciding again; `ReviewOptions::coder` counts one coder's decisions and
//   manual codings only. An accepted mention counts as before; a mention no
//   one decided on counts as the automatic coding says.
// Which codings take part: not removed, not orphaned, of a theme (for a
//   decision and a manual coding alike), passing the options, whose answer
//   is among `answers` (a decision also needs its mention there). Orphaned
//   codings (their quote is gone from the re-ingested source) are left out
//   and counted. A manual coding whose span no longer lies inside its
//   answer's text (an unsynced store) is left out and counted as orphaned.
//   Several manual codings of one theme at one span of one answer (two
//   coders agreeing), or one at exactly the place of an automatic mention of
//   its theme that still counts, give one mention, not two.
// Places of a manual mention (for excerpts and citations): the sentence of
//   an automatic mention of the answer (any theme) whose sentence holds the
//   coded bytes gives `sentence_in_text`, `sentence` (original bytes) and
//   `location`; otherwise the sentences of the answer's text that the coded
//   bytes touch (ReviewOptions::sentences) and the answer's own original
//   span and location (the index keeps no offset map from an answer's text
//   back to its file); without a sentence splitter the coded bytes alone.
//   `span` (original bytes): the coding's source_span when the store has it,
//   else the sentence's original span.
// Cost: O(answers + mentions + codings) with hash lookups, plus a sentence
//   split of the answers that hold a manual coding outside every automatic
//   mention's sentence. Memory: the answers are moved through, not copied;
//   a mention id per automatic mention (16 hex digits) while it runs.
//
//   ReviewedAnswers r = apply_reviewed_codes(reader.answers(filter), store.codings().value());
//   r.counts.rejected;   // automatic mentions left out
//   r.answers[0].mentions;

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/coding/store.hpp"
#include "analyzer/core/records.hpp"

namespace analyzer::coding {

// Mention::rule of a mention that a manual coding gave.
inline constexpr const char* kManualRule = "manual";

struct ReviewOptions {
  // Only this coder's decisions and manual codings; empty: every coder.
  std::string coder;
  // Only mentions and codings of these themes are counted in
  // ReviewCounts (all are still applied); empty: every theme.
  std::vector<std::string> themes;
  // Sentence spans of an answer's text (Tokenizer::sentences): where a
  // manual coding's excerpt comes from when no automatic mention's sentence
  // holds it. Empty: the coded bytes are the sentence.
  std::function<std::vector<ByteSpan>(std::string_view)> sentences;
};

// What the review changed, over the answers given (and the themes of
// ReviewOptions::themes).
struct ReviewCounts {
  std::size_t automatic = 0;  // automatic mentions in the answers
  std::size_t reviewed = 0;   // of those, with a decision in force
  std::size_t accepted = 0;   // ... accepted
  std::size_t rejected = 0;   // ... rejected (left out)
  std::size_t manual = 0;     // mentions added by manual codings with a theme
  // Codings left out because they are orphaned (every orphaned, not removed
  // coding of the options' coder and themes, whatever its answer), or their
  // span is outside their answer's text.
  std::size_t orphaned = 0;
  friend bool operator==(const ReviewCounts&, const ReviewCounts&) = default;
};

struct ReviewedAnswers {
  std::vector<AnswerRecord> answers;  // as given, in the same order, effective mentions
  ReviewCounts counts;
};

ReviewedAnswers apply_reviewed_codes(std::vector<AnswerRecord> answers, const std::vector<Coding>& codings,
                                     const ReviewOptions& options = {});

// Whether `codings` hold an active coding: a decision or a manual coding
// neither removed nor orphaned (own codes included). What `--codes`
// defaults on.
bool has_review(const std::vector<Coding>& codings);

}  // namespace analyzer::coding
