// ThemeTagger: the one-pass scan of lexicon_matcher.hpp, steps 1-5.

#include <unicode/uchar.h>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "analyzer/core/string_hash.hpp"
#include "analyzer/core/utf8.hpp"
#include "analyzer/match/compiled_lexicons.hpp"
#include "analyzer/match/lexicon_matcher.hpp"
#include "analyzer/match/swedish_coordination.hpp"
#include "analyzer/text/swedish_text.hpp"
#include "analyzer/tokenize/tokenizer.hpp"

namespace analyzer {
namespace {

// A word as classified: the patterns it fits (sorted pattern ids).
struct WordClass {
  std::vector<int> fits;
};

// A token waiting for the rule simulation (held back a few tokens so that a
// suspended hyphen can see the word that completes it).
struct PendingToken {
  ByteSpan span;
  std::vector<int> fits;
  bool break_before = false;
};

// One live rule state: waiting for element `element` of `rule`; `gap` words
// of that element (a gap) consumed; the match began at byte `start`.
struct RuleState {
  int rule;
  int element;
  int gap;
  std::size_t start;
  friend bool operator==(const RuleState&, const RuleState&) = default;
};

// The rule states entered for one token, for the dedupe in enter(): an
// open-addressing hash set emptied in O(1) (a new generation) per token, so
// that a token costs no allocation once the set has grown to the most
// states a token has held.
class RuleStateSet {
 public:
  void clear() {
    if (++generation_ == 0) {  // wrapped: forget every old mark
      for (Slot& slot : slots_) slot.generation = 0;
      generation_ = 1;
    }
    size_ = 0;
  }

  // False when `s` is in the set already; else adds it.
  [[gnu::always_inline]] bool insert(const RuleState& s) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    for (std::size_t i = hash(s) & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      Slot& slot = slots_[i];
      if (slot.generation != generation_) {
        slot = {s, generation_};
        ++size_;
        return true;
      }
      if (slot.state == s) return false;
    }
  }

 private:
  struct Slot {
    RuleState state{};
    std::uint32_t generation = 0;
  };

  static std::size_t hash(const RuleState& s) {
    std::uint64_t h = s.start * 0x9E3779B97F4A7C15ull;
    for (const int part : {s.rule, s.element, s.gap})
      h = (h ^ static_cast<std::uint32_t>(part)) * 0xBF58476D1CE4E5B9ull;
    return static_cast<std::size_t>(h ^ (h >> 31));
  }

  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : 2 * old.size(), Slot{});
    const std::uint32_t live = generation_;
    generation_ = 1;
    size_ = 0;
    for (const Slot& slot : old)
      if (slot.generation == live) insert(slot.state);
  }

  std::vector<Slot> slots_;
  std::uint32_t generation_ = 1;
  std::size_t size_ = 0;
};

struct Candidate {
  int rule;
  ByteSpan span;
};

// What resolve() decided about one candidate, for the trace.
struct Decided {
  Candidate cand;
  TracedCandidate::Outcome outcome;
  std::string because;
};

// The rule and exclusion matches that begin at one token, held until every
// match that can decide between them is known (see Impl::settle_matches).
// This is what bounds memory (lexicon_matcher.hpp, Cost): a rule can match
// at every (start, end) pair within its reach, rules × reach matches per
// token, and they are not all kept until step 5. Without a trace, the
// matches beginning at a token wait until every exclusion match that can
// overlap them is known (2 × kMaxRuleReach tokens later); then per lexicon
// only the one step 5 can keep goes on (the longest not excluded; the
// others begin where it begins and so overlap it or what it loses to), and
// per lexicon one exclusion match per start token (the longest). So memory
// is O(text × lexicons + rules × reach²).
struct StartBucket {
  std::size_t begin;                  // byte where the token begins
  std::vector<Candidate> rules;       // rule matches beginning here
  std::vector<Candidate> exclusions;  // exclusion matches beginning here
  bool exclusions_settled = false;
};

