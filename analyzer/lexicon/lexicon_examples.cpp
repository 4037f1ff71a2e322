// The "examples" of a lexicon file: texts `analyzer lexicon test` runs the
// rules over, checked against the schema in lexicon.hpp.
#include "analyzer/lexicon/lexicon_examples.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace analyzer::lexicon_internal {

namespace {

const std::vector<std::string> kExamplesKeys = {"match", "no_match"};
const std::vector<std::string> kExampleKeys = {"text", "mentions"};
const std::vector<std::pair<std::string, std::string>> kAliases = {
    {"nomatch", "no_match"}, {"no-match", "no_match"}, {"matches", "match"}, {"mention", "mentions"}};

SourceLocation location(const JsonChecker& checker, const std::string& pointer) {
  const TextPosition p = checker.locator().value(pointer);
  return {checker.file(), p.line, p.column};
}

std::optional<std::vector<std::string>> read_mentions(JsonChecker& checker, const Json& value,
                                                      const std::string& pointer, const std::string& context,
                                                      const std::string& text, bool matching) {
  if (!matching) {
    checker.error_at_key(pointer, context, "a \"no_match\" example has no mentions",
                         "remove \"mentions\", or move the example to \"match\"");
    return std::nullopt;
  }
  if (!value.is_array() || value.empty()) {
    checker.wrong_type(pointer, context, "\"mentions\"", "a list of at least one text", value,
                       "list the exact text of each mention of this theme, e.g. [\"mobila team\"]");
    return std::nullopt;
  }
  std::vector<std::string> mentions;
  std::size_t search_from = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string at_mention = json_pointer_item(pointer, i);
    if (!value[i].is_string() || value[i].get<std::string>().empty()) {
      checker.wrong_type(at_mention, context, "a mention", "a text in quotes, not empty", value[i]);
      continue;
    }
    const std::string mention = value[i].get<std::string>();
    const std::size_t found = text.find(mention, search_from);
    if (found == std::string::npos && !text.empty()) {
      const bool earlier = text.find(mention) != std::string::npos;
      checker.error_at_value(
          at_mention, context,
          "the mention " + in_quotes(mention) +
              (earlier ? " comes before the previous mention in the text" : " is not in the example text"),
          earlier ? "list the mentions in the order of the text"
                  : "copy the mention exactly as written in \"text\"");
      continue;
    }
    if (found != std::string::npos) search_from = found + mention.size();
    mentions.push_back(mention);
  }
  return mentions;
}

std::vector<LexiconExample> read_example_list(JsonChecker& checker, const Json& list,
                                              const std::string& pointer, bool matching) {
  std::vector<LexiconExample> examples;
  const std::string group = matching ? "\"match\"" : "\"no_match\"";
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at_example = json_pointer_item(pointer, i);
    const std::string context = group + " example " + std::to_string(i + 1);
    const Json& value = list[i];
    LexiconExample example;
    example.where = location(checker, at_example);
    if (value.is_string()) {
      example.text = value.get<std::string>();
      if (example.text.empty()) checker.error_at_value(at_example, context, "the text is empty", "remove it");
    } else if (value.is_object()) {
      checker.check_keys(value, at_example, context, kExampleKeys, kAliases);
      if (auto text = checker.read_text(value, at_example, context, "text", true, "\"Vi har mobila team.\""))
        example.text = *text;
      if (const auto mentions = value.find("mentions"); mentions != value.end())
        example.mentions = read_mentions(checker, *mentions, json_pointer_member(at_example, "mentions"),
                                         context, example.text, matching);
    } else {
      checker.wrong_type(at_example, context, "an example",
                         "text in quotes, or an object {\"text\": \"...\", \"mentions\": [\"...\"]}", value);
      continue;
    }
    examples.push_back(std::move(example));
  }
  return examples;
}

}  // namespace

void read_examples(JsonChecker& checker, const Json& document, Lexicon& lexicon) {
  const auto examples = document.find("examples");
  const std::string no_match_hint =
      "add at least one text that mentions this theme under \"match\"; `analyzer lexicon test` checks that "
      "the rules find it";
  if (examples == document.end()) {
    checker.missing_key("", "", "examples",
                        "add \"examples\": {\"match\": [\"a text that mentions this theme\"], "
                        "\"no_match\": [\"a near miss\"]}");
    return;
  }
  if (!examples->is_object()) {
    checker.wrong_type("/examples", "", "\"examples\"", "an object {\"match\": [...], \"no_match\": [...]}",
                       *examples);
    return;
  }
  checker.check_keys(*examples, "/examples", "", kExamplesKeys, kAliases);
  const auto match = examples->find("match");
  if (match == examples->end()) {
    checker.error_at_value("/examples", "", "the lexicon has no \"match\" example", no_match_hint);
  } else if (!match->is_array()) {
    checker.wrong_type("/examples/match", "", "\"match\"", "a list of example texts", *match);
  } else if (match->empty()) {
    checker.error_at_value("/examples/match", "", "the lexicon has no \"match\" example", no_match_hint);
  } else {
    lexicon.must_match = read_example_list(checker, *match, "/examples/match", true);
  }
  if (const auto no_match = examples->find("no_match"); no_match != examples->end()) {
    if (!no_match->is_array())
      checker.wrong_type("/examples/no_match", "", "\"no_match\"", "a list of example texts", *no_match);
    else
      lexicon.must_not_match = read_example_list(checker, *no_match, "/examples/no_match", false);
  }
}

}  // namespace analyzer::lexicon_internal
