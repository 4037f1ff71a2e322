#include "analyzer/print/report_printers.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "analyzer/core/json_text.hpp"
#include "analyzer/core/utf8.hpp"
#include "analyzer/print/csv_text.hpp"
#include "analyzer/print/json_values.hpp"
#include "analyzer/print/markdown_text.hpp"
#include "analyzer/print/no_value.hpp"
#include "analyzer/print/provenance_printers.hpp"
#include "analyzer/print/report_tables.hpp"
#include "analyzer/print/terminal_text.hpp"

namespace analyzer {
namespace {

using ordered_json = nlohmann::ordered_json;

constexpr const char* kMinus = "−";      // U+2212, for the terminal and Markdown
constexpr std::size_t kMaxTerminalCell = 40;   // code points of a text key in the terminal

using utf8::code_points;
using utf8::is_continuation;

// `s` on one line (line breaks as spaces), at most `max` code points, the
// last one "…" when cut; never cuts a character.
std::string one_line(std::string_view s, std::size_t max) {
  std::string out;
  std::size_t points = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!is_continuation(s[i]) && points++ == max - 1 && code_points(s.substr(i)) > 1) {
      out += "…";
      break;
    }
    out += s[i] == '\n' || s[i] == '\r' ? ' ' : s[i];
  }
  return out;
}

// ---------------------------------------------------------------- the words

std::string year_text(const std::optional<int>& y) { return y ? std::to_string(*y) : "okänt"; }

// "33 %"; kNoValue without respondents.
std::string share_text(const ThemeReportRow& row) {
  auto s = row.share();
  return s ? std::to_string(std::lround(*s * 100)) + " %" : kNoValue;
}

// "+2", "−1", "±0".
std::string signed_text(long c) {
  return c > 0 ? "+" + std::to_string(c) : c < 0 ? kMinus + std::to_string(-c) : "±0";
}

// The change cell with its note: "ej jämförbart [1]".
std::string change_cell(const ThemeReportRow& row, std::size_t note) {
  std::string s = change_text(row);
  if (note) s += " [" + std::to_string(note) + "]";
  return s;
}

std::string joined_values(const std::vector<NumericFigure>& figures) {
  std::string s;
  for (const NumericFigure& f : figures) s += (s.empty() ? "" : ", ") + f.value_text;
  return s;
}

// "RSS Dalarna (rss), Region Halland (region) och 3 till": at most `max` names.
std::string respondents_text(const ThemeReport& r, const std::vector<std::string>& who, std::size_t max = 5) {
  std::string s;
  for (std::size_t i = 0; i < who.size() && i < max; ++i) {
    if (i) s += i + 1 == who.size() ? " och " : ", ";
    s += who[i];
    auto type = r.respondent_types.find(who[i]);
    if (type != r.respondent_types.end() && !type->second.empty()) s += " (" + type->second + ")";
  }
  if (who.size() > max) s += " och " + std::to_string(who.size() - max) + " till";
  return s.empty() ? "inga" : s;
}

// The values of the report's keys but the year: "Dalarna", "Dalarna, rss"; "alla" without other keys.
std::string other_keys_text(const ThemeReport& r, const GroupValues& g) {
  std::string s;
  for (GroupKey k : r.by) {
    if (k == GroupKey::Year) continue;
    if (!s.empty()) s += ", ";
    s += report_key_value(g, k);
  }
  return s.empty() ? "alla" : s;
}

// The note of a change that is not comparable.
std::string not_comparable_note(const ThemeReport& r, const ThemeReportRow& row) {
  const YearChange& c = *row.change;
  std::string s = other_keys_text(r, row.group) + " " + year_text(row.group.year) + " mot " +
                  std::to_string(c.previous_year) + ": ";
  if (c.reason == NotComparableReason::UnknownRespondentType)
    return s + "respondenttypen är okänd, så grupperna kan rymma olika slags respondenter.";
  return s + "olika respondenter, ingen har svarat båda åren (" + year_text(row.group.year) + ": " +
         respondents_text(r, c.only_now) + "; " + std::to_string(c.previous_year) + ": " +
         respondents_text(r, c.only_before) + "). En skillnad mellan olika respondenter är ingen förändring.";
}

bool any_figures(const ThemeReport& r) {
  for (const ThemeReportRow& row : r.rows)
    if (!row.figures.empty()) return true;
  return false;
}


std::string keys_text(const ThemeReport& r) {
  if (r.by.empty()) return "en rad per tema";
  std::string s = "per ";
  for (std::size_t i = 0; i < r.by.size(); ++i) {
    if (i) s += i + 1 == r.by.size() ? " och " : ", ";
    s += report_key_word(r.by[i]);
  }
  return s;
}

