#pragma once
// LazyPattern: an RE2 pattern compiled on its first use, not when it is
// declared. The segmenter's rules hold some fifty patterns, many with
// Unicode classes (\p{L}, \p{Lu}) or counted repetitions that make large
// programs: compiling all of them costs about 25 ms per process, more than
// reading a small PDF, and most files need only some of them (a one-line
// text file needs none of the form rules). So each pattern waits until a
// line reaches it.
//
// What goes in: the pattern text (UTF-8, RE2 syntax) and RE2's default
// options, as `RE2 re(pattern)` would take them. What comes out: the same
// RE2 that constructor gives, so matching behaves exactly as with an RE2
// built up front. Cost: the compile, once per process, at the first get();
// later calls cost one std::call_once check. Thread-safe: concurrent first
// users wait for one compile; RE2 objects are safe to match from several
// threads. A pattern that fails to compile behaves as RE2 does (ok() is
// false, nothing matches); the segmenter's patterns are fixed and tested.
//
//   const LazyPattern heading{R"(^[\p{Lu}\d].*$)"};
//   if (RE2::FullMatch(line, heading.get())) ...

#include <re2/re2.h>

#include <mutex>
#include <optional>
#include <string>

namespace analyzer {

class LazyPattern {
 public:
  explicit LazyPattern(std::string pattern) : pattern_(std::move(pattern)) {}
  LazyPattern(const LazyPattern&) = delete;
  LazyPattern& operator=(const LazyPattern&) = delete;

  // The compiled pattern; compiles it on the first call.
  const re2::RE2& get() const {
    std::call_once(compiled_, [this] { re_.emplace(pattern_); });
    return *re_;
  }

 private:
  std::string pattern_;
  mutable std::once_flag compiled_;
  mutable std::optional<re2::RE2> re_;
};

}  // namespace analyzer
