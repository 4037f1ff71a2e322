#pragma once
// Markdown escaping shared by the printers that write Markdown.

#include <string>
#include <string_view>

namespace analyzer {

// `s` with a backslash before every character Markdown could read as
// markup (\ ` * _ [ ] < > # | ~). Linear; never throws but for allocation.
inline std::string md_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (std::string_view("\\`*_[]<>#|~").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

}  // namespace analyzer
