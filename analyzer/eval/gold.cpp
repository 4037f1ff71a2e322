#include "analyzer/eval/gold.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <system_error>
#include <tuple>
#include <utility>

#include <nlohmann/json.hpp>

#include "analyzer/core/file_bytes.hpp"
#include "analyzer/core/json_checker.hpp"
#include "analyzer/core/json_text.hpp"
#include "analyzer/core/utf8.hpp"

namespace analyzer {

namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

constexpr const char* kMentionKeys[] = {"file", "theme", "start", "end", "text", "note"};
constexpr const char* kScopeKeys[] = {"file", "scope"};
constexpr std::size_t kQuoteMax = 40;   // characters of file text quoted in a message

// ---- small text helpers ------------------------------------------------------

// `s` cut to `max` characters on a character boundary, "…" added when cut.
std::string cut(std::string_view s, std::size_t max) {
  const std::size_t kept = utf8::prefix_length(s, max);
  return kept < s.size() ? std::string(s.substr(0, kept)) + "…" : std::string(s);
}

// `s` as a JSON string literal (quotes and escapes), for messages.
std::string json_quoted(std::string_view s) {
  return json_text(Json(std::string(s)));
}

std::string span_text(ByteSpan s) {
  return "[" + std::to_string(s.begin) + "," + std::to_string(s.end) + ")";
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : ", ") + w;
  return out;
}

// ---- one parsed line ---------------------------------------------------------

struct Line {
  std::size_t number = 0;
  std::string_view text;
  bool scope = false;          // a scope line, else a mention line
  std::string file;            // normalised key
  std::string theme;
  ByteSpan span;
  std::optional<std::string> text_field;
  std::string note;
  bool failed = false;         // set when a check against the file fails
};

// Why a file over kMaxGoldFileBytes is not read; `size_note` says how large.
std::string too_large(const std::string& size_note) {
  return "larger than " + std::to_string(kMaxGoldFileBytes / (1024 * 1024)) + " MB" + size_note +
         ", the limit for gold files and the files they name; split it into several";
}

// Reads one file as raw bytes, at most kMaxGoldFileBytes. nullopt and
// `error` set on failure.
std::optional<std::string> read_bytes(const std::string& path, std::string& error) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    error = "is a directory";
    return std::nullopt;
  }
  // A file that grows while it is read, or a pipe, is held to the same limit
  // as its stated size.
  FileRead read = read_whole_file(path, kMaxGoldFileBytes);
  if (read.ok()) return std::move(read.bytes);
  const FileReadFailure& failure = *read.failure;
  if (failure.kind == FileReadFailure::Kind::TooLarge)
    error = too_large(failure.measured ? " (" + std::to_string(failure.size) + " bytes)" : "");
  else
    error = std::strerror(failure.error_number);
  return std::nullopt;
}

class GoldParser {
 public:
  GoldParser(std::string gold_path, std::string base_dir, const std::vector<std::string>& themes)
      : gold_path_(std::move(gold_path)), base_dir_(std::move(base_dir)), themes_(themes) {}

  GoldLoad run(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);   // a byte order mark
    std::size_t number = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t nl = text.find('\n', pos);
      if (nl == std::string_view::npos) nl = text.size();
      std::string_view line = text.substr(pos, nl - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      ++number;
      pos = nl + 1;
      if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
      if (auto parsed = parse_line(line, number)) lines_.push_back(std::move(*parsed));
    }
    check_against_files();
    check_scopes_and_duplicates();

    GoldLoad out;
    std::stable_sort(errors_.begin(), errors_.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
    out.diagnostics = std::move(errors_);
    if (!out.diagnostics.empty()) return out;

    out.gold.path = gold_path_;
    for (const std::string& name : file_order_) {
      out.gold.files.push_back({name, files_[name].path, std::move(*files_[name].text)});
    }
    for (const Line& l : lines_) {
      if (l.scope) continue;
      out.gold.mentions.push_back(
          {l.file, l.theme, l.span, l.text_field.value_or(""), l.note, l.number});
    }
    for (const std::string& name : file_order_) {
      for (const ByteSpan& s : merged_scopes_[name]) out.gold.scopes.push_back({name, s});
    }
    return out;
  }

 private:
  struct FileState {
    std::string path;
    std::optional<std::string> text;   // nullopt when unreadable
  };

