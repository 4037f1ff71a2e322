// coding/review_session.hpp: the queue of `analyzer review` and what each
// key does to the coding store; print/review_printers.hpp: the mention's
// screen. No terminal: keys go to ReviewSession one at a time.

#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "../support/temp_files.hpp"
#include "analyzer/coding/review_session.hpp"
#include "analyzer/core/mention_id.hpp"
#include "analyzer/mask/personal_data.hpp"
#include "analyzer/print/review_printers.hpp"

using namespace analyzer;
using namespace analyzer::coding;
using analyzer::test::TempDir;

namespace {

// An answer of svar.txt holding `text`, with a mention of `theme` for each
// occurrence of `word` (original offsets = text offsets + 1000), the
// sentence being the whole text.
AnswerRecord answer(const std::string& id, const std::string& text, const std::string& theme,
                    const std::string& word) {
  AnswerRecord a;
  a.id = id;
  a.source = "svar.txt";
  a.respondent.name = "Kommun A";
  a.respondent.year = 2022;
  a.question = "5a";
  a.question_text = "Hur arbetar ni med SIP?";
  a.text = text;
  for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    Mention m;
    m.theme = theme;
    m.rule = "r";
    m.in_text = {at, at + word.size()};
    m.span = {1000 + at, 1000 + at + word.size()};
    m.sentence_in_text = {0, text.size()};
    m.location.line = 7;
    a.mentions.push_back(m);
  }
  return a;
}

std::vector<AnswerRecord> two_answers() {
  return {answer("a1", "Vi har SIP. Och SIP igen.", "sip", "SIP"),
          answer("a2", "Mobila team och SIP.", "sip", "SIP")};
}

std::unique_ptr<CodingStore> open_store(const std::string& path) {
  auto r = CodingStore::open(path);
  INFO((r.ok() ? "" : r.error().render()));
  REQUIRE(r.ok());
  return std::move(r).value();
}

std::vector<ReviewItem> queue_of(const std::vector<AnswerRecord>& answers, const std::vector<Coding>& codings = {},
                                 const std::string& coder = "anna") {
  PersonalDataMasker masker;
  return build_review_queue(answers, "sip", codings, coder, {{"svar.txt", "abc"}}, masker).items;
}

std::vector<Coding> active(CodingStore& store) {
  auto c = store.codings();
  REQUIRE(c.ok());
  return c.value();
}

// "kind mention" of each active coding, in id order.
std::vector<std::string> decisions(CodingStore& store) {
  std::vector<std::string> out;
  for (const Coding& c : active(store)) out.push_back(std::string(to_string(c.kind)) + " " + c.mention_id);
  return out;
}

}  // namespace

TEST_CASE("the queue holds every mention of the theme in source order, with what decide() needs") {
  std::vector<ReviewItem> q = queue_of(two_answers());
  REQUIRE(q.size() == 3);
  CHECK(q[0].coding.answer_id == "a1");
  CHECK(q[0].coding.span == ByteSpan{7, 10});
  CHECK(q[1].coding.span == ByteSpan{16, 19});
  CHECK(q[2].coding.answer_id == "a2");
  CHECK(q[0].coding.mention_id == mention_id("a1", "sip", {1007, 1010}));
  CHECK(q[0].coding.source_span == ByteSpan{1007, 1010});
  CHECK(q[0].coding.quote == "SIP");
  CHECK(q[0].coding.source_sha256 == "abc");
  CHECK(q[0].respondent == "Kommun A");
  CHECK(q[0].year == 2022);
  CHECK(q[0].location.line == 7u);
}

TEST_CASE("the queue leaves out mentions of other themes") {
  std::vector<AnswerRecord> answers = two_answers();
  answers.push_back(answer("a3", "Mobila team finns.", "mobila_team", "Mobila team"));
  CHECK(queue_of(answers).size() == 3);
}

TEST_CASE("the queue leaves out the mentions this coder decided, but not other coders' or removed decisions") {
  const std::vector<AnswerRecord> answers = two_answers();
  const std::vector<ReviewItem> all = queue_of(answers);
  Coding mine;
  mine.kind = CodingKind::Rejected;
  mine.mention_id = all[0].coding.mention_id;
  mine.coder = "anna";
  Coding theirs = mine;
  theirs.mention_id = all[1].coding.mention_id;
  theirs.coder = "bo";
  Coding removed = mine;
  removed.mention_id = all[2].coding.mention_id;
  removed.removed = "2026-01-01T00:00:00Z";
  PersonalDataMasker masker;
  ReviewQueue q = build_review_queue(answers, "sip", {mine, theirs, removed}, "anna", {}, masker);
  REQUIRE(q.items.size() == 2);
  CHECK(q.items[0].coding.mention_id == all[1].coding.mention_id);
  CHECK(q.items[1].coding.mention_id == all[2].coding.mention_id);
  CHECK(q.decided == 1);
}

