// parse_lexicon: one lexicon file's JSON → Lexicon, checking the schema in
// lexicon.hpp and reporting every problem at file:line:column.
#include <re2/re2.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "analyzer/core/json_checker.hpp"
#include "analyzer/lexicon/lexicon.hpp"
#include "analyzer/lexicon/lexicon_examples.hpp"

namespace analyzer {

namespace {

using namespace lexicon_internal;

const std::vector<std::string> kLexiconKeys = {"id", "label", "definition", "rules", "exclude", "examples"};
const std::vector<std::string> kRuleKeys = {"id", "tokens", "regex", "note", "needs_other_mention"};
const std::vector<std::pair<std::string, std::string>> kAliases = {{"exclusions", "exclude"},
                                                                   {"excludes", "exclude"},
                                                                   {"example", "examples"},
                                                                   {"pattern", "tokens"},
                                                                   {"patterns", "tokens"},
                                                                   {"regexp", "regex"},
                                                                   {"needs_other", "needs_other_mention"}};

bool is_id(std::string_view id, bool allow_hyphen) {
  if (id.empty()) return false;
  for (const char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || (allow_hyphen && c == '-')))
      return false;
  return true;
}

// A valid id close to `id` ("Mobila team" → "mobila_team"), or empty.
std::string id_suggestion(std::string_view id, char separator) {
  std::string out;
  for (const char c : id) {
    if (c >= 'A' && c <= 'Z')
      out += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == separator)
      out += c;
    else if ((c == ' ' || c == '-' || c == '_') && !out.empty() && out.back() != separator)
      out += separator;
  }
  while (!out.empty() && out.back() == separator) out.pop_back();
  return out;
}

class LexiconParser {
 public:
  LexiconParser(std::string_view text, const std::string& file) : checker_(text, file) {}

  LexiconLoad run(const Json& document) {
    LexiconLoad load;
    checker_.report_duplicate_keys();
    if (!document.is_object()) {
      checker_.wrong_type("", "", "a lexicon file", "a JSON object", document,
                          "start the file with {\"id\": ..., \"label\": ..., \"definition\": ..., "
                          "\"rules\": [...], \"examples\": {...}}");
    } else {
      Lexicon lexicon = read_lexicon(document);
      if (!checker_.has_errors()) load.lexicons.push_back(std::move(lexicon));
    }
    load.diagnostics = checker_.take_diagnostics();
    return load;
  }

 private:
  SourceLocation at(const std::string& pointer) const {
    const TextPosition p = checker_.locator().value(pointer);
    return {checker_.file(), p.line, p.column};
  }

  Lexicon read_lexicon(const Json& document) {
    Lexicon lexicon;
    lexicon.file = checker_.file();
    checker_.check_keys(document, "", "", kLexiconKeys, kAliases);
    read_lexicon_id(document, lexicon);
    if (auto label = checker_.read_text(document, "", "", "label", true, "\"Mobila team\""))
      lexicon.label = *label;
    if (auto definition =
            checker_.read_text(document, "", "", "definition", true, "\"the codebook's definition of the theme\""))
      lexicon.definition = *definition;
    read_rule_lists(document, lexicon);
    read_examples(checker_, document, lexicon);
    return lexicon;
  }

  // "id": present, a-z, 0-9 and _ only, and the file name without .json.
  void read_lexicon_id(const Json& document, Lexicon& lexicon) {
    const std::string stem =
        checker_.file().empty() ? "" : std::filesystem::path(checker_.file()).stem().string();
    const std::string id_example = in_quotes(stem.empty() ? "mobila_team" : stem);
    const auto id = checker_.read_text(document, "", "", "id", true, id_example);
    if (!id) return;
    lexicon.id = *id;
    lexicon.where = at("/id");
    const std::string suggestion = id_suggestion(*id, '_');
    if (!is_id(*id, false)) {
      checker_.error_at_value("/id", "", "the id " + in_quotes(*id) + " may use only a-z, 0-9 and _",
                              is_id(suggestion, false) ? "write e.g. " + in_quotes(suggestion) : "");
    } else if (!stem.empty() && stem != *id) {
      checker_.error_at_value("/id", "",
                              "the id " + in_quotes(*id) + " differs from the file name " +
                                  in_quotes(std::filesystem::path(checker_.file()).filename().string()),
                              "the id must equal the file name without .json: rename the file to " +
                                  in_quotes(*id + ".json") + " or change the id to " + in_quotes(stem));
    }
  }

