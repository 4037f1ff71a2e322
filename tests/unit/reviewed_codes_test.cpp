// coding/reviewed_codes.hpp: the effective theme mentions once the
// analysts' decisions and manual codings apply, and the counts of what the
// review changed.

#include <catch2/catch.hpp>

#include "analyzer/coding/reviewed_codes.hpp"
#include "analyzer/core/mention_id.hpp"

using namespace analyzer;
using namespace analyzer::coding;

namespace {

// "Vi har SIP. Mobila team finns." as one answer of a text file whose answer
// starts at byte 100, with ingest's two mentions: sip [7,10) in the sentence
// [0,11), mobila_team [12,23) in the sentence [12,30).
const std::string kText = "Vi har SIP. Mobila team finns.";

Mention mention(const std::string& theme, ByteSpan in_text, ByteSpan sentence_in_text) {
  Mention m;
  m.theme = theme;
  m.rule = theme + "_rule";
  m.in_text = in_text;
  m.sentence_in_text = sentence_in_text;
  m.span = {100 + in_text.begin, 100 + in_text.end};
  m.sentence = {100 + sentence_in_text.begin, 100 + sentence_in_text.end};
  m.text = kText.substr(in_text.begin, in_text.size());
  m.location.line = 7;
  return m;
}

AnswerRecord answer(const std::string& id = "a1") {
  AnswerRecord a;
  a.id = id;
  a.source = "svar.txt";
  a.text = kText;
  a.span = {100, 100 + kText.size()};
  a.location.line = 5;
  a.mentions = {mention("sip", {7, 10}, {0, 11}), mention("mobila_team", {12, 23}, {12, 30})};
  return a;
}

std::string id_of(const AnswerRecord& a, std::size_t mention) {
  const Mention& m = a.mentions[mention];
  return mention_id(a.id, m.theme, m.span);
}

Coding decision(std::int64_t id, CodingKind kind, const AnswerRecord& a, std::size_t mention,
                const std::string& coder = "anna") {
  Coding c;
  c.id = id;
  c.kind = kind;
  c.theme = a.mentions[mention].theme;
  c.mention_id = id_of(a, mention);
  c.answer_id = a.id;
  c.span = a.mentions[mention].in_text;
  c.quote = kText.substr(c.span.begin, c.span.size());
  c.coder = coder;
  return c;
}

Coding manual(std::int64_t id, const std::string& theme, ByteSpan span, const std::string& coder = "anna",
              const std::string& answer_id = "a1") {
  Coding c;
  c.id = id;
  c.kind = CodingKind::Manual;
  c.theme = theme;
  c.answer_id = answer_id;
  c.span = span;
  c.quote = kText.substr(span.begin, span.size());
  c.coder = coder;
  return c;
}

// "sip[7,10) mobila_team[12,23)": the mentions of an answer, compactly.
std::string themes_of(const AnswerRecord& a) {
  std::string s;
  for (const Mention& m : a.mentions)
    s += (s.empty() ? "" : " ") + m.theme + "[" + std::to_string(m.in_text.begin) + "," +
         std::to_string(m.in_text.end) + ")";
  return s;
}

}  // namespace

TEST_CASE("without codings the answers keep their automatic mentions and only those are counted") {
  const ReviewedAnswers r = apply_reviewed_codes({answer()}, {});
  CHECK(themes_of(r.answers[0]) == "sip[7,10) mobila_team[12,23)");
  CHECK(r.counts == ReviewCounts{2, 0, 0, 0, 0, 0});
}

TEST_CASE("a rejected mention is left out and counted as reviewed and rejected") {
  const ReviewedAnswers r = apply_reviewed_codes({answer()}, {decision(1, CodingKind::Rejected, answer(), 0)});
  CHECK(themes_of(r.answers[0]) == "mobila_team[12,23)");
  CHECK(r.counts == ReviewCounts{2, 1, 0, 1, 0, 0});
}

TEST_CASE("an accepted mention stays and is counted as reviewed and accepted") {
  const ReviewedAnswers r = apply_reviewed_codes({answer()}, {decision(1, CodingKind::Accepted, answer(), 1)});
  CHECK(themes_of(r.answers[0]) == "sip[7,10) mobila_team[12,23)");
  CHECK(r.counts == ReviewCounts{2, 1, 1, 0, 0, 0});
}

