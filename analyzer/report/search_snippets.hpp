#pragma once
// Stage: report (data only). The snippet of each search hit: the sentences
// of the answer that hold the words the query matched, those words marked.
//
// In:  SearchResults from IndexSearcher::search (index/index.hpp), each hit
//      with its answer and a QueryWordMatcher.
// Out: SearchHit::snippet of every hit: at most three sentences of the
//      answer's text, those with the most distinct matched words (earlier
//      first on a tie), in text order, joined by " … ". Each matched word
//      is wrapped in «»; adjacent matched words (a phrase) share one pair.
//      Every white-space or control character becomes one space. When the
//      text holds no matched word, the first of the answer's notes that
//      holds one, else its heading (a report section's: headings and notes
//      are searched, schema.hpp), gives the snippet. With no matched word
//      at all (a query of filters only, or a hit found through a theme's
//      lexicon rule), the sentence of the answer's first mention of the
//      first theme of SearchResults::snippet_themes it mentions, the
//      mention in «»; else the first sentence unmarked.
// Sentences are Tokenizer::sentences (tokenize/tokenizer.hpp), as in
// excerpts, each without its leading list bullet (list_bullet.hpp); words
// are cut and matched by the hit's QueryWordMatcher. Personal data is not
// masked here (cli/search_command.cpp masks the snippets).
// Cost: one sentence split and one word pass per hit shown.
//
// Example: the answer "Vi har SIP. Mobila teamen fungerar." matched by the
// query "\"mobila team\"" gives "«Mobila teamen» fungerar."

#include <string>
#include <string_view>

#include "analyzer/index/index.hpp"

namespace analyzer {

// Sets the snippet of every hit of `results`.
void add_search_snippets(SearchResults& results);

// The snippet of `text` for the words `matcher` matches (as above).
std::string search_snippet(std::string_view text, const QueryWordMatcher& matcher);

}  // namespace analyzer
