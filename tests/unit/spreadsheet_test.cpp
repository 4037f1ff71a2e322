// Spreadsheet readers: CsvReader (read/csv_reader.hpp), XlsxReader
// (read/xlsx_reader.hpp) and what they share (read/spreadsheet_table.hpp),
// plus the manifest's "columns" (read/manifest.hpp).
#include <catch2/catch.hpp>

#include <unordered_map>

#include <optional>
#include <string>
#include <vector>

#include "analyzer/read/csv_reader.hpp"
#include "analyzer/read/manifest.hpp"
#include "analyzer/read/reading_threads.hpp"
#include "analyzer/read/spreadsheet_table.hpp"
#include "analyzer/read/xlsx_number_format.hpp"
#include "analyzer/read/xlsx_reader.hpp"
#include "analyzer/read/xml_stream.hpp"
#include "tests/support/zip_builder.hpp"

using namespace analyzer;
using analyzer::test::zip_of;

namespace {

struct Read {
  Result<SourceText> text;
  Diagnostics warnings;
};

Read read_csv(const std::string& bytes, ReadOptions options = {}) {
  Diagnostics warnings;
  Result<SourceText> text = CsvReader().read("svar.csv", bytes, options, warnings);
  return {std::move(text), std::move(warnings)};
}

// One line per answer: "F2 5a [name|type|region|year] text".
std::vector<std::string> render_answers(const SourceText& t) {
  std::vector<std::string> out;
  std::unordered_map<std::size_t, std::size_t> place_at;  // span begin → the last place there
  for (std::size_t i = 0; i < t.places.size(); ++i) place_at[t.places.span(i).begin] = i;
  for (const GivenAnswer& a : t.given->answers) {
    const Respondent& r = t.given->parts[a.part].respondent;
    std::string place;
    if (auto found = place_at.find(a.span.begin); found != place_at.end()) place = t.places[found->second].label;
    out.push_back(place + " " + t.given->questions[a.question].id + " [" + r.name + "|" + (r.type ? to_string(*r.type) : "-") + "|" +
                  r.region + "|" + (r.year ? std::to_string(*r.year) : "-") + "] " +
                  t.text.substr(a.span.begin, a.span.size()));
  }
  return out;
}

std::vector<std::string> render_numbers(const SourceText& t) {
  std::vector<std::string> out;
  for (const GivenNumber& n : t.given->numbers)
    out.push_back(t.given->questions[n.question].id + " = " + t.text.substr(n.span.begin, n.span.size()) + " [" +
                  t.given->parts[n.part].respondent.name + "]");
  return out;
}

std::string all_messages(const Diagnostics& ds) {
  std::string out;
  for (const Diagnostic& d : ds) out += d.render() + "\n";
  return out;
}

// A workbook with the given sheets: (name, sheet XML body inside <sheetData>,
// extra XML after </sheetData>), and shared strings.
std::string xlsx_of(const std::vector<std::tuple<std::string, std::string, std::string>>& sheets,
                    const std::vector<std::string>& shared = {}, const std::string& dimension = "",
                    const std::string& styles = "") {
  std::string workbook = R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>)";
  std::string rels = R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)";
  std::vector<std::pair<std::string, std::string>> members;
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    const auto& [name, data, extra] = sheets[i];
    const std::string n = std::to_string(i + 1);
    workbook += "<sheet name=\"" + name + "\" sheetId=\"" + n + "\" r:id=\"rId" + n + "\"/>";
    rels += "<Relationship Id=\"rId" + n +
            "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet" +
            n + ".xml\"/>";
    members.push_back({"xl/worksheets/sheet" + n + ".xml",
                       R"(<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)" +
                           (dimension.empty() ? "" : "<dimension ref=\"" + dimension + "\"/>") + "<sheetData>" + data +
                           "</sheetData>" + extra + "</worksheet>"});
  }
  workbook += "</sheets></workbook>";
  if (!shared.empty()) {
    rels += R"(<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>)";
    std::string sst = R"(<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)";
    for (const std::string& s : shared) sst += "<si>" + s + "</si>";
    members.push_back({"xl/sharedStrings.xml", sst + "</sst>"});
  }
  if (!styles.empty()) {
    rels += R"(<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)";
    members.push_back({"xl/styles.xml", styles});
  }
  rels += "</Relationships>";
  members.push_back({"xl/workbook.xml", workbook});
  members.push_back({"xl/_rels/workbook.xml.rels", rels});
  return zip_of(members);
}

// Runs `check` with a core free for a reader's second thread (when the
// machine has one) and again with every core taken, where the XLSX reader
// reads its shared strings first, in order.
template <class Check>
void with_and_without_a_free_core(const Check& check) {
  for (const bool core_free : {true, false}) {
    INFO("a core free: " << core_free);
    std::optional<ReadingThreads> every_core;
    if (!core_free) every_core.emplace(1024);
    check();
  }
}

Read read_xlsx(const std::string& bytes, ReadOptions options = {}) {
  Diagnostics warnings;
  Result<SourceText> text = XlsxReader().read("export.xlsx", bytes, options, warnings);
  return {std::move(text), std::move(warnings)};
}

}  // namespace

// ---- shared pieces -------------------------------------------------------------

TEST_CASE("question ids are the header's leading number, else none") {
  CHECK(question_id_of("13a. Beskriv insatser") == "13a");
  CHECK(question_id_of("5a) Beskriv") == "5a");
  CHECK(question_id_of("K1 Samverkan med kommunerna") == "K1");
  CHECK(question_id_of("Fråga 7: Hur många?") == "7");
  CHECK(question_id_of("5.1 Hur ser det ut?") == "5.1");
  CHECK(question_id_of("Fråga 1, om SIP") == "1");
  CHECK(question_id_of("14") == "14");
  CHECK(question_id_of("Fast omsorgskontakt, ange antal") == "");
  CHECK(question_id_of("2022 års arbete") == "");
  CHECK(question_id_of("3D-skrivare") == "");
}

TEST_CASE("a sub-question's letter is part of the id however the header writes it") {
  CHECK(question_id_of("13A. Beskriv") == "13a");
  CHECK(question_id_of("Fråga 12 b: Beskriv") == "12b");
  CHECK(question_id_of("3 a) Beskriv") == "3a");
  CHECK(question_id_of("1.a Beskriv") == "1a");
  CHECK(question_id_of("5 i kommunen") == "5");
  CHECK(question_id_of("2 A-team") == "2");
  CHECK(question_id_of("4 Antal") == "4");
}

TEST_CASE("cell numbers accept Swedish and English forms, percentages as shown, and nothing else") {
  CHECK(parse_cell_number("12") == Approx(12));
  CHECK(parse_cell_number("ca 30") == Approx(30));  // an approximate value is its number
  CHECK(parse_cell_number("Cirka 1 200") == Approx(1200));
  CHECK(parse_cell_number("~4") == Approx(4));
  CHECK_FALSE(parse_cell_number("cam 30"));
  CHECK(parse_cell_number(" 3,5 ") == Approx(3.5));
  CHECK(parse_cell_number("3.5") == Approx(3.5));
  CHECK(parse_cell_number("1 200") == Approx(1200));
  CHECK(parse_cell_number("1\xC2\xA0" "200 000") == Approx(1200000));
  CHECK(parse_cell_number("-2") == Approx(-2));
  CHECK(parse_cell_number("4.9999999999999996E-2") == Approx(0.05));
  CHECK_FALSE(parse_cell_number("2022-01-01"));
  CHECK_FALSE(parse_cell_number("070-123 45 67"));
  CHECK_FALSE(parse_cell_number("12 st"));
  CHECK(parse_cell_number("25%") == Approx(25));
  CHECK(parse_cell_number("12,5 %") == Approx(12.5));
  CHECK(parse_cell_number("45\xC2\xA0%") == Approx(45));
  CHECK_FALSE(parse_cell_number("% 25"));
  CHECK_FALSE(parse_cell_number("25 %%"));
  CHECK_FALSE(parse_cell_number("25  %"));
  CHECK_FALSE(parse_cell_number("1 20"));
  CHECK_FALSE(parse_cell_number(""));
}

TEST_CASE("dates and times as exports write them are dates or times, and other numbers are not") {
  for (const char* date : {"2024-01-16", "2024-01-16 09:05", "2024-01-16T09:05:00", "2024-1-6", "16/01/2024",
                           "1/16/2024 9:05:00", "16.01.2024", " 2024-01-16 09:05:07.250 ", "09:30", "9:30:00"})
    CHECK(looks_like_date_or_time(date));
  for (const char* other : {"2024", "2024-01", "20240116", "070-123 45 67", "1.2.3", "2024-01/16", "16/01/24",
                            "2024-01-16 kl 9", "2024-01-16 9:5", "12 st", "1 200", "9:5", "kl 09:30"})
    CHECK_FALSE(looks_like_date_or_time(other));
}

TEST_CASE("column letters go both ways") {
  CHECK(column_letters(0) == "A");
  CHECK(column_letters(25) == "Z");
  CHECK(column_letters(26) == "AA");
  CHECK(column_letters(999) == "ALL");
  CHECK(parse_column_letters("ab") == 27u);
  CHECK(parse_column_letters("XFD") == 16383u);
  CHECK_FALSE(parse_column_letters("XFE"));
  CHECK_FALSE(parse_column_letters("A1"));
}

TEST_CASE("XmlStream refuses a DOCTYPE and an unknown entity, and decodes the five") {
  XmlStream doctype("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><x/>");
  CHECK(doctype.next() == XmlStream::Event::Error);
  CHECK(doctype.error().find("DOCTYPE") != std::string::npos);
  XmlStream entity("<t>&a;</t>");
  CHECK(entity.next() == XmlStream::Event::Start);
  CHECK(entity.next() == XmlStream::Event::Error);
  XmlStream ok("<x:t a='1 &amp; 2'>&lt;&#229;&#xE4;&gt;</x:t>");
  REQUIRE(ok.next() == XmlStream::Event::Start);
  CHECK(ok.name() == "t");
  CHECK(ok.attribute("a") == std::optional<std::string>("1 & 2"));
  REQUIRE(ok.next() == XmlStream::Event::Text);
  CHECK(ok.text() == "<åä>");
  CHECK(ok.next() == XmlStream::Event::End);
  CHECK(ok.next() == XmlStream::Event::Eof);
}

