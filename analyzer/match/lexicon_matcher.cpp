#include "analyzer/match/lexicon_matcher.hpp"

#include <map>
#include <utility>

#include "analyzer/core/stable_hash.hpp"
#include "analyzer/match/compiled_lexicons.hpp"

namespace analyzer {
namespace {

RE2::Options pattern_options() {
  RE2::Options o;
  o.set_encoding(RE2::Options::EncodingUTF8);
  o.set_log_errors(false);
  o.set_never_capture(true);
  return o;
}

Diagnostic rule_error(const Lexicon& lexicon, const LexiconRule& rule, const std::string& what) {
  Diagnostic d = make_error(lexicon.file.empty() ? lexicon.id : lexicon.file,
                            "rule \"" + rule.id + "\": " + what,
                            "check the pattern with `analyzer lexicon check`");
  d.line = rule.where.line;
  d.column = rule.where.column;
  return d;
}

// Adds the patterns of one set, compiles it; false with `error` on failure.
bool compile_set(RE2::Set& set, const std::vector<std::string>& patterns, std::string& error) {
  for (const std::string& p : patterns) {
    if (set.Add(p, &error) < 0) return false;
  }
  if (!patterns.empty() && !set.Compile()) {
    error = "RE2 could not compile the pattern set (out of memory?)";
    return false;
  }
  return true;
}

// A hash of the parts of the lexicons that decide what matches.
std::string fingerprint_of(const std::vector<Lexicon>& lexicons) {
  StableHash h;
  auto add_rule = [&](const LexiconRule& r, std::string_view kind) {
    h.add(kind).add(r.id).add(r.regex).add(r.needs_other_mention ? "needs-other" : "");
    for (const TokenPattern& t : r.tokens) h.add(t.source);
  };
  for (const Lexicon& l : lexicons) {
    h.add(l.id);
    for (const LexiconRule& r : l.rules) add_rule(r, "rule");
    for (const LexiconRule& r : l.exclusions) add_rule(r, "exclude");
  }
  return h.hex();
}

}  // namespace

const char* to_string(TracedCandidate::Outcome o) {
  switch (o) {
    case TracedCandidate::Outcome::Kept: return "kept";
    case TracedCandidate::Outcome::Excluded: return "excluded";
    case TracedCandidate::Outcome::Overlapped: return "overlapped";
    case TracedCandidate::Outcome::NeedsOtherMention: return "needs-other-mention";
    case TracedCandidate::Outcome::Merged: return "merged";
  }
  return "?";
}

namespace {

// Compiles lexicons into CompiledLexicons: each distinct token pattern gets
// one id, each rule its elements, and the patterns go into three RE2 sets
// (case-folded tokens, case-sensitive tokens, regex rules).
class LexiconCompiler {
 public:
  explicit LexiconCompiler(std::vector<Lexicon> lexicons) : c_(std::make_shared<CompiledLexicons>()) {
    c_->lexicons = std::move(lexicons);
    c_->fingerprint = fingerprint_of(c_->lexicons);
  }

  // Every rule and exclusion of every lexicon, in order; the first rule
  // that cannot be compiled is the error.
  Status add_rules() {
    for (std::size_t li = 0; li < c_->lexicons.size(); ++li) {
      const Lexicon& lex = c_->lexicons[li];
      for (const LexiconRule& r : lex.rules)
        if (Status added = add_rule(li, r, false); !added.ok()) return added;
      for (const LexiconRule& r : lex.exclusions)
        if (Status added = add_rule(li, r, true); !added.ok()) return added;
    }
    return {};
  }

  // The three pattern sets, compiled.
  Status compile_sets() {
    std::string error;
    RE2::Options o = pattern_options();
    if (!folded_.empty()) {
      c_->folded_set = std::make_unique<RE2::Set>(o, RE2::ANCHOR_BOTH);
      if (!compile_set(*c_->folded_set, folded_, error))
        return make_error("lexicons", "token patterns do not compile: " + error);
    }
    if (!surface_.empty()) {
      c_->surface_set = std::make_unique<RE2::Set>(o, RE2::ANCHOR_BOTH);
      if (!compile_set(*c_->surface_set, surface_, error))
        return make_error("lexicons", "case-sensitive token patterns do not compile: " + error);
    }
    if (!regex_patterns_.empty()) {
      c_->regex_set = std::make_unique<RE2::Set>(o, RE2::UNANCHORED);
      if (!compile_set(*c_->regex_set, regex_patterns_, error))
        return make_error("lexicons", "regex rules do not compile: " + error);
    }
    return {};
  }

