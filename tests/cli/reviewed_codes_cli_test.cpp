// End-to-end tests of `--codes auto|reviewed` (cli/codes_option.hpp) through
// build/bin/analyzer: `report`, `excerpts` and `search --theme` count and
// quote the reviewed codes (coding/reviewed_codes.hpp) when a coding store
// holds a review, say so in their provenance, and are unchanged without a
// store. corpora/'s seeds are ingested once; each test has its own store.

#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "cli_support.hpp"

using namespace cli;

namespace {

const RunIn kPinned{"", {{"SOURCE_DATE_EPOCH", "1798762200"}}};

// `analyzer ARGS... --index <seeds> --codings STORE`, time pinned.
RunResult with_store(std::vector<std::string> args, const std::string& store) {
  for (const std::string& extra : {std::string("--index"), seed_index(), std::string("--codings"), store})
    args.push_back(extra);
  return run(args, kPinned);
}

// `analyzer code ...` as anna (or `coder`).
void code(std::vector<std::string> args, const std::string& store, const std::string& coder = "anna") {
  args.insert(args.begin(), "code");
  args.push_back("--coder");
  args.push_back(coder);
  RunResult r = with_store(args, store);
  INFO(r);
  REQUIRE(r.status == 0);
}

json report_json(const std::string& store, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"report", "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  RunResult r = with_store(args, store);
  INFO(r);
  REQUIRE(r.status == 0);
  return json::parse(r.out);
}

// The theme's row of a report without --by.
json theme_row(const json& report, const std::string& theme) {
  for (const json& row : report["rows"])
    if (row["theme"] == theme) return row;
  FAIL("no row for " << theme);
  return {};
}

// A mention of `theme` that is its answer's only mention of the theme.
json only_mention_of(const std::string& theme) {
  std::map<std::string, int> per_answer;
  const std::vector<json> mentions = list_jsonl("mentions", seed_index(), {"--theme", theme});
  for (const json& m : mentions) ++per_answer[m["answer_id"].get<std::string>()];
  for (const json& m : mentions)
    if (per_answer[m["answer_id"].get<std::string>()] == 1) return m;
  FAIL("no answer mentions " << theme << " once");
  return {};
}

// An answer that does not mention `theme`, with a text of at least 20 bytes.
json answer_without(const std::string& theme) {
  for (const json& a : answers(seed_index())) {
    const std::string text = a["text"];
    if (text.size() < 20) continue;
    bool mentions = false;
    for (const json& m : a["mentions"]) mentions = mentions || m["theme"] == theme;
    if (!mentions) return a;
  }
  FAIL("every answer mentions " << theme);
  return {};
}

// The first word of an answer's text: bytes [0, end).
std::size_t first_word_end(const std::string& text) {
  std::size_t end = 0;
  while (end < text.size() && text[end] != ' ' && text[end] != '\n' && text[end] != ',' && text[end] != '.') ++end;
  return end;
}

void code_by_hand(const json& answer, const std::string& theme, const std::string& store) {
  const std::string text = answer["text"];
  code({"add", "--answer", answer["id"].get<std::string>(), "--start", "0", "--end",
        std::to_string(first_word_end(text)), "--code", theme},
       store);
}

// The answer ids an excerpt list quotes, first sources and near-duplicates.
std::set<std::string> excerpt_answers(const std::string& theme, const std::string& store,
                                      std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"excerpts", "--theme", theme, "--limit", "0", "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  RunResult r = with_store(args, store);
  INFO(r);
  REQUIRE(r.status == 0);
  std::set<std::string> ids;
  for (const json& e : parse_jsonl(r.out)) {
    ids.insert(e["answer_id"].get<std::string>());
    for (const json& also : e["also"]) ids.insert(also["answer_id"].get<std::string>());
  }
  return ids;
}

// The answer ids `search QUERY --theme T` finds.
std::set<std::string> search_answers(const std::string& query, const std::string& theme, const std::string& store,
                                     std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"search", query, "--theme", theme, "--limit", "10000", "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  RunResult r = with_store(args, store);
  INFO(r);
  REQUIRE(r.status == 0);
  std::set<std::string> ids;
  const json j = json::parse(r.out);
  for (const json& h : j["hits"]) ids.insert(h["answer_id"].get<std::string>());
  CHECK(j["total"] == ids.size());
  return ids;
}

}  // namespace

TEST_CASE("rejecting an answer's only mention of a theme takes the answer out of the report's count") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  const json before = theme_row(report_json(store), "sip");
  const json m = only_mention_of("sip");
  code({"reject", m["id"].get<std::string>()}, store);
  const json report = report_json(store);
  const json after = theme_row(report, "sip");
  CHECK(after["answers"] == before["answers"].get<int>() - 1);
  CHECK(after["mentions"] == before["mentions"].get<int>() - 1);
  const json& codes = report["provenance"]["codes"];
  CHECK(codes["used"] == "reviewed");
  CHECK(codes["reviewed"] == 1);
  CHECK(codes["accepted"] == 0);
  CHECK(codes["rejected"] == 1);
  CHECK(codes["manual"] == 0);
  CHECK(codes["orphaned"] == 0);
  CHECK(codes["coder"].is_null());
}

