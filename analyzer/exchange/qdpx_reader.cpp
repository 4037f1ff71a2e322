// REFI-QDA project files: ZIP (read/zip_archive.hpp), a DOCTYPE check,
// schema validation (libxml2) and the parse into RefiProject (pugixml).

#include "analyzer/exchange/qdpx_reader.hpp"

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <memory>

#include "analyzer/core/file_bytes.hpp"
#include "analyzer/read/source.hpp"
#include "analyzer/read/zip_archive.hpp"

namespace analyzer::exchange {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::size_t line_of(std::string_view text, std::size_t offset) {
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

// The element's name without a namespace prefix ("qda:Code" → "Code").
std::string_view local(const pugi::xml_node& n) {
  std::string_view name = n.name();
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

template <class F>
void each_child(const pugi::xml_node& parent, std::string_view name, F&& f) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && local(c) == name) f(c);
}

pugi::xml_node child(const pugi::xml_node& parent, std::string_view name) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && local(c) == name) return c;
  return {};
}

std::string attr_text(const pugi::xml_node& n, const char* name) { return n.attribute(name).as_string(); }
std::string text_of(const pugi::xml_node& n) { return n ? n.text().as_string() : std::string(); }

std::vector<std::string> target_guids(const pugi::xml_node& n, std::string_view name) {
  std::vector<std::string> out;
  each_child(n, name, [&](const pugi::xml_node& r) { out.push_back(attr_text(r, "targetGUID")); });
  return out;
}

std::vector<RefiVariableValue> values_of(const pugi::xml_node& n) {
  std::vector<RefiVariableValue> out;
  each_child(n, "VariableValue", [&](const pugi::xml_node& v) {
    RefiVariableValue value;
    value.variable_guid = attr_text(child(v, "VariableRef"), "targetGUID");
    for (pugi::xml_node c = v.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element || local(c) == "VariableRef") continue;
      value.text = c.text().as_string();
      if (local(c) == "IntegerValue") value.integer = c.text().as_llong();
    }
    out.push_back(std::move(value));
  });
  return out;
}

RefiCode code_of(const pugi::xml_node& n) {
  RefiCode code;
  code.guid = attr_text(n, "guid");
  code.name = attr_text(n, "name");
  code.description = text_of(child(n, "Description"));
  code.color = attr_text(n, "color");
  code.codable = n.attribute("isCodable").as_bool(true);
  code.note_guids = target_guids(n, "NoteRef");
  each_child(n, "Code", [&](const pugi::xml_node& c) { code.children.push_back(code_of(c)); });
  return code;
}

RefiTextSource text_source_of(const pugi::xml_node& n) {
  RefiTextSource s;
  s.guid = attr_text(n, "guid");
  s.name = attr_text(n, "name");
  s.plain_text_path = attr_text(n, "plainTextPath");
  s.creating_user = attr_text(n, "creatingUser");
  s.created = attr_text(n, "creationDateTime");
  s.text = text_of(child(n, "PlainTextContent"));
  each_child(n, "PlainTextSelection", [&](const pugi::xml_node& p) {
    RefiSelection sel;
    sel.guid = attr_text(p, "guid");
    sel.name = attr_text(p, "name");
    sel.start = p.attribute("startPosition").as_llong(-1);
    sel.end = p.attribute("endPosition").as_llong(-1);
    sel.creating_user = attr_text(p, "creatingUser");
    sel.created = attr_text(p, "creationDateTime");
    sel.description = text_of(child(p, "Description"));
    each_child(p, "Coding", [&](const pugi::xml_node& c) {
      sel.codings.push_back(RefiCoding{attr_text(c, "guid"), attr_text(child(c, "CodeRef"), "targetGUID"),
                                       attr_text(c, "creatingUser"), attr_text(c, "creationDateTime")});
    });
    sel.note_guids = target_guids(p, "NoteRef");
    s.selections.push_back(std::move(sel));
  });
  s.note_guids = target_guids(n, "NoteRef");
  s.values = values_of(n);
  return s;
}

