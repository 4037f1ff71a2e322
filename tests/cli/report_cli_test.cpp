// End-to-end tests of `analyzer report` through build/bin/analyzer on the
// seed corpora: the counts against hand counts, and each output format read
// back (JSON parsed, CSV through the small RFC 4180 reader below, Markdown
// table lines), --output, and the usage errors.

#include <catch2/catch.hpp>

#include <map>
#include <regex>
#include <tuple>

#include "cli_support.hpp"

using namespace cli;

namespace {

const std::string kLexicons = (fs::path(kCorporaDir).parent_path() / "lexicons").string();

// A fresh index of corpora/, removed at scope end.
struct CorporaIndex {
  TempDir tmp;
  std::string dir = tmp / "index";
  CorporaIndex() {
    RunResult r = run({"ingest", "--index", dir, kCorpora});
    if (r.status != 0) throw std::runtime_error("ingest of corpora/ failed");
  }
  // `analyzer report --index DIR --lexicons LEX ARGS...`
  RunResult report(std::vector<std::string> args) const {
    args.insert(args.begin(), {"report", "--index", dir, "--lexicons", kLexicons});
    return run(args);
  }
  // The stdout of a report that must succeed; throws (failing the test and
  // showing the run) when it does not exit 0.
  std::string out(std::vector<std::string> args) const {
    RunResult r = report(std::move(args));
    if (r.status != 0) {
      std::ostringstream msg;
      msg << "analyzer report failed: " << r;
      throw std::runtime_error(msg.str());
    }
    return r.out;
  }
  // `--format json` added, parsed.
  json json_report(std::vector<std::string> args) const {
    args.insert(args.end(), {"--format", "json"});
    return json::parse(out(std::move(args)));
  }
};

// RFC 4180: fields separated by `sep`, records by CRLF (or LF), quoted
// fields may hold the separator, line breaks and doubled quotes.
std::vector<std::vector<std::string>> parse_csv(const std::string& text, char sep) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, at_start = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += text[++i];
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"' && field.empty()) {
      quoted = true;
    } else if (c == sep) {
      record.push_back(field);
      field.clear();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      record.push_back(field);
      records.push_back(record);
      record.clear();
      field.clear();
    } else {
      field += c;
    }
    at_start = false;
  }
  if (!at_start && (!field.empty() || !record.empty())) {
    record.push_back(field);
    records.push_back(record);
  }
  return records;
}

const std::string kBom = "\xEF\xBB\xBF";

// The row of `theme` in `year` (and `region` when given) of a JSON report.
const json& row_of(const json& report, const std::string& theme, int year, const std::string& region = "") {
  for (const json& row : report.at("rows"))
    if (row.at("theme") == theme && row.at("year") == year && (region.empty() || row.at("region") == region))
      return row;
  throw std::runtime_error("no row for " + theme + " " + std::to_string(year));
}

using Counts = std::tuple<int, int, int, int, int>;   // respondents, of, answers, of, mentions

Counts counts(const json& row) {
  return {row.at("respondents"), row.at("respondents_total"), row.at("answers"), row.at("answers_total"),
          row.at("mentions")};
}

}  // namespace

