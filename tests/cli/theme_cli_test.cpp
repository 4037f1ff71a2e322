// End-to-end tests of theme tagging through build/bin/analyzer: `tag`,
// `mentions`, `lexicon check|test|explain`, `eval`, and ingest's tagging,
// on corpora/ and on small bad-input fixtures.

#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "cli_support.hpp"

using namespace cli;

namespace {

const std::string kRepo = fs::path(kCorporaDir).parent_path().string();

// A lexicon file with one rule; `tokens` is the JSON array of patterns.
std::string one_rule_lexicon(const std::string& id, const std::string& tokens,
                             const std::string& examples = R"({"match": ["x"], "no_match": []})") {
  return "{\n  \"id\": \"" + id + "\",\n  \"label\": \"L\",\n  \"definition\": \"D\",\n"
         "  \"rules\": [\n    {\"id\": \"r\", \"tokens\": " + tokens + "}\n  ],\n"
         "  \"examples\": " + examples + "\n}\n";
}

// Runs `analyzer tag` on `file`, which must succeed; its JSON lines.
std::vector<json> tag_rows(const std::string& file) {
  RunResult r = run({"tag", file});
  INFO(r);
  REQUIRE(r.status == 0);
  return parse_jsonl(r.out);
}

// Each mention's text is exactly the file's bytes from its start to its end.
void check_texts_are_file_bytes(const std::vector<json>& rows, const std::string& bytes) {
  for (const json& m : rows) {
    std::size_t start = m["start"], end = m["end"];
    CHECK(bytes.substr(start, end - start) == m["text"].get<std::string>());
  }
}

}  // namespace

TEST_CASE("tag prints each mention with byte offsets whose bytes are its text") {
  TempDir tmp;
  const std::string file = tmp / "svar.txt";
  // "fast vård-" + line break + "kontakt" and "SIP;ar" are mentions.
  write_file(file, "Alla får fast vård-\nkontakt och SIP;ar.\nVi saknar ännu mobila team.\n");
  std::vector<json> rows = tag_rows(file);
  REQUIRE(rows.size() == 3);
  check_texts_are_file_bytes(rows, read_file(file));
  std::vector<std::string> themes;
  for (const json& m : rows) {
    CHECK(m["file"] == file);
    themes.push_back(m["theme"]);
  }
  CHECK(themes == std::vector<std::string>{"fast_vardkontakt", "sip", "mobila_team"});
  CHECK(rows[0]["text"] == "fast vård-\nkontakt");
  CHECK(rows[1]["text"] == "SIP");
}

TEST_CASE("tag reads a spreadsheet cell by cell: a phrase never runs from one cell into the next") {
  TempDir tmp;
  const std::string file = tmp / "svar.csv";
  // B2 ends with "mobila", C2 starts with "team": no mention; D2 is one.
  write_file(file, "Kommun;Fråga 1;Fråga 2;Fråga 3\nFalun;Vi har mobila;team i hela kommunen;Vi har SIP och mobila team.\n");
  std::vector<json> rows = tag_rows(file);
  REQUIRE(rows.size() == 2);
  check_texts_are_file_bytes(rows, read_file(file));
  for (const json& m : rows) CHECK(m["location"]["column"] == "D");
  CHECK(rows[0]["theme"] == "sip");
  CHECK(rows[1]["theme"] == "mobila_team");
  CHECK(rows[1]["text"] == "mobila team");
}

TEST_CASE("tag --theme keeps one theme only") {
  TempDir tmp;
  write_file(tmp / "a.txt", "SIP och mobila team.\n");
  RunResult r = run({"tag", "--theme", "sip", tmp / "a.txt"});
  INFO(r);
  REQUIRE(r.status == 0);
  std::vector<json> rows = parse_jsonl(r.out);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0]["theme"] == "sip");
}

TEST_CASE("tag names a missing file and an invalid UTF-8 file, tags the good one, and exits 1") {
  TempDir tmp;
  write_file(tmp / "good.txt", "Trygg hemgång.\n");
  // Not UTF-8 and not plausible as Windows-1252 either (0xFF, "ÿ", is no
  // Swedish letter): refused. A Latin-1 "å" is read as Windows-1252 (below).
  write_file(tmp / "bad.txt", std::string("Trygg hemg\xffng\n"));
  RunResult r = run({"tag", tmp / "missing.txt", tmp / "bad.txt", tmp / "good.txt"});
  INFO(r);
  CHECK(r.status == 1);
  CHECK(contains(r.err, "missing.txt"));
  CHECK(contains(r.err, "bad.txt"));
  CHECK(contains(r.err, "byte 10"));
  std::vector<json> rows = parse_jsonl(r.out);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0]["theme"] == "trygg_hemgang");
}

