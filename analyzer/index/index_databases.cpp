// Index layout and opening several databases as one (index_databases.hpp).

#include "analyzer/index/index_databases.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <system_error>

#include "analyzer/core/file_replace.hpp"
#include "analyzer/index/reopen_retry.hpp"
#include "analyzer/index/schema.hpp"

namespace analyzer::index_layout {

namespace {

// The lines of the stub behind `location` (the file itself, or a
// directory's XAPIANDB) as (type, argument) pairs, blank lines and '#'
// comments skipped, with the directory relative paths start from; no lines
// when there is no stub.
struct StubLines {
  std::filesystem::path dir;
  std::vector<std::pair<std::string, std::string>> lines;
};

StubLines read_stub(const std::string& location) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const bool is_dir = fs::is_directory(location, ec);
  const fs::path stub = is_dir ? fs::path(location) / kStubFile : fs::path(location);
  StubLines out{is_dir ? fs::path(location) : stub.parent_path(), {}};
  if (!fs::is_regular_file(stub, ec)) return out;
  std::ifstream in(stub);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    std::istringstream fields(line);
    std::string type, argument;
    fields >> type;
    std::getline(fields >> std::ws, argument);
    out.lines.emplace_back(std::move(type), std::move(argument));
  }
  return out;
}

// Whether `location` is a stub with a "remote" line.
bool names_remote_database(const std::string& location) {
  for (const auto& [type, argument] : read_stub(location).lines)
    if (type == "remote") return true;
  return false;
}

// Whether `path` (a regular file) is a single-file glass database, as
// Xapian 1.4 tells one from a stub file: a size that is a non-zero multiple
// of 2048 and the glass magic at the start.
bool is_single_file_glass(const std::string& path) {
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec || size == 0 || size % 2048 != 0) return false;
  static constexpr char kMagic[] = "\x0f\x0dXapian Glass";
  char start[sizeof kMagic - 1] = {};
  std::ifstream in(path, std::ios::binary);
  return in.read(start, sizeof start) && std::memcmp(start, kMagic, sizeof start) == 0;
}

// The stub file Xapian reads when it opens `path` without a backend named
// (Xapian::Database(path), an "auto" line): the file itself when it is a
// regular file and not a single-file database, else DIR/XAPIANDB of a
// directory without a database of its own. None for anything else (missing
// paths included: Xapian reports those).
std::optional<std::string> stub_behind(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec) return std::nullopt;
  if (fs::is_regular_file(status)) {
    if (is_single_file_glass(path)) return std::nullopt;
    return path;
  }
  if (!fs::is_directory(status)) return std::nullopt;
  const std::string dir = path.empty() || path.back() == '/' ? path : path + '/';
  if (fs::is_regular_file(dir + "iamglass", ec) || fs::is_regular_file(dir + "iamchert", ec)) return std::nullopt;
  if (fs::is_regular_file(dir + kStubFile, ec)) return dir + kStubFile;
  return std::nullopt;
}

// Follows stub files depth first, in the order Xapian opens them, keeping
// the chain from the first stub to the current one. A stub already checked
// without a problem is not read again (a stub listed by many others costs
// one read), unless the chain is now long enough for it to go too deep.
class StubChain {
 public:
  // Checks `stub` and every stub it leads to; `height` is set to the
  // longest chain of stubs starting at it (1 when it leads to none).
  Status enter(const std::string& stub, std::size_t& height) {
    namespace fs = std::filesystem;
    std::error_code ec;
    std::string key = fs::canonical(stub, ec).string();
    if (ec) key = fs::absolute(stub, ec).lexically_normal().string();
    for (std::size_t i = 0; i < chain_.size(); ++i)
      if (chain_[i].key == key) return loop(i, stub);
    if (auto known = checked_.find(key);
        known != checked_.end() && chain_.size() + known->second <= kMaxStubDepth) {
      height = known->second;
      return {};
    }
    if (chain_.size() == kMaxStubDepth) return too_deep(stub);
    std::ifstream in(stub, std::ios::binary);
    height = 1;
    if (!in) return {};  // Xapian says it cannot open the stub
    chain_.push_back({stub, key, 0});
    std::string line;
    std::size_t line_number = 0;
    // Read as Xapian's open_stub does: '\n' ends a line, the type runs to
    // the first space, everything after that space is the argument.
    while (std::getline(in, line)) {
      ++line_number;
      if (line.empty() || line[0] == '#') continue;
      const std::size_t space = line.find(' ');
      const std::string type = line.substr(0, space);
      const std::string argument = space == std::string::npos ? std::string() : line.substr(space + 1);
      if (type == "auto") {
        chain_.back().line = line_number;
        // Relative to the stub's directory, as Xapian's resolve_relative_path.
        std::string target = argument;
        if (target.empty() || target[0] != '/') {
          const std::size_t slash = stub.rfind('/');
          if (slash != std::string::npos) target.insert(0, stub, 0, slash + 1);
        }
        if (auto next = stub_behind(target)) {
          std::size_t below = 0;
          if (Status s = enter(*next, below); !s.ok()) return s;
          height = std::max(height, below + 1);
        }
        continue;
      }
      if (type == "glass" || type == "chert" || type == "remote" || (type == "inmemory" && argument.empty()))
        continue;
      break;  // Xapian stops at this line ("Bad line") and opens nothing after it
    }
    chain_.pop_back();
    checked_[key] = height;
    return {};
  }

