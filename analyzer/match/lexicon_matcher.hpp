#pragma once
// Stage: match. Finds theme mentions in respondent text with the lexicons
// of lexicon/ (see lexicon/lexicon.hpp for the rule language).
//
// In:  validated Lexicons; UTF-8 text (normalised: NFC, wrapped lines and
//      end-of-line hyphens already repaired by normalize/).
// Out: Mentions{theme, rule, span} with byte spans into that text, in text
//      order; optionally a MatchTrace saying why (for `lexicon explain`).
//
// How (one pass for all themes):
//   1. The tokenizer gives word and number tokens (tokenize/). Each distinct
//      word is classified once per ThemeTagger: every token pattern of every
//      lexicon is in one of two RE2::Sets (case-folded / as written), so one
//      set match per distinct word gives all the patterns it fits. Results
//      are cached by the word as written.
//   2. A word followed by a suspended hyphen ("vård- och omsorgskontakt")
//      also fits the patterns that its completion fits: the word joined to
//      a tail of the compound that closes the coordination ("vårdkontakt").
//      Its span then includes the hyphen ("vård-").
//   3. One simulation of all rules at once (a Thompson-style set of active
//      rule states) runs over the tokens; gaps ("~2") and optional tokens
//      are state moves. No rule state crosses a sentence break: . ! ? ; :
//      or a list bullet between two tokens.
//   4. Regex rules run as one RE2::Set over the text, then per matching rule
//      for spans; a match counts only on word edges.
//   5. Per lexicon: candidates that overlap a match of one of its
//      exclusions are dropped; overlapping candidates become one (leftmost,
//      then longest); a "needs_other_mention" rule counts only when another
//      rule of the theme matched in the same text; a term and its
//      abbreviation side by side ("samordnad individuell plan (SIP)", "SIP –
//      samordnad individuell plan") become one mention; two mentions join,
//      no more ("SIP SIP SIP" is "SIP SIP" and "SIP"), so a mention spans
//      at most two rule matches and what lies between them.
// Cost: linear in the text. RE2 is linear; the rule simulation keeps at
//      most one state per (rule, element, words of a gap used, start), and a
//      state's start lies within the rule's reach (at most kMaxRuleReach
//      words back, lexicon.hpp), so each token costs at most about
//      sum over rules of (elements + gap words) × reach steps, whatever the
//      text; each candidate finds an overlapping exclusion by binary search;
//      a suspended member or compound tail over 64 bytes is not completed.
//      Memory: O(text × lexicons + rules × reach²), whatever the rules,
//      although a rule can match at every (start, end) pair within its
//      reach. A trace (`lexicon explain`) keeps every match, to say why
//      each lost.
//      ThemeTagger::last_cost() counts the work, for tests.
// Thread safety: a LexiconMatcher is immutable and may be shared; a
//      ThemeTagger holds a tokenizer and a cache and is for one thread.
//
// Example:
//   Result<LexiconMatcher> m = LexiconMatcher::build(load.lexicons);
//   ThemeTagger tagger(m.value());
//   for (const Mention& x : tagger.tag("Vi har mobila team och SIP:ar."))
//     std::cout << x.theme << " " << x.span.begin << "\n";   // mobila_team 7, sip 24

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/diagnostic.hpp"
#include "analyzer/core/mention.hpp"
#include "analyzer/lexicon/lexicon.hpp"

namespace analyzer {

struct CompiledLexicons;

class LexiconMatcher {
 public:
  // Compiles all lexicons into one matcher. Fails (with a Diagnostic naming
  // the lexicon file and rule) only when RE2 rejects a pattern, which
  // validated lexicons never cause. An empty list gives a matcher that
  // finds nothing.
  static Result<LexiconMatcher> build(std::vector<Lexicon> lexicons);

  const std::vector<Lexicon>& lexicons() const;
  // The lexicon with this id, or null.
  const Lexicon* find(std::string_view theme) const;

  // A 16-hex-digit hash of everything that decides what the lexicons match
  // (ids, rules, exclusions, flags; not labels, notes or examples): equal
  // fingerprints tag equally. Ingest uses it to re-tag after a lexicon edit.
  const std::string& fingerprint() const;

  const CompiledLexicons& compiled() const { return *compiled_; }

 private:
  explicit LexiconMatcher(std::shared_ptr<const CompiledLexicons> c) : compiled_(std::move(c)) {}
  std::shared_ptr<const CompiledLexicons> compiled_;
};

// Why a candidate mention was or was not kept; for `lexicon explain`.
struct TracedCandidate {
  std::string theme;
  std::string rule;
  ByteSpan span;
  enum class Outcome { Kept, Excluded, Overlapped, NeedsOtherMention, Merged } outcome = Outcome::Kept;
  std::string because;   // exclusion id, or the rule of the mention that won / absorbed it
};

struct TracedToken {
  ByteSpan span;
  std::string folded;
  std::vector<std::string> fits;   // "theme/rule#element" for every token pattern it fits
  bool coordinated = false;        // completed through a suspended hyphen
  bool break_before = false;       // a sentence break lies before it
};

struct MatchTrace {
  std::vector<TracedToken> tokens;
  std::vector<TracedCandidate> candidates;   // every rule and exclusion match, in text order
};

const char* to_string(TracedCandidate::Outcome o);

// The work one ThemeTagger::tag() call did, for tests of the cost.
struct MatchCost {
  // Rule states entered or carried from one token to the next by the
  // simulation (step 3): at most about 3 × tokens × the live states a token
  // can hold (see Cost above), never their square.
  std::size_t rule_state_steps = 0;
  // Comparisons made looking for an exclusion that overlaps a candidate
  // (step 5): about candidates × log2(exclusion matches).
  std::size_t exclusion_steps = 0;
  // Words looked up in the pattern sets (step 1, cached or not) and
  // completions tried for suspended hyphens (step 2): at most tokens + 62
  // per suspended member.
  std::size_t words_classified = 0;
  // The most rule and exclusion matches held at once before step 5. Without
  // a trace: at most one rule match and one exclusion match per (token,
  // lexicon), plus the regex matches, plus those of the last
  // 2 × kMaxRuleReach tokens (each of those tokens at most rules ×
  // kMaxRuleReach). With a trace: every match.
  std::size_t candidates_held = 0;
};

// Tags text with all themes of one matcher. Not thread-safe; cheap to
// create per thread (one ICU tokenizer).
class ThemeTagger {
 public:
  explicit ThemeTagger(const LexiconMatcher& matcher);
  ~ThemeTagger();
  ThemeTagger(const ThemeTagger&) = delete;
  ThemeTagger& operator=(const ThemeTagger&) = delete;

  // Calls `on_mention` for each mention in `text`, in text order, after the
  // whole text is scanned (step 5 above needs all of it); stops early when
  // it returns false. With `trace`, also records every token and candidate
  // (slower, allocates; for explain and tests). Never throws on user data.
  void tag(std::string_view text, const std::function<bool(const Mention&)>& on_mention,
           MatchTrace* trace = nullptr);
  std::vector<Mention> tag(std::string_view text, MatchTrace* trace = nullptr);

  // The work done by the last tag() call.
  const MatchCost& last_cost() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace analyzer
