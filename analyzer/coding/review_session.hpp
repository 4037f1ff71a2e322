#pragma once
// Reviewing the automatic mentions of one theme, one mention at a time
// (`analyzer review`): the queue of mentions a coder has not decided yet,
// and a session that takes one key at a time and writes each decision to
// the coding store the moment it is made. No terminal here: the CLI reads
// keys and prints (cli/review_command.cpp, print/review_printers.hpp).
//
// The queue (build_review_queue):
// In:  answers in source order (IndexReader::answers, filtered as the
//      command was asked), the theme's lexicon id, the store's codings
//      (re-anchored first: cli/coding_context.hpp sync_codings), the coder,
//      each source's SHA-256, a masker with the index's contact names.
// Out: one ReviewItem per mention of the theme, in source order, that has
//      no active (not removed) accepted or rejected coding by THIS coder
//      with its mention id (core/mention_id.hpp). Other coders' decisions
//      never hide a mention. A mention without its place in the answer's
//      text (an index made by an older analyzer) cannot be coded; it is
//      left out and counted (`unplaced`).
// Each item carries what decide() needs (NewCoding without its kind) and
// what the analyst reads: respondent, year, question and question text,
// where the mention is in the file (RecordLocation), and the sentence that
// holds the mention with up to kReviewContextBytes of the answer's text on
// either side (cut at a space, "…" where cut), white space runs shown as
// one space, personal data masked (mask/personal_data.hpp), the mention's
// place in that text in `marks`.
// Cost: linear in the answers' mentions; masking each context is the
// costly part (one ICU word pass).
//
// The session (ReviewSession), key by key:
//   Accept, Reject  CodingStore::decide on the current mention (one
//                   transaction), then the next mention. When the coder had
//                   decided it the same way meanwhile (another process),
//                   nothing is stored and it does not count as this
//                   session's decision; when the opposite way, decide()
//                   replaces that decision (marked removed) and the step
//                   says so.
//   Skip            the next mention; nothing stored. A skipped mention
//                   stays in the queue for the next session.
//   Undo            takes back this session's last decision still standing:
//                   its coding is marked removed (CodingStore::remove_coding;
//                   nothing is deleted, memos on it stay with it) and the
//                   session goes back to that mention, undecided, to decide
//                   again or skip (the mentions skipped after it come again
//                   too). When that decision had replaced an earlier,
//                   opposite decision of the coder (made outside this
//                   session), the earlier one is NOT brought back: it stays
//                   removed as decide() left it (reviving it would rewrite
//                   the store's history), the mention is undecided, and the
//                   step says so. Nothing to undo: a message, nothing else.
//                   Undo again goes one decision further back.
//   Memo            handled by memo(TEXT): on the coding of the decision
//                   just made (when the last key was Accept or Reject, or a
//                   memo after one), else on the answer of the mention shown.
//                   memo_target() says which, before the text is asked for.
//   Quit            done(); nothing stored.
//   Help            nothing: the caller prints the help.
// A failed store call (locked, disk full) leaves the session where it was,
// with the reason in the step; the analyst may try again.
// Not thread-safe; one session per store connection.
//
//   ReviewQueue q = build_review_queue(answers, "sip", codings, "anna", sha, masker);
//   ReviewSession s(std::move(q.items), store, "anna");
//   s.press(ReviewKey::Accept);   // stored: accepted, coding 1; shows the next mention
//   s.press(ReviewKey::Undo);     // coding 1 marked removed; back on the first mention

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/coding/store.hpp"
#include "analyzer/core/records.hpp"

namespace analyzer {
class PersonalDataMasker;
}

namespace analyzer::coding {

// Bytes of the answer's text shown on either side of the mention's sentence.
constexpr std::size_t kReviewContextBytes = 160;

struct ReviewItem {
  NewCoding coding;               // kind set at the decision; mention_id, theme, answer, span, quote
  std::string respondent;
  std::optional<int> year;
  std::string question;           // "5a"; a report section's heading
  std::string question_text;      // masked
  RecordLocation location;        // where the mention starts in the file
  std::string context;            // masked: the sentence with a little text around it
  std::vector<ByteSpan> marks;    // the mention in `context`
  bool cut_before = false;        // `context` starts inside the answer's text
  bool cut_after = false;         // `context` ends before the answer's text does
};

struct ReviewQueue {
  std::vector<ReviewItem> items;  // undecided by the coder, source order
  std::size_t decided = 0;        // mentions of the theme the coder had decided already
  std::size_t unplaced = 0;       // mentions left out: no place in their answer's text
};

ReviewQueue build_review_queue(const std::vector<AnswerRecord>& answers, const std::string& theme,
                               const std::vector<Coding>& codings, const std::string& coder,
                               const std::map<std::string, std::string>& source_sha256,
                               PersonalDataMasker& masker);

enum class ReviewKey { Accept, Reject, Skip, Memo, Undo, Quit, Help };

// The key of a command character: a r s m u q ? (any case; 'h' is help
// too); nullopt for any other.
std::optional<ReviewKey> review_key(char c);

// What one key did.
struct ReviewStep {
  std::string message;            // one line for the analyst; may be empty
  std::optional<Diagnostic> error;  // set when the store refused or failed
};

struct ReviewSummary {
  std::size_t total = 0;          // mentions in the queue
  std::size_t accepted = 0;       // this session's decisions still standing
  std::size_t rejected = 0;
  std::size_t undone = 0;         // decisions taken back with undo
  std::size_t skipped = 0;        // mentions skipped and left undecided
  std::size_t memos = 0;          // memos written
  std::size_t remaining = 0;      // mentions of the queue the coder has not decided
};

class ReviewSession {
 public:
  // `store` must outlive the session.
  ReviewSession(std::vector<ReviewItem> queue, CodingStore& store, std::string coder);

  // Past the last mention, or quit.
  bool done() const { return quit_ || cursor_ >= items_.size(); }
  bool quit() const { return quit_; }
  // The mention shown; nullptr when done().
  const ReviewItem* current() const { return done() ? nullptr : &items_[cursor_]; }
  // The current mention's number, from 1 (the "12" of "12/48"); size()+1 when past the end.
  std::size_t number() const { return cursor_ + 1; }
  std::size_t size() const { return items_.size(); }

  ReviewStep press(ReviewKey key);

  // Where memo() writes now (see the file comment), or nullopt when there is
  // nothing to write on (done() with no decision just made).
  std::optional<MemoTarget> memo_target() const;
  // "your acceptance of mention … (coding 12)" or "the answer …": the
  // target in words, for the prompt.
  std::string memo_target_text() const;
  // Stores `text` as a memo on memo_target(). An empty text stores nothing.
  // The caller enforces the length limit.
  ReviewStep memo(const std::string& text);

  ReviewSummary summary() const;

 private:
  struct Made {                   // a decision of this session
    std::size_t item = 0;
    CodingKind kind = CodingKind::Accepted;
    std::int64_t coding = 0;
    std::optional<std::int64_t> replaced;
  };
  ReviewStep decide(CodingKind kind);
  ReviewStep undo();

  std::vector<ReviewItem> items_;
  CodingStore& store_;
  std::string coder_;
  std::size_t cursor_ = 0;
  bool quit_ = false;
  bool just_decided_ = false;     // the last key was a decision (or a memo after one)
  std::vector<Made> made_;        // standing decisions, oldest first
  std::vector<bool> skipped_;     // per item
  std::vector<bool> decided_;     // per item: decided by the coder (here or elsewhere)
  std::size_t undone_ = 0;
  std::size_t memos_ = 0;
};

}  // namespace analyzer::coding