// Exclusion matches of one lexicon in start order, with the furthest end of
// each prefix, for "does any of them overlap this span" in O(log n).
// Appended to in start order.
struct ExclusionCover {
  std::vector<std::size_t> begins;
  std::vector<std::size_t> furthest_end;

  void add(ByteSpan span) {
    begins.push_back(span.begin);
    furthest_end.push_back(std::max(furthest_end.empty() ? 0 : furthest_end.back(), span.end));
  }
  bool overlaps(ByteSpan span, std::size_t& steps) const {
    // The exclusions before `i` begin before span.end; one of them overlaps
    // when the furthest of their ends lies after span.begin.
    const auto i = std::partition_point(begins.begin(), begins.end(), [&](std::size_t b) {
      ++steps;
      return b < span.end;
    });
    const std::size_t n = static_cast<std::size_t>(i - begins.begin());
    return n > 0 && furthest_end[n - 1] > span.begin;
  }
};

// Longer suspended members or compound tails than this are not word parts:
// they are not tried as completions ("vård-" + "kontakt"), which keeps a
// pathological token (a megabyte of letters) from costing its length
// squared.
constexpr std::size_t kMaxCompoundPartBytes = 64;

bool is_word_char_before(std::string_view text, std::size_t pos) {
  const utf8::Decoded d = utf8::decode_before(text, pos);
  return d.valid() && u_isalnum(static_cast<UChar32>(d.code_point));
}

bool is_word_char_at(std::string_view text, std::size_t pos) {
  const utf8::Decoded d = utf8::decode(text, pos);
  return d.valid() && u_isalnum(static_cast<UChar32>(d.code_point));
}

// The exclusion matches of one lexicon, sorted by start, for finding the
// first one (in that order) that overlaps a candidate in O(log n) instead of
// trying each: a text with many exclusion matches and many candidates would
// otherwise cost their product.
class ExclusionIndex {
 public:
  // `sorted`: by span.begin ascending (candidates_ after its sort).
  explicit ExclusionIndex(const std::vector<const Candidate*>& sorted) : sorted_(sorted) {
    std::size_t furthest = 0;
    for (const Candidate* x : sorted_) furthest_end_.push_back(furthest = std::max(furthest, x->span.end));
  }

  // The first exclusion x (in start order) with x.begin < span.end and
  // span.begin < x.end, or null. Adds the comparisons made to `steps`.
  const Candidate* first_overlapping(ByteSpan span, std::size_t& steps) const {
    // The exclusions before `i` all end at or before span.begin (the
    // furthest end so far grows with the index), so `i` is the first that
    // can overlap; it does when it starts before span.end.
    const auto i = std::partition_point(furthest_end_.begin(), furthest_end_.end(), [&](std::size_t end) {
      ++steps;
      return end <= span.begin;
    });
    if (i == furthest_end_.end()) return nullptr;
    const Candidate* x = sorted_[static_cast<std::size_t>(i - furthest_end_.begin())];
    return x->span.begin < span.end ? x : nullptr;
  }

 private:
  const std::vector<const Candidate*>& sorted_;
  std::vector<std::size_t> furthest_end_;  // furthest_end_[i]: max end of sorted_[0..i]
};

}  // namespace

struct ThemeTagger::Impl {
  const CompiledLexicons& c;
  Tokenizer tokenizer;
  std::unordered_map<std::string, WordClass, StringHash, std::equal_to<>> cache;
  std::vector<int> scratch;
  MatchCost cost;  // of the last tag()

  explicit Impl(const CompiledLexicons& compiled) : c(compiled) {}

