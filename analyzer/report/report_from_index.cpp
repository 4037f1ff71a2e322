#include "analyzer/report/report_from_index.hpp"

namespace analyzer {

ThemeReport theme_report_from_index(const IndexReader& index, const RecordFilter& filter,
                                    const std::vector<ThemeInfo>& themes, const ThemeReportOptions& options) {
  return build_theme_report(index.answers(filter), index.numbers(filter), themes, options);
}

}  // namespace analyzer