TEST_CASE("with --codes auto the report counts the automatic codes whatever the store holds") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  const json before = theme_row(report_json(store), "sip");
  code({"reject", only_mention_of("sip")["id"].get<std::string>()}, store);
  const json report = report_json(store, {"--codes", "auto"});
  CHECK(theme_row(report, "sip")["answers"] == before["answers"]);
  CHECK(theme_row(report, "sip")["mentions"] == before["mentions"]);
  CHECK(report["provenance"]["codes"]["used"] == "auto");
  CHECK(report["provenance"]["codes"]["rejected"] == 1);
}

TEST_CASE("an accepted mention counts as before") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  const json before = theme_row(report_json(store), "sip");
  code({"accept", only_mention_of("sip")["id"].get<std::string>()}, store);
  const json report = report_json(store);
  CHECK(theme_row(report, "sip")["answers"] == before["answers"]);
  CHECK(report["provenance"]["codes"]["accepted"] == 1);
}

TEST_CASE("a manual coding with a theme adds its answer to the report's count") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  const json before = theme_row(report_json(store), "mobila_team");
  code_by_hand(answer_without("mobila_team"), "mobila_team", store);
  const json report = report_json(store);
  const json after = theme_row(report, "mobila_team");
  CHECK(after["answers"] == before["answers"].get<int>() + 1);
  CHECK(after["mentions"] == before["mentions"].get<int>() + 1);
  CHECK(report["provenance"]["codes"]["manual"] == 1);
}

TEST_CASE("report --coder counts that coder's review only") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  const json before = theme_row(report_json(store), "sip");
  code({"reject", only_mention_of("sip")["id"].get<std::string>()}, store, "anna");
  const json bo = report_json(store, {"--coder", "bo"});
  CHECK(theme_row(bo, "sip")["answers"] == before["answers"]);
  CHECK(bo["provenance"]["codes"]["coder"] == "bo");
  CHECK(bo["provenance"]["codes"]["reviewed"] == 0);
  const json anna = report_json(store, {"--coder", "anna"});
  CHECK(theme_row(anna, "sip")["answers"] == before["answers"].get<int>() - 1);
}

TEST_CASE("the report's provenance states the codes in table, md, csv and html") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  code({"reject", only_mention_of("sip")["id"].get<std::string>()}, store);
  const std::string line = "granskade koder — 1 av ";
  const std::string tail = " automatiska kodningar granskad (0 godkända, 1 avvisad), 0 manuella kodningar";
  for (const std::string format : {"table", "md", "csv", "html"}) {
    RunResult r = with_store({"report", "--format", format}, store);
    INFO(format << ": " << r);
    REQUIRE(r.status == 0);
    CHECK(contains(r.out, "Kodning"));
    CHECK(contains(r.out, line));
    CHECK(contains(r.out, tail));
  }
  RunResult table = with_store({"report"}, store);
  CHECK(contains(table.out, "\nKodning: granskade koder — 1 av "));
}

TEST_CASE("a rejected mention gives no excerpt and a manual coding gives one") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  const json m = only_mention_of("sip");
  const std::string rejected = m["answer_id"];
  REQUIRE(excerpt_answers("sip", store).count(rejected) == 1);
  code({"reject", m["id"].get<std::string>()}, store);
  CHECK(excerpt_answers("sip", store).count(rejected) == 0);
  CHECK(excerpt_answers("sip", store, {"--codes", "auto"}).count(rejected) == 1);

  const json a = answer_without("sip");
  const std::string coded = a["id"];
  REQUIRE(excerpt_answers("sip", store).count(coded) == 0);
  code_by_hand(a, "sip", store);
  CHECK(excerpt_answers("sip", store).count(coded) == 1);
}

TEST_CASE("excerpts state the codes in their provenance") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  code({"reject", only_mention_of("sip")["id"].get<std::string>()}, store);
  RunResult table = with_store({"excerpts", "--theme", "sip"}, store);
  INFO(table);
  CHECK(contains(table.out, "Kodning: granskade koder — 1 av "));
  RunResult jsonl = with_store({"excerpts", "--theme", "sip", "--format", "json"}, store);
  const std::vector<json> rows = parse_jsonl(jsonl.out);
  REQUIRE_FALSE(rows.empty());
  CHECK(rows[0]["provenance"]["codes"]["rejected"] == 1);
}

