// Fuzz target: the XML handling of DocxReader and XlsxReader (pugixml parts,
// xml_stream.hpp's pull scanner, docx numbering and styles), which random
// ZIP bytes never reach: the input becomes the XML parts of a well-formed
// package (tests/support/zip_builder.hpp) around fixed content types,
// relationships and workbook.
//
// Input (at most 64 KB): one mode byte, then up to three chunks separated
// by NUL bytes (the last chunk keeps any further NULs):
//   mode bit 0: 0 DOCX, 1 XLSX;
//   mode bit 1: wrap each chunk in its part's root element (w:document/
//               w:body, worksheet/sheetData, w:numbering, sst, w:styles), so
//               a chunk of bare paragraphs, rows or list definitions is a
//               whole part; else the chunk is the part as it is;
//   mode bit 2: a small budget (ReadOptions::max_bytes = 8 KB) for the
//               inflated members and the text, so the limits are fuzzed too.
//   DOCX chunks: word/document.xml, word/numbering.xml, word/styles.xml.
//   XLSX chunks: xl/worksheets/sheet1.xml, xl/sharedStrings.xml,
//                xl/worksheets/sheet2.xml.
// A missing chunk is a missing part.
// Checks: never crashes or throws; an error is a Diagnostic naming the file;
// on success the text is valid UTF-8 and within max_bytes, places and given
// answers in order inside it on character boundaries (reader_output.hpp).

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer/read/docx_reader.hpp"
#include "analyzer/read/xlsx_reader.hpp"
#include "tests/fuzz/fuzz_input.hpp"
#include "tests/fuzz/reader_output.hpp"
#include "tests/support/zip_builder.hpp"

namespace {

constexpr std::string_view kXmlDeclaration = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)";
constexpr std::string_view kW = R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")";
constexpr std::string_view kMain = R"(xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main")";
constexpr std::string_view kRelsOpen =
    R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)";
constexpr std::string_view kRelType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

std::string relationship(std::string_view id, std::string_view type, std::string_view target) {
  return "<Relationship Id=\"" + std::string(id) + "\" Type=\"" + std::string(kRelType) + std::string(type) +
         "\" Target=\"" + std::string(target) + "\"/>";
}

// [Content_Types].xml and _rels/.rels of a package whose main part is
// `main` of content type application/vnd.openxmlformats-officedocument.`type`.
std::vector<std::pair<std::string, std::string>> package_of(std::string_view main, std::string_view type) {
  std::vector<std::pair<std::string, std::string>> m;
  m.emplace_back("[Content_Types].xml",
                 R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
                 R"(<Default Extension="xml" ContentType="application/xml"/><Override PartName="/)" +
                     std::string(main) + R"(" ContentType="application/vnd.openxmlformats-officedocument.)" +
                     std::string(type) + R"("/></Types>)");
  m.emplace_back("_rels/.rels", std::string(kRelsOpen) + relationship("rId1", "officeDocument", main) + "</Relationships>");
  return m;
}

std::string wrapped(bool wrap, std::string_view open, std::string_view chunk, std::string_view close) {
  if (!wrap) return std::string(chunk);
  return std::string(kXmlDeclaration) + std::string(open) + std::string(chunk) + std::string(close);
}

std::vector<std::pair<std::string, std::string>> docx_members(bool wrap, const std::vector<std::string_view>& chunks) {
  std::vector<std::pair<std::string, std::string>> m =
      package_of("word/document.xml", "wordprocessingml.document.main+xml");
  std::string rels(kRelsOpen);
  if (chunks.size() > 1) rels += relationship("rId1", "numbering", "numbering.xml");
  if (chunks.size() > 2) rels += relationship("rId2", "styles", "styles.xml");
  m.emplace_back("word/_rels/document.xml.rels", rels + "</Relationships>");
  const std::string w(kW);
  m.emplace_back("word/document.xml", wrapped(wrap, "<w:document " + w + "><w:body>", chunks[0], "</w:body></w:document>"));
  if (chunks.size() > 1) m.emplace_back("word/numbering.xml", wrapped(wrap, "<w:numbering " + w + ">", chunks[1], "</w:numbering>"));
  if (chunks.size() > 2) m.emplace_back("word/styles.xml", wrapped(wrap, "<w:styles " + w + ">", chunks[2], "</w:styles>"));
  return m;
}

std::vector<std::pair<std::string, std::string>> xlsx_members(bool wrap, const std::vector<std::string_view>& chunks) {
  std::vector<std::pair<std::string, std::string>> m = package_of("xl/workbook.xml", "spreadsheetml.sheet.main+xml");
  std::string workbook = std::string(kXmlDeclaration) + "<workbook " + std::string(kMain) +
                         R"( xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>)"
                         R"(<sheet name="Blad1" sheetId="1" r:id="rId1"/>)";
  std::string rels = std::string(kRelsOpen) + relationship("rId1", "worksheet", "worksheets/sheet1.xml");
  if (chunks.size() > 1) rels += relationship("rIdS", "sharedStrings", "sharedStrings.xml");
  if (chunks.size() > 2) {
    workbook += R"(<sheet name="Blad2" sheetId="2" r:id="rId2"/>)";
    rels += relationship("rId2", "worksheet", "worksheets/sheet2.xml");
  }
  m.emplace_back("xl/workbook.xml", workbook + "</sheets></workbook>");
  m.emplace_back("xl/_rels/workbook.xml.rels", rels + "</Relationships>");
  const std::string sheet_open = "<worksheet " + std::string(kMain) + "><sheetData>";
  m.emplace_back("xl/worksheets/sheet1.xml", wrapped(wrap, sheet_open, chunks[0], "</sheetData></worksheet>"));
  if (chunks.size() > 1)
    m.emplace_back("xl/sharedStrings.xml", wrapped(wrap, "<sst " + std::string(kMain) + ">", chunks[1], "</sst>"));
  if (chunks.size() > 2) m.emplace_back("xl/worksheets/sheet2.xml", wrapped(wrap, sheet_open, chunks[2], "</sheetData></worksheet>"));
  return m;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const analyzer::fuzz::Input in = analyzer::fuzz::capped(data, size, 64 * 1024);
  if (!in.ok || in.bytes.empty()) return 0;
  const unsigned mode = static_cast<unsigned char>(in.bytes[0]);
  const bool xlsx = mode & 1, wrap = mode & 2, small_budget = mode & 4;
  std::string_view rest = in.bytes.substr(1);
  std::vector<std::string_view> chunks;
  while (chunks.size() < 2) {
    const std::size_t nul = rest.find('\0');
    if (nul == std::string_view::npos) break;
    chunks.push_back(rest.substr(0, nul));
    rest.remove_prefix(nul + 1);
  }
  chunks.push_back(rest);

  const std::string bytes = analyzer::test::zip_of(xlsx ? xlsx_members(wrap, chunks) : docx_members(wrap, chunks));
  analyzer::ReadOptions options;
  if (small_budget) options.max_bytes = 8 * 1024;
  const std::string path = xlsx ? "fuzz.xlsx" : "fuzz.docx";
  analyzer::Diagnostics warnings;
  const analyzer::Result<analyzer::SourceText> text =
      xlsx ? analyzer::XlsxReader().read(path, bytes, options, warnings)
           : analyzer::DocxReader().read(path, bytes, options, warnings);
  analyzer::fuzz::check_reader_output(text, warnings, path, bytes.size(), options.max_bytes);
  return 0;
}
