// coding/sync.hpp: which codings move, stay or are orphaned when their
// source was ingested again.

#include <catch2/catch.hpp>

#include "analyzer/coding/sync.hpp"
#include "analyzer/core/mention_id.hpp"

using namespace analyzer;
using namespace analyzer::coding;

namespace {

AnswerRecord answer(const std::string& id, const std::string& source, const std::string& text) {
  AnswerRecord a;
  a.id = id;
  a.source = source;
  a.text = text;
  return a;
}

Coding stored(std::int64_t id, const std::string& answer_id, ByteSpan span, const std::string& quote) {
  Coding c;
  c.id = id;
  c.kind = CodingKind::Manual;
  c.theme = "sip";
  c.answer_id = answer_id;
  c.source = "svar.txt";
  c.source_sha256 = "old";
  c.span = span;
  c.quote = quote;
  return c;
}

const std::map<std::string, std::string> kNewHash{{"svar.txt", "new"}};

}  // namespace

TEST_CASE("a coding still in place in an unchanged file needs no update") {
  const auto plan = plan_sync({stored(1, "a1", {3, 6}, "SIP")}, {answer("a1", "svar.txt", "Vi SIP")},
                              {{"svar.txt", "old"}});
  CHECK(plan.updates.empty());
  CHECK(plan.checked == 1);
}

TEST_CASE("a coding in place in a changed file only takes the new hash") {
  const auto plan = plan_sync({stored(1, "a1", {3, 6}, "SIP")}, {answer("a1", "svar.txt", "Vi SIP")}, kNewHash);
  REQUIRE(plan.updates.size() == 1);
  CHECK(plan.updates[0].match == "unchanged");
  CHECK(plan.updates[0].source_sha256 == "new");
  CHECK(plan.moved == 0);
}

TEST_CASE("a coding whose words moved within its answer follows them") {
  const auto plan =
      plan_sync({stored(1, "a1", {3, 6}, "SIP")}, {answer("a1", "svar.txt", "Nu har vi SIP")}, kNewHash);
  REQUIRE(plan.updates.size() == 1);
  CHECK(plan.updates[0].match == "exact");
  CHECK(plan.updates[0].span == ByteSpan{10, 13});
  CHECK(plan.updates[0].answer_id == "a1");
  CHECK(plan.moved == 1);
}

TEST_CASE("a short quote whose answer is gone is orphaned, not taken from another answer") {
  const auto plan = plan_sync({stored(1, "a1", {3, 6}, "SIP")},
                              {answer("b1", "svar.txt", "Inget här"), answer("b2", "svar.txt", "Ja, SIP")}, kNewHash);
  REQUIRE(plan.updates.size() == 1);
  CHECK(plan.updates[0].match == "orphaned");
  CHECK(plan.orphaned == 1);
  CHECK(plan.moved == 0);
}

TEST_CASE("a long quote found once in another answer of its source follows it there") {
  const std::string quote = "Vi har infört SIP i alla kommuner i länet";  // 41 code points
  const auto plan = plan_sync({stored(1, "a1", {0, quote.size()}, quote)},
                              {answer("b1", "svar.txt", "Inget här"), answer("b2", "svar.txt", "Ja. " + quote + ".")},
                              kNewHash);
  REQUIRE(plan.updates.size() == 1);
  CHECK(plan.updates[0].match == "exact");
  CHECK(plan.updates[0].answer_id == "b2");
  CHECK(plan.updates[0].span == ByteSpan{4, 4 + quote.size()});
  CHECK(plan.moved == 1);
}

TEST_CASE("a long quote re-wrapped in another answer is found there with white space ignored") {
  const std::string quote = "Vi har infört SIP i alla kommuner i länet";
  const auto plan = plan_sync({stored(1, "a1", {0, quote.size()}, quote)},
                              {answer("b1", "svar.txt", "Vi har infört SIP i alla\nkommuner i  länet")}, kNewHash);
  REQUIRE(plan.updates.size() == 1);
  CHECK(plan.updates[0].match == "whitespace");
  CHECK(plan.updates[0].answer_id == "b1");
  CHECK(plan.updates[0].span == ByteSpan{0, quote.size() + 1});
}

