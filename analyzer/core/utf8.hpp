#pragma once
// UTF-8 basics: the one decoder, code point counting and character edges,
// for every stage. Built on ICU's U8_* macros (header only: nothing to link).
//
// In:  bytes that are usually valid UTF-8 (read/ validates corpus files),
//      but any bytes are safe: an ill-formed sequence decodes as
//      kInvalid with the length of its maximal subpart (Unicode 15, 3.9),
//      so a loop that steps by `length` never stalls and replaces each bad
//      subpart exactly once, as U+FFFD replacement does.
// Out: code points (char32_t; kInvalid for ill-formed bytes), byte lengths,
//      counts. No allocation except append(); pure and thread-safe.
// Cost: O(1) per character; counting is one pass over the bytes.
//
//   decode("å!", 0)        → {0xE5, 2}
//   decode("\xC3", 0)      → {kInvalid, 1}      (truncated sequence)
//   decode_before("å!", 2) → {0xE5, 2}
//   code_points("vård")    → 4
//   prefix_length("vård", 2) → 3

#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace analyzer::utf8 {

// The code point of an ill-formed sequence (ICU's U_SENTINEL).
inline constexpr char32_t kInvalid = static_cast<char32_t>(-1);

// A byte 10xxxxxx: the second, third or fourth byte of a character.
inline bool is_continuation(char byte) { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

struct Decoded {
  char32_t code_point = kInvalid;  // kInvalid for an ill-formed sequence
  std::size_t length = 0;          // bytes taken; 0 only at or past the end
  bool valid() const { return code_point != kInvalid; }
};

// The character that starts at byte `pos` of `s`; {kInvalid, 0} when `pos`
// is at or past the end. ASCII takes one comparison.
inline Decoded decode(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return {kInvalid, 0};
  const auto first = static_cast<unsigned char>(s[pos]);
  if (first < 0x80) return {first, 1};
  // U8_NEXT needs an int32_t length; four bytes are all a character uses.
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data() + pos);
  const auto window = static_cast<int32_t>(s.size() - pos < 4 ? s.size() - pos : 4);
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(p, i, window, c);
  return {c < 0 ? kInvalid : static_cast<char32_t>(c), static_cast<std::size_t>(i)};
}

// The character that ends at byte `pos` (exclusive) of `s`: the one whose
// last byte is s[pos - 1]; {kInvalid, 0} when `pos` is 0. Bytes that do not
// form a character there decode as {kInvalid, 1}.
inline Decoded decode_before(std::string_view s, std::size_t pos) {
  if (pos == 0 || pos > s.size()) return {kInvalid, 0};
  std::size_t begin = pos - 1;
  while (begin > 0 && pos - begin < 4 && is_continuation(s[begin])) --begin;
  const Decoded d = decode(s.substr(0, pos), begin);
  if (begin + d.length == pos) return d;
  return {kInvalid, 1};
}

// Characters in `s`: bytes that are not continuation bytes.
inline std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += !is_continuation(c);
  return n;
}

// The byte length of the first `max` characters of `s`: the offset of the
// character start after them, or s.size() when `s` has at most `max`
// characters. Stray continuation bytes count with the character before them.
// One pass up to the cut.
//   prefix_length("vårdnad", 3) → 4   ("vår")
inline std::size_t prefix_length(std::string_view s, std::size_t max) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (!is_continuation(s[i]) && chars++ == max) return i;
  return s.size();
}

// `pos` moved back / forward to the nearest character start (the end of `s`
// counts as one); unchanged when it is one already.
inline std::size_t char_begin(std::string_view s, std::size_t pos) {
  if (pos > s.size()) pos = s.size();
  while (pos > 0 && pos < s.size() && is_continuation(s[pos])) --pos;
  return pos;
}
inline std::size_t char_end(std::string_view s, std::size_t pos) {
  while (pos < s.size() && is_continuation(s[pos])) ++pos;
  return pos < s.size() ? pos : s.size();
}

// True when every byte is ASCII (< 0x80): the fast path of folding and
// matching.
inline bool is_ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// Appends the UTF-8 form of code point `c`. Not checked: a lone surrogate
// (as JSON's \uD800 escapes give) is written in the same bit pattern.
inline void append(std::string& out, char32_t c) {
  char bytes[U8_MAX_LENGTH];
  int32_t length = 0;
  U8_APPEND_UNSAFE(bytes, length, static_cast<UChar32>(c));
  out.append(bytes, static_cast<std::size_t>(length));
}

}  // namespace analyzer::utf8
