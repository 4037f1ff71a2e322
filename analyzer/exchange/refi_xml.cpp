#include "analyzer/exchange/refi_xml.hpp"

#include <pugixml.hpp>

#include <sstream>

#include "analyzer/core/xml_text.hpp"

namespace analyzer::exchange {
namespace {

void set_attr(pugi::xml_node n, const char* name, const std::string& value) {
  n.append_attribute(name).set_value(xml_chars(value).c_str());
}

// An optional attribute: left out when empty.
void opt_attr(pugi::xml_node n, const char* name, const std::string& value) {
  if (!value.empty()) set_attr(n, name, value);
}

pugi::xml_node text_child(pugi::xml_node parent, const char* name, const std::string& text) {
  pugi::xml_node n = parent.append_child(name);
  n.append_child(pugi::node_pcdata).set_value(xml_chars(text).c_str());
  return n;
}

// A child element `name` with its guid attribute.
pugi::xml_node element(pugi::xml_node parent, const char* name, const std::string& guid) {
  pugi::xml_node n = parent.append_child(name);
  set_attr(n, "guid", guid);
  return n;
}

// creatingUser and creationDateTime, each when known.
void made_by(pugi::xml_node n, const std::string& user, const std::string& created) {
  opt_attr(n, "creatingUser", user);
  opt_attr(n, "creationDateTime", created);
}

void append_refs(pugi::xml_node parent, const char* name, const std::vector<std::string>& guids) {
  for (const std::string& g : guids) set_attr(parent.append_child(name), "targetGUID", g);
}

void code(pugi::xml_node parent, const RefiCode& c) {
  pugi::xml_node n = element(parent, "Code", c.guid);
  set_attr(n, "name", c.name);
  set_attr(n, "isCodable", c.codable ? "true" : "false");
  opt_attr(n, "color", c.color);
  if (!c.description.empty()) text_child(n, "Description", c.description);
  append_refs(n, "NoteRef", c.note_guids);
  for (const RefiCode& child : c.children) code(n, child);
}

void codes(pugi::xml_node parent, const RefiProject& p) {
  if (p.codes.empty()) return;
  pugi::xml_node list = parent.append_child("Codes");
  for (const RefiCode& c : p.codes) code(list, c);
}

void values(pugi::xml_node parent, const std::vector<RefiVariableValue>& vs) {
  for (const RefiVariableValue& v : vs) {
    pugi::xml_node n = parent.append_child("VariableValue");
    set_attr(n.append_child("VariableRef"), "targetGUID", v.variable_guid);
    if (v.integer)
      text_child(n, "IntegerValue", std::to_string(*v.integer));
    else
      text_child(n, "TextValue", v.text);
  }
}

void coding(pugi::xml_node parent, const RefiCoding& c) {
  pugi::xml_node n = element(parent, "Coding", c.guid);
  made_by(n, c.creating_user, c.created);
  set_attr(n.append_child("CodeRef"), "targetGUID", c.code_guid);
}

void selection(pugi::xml_node parent, const RefiSelection& s) {
  pugi::xml_node n = element(parent, "PlainTextSelection", s.guid);
  opt_attr(n, "name", s.name);
  set_attr(n, "startPosition", std::to_string(s.start));
  set_attr(n, "endPosition", std::to_string(s.end));
  made_by(n, s.creating_user, s.created);
  if (!s.description.empty()) text_child(n, "Description", s.description);
  for (const RefiCoding& c : s.codings) coding(n, c);
  append_refs(n, "NoteRef", s.note_guids);
}

void source(pugi::xml_node parent, const RefiTextSource& s) {
  pugi::xml_node n = element(parent, "TextSource", s.guid);
  opt_attr(n, "name", s.name);
  opt_attr(n, "plainTextPath", s.plain_text_path);
  made_by(n, s.creating_user, s.created);
  for (const RefiSelection& sel : s.selections) selection(n, sel);
  append_refs(n, "NoteRef", s.note_guids);
  values(n, s.values);
}

void note(pugi::xml_node parent, const RefiNote& note) {
  pugi::xml_node n = element(parent, "Note", note.guid);
  opt_attr(n, "name", note.name);
  made_by(n, note.creating_user, note.created);
  if (!note.description.empty()) text_child(n, "Description", note.description);
  text_child(n, "PlainTextContent", note.text);
}

void sets(pugi::xml_node parent, const std::vector<RefiSet>& list) {
  if (list.empty()) return;
  pugi::xml_node sets = parent.append_child("Sets");
  for (const RefiSet& s : list) {
    pugi::xml_node n = element(sets, "Set", s.guid);
    set_attr(n, "name", s.name);
    if (!s.description.empty()) text_child(n, "Description", s.description);
    append_refs(n, "MemberCode", s.code_guids);
    append_refs(n, "MemberSource", s.source_guids);
  }
}

std::string saved(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

}  // namespace

std::string project_xml(const RefiProject& p) {
  pugi::xml_document doc;
  pugi::xml_node root = doc.append_child("Project");
  set_attr(root, "xmlns", "urn:QDA-XML:project:1.0");
  set_attr(root, "name", p.name);
  opt_attr(root, "origin", p.origin);
  opt_attr(root, "creatingUserGUID", p.creating_user_guid);
  opt_attr(root, "creationDateTime", p.created);
  if (!p.users.empty()) {
    pugi::xml_node users = root.append_child("Users");
    for (const RefiUser& u : p.users) {
      pugi::xml_node n = element(users, "User", u.guid);
      opt_attr(n, "name", u.name);
    }
  }
  if (!p.codes.empty()) codes(root.append_child("CodeBook"), p);
  if (!p.variables.empty()) {
    pugi::xml_node vars = root.append_child("Variables");
    for (const RefiVariable& v : p.variables) {
      pugi::xml_node n = element(vars, "Variable", v.guid);
      set_attr(n, "name", v.name);
      set_attr(n, "typeOfVariable", v.type);
      if (!v.description.empty()) text_child(n, "Description", v.description);
    }
  }
  if (!p.cases.empty()) {
    pugi::xml_node cases = root.append_child("Cases");
    for (const RefiCase& c : p.cases) {
      pugi::xml_node n = element(cases, "Case", c.guid);
      opt_attr(n, "name", c.name);
      if (!c.description.empty()) text_child(n, "Description", c.description);
      values(n, c.values);
      append_refs(n, "SourceRef", c.source_guids);
    }
  }
  if (!p.sources.empty()) {
    pugi::xml_node sources = root.append_child("Sources");
    for (const RefiTextSource& s : p.sources) source(sources, s);
  }
  if (!p.notes.empty()) {
    pugi::xml_node notes = root.append_child("Notes");
    for (const RefiNote& n : p.notes) note(notes, n);
  }
  sets(root, p.sets);
  return saved(doc);
}

std::string codebook_xml(const RefiProject& p) {
  pugi::xml_document doc;
  pugi::xml_node root = doc.append_child("CodeBook");
  set_attr(root, "xmlns", "urn:QDA-XML:codebook:1.0");
  opt_attr(root, "origin", p.origin);
  codes(root, p);
  sets(root, p.sets);
  return saved(doc);
}

}  // namespace analyzer::exchange
