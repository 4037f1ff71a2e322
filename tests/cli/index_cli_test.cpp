// End-to-end tests of what issue 11 found in the index stage: a changed file
// re-ingested into an index of answers only (item 1), a full disk (item 2),
// invalid UTF-8 in free text from the command line (item 9), queries
// without bounds (item 10), and stub files that lead back to themselves.

#include <sys/resource.h>

#include <catch2/catch.hpp>

#include <algorithm>

#include "cli_support.hpp"

using namespace cli;

namespace {

// A survey file of `forms` municipal forms of 25 answered questions each;
// every answer reads "Vi har <practice> och mobila team i kommun K, svar Q.",
// so each mentions two themes and the file has no numeric item.
std::string survey(int forms, const std::string& practice) {
  std::string out;
  for (int k = 0; k < forms; ++k) {
    out += "Enkät till kommuner, uppföljning god och nära vård\n\nDenna redovisning avser Halland\n\nKommun: Kommun " +
           std::to_string(k) + "\n\n";
    for (int q = 1; q <= 25; ++q)
      out += std::to_string(q) + ". Beskriv arbetet med fråga " + std::to_string(q) +
             " inom omställningen?\nBeskriv med max 1000 tecken.\nVi har " + practice + " och mobila team i kommun " +
             std::to_string(k) + ", svar " + std::to_string(q) + ".\n\n";
  }
  return out;
}

std::size_t count_lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

// Runs `analyzer ARGS...` under a file size limit of `bytes` (RLIMIT_FSIZE,
// inherited by the child; SIGXFSZ ignored, so a write past it fails with
// EFBIG as on a full disk). The limit is lifted again before returning.
RunResult run_with_file_size_limit(const std::vector<std::string>& args, rlim_t bytes) {
  struct rlimit old;
  REQUIRE(getrlimit(RLIMIT_FSIZE, &old) == 0);
  auto old_handler = signal(SIGXFSZ, SIG_IGN);
  struct rlimit limited{bytes, old.rlim_max};
  REQUIRE(setrlimit(RLIMIT_FSIZE, &limited) == 0);
  RunResult r = run(args);
  setrlimit(RLIMIT_FSIZE, &old);
  signal(SIGXFSZ, old_handler);
  return r;
}

std::uintmax_t largest_file(const std::string& dir) {
  std::uintmax_t largest = 0;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file()) largest = std::max(largest, e.file_size());
  return largest;
}

}  // namespace

TEST_CASE("after one word of one file changes and is re-ingested, every command reads the index of 1,025 answers") {
  // 1,025 answers and no numeric item: the kind term "XKanswer" is in every
  // document, in one shard, and its posting list spans two chunks; Xapian
  // 1.4.22 then threw "Unexpected end of posting list" (exit 3) for
  // `answers --json` after the re-ingest. 1,000 answers do not reproduce it.
  TempDir tmp;
  const std::string corpus = tmp / "corpus", index = tmp / "idx";
  write_file(corpus + "/a.txt", survey(40, "fast vårdkontakt"));
  write_file(corpus + "/b.txt", survey(1, "fast vårdkontakt"));
  RunResult first = run({"ingest", "--index", index, "--shards", "1", corpus});
  INFO(first);
  REQUIRE(first.status == 0);
  std::string b = survey(1, "fast vårdkontakt");
  b.replace(b.find("fast vårdkontakt"), std::string("fast vårdkontakt").size(), "fast omsorgskontakt");
  write_file(corpus + "/b.txt", b);
  RunResult again = run({"ingest", "--index", index, corpus});
  INFO(again);
  REQUIRE(again.status == 0);
  REQUIRE(contains(again.out, "files: 1 ingested, 1 unchanged"));

  auto ok = [&](std::vector<std::string> args) {
    args.insert(args.begin() + 1, {"--index", index});
    RunResult r = run(args);
    INFO(args[0] << "\n" << r);
    CHECK(r.status == 0);
    return r.out;
  };
  CHECK(count_lines(ok({"answers", "--json"})) == 1025);
  CHECK(count_lines(ok({"mentions", "--json"})) == 2 * 1025);
  CHECK(count_lines(ok({"numbers", "--json"})) == 0);
  CHECK(contains(ok({"report"}), "1025 svar"));
  ok({"excerpts", "--theme", "mobila_team"});
  for (const std::string query : {"", "och", "region:halland"}) {
    const json j = json::parse(ok({"search", "--format", "json", "--limit", "2000", query}));
    CHECK(j["total"] == 1025);
    CHECK(j["hits"].size() == 1025);
  }
  CHECK(json::parse(ok({"search", "--format", "json", "omsorgskontakt"}))["total"] == 1);
}

