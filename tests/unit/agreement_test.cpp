// coding/agreement.hpp: intercoder agreement of two coders, with kappa
// values worked out by hand on small constructed double-codings.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analyzer/coding/agreement.hpp"

using namespace analyzer;
using namespace analyzer::coding;

namespace {

// An answer "a<i>" whose text is `text`, with automatic mentions of `themes`
// at the start of the text.
AnswerRecord answer(int i, std::vector<std::string> themes = {},
                    std::string text = "Vi har SIP och mobila team i hela länet.") {
  AnswerRecord a;
  a.id = "a" + std::to_string(i);
  a.source = "svar.txt";
  a.question = std::to_string(i);
  a.text = std::move(text);
  for (const std::string& t : themes) {
    Mention m;
    m.theme = t;
    m.in_text = {7, 10};
    a.mentions.push_back(m);
  }
  return a;
}

Coding coded(const std::string& coder, int answer_no, CodingKind kind, const std::string& theme,
              ByteSpan span = {7, 10}) {
  Coding c;
  c.coder = coder;
  c.answer_id = "a" + std::to_string(answer_no);
  c.kind = kind;
  c.theme = theme;
  c.span = span;
  return c;
}

Coding present(const std::string& coder, int answer_no, ByteSpan span = {7, 10}) {
  return coded(coder, answer_no, CodingKind::Accepted, "sip", span);
}
Coding absent(const std::string& coder, int answer_no) {
  return coded(coder, answer_no, CodingKind::Rejected, "sip");
}

std::vector<AnswerRecord> answers(int n) {
  std::vector<AnswerRecord> v;
  for (int i = 1; i <= n; ++i) v.push_back(answer(i, {"sip"}));
  return v;
}

// A and B judging "sip" on answers 1..n: `a` and `b` are strings of '+'
// (present) and '-' (absent, a rejected mention).
std::vector<Coding> judgements(const std::string& a, const std::string& b) {
  std::vector<Coding> v;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const int no = static_cast<int>(i) + 1;
    v.push_back(a[i] == '+' ? present("A", no) : absent("A", no));
    v.push_back(b[i] == '+' ? present("B", no) : absent("B", no));
  }
  return v;
}

}  // namespace

TEST_CASE("kappa of a 2x2 table with po 0.8 and pe 0.5 is 0.6") {
  // 10 answers: both present 4, both absent 4, A only 1, B only 1.
  // pA = pB = 0.5, so pe = 0.5; po = 0.8; kappa = (0.8 - 0.5) / 0.5 = 0.6.
  AgreementReport r = measure_agreement(answers(10), judgements("++++----+-", "++++-----+"), "A", "B", {"sip"});
  REQUIRE(r.themes.size() == 1);
  const AnswerAgreement& t = r.themes[0].answers;
  CHECK(t == AnswerAgreement{4, 1, 1, 4});
  CHECK(*t.observed() == Approx(0.8));
  CHECK(*t.expected() == Approx(0.5));
  CHECK(*t.kappa() == Approx(0.6));
  CHECK(r.units == 10);
}

TEST_CASE("perfect agreement on both values gives kappa 1") {
  AgreementReport r = measure_agreement(answers(4), judgements("++--", "++--"), "A", "B", {"sip"});
  CHECK(*r.themes[0].answers.observed() == Approx(1.0));
  CHECK(*r.themes[0].answers.kappa() == Approx(1.0));
  CHECK(r.differences.empty());
}

TEST_CASE("agreement no better than chance gives kappa 0") {
  // A says present on 2 of 4, B on 2 of 4, independently: po = 0.5, pe = 0.5.
  AgreementReport r = measure_agreement(answers(4), judgements("++--", "+-+-"), "A", "B", {"sip"});
  CHECK(*r.themes[0].answers.observed() == Approx(0.5));
  CHECK(*r.themes[0].answers.expected() == Approx(0.5));
  CHECK(*r.themes[0].answers.kappa() == Approx(0.0).margin(1e-12));
}

TEST_CASE("kappa is undefined when both coders judge every answer present (pe = 1)") {
  AgreementReport r = measure_agreement(answers(3), judgements("+++", "+++"), "A", "B", {"sip"});
  CHECK(*r.themes[0].answers.observed() == Approx(1.0));
  CHECK(*r.themes[0].answers.expected() == Approx(1.0));
  CHECK_FALSE(r.themes[0].answers.kappa().has_value());
}