TEST_CASE("report --by year counts respondents, answers and mentions per theme and year as counted by hand") {
  CorporaIndex index;
  const json report = index.json_report({"--by", "year"});
  // Counted by hand from `analyzer mentions --json` on corpora/ (theme,
  // year, answer_id, respondent of every mention), with the respondents per
  // year from corpora/manifest.json and `analyzer answers --json`:
  //   2019: Region Dalarna (001), 16 answers (report sections); 2022: RSS
  //   Dalarna (000), 25 answers (004 is 2022 too but has no answers); 2023:
  //   Region Halland and RSS Halland (002), 47 answers (the 9 sections of the
  //   committee decision in front of the surveys are layout "decision" and
  //   not counted; see the --include-decisions test below).
  //   2019 fast_vardkontakt: 4 mentions, all in "Patientkontrakt ..."
  //   2019 sip: "Patientkontrakt ..." (2) and "Aktiviteter ..." (1)
  //   2019 mobila_team: Patientkontrakt 3, Förbättra 3, Aktiviteter 3, Uppbyggnad 12
  //   2022 fast_omsorgskontakt: 5a, 8a; mobila_team: 5a, 5b, 10a, 12a
  //   2022 trygg_hemgang: 5a, 11a, 11b (2), 13a, 13b (2); sip: 8a, 11b, 13a (2)
  //   2023 fast_lakarkontakt: Region Halland 6, 8a, 18, 22, 24
  //   2023 fast_vardkontakt: Region Halland 6
  //   2023 sip: Region Halland 6, 13a; RSS Halland 5, 13a, 14
  //   2023 trygg_hemgang: Region Halland 16; RSS Halland 14
  const std::map<std::pair<std::string, int>, Counts> expected{
      {{"fast_lakarkontakt", 2019}, {0, 1, 0, 16, 0}},  {{"fast_lakarkontakt", 2022}, {0, 1, 0, 25, 0}},
      {{"fast_lakarkontakt", 2023}, {1, 2, 5, 47, 5}},  {{"fast_omsorgskontakt", 2019}, {0, 1, 0, 16, 0}},
      {{"fast_omsorgskontakt", 2022}, {1, 1, 2, 25, 2}}, {{"fast_omsorgskontakt", 2023}, {0, 2, 0, 47, 0}},
      {{"fast_vardkontakt", 2019}, {1, 1, 1, 16, 4}},   {{"fast_vardkontakt", 2022}, {0, 1, 0, 25, 0}},
      {{"fast_vardkontakt", 2023}, {1, 2, 1, 47, 1}},   {{"mobila_team", 2019}, {1, 1, 4, 16, 21}},
      {{"mobila_team", 2022}, {1, 1, 4, 25, 4}},        {{"mobila_team", 2023}, {0, 2, 0, 47, 0}},
      {{"sip", 2019}, {1, 1, 2, 16, 3}},                {{"sip", 2022}, {1, 1, 3, 25, 4}},
      {{"sip", 2023}, {2, 2, 5, 47, 5}},                {{"trygg_hemgang", 2019}, {0, 1, 0, 16, 0}},
      {{"trygg_hemgang", 2022}, {1, 1, 5, 25, 7}},      {{"trygg_hemgang", 2023}, {2, 2, 2, 47, 2}},
  };
  REQUIRE(report.at("rows").size() == expected.size());
  for (const auto& [key, want] : expected) {
    INFO(key.first << " " << key.second);
    CHECK(counts(row_of(report, key.first, key.second)) == want);
  }
  CHECK(report.at("answers_total") == 88);
  CHECK(report.at("respondents_total") == 4);
}

TEST_CASE("report --by year,region gives the change against the previous year of the same region") {
  CorporaIndex index;
  const json report = index.json_report({"--by", "year,region"});
  // Dalarna: 2019 (Region Dalarna) then 2022 (RSS Dalarna); Halland only 2023.
  const json& omsorg = row_of(report, "fast_omsorgskontakt", 2022, "Dalarna");   // 0 → 1
  CHECK(omsorg.at("previous_year") == 2019);
  CHECK(omsorg.at("respondents_change") == 1);
  const json& vard = row_of(report, "fast_vardkontakt", 2022, "Dalarna");        // 1 → 0
  CHECK(vard.at("respondents_change") == -1);
  const json& halland = row_of(report, "sip", 2023, "Halland");
  CHECK(halland.at("previous_year").is_null());
  CHECK(halland.at("respondents_change").is_null());
  CHECK(row_of(report, "sip", 2019, "Dalarna").at("respondents_change").is_null());
}