TEST_CASE("with two coders the latest decision on a mention wins") {
  const Coding anna_rejects = decision(1, CodingKind::Rejected, answer(), 0, "anna");
  const Coding bo_accepts = decision(2, CodingKind::Accepted, answer(), 0, "bo");
  const ReviewedAnswers later_accept = apply_reviewed_codes({answer()}, {anna_rejects, bo_accepts});
  CHECK(themes_of(later_accept.answers[0]) == "sip[7,10) mobila_team[12,23)");
  CHECK(later_accept.counts == ReviewCounts{2, 1, 1, 0, 0, 0});

  const Coding bo_accepts_first = decision(1, CodingKind::Accepted, answer(), 0, "bo");
  const Coding anna_rejects_later = decision(2, CodingKind::Rejected, answer(), 0, "anna");
  const ReviewedAnswers later_reject = apply_reviewed_codes({answer()}, {anna_rejects_later, bo_accepts_first});
  CHECK(themes_of(later_reject.answers[0]) == "mobila_team[12,23)");
}

TEST_CASE("the coder option applies that coder's decisions and manual codings only") {
  const std::vector<Coding> codings{decision(1, CodingKind::Rejected, answer(), 0, "anna"),
                                    manual(2, "trygg_hemgang", {24, 29}, "anna"),
                                    decision(3, CodingKind::Accepted, answer(), 1, "bo")};
  const ReviewedAnswers bo = apply_reviewed_codes({answer()}, codings, {.coder = "bo"});
  CHECK(themes_of(bo.answers[0]) == "sip[7,10) mobila_team[12,23)");
  CHECK(bo.counts == ReviewCounts{2, 1, 1, 0, 0, 0});
}

TEST_CASE("a manual coding with a theme adds a mention in the sentence of the automatic mention holding it") {
  const ReviewedAnswers r = apply_reviewed_codes({answer()}, {manual(1, "fast_vardkontakt", {24, 29})});
  CHECK(themes_of(r.answers[0]) == "sip[7,10) mobila_team[12,23) fast_vardkontakt[24,29)");
  const Mention& m = r.answers[0].mentions[2];
  CHECK(m.rule == kManualRule);
  CHECK(m.text == "finns");
  CHECK(m.sentence_in_text == ByteSpan{12, 30});
  CHECK(m.sentence == ByteSpan{112, 130});
  CHECK(m.span == ByteSpan{112, 130});   // no source span stored: the sentence's
  CHECK(m.location.line == 7);
  CHECK(r.counts == ReviewCounts{2, 0, 0, 0, 1, 0});
}

TEST_CASE("a manual coding keeps the original span the store has for it") {
  Coding c = manual(1, "sip", {0, 2});
  c.source_span = ByteSpan{100, 102};
  const ReviewedAnswers r = apply_reviewed_codes({answer()}, {c});
  CHECK(themes_of(r.answers[0]) == "sip[0,2) sip[7,10) mobila_team[12,23)");
  CHECK(r.answers[0].mentions[0].span == ByteSpan{100, 102});
}

TEST_CASE("a manual coding outside every automatic mention's sentence takes the sentences it touches") {
  AnswerRecord a = answer();
  a.mentions.pop_back();   // no mention in the second sentence
  const auto sentences = [](std::string_view) { return std::vector<ByteSpan>{{0, 11}, {12, 30}}; };
  const ReviewedAnswers r =
      apply_reviewed_codes({a}, {manual(1, "mobila_team", {12, 18})}, {.sentences = sentences});
  const Mention& m = r.answers[0].mentions[1];
  CHECK(m.sentence_in_text == ByteSpan{12, 30});
  CHECK(m.sentence == a.span);      // the answer's original span: no offset map back to the file
  CHECK(m.location.line == 5);      // the answer's location

  const ReviewedAnswers bare = apply_reviewed_codes({a}, {manual(1, "mobila_team", {12, 18})});
  CHECK(bare.answers[0].mentions[1].sentence_in_text == ByteSpan{12, 18});
}

TEST_CASE("a manual coding with an own code is no theme mention and is not counted") {
  Coding own = manual(1, "", {24, 29});
  own.code_id = 4;
  own.code = "Samverkan";
  const ReviewedAnswers r = apply_reviewed_codes({answer()}, {own});
  CHECK(themes_of(r.answers[0]) == "sip[7,10) mobila_team[12,23)");
  CHECK(r.counts == ReviewCounts{2, 0, 0, 0, 0, 0});
}

