#pragma once
// What every fuzz target shares: the input as a string_view, capped, and a
// check that stops the run with a message when an invariant of the code
// under test does not hold (libFuzzer then saves the input as a crash).
//
// The cap keeps a run about correctness, not about size limits: the limits
// on whole files are enforced (and tested) by the stages themselves.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace analyzer::fuzz {

// The fuzz input as text; `ok` is false (and the target returns at once)
// when it is longer than `cap` bytes.
struct Input {
  std::string_view bytes;
  bool ok;
};

inline Input capped(const std::uint8_t* data, std::size_t size, std::size_t cap) {
  if (size > cap) return {{}, false};
  return {std::string_view(reinterpret_cast<const char*>(data), size), true};
}

// Aborts with `what` when `condition` is false: a finding, not a skip.
inline void require(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
  std::abort();
}

}  // namespace analyzer::fuzz
