#pragma once
// JsonChecker: the shared vocabulary for validating a parsed JSON document
// against a fixed schema, with every problem reported at file:line:column.
// Used by the lexicon stage (lexicon files) and by read/ (manifest.json), so
// both word their messages, hints and positions the same way. No I/O.
//
// In:  the raw text (for positions, through a JsonLocator: json_positions.hpp)
//      and the document nlohmann parsed from it; the caller walks the
//      document and says what is wrong where, by JSON pointer.
// Out: Diagnostics (file:line:column, columns in code points), sorted in
//      text order by take_diagnostics(). Nothing throws.
// Each message may carry a context ("rule \"sip-abbr\"") that is written
// before it: `file:14:9: error: rule "sip-abbr": token pattern ...`; with an
// empty context the message stands alone.
// Cost: building the checker is one scan of the text (JsonLocator); each
// report is a locator lookup; near_miss is O(length²) per allowed word and
// gives up on words longer than 64 bytes.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/core/diagnostic.hpp"
#include "analyzer/core/json_positions.hpp"

namespace analyzer {

// "\"text\"": a string in double quotes, as messages show names and values.
std::string in_quotes(std::string_view s);

// The words in quotes, the last after "or": "\"a\", \"b\" or \"c\"".
std::string join_quoted(const std::vector<std::string>& words);

// "a list [...]", "an empty list []", "the number 3", "the text \"x\"": how
// an analyst would name a JSON value in "must be ..., but is ...".
std::string describe_json(const nlohmann::json& value);

// The word of `allowed` closest to `word` when `word` looks like a typo of
// it, or empty: the one "did you mean" of analyzer (lexicon and manifest
// keys, respondent types, gold-file keys and theme ids). Closeness is the
// optimal string alignment distance (inserting, deleting or replacing a
// byte, or swapping two neighbouring bytes, costs 1) between `word` in
// ASCII lower case and the allowed word as written, so `allowed` is
// expected in lower case; a typo is at most 1 from an allowed word of up
// to 4 bytes, else at most 2. On a tie the earlier allowed word wins; a
// word over 64 bytes has no near miss.
// near_miss("tokns", {"id", "tokens"}) == "tokens"; near_miss("SIP", {"sip"}) == "sip".
std::string near_miss(std::string_view word, const std::vector<std::string>& allowed);

// Misspellings that are too far for near_miss but common, each with the
// key meant: {"exclusions", "exclude"}. Compared ignoring ASCII case.
using KeyAliases = std::vector<std::pair<std::string, std::string>>;

// The hint for a key that is not in `allowed`: "did you mean \"x\"?" where
// `aliases` maps it to x or x is its near miss (the alias wins), else empty.
std::string did_you_mean(std::string_view key, const std::vector<std::string>& allowed,
                         const KeyAliases& aliases = {});

// Where a syntax error at the end of the text (a file cut short) is put: on
// its last byte (a final line break: the end of the last line), or just
// after it (a final line break: the start of the line below).
enum class TextEnd { LastByte, AfterLastByte };

// The error for text nlohmann could not parse, at the line and column of
// the offending token (its first byte; at the end of the text as `end`
// says), with a hint on the usual causes: a missing comma, colon, quote or
// brace; a text that ends too early ("the <unit> ends too early", where
// `unit` names what the text is: "file", or "line" for one line of a JSON
// Lines file); text that is not UTF-8; a line break inside a string.
Diagnostic json_syntax_error(std::string_view text, const std::string& file,
                             const nlohmann::json::parse_error& e, TextEnd end = TextEnd::LastByte,
                             std::string_view unit = "file");

// Fails when `text` nests arrays and objects deeper than kMaxJsonDepth
// (json_positions.hpp), with the error at the '[' or '{' that opens the
// level too many. One linear pass, constant memory: run it before any
// parser (parse_json_file does).
Status check_json_depth(std::string_view text, const std::string& file);

// The one way a JSON text analyzer reads (a lexicon, manifest.json, one
// line of a gold file) is parsed: check_json_depth() first, then nlohmann;
// a syntax error is json_syntax_error(text, file, e, end, unit). Never
// throws. Time and memory linear in the text: nothing deeper than
// kMaxJsonDepth reaches the parser or the JsonLocator of a JsonChecker.
// The line numbers of the diagnostics count from the text's first line:
// a caller that parses one line of a larger file sets Diagnostic::line.
Result<nlohmann::json> parse_json_file(std::string_view text, const std::string& file,
                                       TextEnd end = TextEnd::LastByte, std::string_view unit = "file");

class JsonChecker {
 public:
  using Json = nlohmann::json;

  // `text` must outlive the checker; `file` names it in every diagnostic.
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
  // `allowed`: "unknown key \"x\"" at the key, with did_you_mean() as the
  // hint, else "the keys allowed here are ...".
  void check_keys(const Json& object, const std::string& pointer, const std::string& context,
                  const std::vector<std::string>& allowed, const KeyAliases& aliases = {});

  // Reports `key` missing from the object at `pointer`: "missing key ...".
  void missing_key(const std::string& pointer, const std::string& context, const std::string& key,
                   std::string hint);

  // `what` must be `expected` but is `value`: "\"label\" must be text in
  // quotes, but is the number 3", at the value at `pointer`.
  void wrong_type(const std::string& pointer, const std::string& context, const std::string& what,
                  const std::string& expected, const Json& value, std::string hint = {});

  // The text of `key` in `object` (at `pointer`): an error when it is
  // missing (if `required`), not a string, or empty (if `required`);
  // `example` (JSON, e.g. "\"Mobila team\"") goes into the hints.
  std::optional<std::string> read_text(const Json& object, const std::string& pointer, const std::string& context,
                                       const std::string& key, bool required, const std::string& example);

  // Every key written twice in one object, as errors at the second.
  void report_duplicate_keys();

  bool has_errors() const;
  // The diagnostics so far, in text order (line, then column; reports at
  // the same place in the order they were made).
  Diagnostics take_diagnostics();

 private:
  void add(TextPosition where, Severity severity, const std::string& context, const std::string& message,
           std::string hint);

  std::string file_;
  JsonLocator locator_;
  Diagnostics diagnostics_;
};

}  // namespace analyzer
