#pragma once
// XmlStream: a small pull scanner for the large XML parts of an XLSX file
// (worksheets, shared strings), where a pugixml tree (xml_part.hpp) would
// take 3x the part in memory: a 100,000-row sheet is 30-50 MB of XML.
//
// In:  the text of one XML part (it must outlive the stream).
// Out: events in document order: Start (an element, with its attributes),
//      End (also right after a self-closing element's Start), Text (the
//      decoded text between tags, CDATA included), Eof, Error.
//
// What it decodes: the five predefined entities and character references
// (&#229; &#xE5;); element and attribute names are given without their
// namespace prefix ("x:row" → "row"). What it refuses, each an Error with
// the byte offset: a DOCTYPE (as parse_xml_part: no DTD, no entities from
// outside are ever read), an unknown entity, a tag that is not closed,
// elements nested deeper than kMaxXmlDepth, an end tag that does not match
// its start tag. Comments and processing instructions are skipped. It is
// not a validating parser: it checks what the readers rely on.
// Cost: one pass; a Text event or attribute without an entity is given as a
// view of the part itself, without a copy; one with an entity is decoded
// into a buffer the stream keeps. Memory is bounded by the largest text
// node and kMaxXmlDepth names.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace analyzer {

// Whether `name` is `literal`, compared in line: element names are a few
// bytes, where a call to memcmp per comparison (as == makes for strings of
// equal length) costs more than the comparison; a worksheet makes millions.
inline bool is_name(std::string_view name, std::string_view literal) {
  if (name.size() != literal.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i)
    if (name[i] != literal[i]) return false;
  return true;
}

class XmlStream {
 public:
  enum class Event { Start, End, Text, Eof, Error };

  // `begin`: where to start. `fragment`: the text from `begin` is the tail
  // of a part (end tags of elements opened before `begin` are allowed).
  explicit XmlStream(std::string_view xml, std::size_t begin = 0, bool fragment = false)
      : xml_(xml), pos_(begin), fragment_(fragment) {}

  Event next();

  // The current element's local name (Start, End).
  std::string_view name() const { return name_; }
  // An attribute of the current Start element by local name, decoded;
  // nullopt when absent. A value with an entity that names no character
  // is given as written.
  std::optional<std::string> attribute(std::string_view local) const;
  // The same without a copy: a view of the value as written when it holds
  // no '&' (the usual case: r="F7", t="s"), else of `scratch`, which holds
  // it decoded. Valid until the next event or the next use of `scratch`.
  std::optional<std::string_view> attribute(std::string_view local, std::string& scratch) const;
  // The current Text event's decoded text: a view of the part when it
  // holds no entity, else of the stream's buffer; valid until next().
  std::string_view text() const { return text_view_; }
  // After Error: what is wrong, and the byte offset.
  const std::string& error() const { return error_; }
  std::size_t error_offset() const { return error_offset_; }
  // The byte offset the scanner stands at.
  std::size_t offset() const { return pos_; }
  // How many elements are open, and the qualified name of the innermost
  // ("" when none), as after the current event.
  std::size_t depth() const { return open_.size(); }
  std::string_view innermost() const { return open_.empty() ? std::string_view() : open_.back(); }
  // The most elements open at once so far (the start's depth not counted
  // in a fragment).
  std::size_t max_depth() const { return max_depth_; }
  // For a fragment: the qualified name the current End event closes when
  // that element was opened before the fragment began; "" otherwise.
  std::string_view closed_before() const { return closed_before_; }

 private:
  Event fail(std::string message, std::size_t at);
  bool decode(std::string_view raw, std::string& out, std::size_t at);

  std::string_view xml_;
  std::size_t pos_ = 0;
  std::string_view name_;
  std::vector<std::pair<std::string_view, std::string_view>> attributes_;  // local name, raw value
  std::vector<std::string_view> open_;  // qualified names of the open elements
  bool fragment_ = false;
  bool pending_end_ = false;
  std::size_t max_depth_ = 0;
  std::string_view closed_before_;
  std::string text_;            // a decoded Text event
  std::string_view text_view_;  // the current Text event's text: in xml_ or text_
  std::string error_;
  std::size_t error_offset_ = 0;
};

}  // namespace analyzer