  // The patterns `word` fits; cached by the word as written.
  const WordClass& classify(std::string_view word) {
    ++cost.words_classified;
    auto it = cache.find(word);
    if (it != cache.end()) return it->second;
    if (cache.size() > 200000) cache.clear();  // bounds memory on huge inputs
    WordClass wc;
    if (c.folded_set) {
      scratch.clear();
      std::string folded = full_case_fold(word);
      if (c.folded_set->Match(folded, &scratch))
        for (int i : scratch) wc.fits.push_back(c.folded_pattern[i]);
    }
    if (c.surface_set) {
      scratch.clear();
      if (c.surface_set->Match(word, &scratch))
        for (int i : scratch) wc.fits.push_back(c.surface_pattern[i]);
    }
    std::sort(wc.fits.begin(), wc.fits.end());
    return cache.emplace(std::string(word), std::move(wc)).first->second;
  }

  void tag(std::string_view text, std::vector<Mention>& out, MatchTrace* trace);

 private:
  std::string_view text_;
  MatchTrace* trace_ = nullptr;
  std::deque<PendingToken> pending_;
  std::size_t last_end_ = 0;
  bool first_token_ = true;
  std::vector<RuleState> active_, next_;
  RuleStateSet next_seen_;  // the states in next_
  std::vector<Candidate> candidates_;
  // Without a trace, rule and exclusion matches wait per start token in
  // buckets_ (the last 2 × kMaxRuleReach + 1 tokens) and only those that
  // can change the mentions go on to candidates_ (settle_matches).
  bool settle_ = false;
  std::deque<StartBucket> buckets_;
  std::vector<ExclusionCover> token_exclusions_, regex_exclusions_;  // per lexicon

  std::size_t in_buckets_ = 0;  // matches held in buckets_

  void note_held() { cost.candidates_held = std::max(cost.candidates_held, candidates_.size() + in_buckets_); }
  void settle_exclusions(StartBucket& b);
  void settle_rules(StartBucket& b);
  bool excluded(int lexicon, ByteSpan span);

  void push_token(const Token& t);
  void feed(PendingToken& t);
  void complete_coordination(PendingToken& x);
  void enter(int rule, int element, int gap, std::size_t start);
  void advance(int rule, int element, std::size_t start, std::size_t end);
  void run_regex_rules();
  void resolve(std::vector<Mention>& out);
  std::vector<const Candidate*> decide_lexicon(int li, std::vector<Decided>& decided);
  void join_mentions(int li, std::vector<Decided>& decided, std::size_t first, std::vector<Mention>& found);
  void trace_decisions(const std::vector<Decided>& decided);
};

// Completes a word followed by a suspended hyphen ("vård-" in "fast vård-
// och omsorgskontakt"): it also fits what the word joined to a tail of the
// closing compound fits, the shortest tail first ("vård"+"kontakt").
void ThemeTagger::Impl::complete_coordination(PendingToken& x) {
  std::string_view rest = text_.substr(x.span.end);
  if (!swedish::starts_suspended_hyphen(rest)) return;
  // The closing word: the first later token that is neither a conjunction
  // nor itself a suspended member ("vård-, omsorgs- och läkarkontakt").
  const PendingToken* closing = nullptr;
  for (std::size_t k = 1; k < pending_.size(); ++k) {
    const PendingToken& y = pending_[k];
    if (y.break_before) break;
    std::string_view word = text_.substr(y.span.begin, y.span.size());
    if (swedish::is_coordinating_conjunction(full_case_fold(word))) continue;
    if (swedish::starts_suspended_hyphen(text_.substr(y.span.end))) continue;
    closing = &y;
    break;
  }
  if (!closing) return;
  if (x.span.size() > kMaxCompoundPartBytes) return;
  std::string head = full_case_fold(text_.substr(x.span.begin, x.span.size()));
  std::string tail_source = full_case_fold(text_.substr(closing->span.begin, closing->span.size()));
  for (std::size_t len = 3; len < tail_source.size() && len <= kMaxCompoundPartBytes; ++len) {
    std::size_t from = tail_source.size() - len;
    if (utf8::is_continuation(tail_source[from])) continue;  // inside a character
    const WordClass& wc = classify(head + tail_source.substr(from));
    if (wc.fits.empty()) continue;
    std::vector<int> merged;
    std::set_union(x.fits.begin(), x.fits.end(), wc.fits.begin(), wc.fits.end(),
                   std::back_inserter(merged));
    x.fits = std::move(merged);
    x.span.end += 1;  // the hyphen belongs to the mention
    if (trace_) trace_->tokens.back().coordinated = true;
    return;
  }
}

