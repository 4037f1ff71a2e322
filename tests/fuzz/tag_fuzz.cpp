// Fuzz target: the tagger (tokenize + match) with the shipped lexicons, on
// any valid UTF-8 text of up to 64 KB. Mentions must be non-empty, inside
// the text, start and end on character boundaries, and come in text order.
// Differential, on inputs of up to 4 KB (the reference is slow: it tries
// every rule at every token): the one-pass matcher's rule and exclusion
// candidates must be those of the backtracking reference (tests/support/
// reference_matcher.hpp), as in match_test's test on the seed documents,
// leaving out tokens completed through a suspended hyphen (the reference
// does not complete them).

#include <cstdint>
#include <memory>
#include <set>
#include <string>

#include "analyzer/lexicon/lexicon.hpp"
#include "analyzer/match/lexicon_matcher.hpp"
#include "analyzer/read/source.hpp"
#include "analyzer/tokenize/tokenizer.hpp"
#include "tests/fuzz/fuzz_input.hpp"
#include "tests/support/reference_matcher.hpp"

using analyzer::fuzz::require;

namespace {

const analyzer::LexiconMatcher& shipped_matcher() {
  static const analyzer::LexiconMatcher matcher = [] {
    analyzer::LexiconLoad load = analyzer::load_lexicons({ANALYZER_LEXICONS});
    require(load.ok(), "the shipped lexicons load");
    analyzer::Result<analyzer::LexiconMatcher> m = analyzer::LexiconMatcher::build(load.lexicons);
    require(m.ok(), "the shipped lexicons compile");
    return std::move(m.value());
  }();
  return matcher;
}

bool on_character_boundary(std::string_view text, std::size_t at) {
  return at == text.size() || (static_cast<unsigned char>(text[at]) & 0xC0) != 0x80;
}

// Rule and exclusion candidates of the trace, in the reference's terms.
std::set<test_support::RefCandidate> traced_candidates(const analyzer::MatchTrace& trace) {
  std::set<test_support::RefCandidate> out;
  for (const analyzer::TracedCandidate& c : trace.candidates) {
    const std::string rule = c.rule.rfind("exclude:", 0) == 0 ? c.rule.substr(8) : c.rule;
    out.insert({c.theme, rule, c.span});
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  analyzer::fuzz::Input in = analyzer::fuzz::capped(data, size, 64 * 1024);
  if (!in.ok || analyzer::first_invalid_utf8(in.bytes)) return 0;  // read/ refuses these first

  static analyzer::ThemeTagger tagger(shipped_matcher());
  static analyzer::Tokenizer tokenizer;
  analyzer::MatchTrace trace;
  std::size_t previous = 0;
  for (const analyzer::Mention& m : tagger.tag(in.bytes, &trace)) {
    require(m.span.begin < m.span.end && m.span.end <= in.bytes.size(), "mention inside the text");
    require(on_character_boundary(in.bytes, m.span.begin) && on_character_boundary(in.bytes, m.span.end),
            "mention on character boundaries");
    require(m.span.begin >= previous, "mentions in text order");
    previous = m.span.begin;
  }
  if (in.bytes.size() > 4 * 1024) return 0;

  std::vector<std::size_t> coordinated;
  for (const analyzer::TracedToken& t : trace.tokens)
    if (t.coordinated) coordinated.push_back(t.span.begin);
  auto touches_coordination = [&](const test_support::RefCandidate& c) {
    for (std::size_t b : coordinated)
      if (c.span.begin <= b && b < c.span.end) return true;
    return false;
  };
  std::set<test_support::RefCandidate> fast = traced_candidates(trace), reference;
  for (const test_support::RefCandidate& c :
       test_support::reference_candidates(shipped_matcher().lexicons(), tokenizer, in.bytes))
    reference.insert(c);
  std::erase_if(fast, touches_coordination);
  std::erase_if(reference, touches_coordination);
  require(fast == reference, "the one-pass matcher finds the reference matcher's candidates");
  return 0;
}