// libxml2's errors, collected: the first one is reported.
struct XmlErrors {
  bool any = false;
  int line = 0;
  std::string message;
};

void collect_error(void* data, const xmlError* error) {  // NOLINT: libxml2 2.9 passes a mutable pointer
  auto* errors = static_cast<XmlErrors*>(data);
  if (errors->any || !error) return;
  errors->any = true;
  errors->line = error->line;
  errors->message = error->message ? error->message : "unknown error";
  while (!errors->message.empty() && (errors->message.back() == '\n' || errors->message.back() == ' '))
    errors->message.pop_back();
}

void collect_error_mutable(void* data, xmlError* error) { collect_error(data, error); }

struct SchemaDeleter {
  void operator()(xmlSchemaParserCtxt* p) const { xmlSchemaFreeParserCtxt(p); }
  void operator()(xmlSchema* p) const { xmlSchemaFree(p); }
  void operator()(xmlSchemaValidCtxt* p) const { xmlSchemaFreeValidCtxt(p); }
  void operator()(xmlParserCtxt* p) const { xmlFreeParserCtxt(p); }
  void operator()(xmlDoc* p) const { xmlFreeDoc(p); }
};
template <class T>
using XmlPtr = std::unique_ptr<T, SchemaDeleter>;

// The member of `zip` a source's plainTextPath names; empty when none.
std::string member_for(const ZipArchive& zip, const std::string& plain_text_path) {
  std::string_view p = plain_text_path;
  std::string file;
  if (p.rfind("internal://", 0) == 0) {
    file = std::string(p.substr(11));
  } else {
    if (p.rfind("relative://", 0) == 0) p = p.substr(11);
    const std::size_t slash = p.find_last_of("/\\");
    file = std::string(slash == std::string_view::npos ? p : p.substr(slash + 1));
  }
  if (file.empty()) return {};
  const std::string wanted = "sources/" + lower(file);
  for (const std::string& name : zip.names())
    if (lower(name) == wanted) return name;
  // "relative://" may name a member below the top folder exactly.
  if (plain_text_path.rfind("relative://", 0) == 0 && zip.has(plain_text_path.substr(11)))
    return plain_text_path.substr(11);
  return {};
}

}  // namespace

Status check_no_doctype(const std::string& path, std::string_view xml) {
  for (std::string_view what : {"<!DOCTYPE", "<!ENTITY"}) {
    const std::size_t at = xml.find(what);
    if (at == std::string_view::npos) continue;
    Diagnostic d = make_error(path,
                              std::string("the XML declares a ") + (what == "<!DOCTYPE" ? "DOCTYPE" : "entity") +
                                  "; a REFI-QDA project has none, and analyzer never resolves one",
                              "export the project again from the tool that made it");
    d.line = line_of(xml, at);
    return d;
  }
  return {};
}