std::string summary_text(const ThemeReport& r) {
  return std::to_string(r.answers_total) + " svar från " + std::to_string(r.respondents_total) +
         " respondenter i " + std::to_string(r.sources.size()) + " källfiler, " + keys_text(r) + ".";
}

// ---------------------------------------------------------------- tables as cells

// The theme table. In the terminal, text keys are cut to kMaxTerminalCell.
TextTable theme_table(const ThemeReport& r, bool terminal) {
  TextTable t;
  t.column("Tema", false);
  for (GroupKey k : r.by) t.column(report_key_heading(k), false);
  for (const char* h : {"Respondenter", "av", "Andel", "Svar", "Omnämnanden"}) t.column(h, true);
  // Only a report by year has changes.
  const bool changes = std::find(r.by.begin(), r.by.end(), GroupKey::Year) != r.by.end();
  if (changes) t.column("Förändring mot föregående år", false);
  const bool figures = any_figures(r);
  if (figures) t.column("Egen siffra", false);
  const ChangeNotes notes = change_notes(r);
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    const ThemeReportRow& row = r.rows[i];
    std::vector<std::string> cells{r.label(row.theme)};
    for (GroupKey k : r.by) {
      std::string v = report_key_value(row.group, k);
      cells.push_back(terminal ? one_line(v, kMaxTerminalCell) : v);
    }
    for (std::size_t n : {row.respondents, row.respondents_total}) cells.push_back(std::to_string(n));
    cells.push_back(share_text(row) + (row.small_group ? kSmallGroupMark : ""));
    for (std::size_t n : {row.answers, row.mentions}) cells.push_back(std::to_string(n));
    if (changes) cells.push_back(change_cell(row, notes.note_of_row[i]));
    if (figures) cells.push_back(row.figures.empty() ? "" : joined_values(row.figures));
    t.rows.push_back(std::move(cells));
  }
  return t;
}

TextTable figure_table(const ThemeReport& r, bool terminal) {
  TextTable t;
  for (const char* h : {"Tema", "År", "Respondent", "Fråga", "Uppgift"}) t.column(h, false);
  t.column("Respondentens egen siffra", true);
  t.column("Källa", false);
  for (const ThemeReportRow& row : r.rows)
    for (const NumericFigure& f : row.figures) {
      NumericFigure shown = f;   // in the terminal the question is cut, never the label
      if (terminal) {
        shown.question_text = one_line(f.question_text, 2 * kMaxTerminalCell);
        shown.label = one_line(f.label, 2 * kMaxTerminalCell);
      }
      std::string label = figure_question_and_label(shown);
      t.rows.push_back({r.label(row.theme), year_text(f.year), f.respondent, f.question, label, f.value_text,
                        f.source});
    }
  return t;
}

TextTable pair_table(const ThemeReport& r) {
  TextTable t;
  t.column("Tema", false);
  t.column("Tema", false);
  t.column("Svar", true);
  t.column("Respondenter", true);
  for (const CoOccurrence& c : r.co_occurrence)
    t.rows.push_back({r.label(c.a), r.label(c.b), std::to_string(c.answers), std::to_string(c.respondents)});
  return t;
}

// Aligned columns two spaces apart, widths in code points; no trailing
// spaces. Control characters in cells are made visible (terminal_text).
void render_terminal(const TextTable& t, std::ostream& out) {
  std::vector<std::vector<std::string>> rows{t.headings};
  for (const auto& row : t.rows) rows.push_back(row);
  for (auto& row : rows)
    for (std::string& cell : row) cell = terminal_text(cell);
  std::vector<std::size_t> width(t.headings.size());
  for (const auto& row : rows)
    for (std::size_t c = 0; c < width.size(); ++c) width[c] = std::max(width[c], code_points(row[c]));
  for (const auto& cells : rows) {
    std::string s;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      std::string pad(width[c] - code_points(cells[c]), ' ');
      if (c) s += "  ";
      s += t.right[c] ? pad + cells[c] : cells[c] + pad;
    }
    s.erase(s.find_last_not_of(' ') + 1);
    out << s << '\n';
  }
}

void render_markdown(const TextTable& t, std::ostream& out) {
  auto line = [&](const std::vector<std::string>& cells) {
    out << '|';
    for (const std::string& c : cells) out << ' ' << md_escape(c) << " |";
    out << '\n';
  };
  line(t.headings);
  out << '|';
  for (bool right : t.right) out << (right ? " ---: |" : " --- |");
  out << '\n';
  for (const auto& row : t.rows) line(row);
}

