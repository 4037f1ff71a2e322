// The naive Ctrl-F baseline of eval.hpp: case-insensitive label search over
// the whole original file.
#include <algorithm>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "analyzer/core/utf8.hpp"
#include "analyzer/eval/eval.hpp"
#include "analyzer/tokenize/tokenizer.hpp"

namespace analyzer {

namespace {

// Length of the valid UTF-8 sequence that starts at `i`, or 0 when the bytes
// there are not one (a stray continuation byte, a truncated or overlong
// sequence, a surrogate, or a value past U+10FFFF).
std::size_t sequence_length(std::string_view s, std::size_t i) {
  const utf8::Decoded d = utf8::decode(s, i);
  return d.valid() ? d.length : 0;
}

// The text folded one code point at a time, with, for every folded byte, the
// original byte offset of the code point it came from. `starts[k]` is true
// when folded byte k begins the folding of an original code point. One extra
// entry at the end maps the folded size to the original size.
struct FoldedText {
  std::string text;
  std::vector<std::size_t> origin;
  std::vector<bool> starts;
};

FoldedText fold_with_map(std::string_view text) {
  FoldedText out;
  out.text.reserve(text.size());
  out.origin.reserve(text.size() + 1);
  out.starts.reserve(text.size() + 1);
  std::unordered_map<std::string_view, std::string> cache;   // non-ASCII code point → folded
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t n = sequence_length(text, i);
    std::string_view folded;
    char ascii;
    if (n == 1) {
      // ASCII: full case folding maps A-Z to a-z and nothing else.
      ascii = text[i];
      if (ascii >= 'A' && ascii <= 'Z') ascii = static_cast<char>(ascii - 'A' + 'a');
      folded = std::string_view(&ascii, 1);
    } else if (n == 0) {
      folded = text.substr(i, 1);   // invalid byte: compared as itself
    } else {
      const std::string_view cp = text.substr(i, n);
      auto it = cache.find(cp);
      if (it == cache.end()) it = cache.emplace(cp, full_case_fold(cp)).first;
      folded = it->second;
    }
    for (std::size_t k = 0; k < folded.size(); ++k) {
      out.origin.push_back(i);
      out.starts.push_back(k == 0);
    }
    out.text.append(folded);
    i += n == 0 ? 1 : n;
  }
  out.origin.push_back(text.size());
  out.starts.push_back(true);
  return out;
}

}  // namespace

std::vector<ScoredMention> baseline_mentions(const std::string& file, std::string_view file_text,
                                             const std::vector<ThemeLabel>& theme_labels) {
  struct Found {
    ScoredMention mention;
    std::size_t label;
  };
  std::vector<Found> found;
  const FoldedText folded = fold_with_map(file_text);
  const std::string_view haystack = folded.text;
  for (std::size_t l = 0; l < theme_labels.size(); ++l) {
    const std::string needle = full_case_fold(theme_labels[l].label);
    if (needle.empty()) continue;
    std::size_t from = 0;
    while (from <= haystack.size()) {
      const std::size_t at = haystack.find(needle, from);
      if (at == std::string_view::npos) break;
      const std::size_t end = at + needle.size();
      if (!folded.starts[at] || !folded.starts[end]) {
        from = at + 1;   // starts or ends inside the folding of one code point
        continue;
      }
      found.push_back({{file, theme_labels[l].theme, {folded.origin[at], folded.origin[end]}}, l});
      from = end;
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    return std::tie(a.mention.span.begin, a.label) < std::tie(b.mention.span.begin, b.label);
  });
  std::vector<ScoredMention> out;
  out.reserve(found.size());
  for (Found& f : found) out.push_back(std::move(f.mention));
  return out;
}

std::vector<ScoredMention> baseline_mentions(const GoldSet& gold,
                                             const std::vector<ThemeLabel>& theme_labels) {
  std::vector<ScoredMention> out;
  for (const GoldFile& f : gold.files) {
    std::vector<ScoredMention> one = baseline_mentions(f.name, f.text, theme_labels);
    out.insert(out.end(), std::make_move_iterator(one.begin()), std::make_move_iterator(one.end()));
  }
  return out;
}

}  // namespace analyzer