TEST_CASE("a theme both coders judged absent everywhere has percent 100 and kappa undefined") {
  AgreementReport r = measure_agreement(answers(3), judgements("---", "---"), "A", "B", {"sip"});
  CHECK(r.themes[0].answers == AnswerAgreement{0, 0, 0, 3});
  CHECK(*r.themes[0].answers.observed() == Approx(1.0));
  CHECK_FALSE(r.themes[0].answers.kappa().has_value());
}

TEST_CASE("a theme one of the coders never coded is left out, also of the pooled row") {
  AgreementReport r = measure_agreement(answers(3), judgements("+-+", "+--"), "A", "B", {"sip", "trygg_hemgang"});
  REQUIRE(r.themes.size() == 2);
  CHECK(r.themes[0].reviewed_by_both);
  CHECK_FALSE(r.themes[1].reviewed_by_both);
  CHECK(r.themes[1].answers == AnswerAgreement{0, 0, 0, 0});
  CHECK_FALSE(r.themes[1].answers.observed().has_value());
  CHECK(r.all.answers == r.themes[0].answers);
}

TEST_CASE("with no answer reviewed by both, percent and kappa are undefined") {
  std::vector<Coding> codings{present("A", 1), present("B", 2), absent("B", 3)};
  AgreementReport r = measure_agreement(answers(3), codings, "A", "B", {"sip"});
  CHECK(r.units == 0);
  CHECK(r.only_a == 1);
  CHECK(r.only_b == 2);
  CHECK_FALSE(r.themes[0].answers.observed().has_value());
  CHECK_FALSE(r.themes[0].answers.kappa().has_value());
}

TEST_CASE("an answer only one coder reviewed is left out and counted") {
  std::vector<Coding> codings = judgements("+-", "+-");
  codings.push_back(present("A", 3));
  AgreementReport r = measure_agreement(answers(3), codings, "A", "B", {"sip"});
  CHECK(r.units == 2);
  CHECK(r.only_a == 1);
  CHECK(r.only_b == 0);
  CHECK(r.themes[0].answers.units() == 2);
}

TEST_CASE("a coding of another theme or an own code makes an answer reviewed, the theme then absent") {
  // In answer 1 A coded trygg_hemgang only and B an own code: both reviewed
  // it and judge sip absent. Both coded sip in answer 2.
  Coding own = coded("B", 1, CodingKind::Manual, "");
  own.code_id = 7;
  own.code = "Eget";
  std::vector<Coding> codings{coded("A", 1, CodingKind::Manual, "trygg_hemgang"), own, present("A", 2),
                              present("B", 2)};
  AgreementReport r = measure_agreement(answers(2), codings, "A", "B", {"sip"});
  CHECK(r.units == 2);
  CHECK(r.themes[0].answers == AnswerAgreement{1, 0, 0, 1});
}

TEST_CASE("a manual coding makes the theme present, an undecided automatic mention does not") {
  // Answer 1 has an automatic sip mention nobody decided on. A codes sip by
  // hand elsewhere; B only rejects an unrelated mention of another theme.
  // Both reject the sip mention of answer 2 (so both coded sip).
  std::vector<Coding> codings{coded("A", 1, CodingKind::Manual, "sip", {15, 27}),
                              coded("B", 1, CodingKind::Rejected, "mobila_team", {15, 27}), absent("A", 2),
                              absent("B", 2)};
  AgreementReport r = measure_agreement(answers(2), codings, "A", "B", {"sip"});
  CHECK(r.themes[0].answers == AnswerAgreement{0, 1, 0, 1});
  REQUIRE(r.differences.size() == 1);
  CHECK(r.differences[0] == CoderDifference{"a1", "svar.txt", "1", "sip", true, false});
}

TEST_CASE("removed and orphaned codings are not read, orphaned ones are counted") {
  Coding removed = present("A", 1);
  removed.removed = "2026-01-01T00:00:00Z";
  Coding orphaned = present("B", 1);
  orphaned.orphaned = true;
  std::vector<Coding> codings{removed, orphaned, absent("A", 1), absent("B", 1)};
  AgreementReport r = measure_agreement(answers(1), codings, "A", "B", {"sip"});
  CHECK(r.orphaned_codings == 1);
  CHECK(r.themes[0].answers == AnswerAgreement{0, 0, 0, 1});
}