TEST_CASE("ingest with too little room fails the file with a summary and exit 1, and the index keeps what it had") {
  TempDir tmp;
  const std::string index = tmp / "idx";
  write_file(tmp / "small.txt", survey(1, "fast vårdkontakt"));
  write_file(tmp / "large.txt", survey(40, "fast vårdkontakt"));
  REQUIRE(run({"ingest", "--index", index, "--shards", "1", tmp / "small.txt"}).status == 0);

  // 512 KB above the largest file of the index: the 1,000 answers of
  // large.txt need more. Before: SIGABRT (exit 134, "terminate called after
  // throwing an instance of 'Xapian::DatabaseError'") from inside
  // commit_transaction, no summary (so from +384 KB to +1 MB; from +1.5 MB
  // the file fitted).
  RunResult r = run_with_file_size_limit({"ingest", "--index", index, tmp / "large.txt"},
                                         largest_file(index) + (512u << 10));
  INFO(r);
  CHECK(r.status == 1);
  CHECK(contains(r.out, "files: 0 ingested, 0 unchanged (skipped), 1 failed"));
  CHECK(contains(r.all(), "large.txt"));
  CHECK(contains(r.all(), "not enough room for the index"));
  CHECK(contains(r.all(), "ulimit -f"));

  RunResult answers = run({"answers", "--json", "--index", index});
  CHECK(answers.status == 0);
  CHECK(count_lines(answers.out) == 25);
  // With room again, the file goes in.
  CHECK(run({"ingest", "--index", index, tmp / "large.txt"}).status == 0);
  CHECK(count_lines(run({"answers", "--json", "--index", index}).out) == 1025);
}

TEST_CASE("free text that is not UTF-8 is a usage error naming the byte, in every search format and lexicon explain") {
  TempDir tmp;
  const std::string index = tmp / "idx";
  write_file(tmp / "small.txt", survey(1, "fast vårdkontakt"));
  REQUIRE(run({"ingest", "--index", index, tmp / "small.txt"}).status == 0);
  for (const std::string format : {"json", "table", "md"}) {
    RunResult r = run({"search", "--index", index, "--format", format, "--", "mobila \xff"});
    INFO(format << "\n" << r);
    CHECK(r.status == 2);
    CHECK(contains(r.err, "the query is not valid UTF-8: byte 7"));
    CHECK_FALSE(contains(r.err, "internal error"));
  }
  RunResult region = run({"search", "--index", index, "--format", "json", "--region", "Hal\xffland", "mobila"});
  INFO(region);
  CHECK(region.status == 2);
  CHECK(contains(region.err, "the value of --region is not valid UTF-8: byte 3"));
  RunResult explain = run({"lexicon", "explain", "mobila \xff team"});
  INFO(explain);
  CHECK(explain.status == 2);
  CHECK(contains(explain.err, "TEXT is not valid UTF-8: byte 7"));
}

