// The Excel and Word printers (print/xlsx_writer, xlsx_report, docx_writer,
// docx_report) and their text rules (print/xml_text): each file is read
// back as another program would (libzip + pugixml, tests/support/
// office_files.hpp), and opened by LibreOffice headless.

#include <catch2/catch.hpp>

#include "../support/office_files.hpp"
#include "../support/temp_files.hpp"
#include "analyzer/print/docx_report.hpp"
#include "analyzer/print/docx_writer.hpp"
#include "analyzer/print/xlsx_report.hpp"
#include "analyzer/print/xlsx_writer.hpp"
#include "analyzer/core/xml_text.hpp"

using namespace analyzer;
using analyzer::test::TempDir;

namespace {

// Two themes by year: SIP 1 of 2 in 2019 and 2 of 2 in 2023 (+1), one
// figure, one pair.
ThemeReport small_report() {
  ThemeReport r;
  r.themes = {{"sip", "SIP"}, {"mobila_team", "Mobila team"}};
  r.by = {GroupKey::Year};
  r.answers_total = 6;
  r.respondents_total = 2;
  r.sources = {"a.txt", "b.txt"};
  ThemeReportRow a;
  a.theme = "sip";
  a.group.year = 2019;
  a.respondents = 1;
  a.respondents_total = 2;
  a.answers = 1;
  a.answers_total = 3;
  a.mentions = 2;
  ThemeReportRow b = a;
  b.group.year = 2023;
  b.respondents = 2;
  b.previous_year = 2019;
  b.respondents_change = 1;
  YearChange change;   // the same two respondents both years: 1 of 2 -> 2 of 2
  change.previous_year = 2019;
  change.comparable = true;
  change.respondents = {"Kommun A", "Kommun B"};
  change.mentioning_before = 1;
  change.base_before = 2;
  change.mentioning_now = 2;
  change.base_now = 2;
  b.change = change;
  b.figures.push_back({"Kommun B", 2023, "b.txt", "7", "Antal SIP", "12", 12});
  ThemeReportRow c;
  c.theme = "mobila_team";
  c.group.year = 2019;
  c.respondents_total = 2;
  c.answers_total = 3;
  r.rows = {a, b, c};
  r.co_occurrence = {{"sip", "mobila_team", 1, 1}};
  return r;
}

ExcerptList sip_excerpts() {
  ExcerptList l;
  l.theme = "sip";
  l.label = "SIP";
  l.sentences = 1;
  Excerpt e;
  e.theme = "sip";
  e.text = "Vi har infört SIP i hela kommunen.";
  e.marks = {{15, 18}};   // "ö" is two bytes
  Citation c;
  c.source = "b.txt";
  c.year = 2023;
  c.respondent = "Kommun B";
  c.respondent_type = "kommun";
  c.question = "5a";
  c.question_text = "Beskriv arbetet med SIP";
  c.layout = LayoutKind::Survey;
  c.location.line = 12;
  e.sources = {c};
  l.excerpts = {e};
  return l;
}

}  // namespace

TEST_CASE("xml_chars drops characters XML 1.0 forbids and replaces bytes that are not UTF-8") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"vård\tå\r\n", "vård\tå\r\n"},
      {std::string("a\0b", 3), "ab"},
      {"a\x1b[31mb\x07", "a[31mb"},
      {"\xEF\xBF\xBE\xEF\xBF\xBF!", "!"},   // U+FFFE, U+FFFF
      {"cut\xC3", "cut\xEF\xBF\xBD"},
      {"😀", "😀"},
  }));
  CAPTURE(input);
  CHECK(xml_chars(input) == expected);
}

TEST_CASE("xml_escape escapes markup and quotes") {
  CHECK(xml_escape("<w:t> & \"x\" 'y'\x01") == "&lt;w:t&gt; &amp; &quot;x&quot; &#39;y&#39;");
}

