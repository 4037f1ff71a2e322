// End-to-end: every record says where it stands in its source (issue 13).
// corpora/ (plain text) is copied and ingested; the line each record cites
// is checked against the line of its start offset, counted here from the
// file's bytes.

#include <catch2/catch.hpp>

#include <map>
#include <regex>

#include "cli_support.hpp"

using namespace cli;

namespace {

// An index of a copy of corpora/.
struct CorpusIndex {
  TempDir dir;
  std::string corpus = copy_of_corpora(dir);
  std::string path = dir / "index";
  CorpusIndex() {
    RunResult r = run({"ingest", "--index", path, corpus});
    INFO(r);
    REQUIRE(r.status == 0);
  }
  // The bytes of the source file named `source`.
  const std::string& bytes(const std::string& source) {
    auto it = files_.find(source);
    if (it == files_.end()) it = files_.emplace(source, read_file(corpus + "/" + source)).first;
    return it->second;
  }

 private:
  std::map<std::string, std::string> files_;
};

// The 1-based line of byte `offset` in `bytes`: one more than the line ends
// ("\n", "\r\n", a lone "\r") that end before it.
std::size_t line_at(const std::string& bytes, std::size_t offset) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < offset && i < bytes.size(); ++i)
    if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.size() || bytes[i + 1] != '\n'))) ++line;
  return line;
}

// The location of `record`, which must be exactly {"line": N}: N.
std::size_t cited_line(const json& record) {
  INFO(record.dump());
  REQUIRE(record.contains("location"));
  const json& l = record.at("location");
  REQUIRE(l.size() == 1);
  REQUIRE(l.at("line").is_number_unsigned());
  return l.at("line").get<std::size_t>();
}

RunResult checked(const std::vector<std::string>& args) {
  RunResult r = run(args);
  INFO(r);
  REQUIRE(r.status == 0);
  return r;
}

}  // namespace

TEST_CASE("answers --json gives each answer the line of its start offset in its file") {
  CorpusIndex index;
  const std::vector<json> rows = answers(index.path);
  REQUIRE(rows.size() > 50);
  std::size_t past_line_one = 0;
  for (const json& a : rows) {
    const std::string& bytes = index.bytes(a.at("source"));
    const std::size_t line = cited_line(a);
    CHECK(line == line_at(bytes, a.at("start").get<std::size_t>()));
    past_line_one += line > 1;
  }
  CHECK(past_line_one == rows.size());  // the title is on line 1, never an answer
}

TEST_CASE("numbers --json gives each numeric item the line where it starts") {
  CorpusIndex index;
  const std::vector<json> rows = numbers(index.path);
  REQUIRE(!rows.empty());
  for (const json& n : rows)
    CHECK(cited_line(n) == line_at(index.bytes(n.at("source")), n.at("start").get<std::size_t>()));
}

TEST_CASE("mentions --json gives each mention its own line, not its answer's") {
  CorpusIndex index;
  std::map<std::string, std::size_t> answer_line;
  for (const json& a : answers(index.path)) answer_line[a.at("id")] = cited_line(a);
  const std::vector<json> rows = list_jsonl("mentions", index.path, {});
  REQUIRE(rows.size() > 50);
  std::size_t below_answer_start = 0;
  for (const json& m : rows) {
    const std::size_t line = cited_line(m);
    CHECK(line == line_at(index.bytes(m.at("source")), m.at("start").get<std::size_t>()));
    CHECK(line >= answer_line.at(m.at("answer_id")));
    below_answer_start += line > answer_line.at(m.at("answer_id"));
  }
  CHECK(below_answer_start > 0);
}

TEST_CASE("excerpts cite the line of the sentence's mention as rad N in the table and md, as location in JSON") {
  CorpusIndex index;
  const std::vector<std::string> base{"excerpts", "--index", index.path, "--theme", "sip", "--limit", "5"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = base;
    args.insert(args.end(), extra.begin(), extra.end());
    return checked(args).out;
  };
  const std::vector<json> rows = parse_jsonl(with({"--format", "json"}));
  const std::string table = with({});
  const std::string md = with({"--format", "md"});
  REQUIRE(rows.size() == 5);
  for (const json& e : rows) {
    const std::size_t line = cited_line(e);
    const std::string& bytes = index.bytes(e.at("source"));
    // The sentence's first mention is inside the sentence.
    CHECK(line >= line_at(bytes, e.at("start").get<std::size_t>()));
    CHECK(line <= line_at(bytes, e.at("end").get<std::size_t>()));
    const std::string source = e.at("source");
    const std::string cited = "(" + source + ", rad " + std::to_string(line) + ")";
    CHECK(contains(table, cited + "\n"));
    // Markdown escapes the "_" of the file names.
    const std::string md_source = std::regex_replace(source, std::regex("_"), "\\_");
    CHECK(contains(md, "(" + md_source + ", rad " + std::to_string(line) + ")\n"));
  }
}

TEST_CASE("search hits cite the line where their answer starts, in JSON and in the table") {
  CorpusIndex index;
  std::map<std::string, std::size_t> answer_line;
  for (const json& a : answers(index.path)) answer_line[a.at("id")] = cited_line(a);
  const json result = json::parse(checked({"search", "--index", index.path, "--format", "json", "sip"}).out);
  const std::string table = checked({"search", "--index", index.path, "sip"}).out;
  REQUIRE(!result.at("hits").empty());
  for (const json& h : result.at("hits")) {
    const std::size_t line = cited_line(h);
    CHECK(line == answer_line.at(h.at("answer_id")));
    CHECK(contains(table, " · " + h.at("source").get<std::string>() + ", rad " + std::to_string(line) + "\n"));
  }
}