TEST_CASE("report --format json prints one object with the documented fields") {
  CorporaIndex index;
  const json report = index.json_report({"--by", "year,region"});   // the whole output is one object
  REQUIRE(report.is_object());
  REQUIRE(report.at("themes").size() == 6);
  CHECK(report["themes"][0] == json{{"id", "fast_lakarkontakt"}, {"label", "Fast läkarkontakt"}});
  CHECK(report["themes"][4] == json{{"id", "sip"}, {"label", "SIP"}});
  CHECK(report.at("by") == json{"year", "region"});
  CHECK(report.at("sources") ==
        json{"000_3242b6e7501bd5d8.txt", "001_a66d7b4781e6d6f2.txt", "002_93ee68d2c458f8dc.txt"});
  REQUIRE(report.at("rows").size() == 18);   // 6 themes x (2019 Dalarna, 2022 Dalarna, 2023 Halland)
  for (const json& row : report["rows"]) {
    for (const char* field : {"theme", "year", "region", "respondents", "respondents_total", "share", "answers",
                              "answers_total", "mentions", "previous_year", "respondents_change", "figures"})
      CHECK(row.contains(field));
    CHECK_FALSE(row.contains("question"));   // only the keys asked for
    CHECK_FALSE(row.contains("respondent_type"));
  }
  CHECK(report["rows"][0]["theme"] == "fast_lakarkontakt");
  CHECK(report["rows"][0]["year"] == 2019);
  CHECK(report["rows"][2]["region"] == "Halland");
  REQUIRE(report.at("co_occurrence").size() == 15);   // 6 themes: 15 pairs
  const json& pair = report["co_occurrence"].back();
  // sip and trygg_hemgang share answers 11b, 13a (RSS Dalarna) and 14 (RSS Halland).
  CHECK(pair == json{{"a", "sip"}, {"b", "trygg_hemgang"}, {"answers", 3}, {"respondents", 3}});
}

TEST_CASE("report shows the respondents' own figures beside the free-text count of the same theme") {
  CorporaIndex index;
  const json report = index.json_report({"--by", "year"});
  // 002, RSS Halland, question 1: "Fast vårdkontakt, ange antal: 5".
  const json& figures = row_of(report, "fast_vardkontakt", 2023).at("figures");
  REQUIRE(figures.size() == 1);
  CHECK(figures[0]["label"] == "Fast vårdkontakt, ange antal");
  CHECK(figures[0]["value"] == 5.0);
  CHECK(figures[0]["value_text"] == "5");
  CHECK(figures[0]["respondent"] == "RSS Halland");
  CHECK(figures[0]["source"] == "002_93ee68d2c458f8dc.txt");
  CHECK(row_of(report, "mobila_team", 2023).at("figures").size() == 2);   // "i samverkan", "inom kommunen"
  CHECK(row_of(report, "sip", 2022).at("figures").empty());

  const std::string table = index.out({"--by", "year"});
  CHECK(contains(table, "Respondentens egen siffra"));
  CHECK(contains(table, "Fast vårdkontakt, ange antal"));
}

TEST_CASE("report table: Swedish headings, the keys, X av Y, and the co-occurrence table") {
  CorporaIndex index;
  const std::string out = index.out({"--by", "year,region"});
  for (const char* heading : {"Tema", "År", "Region", "Respondenter", "av", "Andel", "Svar", "Omnämnanden",
                              "Förändring mot föregående år", "Samförekomst"})
    CHECK(contains(out, heading));
  // "SIP 2023 Halland: 2 av 2 respondenter, 5 svar, 5 omnämnanden".
  bool found = false;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("SIP ", 0) == 0 && contains(line, "2023  Halland")) {
      found = true;
      CHECK(contains(line, "  2   2  100 %*     5            5"));   // 2 respondents: a small group
    }
  CHECK(found);
  CHECK(contains(out, "ej jämförbart [1]"));   // Dalarna 2022 against 2019
}

