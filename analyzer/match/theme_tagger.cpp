// ThemeTagger: the one-pass scan of lexicon_matcher.hpp, steps 1-5.

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <deque>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "analyzer/match/compiled_lexicons.hpp"
#include "analyzer/match/lexicon_matcher.hpp"
#include "analyzer/match/swedish_coordination.hpp"
#include "analyzer/tokenize/tokenizer.hpp"

namespace analyzer {
namespace {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

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

struct Candidate {
  int rule;
  ByteSpan span;
};

// Bytes between two tokens that end a sentence or start a list item.
bool is_sentence_break(std::string_view between) {
  for (std::size_t i = 0; i < between.size(); ++i) {
    char c = between[i];
    if (c == '.' || c == '!' || c == '?' || c == ';' || c == ':') return true;
    if (between.substr(i, 3) == "\xe2\x80\xa2" /* • */ || between.substr(i, 3) == "\xef\x82\xb7" ||
        between.substr(i, 3) == "\xe2\x96\xaa" /* ▪ */)
      return true;
  }
  return false;
}

bool is_word_char_before(std::string_view text, std::size_t pos) {
  if (pos == 0) return false;
  int32_t i = static_cast<int32_t>(pos);
  UChar32 c;
  U8_PREV(reinterpret_cast<const uint8_t*>(text.data()), 0, i, c);
  return c >= 0 && u_isalnum(c);
}

bool is_word_char_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return false;
  int32_t i = static_cast<int32_t>(pos);
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
  return c >= 0 && u_isalnum(c);
}

bool overlaps(ByteSpan a, ByteSpan b) { return a.begin < b.end && b.begin < a.end; }

}  // namespace

struct ThemeTagger::Impl {
  const CompiledLexicons& c;
  Tokenizer tokenizer;
  std::unordered_map<std::string, WordClass, StringHash, std::equal_to<>> cache;
  std::vector<int> scratch;

  explicit Impl(const CompiledLexicons& compiled) : c(compiled) {}