void ThemeTagger::Impl::push_token(const Token& t) {
  PendingToken p;
  p.span = t.span;
  p.fits = classify(text_.substr(t.span.begin, t.span.size())).fits;
  // Rules do not reach over a sentence end (a period after "t.ex." is none),
  // a list item's bullet, ';' or ':'.
  p.break_before = !first_token_ && swedish::is_sentence_break(text_, {last_end_, t.span.begin},
                                                               swedish::ClauseMarks::Break);
  first_token_ = false;
  last_end_ = t.span.end;
  pending_.push_back(std::move(p));
  if (pending_.size() > 6) {
    feed(pending_.front());
    pending_.pop_front();
  }
}

void ThemeTagger::Impl::enter(int rule, int element, int gap, std::size_t start) {
  ++cost.rule_state_steps;
  RuleState s{rule, element, gap, start};
  if (!next_seen_.insert(s)) return;
  next_.push_back(s);
  const CompiledElement& e = c.rules[rule].elements[element];
  // A gap may end here and an optional word may be absent: the next element
  // is waited for as well. Rules never end with either (validated).
  if (e.gap || e.optional) enter(rule, element + 1, 0, start);
}

void ThemeTagger::Impl::advance(int rule, int element, std::size_t start, std::size_t end) {
  if (element == static_cast<int>(c.rules[rule].elements.size())) {
    const Candidate found{rule, {start, end}};
    // The bucket of the start token: a match starts at most kMaxRuleReach
    // tokens back, and buckets_ holds twice that.
    auto b = std::partition_point(buckets_.begin(), buckets_.end(),
                                  [&](const StartBucket& x) { return x.begin < start; });
    const bool exclusion = c.rules[rule].exclusion;
    if (!settle_ || b == buckets_.end() || b->begin != start || (exclusion && b->exclusions_settled)) {
      candidates_.push_back(found);  // kept whole: resolve() decides as ever
    } else {
      (exclusion ? b->exclusions : b->rules).push_back(found);
      ++in_buckets_;
    }
    note_held();
    return;
  }
  enter(rule, element, 0, start);
}

void ThemeTagger::Impl::feed(PendingToken& t) {
  if (trace_) {
    TracedToken tt;
    tt.span = t.span;
    tt.folded = full_case_fold(text_.substr(t.span.begin, t.span.size()));
    tt.break_before = t.break_before;
    trace_->tokens.push_back(std::move(tt));
  }
  complete_coordination(t);
  if (trace_)
    for (int p : t.fits)
      for (const std::string& use : c.pattern_uses[p]) trace_->tokens.back().fits.push_back(use);
  if (settle_) {
    buckets_.push_back({t.span.begin, {}, {}, false});
    // A match that starts kMaxRuleReach tokens back has ended: the
    // exclusions of that token are all known. One that starts twice as far
    // back has ended before any exclusion still to come can begin, so its
    // rule matches can be settled against the exclusions known.
    const std::size_t n = buckets_.size();
    if (n > static_cast<std::size_t>(kMaxRuleReach)) settle_exclusions(buckets_[n - 1 - kMaxRuleReach]);
    if (n > static_cast<std::size_t>(2 * kMaxRuleReach)) {
      settle_rules(buckets_.front());
      buckets_.pop_front();
    }
  }
  if (t.break_before) active_.clear();
  next_.clear();
  next_seen_.clear();
  cost.rule_state_steps += active_.size();
  auto fits = [&](int pattern) { return std::binary_search(t.fits.begin(), t.fits.end(), pattern); };
  for (const RuleState& s : active_) {
    const CompiledElement& e = c.rules[s.rule].elements[s.element];
    if (e.gap) {
      if (s.gap < e.max_gap) enter(s.rule, s.element, s.gap + 1, s.start);
    } else if (fits(e.pattern)) {
      advance(s.rule, s.element + 1, s.start, t.span.end);
    }
  }
  for (int p : t.fits)
    for (int r : c.rules_starting_with[p]) advance(r, 1, t.span.begin, t.span.end);
  std::swap(active_, next_);
}