TEST_CASE("XmlStream gives a text or attribute without an entity as written and one with entities decoded") {
  XmlStream s("<c r=\"F7\" t='a&amp;b'><v>12</v><v>1 &lt; 2</v><v><![CDATA[<x>]]></v></c>");
  REQUIRE(s.next() == XmlStream::Event::Start);
  std::string scratch;
  CHECK(s.attribute("r", scratch) == std::optional<std::string_view>("F7"));
  CHECK(s.attribute("t", scratch) == std::optional<std::string_view>("a&b"));
  CHECK_FALSE(s.attribute("s", scratch));
  REQUIRE(s.next() == XmlStream::Event::Start);
  REQUIRE(s.next() == XmlStream::Event::Text);
  CHECK(s.text() == "12");
  REQUIRE(s.next() == XmlStream::Event::End);
  REQUIRE(s.next() == XmlStream::Event::Start);
  REQUIRE(s.next() == XmlStream::Event::Text);
  CHECK(s.text() == "1 < 2");
  REQUIRE(s.next() == XmlStream::Event::End);
  REQUIRE(s.next() == XmlStream::Event::Start);
  REQUIRE(s.next() == XmlStream::Event::Text);
  CHECK(s.text() == "<x>");
}

TEST_CASE("is_name compares a name with a literal by length and every byte") {
  CHECK(is_name("row", "row"));
  CHECK_FALSE(is_name("rows", "row"));
  CHECK_FALSE(is_name("c", "v"));
  CHECK(is_name("", ""));
}

// ---- CSV ---------------------------------------------------------------------

TEST_CASE("CSV: quoted cells keep separators, line breaks and doubled quotes") {
  Read r = read_csv("Kommun;5a. Beskriv\r\nFalu kommun;\"Mobila team; SIP\r\noch \"\"trygg hemgång\"\"\"\r\n");
  REQUIRE(r.text.ok());
  CHECK(render_answers(r.text.value()) ==
        std::vector<std::string>{"B2 5a [Falu kommun|kommun||-] Mobila team; SIP\noch \"trygg hemgång\""});
}

TEST_CASE("CSV: the separator is the most frequent of semicolon, comma and tab outside quotes in the first line") {
  Read comma = read_csv("Kommun,\"Fråga 1; del a\",Fråga 2\nMora,Ja; nej,Bra\n");
  REQUIRE(comma.text.ok());
  CHECK(render_answers(comma.text.value()) ==
        std::vector<std::string>{"B2 1 [Mora|kommun||-] Ja; nej", "C2 2 [Mora|kommun||-] Bra"});
  Read tab = read_csv("Kommun\tFråga 1, om SIP\nMora\tSIP, ja\n");
  REQUIRE(tab.text.ok());
  CHECK(render_answers(tab.text.value()) == std::vector<std::string>{"B2 1 [Mora|kommun||-] SIP, ja"});
}

TEST_CASE("CSV: the separator that splits every record alike wins over one that is more frequent in the header") {
  // Commas in the questions of a ';' file: 4 commas against 3 semicolons in
  // the first line, but only ';' gives each record the same four fields.
  Read r = read_csv(
      "Kommun;År;1. Beskriv, med exempel, hur ni arbetar med mobila team, SIP;2. Övrigt, t.ex. planer\n"
      "Falu kommun;2023;Mobila team, SIP och trygg hemgång.;Inga planer, inga risker.\n\n"
      "Mora kommun;2023;Trygg hemgång.;Inga.\n");
  REQUIRE(r.text.ok());
  CHECK(render_answers(r.text.value()) ==
        std::vector<std::string>{"C2 1 [Falu kommun|kommun||2023] Mobila team, SIP och trygg hemgång.",
                                 "D2 2 [Falu kommun|kommun||2023] Inga planer, inga risker.",
                                 "C4 1 [Mora kommun|kommun||2023] Trygg hemgång.",
                                 "D4 2 [Mora kommun|kommun||2023] Inga."});
}

TEST_CASE("a Namn column beside a municipality column is the person's name: ignored, never the respondent") {
  // Microsoft Forms' columns, then the municipality and a question.
  Read r = read_csv("ID;Starttid;Sluttid;E-post;Namn;Kommun;1. Beskriv arbetet med mobila team\n"
                    "1;2023-05-02 10:01;2023-05-02 10:20;anna@falun.se;Anna Andersson;Falu kommun;Två mobila team.\n");
  REQUIRE(r.text.ok());
  CHECK(render_answers(r.text.value()) == std::vector<std::string>{"G2 1 [Falu kommun|kommun||-] Två mobila team."});
  CHECK(all_messages(r.warnings).find("E \"Namn\" = ignore") != std::string::npos);
  CHECK(r.text.value().text.find("Anna Andersson") == std::string::npos);
}

TEST_CASE("a Namn column beside an e-mail column is the person's name, also without a municipality column") {
  Read r = read_csv("ID;E-post;Namn;1. Beskriv arbetet med SIP\n1;anna@falun.se;Anna Andersson;SIP används.\n"
                    "2;bo@mora.se;Bo Berg;\n");
  REQUIRE(r.text.ok());
  CHECK(all_messages(r.warnings).find("C \"Namn\" = ignore") != std::string::npos);
  CHECK(r.text.value().text.find("Anna Andersson") == std::string::npos);
  for (const GivenPart& p : r.text.value().given->parts) CHECK(p.respondent.name.find("Berg") == std::string::npos);
}

TEST_CASE("a Namn column alone names the respondent, and a contact person's name column is ignored") {
  Read r = read_csv("Namn;Namn på kontaktperson;1. Beskriv arbetet med SIP\nRSS Dalarna;Bertil Berg;SIP används.\n");
  REQUIRE(r.text.ok());
  CHECK(render_answers(r.text.value()) == std::vector<std::string>{"C2 1 [RSS Dalarna|rss|Dalarna|-] SIP används."});
  CHECK(all_messages(r.warnings).find("B \"Namn på kontaktperson\" = ignore") != std::string::npos);
}

TEST_CASE("a respondent named as an organisation gives its type, and a region's its region") {
  Read r = read_csv("Organisation;1. Beskriv arbetet med SIP\nRegion Jämtland Härjedalen;Gemensamma rutiner.\n"
                    "Östersunds kommun;Utbildning.\nLudvika;Inget.\n");
  REQUIRE(r.text.ok());
  CHECK(render_answers(r.text.value()) ==
        std::vector<std::string>{"B2 1 [Region Jämtland Härjedalen|region|Jämtland Härjedalen|-] Gemensamma rutiner.",
                                 "B3 1 [Östersunds kommun|kommun||-] Utbildning.", "B4 1 [Ludvika|-||-] Inget."});
}

TEST_CASE("a Respondent column of numbers only is the survey tool's id: the Organisation beside it names the row") {
  Read r = read_csv("Respondent;Organisation;1. Beskriv arbetet med SIP\n1;Region Gävleborg;SIP i hemmet.\n");
  REQUIRE(r.text.ok());
  CHECK(render_answers(r.text.value()) ==
        std::vector<std::string>{"C2 1 [Region Gävleborg|region|Gävleborg|-] SIP i hemmet."});
  CHECK(all_messages(r.warnings).find("A \"Respondent\" = ignore, B \"Organisation\" = respondent") != std::string::npos);
}

TEST_CASE("without a year column a sheet's year is its title's, else its questions', else its file's name's") {
  Read title = read_csv("Uppföljning God och nära vård 2024\nKommun;1. Beskriv arbetet under 2023\nMora;Två team.\n");
  REQUIRE(title.text.ok());
  CHECK(render_answers(title.text.value()) == std::vector<std::string>{"B3 1 [Mora|kommun||2024] Två team."});
  REQUIRE(title.text.value().given->year_clues.size() == 1);
  CHECK(title.text.value().given->year_clues[0].rule == "sheet_title_year");
  CHECK(title.text.value().given->parts[0].year_clue == 0);
  CHECK(all_messages(title.warnings).find("year 2024 (no year column: the title \"Uppföljning God och nära vård 2024\")") !=
        std::string::npos);

  Read headers = read_csv("Kommun;1. Beskriv SIP under 2023;2. Antal team 2023;3. Jämför med 2019\nMora;Ja.;4;Mer.\n");
  REQUIRE(headers.text.ok());
  CHECK(headers.text.value().given->parts[0].respondent.year == 2023);
  CHECK(headers.text.value().given->year_clues[0].rule == "column_header_year");
  CHECK(headers.text.value().given->year_clues[0].text == "1. Beskriv SIP under 2023");

  Diagnostics warnings;
  Result<SourceText> named = CsvReader().read("kommunsvar_2022.csv", "Kommun;1. Beskriv SIP\nMora;Ja.\n", {}, warnings);
  REQUIRE(named.ok());
  CHECK(named.value().given->parts[0].respondent.year == 2022);
  CHECK(named.value().given->year_clues[0].rule == "file_name_year");

  Read column = read_csv("Kommun;År;1. Beskriv SIP under 2023\nMora;2021;Ja.\n");
  REQUIRE(column.text.ok());
  CHECK(column.text.value().given->parts[0].respondent.year == 2021);
  CHECK(column.text.value().given->year_clues.empty());
}

TEST_CASE("a column whose header asks for a number and whose cells are mostly numbers gives numbers, its other cells answers") {
  Read r = read_csv("Kommun;3. Antal upprättade SIP under 2024\nMora;45\nOrsa;112\nRättvik;svårt att räkna\n");
  REQUIRE(r.text.ok());
  CHECK(r.text.value().given->numbers.size() == 2);
  CHECK(render_answers(r.text.value()) == std::vector<std::string>{"B4 3 [Rättvik|kommun||2024] svårt att räkna"});
  CHECK(all_messages(r.warnings).find("left out") == std::string::npos);
}

