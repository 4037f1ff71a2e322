#pragma once
// ByteSpan: a half-open byte range [begin, end) into some text. Which text
// (normalised or original) is always said by the name of the field holding it.

#include <cstddef>

namespace analyzer {

struct ByteSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  friend bool operator==(const ByteSpan&, const ByteSpan&) = default;
};

}  // namespace analyzer
