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

// Issue 15: search never fails silently.

namespace {

// The whole run of `search --index <corpus> ARGS`.
RunResult search_run(const std::vector<std::string>& extra) {
  std::vector<std::string> args{"search", "--index", corpus_index()};
  args.insert(args.end(), extra.begin(), extra.end());
  return run(args);
}

std::size_t total_of(const std::vector<std::string>& extra) { return search_json(extra)["total"].get<std::size_t>(); }

}  // namespace

TEST_CASE("tema: and --theme take a theme's id or Swedish label, in any case, with or without å, ä, ö") {
  const std::size_t trygg = total_of({"tema:trygg_hemgang"});
  CHECK(trygg > 0);
  for (const std::string query : {"tema:\"trygg hemgång\"", "tema:trygg_hemgång", "tema:Trygg_Hemgang",
                                  "Tema:\"TRYGG HEMGÅNG\"", "theme:trygg_hemgang"}) {
    INFO(query);
    CHECK(total_of({query}) == trygg);
  }
  for (const std::string theme : {"trygg hemgång", "Trygg_Hemgang", "trygg_hemgång"}) {
    INFO(theme);
    CHECK(total_of({"", "--theme", theme}) == trygg);
  }
  const std::size_t mobila = total_of({"tema:mobila_team"});
  CHECK(mobila > 0);
  CHECK(total_of({"tema:\"mobila team\""}) == mobila);
}

TEST_CASE("excerpts, mentions, answers and report take a theme's label for --theme as they take its id") {
  for (const std::string command : {"excerpts", "mentions", "answers", "report"}) {
    INFO(command);
    RunResult by_id = run({command, "--index", corpus_index(), "--theme", "trygg_hemgang"});
    RunResult by_label = run({command, "--index", corpus_index(), "--theme", "trygg hemgång"});
    REQUIRE(by_id.status == 0);
    CHECK(by_label.status == 0);
    // The provenance block names the command line, which differs; all above it must not.
    const auto findings = [](const std::string& out) { return out.substr(0, out.find("Underlag och framställning")); };
    CHECK(findings(by_label.out) == findings(by_id.out));
    CHECK_FALSE(by_id.out.empty());
  }
}

TEST_CASE("an unknown theme exits 2 and lists the themes, in the query and in every --theme") {
  RunResult query = search_run({"tema:okänt"});
  INFO(query);
  CHECK(query.status == 2);
  CHECK(contains(query.err, "tema:okänt: no theme \"okänt\"; themes: "));
  CHECK(contains(query.err, "trygg_hemgang (Trygg hemgång)"));
  CHECK(query.out.empty());
  for (const std::string command : {"search", "excerpts", "mentions", "answers", "report"}) {
    std::vector<std::string> args{command, "--index", corpus_index(), "--theme", "okänt"};
    if (command == "search") args.push_back("sip");
    RunResult r = run(args);
    INFO(r);
    CHECK(r.status == 2);
    CHECK(contains(r.err, "--theme: no theme \"okänt\"; themes: "));
  }
  RunResult near = search_run({"tema:tryg_hemgang"});
  CHECK(near.status == 2);
  CHECK(contains(near.err, "(did you mean \"trygg_hemgang\"?)"));
}

TEST_CASE("a mistyped or unknown field exits 2, naming the fields, and an unknown value lists the values") {
  RunResult typo = search_run({"regionn:Halland"});
  INFO(typo);
  CHECK(typo.status == 2);
  CHECK(contains(typo.err, "the query names the field \"regionn:\", which search does not know (did you mean "
                           "region:?); fields: år:, year:, region:, respondenttyp:, tema:, theme:, fråga:, question:"));
  RunResult kommun = search_run({"kommun:Falun"});
  INFO(kommun);
  CHECK(kommun.status == 2);
  CHECK(contains(kommun.err, "the query names the field \"kommun:\", which search does not know; fields: år:"));
  RunResult value = search_run({"region:Falun"});
  INFO(value);
  CHECK(value.status == 2);
  CHECK(contains(value.err, "no record of the index has region:Falun; values of region: dalarna, halland"));
  RunResult year = search_run({"år:2030 sip"});
  CHECK(year.status == 2);
  CHECK(contains(year.err, "år:2030 is no year of the index; years of the index: 2019, 2022, 2023"));
}