TEST_CASE("codings of other coders and of answers not given are ignored") {
  std::vector<Coding> codings = judgements("+", "+");
  codings.push_back(absent("C", 1));
  codings.push_back(present("A", 9));
  AgreementReport r = measure_agreement(answers(1), codings, "A", "B", {"sip"});
  CHECK(r.units == 1);
  CHECK(r.only_a == 0);
  CHECK(r.themes[0].answers == AnswerAgreement{1, 0, 0, 0});
}

TEST_CASE("the pooled row sums the themes' tables and recomputes kappa") {
  // sip: A+ B+ on 1, A- B- on 2; trygg: A+ B- on 1, A- B- on 2 (B rejected it).
  std::vector<AnswerRecord> as = answers(2);
  std::vector<Coding> codings = judgements("+-", "+-");
  codings.push_back(coded("A", 1, CodingKind::Manual, "trygg_hemgang", {15, 20}));
  codings.push_back(coded("B", 2, CodingKind::Rejected, "trygg_hemgang", {15, 20}));
  AgreementReport r = measure_agreement(as, codings, "A", "B", {"sip", "trygg_hemgang"});
  CHECK(r.all.theme == "all");
  CHECK(r.all.answers == AnswerAgreement{1, 1, 0, 2});
  // po = 3/4; pA = 1/2, pB = 1/4: pe = 1/8 + 3/8 = 1/2; kappa = 0.25 / 0.5 = 0.5.
  CHECK(*r.all.answers.kappa() == Approx(0.5));
}

TEST_CASE("the lexicon against each coder: precision, recall and F1 at answer level") {
  // Answers 1-3 have an automatic sip mention, answer 4 none.
  std::vector<AnswerRecord> as{answer(1, {"sip"}), answer(2, {"sip"}), answer(3, {"sip"}), answer(4)};
  // A: accepts 1, 2; rejects 3; codes sip by hand in 4 (a lexicon miss).
  // B: accepts 1, 2, 3; rejects nothing else but reviewed 4 (another theme).
  std::vector<Coding> codings{present("A", 1), present("A", 2), absent("A", 3),
                              coded("A", 4, CodingKind::Manual, "sip", {0, 2}),
                              present("B", 1), present("B", 2), present("B", 3),
                              coded("B", 4, CodingKind::Manual, "mobila_team", {15, 27})};
  AgreementReport r = measure_agreement(as, codings, "A", "B", {"sip"});
  const ThemeAgreement& t = r.themes[0];
  CHECK(t.lexicon_vs_a.tp == 2);
  CHECK(t.lexicon_vs_a.fp == 1);
  CHECK(t.lexicon_vs_a.fn == 1);
  CHECK(*t.lexicon_vs_a.precision() == Approx(2.0 / 3));
  CHECK(*t.lexicon_vs_a.recall() == Approx(2.0 / 3));
  CHECK(t.lexicon_vs_b.tp == 3);
  CHECK(t.lexicon_vs_b.fp == 0);
  CHECK(t.lexicon_vs_b.fn == 0);
  CHECK(*t.lexicon_vs_b.f1() == Approx(1.0));
}

TEST_CASE("the differing answers list each answer and theme where A and B differ, in answer order") {
  AgreementReport r = measure_agreement(answers(4), judgements("+-+-", "++--"), "A", "B", {"sip"});
  REQUIRE(r.differences.size() == 2);
  CHECK(r.differences[0] == CoderDifference{"a2", "svar.txt", "2", "sip", false, true});
  CHECK(r.differences[1] == CoderDifference{"a3", "svar.txt", "3", "sip", true, false});
}

TEST_CASE("overlap is the characters both spans cover over those either covers") {
  const std::string text = "0123456789abcdefghij";
  CHECK(overlap_percent(text, {0, 10}, {0, 10}) == Approx(100));
  CHECK(overlap_percent(text, {0, 10}, {0, 9}) == Approx(90));
  CHECK(overlap_percent(text, {0, 10}, {5, 15}) == Approx(100.0 * 5 / 15));
  CHECK(overlap_percent(text, {0, 10}, {10, 20}) == 0);
  CHECK(overlap_percent(text, {0, 0}, {0, 10}) == 0);
}

