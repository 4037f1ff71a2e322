#pragma once
// RecordLocation: where a record stands in its source file, as a person
// finds it in the original: a page of a PDF, a paragraph of a Word file, a
// cell of a spreadsheet, a line of a text file. Plain data, no I/O.
//
// Exactly the fields of the file's format are set; the others stay empty:
//   text        line
//   PDF         page
//   DOCX        paragraph (body paragraphs and table cell paragraphs,
//               counted from 1 in document order)
//   XLSX, CSV   sheet (a CSV file has none), row, column ("F")
// All numbers are 1-based, as the original shows them. A location says
// where a record STARTS: an answer that runs from page 3 onto page 4 is on
// page 3. Byte offsets (ByteSpan) stay beside it and remain the precise
// locator.

#include <cstddef>
#include <optional>
#include <string>

namespace analyzer {

struct RecordLocation {
  std::optional<std::size_t> line;       // text files
  std::optional<std::size_t> page;       // PDF
  std::optional<std::size_t> paragraph;  // DOCX
  std::string sheet;                     // XLSX (empty for CSV)
  std::optional<std::size_t> row;        // XLSX, CSV
  std::string column;                    // XLSX, CSV: "A", "F", "AB"

  bool empty() const { return !line && !page && !paragraph && sheet.empty() && !row && column.empty(); }
  friend bool operator==(const RecordLocation&, const RecordLocation&) = default;
};

}  // namespace analyzer