TEST_CASE("a long quote found in two other answers is ambiguous and orphaned") {
  const std::string quote = "Vi har infört SIP i alla kommuner i länet";
  const auto plan = plan_sync({stored(1, "a1", {0, quote.size()}, quote)},
                              {answer("b1", "svar.txt", quote), answer("b2", "svar.txt", "Ja. " + quote)}, kNewHash);
  REQUIRE(plan.updates.size() == 1);
  CHECK(plan.updates[0].match == "orphaned");
}

TEST_CASE("a long quote twice in one other answer is ambiguous and orphaned") {
  const std::string quote = "Vi har infört SIP i alla kommuner i länet";
  const auto plan =
      plan_sync({stored(1, "a1", {0, quote.size()}, quote)}, {answer("b1", "svar.txt", quote + ". " + quote)}, kNewHash);
  REQUIRE(plan.updates.size() == 1);
  CHECK(plan.updates[0].match == "orphaned");
}

TEST_CASE("a quote one code point shorter than the limit is not taken from another answer") {
  // 31 code points ("å" and "ö" are two bytes each): below kMinQuoteElsewhere.
  const std::string quote = "Vår kommun har SIP på gång nu ö";
  REQUIRE(kMinQuoteElsewhere == 32);
  const auto plan =
      plan_sync({stored(1, "a1", {0, quote.size()}, quote)}, {answer("b1", "svar.txt", "Ja. " + quote)}, kNewHash);
  REQUIRE(plan.updates.size() == 1);
  CHECK(plan.updates[0].match == "orphaned");
  const std::string longer = quote + "!";  // 32
  const auto taken =
      plan_sync({stored(1, "a1", {0, longer.size()}, longer)}, {answer("b1", "svar.txt", "Ja. " + longer)}, kNewHash);
  REQUIRE(taken.updates.size() == 1);
  CHECK(taken.updates[0].match == "exact");
}

TEST_CASE("a quote still in its own answer is taken there, not from another answer nearer the top") {
  const auto plan = plan_sync({stored(1, "a1", {3, 6}, "SIP")},
                              {answer("a0", "svar.txt", "SIP"), answer("a1", "svar.txt", "Nu: inget, sedan SIP")},
                              kNewHash);
  REQUIRE(plan.updates.size() == 1);
  CHECK(plan.updates[0].answer_id == "a1");
  CHECK(plan.updates[0].span == ByteSpan{17, 20});
}

TEST_CASE("inside its own answer a coding takes the occurrence nearest its old offset") {
  // Old place 20; the copies now at 0, 15 and 42: 15 is nearest.
  const auto plan = plan_sync({stored(1, "a1", {20, 23}, "SIP")},
                              {answer("a1", "svar.txt", "SIP först, nu SIP här och sedan längre SIP")}, kNewHash);
  REQUIRE(plan.updates.size() == 1);
  CHECK(plan.updates[0].span == ByteSpan{15, 18});
}

TEST_CASE("a coding whose words are gone is orphaned, once") {
  Coding c = stored(1, "a1", {3, 6}, "SIP");
  const std::vector<AnswerRecord> now{answer("a1", "svar.txt", "Vi har inget")};
  const auto plan = plan_sync({c}, now, kNewHash);
  REQUIRE(plan.updates.size() == 1);
  CHECK(plan.updates[0].match == "orphaned");
  CHECK(plan.orphaned == 1);
  c.orphaned = true;
  c.source_sha256 = "new";
  CHECK(plan_sync({c}, now, kNewHash).updates.empty());  // nothing new to record
}

TEST_CASE("an orphaned coding whose words come back is anchored again") {
  Coding c = stored(1, "a1", {3, 6}, "SIP");
  c.orphaned = true;
  const auto plan = plan_sync({c}, {answer("a1", "svar.txt", "Vi SIP")}, kNewHash);
  REQUIRE(plan.updates.size() == 1);
  CHECK(plan.updates[0].match == "unchanged");
  CHECK(plan.found_again == 1);
}

