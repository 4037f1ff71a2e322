#include "analyzer/normalize/hyphenation.hpp"

#include <algorithm>
#include <array>
#include <string>

#include <unicode/uchar.h>

#include "analyzer/core/utf8.hpp"

namespace analyzer::swedish {

namespace {

// Lower-cases `word` code point by code point and drops trailing ASCII
// punctuation ("Och," → "och", "resp." → "resp"). Words here are short.
std::string fold_word(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  for (std::size_t i = 0; i < word.size();) {
    const utf8::Decoded d = utf8::decode(word, i);
    i += d.length;
    utf8::append(out, d.valid() ? static_cast<char32_t>(u_tolower(static_cast<UChar32>(d.code_point))) : 0xFFFD);
  }
  while (!out.empty() && std::string_view(".,;:!?)\"'").find(out.back()) != std::string_view::npos)
    out.pop_back();
  return out;
}

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& words, std::string_view word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

// First code point of `s`, or U_SENTINEL when empty or ill-formed.
UChar32 first_code_point(std::string_view s) { return static_cast<UChar32>(utf8::decode(s, 0).code_point); }

// Every letter upper case and at least one letter, or all digits ("SIP",
// "COVID-19", "2020").
bool is_capitals_or_digits(std::string_view word) {
  bool any = false;
  for (std::size_t i = 0; i < word.size();) {
    const utf8::Decoded d = utf8::decode(word, i);
    i += d.length;
    const auto c = static_cast<UChar32>(d.code_point);
    if (u_islower(c)) return false;
    if (u_isupper(c) || u_isdigit(c)) any = true;
  }
  return any;
}

bool is_single_letter(std::string_view word) {
  const utf8::Decoded d = utf8::decode(word, 0);
  return d.length == word.size() && d.valid() && u_isalpha(static_cast<UChar32>(d.code_point));
}

}  // namespace

bool is_suspension_word(std::string_view word) {
  static constexpr std::array<std::string_view, 10> kWords = {
      "och", "eller", "samt", "resp", "respektive", "som", "men", "till", "o", "&"};
  return contains(kWords, fold_word(word));
}

bool is_continuation_word(std::string_view word) {
  static constexpr std::array<std::string_view, 62> kWords = {
      "och",  "eller",  "samt",  "men",    "utan",   "att",   "som",    "om",     "än",
      "i",    "på",     "av",    "för",    "med",    "till",  "från",   "vid",    "under",
      "mot",  "inom",   "efter", "över",   "genom",  "mellan", "hos",   "utifrån", "kring",
      "bland", "enligt", "inför", "trots", "per",    "en",    "ett",    "den",    "det",
      "de",   "dess",   "deras", "sin",    "sitt",   "sina",  "vår",    "vårt",   "våra",
      "är",   "var",    "har",   "kan",    "ska",    "skall", "bör",    "måste",  "vill",
      "får",  "blir",   "där",   "när",    "hur",    "vad",   "vilka",  "så"};
  return contains(kWords, fold_word(word));
}

HyphenJoin classify_line_end_hyphen(std::string_view word_before, std::string_view next_word,
                                    bool soft_hyphen) {
  if (is_suspension_word(next_word)) return HyphenJoin::Suspended;
  const UChar32 next = first_code_point(next_word);
  if (next < 0 || !(u_isalpha(next) || u_isdigit(next))) return HyphenJoin::NotAHyphenation;
  if (soft_hyphen) return HyphenJoin::RemoveHyphen;
  if (is_single_letter(word_before) || is_capitals_or_digits(word_before) || u_isupper(next) ||
      u_isdigit(next))
    return HyphenJoin::KeepHyphen;
  return HyphenJoin::RemoveHyphen;
}

}  // namespace analyzer::swedish
