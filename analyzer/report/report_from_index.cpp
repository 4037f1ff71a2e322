#include "analyzer/report/report_from_index.hpp"

#include <algorithm>
#include <optional>

#include "analyzer/mask/personal_data.hpp"

namespace analyzer {

ThemeReport theme_report_from_index(const IndexReader& index, const RecordFilter& filter,
                                    const std::vector<ThemeInfo>& themes, const ThemeReportOptions& options) {
  // Only numeric items whose label names a theme become figures.
  const bool by_question = std::find(options.by.begin(), options.by.end(), GroupKey::Question) != options.by.end();
  ThemeReport report;
  std::optional<std::vector<AnswerTally>> tallies;
  if (!by_question) tallies = index.answer_tallies(filter);
  if (tallies) report = build_theme_report(*tallies, index.themed_numbers(filter), themes, options);
  else report = build_theme_report(index.answers(filter), index.themed_numbers(filter), themes, options);
  mask_figure_labels(report, index);
  return report;
}

void mask_figure_labels(ThemeReport& report, const IndexReader& index) {
  const bool any = std::any_of(report.rows.begin(), report.rows.end(),
                               [](const ThemeReportRow& row) { return !row.figures.empty(); });
  if (!any) return;
  PersonalDataMasker masker(index.contact_names());
  for (ThemeReportRow& row : report.rows)
    for (NumericFigure& f : row.figures) f.label = masker.mask(f.label);
}

}  // namespace analyzer