TEST_CASE("tag reads a Latin-1 file as Windows-1252 and gives offsets into its bytes") {
  TempDir tmp;
  write_file(tmp / "latin1.txt", std::string("Om trygg hemg\xe5ng.\n"));
  RunResult r = run({"tag", tmp / "latin1.txt"});
  INFO(r);
  CHECK(r.status == 0);
  CHECK(contains(r.err, "read as Windows-1252"));
  std::vector<json> rows = parse_jsonl(r.out);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0]["text"] == "trygg hemg\xC3\xA5ng");
  CHECK(rows[0]["start"] == 3);
  CHECK(rows[0]["end"] == 16);  // "trygg hemgång" is 13 bytes in Latin-1
}

TEST_CASE("tag with an unknown --theme is a usage error listing the themes") {
  TempDir tmp;
  write_file(tmp / "a.txt", "SIP\n");
  RunResult r = run({"tag", "--theme", "sipp", tmp / "a.txt"});
  CHECK(r.status == 2);
  CHECK(contains(r.err, "mobila_team"));
}

TEST_CASE("The lexicons are found from any working directory") {
  TempDir tmp;
  write_file(tmp / "a.txt", "SIP-möte\n");
  RunResult r = run({"tag", "a.txt"}, RunIn{tmp.str(), {{"ANALYZER_LEXICONS", ""}}});
  INFO(r);
  REQUIRE(r.status == 0);
  CHECK(parse_jsonl(r.out).size() == 1);
}

TEST_CASE("A lexicon folder given with --lexicons or ANALYZER_LEXICONS is the one used") {
  TempDir tmp;
  write_file(tmp / "lex/own.json", one_rule_lexicon("own", R"(["kaffe"])"));
  write_file(tmp / "a.txt", "Kaffe och SIP.\n");
  RunResult by_option = run({"tag", "--lexicons", tmp / "lex", tmp / "a.txt"});
  INFO(by_option);
  REQUIRE(by_option.status == 0);
  std::vector<json> rows = parse_jsonl(by_option.out);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0]["theme"] == "own");
  RunResult by_env = run({"tag", tmp / "a.txt"}, RunIn{"", {{"ANALYZER_LEXICONS", tmp / "lex"}}});
  INFO(by_env);
  REQUIRE(by_env.status == 0);
  CHECK(parse_jsonl(by_env.out).size() == 1);
}

TEST_CASE("A --lexicons folder that does not exist stops the command with exit 3") {
  TempDir tmp;
  write_file(tmp / "a.txt", "SIP\n");
  RunResult r = run({"tag", "--lexicons", tmp / "nowhere", tmp / "a.txt"});
  CHECK(r.status == 3);
  CHECK(contains(r.err, "nowhere"));
  RunResult i = run({"ingest", "--index", tmp / "index", "--lexicons", tmp / "nowhere", tmp / "a.txt"});
  CHECK(i.status == 3);
  CHECK(contains(i.err, "nothing was ingested"));
  CHECK_FALSE(fs::exists(tmp / "index"));
}

TEST_CASE("lexicon check accepts the shipped lexicons") {
  RunResult r = run({"lexicon", "check"});
  INFO(r);
  CHECK(r.status == 0);
  CHECK(contains(r.out, "checked 6 lexicons"));
  CHECK(contains(r.out, "0 errors"));
}

