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

TEST_CASE("a coding whose answer is gone is found in another answer of its source") {
  const auto plan = plan_sync({stored(1, "a1", {3, 6}, "SIP")},
                              {answer("b1", "svar.txt", "Inget här"), answer("b2", "svar.txt", "Ja, SIP")}, kNewHash);
  REQUIRE(plan.updates.size() == 1);
  CHECK(plan.updates[0].answer_id == "b2");
  CHECK(plan.updates[0].span == ByteSpan{4, 7});
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
