#include "analyzer/coding/review_session.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include "analyzer/core/mention_id.hpp"
#include "analyzer/mask/personal_data.hpp"
#include "analyzer/mask/text_edits.hpp"

namespace analyzer::coding {
namespace {

bool ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// The edits that show `text` on one line: each run of ASCII white space
// becomes one space, none at either end.
std::vector<TextEdit> one_line(const std::string& text) {
  std::vector<TextEdit> edits;
  for (std::size_t i = 0; i < text.size();) {
    if (!ascii_space(text[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && ascii_space(text[j])) ++j;
    const bool at_edge = i == 0 || j == text.size();
    const std::string to = at_edge ? "" : " ";
    if (text.compare(i, j - i, to) != 0) edits.push_back({{i, j}, to});
    i = j;
  }
  return edits;
}

// The sentence `sentence` of `text` with up to kReviewContextBytes on
// either side, cut just after / before an ASCII space (so never inside a
// UTF-8 character); the sentence alone on a side without a space.
ByteSpan context_span(const std::string& text, ByteSpan sentence) {
  ByteSpan span = sentence;
  if (sentence.begin > 0) {
    const std::size_t from = sentence.begin > kReviewContextBytes ? sentence.begin - kReviewContextBytes : 0;
    if (from == 0) {
      span.begin = 0;
    } else {
      for (std::size_t i = from; i < sentence.begin; ++i)
        if (ascii_space(text[i])) {
          span.begin = i + 1;
          break;
        }
    }
  }
  if (sentence.end < text.size()) {
    const std::size_t to = std::min(text.size(), sentence.end + kReviewContextBytes);
    if (to == text.size()) {
      span.end = to;
    } else {
      for (std::size_t i = to; i > sentence.end; --i)
        if (ascii_space(text[i - 1])) {
          span.end = i - 1;
          break;
        }
    }
  }
  return span;
}

}  // namespace

ReviewQueue build_review_queue(const std::vector<AnswerRecord>& answers, const std::string& theme,
                               const std::vector<Coding>& codings, const std::string& coder,
                               const std::map<std::string, std::string>& source_sha256,
                               PersonalDataMasker& masker) {
  std::set<std::string> decided;
  for (const Coding& c : codings)
    if (c.coder == coder && c.kind != CodingKind::Manual && c.removed.empty() && !c.mention_id.empty())
      decided.insert(c.mention_id);
  ReviewQueue queue;
  for (const AnswerRecord& a : answers)
    for (const Mention& m : a.mentions) {
      if (m.theme != theme) continue;
      const std::string id = mention_id(a.id, m.theme, m.span);
      if (decided.count(id)) {
        ++queue.decided;
        continue;
      }
      if (m.in_text.empty() || m.in_text.end > a.text.size()) {
        ++queue.unplaced;
        continue;
      }
      ReviewItem item;
      NewCoding& c = item.coding;
      c.theme = m.theme;
      c.mention_id = id;
      c.answer_id = a.id;
      c.source = a.source;
      if (auto sha = source_sha256.find(a.source); sha != source_sha256.end()) c.source_sha256 = sha->second;
      c.span = m.in_text;
      c.source_span = m.span;
      c.quote = a.text.substr(m.in_text.begin, m.in_text.size());
      item.respondent = a.respondent.name;
      item.year = a.respondent.year;
      item.question = a.question;
      item.question_text = masker.mask(a.question_text);
      item.location = m.location.empty() ? a.location : m.location;
      ByteSpan sentence = m.sentence_in_text;
      if (sentence.empty() || sentence.begin > m.in_text.begin || sentence.end < m.in_text.end ||
          sentence.end > a.text.size())
        sentence = m.in_text;
      const ByteSpan shown = context_span(a.text, sentence);
      item.cut_before = shown.begin > 0;
      item.cut_after = shown.end < a.text.size();
      const std::string raw = a.text.substr(shown.begin, shown.size());
      item.marks = {{m.in_text.begin - shown.begin, m.in_text.end - shown.begin}};
      const std::string flat = apply_text_edits(raw, one_line(raw), &item.marks);
      item.context = masker.mask(flat, &item.marks);
      queue.items.push_back(std::move(item));
    }
  return queue;
}

std::optional<ReviewKey> review_key(char c) {
  switch (c) {
    case 'a': case 'A': return ReviewKey::Accept;
    case 'r': case 'R': return ReviewKey::Reject;
    case 's': case 'S': return ReviewKey::Skip;
    case 'm': case 'M': return ReviewKey::Memo;
    case 'u': case 'U': return ReviewKey::Undo;
    case 'q': case 'Q': return ReviewKey::Quit;
    case '?': case 'h': case 'H': return ReviewKey::Help;
    default: return std::nullopt;
  }
}

ReviewSession::ReviewSession(std::vector<ReviewItem> queue, CodingStore& store, std::string coder)
    : items_(std::move(queue)),
      store_(store),
      coder_(std::move(coder)),
      skipped_(items_.size(), false),
      decided_(items_.size(), false) {}

ReviewStep ReviewSession::press(ReviewKey key) {
  switch (key) {
    case ReviewKey::Accept: return decide(CodingKind::Accepted);
    case ReviewKey::Reject: return decide(CodingKind::Rejected);
    case ReviewKey::Skip:
      if (done()) return {"nothing left to skip", std::nullopt};
      skipped_[cursor_] = true;
      ++cursor_;
      just_decided_ = false;
      return {"skipped", std::nullopt};
    case ReviewKey::Undo: return undo();
    case ReviewKey::Quit:
      quit_ = true;
      return {};
    case ReviewKey::Memo:
    case ReviewKey::Help: return {};
  }
  return {};
}

namespace {

const char* noun(CodingKind k) { return k == CodingKind::Accepted ? "acceptance" : "rejection"; }

}  // namespace

ReviewStep ReviewSession::decide(CodingKind kind) {
  if (done()) return {"nothing left to decide", std::nullopt};
  NewCoding c = items_[cursor_].coding;
  c.kind = kind;
  Result<Decision> d = store_.decide(c, coder_);
  if (!d.ok()) return {"nothing stored", d.error()};
  const char* verb = to_string(kind);
  std::string message;
  decided_[cursor_] = true;
  skipped_[cursor_] = false;
  if (d.value().unchanged) {
    message = std::string("you had ") + verb + " this mention already (coding " + std::to_string(d.value().id) +
              ", made outside this session): nothing stored";
    just_decided_ = false;
  } else {
    made_.push_back({cursor_, kind, d.value().id, d.value().replaced});
    message = std::string(verb) + " (coding " + std::to_string(d.value().id) + ")";
    if (d.value().replaced)
      message += "; it replaces your opposite decision, coding " + std::to_string(*d.value().replaced) +
                 " (made outside this session, now marked removed)";
    just_decided_ = true;
  }
  ++cursor_;
  return {message, std::nullopt};
}

ReviewStep ReviewSession::undo() {
  if (made_.empty()) return {"nothing to undo: no decision of this session is standing", std::nullopt};
  const Made last = made_.back();
  Status removed = store_.remove_coding(last.coding, coder_);
  std::string message;
  if (!removed.ok()) {
    if (store_unusable(removed.error())) return {"nothing undone", removed.error()};
    // Removed meanwhile by another command: the mention is undecided all the same.
    message = "coding " + std::to_string(last.coding) + " had been removed already; ";
  }
  made_.pop_back();
  ++undone_;
  decided_[last.item] = false;
  skipped_[last.item] = false;
  cursor_ = last.item;
  quit_ = false;
  just_decided_ = false;
  message += std::string("undone: your ") + noun(last.kind) + " (coding " + std::to_string(last.coding) +
             " marked removed); the mention is undecided again";
  if (last.replaced)
    message += ". It had replaced your opposite decision, coding " + std::to_string(*last.replaced) +
               ", which stays removed: decide the mention again or skip it";
  return {message, std::nullopt};
}

std::optional<MemoTarget> ReviewSession::memo_target() const {
  if (just_decided_ && !made_.empty()) return MemoTarget{{}, made_.back().coding, {}};
  if (const ReviewItem* item = current()) return MemoTarget{item->coding.answer_id, {}, {}};
  return std::nullopt;
}

std::string ReviewSession::memo_target_text() const {
  if (just_decided_ && !made_.empty())
    return std::string("your ") + noun(made_.back().kind) + " just made (coding " +
           std::to_string(made_.back().coding) + ")";
  if (const ReviewItem* item = current()) return "the answer shown (" + item->coding.answer_id + ")";
  return "nothing";
}

ReviewStep ReviewSession::memo(const std::string& text) {
  if (text.empty()) return {"no memo written (empty)", std::nullopt};
  const std::optional<MemoTarget> target = memo_target();
  if (!target) return {"no memo written: no mention is shown and no decision was just made", std::nullopt};
  const std::string where = memo_target_text();
  Result<std::int64_t> id = store_.add_memo(*target, text, coder_);
  if (!id.ok()) return {"no memo written", id.error()};
  ++memos_;
  return {"memo " + std::to_string(id.value()) + " written on " + where, std::nullopt};
}

ReviewSummary ReviewSession::summary() const {
  ReviewSummary s;
  s.total = items_.size();
  for (const Made& m : made_) ++(m.kind == CodingKind::Accepted ? s.accepted : s.rejected);
  s.undone = undone_;
  s.memos = memos_;
  for (std::size_t i = 0; i < items_.size(); ++i) {
    if (decided_[i]) continue;
    ++s.remaining;
    if (skipped_[i]) ++s.skipped;
  }
  return s;
}

}  // namespace analyzer::coding
