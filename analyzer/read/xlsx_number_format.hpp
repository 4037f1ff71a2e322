#pragma once
// What an XLSX number cell shows: dates, times and percentages by the
// cell's number format (xl/styles.xml), as Excel displays them, instead of
// the number stored (45307 for 2024-01-16, 0.45 for 45 %).
//
// In:  the styles part of a workbook (its <numFmts> and <cellXfs>), a
//      cell's style index (<c s="3">) and its stored value.
// Out: the kind of each cell format, and a number's text in that kind:
//      "2024-01-16", "2024-01-16 09:05", "09:05", "45 %" (a percentage
//      with all its digits and '.', as other numbers are written); other
//      formats give no text (the reader keeps the number as written).
//
// A format is a date when its code holds d, m or y outside quoted text,
// bracketed sections ([Red], [$-41D]) and backslash-escaped characters,
// a time when it holds h or s (with m as minutes) and no date part, and a
// percentage when it holds '%' and no date or time part; a code with a
// digit placeholder (0 # ?) before any date or time letter is a number
// format ("0 st", "0 dagar", "0.0%"). A time shows the time of day: an elapsed
// [h]:mm past 24 hours loses its days. Excel's built-in
// formats 14-22 and 45-47 are dates and times, 9 and 10 percentages.
// Dates count days from 1899-12-30 (the 1900 system as Excel computes it
// from 1900-03-01 on), or from 1904-01-01 when the workbook says
// date1904. A date before 1900-03-01 or past 9999-12-31 keeps its number.
// Limits: at most kMaxCellFormats formats are read (Excel's own limit is
// 64,000); a style index past them is a plain number.
// Cost: linear in the styles part; a cell costs one lookup.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pugi {
class xml_document;
}

namespace analyzer {

enum class CellFormat { Plain, Date, DateTime, Time, Percent };

inline constexpr std::size_t kMaxCellFormats = 65536;

// The kind of number format `id` with format code `code` ("" for a
// built-in format, whose code the workbook does not hold).
CellFormat classify_number_format(int id, std::string_view code);

// The kind of each cell format (<cellXfs><xf numFmtId=...>) of a styles
// part, in order: index k is style s="k".
std::vector<CellFormat> cell_formats_of(const pugi::xml_document& styles);

// A stored number as Swedish Excel shows it in the General format, with a
// decimal comma ("12,5"), but with up to 15 significant digits ("%.15g",
// where Excel rounds to about 11) and a small "e" ("1,5e+20", Excel
// "1,5E+20"); an integer as it is ("2022").
std::string number_text(double value);

// The text of `value` in `format`, or nullopt for a plain number or a
// value no date can show. A percentage has a decimal comma too ("12,5 %").
std::optional<std::string> formatted_cell_number(double value, CellFormat format, bool date1904);

}  // namespace analyzer