TEST_CASE("report --format csv reads back: BOM, one header row, semicolon-separated, RFC 4180") {
  CorporaIndex index;
  const std::string out = index.out({"--by", "year,region", "--format", "csv"});
  REQUIRE(out.rfind(kBom, 0) == 0);
  auto records = parse_csv(out.substr(kBom.size()), ';');
  REQUIRE(records.size() == 1 + 18);
  const auto& head = records[0];
  REQUIRE(head.size() == 16);
  CHECK(head[13] == "Jämförelse");
  CHECK(head[14] == "Förändring (procentenheter)");
  CHECK(head[15] == "Liten grupp");
  CHECK(head[0] == "Tema");
  CHECK(head[2] == "År");
  CHECK(head[3] == "Region");
  CHECK(head[4] == "Respondenter");
  for (const auto& rec : records) CHECK(rec.size() == head.size());
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < head.size(); ++i) col[head[i]] = i;
  // The same hand counts as the JSON test: SIP, 2023, Halland: 2 of 2, 5 answers of 47.
  bool found = false;
  for (const auto& rec : records) {
    if (rec[col["Tema-id"]] != "sip" || rec[col["År"]] != "2023") continue;
    found = true;
    CHECK(rec[col["Tema"]] == "SIP");
    CHECK(rec[col["Region"]] == "Halland");
    CHECK(rec[col["Respondenter"]] == "2");
    CHECK(rec[col["Respondenter i gruppen"]] == "2");
    CHECK(rec[col["Andel (%)"]] == "100,0");   // decimal comma for Swedish Excel
    CHECK(rec[col["Svar"]] == "5");
    CHECK(rec[col["Svar i gruppen"]] == "47");
    CHECK(rec[col["Omnämnanden"]] == "5");
    CHECK(contains(rec[col["Respondentens egen siffra"]], "Vårdplaner, SIP, patientkontakt, ange antal: 6"));
    CHECK(rec[col["Liten grupp"]] == "ja");   // 2 respondents
  }
  for (const auto& rec : records)
    if (rec[col["Region"]] == "Dalarna" && rec[col["År"]] == "2022")
      CHECK(rec[col["Jämförelse"]].rfind("ej jämförbart: Dalarna 2022 mot 2019: olika respondenter", 0) == 0);
  CHECK(found);
  CHECK(contains(out, "\r\n"));
}

TEST_CASE("report --csv-separator ',' quotes the fields that hold commas") {
  CorporaIndex index;
  const std::string out =
      index.out({"--by", "year", "--format", "csv", "--csv-separator", ",", "--theme", "mobila_team"});
  // The labels of the figures hold commas: the field must be quoted.
  CHECK(contains(out, "ca 2019: Mobila team i samverkan med region, ange antal: 0"));
  auto records = parse_csv(out.substr(kBom.size()), ',');
  REQUIRE(records.size() == 1 + 3);
  for (const auto& rec : records) CHECK(rec.size() == records[0].size());
  CHECK(records[3][1] == "mobila_team");
  CHECK(records[3][2] == "2023");
  CHECK(records[1][5] == "100.0");   // a point when the separator is the comma
  CHECK(records[0][11] == "Respondentens egen siffra");
  CHECK(contains(records[3][11], "Mobila team inom kommunen, ange antal: 0"));
}

TEST_CASE("report --format md prints Markdown tables") {
  CorporaIndex index;
  const std::string out = index.out({"--by", "year,region", "--format", "md"});
  std::vector<std::string> table;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("|", 0) != 0) {
      if (!table.empty()) break;   // the first table ends
      continue;
    }
    table.push_back(line);
  }
  REQUIRE(table.size() == 2 + 18);
  CHECK(table[0].rfind("| Tema | År | Region | Respondenter | av | Andel |", 0) == 0);
  CHECK(table[1].rfind("| --- | --- | --- | ---: |", 0) == 0);
  CHECK(contains(out, "| SIP | 2023 | Halland | 2 | 2 | 100 %\\* | 5 | 5 |"));   // "*": a small group
  CHECK(contains(out, "## Samförekomst"));
}

