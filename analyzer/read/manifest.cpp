#include "analyzer/read/manifest.hpp"

#include <algorithm>
#include <cctype>
#include <limits>
#include <tuple>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <nlohmann/json.hpp>

#include "analyzer/read/source.hpp"

namespace analyzer {

namespace {

using Json = nlohmann::json;

constexpr std::size_t kNoOffset = std::numeric_limits<std::size_t>::max();
constexpr int kFirstYear = 2000;
constexpr int kLastYear = 2100;
constexpr std::size_t kMaxManifestBytes = 16u * 1024u * 1024u;

// ---------------------------------------------------------------------------
// Where each key and value sits in the raw text.
//
// nlohmann/json 3.11.2 keeps no positions on parsed values, so this walks the
// raw text once more (it is known to be valid JSON by then) and records, for
// every value, the byte offsets of its key and of the value itself, under its
// path ("files", "000_x.txt", "respondents", "0", "type"). The walk is
// iterative, so deep nesting cannot exhaust the stack. Cost: linear.
// ---------------------------------------------------------------------------
class JsonPositions {
 public:
  struct Location {
    std::size_t key = kNoOffset;    // offset of the key's opening quote; none for array items and the root
    std::size_t value = kNoOffset;  // offset of the value's first byte
  };
  struct Duplicate {
    std::string key;
    std::size_t first_key = 0, second_key = 0;
  };

  explicit JsonPositions(std::string_view text) : text_(text) { walk(); }

  Location find(const std::vector<std::string>& path) const {
    const auto it = locations_.find(encode(path));
    return it == locations_.end() ? Location{} : it->second;
  }

  // Keys that occur twice in the same object, in document order.
  const std::vector<Duplicate>& duplicates() const { return duplicates_; }

 private:
  // Length-prefixed components: unambiguous whatever the keys contain.
  static std::string encode(const std::vector<std::string>& path) {
    std::string out;
    for (const std::string& part : path) {
      out += std::to_string(part.size());
      out += ':';
      out += part;
    }
    return out;
  }

  void skip_space() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r'))
      ++pos_;
  }

  static void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  std::uint32_t hex4() {
    std::uint32_t value = 0;
    for (int i = 0; i < 4 && pos_ < text_.size(); ++i, ++pos_) {
      const char c = text_[pos_];
      value <<= 4;
      if (c >= '0' && c <= '9') value |= static_cast<std::uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') value |= static_cast<std::uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') value |= static_cast<std::uint32_t>(c - 'A' + 10);
    }
    return value;
  }

  // Reads the string at pos_ (on its opening quote), unescaped as nlohmann does.
  std::string read_string() {
    std::string out;
    ++pos_;
    while (pos_ < text_.size() && text_[pos_] != '"') {
      if (text_[pos_] != '\\') {
        out += text_[pos_++];
        continue;
      }
      ++pos_;
      if (pos_ >= text_.size()) break;
      const char escape = text_[pos_++];
      switch (escape) {
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          std::uint32_t cp = hex4();
          if (cp >= 0xD800 && cp <= 0xDBFF && pos_ + 1 < text_.size() && text_[pos_] == '\\' &&
              text_[pos_ + 1] == 'u') {
            pos_ += 2;
            const std::uint32_t low = hex4();
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(out, cp);
          break;
        }
        default: out += escape; break;  // \" \\ \/
      }
    }
    ++pos_;  // closing quote
    return out;
  }

