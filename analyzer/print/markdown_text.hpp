#pragma once
// Markdown escaping: the one escaper every Markdown output uses (report,
// excerpts and search `--format md`), for every text that comes from the
// data (answers, names, file names, manifest names, the query).

#include <string>
#include <string_view>

#include "analyzer/print/terminal_text.hpp"

namespace analyzer {

// `s` as literal text inside one Markdown line (a paragraph, a list item,
// a blockquote line or a table cell):
//   - "<", ">" and "&" become "&lt;", "&gt;" and "&amp;", so no HTML
//     (<script>, <img onerror=...>) and no autolink passes through, also in
//     renderers that do not take "\<" as an escape (Python-Markdown);
//   - a backslash goes before every other character Markdown could read as
//     markup (\ ` * _ [ ] # | ~), "|" included so a table cell stays one;
//   - CR, LF and CRLF become one space, so the text cannot end its line and
//     start a block of its own (a heading, a list, a raw HTML block);
//   - every other control character (ESC, BEL, tab, C1, bidirectional
//     overrides) is made visible as terminal_text() does ("\x1b"), for
//     Markdown is read on a terminal as often as it is rendered.
// Linear; never throws but for allocation.
inline std::string md_escape(std::string_view s) {
  std::string one_line;
  one_line.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r' || s[i] == '\n') {
      if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
      one_line += ' ';
    } else {
      one_line += s[i];
    }
  }
  const std::string visible = terminal_text(one_line);
  std::string out;
  out.reserve(visible.size());
  for (const char c : visible) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else {
      if (std::string_view("\\`*_[]#|~").find(c) != std::string_view::npos) out += '\\';
      out += c;
    }
  }
  return out;
}

}  // namespace analyzer