TEST_CASE("search --theme drops an answer whose only mention of the theme was rejected") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  const json m = only_mention_of("sip");
  const std::string query = m["text"];
  const std::string rejected = m["answer_id"];
  REQUIRE(search_answers(query, "sip", store).count(rejected) == 1);
  code({"reject", m["id"].get<std::string>()}, store);
  CHECK(search_answers(query, "sip", store).count(rejected) == 0);
  CHECK(search_answers(query, "sip", store, {"--codes", "auto"}).count(rejected) == 1);
}

TEST_CASE("search --theme says on stderr that it used the reviewed codes, and tema: in the query that it does not") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  const json m = only_mention_of("sip");
  code({"reject", m["id"].get<std::string>()}, store);
  RunResult r = with_store({"search", "vård", "--theme", "sip"}, store);
  INFO(r);
  REQUIRE(r.status == 0);
  CHECK(contains(r.err, "--theme sip uses the reviewed codes of " + store + ": 1 answers left out"));
  RunResult field = with_store({"search", "tema:sip vård"}, store);
  INFO(field);
  CHECK(contains(field.err, "tema: in the query counts the lexicon's automatic codes, not the review"));
}

TEST_CASE("search --theme without a query lists every answer of the theme") {
  TempDir tmp;
  RunResult r = with_store({"search", "--theme", "sip", "--format", "json"}, tmp / "codings.sqlite");
  INFO(r);
  REQUIRE(r.status == 0);
  CHECK(contains(r.out, "\"answer_id\""));
}

TEST_CASE("search --theme finds an answer coded with the theme by hand") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  const json a = answer_without("trygg_hemgang");
  const std::string text = a["text"];
  const std::string word = text.substr(0, first_word_end(text));
  const std::string id = a["id"];
  REQUIRE(search_answers(word, "trygg_hemgang", store).count(id) == 0);
  code_by_hand(a, "trygg_hemgang", store);
  CHECK(search_answers(word, "trygg_hemgang", store).count(id) == 1);
}

TEST_CASE("asking for reviewed codes without a coding store is a usage error and creates no store") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"report", "--codes", "reviewed"},
        std::vector<std::string>{"excerpts", "--theme", "sip", "--codes", "reviewed"},
        std::vector<std::string>{"search", "vård", "--theme", "sip", "--codes", "reviewed"}}) {
    RunResult r = with_store(args, store);
    INFO(r);
    CHECK(r.status == 2);
    CHECK(contains(r.err, "--codes reviewed: there is no coding store " + store));
    CHECK_FALSE(fs::exists(store));
  }
}

TEST_CASE("without a coding store the output says nothing of codes and no store is created") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  for (const std::string format : {"table", "json", "csv", "md", "html"}) {
    RunResult none = with_store({"report", "--format", format}, store);
    RunResult automatic = with_store({"report", "--format", format, "--codes", "auto"}, store);
    INFO(format << ": " << none);
    REQUIRE(none.status == 0);
    CHECK_FALSE(contains(none.out, "Kodning"));
    CHECK_FALSE(contains(none.out, "\"codes\""));
    CHECK(contains(automatic.out, format == "json" ? "\"used\": \"auto\"" : "automatiska koder (lexikonet)"));
  }
  RunResult excerpts = with_store({"excerpts", "--theme", "sip", "--format", "json"}, store);
  CHECK_FALSE(contains(excerpts.out, "\"codes\""));
  CHECK_FALSE(fs::exists(store));
}

TEST_CASE("the report with --codes auto differs from the report without a store only in the codes line") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  RunResult none = with_store({"report", "--by", "year"}, store);
  RunResult automatic = with_store({"report", "--by", "year", "--codes", "auto"}, store);
  REQUIRE(none.status == 0);
  std::string expected = automatic.out;
  const std::size_t at = expected.find("Kodning: ");
  REQUIRE(at != std::string::npos);
  expected.erase(at, expected.find('\n', at) + 1 - at);
  // The command line in the provenance names --codes auto.
  const std::string flag = " --codes auto";
  expected.erase(expected.find(flag), flag.size());
  CHECK(none.out == expected);
}

TEST_CASE("a store whose codings were all removed leaves the default at auto") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  const json before = theme_row(report_json(store), "sip");
  code({"reject", only_mention_of("sip")["id"].get<std::string>()}, store);
  code({"remove", "1"}, store);
  const json report = report_json(store);
  CHECK(theme_row(report, "sip")["answers"] == before["answers"]);
  CHECK(report["provenance"]["codes"]["used"] == "auto");
}

TEST_CASE("reviewed codes that only accept give the same tables as the automatic codes") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  code({"accept", only_mention_of("sip")["id"].get<std::string>()}, store);
  for (const std::string by : {"year,region", "respondent_type,year"}) {
    // The reviewed report reads every answer; the automatic one the stored tallies.
    json reviewed = report_json(store, {"--by", by});
    json automatic = report_json(store, {"--by", by, "--codes", "auto"});
    reviewed.erase("provenance");
    automatic.erase("provenance");
    CHECK(reviewed == automatic);
  }
}
