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

Result<LexiconMatcher> LexiconMatcher::build(std::vector<Lexicon> lexicons) {
  auto c = std::make_shared<CompiledLexicons>();
  c->lexicons = std::move(lexicons);
  c->fingerprint = fingerprint_of(c->lexicons);

  // Distinct patterns: (case_sensitive, regex) → id.
  std::map<std::pair<bool, std::string>, int> ids;
  std::vector<std::string> folded, surface;
  auto pattern_id = [&](const TokenPattern& p, const std::string& name) {
    auto [it, inserted] = ids.try_emplace({p.case_sensitive, p.regex}, static_cast<int>(ids.size()));
    if (!inserted) c->pattern_uses[it->second].push_back(name);
    if (inserted) {
      c->pattern_uses.push_back({name});
      c->rules_starting_with.emplace_back();
      if (p.case_sensitive) {
        surface.push_back(p.regex);
        c->surface_pattern.push_back(it->second);
      } else {
        folded.push_back(p.regex);
        c->folded_pattern.push_back(it->second);
      }
    }
    return it->second;
  };

  std::vector<std::string> regex_patterns;
  for (std::size_t li = 0; li < c->lexicons.size(); ++li) {
    const Lexicon& lex = c->lexicons[li];
    auto add_rule = [&](const LexiconRule& rule, bool exclusion) -> Status {
      CompiledRule cr;
      cr.lexicon = static_cast<int>(li);
      cr.source = &rule;
      cr.exclusion = exclusion;
      int rule_index = static_cast<int>(c->rules.size());
      if (rule.is_regex()) {
        RE2::Options o = pattern_options();
        auto re = std::make_unique<RE2>(rule.regex, o);
        if (!re->ok()) return rule_error(lex, rule, "regex does not compile: " + re->error());
        regex_patterns.push_back(rule.regex);
        c->regex_rule.push_back(rule_index);
        c->regexes.push_back(std::move(re));
      } else {
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
        c->rules_starting_with[cr.elements.front().pattern].push_back(rule_index);
      }
      c->rules.push_back(std::move(cr));
      return {};
    };
    for (const LexiconRule& r : lex.rules)
      if (Status added = add_rule(r, false); !added.ok()) return std::move(added).error();
    for (const LexiconRule& r : lex.exclusions)
      if (Status added = add_rule(r, true); !added.ok()) return std::move(added).error();
  }

  std::string error;
  RE2::Options o = pattern_options();
  if (!folded.empty()) {
    c->folded_set = std::make_unique<RE2::Set>(o, RE2::ANCHOR_BOTH);
    if (!compile_set(*c->folded_set, folded, error))
      return make_error("lexicons", "token patterns do not compile: " + error);
  }
  if (!surface.empty()) {
    c->surface_set = std::make_unique<RE2::Set>(o, RE2::ANCHOR_BOTH);
    if (!compile_set(*c->surface_set, surface, error))
      return make_error("lexicons", "case-sensitive token patterns do not compile: " + error);
  }
  if (!regex_patterns.empty()) {
    c->regex_set = std::make_unique<RE2::Set>(o, RE2::UNANCHORED);
    if (!compile_set(*c->regex_set, regex_patterns, error))
      return make_error("lexicons", "regex rules do not compile: " + error);
  }
  return LexiconMatcher(std::move(c));
}

const std::string& LexiconMatcher::fingerprint() const { return compiled_->fingerprint; }

const std::vector<Lexicon>& LexiconMatcher::lexicons() const { return compiled_->lexicons; }

const Lexicon* LexiconMatcher::find(std::string_view theme) const {
  for (const Lexicon& l : compiled_->lexicons)
    if (l.id == theme) return &l;
  return nullptr;
}

}  // namespace analyzer