  // "rules" (required, at least one) and "exclude" (optional), whose rule
  // ids are unique together.
  void read_rule_lists(const Json& document, Lexicon& lexicon) {
    std::map<std::string, TextPosition> rule_ids;
    const auto rules = document.find("rules");
    if (rules == document.end()) {
      checker_.missing_key("", "", "rules", "add \"rules\": [{\"id\": \"...\", \"tokens\": [\"...\"]}]");
    } else if (!rules->is_array() || rules->empty()) {
      checker_.wrong_type(
          "/rules", "", "\"rules\"", "a list of at least one rule", *rules,
          "write e.g. \"rules\": [{\"id\": \"mobilt-team\", \"tokens\": [\"mobil(a|t)\", \"team\"]}]");
    } else {
      lexicon.rules = read_rules(*rules, "/rules", false, rule_ids);
    }
    if (const auto exclude = document.find("exclude"); exclude != document.end()) {
      if (!exclude->is_array())
        checker_.wrong_type("/exclude", "", "\"exclude\"", "a list of rules", *exclude);
      else
        lexicon.exclusions = read_rules(*exclude, "/exclude", true, rule_ids);
    }
  }

  std::vector<LexiconRule> read_rules(const Json& list, const std::string& pointer, bool exclusion,
                                      std::map<std::string, TextPosition>& ids) {
    std::vector<LexiconRule> rules;
    for (std::size_t i = 0; i < list.size(); ++i)
      if (auto rule = read_rule(list[i], json_pointer_item(pointer, i), i, exclusion, ids))
        rules.push_back(std::move(*rule));
    return rules;
  }

  std::optional<LexiconRule> read_rule(const Json& value, const std::string& pointer, std::size_t index,
                                       bool exclusion, std::map<std::string, TextPosition>& ids) {
    const std::string kind = exclusion ? "exclusion" : "rule";
    std::string context = kind + " " + std::to_string(index + 1);
    if (!value.is_object()) {
      checker_.wrong_type(pointer, "", context, "an object like {\"id\": \"...\", \"tokens\": [\"...\"]}",
                          value);
      return std::nullopt;
    }
    if (const auto id = value.find("id");
        id != value.end() && id->is_string() && !id->get<std::string>().empty())
      context = kind + " " + in_quotes(id->get<std::string>());

    LexiconRule rule;
    rule.where = at(pointer);
    checker_.check_keys(value, pointer, context, kRuleKeys, kAliases);
    read_rule_id(value, pointer, context, rule, ids);
    if (auto note = checker_.read_text(value, pointer, context, "note", false, "\"why this rule exists\""))
      rule.note = *note;
    read_needs_other_mention(value, pointer, context, exclusion, rule);
    read_rule_match(value, pointer, context, rule);
    return rule;
  }

  // The rule's "id": present, a-z, 0-9, - and _ only, unique in `ids`.
  void read_rule_id(const Json& value, const std::string& pointer, const std::string& context, LexiconRule& rule,
                    std::map<std::string, TextPosition>& ids) {
    const auto id = checker_.read_text(value, pointer, context, "id", true, "\"mobilt-team\"");
    if (!id) return;
    rule.id = *id;
    const std::string suggestion = id_suggestion(*id, '-');
    const std::string id_pointer = json_pointer_member(pointer, "id");
    const TextPosition here = checker_.locator().value(id_pointer);
    if (!is_id(*id, true)) {
      checker_.error_at_value(id_pointer, context, "the id " + in_quotes(*id) + " may use only a-z, 0-9, - and _",
                              is_id(suggestion, true) ? "write e.g. " + in_quotes(suggestion) : "");
    } else if (const auto [first, inserted] = ids.try_emplace(*id, here); !inserted) {
      checker_.error_at_value(
          id_pointer, context, "the id " + in_quotes(*id) + " is used twice",
          "ids must be unique among the rules and exclusions of a file; the first is at line " +
              std::to_string(first->second.line) + ", column " + std::to_string(first->second.column));
    }
  }

