// print/html_report: the HTML page of the theme report. Reports and excerpt
// lists are built by hand here (plain structs), so these tests pin the
// layout only: escaping, the SVG bars and heat-map cells, "X av Y", the
// marks, and that the page loads nothing from the network.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "analyzer/print/html_report.hpp"

using namespace analyzer;

namespace {

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) ++n;
  return n;
}

std::string render(const ThemeReport& report, const std::vector<ExcerptList>& excerpts = {}) {
  std::ostringstream out;
  print_report_html(report, excerpts, out);
  return out.str();
}

ThemeReportRow row(std::string theme, std::optional<int> year, std::string region, std::size_t respondents,
                   std::size_t total) {
  ThemeReportRow r;
  r.theme = std::move(theme);
  r.group.year = year;
  r.group.region = std::move(region);
  r.respondents = respondents;
  r.respondents_total = total;
  r.answers = respondents * 2;
  r.answers_total = total * 10;
  r.mentions = respondents * 3;
  return r;
}

// Two themes, years 2022 and 2023, regions Dalarna and Halland: 8 rows.
ThemeReport year_region_report() {
  ThemeReport r;
  r.themes = {{"sip", "SIP"}, {"mobila_team", "Mobila team"}};
  r.by = {GroupKey::Year, GroupKey::Region};
  for (const char* theme : {"sip", "mobila_team"})
    for (int year : {2022, 2023})
      for (const char* region : {"Dalarna", "Halland"}) r.rows.push_back(row(theme, year, region, 3, 5));
  r.rows[2].previous_year = 2022;   // sip 2023 Dalarna
  r.rows[2].respondents_change = 2;
  r.rows[3].previous_year = 2022;   // sip 2023 Halland
  r.rows[3].respondents_change = -1;
  r.co_occurrence = {{"sip", "mobila_team", 4, 2}};
  r.answers_total = 40;
  r.respondents_total = 10;
  r.sources = {"000_a.txt", "002_b.txt"};
  return r;
}

Citation citation(std::string respondent, int year, std::string question, std::string question_text) {
  Citation c;
  c.answer_id = "a1";
  c.source = "002_b.txt";
  c.year = year;
  c.region = "Halland";
  c.respondent = std::move(respondent);
  c.question = std::move(question);
  c.question_text = std::move(question_text);
  c.span = {120, 170};
  return c;
}

}  // namespace

TEST_CASE("the page is one Swedish HTML5 file that loads nothing") {
  const std::string html = render(year_region_report());
  CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"sv\">", 0) == 0);
  CHECK(count(html, "<title>God och nära vård – temarapport</title>") == 1);
  CHECK(count(html, "<meta charset=\"utf-8\">") == 1);
  CHECK(count(html, "default-src 'none'") == 1);
  CHECK(count(html, "http:") == 0);
  CHECK(count(html, "https:") == 0);
  CHECK(count(html, "<script") == 0);
  CHECK(count(html, "<link") == 0);
  CHECK(count(html, "url(") == 0);
  CHECK(count(html, "@import") == 0);
  CHECK(count(html, "<svg") >= 2);
  CHECK(count(html, "; print-color-adjust: exact") == 1);
  CHECK(html.size() > 7);
  CHECK(html.substr(html.size() - 8) == "</html>\n");
}

TEST_CASE("every text from the data is escaped: & < > \" '") {
  ThemeReport r = year_region_report();
  r.themes[0].label = "A & B <i>\"q\" 'y'";
  r.rows[0].group.region = "<Dal&arna>";
  r.sources.push_back("<evil>.txt");
  ExcerptList list{"sip", "A & B <i>\"q\" 'y'", 1, {}};
  Excerpt e;
  e.theme = "sip";
  e.text = "Vi <b>har</b> \"SIP\" & 'plan'.";
  e.sources = {citation("<script>alert(1)</script>", 2023, "5a", "Beskriv <arbetet> & \"resultat\"")};
  list.excerpts.push_back(e);
  const std::string html = render(r, {list});

  CHECK(count(html, "A &amp; B &lt;i&gt;&quot;q&quot; &#39;y&#39;") >= 5);   // summary, table, chart, map, excerpts
  CHECK(count(html, "<i>") == 0);
  CHECK(count(html, "&lt;Dal&amp;arna&gt;") >= 1);
  CHECK(count(html, "<Dal") == 0);
  CHECK(count(html, "&lt;evil&gt;.txt") == 1);
  CHECK(count(html, "Vi &lt;b&gt;har&lt;/b&gt; &quot;SIP&quot; &amp; &#39;plan&#39;.") == 1);
  CHECK(count(html, "<script") == 0);
  CHECK(count(html, "&lt;script&gt;alert(1)&lt;/script&gt;") == 1);
  CHECK(count(html, "Beskriv &lt;arbetet&gt; &amp; &quot;resultat&quot;") == 1);
}

