#pragma once
// CSV cells: the one function every CSV we write goes through (today
// `report --format csv`). The XLSX printers need no such rule: they write
// every text as a string cell, never a formula (xlsx_writer.hpp).
//
// csv_cell(text, separator):
//   - Formula injection (OWASP, "CSV Injection"): a cell that begins with
//     "=", "+", "-", "@", a tab or a CR would be run as a formula by Excel,
//     LibreOffice or Google Sheets (=HYPERLINK(...), +cmd|' /C calc'!A0,
//     @SUM(1)). Such a cell gets a single quote in front and is quoted:
//     "'=HYPERLINK(...)". A plain number is not a formula and stays as it
//     is, so negative numbers in numeric columns ("-1") remain numbers:
//     an optional "-", digits, and at most one "." or "," followed by
//     digits.
//   - RFC 4180: a cell holding the separator, a quote, CR or LF is quoted,
//     quotes doubled.
// `separator` must not be '"', CR or LF. Linear; never throws but for
// allocation.
//
// Example:
//   csv_cell("=1+1", ';')      // "\"'=1+1\""
//   csv_cell("-1", ';')        // "-1"
//   csv_cell("a;b", ';')       // "\"a;b\""

#include <string>
#include <string_view>

namespace analyzer {

std::string csv_cell(std::string_view text, char separator);

}  // namespace analyzer