TEST_CASE("a second header row of question texts under bare labels joins the labels, and is no respondent") {
  Read r = read_csv("Organisation;Län;Fråga 1;Fråga 2\n;;Beskriv arbetet med SIP under 2023;Antal upprättade SIP 2023\n"
                    "Motala kommun;Östergötlands län;SIP i hemmet.;140\n");
  REQUIRE(r.text.ok());
  CHECK(render_answers(r.text.value()) ==
        std::vector<std::string>{"C3 1 [Motala kommun|kommun|Östergötland|2023] SIP i hemmet."});
  CHECK(r.text.value().given->numbers.size() == 1);
  CHECK(r.text.value().given->parts.size() == 1);
  const std::string notes = all_messages(r.warnings);
  CHECK(notes.find("header row 1 (row 2 under it: the questions' texts)") != std::string::npos);
  CHECK(notes.find("D \"Fråga 2: Antal upprättade SIP 2023\" = number 2") != std::string::npos);
}

TEST_CASE("a cell of a dash or an x only is no answer, and a row of such cells is a blank form") {
  Read r = read_csv("Kommun;1. Beskriv SIP;2. Övrigt\nMora;Ja, i hemmet.;-\nOrsa;–;x\n");
  REQUIRE(r.text.ok());
  CHECK(render_answers(r.text.value()) == std::vector<std::string>{"B2 1 [Mora|kommun||-] Ja, i hemmet."});
  CHECK(r.text.value().given->parts.size() == 2);  // Orsa: a blank form
}

TEST_CASE("a row of totals is no respondent and is left out, and a sheet of respondents with one is read") {
  Read r = read_csv("Kommun;Antal SIP;Antal mobila team\nFalun;12;3\nBorlänge;20;4\nTotalt;32;7\n");
  REQUIRE(r.text.ok());
  CHECK(r.text.value().given->parts.size() == 2);
  CHECK(r.text.value().given->numbers.size() == 4);
  CHECK(all_messages(r.warnings).find("row 4 of totals (\"Totalt\", \"Summa\") not read as respondents") !=
        std::string::npos);
}

TEST_CASE("a Respondent column of ids alone names its rows by their ids, and a title's export date is no year") {
  Read r = read_csv("Exporterad 2024-01-15 09:12\nRespondent;1. Beskriv SIP\n17;Ja.\n");
  REQUIRE(r.text.ok());
  CHECK(render_answers(r.text.value()) == std::vector<std::string>{"B3 1 [17|-||-] Ja."});
}

TEST_CASE("a title row of one cell above the header row is read as a title, not as the header") {
  Read r = read_csv("Enkät: Uppföljning God och nära vård 2023\n\n"
                    "Kommun;År;1. Beskriv arbetet med mobila team\nFalu kommun;2023;Två team.\n");
  REQUIRE(r.text.ok());
  CHECK(render_answers(r.text.value()) == std::vector<std::string>{"C4 1 [Falu kommun|kommun||2023] Två team."});
  CHECK(all_messages(r.warnings).find("header row 3 (row 1 above it, one cell only, read as a title)") !=
        std::string::npos);
}

TEST_CASE("two title rows above the header row are both read as titles") {
  Read r = read_csv("Enkät 2023\nExporterad 2023-05-02\nKommun;År;1. Beskriv\nFalu kommun;2023;Två team.\n");
  REQUIRE(r.text.ok());
  CHECK(render_answers(r.text.value()) == std::vector<std::string>{"C4 1 [Falu kommun|kommun||2023] Två team."});
  CHECK(all_messages(r.warnings).find("header row 3 (rows 1, 2 above it, one cell each, read as titles)") !=
        std::string::npos);
}

TEST_CASE("a header row whose one filled cell is not in column A is the header, not a title") {
  Read r = read_csv(";1. Beskriv arbetet\nFalu kommun;Två team.\n");
  REQUIRE(r.text.ok());
  CHECK(all_messages(r.warnings).find("header row 1:") != std::string::npos);
  const std::vector<std::string> answers = render_answers(r.text.value());
  CHECK(std::find_if(answers.begin(), answers.end(), [](const std::string& a) { return a.rfind("B2 1 ", 0) == 0; }) !=
        answers.end());
}

TEST_CASE("a table of one column keeps its first row as the header") {
  Read r = read_csv("1. Beskriv arbetet med mobila team\nTvå team.\nEtt team.\n");
  REQUIRE(r.text.ok());
  CHECK(render_answers(r.text.value()).size() == 2);
  CHECK(all_messages(r.warnings).find("header row 1:") != std::string::npos);
}

TEST_CASE("a row that names its municipality but answers nothing is a part without answers, a row naming nobody is none") {
  Read r = read_csv("Kommun;År;1. Mobila team\nFalu kommun;2023;Två team.\nMora kommun;2023;\n;2023;\n");
  REQUIRE(r.text.ok());
  const SourceText& t = r.text.value();
  REQUIRE(t.given->parts.size() == 2);
  CHECK(t.given->parts[1].respondent.name == "Mora kommun");
  CHECK(t.given->parts[1].title == "rad 3");
  CHECK(t.given->answers.size() == 1);
}

TEST_CASE("a sheet without question columns gives no blank forms") {
  Read r = read_csv("Kommun;Län\nFalu kommun;Dalarna\nMora kommun;Dalarna\n");
  REQUIRE(r.text.ok());
  CHECK(r.text.value().given->parts.empty());
}

TEST_CASE("a column of numbers with one dash in it stays a number column, the dash named in a warning") {
  std::string csv = "Kommun;Antal mobila team\n";
  for (int k = 1; k <= 10; ++k) csv += "Kommun " + std::to_string(k) + ";" + std::to_string(k % 4) + "\n";
  csv += "Kommun 11;-\n";
  Read r = read_csv(csv);
  REQUIRE(r.text.ok());
  CHECK(r.text.value().given->numbers.size() == 10);
  CHECK(r.text.value().given->answers.empty());
  CHECK(all_messages(r.warnings).find("1 cell of a number column is no number and was left out (B12)") !=
        std::string::npos);
}

TEST_CASE("CSV: a title with a comma above a semicolon table does not choose the separator") {
  Read r = read_csv("Enkät: Uppföljning, 2023\n\nKommun;År;1. Mobila team\nFalu kommun;2023;Två team.\n");
  REQUIRE(r.text.ok());
  CHECK(render_answers(r.text.value()) == std::vector<std::string>{"C4 1 [Falu kommun|kommun||2023] Två team."});
}

TEST_CASE("CSV: an unterminated quote is an error naming the line where the cell started") {
  Read r = read_csv("Kommun;Svar\nFalun;Bra\nMora;\"Mobila team\nfortsätter\nutan slut\n");
  REQUIRE_FALSE(r.text.ok());
  CHECK(r.text.error().line == 3);
  CHECK(r.text.error().render().find("svar.csv:3") != std::string::npos);
  CHECK(r.text.error().message.find("no closing quote") != std::string::npos);
}

TEST_CASE("CSV: Windows-1252 is transcoded, said, and cells map to their own bytes in the file") {
  const std::string file = "Kommun;Fr\xE5ga 1\r\nR\xE4ttvik;\"S\xE4g \"\"hej\"\" f\xF6r SIP\"\r\n";
  Read r = read_csv(file);
  REQUIRE(r.text.ok());
  const SourceText& t = r.text.value();
  CHECK(t.encoding == TextEncoding::Windows1252);
  CHECK(all_messages(r.warnings).find("Windows-1252") != std::string::npos);
  REQUIRE(t.given->answers.size() == 1);
  CHECK(t.text.substr(t.given->answers[0].span.begin, t.given->answers[0].span.size()) == "Säg \"hej\" för SIP");
  SourceFile source;
  source.bytes = t.text;
  source.offsets = t.offsets;
  const ByteSpan in_file = source.to_file(t.given->answers[0].span);
  CHECK(file.substr(in_file.begin, in_file.size()) == "S\xE4g \"\"hej\"\" f\xF6r SIP");
  // "för": after the doubled quotes, a word maps to its own bytes.
  const std::size_t for_at = t.text.find("för");
  const ByteSpan word = source.to_file({for_at, for_at + 4});
  CHECK(file.substr(word.begin, word.size()) == "f\xF6r");
}

TEST_CASE("CSV: UTF-8 with a byte order mark maps cells to the file's bytes") {
  const std::string file = "\xEF\xBB\xBFKommun;Svar\nMora;  Fast omsorgskontakt  \n";
  Read r = read_csv(file);
  REQUIRE(r.text.ok());
  const SourceText& t = r.text.value();
  SourceFile source;
  source.bytes = t.text;
  source.offsets = t.offsets;
  const ByteSpan in_file = source.to_file(t.given->answers.at(0).span);
  CHECK(file.substr(in_file.begin, in_file.size()) == "Fast omsorgskontakt");
}

TEST_CASE("CSV: UTF-16 without a byte order mark is an error that says so, with one it is read") {
  std::string utf16;
  for (char c : std::string("Kommun\tSvar\nMora\tMobila team\n")) {
    utf16 += c;
    utf16 += '\0';
  }
  Read without = read_csv(utf16);
  REQUIRE_FALSE(without.text.ok());
  CHECK(without.text.error().message.find("UTF-16 without a byte order mark") != std::string::npos);
  Read with = read_csv("\xFF\xFE" + utf16);
  REQUIRE(with.text.ok());
  CHECK(render_answers(with.text.value()) == std::vector<std::string>{"B2 Svar [Mora|kommun||-] Mobila team"});
  CHECK(all_messages(with.warnings).find("UTF-16LE") != std::string::npos);
}