TEST_CASE("queries over the stated limits exit 2 at once, naming the limit") {
  TempDir tmp;
  const std::string index = tmp / "idx";
  write_file(tmp / "small.txt", survey(1, "fast vårdkontakt"));
  REQUIRE(run({"ingest", "--index", index, tmp / "small.txt"}).status == 0);
  auto joined = [](int n, const std::string& word, const std::string& sep) {
    std::string out;
    for (int i = 0; i < n; ++i) out += (i ? sep : "") + word;
    return out;
  };
  // The three queries of the issue (over 300 s and 2 GB, 33 s, 12 s before).
  struct Case {
    std::string query, message;
  };
  const std::vector<Case> cases = {
      {joined(2400, "a*", " OR "), "bytes (at most 1024)"},
      {joined(12000, "v", " NEAR "), "bytes (at most 1024)"},  // one argument holds 128 KB at most
      {"\"" + joined(20000, "v", " ") + "\"", "bytes (at most 1024)"},
      {joined(9, "v*", " OR "), "9 wildcards (at most 8)"},
      {"\"" + joined(17, "vård", " ") + "\"", "17 words (at most 16)"},
      {joined(65, "vård", " OR "), "65 words (at most 64)"},
  };
  for (const Case& c : cases) {
    RunResult r = run({"search", "--index", index, "--format", "json", c.query});
    INFO(c.query.substr(0, 60) << "\n" << r);
    CHECK(r.status == 2);
    CHECK(contains(r.err, "the query is too large"));
    CHECK(contains(r.err, c.message));
  }
  RunResult help = run({"search", "--help"});
  CHECK(contains(help.out, "Limits: a query of at most 1024 bytes"));
}

TEST_CASE("a stub file or index folder that refers back to itself stops every index command with exit 3, not a crash") {
  TempDir tmp;
  write_file(tmp / "small.txt", survey(1, "fast vårdkontakt"));
  const std::string self = tmp / "sa.stub", dir = tmp / "stubdir";
  write_file(self, "auto sa.stub\n");
  write_file(dir + "/XAPIANDB", "auto " + dir + "\n");
  const std::vector<std::vector<std::string>> commands = {
      {"report"}, {"search", "sip"}, {"answers"}, {"numbers"}, {"stats"}, {"mentions"}, {"excerpts", "--theme", "sip"}};
  for (const std::string& index : {self, dir}) {
    const std::string stub = index == dir ? dir + "/XAPIANDB" : self;
    const std::string message = stub + ":1: error: the stub file " + stub + " refers back to itself";
    for (std::vector<std::string> args : commands) {
      args.insert(args.begin() + 1, {"--index", index});
      RunResult r = run(args);
      INFO(args[0] << " --index " << index << "\n" << r);
      CHECK(r.status == 3);
      CHECK(contains(r.err, message));
    }
    RunResult ingest = run({"ingest", "--index", index, tmp / "small.txt"});
    INFO("ingest --index " << index << "\n" << ingest);
    CHECK(ingest.status == 3);
    CHECK(contains(ingest.err, message));
  }
  CHECK(read_file(dir + "/XAPIANDB") == "auto " + dir + "\n");
  CHECK_FALSE(fs::exists(dir + "/shard-0"));
}

TEST_CASE("an index damaged after it was opened stops a search with exit 3 and says what to do, not internal error") {
  TempDir tmp;
  write_file(tmp / "small.txt", survey(1, "fast vårdkontakt"));
  const std::string index = tmp / "idx";
  REQUIRE(run({"ingest", "--index", index, "--shards", "1", tmp / "small.txt"}).status == 0);
  // Xapian opens a database without its term lists (they are optional when
  // reading) and fails only when a query needs them: search reads the terms
  // each hit matched.
  REQUIRE(fs::remove(fs::path(index) / "termlist.glass"));
  RunResult r = run({"search", "--index", index, "mobila"});
  INFO(r);
  CHECK(r.status == 3);
  CHECK(contains(r.err, "analyzer: cannot read the index at " + index + ": "));
  CHECK(contains(r.err, "delete it and run `analyzer ingest PATH` again"));
  CHECK_FALSE(contains(r.err, "internal error"));
}
