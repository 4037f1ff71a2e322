// End-to-end tests of `report` and `excerpts` with --format xlsx and docx
// through build/bin/analyzer on the seed corpora: the files read back
// (libzip + pugixml, tests/support/office_files.hpp) against the same
// report as JSON, opened by LibreOffice headless (soffice --convert-to),
// and the usage errors (a binary format needs --output).

#include <catch2/catch.hpp>

#include <cmath>

#include "../support/office_files.hpp"
#include "cli_support.hpp"

using namespace cli;
using analyzer::test::read_docx;
using analyzer::test::read_xlsx;
using analyzer::test::soffice_convert;

namespace {

const std::string kLexicons = (fs::path(kCorporaDir).parent_path() / "lexicons").string();

// One index of the seed corpora for the whole test process.
const std::string& corpora_index() {
  static const TempDir tmp;
  static const std::string dir = [] {
    const std::string d = tmp / "index";
    RunResult r = run({"ingest", "--index", d, kCorpora});
    if (r.status != 0) throw std::runtime_error("ingest of corpora/ failed");
    return d;
  }();
  return dir;
}

RunResult analyzer_run(const std::string& command, std::vector<std::string> args) {
  args.insert(args.begin(), {command, "--index", corpora_index(), "--lexicons", kLexicons});
  return run(args);
}

// Runs a command that must succeed; its stdout.
std::string ok_out(const std::string& command, std::vector<std::string> args) {
  RunResult r = analyzer_run(command, std::move(args));
  if (r.status != 0) {
    std::ostringstream msg;
    msg << "analyzer " << command << " failed: " << r;
    throw std::runtime_error(msg.str());
  }
  return r.out;
}

// Column letter(s) of a 0-based column: 0 → "A", 26 → "AA".
std::string column_name(std::size_t c) {
  std::string s;
  for (++c; c > 0; c = (c - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (c - 1) % 26));
  return s;
}

std::string cell(std::size_t column, std::size_t row) { return column_name(column) + std::to_string(row); }

// The CSV LibreOffice wrote for one sheet as lines.
std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("report and excerpts in xlsx or docx without --output are a usage error, nothing on stdout") {
  auto [command, format] = GENERATE(table<std::string, std::string>({
      {"report", "xlsx"}, {"report", "docx"}, {"excerpts", "xlsx"}, {"excerpts", "docx"}}));
  std::vector<std::string> args{"--format", format};
  if (command == "excerpts") args.insert(args.end(), {"--theme", "sip"});
  RunResult r = analyzer_run(command, args);
  CAPTURE(r);
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::Contains("--format " + format + " writes a file, not text: give --output FILE"));
}

TEST_CASE("report xlsx that cannot be written exits 3 naming the file") {
  TempDir dir;
  const std::string path = dir / "missing/r.xlsx";
  RunResult r = analyzer_run("report", {"--format", "xlsx", "--output", path});
  CAPTURE(r);
  CHECK(r.status == 3);
  CHECK_THAT(r.err, Catch::Contains(path) && Catch::Contains("cannot write the Excel file"));
}

// A user trial: `report --format xlsx --output /dev/full` (as root) put a
// regular file in place of the device. A FIFO and a folder stand for it here.
TEST_CASE("report xlsx to a FIFO or a folder is refused with exit 3 naming it, and it is left as it was") {
  TempDir dir;
  analyzer::test::HeldFifo fifo(dir / "rör.xlsx");
  fs::create_directory(dir / "mapp.xlsx");
  auto [name, kind] = GENERATE(table<std::string, std::string>({{"rör.xlsx", "a FIFO (named pipe)"},
                                                                 {"mapp.xlsx", "a folder"}}));
  const std::string path = dir / name;
  RunResult r = analyzer_run("report", {"--format", "xlsx", "--output", path});
  CAPTURE(r);
  CHECK(r.status == 3);
  CHECK_THAT(r.err, Catch::Contains(path + ": error: cannot write the Excel file: it is " + kind +
                                    ", not a regular file (give a file name)"));
  CHECK(fs::is_fifo(fs::symlink_status(dir / "rör.xlsx")));
  CHECK(fs::is_directory(fs::symlink_status(dir / "mapp.xlsx")));
  CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 2);
}

TEST_CASE("report xlsx --output through a symbolic link writes the link's target and the link stays a link") {
  TempDir dir;
  dir.write("real.xlsx", "tidigare rapport");
  fs::create_symlink("real.xlsx", dir / "link.xlsx");
  ok_out("report", {"--format", "xlsx", "--output", dir / "link.xlsx"});
  CHECK(fs::is_symlink(fs::symlink_status(dir / "link.xlsx")));
  CHECK(fs::read_symlink(dir / "link.xlsx") == "real.xlsx");
  CHECK(read_xlsx(dir / "real.xlsx").sheet("Teman").at("A1").text == "Tema");
}