TEST_CASE("xlsx_sheet_name makes a name Excel accepts: no []:*?/\\, at most 31 characters, unique") {
  auto [wanted, expected] = GENERATE(table<std::string, std::string>({
      {"Utdrag: SIP/FVK?", "Utdrag- SIP-FVK-"},
      {"[a]*b\\c", "-a--b-c"},
      {"'Citat'", "Citat"},
      {"", "Blad"},
      {"History", "History (2)"},
      {"Utdrag Fast vård- och omsorgskontakt", "Utdrag Fast vård- och omsorgsko"},
      {"Rad\nbrytning", "Rad-brytning"},
  }));
  CAPTURE(wanted);
  CHECK(xlsx_sheet_name(wanted, {}) == expected);
}

TEST_CASE("xlsx_sheet_name numbers a name already taken, ignoring case, within 31 characters") {
  CHECK(xlsx_sheet_name("Teman", {"teman"}) == "Teman (2)");
  CHECK(xlsx_sheet_name("Teman", {"Teman", "Teman (2)"}) == "Teman (3)");
  CHECK(xlsx_sheet_name(std::string(40, 'x'), {std::string(31, 'x')}) == std::string(27, 'x') + " (2)");
}

TEST_CASE("report xlsx: one sheet per table, typed counts, the share as a percentage, Swedish headings") {
  TempDir dir;
  const std::string path = dir / "r.xlsx";
  REQUIRE(write_report_xlsx(small_report(), {sip_excerpts()}, path).ok());
  const auto book = analyzer::test::read_xlsx(path);
  CHECK(book.names() == std::vector<std::string>{"Teman", "Egna siffror", "Samförekomst", "Citat"});
  const auto& t = book.sheet("Teman");
  // Tema, Tema-id, År, Respondenter, Respondenter i gruppen, Andel, Svar, Svar i gruppen, Omnämnanden,
  // Föregående år, Förändring mot föregående år
  CHECK(t.at("A1").text == "Tema");
  CHECK(t.at("C1").text == "År");
  CHECK(t.at("F1").text == "Andel");
  CHECK(t.at("K1").text == "Förändring mot föregående år");
  CHECK(t.at("A2").text == "SIP");
  CHECK(t.at("B2").text == "sip");
  CHECK(t.at("C2").type == "");   // a number
  CHECK(t.at("C2").text == "2019");
  CHECK(t.at("D3").text == "2");
  CHECK(t.at("F2").text == "0.5");
  CHECK(t.at("F2").format == "0.0%");
  CHECK(t.at("K3").text == "1");
  CHECK(t.at("K3").format == "+0;-0;0");
  CHECK_FALSE(t.has("K2"));         // no previous year: no cell
  const auto& f = book.sheet("Egna siffror");
  CHECK(f.at("E2").text == "Antal SIP");
  CHECK(f.at("F2").type == "");
  CHECK(f.at("F2").text == "12");
  const auto& p = book.sheet("Samförekomst");
  CHECK(p.at("A2").text == "SIP");
  CHECK(p.at("B2").text == "Mobila team");
  const auto& q = book.sheet("Citat");
  CHECK(q.at("C2").text == "Vi har infört SIP i hela kommunen.");
  CHECK(q.at("D2").text == "Kommun B, 2023, fråga 5a: Beskriv arbetet med SIP (b.txt, rad 12)");
  CHECK(q.at("L2").text == "rad 12");
}

TEST_CASE("xlsx: every sheet has a frozen bold header row, an autofilter and column widths") {
  TempDir dir;
  const std::string path = dir / "r.xlsx";
  REQUIRE(write_report_xlsx(small_report(), {sip_excerpts()}, path).ok());
  for (const auto& sheet : analyzer::test::read_xlsx(path).sheets) {
    CAPTURE(sheet.name);
    CHECK(sheet.frozen_top_left == "A2");
    CHECK(sheet.autofilter.substr(0, 3) == "A1:");
    CHECK_FALSE(sheet.widths.empty());
  }
  const auto teman = analyzer::test::read_xlsx(path).sheet("Teman");
  CHECK(teman.autofilter == "A1:N4");  // ... Jämförelse, Förändring (procentenheter), Liten grupp
  // "Förändring mot föregående år": 28 characters + 2 (libxlsxwriter rounds to whole pixels)
  CHECK(teman.widths.at(10) == Approx(30).margin(1));
}