TEST_CASE("lexicon check names file:line:column and the rule of a bad token pattern") {
  TempDir tmp;
  write_file(tmp / "bad.json", one_rule_lexicon("bad", R"(["mobil(a|t", "team"])"));
  RunResult r = run({"lexicon", "check", tmp / "bad.json"});
  INFO(r);
  CHECK(r.status == 1);
  CHECK(contains(r.err, "bad.json:6:"));
  CHECK(contains(r.err, "rule \"r\""));
  CHECK(contains(r.err, "mobil(a|t"));
}

TEST_CASE("lexicon check reports an unknown key with a suggestion") {
  TempDir tmp;
  std::string text = one_rule_lexicon("typo", R"(["kaffe"])");
  text.replace(text.find("\"tokens\""), 8, "\"tokns\"");
  write_file(tmp / "typo.json", text);
  RunResult r = run({"lexicon", "check", tmp / "typo.json"});
  CHECK(r.status == 1);
  CHECK(contains(r.err, "typo.json:6:"));
  CHECK(contains(r.err, "did you mean \"tokens\""));
}

TEST_CASE("lexicon test passes on the shipped lexicons") {
  RunResult r = run({"lexicon", "test"});
  INFO(r);
  CHECK(r.status == 0);
  CHECK(contains(r.out, "passed, 0 failed"));
}

TEST_CASE("lexicon test prints a failing example with its location and trace, and exits 1") {
  TempDir tmp;
  write_file(tmp / "lex/kaffe.json",
             one_rule_lexicon("kaffe", R"(["kaffe"])", R"({"match": ["Kaffe finns."], "no_match": ["Mer kaffe."]})"));
  RunResult r = run({"lexicon", "test", tmp / "lex/kaffe.json"});
  INFO(r);
  CHECK(r.status == 1);
  CHECK(contains(r.out, "kaffe.json:8:"));
  CHECK(contains(r.out, "FAIL kaffe: must not match \"Mer kaffe.\""));
  CHECK(contains(r.out, "fits kaffe/r#1"));
  CHECK(contains(r.out, "2 examples: 1 passed, 1 failed"));
}

TEST_CASE("lexicon explain shows the exclusion that stopped a near-miss") {
  RunResult r = run({"lexicon", "explain", "--theme", "mobila_team", "mobila lösningar för teamen"});
  INFO(r);
  REQUIRE(r.status == 0);
  CHECK(contains(r.out, "exclusion matched"));
  RunResult kept = run({"lexicon", "explain", "Mobila närsjukvårdsteamen"});
  CHECK(contains(kept.out, "mobila_team [0,"));
  CHECK(contains(kept.out, "rule mobilt-team"));
}

TEST_CASE("Ingest stores mentions only from answers, with source offsets and texts") {
  TempDir tmp;
  const std::string index = tmp / "index";
  RunResult r = run({"ingest", "--index", index, kCorpora});
  INFO(r);
  REQUIRE(r.status == 0);
  CHECK(contains(r.out, "theme mentions"));
  RunResult m = run({"mentions", "--index", index, "--json"});
  REQUIRE(m.status == 0);
  std::vector<json> rows = parse_jsonl(m.out);
  REQUIRE(rows.size() > 40);
  std::map<std::string, std::string> files;
  std::map<std::string, std::set<std::string>> themes_by_source;
  for (const json& row : rows) {
    for (const char* key : {"answer_id", "source", "year", "region", "respondent_type", "respondent", "question",
                            "theme", "start", "end", "text"})
      CHECK(row.contains(key));
    std::string source = row["source"];
    if (!files.count(source)) files[source] = read_file(corpus_file(source));
    std::size_t start = row["start"], end = row["end"];
    CHECK(files[source].substr(start, end - start) == row["text"].get<std::string>());
    themes_by_source[source].insert(row["theme"].get<std::string>());
  }
  // The blank questionnaire has no answers and so no mentions.
  CHECK(themes_by_source.count("004_bd5c5f46bc7d2672.txt") == 0);
  // Halland's RSS survey lists "Mobila team i samverkan med region, ange
  // antal: 0" as numeric items; no mention may come from those labels.
  for (const json& row : rows)
    if (row["source"] == "002_93ee68d2c458f8dc.txt")
      CHECK_FALSE(contains(files[row["source"]].substr(row["end"].get<std::size_t>(), 14), ", ange antal"));
}

TEST_CASE("mentions --theme and answers --theme filter by the stored theme terms") {
  TempDir tmp;
  const std::string index = tmp / "index";
  REQUIRE(run({"ingest", "--index", index, kCorpora}).status == 0);
  std::vector<json> sip = list_jsonl("mentions", index, {"--theme", "sip"});
  REQUIRE(!sip.empty());
  for (const json& m : sip) CHECK(m["theme"] == "sip");
  std::vector<json> with_sip = answers(index, {"--theme", "sip"});
  REQUIRE(!with_sip.empty());
  CHECK(with_sip.size() < answers(index).size());
  for (const json& a : with_sip) {
    bool has = false;
    for (const json& m : a["mentions"]) has |= m["theme"] == "sip";
    CHECK(has);
  }
}

TEST_CASE("Editing a lexicon re-tags files at the next ingest") {
  TempDir tmp;
  const std::string index = tmp / "index";
  write_file(tmp / "lex/own.json", one_rule_lexicon("own", R"(["kaffe"])"));
  write_file(tmp / "in/a.txt", "Rapport\n\nVi dricker kaffe och te i fikarummet varje dag.\n");
  REQUIRE(run({"ingest", "--index", index, "--lexicons", tmp / "lex", tmp / "in"}).status == 0);
  CHECK(list_jsonl("mentions", index, {}).size() == 1);
  write_file(tmp / "lex/own.json", one_rule_lexicon("own", R"(["te"])"));
  RunResult again = run({"ingest", "--index", index, "--lexicons", tmp / "lex", tmp / "in"});
  INFO(again);
  CHECK(contains(again.out, "1 ingested"));
  std::vector<json> rows = list_jsonl("mentions", index, {});
  REQUIRE(rows.size() == 1);
  CHECK(rows[0]["text"] == "te");
}

TEST_CASE("eval prints per-theme figures for the analyzer and the baseline") {
  RunResult r = run({"eval", "--gold", "tests/gold/train.jsonl"}, RunIn{kRepo, {}});
  INFO(r);
  REQUIRE(r.status == 0);
  CHECK(contains(r.out, "analyzer"));
  CHECK(contains(r.out, "baseline"));
  for (const char* theme : {"mobila_team", "sip", "fast_vardkontakt", "fast_lakarkontakt", "fast_omsorgskontakt",
                            "trygg_hemgang"})
    CHECK(contains(r.out, theme));
}

TEST_CASE("eval --json gives the scores as one object") {
  RunResult r = run({"eval", "--gold", "tests/gold/heldout.jsonl", "--json"}, RunIn{kRepo, {}});
  INFO(r);
  REQUIRE(r.status == 0);
  json j = json::parse(r.out);
  CHECK(j.contains("systems"));
}

TEST_CASE("eval names the line of a broken gold file and scores nothing") {
  TempDir tmp;
  write_file(tmp / "gold.jsonl", "{\"file\": \"a.txt\", \"theme\": \"sip\", \"start\": 0, \"end\": 3}\n{oops\n");
  write_file(tmp / "a.txt", "SIP\n");
  RunResult r = run({"eval", "--gold", tmp / "gold.jsonl", "--base", tmp.str()});
  INFO(r);
  CHECK(r.status == 1);
  CHECK(contains(r.err, "gold.jsonl:2"));
}

TEST_CASE("The README's example of a theme of one's own passes lexicon check and lexicon test") {
  // The lexicon between "<<'JSON'" and "JSON" in README.md, as an analyst
  // would copy it.
  std::string readme = read_file(kRepo + "/README.md");
  std::size_t begin = readme.find("<<'JSON'\n");
  REQUIRE(begin != std::string::npos);
  begin += 9;
  std::size_t end = readme.find("\nJSON\n", begin);
  REQUIRE(end != std::string::npos);
  TempDir tmp;
  write_file(tmp / "my-lexicons/hemsjukvard.json", readme.substr(begin, end - begin + 1));
  RunResult check = run({"lexicon", "check", "--lexicons", tmp / "my-lexicons"});
  INFO(check);
  CHECK(check.status == 0);
  RunResult test = run({"lexicon", "test", "--lexicons", tmp / "my-lexicons"});
  INFO(test);
  CHECK(test.status == 0);
  CHECK(contains(test.out, "5 examples: 5 passed, 0 failed"));
}

// Issue 11, items 3 and 5: a lexicon nested 1,000,000 deep was killed at
// 24 GB; a rule ["och", "och?" × 100, "och"] passed check and then hung.
TEST_CASE("A lexicon nested 100,000 deep or with a rule of over 20 words is refused by check, tag and ingest") {
  TempDir tmp;
  write_file(tmp / "a.txt", "och och och\n");
  std::string chain = R"(["och")";
  for (int i = 0; i < 100; ++i) chain += R"(, "och?")";
  chain += R"(, "och"])";
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  for (const auto& [name, lexicon, where] :
       {std::tuple{"deep", one_rule_lexicon("deep", deep), "deep.json:6:280: error: the JSON nests"},
        std::tuple{"kedja", one_rule_lexicon("kedja", chain), "kedja.json:6:27: error: rule \"r\": can match up to 102"}}) {
    INFO(name);
    write_file(tmp / (std::string(name) + "/" + name + ".json"), lexicon);
    RunResult check = run({"lexicon", "check", "--lexicons", tmp / name});
    INFO(check);
    CHECK(check.status == 1);
    CHECK(contains(check.err, where));
    CHECK(run({"tag", "--lexicons", tmp / name, tmp / "a.txt"}).status == 3);
    RunResult i = run({"ingest", "--index", tmp / "index", "--lexicons", tmp / name, tmp / "a.txt"});
    CHECK(i.status == 3);
    CHECK_FALSE(fs::exists(tmp / "index"));
  }
}
