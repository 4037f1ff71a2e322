#include "analyzer/print/eval_printer.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "analyzer/core/json_text.hpp"
#include "analyzer/core/utf8.hpp"
#include "analyzer/print/no_value.hpp"

namespace analyzer {
namespace {

using Json = nlohmann::ordered_json;   // fields in the order of the header

constexpr std::size_t kScoreWidth = 7;
constexpr std::size_t kCountWidth = 6;
constexpr const char* kEvalAllLabel = "all themes";

// `s` padded with spaces to `width` code points (setw counts bytes, and "–"
// and å/ä/ö are several). Right-aligned unless `left`.
std::string pad(const std::string& s, std::size_t width, bool left = false) {
  const std::size_t n = utf8::code_points(s);
  const std::string fill(n < width ? width - n : 0, ' ');
  return left ? s + fill : fill + s;
}

std::string score(const std::optional<double>& v) {
  if (!v) return kNoValue;
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.3f", *v);
  return buffer;
}

// Width of one system's columns, without the two spaces that separate systems.
std::size_t block_width(bool with_exact) {
  return 3 * kScoreWidth + (with_exact ? 4 : 3) * kCountWidth;
}

void print_cells(const Counts& c, bool with_exact, std::ostream& out) {
  out << "  " << pad(score(c.precision()), kScoreWidth) << pad(score(c.recall()), kScoreWidth)
      << pad(score(c.f1()), kScoreWidth) << pad(std::to_string(c.tp), kCountWidth)
      << pad(std::to_string(c.fp), kCountWidth) << pad(std::to_string(c.fn), kCountWidth);
  if (with_exact) out << pad(std::to_string(c.exact), kCountWidth);
}

// One block: a title, a line of system names, a line of column names, one
// row per theme and the "all themes" row.
void print_block(const EvalReport& report, const std::string& title, bool mention_level,
                 std::size_t theme_width, std::ostream& out) {
  out << title << '\n';
  out << pad("", theme_width);
  for (std::size_t i = 0; i < report.systems.size(); ++i) {
    const std::string& name = report.systems[i].system;
    const bool last = i + 1 == report.systems.size();
    out << "  " << (last ? name : pad(name, block_width(mention_level), true));
  }
  out << '\n' << pad("theme", theme_width, true);
  for (std::size_t i = 0; i < report.systems.size(); ++i) {
    out << "  " << pad("P", kScoreWidth) << pad("R", kScoreWidth) << pad("F1", kScoreWidth)
        << pad("TP", kCountWidth) << pad("FP", kCountWidth) << pad("FN", kCountWidth);
    if (mention_level) out << pad("exact", kCountWidth);
  }
  out << '\n';
  auto row = [&](const std::string& label, auto counts_of) {
    out << pad(label, theme_width, true);
    for (const SystemScores& s : report.systems) print_cells(counts_of(s), mention_level, out);
    out << '\n';
  };
  for (std::size_t t = 0; t < report.themes.size(); ++t) {
    row(report.themes[t], [&](const SystemScores& s) -> const Counts& {
      return mention_level ? s.rows[t].mention : s.rows[t].answer;
    });
  }
  row(kEvalAllLabel, [&](const SystemScores& s) -> const Counts& {
    return mention_level ? s.all.mention : s.all.answer;
  });
}

// Newlines and tabs as spaces, so that one miss stays on one line.
std::string eval_one_line(std::string s) {
  std::replace_if(s.begin(), s.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; },
                  ' ');
  return s;
}

Json eval_counts_json(const Counts& c) {
  auto number = [](const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); };
  return Json{{"tp", c.tp},
              {"fp", c.fp},
              {"fn", c.fn},
              {"exact", c.exact},
              {"precision", number(c.precision())},
              {"recall", number(c.recall())},
              {"f1", number(c.f1())}};
}

Json row_json(const ThemeRow& row) {
  return Json{{"theme", row.theme},
              {"mention", eval_counts_json(row.mention)},
              {"answer", eval_counts_json(row.answer)}};
}