TEST_CASE("an abbreviation with its Swedish ending is a word, never a field: SIP:ar finds the answers with SIP:ar") {
  TempDir tmp;
  write_file(tmp / "sip.txt",
             "Enkät till kommuner, uppföljning god och nära vård\n\nDenna redovisning avser Halland\n\n"
             "Kommun: Kommun 1\n\n"
             "1. Beskriv arbetet med SIP?\nBeskriv med max 1000 tecken.\nVi har upprättat fler SIP:ar i år än i fjol.\n\n"
             "2. Beskriv arbetet med fast vårdkontakt?\nBeskriv med max 1000 tecken.\nFVK:n ringer patienten.\n\n");
  const std::string index = tmp / "idx";
  REQUIRE(run({"ingest", "--index", index, tmp / "sip.txt"}).status == 0);
  for (const std::string query : {"SIP:ar", "SIP:en", "FVK:n", "SIP:n"}) {
    RunResult r = run({"search", "--index", index, "--format", "json", query});
    INFO(r);
    CHECK(r.status == 0);
  }
  const json sip = json::parse(run({"search", "--index", index, "--format", "json", "SIP:ar"}).out);
  REQUIRE(sip["total"] == 1);
  CHECK(contains(sip["hits"][0]["snippet"].get<std::string>(), "«SIP»:«ar»"));
  CHECK(json::parse(run({"search", "--index", index, "--format", "json", "FVK:n"}).out)["total"] == 1);
}

TEST_CASE("a year range in the query filters as --year does") {
  const std::size_t in_range = total_of({"sip", "--year", "2019..2022"});
  CHECK(in_range > 0);
  CHECK(total_of({"år:2019..2022 sip"}) == in_range);
  CHECK(total_of({"year:2019..2022 sip"}) == in_range);
  CHECK(total_of({"sip år:..2022"}) == in_range);
  CHECK(total_of({"år:2019..2022"}) == 41);  // as --year 2019..2022 above
}

TEST_CASE("a query that starts with '-' is a query, not an unknown option") {
  RunResult r = search_run({"--format", "json", "-sip hemsjukvård"});
  INFO(r);
  REQUIRE(r.status == 0);
  const std::size_t total = json::parse(r.out)["total"];
  CHECK(total > 0);
  CHECK(total == total_of({"hemsjukvård -sip"}));
  CHECK(total + total_of({"hemsjukvård sip"}) == total_of({"hemsjukvård"}));
}

TEST_CASE("a query of filters only quotes the sentence holding the theme's mention, marked") {
  const json j = search_json({"tema:sip region:Halland", "--limit", "100"});
  REQUIRE(j["total"] == 5);
  for (const json& h : j["hits"]) {
    const std::string snippet = h["snippet"].get<std::string>();
    INFO(snippet);
    CHECK(contains(snippet, "«"));
    CHECK(contains(snippet, "SIP"));
  }
}

TEST_CASE("an unknown word gets a suggestion from the index's words, in table, md and JSON") {
  const json j = search_json({"tryg hemgång"});
  CHECK(j["suggestion"] == "trygg hemgång");
  RunResult table = search_run({"tryg hemgång"});
  CHECK(contains(table.out, "Menade du: trygg hemgång?"));
  RunResult md = search_run({"--format", "md", "tryg hemgång"});
  CHECK(contains(md.out, "Menade du: trygg hemgång?"));
  CHECK(search_json({"trygg hemgång"})["suggestion"].is_null());
}

TEST_CASE("words a theme's rule matches also find the theme's answers, and the output says so") {
  const json mobilt = search_json({"mobilt team"});
  const json mobila = search_json({"mobila team"});
  CHECK(mobilt["total"] >= mobila["total"]);
  CHECK(mobilt["total"] >= search_json({"tema:mobila_team"})["total"]);
  CHECK(mobilt["also_themes"] == json::parse(R"([{"id": "mobila_team", "label": "Mobila team"}])"));
  CHECK(search_json({"mobila teamen"})["also_themes"].size() == 1);
  CHECK(search_json({"\"mobila team\""})["also_themes"].empty());  // a phrase is searched as written
  RunResult table = search_run({"mobilt team"});
  CHECK(contains(table.out, "även träffar för temat Mobila team"));
  for (const json& h : mobilt["hits"]) CHECK(contains(h["snippet"].get<std::string>(), "«"));
}

TEST_CASE("search refuses a query that holds a personal identity number, an e-mail address or a phone number") {
  for (const std::string query : {"19121212-1212", "sip 121212-1212", "kontakt@falun.se", "070-123 45 67"}) {
    INFO(query);
    RunResult r = run({"search", "--index", corpus_index(), query});
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err, "the query holds a personal identity number, e-mail address or phone number"));
  }
  // Years, ranges and counts are no personal data.
  for (const std::string query : {"2019-2022", "sip 2023", "20191231"}) {
    INFO(query);
    CHECK(run({"search", "--index", corpus_index(), query}).status == 0);
  }
}
