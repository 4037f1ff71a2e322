// End-to-end tests of `analyzer search` on corpora/ (ingested into a
// temporary index): the JSON object, facets against hand counts, the theme
// filter, and the exit status of a query that cannot be read.

#include <catch2/catch.hpp>

#include "cli_support.hpp"

using namespace cli;

namespace {

// The seed corpora ingested once into a temporary index shared by the tests.
const std::string& corpus_index() {
  static TempDir tmp;
  static const std::string dir = [] {
    const std::string d = tmp / "idx";
    RunResult r = run({"ingest", "--index", d, kCorpora});
    if (r.status != 0) throw std::runtime_error("ingest failed");
    return d;
  }();
  return dir;
}

json search_json(const std::vector<std::string>& extra) {
  std::vector<std::string> args{"search", "--index", corpus_index(), "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  RunResult r = run(args);
  INFO(r);
  REQUIRE(r.status == 0);
  return json::parse(r.out);
}

}  // namespace

TEST_CASE("search --format json prints one object with total, facets and hits") {
  const json j = search_json({"\"mobila team\""});
  // Hand count from `analyzer answers --json`: the answers whose text holds
  // "mobila team" or an inflection ("mobila teamen"): 8, all in Dalarna,
  // 4 of 2019 (Region Dalarna) and 4 of 2022 (RSS Dalarna).
  CHECK(j["total"] == 8);
  CHECK(j["facets"]["year"] == json({{"2019", 4}, {"2022", 4}}));
  CHECK(j["facets"]["region"] == json({{"Dalarna", 8}}));
  CHECK(j["facets"]["respondent_type"] == json({{"region", 4}, {"rss", 4}}));
  REQUIRE(j["hits"].size() == 8);
  for (const json& h : j["hits"]) {
    for (const char* field : {"answer_id", "source", "year", "region", "respondent_type", "respondent",
                              "question", "score", "snippet"})
      CHECK(h.contains(field));
    CHECK(contains(h["snippet"].get<std::string>(), "«"));
  }
  CHECK(j["hits"][0]["score"] == 100);
}

TEST_CASE("facets count all matches, beyond the page shown") {
  // Hand count from `analyzer answers --json`: the 10 answers with a "sip"
  // mention: years 2019 ×2, 2022 ×3, 2023 ×5; Dalarna 5, Halland 5; rss 6,
  // region 4; themes mentioned by those answers: sip 10, trygg_hemgang 3,
  // fast_vardkontakt 2, mobila_team 2, fast_omsorgskontakt 1, fast_lakarkontakt 1.
  const json expected_facets = {
      {"year", {{"2019", 2}, {"2022", 3}, {"2023", 5}}},
      {"region", {{"Dalarna", 5}, {"Halland", 5}}},
      {"respondent_type", {{"region", 4}, {"rss", 6}}},
      {"theme", {{"sip", 10}, {"trygg_hemgang", 3}, {"fast_vardkontakt", 2}, {"mobila_team", 2},
                 {"fast_omsorgskontakt", 1}, {"fast_lakarkontakt", 1}}}};
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"tema:sip", "--limit", "2"}, std::vector<std::string>{"", "--theme", "sip", "--limit", "2"}}) {
    const json j = search_json(args);
    INFO(args[0]);
    CHECK(j["total"] == 10);
    CHECK(j["hits"].size() == 2);
    CHECK(j["facets"] == expected_facets);
  }
  // Search finds 97 records: 88 answers and the 9 sections of Halland's
  // committee decision (layout "decision", searched but not counted).
  // 56 are from 2023 (Halland: 47 answers, 9 decision sections); 41 from
  // 2019..2022 (000: 25, 001: 16 report sections).
  CHECK(search_json({"", "--year", "2019..2022"})["total"] == 41);
  CHECK(search_json({"", "--year", "2023"})["total"] == 56);
  CHECK(search_json({"", "--region", "halland"})["total"] == 56);
  CHECK(search_json({"", "--offset", "96"})["hits"].size() == 1);
}

TEST_CASE("the theme filter with words: every hit mentions sip, the words are marked") {
  const json j = search_json({"hemsjukvård", "--theme", "sip"});
  CHECK(j["total"] == 7);
  CHECK(j["facets"]["theme"]["sip"] == 7);
  for (const json& h : j["hits"]) CHECK(contains(h["snippet"].get<std::string>(), "«hemsjukvård"));
}

TEST_CASE("table and md formats show the count and the marked snippets") {
  RunResult t = run({"search", "--index", corpus_index(), "tema:sip hemsjukvård"});
  INFO(t);
  REQUIRE(t.status == 0);
  CHECK(contains(t.out, "7 träffar (visar 1–7)"));
  CHECK(contains(t.out, "«hemsjukvården»"));
  CHECK(contains(t.out, "tema: "));
  RunResult m = run({"search", "--index", corpus_index(), "--format", "md", "tema:sip hemsjukvård"});
  INFO(m);
  REQUIRE(m.status == 0);
  CHECK(contains(m.out, "## Sökning: tema:sip hemsjukvård"));
  CHECK(contains(m.out, "**hemsjukvården**"));
}

TEST_CASE("bad options exit 2") {
  for (const std::vector<std::string>& extra : {std::vector<std::string>{"x", "--year", "2022..2019"},
                                                std::vector<std::string>{"x", "--limit", "-1"},
                                                std::vector<std::string>{"x", "--format", "csv"},
                                                std::vector<std::string>{}}) {
    std::vector<std::string> args{"search", "--index", corpus_index()};
    args.insert(args.end(), extra.begin(), extra.end());
    RunResult r = run(args);
    INFO(r);
    CHECK(r.status == 2);
  }
}

TEST_CASE("a query the parser cannot read exits 2 with a message naming it") {
  RunResult r = run({"search", "--index", corpus_index(), "sip AND"});
  INFO(r);
  CHECK(r.status == 2);
  CHECK(contains(r.err, "cannot read the query \"sip AND\""));
  CHECK(r.out.empty());
}

TEST_CASE("search without an index exits 3") {
  TempDir tmp;
  RunResult r = run({"search", "--index", tmp / "none", "sip"});
  INFO(r);
  CHECK(r.status == 3);
  CHECK(contains(r.err, "no index at"));
}