void ThemeTagger::Impl::run_regex_rules() {
  if (!c.regex_set) return;
  std::vector<int> hits;
  if (!c.regex_set->Match(text_, &hits)) return;
  for (int h : hits) {
    const RE2& re = *c.regexes[h];
    re2::StringPiece input(text_.data(), text_.size());
    re2::StringPiece m;
    std::size_t pos = 0;
    while (pos <= text_.size() && re.Match(input, pos, text_.size(), RE2::UNANCHORED, &m, 1)) {
      std::size_t b = static_cast<std::size_t>(m.data() - text_.data());
      std::size_t e = b + m.size();
      if (e > b && !is_word_char_before(text_, b) && !is_word_char_at(text_, e) &&
          is_word_char_at(text_, b) && is_word_char_before(text_, e)) {
        candidates_.push_back({c.regex_rule[h], {b, e}});
        note_held();
      }
      pos = e > b ? e : b + 1;
    }
  }
}

void ThemeTagger::Impl::tag(std::string_view text, std::vector<Mention>& out, MatchTrace* trace) {
  text_ = text;
  trace_ = trace;
  pending_.clear();
  active_.clear();
  candidates_.clear();
  cost = {};
  first_token_ = true;
  last_end_ = 0;
  settle_ = trace == nullptr;  // a trace shows every match and why it lost
  buckets_.clear();
  in_buckets_ = 0;
  token_exclusions_.assign(c.lexicons.size(), {});
  regex_exclusions_.assign(c.lexicons.size(), {});
  // Regex rules first: their exclusion matches are known before any token
  // rule match is settled.
  run_regex_rules();
  if (settle_) {
    std::vector<Candidate> regex_exclusions;
    for (const Candidate& k : candidates_)
      if (c.rules[k.rule].exclusion) regex_exclusions.push_back(k);
    std::sort(regex_exclusions.begin(), regex_exclusions.end(),
              [](const Candidate& a, const Candidate& b) { return a.span.begin < b.span.begin; });
    for (const Candidate& k : regex_exclusions) regex_exclusions_[c.rules[k.rule].lexicon].add(k.span);
  }
  tokenizer.word_spans(text, [&](const Token& t) {
    push_token(t);
    return true;
  });
  while (!pending_.empty()) {
    feed(pending_.front());
    pending_.pop_front();
  }
  for (StartBucket& b : buckets_)
    if (!b.exclusions_settled) settle_exclusions(b);
  for (StartBucket& b : buckets_) settle_rules(b);
  buckets_.clear();
  resolve(out);
}

// The exclusion matches beginning at one token: per lexicon only the
// longest, which overlaps every span the shorter ones overlap (which of them
// excluded a candidate only shows in a trace, and a trace keeps them all).
void ThemeTagger::Impl::settle_exclusions(StartBucket& b) {
  std::sort(b.exclusions.begin(), b.exclusions.end(), [&](const Candidate& x, const Candidate& y) {
    const int lx = c.rules[x.rule].lexicon, ly = c.rules[y.rule].lexicon;
    return lx != ly ? lx < ly : x.span.end > y.span.end;
  });
  for (std::size_t i = 0; i < b.exclusions.size(); ++i) {
    const Candidate& x = b.exclusions[i];
    const int lexicon = c.rules[x.rule].lexicon;
    if (i > 0 && c.rules[b.exclusions[i - 1].rule].lexicon == lexicon) continue;
    candidates_.push_back(x);
    token_exclusions_[lexicon].add(x.span);
  }
  in_buckets_ -= b.exclusions.size();
  std::vector<Candidate>().swap(b.exclusions);
  b.exclusions_settled = true;
  note_held();
}

