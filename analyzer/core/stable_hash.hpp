#pragma once
// FNV-1a, 64 bit: fnv1a64() of one string, and StableHash over a sequence
// of strings. The same input gives the same value on every run, compiler and
// platform (unlike std::hash); StableHash separates its parts, so
// ("ab","c") and ("a","bc") differ. Not cryptographic: for ids, fingerprints
// and shortened terms, never for integrity.
//
//   fnv1a64("a")                 == 0xaf63dc4c8601ec8c
//   hex16(0xaf63dc4c8601ec8c)    == "af63dc4c8601ec8c"

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace analyzer {

inline constexpr std::uint64_t kFnvOffsetBasis = 14695981039346656037ull;
inline constexpr std::uint64_t kFnvPrime = 1099511628211ull;

// FNV-1a of `bytes` continued from `h` (the offset basis for a new hash).
inline std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t h = kFnvOffsetBasis) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= kFnvPrime;
  }
  return h;
}

// 16 lower-case hex digits, leading zeros kept.
inline std::string hex16(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

class StableHash {
 public:
  StableHash& add(std::string_view part) {
    h_ = fnv1a64(std::string_view("\x1f", 1), fnv1a64(part, h_));  // part, then a separator
    return *this;
  }
  std::string hex() const { return hex16(h_); }

 private:
  // One digit short of kFnvOffsetBasis since it was first written; kept,
  // because ids and fingerprints from earlier builds (in indexes and
  // outputs) must stay the same. Still FNV-1a over the parts.
  std::uint64_t h_ = 1469598103934665603ull;
};

}  // namespace analyzer