TEST_CASE("report xlsx by year and region: the Teman sheet holds the JSON report's rows as typed numbers") {
  TempDir dir;
  const std::string path = dir / "temarapport.xlsx";
  ok_out("report", {"--by", "year,region", "--format", "xlsx", "--output", path});
  const json report = json::parse(ok_out("report", {"--by", "year,region", "--format", "json"}));
  const auto book = read_xlsx(path);
  CHECK(book.names() == std::vector<std::string>{"Teman", "Egna siffror", "Samförekomst", "Citat", "Underlag"});
  const auto& t = book.sheet("Teman");
  const std::vector<std::string> headings{"Tema", "Tema-id", "År", "Region", "Respondenter",
                                          "Respondenter i gruppen", "Andel", "Svar", "Svar i gruppen",
                                          "Omnämnanden", "Föregående år", "Förändring mot föregående år",
                                          "Jämförelse", "Förändring (procentenheter)", "Liten grupp"};
  for (std::size_t c = 0; c < headings.size(); ++c) CHECK(t.at(cell(c, 1)).text == headings[c]);
  CHECK(t.autofilter == "A1:O" + std::to_string(report["rows"].size() + 1));
  CHECK(t.frozen_top_left == "A2");
  REQUIRE(report["rows"].size() > 10);
  for (std::size_t i = 0; i < report["rows"].size(); ++i) {
    const json& row = report["rows"][i];
    const std::size_t r = i + 2;
    CAPTURE(row.dump());
    CHECK(t.at(cell(1, r)).text == row["theme"].get<std::string>());
    if (row["year"].is_number()) {
      CHECK(t.at(cell(2, r)).type.empty());
      CHECK(t.at(cell(2, r)).text == std::to_string(row["year"].get<int>()));
    }
    CHECK(t.at(cell(4, r)).text == std::to_string(row["respondents"].get<int>()));
    CHECK(t.at(cell(5, r)).text == std::to_string(row["respondents_total"].get<int>()));
    if (row["share"].is_number()) {
      CHECK(std::stod(t.at(cell(6, r)).text) == Approx(row["share"].get<double>()));
      CHECK(t.at(cell(6, r)).format == "0.0%");
    }
    CHECK(t.at(cell(9, r)).text == std::to_string(row["mentions"].get<int>()));
    if (row["respondents_change"].is_number()) {
      CHECK(t.at(cell(11, r)).text == std::to_string(row["respondents_change"].get<int>()));
      CHECK(t.at(cell(11, r)).format == "+0;-0;0");
    } else {
      CHECK_FALSE(t.has(cell(11, r)));
    }
  }
}

TEST_CASE("report xlsx: the Citat sheet holds the top excerpts of each theme, as excerpts --format json ranks them") {
  TempDir dir;
  const std::string path = dir / "r.xlsx";
  ok_out("report", {"--format", "xlsx", "--output", path});
  const auto q = read_xlsx(path).sheet("Citat");
  std::vector<std::string> sip;
  for (std::size_t r = 2; q.has(cell(0, r)); ++r)
    if (q.at(cell(0, r)).text == "SIP") sip.push_back(q.at(cell(2, r)).text);
  std::vector<std::string> expected;
  std::istringstream in(ok_out("excerpts", {"--theme", "sip", "--format", "json", "--limit", "10"}));
  for (std::string line; std::getline(in, line);) expected.push_back(json::parse(line)["text"]);
  REQUIRE_FALSE(expected.empty());
  CHECK(sip == expected);
}

TEST_CASE("report docx: Heading 1 and 2 for the report and its sections, the theme table, quotes in style Quote") {
  TempDir dir;
  const std::string path = dir / "r.docx";
  ok_out("report", {"--by", "year", "--format", "docx", "--output", path});
  const auto paragraphs = read_docx(path);
  std::vector<std::string> heading1;
  std::size_t quotes = 0;
  for (const auto& p : paragraphs) {
    if (p.style == "Heading1") heading1.push_back(p.text);
    quotes += p.style == "Quote";
  }
  CHECK(heading1 == std::vector<std::string>{"God och nära vård – temarapport", "Citat"});
  CHECK(quotes >= 6);   // every theme of the seeds has at least one excerpt
  const std::string table = ok_out("report", {"--by", "year"});
  CHECK_THAT(table, Catch::Contains("Förändring mot föregående år"));
  bool change_heading = false;
  for (const auto& p : paragraphs) change_heading |= p.in_table && p.text == "Förändring mot föregående år";
  CHECK(change_heading);
}

