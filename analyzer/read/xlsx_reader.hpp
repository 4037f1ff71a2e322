#pragma once
// XlsxReader: an Excel workbook (.xlsx) with one respondent per row, read
// into the same SourceText as CSV (spreadsheet_table.hpp: column roles,
// answers, numbers, places "Blad1!F7").
//
// In:  the bytes of a file detect_format() named XLSX.
// Out: SourceText with `given` answers; its byte offsets are into the
//      extracted text (an XLSX file's bytes are compressed XML: there is no
//      place in the file to point to), the place (sheet, row, column) is the
//      citation.
//
// How: the ZIP (zip_archive.hpp) within ReadOptions::max_bytes of inflated
// data (a ZIP bomb is refused before inflating); the workbook part from
// _rels/.rels (else xl/workbook.xml); its sheets, in workbook order, from
// xl/workbook.xml + xl/_rels/workbook.xml.rels (pugixml, xml_part.hpp: no
// DOCTYPE); shared strings (plain and rich-text runs; phonetic runs left
// out; _xHHHH_ escapes decoded) and each worksheet with XmlStream
// (xml_stream.hpp), a pull scanner whose memory does not grow with the
// sheet. Cells: shared strings, inline strings, formula strings, numbers
// (as Excel shows them: %.15g, "0.05" for 4.9999999999999996E-2), booleans
// (SANT/FALSKT); error values (#N/A) are empty. Merged ranges of the header
// row name every column they cover. A number cell whose format (xl/styles.xml,
// xlsx_number_format.hpp) is a date, time or percentage reads as the cell
// shows it: "2024-01-16", "09:05", "45 %".
// Sheets not read, each said in a note: chart and dialog sheets (no
// cells), empty sheets. Every worksheet with rows is read, hidden or not.
// Errors: a part that is not well-formed XML or not UTF-8 (xml_part.hpp),
// with its byte offset in the member.
// Limits: those of spreadsheet_table.hpp; a sheet whose <dimension> reaches
// past kMaxSpreadsheetRows (an XLSX with 1,048,576 rows) is refused before
// its rows are read; shared strings at most 16 M entries.
// Threads: when a core is free (reading_threads.hpp), the shared strings
// are inflated (ZipArchive::read_aside) and parsed on a second thread
// while the first worksheet is inflated and walked; once they are read,
// that thread walks the second half of what is left of the sheet (from a
// row; taken only where the first half meets it right after a row, with
// every row numbered, else the first walks on). Errors and rows are those
// of a read in order, the shared strings' errors first.
// Cost: linear in the inflated XML: one walk of each sheet's XML, kept in
// 16 bytes a cell, then two passes over that; memory: the shared strings'
// XML and the first sheet's while both are parsed, the shared strings (one
// string pool, reserved at its part's size), each sheet's kept cells (its
// XML is let go once they are kept), the output; the large buffers on
// transparent huge pages (core/large_buffer.hpp). 181 MB at the peak for a
// 100,000-row export of 5.8 MB (92 MB of XML).

#include "analyzer/read/reader.hpp"

namespace analyzer {

class XlsxReader final : public Reader {
 public:
  std::string_view name() const override { return "xlsx"; }
  Result<SourceText> read(const std::string& path, std::string bytes, const ReadOptions& options,
                          Diagnostics& warnings) const override;

  // How many sheet walks this process has split between two threads and
  // taken both halves of (see Threads above): for tests, which cannot
  // tell a split walk from a walk in order by what it reads.
  static std::size_t split_walks_taken();
};

}  // namespace analyzer