  std::shared_ptr<CompiledLexicons> compiled() && { return std::move(c_); }

 private:
  // The id of token pattern `p` (used by element `name`), new or shared.
  int pattern_id(const TokenPattern& p, const std::string& name) {
    auto [it, inserted] = ids_.try_emplace({p.case_sensitive, p.regex}, static_cast<int>(ids_.size()));
    if (!inserted) {
      c_->pattern_uses[it->second].push_back(name);
      return it->second;
    }
    c_->pattern_uses.push_back({name});
    c_->rules_starting_with.emplace_back();
    (p.case_sensitive ? surface_ : folded_).push_back(p.regex);
    (p.case_sensitive ? c_->surface_pattern : c_->folded_pattern).push_back(it->second);
    return it->second;
  }

  Status add_rule(std::size_t li, const LexiconRule& rule, bool exclusion) {
    const Lexicon& lex = c_->lexicons[li];
    CompiledRule cr;
    cr.lexicon = static_cast<int>(li);
    cr.source = &rule;
    cr.exclusion = exclusion;
    const int rule_index = static_cast<int>(c_->rules.size());
    if (rule.is_regex()) {
      auto re = std::make_unique<RE2>(rule.regex, pattern_options());
      if (!re->ok()) return rule_error(lex, rule, "regex does not compile: " + re->error());
      regex_patterns_.push_back(rule.regex);
      c_->regex_rule.push_back(rule_index);
      c_->regexes.push_back(std::move(re));
    } else {
      if (Status elements = add_elements(lex, rule, cr); !elements.ok()) return elements;
      c_->rules_starting_with[cr.elements.front().pattern].push_back(rule_index);
    }
    c_->rules.push_back(std::move(cr));
    return {};
  }

  // The elements of token rule `rule` into `cr`; a rule must start and end
  // with a required token and reach at most kMaxRuleReach words.
  Status add_elements(const Lexicon& lex, const LexiconRule& rule, CompiledRule& cr) {
    for (std::size_t e = 0; e < rule.tokens.size(); ++e) {
      const TokenPattern& t = rule.tokens[e];
      CompiledElement ce;
      if (t.kind == TokenPattern::Kind::Gap) {
        ce.gap = true;
        ce.max_gap = t.max_gap;
      } else {
        ce.pattern = pattern_id(t, lex.id + "/" + rule.id + "#" + std::to_string(e + 1));
        ce.optional = t.optional;
      }
      cr.elements.push_back(ce);
    }
    if (cr.elements.empty() || cr.elements.front().gap || cr.elements.front().optional ||
        cr.elements.back().gap || cr.elements.back().optional)
      return rule_error(lex, rule, "a rule must start and end with a required token");
    if (const int reach = rule_reach(rule.tokens); reach > kMaxRuleReach)
      return rule_error(lex, rule,
                        "can match up to " + std::to_string(reach) + " words, more than the limit of " +
                            std::to_string(kMaxRuleReach));
    return {};
  }

  std::shared_ptr<CompiledLexicons> c_;
  std::map<std::pair<bool, std::string>, int> ids_;  // (case_sensitive, regex) -> id
  std::vector<std::string> folded_, surface_, regex_patterns_;
};

}  // namespace

Result<LexiconMatcher> LexiconMatcher::build(std::vector<Lexicon> lexicons) {
  LexiconCompiler compiler(std::move(lexicons));
  if (Status added = compiler.add_rules(); !added.ok()) return std::move(added).error();
  if (Status compiled = compiler.compile_sets(); !compiled.ok()) return std::move(compiled).error();
  return LexiconMatcher(std::move(compiler).compiled());
}

const std::string& LexiconMatcher::fingerprint() const { return compiled_->fingerprint; }

const std::vector<Lexicon>& LexiconMatcher::lexicons() const { return compiled_->lexicons; }

const Lexicon* LexiconMatcher::find(std::string_view theme) const {
  for (const Lexicon& l : compiled_->lexicons)
    if (l.id == theme) return &l;
  return nullptr;
}

}  // namespace analyzer