TEST_CASE("a mention without its place in the answer's text is left out of the queue and counted") {
  std::vector<AnswerRecord> answers = two_answers();
  answers[1].mentions[0].in_text = {};
  PersonalDataMasker masker;
  ReviewQueue q = build_review_queue(answers, "sip", {}, "anna", {}, masker);
  CHECK(q.items.size() == 2);
  CHECK(q.unplaced == 1);
}

TEST_CASE("the context is the sentence on one line with the mention marked and personal data masked") {
  AnswerRecord a = answer("a1", "Ring Maria Högkvist\n070-123 45 67  om SIP.", "sip", "SIP");
  PersonalDataMasker masker({"Maria Högkvist"});
  ReviewQueue q = build_review_queue({a}, "sip", {}, "anna", {}, masker);
  REQUIRE(q.items.size() == 1);
  const ReviewItem& item = q.items[0];
  CHECK(item.context == "Ring [namn] [telefon] om SIP.");
  REQUIRE(item.marks.size() == 1);
  CHECK(item.context.substr(item.marks[0].begin, item.marks[0].size()) == "SIP");
  CHECK_FALSE(item.cut_before);
  CHECK_FALSE(item.cut_after);
}

TEST_CASE("a long answer is shown as the sentence with a little context on either side, cut at a space") {
  const std::string before(300, 'x'), after(300, 'y');
  std::string text = before + " aaa bbb. Här finns SIP. ccc ddd " + after;
  AnswerRecord a = answer("a1", text, "sip", "SIP");
  const std::size_t s = text.find("Här"), e = text.find("SIP.") + 4;
  a.mentions[0].sentence_in_text = {s, e};
  PersonalDataMasker masker;
  const ReviewItem item = build_review_queue({a}, "sip", {}, "anna", {}, masker).items.at(0);
  CHECK(item.cut_before);
  CHECK(item.cut_after);
  CHECK(item.context == "aaa bbb. Här finns SIP. ccc ddd");
}

TEST_CASE("accept stores an accepted decision on the mention shown and moves to the next") {
  TempDir dir;
  auto store = open_store(dir / "c.sqlite");
  ReviewSession s(queue_of(two_answers()), *store, "anna");
  const std::string first = s.current()->coding.mention_id;
  ReviewStep step = s.press(ReviewKey::Accept);
  CHECK_FALSE(step.error);
  CHECK(step.message == "accepted (coding 1)");
  CHECK(decisions(*store) == std::vector<std::string>{"accepted " + first});
  CHECK(active(*store)[0].coder == "anna");
  CHECK(s.number() == 2);
}

TEST_CASE("reject stores a rejected decision and moves to the next") {
  TempDir dir;
  auto store = open_store(dir / "c.sqlite");
  ReviewSession s(queue_of(two_answers()), *store, "anna");
  const std::string first = s.current()->coding.mention_id;
  s.press(ReviewKey::Reject);
  CHECK(decisions(*store) == std::vector<std::string>{"rejected " + first});
  CHECK(s.number() == 2);
}

TEST_CASE("skip stores nothing and moves to the next, the skipped mention remains") {
  TempDir dir;
  auto store = open_store(dir / "c.sqlite");
  ReviewSession s(queue_of(two_answers()), *store, "anna");
  s.press(ReviewKey::Skip);
  CHECK(active(*store).empty());
  CHECK(s.number() == 2);
  const ReviewSummary sum = s.summary();
  CHECK(sum.skipped == 1);
  CHECK(sum.remaining == 3);
}

TEST_CASE("undo marks the last decision removed and goes back to its mention, undecided") {
  TempDir dir;
  auto store = open_store(dir / "c.sqlite");
  ReviewSession s(queue_of(two_answers()), *store, "anna");
  const std::string first = s.current()->coding.mention_id;
  s.press(ReviewKey::Accept);
  s.press(ReviewKey::Skip);
  ReviewStep step = s.press(ReviewKey::Undo);
  CHECK_FALSE(step.error);
  CHECK(step.message == "undone: your acceptance (coding 1 marked removed); the mention is undecided again");
  CHECK(active(*store).empty());
  CodingFilter with_removed;
  with_removed.include_removed = true;
  auto all = store->codings(with_removed);
  REQUIRE(all.ok());
  REQUIRE(all.value().size() == 1);
  CHECK(all.value()[0].removed_by == "anna");
  CHECK(s.number() == 1);
  CHECK(s.current()->coding.mention_id == first);
  const ReviewSummary sum = s.summary();
  CHECK(sum.accepted == 0);
  CHECK(sum.undone == 1);
  CHECK(sum.remaining == 3);
}

