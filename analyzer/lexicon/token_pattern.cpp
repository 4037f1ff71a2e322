// compile_token_pattern: the token-pattern mini-language of lexicon.hpp
// translated into RE2 syntax, with an analyst-readable error for every
// way a pattern can be malformed.
#include <re2/re2.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/json_checker.hpp"
#include "analyzer/core/utf8.hpp"
#include "analyzer/lexicon/lexicon.hpp"

namespace analyzer {

namespace {

// Characters RE2 would read as syntax; every other byte (UTF-8 included)
// stands for itself in an RE2 pattern.
bool is_regex_syntax(char c) {
  return std::string_view("\\.+*?()|[]{}^$").find(c) != std::string_view::npos;
}

// Appends one literal byte of a pattern to `regex`, escaped when needed.
void append_literal(char c, std::string& regex) {
  if (c == '\0') {
    regex += "\\x00";
    return;
  }
  if (is_regex_syntax(c)) regex += '\\';
  regex += c;
}

// 1-based code point index of byte `offset` in `text`.
std::size_t character_number(std::string_view text, std::size_t offset) {
  return utf8::code_points(text.substr(0, std::min(offset, text.size()))) + 1;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// The words of `body` split at spaces and hyphens, quoted and joined by
// ", "; empty unless the body is plain letters (no group, no '*').
std::string parts_suggestion(std::string_view body) {
  std::vector<std::string> parts;
  std::string current;
  for (const char c : body) {
    if (c == '(' || c == ')' || c == '|' || c == '*') return {};
    if (is_space(c) || c == '-') {
      if (!current.empty()) parts.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) parts.push_back(std::move(current));
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : ", ") + in_quotes(part);
  return out;
}

// The first upper- or title-case letter of `text` (\p{Lu} or \p{Lt}), or empty.
std::string first_capital_by_pattern(std::string_view text) {
  static const RE2 capital("(\\p{Lu}|\\p{Lt})");
  std::string letter;
  if (RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), capital, &letter)) return letter;
  return {};
}

// The first upper- or title-case letter of `text`, or empty. Text of ASCII
// and U+00C0-U+00FF alone (lexicon patterns are Swedish: "vårdkontakt*")
// is read here; other text goes to the pattern, whose Unicode classes take
// a millisecond to compile, at every lexicon load. The two agree: A-Z and
// U+00C0-U+00DE but U+00D7 are the upper-case letters of that range in
// every Unicode version, and it holds no title-case letter.
std::string first_capital(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z') return std::string(1, text[i]);
      continue;
    }
    const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    if (c != 0xC3 || next < 0x80 || next > 0xBF) return first_capital_by_pattern(text);
    if (next <= 0x9E && next != 0x97) return std::string(text.substr(i, 2));
    ++i;
  }
  return {};
}

Diagnostic pattern_error(std::string_view source, const std::string& problem, std::string hint) {
  return make_error("", "token pattern " + in_quotes(source) + ": " + problem, std::move(hint));
}

// A gap "~N"; `source` starts with '~'.
Result<TokenPattern> compile_gap(std::string_view source, TokenPattern pattern) {
  if (source.size() != 2 || source[1] < '1' || source[1] > '9')
    return pattern_error(source, "a gap is written ~1 to ~9",
                         "~N stands for up to N words of any kind between the tokens around it");
  pattern.kind = TokenPattern::Kind::Gap;
  pattern.max_gap = source[1] - '0';
  return pattern;
}

// The body of a word pattern, without '=' first (case-sensitive) and '?'
// last (optional), which are recorded in `pattern`.
Result<std::string_view> strip_marks(std::string_view source, TokenPattern& pattern) {
  std::string_view body = source;
  if (body.front() == '=') {
    pattern.case_sensitive = true;
    body.remove_prefix(1);
  }
  if (!body.empty() && body.back() == '?') {
    pattern.optional = true;
    body.remove_suffix(1);
  }
  if (source == "?")
    return pattern_error(source, "a lone \"?\"", "\"?\" goes last in a word to make it optional, e.g. \"den?\"");
  if (body.empty())
    return pattern_error(source, "no word to match",
                         pattern.case_sensitive ? "write the case-sensitive word after \"=\", e.g. \"=SIP\""
                                                : "write the word before \"?\", e.g. \"den?\"");
  if (body.back() == '?') return pattern_error(source, "\"?\" twice at the end", "write a single \"?\"");
  return body;
}

