#pragma once
// Text for the XML we write: the Office files (DOCX by hand,
// docx_writer.hpp; XLSX cells through libxlsxwriter, xlsx_report.hpp) and
// REFI-QDA projects (exchange/refi_xml.hpp). In core/ so that exchange/
// need not depend on print/.
//
// xml_chars(text): the characters of `text` that XML 1.0 allows
//   (#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]);
//   every other character (C0 controls such as ESC or NUL, U+FFFE, U+FFFF)
//   is dropped, and bytes that are not UTF-8 each become U+FFFD. A text
//   with a character XML forbids makes Word and Excel refuse the whole file
//   as damaged, so nothing from the data reaches a file without this.
// markup_escape(text): & < > " ' as &amp; &lt; &gt; &quot; &#39; (valid in
//   XML and HTML alike), nothing dropped: for element text and attribute
//   values. The HTML report uses it as it is.
// xml_escape(text): xml_chars, then markup_escape.
// Linear; pure; never throws but for allocation.
//
// Example:
//   xml_chars("a\x1b[31mb")     // "a[31mb"
//   xml_escape("<SIP & FVK>")   // "&lt;SIP &amp; FVK&gt;"

#include <string>
#include <string_view>

namespace analyzer {

std::string xml_chars(std::string_view text);
std::string markup_escape(std::string_view text);
std::string xml_escape(std::string_view text);

}  // namespace analyzer
