#pragma once
// StringHash: the hash of a std::unordered_map keyed by std::string that
// is looked up by std::string_view without making a string of the key.
//
// In:  a string, string_view or C string.
// Out: std::hash<std::string_view> of it (equal for equal text).
//
// Use it with std::equal_to<> as the map's key equality:
//   std::unordered_map<std::string, V, StringHash, std::equal_to<>> m;
//   m.find(view);  // no allocation
// Cost: one hash of the text.

#include <cstddef>
#include <functional>
#include <string_view>

namespace analyzer {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace analyzer
