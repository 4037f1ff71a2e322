// Which words of an answer a search matched (index.hpp, QueryWordMatcher;
// query_words.hpp). Words are cut with Xapian's Unicode word-character
// test, as Xapian's TermGenerator cut the text at ingest.

#include "analyzer/index/query_words.hpp"

#include <algorithm>

#include "analyzer/index/schema.hpp"

namespace analyzer {

bool QueryWordMatcher::Impl::matches_lower(const std::string& lower) const {
  if (terms.count(lower) || terms.count(std::string(schema::kStemmed) + stem(lower))) return true;
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](const std::string& p) { return lower.compare(0, p.size(), p) == 0; });
}

std::vector<std::string> wildcard_prefixes(std::string_view query) {
  std::vector<std::string> out;
  std::string word;
  for (Xapian::Utf8Iterator it(query.data(), query.size()); it != Xapian::Utf8Iterator(); ++it) {
    if (Xapian::Unicode::is_wordchar(*it)) {
      Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(*it));
      continue;
    }
    if (*it == '*' && !word.empty()) out.push_back(word);
    word.clear();
  }
  return out;
}

QueryWordMatcher::QueryWordMatcher() = default;
QueryWordMatcher::QueryWordMatcher(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

std::vector<QueryWordMatcher::Word> QueryWordMatcher::words(std::string_view text) const {
  std::vector<Word> out;
  auto push = [&](std::size_t begin, std::size_t end) {
    Word w{{begin, end}, Xapian::Unicode::tolower(std::string(text.substr(begin, end - begin))), false};
    w.matched = impl_ && impl_->matches_lower(w.lower);
    out.push_back(std::move(w));
  };
  std::size_t start = 0;
  bool in_word = false;
  for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
    const std::size_t at = static_cast<std::size_t>(it.raw() - text.data());
    const bool word_char = Xapian::Unicode::is_wordchar(*it);
    if (word_char && !in_word) start = at;
    if (!word_char && in_word) push(start, at);
    in_word = word_char;
  }
  if (in_word) push(start, text.size());
  return out;
}

bool QueryWordMatcher::matches(std::string_view word) const {
  return impl_ && impl_->matches_lower(Xapian::Unicode::tolower(std::string(word)));
}

}  // namespace analyzer
