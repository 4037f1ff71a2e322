// Another tool's sources as files for ingest: names, metadata, writing.

#include "analyzer/exchange/foreign_sources.hpp"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

#include "analyzer/core/utf8.hpp"
#include "analyzer/exchange/refi_guid.hpp"
#include "analyzer/read/source.hpp"

namespace analyzer::exchange {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxNameBytes = 100;
constexpr int kMaxVariants = 99;

// The file at `path`: its bytes when it exists and is at most `limit`
// bytes, nullopt when missing; "\0other" when larger (never equal to a text).
std::optional<std::string> existing(const std::string& path, std::size_t limit) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::nullopt;
  const auto size = fs::file_size(path, ec);
  if (ec || size > limit) return std::string("\0other", 6);
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

struct Meta {
  std::optional<int> year;
  std::string region;
  std::optional<RespondentType> type;
};

void read_values(const std::vector<RefiVariableValue>& values, const std::map<std::string, std::string>& name_of,
                 Meta& meta) {
  for (const RefiVariableValue& v : values) {
    auto n = name_of.find(canonical_guid(v.variable_guid));
    if (n == name_of.end()) continue;
    const std::string& name = n->second;
    if (name == "År" || name == "Year" || name == "year") {
      std::optional<std::int64_t> y = v.integer;
      if (!y && !v.text.empty() && v.text.find_first_not_of("0123456789") == std::string::npos && v.text.size() <= 4)
        y = std::stoll(v.text);
      if (y && *y >= 1900 && *y <= 2100 && !meta.year) meta.year = static_cast<int>(*y);
    } else if (name == "Region" && meta.region.empty()) {
      meta.region = v.text;
    } else if ((name == "Respondenttyp" || name == "respondent type") && !meta.type) {
      meta.type = parse_respondent_type(v.text);
    }
  }
}

}  // namespace

std::string safe_file_name(const std::string& name) {
  std::string out;
  std::size_t i = 0;
  while (i < name.size()) {
    const auto c = static_cast<unsigned char>(name[i]);
    const utf8::Decoded d = utf8::decode(name, i);
    const std::size_t len = d.length ? d.length : 1;
    std::string piece = name.substr(i, len);
    i += len;
    const bool ascii_ok = c < 0x80 && (std::isalnum(c) || c == ' ' || c == '-' || c == '_' || c == '.');
    const bool non_ascii_ok = c >= 0x80 && d.valid() && d.code_point >= 0xA0;
    if (!ascii_ok && !non_ascii_ok) piece = "_";
    if (out.empty() && (piece == "." || piece == " ")) continue;
    if (out.size() + piece.size() > kMaxNameBytes) break;
    out += piece;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out.empty() ? "source" : out;
}

std::string foreign_folder(const std::string& store_path, const std::string& project_name) {
  fs::path dir = fs::path(store_path).parent_path();
  return (dir / "imported" / safe_file_name(project_name.empty() ? "project" : project_name)).string();
}

Result<std::vector<ForeignFile>> plan_foreign_files(const RefiProject& project,
                                                    const std::set<std::string>& part_guids,
                                                    const std::map<std::string, std::string>& index_sha256,
                                                    const std::string& folder) {
  const std::string file = "project.qde";
  std::map<std::string, std::string> variable_name;
  for (const RefiVariable& v : project.variables) variable_name[canonical_guid(v.guid)] = v.name;
  std::map<std::string, const RefiCase*> case_of;
  for (const RefiCase& c : project.cases)
    for (const std::string& g : c.source_guids) case_of.emplace(canonical_guid(g), &c);

  std::vector<ForeignFile> out;
  std::set<std::string> taken;
  std::size_t total = 0;
  for (std::size_t i = 0; i < project.sources.size(); ++i) {
    const RefiTextSource& s = project.sources[i];
    const std::string guid = canonical_guid(s.guid);
    if (part_guids.count(guid)) continue;
    if (out.size() == kMaxForeignSources)
      return make_error(file, "the project has more than " + std::to_string(kMaxForeignSources) +
                                  " sources that are not in the index",
                        "split the project in the tool that made it");
    if (s.text.size() > kMaxForeignSourceBytes)
      return make_error(file, "source \"" + s.name + "\" has " + std::to_string(s.text.size()) +
                                  " bytes of text, more than the " + std::to_string(kMaxForeignSourceBytes) +
                                  " import takes",
                        "split the source in the tool that made it");
    total += s.text.size();
    if (total > kMaxForeignTotalBytes)
      return make_error(file, "the project's sources hold more than " + std::to_string(kMaxForeignTotalBytes) +
                                  " bytes of text",
                        "split the project in the tool that made it");
    ForeignFile f;
    f.source = i;
    f.text = &s.text;
    if (s.text.empty()) {  // nothing to ingest (ingest refuses empty files), nothing to code
      out.push_back(std::move(f));
      continue;
    }
    const std::string stem = safe_file_name(s.name);
    const std::string sha = sha256_hex(s.text);
    for (int n = 1;; ++n) {
      if (n > kMaxVariants)
        return make_error(folder, "no free file name for source \"" + s.name + "\": " + stem + ".txt to " + stem +
                                      "-" + std::to_string(kMaxVariants) + ".txt all hold other texts",
                          "move the files of an earlier import out of " + folder);
      std::string name = stem + (n == 1 ? "" : "-" + std::to_string(n)) + ".txt";
      if (taken.count(name)) continue;
      auto sha_in_index = index_sha256.find(name);
      if (sha_in_index != index_sha256.end() && sha_in_index->second != sha) continue;
      const std::string path = (fs::path(folder) / name).string();
      std::optional<std::string> there = existing(path, kMaxForeignSourceBytes);
      if (there && *there != s.text) continue;
      f.file_name = name;
      f.path = path;
      f.exists = there.has_value();
      break;
    }
    taken.insert(f.file_name);
    Meta meta;
    read_values(s.values, variable_name, meta);
    auto c = case_of.find(guid);
    if (c != case_of.end()) read_values(c->second->values, variable_name, meta);
    f.year = meta.year;
    f.region = meta.region;
    f.type = meta.type;
    f.respondent = c != case_of.end() && !c->second->name.empty() ? c->second->name : s.name;
    out.push_back(std::move(f));
  }
  return out;
}

Status write_foreign_files(const std::vector<ForeignFile>& files) {
  for (const ForeignFile& f : files) {
    if (f.exists || f.file_name.empty()) continue;
    std::error_code ec;
    fs::create_directories(fs::path(f.path).parent_path(), ec);
    if (ec)
      return make_error(fs::path(f.path).parent_path().string(), "cannot create the folder: " + ec.message(),
                        "check the permissions beside the coding store");
    std::ofstream out(f.path, std::ios::binary | std::ios::trunc);
    out.write(f.text->data(), static_cast<std::streamsize>(f.text->size()));
    out.close();
    if (!out) return make_error(f.path, "cannot write the file", "check the free space and the permissions");
  }
  return {};
}

Manifest foreign_manifest(const std::vector<ForeignFile>& files) {
  Manifest m;
  for (const ForeignFile& f : files) {
    if (f.file_name.empty()) continue;
    ManifestEntry e;
    e.file = f.file_name;
    e.year = f.year;
    e.region = f.region;
    ManifestRespondent r;
    r.name = f.respondent;
    r.type = f.type;
    e.respondents.push_back(r);
    m.by_file[e.file] = m.entries.size();
    m.entries.push_back(std::move(e));
  }
  return m;
}

}  // namespace analyzer::exchange