  void error(std::size_t line, std::size_t column, std::string message, std::string hint = {}) {
    Diagnostic d = make_error(gold_path_, std::move(message), std::move(hint));
    d.line = line;
    d.column = column;
    errors_.push_back(std::move(d));
  }

  // 1-based character column of the key `key` of the line's object, or 0
  // when the line has no such key. Scans the line: for error messages only.
  static std::size_t key_column(std::string_view line, const std::string& key) {
    return JsonLocator(line).key(json_pointer_member("", key)).column;
  }

  // One line being read: its number, its object and where its keys are.
  struct LineJson {
    std::size_t number = 0;
    const Json& object;
    JsonLocator where;
    std::size_t column(const std::string& key) const { return where.key(json_pointer_member("", key)).column; }
  };

  // How far reading a line got: no errors; errors, but the file it names is
  // still opened (so that an unreadable file is reported too); or errors
  // that stop the line there.
  enum class Outcome { Ok, Errors, Stop };

  std::optional<Line> parse_line(std::string_view text, std::size_t number) {
    Result<Json> parsed = parse_json_file(text, gold_path_, TextEnd::AfterLastByte, "line");
    if (!parsed) {
      Diagnostic d = parsed.error();
      d.line = number;  // the column is within the line already
      errors_.push_back(std::move(d));
      return std::nullopt;
    }
    if (!parsed.value().is_object()) {
      error(number, 1, "a gold line must be a JSON object",
            "{\"file\": ..., \"theme\": ..., \"start\": ..., \"end\": ...} or "
            "{\"file\": ..., \"scope\": [start, end]}");
      return std::nullopt;
    }
    const LineJson line{number, parsed.value(), JsonLocator(text)};
    Line out;
    out.number = number;
    out.text = text;
    out.scope = line.object.contains("scope");
    if (!check_line_keys(line, out.scope)) return std::nullopt;
    const auto file = text_of(line, "file", true);
    if (file) out.file = fs::path(*file).lexically_normal().generic_string();
    const Outcome outcome = out.scope ? read_scope(line, out) : read_mention(line, out);
    if (outcome == Outcome::Stop || !file) return std::nullopt;
    // The file is registered even when the line has other errors, so that an
    // unreadable file is still reported at the first line naming it.
    open_file(out.file, line);
    if (outcome != Outcome::Ok) return std::nullopt;
    return out;
  }

  // Unknown keys (with "did you mean") and missing required keys of a scope
  // or mention line; false when there is any.
  bool check_line_keys(const LineJson& line, bool scope) {
    const char* kind = scope ? "scope line" : "mention line";
    std::vector<std::string> allowed;
    if (scope) allowed.assign(std::begin(kScopeKeys), std::end(kScopeKeys));
    else allowed.assign(std::begin(kMentionKeys), std::end(kMentionKeys));
    bool ok = true;
    for (const auto& item : line.object.items()) {
      if (std::find(allowed.begin(), allowed.end(), item.key()) != allowed.end()) continue;
      std::string hint = did_you_mean(item.key(), allowed);
      if (hint.empty()) hint = "allowed: " + joined(allowed);
      error(line.number, line.column(item.key()), "unknown key " + json_quoted(item.key()) + " in a " + kind,
            std::move(hint));
      ok = false;
    }
    const std::size_t required = scope ? 2 : 4;
    for (std::size_t i = 0; i < required; ++i) {
      if (!line.object.contains(allowed[i])) {
        error(line.number, 0, "missing key " + json_quoted(allowed[i]) + " in a " + kind);
        ok = false;
      }
    }
    return ok;
  }

  // The string at `key`; an error when it is not one, or empty and `non_empty`.
  std::optional<std::string> text_of(const LineJson& line, const char* key, bool non_empty) {
    const Json& v = line.object.at(key);
    if (!v.is_string() || (non_empty && v.get_ref<const std::string&>().empty())) {
      error(line.number, line.column(key),
            json_quoted(key) + (non_empty ? " must be a non-empty string" : " must be a string"));
      return std::nullopt;
    }
    return v.get<std::string>();
  }

  // The byte offset at `key`; an error when it is not a non-negative integer.
  std::optional<std::size_t> offset_of(const LineJson& line, const char* key) {
    const Json& v = line.object.at(key);
    if (!v.is_number_unsigned()) {
      error(line.number, line.column(key), json_quoted(key) + " must be a non-negative integer");
      return std::nullopt;
    }
    return static_cast<std::size_t>(v.get<std::uint64_t>());
  }

