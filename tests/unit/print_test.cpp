// The escapers of print/: terminal_text (control characters made visible),
// csv_cell (formula injection, RFC 4180) and md_escape (Markdown, no HTML),
// and the printers that must use them, on hostile input.

#include <catch2/catch.hpp>

#include <sstream>

#include <nlohmann/json.hpp>

#include "analyzer/print/csv_text.hpp"
#include "analyzer/print/excerpt_printers.hpp"
#include "analyzer/print/location_text.hpp"
#include "analyzer/print/markdown_text.hpp"
#include "analyzer/print/printers.hpp"
#include "analyzer/print/provenance_printers.hpp"
#include "analyzer/print/report_printers.hpp"
#include "analyzer/print/search_printers.hpp"
#include "analyzer/print/terminal_text.hpp"

using namespace analyzer;

namespace {

// True when `s` holds a byte a terminal acts on: C0 but LF, DEL, the UTF-8
// of C1 (C2 80..9F) and of the bidirectional overrides U+202A..U+202E.
bool has_raw_control(const std::string& s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0x9F &&
        static_cast<unsigned char>(s[i + 1]) >= 0x80)
      return true;
    if (s.compare(i, 2, "\xe2\x80") == 0 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 2]) >= 0xAA &&
        static_cast<unsigned char>(s[i + 2]) <= 0xAE)
      return true;
  }
  return false;
}

const std::string kHostile = "a\x1b]0;pwnd\x07\x1b[2J\x7f\xc2\x9b" "31m\xe2\x80\xae" "gpj.exe\tb\r\nc\xff";

AnswerRecord hostile_answer() {
  AnswerRecord a;
  a.id = "id";
  a.source = "x\x1b[31m.txt";
  a.question = "5\x1b[1A";
  a.question_text = "Fråga\x1b[2J";
  a.text = "Svar med " + kHostile;
  a.respondent = {2023, "Halland\x1b[0m", RespondentType::Kommun, "Kommun\x1b[8m X"};
  a.layout = LayoutKind::Survey;
  return a;
}

}  // namespace

TEST_CASE("terminal_text makes every control character visible and keeps the rest") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"vården är nära", "vården är nära"},
      {"a\x1b[2Jb", "a\\x1b[2Jb"},
      {"tab\there", "tab\\there"},
      {"rad\r\nny", "rad\\r\\nny"},
      {std::string("nul\0x", 5), "nul\\x00x"},
      {"bell\x07", "bell\\x07"},
      {"del\x7f", "del\\x7f"},
      {"csi\xc2\x9b" "2J", "csi\\u{009b}2J"},
      {"rlo\xe2\x80\xae" "txt", "rlo\\u{202e}txt"},
      {"lri\xe2\x81\xa6x\xe2\x81\xa9", "lri\\u{2066}x\\u{2069}"},
      {"lrm\xe2\x80\x8e", "lrm\\u{200e}"},
      {"bad\xff" "byte", "bad\\xffbyte"},
      {"cut\xc3", "cut\\xc3"},
      {"overlong\xc0\xaf", "overlong\\xc0\\xaf"},
      {"C:\\mapp\\fil.txt", "C:\\mapp\\fil.txt"},
      {"«SIP» – ”citat” …", "«SIP» – ”citat” …"},
  }));
  CAPTURE(input);
  CHECK(terminal_text(input) == expected);
}

TEST_CASE("csv_cell neutralises a cell that a spreadsheet would run as a formula") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"=HYPERLINK(\"http://x\",\"klicka\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"klicka\"\")\""},
      {"+cmd|' /C calc'!A0", "\"'+cmd|' /C calc'!A0\""},
      {"-2+3+cmd|' /C calc'!A0", "\"'-2+3+cmd|' /C calc'!A0\""},
      {"@SUM(1)", "\"'@SUM(1)\""},
      {"\t=1", "\"'\t=1\""},
      {"\r=1", "\"'\r=1\""},
      {"-", "\"'-\""},
      {"-1x", "\"'-1x\""},
  }));
  CAPTURE(input);
  CHECK(csv_cell(input, ';') == expected);
}