Status validate_project_schema(const std::string& path, std::string_view xml) {
  const std::string_view xsd = refi_project_schema();
  XmlErrors schema_errors;
  XmlPtr<xmlSchemaParserCtxt> parser(xmlSchemaNewMemParserCtxt(xsd.data(), static_cast<int>(xsd.size())));
  if (!parser) return make_error(path, "the REFI-QDA schema compiled into analyzer cannot be read (a bug)");
  xmlSchemaSetParserStructuredErrors(parser.get(), collect_error_mutable, &schema_errors);
  XmlPtr<xmlSchema> schema(xmlSchemaParse(parser.get()));
  if (!schema)
    return make_error(path, "the REFI-QDA schema compiled into analyzer cannot be read (a bug): " + schema_errors.message);

  XmlErrors errors;
  XmlPtr<xmlParserCtxt> ctxt(xmlNewParserCtxt());
  if (!ctxt) return make_error(path, "out of memory for the XML parser");
  // No network, no entity substitution, no DTD loading (the defaults).
  XmlPtr<xmlDoc> doc(xmlCtxtReadMemory(ctxt.get(), xml.data(), static_cast<int>(xml.size()), "project.qde", nullptr,
                                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (!doc) collect_error(&errors, xmlCtxtGetLastError(ctxt.get()));
  if (!doc || errors.any) {
    Diagnostic d = make_error(path, "project.qde is not well-formed XML: " + errors.message,
                              "the file is damaged; export the project again");
    d.line = static_cast<std::size_t>(std::max(errors.line, 0));
    return d;
  }
  XmlPtr<xmlSchemaValidCtxt> valid(xmlSchemaNewValidCtxt(schema.get()));
  xmlSchemaSetValidStructuredErrors(valid.get(), collect_error_mutable, &errors);
  if (xmlSchemaValidateDoc(valid.get(), doc.get()) != 0) {
    Diagnostic d = make_error(path, "project.qde does not follow the REFI-QDA project schema: " + errors.message,
                              "the tool that wrote it made an invalid file; export it again, or report it to its makers");
    d.line = static_cast<std::size_t>(std::max(errors.line, 0));
    return d;
  }
  return {};
}

Result<std::string> source_text(const std::string& path, std::string bytes) {
  if (bytes.rfind("\xEF\xBB\xBF", 0) == 0) bytes.erase(0, 3);
  if (std::optional<std::size_t> bad = first_invalid_utf8(bytes)) {
    Diagnostic d = make_error(path, "the source text is not UTF-8 (byte " + std::to_string(*bad) + ")",
                              "a REFI-QDA plain-text source is UTF-8; export the project again");
    d.byte = *bad;
    return d;
  }
  return bytes;
}

Result<QdpxFile> parse_project_xml(const std::string& path, std::string_view xml) {
  // UTF-16 (NUL bytes) or another encoding would hide a DOCTYPE from the
  // byte search below: only UTF-8 is read, as every REFI-QDA tool writes.
  std::optional<std::size_t> bad = first_invalid_utf8(xml);
  if (!bad && xml.find('\0') != std::string_view::npos) bad = xml.find('\0');
  if (bad) {
    Diagnostic d = make_error(path, "project.qde is not UTF-8 (byte " + std::to_string(*bad) + ")",
                              "export the project again; REFI-QDA tools write project.qde in UTF-8");
    d.line = line_of(xml, *bad);
    return d;
  }
  if (Status s = check_no_doctype(path, xml); !s.ok()) return s.error();
  if (Status s = validate_project_schema(path, xml); !s.ok()) return s.error();
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    Diagnostic d = make_error(path, std::string("project.qde cannot be parsed: ") + parsed.description());
    d.line = line_of(xml, std::min(static_cast<std::size_t>(parsed.offset), xml.size()));
    return d;
  }
  const pugi::xml_node root = doc.document_element();
  QdpxFile file;
  RefiProject& p = file.project;
  p.name = attr_text(root, "name");
  p.origin = attr_text(root, "origin");
  p.creating_user_guid = attr_text(root, "creatingUserGUID");
  p.created = attr_text(root, "creationDateTime");
  each_child(child(root, "Users"), "User",
             [&](const pugi::xml_node& u) { p.users.push_back(RefiUser{attr_text(u, "guid"), attr_text(u, "name")}); });
  each_child(child(child(root, "CodeBook"), "Codes"), "Code",
             [&](const pugi::xml_node& c) { p.codes.push_back(code_of(c)); });
  each_child(child(root, "Variables"), "Variable", [&](const pugi::xml_node& v) {
    p.variables.push_back(
        RefiVariable{attr_text(v, "guid"), attr_text(v, "name"), attr_text(v, "typeOfVariable"), text_of(child(v, "Description"))});
  });
  each_child(child(root, "Cases"), "Case", [&](const pugi::xml_node& c) {
    p.cases.push_back(RefiCase{attr_text(c, "guid"), attr_text(c, "name"), text_of(child(c, "Description")), values_of(c),
                               target_guids(c, "SourceRef")});
  });
  for (pugi::xml_node s = child(root, "Sources").first_child(); s; s = s.next_sibling()) {
    if (s.type() != pugi::node_element) continue;
    if (local(s) == "TextSource")
      p.sources.push_back(text_source_of(s));
    else
      ++file.skipped_sources;
  }
  each_child(child(root, "Notes"), "Note", [&](const pugi::xml_node& n) {
    p.notes.push_back(RefiNote{attr_text(n, "guid"), attr_text(n, "name"), text_of(child(n, "PlainTextContent")),
                               attr_text(n, "creatingUser"), attr_text(n, "creationDateTime"),
                               text_of(child(n, "Description"))});
  });
  each_child(child(root, "Sets"), "Set", [&](const pugi::xml_node& s) {
    p.sets.push_back(RefiSet{attr_text(s, "guid"), attr_text(s, "name"), text_of(child(s, "Description")),
                             target_guids(s, "MemberCode"), target_guids(s, "MemberSource")});
  });
  return file;
}

Result<QdpxFile> read_qdpx(const std::string& path, const QdpxLimits& limits) {
  Result<std::string> bytes = read_file_bytes(path, FileSizeLimit{limits.max_file_bytes, "REFI-QDA project"});
  if (!bytes.ok()) return bytes.error();
  if (!looks_like_zip(bytes.value()))
    return make_error(path, "not a REFI-QDA project: the file is no ZIP archive",
                      "a .qdpx file is a ZIP archive with project.qde; export the project again as REFI-QDA (.qdpx)");
  Result<ZipArchive> opened = ZipArchive::open(path, std::move(bytes).value(), limits.max_inflated_bytes, kQdpxZip);
  if (!opened.ok()) return opened.error();
  ZipArchive& zip = opened.value();
  auto read_member = [&](const std::string& name) -> Result<std::string> {
    const std::size_t recorded = zip.recorded_size(name).value_or(0);
    if (recorded > limits.max_member_bytes)
      return make_error(path, "member " + name + " would inflate to " + std::to_string(recorded) +
                                  " bytes, more than the " + std::to_string(limits.max_member_bytes) +
                                  " bytes allowed for one member; nothing of it was inflated");
    Result<std::string> content = zip.read(name);
    if (content.ok() && content.value().size() > limits.max_member_bytes)
      return make_error(path, "member " + name + " inflates to more than the " +
                                  std::to_string(limits.max_member_bytes) + " bytes allowed for one member");
    return content;
  };
  std::string qde;
  for (const std::string& name : zip.names())
    if (lower(name) == "project.qde") qde = name;
  if (qde.empty())
    return make_error(path, "not a REFI-QDA project: the ZIP archive has no project.qde",
                      "export the project again as REFI-QDA (.qdpx)");
  Result<std::string> xml = read_member(qde);
  if (!xml.ok()) return xml.error();
  Result<QdpxFile> file = parse_project_xml(path + ":" + qde, xml.value());
  if (!file.ok()) return file;
  for (RefiTextSource& s : file.value().project.sources) {
    const bool inline_text = !s.text.empty() || s.plain_text_path.empty();
    std::string raw = std::move(s.text);
    std::string where = path + ":" + qde;
    if (!inline_text) {
      const std::string member = member_for(zip, s.plain_text_path);
      if (member.empty())
        return make_error(path, "source \"" + s.name + "\" (" + s.guid + ") points at " + s.plain_text_path +
                                    ", which is not in the archive",
                          "the project is incomplete; export it again with its sources");
      Result<std::string> content = read_member(member);
      if (!content.ok()) return content.error();
      raw = std::move(content).value();
      where = path + ":" + member;
    }
    Result<std::string> text = source_text(where, std::move(raw));
    if (!text.ok()) return text.error();
    s.text = std::move(text).value();
  }
  return file;
}

}  // namespace analyzer::exchange