TEST_CASE("orphaned codings are left out and counted, removed ones are ignored") {
  Coding orphan = decision(1, CodingKind::Rejected, answer(), 0);
  orphan.orphaned = true;
  Coding removed = manual(2, "sip", {24, 29});
  removed.removed = "2026-12-07T01:00:00Z";
  Coding gone = manual(3, "sip", {24, 29});
  gone.orphaned = true;
  const ReviewedAnswers r = apply_reviewed_codes({answer()}, {orphan, removed, gone});
  CHECK(themes_of(r.answers[0]) == "sip[7,10) mobila_team[12,23)");
  CHECK(r.counts == ReviewCounts{2, 0, 0, 0, 0, 2});
}

TEST_CASE("a manual coding whose span runs past its answer's text is left out as orphaned") {
  const ReviewedAnswers r = apply_reviewed_codes({answer()}, {manual(1, "sip", {25, 31})});
  CHECK(themes_of(r.answers[0]) == "sip[7,10) mobila_team[12,23)");
  CHECK(r.counts.orphaned == 1);
}

TEST_CASE("two coders coding the same span with the same theme give one mention") {
  const ReviewedAnswers r = apply_reviewed_codes(
      {answer()}, {manual(1, "trygg_hemgang", {24, 29}, "anna"), manual(2, "trygg_hemgang", {24, 29}, "bo")});
  CHECK(themes_of(r.answers[0]) == "sip[7,10) mobila_team[12,23) trygg_hemgang[24,29)");
  CHECK(r.counts.manual == 1);
}

TEST_CASE("a manual coding exactly on an automatic mention of its theme adds nothing") {
  const ReviewedAnswers r = apply_reviewed_codes({answer()}, {manual(1, "sip", {7, 10})});
  CHECK(themes_of(r.answers[0]) == "sip[7,10) mobila_team[12,23)");
  CHECK(r.counts.manual == 0);
}

TEST_CASE("a manual coding restores a rejected mention's place when coded there again") {
  const ReviewedAnswers r = apply_reviewed_codes(
      {answer()}, {decision(1, CodingKind::Rejected, answer(), 0), manual(2, "sip", {7, 10})});
  CHECK(themes_of(r.answers[0]) == "sip[7,10) mobila_team[12,23)");
  CHECK(r.answers[0].mentions[0].rule == kManualRule);
  CHECK(r.counts == ReviewCounts{2, 1, 0, 1, 1, 0});
}

TEST_CASE("codings of answers not given change and count nothing") {
  const ReviewedAnswers r =
      apply_reviewed_codes({answer("a1")}, {manual(1, "sip", {0, 2}, "anna", "a2"),
                                            decision(2, CodingKind::Rejected, answer("a2"), 0)});
  CHECK(themes_of(r.answers[0]) == "sip[7,10) mobila_team[12,23)");
  CHECK(r.counts == ReviewCounts{2, 0, 0, 0, 0, 0});
}

TEST_CASE("the themes option limits the counts, not what is applied") {
  const std::vector<Coding> codings{decision(1, CodingKind::Rejected, answer(), 0),
                                    decision(2, CodingKind::Rejected, answer(), 1)};
  const ReviewedAnswers r = apply_reviewed_codes({answer()}, codings, {.themes = {"sip"}});
  CHECK(themes_of(r.answers[0]).empty());
  CHECK(r.counts == ReviewCounts{1, 1, 0, 1, 0, 0});
}

TEST_CASE("answers keep their order and a decision applies only to its own answer's mention") {
  const ReviewedAnswers r = apply_reviewed_codes({answer("a1"), answer("a2")},
                                                 {decision(1, CodingKind::Rejected, answer("a2"), 1)});
  REQUIRE(r.answers.size() == 2);
  CHECK(r.answers[0].id == "a1");
  CHECK(themes_of(r.answers[0]) == "sip[7,10) mobila_team[12,23)");
  CHECK(themes_of(r.answers[1]) == "sip[7,10)");
}

TEST_CASE("a store holds a review when a coding is neither removed nor orphaned") {
  Coding orphan = manual(1, "sip", {0, 2});
  orphan.orphaned = true;
  Coding removed = manual(2, "sip", {0, 2});
  removed.removed = "2026-12-07T01:00:00Z";
  CHECK_FALSE(has_review({}));
  CHECK_FALSE(has_review({orphan, removed}));
  CHECK(has_review({orphan, manual(3, "sip", {0, 2})}));
}
