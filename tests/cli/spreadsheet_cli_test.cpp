// End to end through build/bin/analyzer: XLSX and CSV exports of the
// municipalities' answers (tests/fixtures/kommunsvar_2022.*, made by
// tests/fixtures/make_spreadsheets.py) and bad spreadsheets
// (tests/fixtures/bad_spreadsheets/).
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <tuple>

#include "cli_support.hpp"

#ifndef ANALYZER_FIXTURES
#error "ANALYZER_FIXTURES must be defined (path of tests/fixtures)"
#endif

using namespace cli;

namespace {

const std::string kFixtures = ANALYZER_FIXTURES;

RunResult ingest(const std::string& index, const std::vector<std::string>& inputs,
                 const std::vector<std::string>& options = {"--no-manifest"}) {
  std::vector<std::string> args{"ingest", "--index", index};
  args.insert(args.end(), options.begin(), options.end());
  args.insert(args.end(), inputs.begin(), inputs.end());
  return run(args);
}

std::vector<json> listing(const std::string& command, const std::string& index) {
  RunResult r = run({command, "--json", "--index", index});
  REQUIRE(r.status == 0);
  return parse_jsonl(r.out);
}

std::string text_or_null(const json& j) { return j.is_null() ? std::string("null") : j.dump(); }

// (respondent, region, year, question, text) of every answer, sorted.
// A row without a respondent is named after its file (and sheet):
// "kommunsvar_2022.csv, rad 9", "kommunsvar_2022.xlsx, Blad1, rad 9";
// formats compare by the row ("rad 9").
std::string respondent_of(const json& a) {
  std::string name = text_or_null(a["respondent"]);
  const std::size_t row = name.rfind(", rad ");
  return row == std::string::npos ? name : "\"" + name.substr(row + 2);
}

std::vector<std::string> answer_rows(const std::vector<json>& answers, int year) {
  std::vector<std::string> out;
  for (const json& a : answers) {
    if (a["year"] != year) continue;
    out.push_back(respondent_of(a) + " | " + text_or_null(a["region"]) + " | " + a["question"].get<std::string>() +
                  " | " + a["text"].get<std::string>());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> number_rows(const std::vector<json>& numbers, int year) {
  std::vector<std::string> out;
  for (const json& n : numbers) {
    if (n["year"] != year) continue;
    out.push_back(text_or_null(n["respondent"]) + " | " + n["question"].get<std::string>() + " = " + n["value"].dump());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("ingesting the XLSX export gives one answer per filled question cell with the row's respondent") {
  TempDir tmp;
  const std::string index = tmp / "index";
  RunResult r = ingest(index, {kFixtures + "/kommunsvar_2022.xlsx"});
  INFO(r);
  REQUIRE(r.status == 0);
  // The mapping used, per sheet, as notes; the row without a respondent as one warning.
  CHECK(contains(r.out, "kommunsvar_2022.xlsx: note: sheet \"Blad1\": header row 1: A \"Tidsstämpel\" = ignore, "
                        "B \"Kommun\" = municipality, C \"Region\" = region, D \"År\" = year, "
                        "E \"Respondenttyp\" = respondent_type, F \"E-post\" = ignore, G..I = questions 5a, 12a, 13a, "
                        "J..K = numbers Fast omsorgskontakt, ange antal, Antal mobila team; 11 rows read, 1 empty row skipped"));
  CHECK(contains(r.out, "note: sheet \"Uppföljning 2023\": header row 1"));
  CHECK(contains(r.out, "note: sheet \"Blad3\" is empty: nothing read"));
  CHECK(contains(r.out, "warning: sheet \"Blad1\": 1 row has no respondent (row 9)"));
  CHECK(contains(r.out, "kommunsvar_2022.xlsx (xlsx, 2 sheets, 13 rows): 21 answers, 19 numeric items"));

  const std::vector<json> answers = listing("answers", index);
  REQUIRE(answers.size() == 21);
  bool falun_5a = false;
  for (const json& a : answers) {
    CHECK_FALSE(contains(a["text"].get<std::string>(), "@"));  // the E-post column is never an answer
    if (a["respondent"] == "Falu kommun" && a["question"] == "5a" && a["year"] == 2022) {
      falun_5a = true;
      CHECK(a["region"] == "Dalarna");
      CHECK(a["text"] == "Arbete med trygg hemgång med fokus på rehabiliterande insatser för personer som skrivits ut "
                         "ifrån slutenvården.");
      bool trygg_hemgang = false;
      for (const json& m : a["mentions"]) trygg_hemgang |= m["theme"] == "trygg_hemgang";
      CHECK(trygg_hemgang);
    }
  }
  CHECK(falun_5a);
  CHECK(answer_rows(answers, 2022).size() == 19);
  CHECK(answer_rows(answers, 2023).size() == 2);

  const std::vector<json> numbers = listing("numbers", index);
  REQUIRE(numbers.size() == 19);
  const std::vector<std::string> numbers_2022 = number_rows(numbers, 2022);
  CHECK(numbers_2022.size() == 15);
  CHECK(std::count(numbers_2022.begin(), numbers_2022.end(), "\"Falu kommun\" | Fast omsorgskontakt, ange antal = 12.0") == 1);
  const std::vector<json> mentions = listing("mentions", index);
  std::set<std::string> themes;
  for (const json& m : mentions) themes.insert(m["theme"].get<std::string>());
  CHECK(themes.count("mobila_team"));
  CHECK(themes.count("sip"));
  CHECK(themes.count("fast_omsorgskontakt"));
}

TEST_CASE("the XLSX and the CSV exports of the same answers give the same answers and numbers") {
  TempDir tmp;
  RunResult x = ingest(tmp / "x", {kFixtures + "/kommunsvar_2022.xlsx"});
  RunResult c = ingest(tmp / "c", {kFixtures + "/kommunsvar_2022.csv"});
  RunResult u = ingest(tmp / "u", {kFixtures + "/kommunsvar_2022_utf8.csv"});
  INFO(x << c << u);
  REQUIRE(x.status == 0);
  REQUIRE(c.status == 0);
  REQUIRE(u.status == 0);
  CHECK(contains(c.out, "kommunsvar_2022.csv: warning: read as Windows-1252"));
  const std::vector<std::string> from_xlsx = answer_rows(listing("answers", tmp / "x"), 2022);
  CHECK(from_xlsx.size() == 19);
  CHECK(answer_rows(listing("answers", tmp / "c"), 2022) == from_xlsx);
  CHECK(answer_rows(listing("answers", tmp / "u"), 2022) == from_xlsx);
  const std::vector<std::string> numbers_xlsx = number_rows(listing("numbers", tmp / "x"), 2022);
  CHECK(numbers_xlsx.size() == 15);
  CHECK(number_rows(listing("numbers", tmp / "c"), 2022) == numbers_xlsx);
}

TEST_CASE("a CSV answer's start and end are its own bytes in the Windows-1252 file") {
  TempDir tmp;
  const std::string file = kFixtures + "/kommunsvar_2022.csv";
  REQUIRE(ingest(tmp / "i", {file}).status == 0);
  const std::string bytes = read_file(file);
  for (const json& a : listing("answers", tmp / "i")) {
    if (a["respondent"] != "Rättviks kommun" || a["question"] != "12a") continue;
    const std::size_t start = a["start"], end = a["end"];
    CHECK(bytes.substr(start, end - start) == "Samverkansm\xF6ten med regionens prim\xE4rv\xE5rd om vaccinationer.");
  }
}

TEST_CASE("bad spreadsheets fail with an error naming the file and the row or line, the others go in") {
  TempDir tmp;
  const std::string bad = kFixtures + "/bad_spreadsheets";
  RunResult r = ingest(tmp / "index", {bad, kFixtures + "/kommunsvar_2022_utf8.csv"});
  INFO(r);
  CHECK(r.status == 1);
  CHECK(contains(r.out, "truncated.xlsx: error: cannot read the file as a ZIP archive"));
  CHECK(contains(r.out, "zip_bomb.xlsx: error:"));
  CHECK(contains(r.out, "xl/worksheets/sheet1.xml"));
  CHECK(contains(r.out, "million_rows.xlsx: error: sheet \"Blad1\" has 1,048,576 rows"));
  CHECK(contains(r.out, "split the file"));
  CHECK(contains(r.out, "doctype.xlsx: error: member \"xl/worksheets/sheet1.xml\", at byte"));
  CHECK(contains(r.out, "a DOCTYPE"));
  CHECK(contains(r.out, "unterminated.csv:3: error: row 3, column B: the quoted cell that starts on this line has no closing quote"));
  CHECK(contains(r.out, "utf16_no_bom.csv: error: the CSV file is in UTF-16 without a byte order mark"));
  CHECK(contains(r.out, "header_only.csv: error: no rows of data"));
  CHECK(contains(r.out, "utf16_bom.csv: note: read as UTF-16LE"));
  CHECK(contains(r.out, "files: 2 ingested, 0 unchanged (skipped), 7 failed"));
  const std::vector<json> answers = listing("answers", tmp / "index");
  CHECK(answers.size() == 20);  // 19 from the UTF-8 export, 1 from utf16_bom.csv
}

TEST_CASE("the manifest's column roles are used, re-read the file when changed, and must name real columns") {
  TempDir tmp;
  const std::string folder = tmp / "in";
  cli::copy_file(kFixtures + "/kommunsvar_2022.csv", fs::path(folder) / "kommunsvar_2022.csv");
  const std::string index = tmp / "index";
  REQUIRE(ingest(index, {folder}).status == 0);
  write_file(fs::path(folder) / "manifest.json",
             R"({"files": {"kommunsvar_2022.csv": {"columns": {"Region": "ignore", "K": "question"}}}})");
  RunResult changed = ingest(index, {folder}, {});
  INFO(changed);
  REQUIRE(changed.status == 0);
  CHECK(contains(changed.out, "C \"Region\" = ignore (manifest)"));
  CHECK(contains(changed.out, "K \"Antal mobila team\" = question Antal mobila team (manifest)"));
  CHECK(contains(changed.out, "files: 1 ingested, 0 unchanged"));
  const std::vector<json> answers = listing("answers", index);
  CHECK(answers.size() == 19 + 6);  // the 6 filled "Antal mobila team" cells are answers now
  for (const json& a : answers) CHECK(a["region"].is_null());
  write_file(fs::path(folder) / "manifest.json",
             R"({"files": {"kommunsvar_2022.csv": {"columns": {"Kommunnamn": "municipality"}}}})");
  RunResult missing = ingest(index, {folder}, {});
  CHECK(missing.status == 1);
  CHECK(contains(missing.out, "kommunsvar_2022.csv: error: the manifest names column \"Kommunnamn\", which is no header "
                              "text or column letter of this file"));
}
