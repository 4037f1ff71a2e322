#include "analyzer/report/report_provenance.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <set>

#include "analyzer/index/index.hpp"

namespace analyzer {

std::vector<SourceSummary> provenance_sources(const IndexReader& index, const std::vector<std::string>& names) {
  const std::set<std::string> wanted(names.begin(), names.end());
  std::vector<SourceSummary> out;
  for (SourceSummary& s : index.source_summaries())
    if (wanted.count(s.source)) out.push_back(std::move(s));
  std::sort(out.begin(), out.end(), [](const SourceSummary& a, const SourceSummary& b) { return a.source < b.source; });
  return out;
}

std::string utc_timestamp(std::int64_t seconds) {
  // Civil date from days since the epoch (Howard Hinnant's algorithm):
  // no time zone database, no locale, the same on every platform.
  std::int64_t days = seconds / 86400, rest = seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = yoe + era * 400 + (month <= 2);
  char buf[128];  // six long longs of up to 20 characters and 7 more: never truncated
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", static_cast<long long>(year),
                static_cast<long long>(month), static_cast<long long>(day), static_cast<long long>(rest / 3600),
                static_cast<long long>(rest / 60 % 60), static_cast<long long>(rest % 60));
  return buf;
}

std::optional<std::int64_t> report_time(const char* source_date_epoch, std::int64_t now) {
  if (!source_date_epoch) return now;
  std::string_view s(source_date_epoch);
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::string shell_command_line(const std::vector<std::string>& words) {
  auto plain = [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view(",._+:@%/=-").find(static_cast<char>(c)) != std::string_view::npos;
  };
  std::string line;
  for (const std::string& w : words) {
    if (!line.empty()) line += ' ';
    if (!w.empty() && std::all_of(w.begin(), w.end(), plain)) {
      line += w;
      continue;
    }
    line += '\'';
    for (char c : w) line += c == '\'' ? std::string("'\\''") : std::string(1, c);
    line += '\'';
  }
  return line;
}

}  // namespace analyzer