  void read_needs_other_mention(const Json& value, const std::string& pointer, const std::string& context,
                                bool exclusion, LexiconRule& rule) {
    const auto needs = value.find("needs_other_mention");
    if (needs == value.end()) return;
    const std::string needs_pointer = json_pointer_member(pointer, "needs_other_mention");
    if (!needs->is_boolean()) {
      checker_.wrong_type(needs_pointer, context, "\"needs_other_mention\"", "true or false", *needs,
                          "write true or false without quotes");
      return;
    }
    rule.needs_other_mention = needs->get<bool>();
    if (exclusion && rule.needs_other_mention)
      checker_.warning_at_value(needs_pointer, context, "\"needs_other_mention\" has no effect on an exclusion",
                                "remove it");
  }

  // What the rule matches: "tokens" or "regex", exactly one of them.
  void read_rule_match(const Json& value, const std::string& pointer, const std::string& context,
                       LexiconRule& rule) {
    const auto tokens = value.find("tokens");
    const auto regex = value.find("regex");
    if (tokens != value.end() && regex != value.end()) {
      checker_.error_at_key(json_pointer_member(pointer, "regex"), context, "has both \"tokens\" and \"regex\"",
                            "a rule has one or the other: split it into two rules");
    } else if (tokens != value.end()) {
      read_tokens(*tokens, json_pointer_member(pointer, "tokens"), context, rule);
    } else if (regex != value.end()) {
      read_regex(*regex, json_pointer_member(pointer, "regex"), context, rule);
    } else {
      checker_.error_at_value(pointer, context, "has neither \"tokens\" nor \"regex\"",
                              "add \"tokens\": [\"word\", ...], or \"regex\": \"...\" for what token patterns "
                              "cannot say");
    }
  }

