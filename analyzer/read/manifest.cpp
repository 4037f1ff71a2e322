#include "analyzer/read/manifest.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string_view>
#include <tuple>
#include <unordered_set>
#include <utility>

#include <nlohmann/json.hpp>

#include "analyzer/core/enum_names.hpp"
#include "analyzer/core/file_replace.hpp"
#include "analyzer/core/json_checker.hpp"
#include "analyzer/read/source.hpp"

namespace analyzer {

namespace {

using Json = nlohmann::json;
// Keeps keys in the order of the file, so a merged manifest reads as the analyst wrote it.
using OrderedJson = nlohmann::ordered_json;

constexpr int kFirstYear = 2000;
constexpr int kLastYear = 2100;
constexpr std::size_t kMaxManifestBytes = 16u * 1024u * 1024u;

// Checks the parsed document against the layout in manifest.hpp. Every
// problem goes to the checker; the caller reports the first in text order,
// so fixing errors top to bottom works.
class Validator {
 public:
  Validator(std::string_view text, const std::string& path) : checker_(text, path) {}

  Result<Manifest> run(const Json& document) {
    Manifest manifest;
    manifest.path = checker_.file();
    checker_.report_duplicate_keys();

    if (!document.is_object()) {
      checker_.error_at_value("", "", "the manifest must be a JSON object, but this is " + describe_json(document),
                              "start the file with {\"files\": {\"<file name>\": {\"year\": 2022}}}");
      return finish(std::move(manifest));
    }
    static const std::vector<std::string> kTopKeys = {"files", "description"};
    for (const auto& [key, value] : document.items()) {
      const std::string p = json_pointer_member("", key);
      if (key == "files") {
        read_files(value, manifest);
      } else if (key == "description") {
        if (value.is_string()) manifest.description = value.get<std::string>();
        else wrong_type(p, "\"description\"", "text in quotes", value);
      } else {
        unknown_key(p, key, "at the top level", kTopKeys);
      }
    }
    std::sort(manifest.entries.begin(), manifest.entries.end(),
              [](const ManifestEntry& a, const ManifestEntry& b) {
                return std::tie(a.line, a.column) < std::tie(b.line, b.column);
              });
    return finish(std::move(manifest));
  }

 private:
  // "unknown key \"x\" <where>" at the key, with a did-you-mean or the list.
  void unknown_key(const std::string& p, const std::string& key, const std::string& where,
                   const std::vector<std::string>& allowed) {
    std::string hint = did_you_mean(key, allowed);
    if (hint.empty()) hint = "allowed keys here: " + join_quoted(allowed);
    checker_.error_at_key(p, "", "unknown key " + in_quotes(key) + " " + where, std::move(hint));
  }

  // "<what> must be <expected>, but is ..." at the value, hinting "write <expected>".
  void wrong_type(const std::string& p, const std::string& what, const std::string& expected, const Json& value) {
    std::string hint = "write " + expected;
    if (value.is_string() && expected.find("number") != std::string::npos) hint += " without quotes";
    checker_.wrong_type(p, "", what, expected, value, std::move(hint));
  }