TEST_CASE("undo again goes one decision further back, with none left it says so and changes nothing") {
  TempDir dir;
  auto store = open_store(dir / "c.sqlite");
  ReviewSession s(queue_of(two_answers()), *store, "anna");
  s.press(ReviewKey::Accept);
  s.press(ReviewKey::Reject);
  s.press(ReviewKey::Undo);
  s.press(ReviewKey::Undo);
  CHECK(active(*store).empty());
  CHECK(s.number() == 1);
  ReviewStep step = s.press(ReviewKey::Undo);
  CHECK(step.message == "nothing to undo: no decision of this session is standing");
  CHECK(s.number() == 1);
}

TEST_CASE("undo of a decision that replaced the coder's opposite one leaves that one removed and says so") {
  TempDir dir;
  auto store = open_store(dir / "c.sqlite");
  std::vector<ReviewItem> q = queue_of(two_answers());
  // The same coder rejects the first mention elsewhere while the session shows it.
  NewCoding elsewhere = q[0].coding;
  elsewhere.kind = CodingKind::Rejected;
  REQUIRE(store->decide(elsewhere, "anna").ok());
  ReviewSession s(std::move(q), *store, "anna");
  ReviewStep accepted = s.press(ReviewKey::Accept);
  CHECK(accepted.message ==
        "accepted (coding 2); it replaces your opposite decision, coding 1 (made outside this session, now marked "
        "removed)");
  ReviewStep undone = s.press(ReviewKey::Undo);
  CHECK(undone.message ==
        "undone: your acceptance (coding 2 marked removed); the mention is undecided again. It had replaced your "
        "opposite decision, coding 1, which stays removed: decide the mention again or skip it");
  CHECK(active(*store).empty());
}

TEST_CASE("the same decision made meanwhile elsewhere stores nothing and cannot be undone here") {
  TempDir dir;
  auto store = open_store(dir / "c.sqlite");
  std::vector<ReviewItem> q = queue_of(two_answers());
  NewCoding elsewhere = q[0].coding;
  elsewhere.kind = CodingKind::Accepted;
  REQUIRE(store->decide(elsewhere, "anna").ok());
  ReviewSession s(std::move(q), *store, "anna");
  ReviewStep step = s.press(ReviewKey::Accept);
  CHECK(step.message == "you had accepted this mention already (coding 1, made outside this session): nothing stored");
  CHECK(s.press(ReviewKey::Undo).message == "nothing to undo: no decision of this session is standing");
  CHECK(active(*store).size() == 1);
}

TEST_CASE("another coder's decision on the mention is left as it is") {
  TempDir dir;
  auto store = open_store(dir / "c.sqlite");
  std::vector<ReviewItem> q = queue_of(two_answers());
  NewCoding bo = q[0].coding;
  bo.kind = CodingKind::Rejected;
  REQUIRE(store->decide(bo, "bo").ok());
  ReviewSession s(std::move(q), *store, "anna");
  s.press(ReviewKey::Accept);
  const std::vector<Coding> now = active(*store);
  REQUIRE(now.size() == 2);
  CHECK(now[0].coder == "bo");
  CHECK(now[0].kind == CodingKind::Rejected);
  CHECK(now[1].coder == "anna");
  CHECK(now[1].kind == CodingKind::Accepted);
}

TEST_CASE("a memo right after a decision goes on its coding") {
  TempDir dir;
  auto store = open_store(dir / "c.sqlite");
  ReviewSession s(queue_of(two_answers()), *store, "anna");
  s.press(ReviewKey::Reject);
  CHECK(s.memo_target_text() == "your rejection just made (coding 1)");
  ReviewStep step = s.memo("inte SIP här");
  CHECK_FALSE(step.error);
  CHECK(step.message == "memo 1 written on your rejection just made (coding 1)");
  auto memos = store->memos();
  REQUIRE(memos.ok());
  REQUIRE(memos.value().size() == 1);
  CHECK(memos.value()[0].target == "coding");
  CHECK(memos.value()[0].coding_id == 1);
  CHECK(memos.value()[0].text == "inte SIP här");
  CHECK(memos.value()[0].coder == "anna");
  CHECK(s.summary().memos == 1);
}

TEST_CASE("a memo with no decision just made goes on the answer shown") {
  TempDir dir;
  auto store = open_store(dir / "c.sqlite");
  ReviewSession s(queue_of(two_answers()), *store, "anna");
  s.press(ReviewKey::Accept);
  s.press(ReviewKey::Skip);  // now on the first mention of a2, nothing just decided
  CHECK(s.memo_target_text() == "the answer shown (a2)");
  s.memo("kolla");
  auto memos = store->memos();
  REQUIRE(memos.ok());
  REQUIRE(memos.value().size() == 1);
  CHECK(memos.value()[0].target == "answer");
  CHECK(memos.value()[0].answer_id == "a2");
}