TEST_CASE("report --theme chooses the themes, in the order given, and never drops answers") {
  CorporaIndex index;
  const json report = index.json_report({"--by", "year", "--theme", "sip", "--theme", "fast_lakarkontakt"});
  CHECK(report.at("themes") == json{{{"id", "sip"}, {"label", "SIP"}},
                                    {{"id", "fast_lakarkontakt"}, {"label", "Fast läkarkontakt"}}});
  REQUIRE(report.at("rows").size() == 6);
  CHECK(report["rows"][0]["theme"] == "sip");
  CHECK(report["rows"][3]["theme"] == "fast_lakarkontakt");
  // Totals still count every answer of the year, not only those with a mention.
  CHECK(counts(row_of(report, "fast_lakarkontakt", 2023)) == Counts{1, 2, 5, 47, 5});
  CHECK(report.at("answers_total") == 88);
}

TEST_CASE("report --include-decisions counts the sections of a committee decision as answers") {
  CorporaIndex index;
  // 002 holds a committee decision (9 sections, no mention) in front of
  // Halland's two surveys (47 answers): 56 answers in 2023 with it.
  const json without = index.json_report({"--by", "year"});
  const json with = index.json_report({"--by", "year", "--include-decisions"});
  CHECK(without.at("answers_total") == 88);
  CHECK(with.at("answers_total") == 97);
  CHECK(counts(row_of(with, "sip", 2023)) == Counts{2, 2, 5, 56, 5});
  CHECK(counts(row_of(with, "sip", 2019)) == counts(row_of(without, "sip", 2019)));
}

TEST_CASE("report filters the answers like `analyzer answers`") {
  CorporaIndex index;
  const json report = index.json_report({"--by", "year", "--region", "Dalarna"});
  CHECK(report.at("answers_total") == 41);   // 16 (2019) + 25 (2022)
  for (const json& row : report["rows"]) CHECK(row["year"] != 2023);
}

TEST_CASE("report --output FILE writes the report there and nothing to stdout") {
  CorporaIndex index;
  const std::string file = index.tmp / "rapport.csv";
  CHECK(index.out({"--format", "csv", "--output", file}).empty());
  const std::string text = read_file(file);
  CHECK(text.rfind(kBom + "Tema;Tema-id;Respondenter;", 0) == 0);
  CHECK(parse_csv(text.substr(kBom.size()), ';').size() == 1 + 6);
}

TEST_CASE("report --output into a missing folder fails naming the file, exit 3") {
  CorporaIndex index;
  const std::string out = index.tmp / "no/such/rapport.md";
  RunResult r = index.report({"--format", "md", "--output", out});
  INFO(r);
  CHECK(r.status == 3);
  CHECK(contains(r.err, out));
}

TEST_CASE("report usage errors exit 2 and say what is valid") {
  struct Case {
    std::vector<std::string> args;
    std::vector<std::string> said;   // in the message
  };
  const Case c = GENERATE(values<Case>({
      {{"--by", "year,län"}, {"\"län\"", "year, region, respondent_type, respondent or question"}},
      {{"--by", "year,year"}, {"twice"}},
      {{"--theme", "sipp"}, {"\"sipp\"", "fast_vardkontakt", "trygg_hemgang"}},
      {{"--format", "ods"}, {"\"ods\"", "table, json, csv, md, html, xlsx or docx"}},
      {{"--format", "xlsx"}, {"--output FILE"}},
      {{"--format", "csv", "--csv-separator", ";;"}, {"one character"}},
      {{"--csv-separator", ","}, {"--format csv"}},
      {{"--year", "i fjol"}, {"\"i fjol\""}},
      {{"sip"}, {"no arguments"}},
  }));
  CorporaIndex index;
  RunResult r = index.report(c.args);
  INFO(r);
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  for (const std::string& s : c.said) CHECK(contains(r.err, s));
}

TEST_CASE("report without an index exits 3") {
  TempDir tmp;
  RunResult r = run({"report", "--index", tmp / "none", "--lexicons", kLexicons});
  INFO(r);
  CHECK(r.status == 3);
  CHECK(contains(r.err, "no index"));
}

// ---------------------------------------------------------------- issue 15: like with like, small groups,
// figures with their question, provenance

