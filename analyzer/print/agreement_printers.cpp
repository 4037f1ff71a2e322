#include "analyzer/print/agreement_printers.hpp"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "analyzer/core/json_text.hpp"
#include "analyzer/print/csv_text.hpp"
#include "analyzer/print/no_value.hpp"
#include "analyzer/print/report_tables.hpp"
#include "analyzer/print/terminal_text.hpp"

namespace analyzer {
namespace {

using nlohmann::ordered_json;
using coding::AgreementReport;
using coding::AnswerAgreement;
using coding::ThemeAgreement;

constexpr const char* kUndefined = "odefinierat";
constexpr const char* kAgreementAllLabel = "Alla teman";

std::string label_of(const std::string& theme, const std::map<std::string, std::string>& labels) {
  if (theme == "all") return kAgreementAllLabel;
  auto it = labels.find(theme);
  return it == labels.end() || it->second.empty() ? theme : it->second;
}

// A number with `decimals` decimals and a decimal comma, a real minus sign:
// "0,60", "−0,20", "83,3".
std::string swedish_number(double v, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, std::fabs(v));
  std::string s = buffer;
  if (auto dot = s.find('.'); dot != std::string::npos) s[dot] = ',';
  const bool negative = v < 0 && s.find_first_not_of("0,") != std::string::npos;
  return negative ? "−" + s : s;
}

std::string percent_text(const std::optional<double>& p) { return p ? swedish_number(*p, 1) + " %" : kNoValue; }
std::string score_text(const std::optional<double>& v) { return v ? swedish_number(*v, 2) : kNoValue; }

// Why kappa is undefined; nullptr when it is defined.
const char* kappa_undefined(const AnswerAgreement& a) {
  if (a.units() == 0) return "no units";
  if (!a.kappa()) return "expected agreement is 1";
  return nullptr;
}

std::string kappa_text(const AnswerAgreement& a) {
  if (a.units() == 0) return kNoValue;
  return a.kappa() ? score_text(a.kappa()) : kUndefined;
}

// ---- table ------------------------------------------------------------------

void section(const std::string& title, const std::string& note, const TextTable& t, std::ostream& out) {
  out << '\n' << title << '\n';
  if (!note.empty()) out << note << '\n';
  out << '\n';
  if (t.rows.empty()) out << "(inga)\n";
  else render_text_table(t, out);
}

void print_agreement_table(const AgreementReport& r, const std::map<std::string, std::string>& labels, std::ostream& out) {
  const std::string& a = r.coder_a;
  const std::string& b = r.coder_b;
  std::vector<const ThemeAgreement*> rows;
  for (const ThemeAgreement& t : r.themes) rows.push_back(&t);
  rows.push_back(&r.all);

  out << terminal_text("Överensstämmelse mellan kodarna " + a + " och " + b) << '\n';
  out << terminal_text("Enheter: " + std::to_string(r.units) + " svar som båda kodarna har granskat. Utelämnade: " +
                       std::to_string(r.only_a) + " svar som bara " + a + " har granskat, " +
                       std::to_string(r.only_b) + " som bara " + b + " har granskat.")
      << '\n';
  out << "Ett svar räknas som granskat av en kodare som har gjort minst ett beslut (godkänt eller avvisat) "
         "eller en manuell kodning i det.\n";
  if (r.orphaned_codings)
    out << std::to_string(r.orphaned_codings)
        << " kodningar vars citat inte längre hittas i källan (föräldralösa) är inte med.\n";

  TextTable answers;
  for (const char* h : {"Tema"}) answers.column(h, false);
  answers.column("Svar", true);
  answers.column("Båda", true);
  answers.column("Bara " + a, true);
  answers.column("Bara " + b, true);
  answers.column("Ingen", true);
  answers.column("Överensstämmelse", true);
  answers.column("Cohens κ", true);
  bool undefined = false, unreviewed = false;
  for (const ThemeAgreement* t : rows) {
    const AnswerAgreement& x = t->answers;
    if (!t->reviewed_by_both) {
      unreviewed = true;
      answers.rows.push_back({label_of(t->theme, labels), kNoValue, kNoValue, kNoValue, kNoValue, kNoValue, kNoValue,
                              "ej granskat av båda"});
      continue;
    }
    undefined = undefined || (x.units() > 0 && !x.kappa());
    answers.rows.push_back({label_of(t->theme, labels), std::to_string(x.units()), std::to_string(x.both),
                            std::to_string(x.only_a), std::to_string(x.only_b), std::to_string(x.neither),
                            percent_text(x.observed() ? std::optional<double>(*x.observed() * 100) : std::nullopt),
                            kappa_text(x)});
  }
  section("Svarsnivå", "Temat finns i svaret enligt kodaren: ett godkänt automatiskt fynd eller en manuell kodning "
                       "med temat. Ett avvisat fynd eller inget alls räknas som att temat saknas.",
          answers, out);
  if (unreviewed)
    out << "\nej granskat av båda: minst en av kodarna har inte kodat temat någon gång (varken beslut eller "
           "manuell kodning), så temat är inte med i jämförelsen eller i \"Alla teman\".\n";
  if (undefined)
    out << "\nodefinierat: båda kodarna bedömde temat likadant i varje svar (överallt finns eller överallt "
           "saknas), så den förväntade överensstämmelsen är 1 och κ kan inte beräknas.\n";

  TextTable segments;
  segments.column("Tema", false);
  segments.column("Segment " + a, true);
  segments.column("varav matchade", true);
  segments.column("Segment " + b, true);
  segments.column("varav matchade", true);
  segments.column("Överensstämmelse", true);
  for (const ThemeAgreement* t : rows) {
    const coding::SegmentAgreement& s = t->segments;
    segments.rows.push_back({label_of(t->theme, labels), std::to_string(s.a_segments), std::to_string(s.a_agreeing),
                             std::to_string(s.b_segments), std::to_string(s.b_agreeing), percent_text(s.percent())});
  }
  section("Segmentnivå", "Ett kodat segment stämmer överens när den andra kodaren har ett segment med samma tema som "
                         "överlappar det med minst " + swedish_number(r.min_overlap_percent, 0) +
                             " % (gemensamma tecken av alla tecken som något av dem täcker), som i MAXQDA.",
          segments, out);

  TextTable lexicon;
  lexicon.column("Tema", false);
  for (const std::string& coder : {a, b}) {
    lexicon.column("Precision mot " + coder, true);
    lexicon.column("Täckning mot " + coder, true);
    lexicon.column("F1 mot " + coder, true);
  }
  for (const ThemeAgreement* t : rows) {
    std::vector<std::string> cells{label_of(t->theme, labels)};
    for (const Counts* c : {&t->lexicon_vs_a, &t->lexicon_vs_b})
      for (const std::optional<double>& v : {c->precision(), c->recall(), c->f1()}) cells.push_back(score_text(v));
    lexicon.rows.push_back(std::move(cells));
  }
  section("Lexikonet mot kodarna", "Svarsnivå, med kodaren som facit: lexikonet säger att temat finns när svaret "
                                   "har ett automatiskt fynd av det. – betyder att inget fanns att mäta.",
          lexicon, out);

  TextTable diff;
  for (const char* h : {"Svar", "Källa", "Fråga", "Tema"}) diff.column(h, false);
  diff.column(a, false);
  diff.column(b, false);
  for (const coding::CoderDifference& d : r.differences)
    diff.rows.push_back({d.answer_id, d.source, d.question, label_of(d.theme, labels), d.a ? "ja" : "nej",
                         d.b ? "ja" : "nej"});
  section("Svar där kodarna skiljer sig (" + std::to_string(r.differences.size()) + ")",
          "ja: kodaren bedömer att temat finns i svaret.", diff, out);
}

// ---- json and csv -------------------------------------------------------------

ordered_json number_or_null(const std::optional<double>& v) { return v ? ordered_json(*v) : ordered_json(nullptr); }

ordered_json agreement_counts_json(const Counts& c) {
  return {{"tp", c.tp},
          {"fp", c.fp},
          {"fn", c.fn},
          {"precision", number_or_null(c.precision())},
          {"recall", number_or_null(c.recall())},
          {"f1", number_or_null(c.f1())}};
}

ordered_json theme_json(const ThemeAgreement& t, const std::map<std::string, std::string>& labels) {
  const AnswerAgreement& x = t.answers;
  const char* why = kappa_undefined(x);
  ordered_json j;
  j["theme"] = t.theme;
  j["label"] = label_of(t.theme, labels);
  j["reviewed_by_both"] = t.reviewed_by_both;
  j["answer_level"] = {{"units", x.units()},
                       {"both", x.both},
                       {"only_a", x.only_a},
                       {"only_b", x.only_b},
                       {"neither", x.neither},
                       {"percent_agreement", number_or_null(x.observed() ? std::optional<double>(*x.observed() * 100)
                                                                         : std::nullopt)},
                       {"expected_agreement", number_or_null(x.expected())},
                       {"kappa", number_or_null(x.kappa())},
                       {"kappa_undefined", why ? ordered_json(why) : ordered_json(nullptr)}};
  const coding::SegmentAgreement& s = t.segments;
  j["segment_level"] = {{"a_segments", s.a_segments},
                        {"a_agreeing", s.a_agreeing},
                        {"b_segments", s.b_segments},
                        {"b_agreeing", s.b_agreeing},
                        {"percent_agreement", number_or_null(s.percent())}};
  j["lexicon_vs_a"] = agreement_counts_json(t.lexicon_vs_a);
  j["lexicon_vs_b"] = agreement_counts_json(t.lexicon_vs_b);
  return j;
}


void print_json(const AgreementReport& r, const std::map<std::string, std::string>& labels, std::ostream& out) {
  ordered_json j;
  j["coder_a"] = r.coder_a;
  j["coder_b"] = r.coder_b;
  j["min_overlap_percent"] = r.min_overlap_percent;
  j["units"] = r.units;
  j["only_a"] = r.only_a;
  j["only_b"] = r.only_b;
  j["orphaned_codings"] = r.orphaned_codings;
  j["themes"] = ordered_json::array();
  for (const ThemeAgreement& t : r.themes) j["themes"].push_back(theme_json(t, labels));
  j["all"] = theme_json(r.all, labels);
  j["differences"] = ordered_json::array();
  for (const coding::CoderDifference& d : r.differences)
    j["differences"].push_back({{"answer_id", d.answer_id},
                                {"source", d.source},
                                {"question", d.question},
                                {"theme", d.theme},
                                {"a", d.a},
                                {"b", d.b}});
  out << json_text(j) << '\n';
}

std::string csv_number(const std::optional<double>& v) {
  if (!v) return "";
  return ordered_json(*v).dump();
}

void print_agreement_csv(const AgreementReport& r, const std::map<std::string, std::string>& labels, std::ostream& out) {
  std::string header = "theme,label,units,both,only_a,only_b,neither,percent_agreement,expected_agreement,kappa,"
                       "a_segments,a_agreeing,b_segments,b_agreeing,segment_percent";
  for (const char* who : {"lexicon_a_", "lexicon_b_"})
    for (const char* f : {"tp", "fp", "fn", "precision", "recall", "f1"}) header += std::string(",") + who + f;
  out << header << "\r\n";
  auto line = [&](const ThemeAgreement& t) {
    const AnswerAgreement& x = t.answers;
    const coding::SegmentAgreement& s = t.segments;
    std::vector<std::string> cells{
        t.theme,
        label_of(t.theme, labels),
        std::to_string(x.units()),
        std::to_string(x.both),
        std::to_string(x.only_a),
        std::to_string(x.only_b),
        std::to_string(x.neither),
        csv_number(x.observed() ? std::optional<double>(*x.observed() * 100) : std::nullopt),
        csv_number(x.expected()),
        csv_number(x.kappa()),
        std::to_string(s.a_segments),
        std::to_string(s.a_agreeing),
        std::to_string(s.b_segments),
        std::to_string(s.b_agreeing),
        csv_number(s.percent())};
    for (const Counts* c : {&t.lexicon_vs_a, &t.lexicon_vs_b}) {
      for (std::size_t n : {c->tp, c->fp, c->fn}) cells.push_back(std::to_string(n));
      for (const std::optional<double>& v : {c->precision(), c->recall(), c->f1()}) cells.push_back(csv_number(v));
    }
    std::string s_line;
    for (std::size_t i = 0; i < cells.size(); ++i) s_line += (i ? "," : "") + csv_cell(cells[i], ',');
    out << s_line << "\r\n";
  };
  for (const ThemeAgreement& t : r.themes) line(t);
  line(r.all);
}

}  // namespace

void print_agreement(const AgreementReport& report, const std::map<std::string, std::string>& labels,
                     AgreementFormat format, std::ostream& out) {
  switch (format) {
    case AgreementFormat::Table: print_agreement_table(report, labels, out); return;
    case AgreementFormat::Json: print_json(report, labels, out); return;
    case AgreementFormat::Csv: print_agreement_csv(report, labels, out); return;
  }
}

}  // namespace analyzer
