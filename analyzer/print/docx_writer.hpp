#pragma once
// DocxDocument: a minimal Word document (WordprocessingML, ECMA-376) built
// paragraph by paragraph and saved as a .docx package (exchange/zip_writer).
// For the Word printers (docx_report.hpp); knows nothing of reports.
//
// In:  headings, paragraphs (runs of plain or bold text), quotes and tables
//      of text, in document order. Text is UTF-8 from the data: it is
//      escaped and cleaned here (xml_escape, xml_text.hpp: characters XML
//      1.0 forbids are dropped, bytes that are not UTF-8 become U+FFFD); a
//      line break in a run becomes a Word line break, a tab a Word tab.
// Out: save(path) writes the package:
//        [Content_Types].xml, _rels/.rels, word/document.xml,
//        word/_rels/document.xml.rels, word/styles.xml
//      The styles are Word's built-in ones under their own ids and names:
//      Normal, Heading1 ("heading 1"), Heading2 ("heading 2"), Quote,
//      TableNormal ("Normal Table"), TableGrid ("Table Grid"), so text
//      pasted into another document takes that document's look. Swedish
//      (sv-SE) is the language of the text; A4 pages.
// Tables: style Table Grid (here with 9 pt text: a report table has up to
//   twelve columns on an A4 page), full width, the first row the header (bold,
//   repeated on each page); a right-aligned column's cells are right-aligned;
//   columns as wide as their longest cell and the longest word of the
//   heading; when that is more than the page, only the widest columns
//   narrow (to one common width), so numbers keep their room.
//   A row with fewer cells than headings is padded with empty cells.
// Errors: save() fails with a Diagnostic naming the path and the reason
//   ("cannot write the Word file: ...": folder missing, no permission, disk
//   full). It writes through exchange::write_zip (a FileReplacement,
//   core/file_replace.hpp): a temporary file beside the file to write,
//   renamed at the end, so a failed save leaves no half-written file and an
//   existing one as it was; a symbolic link at `path` is followed (its
//   target replaced, the link kept) and a folder, a device, a FIFO or a
//   socket at `path` is refused before anything is written.
// Cost: linear in the text; the document is held in memory once as XML.
// Not thread-safe per object; no shared state.
//
// Example:
//   DocxDocument doc;
//   doc.heading(1, "Temarapport");
//   doc.quote({{"Vi har infört "}, {"SIP", true}, {" i hela kommunen."}});
//   doc.paragraph("— Kommun B, 2023, fråga 5a (b.txt, rad 12)");
//   Status s = doc.save("rapport.docx");

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/diagnostic.hpp"
#include "analyzer/print/report_tables.hpp"

namespace analyzer {

// How save()'s messages name the file: "cannot write the Word file: ...".
inline constexpr const char* kDocxWhat = "the Word file";

struct DocxRun {
  std::string text;
  bool bold = false;
};

class DocxDocument {
 public:
  // A heading in style Heading1 (level 1) or Heading2 (any other level).
  void heading(int level, std::string_view text);
  // A paragraph in style Normal.
  void paragraph(std::string_view text);
  void paragraph(const std::vector<DocxRun>& runs);
  // A paragraph in style Quote.
  void quote(const std::vector<DocxRun>& runs);
  // A table (see the file comment); a table without headings adds nothing.
  void table(const TextTable& table);

  // word/document.xml as it stands.
  std::string document_xml() const;
  // word/styles.xml (the same for every document).
  static std::string styles_xml();

  // Writes the package to `path` (replacing a file there).
  Status save(const std::string& path) const;

 private:
  void styled_paragraph(std::string_view style, const std::vector<DocxRun>& runs);
  std::string body_;
};

}  // namespace analyzer
