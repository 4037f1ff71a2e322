#pragma once
// Test vocabulary: the lexicons shipped in lexicons/ (ANALYZER_LEXICONS,
// a compile definition of every unit test), loaded and compiled once per
// test process. A lexicon that fails to load or compile fails the test
// that asks for it, with the diagnostics.

#include <catch2/catch.hpp>

#include "analyzer/lexicon/lexicon.hpp"
#include "analyzer/match/lexicon_matcher.hpp"

namespace analyzer::test {

inline const LexiconMatcher& shipped_matcher() {
  static const LexiconMatcher matcher = [] {
    LexiconLoad l = load_lexicons({ANALYZER_LEXICONS});
    for (const Diagnostic& d : l.diagnostics) INFO(d.render());
    REQUIRE(l.ok());
    Result<LexiconMatcher> m = LexiconMatcher::build(l.lexicons);
    REQUIRE(m.ok());
    return std::move(m.value());
  }();
  return matcher;
}

}  // namespace analyzer::test