Json miss_json(const Miss& m) {
  const bool fn = m.kind == Miss::Kind::FalseNegative;
  return Json{{"kind", fn ? "fn" : "fp"},
              {"file", m.file},
              {"theme", m.theme},
              {"start", m.span.begin},
              {"end", m.span.end},
              {"text", m.text},
              {"before", m.before},
              {"after", m.after},
              {"gold_line", fn ? Json(m.gold_line) : Json(nullptr)},
              {"note", m.note},
              {"answer", m.answer ? Json::array({m.answer->begin, m.answer->end}) : Json(nullptr)},
              {"answer_miss", m.answer_miss}};
}

}  // namespace

void print_eval_table(const EvalReport& report, std::ostream& out) {
  std::size_t theme_width = utf8::code_points(kEvalAllLabel);
  for (const std::string& t : report.themes) theme_width = std::max(theme_width, utf8::code_points(t));
  theme_width += 2;

  out << "gold: " << report.gold_path << '\n'
      << "files: " << report.gold_files.size() << ", gold mentions: " << report.gold_mentions
      << " (" << report.gold_outside_answers << " outside answers";
  if (report.ignored_gold > 0) out << ", " << report.ignored_gold << " of unlisted themes ignored";
  out << "), answers: " << report.answers << "\n\n";

  print_block(report, "Mention level (a prediction matches a gold mention of its theme that it overlaps; one to one)",
              true, theme_width, out);
  out << '\n';
  print_block(report, "Answer level (answer × theme pairs; per file, gold outside answers is one \"outside answers\" pair)",
              false, theme_width, out);
  out << '\n';
  out << "– = undefined (nothing to measure); P = TP/(TP+FP), R = TP/(TP+FN), F1 = 2TP/(2TP+FP+FN)\n";
  out << "ignored predictions (outside scope, unscored file or theme):";
  for (const SystemScores& s : report.systems) out << ' ' << s.system << ' ' << s.ignored_predictions;
  out << '\n';
}

void print_eval_json(const EvalReport& report, std::ostream& out) {
  Json systems = Json::array();
  for (const SystemScores& s : report.systems) {
    Json rows = Json::array();
    for (const ThemeRow& r : s.rows) rows.push_back(row_json(r));
    Json misses = Json::array();
    for (const Miss& m : s.misses) misses.push_back(miss_json(m));
    systems.push_back(Json{{"system", s.system},
                           {"ignored_predictions", s.ignored_predictions},
                           {"themes", std::move(rows)},
                           {"all", row_json(s.all)},
                           {"misses", std::move(misses)}});
  }
  const Json doc{{"gold", report.gold_path},
                 {"gold_files", report.gold_files},
                 {"themes", report.themes},
                 {"gold_mentions", report.gold_mentions},
                 {"ignored_gold", report.ignored_gold},
                 {"answers", report.answers},
                 {"gold_outside_answers", report.gold_outside_answers},
                 {"systems", std::move(systems)}};
  out << json_text(doc) << '\n';
}

void print_eval_misses(const EvalReport& report, std::ostream& out) {
  for (const SystemScores& s : report.systems) {
    std::size_t fn = 0, fp = 0;
    for (const Miss& m : s.misses) (m.kind == Miss::Kind::FalseNegative ? fn : fp) += 1;
    out << s.system << ": " << fn << " false negative" << (fn == 1 ? "" : "s") << ", " << fp
        << " false positive" << (fp == 1 ? "" : "s")
        << " at mention level (* = also a miss at answer level)\n";
    for (const Miss& m : s.misses) {
      const bool is_fn = m.kind == Miss::Kind::FalseNegative;
      out << "  " << (is_fn ? "FN" : "FP") << (m.answer_miss ? '*' : ' ') << ' ' << m.file << " ["
          << m.span.begin << ',' << m.span.end << ") " << m.theme << ": " << eval_one_line(m.before)
          << '[' << eval_one_line(m.text) << ']' << eval_one_line(m.after);
      if (!m.answer) out << " (outside answers)";
      if (is_fn) {
        out << " (gold line " << m.gold_line;
        if (!m.note.empty()) out << ": " << eval_one_line(m.note);
        out << ')';
      }
      out << '\n';
    }
  }
}

}  // namespace analyzer
