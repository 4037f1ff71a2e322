#pragma once
// StableHash: FNV-1a, 64 bit, over a sequence of strings. The same parts
// give the same 16 hex digits on every run and platform; parts are
// separated, so ("ab","c") and ("a","bc") differ. Not cryptographic: for
// ids and fingerprints, never for integrity.

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace analyzer {

class StableHash {
 public:
  StableHash& add(std::string_view part) {
    for (unsigned char c : part) {
      h_ ^= c;
      h_ *= 1099511628211ull;
    }
    h_ ^= 0x1f;  // part separator
    h_ *= 1099511628211ull;
    return *this;
  }
  // 16 lower-case hex digits.
  std::string hex() const {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h_));
    return buf;
  }

 private:
  std::uint64_t h_ = 1469598103934665603ull;
};

}  // namespace analyzer