// The rule matches beginning at one token, once every exclusion match that
// can overlap them is known: per lexicon only the one resolve() would keep
// or lose to an earlier mention, the longest not excluded (the lowest rule
// among equals). All others begin where it begins, so an exclusion or that
// one (or the mention it loses to) overlaps them: they never become a
// mention. The last one left is passed on unchecked (resolve() checks it),
// so a token with one match per lexicon costs no search here.
void ThemeTagger::Impl::settle_rules(StartBucket& b) {
  std::sort(b.rules.begin(), b.rules.end(), [&](const Candidate& x, const Candidate& y) {
    const int lx = c.rules[x.rule].lexicon, ly = c.rules[y.rule].lexicon;
    if (lx != ly) return lx < ly;
    if (x.span.end != y.span.end) return x.span.end > y.span.end;
    return x.rule < y.rule;
  });
  for (std::size_t i = 0; i < b.rules.size();) {
    const int lexicon = c.rules[b.rules[i].rule].lexicon;
    std::size_t group_end = i;
    while (group_end < b.rules.size() && c.rules[b.rules[group_end].rule].lexicon == lexicon) ++group_end;
    for (std::size_t k = i; k < group_end; ++k) {
      if (k + 1 == group_end || !excluded(lexicon, b.rules[k].span)) {
        candidates_.push_back(b.rules[k]);
        break;
      }
    }
    i = group_end;
  }
  in_buckets_ -= b.rules.size();
  std::vector<Candidate>().swap(b.rules);
  note_held();
}

bool ThemeTagger::Impl::excluded(int lexicon, ByteSpan span) {
  return token_exclusions_[lexicon].overlaps(span, cost.exclusion_steps) ||
         regex_exclusions_[lexicon].overlaps(span, cost.exclusion_steps);
}

// Step 5 of lexicon_matcher.hpp, per lexicon.
void ThemeTagger::Impl::resolve(std::vector<Mention>& out) {
  std::sort(candidates_.begin(), candidates_.end(), [](const Candidate& a, const Candidate& b) {
    if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
    if (a.span.end != b.span.end) return a.span.end > b.span.end;
    return a.rule < b.rule;
  });
  std::vector<Decided> decided;
  std::vector<Mention> found;
  for (int li = 0; li < static_cast<int>(c.lexicons.size()); ++li) {
    const std::size_t first = decided.size();
    const std::vector<const Candidate*> exclusions = decide_lexicon(li, decided);
    join_mentions(li, decided, first, found);
    for (const Candidate* x : exclusions)
      decided.push_back({*x, TracedCandidate::Outcome::Kept, "exclusion"});
  }
  std::stable_sort(found.begin(), found.end(), [](const Mention& a, const Mention& b) {
    return a.span.begin != b.span.begin ? a.span.begin < b.span.begin : a.span.end < b.span.end;
  });
  out = std::move(found);
  if (trace_) trace_decisions(decided);
}

// Appends to `decided` each rule candidate of lexicon `li` in start order:
// excluded (an exclusion overlaps it), overlapped (by the last kept one) or
// kept. Returns the lexicon's exclusion candidates.
std::vector<const Candidate*> ThemeTagger::Impl::decide_lexicon(int li, std::vector<Decided>& decided) {
  using Outcome = TracedCandidate::Outcome;
  std::vector<const Candidate*> exclusions, kept;
  for (const Candidate& k : candidates_)
    if (c.rules[k.rule].lexicon == li && c.rules[k.rule].exclusion) exclusions.push_back(&k);
  const ExclusionIndex excluding(exclusions);
  for (const Candidate& k : candidates_) {
    const CompiledRule& r = c.rules[k.rule];
    if (r.lexicon != li || r.exclusion) continue;
    if (const Candidate* ex = excluding.first_overlapping(k.span, cost.exclusion_steps)) {
      decided.push_back({k, Outcome::Excluded, c.rules[ex->rule].source->id});
      continue;
    }
    if (!kept.empty() && k.span.begin < kept.back()->span.end) {
      decided.push_back({k, Outcome::Overlapped, c.rules[kept.back()->rule].source->id});
      continue;
    }
    kept.push_back(&k);
    decided.push_back({k, Outcome::Kept, {}});
  }
  return exclusions;
}