TEST_CASE("the bar chart has one bar per theme and year") {
  SECTION("grouped by year and region: regions stack inside the year's bar") {
    const std::string html = render(year_region_report());
    CHECK(count(html, "<g class=\"bar\"") == 4);
    for (const char* theme : {"sip", "mobila_team"})
      for (const char* year : {"2022", "2023"})
        CHECK(count(html, std::string("<g class=\"bar\" data-theme=\"") + theme + "\" data-year=\"" + year + "\">") ==
              1);
    CHECK(count(html, "<rect class=\"seg\"") == 8);   // one segment per row
  }
  SECTION("a theme without a row for a year still gets its (empty) bar") {
    ThemeReport r = year_region_report();
    r.rows.erase(r.rows.begin() + 6, r.rows.end());   // mobila_team 2023 gone
    const std::string html = render(r);
    CHECK(count(html, "<g class=\"bar\"") == 4);
    CHECK(count(html, "<rect class=\"seg\"") == 6);
  }
  SECTION("no year key: one bar per theme") {
    ThemeReport r;
    r.themes = {{"sip", "SIP"}, {"mobila_team", "Mobila team"}, {"trygg_hemgang", "Trygg hemgång"}};
    for (const ThemeInfo& t : r.themes) r.rows.push_back(row(t.id, std::nullopt, "", 1, 4));
    const std::string html = render(r);
    CHECK(count(html, "<g class=\"bar\"") == 3);
    CHECK(count(html, "data-year=") == 0);
    CHECK(count(html, "inte grupperad per år") == 1);
  }
  SECTION("one year: one bar per theme") {
    ThemeReport r;
    r.themes = {{"sip", "SIP"}};
    r.by = {GroupKey::Year};
    r.rows = {row("sip", 2023, "", 2, 2)};
    const std::string html = render(r);
    CHECK(count(html, "<g class=\"bar\"") == 1);
    CHECK(count(html, "data-year=\"2023\"") == 1);
  }
}

TEST_CASE("the theme table gives respondents as X av Y, the share, the change and the own figures") {
  ThemeReport r = year_region_report();
  r.rows[0].respondents = 11;
  r.rows[0].respondents_total = 15;
  NumericFigure f;
  f.respondent = "Region Halland";
  f.year = 2023;
  f.source = "002_b.txt";
  f.question = "7";
  f.label = "Fast vårdkontakt, ange antal";
  f.value_text = "5";
  f.value = 5;
  r.rows[1].figures.push_back(f);
  const std::string html = render(r);
  CHECK(count(html, "<td class=\"num\">11 av 15</td>") == 1);
  CHECK(count(html, "<td class=\"num\">73\xC2\xA0%</td>") == 1);   // 11/15 = 73.3 %
  CHECK(count(html, "<td class=\"num\">3 av 5</td>") == 7);
  CHECK(count(html, "<td class=\"num\">60\xC2\xA0%</td>") == 7);
  CHECK(count(html, "<tbody data-theme=") == 2);
  CHECK(count(html, "<span class=\"figure-value\">5</span> <span class=\"own\">respondentens egen siffra</span>") ==
        1);
  CHECK(count(html, "Fast vårdkontakt, ange antal · Region Halland · 2023 · fråga 7") == 1);
}

TEST_CASE("the heat map has a cell per region and theme, or says why it is missing") {
  SECTION("grouped by year and region: one map per year") {
    const std::string html = render(year_region_report());
    CHECK(count(html, "<svg class=\"heatmap\"") == 2);
    CHECK(count(html, "<g class=\"cell\"") == 8);
    CHECK(count(html, "<g class=\"cell\" data-theme=\"sip\" data-region=\"Halland\">") == 2);
    CHECK(count(html, "<h3>2022</h3>") == 1);
    CHECK(count(html, "<h3>2023</h3>") == 1);
  }
  SECTION("not grouped by region") {
    ThemeReport r = year_region_report();
    r.by = {GroupKey::Year};
    const std::string html = render(r);
    CHECK(count(html, "<svg class=\"heatmap\"") == 0);
    CHECK(count(html, "inte grupperad per region") == 1);
  }
}