TEST_CASE("CSV: a header row only is an error that says there are no rows of data") {
  Read r = read_csv("Kommun;5a. Beskriv\r\n");
  REQUIRE_FALSE(r.text.ok());
  CHECK(r.text.error().message.find("no rows of data") != std::string::npos);
}

TEST_CASE("CSV: metadata columns are never answers, numbers become numeric items, the mapping is noted") {
  Read r = read_csv(
      "Tidsstämpel;Kommun;Län;År;E-post;Telefon;5a. Beskriv;Fast omsorgskontakt, ange antal\n"
      "2023-01-16 09:30;Falu kommun;Dalarnas län;2022;kontakt@falun.se;070-123 45 67;Mobila team;12\n"
      ";;;;;;;\n"
      "2023-01-17 10:00;Mora kommun;Region Dalarna;2022;mora@mora.se;0250-260 00;;1 200\n");
  REQUIRE(r.text.ok());
  const SourceText& t = r.text.value();
  CHECK(render_answers(t) == std::vector<std::string>{"G2 5a [Falu kommun|kommun|Dalarna|2022] Mobila team"});
  CHECK(render_numbers(t) == std::vector<std::string>{"Fast omsorgskontakt, ange antal = 12 [Falu kommun]",
                                                      "Fast omsorgskontakt, ange antal = 1 200 [Mora kommun]"});
  CHECK(t.given->numbers[1].value == Approx(1200));
  CHECK(t.text.find('@') == std::string::npos);
  CHECK(t.text.find("070") == std::string::npos);
  const std::string notes = all_messages(r.warnings);
  CHECK(notes.find("note: header row 1: A \"Tidsstämpel\" = ignore, B \"Kommun\" = municipality, C \"Län\" = region, "
                   "D \"År\" = year, E \"E-post\" = ignore, F \"Telefon\" = ignore, G \"5a. Beskriv\" = question 5a, "
                   "H \"Fast omsorgskontakt, ange antal\" = number Fast omsorgskontakt, ange antal; 2 rows read, "
                   "1 empty row skipped") != std::string::npos);
}

TEST_CASE("CSV: without a respondent or municipality column, a row naming a region is that region's organisation") {
  Read r = read_csv(
      "Region;Typ;5a. Beskriv\n"
      "Region Skåne;;Mobila team\n"
      "Västra Götalandsregionen;;SIP\n"
      "Hallands län;RSS;Trygg hemgång\n"
      "Norra sjukvårdsregionen;;Fast vårdkontakt\n");
  REQUIRE(r.text.ok());
  CHECK(render_answers(r.text.value()) == std::vector<std::string>{
                                              "C2 5a [Region Skåne|region|Skåne|-] Mobila team",
                                              "C3 5a [Region Västra Götaland|region|Västra Götaland|-] SIP",
                                              "C4 5a [RSS Halland|rss|Halland|-] Trygg hemgång",
                                              "C5 5a [svar.csv, rad 5|-|Norra sjukvårdsregionen|-] Fast vårdkontakt"});
  const std::string notes = all_messages(r.warnings);
  CHECK(notes.find("3 rows name no respondent but a region: its organisation") != std::string::npos);
  CHECK(notes.find("1 row has no respondent (row 5)") != std::string::npos);
}

TEST_CASE("CSV: a region cell with runs of spaces, a no-break space or the county council's name names its region") {
  Read r = read_csv("Region;5a. Beskriv\nRegion  Kalmar;A\nRegion\xC2\xA0Skåne;B\nLandstinget i Värmland;C\nRegion\xC2\xA0 Okänd;D\n");
  REQUIRE(r.text.ok());
  CHECK(render_answers(r.text.value()) == std::vector<std::string>{"B2 5a [Region Kalmar|region|Kalmar|-] A",
                                                                   "B3 5a [Region Skåne|region|Skåne|-] B",
                                                                   "B4 5a [Region Värmland|region|Värmland|-] C",
                                                                   "B5 5a [svar.csv, rad 5|-|Okänd|-] D"});
}

TEST_CASE("CSV: a region named by more rows than one names none of them") {
  Read r = read_csv(
      "Län;5a. Beskriv\n"
      "Skåne län;Svar från Malmö\n"
      "Skåne län;Svar från Lund\n"
      "Hallands län;Svar från Halland\n");
  REQUIRE(r.text.ok());
  CHECK(render_answers(r.text.value()) ==
        std::vector<std::string>{"B2 5a [svar.csv, rad 2|-|Skåne|-] Svar från Malmö",
                                 "B3 5a [svar.csv, rad 3|-|Skåne|-] Svar från Lund",
                                 "B4 5a [Region Halland|region|Halland|-] Svar från Halland"});
  const std::string notes = all_messages(r.warnings);
  CHECK(notes.find("1 row names no respondent but a region") != std::string::npos);
  CHECK(notes.find("2 rows have no respondent (rows 2, 3)") != std::string::npos);
}

TEST_CASE("CSV: beside a municipality column, a row without a municipality is not named by its region") {
  Read r = read_csv(
      "Kommun;Region;5a. Beskriv\n"
      "Falu kommun;Region Dalarna;Mobila team\n"
      ";Region Dalarna;SIP\n");
  REQUIRE(r.text.ok());
  CHECK(render_answers(r.text.value()) == std::vector<std::string>{"C2 5a [Falu kommun|kommun|Dalarna|-] Mobila team",
                                                                   "C3 5a [svar.csv, rad 3|-|Dalarna|-] SIP"});
}

TEST_CASE("CSV: each row's region, year and type are its own when they repeat and change from row to row") {
  Read r = read_csv(
      "Namn;Region;År;Typ;5a. Beskriv\n"
      "A;Region Dalarna;2022;kommun;Svar 1\n"
      "B;Region Dalarna;2022;kommun;Svar 2\n"
      "C;Region Halland;2023;region;Svar 3\n"
      "D;Region Dalarna;2022;kommun;Svar 4\n");
  REQUIRE(r.text.ok());
  CHECK(render_answers(r.text.value()) == std::vector<std::string>{"E2 5a [A|kommun|Dalarna|2022] Svar 1",
                                                                   "E3 5a [B|kommun|Dalarna|2022] Svar 2",
                                                                   "E4 5a [C|region|Halland|2023] Svar 3",
                                                                   "E5 5a [D|kommun|Dalarna|2022] Svar 4"});
}

TEST_CASE("CSV: a question column answered with dates stays a question, and a styles part that cannot be read costs only the formats") {
  Read r = read_csv("Kommun;5. När antogs planen?\nFalu kommun;2023-03-01\nMora kommun;2023-04-12\n");
  REQUIRE(r.text.ok());
  CHECK(render_answers(r.text.value()).size() == 2);
  const std::string xlsx = xlsx_of({{"Blad1", R"(<row r="1"><c r="A1" t="inlineStr"><is><t>Kommun</t></is></c><c r="B1" t="inlineStr"><is><t>Antal</t></is></c></row>)"
                                              R"(<row r="2"><c r="A2" t="inlineStr"><is><t>Falu kommun</t></is></c><c r="B2" s="1"><v>3</v></c></row>)",
                                    ""}},
                                   {}, "", "<styleSheet><cellXfs><xf numFmtId=\"14\"></cellXfs>");
  Read x = read_xlsx(xlsx);
  REQUIRE(x.text.ok());
  CHECK(render_numbers(x.text.value()) == std::vector<std::string>{"Antal = 3 [Falu kommun]"});
  CHECK(all_messages(x.warnings).find("the styles part cannot be read") != std::string::npos);
}

TEST_CASE("CSV: a column of dates or times under any header is ignored, percentages are numbers, a year column's date its year") {
  Read r = read_csv(
      "Kommun;Inskickat;5a. Beskriv;Andel utbildad personal;Tidpunkt;År\n"
      "Falu kommun;2024-01-16 09:30;Mobila team;45 %;09:30;2023-12-31\n"
      "Mora kommun;2024-01-17 10:00;SIP;12,5 %;10:15:00;31/12/2023\n"
      "Orsa kommun;2024-01-18;Trygg hemgång;60%;11:00;2023\n");
  REQUIRE(r.text.ok());
  const SourceText& t = r.text.value();
  CHECK(render_answers(t) == std::vector<std::string>{"C2 5a [Falu kommun|kommun||2023] Mobila team",
                                                      "C3 5a [Mora kommun|kommun||2023] SIP",
                                                      "C4 5a [Orsa kommun|kommun||2023] Trygg hemgång"});
  CHECK(all_messages(r.warnings).find("E \"Tidpunkt\" = ignore") != std::string::npos);
  REQUIRE(t.given->numbers.size() == 3);
  CHECK(t.given->numbers[0].value == Approx(45));
  CHECK(t.given->numbers[1].value == Approx(12.5));
  CHECK(t.given->numbers[2].value == Approx(60));
  CHECK(t.text.find("2024") == std::string::npos);
  CHECK(all_messages(r.warnings).find("B \"Inskickat\" = ignore") != std::string::npos);
}

TEST_CASE("CSV: rows without a respondent are named by file and row number, with one warning for the sheet") {
  Read r = read_csv("Kommun;Svar\n;Ett\nMora;Två\n;Tre\n");
  REQUIRE(r.text.ok());
  CHECK(render_answers(r.text.value()) ==
        std::vector<std::string>{"B2 Svar [svar.csv, rad 2|-||-] Ett", "B3 Svar [Mora|kommun||-] Två",
                                 "B4 Svar [svar.csv, rad 4|-||-] Tre"});
  std::size_t warnings = 0;
  for (const Diagnostic& d : r.warnings) warnings += d.severity == Severity::Warning;
  CHECK(warnings == 1);
  CHECK(all_messages(r.warnings).find("2 rows have no respondent (rows 2, 4)") != std::string::npos);
}

