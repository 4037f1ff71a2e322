#include "analyzer/core/json_checker.hpp"

#include <algorithm>
#include <cctype>
#include <limits>
#include <optional>
#include <tuple>

namespace analyzer {

using Json = nlohmann::json;

namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Optimal string alignment distance (Levenshtein plus adjacent transposition).
std::size_t edit_distance(const std::string& a, const std::string& b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

}  // namespace

std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string join_quoted(const std::vector<std::string>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " or " : ", ";
    out += in_quotes(words[i]);
  }
  return out;
}

std::string describe_json(const Json& value) {
  switch (value.type()) {
    case Json::value_t::object:
      return "an object {...}";
    case Json::value_t::array:
      return value.empty() ? "an empty list []" : "a list [...]";
    case Json::value_t::string:
      return "the text " + in_quotes(value.get<std::string>());
    case Json::value_t::boolean:
      return value.get<bool>() ? "true" : "false";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return "the number " + value.dump();
    case Json::value_t::null:
      return "null";
    default:
      return "an unexpected value";
  }
}

std::string near_miss(std::string_view word, const std::vector<std::string>& allowed) {
  if (word.size() > 64) return {};
  const std::string lowered = lower_ascii(word);
  std::string best;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  for (const std::string& candidate : allowed) {
    const std::size_t distance = edit_distance(lowered, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  const std::size_t limit = best.size() <= 4 ? 1 : 2;
  return best_distance <= limit ? best : std::string{};
}

std::string did_you_mean(std::string_view key, const std::vector<std::string>& allowed, const KeyAliases& aliases) {
  std::string suggestion = near_miss(key, allowed);
  const std::string lowered = lower_ascii(key);
  for (const auto& [alias, meant] : aliases)
    if (lowered == alias) suggestion = meant;
  return suggestion.empty() ? std::string{} : "did you mean " + in_quotes(suggestion) + "?";
}

std::optional<std::string> JsonChecker::read_text(const Json& object, const std::string& pointer,
                                                  const std::string& context, const std::string& key,
                                                  bool required, const std::string& example) {
  const auto it = object.find(key);
  if (it == object.end()) {
    if (required) missing_key(pointer, context, key, "add " + in_quotes(key) + ": " + example);
    return std::nullopt;
  }
  const std::string at = json_pointer_member(pointer, key);
  if (!it->is_string()) {
    wrong_type(at, context, in_quotes(key), "text in quotes", *it, "write e.g. " + example);
    return std::nullopt;
  }
  std::string value = it->get<std::string>();
  if (required && value.empty()) {
    error_at_value(at, context, in_quotes(key) + " is empty", "write e.g. " + example);
    return std::nullopt;
  }
  return value;
}

namespace {

// What nlohmann says went wrong, without its "[json.exception...] parse
// error at ...: syntax error while parsing " preamble.
std::string syntax_detail(const Json::parse_error& e) {
  std::string detail = e.what();
  constexpr std::string_view kPrefix = "syntax error while parsing ";
  if (const std::size_t at = detail.find(kPrefix); at != std::string::npos) {
    detail = detail.substr(at + kPrefix.size());
  } else if (const std::size_t colon = detail.find(": "); colon != std::string::npos) {
    detail = detail.substr(colon + 2);
  }
  return detail;
}

// The first byte of the well-formed token whose last byte is at `offset`:
// the opening quote of a string, the first character of a number or
// true/false/null; `offset` itself for anything else.
std::size_t token_start(std::string_view text, std::size_t offset) {
  const auto in_literal = [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '+' ||
           c == '-';
  };
  if (text[offset] == '"') {
    for (std::size_t k = offset; k-- > 0;) {
      if (text[k] == '\n') break;
      std::size_t backslashes = 0;
      while (backslashes < k && text[k - 1 - backslashes] == '\\') ++backslashes;
      if (text[k] == '"' && backslashes % 2 == 0) return k;
    }
  } else if (in_literal(text[offset])) {
    while (offset > 0 && in_literal(text[offset - 1])) --offset;
  }
  return offset;
}

std::string syntax_hint(const std::string& detail, bool at_end, std::string_view unit) {
  if (detail.find("UTF-8") != std::string::npos) return "save the file as UTF-8 text";
  if (detail.find("control character") != std::string::npos)
    return "a text cannot span lines: write a line break as \\n";
  if (at_end) return "the " + std::string(unit) + " ends too early: check for a missing closing brace } or bracket ]";
  return "check for a missing or extra comma, colon, quote or brace at or just before this point";
}

}  // namespace

Diagnostic json_syntax_error(std::string_view text, const std::string& file, const Json::parse_error& e,
                             TextEnd end, std::string_view unit) {
  // e.byte counts the bytes read, the offending one included; past the end
  // of the text when the parser ran out of it.
  const bool ran_out = e.byte > text.size();
  std::size_t offset = std::min<std::size_t>(e.byte, text.size());
  if (offset > 0) --offset;
  const std::string detail = syntax_detail(e);
  // An unexpected (well-formed) token is reported after its last byte;
  // point at its first.
  if (detail.find("unexpected") != std::string::npos && detail.find("end of input") == std::string::npos &&
      offset < text.size())
    offset = token_start(text, offset);
  std::string hint = syntax_hint(detail, offset + 1 >= text.size(), unit);
  if (ran_out && end == TextEnd::AfterLastByte) offset = text.size();
  Diagnostic d = make_error(file, "JSON syntax error while parsing " + detail, std::move(hint));
  const TextPosition where = text_position(text, offset);
  d.line = where.line;
  d.column = where.column;
  return d;
}

Status check_json_depth(std::string_view text, const std::string& file) {
  const std::optional<std::size_t> at = first_too_deep(text);
  if (!at) return {};
  Diagnostic d = make_error(file,
                            "the JSON nests lists and objects more than " + std::to_string(kMaxJsonDepth) +
                                " levels deep here",
                            "analyzer reads at most " + std::to_string(kMaxJsonDepth) +
                                " levels, and its files need about 5: look for a [ or { that is never closed");
  const TextPosition where = text_position(text, *at);
  d.line = where.line;
  d.column = where.column;
  return d;
}

Result<Json> parse_json_file(std::string_view text, const std::string& file, TextEnd end, std::string_view unit) {
  if (Status depth = check_json_depth(text, file); !depth.ok()) return std::move(depth).error();
  try {
    return Json::parse(text);
  } catch (const Json::parse_error& e) {
    return json_syntax_error(text, file, e, end, unit);
  } catch (const Json::exception& e) {
    return make_error(file, std::string("cannot read the JSON: ") + e.what(),
                      "check the file against the layout in the documentation");
  }
}

void JsonChecker::add(TextPosition where, Severity severity, const std::string& context,
                      const std::string& message, std::string hint) {
  Diagnostic d = make_error(file_, context.empty() ? message : context + ": " + message, std::move(hint));
  d.severity = severity;
  d.line = where.line;
  d.column = where.column;
  diagnostics_.push_back(std::move(d));
}

void JsonChecker::error_at_value(std::string_view pointer, const std::string& context,
                                 const std::string& message, std::string hint) {
  add(locator_.value(pointer), Severity::Error, context, message, std::move(hint));
}

void JsonChecker::warning_at_value(std::string_view pointer, const std::string& context,
                                   const std::string& message, std::string hint) {
  add(locator_.value(pointer), Severity::Warning, context, message, std::move(hint));
}

void JsonChecker::error_at_key(std::string_view pointer, const std::string& context, const std::string& message,
                               std::string hint) {
  add(locator_.key(pointer), Severity::Error, context, message, std::move(hint));
}

void JsonChecker::check_keys(const Json& object, const std::string& pointer, const std::string& context,
                             const std::vector<std::string>& allowed, const KeyAliases& aliases) {
  for (const auto& [key, value] : object.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string hint = did_you_mean(key, allowed, aliases);
    if (hint.empty()) hint = "the keys allowed here are " + join_quoted(allowed);
    error_at_key(json_pointer_member(pointer, key), context, "unknown key " + in_quotes(key), std::move(hint));
  }
}

void JsonChecker::missing_key(const std::string& pointer, const std::string& context, const std::string& key,
                              std::string hint) {
  error_at_value(pointer, context, "missing key " + in_quotes(key), std::move(hint));
}

void JsonChecker::wrong_type(const std::string& pointer, const std::string& context, const std::string& what,
                             const std::string& expected, const Json& value, std::string hint) {
  error_at_value(pointer, context, what + " must be " + expected + ", but is " + describe_json(value),
                 std::move(hint));
}

void JsonChecker::report_duplicate_keys() {
  for (const JsonLocator::DuplicateKey& dup : locator_.duplicate_keys())
    add(dup.second, Severity::Error, "", "the key " + in_quotes(dup.key) + " appears twice in the same object",
        "keep only one; the first, at line " + std::to_string(dup.first.line) + ", column " +
            std::to_string(dup.first.column) + ", would be silently ignored");
}

bool JsonChecker::has_errors() const {
  return std::any_of(diagnostics_.begin(), diagnostics_.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

Diagnostics JsonChecker::take_diagnostics() {
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
  return std::move(diagnostics_);
}

}  // namespace analyzer