TEST_CASE("the co-occurrence table lists every pair") {
  const std::string html = render(year_region_report());
  CHECK(count(html,
              "<tr><td>SIP</td><td>Mobila team</td><td class=\"num\">4</td><td class=\"num\">2</td></tr>") == 1);
}

TEST_CASE("excerpts: the marks in <mark>, the citation with every source") {
  ExcerptList list{"sip", "SIP", 3, {}};
  Excerpt e;
  e.theme = "sip";
  e.text = "Vi arbetar med SIP och samordnad individuell plan i länet.";
  e.marks = {{15, 18}, {23, 49}};
  e.sources = {citation("Region Halland", 2023, "5a", "Beskriv arbetet med SIP"),
               citation("RSS Halland", 2022, "5a", "Beskriv arbetet med SIP")};
  list.excerpts.push_back(e);
  const std::string html = render(year_region_report(), {list});

  CHECK(count(html, "Vi arbetar med <mark>SIP</mark> och <mark>samordnad individuell plan</mark> i länet.") == 1);
  CHECK(count(html, "<cite>Region Halland</cite>, 2023, Halland · fråga 5a: ”Beskriv arbetet med SIP” · "
                    "<code>002_b.txt</code>, byte 120–170") == 1);
  CHECK(count(html, "Samma mening finns även hos:<ul><li><cite>RSS Halland</cite>, 2022") == 1);
  CHECK(count(html, "1 av 3 meningar") == 1);
}

TEST_CASE("marks: clipped to the text, merged when they overlap, never cutting a character") {
  auto marked = [](std::string text, std::vector<ByteSpan> marks) {
    ExcerptList list{"sip", "SIP", 1, {}};
    Excerpt e;
    e.text = std::move(text);
    e.marks = std::move(marks);
    list.excerpts.push_back(e);
    const std::string html = render(ThemeReport{}, {list});
    const std::size_t b = html.find("<blockquote>") + 12;
    return html.substr(b, html.find("</blockquote>") - b);
  };
  CHECK(marked("abc def", {}) == "abc def");
  CHECK(marked("abc def", {{4, 99}}) == "abc <mark>def</mark>");
  CHECK(marked("abc def", {{0, 3}, {2, 5}}) == "<mark>abc d</mark>ef");
  CHECK(marked("abc def", {{4, 7}, {0, 3}}) == "<mark>abc</mark> <mark>def</mark>");
  CHECK(marked("abc def", {{3, 3}, {9, 12}}) == "abc def");
  // "hemgång": å is two bytes (5, 6); a mark ending inside it takes the whole letter.
  CHECK(marked("hemgång", {{0, 6}}) == "<mark>hemgå</mark>ng");
  CHECK(marked("a<b", {{1, 2}}) == "a<mark>&lt;</mark>b");
}

TEST_CASE("an empty report still gives a whole page") {
  const std::string html = render(ThemeReport{});
  CHECK(count(html, "Rapporten har inga rader") >= 2);
  CHECK(count(html, "Inga citat i rapporten.") == 1);
  CHECK(html.substr(html.size() - 8) == "</html>\n");
}

TEST_CASE("excerpts: the citation names the location after the file, escaped, and only the bytes when it is unknown") {
  ExcerptList list{"sip", "SIP", 2, {}};
  Excerpt e;
  e.theme = "sip";
  e.text = "Vi arbetar med SIP.";
  e.marks = {{15, 18}};
  Citation by_page = citation("Region Halland", 2023, "5a", "Beskriv arbetet med SIP");
  by_page.location.page = 14;
  Citation by_cell = citation("RSS Halland", 2022, "5a", "Beskriv arbetet med SIP");
  by_cell.location.sheet = "<Blad1>";
  by_cell.location.row = 7;
  by_cell.location.column = "F";
  e.sources = {by_page, by_cell, citation("Kommun A", 2022, "5a", "")};
  list.excerpts.push_back(e);
  const std::string html = render(year_region_report(), {list});

  CHECK(count(html, "<code>002_b.txt</code>, sida 14, byte 120–170") == 1);
  CHECK(count(html, "<code>002_b.txt</code>, &lt;Blad1&gt;, rad 7, kolumn F, byte 120–170") == 1);
  CHECK(count(html, "<cite>Kommun A</cite>, 2022, Halland · fråga 5a · <code>002_b.txt</code>, byte 120–170") == 1);
}

