#pragma once
// JsonChecker: the shared vocabulary for validating a parsed JSON document
// against a fixed schema, with every problem reported at file:line:column.
// Internal to the lexicon stage (namespace analyzer::lexicon_internal, so
// its short names cannot clash with other stages); not a public API.
//
// Each message may carry a context ("rule \"sip-abbr\"") that is written
// before it: `file:14:9: error: rule "sip-abbr": token pattern ...`.
// Positions come from a JsonLocator over the same text (columns count code
// points). Nothing throws; problems accumulate in `diagnostics()`.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/core/diagnostic.hpp"
#include "analyzer/lexicon/json_locator.hpp"

namespace analyzer::lexicon_internal {

using Json = nlohmann::json;

// "\"text\"": a string in double quotes, as messages show names and values.
std::string in_quotes(std::string_view s);

// "a list [...]", "the number 3", "the text \"x\"": how an analyst would
// name a JSON value in "must be ..., but is ...".
std::string describe_json(const Json& value);

// The word of `allowed` closest to `word` when `word` looks like a typo of
// it (edit distance 1 for words up to 4 letters, else 2, ignoring ASCII
// case), or empty. near_miss("tokns", {"id", "tokens"}) == "tokens".
std::string near_miss(std::string_view word, const std::vector<std::string>& allowed);

// The error for text nlohmann could not parse, at the line and column of
// the offending token (its first byte), with a hint on the usual causes.
Diagnostic json_syntax_error(std::string_view text, const std::string& file, const Json::parse_error& e);

class JsonChecker {
 public:
  JsonChecker(std::string_view text, std::string file) : file_(std::move(file)), locator_(text) {}

  const std::string& file() const { return file_; }
  const JsonLocator& locator() const { return locator_; }

  // An error (or warning) at the value at JSON pointer `pointer`.
  void error_at_value(std::string_view pointer, const std::string& context, const std::string& message,
                      std::string hint = {});
  void warning_at_value(std::string_view pointer, const std::string& context, const std::string& message,
                        std::string hint = {});
  // An error at the key of the member at `pointer` (the value for array items).
  void error_at_key(std::string_view pointer, const std::string& context, const std::string& message,
                    std::string hint = {});

  // Reports every member of `object` (at `pointer`) whose key is not in
  // `allowed`, with a "did you mean" hint when one is close (or when
  // `aliases` maps it, e.g. {"exclusions", "exclude"}), else the list.
  void check_keys(const Json& object, const std::string& pointer, const std::string& context,
                  const std::vector<std::string>& allowed,
                  const std::vector<std::pair<std::string, std::string>>& aliases = {});

  // Reports `key` missing from the object at `pointer`: "missing key ...".
  void missing_key(const std::string& pointer, const std::string& context, const std::string& key,
                   std::string hint);

  // `what` must be `expected` but is `value`: "\"label\" must be text in
  // quotes, but is the number 3".
  void wrong_type(const std::string& pointer, const std::string& context, const std::string& what,
                  const std::string& expected, const Json& value, std::string hint = {});

  // The text of `key` in `object` (at `pointer`): an error when it is
  // missing (if `required`), not a string, or empty (if `required`);
  // `example` (JSON, e.g. "\"Mobila team\"") goes into the hints.
  std::optional<std::string> read_text(const Json& object, const std::string& pointer, const std::string& context,
                                       const std::string& key, bool required, const std::string& example);

  // Every key written twice in one object, as errors.
  void report_duplicate_keys();

  bool has_errors() const;
  // The diagnostics so far, in text order (line, then column).
  Diagnostics take_diagnostics();

 private:
  void add(TextPosition where, Severity severity, const std::string& context, const std::string& message,
           std::string hint);

  std::string file_;
  JsonLocator locator_;
  Diagnostics diagnostics_;
};

}  // namespace analyzer::lexicon_internal
