#include "analyzer/match/lexicon_examples.hpp"

namespace analyzer {

std::vector<ExampleOutcome> run_lexicon_examples(const LexiconMatcher& matcher) {
  std::vector<ExampleOutcome> out;
  ThemeTagger tagger(matcher);
  for (const Lexicon& lex : matcher.lexicons()) {
    auto run = [&](const LexiconExample& ex, bool must_match) {
      ExampleOutcome o;
      o.theme = lex.id;
      o.example = &ex;
      o.must_match = must_match;
      o.mentions = tagger.tag(ex.text, &o.trace);
      for (const Mention& m : o.mentions)
        if (m.theme == lex.id) o.found.push_back(ex.text.substr(m.span.begin, m.span.size()));
      if (!must_match) o.passed = o.found.empty();
      else if (ex.mentions) o.passed = o.found == *ex.mentions;
      else o.passed = !o.found.empty();
      out.push_back(std::move(o));
    };
    for (const LexiconExample& ex : lex.must_match) run(ex, true);
    for (const LexiconExample& ex : lex.must_not_match) run(ex, false);
  }
  return out;
}

}  // namespace analyzer