TEST_CASE("CSV: the manifest's column roles win over detection, and one naming no column is an error") {
  ReadOptions options;
  options.columns = {{"Ansvarig", ColumnRole::Ignore}, {"b", ColumnRole::Respondent}};
  Read r = read_csv("Ansvarig;Enhet;Svar\nAnna Andersson;Vård och omsorg;SIP\n", options);
  REQUIRE(r.text.ok());
  CHECK(render_answers(r.text.value()) == std::vector<std::string>{"C2 Svar [Vård och omsorg|-||-] SIP"});
  CHECK(all_messages(r.warnings).find("A \"Ansvarig\" = ignore (manifest)") != std::string::npos);
  ReadOptions missing;
  missing.columns = {{"Kommunnamn", ColumnRole::Municipality}};
  Read bad = read_csv("Kommun;Svar\nMora;SIP\n", missing);
  REQUIRE_FALSE(bad.text.ok());
  CHECK(bad.text.error().message.find("\"Kommunnamn\"") != std::string::npos);
}

TEST_CASE("CSV: a cell longer than Excel's 32,767 characters is refused, naming the cell") {
  Read r = read_csv("Kommun;Svar\nMora;" + std::string(32768, 'x') + "\n");
  REQUIRE_FALSE(r.text.ok());
  CHECK(r.text.error().message.find("cell B2 holds 32,768 characters") != std::string::npos);
}

// ---- XLSX --------------------------------------------------------------------

TEST_CASE("XLSX: shared strings with rich-text runs, inline strings and numbers, cited as Blad1!B2") {
  const std::string xlsx = xlsx_of(
      {{"Blad1",
        R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>Antal mobila team</t></is></c></row>)"
        R"(<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c><c r="C2"><v>2</v></c></row>)"
        R"(<row r="3"><c r="A3" t="inlineStr"><is><t>Mora kommun</t></is></c><c r="B3" t="inlineStr"><is><r><t>Fast </t></r><r><t>omsorgskontakt</t></r></is></c><c r="C3"><v>4.9999999999999996E-2</v></c></row>)",
        ""}},
      {"<t>Kommun</t>", "<t>5a. Beskriv insatser</t>", "<t>Falu kommun</t>",
       "<r><rPr><b/></rPr><t xml:space=\"preserve\">Trygg </t></r><r><t>hemgång</t></r><rPh><t>x</t></rPh>"});
  Read r = read_xlsx(xlsx);
  REQUIRE(r.text.ok());
  const SourceText& t = r.text.value();
  CHECK(render_answers(t) == std::vector<std::string>{"Blad1!B2 5a [Falu kommun|kommun||-] Trygg hemgång",
                                                      "Blad1!B3 5a [Mora kommun|kommun||-] Fast omsorgskontakt"});
  CHECK(render_numbers(t) == std::vector<std::string>{"Antal mobila team = 2 [Falu kommun]",
                                                      "Antal mobila team = 0,05 [Mora kommun]"});
  REQUIRE(t.places.size() == 4);
  CHECK(t.places[0].location == RecordLocation{std::nullopt, std::nullopt, std::nullopt, "Blad1", 2, "B"});
  CHECK(t.offsets.identity());
}

TEST_CASE("XLSX: _xHHHH_ escapes in shared and inline strings are decoded, a CR before a line break dropped") {
  const std::string xlsx = xlsx_of(
      {{"Blad1",
        R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>)"
        R"(<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>)"
        R"(<row r="3"><c r="A3" t="s"><v>4</v></c><c r="B3" t="inlineStr"><is><t>SIP_x000D_
mobila team _x0041__x0000_</t></is></c></row>)",
        ""}},
      {"<t>Kommun</t>", "<t>5a. Beskriv insatser</t>", "<t>Falu kommun</t>",
       "<t>Trygg hemgång_x000D_\nfast _x00E5_terkoppling_x000D_slut _x12_</t>", "<t>Mora kommun</t>"});
  Read r = read_xlsx(xlsx);
  REQUIRE(r.text.ok());
  CHECK(render_answers(r.text.value()) ==
        std::vector<std::string>{"Blad1!B2 5a [Falu kommun|kommun||-] Trygg hemgång\nfast återkoppling\nslut _x12_",
                                 "Blad1!B3 5a [Mora kommun|kommun||-] SIP\nmobila team A"});
}

TEST_CASE("XLSX: date, time and percentage cells read as their formats show them, dates and times ignored as a column") {
  // Styles: 0 General, 1 built-in date (14), 2 built-in percent (9), 3 custom
  // "yyyy-mm-dd hh:mm", 4 custom [$-41D]"kr" #,##0 (a currency, no date), 5 built-in time (20).
  const std::string styles =
      R"(<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
      R"(<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd\ hh:mm"/><numFmt numFmtId="165" formatCode="[$-41D]&quot;kr&quot;\ #,##0"/></numFmts>)"
      R"(<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="9"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="20"/></cellXfs></styleSheet>)";
  const std::string xlsx = xlsx_of(
      {{"Blad1",
        R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c></row>)"
        R"(<row r="2"><c r="A2" t="s"><v>6</v></c><c r="B2" s="1"><v>45307</v></c><c r="C2" s="2"><v>0.45</v></c><c r="D2" s="3"><v>45307.375</v></c><c r="E2" s="4"><v>1200</v></c><c r="F2" s="5"><v>0.5</v></c></row>)"
        R"(<row r="3"><c r="A3" t="s"><v>7</v></c><c r="B3" s="1"><v>45308</v></c><c r="C3" s="2"><v>0.125</v></c><c r="D3" s="3"><v>45308.5</v></c><c r="E3" s="4"><v>800</v></c><c r="F3" s="5"><v>0.25</v></c></row>)"
        R"(<row r="4"><c r="A4" t="s"><v>8</v></c><c r="B4" s="1"><v>45309</v></c><c r="C4" s="2"><v>1</v></c><c r="D4" s="3"><v>45309.75</v></c><c r="E4" s="4"><v>50</v></c><c r="F4" s="5"><v>0.75</v></c></row>)",
        ""}},
      {"<t>Kommun</t>", "<t>Datum</t>", "<t>Andel utbildade</t>", "<t>Inskickat</t>", "<t>Kostnad</t>", "<t>Klockan</t>",
       "<t>Falu kommun</t>", "<t>Mora kommun</t>", "<t>Orsa kommun</t>"},
      "", styles);
  Read r = read_xlsx(xlsx);
  REQUIRE(r.text.ok());
  const SourceText& t = r.text.value();
  CHECK(render_numbers(t) == std::vector<std::string>{
                                 "Andel utbildade = 45 % [Falu kommun]", "Kostnad = 1200 [Falu kommun]",
                                 "Andel utbildade = 12,5 % [Mora kommun]", "Kostnad = 800 [Mora kommun]",
                                 "Andel utbildade = 100 % [Orsa kommun]", "Kostnad = 50 [Orsa kommun]"});
  CHECK(t.given->numbers[0].value == Approx(45));
  const std::string notes = all_messages(r.warnings);
  CHECK(notes.find("B \"Datum\" = ignore") != std::string::npos);
  CHECK(notes.find("D \"Inskickat\" = ignore") != std::string::npos);
  CHECK(notes.find("F \"Klockan\" = ignore") != std::string::npos);  // 12:00, 06:00, 18:00: times of day
  CHECK(render_answers(t).empty());
}

TEST_CASE("number formats: dates, times and percentages are told from other formats, and dates are counted as Excel does") {
  CHECK(classify_number_format(14, "") == CellFormat::Date);
  CHECK(classify_number_format(22, "") == CellFormat::DateTime);
  CHECK(classify_number_format(21, "") == CellFormat::Time);
  CHECK(classify_number_format(10, "") == CellFormat::Percent);
  CHECK(classify_number_format(3, "") == CellFormat::Plain);
  CHECK(classify_number_format(164, "yyyy-mm-dd") == CellFormat::Date);
  CHECK(classify_number_format(164, "d/m/yy\\ h:mm;@") == CellFormat::DateTime);
  CHECK(classify_number_format(164, "[h]:mm:ss") == CellFormat::Time);
  CHECK(classify_number_format(164, "mmm") == CellFormat::Date);
  CHECK(classify_number_format(164, "0.0%") == CellFormat::Percent);
  CHECK(classify_number_format(164, "[Red]#,##0\\ \"dagar\"") == CellFormat::Plain);
  CHECK(classify_number_format(164, "#,##0;[Red]-#,##0;\"dd\"") == CellFormat::Plain);
  CHECK(formatted_cell_number(45307, CellFormat::Date, false) == std::optional<std::string>("2024-01-16"));
  CHECK(formatted_cell_number(61, CellFormat::Date, false) == std::optional<std::string>("1900-03-01"));
  CHECK_FALSE(formatted_cell_number(60, CellFormat::Date, false));  // Excel's 1900-02-29, a day that was not
  CHECK(formatted_cell_number(43845, CellFormat::Date, true) == std::optional<std::string>("2024-01-16"));
  CHECK(formatted_cell_number(45307.3750115, CellFormat::DateTime, false) == std::optional<std::string>("2024-01-16 09:00:01"));
  CHECK(formatted_cell_number(0.45, CellFormat::Percent, false) == std::optional<std::string>("45 %"));
  CHECK(formatted_cell_number(0.5, CellFormat::Time, false) == std::optional<std::string>("12:00"));
  CHECK(formatted_cell_number(45291.99999, CellFormat::Date, false) == std::optional<std::string>("2023-12-31"));
  CHECK(classify_number_format(164, "0 st") == CellFormat::Plain);
  CHECK(classify_number_format(164, "0 dagar") == CellFormat::Plain);
  CHECK(classify_number_format(164, "mm:ss.0") == CellFormat::Time);
  CHECK(formatted_cell_number(0.25 + 1.0 / 86400, CellFormat::Time, false) == std::optional<std::string>("06:00:01"));
  CHECK_FALSE(formatted_cell_number(-1, CellFormat::Date, false));
  CHECK_FALSE(formatted_cell_number(1e9, CellFormat::Date, false));
  CHECK_FALSE(formatted_cell_number(3, CellFormat::Plain, false));
}