TEST_CASE("a coding of a source the index does not hold is left alone") {
  const auto plan = plan_sync({stored(1, "a1", {3, 6}, "SIP")}, {answer("x", "annat.txt", "SIP")}, kNewHash);
  CHECK(plan.updates.empty());
  CHECK(plan.absent == 1);
  CHECK(plan.checked == 0);
}

TEST_CASE("a moved decision takes the id of the mention now at its place") {
  Coding c = stored(1, "a1", {3, 6}, "SIP");
  c.kind = CodingKind::Accepted;
  c.mention_id = "stale";
  AnswerRecord a = answer("a1", "svar.txt", "Idag SIP");
  Mention m;
  m.theme = "sip";
  m.span = {105, 108};
  m.in_text = {5, 8};
  a.mentions.push_back(m);
  const auto plan = plan_sync({c}, {a}, kNewHash);
  REQUIRE(plan.updates.size() == 1);
  CHECK(plan.updates[0].mention_id == mention_id("a1", "sip", {105, 108}));
}

// ---- conflicts ---------------------------------------------------------------

namespace {

Coding decision(std::int64_t id, CodingKind kind, const std::string& coder, const std::string& answer_id,
                ByteSpan span) {
  Coding c = stored(id, answer_id, span, "SIP");
  c.kind = kind;
  c.coder = coder;
  c.mention_id = "m" + std::to_string(id);
  return c;
}

// An answer whose every "SIP" is a mention of theme sip, at original
// offsets `offset` + its place in the text.
AnswerRecord with_sip_mentions(const std::string& id, const std::string& text, std::size_t offset) {
  AnswerRecord a = answer(id, "svar.txt", text);
  for (std::size_t at = text.find("SIP"); at != std::string::npos; at = text.find("SIP", at + 1)) {
    Mention m;
    m.theme = "sip";
    m.span = {offset + at, offset + at + 3};
    m.in_text = {at, at + 3};
    a.mentions.push_back(m);
  }
  return a;
}

const AnchorUpdate* update_of(const SyncPlan& plan, std::int64_t id) {
  for (const AnchorUpdate& u : plan.updates)
    if (u.coding_id == id) return &u;
  return nullptr;
}

}  // namespace

TEST_CASE("a rejected SIP whose sentence lost the word is orphaned, not moved onto the accepted SIP of another "
          "answer") {
  // Anna and Bo each accepted the SIP of a1 and rejected the SIP of a2; then
  // "SIP nämns som verktyg" became "Planer nämns som verktyg" and the file
  // was ingested again.
  const std::vector<Coding> codings{decision(1, CodingKind::Accepted, "anna", "a1", {11, 14}),
                                    decision(2, CodingKind::Rejected, "anna", "a2", {0, 3}),
                                    decision(3, CodingKind::Accepted, "bo", "a1", {11, 14}),
                                    decision(4, CodingKind::Rejected, "bo", "a2", {0, 3})};
  const std::vector<AnswerRecord> now{with_sip_mentions("a1", "Vi arbetar SIP-möten varje vecka.", 100),
                                      with_sip_mentions("a2", "Planer nämns som verktyg.", 2300)};
  const SyncPlan plan = plan_sync(codings, now, kNewHash);
  CHECK(plan.moved == 0);
  CHECK(plan.orphaned == 2);
  REQUIRE(update_of(plan, 2));
  CHECK(update_of(plan, 2)->match == "orphaned");
  REQUIRE(update_of(plan, 4));
  CHECK(update_of(plan, 4)->match == "orphaned");
  REQUIRE(update_of(plan, 1));
  CHECK(update_of(plan, 1)->match == "unchanged");  // only the new hash
}

