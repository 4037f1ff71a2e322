#include "analyzer/report/report_from_index.hpp"

#include <algorithm>
#include <optional>

#include "analyzer/mask/personal_data.hpp"

// The benchmark (tests/bench/search_latency.cpp) calls this same function
// as `analyzer report` does, so a faster way of reading the index is
// measured by the benchmark as soon as the command uses it.

namespace analyzer {
namespace {

// The labels and question texts of `report`'s figures masked (mask/personal_data.hpp) with the
// index's contact names, read only when there is a figure.
void mask_figure_labels(ThemeReport& report, const IndexReader& index) {
  const bool any = std::any_of(report.rows.begin(), report.rows.end(),
                               [](const ThemeReportRow& row) { return !row.figures.empty(); });
  if (!any) return;
  PersonalDataMasker masker(index.contact_names());
  for (ThemeReportRow& row : report.rows)
    for (NumericFigure& f : row.figures) {
      f.label = masker.mask(f.label);
      f.question_text = masker.mask(f.question_text);
    }
}

}  // namespace

ThemeReport theme_report_from_index(const IndexReader& index, const RecordFilter& filter,
                                    const std::vector<ThemeInfo>& themes, const ThemeReportOptions& options) {
  // Only numeric items whose label names a theme become figures.
  const bool by_question = std::find(options.by.begin(), options.by.end(), GroupKey::Question) != options.by.end();
  std::optional<std::vector<AnswerTally>> tallies;
  if (!by_question) tallies = index.answer_tallies(filter);
  const std::vector<NumericItem> figures = index.themed_numbers(filter);
  ThemeReport report = tallies ? build_theme_report(*tallies, figures, themes, options)
                               : build_theme_report(index.answers(filter), figures, themes, options);
  mask_figure_labels(report, index);
  return report;
}

ThemeReport theme_report_from_answers(const IndexReader& index, const std::vector<AnswerRecord>& answers,
                                      const RecordFilter& filter, const std::vector<ThemeInfo>& themes,
                                      const ThemeReportOptions& options) {
  ThemeReport report = build_theme_report(answers, index.themed_numbers(filter), themes, options);
  mask_figure_labels(report, index);
  return report;
}

}  // namespace analyzer