TEST_CASE("the change column shows percentage points like with like, and a note where groups differ") {
  ThemeReport r = year_region_report();
  YearChange up;   // sip 2023 Dalarna: the same five respondents, 1 → 3 mention SIP
  up.previous_year = 2022;
  up.comparable = true;
  up.basis = ChangeBasis::SameRespondents;
  up.respondents = {"A", "B", "C", "D", "E"};
  up.mentioning_before = 1;
  up.base_before = 5;
  up.mentioning_now = 3;
  up.base_now = 5;
  r.rows[2].change = up;
  YearChange other;   // sip 2023 Halland: none answered both years
  other.previous_year = 2022;
  other.only_before = {"RSS Halland"};
  other.only_now = {"Region Halland"};
  r.rows[3].change = other;
  const std::string html = render(r);
  CHECK(count(html, "<td class=\"num up\">+40 procentenheter mot 2022 (1 → 3 av 5 samma)</td>") == 1);
  CHECK(count(html, "<td class=\"num not-comparable\">ej jämförbart<sup><a href=\"#not-1\">1</a></sup></td>") == 1);
  CHECK(count(html, "<li id=\"not-1\">Halland 2023 mot 2022: olika respondenter, ingen har svarat båda åren "
                    "(2023: Region Halland; 2022: RSS Halland).") == 1);
  CHECK(count(html, "mot 2022") == 2);   // the raw respondents_change is no longer shown
}

TEST_CASE("a small group's share is hatched in the heat map and marked in the table") {
  ThemeReport r = year_region_report();
  r.min_group = 5;
  r.rows[0].respondents_total = 4;   // sip 2022 Dalarna: 3 av 4
  r.rows[0].small_group = true;
  const std::string html = render(r);
  CHECK(count(html, "<pattern id=\"liten-grupp\"") == 1);
  CHECK(count(html, "fill=\"url(#liten-grupp)\"") == 1);
  CHECK(count(html, "<td class=\"num small\">75\xC2\xA0%*</td>") == 1);
  CHECK(count(html, "färre än 5 respondenter") >= 1);
  CHECK(count(render(year_region_report()), "url(#liten-grupp)") == 0);
}

TEST_CASE("a figure is shown with its question and label") {
  ThemeReport r = year_region_report();
  NumericFigure f;
  f.respondent = "RSS Halland";
  f.label = "Fast omsorgskontakt";
  f.question_text = "Antal kommuner som påbörjat eller förstärkt arbetet";
  f.value_text = "6";
  r.rows[1].figures.push_back(f);
  CHECK(count(render(r), "Antal kommuner som påbörjat eller förstärkt arbetet: Fast omsorgskontakt · RSS Halland") ==
        1);
}

TEST_CASE("the footer states the report's provenance") {
  ThemeReport r = year_region_report();
  ReportProvenance p;
  p.created_at = "2027-01-01T00:10:00Z";
  p.analyzer_version = "0.1.0";
  p.analysis_version = "8";
  p.index_schema = "5";
  p.lexicon_version = "0123456789abcdef";
  p.command_line = "analyzer report --by year,region";
  p.indexes = {"idx"};
  SourceSummary s;
  s.source = "000_a.txt";
  s.format = "text";
  SourcePart part;
  part.respondent.name = "RSS Dalarna";
  part.respondent.year = 2022;
  part.provenance.year.from = FieldOrigin::Manifest;
  part.provenance.year.rule = "manifest";
  s.parts.push_back(part);
  p.sources.push_back(s);
  r.provenance = p;
  const std::string html = render(r);
  const std::size_t footer = html.find("<footer>");
  REQUIRE(footer != std::string::npos);
  CHECK(html.find("Underlag och framställning", footer) != std::string::npos);
  CHECK(html.find("<dt>Framställd</dt><dd>2027-01-01T00:10:00Z</dd>", footer) != std::string::npos);
  CHECK(html.find("<dd>analyzer report --by year,region</dd>", footer) != std::string::npos);
  CHECK(html.find("<td>000_a.txt</td><td>text</td><td>0</td><td>2022</td>", footer) != std::string::npos);
  CHECK(html.find("år: manifest; region: standard", footer) != std::string::npos);
}
