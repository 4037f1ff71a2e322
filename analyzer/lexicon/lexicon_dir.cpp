// find_lexicon_dir: where the shipped theme lexicons are.
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "analyzer/core/json_checker.hpp"
#include "analyzer/lexicon/lexicon.hpp"

namespace analyzer {

namespace fs = std::filesystem;

namespace {

// Why `dir` is not a lexicons folder, or empty when it is one (a folder
// holding at least one *.json file).
std::string why_not_lexicon_dir(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return "does not exist";
  if (!fs::is_directory(dir, ec)) return "is not a folder";
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (it->path().extension() == ".json" && it->is_regular_file(type_ec)) return {};
  }
  return ec ? "cannot be listed: " + ec.message() : "has no *.json files";
}

// The executable's path made absolute with symbolic links resolved, so an
// installed symlink leads to the real install tree.
fs::path real_executable(const std::string& exe_path) {
  std::error_code ec;
  fs::path exe = fs::absolute(exe_path, ec);
  if (ec) exe = exe_path;
  const fs::path resolved = fs::weakly_canonical(exe, ec);
  return ec ? exe.lexically_normal() : resolved;
}

}  // namespace

Result<std::string> find_lexicon_dir(const LexiconDirPlaces& places) {
  if (!places.explicit_dir.empty()) {
    std::error_code ec;
    if (fs::is_directory(places.explicit_dir, ec)) return places.explicit_dir;
    return make_error("", "the lexicons folder " + in_quotes(places.explicit_dir) +
                              (fs::exists(places.explicit_dir, ec) ? " is not a folder" : " does not exist"),
                      "check the folder given with --lexicons");
  }

  std::vector<std::string> tried;
  const auto try_dir = [&tried](const fs::path& dir, const std::string& label) -> std::optional<std::string> {
    const std::string why = why_not_lexicon_dir(dir);
    if (why.empty()) return dir.string();
    tried.push_back(label + in_quotes(dir.string()) + " (" + why + ")");
    return std::nullopt;
  };

  if (places.env_dir.empty()) {
    tried.push_back("$ANALYZER_LEXICONS (not set)");
  } else if (auto dir = try_dir(places.env_dir, "$ANALYZER_LEXICONS=")) {
    return *dir;
  }
  if (places.exe_path.empty()) {
    tried.push_back("the folder beside the executable (its path is unknown)");
  } else {
    const fs::path bin = real_executable(places.exe_path).parent_path();
    if (auto dir = try_dir((bin / ".." / ".." / "lexicons").lexically_normal(), "")) return *dir;
    if (auto dir = try_dir((bin / ".." / "share" / "analyzer" / "lexicons").lexically_normal(), "")) return *dir;
  }
  if (!places.source_dir.empty()) {
    if (auto dir = try_dir(fs::path(places.source_dir).lexically_normal(), "")) return *dir;
  }

  std::string list;
  for (const std::string& place : tried) list += (list.empty() ? "" : ", ") + place;
  return make_error("", "cannot find the theme lexicons; tried " + list,
                    "pass --lexicons DIR or set ANALYZER_LEXICONS to the folder of *.json lexicon files");
}

Result<std::string> find_lexicon_dir(const std::string& explicit_dir, const std::string& exe_path) {
  LexiconDirPlaces places;
  places.explicit_dir = explicit_dir;
  if (const char* env = std::getenv("ANALYZER_LEXICONS")) places.env_dir = env;
  places.exe_path = exe_path;
  if (exe_path.empty() || exe_path.find('/') == std::string::npos) {
    // argv[0] without a slash was found on $PATH: ask the kernel instead.
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    places.exe_path = ec ? std::string() : self.string();
  }
#ifdef ANALYZER_SOURCE_LEXICONS
  places.source_dir = ANALYZER_SOURCE_LEXICONS;
#endif
  return find_lexicon_dir(places);
}

}  // namespace analyzer