TEST_CASE("csv_cell keeps numbers, negative ones too, and quotes by RFC 4180") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"-1", "-1"},
      {"0", "0"},
      {"33,3", "33,3"},
      {"-12.5", "-12.5"},
      {"Region Halland", "Region Halland"},
      {"a=b", "a=b"},
      {"a;b", "\"a;b\""},
      {"sa \"hej\"", "\"sa \"\"hej\"\"\""},
      {"rad\nny", "\"rad\nny\""},
      {"", ""},
  }));
  CAPTURE(input);
  CHECK(csv_cell(input, ';') == expected);
}

TEST_CASE("md_escape lets no HTML through, escapes markup, keeps the text on one line") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"},
      {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
      {"<https://x.se>", "&lt;https://x.se&gt;"},
      {"&lt; & &amp;", "&amp;lt; &amp; &amp;amp;"},
      {"a|b *c* _d_ [e](f) `g` #h ~i~ \\", "a\\|b \\*c\\* \\_d\\_ \\[e\\](f) \\`g\\` \\#h \\~i\\~ \\\\"},
      {"rad\n# Rubrik\r\n<div>", "rad \\# Rubrik &lt;div&gt;"},
      {"vården", "vården"},
      {"R\x1b[31möd\x1b]0;titel\x07", "R\\\\x1b\\[31möd\\\\x1b\\]0;titel\\\\x07"},
      {"a\tb \xe2\x80\xae", "a\\\\tb \\\\u{202e}"},
  }));
  CAPTURE(input);
  CHECK(md_escape(input) == expected);
}

TEST_CASE("report csv: a group value or figure label that begins like a formula is neutralised, a negative change stays a number") {
  ThemeReport r;
  r.themes = {{"sip", "SIP"}};
  r.by = {GroupKey::Respondent};
  ThemeReportRow row;
  row.theme = "sip";
  row.group.respondent = "=HYPERLINK(\"http://x\")";
  row.respondents = 1;
  row.respondents_total = 2;
  row.respondents_change = -1;
  row.figures.push_back({"Kommun", 2023, "a.txt", "3", "@SUM(1)", "5", 5});
  r.rows.push_back(row);
  std::ostringstream out;
  print_report_csv(r, out);
  const std::string csv = out.str();
  CHECK(csv.find(";\"'=HYPERLINK(\"\"http://x\"\")\";") != std::string::npos);
  CHECK(csv.find(";=HYPERLINK") == std::string::npos);
  CHECK(csv.find(";-1;") != std::string::npos);
  CHECK(csv.find(";\"'@SUM(1): 5 (Kommun, fråga 3)\"") != std::string::npos);
}