// The body in RE2 syntax: literals, '*', and (alternative|groups), which
// may nest. `body` is a part of `source`.
Result<std::string> body_regex(std::string_view source, std::string_view body) {
  const auto fail = [source](const std::string& problem, std::string hint) {
    return pattern_error(source, problem, std::move(hint));
  };
  std::string regex;
  std::vector<std::size_t> open_groups;  // byte offsets of '(' in `source`
  const std::size_t body_offset = static_cast<std::size_t>(body.data() - source.data());
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    switch (c) {
      case '(':
        if (i + 1 < body.size() && body[i + 1] == ')')
          return fail("empty group \"()\"",
                      "remove it; to make a group optional give it an empty alternative, e.g. \"(a|)\"");
        open_groups.push_back(body_offset + i);
        regex += "(?:";
        break;
      case ')':
        if (open_groups.empty())
          return fail("\")\" without \"(\"", "remove it, or add the \"(\" that opens the group");
        open_groups.pop_back();
        regex += ')';
        break;
      case '|':
        if (open_groups.empty())
          return fail("\"|\" outside a group",
                      "put the alternatives in parentheses, e.g. " + in_quotes("(" + std::string(body) + ")"));
        regex += '|';
        break;
      case '*':
        if (i == 0 || body[i - 1] != '*') regex += ".*";  // "**" is one ".*"
        break;
      default:
        append_literal(c, regex);
    }
  }
  if (!open_groups.empty())
    return fail("unclosed group", "add \")\" to close the group opened at character " +
                                      std::to_string(character_number(source, open_groups.back())));
  return regex;
}

// Fails on characters a token never contains (the tokenizer splits there).
Status check_one_token(std::string_view source, std::string_view body) {
  for (const char c : body) {
    if (!is_space(c) && c != '-') continue;
    const std::string parts = parts_suggestion(body);
    const std::string example = parts.empty() ? "" : ", e.g. " + parts;
    if (c == '-')
      return pattern_error(source, "contains \"-\", which never occurs inside a token",
                           "the tokenizer splits words at a hyphen (\"SIP-möte\" is two tokens): write the parts "
                           "as separate patterns" + example);
    return pattern_error(source, "contains a space",
                         "a pattern matches one token (one word): write each word as its own pattern" + example);
  }
  return {};
}

}  // namespace

int rule_reach(const std::vector<TokenPattern>& tokens) {
  int reach = 0;
  for (const TokenPattern& t : tokens) reach += t.kind == TokenPattern::Kind::Gap ? t.max_gap : 1;
  return reach;
}

Result<TokenPattern> compile_token_pattern(std::string_view source) {
  TokenPattern pattern;
  pattern.source = std::string(source);
  if (source.empty())
    return pattern_error(source, "empty", "write a word such as \"mobila\", or remove the empty pattern");
  if (source.front() == '~') return compile_gap(source, std::move(pattern));  // '~' is special only first

  Result<std::string_view> body = strip_marks(source, pattern);
  if (!body) return body.error();
  Result<std::string> regex = body_regex(source, body.value());
  if (!regex) return regex.error();
  if (Status one_token = check_one_token(source, body.value()); !one_token.ok())
    return std::move(one_token).error();
  if (!pattern.case_sensitive) {
    const std::string capital = first_capital(body.value());
    if (!capital.empty())
      return pattern_error(source, "upper-case " + in_quotes(capital) + " in a pattern that is not case-sensitive",
                           "write patterns in lower case, or start with = for a case-sensitive token");
  }

  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_never_capture(true);
  options.set_log_errors(false);
  const RE2 compiled(regex.value(), options);
  if (!compiled.ok())
    return pattern_error(source, "cannot be compiled (RE2: " + compiled.error() + ")",
                         "check the pattern for characters that are not valid UTF-8");
  pattern.regex = std::move(regex).value();
  return pattern;
}

}  // namespace analyzer
