#include "analyzer/core/xml_text.hpp"

#include "analyzer/core/utf8.hpp"

namespace analyzer {
namespace {

bool xml_allowed(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

}  // namespace

std::string xml_chars(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const utf8::Decoded d = utf8::decode(text, i);
    if (!d.valid()) out += "\xEF\xBF\xBD";   // U+FFFD
    else if (xml_allowed(d.code_point)) out.append(text.substr(i, d.length));
    i += d.length;
  }
  return out;
}

std::string markup_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string xml_escape(std::string_view text) { return markup_escape(xml_chars(text)); }

}  // namespace analyzer