// The parts of the terminal and Markdown outputs (report_sections): each a
// heading, a note on how to read it, and its table (or "(inga)").
void print_sections(const ThemeReport& r, bool markdown, std::ostream& out) {
  bool first = true;
  for (const ReportSection& section : report_sections(r, !markdown)) {
    if (!first) out << '\n';
    first = false;
    if (markdown) out << "## " << section.title << "\n\n" << section.note << "\n\n";
    else out << section.title << "\n" << section.note << "\n\n";
    if (section.table.rows.empty()) out << "(inga)\n";
    else if (markdown) render_markdown(section.table, out);
    else render_terminal(section.table, out);
    for (const std::string& line : section.remarks)
      out << '\n' << (markdown ? md_escape(line) : terminal_text(line)) << '\n';
  }
}

// ---------------------------------------------------------------- JSON

ordered_json to_json(const NumericFigure& f) {
  return {{"respondent", f.respondent}, {"year", json_or_null(f.year)}, {"source", f.source},
          {"question", f.question},     {"label", f.label},                {"value", f.value},
          {"value_text", f.value_text}, {"question_text", f.question_text}};
}

// The basis of a row's change (the JSON described in the header).
ordered_json to_json(const YearChange& c, const ThemeReport& r, const ThemeReportRow& row) {
  ordered_json j;
  j["comparable"] = c.comparable;
  j["previous_year"] = c.previous_year;
  if (c.comparable) {
    j["basis"] = to_string(c.basis);
    j["respondents"] = c.respondents;
    j["mentioning_before"] = c.mentioning_before;
    j["base_before"] = c.base_before;
    j["mentioning_now"] = c.mentioning_now;
    j["base_now"] = c.base_now;
    j["respondents_change"] = c.respondents_change();
    j["points"] = json_or_null(c.points());
    j["small_group"] = c.small_group;
  } else {
    j["basis"] = nullptr;
    j["reason"] = to_string(c.reason);
    j["reason_text"] = not_comparable_note(r, row);
  }
  j["only_before"] = c.only_before;
  j["only_now"] = c.only_now;
  return j;
}

ordered_json to_json(const ThemeReportRow& row, const ThemeReport& r) {
  const std::vector<GroupKey>& by = r.by;
  ordered_json j;
  j["theme"] = row.theme;
  for (GroupKey k : by) {
    switch (k) {
      case GroupKey::Year: j["year"] = json_or_null(row.group.year); break;
      case GroupKey::Region: j["region"] = json_or_null(row.group.region); break;
      case GroupKey::RespondentType: j["respondent_type"] = json_or_null(row.group.respondent_type); break;
      case GroupKey::Respondent: j["respondent"] = json_or_null(row.group.respondent); break;
      case GroupKey::Question: j["question"] = json_or_null(row.group.question); break;
    }
  }
  j["respondents"] = row.respondents;
  j["respondents_total"] = row.respondents_total;
  j["share"] = json_or_null(row.share());
  j["answers"] = row.answers;
  j["answers_total"] = row.answers_total;
  j["mentions"] = row.mentions;
  j["previous_year"] = json_or_null(row.previous_year);
  j["respondents_change"] = json_or_null(row.respondents_change);
  j["figures"] = ordered_json::array();
  for (const NumericFigure& f : row.figures) j["figures"].push_back(to_json(f));
  j["small_group"] = row.small_group;
  j["change"] = row.change ? to_json(*row.change, r, row) : ordered_json();
  return j;
}

// ---------------------------------------------------------------- CSV

// The share in percent with one decimal: "33,3" (decimal comma) or "33.3".
std::string csv_percent(const ThemeReportRow& row, char decimal) {
  auto s = row.share();
  if (!s) return "";
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *s * 100, std::chars_format::fixed, 1);
  std::string text(buf, ec == std::errc() ? end : buf);
  for (char& c : text)
    if (c == '.') c = decimal;
  return text;
}

std::string csv_figures(const std::vector<NumericFigure>& figures) {
  std::string s;
  for (const NumericFigure& f : figures) {
    if (!s.empty()) s += " | ";
    s += figure_question_and_label(f) + ": " + f.value_text + " (" + f.respondent;
    if (!f.question.empty()) s += ", fråga " + f.question;
    s += ")";
  }
  return s;
}

}  // namespace

void render_text_table(const TextTable& t, std::ostream& out) { render_terminal(t, out); }

std::string comparison_text(const ThemeReport& r, const ThemeReportRow& row) {
  if (!row.change) return "";
  if (!row.change->comparable) return "ej jämförbart: " + not_comparable_note(r, row);
  return row.change->basis == ChangeBasis::SameRespondents ? "samma respondenter" : "samma respondenttyp";
}

