#include "analyzer/print/xlsx_writer.hpp"

#include <xlsxwriter.h>

#include <algorithm>

#include "analyzer/core/file_replace.hpp"
#include "analyzer/core/utf8.hpp"
#include "analyzer/core/xml_text.hpp"

namespace analyzer {
namespace {

constexpr std::size_t kMaxCellChars = 32767;   // Excel's limit on a cell's text
constexpr std::size_t kMaxSheetUnits = 31;     // Excel's limit on a sheet name (UTF-16 units)
constexpr double kMinWidth = 6;
constexpr double kMaxWidth = 60;

// UTF-16 units of a code point, as Excel counts a name's length.
std::size_t utf16_units(char32_t c) { return c >= 0x10000 ? 2 : 1; }

// `s` cut to at most `max` UTF-16 units, never inside a character.
std::string cut_units(std::string_view s, std::size_t max) {
  std::size_t units = 0;
  for (std::size_t i = 0; i < s.size();) {
    const utf8::Decoded d = utf8::decode(s, i);
    units += utf16_units(d.code_point);
    if (units > max) return std::string(s.substr(0, i));
    i += d.length ? d.length : 1;
  }
  return std::string(s);
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool name_taken(const std::string& name, const std::vector<std::string>& taken) {
  const std::string lower = ascii_lower(name);
  if (lower == "history") return true;
  return std::any_of(taken.begin(), taken.end(), [&](const std::string& t) { return ascii_lower(t) == lower; });
}

// A cell's text as written: XML-clean, within Excel's length.
std::string cell_text(std::string_view s) {
  std::string text = xml_chars(s);
  const std::size_t keep = utf8::prefix_length(text, kMaxCellChars - 1);
  if (keep < text.size() && utf8::code_points(text) > kMaxCellChars) text = text.substr(0, keep) + "…";
  return text;
}

// Characters a cell shows, for its column's width.
std::size_t shown_width(const XlsxCell& cell) {
  switch (cell.kind) {
    case XlsxCell::Kind::Empty: return 0;
    case XlsxCell::Kind::Text: return utf8::code_points(cell.text);
    case XlsxCell::Kind::Number: return std::to_string(static_cast<long long>(cell.number)).size() + 2;
    case XlsxCell::Kind::Percent: return 7;
    case XlsxCell::Kind::Change: return std::to_string(static_cast<long long>(cell.number)).size() + 1;
  }
  return 0;
}

struct Formats {
  lxw_format* heading;
  lxw_format* percent;
  lxw_format* change;
  lxw_format* wrap;
};

Formats add_formats(lxw_workbook* wb) {
  Formats f{workbook_add_format(wb), workbook_add_format(wb), workbook_add_format(wb), workbook_add_format(wb)};
  format_set_bold(f.heading);
  format_set_bottom(f.heading, LXW_BORDER_THIN);
  format_set_num_format(f.percent, "0.0%");
  format_set_num_format(f.change, "+0;-0;0");
  format_set_text_wrap(f.wrap);
  format_set_align(f.wrap, LXW_ALIGN_VERTICAL_TOP);
  return f;
}

lxw_error write_cell(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const XlsxCell& cell, const Formats& f,
                     bool wrap) {
  switch (cell.kind) {
    case XlsxCell::Kind::Empty: return LXW_NO_ERROR;
    // worksheet_write_string never reads a formula: "=1+1" stays text.
    case XlsxCell::Kind::Text:
      return worksheet_write_string(ws, r, c, cell_text(cell.text).c_str(), wrap ? f.wrap : nullptr);
    case XlsxCell::Kind::Number: return worksheet_write_number(ws, r, c, cell.number, nullptr);
    case XlsxCell::Kind::Percent: return worksheet_write_number(ws, r, c, cell.number, f.percent);
    case XlsxCell::Kind::Change: return worksheet_write_number(ws, r, c, cell.number, f.change);
  }
  return LXW_NO_ERROR;
}

lxw_error write_sheet(lxw_worksheet* ws, const XlsxSheet& sheet, const Formats& f) {
  const std::size_t columns = sheet.headings.size();
  std::vector<std::size_t> width(columns);
  for (std::size_t c = 0; c < columns; ++c) width[c] = utf8::code_points(sheet.headings[c]);
  for (const auto& row : sheet.rows)
    for (std::size_t c = 0; c < columns && c < row.size(); ++c) width[c] = std::max(width[c], shown_width(row[c]));
  for (std::size_t c = 0; c < columns; ++c) {
    const lxw_col_t col = static_cast<lxw_col_t>(c);
    if (lxw_error e = worksheet_write_string(ws, 0, col, cell_text(sheet.headings[c]).c_str(), f.heading)) return e;
    const double w = std::clamp(static_cast<double>(width[c]) + 2, kMinWidth, kMaxWidth);
    if (lxw_error e = worksheet_set_column(ws, col, col, w, nullptr)) return e;
  }
  for (std::size_t r = 0; r < sheet.rows.size(); ++r)
    for (std::size_t c = 0; c < columns && c < sheet.rows[r].size(); ++c)
      if (lxw_error e = write_cell(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), sheet.rows[r][c], f,
                                   width[c] + 2 > kMaxWidth))
        return e;
  worksheet_freeze_panes(ws, 1, 0);
  if (columns > 0)
    return worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(sheet.rows.size()),
                                static_cast<lxw_col_t>(columns - 1));
  return LXW_NO_ERROR;
}

}  // namespace

