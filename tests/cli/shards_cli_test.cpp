// End-to-end tests of sharded indexes: an index written as several shards
// (ingest --shards N), several indexes read as one (--index A --index B),
// and a shard served by Xapian's remote backend (xapian-tcpsrv) through a
// stub file. Each answers exactly what one index of the same files answers.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "cli_support.hpp"

using namespace cli;

namespace {

// `name` inside the folder `dir`.
std::string in(const std::string& dir, const std::string& name) { return dir + "/" + name; }

const std::string kManifest = corpus_file("manifest.json");
const std::vector<std::string> kFiles = {"000_3242b6e7501bd5d8.txt", "001_a66d7b4781e6d6f2.txt",
                                         "002_93ee68d2c458f8dc.txt", "004_bd5c5f46bc7d2672.txt"};

void ingest_into(const std::string& index, const std::vector<std::string>& files, const std::string& shards) {
  std::vector<std::string> args{"ingest", "--index", index, "--shards", shards, "--manifest", kManifest};
  for (const auto& f : files) args.push_back(corpus_file(f));
  RunResult r = run(args);
  INFO(r);
  REQUIRE(r.status == 0);
}

// What the read commands print for `indexes` (each one --index): answers,
// numbers, stats, searches with facets, and the theme report.
std::vector<std::string> views(const std::vector<std::string>& indexes) {
  const std::vector<std::vector<std::string>> commands = {
      {"answers", "--json"},
      {"numbers", "--json"},
      {"stats"},
      {"search", "--format", "json", "--limit", "200", "sip OR team OR vård"},
      {"search", "--format", "json", "--limit", "200", "tema:mobila_team"},
      {"search", "--format", "json", "--limit", "5", "--offset", "3", "\"fast vårdkontakt\" OR hemsjukvård"},
      {"report", "--format", "json", "--by", "year,region"},
  };
  std::vector<std::string> out;
  for (std::vector<std::string> args : commands) {
    for (const auto& index : indexes) {
      args.insert(args.begin() + 1, index);
      args.insert(args.begin() + 1, "--index");
    }
    RunResult r = run(args);
    INFO(r);
    REQUIRE(r.status == 0);
    if (args.front() != "report") {
      out.push_back(r.out);
      continue;
    }
    // The report's provenance names this run (time, command line, --index
    // locations) and reads the files' summaries from metadata; for a Xapian
    // stub database file that lists several databases, that metadata comes
    // from the first database only (Xapian reads metadata of a combined
    // database from its first part). So it is compared without them; its
    // sources must still be files the report counted.
    json report = json::parse(r.out);
    const json& counted = report.at("sources");
    for (const json& s : report.at("provenance").at("sources"))
      CHECK(std::find(counted.begin(), counted.end(), s.at("source")) != counted.end());
    report.erase("provenance");
    out.push_back(report.dump(2));
  }
  return out;
}

// A TCP port nobody listens on now (the kernel's pick for port 0).
int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  close(fd);
  return ntohs(addr.sin_port);
}

