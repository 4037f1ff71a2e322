#include "analyzer/report/report_from_index.hpp"

#include <algorithm>

namespace analyzer {

ThemeReport theme_report_from_index(const IndexReader& index, const RecordFilter& filter,
                                    const std::vector<ThemeInfo>& themes, const ThemeReportOptions& options) {
  // Only numeric items whose label names a theme become figures.
  const bool by_question = std::find(options.by.begin(), options.by.end(), GroupKey::Question) != options.by.end();
  if (!by_question)
    if (auto tallies = index.answer_tallies(filter))
      return build_theme_report(*tallies, index.themed_numbers(filter), themes, options);
  return build_theme_report(index.answers(filter), index.themed_numbers(filter), themes, options);
}

}  // namespace analyzer
