#include "analyzer/read/xlsx_number_format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

#include <pugixml.hpp>

#include "analyzer/read/xml_part.hpp"

namespace analyzer {
namespace {

// Days from 1970-01-01 to the civil date (y, m, d) and back (Howard
// Hinnant's algorithms, proleptic Gregorian).
void civil_from_days(long long z, long long& y, unsigned& m, unsigned& d) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<long long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
}

// 1899-12-30 and 1904-01-01 as days from 1970-01-01.
constexpr long long kEpoch1900 = -25569;
constexpr long long kEpoch1904 = -24107;

}  // namespace

CellFormat classify_number_format(int id, std::string_view code) {
  if (code.empty()) {
    if ((id >= 14 && id <= 17)) return CellFormat::Date;
    if (id == 22) return CellFormat::DateTime;
    if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47)) return CellFormat::Time;
    if (id == 9 || id == 10) return CellFormat::Percent;
    return CellFormat::Plain;
  }
  // Only the first section (positive numbers) decides.
  bool day_or_year = false, hour_or_second = false, month_or_minute = false, percent = false;
  bool quoted = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (quoted) {
      if (c == '"') quoted = false;
      continue;
    }
    if (c == '"') {
      quoted = true;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is shown as it is (or is padding)
    } else if (c == '[') {
      // [Red], [$-41D], [>100] are no date parts; [h], [mm], [ss] are elapsed time.
      const std::size_t close = code.find(']', i);
      if (close == std::string_view::npos) break;
      const std::string_view inside = code.substr(i + 1, close - i - 1);
      if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos) hour_or_second = true;
      i = close;
    } else if (c == ';') {
      break;
    } else if (c == 'd' || c == 'D' || c == 'y' || c == 'Y') {
      day_or_year = true;
    } else if (c == 'h' || c == 'H' || c == 's' || c == 'S') {
      hour_or_second = true;
    } else if (c == 'm' || c == 'M') {
      month_or_minute = true;  // a month beside d or y, a minute beside h or s
    } else if (c == '%') {
      percent = true;
    } else if ((c == '0' || c == '#' || c == '?') && !day_or_year && !hour_or_second && !month_or_minute) {
      // A digit placeholder before any date or time letter: a number
      // format, whatever letters follow unquoted ("0 st", "0 dagar", as
      // tools other than Excel write them).
      return percent || code.find('%', i) != std::string_view::npos ? CellFormat::Percent : CellFormat::Plain;
    }
  }
  if (day_or_year) return hour_or_second ? CellFormat::DateTime : CellFormat::Date;
  if (hour_or_second) return CellFormat::Time;
  if (month_or_minute) return CellFormat::Date;  // "mmm-yy" has y; "mmmm" alone is a month
  if (percent) return CellFormat::Percent;
  return CellFormat::Plain;
}

std::vector<CellFormat> cell_formats_of(const pugi::xml_document& styles) {
  std::map<int, std::string> codes;
  std::vector<CellFormat> out;
  for (pugi::xml_node section : styles.document_element().children()) {
    const std::string_view name = local_name(section);
    if (name == "numFmts") {
      for (pugi::xml_node f : section.children())
        if (local_name(f) == "numFmt" && codes.size() < kMaxCellFormats)
          codes[f.attribute("numFmtId").as_int(-1)] = f.attribute("formatCode").value();
    } else if (name == "cellXfs") {
      for (pugi::xml_node xf : section.children()) {
        if (local_name(xf) != "xf") continue;
        if (out.size() >= kMaxCellFormats) break;
        const int id = xf.attribute("numFmtId").as_int(0);
        const auto code = codes.find(id);
        out.push_back(classify_number_format(id, code == codes.end() ? std::string_view() : code->second));
      }
    }
  }
  return out;
}

std::string number_text(double value) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.15g", value);
  std::string text = buffer;
  std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

std::optional<std::string> formatted_cell_number(double value, CellFormat format, bool date1904) {
  if (format == CellFormat::Plain || !std::isfinite(value)) return std::nullopt;
  char buffer[48];
  if (format == CellFormat::Percent) return number_text(value * 100) + " %";
  // Seconds since the epoch day, rounded to the second as Excel shows it.
  if (value < 0 || value > 3000000) return std::nullopt;
  // A date alone is the day the value falls in (23:59:59.6 is still that
  // day); a time is rounded to the second, as Excel shows it.
  const long long seconds = format == CellFormat::Date ? static_cast<long long>(std::floor(value)) * 86400
                                                       : std::llround(value * 86400.0);
  const long long days = seconds / 86400;
  const long long of_day = seconds % 86400;
  if (format != CellFormat::Time && !date1904 && days < 61) return std::nullopt;  // before 1900-03-01
  long long y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(days + (date1904 ? kEpoch1904 : kEpoch1900), y, m, d);
  if (y > 9999) return std::nullopt;
  const int hh = static_cast<int>(of_day / 3600), mm = static_cast<int>(of_day / 60 % 60), ss = static_cast<int>(of_day % 60);
  char clock[16];
  if (ss == 0) std::snprintf(clock, sizeof clock, "%02d:%02d", hh, mm);
  else std::snprintf(clock, sizeof clock, "%02d:%02d:%02d", hh, mm, ss);
  if (format == CellFormat::Time) return std::string(clock);
  std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u", y, m, d);
  if (format == CellFormat::DateTime) return std::string(buffer) + " " + clock;
  return std::string(buffer);
}

}  // namespace analyzer