TEST_CASE("a decision moving onto a mention the same coder decided otherwise is orphaned") {
  // Both mentions in one answer: the rejected one's nearest SIP is now the
  // accepted one.
  const std::vector<Coding> codings{decision(1, CodingKind::Accepted, "anna", "a1", {0, 3}),
                                    decision(2, CodingKind::Rejected, "anna", "a1", {15, 18})};
  const SyncPlan plan =
      plan_sync(codings, {with_sip_mentions("a1", "SIP i början. Planer nämns som verktyg.", 0)}, kNewHash);
  REQUIRE(update_of(plan, 2));
  CHECK(update_of(plan, 2)->match == "orphaned");
  CHECK(plan.conflicts == 1);
  CHECK(plan.orphaned == 1);
  CHECK(plan.moved == 0);
}

TEST_CASE("a decision moving onto a mention the same coder made the same decision on is orphaned") {
  const std::vector<Coding> codings{decision(1, CodingKind::Accepted, "anna", "a1", {0, 3}),
                                    decision(2, CodingKind::Accepted, "anna", "a1", {15, 18})};
  const SyncPlan plan = plan_sync(codings, {with_sip_mentions("a1", "SIP i början. Planer nu.", 0)}, kNewHash);
  REQUIRE(update_of(plan, 2));
  CHECK(update_of(plan, 2)->match == "orphaned");
  CHECK(plan.conflicts == 1);
}

TEST_CASE("another coder's decision on the mention is no conflict") {
  const std::vector<Coding> codings{decision(1, CodingKind::Accepted, "anna", "a1", {0, 3}),
                                    decision(2, CodingKind::Rejected, "bo", "a1", {15, 18})};
  const SyncPlan plan =
      plan_sync(codings, {with_sip_mentions("a1", "SIP i början. Planer nämns som verktyg.", 0)}, kNewHash);
  REQUIRE(update_of(plan, 2));
  CHECK(update_of(plan, 2)->match == "exact");
  CHECK(update_of(plan, 2)->span == ByteSpan{0, 3});
  CHECK(plan.conflicts == 0);
}

TEST_CASE("the trial's case in one answer: the accepted SIP shifted by 3 bytes keeps its mention, the rejection "
          "whose SIP was edited away is orphaned") {
  // "SIP" became "Planer": the accepted SIP is 3 bytes later, and the only
  // copy left for the rejection too.
  const std::string before = "Samordning. SIP nämns som verktyg. Sedan SIP – samordnad plan.";
  const std::string after = "Samordning. Planer nämns som verktyg. Sedan SIP – samordnad plan.";
  const std::size_t rejected_at = before.find("SIP"), accepted_at = before.rfind("SIP");
  const std::vector<Coding> codings{
      decision(1, CodingKind::Rejected, "anna", "a1", {rejected_at, rejected_at + 3}),
      decision(2, CodingKind::Accepted, "anna", "a1", {accepted_at, accepted_at + 3}),
      decision(3, CodingKind::Rejected, "bo", "a1", {rejected_at, rejected_at + 3}),
      decision(4, CodingKind::Accepted, "bo", "a1", {accepted_at, accepted_at + 3})};
  const SyncPlan plan = plan_sync(codings, {with_sip_mentions("a1", after, 44000)}, kNewHash);
  CHECK(plan.moved == 2);
  CHECK(plan.orphaned == 2);
  CHECK(plan.conflicts == 2);
  for (std::int64_t id : {1, 3}) {
    REQUIRE(update_of(plan, id));
    CHECK(update_of(plan, id)->match == "orphaned");
  }
  const std::size_t now_at = after.find("SIP");
  for (std::int64_t id : {2, 4}) {
    REQUIRE(update_of(plan, id));
    CHECK(update_of(plan, id)->match == "exact");
    CHECK(update_of(plan, id)->span == ByteSpan{now_at, now_at + 3});
    CHECK(update_of(plan, id)->source_span == ByteSpan{44000 + now_at, 44003 + now_at});
  }
}

