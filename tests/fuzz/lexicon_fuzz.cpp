// Fuzz target: a lexicon from any bytes of up to 64 KB: parse_lexicon()
// (JSON, keys, token patterns, regexes), and when it loads, the matcher
// built from it (LexiconMatcher::build) running the lexicon's own examples
// as `analyzer lexicon test` does. A lexicon that loads must compile (the
// header's promise), and every mention must lie inside its example.
//
// JSON nesting is bounded at 256 levels and a rule's reach at 20 words
// (issue 11, items 3 and 5), so inputs of any shape up to the cap must be
// handled in time linear in their size.

#include <cstdint>

#include "analyzer/lexicon/lexicon.hpp"
#include "analyzer/match/lexicon_examples.hpp"
#include "analyzer/match/lexicon_matcher.hpp"
#include "tests/fuzz/fuzz_input.hpp"

using analyzer::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  analyzer::fuzz::Input in = analyzer::fuzz::capped(data, size, 64 * 1024);
  if (!in.ok) return 0;

  analyzer::LexiconLoad load = analyzer::parse_lexicon(in.bytes, "");
  for (const analyzer::Diagnostic& d : load.diagnostics)
    require(!d.message.empty(), "a lexicon diagnostic says what is wrong");
  if (!load.ok() || load.lexicons.empty()) return 0;

  analyzer::Result<analyzer::LexiconMatcher> matcher = analyzer::LexiconMatcher::build(load.lexicons);
  require(matcher.ok(), "a lexicon that loads compiles");
  for (const analyzer::ExampleOutcome& outcome : analyzer::run_lexicon_examples(matcher.value())) {
    for (const analyzer::Mention& m : outcome.mentions)
      require(m.span.begin < m.span.end && m.span.end <= outcome.example->text.size(),
              "mention inside its example");
  }
  return 0;
}