TEST_CASE("XLSX: a number cell's text is its value as Swedish Excel shows it, with a decimal comma, integers as written") {
  auto row = [](int r, const std::string& kommun, const std::string& value) {
    return "<row r=\"" + std::to_string(r) + "\"><c t=\"inlineStr\"><is><t>" + kommun +
           "</t></is></c><c><v>" + value + "</v></c></row>";
  };
  const std::string xlsx = xlsx_of(
      {{"Blad1",
        R"(<row r="1"><c t="inlineStr"><is><t>Kommun</t></is></c><c t="inlineStr"><is><t>Antal team</t></is></c></row>)" +
            row(2, "A", "12") + row(3, "B", "-3") + row(4, "C", "0") + row(5, "D", "007") + row(6, "E", "2.50") +
            row(7, "F", "1234567890123456"),
        ""}});
  Read r = read_xlsx(xlsx);
  REQUIRE(r.text.ok());
  CHECK(render_numbers(r.text.value()) == std::vector<std::string>{"Antal team = 12 [A]", "Antal team = -3 [B]",
                                                                   "Antal team = 0 [C]", "Antal team = 7 [D]",
                                                                   "Antal team = 2,5 [E]",
                                                                   "Antal team = 1,23456789012346e+15 [F]"});
  // The decimal comma is Swedish Excel's; the values are the numbers stored.
  CHECK(r.text.value().given->numbers[4].value == Approx(2.5));
  CHECK(r.text.value().given->numbers[5].value == Approx(1.23456789012346e15));
}

TEST_CASE("XLSX: a header merged over B1:D1 names columns B, C and D") {
  const std::string xlsx = xlsx_of(
      {{"Blad1",
        R"(<row r="1"><c r="A1" t="inlineStr"><is><t>Kommun</t></is></c><c r="B1" t="inlineStr"><is><t>7. Beskriv samverkan</t></is></c><c r="C1"/><c r="D1"/></row>)"
        R"(<row r="2"><c r="A2" t="inlineStr"><is><t>Orsa</t></is></c><c r="B2" t="inlineStr"><is><t>ett</t></is></c><c r="C2" t="inlineStr"><is><t>två</t></is></c><c r="D2" t="inlineStr"><is><t>tre</t></is></c></row>)",
        R"(<mergeCells count="1"><mergeCell ref="B1:D1"/></mergeCells>)"}});
  Read r = read_xlsx(xlsx);
  REQUIRE(r.text.ok());
  CHECK(render_answers(r.text.value()) == std::vector<std::string>{"Blad1!B2 7 [Orsa|kommun||-] ett",
                                                                   "Blad1!C2 7 [Orsa|kommun||-] två",
                                                                   "Blad1!D2 7 [Orsa|kommun||-] tre"});
}

TEST_CASE("XLSX: a row of group labels merged over the columns above the header row is no header") {
  const auto cell = [](const char* ref, const char* text) {
    return std::string(R"(<c r=")") + ref + R"(" t="inlineStr"><is><t>)" + text + "</t></is></c>";
  };
  const std::string rows = "<row r=\"1\">" + cell("A1", "Bakgrund") + cell("C1", "Kontinuitet") + "</row>" +
                           "<row r=\"2\">" + cell("A2", "Kommun") + cell("B2", "Län") + cell("C2", "1. Beskriv SIP") +
                           cell("D2", "2. Beskriv team") + "</row>" + "<row r=\"3\">" + cell("A3", "Mora") +
                           cell("B3", "Dalarnas län") + cell("C3", "Ja.") + cell("D3", "Två.") + "</row>";
  Read r = read_xlsx(xlsx_of({{"Svar", rows, R"(<mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="C1:D1"/></mergeCells>)"}}));
  REQUIRE(r.text.ok());
  CHECK(render_answers(r.text.value()) == std::vector<std::string>{"Svar!C3 1 [Mora|kommun|Dalarna|-] Ja.",
                                                                   "Svar!D3 2 [Mora|kommun|Dalarna|-] Två."});
  CHECK(all_messages(r.warnings).find("header row 2 (row 1 above it: group labels over its columns)") != std::string::npos);
}

TEST_CASE("XLSX: headers that repeat under group labels take their label, so two questions stay apart") {
  const auto cell = [](const char* ref, const char* text) {
    return std::string(R"(<c r=")") + ref + R"(" t="inlineStr"><is><t>)" + text + "</t></is></c>";
  };
  const std::string rows = "<row r=\"1\">" + cell("B1", "Beskriv SIP") + cell("D1", "Beskriv team") + "</row>" +
                           "<row r=\"2\">" + cell("A2", "Kommun") + cell("B2", "Svar") + cell("C2", "Kommentar") +
                           cell("D2", "Svar") + cell("E2", "Kommentar") + "</row>" + "<row r=\"3\">" +
                           cell("A3", "Mora") + cell("B3", "Ja.") + cell("D3", "Två.") + "</row>";
  Read r = read_xlsx(xlsx_of({{"Svar", rows, R"(<mergeCells count="2"><mergeCell ref="B1:C1"/><mergeCell ref="D1:E1"/></mergeCells>)"}}));
  REQUIRE(r.text.ok());
  CHECK(render_answers(r.text.value()) == std::vector<std::string>{"Svar!B3 Beskriv SIP: Svar [Mora|kommun||-] Ja.",
                                                                   "Svar!D3 Beskriv team: Svar [Mora|kommun||-] Två."});
}

TEST_CASE("XLSX: a summary sheet of totals without questions is not read, and says so") {
  const auto cell = [](const char* text) { return std::string(R"(<c t="inlineStr"><is><t>)") + text + "</t></is></c>"; };
  const std::string answers = "<row r=\"1\">" + cell("Kommun") + cell("1. Beskriv SIP") + "</row><row r=\"2\">" +
                              cell("Mora") + cell("Ja.") + "</row>";
  const std::string summary = "<row r=\"1\">" + cell("Län") + cell("Summa SIP") + "</row><row r=\"2\">" +
                              cell("Dalarnas län") + "<c><v>157</v></c></row><row r=\"3\">" + cell("Totalt") +
                              "<c><v>194</v></c></row>";
  Read r = read_xlsx(xlsx_of({{"Svar", answers, ""}, {"Sammanställning", summary, ""}}));
  REQUIRE(r.text.ok());
  CHECK(render_answers(r.text.value()) == std::vector<std::string>{"Svar!B2 1 [Mora|kommun||-] Ja."});
  CHECK(r.text.value().given->numbers.empty());
  CHECK(r.text.value().given->parts.size() == 1);
  CHECK(all_messages(r.warnings).find("sheet \"Sammanställning\" not read: a summary (row 3 holds totals") !=
        std::string::npos);
}

TEST_CASE("XLSX: each sheet is its own table, empty sheets and rows are said in notes") {
  const std::string data = R"(<row r="1"><c t="inlineStr"><is><t>Kommun</t></is></c><c t="inlineStr"><is><t>Svar</t></is></c></row>)"
                           R"(<row r="2"><c t="inlineStr"><is><t>Mora</t></is></c><c t="inlineStr"><is><t>SIP</t></is></c></row>)"
                           R"(<row r="4"><c t="inlineStr"><is><t>Orsa</t></is></c><c t="inlineStr"><is><t>Mobila team</t></is></c></row>)";
  const std::string other = R"(<row r="1"><c t="inlineStr"><is><t>Svar</t></is></c><c t="inlineStr"><is><t>Kommun</t></is></c></row>)"
                            R"(<row r="2"><c t="inlineStr"><is><t>Trygg hemgång</t></is></c><c t="inlineStr"><is><t>Leksand</t></is></c></row>)";
  Read r = read_xlsx(xlsx_of({{"Blad1", data, ""}, {"Uppföljning", other, ""}, {"Blad3", "", ""}}));
  REQUIRE(r.text.ok());
  CHECK(render_answers(r.text.value()) == std::vector<std::string>{"Blad1!B2 Svar [Mora|kommun||-] SIP",
                                                                   "Blad1!B4 Svar [Orsa|kommun||-] Mobila team",
                                                                   "Uppföljning!A2 Svar [Leksand|kommun||-] Trygg hemgång"});
  const std::string notes = all_messages(r.warnings);
  CHECK(notes.find("sheet \"Blad1\": header row 1: A \"Kommun\" = municipality, B \"Svar\" = question Svar; 2 rows read, "
                   "1 empty row skipped") != std::string::npos);
  CHECK(notes.find("sheet \"Uppföljning\": header row 1") != std::string::npos);
  CHECK(notes.find("sheet \"Blad3\" is empty: nothing read") != std::string::npos);
}

TEST_CASE("XLSX: a sheet of 1,048,576 rows is refused with the limit before its rows are read") {
  const std::string row = R"(<row r="1"><c t="inlineStr"><is><t>Kommun</t></is></c></row>)";
  Read by_dimension = read_xlsx(xlsx_of({{"Blad1", row, ""}}, {}, "A1:C1048576"));
  REQUIRE_FALSE(by_dimension.text.ok());
  CHECK(by_dimension.text.error().message.find("sheet \"Blad1\" has 1,048,576 rows (its dimension is A1:C1048576), "
                                               "more than the limit of 500,000") != std::string::npos);
  CHECK(by_dimension.text.error().hint.find("split the file") != std::string::npos);
  Read by_row = read_xlsx(xlsx_of({{"Blad1", row + R"(<row r="1048576"><c t="inlineStr"><is><t>x</t></is></c></row>)", ""}}));
  REQUIRE_FALSE(by_row.text.ok());
  CHECK(by_row.text.error().message.find("row 1,048,576 is past the limit of 500,000 rows") != std::string::npos);
}

TEST_CASE("XLSX: a sheet name longer than 255 bytes is refused, naming the sheet's place") {
  const std::string row = R"(<row r="1"><c t="inlineStr"><is><t>Kommun</t></is></c></row>)";
  Read r = read_xlsx(xlsx_of({{std::string(300, 'B'), row, ""}}));
  REQUIRE_FALSE(r.text.ok());
  CHECK(r.text.error().message.find("sheet 1 has a name of 300 bytes, past the limit of 255") != std::string::npos);
}

TEST_CASE("XLSX: a DOCTYPE in a sheet is refused, naming the member") {
  std::vector<std::pair<std::string, std::string>> members = {
      {"xl/workbook.xml",
       R"(<workbook xmlns:r="r"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<Relationships><Relationship Id="rId1" Type="http://x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>)"},
      {"xl/worksheets/sheet1.xml",
       R"(<?xml version="1.0"?><!DOCTYPE w [<!ENTITY e SYSTEM "file:///etc/passwd">]><worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>&e;</t></is></c></row></sheetData></worksheet>)"}};
  Read r = read_xlsx(zip_of(members));
  REQUIRE_FALSE(r.text.ok());
  CHECK(r.text.error().message.find("member \"xl/worksheets/sheet1.xml\", at byte") != std::string::npos);
}

TEST_CASE("XLSX: a truncated ZIP is an error, and a ZIP bomb is refused before inflating") {
  const std::string xlsx = xlsx_of({{"Blad1", R"(<row r="1"><c t="inlineStr"><is><t>Svar</t></is></c></row>)", ""}});
  Read truncated = read_xlsx(xlsx.substr(0, xlsx.size() / 2));
  REQUIRE_FALSE(truncated.text.ok());
  CHECK(truncated.text.error().message.find("ZIP") != std::string::npos);
  // 4 MB of one letter inflates from a few KB; the budget is 1 MB.
  const std::string bomb = xlsx_of({{"Blad1", "<row r=\"1\"><c t=\"inlineStr\"><is><t>" + std::string(4u << 20, 'a') + "</t></is></c></row>", ""}});
  REQUIRE(bomb.size() < 100000);
  ReadOptions small;
  small.max_bytes = 1u << 20;
  Read refused = read_xlsx(bomb, small);
  REQUIRE_FALSE(refused.text.ok());
  CHECK(refused.text.error().message.find("xl/worksheets/sheet1.xml") != std::string::npos);
}

// Found with office_fuzz (seed tests/fuzz/seeds/office/xlsx_small_budget_shared):
// the text was not bounded, and a 20-byte cell naming a long shared string
// made it outgrow the inflated XML a thousandfold.
TEST_CASE("XLSX: cells that repeat a long shared string are refused once the text passes the size limit") {
  std::string rows = R"(<row r="1"><c t="inlineStr"><is><t>Svar</t></is></c></row>)";
  for (int r = 2; r <= 5; ++r) rows += "<row r=\"" + std::to_string(r) + R"("><c t="s"><v>0</v></c></row>)";
  const std::string xlsx = xlsx_of({{"Blad1", rows, ""}}, {"<t>" + std::string(3000, 'a') + "</t>"});
  ReadOptions small;
  small.max_bytes = 8192;  // room for the inflated parts (about 4 KB), not for 4 × 3,002 bytes of text
  Read refused = read_xlsx(xlsx, small);
  REQUIRE_FALSE(refused.text.ok());
  CHECK(refused.text.error().file == "export.xlsx");
  CHECK(refused.text.error().message ==
        "sheet \"Blad1\": the text of the answer and number cells (from row 2) passes the limit of 8,192 bytes "
        "(the file's size limit; cells may repeat one long shared string)");
  ReadOptions enough;
  enough.max_bytes = 4 * 3002;
  Read read = read_xlsx(xlsx, enough);
  REQUIRE(read.text.ok());
  CHECK(read.text.value().text.size() == 4 * 3002);
  CHECK(read.text.value().given->answers.size() == 4);
}

TEST_CASE("XLSX: shared strings read beside the first sheet give what a read in order gives") {
  const std::string xlsx = xlsx_of(
      {{"Blad1",
        R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>Antal mobila team</t></is></c></row>)"
        R"(<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c><c r="C2"><v>2</v></c></row>)"
        R"(<row r="4"><c r="B4" t="s"><v>3</v></c><c r="A4" t="inlineStr"><is><t>Mora kommun</t></is></c></row>)",
        ""},
       {"Blad2", R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>)"
                 R"(<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" t="s"><v>3</v></c></row>)",
        ""}},
      {"<t>Kommun</t>", "<t>5a. Beskriv insatser</t>", "<t>Falu kommun</t>", "<t>Trygg hemgång</t>", "<t>Orsa kommun</t>"});
  const std::vector<std::string> expected{"Blad1!B2 5a [Falu kommun|kommun||-] Trygg hemgång",
                                          "Blad1!B4 5a [Mora kommun|kommun||-] Trygg hemgång",
                                          "Blad2!B2 5a [Orsa kommun|kommun||-] Trygg hemgång"};
  Read beside = read_xlsx(xlsx);  // a second core, when the machine has one
  REQUIRE(beside.text.ok());
  CHECK(render_answers(beside.text.value()) == expected);
  CHECK(render_numbers(beside.text.value()) == std::vector<std::string>{"Antal mobila team = 2 [Falu kommun]"});
  ReadingThreads every_core(1024);  // no core left: the strings are read first, in order
  Read in_order = read_xlsx(xlsx);
  REQUIRE(in_order.text.ok());
  CHECK(render_answers(in_order.text.value()) == expected);
  CHECK(all_messages(in_order.warnings) == all_messages(beside.warnings));
}

TEST_CASE("XLSX: a cell naming a shared string that is not there is an error naming the cell, with or without a core free") {
  const std::string header = R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>)";
  const std::vector<std::string> shared{"<t>Kommun</t>", "<t>5a. Beskriv</t>", "<t>Falu kommun</t>"};
  const std::string past = xlsx_of({{"Blad1", header + R"(<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>9</v></c></row>)", ""}}, shared);
  const std::string word = xlsx_of({{"Blad1", header + R"(<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>x</v></c></row>)", ""}}, shared);
  with_and_without_a_free_core([&] {
    Read r = read_xlsx(past);
    REQUIRE_FALSE(r.text.ok());
    CHECK(r.text.error().message == "cell Blad1!B2 refers to shared string \"9\", but there are 3");
    Read w = read_xlsx(word);
    REQUIRE_FALSE(w.text.ok());
    CHECK(w.text.error().message == "cell Blad1!B2 refers to shared string \"x\", but there are 3");
  });
}