  Outcome read_scope(const LineJson& line, Line& out) {
    const Json& s = line.object.at("scope");
    if (!s.is_array() || s.size() != 2 || !s[0].is_number_unsigned() || !s[1].is_number_unsigned()) {
      error(line.number, line.column("scope"), "\"scope\" must be [start, end] with two non-negative integers");
      return Outcome::Stop;
    }
    out.span = {static_cast<std::size_t>(s[0].get<std::uint64_t>()),
                static_cast<std::size_t>(s[1].get<std::uint64_t>())};
    if (out.span.begin <= out.span.end) return Outcome::Ok;
    error(line.number, line.column("scope"),
          "scope start " + std::to_string(out.span.begin) + " is greater than end " + std::to_string(out.span.end));
    return Outcome::Errors;
  }

  Outcome read_mention(const LineJson& line, Line& out) {
    bool ok = true;
    const auto theme = text_of(line, "theme", true);
    const auto start = offset_of(line, "start");
    const auto end = offset_of(line, "end");
    if (line.object.contains("text")) {
      out.text_field = text_of(line, "text", false);
      if (!out.text_field) ok = false;
    }
    if (line.object.contains("note")) {
      const auto note = text_of(line, "note", false);
      if (note) out.note = *note;
      else ok = false;
    }
    if (!theme || !start || !end) return Outcome::Stop;
    out.theme = *theme;
    out.span = {*start, *end};
    ok = check_mention(line, out) && ok;
    return ok ? Outcome::Ok : Outcome::Errors;
  }

  // A mention's span is not empty or reversed, its theme is known.
  bool check_mention(const LineJson& line, const Line& m) {
    bool ok = true;
    if (m.span.begin > m.span.end) {
      error(line.number, line.column("start"),
            "start " + std::to_string(m.span.begin) + " is greater than end " + std::to_string(m.span.end));
      ok = false;
    } else if (m.span.begin == m.span.end) {
      error(line.number, line.column("start"), "empty mention: start and end are both " + std::to_string(m.span.begin),
            "a mention covers at least one byte; end is exclusive");
      ok = false;
    }
    if (!themes_.empty() && std::find(themes_.begin(), themes_.end(), m.theme) == themes_.end()) {
      std::string hint = did_you_mean(m.theme, themes_);
      if (hint.empty()) hint = "known themes: " + joined(themes_);
      error(line.number, line.column("theme"), "unknown theme " + json_quoted(m.theme), std::move(hint));
      ok = false;
    }
    return ok;
  }

  // Reads the file `name` the first time a line names it; an unreadable file
  // is reported at that line.
  void open_file(const std::string& name, const LineJson& line) {
    if (files_.count(name)) return;
    file_order_.push_back(name);
    FileState& state = files_[name];
    const fs::path p(name);
    state.path = p.is_absolute() || base_dir_.empty() ? name
                                                      : (fs::path(base_dir_) / p).generic_string();
    std::string why;
    state.text = read_bytes(state.path, why);
    if (!state.text) {
      error(line.number, line.column("file"),
            "cannot read " + json_quoted(name) + (state.path != name ? " (" + state.path + ")" : "") +
                ": " + why,
            base_dir_.empty() ? "relative paths are resolved against the working directory"
                              : "relative paths are resolved against " + base_dir_);
    }
  }

  void check_against_files() {
    for (Line& l : lines_) {
      const FileState& f = files_.at(l.file);
      if (!f.text) continue;   // reported once already
      const std::string& bytes = *f.text;
      if (l.scope) {
        if (l.span.end > bytes.size()) {
          fail(l, key_column(l.text, "scope"),
               "scope end " + std::to_string(l.span.end) + " is past the end of " +
                   json_quoted(l.file) + " (" + std::to_string(bytes.size()) + " bytes)");
        }
        continue;
      }
      if (l.span.end > bytes.size()) {
        const char* key = l.span.begin > bytes.size() ? "start" : "end";
        fail(l, key_column(l.text, key),
             std::string(key) + " " +
                 std::to_string(l.span.begin > bytes.size() ? l.span.begin : l.span.end) +
                 " is past the end of " + json_quoted(l.file) + " (" + std::to_string(bytes.size()) +
                 " bytes)");
        continue;
      }
      bool aligned = true;
      for (const char* key : {"start", "end"}) {
        const std::size_t at = key[0] == 's' ? l.span.begin : l.span.end;
        if (at < bytes.size() && utf8::is_continuation(bytes[at])) {
          fail(l, key_column(l.text, key),
               std::string(key) + " " + std::to_string(at) + " falls inside a UTF-8 character of " +
                   json_quoted(l.file),
               "offsets count bytes of the original file; a character like \"å\" has two");
          aligned = false;
        }
      }
      if (!aligned || !l.text_field) continue;
      const std::string_view actual = std::string_view(bytes).substr(l.span.begin, l.span.size());
      if (actual != *l.text_field) {
        fail(l, key_column(l.text, "text"),
             "text " + json_quoted(cut(*l.text_field, kQuoteMax)) + " does not match " +
                 json_quoted(l.file) + ", which has " + json_quoted(cut(actual, kQuoteMax)) + " at " +
                 span_text(l.span),
             "fix the offsets or the text; offsets are bytes of the original file");
      }
    }
    std::erase_if(lines_, [](const Line& l) { return l.failed; });
  }

