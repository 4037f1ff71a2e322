#include "analyzer/print/theme_printers.hpp"

#include <iomanip>
#include <nlohmann/json.hpp>

#include "analyzer/core/json_text.hpp"
#include "analyzer/core/mention_id.hpp"
#include "analyzer/core/record_json.hpp"
#include "analyzer/core/utf8.hpp"
#include "analyzer/print/location_text.hpp"
#include "analyzer/print/terminal_text.hpp"

namespace analyzer {
namespace {

using nlohmann::json;

// `s` in JSON quotes: JSON escaping shows line breaks and other C0 controls
// as \n, \u001b; terminal_text makes DEL, C1 and bidi controls visible too.
std::string json_quoted(std::string_view s) {
  json j = std::string(s);
  return terminal_text(json_text(j));
}

// At most `n` code points of `s`, never cutting a character.
std::string utf8_prefix(std::string_view s, std::size_t n) {
  return std::string(s.substr(0, utf8::prefix_length(s, n)));
}

std::string span_text(ByteSpan s) {
  return "[" + std::to_string(s.begin) + "," + std::to_string(s.end) + ")";
}

bool concerns(std::string_view theme, std::string_view pattern_or_theme) {
  return theme.empty() || pattern_or_theme.substr(0, theme.size()) == theme;
}

}  // namespace

void print_tag_jsonl(const std::string& file, const std::vector<Mention>& mentions, std::ostream& out) {
  for (const Mention& m : mentions) {
    json j = to_json(m);
    j["file"] = file;
    out << j.dump() << '\n';
  }
}

void print_mentions_jsonl(const std::vector<AnswerRecord>& answers, std::string_view theme,
                          std::ostream& out) {
  for (const AnswerRecord& a : answers)
    for (const Mention& m : a.mentions) {
      if (!theme.empty() && m.theme != theme) continue;
      json j = to_json(m);
      j["id"] = mention_id(a.id, m.theme, m.span);
      j["answer_id"] = a.id;
      j["source"] = a.source;
      put_respondent(j, a.respondent);
      j["question"] = a.question;
      out << j.dump() << '\n';
    }
}

void print_mentions_table(const std::vector<AnswerRecord>& answers, std::string_view theme,
                          std::ostream& out) {
  std::size_t n = 0;
  for (const AnswerRecord& a : answers)
    for (const Mention& m : a.mentions) {
      if (!theme.empty() && m.theme != theme) continue;
      ++n;
      out << std::left << std::setw(28) << terminal_text(a.source) << ' ' << std::setw(8)
          << terminal_text(utf8_prefix(a.question, 8)) << ' ' << std::setw(20) << m.theme << ' '
          << json_quoted(m.text) << terminal_citation(m.location) << '\n';
    }
  out << n << " mentions\n";
}

void print_explain(std::string_view text, const MatchTrace& trace, const std::vector<Mention>& mentions,
                   std::string_view theme, std::ostream& out) {
  out << "tokens:\n";
  for (const TracedToken& t : trace.tokens) {
    out << "  " << std::left << std::setw(10) << span_text(t.span) << ' '
        << json_quoted(text.substr(t.span.begin, t.span.size()));
    if (t.break_before) out << "  (sentence break before)";
    if (t.coordinated) out << "  (completed through a suspended hyphen)";
    bool first = true;
    for (const std::string& f : t.fits) {
      if (!concerns(theme, f)) continue;
      out << (first ? "  fits " : ", ") << f;
      first = false;
    }
    out << '\n';
  }
  out << "candidates:\n";
  std::size_t shown = 0;
  for (const TracedCandidate& c : trace.candidates) {
    if (!theme.empty() && c.theme != theme) continue;
    ++shown;
    out << "  " << c.theme << '/' << c.rule << ' ' << span_text(c.span) << ' '
        << json_quoted(text.substr(c.span.begin, c.span.size())) << ": ";
    if (c.rule.rfind("exclude:", 0) == 0) out << "exclusion matched";
    else if (c.outcome == TracedCandidate::Outcome::Excluded) out << "excluded by " << c.because;
    else if (c.outcome == TracedCandidate::Outcome::Overlapped) out << "inside the mention of rule " << c.because;
    else if (c.outcome == TracedCandidate::Outcome::Merged) out << "merged into the mention of rule " << c.because;
    else if (c.outcome == TracedCandidate::Outcome::NeedsOtherMention)
      out << "dropped: the rule needs another mention of the theme in the text";
    else out << "kept";
    out << '\n';
  }
  if (shown == 0) out << "  (none)\n";
  out << "mentions:\n";
  shown = 0;
  for (const Mention& m : mentions) {
    if (!theme.empty() && m.theme != theme) continue;
    ++shown;
    out << "  " << m.theme << ' ' << span_text(m.span) << ' '
        << json_quoted(text.substr(m.span.begin, m.span.size())) << " (rule " << m.rule << ")\n";
  }
  if (shown == 0) out << "  (none)\n";
}

void print_example_outcomes(const std::vector<ExampleOutcome>& outcomes, std::ostream& out) {
  std::size_t failed = 0;
  for (const ExampleOutcome& o : outcomes) {
    if (o.passed) continue;
    ++failed;
    const LexiconExample& ex = *o.example;
    std::string where = ex.where.file;
    if (ex.where.line) where += ":" + std::to_string(ex.where.line) + ":" + std::to_string(ex.where.column);
    out << where << ": FAIL " << o.theme << ": " << (o.must_match ? "must match" : "must not match") << ' '
        << json_quoted(ex.text) << '\n';
    if (o.must_match && ex.mentions) {
      out << "  expected mentions:";
      for (const std::string& m : *ex.mentions) out << ' ' << json_quoted(m);
      out << '\n';
    }
    out << "  found mentions:";
    if (o.found.empty()) out << " (none)";
    for (const std::string& m : o.found) out << ' ' << json_quoted(m);
    out << "\n  trace:\n";
    print_explain(ex.text, o.trace, o.mentions, o.theme, out);
    out << '\n';
  }
  out << outcomes.size() << " examples: " << outcomes.size() - failed << " passed, " << failed << " failed\n";
}

}  // namespace analyzer
