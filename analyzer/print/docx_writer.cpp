#include "analyzer/print/docx_writer.hpp"

#include <algorithm>
#include <functional>
#include <memory>

#include "analyzer/core/utf8.hpp"
#include "analyzer/core/xml_text.hpp"
#include "analyzer/exchange/zip_writer.hpp"

namespace analyzer {
namespace {

constexpr const char* kWordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

// A4 with 2.5 cm margins, in twentieths of a point: the width text may use.
constexpr int kTextWidth = 11906 - 2 * 1418;

std::string runs_xml(const std::vector<DocxRun>& runs) {
  std::string out;
  for (const DocxRun& run : runs) {
    const std::string text = xml_escape(run.text);
    if (text.empty()) continue;
    out += "<w:r>";
    if (run.bold) out += "<w:rPr><w:b/><w:bCs/></w:rPr>";
    // Line breaks and tabs are elements of their own in WordprocessingML.
    std::string piece;
    auto flush = [&] {
      if (!piece.empty()) out += "<w:t xml:space=\"preserve\">" + piece + "</w:t>";
      piece.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
      if (c == '\n' || c == '\r') {
        flush();
        out += "<w:br/>";
      } else if (c == '\t') {
        flush();
        out += "<w:tab/>";
      } else {
        piece += c;
      }
    }
    flush();
    out += "</w:r>";
  }
  return out;
}

std::string cell_xml(const std::string& text, bool right, bool bold, int width) {
  std::string out = "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/></w:tcPr><w:p>";
  if (right) out += "<w:pPr><w:jc w:val=\"right\"/></w:pPr>";
  return out + runs_xml({{text, bold}}) + "</w:p></w:tc>";
}

// Column widths: each column's natural width is its longest cell (and the
// longest word of its heading, at least 4 characters) at 130 twips a
// character (9 pt text, also in a wider substitute font), plus the cell's
// margins. When they do not fit the text width, only the widest columns
// give way: all are capped at one
// width, found so that the total fits, so columns of numbers keep their
// room and long texts wrap. When they fit, all grow in proportion.
std::vector<int> column_widths(const TextTable& t) {
  auto longest_word = [](std::string_view s) {
    std::size_t best = 0;
    for (std::size_t at = 0; at <= s.size();) {
      const std::size_t space = std::min(s.find(' ', at), s.size());
      best = std::max(best, utf8::code_points(s.substr(at, space - at)));
      at = space + 1;
    }
    return best;
  };
  std::vector<std::size_t> chars(t.headings.size(), 4);
  for (std::size_t c = 0; c < chars.size(); ++c) chars[c] = std::max(chars[c], longest_word(t.headings[c]));
  for (const auto& row : t.rows)
    for (std::size_t c = 0; c < chars.size() && c < row.size(); ++c)
      chars[c] = std::max(chars[c], utf8::code_points(row[c]));
  std::vector<double> natural;
  for (std::size_t n : chars) natural.push_back(static_cast<double>(std::min<std::size_t>(n, 200)) * 130 + 240);
  double total = 0;
  for (double w : natural) total += w;
  std::vector<int> widths;
  if (total <= kTextWidth) {
    for (double w : natural) widths.push_back(static_cast<int>(w * kTextWidth / total));
    return widths;
  }
  // The cap: the widest columns (sorted descending) share what the others leave.
  std::vector<double> sorted = natural;
  std::sort(sorted.begin(), sorted.end(), std::greater<>());
  double rest = total, cap = kTextWidth / static_cast<double>(sorted.size());
  for (std::size_t k = 0; k < sorted.size(); ++k) {
    rest -= sorted[k];   // the columns after the k+1 widest
    const double share = (kTextWidth - rest) / static_cast<double>(k + 1);
    if (k + 1 == sorted.size() || share >= sorted[k + 1]) {
      cap = share;
      break;
    }
  }
  for (double w : natural) widths.push_back(static_cast<int>(std::min(w, cap)));
  return widths;
}

const char* kContentTypes =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "</Types>";

const char* kPackageRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/>"
    "</Relationships>";

const char* kDocumentRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
    "Target=\"styles.xml\"/>"
    "</Relationships>";

// A paragraph style of Word's: id, name as Word spells it, and its
// paragraph and run properties.
std::string paragraph_style(const char* id, const char* name, int priority, const char* ppr, const char* rpr) {
  return std::string("<w:style w:type=\"paragraph\" w:styleId=\"") + id + "\"><w:name w:val=\"" + name +
         "\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"" +
         std::to_string(priority) + "\"/><w:qFormat/><w:pPr>" + ppr + "</w:pPr><w:rPr>" + rpr + "</w:rPr></w:style>";
}

}  // namespace

void DocxDocument::styled_paragraph(std::string_view style, const std::vector<DocxRun>& runs) {
  body_ += "<w:p>";
  if (!style.empty()) body_ += "<w:pPr><w:pStyle w:val=\"" + std::string(style) + "\"/></w:pPr>";
  body_ += runs_xml(runs) + "</w:p>";
}

void DocxDocument::heading(int level, std::string_view text) {
  styled_paragraph(level == 1 ? "Heading1" : "Heading2", {{std::string(text)}});
}

void DocxDocument::paragraph(std::string_view text) { styled_paragraph("", {{std::string(text)}}); }

void DocxDocument::paragraph(const std::vector<DocxRun>& runs) { styled_paragraph("", runs); }

void DocxDocument::quote(const std::vector<DocxRun>& runs) { styled_paragraph("Quote", runs); }

void DocxDocument::table(const TextTable& t) {
  if (t.headings.empty()) return;
  const std::vector<int> widths = column_widths(t);
  body_ += "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>"
           "<w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" "
           "w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>";
  for (int width : widths) body_ += "<w:gridCol w:w=\"" + std::to_string(width) + "\"/>";
  body_ += "</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>";
  for (std::size_t c = 0; c < t.headings.size(); ++c) body_ += cell_xml(t.headings[c], t.right[c], true, widths[c]);
  body_ += "</w:tr>";
  for (const auto& row : t.rows) {
    body_ += "<w:tr>";
    for (std::size_t c = 0; c < t.headings.size(); ++c)
      body_ += cell_xml(c < row.size() ? row[c] : std::string(), t.right[c], false, widths[c]);
    body_ += "</w:tr>";
  }
  // Word wants a paragraph between a table and what follows it.
  body_ += "</w:tbl><w:p/>";
}

std::string DocxDocument::document_xml() const {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"") +
         kWordNamespace + "\"><w:body>" + body_ +
         "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1418\" w:right=\"1418\" "
         "w:bottom=\"1418\" w:left=\"1418\" w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/></w:sectPr>"
         "</w:body></w:document>";
}