  void read_files(const Json& files, Manifest& manifest) {
    if (!files.is_object()) {
      wrong_type("/files", "\"files\"", "an object mapping file names to their metadata", files);
      return;
    }
    for (const auto& [name, entry_value] : files.items()) {
      const std::string p = json_pointer_member("/files", name);
      if (name.empty()) {
        checker_.error_at_key(p, "", "an entry has an empty file name",
                              "write the file's name, e.g. \"000_report.txt\"");
        continue;
      }
      if (name.find('/') != std::string::npos || name.find('\\') != std::string::npos) {
        checker_.error_at_key(p, "", "the entry " + in_quotes(name) + " names a path, not a file name",
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
      const TextPosition where = checker_.locator().key(p);
      entry.line = where.line;
      entry.column = where.column;
      read_entry(p, entry_value, entry);
      manifest.entries.push_back(std::move(entry));
    }
  }

  void read_entry(const std::string& p, const Json& value, ManifestEntry& entry) {
    static const std::vector<std::string> kEntryKeys = {"year", "region", "respondents", "columns"};
    const std::string where = "in the entry for " + in_quotes(entry.file);
    for (const auto& [key, field] : value.items()) {
      const std::string fp = json_pointer_member(p, key);
      if (key == "year") {
        entry.year = read_year(fp, field, where);
      } else if (key == "region") {
        if (field.is_string()) entry.region = field.get<std::string>();
        else wrong_type(fp, "\"region\" " + where, "a county name in quotes, e.g. \"Dalarna\"", field);
      } else if (key == "respondents") {
        read_respondents(fp, field, entry, where);
      } else if (key == "columns") {
        read_columns(fp, field, entry, where);
      } else {
        unknown_key(fp, key, where, kEntryKeys);
      }
    }
  }

  // A "year" value: a whole number in kFirstYear..kLastYear, else an error
  // and nullopt.
  std::optional<int> read_year(const std::string& fp, const Json& field, const std::string& where) {
    if (!field.is_number_integer()) {
      wrong_type(fp, "\"year\" " + where, "a whole number such as 2022", field);
    } else if (field.get<std::int64_t>() < kFirstYear || field.get<std::int64_t>() > kLastYear) {
      checker_.error_at_value(fp, "",
                              "year " + field.dump() + " " + where + " is outside " +
                                  std::to_string(kFirstYear) + ".." + std::to_string(kLastYear),
                              "write the four-digit year of the survey or report, e.g. 2022");
    } else {
      return field.get<int>();
    }
    return std::nullopt;
  }

  void read_respondents(const std::string& p, const Json& value, ManifestEntry& entry, const std::string& where) {
    if (!value.is_array()) {
      wrong_type(p, "\"respondents\" " + where, "a list like [{\"type\": \"rss\", \"name\": \"RSS Dalarna\"}]",
                 value);
      return;
    }
    static const std::vector<std::string> kRespondentKeys = {"type", "name", "year", "region"};
    static const std::vector<std::string> kTypes = names_of(kRespondentTypeNames);
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string ip = json_pointer_item(p, i);
      const Json& item = value[i];
      const std::string item_where = "in respondent " + std::to_string(i + 1) + " " + where;
      if (!item.is_object()) {
        wrong_type(ip, "respondent " + std::to_string(i + 1) + " " + where,
                   "an object like {\"type\": \"kommun\", \"name\": \"Falu kommun\"}", item);
        continue;
      }
      ManifestRespondent respondent;
      for (const auto& [key, field] : item.items()) {
        const std::string fp = json_pointer_member(ip, key);
        if (key == "type") {
          if (!field.is_string()) {
            wrong_type(fp, "\"type\" " + item_where, "one of " + join_quoted(kTypes), field);
            continue;
          }
          const std::string text = field.get<std::string>();
          respondent.type = parse_respondent_type(text);
          if (!respondent.type) {
            const std::string suggestion = near_miss(text, kTypes);
            checker_.error_at_value(fp, "", "unknown respondent type " + in_quotes(text) + " " + item_where,
                                    suggestion.empty() ? "use one of " + join_quoted(kTypes)
                                                       : "did you mean " + in_quotes(suggestion) +
                                                             "? (allowed: " + join_quoted(kTypes) + ")");
          }
        } else if (key == "name") {
          if (field.is_string()) respondent.name = field.get<std::string>();
          else wrong_type(fp, "\"name\" " + item_where, "text in quotes, e.g. \"RSS Dalarna\"", field);
        } else if (key == "year") {
          respondent.year = read_year(fp, field, item_where);
        } else if (key == "region") {
          if (field.is_string()) respondent.region = field.get<std::string>();
          else wrong_type(fp, "\"region\" " + item_where, "a county name in quotes, e.g. \"Dalarna\"", field);
        } else {
          unknown_key(fp, key, item_where, kRespondentKeys);
        }
      }
      entry.respondents.push_back(std::move(respondent));
    }
  }

  // "columns": {"<header text or column letter>": "<role>", ...}.
  void read_columns(const std::string& p, const Json& value, ManifestEntry& entry, const std::string& where) {
    const std::vector<std::string>& roles = column_role_names();
    if (!value.is_object()) {
      wrong_type(p, "\"columns\" " + where, "an object like {\"Kommun\": \"municipality\", \"F\": \"ignore\"}",
                 value);
      return;
    }
    for (const auto& [column, field] : value.items()) {
      const std::string fp = json_pointer_member(p, column);
      const std::string column_where = "for column " + in_quotes(column) + " " + where;
      if (column.find_first_not_of(" \t") == std::string::npos) {
        checker_.error_at_key(fp, "", "an empty column name " + where,
                              "write the column's header text or its letter, e.g. \"F\"");
        continue;
      }
      if (!field.is_string()) {
        wrong_type(fp, "the role " + column_where, "one of " + join_quoted(roles), field);
        continue;
      }
      const std::string text = field.get<std::string>();
      const std::optional<ColumnRole> role = parse_column_role(text);
      if (!role) {
        const std::string suggestion = near_miss(text, roles);
        checker_.error_at_value(fp, "", "unknown column role " + in_quotes(text) + " " + column_where,
                                suggestion.empty() ? "use one of " + join_quoted(roles)
                                                   : "did you mean " + in_quotes(suggestion) +
                                                         "? (allowed: " + join_quoted(roles) + ")");
        continue;
      }
      entry.columns.push_back({column, *role});
    }
  }

  Result<Manifest> finish(Manifest manifest) {
    if (!checker_.has_errors()) {
      manifest.by_file.reserve(manifest.entries.size());
      for (std::size_t i = 0; i < manifest.entries.size(); ++i) manifest.by_file.emplace(manifest.entries[i].file, i);
      return manifest;
    }
    return checker_.take_diagnostics().front();
  }

  JsonChecker checker_;
};

}  // namespace

const ManifestEntry* Manifest::find(const std::string& file_name) const {
  const auto it = by_file.find(file_name);
  return it == by_file.end() ? nullptr : &entries[it->second];
}

Result<Manifest> parse_manifest(const std::string& text, const std::string& path) {
  if (const std::optional<std::size_t> bad = first_invalid_utf8(text)) {
    Diagnostic d = make_error(path, "not valid UTF-8", "save the manifest as UTF-8 text");
    const TextPosition where = text_position(text, *bad);
    d.line = where.line;
    d.column = where.column;
    return d;
  }
  Result<Json> document = parse_json_file(text, path, TextEnd::AfterLastByte);
  if (!document) return document.error();
  return Validator(text, path).run(document.value());
}

Result<Manifest> load_manifest(const std::string& path) {
  ReadOptions options;
  options.max_bytes = kMaxManifestBytes;
  options.too_large_hint = "a manifest is at most 16 MB (about 100,000 files): ingest the folders in parts, each with a manifest of its own";
  Diagnostics warnings;
  Result<SourceFile> source = read_source(path, options, warnings);
  if (!source) return source.error();
  return parse_manifest(source.value().bytes, path);
}

Diagnostics entries_without_file(const Manifest& manifest, const std::vector<std::string>& paths) {
  std::unordered_set<std::string> known;
  for (const auto& p : paths) known.insert(source_name(p));
  Diagnostics ignored;
  const std::string dir = std::filesystem::path(manifest.path).parent_path().string();
  for (const auto& p : collect_files({dir.empty() ? std::string(".") : dir}, ignored)) known.insert(source_name(p));
  Diagnostics out;
  for (const ManifestEntry& e : manifest.entries) {
    if (known.count(e.file)) continue;
    Diagnostic d = make_error(manifest.path, "manifest entry \"" + e.file + "\" names no file that exists",
                              "check the file name, or remove the entry");
    d.line = e.line;
    d.column = e.column;
    out.push_back(std::move(d));
  }
  return out;
}

namespace {

// Whether a file's parts come from spreadsheet rows (the reader's columns
// name their respondents).
bool is_spreadsheet(const std::string& format) { return format == "xlsx" || format == "csv"; }

// The value every part has, or nullopt when parts differ or none has one.
template <class Value, class Get>
std::optional<Value> common_value(const std::vector<SourcePart>& parts, Get get) {
  std::optional<Value> common;
  for (const SourcePart& p : parts) {
    const std::optional<Value> v = get(p);
    if (!v) return std::nullopt;
    if (common && *common != *v) return std::nullopt;
    common = v;
  }
  return common;
}

OrderedJson respondent_json(const ManifestRespondent& r) {
  OrderedJson j = OrderedJson::object();
  if (r.type) j["type"] = to_string(*r.type);
  if (!r.name.empty() || !r.type) j["name"] = r.name;
  if (r.year) j["year"] = *r.year;
  if (!r.region.empty()) j["region"] = r.region;
  return j;
}

OrderedJson entry_json(const ManifestEntry& e) {
  OrderedJson j = OrderedJson::object();
  if (e.year) j["year"] = *e.year;
  if (!e.region.empty()) j["region"] = e.region;
  if (!e.respondents.empty()) {
    OrderedJson list = OrderedJson::array();
    for (const ManifestRespondent& r : e.respondents) list.push_back(respondent_json(r));
    j["respondents"] = std::move(list);
  }
  return j;
}

// Adds to `into` the keys of `from` it lacks; true when any was added.
bool add_missing(OrderedJson& into, const OrderedJson& from) {
  bool added = false;
  for (const auto& [key, value] : from.items())
    if (!into.contains(key)) {
      into[key] = value;
      added = true;
    }
  return added;
}

constexpr const char* kManifestWhat = "the manifest";

}  // namespace

ManifestEntry manifest_entry_for(const SourceSummary& summary) {
  ManifestEntry e;
  e.file = summary.source;
  const auto year_of = [](const SourcePart& p) { return p.respondent.year; };
  const auto region_of = [](const SourcePart& p) {
    return p.respondent.region.empty() ? std::nullopt : std::optional<std::string>(p.respondent.region);
  };
  e.year = common_value<int>(summary.parts, year_of);
  if (auto region = common_value<std::string>(summary.parts, region_of)) e.region = *region;
  if (is_spreadsheet(summary.format)) return e;
  for (const SourcePart& p : summary.parts) {
    ManifestRespondent r;
    r.type = p.respondent.type;
    r.name = p.respondent.name;
    if (!e.year) r.year = p.respondent.year;
    if (e.region.empty()) r.region = p.respondent.region;
    e.respondents.push_back(std::move(r));
  }
  return e;
}

Result<ManifestMerge> write_manifest(const std::string& path, const std::vector<ManifestEntry>& entries) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path target(path);
  if (fs::is_directory(target, ec))
    return make_error(path, "is a folder, not a manifest file", "give a file name, e.g. " + (target / "manifest.json").string());
  // Checked before the manifest there is read: a FIFO is never opened.
  Result<OutputFile> output = resolve_output_file(path, kManifestWhat);
  if (!output.ok()) return output.error();
  OrderedJson document;
  if (output.value().exists) {
    // Validate first, so a broken manifest is reported with its line and
    // column and left as it is.
    Result<Manifest> existing = load_manifest(path);
    if (!existing) {
      Diagnostic d = existing.error();
      d.hint = (d.hint.empty() ? std::string() : d.hint + "; ") +
               "the manifest was left unchanged: fix it, or write to another file";
      return d;
    }
    ReadOptions options;
    Diagnostics ignored;
    Result<SourceFile> text = read_source(path, options, ignored);
    if (!text) return text.error();
    document = OrderedJson::parse(text.value().bytes, nullptr, false);
    if (document.is_discarded() || !document.is_object()) return make_error(path, "cannot read the manifest as JSON", "");
  } else {
    document = OrderedJson::object();
    document["description"] =
        "Metadata per file as analyzer found it (analyzer sources --write-manifest). Correct any value, then "
        "ingest again with --manifest: a value given here overrides what analyzer detects.";
  }
  if (!document.contains("files")) document["files"] = OrderedJson::object();
  OrderedJson& files = document["files"];
  ManifestMerge merge;
  for (const ManifestEntry& entry : entries) {
    const OrderedJson fresh = entry_json(entry);
    if (!files.contains(entry.file)) {
      files[entry.file] = fresh;
      ++merge.added;
      continue;
    }
    OrderedJson& old = files[entry.file];
    bool added = add_missing(old, fresh);
    if (old.contains("respondents") && fresh.contains("respondents")) {
      OrderedJson& list = old["respondents"];
      const OrderedJson& found = fresh["respondents"];
      for (std::size_t i = 0; i < list.size() && i < found.size(); ++i) {
        // A detected year/region the entry gives already is not repeated.
        OrderedJson item = found[i];
        for (const char* key : {"year", "region"})
          if (old.contains(key)) item.erase(key);
        added = add_missing(list[i], item) || added;
      }
    }
    ++(added ? merge.completed : merge.unchanged);
  }
  if (Status written = replace_file(path, document.dump(2, ' ', false) + '\n', kManifestWhat); !written.ok())
    return std::move(written).error();
  return merge;
}

}  // namespace analyzer