TEST_CASE("XLSX: damaged shared strings are the error named, also when the first sheet is damaged too") {
  const std::string xlsx = xlsx_of({{"Blad1", R"(<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="1">)", ""}},
                                   {"<t>Kommun</t>", "<t>ej stängd"});
  with_and_without_a_free_core([&] {
    Read r = read_xlsx(xlsx);
    REQUIRE_FALSE(r.text.ok());
    CHECK(r.text.error().message.rfind("member \"xl/sharedStrings.xml\", at byte ", 0) == 0);
  });
}

TEST_CASE("XLSX: the first of a missing shared string and a later damaged row is named, as written, with or without a core free") {
  const std::string header = R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>)";
  const std::vector<std::string> shared{"<t>Kommun</t>", "<t>5a. Beskriv</t>", "<t>Falu kommun</t>"};
  const std::string later = R"(<row r="3"><c r="A3" t="s"><v>2</v></c></row><row r="3"></row>)";
  const std::string missing = xlsx_of({{"Blad1", header + R"(<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>9</v></c></row>)" + later, ""}}, shared);
  const std::string padded = xlsx_of({{"Blad1", header + R"(<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>09</v></c></row>)", ""}}, shared);
  with_and_without_a_free_core([&] {
    Read r = read_xlsx(missing);
    REQUIRE_FALSE(r.text.ok());
    CHECK(r.text.error().message == "cell Blad1!B2 refers to shared string \"9\", but there are 3");
    Read p = read_xlsx(padded);
    REQUIRE_FALSE(p.text.ok());
    CHECK(p.text.error().message == "cell Blad1!B2 refers to shared string \"09\", but there are 3");
  });
}

// A sheet of `rows` answer rows after a header of shared strings, long
// enough that its walk is split between two threads when a core is free
// (more than twice the 1 MB a split needs); `row_xml(k)` writes row k.
template <class RowXml>
std::string long_sheet_xlsx(std::size_t rows, const RowXml& row_xml) {
  std::string data = R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>)";
  for (std::size_t k = 2; k < rows + 2; ++k) data += row_xml(k);
  return xlsx_of({{"Blad1", data, ""}}, {"<t>Kommun</t>", "<t>5a. Beskriv insatser</t>"});
}

std::string answer_row(std::size_t k) {
  const std::string n = std::to_string(k);
  return "<row r=\"" + n + "\"><c r=\"A" + n + "\" t=\"inlineStr\"><is><t>Kommun " + n + "</t></is></c><c r=\"B" + n +
         "\" t=\"inlineStr\"><is><t>Mobila team och trygg hemgång, svar " + n + " med en längre text om SIP.</t></is></c></row>";
}

// The read with a core free (the walk split when the strings are read in
// time) is the read in order: the same answers and notes, or the same error.
void check_split_walk_reads_as_in_order(const std::string& xlsx) {
  Read beside = read_xlsx(xlsx);
  ReadingThreads every_core(1024);
  Read in_order = read_xlsx(xlsx);
  REQUIRE(beside.text.ok() == in_order.text.ok());
  if (in_order.text.ok()) {
    CHECK(render_answers(beside.text.value()) == render_answers(in_order.text.value()));
    CHECK(beside.text.value().text == in_order.text.value().text);
  } else {
    CHECK(beside.text.error().message == in_order.text.error().message);
  }
  CHECK(all_messages(beside.warnings) == all_messages(in_order.warnings));
}

TEST_CASE("XLSX: a long sheet walked by two threads gives the rows a walk in order gives") {
  const std::string xlsx = long_sheet_xlsx(24000, answer_row);
  check_split_walk_reads_as_in_order(xlsx);
  Read r = read_xlsx(xlsx);
  REQUIRE(r.text.ok());
  const std::vector<std::string> answers = render_answers(r.text.value());
  REQUIRE(answers.size() == 24000);
  CHECK(answers[12345] == "Blad1!B12347 5a [Kommun 12347|kommun||-] Mobila team och trygg hemgång, svar 12347 med en längre text om SIP.");
}