TEST_CASE("an empty memo stores nothing") {
  TempDir dir;
  auto store = open_store(dir / "c.sqlite");
  ReviewSession s(queue_of(two_answers()), *store, "anna");
  CHECK(s.memo("").message == "no memo written (empty)");
  auto memos = store->memos();
  REQUIRE(memos.ok());
  CHECK(memos.value().empty());
}

TEST_CASE("quit ends the session with nothing stored, the summary counts what was done") {
  TempDir dir;
  auto store = open_store(dir / "c.sqlite");
  ReviewSession s(queue_of(two_answers()), *store, "anna");
  s.press(ReviewKey::Accept);
  s.press(ReviewKey::Skip);
  s.press(ReviewKey::Quit);
  CHECK(s.done());
  CHECK(s.quit());
  CHECK(s.current() == nullptr);
  CHECK(active(*store).size() == 1);
  const ReviewSummary sum = s.summary();
  CHECK(sum.total == 3);
  CHECK(sum.accepted == 1);
  CHECK(sum.rejected == 0);
  CHECK(sum.skipped == 1);
  CHECK(sum.remaining == 2);
}

TEST_CASE("the session is done after the last mention") {
  TempDir dir;
  auto store = open_store(dir / "c.sqlite");
  ReviewSession s(queue_of(two_answers()), *store, "anna");
  s.press(ReviewKey::Accept);
  s.press(ReviewKey::Reject);
  s.press(ReviewKey::Accept);
  CHECK(s.done());
  CHECK_FALSE(s.quit());
  CHECK(s.summary().remaining == 0);
  CHECK(s.press(ReviewKey::Accept).message == "nothing left to decide");
  CHECK(active(*store).size() == 3);
}

TEST_CASE("after the last mention a memo still goes on the last decision, and undo goes back to it") {
  TempDir dir;
  auto store = open_store(dir / "c.sqlite");
  ReviewSession s(queue_of({answer("a1", "Med SIP.", "sip", "SIP")}), *store, "anna");
  s.press(ReviewKey::Accept);
  REQUIRE(s.current() == nullptr);
  CHECK(s.memo_target_text() == "your acceptance just made (coding 1)");
  CHECK(s.memo("sista").message == "memo 1 written on your acceptance just made (coding 1)");
  s.press(ReviewKey::Undo);
  REQUIRE(s.current() != nullptr);
  CHECK(s.number() == 1);
  CHECK(active(*store).empty());
}

TEST_CASE("keys: a r s m u q and ? in either case, any other character is no key") {
  CHECK(review_key('a') == ReviewKey::Accept);
  CHECK(review_key('R') == ReviewKey::Reject);
  CHECK(review_key('s') == ReviewKey::Skip);
  CHECK(review_key('m') == ReviewKey::Memo);
  CHECK(review_key('u') == ReviewKey::Undo);
  CHECK(review_key('q') == ReviewKey::Quit);
  CHECK(review_key('?') == ReviewKey::Help);
  CHECK_FALSE(review_key('x'));
  CHECK_FALSE(review_key('\x1b'));
}

TEST_CASE("the screen shows progress, source and citation, respondent, question and the marked mention") {
  ReviewItem item = queue_of(two_answers()).at(1);
  std::ostringstream plain, terminal;
  print_review_item(item, 2, 3, "sip", "SIP-samordnad individuell plan", false, plain);
  CHECK(plain.str() ==
        "2/3  sip (SIP-samordnad individuell plan)\n"
        "source:     svar.txt, rad 7\n"
        "respondent: Kommun A, 2022\n"
        "question:   5a  Hur arbetar ni med SIP?\n"
        "\n"
        "  Vi har SIP. Och «SIP» igen.\n\n");
  print_review_item(item, 2, 3, "sip", "", true, terminal);
  CHECK(terminal.str().find("\x1b[H\x1b[2J2/3  sip\n") == 0);
  CHECK(terminal.str().find("Och \x1b[1;7mSIP\x1b[0m igen.") != std::string::npos);
}

TEST_CASE("an answer's control characters are shown escaped, never sent to the terminal") {
  AnswerRecord a = answer("a1", "SIP\x1b[2J finns.", "sip", "SIP");
  ReviewItem item = queue_of({a}).at(0);
  std::ostringstream out;
  print_review_item(item, 1, 1, "sip", "", true, out);
  CHECK(out.str().find("\\x1b[2J") != std::string::npos);
  CHECK(out.str().find("\x1b[2J finns") == std::string::npos);
}