TEST_CASE("two decisions moving onto one mention: the one that moved least keeps it") {
  // Old places 0 and 6; the one SIP left is at 11: 5 bytes from 6, 11 from 0.
  const std::vector<Coding> codings{decision(1, CodingKind::Accepted, "anna", "a1", {0, 3}),
                                    decision(2, CodingKind::Rejected, "anna", "a1", {6, 9})};
  const SyncPlan plan = plan_sync(codings, {with_sip_mentions("a1", "Nu: inget, SIP", 0)}, kNewHash);
  REQUIRE(update_of(plan, 1));
  CHECK(update_of(plan, 1)->match == "orphaned");
  REQUIRE(update_of(plan, 2));
  CHECK(update_of(plan, 2)->match == "exact");
  CHECK(update_of(plan, 2)->span == ByteSpan{11, 14});
  CHECK(plan.conflicts == 1);
}

TEST_CASE("an accepted and a rejected decision moving equally far onto one mention are both orphaned") {
  // Old places 0 and 22; the one SIP left is at 11, 11 bytes from each.
  const std::vector<Coding> codings{decision(1, CodingKind::Accepted, "anna", "a1", {0, 3}),
                                    decision(2, CodingKind::Rejected, "anna", "a1", {22, 25})};
  const SyncPlan plan = plan_sync(codings, {with_sip_mentions("a1", "Nu: inget, SIP", 0)}, kNewHash);
  REQUIRE(plan.updates.size() == 2);
  CHECK(plan.updates[0].match == "orphaned");
  CHECK(plan.updates[1].match == "orphaned");
  CHECK(plan.conflicts == 2);
}

TEST_CASE("two accepted decisions moving equally far onto one mention: the lowest id keeps it") {
  const std::vector<Coding> codings{decision(2, CodingKind::Accepted, "anna", "a1", {22, 25}),
                                    decision(1, CodingKind::Accepted, "anna", "a1", {0, 3})};
  const SyncPlan plan = plan_sync(codings, {with_sip_mentions("a1", "Nu: inget, SIP", 0)}, kNewHash);
  REQUIRE(update_of(plan, 1));
  CHECK(update_of(plan, 1)->match == "exact");
  CHECK(update_of(plan, 1)->span == ByteSpan{11, 14});
  REQUIRE(update_of(plan, 2));
  CHECK(update_of(plan, 2)->match == "orphaned");
}

TEST_CASE("a manual coding moving onto an identical manual coding of its coder is orphaned") {
  Coding kept = stored(1, "a1", {0, 3}, "SIP");
  kept.coder = "anna";
  Coding moving = stored(2, "a1", {10, 13}, "SIP");
  moving.coder = "anna";
  Coding other_code = stored(3, "a1", {10, 13}, "SIP");
  other_code.coder = "anna";
  other_code.theme.clear();
  other_code.code_id = 7;
  const SyncPlan plan = plan_sync({kept, moving, other_code}, {answer("a1", "svar.txt", "SIP och inget")}, kNewHash);
  REQUIRE(update_of(plan, 2));
  CHECK(update_of(plan, 2)->match == "orphaned");
  REQUIRE(update_of(plan, 3));
  CHECK(update_of(plan, 3)->match == "exact");  // another code on the same words: no conflict
  CHECK(update_of(plan, 3)->span == ByteSpan{0, 3});
}

TEST_CASE("an orphaned decision whose quote comes back onto a conflicting mention stays orphaned") {
  Coding orphan = decision(2, CodingKind::Rejected, "anna", "a1", {15, 18});
  orphan.orphaned = true;
  const std::vector<Coding> codings{decision(1, CodingKind::Accepted, "anna", "a1", {0, 3}), orphan};
  const SyncPlan plan = plan_sync(codings, {with_sip_mentions("a1", "SIP i början.", 0)}, kNewHash);
  REQUIRE(update_of(plan, 2));
  CHECK(update_of(plan, 2)->match == "orphaned");
  CHECK(plan.found_again == 0);
  CHECK(plan.orphaned == 0);  // not newly orphaned
  CHECK(plan.conflicts == 1);
}