std::string xlsx_sheet_name(std::string_view wanted, const std::vector<std::string>& taken) {
  std::string name;
  for (char c : xml_chars(wanted)) {
    const bool bad = std::string_view("[]:*?/\\").find(c) != std::string_view::npos ||
                     static_cast<unsigned char>(c) < 0x20;
    name += bad ? '-' : c;
  }
  auto trim = [](std::string& s) {
    const std::size_t b = s.find_first_not_of("' ");
    s = b == std::string::npos ? std::string() : s.substr(b, s.find_last_not_of("' ") - b + 1);
  };
  trim(name);
  name = cut_units(name, kMaxSheetUnits);
  trim(name);
  if (name.empty()) name = "Blad";
  std::string unique = name;
  for (int n = 2; name_taken(unique, taken); ++n) {
    const std::string suffix = " (" + std::to_string(n) + ")";
    std::string base = cut_units(name, kMaxSheetUnits - suffix.size());
    trim(base);
    unique = base + suffix;
  }
  return unique;
}

Status write_xlsx(const std::vector<XlsxSheet>& sheets, const std::string& path) {
  // The workbook goes to a temporary file beside the file to write, renamed
  // over it once complete. Made empty first, so that a folder that is
  // missing or not writable is found before any work, with the system's
  // reason (libxlsxwriter would print its own message on stderr).
  Result<FileReplacement> out = FileReplacement::begin(path, kXlsxWhat);
  if (!out.ok()) return out.error();
  const FileReplacement& temp = out.value();
  lxw_workbook_options options{};
  lxw_workbook* wb = workbook_new_opt(temp.temp_path().c_str(), &options);
  if (!wb) return temp.error("libxlsxwriter could not start a workbook");
  const Formats formats = add_formats(wb);
  std::vector<XlsxSheet> all = sheets;
  if (all.empty()) all.push_back({"Blad1", {}, {}});
  for (const XlsxSheet& sheet : all) {
    if (workbook_validate_sheet_name(wb, sheet.name.c_str()) != LXW_NO_ERROR) {
      lxw_workbook_free(wb);
      return temp.error("invalid sheet name \"" + sheet.name + "\"");
    }
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
    const lxw_error e = ws ? write_sheet(ws, sheet, formats) : LXW_ERROR_MEMORY_MALLOC_FAILED;
    if (e != LXW_NO_ERROR) {
      lxw_workbook_free(wb);
      return temp.error(std::string("sheet \"") + sheet.name + "\": " + lxw_strerror(e));
    }
  }
  if (const lxw_error e = workbook_close(wb); e != LXW_NO_ERROR) return temp.error(lxw_strerror(e));
  return out.value().commit();
}

}  // namespace analyzer