TEST_CASE("overlap counts characters, not bytes: å is one character") {
  // "ååååå" is 10 bytes, 5 characters; [0, 8) is 4 characters of 5.
  const std::string text = "\xC3\xA5\xC3\xA5\xC3\xA5\xC3\xA5\xC3\xA5";
  CHECK(overlap_percent(text, {0, 10}, {0, 8}) == Approx(80));
}

TEST_CASE("a segment overlapping the other coder's by exactly the threshold agrees, one character less does not") {
  // A codes [0, 10); B codes [0, 9): 9 of 10 characters, 90 %.
  std::vector<AnswerRecord> as{answer(1, {}, "0123456789abcdefghij")};
  std::vector<Coding> codings{coded("A", 1, CodingKind::Manual, "sip", {0, 10}),
                              coded("B", 1, CodingKind::Manual, "sip", {0, 9})};
  AgreementReport at90 = measure_agreement(as, codings, "A", "B", {"sip"});
  CHECK(at90.themes[0].segments == SegmentAgreement{1, 1, 1, 1});
  CHECK(*at90.themes[0].segments.percent() == Approx(100));

  codings[1].span = {0, 8};  // 80 %
  AgreementReport at80 = measure_agreement(as, codings, "A", "B", {"sip"});
  CHECK(at80.themes[0].segments == SegmentAgreement{1, 0, 1, 0});
  CHECK(*at80.themes[0].segments.percent() == Approx(0));

  AgreementOptions lower;
  lower.min_overlap_percent = 80;
  AgreementReport lowered = measure_agreement(as, codings, "A", "B", {"sip"}, lower);
  CHECK(lowered.themes[0].segments == SegmentAgreement{1, 1, 1, 1});
  CHECK(lowered.min_overlap_percent == 80);
}

TEST_CASE("segment agreement counts each coder's segments against the other's") {
  // A: two sip segments, [0, 5) and [10, 15); B: one, [0, 5). A's second is
  // unmatched: 2 of 3 segments agree.
  std::vector<AnswerRecord> as{answer(1, {}, "0123456789abcdefghij")};
  std::vector<Coding> codings{coded("A", 1, CodingKind::Manual, "sip", {0, 5}),
                              coded("A", 1, CodingKind::Manual, "sip", {10, 15}),
                              coded("B", 1, CodingKind::Accepted, "sip", {0, 5})};
  AgreementReport r = measure_agreement(as, codings, "A", "B", {"sip"});
  CHECK(r.themes[0].segments == SegmentAgreement{2, 1, 1, 1});
  CHECK(*r.themes[0].segments.percent() == Approx(200.0 / 3));
  // The answer level sees only presence: both present.
  CHECK(r.themes[0].answers == AnswerAgreement{1, 0, 0, 0});
}

TEST_CASE("a segment of another theme never agrees, and a rejected mention is no segment") {
  std::vector<AnswerRecord> as{answer(1, {}, "0123456789abcdefghij")};
  std::vector<Coding> codings{coded("A", 1, CodingKind::Manual, "sip", {0, 5}),
                              coded("B", 1, CodingKind::Manual, "trygg_hemgang", {0, 5}),
                              coded("B", 1, CodingKind::Rejected, "sip", {0, 5})};
  AgreementReport r = measure_agreement(as, codings, "A", "B", {"sip", "trygg_hemgang"});
  CHECK(r.themes[0].segments == SegmentAgreement{1, 0, 0, 0});
  CHECK_FALSE(r.themes[1].reviewed_by_both);  // A never coded trygg_hemgang
  CHECK(r.themes[1].segments == SegmentAgreement{0, 0, 0, 0});
  CHECK(r.all.segments == SegmentAgreement{1, 0, 0, 0});
  CHECK(*r.all.segments.percent() == Approx(0));
}

TEST_CASE("a theme listed twice gets one row") {
  AgreementReport r = measure_agreement(answers(1), judgements("+", "+"), "A", "B", {"sip", "sip"});
  CHECK(r.themes.size() == 1);
}
