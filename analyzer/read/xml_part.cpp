#include "analyzer/read/xml_part.hpp"

#include <charconv>
#include <optional>
#include <vector>

#include "analyzer/read/source.hpp"

namespace analyzer {

Status check_xml_utf8(const std::string& path, std::string_view member, std::string_view xml) {
  if (const std::optional<std::size_t> bad = first_invalid_utf8(xml)) {
    return make_error(path,
                      "member \"" + std::string(member) + "\" is not valid UTF-8 at byte " + std::to_string(*bad) +
                          " of the member",
                      "the file is damaged: open it in Word or Excel and save it again");
  }
  return {};
}

std::optional<char32_t> character_reference_value(std::string_view entity) {
  if (entity.size() < 2 || entity[0] != '#') return std::nullopt;
  const bool hex = entity[1] == 'x' || entity[1] == 'X';
  const std::string_view digits = entity.substr(hex ? 2 : 1);
  if (digits.empty()) return std::nullopt;
  char32_t value = 0;
  for (char c : digits) {
    int d = -1;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else if (hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
    if (d < 0 || value > 0x10FFFF) return std::nullopt;
    value = value * (hex ? 16 : 10) + static_cast<char32_t>(d);
  }
  if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return std::nullopt;
  return value;
}

namespace {

// The first numeric character reference of `xml` that names no character
// ("&#xD800;"): pugixml would write it out as the bytes of a surrogate.
Status check_character_references(const std::string& path, std::string_view member, std::string_view xml) {
  for (std::size_t at = xml.find("&#"); at != std::string_view::npos; at = xml.find("&#", at + 2)) {
    const std::size_t semi = xml.find(';', at);
    if (semi == std::string_view::npos || semi - at > 12) continue;  // pugixml keeps it as text
    const std::string_view entity = xml.substr(at + 1, semi - at - 1);
    if (!character_reference_value(entity))
      return make_error(path,
                        "member \"" + std::string(member) + "\" holds the character reference &" + std::string(entity) +
                            "; (at byte " + std::to_string(at) + " of the member), which names no character",
                        "the file was altered or damaged: open it in Word or Excel and save it again");
  }
  return {};
}

}  // namespace

Status parse_xml_part(const std::string& path, std::string_view member, std::string& xml, pugi::xml_document& doc) {
  if (Status s = check_xml_utf8(path, member, xml); !s.ok()) return s;
  if (Status s = check_character_references(path, member, xml); !s.ok()) return s;
  const std::string where = "member \"" + std::string(member) + "\"";
  if (const std::size_t at = xml.find("<!DOCTYPE"); at != std::string::npos) {
    return make_error(path,
                      where + " declares a DOCTYPE (at byte " + std::to_string(at) +
                          " of the member); analyzer never reads DTDs or external entities",
                      "Word and Excel never write one: the file was altered; save it again from Word or Excel");
  }
  // parse_default without parse_doctype (DOCTYPE nodes are not built) and
  // without parse_pi/parse_comments; whitespace-only text is kept where it
  // matters (w:t xml:space="preserve") by parse_ws_pcdata_single.
  const unsigned options = pugi::parse_default | pugi::parse_ws_pcdata_single;
  const pugi::xml_parse_result parsed = doc.load_buffer_inplace(xml.data(), xml.size(), options, pugi::encoding_utf8);
  if (!parsed) {
    return make_error(path,
                      where + " is not well-formed XML at byte " + std::to_string(parsed.offset) +
                          " of the member: " + std::string(parsed.description()),
                      "the file is damaged: open it in Word or Excel and save it again");
  }
  return {};
}

std::string_view local_name(const pugi::xml_node& node) {
  std::string_view name = node.name();
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view name) {
  for (const pugi::xml_node& c : node.children())
    if (local_name(c) == name) return c;
  return {};
}

std::string_view attribute(const pugi::xml_node& node, std::string_view name) {
  for (const pugi::xml_attribute& a : node.attributes()) {
    const std::string_view full = a.name();
    const std::size_t colon = full.find(':');
    if ((colon == std::string_view::npos ? full : full.substr(colon + 1)) == name) return a.value();
  }
  return {};
}

std::optional<int> int_value(std::string_view text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<int> child_val(const pugi::xml_node& node, std::string_view name) {
  const pugi::xml_node c = child(node, name);
  return c ? int_value(attribute(c, "val")) : std::nullopt;
}

std::string part_folder(std::string_view part) {
  const std::size_t slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

std::string resolve_part_target(std::string_view folder, std::string_view target) {
  std::string joined =
      !target.empty() && target.front() == '/' ? std::string(target.substr(1)) : std::string(folder) + std::string(target);
  std::vector<std::string_view> parts;
  std::string_view rest = joined;
  while (true) {
    const std::size_t slash = rest.find('/');
    const std::string_view piece = rest.substr(0, slash);
    if (piece == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!piece.empty() && piece != ".") {
      parts.push_back(piece);
    }
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  std::string out;
  for (std::string_view p : parts) (out += out.empty() ? "" : "/") += p;
  return out;
}

}  // namespace analyzer
