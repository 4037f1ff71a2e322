#pragma once
// The slow, obvious reference for the one-pass matcher (differential tests):
// every token rule and exclusion of every lexicon, tried at every token by
// backtracking, each word pattern checked with its own RE2. It finds raw rule
// matches only (no exclusion, overlap or merge step) and does not complete
// words through suspended hyphens; regex rules are not tried.

#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <re2/re2.h>

#include "analyzer/lexicon/lexicon.hpp"
#include "analyzer/tokenize/tokenizer.hpp"

namespace test_support {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct RefCandidate {
  std::string theme;
  std::string rule;
  analyzer::ByteSpan span;
  friend bool operator<(const RefCandidate& a, const RefCandidate& b) {
    return std::tie(a.theme, a.rule, a.span.begin, a.span.end) < std::tie(b.theme, b.rule, b.span.begin, b.span.end);
  }
  friend bool operator==(const RefCandidate&, const RefCandidate&) = default;
};

// Whether the bytes between two tokens end a sentence (. ! ? ; :) or start a
// list item (•, U+F0B7, ▪): no rule match crosses them.
inline bool reference_break(std::string_view between) {
  for (char c : between)
    if (c == '.' || c == '!' || c == '?' || c == ';' || c == ':') return true;
  for (std::string_view bullet : {"\xe2\x80\xa2", "\xef\x82\xb7", "\xe2\x96\xaa"})
    if (between.find(bullet) != std::string_view::npos) return true;
  return false;
}

inline std::vector<RefCandidate> reference_candidates(const std::vector<analyzer::Lexicon>& lexicons,
                                                      analyzer::Tokenizer& tokenizer, std::string_view text) {
  using analyzer::LexiconRule;
  using analyzer::TokenPattern;
  std::vector<analyzer::Token> tokens = tokenizer.words(text);
  std::vector<bool> break_before(tokens.size(), false);
  for (std::size_t i = 1; i < tokens.size(); ++i)
    break_before[i] = reference_break(text.substr(tokens[i - 1].span.end, tokens[i].span.begin - tokens[i - 1].span.end));
  std::map<std::string, std::unique_ptr<RE2>> compiled;
  auto fits = [&](const TokenPattern& p, std::size_t j) {
    auto& re = compiled[p.regex];
    if (!re) re = std::make_unique<RE2>(p.regex);
    const analyzer::Token& t = tokens[j];
    std::string surface(text.substr(t.span.begin, t.span.size()));
    return RE2::FullMatch(p.case_sensitive ? surface : t.folded, *re);
  };
  std::vector<RefCandidate> out;
  auto try_rule = [&](const std::string& theme, const LexiconRule& rule) {
    if (rule.is_regex()) return;
    const auto& el = rule.tokens;
    // Matches elements from `e` on at token `j`; `end` is the end of the
    // last word consumed.
    std::function<void(std::size_t, std::size_t, std::size_t, std::size_t)> go =
        [&](std::size_t e, std::size_t j, std::size_t start, std::size_t end) {
          if (e == el.size()) {
            out.push_back({theme, rule.id, {tokens[start].span.begin, end}});
            return;
          }
          auto usable = [&](std::size_t k) { return k < tokens.size() && (k == start || !break_before[k]); };
          if (el[e].kind == TokenPattern::Kind::Gap) {
            for (int k = 0; k <= el[e].max_gap; ++k) {
              bool ok = true;
              for (int g = 0; g < k; ++g) ok = ok && usable(j + g);
              if (!ok) break;
              go(e + 1, j + k, start, end);
            }
            return;
          }
          if (usable(j) && fits(el[e], j)) go(e + 1, j + 1, start, tokens[j].span.end);
          if (el[e].optional) go(e + 1, j, start, end);
        };
    for (std::size_t i = 0; i < tokens.size(); ++i) go(0, i, i, 0);
  };
  for (const analyzer::Lexicon& l : lexicons) {
    for (const LexiconRule& r : l.rules) try_rule(l.id, r);
    for (const LexiconRule& r : l.exclusions) try_rule(l.id, r);
  }
  return out;
}

}  // namespace test_support