std::string DocxDocument::styles_xml() {
  const std::string borders = [] {
    std::string b;
    for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"})
      b += std::string("<w:") + side + " w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>";
    return b;
  }();
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"") +
         kWordNamespace +
         "\"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" "
         "w:eastAsia=\"Calibri\" w:cs=\"Calibri\"/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>"
         "<w:lang w:val=\"sv-SE\" w:eastAsia=\"en-US\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
         "<w:pPrDefault><w:pPr><w:spacing w:after=\"160\" w:line=\"259\" w:lineRule=\"auto\"/></w:pPr>"
         "</w:pPrDefault></w:docDefaults>"
         "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
         "<w:qFormat/></w:style>"
         "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
         "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/>"
         "</w:style>" +
         paragraph_style("Heading1", "heading 1", 9,
                         "<w:keepNext/><w:keepLines/><w:spacing w:before=\"240\" w:after=\"0\"/>"
                         "<w:outlineLvl w:val=\"0\"/>",
                         "<w:color w:val=\"2F5496\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>") +
         paragraph_style("Heading2", "heading 2", 9,
                         "<w:keepNext/><w:keepLines/><w:spacing w:before=\"40\" w:after=\"0\"/>"
                         "<w:outlineLvl w:val=\"1\"/>",
                         "<w:color w:val=\"2F5496\"/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/>") +
         paragraph_style("Quote", "Quote", 29,
                         "<w:spacing w:before=\"200\" w:after=\"160\"/><w:ind w:left=\"864\" w:right=\"864\"/>"
                         "<w:jc w:val=\"center\"/>",
                         "<w:i/><w:iCs/><w:color w:val=\"404040\"/>") +
         "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
         "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" "
         "w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
         "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
         "</w:style>"
         "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/>"
         "<w:basedOn w:val=\"TableNormal\"/><w:uiPriority w:val=\"39\"/><w:pPr><w:spacing w:after=\"0\" "
         "w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:rPr><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/></w:rPr>"
         "<w:tblPr><w:tblBorders>" +
         borders + "</w:tblBorders></w:tblPr></w:style></w:styles>";
}

Status DocxDocument::save(const std::string& path) const {
  const std::string document = document_xml();
  const std::string styles = styles_xml();
  return exchange::write_zip({{"[Content_Types].xml", kContentTypes},
                              {"_rels/.rels", kPackageRels},
                              {"word/document.xml", document},
                              {"word/_rels/document.xml.rels", kDocumentRels},
                              {"word/styles.xml", styles}},
                             path, kDocxWhat);
}

}  // namespace analyzer