TEST_CASE("report --by year,region: Dalarna 2022 against Dalarna 2019 is not comparable, different respondents") {
  CorporaIndex index;
  const json report = index.json_report({"--by", "year,region"});
  // corpora/manifest.json: 001 (2019, Dalarna) is Region Dalarna's report,
  // 000 (2022, Dalarna) the RSS Dalarna survey; no respondent answered both.
  for (const char* theme : {"fast_lakarkontakt", "fast_omsorgskontakt", "fast_vardkontakt", "mobila_team", "sip",
                            "trygg_hemgang"}) {
    INFO(theme);
    const json& change = row_of(report, theme, 2022, "Dalarna").at("change");
    CHECK(change.at("comparable") == false);
    CHECK(change.at("basis").is_null());
    CHECK(change.at("previous_year") == 2019);
    CHECK(change.at("reason") == "different_respondents");
    CHECK(change.at("only_now") == json{"RSS Dalarna"});
    CHECK(change.at("only_before") == json{"Region Dalarna"});
  }
  // The raw difference keeps its field and meaning (+1 for fast_omsorgskontakt).
  CHECK(row_of(report, "fast_omsorgskontakt", 2022, "Dalarna").at("respondents_change") == 1);
  CHECK(row_of(report, "sip", 2019, "Dalarna").at("change").is_null());
  CHECK(row_of(report, "sip", 2023, "Halland").at("change").is_null());   // no earlier Halland year
  const std::string table = index.out({"--by", "year,region"});
  CHECK(contains(table, "ej jämförbart [1]"));
  CHECK(contains(table, "[1] Dalarna 2022 mot 2019: olika respondenter, ingen har svarat båda åren (2022: RSS "
                        "Dalarna (rss); 2019: Region Dalarna (region))."));
  CHECK_FALSE(contains(table, "[2]"));   // one note for the group, shared by its six themes
}

TEST_CASE("report --by year,respondent_type compares a respondent type with the same type the year before only across a respondent in common") {
  CorporaIndex index;
  const json report = index.json_report({"--by", "year,respondent_type"});
  // Hand count (see the --by year test): rss 2022 = RSS Dalarna, rss 2023 =
  // RSS Halland; region 2019 = Region Dalarna, region 2023 = Region Halland:
  // no respondent in common, so no change (the unit tests compare groups
  // that share some).
  auto change_of = [&](const std::string& theme, int year, const std::string& type) {
    for (const json& row : report.at("rows"))
      if (row.at("theme") == theme && row.at("year") == year && row.at("respondent_type") == type)
        return row.at("change");
    throw std::runtime_error("no row");
  };
  const json sip = change_of("sip", 2023, "rss");   // RSS Dalarna against RSS Halland
  CHECK(sip.at("comparable") == false);
  CHECK(sip.at("reason") == "different_respondents");
  CHECK(sip.at("previous_year") == 2022);
  const json lakare = change_of("fast_lakarkontakt", 2023, "region");   // Region Dalarna against Region Halland
  CHECK(lakare.at("comparable") == false);
  CHECK(lakare.at("previous_year") == 2019);
  const std::string table = index.out({"--by", "year,respondent_type"});
  CHECK(contains(table, "ingen har svarat båda åren"));
  CHECK_FALSE(contains(table, "+100 procentenheter mot 2019 (0 av 1 → 1 av 1)*"));
}

TEST_CASE("report --by year counts only the respondents of both years, and none are on the seed corpora") {
  CorporaIndex index;
  const json report = index.json_report({"--by", "year"});
  const json& change = row_of(report, "sip", 2023).at("change");
  CHECK(change.at("comparable") == false);
  CHECK(change.at("only_now") == json{"RSS Halland", "Region Halland"});
  CHECK(change.at("only_before") == json{"RSS Dalarna"});
}