 private:
  struct Link {
    std::string file;  // the stub file as the chain named it
    std::string key;   // its canonical path
    std::size_t line;  // the "auto" line followed to the next stub
  };

  // "A:1 -> B:3 -> last", the chain from link `from` on.
  std::string render(std::size_t from, const std::string& last) const {
    std::string out;
    for (std::size_t i = from; i < chain_.size(); ++i)
      out += chain_[i].file + ':' + std::to_string(chain_[i].line) + " -> ";
    return out + last;
  }

  Diagnostic at_last_link(std::string message, std::string hint) const {
    Diagnostic d = make_error(chain_.back().file, std::move(message), std::move(hint));
    d.line = chain_.back().line;
    return d;
  }

  // `again` is the stub of link `first`, reached a second time.
  Diagnostic loop(std::size_t first, const std::string& again) const {
    std::string message = "the stub file " + chain_[first].file + " refers back to itself";
    for (std::size_t i = first + 1; i < chain_.size(); ++i)
      message += (i == first + 1 ? " through " : ", ") + chain_[i].file;
    return at_last_link(message + " (" + render(first, again) + "); Xapian would follow the loop until it crashes",
                        "fix the stub so that none of its \"auto\" lines leads back to it");
  }

  Diagnostic too_deep(const std::string& next) const {
    return at_last_link("stub files nest more than " + std::to_string(kMaxStubDepth) + " deep (" +
                            render(0, next) + ")",
                        "list the databases in fewer levels of stub files (at most " +
                            std::to_string(kMaxStubDepth) + ")");
  }

  std::vector<Link> chain_;
  std::map<std::string, std::size_t> checked_;  // canonical path -> height, for stubs without a problem
};

}  // namespace

Status check_stub_chain(const std::string& location) {
  const std::optional<std::string> stub = stub_behind(location);
  if (!stub) return {};
  std::size_t height = 0;
  return StubChain().enter(*stub, height);
}

std::vector<std::string> local_shards(const std::string& location) {
  const StubLines stub = read_stub(location);
  std::vector<std::string> shards;
  for (const auto& [type, path] : stub.lines) {
    if ((type != "glass" && type != "auto") || path.empty()) return {};
    const std::filesystem::path p(path);
    shards.push_back(p.is_absolute() ? p.string() : (stub.dir / p).string());
  }
  return shards;
}

Status write_stub(const std::string& dir, const std::vector<std::string>& shard_names) {
  std::string lines;
  for (const std::string& name : shard_names) lines += "glass " + name + '\n';
  return replace_file((std::filesystem::path(dir) / kStubFile).string(), lines, "the index's shard list");
}

void OpenedIndex::reopen() {
  for (Xapian::Database& part : parts) part.reopen();
  db.reopen();
}

Result<OpenedIndex> open_for_reading(const std::vector<std::string>& locations) {
  OpenedIndex out;
  for (const std::string& location : locations) {
    if (!out.label.empty()) out.label += ", ";
    out.label += location;
    // Every path below goes to Xapian::Database, which follows stubs without a bound.
    if (Status s = check_stub_chain(location); !s.ok()) return std::move(s).error();
    std::vector<std::string> paths = local_shards(location);
    if (paths.empty()) {
      paths = {location};
      out.any_remote = out.any_remote || names_remote_database(location);
    }
    for (const std::string& path : paths) {
      if (path != location)
        if (Status s = check_stub_chain(path); !s.ok()) return std::move(s).error();
      try {
        Xapian::Database part(path);
        Status usable = schema::check_schema(location, part.get_metadata(std::string(schema::kMetaSchema)),
                                             part.get_doccount() > 0);
        if (!usable.ok()) return std::move(usable).error();
        out.db.add_database(part);
        out.parts.push_back(std::move(part));
        out.part_paths.push_back(path);
      } catch (const Xapian::DatabaseNotFoundError&) {
        // A missing directory, or one without a Xapian database in it.
        return make_error("", "no index at " + path, "run `analyzer ingest PATH` first");
      } catch (const Xapian::DatabaseVersionError& e) {
        return make_error("", "index at " + path + " was written by an incompatible Xapian version: " + e.get_msg(),
                          "delete " + location + " and run `analyzer ingest PATH` again");
      } catch (const Xapian::NetworkError& e) {
        return make_error("", "cannot reach the index at " + path + ": " + e.get_msg(),
                          "check that xapian-tcpsrv is running at the address the stub file gives");
      } catch (const Xapian::Error& e) {
        return make_error("", "cannot open the index at " + path + ": " + e.get_msg(),
                          "check that " + location + " is an analyzer index directory");
      }
    }
  }
  return out;
}

IndexError read_error(const std::string& label, const Xapian::Error& e) {
  if (std::string_view(e.get_type()).substr(0, 7) == "Network")  // NetworkError, NetworkTimeoutError
    return IndexError("cannot read the index at " + label + ": a remote database stopped answering: " + e.get_msg(),
                      "check that xapian-tcpsrv is running at the address the stub file gives");
  return IndexError("cannot read the index at " + label + ": " + e.get_description(),
                    "the index is damaged: check it with xapian-check, or delete it and run "
                    "`analyzer ingest PATH` again");
}

IndexError record_error(const std::string& label, const std::exception& e) {
  return IndexError("cannot read the index at " + label + ": a stored record is damaged: " + e.what(),
                    "delete the index and run `analyzer ingest PATH` again");
}

}  // namespace analyzer::index_layout
