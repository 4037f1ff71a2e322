#pragma once
// Spreadsheet tables: what the XLSX and CSV readers share. A table has one
// respondent per row and one question per column; this turns its cells into
// a SourceText whose `given` answers ingest takes as they are.
//
// In:  the sheets of one file, each as rows of cells (SheetRows, read twice:
//      once to find the columns' roles, once to emit), the merged ranges of
//      its header row, and the manifest's column roles (ReadOptions::columns).
// Out: SourceText (reader.hpp):
//   - text: the answer and number cells only, each trimmed (Unicode
//     spaces) and NFC-normalised, followed by "\n\n"; metadata cells
//     (respondent, region, year, ignored columns) are never in the text;
//   - places: one TextPlace per cell in the text, label "Blad1!F7" (CSV:
//     "F7"), location {sheet (empty for CSV), row, column};
//   - given: one GivenPart per row that has an answer or a number, and per
//     row that names its respondent but answers nothing in a sheet with
//     question or number columns (a blank form) (title "Blad1 rad 7", CSV
//     "rad 7"), one GivenAnswer per non-empty question
//     cell, one GivenNumber per non-empty number cell, one GivenQuestion
//     per question or number column of a sheet (its id and header) that
//     has such a cell;
//   - offsets: identity (XLSX: offsets are into the extracted text), or for
//     CSV checkpoints at each cell's start and end and after each byte that
//     stands for two in the file ("" and CR LF), so SourceFile::to_file()
//     gives a cell's own bytes in the file (also for Windows-1252/UTF-16).
//
// The header row is a sheet's first row with a non-empty cell, unless that
// row and up to four after it have one cell each, in column A, and the next
// row has more: those are titles, and that row is the header; so is a row
// of group labels merged over two columns or more when the next row has
// more cells (a header repeating under them takes the label: "Beskriv SIP:
// Svar"). A header cell merged over B1:D1 names B, C and D. A row under a
// header of bare question labels ("Fråga 1") holding only the questions'
// texts joins them ("Fråga 1: Beskriv ...") and is no data. Roles, per
// column, first match:
//   1. the manifest's setting for the column's header text (trimmed, any
//      case) or letter;
//   2. the header's name (Swedish and English; see kHeaderNames in the
//      .cpp): Respondent/Svarande/Organisation/Namn → respondent (a bare
//      Namn beside a municipality, organisation or e-mail column is a
//      person's name → ignore), Region/
//      Län → region, Kommun → municipality, År/Year/Verksamhetsår → year,
//      Typ/Respondenttyp/Organisationstyp → respondent_type, and metadata
//      → ignore: Tidsstämpel/Timestamp/Starttid/Sluttid/Datum, ID, IP, and
//      any header that names an e-mail or a phone number (E-post, E-mail,
//      Telefon, "Kontaktpersonens e-post") or a contact person's name. A
//      second column of a metadata role is ignored; a Respondent column of
//      numbers only (a survey tool's id) beside a column naming the
//      respondents is ignored;
//   3. every non-empty cell a number ("12", "3,5", "1 200", "4.5E-2"), or
//      at least three cells and nine in ten of them (the others are left
//      out with a warning) → number; more than half under a header asking
//      for a number ("Antal ...": swedish::asks_for_number) → number, its
//      other cells answers; every non-empty cell an e-mail address →
//      ignore;
//   4. otherwise question (a column with neither header nor cells: none).
// A question's or number's id is the header's leading number ("13a.",
// "5.1", "K1", "Fråga 7:") or else the header text (the column letter when
// the header is empty); its text/label is the whole header.
// Respondent per row: name from the respondent column, else the
// municipality; type from the type column ("kommun", "region", "RSS",
// "... samverkans- och stödstruktur"), else kommun when a municipality is
// given; region canonical ("Dalarnas län" → "Dalarna",
// text/swedish_regions.hpp), else as written without "Region "/" län";
// year a whole number 2000..2100, else the sheet's (a title row's year, the
// year the question headers name most, the sheet's or file's name: a
// YearClue); a respondent named as an organisation ("Region X", "RSS X",
// "X kommun") gives the type, and a region its region. A row whose first
// cell says totals ("Totalt", "Summa") is no respondent: left out, with a
// note; a sheet with such a row and no question or respondent column is a
// summary and not read. A question cell of only a dash, dots or an "x" is
// no answer. A row with answers but no name is named
// by its file, sheet and row ("export.csv, rad 7", "export.xlsx, Blad1,
// rad 7"); one warning per sheet lists those rows.
// Every sheet gets a note with the mapping used and the rows read; skipped
// sheets are said with the reason.
//
// Limits (each an error naming the file, sheet, row or cell):
//   kMaxSpreadsheetRows    500,000 rows per sheet (row numbers) and data
//                          rows per file: split larger files;
//   kMaxSpreadsheetColumns 1,000 columns (A..ALL);
//   kMaxCellCharacters     32,767 characters per cell (Excel's own limit);
//   kMaxSheets             256 sheets per workbook;
//   kMaxSheetNameBytes     255 bytes per sheet name (Excel allows 31
//                          characters; the name is in every citation).
//   the text at most ReadOptions::max_bytes (checked per sheet before its
//   text is built, and per row): XLSX cells that repeat a long shared
//   string would otherwise make it outgrow the file a thousandfold.
// A file with no data row in any sheet (empty, or a header row only) is an
// error: an export without answers is almost always a wrong export, and
// refusing it keeps an earlier good version of the file in the index.
// A manifest setting that names no column of any sheet is an error.
// Cost: two passes over the cells; memory is the output (text, places,
// given) plus one row and per-column counters. Never throws on user data.

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/diagnostic.hpp"
#include "analyzer/read/reader.hpp"
#include "analyzer/read/source.hpp"