bool accepts_connections(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

// xapian-tcpsrv serving `database` on a free port until destroyed.
class TcpServer {
 public:
  explicit TcpServer(const std::string& database) : port_(free_port()) {
    pid_ = fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      int null = open("/dev/null", O_WRONLY);
      dup2(null, 1);
      dup2(null, 2);
      const std::string port = std::to_string(port_);
      execlp("xapian-tcpsrv", "xapian-tcpsrv", "--interface", "127.0.0.1", "--port", port.c_str(), "--quiet",
             database.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    for (int i = 0; i < 200 && !accepts_connections(port_); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  ~TcpServer() {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  int port() const { return port_; }

 private:
  int port_;
  pid_t pid_ = -1;
};

}  // namespace

TEST_CASE("an index of two shards answers like an index of one: records, stats, search, facets, report") {
  TempDir tmp;
  ingest_into(tmp / "one", kFiles, "1");
  ingest_into(tmp / "two", kFiles, "2");
  CHECK(fs::exists(in(tmp / "one", "iamglass")));
  CHECK(read_file(in(tmp / "two", "XAPIANDB")) == "glass shard-0\nglass shard-1\n");
  // Both shards got files: the work was shared.
  for (const std::string shard : {"shard-0", "shard-1"})
    CHECK_FALSE(answers(in(tmp / "two", shard)).empty());
  const auto one = views({tmp / "one"});
  const auto two = views({tmp / "two"});
  REQUIRE(one.size() == two.size());
  for (std::size_t i = 0; i < one.size(); ++i) {
    INFO("view " << i);
    CHECK(one[i] == two[i]);
  }
}

TEST_CASE("several --index options are read as one index of all their files") {
  TempDir tmp;
  ingest_into(tmp / "all", kFiles, "1");
  ingest_into(tmp / "a", {kFiles[0], kFiles[1]}, "1");
  ingest_into(tmp / "b", {kFiles[2], kFiles[3]}, "2");
  const auto all = views({tmp / "all"});
  const auto parts = views({tmp / "a", tmp / "b"});
  for (std::size_t i = 0; i < all.size(); ++i) {
    INFO("view " << i);
    CHECK(all[i] == parts[i]);
  }
}

TEST_CASE("a shard served by xapian-tcpsrv, named in a stub file, is searched like the local shard") {
  TempDir tmp;
  ingest_into(tmp / "two", kFiles, "2");
  TcpServer server(in(tmp / "two", "shard-1"));
  write_file(tmp / "remote.stub", "remote 127.0.0.1:" + std::to_string(server.port()) + "\n");
  for (const std::vector<std::string>& query :
       {std::vector<std::string>{"sip OR team OR vård"}, {"tema:sip", "--year", "2023"}}) {
    std::vector<std::string> local{"search", "--format", "json", "--limit", "200",
                                   "--index", in(tmp / "two", "shard-0"), "--index", in(tmp / "two", "shard-1")};
    std::vector<std::string> remote{"search", "--format", "json", "--limit", "200",
                                    "--index", in(tmp / "two", "shard-0"), "--index", tmp / "remote.stub"};
    local.insert(local.end(), query.begin(), query.end());
    remote.insert(remote.end(), query.begin(), query.end());
    RunResult l = run(local), r = run(remote);
    INFO(l);
    INFO(r);
    REQUIRE(l.status == 0);
    REQUIRE(r.status == 0);
    CHECK(json::parse(l.out)["total"].get<int>() > 0);
    CHECK(l.out == r.out);
  }
}

TEST_CASE("a stub file listing the shards, local or remote, reads like the index directory, report included") {
  TempDir tmp;
  ingest_into(tmp / "two", kFiles, "2");
  const auto dir = views({tmp / "two"});
  // Local shards, relative to the stub's folder: every view is the same.
  write_file(tmp / "local.stub", "# both shards\nglass two/shard-0\nauto two/shard-1\n");
  CHECK(views({tmp / "local.stub"}) == dir);
  // One local and one remote database in one stub: Xapian gives the
  // metadata of the first only, so the report reads the answers instead of
  // the stored tallies, and comes out the same.
  TcpServer server(in(tmp / "two", "shard-1"));
  write_file(tmp / "mixed.stub",
             "glass " + in(tmp / "two", "shard-0") + "\nremote 127.0.0.1:" + std::to_string(server.port()) + "\n");
  const auto mixed = views({tmp / "mixed.stub"});
  CHECK(mixed[0] == dir[0]);  // answers
  CHECK(mixed[3] == dir[3]);  // a search
  CHECK(mixed[6] == dir[6]);  // the report
}

TEST_CASE("a changed file is re-ingested into the shard that holds it, never into both") {
  TempDir tmp;
  const std::string corpus = tmp / "corpus";
  for (const auto& f : kFiles) copy_file(corpus_file(f), in(corpus, f));
  copy_file(kManifest, in(corpus, "manifest.json"));
  RunResult first = run({"ingest", "--index", tmp / "idx", "--shards", "2", corpus});
  REQUIRE(first.status == 0);
  const std::size_t before = answers(tmp / "idx").size();
  // Change every file (a line appended), then ingest again: each goes back
  // to its own shard, so every answer is there once.
  for (const auto& f : kFiles) write_file(in(corpus, f), read_file(in(corpus, f)) + "\n");
  RunResult second = run({"ingest", "--index", tmp / "idx", corpus});
  INFO(second);
  REQUIRE(second.status == 0);
  CHECK(answers(tmp / "idx").size() == before);
  for (const auto& f : kFiles) {
    const std::size_t in0 = count_source(answers(in(tmp / "idx", "shard-0")), f);
    const std::size_t in1 = count_source(answers(in(tmp / "idx", "shard-1")), f);
    INFO(f);
    CHECK((in0 == 0 || in1 == 0));
  }
}

TEST_CASE("ingest refuses an index whose stub lists a database it cannot write, and writes nothing") {
  TempDir tmp;
  fs::create_directories(tmp / "idx");
  write_file(in(tmp / "idx", "XAPIANDB"), "remote 127.0.0.1:1\n");
  RunResult r = run({"ingest", "--index", tmp / "idx", kCorpora});
  INFO(r);
  CHECK(r.status == 3);
  CHECK(contains(r.err, "XAPIANDB"));
  CHECK(contains(r.err, "cannot write"));
  CHECK(read_file(in(tmp / "idx", "XAPIANDB")) == "remote 127.0.0.1:1\n");
  CHECK(std::distance(fs::directory_iterator(tmp / "idx"), fs::directory_iterator()) == 1);
}

TEST_CASE("the shard count of ingest --shards must be a whole number from 1 to 64") {
  TempDir tmp;
  for (const std::string bad : {"0", "65", "two", ""}) {
    RunResult r = run({"ingest", "--index", tmp / "idx", "--shards", bad, kCorpora});
    INFO(r);
    CHECK(r.status == 2);
    CHECK(contains(r.err, "--shards takes a whole number from 1 to 64"));
  }
  CHECK_FALSE(fs::exists(tmp / "idx"));
}
