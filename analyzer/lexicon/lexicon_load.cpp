// load_lexicons: files and folders of lexicon files → LexiconLoad.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <system_error>

#include "analyzer/core/file_bytes.hpp"
#include "analyzer/core/json_checker.hpp"
#include "analyzer/lexicon/lexicon.hpp"

namespace analyzer {

namespace fs = std::filesystem;

namespace {

// No lexicon comes near this; a bigger file is a wrong path.
constexpr std::uintmax_t kMaxLexiconBytes = 16u * 1024u * 1024u;

// Ok when the folder entry `entry` (named *.json) is read as a lexicon;
// failed with why not otherwise: a hidden file (".x.json": editor and
// macOS "._" files; a warning), a folder (warning), a symbolic link to
// nothing or a loop of links (an error: a theme would be missing), anything
// else that is not a regular file (warning).
Status check_lexicon_file(const fs::directory_entry& entry) {
  const std::string path = entry.path().string();
  if (entry.path().filename().string().front() == '.')
    return make_warning(path, "hidden file, not read as a lexicon", "rename it without the leading dot to use it");
  std::error_code ec;
  const fs::file_status status = entry.status(ec);  // follows symbolic links
  if (ec || !fs::exists(status)) {
    std::error_code link_ec;
    const bool link = entry.is_symlink(link_ec);
    if (link && ec == std::errc::too_many_symbolic_link_levels)
      return make_error(path, "symbolic link loop, not read", "point the link at a lexicon file or remove it");
    if (link)
      return make_error(path, "symbolic link to a file that does not exist, not read",
                        "point the link at a lexicon file or remove it");
    return make_error(path, "cannot look at this file: " + ec.message(), "check its permissions");
  }
  if (fs::is_directory(status))
    return make_warning(path, "is a folder, not a lexicon file; not read", "lexicon folders are not searched recursively");
  if (!fs::is_regular_file(status))
    return make_warning(path, "is not a regular file, not read", "put the lexicon in a regular file");
  return {};
}

// The lexicon files named by `paths` (folders expanded), in order;
// problems go to `diagnostics`.
std::vector<std::string> lexicon_files(const std::vector<std::string>& paths, Diagnostics& diagnostics) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (!fs::is_directory(status)) {
      if (fs::exists(status)) {
        files.push_back(path);
      } else {
        diagnostics.push_back(make_error(path, "no such file or folder",
                                         "give a lexicon file (*.json) or a folder of them"));
      }
      continue;
    }
    std::vector<std::string> names;
    for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (!name.ends_with(".json")) continue;  // README.md, ...
      if (Status lexicon_file = check_lexicon_file(*it); !lexicon_file.ok()) {
        diagnostics.push_back(std::move(lexicon_file).error());
        continue;
      }
      names.push_back(name);
    }
    if (ec) {
      diagnostics.push_back(make_error(path, "cannot list the folder: " + ec.message(),
                                       "check the folder's permissions"));
      continue;
    }
    if (names.empty()) {
      diagnostics.push_back(make_error(path, "the folder has no lexicon files (*.json)",
                                       "check that this is the lexicons folder"));
      continue;
    }
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) files.push_back((fs::path(path) / name).string());
  }
  return files;
}

}  // namespace

bool LexiconLoad::ok() const {
  return std::none_of(diagnostics.begin(), diagnostics.end(),
                      [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

LexiconLoad load_lexicons(const std::vector<std::string>& paths) {
  LexiconLoad load;
  std::set<fs::path> seen_files;
  std::map<std::string, std::string> file_of_id;
  for (const std::string& file : lexicon_files(paths, load.diagnostics)) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(file, ec);
    if (!seen_files.insert(ec ? fs::path(file) : canonical).second) continue;  // named twice

    Result<std::string> text = read_file_bytes(file, {kMaxLexiconBytes, "lexicon"});
    if (!text) {
      load.diagnostics.push_back(text.error());
      continue;
    }
    LexiconLoad one = parse_lexicon(text.value(), file);
    for (Diagnostic& d : one.diagnostics) load.diagnostics.push_back(std::move(d));
    for (Lexicon& lexicon : one.lexicons) {
      const auto [first, inserted] = file_of_id.try_emplace(lexicon.id, file);
      if (!inserted) {
        Diagnostic d = make_error(file, "the lexicon id " + in_quotes(lexicon.id) + " is also the id of " +
                                            first->second,
                                  "each theme has one lexicon: remove one of the files or give it another id");
        d.line = lexicon.where.line;
        d.column = lexicon.where.column;
        load.diagnostics.push_back(std::move(d));
        continue;
      }
      load.lexicons.push_back(std::move(lexicon));
    }
  }
  std::sort(load.lexicons.begin(), load.lexicons.end(),
            [](const Lexicon& a, const Lexicon& b) { return a.id < b.id; });
  return load;
}

}  // namespace analyzer