TEST_CASE("XLSX: with a core free, a long sheet's walk is split between two threads and both halves are taken") {
  bool core_free = false;
  {
    ReadingThreads probe(1);
    core_free = probe.extra() > 0;
  }
  if (!core_free) {
    WARN("no core free for a second thread: the split is not tried");
    return;
  }
  const std::string xlsx = long_sheet_xlsx(24000, answer_row);
  const std::size_t before = XlsxReader::split_walks_taken();
  // Whether the shared strings' thread is done in time depends on the
  // scheduler: a few tries see a split on any machine with a core to spare.
  for (int tries = 0; tries < 50 && XlsxReader::split_walks_taken() == before; ++tries) {
    Read r = read_xlsx(xlsx);
    REQUIRE(r.text.ok());
    REQUIRE(r.text.value().given->answers.size() == 24000);
  }
  CHECK(XlsxReader::split_walks_taken() > before);
}

TEST_CASE("XLSX: a long sheet whose later rows are not numbered is read as in order") {
  check_split_walk_reads_as_in_order(long_sheet_xlsx(24000, [](std::size_t k) {
    std::string row = answer_row(k);
    if (k > 20000) row.replace(0, row.find('>'), "<row");  // <row> without r="..."
    return row;
  }));
}

TEST_CASE("XLSX: a long sheet with a damaged row near its end fails as a read in order fails") {
  check_split_walk_reads_as_in_order(long_sheet_xlsx(24000, [](std::size_t k) {
    return k == 22000 ? std::string("<row r=\"22000\"><c r=\"A22000\" t=\"inlineStr\"><is><t>x</t></is></c>") : answer_row(k);
  }));
  check_split_walk_reads_as_in_order(long_sheet_xlsx(24000, [](std::size_t k) {
    return answer_row(k == 18000 ? 17000 : k);  // a row numbered lower than the one before it
  }));
}

TEST_CASE("XLSX: a long sheet with a stray end tag near its end fails as a read in order fails") {
  for (const std::string stray : {"</row>", "</c>", "</foo>"}) {
    INFO(stray);
    check_split_walk_reads_as_in_order(
        long_sheet_xlsx(24000, [&](std::size_t k) { return k == 20000 ? answer_row(k) + stray : answer_row(k); }));
  }
}

TEST_CASE("XLSX: a long sheet nested too deep near its end fails as a read in order fails") {
  // 61 elements inside a cell's inline string: with <row>, <c> and <is>
  // 64 open at once, as many as a walk from the row allows, but 66 with
  // <worksheet> and <sheetData> around them, past a walk in order's 64.
  std::string deep;
  for (int i = 0; i < 61; ++i) deep += "<r>";
  for (int i = 0; i < 61; ++i) deep += "</r>";
  check_split_walk_reads_as_in_order(long_sheet_xlsx(24000, [&](std::size_t k) {
    if (k != 21000) return answer_row(k);
    return "<row r=\"21000\"><c r=\"B21000\" t=\"inlineStr\"><is>" + deep + "</is></c></row>";
  }));
}

TEST_CASE("XLSX: a long sheet with row tags inside comments and CDATA is read as in order") {
  // Every row after a comment that holds a row tag: a split looked for
  // past the middle lands in a comment, and is dropped where it is met.
  check_split_walk_reads_as_in_order(
      long_sheet_xlsx(24000, [](std::size_t k) { return "<!-- <row r=\"1\"> -->" + answer_row(k); }));
  // Every answer a CDATA section that holds row tags.
  check_split_walk_reads_as_in_order(long_sheet_xlsx(24000, [](std::size_t k) {
    const std::string n = std::to_string(k);
    return "<row r=\"" + n + "\"><c r=\"A" + n + "\" t=\"inlineStr\"><is><t>Kommun " + n + "</t></is></c><c r=\"B" + n +
           "\" t=\"inlineStr\"><is><t><![CDATA[Svar </row><row r=\"3\"> om SIP och mobila team i kommunen]]></t></is></c></row>";
  }));
}

// Found with office_fuzz: neither XmlStream nor pugixml checks the bytes, so
// a Latin-1 byte in a cell went into the text as invalid UTF-8.
TEST_CASE("XLSX: a sheet or shared strings part that is not UTF-8 is refused naming the member and offset") {
  const std::string header = R"(<row r="1"><c t="inlineStr"><is><t>Svar</t></is></c></row>)";
  Read sheet = read_xlsx(xlsx_of({{"Blad1", header + "<row r=\"2\"><c t=\"inlineStr\"><is><t>hemtj\xE4nst</t></is></c></row>", ""}}));
  REQUIRE_FALSE(sheet.text.ok());
  CHECK(sheet.text.error().message.rfind("member \"xl/worksheets/sheet1.xml\" is not valid UTF-8 at byte ", 0) == 0);
  Read shared = read_xlsx(xlsx_of({{"Blad1", header + R"(<row r="2"><c t="s"><v>0</v></c></row>)", ""}}, {"<t>hemtj\xE4nst</t>"}));
  REQUIRE_FALSE(shared.text.ok());
  CHECK(shared.text.error().message.rfind("member \"xl/sharedStrings.xml\" is not valid UTF-8 at byte ", 0) == 0);
}

// ---- manifest ------------------------------------------------------------------

TEST_CASE("manifest: \"columns\" maps headers or letters to roles, an unknown role is an error with a suggestion") {
  Result<Manifest> ok = parse_manifest(R"({"files": {"svar.csv": {"columns": {"Kommun": "municipality", "F": "ignore"}}}})",
                                       "manifest.json");
  REQUIRE(ok.ok());
  const ManifestEntry* e = ok.value().find("svar.csv");
  REQUIRE(e);
  CHECK(e->columns == std::vector<ColumnRoleSetting>{{"F", ColumnRole::Ignore}, {"Kommun", ColumnRole::Municipality}});
  Result<Manifest> bad = parse_manifest("{\"files\": {\"svar.csv\": {\n  \"columns\": {\"Kommun\": \"munisipality\"}}}}",
                                        "manifest.json");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().line == 2);
  CHECK(bad.error().column == 25);
  CHECK(bad.error().message == "unknown column role \"munisipality\" for column \"Kommun\" in the entry for \"svar.csv\"");
  CHECK(bad.error().hint.find("did you mean \"municipality\"") != std::string::npos);
}

TEST_CASE("a cell is read in NFC: a decomposed å is composed, Swedish and other text already in NFC is kept as it is") {
  // "a" + U+030A COMBINING RING ABOVE; "å" (U+00E5), "ǅ" (U+01C5), "ʼ" (U+02BC): below U+0300, in NFC;
  // "ḁ" (U+1E01) and "한" (U+D55C) in NFC; a Hangul syllable as two jamo (U+1112 U+1161) is composed.
  const std::string csv = "Kommun;1. Beskriv\n"
                          "Falu kommun;Sa\xCC\x8Angt\n"
                          "Mora kommun;\xC3\xA5r \xC7\x85 \xCA\xBC\n"
                          "Orsa kommun;\xE1\xB8\x81 \xED\x95\x9C\n"
                          "Rättviks kommun;\xE1\x84\x92\xE1\x85\xA1\n";
  Read r = read_csv(csv);
  REQUIRE(r.text.ok());
  CHECK(render_answers(r.text.value()) ==
        std::vector<std::string>{"B2 1 [Falu kommun|kommun||-] S\xC3\xA5ngt",
                                 "B3 1 [Mora kommun|kommun||-] \xC3\xA5r \xC7\x85 \xCA\xBC",
                                 "B4 1 [Orsa kommun|kommun||-] \xE1\xB8\x81 \xED\x95\x9C",
                                 "B5 1 [R\xC3\xA4ttviks kommun|kommun||-] \xED\x95\x98"});
}

TEST_CASE("a decomposed å is composed wherever it stands in a long cell, and a long cell below U+0300 is kept") {
  // The check for bytes from 0xCC looks at 16 bytes at a time: the mark at
  // byte 2, 16, 17, 18, 34, 35 and 42, each inside a whole 16 bytes.
  const std::string ring = "\xCC\x8A", aa = "\xC3\xA5";
  for (const std::size_t before : {0u, 14u, 15u, 16u, 32u, 33u, 40u}) {
    const std::string prefix = "s" + std::string(before, 'x') + "a";
    const std::string csv = "Kommun;1. Beskriv\nFalu kommun;" + prefix + ring + "ngt p\xC3\xA5 hemg\xC3\xA5ng\n";
    Read r = read_csv(csv);
    REQUIRE(r.text.ok());
    CHECK(render_answers(r.text.value()) ==
          std::vector<std::string>{"B2 1 [Falu kommun|kommun||-] " + prefix.substr(0, prefix.size() - 1) + aa +
                                   "ngt p" + aa + " hemg" + aa + "ng"});
  }
  // The mark in the bytes after the last whole 16: a cell of 24 bytes ending in it.
  Read tail = read_csv("Kommun;1. Beskriv\nFalu kommun;s" + std::string(20, 'x') + "a" + ring + "\n");
  REQUIRE(tail.text.ok());
  CHECK(render_answers(tail.text.value()) ==
        std::vector<std::string>{"B2 1 [Falu kommun|kommun||-] s" + std::string(20, 'x') + aa});
  const std::string swedish = "\xC3\xA5r \xC3\xA4r \xC3\xB6 " + std::string(40, 'x') + " \xC3\x85\xC3\x84\xC3\x96";
  Read kept = read_csv("Kommun;1. Beskriv\nFalu kommun;" + swedish + "\n");
  REQUIRE(kept.text.ok());
  CHECK(render_answers(kept.text.value()) == std::vector<std::string>{"B2 1 [Falu kommun|kommun||-] " + swedish});
}
