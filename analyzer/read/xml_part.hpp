#pragma once
// XML parts of Office files (DOCX, XLSX), parsed with pugixml and nothing
// resolved from outside the part.
//
// In:  the text of one XML member of a ZIP archive (zip_archive.hpp).
// Out: a pugi::xml_document, or a Diagnostic naming the file, the member
//      and the byte offset of the problem in the member (in the message:
//      Diagnostic::byte is for offsets in the file itself).
//
// Safety: a part that declares a DOCTYPE is refused (Office never writes
// one; a DTD is how entity expansion and external entities get in), so no
// DTD, internal or external entity is ever read or expanded; only XML's
// five predefined entities and character references are decoded. pugixml
// parses without recursion; callers that walk the tree recursively must
// stop at kMaxXmlDepth. Cost: linear in the part; pugixml's tree takes
// about 1.3x to 3x the part's size in memory, freed with the document.

#include <optional>
#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "analyzer/core/diagnostic.hpp"

namespace analyzer {

// How deep a reader follows nested elements (tables in tables, content
// controls in content controls); deeper content is an error.
inline constexpr std::size_t kMaxXmlDepth = 64;

// Parses `xml`, member `member` of the file at `path`, into `doc` (parsed
// in place: `xml` must outlive `doc`). Errors as said above, and those of
// check_xml_utf8().
Status parse_xml_part(const std::string& path, std::string_view member, std::string& xml, pugi::xml_document& doc);

// An error unless `xml` (member `member` of the file at `path`) is valid
// UTF-8, naming the member and the offset of the first bad byte in it, and
// (parse_xml_part() only; XmlStream checks its own) unless every numeric
// character reference names a character (character_reference_value).
// Office writes its parts in UTF-8; neither pugixml nor XmlStream checks
// the bytes, so without this a damaged part would put invalid UTF-8 into a
// reader's text. Every XML part a reader reads goes through it (before
// XmlStream; parse_xml_part() calls it). Cost: one pass, 8 bytes at a time
// over ASCII.
Status check_xml_utf8(const std::string& path, std::string_view member, std::string_view xml);

// The character a numeric character reference names, given what stands
// between '&' and ';' ("#233" → U+00E9, "#xE9" → U+00E9); nullopt when it
// names no character: no digits, a non-digit, 0, a surrogate
// (U+D800–U+DFFF, "#xD800") or past U+10FFFF. Such a reference would put
// invalid UTF-8 into a reader's text. Cost: linear in `entity`.
std::optional<char32_t> character_reference_value(std::string_view entity);

// The local name of `node` without its namespace prefix: "w:p" → "p".
std::string_view local_name(const pugi::xml_node& node);

// The first child element of `node` whose local name is `name` (an empty
// node when there is none or `node` is empty): child(pPr, "numPr").
pugi::xml_node child(const pugi::xml_node& node, std::string_view name);

// The value of the attribute of `node` whose local name is `name` ("val"
// finds w:val: Office writes the "w" prefix, but the prefix is the
// author's choice); empty when there is none.
std::string_view attribute(const pugi::xml_node& node, std::string_view name);

// A whole attribute value as a decimal int ("12", "-1"); nullopt for
// anything else (empty, "12pt", out of range).
std::optional<int> int_value(std::string_view text);

// The "val" attribute of child element `name` of `node` as an int, the way
// OOXML writes numeric properties (<w:start w:val="1"/>); nullopt when the
// child or its value is missing or not a number.
std::optional<int> child_val(const pugi::xml_node& node, std::string_view name);

// The folder of a part name in an Office package, with its slash:
// "word/document.xml" → "word/"; "" for a part at the top.
std::string part_folder(std::string_view part);

// A relationship's target as a part name, resolved against `folder` (that
// of the part the relationship belongs to, part_folder()): "worksheets/
// sheet1.xml" from "xl/" → "xl/worksheets/sheet1.xml"; an absolute target
// loses its slash ("/xl/styles.xml" → "xl/styles.xml"); "." is dropped and
// ".." steps up a folder (never above the top). Cost: linear in the names.
std::string resolve_part_target(std::string_view folder, std::string_view target);

}  // namespace analyzer