  void check_scopes_and_duplicates() {
    std::map<std::string, std::vector<ByteSpan>> raw;
    for (const Line& l : lines_)
      if (l.scope) raw[l.file].push_back(l.span);
    for (auto& [name, spans] : raw) {
      std::sort(spans.begin(), spans.end(),
                [](ByteSpan a, ByteSpan b) { return std::tie(a.begin, a.end) < std::tie(b.begin, b.end); });
      std::vector<ByteSpan>& merged = merged_scopes_[name];
      for (const ByteSpan& s : spans) {
        if (!merged.empty() && s.begin <= merged.back().end) {
          merged.back().end = std::max(merged.back().end, s.end);
        } else {
          merged.push_back(s);
        }
      }
    }
    std::map<std::tuple<std::string, std::string, std::size_t, std::size_t>, std::size_t> seen;
    for (Line& l : lines_) {
      if (l.scope) continue;
      const auto scopes = merged_scopes_.find(l.file);
      if (scopes != merged_scopes_.end()) {
        const bool inside = std::any_of(scopes->second.begin(), scopes->second.end(),
                                        [&](ByteSpan s) {
                                          return s.begin <= l.span.begin && l.span.end <= s.end;
                                        });
        if (!inside) {
          std::string ranges;
          for (const ByteSpan& s : scopes->second) ranges += (ranges.empty() ? "" : " ") + span_text(s);
          fail(l, key_column(l.text, "start"),
               "mention " + span_text(l.span) + " of " + json_quoted(l.file) +
                   " lies outside all scopes of that file",
               "scopes: " + cut(ranges, 80) + "; widen a scope line or drop the mention");
          continue;
        }
      }
      const auto key = std::make_tuple(l.file, l.theme, l.span.begin, l.span.end);
      const auto [it, added] = seen.emplace(key, l.number);
      if (!added) {
        fail(l, 0,
             "duplicate mention: same file, theme and span " + span_text(l.span) + " as line " +
                 std::to_string(it->second));
      }
    }
  }

  void fail(Line& l, std::size_t column, std::string message, std::string hint = {}) {
    error(l.number, column, std::move(message), std::move(hint));
    l.failed = true;
  }

  std::string gold_path_;
  std::string base_dir_;
  const std::vector<std::string>& themes_;
  std::vector<Line> lines_;
  std::vector<std::string> file_order_;
  std::map<std::string, FileState> files_;
  std::map<std::string, std::vector<ByteSpan>> merged_scopes_;
  Diagnostics errors_;
};

}  // namespace

const GoldFile* GoldSet::find_file(std::string_view name) const {
  for (const GoldFile& f : files)
    if (f.name == name) return &f;
  return nullptr;
}

GoldLoad parse_gold(std::string_view gold_text, const std::string& gold_path,
                    const std::string& base_dir, const std::vector<std::string>& known_themes) {
  return GoldParser(gold_path, base_dir, known_themes).run(gold_text);
}

GoldLoad load_gold(const std::string& gold_path, const std::string& base_dir,
                   const std::vector<std::string>& known_themes) {
  std::string why;
  const std::optional<std::string> text = read_bytes(gold_path, why);
  if (!text) {
    GoldLoad out;
    out.diagnostics.push_back(make_error(gold_path, "cannot read gold file: " + why));
    return out;
  }
  return parse_gold(*text, gold_path, base_dir, known_themes);
}

}  // namespace analyzer