  // The patterns `word` fits; cached by the word as written.
  const WordClass& classify(std::string_view word) {
    auto it = cache.find(word);
    if (it != cache.end()) return it->second;
    if (cache.size() > 200000) cache.clear();  // bounds memory on huge inputs
    WordClass wc;
    if (c.folded_set) {
      scratch.clear();
      std::string folded = fold_case(word);
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
  std::vector<Candidate> candidates_;

  void push_token(const Token& t);
  void feed(PendingToken& t);
  void complete_coordination(PendingToken& x);
  void enter(int rule, int element, int gap, std::size_t start);
  void advance(int rule, int element, std::size_t start, std::size_t end);
  void run_regex_rules();
  void resolve(std::vector<Mention>& out);
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
    if (swedish::is_coordinating_conjunction(fold_case(word))) continue;
    if (swedish::starts_suspended_hyphen(text_.substr(y.span.end))) continue;
    closing = &y;
    break;
  }
  if (!closing) return;
  std::string head = fold_case(text_.substr(x.span.begin, x.span.size()));
  std::string tail_source = fold_case(text_.substr(closing->span.begin, closing->span.size()));
  for (std::size_t len = 3; len < tail_source.size(); ++len) {
    std::size_t from = tail_source.size() - len;
    if ((static_cast<unsigned char>(tail_source[from]) & 0xC0) == 0x80) continue;  // inside a character
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
  p.break_before = !first_token_ && is_sentence_break(text_.substr(last_end_, t.span.begin - last_end_));
  first_token_ = false;
  last_end_ = t.span.end;
  pending_.push_back(std::move(p));
  if (pending_.size() > 6) {
    feed(pending_.front());
    pending_.pop_front();
  }
}

void ThemeTagger::Impl::enter(int rule, int element, int gap, std::size_t start) {
  RuleState s{rule, element, gap, start};
  if (std::find(next_.begin(), next_.end(), s) != next_.end()) return;
  next_.push_back(s);
  const CompiledElement& e = c.rules[rule].elements[element];
  // A gap may end here and an optional word may be absent: the next element
  // is waited for as well. Rules never end with either (validated).
  if (e.gap || e.optional) enter(rule, element + 1, 0, start);
}

void ThemeTagger::Impl::advance(int rule, int element, std::size_t start, std::size_t end) {
  if (element == static_cast<int>(c.rules[rule].elements.size())) {
    candidates_.push_back({rule, {start, end}});
    return;
  }
  enter(rule, element, 0, start);
}

void ThemeTagger::Impl::feed(PendingToken& t) {
  if (trace_) {
    TracedToken tt;
    tt.span = t.span;
    tt.folded = fold_case(text_.substr(t.span.begin, t.span.size()));
    tt.break_before = t.break_before;
    trace_->tokens.push_back(std::move(tt));
  }
  complete_coordination(t);
  if (trace_)
    for (int p : t.fits)
      for (const std::string& use : c.pattern_uses[p]) trace_->tokens.back().fits.push_back(use);
  if (t.break_before) active_.clear();
  next_.clear();
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
          is_word_char_at(text_, b) && is_word_char_before(text_, e))
        candidates_.push_back({c.regex_rule[h], {b, e}});
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
  first_token_ = true;
  last_end_ = 0;
  tokenizer.word_spans(text, [&](const Token& t) {
    push_token(t);
    return true;
  });
  while (!pending_.empty()) {
    feed(pending_.front());
    pending_.pop_front();
  }
  run_regex_rules();
  resolve(out);
}

// Step 5 of lexicon_matcher.hpp, per lexicon.
void ThemeTagger::Impl::resolve(std::vector<Mention>& out) {
  std::sort(candidates_.begin(), candidates_.end(), [](const Candidate& a, const Candidate& b) {
    if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
    if (a.span.end != b.span.end) return a.span.end > b.span.end;
    return a.rule < b.rule;
  });
  using Outcome = TracedCandidate::Outcome;
  struct Decided {
    Candidate cand;
    Outcome outcome;
    std::string because;
  };
  std::vector<Decided> decided;
  std::vector<Mention> found;
  for (int li = 0; li < static_cast<int>(c.lexicons.size()); ++li) {
    const Lexicon& lex = c.lexicons[li];
    std::vector<const Candidate*> exclusions, kept;
    for (const Candidate& k : candidates_)
      if (c.rules[k.rule].lexicon == li && c.rules[k.rule].exclusion) exclusions.push_back(&k);
    std::size_t first = decided.size();
    for (const Candidate& k : candidates_) {
      const CompiledRule& r = c.rules[k.rule];
      if (r.lexicon != li || r.exclusion) continue;
      auto ex = std::find_if(exclusions.begin(), exclusions.end(),
                             [&](const Candidate* x) { return overlaps(x->span, k.span); });
      if (ex != exclusions.end()) {
        decided.push_back({k, Outcome::Excluded, c.rules[(*ex)->rule].source->id});
        continue;
      }
      if (!kept.empty() && k.span.begin < kept.back()->span.end) {
        decided.push_back({k, Outcome::Overlapped, c.rules[kept.back()->rule].source->id});
        continue;
      }
      kept.push_back(&k);
      decided.push_back({k, Outcome::Kept, {}});
    }
    bool has_plain = std::any_of(kept.begin(), kept.end(), [&](const Candidate* k) {
      return !c.rules[k->rule].source->needs_other_mention;
    });
    // Merge a term and its abbreviation side by side; drop abbreviations
    // with nothing to lean on.
    std::size_t last = found.size();   // none yet for this lexicon
    for (std::size_t i = first; i < decided.size(); ++i) {
      Decided& d = decided[i];
      if (d.outcome != Outcome::Kept) continue;
      if (!has_plain && c.rules[d.cand.rule].source->needs_other_mention) {
        d.outcome = Outcome::NeedsOtherMention;
        continue;
      }
      if (last < found.size()) {
        Mention& prev = found[last];
        std::size_t closing = 0;
        if (swedish::joins_term_and_abbreviation(text_, prev.span.end, d.cand.span, closing)) {
          prev.span.end = d.cand.span.end + closing;
          d.outcome = Outcome::Merged;
          d.because = prev.rule;
          continue;
        }
      }
      last = found.size();
      found.push_back({lex.id, c.rules[d.cand.rule].source->id, d.cand.span});
    }
    for (const Candidate* x : exclusions)
      decided.push_back({*x, Outcome::Kept, "exclusion"});
  }
  std::stable_sort(found.begin(), found.end(), [](const Mention& a, const Mention& b) {
    return a.span.begin != b.span.begin ? a.span.begin < b.span.begin : a.span.end < b.span.end;
  });
  out = std::move(found);
  if (trace_) {
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
}

ThemeTagger::ThemeTagger(const LexiconMatcher& matcher)
    : impl_(std::make_unique<Impl>(matcher.compiled())) {}
ThemeTagger::~ThemeTagger() = default;

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
