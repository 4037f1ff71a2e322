#pragma once
// Reading back the XLSX and DOCX files analyzer writes, for tests: the ZIP
// opened with libzip, the XML parsed with pugixml (not analyzer's own
// readers, so a test checks the files as another program sees them), and
// LibreOffice headless converting them (soffice --convert-to), as an
// analyst's office suite would open them.
//
//   XlsxBook book = read_xlsx(path);
//   book.sheet("Teman").at("B2")   // {type "s", text "sip", format ""}
//   DocxParagraphs p = read_docx(path);   // {style "Heading1", text "…", bold "SIP"}
//   Converted c = soffice_convert(path, "txt:Text (encoded):UTF8");
//
// Test code only: throws std::runtime_error on anything unexpected, which
// fails the test with the message.

#include <zip.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <pugixml.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "temp_files.hpp"

namespace analyzer::test {

// Every member of the ZIP file at `path`, by name.
inline std::map<std::string, std::string> zip_members(const std::string& path) {
  int code = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
  if (!zip) throw std::runtime_error("not a ZIP archive: " + path + " (libzip error " + std::to_string(code) + ")");
  std::map<std::string, std::string> members;
  const zip_int64_t n = zip_get_num_entries(zip, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    zip_stat_index(zip, static_cast<zip_uint64_t>(i), 0, &st);
    zip_file_t* f = zip_fopen_index(zip, static_cast<zip_uint64_t>(i), 0);
    if (!f) throw std::runtime_error("cannot open member " + std::string(st.name));
    std::string content(st.size, '\0');
    const zip_int64_t got = zip_fread(f, content.data(), st.size);
    zip_fclose(f);
    if (got != static_cast<zip_int64_t>(st.size)) throw std::runtime_error("short read of " + std::string(st.name));
    members[st.name] = std::move(content);
  }
  zip_discard(zip);
  return members;
}

inline pugi::xml_document parse_xml(const std::string& xml, const std::string& what) {
  pugi::xml_document doc;
  pugi::xml_parse_result r = doc.load_buffer(xml.data(), xml.size());
  if (!r) throw std::runtime_error(what + " is not well-formed XML: " + r.description() + " at byte " +
                                   std::to_string(r.offset));
  return doc;
}

// One cell: its type attribute ("s" shared string, "n" or "" a number,
// "str" a formula's string, ...), its text (the shared string or the
// value), its number format code ("" for General), and whether it holds
// a formula (<f>).
struct XlsxCellRead {
  std::string type;
  std::string text;
  std::string format;
  bool formula = false;
};

struct XlsxSheetRead {
  std::string name;
  std::map<std::string, XlsxCellRead> cells;   // by reference, "A1"
  std::string frozen_top_left;                 // <pane topLeftCell> when the pane is frozen
  std::string autofilter;                      // <autoFilter ref>
  std::vector<double> widths;                  // <col width>, in the order of <cols>
  const XlsxCellRead& at(const std::string& ref) const {
    auto it = cells.find(ref);
    if (it == cells.end()) throw std::runtime_error("no cell " + ref + " in sheet " + name);
    return it->second;
  }
  bool has(const std::string& ref) const { return cells.count(ref) > 0; }
};

struct XlsxBook {
  std::vector<XlsxSheetRead> sheets;
  const XlsxSheetRead& sheet(const std::string& name) const {
    for (const auto& s : sheets)
      if (s.name == name) return s;
    throw std::runtime_error("no sheet " + name);
  }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& s : sheets) out.push_back(s.name);
    return out;
  }
};

inline XlsxBook read_xlsx(const std::string& path) {
  auto members = zip_members(path);
  auto member = [&](const std::string& name) -> const std::string& {
    auto it = members.find(name);
    if (it == members.end()) throw std::runtime_error(path + " has no " + name);
    return it->second;
  };
  std::vector<std::string> shared;
  if (members.count("xl/sharedStrings.xml")) {
    auto sst = parse_xml(member("xl/sharedStrings.xml"), "sharedStrings.xml");
    for (auto si : sst.child("sst").children("si")) {
      std::string text;
      for (auto t : si.select_nodes(".//t")) text += t.node().text().get();
      shared.push_back(text);
    }
  }
  // Number formats: built-in 0 (General), 9 "0%", 10 "0.00%"; custom ones in styles.xml.
  std::map<int, std::string> numfmt{{0, ""}, {9, "0%"}, {10, "0.00%"}};
  std::vector<std::string> xf_formats;
  auto styles = parse_xml(member("xl/styles.xml"), "styles.xml");
  for (auto f : styles.child("styleSheet").child("numFmts").children("numFmt"))
    numfmt[f.attribute("numFmtId").as_int()] = f.attribute("formatCode").value();
  for (auto xf : styles.child("styleSheet").child("cellXfs").children("xf"))
    xf_formats.push_back(numfmt.count(xf.attribute("numFmtId").as_int()) ? numfmt[xf.attribute("numFmtId").as_int()]
                                                                         : "?");
  auto rels = parse_xml(member("xl/_rels/workbook.xml.rels"), "workbook.xml.rels");
  std::map<std::string, std::string> target;
  for (auto r : rels.child("Relationships").children("Relationship"))
    target[r.attribute("Id").value()] = r.attribute("Target").value();
  auto wb = parse_xml(member("xl/workbook.xml"), "workbook.xml");
  XlsxBook book;
  for (auto s : wb.child("workbook").child("sheets").children("sheet")) {
    XlsxSheetRead sheet;
    sheet.name = s.attribute("name").value();
    const std::string part = "xl/" + target.at(s.attribute("r:id").value());
    auto ws = parse_xml(member(part), part);
    auto root = ws.child("worksheet");
    auto pane = root.child("sheetViews").child("sheetView").child("pane");
    if (std::string(pane.attribute("state").value()) == "frozen") sheet.frozen_top_left = pane.attribute("topLeftCell").value();
    sheet.autofilter = root.child("autoFilter").attribute("ref").value();
    for (auto col : root.child("cols").children("col")) sheet.widths.push_back(col.attribute("width").as_double());
    for (auto row : root.child("sheetData").children("row"))
      for (auto c : row.children("c")) {
        XlsxCellRead cell;
        cell.type = c.attribute("t").value();
        cell.formula = bool(c.child("f"));
        const std::string v = c.child("v").text().get();
        cell.text = cell.type == "s" ? shared.at(std::stoul(v)) : cell.type == "inlineStr" ? c.child("is").child("t").text().get() : v;
        const int s_index = c.attribute("s").as_int();
        cell.format = s_index < static_cast<int>(xf_formats.size()) ? xf_formats[s_index] : "?";
        sheet.cells[c.attribute("r").value()] = cell;
      }
    book.sheets.push_back(std::move(sheet));
  }
  return book;
}

