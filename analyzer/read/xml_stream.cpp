#include "analyzer/read/xml_stream.hpp"

#include "analyzer/core/utf8.hpp"
#include "analyzer/read/xml_part.hpp"

namespace analyzer {
namespace {

std::string_view local_part(std::string_view qualified) {
  const std::size_t colon = qualified.find(':');
  return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

XmlStream::Event XmlStream::fail(std::string message, std::size_t at) {
  error_ = std::move(message);
  error_offset_ = at;
  pos_ = xml_.size();
  return Event::Error;
}

bool XmlStream::decode(std::string_view raw, std::string& out, std::size_t at) {
  out.clear();
  std::size_t i = 0;
  while (i < raw.size()) {
    const std::size_t amp = raw.find('&', i);
    if (amp == std::string_view::npos) {
      out.append(raw.substr(i));
      break;
    }
    out.append(raw.substr(i, amp - i));
    const std::size_t semi = raw.find(';', amp);
    if (semi == std::string_view::npos || semi - amp > 10) {
      fail("an '&' that starts no entity", at + amp);
      return false;
    }
    const std::string_view entity = raw.substr(amp + 1, semi - amp - 1);
    if (entity == "lt") out += '<';
    else if (entity == "gt") out += '>';
    else if (entity == "amp") out += '&';
    else if (entity == "quot") out += '"';
    else if (entity == "apos") out += '\'';
    else if (entity.size() > 1 && entity[0] == '#') {
      const std::optional<char32_t> value = character_reference_value(entity);
      if (!value) {
        fail("a character reference that names no character: &" + std::string(entity) + ";", at + amp);
        return false;
      }
      utf8::append(out, *value);
    } else {
      fail("the entity &" + std::string(entity) + "; is not one of XML's five (no DTD is read)", at + amp);
      return false;
    }
    i = semi + 1;
  }
  return true;
}

std::optional<std::string> XmlStream::attribute(std::string_view local) const {
  std::string scratch;
  const std::optional<std::string_view> value = attribute(local, scratch);
  if (!value) return std::nullopt;
  return std::string(*value);
}

std::optional<std::string_view> XmlStream::attribute(std::string_view local, std::string& scratch) const {
  for (const auto& [name, raw] : attributes_)
    if (name == local) {
      if (raw.find('&') == std::string_view::npos) return raw;
      XmlStream decoder(raw);
      if (!decoder.decode(raw, scratch, 0)) return raw;
      return std::string_view(scratch);
    }
  return std::nullopt;
}

XmlStream::Event XmlStream::next() {
  closed_before_ = {};
  if (pending_end_) {
    pending_end_ = false;
    open_.pop_back();
    return Event::End;
  }
  const std::string_view s = xml_;
  for (;;) {
    if (pos_ >= s.size()) {
      if (!open_.empty() && !fragment_) return fail("the part ends inside <" + std::string(open_.back()) + ">", s.size());
      return Event::Eof;
    }
    if (s[pos_] != '<') {
      const std::size_t lt = s.find('<', pos_);
      const std::size_t end = lt == std::string_view::npos ? s.size() : lt;
      const std::size_t at = pos_;
      pos_ = end;
      const std::string_view raw = s.substr(at, end - at);
      if (raw.find('&') == std::string_view::npos) {
        text_view_ = raw;
        return Event::Text;
      }
      if (!decode(raw, text_, at)) return Event::Error;
      text_view_ = text_;
      return Event::Text;
    }
    // What follows '<' decides; an ordinary start tag needs no other test.
    const char second = pos_ + 1 < s.size() ? s[pos_ + 1] : '\0';
    const std::string_view rest = s.substr(pos_);
    if (second == '!' && rest.substr(0, 4) == "<!--") {
      const std::size_t end = s.find("-->", pos_ + 4);
      if (end == std::string_view::npos) return fail("a comment that is not closed", pos_);
      pos_ = end + 3;
      continue;
    }
    if (second == '!' && rest.substr(0, 9) == "<![CDATA[") {
      const std::size_t end = s.find("]]>", pos_ + 9);
      if (end == std::string_view::npos) return fail("a CDATA section that is not closed", pos_);
      text_view_ = s.substr(pos_ + 9, end - pos_ - 9);
      pos_ = end + 3;
      return Event::Text;
    }
    if (second == '!') return fail("a DOCTYPE or other declaration; analyzer never reads DTDs or external entities", pos_);
    if (second == '?') {
      const std::size_t end = s.find("?>", pos_ + 2);
      if (end == std::string_view::npos) return fail("a processing instruction that is not closed", pos_);
      pos_ = end + 2;
      continue;
    }
    if (second == '/') {
      const std::size_t gt = s.find('>', pos_);
      if (gt == std::string_view::npos) return fail("an end tag that is not closed", pos_);
      std::string_view qualified = s.substr(pos_ + 2, gt - pos_ - 2);
      while (!qualified.empty() && is_xml_space(qualified.back())) qualified.remove_suffix(1);
      if (!(open_.empty() && fragment_) && (open_.empty() || !is_name(open_.back(), qualified)))
        return fail("the end tag </" + std::string(qualified) + "> closes no open element of that name", pos_);
      name_ = local_part(qualified);
      if (open_.empty()) closed_before_ = qualified;  // a fragment's: opened before it
      else open_.pop_back();
      pos_ = gt + 1;
      return Event::End;
    }
    // A start tag.
    const std::size_t tag = pos_;
    std::size_t i = pos_ + 1;
    while (i < s.size() && !is_xml_space(s[i]) && s[i] != '>' && s[i] != '/') ++i;
    const std::string_view qualified = s.substr(pos_ + 1, i - pos_ - 1);
    if (qualified.empty()) return fail("a '<' that starts no element", tag);
    attributes_.clear();
    bool self_closing = false;
    for (;;) {
      while (i < s.size() && is_xml_space(s[i])) ++i;
      if (i >= s.size()) return fail("the tag <" + std::string(qualified) + "> is not closed", tag);
      if (s[i] == '>') {
        ++i;
        break;
      }
      if (s[i] == '/') {
        if (i + 1 >= s.size() || s[i + 1] != '>') return fail("a '/' inside a tag", i);
        self_closing = true;
        i += 2;
        break;
      }
      const std::size_t name_begin = i;
      while (i < s.size() && s[i] != '=' && !is_xml_space(s[i]) && s[i] != '>') ++i;
      const std::string_view attr = s.substr(name_begin, i - name_begin);
      while (i < s.size() && is_xml_space(s[i])) ++i;
      if (i >= s.size() || s[i] != '=') return fail("an attribute without a value in <" + std::string(qualified) + ">", name_begin);
      ++i;
      while (i < s.size() && is_xml_space(s[i])) ++i;
      if (i >= s.size() || (s[i] != '"' && s[i] != '\'')) return fail("an attribute value without quotes", i);
      const char quote = s[i];
      const std::size_t value_end = s.find(quote, i + 1);
      if (value_end == std::string_view::npos) return fail("an attribute value that is not closed", i);
      attributes_.emplace_back(local_part(attr), s.substr(i + 1, value_end - i - 1));
      i = value_end + 1;
    }
    if (open_.size() >= kMaxXmlDepth) return fail("elements nested deeper than " + std::to_string(kMaxXmlDepth), tag);
    open_.push_back(qualified);
    if (open_.size() > max_depth_) max_depth_ = open_.size();
    name_ = local_part(qualified);
    pos_ = i;
    pending_end_ = self_closing;
    return Event::Start;
  }
}

}  // namespace analyzer
