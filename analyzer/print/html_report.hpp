#pragma once
// Printer: the theme report as ONE self-contained HTML5 page (`report
// --format html`), for reading on screen and for printing.
//
// In:  a ThemeReport and, per theme, an ExcerptList (both computed in
//      report/; this file computes nothing but layout).
// Out: UTF-8 HTML on `out`, Swedish labels (lang="sv"). The page loads
//      nothing: inline CSS, inline SVG, no scripts, no fonts, no links to
//      other pages; a Content-Security-Policy meta tag (default-src 'none')
//      makes the browser refuse, and report on its console, anything that
//      would be fetched.
//
// Layout, top to bottom:
//   1. Title "God och nära vård – temarapport", contents.
//   2. Sammanfattning: sources (files), respondents, answers, themes, the
//      grouping keys; how to read "X av Y".
//   3. Tematabell: one line per report row: theme, the grouping keys,
//      respondents "X av Y", share, answers "X av Y", mentions, the change
//      against the previous year, and the row's numeric figures, each
//      marked "respondentens egen siffra".
//   4. Stapeldiagram (SVG): per theme a group of bars, one bar per year
//      (one bar per theme when there is no year key). Each bar
//      (<g class="bar" data-theme=… data-year=…>) stacks the rows of that
//      theme and year, one segment per group of the other keys (region,
//      ...); the number above a bar is where the stack ends.
//   5. Värmekarta (SVG): region × theme, a cell per report row, shaded by
//      respondents / respondents in the region; one map per combination of
//      the other keys (per year with --by year,region). Without a region key
//      the section says so.
//   6. Samförekomst: answers and respondents mentioning both themes.
//   7. Citat per tema: the excerpts in their ranked order, as blockquotes
//      with the theme's mentions in <mark>, and a citation per source
//      (respondent, year, region, question and question text, file, where
//      in it as location_text() says ("rad 88", "sida 14"), bytes).
//
// Escaping: every text from the data goes through HTML escaping of
// & < > " ' (in element text and attribute values alike).
// Marks are byte spans into Excerpt::text; out-of-range marks are clipped,
// overlapping marks merged, ends moved to UTF-8 character boundaries.
// Cost: linear in rows × years + excerpts. Never throws on user data (only
// what `out` throws). Thread-safe (no shared state).
//
// Example:
//   std::ofstream f("report.html");
//   print_report_html(build_theme_report(answers, numbers, themes, {.by = {GroupKey::Year}}),
//                     {build_excerpts(answers, "sip", "SIP", names, {})}, f);

#include <ostream>
#include <vector>

#include "analyzer/report/excerpts.hpp"
#include "analyzer/report/theme_report.hpp"

namespace analyzer {

void print_report_html(const ThemeReport& report, const std::vector<ExcerptList>& excerpts, std::ostream& out);

// `excerpts --format html`: one self-contained page (same head, CSS and
// escaping as above) with section 7 for one theme only.
void print_excerpts_html(const ExcerptList& list, std::ostream& out);

}  // namespace analyzer
