#pragma once
// CompiledLexicons: the lexicons of one LexiconMatcher turned into the
// structures the one-pass scan needs. Internal to match/; exposed so that
// tests and `lexicon explain` can name what a pattern id stands for.
//
// Every distinct token pattern (RE2 pattern + case sensitivity) gets one
// pattern id. Folded patterns go in one RE2::Set, case-sensitive ones in
// another; both are anchored at both ends, so a set match on a word says
// which whole-word patterns it fits. Token rules and exclusions become
// CompiledRules over pattern ids; regex rules go in a third RE2::Set that
// runs over the text.

#include <memory>
#include <string>
#include <vector>

#include <re2/re2.h>
#include <re2/set.h>

#include "analyzer/lexicon/lexicon.hpp"

namespace analyzer {

struct CompiledElement {
  bool gap = false;
  int pattern = -1;        // word: pattern id
  bool optional = false;
  int max_gap = 0;
};

struct CompiledRule {
  int lexicon = 0;                 // index into CompiledLexicons::lexicons
  const LexiconRule* source = nullptr;
  bool exclusion = false;
  std::vector<CompiledElement> elements;   // empty for regex rules
};

struct CompiledLexicons {
  std::vector<Lexicon> lexicons;
  std::string fingerprint;
  std::vector<CompiledRule> rules;

  // Pattern ids: what each stands for (every "theme/rule#element" that
  // uses it) for traces; which rules start with it.
  std::vector<std::vector<std::string>> pattern_uses;
  std::vector<std::vector<int>> rules_starting_with;

  std::unique_ptr<RE2::Set> folded_set;     // null when there are no folded patterns
  std::vector<int> folded_pattern;          // set index → pattern id
  std::unique_ptr<RE2::Set> surface_set;
  std::vector<int> surface_pattern;

  std::unique_ptr<RE2::Set> regex_set;      // regex rules over the text; null when none
  std::vector<int> regex_rule;              // set index → rule index
  std::vector<std::unique_ptr<RE2>> regexes;  // per set index
};

}  // namespace analyzer
