#pragma once
// Markdown escaping: the one escaper every Markdown output uses (report,
// excerpts and search `--format md`), for every text that comes from the
// data (answers, names, file names, manifest names, the query).

#include <string>
#include <string_view>

namespace analyzer {

// `s` as literal text inside one Markdown line (a paragraph, a list item,
// a blockquote line or a table cell):
//   - "<", ">" and "&" become "&lt;", "&gt;" and "&amp;", so no HTML
//     (<script>, <img onerror=...>) and no autolink passes through, also in
//     renderers that do not take "\<" as an escape (Python-Markdown);
//   - a backslash goes before every other character Markdown could read as
//     markup (\ ` * _ [ ] # | ~), "|" included so a table cell stays one;
//   - CR, LF and CRLF become one space, so the text cannot end its line and
//     start a block of its own (a heading, a list, a raw HTML block).
// Linear; never throws but for allocation.
inline std::string md_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
      out += ' ';
    } else {
      if (std::string_view("\\`*_[]#|~").find(c) != std::string_view::npos) out += '\\';
      out += c;
    }
  }
  return out;
}

}  // namespace analyzer
