// Fuzz target: the tagger (tokenize + match) with the shipped lexicons, on
// any valid UTF-8 text of up to 64 KB. Mentions must be non-empty, inside
// the text, start on a character boundary, and come in text order.

#include <cstdint>
#include <memory>

#include "analyzer/lexicon/lexicon.hpp"
#include "analyzer/match/lexicon_matcher.hpp"
#include "analyzer/read/source.hpp"
#include "tests/fuzz/fuzz_input.hpp"

using analyzer::fuzz::require;

namespace {

analyzer::ThemeTagger& shipped_tagger() {
  static const analyzer::LexiconMatcher matcher = [] {
    analyzer::LexiconLoad load = analyzer::load_lexicons({ANALYZER_LEXICONS});
    require(load.ok(), "the shipped lexicons load");
    analyzer::Result<analyzer::LexiconMatcher> m = analyzer::LexiconMatcher::build(load.lexicons);
    require(m.ok(), "the shipped lexicons compile");
    return std::move(m.value());
  }();
  static analyzer::ThemeTagger tagger(matcher);
  return tagger;
}

bool starts_character(std::string_view text, std::size_t at) {
  return at == text.size() || (static_cast<unsigned char>(text[at]) & 0xC0) != 0x80;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  analyzer::fuzz::Input in = analyzer::fuzz::capped(data, size, 64 * 1024);
  if (!in.ok || analyzer::first_invalid_utf8(in.bytes)) return 0;  // read/ refuses these first

  std::size_t previous = 0;
  for (const analyzer::Mention& m : shipped_tagger().tag(in.bytes)) {
    require(m.span.begin < m.span.end && m.span.end <= in.bytes.size(), "mention inside the text");
    require(starts_character(in.bytes, m.span.begin) && starts_character(in.bytes, m.span.end),
            "mention on character boundaries");
    require(m.span.begin >= previous, "mentions in text order");
    previous = m.span.begin;
  }
  return 0;
}