TEST_CASE("LibreOffice opens the report workbook: every sheet converts to CSV with the report's rows") {
  TempDir dir;
  const std::string path = dir / "temarapport.xlsx";
  ok_out("report", {"--by", "year,region", "--format", "xlsx", "--output", path});
  const auto c = soffice_convert(path, analyzer::test::kCsvAllSheets);
  INFO(c.log);
  REQUIRE(c.status == 0);
  for (const char* sheet : {"Teman", "Egna siffror", "Samförekomst", "Citat", "Underlag"})
    CHECK(c.files.count(std::string("temarapport-") + sheet + ".csv"));
  // The provenance sheet names the command that made the workbook.
  CHECK_THAT(c.files.at("temarapport-Underlag.csv"), Catch::Contains("--format xlsx"));
  const auto teman = lines(c.files.at("temarapport-Teman.csv"));
  const json report = json::parse(ok_out("report", {"--by", "year,region", "--format", "json"}));
  REQUIRE(teman.size() == report["rows"].size() + 1);
  CHECK(teman[0] ==
        "Tema,Tema-id,År,Region,Respondenter,Respondenter i gruppen,Andel,Svar,Svar i gruppen,Omnämnanden,"
        "Föregående år,Förändring mot föregående år,Jämförelse,Förändring (procentenheter),Liten grupp");
  // The first row as LibreOffice shows it: counts, the share as a percentage.
  const json& row = report["rows"][0];
  char share[32] = "";
  if (row["share"].is_number()) std::snprintf(share, sizeof share, "%.1f%%", row["share"].get<double>() * 100);
  CHECK_THAT(teman[1], Catch::StartsWith(row["theme"].get<std::string>() == "sip" ? "SIP,sip," : ""));
  CHECK_THAT(teman[1], Catch::Contains("," + std::to_string(row["respondents"].get<int>()) + "," +
                                       std::to_string(row["respondents_total"].get<int>()) + "," + share + ","));
}

TEST_CASE("LibreOffice opens the report's Word file: headings, the theme table and quotes with citations") {
  TempDir dir;
  const std::string path = dir / "temarapport.docx";
  ok_out("report", {"--by", "year", "--theme", "sip", "--format", "docx", "--output", path});
  const auto c = soffice_convert(path, "txt:Text (encoded):UTF8");
  INFO(c.log);
  REQUIRE(c.status == 0);
  REQUIRE(c.files.count("temarapport.txt"));
  const std::string& text = c.files.at("temarapport.txt");
  CHECK_THAT(text, Catch::Contains("God och nära vård – temarapport"));
  CHECK_THAT(text, Catch::Contains("Samförekomst"));
  const std::string first = json::parse(lines(ok_out("excerpts", {"--theme", "sip", "--format", "json"})).at(0))["text"];
  CHECK_THAT(text, Catch::Contains(first));
  CHECK_THAT(text, Catch::Contains("— "));
}

TEST_CASE("excerpts xlsx and docx: the excerpts of excerpts --format json, opened by LibreOffice") {
  TempDir dir;
  const std::string xlsx = dir / "utdrag.xlsx";
  const std::string docx = dir / "utdrag.docx";
  ok_out("excerpts", {"--theme", "sip", "--limit", "3", "--format", "xlsx", "--output", xlsx});
  ok_out("excerpts", {"--theme", "sip", "--limit", "3", "--format", "docx", "--output", docx});
  std::vector<json> expected;
  for (const std::string& line : lines(ok_out("excerpts", {"--theme", "sip", "--limit", "3", "--format", "json"})))
    expected.push_back(json::parse(line));
  REQUIRE(expected.size() == 3);
  const auto book = read_xlsx(xlsx);
  REQUIRE(book.names() == std::vector<std::string>{"Utdrag SIP", "Underlag"});
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK(book.sheets[0].at(cell(2, i + 2)).text == expected[i]["text"].get<std::string>());
    CHECK(book.sheets[0].at(cell(10, i + 2)).text == expected[i]["source"].get<std::string>());
  }
  std::vector<std::string> quotes;
  for (const auto& p : read_docx(docx))
    if (p.style == "Quote") quotes.push_back(p.text);
  REQUIRE(quotes.size() == 3);
  for (std::size_t i = 0; i < expected.size(); ++i) CHECK(quotes[i] == expected[i]["text"].get<std::string>());
  const auto text = soffice_convert(docx, "txt:Text (encoded):UTF8");
  INFO(text.log);
  REQUIRE(text.status == 0);
  CHECK_THAT(text.files.at("utdrag.txt"), Catch::Contains("Utdrag: SIP") &&
                                              Catch::Contains(expected[2]["text"].get<std::string>()));
  CHECK_THAT(text.files.at("utdrag.txt"), Catch::Contains("Underlag och framställning"));   // its provenance, at the end
  const auto csv = soffice_convert(xlsx, analyzer::test::kCsvAllSheets);
  INFO(csv.log);
  REQUIRE(csv.status == 0);
  REQUIRE(csv.files.count("utdrag-Utdrag SIP.csv"));
  CHECK(lines(csv.files.at("utdrag-Utdrag SIP.csv")).size() >= 4);
}
