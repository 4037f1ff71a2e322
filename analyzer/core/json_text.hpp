#pragma once
// The JSON text of a value for output: nlohmann's dump() with invalid UTF-8
// in its strings replaced by U+FFFD instead of an exception. What we print
// can carry bytes a file gave us (a path, a name, a quote from a file read
// with --repair), and printing must never fail on them.
//
// json_text(j) is one line with no spaces: {"a":1}; json_text(j, 2) is
// indented by two spaces per level. Cost: one pass over the value.

#include <string>

#include <nlohmann/json.hpp>

namespace analyzer {

template <class Json>
std::string json_text(const Json& j, int indent = -1) {
  return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace analyzer