// The kept candidates of lexicon `li` (decided[first..]) become mentions in
// `found`: a term and its abbreviation side by side merge; abbreviations
// with nothing to lean on are dropped. A merge joins two mentions, a term
// and its abbreviation, and no more: "SIP SIP SIP" is "SIP SIP" and "SIP",
// not one mention as long as the run (a run of a million was one of 4 MB).
void ThemeTagger::Impl::join_mentions(int li, std::vector<Decided>& decided, std::size_t first,
                                      std::vector<Mention>& found) {
  using Outcome = TracedCandidate::Outcome;
  const bool has_plain = std::any_of(decided.begin() + static_cast<std::ptrdiff_t>(first), decided.end(),
                                     [&](const Decided& d) {
                                       return d.outcome == Outcome::Kept &&
                                              !c.rules[d.cand.rule].source->needs_other_mention;
                                     });
  std::size_t last = found.size();  // none yet for this lexicon
  bool last_merged = false;
  for (std::size_t i = first; i < decided.size(); ++i) {
    Decided& d = decided[i];
    if (d.outcome != Outcome::Kept) continue;
    if (!has_plain && c.rules[d.cand.rule].source->needs_other_mention) {
      d.outcome = Outcome::NeedsOtherMention;
      continue;
    }
    if (last < found.size() && !last_merged) {
      Mention& prev = found[last];
      std::size_t closing = 0;
      if (swedish::joins_term_and_abbreviation(text_, prev.span.end, d.cand.span, closing)) {
        prev.span.end = d.cand.span.end + closing;
        d.outcome = Outcome::Merged;
        d.because = prev.rule;
        last_merged = true;
        continue;
      }
    }
    last_merged = false;
    last = found.size();
    found.push_back({c.lexicons[li].id, c.rules[d.cand.rule].source->id, d.cand.span});
  }
}

// Every decision into the trace, in start order.
void ThemeTagger::Impl::trace_decisions(const std::vector<Decided>& decided) {
  for (const Decided& d : decided) {
    const CompiledRule& r = c.rules[d.cand.rule];
    TracedCandidate tc;
    tc.theme = c.lexicons[r.lexicon].id;
    tc.rule = (r.exclusion ? "exclude:" : "") + r.source->id;
    tc.span = d.cand.span;
    tc.outcome = d.outcome;
    tc.because = r.exclusion ? std::string() : d.because;
    trace_->candidates.push_back(std::move(tc));
  }
  std::stable_sort(trace_->candidates.begin(), trace_->candidates.end(),
                   [](const TracedCandidate& a, const TracedCandidate& b) { return a.span.begin < b.span.begin; });
}

ThemeTagger::ThemeTagger(const LexiconMatcher& matcher)
    : impl_(std::make_unique<Impl>(matcher.compiled())) {}
ThemeTagger::~ThemeTagger() = default;

const MatchCost& ThemeTagger::last_cost() const { return impl_->cost; }

void ThemeTagger::tag(std::string_view text, const std::function<bool(const Mention&)>& on_mention,
                      MatchTrace* trace) {
  std::vector<Mention> found;
  impl_->tag(text, found, trace);
  for (const Mention& m : found)
    if (!on_mention(m)) break;
}

std::vector<Mention> ThemeTagger::tag(std::string_view text, MatchTrace* trace) {
  std::vector<Mention> found;
  impl_->tag(text, found, trace);
  return found;
}

}  // namespace analyzer