  void skip_scalar() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r') break;
      ++pos_;
    }
  }

  struct Frame {
    bool object;
    std::size_t index;  // arrays: index of the current item
  };

  // After '{' or ',' in an object: reads "key": and pushes the key.
  void read_key() {
    skip_space();
    key_offset_ = pos_;
    path_.push_back(read_string());
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == ':') ++pos_;
  }

  void record(std::size_t value_offset) {
    const auto [it, inserted] = locations_.try_emplace(encode(path_), Location{key_offset_, value_offset});
    if (!inserted) {
      if (key_offset_ != kNoOffset && it->second.key != kNoOffset)
        duplicates_.push_back({path_.back(), it->second.key, key_offset_});
      it->second = Location{key_offset_, value_offset};  // the later one wins, as in nlohmann
    }
  }

  void walk() {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    std::vector<Frame> stack;
    bool expect_value = true;
    while (pos_ <= text_.size()) {
      skip_space();
      if (expect_value) {
        record(pos_);
        if (pos_ >= text_.size()) break;
        const char c = text_[pos_];
        if (c == '{' || c == '[') {
          ++pos_;
          skip_space();
          const char close = c == '{' ? '}' : ']';
          if (pos_ < text_.size() && text_[pos_] == close) {
            ++pos_;
            expect_value = false;
            continue;
          }
          stack.push_back({c == '{', 0});
          if (c == '{') {
            read_key();
          } else {
            key_offset_ = kNoOffset;
            path_.push_back("0");
          }
          continue;
        }
        if (c == '"') read_string();
        else skip_scalar();
        expect_value = false;
        continue;
      }
      // A value just ended.
      if (stack.empty()) break;
      path_.pop_back();
      if (pos_ >= text_.size()) break;
      if (text_[pos_] == ',') {
        ++pos_;
        Frame& frame = stack.back();
        if (frame.object) {
          read_key();
        } else {
          key_offset_ = kNoOffset;
          path_.push_back(std::to_string(++frame.index));
        }
        expect_value = true;
      } else {
        ++pos_;  // '}' or ']': the container ends, which is the end of its own value
        stack.pop_back();
      }
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t key_offset_ = kNoOffset;
  std::vector<std::string> path_;
  std::unordered_map<std::string, Location> locations_;
  std::vector<Duplicate> duplicates_;
};

// 1-based line and column (columns count code points) of byte `offset`.
std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t offset) {
  std::size_t line = 1, column = 1;
  std::size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  offset = std::min(offset, text.size());
  for (; i < offset; ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b == '\n') {
      ++line;
      column = 1;
    } else if ((b & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {line, column};
}

std::string lower_ascii(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
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

// The allowed word closest to `word` when it is a near miss (a typo, a
// wrong case, a missing letter), or empty.
std::string near_miss(const std::string& word, const std::vector<std::string>& allowed) {
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

std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }

std::string join_quoted(const std::vector<std::string>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " or " : ", ";
    out += in_quotes(words[i]);
  }
  return out;
}

// "a string", "a number", ...: how an analyst would name a JSON value.
std::string describe(const Json& value) {
  switch (value.type()) {
    case Json::value_t::object: return "an object {...}";
    case Json::value_t::array: return "a list [...]";
    case Json::value_t::string: return "the text " + in_quotes(value.get<std::string>());
    case Json::value_t::boolean: return value.get<bool>() ? "true" : "false";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "the number " + value.dump();
    case Json::value_t::null: return "null";
    default: return "an unexpected value";
  }
}

// Collects every problem with its offset; the caller reports the first in
// document order, so fixing errors top to bottom works.
class Validator {
 public:
  Validator(std::string_view text, const std::string& path) : text_(text), path_(path), positions_(text) {}

  Result<Manifest> run(const Json& document) {
    Manifest manifest;
    manifest.path = path_;
    for (const JsonPositions::Duplicate& dup : positions_.duplicates()) {
      const auto [line, column] = line_column(text_, dup.first_key);
      error(dup.second_key, "the key " + in_quotes(dup.key) + " appears twice in the same object",
            "keep only one; the first is at line " + std::to_string(line) + ", column " +
                std::to_string(column) + " and would be silently ignored");
    }

    if (!document.is_object()) {
      error(value_at({}), "the manifest must be a JSON object, but this is " + describe(document),
            "start the file with {\"files\": {\"<file name>\": {\"year\": 2022}}}");
      return finish(std::move(manifest));
    }
    static const std::vector<std::string> kTopKeys = {"files", "description"};
    for (const auto& [key, value] : document.items()) {
      if (key == "files") {
        read_files(value, manifest);
      } else if (key == "description") {
        if (value.is_string()) manifest.description = value.get<std::string>();
        else wrong_type({key}, "\"description\"", "text in quotes", value);
      } else {
        unknown_key({key}, key, "at the top level", kTopKeys);
      }
    }
    std::sort(manifest.entries.begin(), manifest.entries.end(),
              [](const ManifestEntry& a, const ManifestEntry& b) {
                return std::tie(a.line, a.column) < std::tie(b.line, b.column);
              });
    return finish(std::move(manifest));
  }

 private:
  std::size_t key_at(const std::vector<std::string>& p) const {
    const JsonPositions::Location loc = positions_.find(p);
    return loc.key != kNoOffset ? loc.key : loc.value;
  }
  std::size_t value_at(const std::vector<std::string>& p) const { return positions_.find(p).value; }

  void error(std::size_t offset, std::string message, std::string hint) {
    Diagnostic d = make_error(path_, std::move(message), std::move(hint));
    if (offset != kNoOffset) {
      const auto [line, column] = line_column(text_, offset);
      d.line = line;
      d.column = column;
    }
    problems_.emplace_back(offset, std::move(d));
  }

  void unknown_key(const std::vector<std::string>& p, const std::string& key, const std::string& where,
                   const std::vector<std::string>& allowed) {
    const std::string suggestion = near_miss(key, allowed);
    error(key_at(p), "unknown key " + in_quotes(key) + " " + where,
          suggestion.empty() ? "allowed keys here: " + join_quoted(allowed)
                             : "did you mean " + in_quotes(suggestion) + "?");
  }

  void wrong_type(const std::vector<std::string>& p, const std::string& what, const std::string& expected,
                  const Json& value) {
    std::string hint = "write " + expected;
    if (value.is_string() && expected.find("number") != std::string::npos) hint += " without quotes";
    error(value_at(p), what + " must be " + expected + ", but is " + describe(value), std::move(hint));
  }

  void read_files(const Json& files, Manifest& manifest) {
    if (!files.is_object()) {
      wrong_type({"files"}, "\"files\"", "an object mapping file names to their metadata", files);
      return;
    }
    for (const auto& [name, entry_value] : files.items()) {
      const std::vector<std::string> p = {"files", name};
      if (name.empty()) {
        error(key_at(p), "an entry has an empty file name", "write the file's name, e.g. \"000_report.txt\"");
        continue;
      }
      if (name.find('/') != std::string::npos || name.find('\\') != std::string::npos) {
        error(key_at(p), "the entry " + in_quotes(name) + " names a path, not a file name",
              "write only the file name, without folders");
        continue;
      }
      if (!entry_value.is_object()) {
        wrong_type(p, "the entry for " + in_quotes(name), "an object like {\"year\": 2022, \"region\": \"Dalarna\"}",
                   entry_value);
        continue;
      }
      ManifestEntry entry;
      entry.file = name;
      std::tie(entry.line, entry.column) = line_column(text_, key_at(p));
      read_entry(p, entry_value, entry);
      manifest.entries.push_back(std::move(entry));
    }
  }

  void read_entry(const std::vector<std::string>& p, const Json& value, ManifestEntry& entry) {
    static const std::vector<std::string> kEntryKeys = {"year", "region", "respondents"};
    const std::string where = "in the entry for " + in_quotes(entry.file);
    for (const auto& [key, field] : value.items()) {
      std::vector<std::string> fp = p;
      fp.push_back(key);
      if (key == "year") {
        if (!field.is_number_integer()) {
          wrong_type(fp, "\"year\" " + where, "a whole number such as 2022", field);
        } else if (field.get<std::int64_t>() < kFirstYear || field.get<std::int64_t>() > kLastYear) {
          error(value_at(fp), "year " + field.dump() + " " + where + " is outside " +
                                  std::to_string(kFirstYear) + ".." + std::to_string(kLastYear),
                "write the four-digit year of the survey or report, e.g. 2022");
        } else {
          entry.year = field.get<int>();
        }
      } else if (key == "region") {
        if (field.is_string()) entry.region = field.get<std::string>();
        else wrong_type(fp, "\"region\" " + where, "a county name in quotes, e.g. \"Dalarna\"", field);
      } else if (key == "respondents") {
        read_respondents(fp, field, entry, where);
      } else {
        unknown_key(fp, key, where, kEntryKeys);
      }
    }
  }

  void read_respondents(const std::vector<std::string>& p, const Json& value, ManifestEntry& entry,
                        const std::string& where) {
    if (!value.is_array()) {
      wrong_type(p, "\"respondents\" " + where, "a list like [{\"type\": \"rss\", \"name\": \"RSS Dalarna\"}]",
                 value);
      return;
    }
    static const std::vector<std::string> kRespondentKeys = {"type", "name"};
    static const std::vector<std::string> kTypes = {"kommun", "rss", "region"};
    for (std::size_t i = 0; i < value.size(); ++i) {
      std::vector<std::string> ip = p;
      ip.push_back(std::to_string(i));
      const Json& item = value[i];
      const std::string item_where = "in respondent " + std::to_string(i + 1) + " " + where;
      if (!item.is_object()) {
        wrong_type(ip, "respondent " + std::to_string(i + 1) + " " + where,
                   "an object like {\"type\": \"kommun\", \"name\": \"Falu kommun\"}", item);
        continue;
      }
      ManifestRespondent respondent;
      for (const auto& [key, field] : item.items()) {
        std::vector<std::string> fp = ip;
        fp.push_back(key);
        if (key == "type") {
          if (!field.is_string()) {
            wrong_type(fp, "\"type\" " + item_where, "one of " + join_quoted(kTypes), field);
            continue;
          }
          const std::string text = field.get<std::string>();
          respondent.type = parse_respondent_type(text);
          if (!respondent.type) {
            const std::string suggestion = near_miss(text, kTypes);
            error(value_at(fp), "unknown respondent type " + in_quotes(text) + " " + item_where,
                  suggestion.empty() ? "use one of " + join_quoted(kTypes)
                                     : "did you mean " + in_quotes(suggestion) + "? (allowed: " +
                                           join_quoted(kTypes) + ")");
          }
        } else if (key == "name") {
          if (field.is_string()) respondent.name = field.get<std::string>();
          else wrong_type(fp, "\"name\" " + item_where, "text in quotes, e.g. \"RSS Dalarna\"", field);
        } else {
          unknown_key(fp, key, item_where, kRespondentKeys);
        }
      }
      entry.respondents.push_back(std::move(respondent));
    }
  }

  Result<Manifest> finish(Manifest manifest) {
    if (problems_.empty()) return manifest;
    const auto first = std::min_element(problems_.begin(), problems_.end(),
                                        [](const auto& a, const auto& b) { return a.first < b.first; });
    return first->second;
  }

  std::string_view text_;
  const std::string& path_;
  JsonPositions positions_;
  std::vector<std::pair<std::size_t, Diagnostic>> problems_;
};

Diagnostic syntax_error(std::string_view text, const std::string& path, const Json::parse_error& e) {
  // e.byte counts the bytes read, the offending one included.
  const std::size_t offset = e.byte > 0 ? std::min<std::size_t>(e.byte - 1, text.size()) : 0;
  std::string detail = e.what();
  const std::size_t at = detail.find("syntax error while parsing ");
  if (at != std::string::npos) {
    detail = detail.substr(at + std::string_view("syntax error while parsing ").size());
  } else if (const std::size_t colon = detail.find(": "); colon != std::string::npos) {
    detail = detail.substr(colon + 2);
  }
  std::string hint = offset >= text.size()
                         ? "the file ends too early: check for a missing closing brace } or bracket ]"
                         : "check for a missing or extra comma, colon, quote or brace at or just "
                           "before this point";
  Diagnostic d = make_error(path, "JSON syntax error while parsing " + detail, std::move(hint));
  const auto [line, column] = line_column(text, offset);
  d.line = line;
  d.column = column;
  return d;
}

}  // namespace

const ManifestEntry* Manifest::find(const std::string& file_name) const {
  for (const ManifestEntry& entry : entries)
    if (entry.file == file_name) return &entry;
  return nullptr;
}

Result<Manifest> parse_manifest(const std::string& text, const std::string& path) {
  if (const std::optional<std::size_t> bad = first_invalid_utf8(text)) {
    Diagnostic d = make_error(path, "not valid UTF-8", "save the manifest as UTF-8 text");
    std::tie(d.line, d.column) = line_column(text, *bad);
    return d;
  }
  Json document;
  try {
    document = Json::parse(text);
  } catch (const Json::parse_error& e) {
    return syntax_error(text, path, e);
  } catch (const Json::exception& e) {
    return make_error(path, std::string("cannot read the JSON: ") + e.what(),
                      "check the file against the layout in the documentation");
  }
  return Validator(text, path).run(document);
}

Result<Manifest> load_manifest(const std::string& path) {
  ReadOptions options;
  options.max_bytes = kMaxManifestBytes;
  Diagnostics warnings;
  Result<SourceFile> source = read_source(path, options, warnings);
  if (!source) return source.error();
  return parse_manifest(source.value().bytes, path);
}

}  // namespace analyzer
