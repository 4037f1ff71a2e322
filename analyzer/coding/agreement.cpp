#include "analyzer/coding/agreement.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "analyzer/core/utf8.hpp"

namespace analyzer::coding {

std::optional<double> AnswerAgreement::observed() const {
  if (units() == 0) return std::nullopt;
  return static_cast<double>(both + neither) / static_cast<double>(units());
}

std::optional<double> AnswerAgreement::expected() const {
  if (units() == 0) return std::nullopt;
  const double n = static_cast<double>(units());
  const double pa = static_cast<double>(both + only_a) / n, pb = static_cast<double>(both + only_b) / n;
  return pa * pb + (1 - pa) * (1 - pb);
}

std::optional<double> AnswerAgreement::kappa() const {
  const std::optional<double> po = observed(), pe = expected();
  if (!po || !pe) return std::nullopt;
  // pe = 1 exactly when every unit falls in one cell of the diagonal (pA and
  // pB both 0 or both 1); tested on the counts, not on the rounded double.
  const std::size_t n = units();
  if (both == n || neither == n) return std::nullopt;
  return (*po - *pe) / (1 - *pe);
}

AnswerAgreement& AnswerAgreement::operator+=(const AnswerAgreement& o) {
  both += o.both;
  only_a += o.only_a;
  only_b += o.only_b;
  neither += o.neither;
  return *this;
}

std::optional<double> SegmentAgreement::percent() const {
  if (segments() == 0) return std::nullopt;
  return 100.0 * static_cast<double>(agreeing()) / static_cast<double>(segments());
}

SegmentAgreement& SegmentAgreement::operator+=(const SegmentAgreement& o) {
  a_segments += o.a_segments;
  a_agreeing += o.a_agreeing;
  b_segments += o.b_segments;
  b_agreeing += o.b_agreeing;
  return *this;
}

double overlap_percent(std::string_view text, ByteSpan a, ByteSpan b) {
  if (a.empty() || b.empty()) return 0;
  const std::size_t lo = std::max(a.begin, b.begin), hi = std::min(a.end, b.end);
  if (lo >= hi) return 0;
  auto chars = [&](std::size_t begin, std::size_t end) {
    return static_cast<double>(utf8::code_points(text.substr(begin, end - begin)));
  };
  const double both = chars(lo, hi);
  const double either = chars(a.begin, a.end) + chars(b.begin, b.end) - both;
  return either == 0 ? 0 : 100.0 * both / either;
}

namespace {

// One coder's reading of one answer.
struct Reading {
  std::set<std::string> present;                      // themes judged present
  std::map<std::string, std::vector<ByteSpan>> segments;  // theme → distinct spans
};

// Reads each coder's codings: the answers each reviewed, and per answer the
// themes present and the segments.
struct CoderReadings {
  std::unordered_map<std::string, Reading> by_answer;  // answer id → reading
};

void read_coding(const Coding& c, CoderReadings& coder) {
  Reading& r = coder.by_answer[c.answer_id];
  if (c.kind == CodingKind::Rejected || c.theme.empty()) return;
  r.present.insert(c.theme);
  std::vector<ByteSpan>& spans = r.segments[c.theme];
  if (std::find(spans.begin(), spans.end(), c.span) == spans.end()) spans.push_back(c.span);
}

// Segments of `mine` that one of `theirs` overlaps by at least `min` percent.
std::size_t agreeing(std::string_view text, const std::vector<ByteSpan>& mine, const std::vector<ByteSpan>& theirs,
                     double min) {
  std::size_t n = 0;
  for (const ByteSpan& s : mine)
    n += std::any_of(theirs.begin(), theirs.end(), [&](const ByteSpan& t) { return overlap_percent(text, s, t) >= min; });
  return n;
}

const std::vector<ByteSpan>& spans_of(const Reading& r, const std::string& theme) {
  static const std::vector<ByteSpan> kNone;
  auto it = r.segments.find(theme);
  return it == r.segments.end() ? kNone : it->second;
}

// A span that lies in `text` (a coding made on an older text may not).
bool fits(const std::string& text, const ByteSpan& s) { return s.begin < s.end && s.end <= text.size(); }

void add_judgement(Counts& c, bool lexicon, bool coder) {
  if (lexicon && coder) ++c.tp;
  else if (lexicon) ++c.fp;
  else if (coder) ++c.fn;
}

}  // namespace

AgreementReport measure_agreement(const std::vector<AnswerRecord>& answers, const std::vector<Coding>& codings,
                                  const std::string& coder_a, const std::string& coder_b,
                                  const std::vector<std::string>& themes, const AgreementOptions& options) {
  AgreementReport report;
  report.coder_a = coder_a;
  report.coder_b = coder_b;
  report.min_overlap_percent = options.min_overlap_percent;
  report.all.theme = "all";

  std::vector<std::string> listed;
  for (const std::string& t : themes)
    if (std::find(listed.begin(), listed.end(), t) == listed.end()) listed.push_back(t);
  for (const std::string& t : listed) report.themes.push_back(ThemeAgreement{t, true, {}, {}, {}, {}});

  std::set<std::string_view> known;
  for (const AnswerRecord& a : answers) known.insert(a.id);
  CoderReadings readings_a, readings_b;
  std::set<std::string> coded_by_a, coded_by_b;  // themes each coder coded at least once
  for (const Coding& c : codings) {
    if (c.coder != coder_a && c.coder != coder_b) continue;
    if (!c.removed.empty()) continue;
    if (c.orphaned) {
      ++report.orphaned_codings;
      continue;
    }
    if (!known.count(c.answer_id)) continue;
    read_coding(c, c.coder == coder_a ? readings_a : readings_b);
    if (!c.theme.empty()) (c.coder == coder_a ? coded_by_a : coded_by_b).insert(c.theme);
  }
  for (ThemeAgreement& row : report.themes)
    row.reviewed_by_both = coded_by_a.count(row.theme) && coded_by_b.count(row.theme);

  for (const AnswerRecord& answer : answers) {
    auto ra = readings_a.by_answer.find(answer.id), rb = readings_b.by_answer.find(answer.id);
    const bool by_a = ra != readings_a.by_answer.end(), by_b = rb != readings_b.by_answer.end();
    if (by_a != by_b) {
      ++(by_a ? report.only_a : report.only_b);
      continue;
    }
    if (!by_a) continue;
    ++report.units;
    const Reading& a = ra->second;
    const Reading& b = rb->second;
    for (ThemeAgreement& row : report.themes) {
      const bool in_a = a.present.count(row.theme) > 0, in_b = b.present.count(row.theme) > 0;
      const bool lexicon = std::any_of(answer.mentions.begin(), answer.mentions.end(),
                                       [&](const Mention& m) { return m.theme == row.theme; });
      if (coded_by_a.count(row.theme)) add_judgement(row.lexicon_vs_a, lexicon, in_a);
      if (coded_by_b.count(row.theme)) add_judgement(row.lexicon_vs_b, lexicon, in_b);
      if (!row.reviewed_by_both) continue;
      ++(in_a && in_b ? row.answers.both : in_a ? row.answers.only_a : in_b ? row.answers.only_b : row.answers.neither);
      if (in_a != in_b)
        report.differences.push_back({answer.id, answer.source, answer.question, row.theme, in_a, in_b});

      std::vector<ByteSpan> sa, sb;
      for (const ByteSpan& s : spans_of(a, row.theme))
        if (fits(answer.text, s)) sa.push_back(s);
      for (const ByteSpan& s : spans_of(b, row.theme))
        if (fits(answer.text, s)) sb.push_back(s);
      row.segments.a_segments += sa.size();
      row.segments.b_segments += sb.size();
      row.segments.a_agreeing += agreeing(answer.text, sa, sb, options.min_overlap_percent);
      row.segments.b_agreeing += agreeing(answer.text, sb, sa, options.min_overlap_percent);
    }
  }
  for (const ThemeAgreement& row : report.themes) {
    report.all.answers += row.answers;
    report.all.segments += row.segments;
    report.all.lexicon_vs_a += row.lexicon_vs_a;
    report.all.lexicon_vs_b += row.lexicon_vs_b;
  }
  return report;
}

}  // namespace analyzer::coding