TEST_CASE("xlsx: a cell that begins with = + - @ is written as text, never as a formula") {
  TempDir dir;
  const std::string path = dir / "f.xlsx";
  const std::vector<std::string> hostile{"=1+1", "+46 70 123", "-2+3", "@SUM(1)", "=HYPERLINK(\"http://x\",\"y\")"};
  XlsxSheet sheet{"Blad", {"Text"}, {}};
  for (const auto& h : hostile) sheet.rows.push_back({XlsxCell::of_text(h)});
  REQUIRE(write_xlsx({sheet}, path).ok());
  const auto read = analyzer::test::read_xlsx(path).sheet("Blad");
  for (std::size_t i = 0; i < hostile.size(); ++i) {
    const auto& cell = read.at("A" + std::to_string(i + 2));
    CAPTURE(hostile[i]);
    CHECK(cell.type == "s");
    CHECK_FALSE(cell.formula);
    CHECK(cell.text == hostile[i]);
  }
}

TEST_CASE("xlsx: control characters are dropped and an over-long text is cut to Excel's 32767 characters") {
  TempDir dir;
  const std::string path = dir / "c.xlsx";
  XlsxSheet sheet{"Blad", {"Text"}, {{XlsxCell::of_text("a\x1b[0mb\x01")}, {XlsxCell::of_text(std::string(40000, 'x'))}}};
  REQUIRE(write_xlsx({sheet}, path).ok());
  const auto read = analyzer::test::read_xlsx(path).sheet("Blad");
  CHECK(read.at("A2").text == "a[0mb");
  CHECK(read.at("A3").text == std::string(32766, 'x') + "…");
}

TEST_CASE("xlsx: a file that cannot be written is an error naming it, and nothing is left behind") {
  TempDir dir;
  const std::string path = dir / "no-such-folder/r.xlsx";
  Status s = write_report_xlsx(small_report(), {}, path);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().file == path);
  CHECK_THAT(s.error().message, Catch::Contains("cannot write the Excel file"));
  CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("xlsx: an invalid sheet name is refused, not changed") {
  TempDir dir;
  Status s = write_xlsx({{"a/b", {"x"}, {}}}, dir / "r.xlsx");
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.error().message, Catch::Contains("invalid sheet name \"a/b\""));
  CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("excerpts xlsx: one sheet named after the theme, one row per excerpt") {
  TempDir dir;
  const std::string path = dir / "u.xlsx";
  ExcerptList l = sip_excerpts();
  l.label = "Fast vård-/omsorgskontakt: [test]";
  REQUIRE(write_excerpts_xlsx(l, path).ok());
  const auto book = analyzer::test::read_xlsx(path);
  REQUIRE(book.names() == std::vector<std::string>{"Utdrag Fast vård--omsorgskontak"});
  CHECK(book.sheets[0].at("B2").text == "1");
  CHECK(book.sheets[0].at("N2").text == "nej");
}

