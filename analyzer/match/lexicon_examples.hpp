#pragma once
// The examples that every lexicon carries ("match" / "no_match"), run
// through the real matcher: what `analyzer lexicon test` and CI check.
//
// In:  a LexiconMatcher built from all lexicons that ship together (so an
//      example sees exactly what ingest would do).
// Out: one ExampleOutcome per example, in lexicon and file order.
// A "match" example passes when the text has at least one mention of its
// lexicon's theme; when it lists "mentions", those exact texts in order.
// A "no_match" example passes when the text has no mention of that theme.
// Mentions of other themes never decide an outcome.
// Cost: one tag per example, with a trace (examples are short).

#include <string>
#include <vector>

#include "analyzer/match/lexicon_matcher.hpp"

namespace analyzer {

struct ExampleOutcome {
  std::string theme;
  const LexiconExample* example = nullptr;   // points into the matcher's lexicons
  bool must_match = true;
  bool passed = false;
  std::vector<std::string> found;            // texts of the theme's mentions
  std::vector<Mention> mentions;             // all mentions in the example, every theme
  MatchTrace trace;                          // the whole trace of the example
};

std::vector<ExampleOutcome> run_lexicon_examples(const LexiconMatcher& matcher);

}  // namespace analyzer