  void read_tokens(const Json& value, const std::string& pointer, const std::string& context,
                   LexiconRule& rule) {
    if (!value.is_array() || value.empty()) {
      checker_.wrong_type(pointer, context, "\"tokens\"", "a list of at least one token pattern", value,
                          "write e.g. \"tokens\": [\"mobil(a|t)\", \"team\"]");
      return;
    }
    if (value.size() > static_cast<std::size_t>(kMaxRuleReach)) {
      // Too long whatever the patterns say: reported before compiling any.
      std::size_t reach = 0;
      for (const Json& item : value) reach += gap_words(item).value_or(1);
      report_reach(pointer, context, reach);
      return;
    }
    std::vector<std::optional<TokenPattern>> patterns;
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string at_token = json_pointer_item(pointer, i);
      patterns.emplace_back();
      if (!value[i].is_string()) {
        checker_.wrong_type(at_token, context, "a token pattern", "text in quotes", value[i],
                            "write each token as a string, e.g. \"team\"");
        continue;
      }
      Result<TokenPattern> compiled = compile_token_pattern(value[i].get<std::string>());
      if (!compiled) {
        checker_.error_at_value(at_token, context, compiled.error().message, compiled.error().hint);
        continue;
      }
      patterns.back() = std::move(compiled).value();
      patterns.back()->where = at(at_token);
    }
    check_token_sequence(patterns, pointer, context);
    for (auto& pattern : patterns)
      if (pattern) rule.tokens.push_back(std::move(*pattern));
    if (rule.tokens.size() != patterns.size()) rule.tokens.clear();
    if (const int reach = rule_reach(rule.tokens); reach > kMaxRuleReach) report_reach(pointer, context, reach);
  }

  // N for a string "~N" (N one digit), else nothing.
  static std::optional<std::size_t> gap_words(const Json& item) {
    if (!item.is_string()) return std::nullopt;
    const std::string& s = item.get_ref<const std::string&>();
    if (s.size() == 2 && s[0] == '~' && s[1] >= '1' && s[1] <= '9') return static_cast<std::size_t>(s[1] - '0');
    return std::nullopt;
  }

  void report_reach(const std::string& pointer, const std::string& context, std::size_t reach) {
    checker_.error_at_value(pointer, context,
                            "can match up to " + std::to_string(reach) + " words, more than the limit of " +
                                std::to_string(kMaxRuleReach),
                            "each word pattern counts 1 (optional or not) and a gap ~N counts N; matching "
                            "costs grow with the square of this: drop optional words or shorten gaps, or split "
                            "the rule into several");
  }

  // A rule starts and ends with a required token; a gap never follows a gap.
  void check_token_sequence(const std::vector<std::optional<TokenPattern>>& patterns,
                            const std::string& pointer, const std::string& context) {
    const auto is_gap = [](const std::optional<TokenPattern>& p) {
      return p && p->kind == TokenPattern::Kind::Gap;
    };
    const auto check_end = [&](std::size_t i, const char* end) {
      const std::optional<TokenPattern>& p = patterns[i];
      if (!p) return;
      if (is_gap(p))
        checker_.error_at_value(json_pointer_item(pointer, i), context,
                                std::string(end) + " with the gap " + in_quotes(p->source),
                                "a rule starts and ends with a required token: remove the gap");
      else if (p->optional)
        checker_.error_at_value(json_pointer_item(pointer, i), context,
                                std::string(end) + " with the optional token " + in_quotes(p->source),
                                "a rule starts and ends with a required token: remove the \"?\" or the token");
    };
    check_end(0, "starts");
    if (patterns.size() > 1) check_end(patterns.size() - 1, "ends");
    for (std::size_t i = 1; i < patterns.size(); ++i) {
      if (!is_gap(patterns[i]) || !is_gap(patterns[i - 1])) continue;
      const int total = std::min(9, patterns[i]->max_gap + patterns[i - 1]->max_gap);
      checker_.error_at_value(json_pointer_item(pointer, i), context,
                              "the gap " + in_quotes(patterns[i]->source) + " follows the gap " +
                                  in_quotes(patterns[i - 1]->source),
                              "write one gap instead, e.g. \"~" + std::to_string(total) + "\"");
    }
  }

  void read_regex(const Json& value, const std::string& pointer, const std::string& context,
                  LexiconRule& rule) {
    if (!value.is_string() || value.get<std::string>().empty()) {
      checker_.wrong_type(pointer, context, "\"regex\"", "an RE2 pattern in quotes", value,
                          "write e.g. \"regex\": \"(?i)trygg\\\\s*&\\\\s*hemgång\"");
      return;
    }
    const std::string pattern = value.get<std::string>();
    RE2::Options options;
    options.set_encoding(RE2::Options::EncodingUTF8);
    options.set_log_errors(false);
    const RE2 compiled(pattern, options);
    if (!compiled.ok()) {
      checker_.error_at_value(
          pointer, context, "regex " + in_quotes(pattern) + ": " + compiled.error(),
          "see https://github.com/google/re2/wiki/Syntax; in JSON a backslash is written \\\\");
      return;
    }
    if (RE2::FullMatch("", compiled)) {
      checker_.error_at_value(pointer, context, "regex " + in_quotes(pattern) + " matches the empty text",
                              "a regex rule must match at least one character: make some part required");
      return;
    }
    rule.regex = pattern;
  }

  JsonChecker checker_;
};

}  // namespace

LexiconLoad parse_lexicon(std::string_view json_text, const std::string& file) {
  Result<Json> document = parse_json_file(json_text, file);
  if (!document) {
    LexiconLoad load;
    load.diagnostics.push_back(document.error());
    return load;
  }
  return LexiconParser(json_text, file).run(document.value());
}

}  // namespace analyzer