TEST_CASE("report md: HTML in a group value or a label is escaped") {
  ThemeReport r;
  r.themes = {{"sip", "SIP <script>alert(1)</script>"}};
  r.by = {GroupKey::Region};
  ThemeReportRow row;
  row.theme = "sip";
  row.group.region = "<img src=x onerror=alert(1)>";
  row.figures.push_back({"Kommun", 2023, "a.txt", "3", "Antal <b>x</b>|y", "5", 5});
  r.rows.push_back(row);
  std::ostringstream out;
  print_report_md(r, out);
  const std::string md = out.str();
  CAPTURE(md);
  CHECK(md.find('<') == std::string::npos);
  CHECK(md.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
  CHECK(md.find("SIP &lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(md.find("Antal &lt;b&gt;x&lt;/b&gt;\\|y") != std::string::npos);
}

TEST_CASE("report table: control characters in group values and labels are made visible") {
  ThemeReport r;
  r.themes = {{"sip", "SIP\x1b[31m"}};
  r.by = {GroupKey::Region};
  ThemeReportRow row;
  row.theme = "sip";
  row.group.region = "Hall\x1b]0;x\x07" "and";
  row.figures.push_back({"Kommun\x1b[2J", 2023, "a\x1b.txt", "3", "Antal\xe2\x80\xae", "5", 5});
  r.rows.push_back(row);
  std::ostringstream out;
  print_report_table(r, out);
  CAPTURE(out.str());
  CHECK_FALSE(has_raw_control(out.str()));
  CHECK(out.str().find("Hall\\x1b]0;x\\x07and") != std::string::npos);
}

TEST_CASE("answers and numbers tables end each line with where the record stands in its source") {
  AnswerRecord a;
  a.source = "rapport.pdf";
  a.question = "Mobila team";
  a.text = "Teamet startade i mars.";
  a.location.page = 14;
  NumericItem n;
  n.source = "svar.xlsx";
  n.question = "3";
  n.label = "Antal";
  n.value_text = "5";
  n.location.sheet = "Blad1";
  n.location.row = 7;
  n.location.column = "F";
  std::ostringstream out;
  print_answers_table({a}, out);
  print_numbers_table({n}, out);
  CHECK(out.str().find("  (sida 14)\n") != std::string::npos);
  CHECK(out.str().find("= 5  [?, year ?]  (Blad1, rad 7, kolumn F)\n") != std::string::npos);
}

TEST_CASE("a table line of a record without a known location cites nothing") {
  CHECK(terminal_citation(RecordLocation{}).empty());
  RecordLocation line;
  line.line = 530;
  CHECK(terminal_citation(line) == "  (rad 530)");
}

TEST_CASE("answers, numbers and stats tables and the ingest summary show control characters made visible") {
  std::ostringstream out;
  print_answers_table({hostile_answer()}, out);
  NumericItem n;
  n.source = "n\x1b.txt";
  n.question = "1\x1b";
  n.label = "Antal\x1b[2J";
  n.value_text = "5\x07";
  n.respondent = hostile_answer().respondent;
  print_numbers_table({n}, out);
  IndexStats stats;
  stats.by_year_region.push_back({2023, "Hall\x1b[2Jand", 1, 1, 0});
  print_stats(stats, out);
  IngestSummary summary;
  FileOutcome f;
  f.path = "fil\x1b]0;titel\x07.txt";
  f.status = FileStatus::Failed;
  f.diagnostics.push_back(make_warning("fil\x1b[2J.txt", "ord \x1b[31m i text"));
  summary.files.push_back(f);
  print_ingest_summary(summary, out, true);
  CAPTURE(out.str());
  CHECK_FALSE(has_raw_control(out.str()));
  CHECK(out.str().find("fil\\x1b]0;titel\\x07.txt") != std::string::npos);
  CHECK(out.str().find("\\u{202e}gpj.exe") != std::string::npos);
}

TEST_CASE("excerpts table and search table show control characters made visible") {
  Excerpt e;
  e.theme = "sip";
  e.text = "Om SIP " + kHostile;
  e.marks = {{3, 6}};
  Citation c;
  c.source = "x\x1b[31m.txt";
  c.respondent = "Kommun\x1b[8m";
  c.question = "5";
  c.question_text = "Fråga\x1b[2J";
  c.layout = LayoutKind::Survey;
  e.sources = {c, c};
  ExcerptList l;
  l.theme = "sip";
  l.label = "SIP\x1b[5m";
  l.sentences = 1;
  l.excerpts = {e};
  std::ostringstream out;
  print_excerpts_table(l, out);
  SearchResults r;
  r.total = 1;
  r.hits.push_back({hostile_answer(), 50, 1.0, "«Svar» med " + kHostile});
  r.by_region["Hall\x1b[2Jand"] = 1;
  print_search_table("svar", r, 0, out);
  CAPTURE(out.str());
  CHECK_FALSE(has_raw_control(out.str()));
  CHECK(out.str().find("«SIP»") != std::string::npos);
  CHECK(out.str().find("«Svar» med a\\x1b]0;pwnd\\x07") != std::string::npos);
}

TEST_CASE("search md and excerpts md escape HTML in snippets, citations and texts") {
  SearchResults r;
  r.total = 1;
  AnswerRecord a = hostile_answer();
  a.source = "<img src=x onerror=alert(1)>.txt";
  r.hits.push_back({a, 50, 1.0, "«Svar» <script>alert(1)</script>"});
  std::ostringstream out;
  print_search_md("<b>q</b>", r, 0, out);
  Excerpt e;
  e.theme = "sip";
  e.text = "<script>alert(1)</script> SIP";
  e.marks = {{26, 29}};
  Citation c;
  c.source = "<img src=x onerror=alert(1)>.txt";
  c.respondent = "<b>Kommun</b>";
  c.layout = LayoutKind::Survey;
  e.sources = {c};
  ExcerptList l;
  l.theme = "sip";
  l.label = "<i>SIP</i>";
  l.sentences = 1;
  l.excerpts = {e};
  print_excerpts_md(l, out);
  CAPTURE(out.str());
  CHECK(out.str().find('<') == std::string::npos);
  CHECK(out.str().find("**Svar** &lt;script&gt;") != std::string::npos);
  CHECK(out.str().find("&lt;script&gt;alert(1)&lt;/script&gt; **SIP**") != std::string::npos);
}

TEST_CASE("the ingest summary names a document's format and extent, and lists the first 12 parts of a long file") {
  IngestSummary summary;
  FileOutcome f;
  f.path = "export.xlsx";
  f.source = "export.xlsx";
  f.status = FileStatus::Ingested;
  f.format = "xlsx";
  f.extent.sheets = 1;
  f.extent.rows = 30;
  f.parts = std::vector<PartOutcome>(30);
  summary.files.push_back(f);
  std::ostringstream brief;
  print_ingest_summary(summary, brief, false);
  CAPTURE(brief.str());
  CHECK(brief.str().find("ingested   export.xlsx (xlsx, 1 sheet, 30 rows): ") != std::string::npos);
  CHECK(brief.str().find("part 11:") != std::string::npos);
  CHECK(brief.str().find("part 12:") == std::string::npos);
  CHECK(brief.str().find("... and 18 more parts (--verbose lists them)") != std::string::npos);
  std::ostringstream verbose;
  print_ingest_summary(summary, verbose, true);
  CHECK(verbose.str().find("part 29:") != std::string::npos);
  CHECK(verbose.str().find("more parts") == std::string::npos);
}

// ---------------------------------------------------------------------------
// Locations in citations (print/location_text.hpp).

namespace {

RecordLocation at_line(std::size_t n) {
  RecordLocation l;
  l.line = n;
  return l;
}

RecordLocation at_cell(std::string sheet, std::size_t row, std::string column) {
  RecordLocation l;
  l.sheet = std::move(sheet);
  l.row = row;
  l.column = std::move(column);
  return l;
}

Citation citation_at(const RecordLocation& l) {
  Citation c;
  c.source = "a.txt";
  c.respondent = "RSS Dalarna";
  c.year = 2023;
  c.question = "5a";
  c.layout = LayoutKind::Survey;
  c.span = {10, 40};
  c.location = l;
  return c;
}

ExcerptList one_excerpt(const Citation& c) {
  Excerpt e;
  e.theme = "sip";
  e.text = "Vi har SIP.";
  e.marks = {{7, 10}};
  e.sources = {c};
  ExcerptList l;
  l.theme = "sip";
  l.label = "SIP";
  l.sentences = 1;
  l.excerpts = {e};
  return l;
}

}  // namespace

TEST_CASE("a location is cited in Swedish: rad, sida, stycke, and a cell as sheet, rad, kolumn") {
  RecordLocation page, paragraph;
  page.page = 14;
  paragraph.paragraph = 212;
  CHECK(location_text(at_line(530)) == "rad 530");
  CHECK(location_text(page) == "sida 14");
  CHECK(location_text(paragraph) == "stycke 212");
  CHECK(location_text(at_cell("Blad1", 7, "F")) == "Blad1, rad 7, kolumn F");
  CHECK(location_text(at_cell("", 7, "F")) == "rad 7, kolumn F");  // CSV: no sheet
  CHECK(location_text(RecordLocation{}) == "");
  CHECK(source_and_location("a.txt", at_line(3)) == "a.txt, rad 3");
  CHECK(source_and_location("a.txt", RecordLocation{}) == "a.txt");
}

TEST_CASE("an excerpt citation names the location beside the source file, and only the file when it is unknown") {
  CHECK(excerpt_citation(citation_at(at_line(530))) == "RSS Dalarna, 2023, fråga 5a (a.txt, rad 530)");
  CHECK(excerpt_citation(citation_at(at_cell("Blad1", 7, "F"))) ==
        "RSS Dalarna, 2023, fråga 5a (a.txt, Blad1, rad 7, kolumn F)");
  CHECK(excerpt_citation(citation_at(RecordLocation{})) == "RSS Dalarna, 2023, fråga 5a (a.txt)");
}

TEST_CASE("excerpts in table, md and JSON carry the location, and a near-duplicate's other sources cite theirs") {
  ExcerptList l = one_excerpt(citation_at(at_line(530)));
  l.excerpts[0].sources.push_back(citation_at(at_line(88)));
  std::ostringstream table, md, jsonl;
  print_excerpts_table(l, table);
  print_excerpts_md(l, md);
  print_excerpts_jsonl(l, jsonl);
  CHECK(table.str().find("— RSS Dalarna, 2023, fråga 5a (a.txt, rad 530)\n") != std::string::npos);
  CHECK(table.str().find("(även: RSS Dalarna, 2023, fråga 5a (a.txt, rad 88))") != std::string::npos);
  CHECK(md.str().find("> — RSS Dalarna, 2023, fråga 5a (a.txt, rad 530)\n") != std::string::npos);
  const nlohmann::json j = nlohmann::json::parse(jsonl.str());
  CHECK(j.at("location").dump() == R"({"line":530})");
  CHECK(j.at("also").at(0).at("location").dump() == R"({"line":88})");
}

TEST_CASE("a sentence that recurs in one answer is one other source with each of its lines, counted only when they repeat") {
  ExcerptList l = one_excerpt(citation_at(at_line(530)));
  for (std::size_t line : {88, 92, 92}) l.excerpts[0].sources.push_back(citation_at(at_line(line)));
  Citation elsewhere = citation_at(RecordLocation{});
  elsewhere.source = "b.txt";
  l.excerpts[0].sources.push_back(elsewhere);
  l.excerpts[0].sources.push_back(elsewhere);
  std::ostringstream table;
  print_excerpts_table(l, table);
  CHECK(table.str().find("(även: RSS Dalarna, 2023, fråga 5a (a.txt, rad 88; rad 92) ×3; "
                         "RSS Dalarna, 2023, fråga 5a (b.txt) ×2)\n") != std::string::npos);
}

TEST_CASE("search hits cite where the answer starts in table and md, and carry it in JSON") {
  SearchResults r;
  r.total = 1;
  AnswerRecord a;
  a.id = "a1";
  a.source = "a.txt";
  a.question = "5a";
  a.layout = LayoutKind::Survey;
  a.respondent.name = "RSS Halland";
  a.respondent.year = 2022;
  a.location = at_cell("Blad1", 7, "F");
  r.hits.push_back({a, 50, 1.0, "«SIP» finns"});
  std::ostringstream table, md, js;
  print_search_table("sip", r, 0, table);
  print_search_md("sip", r, 0, md);
  print_search_json("sip", r, 0, js);
  CHECK(table.str().find("1. [50 %] RSS Halland · 2022 · fråga 5a · a.txt, Blad1, rad 7, kolumn F\n") !=
        std::string::npos);
  CHECK(md.str().find("1. RSS Halland · 2022 · fråga 5a · a.txt, Blad1, rad 7, kolumn F (50 %)") !=
        std::string::npos);
  CHECK(nlohmann::json::parse(js.str()).at("hits").at(0).at("location").dump() ==
        R"({"column":"F","row":7,"sheet":"Blad1"})");
}

TEST_CASE("a sheet name with control characters or HTML is escaped where citations print it") {
  ExcerptList l = one_excerpt(citation_at(at_cell("Blad\x1b[2J<b>", 7, "F")));
  std::ostringstream table, md;
  print_excerpts_table(l, table);
  print_excerpts_md(l, md);
  CAPTURE(table.str(), md.str());
  CHECK_FALSE(has_raw_control(table.str()));
  CHECK(table.str().find("Blad\\x1b[2J<b>, rad 7, kolumn F") != std::string::npos);
  CHECK(md.str().find('<') == std::string::npos);
}

// ---- the codes a report used (provenance_printers.hpp codes_text) -----------

TEST_CASE("codes_text says reviewed codes with what the review did, in Swedish") {
  CodesUsed c{true, "", 143, 12, 10, 2, 3, 0};
  CHECK(codes_text(c) ==
        "granskade koder — 12 av 143 automatiska kodningar granskade (10 godkända, 2 avvisade), 3 manuella kodningar");
  c = {true, "anna", 143, 1, 0, 1, 1, 2};
  CHECK(codes_text(c) == "granskade koder — 1 av 143 automatiska kodningar granskad (0 godkända, 1 avvisad), "
                         "1 manuell kodning, 2 kodningar utan fäste utelämnade (endast kodaren anna)");
}

TEST_CASE("codes_text says automatic codes, and that a review in the store is not used") {
  CHECK(codes_text(CodesUsed{}) == "automatiska koder (lexikonet)");
  CHECK(codes_text(CodesUsed{false, "", 0, 4, 3, 1, 2, 0}) ==
        "automatiska koder (lexikonet), granskningen används inte (4 beslut, 2 manuella kodningar i kodningsfilen)");
}

TEST_CASE("the provenance states the codes as its last line and as JSON codes, only when known") {
  ReportProvenance p;
  CHECK(provenance_lines(p).back().label == "Källor");
  CHECK_FALSE(provenance_json(p).contains("codes"));
  p.codes = CodesUsed{true, "", 143, 12, 10, 2, 3, 1};
  CHECK(provenance_lines(p).back().label == "Kodning");
  const nlohmann::ordered_json j = provenance_json(p)["codes"];
  CHECK(j.dump() == R"({"used":"reviewed","coder":null,"automatic":143,"reviewed":12,"accepted":10,)"
                    R"("rejected":2,"manual":3,"orphaned":1})");
  p.codes = CodesUsed{};
  CHECK(provenance_json(p)["codes"]["automatic"].is_null());
}

TEST_CASE("the count line says a theme was searched too, and with no hit says so without claiming hits") {
  SearchResults r;
  r.total = 0;
  r.also_themes.push_back({"sip", "SIP"});
  std::ostringstream none;
  print_search_table("2019-2022 SIP", r, 0, none);
  CHECK(none.str().rfind("0 träffar (sökte även på temat SIP)\n", 0) == 0);
  r.total = 3;
  r.also_themes.push_back({"mobila_team", "Mobila team"});
  std::ostringstream some;
  print_search_table("SIP", r, 0, some);
  CHECK(some.str().rfind("3 träffar, även träffar för temat SIP och Mobila team\n", 0) == 0);
}