namespace analyzer {

inline constexpr std::size_t kMaxSpreadsheetRows = 500000;
inline constexpr std::size_t kMaxSpreadsheetColumns = 1000;
inline constexpr std::size_t kMaxCellCharacters = 32767;
inline constexpr std::size_t kMaxSheets = 256;
inline constexpr std::size_t kMaxSheetNameBytes = 255;

// "A", "Z", "AA", "ALL" for 0, 25, 26, 999.
std::string column_letters(std::size_t column);
// 0-based column of "A".."XFD" (upper or lower case), or nullopt.
std::optional<std::size_t> parse_column_letters(std::string_view letters);

// "1,048,576": a count in messages.
std::string with_thousands(std::size_t n);

// A number as a spreadsheet cell writes it: "12", "-3", "3,5", "3.5",
// "1 200" (space or no-break space between groups of three), "4.5E-2",
// and a percentage as shown, "25 %" or "12,5%" (25 and 12.5). Surrounding
// spaces are allowed; anything else ("2022-01-01", "12 st",
// "070-123 45 67", "% 25") is no number.
std::optional<double> parse_cell_number(std::string_view text);

// Whether a cell is a date as exports write them, with or without a time,
// or a time of day: "2024-01-16", "2024-01-16 09:05",
// "2024-01-16T09:05:00", "16/01/2024", "1/16/2024 9:05:00", "16.01.2024",
// "09:30". A column of them (nine cells in ten) is ignored: when a form was
// sent or answered is no answer. A year column's date gives its year.
bool looks_like_date_or_time(std::string_view text);

// The id of a question from its header: "13a. Beskriv ..." → "13a",
// "K1 Samverkan" → "K1", "Fråga 7: ..." → "7", "5.1 Hur ..." → "5.1"
// (the number ends at a space, or at . ) : , ; before a space or the end);
// a sub-question's letter, in lower case: "13a", also "13A" before '.',
// ')', ':' or the end, "12 b" or "3 a" before '.', ')' or ':', "1.a"
// before those or a space ("13A.", "Fråga 12 b:", "3 a)", "1.a Beskriv"
// → "13a", "12b", "3a", "1a");
// "" when the header starts with none.
std::string question_id_of(std::string_view header);

// One cell of a row, as a reader found it.
struct SheetCell {
  std::size_t column = 0;   // 0-based (A = 0); cells of a row in increasing order
  std::string_view text;    // the value, unescaped, untrimmed
  // CSV only (see SpreadsheetBuilder's FileMapping): where `text` starts in
  // the decoded file text, and the offsets in `text` of bytes that stand
  // for two bytes there ('"' of "", '\n' of CR LF), increasing.
  std::size_t source_begin = 0;
  const std::vector<std::size_t>* doubled = nullptr;
};

// The rows of one sheet in order, given to `sink` each time each_row() is
// called (the builder calls it twice). `row` is 1-based; rows may be
// missing (empty rows of an XLSX). The cells live until `sink` returns.
// An error from the sink stops the walk and is returned; so is the
// source's own error (bad XML, an unterminated quote).
class SheetRows {
 public:
  virtual ~SheetRows() = default;
  using RowSink = std::function<Status(std::size_t row, const std::vector<SheetCell>& cells)>;
  virtual Status each_row(const RowSink& sink) const = 0;
};

// A rectangle of merged cells, 1-based rows and 0-based columns, inclusive.
struct CellRange {
  std::size_t first_row = 0, last_row = 0;
  std::size_t first_column = 0, last_column = 0;
};

// CSV: the decoded file text the cells point into, and its map back to the
// file (TextReader's; identity for UTF-8).
struct FileMapping {
  std::string_view decoded;
  const FileOffsets* offsets = nullptr;
  TextEncoding encoding = TextEncoding::Utf8;
};

// Builds one file's SourceText sheet by sheet (see the file comment). One
// builder per file; not thread-safe.
class SpreadsheetBuilder {
 public:
  // `options.columns` are the manifest's roles; notes and warnings go to
  // `warnings`; `mapping` for CSV, nullopt for XLSX.
  SpreadsheetBuilder(std::string path, const ReadOptions& options, std::optional<FileMapping> mapping,
                     Diagnostics& warnings);
  ~SpreadsheetBuilder();

  // Reads sheet `sheet` ("" for CSV). Errors: the limits, the source's own
  // errors; the builder must not be used after one.
  Status add_sheet(const std::string& sheet, const SheetRows& rows, const std::vector<CellRange>& merges);
  // Says that sheet `sheet` was not read and why (a note).
  void skip_sheet(const std::string& sheet, const std::string& why);
  // The file's text; errors: no data row in any sheet, a manifest setting
  // that named no column.
  Result<SourceText> finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace analyzer
