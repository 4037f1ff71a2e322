#include "analyzer/print/html_report.hpp"

#include "analyzer/core/utf8.hpp"
#include "analyzer/print/location_text.hpp"
#include "analyzer/print/no_value.hpp"
#include "analyzer/print/provenance_printers.hpp"
#include "analyzer/print/report_printers.hpp"
#include "analyzer/core/xml_text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

namespace analyzer {
namespace {

constexpr const char* kTitle = "God och nära vård – temarapport";
constexpr const char* kNbsp = "\xC2\xA0";      // U+00A0 between a number and "%"

// ---------------------------------------------------------------- text

// HTML escaping of & < > " ' : safe in element text and in attribute values.
std::string esc(std::string_view s) { return markup_escape(s); }

std::string num(std::size_t n) { return std::to_string(n); }

// A coordinate for SVG: one decimal, independent of the stream's locale.
std::string coord(double v) {
  if (v > -0.05 && v < 0.05) v = 0;   // no "-0.0"
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 1);
  if (ec != std::errc()) return "0";
  std::string s(buf, end);
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

// "60 %" (rounded half up), "–" when there is no whole.
std::string html_share_text(std::size_t part, std::size_t whole) {
  if (whole == 0) return kNoValue;
  return num((part * 200 + whole) / (2 * whole)) + kNbsp + "%";
}

double share_of(std::size_t part, std::size_t whole) {
  return whole == 0 ? 0.0 : std::min(1.0, static_cast<double>(part) / static_cast<double>(whole));
}

std::string of_text(std::size_t part, std::size_t whole) { return num(part) + " av " + num(whole); }

using utf8::code_points;

// Splits a label at spaces into lines of about `width` code points (a word
// longer than that gets a line of its own). Layout only.
std::vector<std::string> wrap(std::string_view label, std::size_t width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t pos = 0;
  while (pos < label.size()) {
    std::size_t sp = label.find(' ', pos);
    std::string_view word = label.substr(pos, sp == std::string_view::npos ? std::string_view::npos : sp - pos);
    pos = sp == std::string_view::npos ? label.size() : sp + 1;
    if (word.empty()) continue;
    if (!line.empty() && code_points(line) + 1 + code_points(word) > width) {
      lines.push_back(line);
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += word;
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

// ---------------------------------------------------------------- report vocabulary in Swedish

bool has_key(const ThemeReport& r, GroupKey k) { return std::find(r.by.begin(), r.by.end(), k) != r.by.end(); }


std::string html_year_text(const std::optional<int>& y) { return y ? std::to_string(*y) : "okänt år"; }

// The value of one grouping key, as shown (unescaped): the table's value,
// with "fråga" before a question number.
std::string key_value(const GroupValues& g, GroupKey k) {
  std::string v = report_key_value(g, k);
  return k == GroupKey::Question && !g.question.empty() ? "fråga " + v : v;
}

// The values of the report's keys except `skip`, joined: "Dalarna · rss".
std::string group_text(const ThemeReport& r, const GroupValues& g, std::optional<GroupKey> skip) {
  std::string s;
  for (GroupKey k : r.by) {
    if (skip && k == *skip) continue;
    if (!s.empty()) s += " · ";
    s += key_value(g, k);
  }
  return s;
}

std::string html_theme_label(const ThemeReport& r, const std::string& id) {
  for (const ThemeInfo& t : r.themes)
    if (t.id == id) return t.label.empty() ? t.id : t.label;
  return id;
}

std::string html_keys_text(const ThemeReport& r) {
  if (r.by.empty()) return "ingen gruppering (en rad per tema)";
  std::string s;
  for (std::size_t i = 0; i < r.by.size(); ++i) {
    if (i) s += i + 1 == r.by.size() ? " och " : ", ";
    s += report_key_word(r.by[i]);
  }
  return s;
}

// ---------------------------------------------------------------- page frame

constexpr const char* kCss = R"css(
:root { --ink: #1b1f24; --muted: #5b6570; --line: #d5dbe1; --accent: #1d4f91; --mark: #ffe27a; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 1180px; padding: 24px 28px 48px; color: var(--ink); background: #fff;
  font: 15px/1.5 "Segoe UI", "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
header.page { border-bottom: 3px solid var(--accent); margin-bottom: 16px; }
h1 { font-size: 28px; margin: 0 0 4px; color: var(--accent); }
h2 { font-size: 21px; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 17px; margin: 22px 0 6px; }
p.lead { margin: 0 0 12px; color: var(--muted); }
p.note { color: var(--muted); font-size: 13px; margin: 6px 0; }
nav.toc ol { display: flex; flex-wrap: wrap; gap: 4px 18px; list-style: none; padding: 0; margin: 8px 0 0; font-size: 14px; }
nav.toc a { color: var(--accent); }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 8px 0; }
dl.summary dt { font-weight: 600; }
dl.summary dd { margin: 0; }
ul.sources { columns: 2; margin: 4px 0; padding-left: 20px; font-size: 13px; }
code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.92em; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 4px; font-size: 14px; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
thead th { background: #eef2f7; border-bottom: 2px solid #b9c3ce; font-weight: 600; }
tbody + tbody { border-top: 2px solid #b9c3ce; }
tbody th { font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.up { color: #17663a; } td.down { color: #a3281c; } td.not-comparable { color: var(--muted); font-style: italic; }
.small { background: repeating-linear-gradient(135deg, #fff 0 4px, #d5dbe1 4px 6px); }
ol.notes { font-size: 13px; color: var(--muted); margin: 6px 0; padding-left: 22px; }
footer dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 6px 0; }
footer dd { margin: 0; overflow-wrap: anywhere; }
footer table { font-size: 11px; }
.unknown { color: var(--muted); font-style: italic; }
.figure { margin: 0 0 4px; }
.figure-value { font-weight: 700; }
.own { display: inline-block; font-size: 11px; padding: 0 5px; border: 1px solid #c58f00; border-radius: 3px;
  color: #6b4c00; background: #fff6d6; }
.figure-src { font-size: 12px; color: var(--muted); }
.figure-src code, figcaption code { overflow-wrap: anywhere; }
figure.chart { margin: 8px 0; }
figure.chart figcaption { font-size: 13px; color: var(--muted); }
svg { display: block; width: 100%; height: auto; }
svg text { font-family: "Segoe UI", "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; fill: var(--ink); }
svg .axis { stroke: #7d8791; stroke-width: 1; }
svg .grid { stroke: #e3e7eb; stroke-width: 1; }
svg .seg { stroke: #fff; stroke-width: 1; }
svg .value { font-size: 12px; font-weight: 600; }
svg .tick, svg .year { font-size: 11px; fill: var(--muted); }
svg .theme { font-size: 13px; font-weight: 600; }
svg .cell-main { font-size: 13px; font-weight: 600; }
svg .cell-sub { font-size: 11px; }
svg.heatmap { max-width: 1100px; }
svg.scale { max-width: 420px; }
figure.excerpt { margin: 10px 0 16px; padding: 0; }
figure.excerpt blockquote { margin: 0; padding: 8px 14px; border-left: 4px solid var(--accent); background: #f5f7fa;
  white-space: pre-line; font-size: 15px; }
figure.excerpt.fragment blockquote { border-left-color: #9aa5b1; }
figure.excerpt figcaption { font-size: 13px; color: var(--muted); padding: 4px 14px 0 18px; }
figure.excerpt figcaption ul { margin: 2px 0 0; padding-left: 18px; }
mark { background: var(--mark); color: inherit; padding: 0 1px; border-radius: 2px; }
.badge { font-size: 11px; border: 1px solid #9aa5b1; border-radius: 3px; padding: 0 4px; margin-left: 6px; }
footer { margin-top: 40px; padding-top: 8px; border-top: 1px solid var(--line); font-size: 12px; color: var(--muted); }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav.toc { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; margin-top: 18pt; }
  h3 { break-after: avoid; page-break-after: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  table, figure, svg, tr, dl.summary { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  table { font-size: 8.5pt; }
  th, td { padding: 3px 5px; }
  .own { font-size: 7pt; }
  .figure-src { font-size: 7.5pt; }
  figure.excerpt blockquote { font-size: 10pt; }
  a { color: inherit; text-decoration: none; }
}
)css";

void write_head(std::ostream& out, std::string_view title = kTitle) {
  out << "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
         "img-src data:\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<meta name=\"generator\" content=\"analyzer\">\n"
      << "<title>" << esc(title) << "</title>\n<style>" << kCss << "</style>\n</head>\n<body>\n";
}

void write_title(std::ostream& out) {
  out << "<header class=\"page\">\n<h1>" << esc(kTitle) << "</h1>\n"
      << "<p class=\"lead\">Tematisk analys av fritextsvaren i Socialstyrelsens uppföljning av omställningen "
         "till en god och nära vård.</p>\n"
      << "<nav class=\"toc\" aria-label=\"Innehåll\"><ol>"
      << "<li><a href=\"#sammanfattning\">Sammanfattning</a></li>"
      << "<li><a href=\"#tematabell\">Tematabell</a></li>"
      << "<li><a href=\"#diagram\">Respondenter per tema och år</a></li>"
      << "<li><a href=\"#karta\">Region × tema</a></li>"
      << "<li><a href=\"#samforekomst\">Samförekomst</a></li>"
      << "<li><a href=\"#citat\">Citat per tema</a></li>"
      << "</ol></nav>\n</header>\n";
}

// ---------------------------------------------------------------- 2. summary

void write_summary(const ThemeReport& r, std::ostream& out) {
  out << "<section id=\"sammanfattning\">\n<h2>Sammanfattning</h2>\n<dl class=\"summary\">\n"
      << "<dt>Källor</dt><dd>" << num(r.sources.size()) << (r.sources.size() == 1 ? " fil" : " filer") << "</dd>\n"
      << "<dt>Respondenter</dt><dd>" << num(r.respondents_total) << "</dd>\n"
      << "<dt>Svar</dt><dd>" << num(r.answers_total) << "</dd>\n"
      << "<dt>Teman</dt><dd>" << num(r.themes.size());
  if (!r.themes.empty()) {
    out << ": ";
    for (std::size_t i = 0; i < r.themes.size(); ++i)
      out << (i ? ", " : "") << esc(html_theme_label(r, r.themes[i].id));
  }
  out << "</dd>\n<dt>Grupperat efter</dt><dd>" << esc(html_keys_text(r)) << "</dd>\n</dl>\n";
  if (!r.sources.empty()) {
    out << "<ul class=\"sources\">";
    for (const std::string& s : r.sources) out << "<li><code>" << esc(s) << "</code></li>";
    out << "</ul>\n";
  }
  out << "<p class=\"note\">”X av Y” betyder: X respondenter nämner temat i minst ett svar, av Y respondenter "
         "som har svarat i gruppen. En respondent räknas en gång per grupp, hur många svar eller omnämnanden "
         "den än har. Siffror märkta ”respondentens egen siffra” har respondenten själv angett i enkäten; "
         "de är inte räknade ur fritexten.</p>\n</section>\n";
}

// ---------------------------------------------------------------- 3. theme table

void write_figures(const std::vector<NumericFigure>& figures, std::ostream& out) {
  if (figures.empty()) {
    out << kNoValue;
    return;
  }
  for (const NumericFigure& f : figures) {
    out << "<div class=\"figure\"><span class=\"figure-value\">" << esc(f.value_text) << "</span> "
        << "<span class=\"own\">respondentens egen siffra</span><div class=\"figure-src\">"
        << esc(figure_question_and_label(f));
    if (!f.respondent.empty()) out << " · " << esc(f.respondent);
    if (f.year) out << " · " << *f.year;
    if (!f.question.empty()) out << " · fråga " << esc(f.question);
    if (!f.source.empty()) out << " · <code>" << esc(f.source) << "</code>";
    out << "</div></div>";
  }
}

// Whether key k of group g has no value (shown as "okänt ..." in grey).
bool is_unknown(const GroupValues& g, GroupKey k) {
  switch (k) {
    case GroupKey::Year: return !g.year;
    case GroupKey::Region: return g.region.empty();
    case GroupKey::RespondentType: return g.respondent_type.empty();
    case GroupKey::Respondent: return g.respondent.empty();
    case GroupKey::Question: return g.question.empty();
  }
  return false;
}

void write_theme_table_head(const ThemeReport& r, bool by_year, std::ostream& out) {
  out << "<p class=\"note\">En rad per tema och grupp (" << esc(html_keys_text(r))
      << "). Respondenter: de som nämner temat av dem som svarat i gruppen. Svar: svar som nämner temat av "
         "alla svar i gruppen.";
  if (by_year) out << " " << esc(change_legend(r));
  if (std::any_of(r.rows.begin(), r.rows.end(), [](const ThemeReportRow& row) { return row.small_group; }))
    out << " <span class=\"small\">" << esc(kSmallGroupMark) << "</span> " << esc(small_group_legend(r).substr(2));
  out << "</p>\n<table class=\"themes\">\n<thead><tr><th scope=\"col\">Tema</th>";
  for (GroupKey k : r.by) out << "<th scope=\"col\">" << report_key_heading(k) << "</th>";
  out << "<th scope=\"col\" class=\"num\">Respondenter</th><th scope=\"col\" class=\"num\">Andel</th>"
      << "<th scope=\"col\" class=\"num\">Svar</th><th scope=\"col\" class=\"num\">Omnämnanden</th>";
  if (by_year) out << "<th scope=\"col\" class=\"num\">Förändring</th>";
  out << "<th scope=\"col\">Egna siffror</th></tr></thead>\n";
}

void write_theme_row(const ThemeReport& r, const ThemeReportRow& row, bool by_year, std::size_t note,
                     std::ostream& out) {
  out << "<tr><th scope=\"row\">" << esc(html_theme_label(r, row.theme)) << "</th>";
  for (GroupKey k : r.by)
    out << "<td" << (is_unknown(row.group, k) ? " class=\"unknown\"" : "") << ">" << esc(key_value(row.group, k))
        << "</td>";
  out << "<td class=\"num\">" << of_text(row.respondents, row.respondents_total) << "</td>"
      << "<td class=\"num" << (row.small_group ? " small" : "") << "\">"
      << html_share_text(row.respondents, row.respondents_total) << (row.small_group ? kSmallGroupMark : "") << "</td>"
      << "<td class=\"num\">" << of_text(row.answers, row.answers_total) << "</td>"
      << "<td class=\"num\">" << num(row.mentions) << "</td>";
  if (by_year) {
    const std::optional<double> points = row.change ? row.change->points() : std::nullopt;
    const char* cls = row.change && !row.change->comparable ? "num not-comparable"
                      : !points || std::lround(*points) == 0 ? "num"
                      : *points > 0                          ? "num up"
                                                             : "num down";
    out << "<td class=\"" << cls << "\">" << esc(change_text(row));
    if (note) out << "<sup><a href=\"#not-" << note << "\">" << note << "</a></sup>";
    out << "</td>";
  }
  out << "<td class=\"figures\">";
  write_figures(row.figures, out);
  out << "</td></tr>\n";
}

void write_theme_table(const ThemeReport& r, std::ostream& out) {
  const bool by_year = has_key(r, GroupKey::Year);
  out << "<section id=\"tematabell\">\n<h2>Tematabell</h2>\n";
  if (r.rows.empty()) {
    out << "<p class=\"note\">Rapporten har inga rader.</p>\n</section>\n";
    return;
  }
  write_theme_table_head(r, by_year, out);
  const ChangeNotes notes = change_notes(r);
  const std::string* open_theme = nullptr;   // one <tbody> per theme
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    const ThemeReportRow& row = r.rows[i];
    if (!open_theme || *open_theme != row.theme) {
      if (open_theme) out << "</tbody>\n";
      out << "<tbody data-theme=\"" << esc(row.theme) << "\">\n";
      open_theme = &row.theme;
    }
    write_theme_row(r, row, by_year, notes.note_of_row[i], out);
  }
  out << "</tbody>\n</table>\n";
  if (!notes.notes.empty()) {
    out << "<ol class=\"notes\">";
    for (std::size_t i = 0; i < notes.notes.size(); ++i)
      out << "<li id=\"not-" << i + 1 << "\">" << esc(notes.notes[i]) << "</li>";
    out << "</ol>\n";
  }
  out << "</section>\n";
}

// ---------------------------------------------------------------- 4. bar chart

// Colour per year bar (colour-blind safe, Okabe–Ito order); grey for an unknown year.
const char* year_colour(std::size_t i, bool known) {
  static const char* const kPalette[] = {"#0072b2", "#e69f00", "#009e73", "#cc79a7",
                                         "#56b4e9", "#d55e00", "#f0e442", "#000000"};
  return known ? kPalette[i % (sizeof kPalette / sizeof kPalette[0])] : "#9aa5b1";
}

// The years of the bars: those of the rows, ascending, unknown last; one
// slot (no year) when the report is not grouped by year.
std::vector<std::optional<int>> bar_years(const ThemeReport& r) {
  std::vector<std::optional<int>> years;
  if (has_key(r, GroupKey::Year))
    for (const ThemeReportRow& row : r.rows)
      if (std::find(years.begin(), years.end(), row.group.year) == years.end()) years.push_back(row.group.year);
  std::sort(years.begin(), years.end(), [](const std::optional<int>& a, const std::optional<int>& b) {
    if (a.has_value() != b.has_value()) return a.has_value();
    return a.has_value() && *a < *b;
  });
  if (years.empty()) years.push_back(std::nullopt);
  return years;
}

// Axis step giving at most about 6 grid lines up to `max`.
std::size_t axis_step(std::size_t max) {
  for (std::size_t base = 1;; base *= 10)
    for (std::size_t m : {1, 2, 5})
      if (max <= m * base * 6) return m * base;
}

// The rows of one bar (theme × year), and where its stack ends.
struct Bar {
  std::vector<const ThemeReportRow*> rows;
  std::size_t top = 0;
};

// The bar chart of a report with rows and themes: one group of bars per
// theme, one bar per year, stacked by the report's other keys.
class BarChart {
 public:
  explicit BarChart(const ThemeReport& r)
      : r_(r), by_year_(has_key(r, GroupKey::Year)), years_(bar_years(r)),
        stacked_(std::any_of(r.by.begin(), r.by.end(), [](GroupKey k) { return k != GroupKey::Year; })) {
    const std::size_t highest = collect_bars();
    top_ = by_year_ ? 48 : 28;
    bottom_ = by_year_ ? 78 : 62;
    height_ = top_ + plot_h_ + bottom_;
    base_ = top_ + plot_h_;
    group_w_ = (width_ - left_ - right_) / static_cast<double>(r.themes.size());
    bar_w_ = std::min(60.0, group_w_ * 0.8 / static_cast<double>(years_.size()));
    step_ = axis_step(std::max<std::size_t>(highest, 1));
    axis_max_ = ((std::max<std::size_t>(highest, 1) + step_ - 1) / step_) * step_;
  }

  void write(std::ostream& out) const {
    out << "<figure class=\"chart\">\n<svg class=\"bars\" viewBox=\"0 0 " << coord(width_) << ' '
        << coord(height_) << "\" role=\"img\" aria-labelledby=\"bars-title\">\n"
        << "<title id=\"bars-title\">Antal respondenter som nämner varje tema"
        << (by_year_ ? ", per år" : "") << "</title>\n";
    out << "<text class=\"tick\" x=\"" << coord(left_) << "\" y=\"14\">Respondenter som nämner temat</text>\n";
    if (by_year_) write_legend(out);
    write_grid(out);
    for (std::size_t t = 0; t < r_.themes.size(); ++t) write_theme(t, out);
    out << "</svg>\n<figcaption>";
    write_caption(out);
    out << "</figcaption>\n</figure>\n";
  }

 private:
  // Fills bars_ (theme × year) from the rows; returns the highest stack.
  std::size_t collect_bars() {
    bars_.assign(r_.themes.size(), std::vector<Bar>(years_.size()));
    std::size_t highest = 0;
    for (std::size_t t = 0; t < r_.themes.size(); ++t)
      for (std::size_t y = 0; y < years_.size(); ++y) {
        Bar& bar = bars_[t][y];
        for (const ThemeReportRow& row : r_.rows)
          if (row.theme == r_.themes[t].id && (!by_year_ || row.group.year == years_[y])) {
            bar.rows.push_back(&row);
            bar.top += row.respondents;
          }
        highest = std::max(highest, bar.top);
      }
    return highest;
  }

  double y_of(double v) const { return base_ - v / static_cast<double>(axis_max_) * plot_h_; }

  // One swatch per year.
  void write_legend(std::ostream& out) const {
    double x = left_;
    for (std::size_t y = 0; y < years_.size(); ++y) {
      out << "<rect x=\"" << coord(x) << "\" y=\"24\" width=\"12\" height=\"12\" fill=\""
          << year_colour(y, years_[y].has_value()) << "\"/><text class=\"tick\" x=\"" << coord(x + 16)
          << "\" y=\"34\">" << esc(html_year_text(years_[y])) << "</text>\n";
      x += 86;
    }
  }

  // The axis, grid lines and their values.
  void write_grid(std::ostream& out) const {
    for (std::size_t v = 0; v <= axis_max_; v += step_) {
      double y = y_of(static_cast<double>(v));
      out << "<line class=\"" << (v == 0 ? "axis" : "grid") << "\" x1=\"" << coord(left_) << "\" x2=\""
          << coord(width_ - right_) << "\" y1=\"" << coord(y) << "\" y2=\"" << coord(y) << "\"/>"
          << "<text class=\"tick\" text-anchor=\"end\" x=\"" << coord(left_ - 6) << "\" y=\"" << coord(y + 4)
          << "\">" << num(v) << "</text>\n";
    }
  }

  // The bars of theme t and its label (up to three lines) under them.
  void write_theme(std::size_t t, std::ostream& out) const {
    const std::string label = html_theme_label(r_, r_.themes[t].id);
    const double gx = left_ + static_cast<double>(t) * group_w_;
    const double x0 = gx + (group_w_ - bar_w_ * static_cast<double>(years_.size())) / 2;
    for (std::size_t y = 0; y < years_.size(); ++y)
      write_bar(t, y, x0 + static_cast<double>(y) * bar_w_, label, out);
    const std::size_t chars = std::max<std::size_t>(8, static_cast<std::size_t>(group_w_ / 8));
    const std::vector<std::string> lines = wrap(label, chars);
    double ly = base_ + (by_year_ && bar_w_ >= 30 ? 34 : 20);
    out << "<text class=\"theme\" text-anchor=\"middle\" x=\"" << coord(gx + group_w_ / 2) << "\" y=\""
        << coord(ly) << "\">";
    for (std::size_t i = 0; i < lines.size() && i < 3; ++i)
      out << "<tspan x=\"" << coord(gx + group_w_ / 2) << "\" dy=\"" << (i ? "16" : "0") << "\">"
          << esc(lines[i]) << "</tspan>";
    out << "</text>\n";
  }

  // The bar of theme t and year y at x: its stacked segments, the value
  // above it and (by year, when wide enough) the year under it.
  void write_bar(std::size_t t, std::size_t y, double x, const std::string& label, std::ostream& out) const {
    const Bar& bar = bars_[t][y];
    out << "<g class=\"bar\" data-theme=\"" << esc(r_.themes[t].id) << "\"";
    if (by_year_) out << " data-year=\"" << (years_[y] ? std::to_string(*years_[y]) : "") << "\"";
    out << ">";
    double level = 0;
    for (const ThemeReportRow* row : bar.rows) {
      if (row->respondents == 0) continue;
      write_segment(*row, y, x, level, label, out);
      level += static_cast<double>(row->respondents);
    }
    out << "<text class=\"value\" text-anchor=\"middle\" x=\"" << coord(x + bar_w_ / 2) << "\" y=\""
        << coord(y_of(static_cast<double>(bar.top)) - 5) << "\">"
        << (bar.rows.empty() ? std::string(kNoValue) : num(bar.top)) << "</text>";
    if (by_year_ && bar_w_ >= 30)
      out << "<text class=\"year\" text-anchor=\"middle\" x=\"" << coord(x + bar_w_ / 2) << "\" y=\""
          << coord(base_ + 14) << "\">" << esc(years_[y] ? std::to_string(*years_[y]) : "?") << "</text>";
    out << "</g>\n";
  }

  // One row's segment of a bar, stacked on `level` respondents.
  void write_segment(const ThemeReportRow& row, std::size_t y, double x, double level, const std::string& label,
                     std::ostream& out) const {
    const double inner = std::max(2.0, bar_w_ - 6);
    const double y_top = y_of(level + static_cast<double>(row.respondents));
    const double y_bot = y_of(level);
    std::string what = label;
    if (by_year_) what += ", " + html_year_text(years_[y]);
    if (stacked_) what += ", " + group_text(r_, row.group, GroupKey::Year);
    out << "<rect class=\"seg\" x=\"" << coord(x + 3) << "\" y=\"" << coord(y_top) << "\" width=\""
        << coord(inner) << "\" height=\"" << coord(y_bot - y_top) << "\" fill=\""
        << year_colour(y, years_[y].has_value()) << "\"><title>" << esc(what) << ": "
        << of_text(row.respondents, row.respondents_total) << " respondenter</title></rect>";
  }

  void write_caption(std::ostream& out) const {
    if (!by_year_)
      out << "En stapel per tema: rapporten är inte grupperad per år.";
    else
      out << "En stapel per tema och år; siffran över stapeln är antalet respondenter som nämner temat.";
    if (!stacked_) return;
    std::string others;
    for (GroupKey k : r_.by)
      if (k != GroupKey::Year) others += std::string(others.empty() ? "" : ", ") + report_key_word(k);
    out << " Varje stapel är uppdelad i rapportens grupper (" << esc(others)
        << ") som staplas på varandra; håll muspekaren över en del för att se gruppen.";
    if (has_key(r_, GroupKey::Question))
      out << " Grupperat per fråga räknas en respondent en gång per fråga, så staplarna kan räkna "
             "samma respondent flera gånger.";
  }

  const ThemeReport& r_;
  const bool by_year_;
  const std::vector<std::optional<int>> years_;
  const bool stacked_;
  std::vector<std::vector<Bar>> bars_;   // [theme][year]
  // Layout in SVG units: the plot between the margins, a group of bars per theme.
  static constexpr double width_ = 1100, left_ = 56, right_ = 16, plot_h_ = 280;
  double top_ = 0, bottom_ = 0, height_ = 0, base_ = 0, group_w_ = 0, bar_w_ = 0;
  std::size_t step_ = 1, axis_max_ = 1;
};

void write_bar_chart(const ThemeReport& r, std::ostream& out) {
  out << "<section id=\"diagram\">\n<h2>Respondenter per tema och år</h2>\n";
  if (r.themes.empty() || r.rows.empty()) {
    out << "<p class=\"note\">Rapporten har inga rader att visa.</p>\n</section>\n";
    return;
  }
  BarChart(r).write(out);
  out << "</section>\n";
}

// ---------------------------------------------------------------- 5. heat map

// Shade for a share in [0, 1]: from a pale to a dark blue.
std::string heat_colour(double share) {
  const int from[3] = {238, 243, 250}, to[3] = {8, 48, 107};
  char buf[8];
  int c[3];
  for (int i = 0; i < 3; ++i) c[i] = static_cast<int>(from[i] + (to[i] - from[i]) * share + 0.5);
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c[0] & 0xff, c[1] & 0xff, c[2] & 0xff);
  return buf;
}

const char* heat_ink(double share) { return share >= 0.5 ? "#ffffff" : "#1b1f24"; }

// The hatching of a small group's cell (<pattern id="liten-grupp">), defined
// once in an SVG of no size before the maps, which refer to it.
void write_hatch(std::ostream& out) {
  out << "<svg aria-hidden=\"true\" focusable=\"false\" style=\"position:absolute;width:0;height:0\"><defs><pattern id=\"liten-grupp\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" "
         "patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"#ffffff\"/>"
         "<rect width=\"3\" height=\"8\" fill=\"#c3ccd6\"/></pattern></defs></svg>\n";
}

void write_heat_scale(const ThemeReport& r, std::ostream& out) {
  out << "<svg class=\"scale\" viewBox=\"0 0 420 34\" role=\"img\" aria-label=\"Färgskala: andel respondenter\">";
  for (int i = 0; i <= 5; ++i) {
    double share = i / 5.0;
    out << "<rect x=\"" << 150 + i * 44 << "\" y=\"4\" width=\"44\" height=\"16\" fill=\"" << heat_colour(share)
        << "\"/><text class=\"tick\" text-anchor=\"middle\" x=\"" << 172 + i * 44 << "\" y=\"32\">" << i * 20
        << kNbsp << "%</text>";
  }
  out << "<text class=\"tick\" x=\"0\" y=\"16\">Andel respondenter:</text></svg>\n";
  if (std::any_of(r.rows.begin(), r.rows.end(), [](const ThemeReportRow& row) { return row.small_group; }))
    out << "<p class=\"note\"><span class=\"small\">&nbsp;&nbsp;&nbsp;&nbsp;</span> Randig ruta: färre än "
        << num(r.min_group) << " respondenter i gruppen; andelen visas med sina antal men bär inte en "
           "slutsats.</p>\n";
}

GroupValues without_region(GroupValues g) {
  g.region.clear();
  return g;
}

// One map per combination of the keys other than region, in the order of
// the rows, known years first (ascending).
std::vector<GroupValues> heat_map_groups(const ThemeReport& r) {
  std::vector<GroupValues> maps;
  for (const ThemeReportRow& row : r.rows) {
    GroupValues g = without_region(row.group);
    if (std::find(maps.begin(), maps.end(), g) == maps.end()) maps.push_back(g);
  }
  std::stable_sort(maps.begin(), maps.end(), [](const GroupValues& a, const GroupValues& b) {
    if (a.year.has_value() != b.year.has_value()) return a.year.has_value();
    return a.year.has_value() && *a.year < *b.year;
  });
  return maps;
}

// The heat map of one group `m` (region cleared): a row per region in the
// order of the report's rows, a column per theme.
class HeatMap {
 public:
  HeatMap(const ThemeReport& r, const GroupValues& m)
      : r_(r), m_(m), nt_(r.themes.size()),
        cell_w_(std::min(150.0, (1100.0 - label_w_ - 8) / static_cast<double>(nt_))) {
    for (const ThemeReportRow& row : r.rows)
      if (without_region(row.group) == m &&
          std::find(regions_.begin(), regions_.end(), row.group.region) == regions_.end())
        regions_.push_back(row.group.region);
  }

  void write(std::ostream& out) const {
    const std::string title = group_text(r_, m_, GroupKey::Region);
    if (!title.empty()) out << "<h3>" << esc(title) << "</h3>\n";
    const double width = label_w_ + cell_w_ * static_cast<double>(nt_) + 8;
    const double height = head_h_ + cell_h_ * static_cast<double>(regions_.size()) + 6;
    out << "<figure class=\"chart\">\n<svg class=\"heatmap\" viewBox=\"0 0 " << coord(width) << ' '
        << coord(height) << "\" style=\"max-width:" << coord(width) << "px\" role=\"img\" aria-label=\""
        << esc("Region × tema" + (title.empty() ? std::string() : ", " + title)) << "\">\n";
    for (std::size_t t = 0; t < nt_; ++t) write_theme_heading(t, out);
    for (std::size_t g = 0; g < regions_.size(); ++g) {
      const double y = head_h_ + cell_h_ * static_cast<double>(g);
      const std::string region = regions_[g].empty() ? "okänd region" : regions_[g];
      out << "<text class=\"theme\" x=\"4\" y=\"" << coord(y + cell_h_ / 2 + 5) << "\">" << esc(region)
          << "</text>\n";
      for (std::size_t t = 0; t < nt_; ++t) write_cell(t, g, y, region, out);
    }
    out << "</svg>\n</figure>\n";
  }

 private:
  // The label of theme t above its column, up to three lines.
  void write_theme_heading(std::size_t t, std::ostream& out) const {
    const double cx = label_w_ + cell_w_ * (static_cast<double>(t) + 0.5);
    const std::vector<std::string> lines =
        wrap(html_theme_label(r_, r_.themes[t].id), std::max<std::size_t>(8, static_cast<std::size_t>(cell_w_ / 8)));
    const double y0 = head_h_ - 10 - 16 * static_cast<double>(std::min<std::size_t>(lines.size(), 3) - 1);
    out << "<text class=\"theme\" text-anchor=\"middle\" x=\"" << coord(cx) << "\" y=\"" << coord(y0) << "\">";
    for (std::size_t i = 0; i < lines.size() && i < 3; ++i)
      out << "<tspan x=\"" << coord(cx) << "\" dy=\"" << (i ? "16" : "0") << "\">" << esc(lines[i]) << "</tspan>";
    out << "</text>\n";
  }

  // The row of theme t in region g of this map, or null.
  const ThemeReportRow* find_cell(std::size_t t, std::size_t g) const {
    for (const ThemeReportRow& row : r_.rows)
      if (row.theme == r_.themes[t].id && row.group.region == regions_[g] && without_region(row.group) == m_)
        return &row;
    return nullptr;
  }

  // The cell of theme t in region g (shown as `region`) at height y:
  // coloured by the share, "X av Y" and the share in it; "–" without answers.
  void write_cell(std::size_t t, std::size_t g, double y, const std::string& region, std::ostream& out) const {
    const ThemeReportRow* cell = find_cell(t, g);
    const double x = label_w_ + cell_w_ * static_cast<double>(t);
    const bool has = cell && cell->respondents_total > 0;
    const bool small = has && cell->small_group;   // hatched, not shaded: too few to read a share from
    const double share = has && !small ? share_of(cell->respondents, cell->respondents_total) : 0;
    out << "<g class=\"cell\" data-theme=\"" << esc(r_.themes[t].id) << "\" data-region=\"" << esc(regions_[g])
        << "\"><rect x=\"" << coord(x + 1) << "\" y=\"" << coord(y + 1) << "\" width=\"" << coord(cell_w_ - 2)
        << "\" height=\"" << coord(cell_h_ - 2) << "\" fill=\""
        << (small ? "url(#liten-grupp)" : has ? heat_colour(share) : "#f3f4f6")
        << "\"><title>" << esc(region + ", " + html_theme_label(r_, r_.themes[t].id)) << ": "
        << (has ? of_text(cell->respondents, cell->respondents_total) + " respondenter (" +
                      html_share_text(cell->respondents, cell->respondents_total) + ")" +
                      (small ? ", färre än " + num(r_.min_group) + " respondenter" : "")
                : std::string("inga svar"))
        << "</title></rect>";
    const double cx = x + cell_w_ / 2;
    if (has) {
      out << "<text class=\"cell-main\" text-anchor=\"middle\" fill=\"" << heat_ink(share) << "\" x=\""
          << coord(cx) << "\" y=\"" << coord(y + 19) << "\" style=\"fill:" << heat_ink(share) << "\">"
          << of_text(cell->respondents, cell->respondents_total) << "</text><text class=\"cell-sub\" "
          << "text-anchor=\"middle\" x=\"" << coord(cx) << "\" y=\"" << coord(y + 35) << "\" style=\"fill:"
          << heat_ink(share) << "\">" << html_share_text(cell->respondents, cell->respondents_total)
          << (small ? kSmallGroupMark : "") << "</text>";
    } else {
      out << "<text class=\"cell-sub\" text-anchor=\"middle\" x=\"" << coord(cx) << "\" y=\""
          << coord(y + cell_h_ / 2 + 4) << "\">" << kNoValue << "</text>";
    }
    out << "</g>\n";
  }

  const ThemeReport& r_;
  const GroupValues& m_;
  const std::size_t nt_;   // themes, one column each
  // Layout in SVG units: region labels on the left, theme labels on top.
  static constexpr double label_w_ = 180, head_h_ = 52, cell_h_ = 44;
  const double cell_w_;
  std::vector<std::string> regions_;
};

void write_heat_maps(const ThemeReport& r, std::ostream& out) {
  out << "<section id=\"karta\">\n<h2>Region × tema</h2>\n";
  if (!has_key(r, GroupKey::Region)) {
    out << "<p class=\"note\">Rapporten är inte grupperad per region, så ingen värmekarta kan ritas. "
           "Skapa rapporten med <code>--by year,region</code> för att få den.</p>\n</section>\n";
    return;
  }
  if (r.rows.empty() || r.themes.empty()) {
    out << "<p class=\"note\">Rapporten har inga rader att visa.</p>\n</section>\n";
    return;
  }
  out << "<p class=\"note\">Varje ruta: respondenter i regionen som nämner temat, av respondenter i regionen "
         "som har svarat. Mörkare ruta = större andel; ”–” = inga svar från regionen i den gruppen.</p>\n";
  write_heat_scale(r, out);
  write_hatch(out);
  for (const GroupValues& m : heat_map_groups(r)) HeatMap(r, m).write(out);
  out << "</section>\n";
}

// ---------------------------------------------------------------- 6. co-occurrence

void write_co_occurrence(const ThemeReport& r, std::ostream& out) {
  out << "<section id=\"samforekomst\">\n<h2>Samförekomst</h2>\n";
  if (r.co_occurrence.empty()) {
    out << "<p class=\"note\">Ingen samförekomst att visa (rapporten har färre än två teman).</p>\n</section>\n";
    return;
  }
  out << "<p class=\"note\">Svar och respondenter som nämner båda temana, räknat över alla svar i rapporten "
         "(inte per grupp). En respondent kan nämna temana i olika svar.</p>\n"
      << "<table class=\"co\">\n<thead><tr><th scope=\"col\">Tema</th><th scope=\"col\">och tema</th>"
      << "<th scope=\"col\" class=\"num\">Svar som nämner båda</th>"
      << "<th scope=\"col\" class=\"num\">Respondenter som nämner båda</th></tr></thead>\n<tbody>\n";
  for (const CoOccurrence& c : r.co_occurrence)
    out << "<tr><td>" << esc(html_theme_label(r, c.a)) << "</td><td>" << esc(html_theme_label(r, c.b))
        << "</td><td class=\"num\">" << num(c.answers) << "</td><td class=\"num\">" << num(c.respondents)
        << "</td></tr>\n";
  out << "</tbody>\n</table>\n</section>\n";
}

// ---------------------------------------------------------------- 7. excerpts

// `text` with its marks in <mark>: clipped to the text, ends moved out of
// UTF-8 sequences, overlapping marks merged.
void write_marked(std::string_view text, const std::vector<ByteSpan>& marks, std::ostream& out) {
  std::vector<ByteSpan> ms;
  for (ByteSpan m : marks) {
    m.end = std::min(m.end, text.size());
    if (m.begin >= m.end) continue;
    m.begin = utf8::char_begin(text, m.begin);
    m.end = utf8::char_end(text, m.end);
    ms.push_back(m);
  }
  std::sort(ms.begin(), ms.end(), [](ByteSpan a, ByteSpan b) { return a.begin < b.begin; });
  std::size_t pos = 0;
  for (std::size_t i = 0; i < ms.size();) {
    ByteSpan m = ms[i++];
    while (i < ms.size() && ms[i].begin <= m.end) m.end = std::max(m.end, ms[i++].end);
    m.begin = std::max(m.begin, pos);
    out << esc(text.substr(pos, m.begin - pos)) << "<mark>" << esc(text.substr(m.begin, m.end - m.begin))
        << "</mark>";
    pos = m.end;
  }
  out << esc(text.substr(pos));
}

void write_citation(const Citation& c, std::ostream& out) {
  out << "<cite>" << (c.respondent.empty() ? "okänd respondent" : esc(c.respondent)) << "</cite>";
  out << ", " << esc(html_year_text(c.year));
  if (!c.region.empty()) out << ", " << esc(c.region);
  if (!c.question.empty()) {
    out << " · fråga " << esc(c.question);
    if (!c.question_text.empty()) out << ": ”" << esc(c.question_text) << "”";
  } else if (!c.question_text.empty()) {
    out << " · ”" << esc(c.question_text) << "”";
  }
  out << " · <code>" << esc(c.source) << "</code>";
  if (const std::string where = location_text(c.location); !where.empty()) out << ", " << esc(where);
  if (!c.span.empty()) out << ", byte " << num(c.span.begin) << "–" << num(c.span.end);
}

void write_excerpts(const ThemeReport& r, const std::vector<ExcerptList>& lists, std::ostream& out) {
  out << "<section id=\"citat\">\n<h2>Citat per tema</h2>\n";
  if (lists.empty()) {
    out << "<p class=\"note\">Inga citat i rapporten.</p>\n</section>\n";
    return;
  }
  out << "<p class=\"note\">Hela meningen (eller listpunkten) där temat nämns, med omnämnandet markerat. "
         "Citaten sprids över respondenter och år; samma mening hos flera visas en gång med alla källor. "
         "E-postadresser, personnummer, telefonnummer och namn är maskerade.</p>\n";
  for (const ExcerptList& list : lists) {
    const std::string label = list.label.empty() ? html_theme_label(r, list.theme) : list.label;
    out << "<section class=\"theme-excerpts\" id=\"citat-" << esc(list.theme) << "\">\n<h3>" << esc(label)
        << "</h3>\n<p class=\"note\">";
    if (list.excerpts.empty()) {
      out << "Inga meningar nämner temat.</p>\n</section>\n";
      continue;
    }
    out << num(list.excerpts.size()) << " av " << num(std::max(list.sentences, list.excerpts.size()))
        << (list.sentences == 1 ? " mening" : " meningar") << " som nämner temat.</p>\n";
    for (const Excerpt& e : list.excerpts) {
      out << "<figure class=\"excerpt" << (e.fragment ? " fragment" : "") << "\"><blockquote>";
      write_marked(e.text, e.marks, out);
      out << "</blockquote>\n<figcaption>";
      if (e.sources.empty()) {
        out << "okänd källa";
      } else {
        write_citation(e.sources.front(), out);
      }
      if (e.fragment) out << "<span class=\"badge\">kort fragment</span>";
      if (e.sources.size() > 1) {
        out << "<br>Samma mening finns även hos:<ul>";
        for (std::size_t i = 1; i < e.sources.size(); ++i) {
          out << "<li>";
          write_citation(e.sources[i], out);
          out << "</li>";
        }
        out << "</ul>";
      }
      out << "</figcaption></figure>\n";
    }
    out << "</section>\n";
  }
  out << "</section>\n";
}

// ---------------------------------------------------------------- footer: provenance

void write_provenance(const ReportProvenance& p, std::ostream& out) {
  out << "\n<section class=\"provenance\" id=\"underlag\"><h2>" << esc(kProvenanceHeading) << "</h2>\n<dl>";
  for (const ProvenanceLine& l : provenance_lines(p))
    out << "<dt>" << esc(l.label) << "</dt><dd>" << esc(l.value) << "</dd>";
  out << "</dl>\n";
  const auto rows = provenance_source_rows(p);
  if (rows.size() > 1) {
    out << "<table class=\"sources\"><thead><tr>";
    for (const std::string& h : rows.front()) out << "<th scope=\"col\">" << esc(h) << "</th>";
    out << "</tr></thead><tbody>";
    for (std::size_t i = 1; i < rows.size(); ++i) {
      out << "<tr>";
      for (const std::string& c : rows[i]) out << "<td>" << esc(c) << "</td>";
      out << "</tr>";
    }
    out << "</tbody></table>\n";
  }
  out << "</section>\n";
}

}  // namespace

void print_report_html(const ThemeReport& report, const std::vector<ExcerptList>& excerpts, std::ostream& out) {
  write_head(out);
  write_title(out);
  out << "<main>\n";
  write_summary(report, out);
  write_theme_table(report, out);
  write_bar_chart(report, out);
  write_heat_maps(report, out);
  write_co_occurrence(report, out);
  write_excerpts(report, excerpts, out);
  out << "</main>\n<footer>Skapad av analyzer. Antalen är räknade ur fritextsvaren i indexet; "
         "respondentens egna siffror är återgivna som respondenten angav dem.";
  if (report.provenance) write_provenance(*report.provenance, out);
  out << "</footer>\n</body>\n</html>\n";
}

void print_excerpts_html(const ExcerptList& list, std::ostream& out) {
  const std::string title = "Citat: " + (list.label.empty() ? list.theme : list.label);
  write_head(out, title);
  out << "<header class=\"page\">\n<h1>" << esc(title) << "</h1>\n<p class=\"lead\">" << esc(kTitle)
      << "</p>\n</header>\n<main>\n";
  ThemeReport only_theme;
  only_theme.themes.push_back({list.theme, list.label});
  write_excerpts(only_theme, {list}, out);
  out << "</main>\n<footer>Skapad av analyzer.";
  if (list.provenance) write_provenance(*list.provenance, out);
  out << "</footer>\n</body>\n</html>\n";
}

}  // namespace analyzer
