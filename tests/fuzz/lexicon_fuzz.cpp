// Fuzz target: a lexicon from any bytes of up to 4 KB: parse_lexicon()
// (JSON, keys, token patterns, regexes), and when it loads, the matcher
// built from it (LexiconMatcher::build) running the lexicon's own examples
// as `analyzer lexicon test` does. A lexicon that loads must compile (the
// header's promise), and every mention must lie inside its example.
//
// The cap is small because of known limits outside this target's scope,
// being fixed in lexicon/, match/ and core/json_* (issue 11, items 3 and
// 5): memory grows with the square of JSON nesting depth, and a rule of
// many optional tokens is slow over a long example. Raise it once those
// are bounded.

#include <cstdint>

#include "analyzer/lexicon/lexicon.hpp"
#include "analyzer/match/lexicon_examples.hpp"
#include "analyzer/match/lexicon_matcher.hpp"
#include "tests/fuzz/fuzz_input.hpp"

using analyzer::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  analyzer::fuzz::Input in = analyzer::fuzz::capped(data, size, 4 * 1024);
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
