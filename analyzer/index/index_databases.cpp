// Index layout and opening several databases as one (index_databases.hpp).

#include "analyzer/index/index_databases.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

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

}  // namespace

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

Result<bool> write_stub(const std::string& dir, const std::vector<std::string>& shard_names) {
  const std::filesystem::path stub = std::filesystem::path(dir) / kStubFile;
  const std::filesystem::path tmp = stub.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    for (const std::string& name : shard_names) out << "glass " << name << '\n';
    out.flush();
    if (!out) return make_error(tmp.string(), "cannot write the index's shard list", "check that " + dir + " is writable");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, stub, ec);
  if (ec) return make_error(stub.string(), "cannot write the index's shard list: " + ec.message(),
                            "check that " + dir + " is writable");
  return true;
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
    std::vector<std::string> paths = local_shards(location);
    if (paths.empty()) {
      paths = {location};
      out.any_remote = out.any_remote || names_remote_database(location);
    }
    for (const std::string& path : paths) {
      try {
        Xapian::Database part(path);
        if (auto problem = schema::check_schema(location, part.get_metadata(std::string(schema::kMetaSchema)),
                                                part.get_doccount() > 0))
          return *problem;
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

}  // namespace analyzer::index_layout