TEST_CASE("report docx: Word's heading, quote and table styles, the tables and the quotes with citations") {
  TempDir dir;
  const std::string path = dir / "r.docx";
  REQUIRE(write_report_docx(small_report(), {sip_excerpts()}, path).ok());
  const auto styles = analyzer::test::docx_styles(path);
  CHECK(styles.at("Heading1") == "heading 1");
  CHECK(styles.at("Heading2") == "heading 2");
  CHECK(styles.at("Quote") == "Quote");
  CHECK(styles.at("TableGrid") == "Table Grid");
  std::vector<std::string> headings;
  const auto paragraphs = analyzer::test::read_docx(path);
  for (const auto& p : paragraphs)
    if (p.style.rfind("Heading", 0) == 0) headings.push_back(p.style + " " + p.text);
  CHECK(headings == std::vector<std::string>{"Heading1 God och nära vård – temarapport", "Heading2 Teman",
                                             "Heading2 Respondentens egen siffra", "Heading2 Samförekomst",
                                             "Heading1 Citat", "Heading2 SIP"});
  std::vector<std::string> cells;
  for (const auto& p : paragraphs)
    if (p.in_table) cells.push_back(p.text);
  CHECK(std::find(cells.begin(), cells.end(), "Förändring mot föregående år") != cells.end());
  CHECK(std::find_if(cells.begin(), cells.end(), [](const std::string& cell) {
          return cell.find("+50 procentenheter mot 2019") != std::string::npos;
        }) != cells.end());
  CHECK(std::find(cells.begin(), cells.end(), "50 %") != cells.end());
  auto quote = std::find_if(paragraphs.begin(), paragraphs.end(), [](const auto& p) { return p.style == "Quote"; });
  REQUIRE(quote != paragraphs.end());
  CHECK(quote->text == "Vi har infört SIP i hela kommunen.");
  CHECK(quote->bold == "SIP");
  REQUIRE(quote + 1 != paragraphs.end());
  CHECK((quote + 1)->text == "— Kommun B, 2023, fråga 5a: Beskriv arbetet med SIP (b.txt, rad 12)");
}

TEST_CASE("docx: text is escaped, characters XML forbids are dropped, line breaks kept") {
  TempDir dir;
  const std::string path = dir / "e.docx";
  DocxDocument doc;
  doc.heading(1, "<Rubrik> & \"citat\"");
  doc.paragraph("rad ett\nrad två\x1b\x01");
  REQUIRE(doc.save(path).ok());
  const auto p = analyzer::test::read_docx(path);
  REQUIRE(p.size() == 2);
  CHECK(p[0].text == "<Rubrik> & \"citat\"");
  CHECK(p[1].text == "rad ett\nrad två");
}

TEST_CASE("docx: a file that cannot be written is an error naming it") {
  TempDir dir;
  const std::string path = dir / "no-such-folder/r.docx";
  Status s = write_excerpts_docx(sip_excerpts(), path);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().file == path);
  CHECK_THAT(s.error().message, Catch::Contains("cannot write the Word file"));
}

TEST_CASE("LibreOffice reads an XLSX cell that begins with = as the text it is, not a formula's result") {
  TempDir dir;
  const std::string path = dir / "f.xlsx";
  XlsxSheet sheet{"Blad", {"Text", "Andel"}, {{XlsxCell::of_text("=1+1"), XlsxCell::of_percent(0.25)},
                                              {XlsxCell::of_text("@SUM(1)"), XlsxCell::of_percent(1)}}};
  REQUIRE(write_xlsx({sheet}, path).ok());
  const auto c = analyzer::test::soffice_convert(path, analyzer::test::kCsvAllSheets);
  INFO(c.log);
  REQUIRE(c.status == 0);
  REQUIRE(c.files.count("f-Blad.csv"));
  CHECK(c.files.at("f-Blad.csv") == "Text,Andel\n=1+1,25.0%\n@SUM(1),100.0%\n");
}

TEST_CASE("LibreOffice opens the report's Word file: its headings, table cells and quotes as text") {
  TempDir dir;
  const std::string path = dir / "r.docx";
  REQUIRE(write_report_docx(small_report(), {sip_excerpts()}, path).ok());
  const auto c = analyzer::test::soffice_convert(path, "txt:Text (encoded):UTF8");
  INFO(c.log);
  REQUIRE(c.status == 0);
  REQUIRE(c.files.count("r.txt"));
  const std::string& text = c.files.at("r.txt");
  CHECK_THAT(text, Catch::Contains("God och nära vård – temarapport"));
  CHECK_THAT(text, Catch::Contains("Respondentens egen siffra"));
  CHECK_THAT(text, Catch::Contains("+50 procentenheter mot 2019"));
  CHECK_THAT(text, Catch::Contains("Vi har infört SIP i hela kommunen."));
  CHECK_THAT(text, Catch::Contains("— Kommun B, 2023, fråga 5a"));
}