std::string change_text(const ThemeReportRow& row) {
  if (!row.change) return kNoValue;
  const YearChange& c = *row.change;
  if (!c.comparable) return "ej jämförbart";
  std::optional<double> points = c.points();
  std::string s = (points ? signed_text(std::lround(*points)) : std::string(kNoValue)) + " procentenheter mot " +
                  std::to_string(c.previous_year) + " (";
  if (c.basis == ChangeBasis::SameRespondents)
    s += std::to_string(c.mentioning_before) + " → " + std::to_string(c.mentioning_now) + " av " +
         std::to_string(c.base_now) + " samma";
  else
    s += std::to_string(c.mentioning_before) + " av " + std::to_string(c.base_before) + " → " +
         std::to_string(c.mentioning_now) + " av " + std::to_string(c.base_now);
  s += ")";
  if (c.small_group) s += kSmallGroupMark;
  return s;
}

ChangeNotes change_notes(const ThemeReport& r) {
  ChangeNotes notes;
  notes.note_of_row.assign(r.rows.size(), 0);
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    const ThemeReportRow& row = r.rows[i];
    if (!row.change || row.change->comparable) continue;
    std::string note = not_comparable_note(r, row);
    auto it = std::find(notes.notes.begin(), notes.notes.end(), note);
    if (it == notes.notes.end()) it = notes.notes.insert(notes.notes.end(), std::move(note));
    notes.note_of_row[i] = static_cast<std::size_t>(it - notes.notes.begin()) + 1;
  }
  return notes;
}

std::string change_legend(const ThemeReport& r) {
  std::string s = "Förändring mot föregående år: andelen som nämner temat, i procentenheter, mot närmast "
                  "föregående år i materialet. ";
  const bool by_type = std::find(r.by.begin(), r.by.end(), GroupKey::RespondentType) != r.by.end() &&
                       std::find(r.by.begin(), r.by.end(), GroupKey::Respondent) == r.by.end();
  if (by_type)
    s += "Grupperna jämförs per respondenttyp (\"1 av 3 → 2 av 4\": nämner temat av respondenterna av "
         "samma typ föregående år → i år).";
  else
    s += "Bara respondenter som har svarat i gruppen båda åren räknas (\"1 → 2 av 4 samma\": av 4 "
         "respondenter som svarat båda åren nämnde 1 temat föregående år och 2 i år).";
  s += " \"ej jämförbart\": grupperna har olika respondenter, se noten.";
  return s;
}

std::string small_group_legend(const ThemeReport& r) {
  return std::string(kSmallGroupMark) + " Färre än " + std::to_string(r.min_group) +
         " respondenter (--min-group " + std::to_string(r.min_group) +
         "): andelen visas med sina antal men bär inte en slutsats.";
}

std::string figure_question_and_label(const NumericFigure& f) {
  std::string_view q = f.question_text;
  while (!q.empty() && (q.back() == ' ' || q.back() == '.' || q.back() == ':')) q.remove_suffix(1);
  if (q.empty()) return f.label;
  return std::string(q) + (q.back() == '?' ? " " : ": ") + f.label;
}

std::string figure_text(const NumericFigure& f) { return figure_question_and_label(f) + " — " + f.value_text; }

const char* report_key_word(GroupKey k) { return names_of(k).word; }

const char* report_key_heading(GroupKey k) { return names_of(k).heading; }

std::string report_key_value(const GroupValues& g, GroupKey k) {
  auto known = [](const std::string& s) { return s.empty() ? std::string("okänd") : s; };
  switch (k) {
    case GroupKey::Year: return year_text(g.year);
    case GroupKey::Region: return known(g.region);
    case GroupKey::RespondentType: return known(g.respondent_type);
    case GroupKey::Respondent: return known(g.respondent);
    case GroupKey::Question: return known(g.question);
  }
  return "";
}

// The legends and notes under the theme table, one paragraph each: the
// small-group mark, how a change is read, and the numbered notes of the
// changes that could not be compared.
static std::vector<std::string> theme_table_remarks(const ThemeReport& r) {
  std::vector<std::string> remarks;
  if (std::any_of(r.rows.begin(), r.rows.end(), [](const ThemeReportRow& row) { return row.small_group; }))
    remarks.push_back(small_group_legend(r));
  if (std::find(r.by.begin(), r.by.end(), GroupKey::Year) != r.by.end()) remarks.push_back(change_legend(r));
  const ChangeNotes notes = change_notes(r);
  for (std::size_t i = 0; i < notes.notes.size(); ++i)
    remarks.push_back("[" + std::to_string(i + 1) + "] " + notes.notes[i]);
  return remarks;
}

