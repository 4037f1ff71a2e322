#pragma once
// Writing a RefiProject (refi_project.hpp) as REFI-QDA XML.
//
// project_xml(p): `project.qde`, QDA-XML 1.0 (namespace
//   urn:QDA-XML:project:1.0): <Project> with Users, CodeBook, Variables,
//   Cases, Sources (TextSource with plainTextPath, PlainTextSelections with
//   their Codings and NoteRefs, NoteRefs, VariableValues), Notes (each with
//   its PlainTextContent) and Sets, every element in the order the schema's
//   sequences demand (../shared/refi-qda/Project-mrt2019.xsd); an empty list
//   is left out (the schema wants at least one child in each). A source's
//   text is not written here (qdpx_writer.hpp puts it in the ZIP).
// codebook_xml(p): the codebook alone as a `.qdc` file (REFI-QDA Codebook
//   exchange, namespace urn:QDA-XML:codebook:1.0): <CodeBook origin="..">
//   <Codes> with every code, nested as in the project, and Sets.
//
// Both: UTF-8 with an XML declaration, two-space indent, LF line ends.
// Every text and attribute goes through xml_chars (core/xml_text.hpp):
// characters XML 1.0 forbids are dropped, so the file always parses; line
// ends in attributes are written as character references (&#10;) and so
// survive. Empty optional attributes (color, creationDateTime, ...) are
// left out. The same project gives the same bytes. Linear in the
// project's size; never throws but for allocation.

#include <string>

#include "analyzer/exchange/refi_project.hpp"

namespace analyzer::exchange {

std::string project_xml(const RefiProject& project);
std::string codebook_xml(const RefiProject& project);

}  // namespace analyzer::exchange
