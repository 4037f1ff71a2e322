#pragma once
// An Excel workbook as data, and its writer (libxlsxwriter, Debian's
// libxlsxwriter-dev). For the Excel printers (xlsx_report.hpp); knows
// nothing of reports.
//
// In:  sheets, each a name, a header row and rows of typed cells:
//        text     written as a string, never as a formula: "=1+1", "+46…",
//                 "-x", "@SUM(1)" stay the text they are (OWASP, formula
//                 injection); characters XML 1.0 forbids are dropped and
//                 bytes that are not UTF-8 become U+FFFD (xml_chars,
//                 xml_text.hpp); cut to Excel's 32,767 characters ("…" last);
//        number   a number, format General;
//        percent  a share 0..1, format "0.0%" (Excel shows 33,3 % in Swedish);
//        change   a whole-number difference, format "+0;-0;0";
//        empty    no cell.
// Out: write_xlsx(sheets, path): one worksheet per sheet, in order, each
//      with its header row bold and frozen, an autofilter over the header
//      and the rows, and column widths from the longest text in the column
//      (6 to 60 characters; a column with longer texts is 60 wide and
//      wraps them).
// Sheet names must be valid (xlsx_sheet_name gives one): write_xlsx fails
// on a name Excel refuses rather than change it.
// Errors: a Diagnostic naming the path and the reason (libxlsxwriter's
// message: folder missing, no permission, disk full; an invalid sheet
// name). The workbook is written through a FileReplacement
// (core/file_replace.hpp): a temporary file beside the file to write,
// renamed over it, so a failure leaves no half-written file and an earlier
// file as it was; a symbolic link at `path` is followed (the target is
// replaced, the link stays), and a folder, a device (/dev/full), a FIFO or
// a socket at `path` is refused before anything is written.
// Cost: linear in the cells; libxlsxwriter holds the sheets in memory and
// in temporary files until the end. Calls share nothing: thread-safe.
//
// Example:
//   XlsxSheet s{"Teman", {"Tema", "Andel"}, {{XlsxCell::text("SIP"), XlsxCell::percent(0.25)}}};
//   Status st = write_xlsx({s}, "rapport.xlsx");

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/diagnostic.hpp"

namespace analyzer {

// How write_xlsx's messages name the file: "cannot write the Excel file: ...".
inline constexpr const char* kXlsxWhat = "the Excel file";

struct XlsxCell {
  enum class Kind { Empty, Text, Number, Percent, Change };
  Kind kind = Kind::Empty;
  std::string text;     // Text
  double number = 0;    // Number, Percent (0..1), Change

  static XlsxCell empty() { return {}; }
  static XlsxCell of_text(std::string s) { return {Kind::Text, std::move(s), 0}; }
  static XlsxCell of_number(double n) { return {Kind::Number, {}, n}; }
  static XlsxCell of_percent(double share) { return {Kind::Percent, {}, share}; }
  static XlsxCell of_change(double n) { return {Kind::Change, {}, n}; }
};

struct XlsxSheet {
  std::string name;                        // valid: see xlsx_sheet_name
  std::vector<std::string> headings;       // the header row
  std::vector<std::vector<XlsxCell>> rows; // at most as many cells as headings
};

// A sheet name Excel accepts, from `wanted`: the characters [ ] : * ? /,
// backslash and control characters become "-", leading and trailing apostrophes and
// spaces go, at most 31 characters (UTF-16 units, as Excel counts), never
// empty ("Blad"), never "History" (Excel's own), and different from every
// name in `taken` (compared ignoring ASCII case, as Excel and libxlsxwriter
// do): " (2)", " (3)", ... is added, the name cut to make room.
//   xlsx_sheet_name("Utdrag: SIP/FVK?", {})      // "Utdrag- SIP-FVK-"
//   xlsx_sheet_name("Teman", {"teman"})           // "Teman (2)"
std::string xlsx_sheet_name(std::string_view wanted, const std::vector<std::string>& taken);

// Writes the sheets as a workbook to `path` (see the file comment). No
// sheets: one empty sheet "Blad1" (a workbook needs one).
Status write_xlsx(const std::vector<XlsxSheet>& sheets, const std::string& path);

}  // namespace analyzer