TEST_CASE("report marks the share of a group under --min-group respondents, 5 by default") {
  CorporaIndex index;
  const json by_default = index.json_report({"--by", "year"});
  CHECK(by_default.at("min_group") == 5);
  for (const json& row : by_default.at("rows")) CHECK(row.at("small_group") == true);   // 1 or 2 respondents
  const json two = index.json_report({"--by", "year", "--min-group", "2"});
  CHECK(row_of(two, "sip", 2019).at("small_group") == true);        // Region Dalarna alone
  CHECK(row_of(two, "sip", 2023).at("small_group") == false);       // Region and RSS Halland
  const std::string table = index.out({"--by", "year", "--min-group", "2"});
  CHECK(contains(table, "100 %*"));
  CHECK(contains(table, "* Färre än 2 respondenter (--min-group 2)"));
  const std::string none = index.out({"--by", "year", "--min-group", "0"});
  CHECK_FALSE(contains(none, "%*"));
  CHECK_FALSE(contains(none, "Färre än"));
  const std::string html = index.out({"--by", "year,region", "--format", "html"});
  CHECK(contains(html, "fill=\"url(#liten-grupp)\""));
  CHECK_FALSE(contains(index.out({"--by", "year,region", "--format", "html", "--min-group", "0"}),
                       "fill=\"url(#liten-grupp)\""));
  RunResult bad = index.report({"--min-group", "many"});
  CHECK(bad.status == 2);
  CHECK(contains(bad.err, "--min-group"));
}

// The prompt of question 1 of the RSS Halland survey in 002 (lines 1209-1210).
const std::string kHallandQuestion1 =
    "Ange hur många kommuner som i fråga A i kommunfrågorna angivit att de initierat eller förstärkt "
    "nedanstående områden, sedan starten på omställningen mot en god och nära vård ca 2019.";

TEST_CASE("report shows a figure with its question and label") {
  CorporaIndex index;
  const json report = index.json_report({"--by", "year"});
  const json& figure = row_of(report, "fast_vardkontakt", 2023).at("figures").at(0);
  CHECK(figure.at("question_text") == kHallandQuestion1);
  // The question's final full stop gives way to the colon before the label.
  const std::string shown = kHallandQuestion1.substr(0, kHallandQuestion1.size() - 1) + ": Fast vårdkontakt, ange antal";
  CHECK(contains(index.out({"--by", "year", "--format", "md"}), shown));
  CHECK(contains(index.out({"--by", "year", "--format", "html"}), shown));
  CHECK(contains(index.out({"--by", "year"}), "…: Fast vårdkontakt, ange antal"));   // the question cut, not the label
}

TEST_CASE("numbers --json gives each numeric item its question's text") {
  CorporaIndex index;
  RunResult r = run({"numbers", "--index", index.dir, "--json", "--source", "002_93ee68d2c458f8dc.txt"});
  REQUIRE(r.status == 0);
  bool found = false;
  for (const json& n : parse_jsonl(r.out))
    if (n.at("label") == "Fast omsorgskontakt, ange antal") {
      found = true;
      CHECK(n.at("question") == "1");
      CHECK(n.at("question_text") == kHallandQuestion1);
      CHECK(n.at("value_text") == "6");
    }
  CHECK(found);
}