std::vector<ReportSection> report_sections(const ThemeReport& r, bool terminal) {
  std::vector<ReportSection> sections;
  sections.push_back({"Teman",
                      summary_text(r) + " Respondenter = respondenter som nämner temat, av dem som har svarat i "
                                        "gruppen (en respondent räknas en gång per grupp).",
                      theme_table(r, terminal), theme_table_remarks(r)});
  sections.push_back({"Respondentens egen siffra",
                      "Uppgifter som respondenten själv har angett i enkäten, inte räknade ur fritexten.",
                      figure_table(r, terminal), {}});
  sections.push_back({"Samförekomst",
                      "Svar och respondenter som nämner båda temana, i alla " + std::to_string(r.answers_total) +
                          " svar.",
                      pair_table(r), {}});
  return sections;
}

void print_report_table(const ThemeReport& report, std::ostream& out) {
  print_sections(report, false, out);
  if (report.provenance) {
    out << '\n';
    print_provenance_table(*report.provenance, out);
  }
}

void print_report_json(const ThemeReport& report, std::ostream& out) {
  ordered_json j;
  j["themes"] = ordered_json::array();
  for (const ThemeInfo& t : report.themes) j["themes"].push_back({{"id", t.id}, {"label", t.label}});
  j["by"] = ordered_json::array();
  for (GroupKey k : report.by) j["by"].push_back(to_string(k));
  j["answers_total"] = report.answers_total;
  j["respondents_total"] = report.respondents_total;
  j["sources"] = report.sources;
  j["rows"] = ordered_json::array();
  j["min_group"] = report.min_group;
  for (const ThemeReportRow& row : report.rows) j["rows"].push_back(to_json(row, report));
  j["co_occurrence"] = ordered_json::array();
  for (const CoOccurrence& c : report.co_occurrence)
    j["co_occurrence"].push_back({{"a", c.a}, {"b", c.b}, {"answers", c.answers}, {"respondents", c.respondents}});
  if (report.provenance) j["provenance"] = provenance_json(*report.provenance);
  out << json_text(j, 2) << '\n';
}

void print_report_csv(const ThemeReport& report, std::ostream& out, char separator) {
  const char decimal = separator == ',' ? '.' : ',';
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) out << separator;
      out << csv_cell(cells[i], separator);
    }
    out << "\r\n";
  };
  std::vector<std::string> head{"Tema", "Tema-id"};
  for (GroupKey k : report.by) head.push_back(report_key_heading(k));
  for (const char* h : {"Respondenter", "Respondenter i gruppen", "Andel (%)", "Svar", "Svar i gruppen",
                        "Omnämnanden", "Föregående år", "Förändring mot föregående år",
                        "Respondentens egen siffra", "Jämförelse", "Förändring (procentenheter)",
                        "Liten grupp"})
    head.push_back(h);
  // The codes used, on every row (a CSV has no room for the provenance
  // block): only when known, so a report without a coding store is as before.
  const std::optional<std::string> codes =
      report.provenance && report.provenance->codes ? std::optional(codes_text(*report.provenance->codes)) : std::nullopt;
  if (codes) head.push_back("Kodning");
  out << "\xEF\xBB\xBF";   // UTF-8 byte order mark: Excel then reads UTF-8
  line(head);
  for (const ThemeReportRow& row : report.rows) {
    std::vector<std::string> cells{report.label(row.theme), row.theme};
    for (GroupKey k : report.by) cells.push_back(report_key_value(row.group, k));
    cells.push_back(std::to_string(row.respondents));
    cells.push_back(std::to_string(row.respondents_total));
    cells.push_back(csv_percent(row, decimal));
    cells.push_back(std::to_string(row.answers));
    cells.push_back(std::to_string(row.answers_total));
    cells.push_back(std::to_string(row.mentions));
    cells.push_back(row.previous_year ? std::to_string(*row.previous_year) : "");
    cells.push_back(row.respondents_change ? std::to_string(*row.respondents_change) : "");
    cells.push_back(csv_figures(row.figures));
    cells.push_back(comparison_text(report, row));
    std::optional<double> points = row.change ? row.change->points() : std::nullopt;
    cells.push_back(points ? std::to_string(std::lround(*points)) : "");
    cells.push_back(row.small_group ? "ja" : "");
    if (codes) cells.push_back(*codes);
    line(cells);
  }
}

void print_report_md(const ThemeReport& report, std::ostream& out) {
  print_sections(report, true, out);
  if (report.provenance) {
    out << '\n';
    print_provenance_md(*report.provenance, out);
  }
}

}  // namespace analyzer
