#include "analyzer/normalize/hyphenation.hpp"

#include <algorithm>
#include <array>
#include <string>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace analyzer::swedish {

namespace {

// Lower-cases `word` code point by code point and drops trailing ASCII
// punctuation ("Och," → "och", "resp." → "resp"). Words here are short.
std::string fold_word(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  const auto* s = reinterpret_cast<const uint8_t*>(word.data());
  const auto length = static_cast<int32_t>(word.size());
  int32_t i = 0;
  while (i < length) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) c = 0xFFFD;
    c = u_tolower(c);
    uint8_t buffer[U8_MAX_LENGTH];
    int32_t n = 0;
    U8_APPEND_UNSAFE(buffer, n, c);
    out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(n));
  }
  while (!out.empty() && std::string_view(".,;:!?)\"'").find(out.back()) != std::string_view::npos)
    out.pop_back();
  return out;
}

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& words, std::string_view word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

// First code point of `s`, or U_SENTINEL when empty.
UChar32 first_code_point(std::string_view s) {
  if (s.empty()) return U_SENTINEL;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(p, i, static_cast<int32_t>(s.size()), c);
  return c;
}

// Every letter upper case and at least one letter, or all digits ("SIP",
// "COVID-19", "2020").
bool is_capitals_or_digits(std::string_view word) {
  const auto* p = reinterpret_cast<const uint8_t*>(word.data());
  const auto length = static_cast<int32_t>(word.size());
  bool any = false;
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(p, i, length, c);
    if (u_islower(c)) return false;
    if (u_isupper(c) || u_isdigit(c)) any = true;
  }
  return any;
}

bool is_single_letter(std::string_view word) {
  const auto* p = reinterpret_cast<const uint8_t*>(word.data());
  const auto length = static_cast<int32_t>(word.size());
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(p, i, length, c);
  return i == length && u_isalpha(c);
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

bool is_abbreviation(std::string_view word) {
  static constexpr std::array<std::string_view, 27> kWords = {
      "ca.",  "resp.", "ex.",  "inkl.", "exkl.", "bl.",  "tex.", "etc.", "kap.",
      "nr.",  "st.",   "leg.", "prop.", "jfr.",  "dvs.", "osv.", "mfl.", "tel.",
      "avd.", "ang.",  "enl.", "ev.",   "dir.",  "fd.",  "pga.", "mm.",  "tf."};
  if (contains(kWords, word)) return true;
  // "bl.a.", "t.ex.", "fr.o.m.": at least two groups of 1-4 lower-case
  // letters, each followed by a period.
  std::size_t groups = 0, letters = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(word.data());
  const auto length = static_cast<int32_t>(word.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(p, i, length, c);
    if (c == '.') {
      if (letters == 0 || letters > 4) return false;
      ++groups;
      letters = 0;
    } else if (u_islower(c)) {
      ++letters;
    } else {
      return false;
    }
  }
  return letters == 0 && groups >= 2;
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