TEST_CASE("report states its provenance in every format, its time from SOURCE_DATE_EPOCH") {
  CorporaIndex index;
  const RunIn pinned{"", {{"SOURCE_DATE_EPOCH", "1798762200"}}};
  auto report = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"report", "--index", index.dir, "--lexicons", kLexicons, "--by", "year"});
    RunResult r = run(args, pinned);
    REQUIRE(r.status == 0);
    return r.out;
  };
  const json p = json::parse(report({"--format", "json"})).at("provenance");
  CHECK(p.at("created_at") == "2027-01-01T00:10:00Z");
  CHECK(contains(run({"--version"}).out, "analyzer " + p.at("analyzer_version").get<std::string>()));
  CHECK(p.at("analysis_version") == "8");
  CHECK(p.at("index_schema") == "5");
  CHECK(std::regex_match(p.at("lexicon_version").get<std::string>(), std::regex("[0-9a-f]{16}")));
  CHECK(contains(p.at("command_line"), " report --index " + index.dir + " --lexicons "));
  CHECK(p.at("indexes") == json{index.dir});
  REQUIRE(p.at("sources").size() == 3);   // the files the answers came from
  const json& dalarna = p.at("sources")[0];
  CHECK(dalarna.at("source") == "000_3242b6e7501bd5d8.txt");
  CHECK(dalarna.at("format") == "text");
  const json& part = dalarna.at("parts").at(0);
  CHECK(part.at("year") == 2022);
  CHECK(part.at("region") == "Dalarna");
  CHECK(part.at("respondent") == "RSS Dalarna");
  CHECK(part.at("origin").at("year").at("from") == "manifest");
  CHECK(part.at("origin").at("region").at("from") == "manifest");
  CHECK_FALSE(part.at("origin").at("year").contains("text"));   // no line of the document
  for (const char* format : {"table", "md", "html"}) {
    INFO(format);
    const std::string out = report({"--format", format});
    CHECK(contains(out, "Underlag och framställning"));
    CHECK(contains(out, "2027-01-01T00:10:00Z"));
    CHECK(contains(out, "3242b6e7501bd5d8"));   // 000_3242b6e7501bd5d8.txt (Markdown escapes "_")
  }
  const std::string table = report({});
  CHECK(table.find("Underlag och framställning") > table.find("Samförekomst"));   // a block at the end
  RunResult bad = run({"report", "--index", index.dir, "--lexicons", kLexicons}, {"", {{"SOURCE_DATE_EPOCH", "soon"}}});
  CHECK(bad.status == 2);
  CHECK(contains(bad.err, "SOURCE_DATE_EPOCH"));
}

TEST_CASE("a report without SOURCE_DATE_EPOCH is dated now") {
  CorporaIndex index;
  RunResult r = run({"report", "--index", index.dir, "--lexicons", kLexicons, "--format", "json"},
                    {"", {{"SOURCE_DATE_EPOCH", ""}}});
  REQUIRE(r.status == 0);
  const std::string created = json::parse(r.out).at("provenance").at("created_at");
  CHECK(std::regex_match(created, std::regex(R"(20[2-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z)")));
}

TEST_CASE("report --by year,region on all of corpora/ compares Exempel 2023 with 2022 among the five municipalities of both years") {
  TempDir tmp;
  const std::string dir = tmp / "index";
  REQUIRE(run({"ingest", "--index", dir, kCorporaDir}).status == 0);
  RunResult r = run({"report", "--index", dir, "--lexicons", kLexicons, "--by", "year,region", "--format", "json"});
  REQUIRE(r.status == 0);
  const json report = json::parse(r.out);
  // Counted by hand from `answers --json --region Exempel`: the kommuner of
  // 005 (2022: A-J and an unnamed row 9) and 006 (2023: A, C, E, F, G and an
  // unnamed row 7); A, C, E, F, G answered both years. fast_omsorgskontakt:
  // 2022 A, D, G, J (of those five: A, G), 2023 G. Region and RSS Exempel
  // answered 2023 only.
  const json& change = row_of(report, "fast_omsorgskontakt", 2023, "Exempel").at("change");
  CHECK(change.at("basis") == "same_respondents");
  CHECK(change.at("respondents") ==
        json{"Exempelkommun A", "Exempelkommun C", "Exempelkommun E", "Exempelkommun F", "Exempelkommun G"});
  CHECK(std::make_tuple(change.at("mentioning_before"), change.at("mentioning_now"), change.at("base_now")) ==
        std::make_tuple(json(2), json(1), json(5)));
  CHECK(change.at("points") == -20.0);
  CHECK(change.at("only_now") == json{"006_exempelkommuner_2023.csv, rad 7", "RSS Exempel", "Region Exempel"});
  CHECK(row_of(report, "fast_omsorgskontakt", 2023, "Exempel").at("respondents_change") == -2);   // 4 → 2, raw
  const json& mobila = row_of(report, "mobila_team", 2023, "Exempel").at("change");   // A, E, G both years
  CHECK(std::make_tuple(mobila.at("mentioning_before"), mobila.at("mentioning_now")) ==
        std::make_tuple(json(3), json(3)));
}