TEST_CASE("removed codings are neither moved nor conflicting") {
  Coding removed = decision(1, CodingKind::Accepted, "anna", "a1", {0, 3});
  removed.removed = "2026-12-07T10:00:00Z";
  const std::vector<Coding> codings{removed, decision(2, CodingKind::Rejected, "anna", "a1", {15, 18})};
  const SyncPlan plan = plan_sync(codings, {with_sip_mentions("a1", "SIP i början.", 0)}, kNewHash);
  REQUIRE(plan.updates.size() == 1);
  CHECK(plan.updates[0].coding_id == 2);
  CHECK(plan.updates[0].match == "exact");
}

// ---- source spans --------------------------------------------------------------

TEST_CASE("a moved decision takes the original span of the mention now at its place") {
  const SyncPlan plan = plan_sync({decision(1, CodingKind::Accepted, "anna", "a1", {0, 3})},
                                  {with_sip_mentions("a1", "Nu: SIP", 500)}, kNewHash);
  REQUIRE(plan.updates.size() == 1);
  CHECK(plan.updates[0].source_span == ByteSpan{504, 507});
  CHECK(plan.updates[0].mention_id == mention_id("a1", "sip", {504, 507}));
}

TEST_CASE("a decision whose quote moved to where no mention of its theme is, is orphaned") {
  Coding c = decision(1, CodingKind::Accepted, "anna", "a1", {0, 3});
  c.source_span = ByteSpan{100, 103};
  const SyncPlan plan = plan_sync({c}, {answer("a1", "svar.txt", "Nu: SIP")}, kNewHash);
  REQUIRE(plan.updates.size() == 1);
  CHECK(plan.updates[0].match == "orphaned");
}

TEST_CASE("the trial's case: a rejected SIP landing inside a longer accepted mention is orphaned") {
  // The next "SIP" begins the mention "SIP – samordnad plan": no mention at
  // the three bytes the rejection's quote would take.
  Coding rejected = decision(1, CodingKind::Rejected, "anna", "a1", {0, 3});
  AnswerRecord a = answer("a1", "svar.txt", "Planer nämns. SIP – samordnad plan");
  Mention m;
  m.theme = "sip";
  m.in_text = {15, a.text.size()};
  m.span = {1015, 1000 + a.text.size()};
  a.mentions.push_back(m);
  const SyncPlan plan = plan_sync({rejected}, {a}, kNewHash);
  REQUIRE(plan.updates.size() == 1);
  CHECK(plan.updates[0].match == "orphaned");
}

TEST_CASE("a moved manual coding gets an unknown source span") {
  Coding c = stored(1, "a1", {0, 3}, "SIP");
  c.source_span = ByteSpan{100, 103};
  const SyncPlan plan = plan_sync({c}, {answer("a1", "svar.txt", "Nu: SIP")}, kNewHash);
  REQUIRE(plan.updates.size() == 1);
  CHECK_FALSE(plan.updates[0].source_span);
}

TEST_CASE("a decision in place in a changed file takes the mention's shifted source span and id") {
  // Text added before the answer in the file: the answer's text is the same,
  // its original offsets are not.
  Coding c = decision(1, CodingKind::Accepted, "anna", "a1", {4, 7});
  c.source_span = ByteSpan{104, 107};
  const SyncPlan plan = plan_sync({c}, {with_sip_mentions("a1", "Nu: SIP", 180)}, kNewHash);
  REQUIRE(plan.updates.size() == 1);
  CHECK(plan.updates[0].match == "unchanged");
  CHECK(plan.updates[0].source_span == ByteSpan{184, 187});
  CHECK(plan.updates[0].mention_id == mention_id("a1", "sip", {184, 187}));
}

TEST_CASE("a coding moved by white space is in place the next time") {
  Coding c = stored(1, "a1", {0, 18}, "fast  vårdkontakt");
  const std::vector<AnswerRecord> now{answer("a1", "svar.txt", "Vi har fast\nvårdkontakt")};
  const SyncPlan first = plan_sync({c}, now, kNewHash);
  REQUIRE(first.updates.size() == 1);
  CHECK(first.updates[0].match == "whitespace");
  c.span = first.updates[0].span;
  c.source_sha256 = "new";
  const SyncPlan second = plan_sync({c}, now, kNewHash);
  CHECK(second.updates.empty());
  CHECK(second.moved == 0);
}