struct DocxParagraph {
  std::string style;   // pStyle, "" for Normal
  std::string text;    // all runs' text
  std::string bold;    // the text of bold runs, joined by "|"
  bool in_table = false;
};

// The paragraphs of word/document.xml in order (table cells included,
// marked in_table); checks that the package's parts are there.
inline std::vector<DocxParagraph> read_docx(const std::string& path) {
  auto members = zip_members(path);
  for (const char* part : {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
                           "word/_rels/document.xml.rels"})
    if (!members.count(part)) throw std::runtime_error(path + " has no " + part);
  parse_xml(members["[Content_Types].xml"], "[Content_Types].xml");
  parse_xml(members["word/styles.xml"], "styles.xml");
  auto doc = parse_xml(members["word/document.xml"], "document.xml");
  std::vector<DocxParagraph> out;
  for (auto p : doc.select_nodes("//w:p")) {
    DocxParagraph para;
    para.style = p.node().child("w:pPr").child("w:pStyle").attribute("w:val").value();
    for (auto n = p.node().parent(); n; n = n.parent())
      if (std::string(n.name()) == "w:tc") para.in_table = true;
    for (auto r : p.node().children("w:r")) {
      std::string t;
      for (auto c : r.children()) {
        const std::string name = c.name();
        if (name == "w:t") t += c.text().get();
        else if (name == "w:br") t += "\n";
        else if (name == "w:tab") t += "\t";
      }
      para.text += t;
      if (r.child("w:rPr").child("w:b")) para.bold += (para.bold.empty() ? "" : "|") + t;
    }
    out.push_back(para);
  }
  return out;
}

// The style ids defined in word/styles.xml with their names.
inline std::map<std::string, std::string> docx_styles(const std::string& path) {
  auto members = zip_members(path);
  auto styles = parse_xml(members.at("word/styles.xml"), "styles.xml");
  std::map<std::string, std::string> out;
  for (auto s : styles.child("w:styles").children("w:style"))
    out[s.attribute("w:styleId").value()] = s.child("w:name").attribute("w:val").value();
  return out;
}

// What LibreOffice made of a file: its exit status, its output (stdout and
// stderr), and the files it wrote, by name.
struct Converted {
  int status = -1;
  std::string log;
  std::map<std::string, std::string> files;
};

// Runs `soffice --headless --convert-to <filter>` on `input` with a
// profile of its own (parallel runs never share one) in a temporary folder,
// at most 120 s.
//   "txt:Text (encoded):UTF8"   a Word file as UTF-8 text
//   kCsvAllSheets               every sheet of a workbook as <name>-<sheet>.csv
inline Converted soffice_convert(const std::string& input, const std::string& filter) {
  TempDir dir("analyzer-soffice");
  const std::string out = dir / "out";
  const std::string log = dir / "log.txt";
  auto quote = [](const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
  };
  const std::string command = "timeout 120 soffice --headless --norestore --nolockcheck -env:UserInstallation=file://" +
                              dir.str() + "/profile --convert-to " + quote(filter) + " --outdir " + quote(out) + " " +
                              quote(input) + " >" + quote(log) + " 2>&1";
  Converted c;
  const int raw = std::system(command.c_str());
  c.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  c.log = read_file(log);
  if (std::filesystem::exists(out))
    for (const auto& e : std::filesystem::directory_iterator(out))
      c.files[e.path().filename().string()] = read_file(e.path());
  return c;
}

// CSV with ',' and '"', UTF-8, "save cell contents as shown", every sheet
// (LibreOffice 7.2 and later: sheet -1).
inline const std::string kCsvAllSheets =
    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1";

}  // namespace analyzer::test
