#include "analyzer/coding/reanchor.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/mask/text_edits.hpp"  // space_at: the white space of swedish::is_space

namespace analyzer::coding {
namespace {

// `s` with each run of white space written as one ' ', and for each byte
// of that form the offset of the byte in `s` it stands for (a run: its
// first byte), plus one entry for the end.
struct Collapsed {
  std::string text;
  std::vector<std::size_t> origin;
};

Collapsed collapse(std::string_view s) {
  Collapsed c;
  c.text.reserve(s.size());
  c.origin.reserve(s.size() + 1);
  for (std::size_t i = 0; i < s.size();) {
    if (std::size_t n = space_at(s, i)) {
      c.text += ' ';
      c.origin.push_back(i);
      i += n;
      while (i < s.size() && (n = space_at(s, i))) i += n;
    } else {
      c.text += s[i];
      c.origin.push_back(i);
      ++i;
    }
  }
  c.origin.push_back(s.size());
  return c;
}

// `s` without leading and trailing ' ' (a collapsed text has at most one each).
std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// The start of the occurrence of `needle` in `hay` nearest to `target`
// (ties: the earlier); nullopt when there is none.
std::optional<std::size_t> nearest(std::string_view hay, std::string_view needle, std::size_t target) {
  std::optional<std::size_t> best;
  std::size_t best_distance = 0;
  for (std::size_t at = hay.find(needle); at != std::string_view::npos; at = hay.find(needle, at + 1)) {
    const std::size_t distance = at > target ? at - target : target - at;
    if (!best || distance < best_distance) {
      best = at;
      best_distance = distance;
    }
    if (at > target) break;  // later occurrences are only farther away
  }
  return best;
}

}  // namespace

const char* to_string(AnchorMatch m) {
  switch (m) {
    case AnchorMatch::Unchanged: return "unchanged";
    case AnchorMatch::Exact: return "exact";
    case AnchorMatch::Whitespace: return "whitespace";
    case AnchorMatch::Orphaned: return "orphaned";
  }
  return "orphaned";
}

std::string quote_words(std::string_view quote) { return std::string(trim_spaces(collapse(quote).text)); }

std::size_t occurrences(std::string_view quote, std::string_view text) {
  const std::string words = quote_words(quote);
  if (words.empty()) return 0;
  const std::string form = collapse(text).text;
  std::size_t n = 0;
  for (std::size_t at = form.find(words); at != std::string::npos; at = form.find(words, at + 1)) ++n;
  return n;
}

Reanchored reanchor(std::string_view quote, ByteSpan old_span, std::string_view new_text) {
  if (quote.empty()) return {};
  if (old_span.end <= new_text.size() && old_span.size() == quote.size() &&
      new_text.substr(old_span.begin, old_span.size()) == quote)
    return {AnchorMatch::Unchanged, old_span};
  if (auto at = nearest(new_text, quote, old_span.begin))
    return {AnchorMatch::Exact, {*at, *at + quote.size()}};

  const Collapsed text = collapse(new_text);
  const std::string quote_form = collapse(quote).text;
  const std::string_view words = trim_spaces(quote_form);
  if (words.empty()) return {};
  // The old start in the collapsed text: the first collapsed byte at or
  // after it.
  const auto first_after = std::lower_bound(text.origin.begin(), text.origin.end(), old_span.begin);
  const auto target = static_cast<std::size_t>(first_after - text.origin.begin());
  const std::optional<std::size_t> at = nearest(text.text, words, target);
  if (!at) return {};
  const std::size_t last = *at + words.size() - 1;  // the collapsed byte of the quote's last byte (not a space)
  return {AnchorMatch::Whitespace, {text.origin[*at], text.origin[last] + 1}};
}

}  // namespace analyzer::coding
