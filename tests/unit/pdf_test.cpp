// The PDF reader: layout rules on words written out here (pdf_layout.hpp),
// then poppler on the fixtures of tests/fixtures/ (made by make_pdf.py),
// and the equivalence of the Halland survey as PDF and as text.

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <limits>
#include <sstream>
#include <thread>

#include "analyzer/ingest/ingest.hpp"
#include "analyzer/lexicon/lexicon.hpp"
#include "analyzer/match/lexicon_matcher.hpp"
#include "analyzer/read/pdf_layout.hpp"
#include "analyzer/read/pdf_reader.hpp"

using namespace analyzer;

namespace {

const std::string kFixtures = ANALYZER_FIXTURES;

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A line of words at baseline y in `size` pt, starting at x = 50, each
// word's width 5 pt per character, one space (2.5 pt) between words.
std::vector<PdfWord> line_at(double y, const std::string& text, double size = 10, bool bold = false) {
  std::vector<PdfWord> words;
  std::istringstream in(text);
  std::string word;
  double x = 50;
  while (in >> word) {
    double width = 0.5 * size * static_cast<double>(word.size());
    words.push_back({word, x, y - 0.9 * size, x + width, y, size, true, bold});
    x += width + 0.25 * size;
  }
  if (!words.empty()) words.back().space_after = false;
  return words;
}

PdfPage page_of(std::vector<std::vector<PdfWord>> lines) {
  PdfPage page{595, 842, {}};
  for (auto& line : lines) page.words.insert(page.words.end(), line.begin(), line.end());
  return page;
}

Result<SourceText> read_pdf(const std::string& path, Diagnostics& warnings) {
  return PdfReader().read(path, file_bytes(path), ReadOptions{}, warnings);
}

// A PDF of `pages` empty pages, written here: a catalog, one page tree
// node and the pages, with a correct cross-reference table.
std::string pdf_of_empty_pages(std::size_t pages) {
  std::vector<std::string> objects{"<< /Type /Catalog /Pages 2 0 R >>"};
  std::string kids;
  for (std::size_t i = 0; i < pages; ++i) kids += std::to_string(i + 3) + " 0 R ";
  objects.push_back("<< /Type /Pages /Count " + std::to_string(pages) + " /Kids [" + kids + "] >>");
  for (std::size_t i = 0; i < pages; ++i) objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>");
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t offset : offsets) {
    std::string digits = std::to_string(offset);
    pdf += std::string(10 - digits.size(), '0') + digits + " 00000 n \n";
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

std::string squeeze_space(const std::string& s) {
  std::string out;
  for (char c : s) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\f';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

TEST_CASE("words on one baseline become one line joined by single spaces, in reading order") {
  std::vector<PdfWord> words = line_at(100, "Hej världen.");
  std::reverse(words.begin(), words.end());  // the order words come in does not matter
  PdfLayout layout = lay_out({page_of({words})});
  CHECK(layout.text == "Hej världen.\n");
  REQUIRE(layout.pages.size() == 1);
  CHECK(layout.pages[0] == ByteSpan{0, 14});  // "ä" is two bytes
}

TEST_CASE("lines are ordered top to bottom, a wide gap is an empty line, pages are parted by a form feed") {
  PdfPage one = page_of({line_at(200, "Tredje raden."), line_at(100, "Första raden."), line_at(113, "Andra raden.")});
  PdfPage two = page_of({line_at(100, "Sida två börjar.")});
  PdfLayout layout = lay_out({one, two});
  CHECK(layout.text == "Första raden.\nAndra raden.\n\nTredje raden.\n\fSida två börjar.\n");
  REQUIRE(layout.pages.size() == 2);
  CHECK(layout.text.substr(layout.pages[1].begin, layout.pages[1].size()) == "Sida två börjar.\n");
}

// Words of `text` from x = `x` on the baseline y, as line_at() writes them.
std::vector<PdfWord> words_from(double x, double y, const std::string& text) {
  std::vector<PdfWord> words = line_at(y, text);
  for (PdfWord& w : words) w.x0 += x - 50, w.x1 += x - 50;
  return words;
}

TEST_CASE("a page in two columns of prose is read left column first, below a full-width title") {
  std::vector<std::vector<PdfWord>> lines{line_at(80, "Rubrik som går över hela sidans bredd och båda spalterna ovanför")};
  std::string left, right;
  for (int i = 1; i <= 10; ++i) {  // 11 rows: enough to look for columns
    double y = 80 + 13 * i;
    std::string n = std::to_string(i);
    lines.push_back(words_from(50, y, "vänster spalt rad " + n + " med flera ord i brödtext"));
    lines.push_back(words_from(320, y, "höger spalt rad " + n + " med flera ord i brödtext"));
    left += "vänster spalt rad " + n + " med flera ord i brödtext\n";
    right += "höger spalt rad " + n + " med flera ord i brödtext\n";
  }
  PdfLayout layout = lay_out({page_of(lines)});
  CHECK(layout.text == "Rubrik som går över hela sidans bredd och båda spalterna ovanför\n" + left + right);
}

// Found with pdf_fuzz (seed tests/fuzz/seeds/pdf/huge_media_box.pdf): the gutter search stepped one point at a time
// over the page's middle, so a MediaBox of [0 0 1e20 842] never ended.
TEST_CASE("a page wider than PDF's largest page (a MediaBox of 1e20) is read row by row and does not hang") {
  std::vector<std::vector<PdfWord>> lines;
  std::string rows;
  for (int i = 1; i <= 12; ++i) {  // two columns of prose, as the test above
    double y = 80 + 13 * i;
    std::string n = std::to_string(i);
    lines.push_back(words_from(50, y, "vänster spalt rad " + n + " med flera ord i brödtext"));
    lines.push_back(words_from(320, y, "höger spalt rad " + n + " med flera ord i brödtext"));
    rows += "vänster spalt rad " + n + " med flera ord i brödtext höger spalt rad " + n + " med flera ord i brödtext\n";
  }
  for (double width : {1e20, 14401.0, std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN()}) {
    PdfPage page = page_of(lines);
    page.width = width;
    CHECK(lay_out({page}).text == rows);
  }
}

TEST_CASE("a table of labels and numbers is read row by row, not as two columns") {
  std::vector<std::vector<PdfWord>> lines;
  const char* labels[] = {"Fast vårdkontakt, ange antal:", "Fast läkarkontakt:", "Mobila team:",
                          "SIP, antal upprättade:", "Trygg hemgång:", "Annat:"};
  for (int round = 0; round < 2; ++round) {  // 12 rows: enough to look for columns
    for (int i = 0; i < 6; ++i) {
      double y = 100 + 13 * (i + 6 * round);
      lines.push_back(words_from(50, y, labels[i]));
      lines.push_back(words_from(320, y, std::to_string(10 + i)));
    }
  }
  PdfLayout layout = lay_out({page_of(lines)});
  CHECK(layout.text.rfind("Fast vårdkontakt, ange antal: 10\nFast läkarkontakt: 11\nMobila team: 12\n", 0) == 0);
}

// The spans of `layout.table_rows` as (text, level).
std::vector<std::pair<std::string, int>> cells_of(const PdfLayout& layout) {
  std::vector<std::pair<std::string, int>> out;
  for (const TextHeading& h : layout.table_rows) out.emplace_back(layout.text.substr(h.span.begin, h.span.size()), h.level);
  return out;
}

TEST_CASE("a question | answer table under a Fråga | Svar header is read row by row, each question's cell before its answer's") {
  std::vector<std::vector<PdfWord>> lines{words_from(50, 100, "Fråga"), words_from(320, 100, "Svar")};
  lines.push_back(words_from(50, 113, "1. Beskriv arbetet med"));
  lines.push_back(words_from(320, 113, "Vi har mobila team i"));
  lines.push_back(words_from(50, 126, "mobila team."));
  lines.push_back(words_from(320, 126, "tre kommuner och fler"));
  lines.push_back(words_from(320, 139, "planeras."));
  lines.push_back(words_from(50, 152, "2. Antal SIP, ange antal:"));
  lines.push_back(words_from(320, 152, "1 240"));
  PdfLayout layout = lay_out({page_of(lines)});
  CHECK(layout.text ==
        "Fråga Svar\n1. Beskriv arbetet med mobila team.\nVi har mobila team i tre kommuner och fler planeras.\n"
        "2. Antal SIP, ange antal:\n1 240\n");
  CHECK(cells_of(layout) == std::vector<std::pair<std::string, int>>{
                                {"Fråga Svar", kTableQuestion},
                                {"1. Beskriv arbetet med mobila team.", kTableQuestion},
                                {"Vi har mobila team i tre kommuner och fler planeras.", kNotAHeading},
                                {"2. Antal SIP, ange antal:", kTableQuestion},
                                {"1 240", kNotAHeading}});
}

TEST_CASE("numbered questions with their answers beside them are a question table without a header row") {
  std::vector<std::vector<PdfWord>> lines;
  double y = 100;
  for (int q = 1; q <= 4; ++q, y += 26) {
    lines.push_back(words_from(50, y, std::to_string(q) + ". Beskriv insats nummer " + std::to_string(q)));
    lines.push_back(words_from(320, y, "Svar om insats " + std::to_string(q) + " som"));
    lines.push_back(words_from(320, y + 13, "fortsätter här."));
  }
  PdfLayout layout = lay_out({page_of(lines)});
  CHECK(layout.text.rfind("1. Beskriv insats nummer 1\nSvar om insats 1 som fortsätter här.\n2. Beskriv", 0) == 0);
  REQUIRE(layout.table_rows.size() == 8);
  CHECK(layout.table_rows[0].level == kTableQuestion);
}

TEST_CASE("a question table numbered Fråga N: whose first row stands at the top of its page keeps every question") {
  std::vector<std::vector<PdfWord>> lines;
  double y = 72;  // in the page's top band
  for (int q = 1; q <= 4; ++q, y += 30) {
    lines.push_back(words_from(50, y, "Fråga " + std::to_string(q) + ": Beskriv insats " + std::to_string(q)));
    lines.push_back(words_from(320, y, "Svar " + std::to_string(q) + "."));
  }
  PdfLayout layout = lay_out({page_of(lines)});
  REQUIRE(layout.table_rows.size() == 8);
  CHECK(layout.text.rfind("Fråga 1: Beskriv insats 1\nSvar 1.\nFråga 2:", 0) == 0);
}

TEST_CASE("a question table's next page goes on with the answer it broke off and keeps its questions, K3. too") {
  std::vector<std::vector<PdfWord>> lines{words_from(320, 100, "slutet av svaret"),
                                          words_from(320, 113, "från förra sidan.")};
  lines.push_back(words_from(50, 139, "K3. Beskriv SIP."));
  lines.push_back(words_from(320, 139, "Gemensamt nätverk."));
  lines.push_back(words_from(50, 165, "K4. Övrigt"));
  lines.push_back(words_from(320, 165, "Inga fler."));
  PdfLayout layout = lay_out({page_of(lines)});
  CHECK(layout.text == "slutet av svaret från förra sidan.\nK3. Beskriv SIP.\nGemensamt nätverk.\nK4. Övrigt\nInga fler.\n");
  CHECK(cells_of(layout) == std::vector<std::pair<std::string, int>>{
                                {"slutet av svaret från förra sidan.", kNotAHeading},
                                {"K3. Beskriv SIP.", kTableQuestion},
                                {"Gemensamt nätverk.", kNotAHeading},
                                {"K4. Övrigt", kTableQuestion},
                                {"Inga fler.", kNotAHeading}});
}

TEST_CASE("two columns of prose with a short numbered list on the left are no question table") {
  std::vector<std::vector<PdfWord>> lines;
  for (int i = 1; i <= 12; ++i) {
    const double y = 80 + 13 * i;
    const std::string n = std::to_string(i);
    lines.push_back(words_from(50, y, (i <= 3 ? n + ". punkt i en lista med flera ord" : "vänster spalt rad " + n + " med flera ord i brödtext")));
    lines.push_back(words_from(320, y, "höger spalt rad " + n + " med flera ord i brödtext"));
  }
  PdfLayout layout = lay_out({page_of(lines)});
  CHECK(layout.table_rows.empty());
  CHECK(layout.text.rfind("1. punkt i en lista med flera ord\n2. punkt", 0) == 0);  // the left column first
}

TEST_CASE("rows of a two-column table are body text, never headings, and a table of contents is none") {
  // Bold rows, a cell of figures at x = 300: "Antal SIP | 310".
  std::vector<std::vector<PdfWord>> lines{line_at(100, "Luleå har infört mobila team under året i hela kommunen.")};
  const char* rows[][2] = {{"Nyckeltal 2023", "Antal"}, {"Antal SIP", "310"}, {"Antal hembesök", "1840"}};
  double y = 126;
  for (const auto& row : rows) {
    std::vector<PdfWord> words = line_at(y, row[0], 10, true);
    for (PdfWord w : words_from(300, y, row[1])) words.push_back(w);
    lines.push_back(words);
    y += 13;
  }
  PdfLayout table = lay_out({page_of(lines)});
  CHECK(table.headings == 0);
  REQUIRE(cells_of(table).size() == 3);
  CHECK(cells_of(table)[1] == std::pair<std::string, int>{"Antal SIP 310", kNotAHeading});

  // The same rows with page numbers: 1 and 2 of a two-page document.
  std::vector<std::vector<PdfWord>> contents{line_at(100, "Innehåll", 14)};
  const char* entries[][2] = {{"Inledning", "1"}, {"Mobila team", "1"}, {"Uppföljning", "2"}};
  y = 126;
  for (const auto& entry : entries) {
    std::vector<PdfWord> words = line_at(y, entry[0]);
    for (PdfWord w : words_from(300, y, entry[1])) words.push_back(w);
    contents.push_back(words);
    y += 13;
  }
  PdfLayout toc = lay_out({page_of(contents), page_of({line_at(100, "Andra sidan.")})});
  CHECK(cells_of(toc).empty());
}

TEST_CASE("a justified line in a narrow column, every gap wide but none table-wide, is prose, not a table row") {
  // Words 30 pt apart (3 × the size): justified; 90 pt apart (9 ×): a table's cells.
  const auto spread = [](double y, const std::vector<std::string>& words, double gap) {
    std::vector<PdfWord> out;
    double x = 50;
    for (const std::string& w : words) {
      const double width = 5.0 * static_cast<double>(w.size());
      out.push_back({w, x, y - 9, x + width, y, 10, false, false});
      x += width + gap;
    }
    return out;
  };
  PdfLayout prose = lay_out({page_of({spread(100, {"utbildat", "60", "undersköterskor", "till"}, 30)})});
  CHECK(prose.table_rows.empty());
  PdfLayout table = lay_out({page_of({spread(100, {"Insats", "2022", "2023"}, 90)})});
  CHECK(table.table_rows.size() == 1);
}

TEST_CASE("a word the PDF puts right after another without a space is joined to it") {
  std::vector<PdfWord> words = line_at(100, "staten och SKR");
  PdfWord stop{".", words.back().x1, 91, words.back().x1 + 2.5, 100, 10, false, false};
  words.back().space_after = false;
  words.push_back(stop);
  CHECK(lay_out({page_of({words})}).text == "staten och SKR.\n");
}

TEST_CASE("a superscript footnote marker after a word is left out and counted") {
  std::vector<PdfWord> words = line_at(100, "mellan staten och SKR.");
  const PdfWord& last = words.back();
  words.push_back({"1", last.x1, 90.5, last.x1 + 3.3, 95.5, 6, false, false});
  std::vector<PdfWord> more = line_at(100, "Detta gäller.");
  for (PdfWord& w : more) w.x0 += 150, w.x1 += 150;
  words.insert(words.end(), more.begin(), more.end());
  PdfLayout layout = lay_out({page_of({words})});
  CHECK(layout.text == "mellan staten och SKR. Detta gäller.\n");
  CHECK(layout.superscript_markers == 1);
}

TEST_CASE("a superscript marker touching its word is left out even where the PDF puts a space before it") {
  // LibreOffice's footnote references: "kommuner." with a space after it,
  // then the raised "1" 0.4 pt to its right.
  std::vector<PdfWord> words = line_at(100, "med länets 16 kommuner.");
  words.back().space_after = true;
  const PdfWord& last = words.back();
  words.push_back({"1", last.x1 + 0.4, 90.5, last.x1 + 3.7, 95.5, 6, false, false});
  PdfLayout layout = lay_out({page_of({words})});
  CHECK(layout.text == "med länets 16 kommuner.\n");
  CHECK(layout.superscript_markers == 1);
}

TEST_CASE("a raised small number after a visible gap is text, not a marker") {
  std::vector<PdfWord> words = line_at(100, "Antal team");
  const PdfWord& last = words.back();
  words.push_back({"3", last.x1 + 3, 90.5, last.x1 + 6.3, 95.5, 6, false, false});
  PdfLayout layout = lay_out({page_of({words})});
  CHECK(layout.text == "Antal team 3\n");
  CHECK(layout.superscript_markers == 0);
}

TEST_CASE("a line whose words stand apart as a table's cells is listed as a table row, prose is not") {
  auto row = [](double y, std::vector<std::string> cells) {
    std::vector<PdfWord> words;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      std::vector<PdfWord> cell = line_at(y, cells[c]);
      for (PdfWord& w : cell) w.x0 += 130.0 * static_cast<double>(c), w.x1 += 130.0 * static_cast<double>(c);
      words.insert(words.end(), cell.begin(), cell.end());
    }
    return words;
  };
  PdfLayout layout = lay_out({page_of({line_at(80, "Inledande text om arbetet med mobila team i Växjö."),
                                       row(120, {"Kommun", "Mobila team", "Trygg hemgång", "Kommentar"}),
                                       row(138, {"Krokom", "Nej", "Ja", "Mobilt team planeras 2024"})})});
  REQUIRE(layout.table_rows.size() == 2);
  CHECK(layout.text.substr(layout.table_rows[1].span.begin, layout.table_rows[1].span.size()) ==
        "Krokom Nej Ja Mobilt team planeras 2024");
  CHECK(layout.table_rows[1].level == kNotAHeading);
}

TEST_CASE("a small number on the baseline is text, not a marker") {
  std::vector<PdfWord> words = line_at(100, "Antal:");
  words.push_back({"3", words.back().x1 + 2.5, 94.6, words.back().x1 + 5.8, 100, 6, false, false});
  PdfLayout layout = lay_out({page_of({words})});
  CHECK(layout.text == "Antal: 3\n");
  CHECK(layout.superscript_markers == 0);
}

TEST_CASE("a running header and a page number footer on every page are left out") {
  const char* body[] = {"Bakgrund och syfte.", "Resultat i korthet.", "Metod.", "Slutsatser."};
  std::vector<PdfPage> pages;
  for (int n = 1; n <= 4; ++n) {
    pages.push_back(page_of({line_at(38, "Inrapportering 2023 Region Halland", 8), line_at(100, body[n - 1]),
                             line_at(805, "Sida " + std::to_string(n) + " (4)", 9)}));
  }
  PdfLayout layout = lay_out(pages);
  CHECK(layout.text == "Bakgrund och syfte.\n\fResultat i korthet.\n\fMetod.\n\fSlutsatser.\n");
  CHECK(layout.furniture_lines == 8);
}

TEST_CASE("running headers are kept apart with their first page, each piece at a wide gap its own, page numbers not") {
  std::vector<PdfPage> pages;
  const char* body[] = {"Alfa.", "Beta.", "Gamma."};
  for (int n = 1; n <= 3; ++n) {
    std::vector<PdfWord> header = line_at(38, "Örebro kommun", 8);
    for (PdfWord w : line_at(38, "Uppföljning " + std::to_string(2020 + n), 8)) {
      w.x0 += 300;  // far to the right: a gap of many times the type size
      w.x1 += 300;
      header.push_back(w);
    }
    pages.push_back(page_of({header, line_at(100, body[n - 1]), line_at(805, "Sida " + std::to_string(n), 9)}));
  }
  PdfLayout layout = lay_out(pages);
  CHECK(layout.furniture_lines == 6);
  REQUIRE(layout.running.size() == 2);
  CHECK(layout.running[0].text == "Örebro kommun");
  CHECK(layout.running[0].location.page == 1u);
  CHECK(layout.running[1].text == "Uppföljning 2021");
}

TEST_CASE("a line at the same height on both pages of a two-page document is a running header") {
  std::vector<PdfPage> pages;
  for (const char* body : {"Första sidans text.", "Andra sidans text."})
    pages.push_back(page_of({line_at(38, "Svar till Socialstyrelsen", 8), line_at(100, body)}));
  PdfLayout layout = lay_out(pages);
  CHECK(layout.text == "Första sidans text.\n\fAndra sidans text.\n");
  REQUIRE(layout.running.size() == 1);
  CHECK(layout.running[0].text == "Svar till Socialstyrelsen");
}

TEST_CASE("a heading at the top of two pages of three is no running header") {
  std::vector<PdfPage> pages{page_of({line_at(60, "Fråga 1"), line_at(100, "Svar ett.")}),
                             page_of({line_at(60, "Fråga 2"), line_at(100, "Svar två.")}),
                             page_of({line_at(60, "Fråga 3"), line_at(100, "Svar tre.")})};
  pages[0].words.clear();
  for (PdfWord w : line_at(100, "Inledande text.")) pages[0].words.push_back(w);
  PdfLayout layout = lay_out(pages);
  CHECK(layout.furniture_lines == 0);
  CHECK(layout.text.find("Fråga 2") != std::string::npos);
  CHECK(layout.text.find("Fråga 3") != std::string::npos);
}

TEST_CASE("in a two-page document a footer numbering its page is furniture, a heading numbered per page is not") {
  std::vector<PdfPage> pages;
  for (int n = 1; n <= 2; ++n)
    pages.push_back(page_of({line_at(60, "Fråga " + std::to_string(n)), line_at(100, n == 1 ? "Svar ett." : "Svar två."),
                             line_at(805, "Utskrivet 2024-03-28 14:02 Sida " + std::to_string(n) + " av 2", 8)}));
  PdfLayout layout = lay_out(pages);
  CHECK(layout.text == "Fråga 1\n\nSvar ett.\n\fFråga 2\n\nSvar två.\n");
  CHECK(layout.furniture_lines == 2);
}

TEST_CASE("pages laid out by two builders and appended give what one builder gives") {
  std::vector<PdfPage> pages;
  for (int n = 1; n <= 4; ++n) {
    pages.push_back(page_of({line_at(38, "Inrapportering 2023 Region Halland", 8),
                             line_at(100, "Brödtext på sidan " + std::to_string(n) + "."),
                             line_at(805, "Sida " + std::to_string(n) + " (4)", 9)}));
  }
  pages[2].words.push_back({"1", 153, 88, 156, 94, 6, false, false});  // a marker right after "sidan 3."
  PdfLayout whole = lay_out(pages);
  PdfLayoutBuilder first, second;
  first.add_page(pages[0]);
  first.add_page(pages[1]);
  second.add_page(pages[2]);
  second.add_page(pages[3]);
  first.append(std::move(second));
  CHECK(first.page_count() == 4);
  PdfLayout joined = first.finish();
  CHECK(joined.text == whole.text);
  CHECK(joined.pages == whole.pages);
  CHECK(joined.furniture_lines == whole.furniture_lines);
  CHECK(joined.superscript_markers == whole.superscript_markers);
  CHECK(whole.superscript_markers == 1);
}

TEST_CASE("a line at the same place on only two pages of six stays") {
  const char* first[] = {"Bakgrund", "Bakgrund", "Syfte", "Metod", "Resultat", "Diskussion"};
  std::vector<PdfPage> pages;
  for (const char* line : first) pages.push_back(page_of({line_at(60, line), line_at(73, "Brödtext " + std::string(line) + ".")}));
  PdfLayout layout = lay_out(pages);
  CHECK(layout.text.rfind("Bakgrund\nBrödtext Bakgrund.\n\fBakgrund\nBrödtext Bakgrund.\n\fSyfte\n", 0) == 0);
  CHECK(layout.furniture_lines == 0);
}

TEST_CASE("page numbers are recognised in the forms Swedish and English prints use") {
  for (const char* line : {"3", "- 3 -", "Sida 3", "sida 3 av 9", "Sida 3 (9)", "3 (9)", "3/9", "Page 3 of 9",
                           " 12 "}) {
    INFO(line);
    CHECK(is_page_number_line(line));
  }
  for (const char* line : {"3 kommuner", "Sida", "2023-05-02", "Fråga 3", "3 (9", "12345"}) {
    INFO(line);
    CHECK_FALSE(is_page_number_line(line));
  }
}

TEST_CASE("small type at the page bottom starting with a number is a footnote and is left out") {
  PdfPage page = page_of({line_at(100, "Svaret fortsätter här, i brödtext på tio punkter."),
                          line_at(113, "Och slutar här, efter en andra rad brödtext."),
                          line_at(760, "1 SKR: Sveriges Kommuner och Regioner.", 8),
                          line_at(770, "fortsättning av fotnoten.", 8)});
  PdfLayout layout = lay_out({page});
  CHECK(layout.text == "Svaret fortsätter här, i brödtext på tio punkter.\nOch slutar här, efter en andra rad brödtext.\n");
  CHECK(layout.footnotes == 1);
  CHECK(layout.footnote_lines == 2);
}

TEST_CASE("small type at the page bottom without a leading number is kept") {
  PdfPage page = page_of({line_at(100, "Svaret."), line_at(760, "Källa: egen sammanställning.", 8)});
  CHECK(lay_out({page}).text == "Svaret.\n\nKälla: egen sammanställning.\n");
}

TEST_CASE("a heading in large type stands on its own line and a wrapped one is joined") {
  PdfPage page = page_of({line_at(100, "Del A: Utvecklingen av den nära", 13), line_at(115, "vården", 13),
                          line_at(140, "Brödtext som följer."), line_at(153, "Mer brödtext."),
                          line_at(166, "5. Finns det en plan?", 10, true)});
  PdfLayout layout = lay_out({page});
  CHECK(layout.text == "Del A: Utvecklingen av den nära vården\n\nBrödtext som följer.\nMer brödtext.\n5. Finns det en plan?\n");
  CHECK(layout.headings == 2);
  CHECK(layout.body_size == 10);
}

TEST_CASE("headings in large type are listed with levels by size, bold numbered lines in body type are not") {
  PdfPage page = page_of({line_at(100, "Årsrapport", 18), line_at(130, "Mobila team", 13), line_at(150, "Brödtext."),
                          line_at(170, "Trygg hemgång", 13), line_at(190, "Mer brödtext."),
                          line_at(210, "5. Finns det en plan?", 10, true)});
  PdfLayout layout = lay_out({page});
  std::vector<std::pair<std::string, int>> listed;
  for (const TextHeading& h : layout.large_headings)
    listed.emplace_back(layout.text.substr(h.span.begin, h.span.size()), h.level);
  CHECK(listed == std::vector<std::pair<std::string, int>>{{"Årsrapport", 1}, {"Mobila team", 2}, {"Trygg hemgång", 2}});
  CHECK(layout.headings == 4);
}

TEST_CASE("a wrapped large heading is listed once, over both its lines") {
  PdfPage page = page_of({line_at(100, "Del A: Utvecklingen av den nära", 13), line_at(115, "vården", 13),
                          line_at(140, "Brödtext som följer, i en rad som är längre än rubriken ovanför."),
                          line_at(153, "Och en andra rad brödtext.")});
  PdfLayout layout = lay_out({page});
  REQUIRE(layout.large_headings.size() == 1);
  const ByteSpan s = layout.large_headings[0].span;
  CHECK(layout.text.substr(s.begin, s.size()) == "Del A: Utvecklingen av den nära vården");
}

TEST_CASE("a numbered heading right under another in the same large type is a heading of its own") {
  PdfPage page = page_of({line_at(100, "2 Primärvårdens utveckling", 13), line_at(115, "2.1 Fast vårdkontakt", 13),
                          line_at(140, "Brödtext som följer, i en rad som är längre än rubrikerna ovanför."),
                          line_at(153, "Och en andra rad brödtext.")});
  PdfLayout layout = lay_out({page});
  CHECK(layout.text.rfind("2 Primärvårdens utveckling\n2.1 Fast vårdkontakt\n", 0) == 0);
  CHECK(layout.large_headings.size() == 2);
}

TEST_CASE("the Halland survey PDF gives one place per page, without furniture, footnotes or markers") {
  Diagnostics warnings;
  Result<PdfLayout> layout = read_pdf_layout("halland_survey.pdf", file_bytes(kFixtures + "/halland_survey.pdf"),
                                             64u << 20, warnings);
  REQUIRE(layout.ok());
  CHECK(warnings.empty());
  const PdfLayout& pdf = layout.value();
  CHECK(pdf.pages.size() == 34);
  CHECK(pdf.body_size == 10);
  // The running header and "Sida N (34)" on each of the 34 pages, and four of
  // the seed's own page number lines ("Sida 17") that fall in a page's top or
  // bottom band (normalize() drops the others, as it does in the seed).
  CHECK(pdf.furniture_lines == 72);
  CHECK(pdf.footnotes == 3);             // note 1 (its anchor is on pages 1 and 2) and note 2
  CHECK(pdf.superscript_markers == 3);
  CHECK(pdf.text.find("Sida 1 (34)") == std::string::npos);
  CHECK(pdf.text.find("Inrapportering till Socialstyrelsens uppföljning av god och nära vård 2023") ==
        std::string::npos);
  CHECK(pdf.text.find("medlemsorganisation") == std::string::npos);
  CHECK(pdf.text.find("giltigt från januari") == std::string::npos);
  CHECK(pdf.text.find("sluten mellan staten och SKR.\n") != std::string::npos);
  CHECK(pdf.text.find("i förfrågningsunderlaget sedan 2023. Detta har i praktiken") != std::string::npos);
  CHECK(pdf.text.find("\nDel A: Utvecklingen av den nära vården med primärvården som nav\n") != std::string::npos);
}

TEST_CASE("the Halland survey PDF's numbered questions count as headings by their bold font's name") {
  Diagnostics warnings;
  Result<PdfLayout> layout = read_pdf_layout("halland_survey.pdf", file_bytes(kFixtures + "/halland_survey.pdf"),
                                             64u << 20, warnings);
  REQUIRE(layout.ok());
  // tests/fixtures/make_pdf.py sets 38 heading lines in Helvetica-Bold
  // 12-13 pt (large type: headings by size) and the 99 numbered questions
  // ("5.", "7a.") in Helvetica-Bold 10 pt, the body size: headings only
  // because the reader finds "Bold" in their font's name.
  CHECK(layout.value().body_size == 10);
  CHECK(layout.value().headings == 38 + 99);
}

TEST_CASE("the PDF reader labels each page's place sida N with its page number") {
  Diagnostics warnings;
  Result<SourceText> text = read_pdf(kFixtures + "/halland_survey.pdf", warnings);
  REQUIRE(text.ok());
  const SourceText& t = text.value();
  REQUIRE(t.places.size() == 34);
  CHECK(t.offsets.identity());
  CHECK(t.places[2].label == "sida 3");
  CHECK(t.places[2].location.page == 3u);
  CHECK(t.places[0].span.begin == 0);
  const std::string first_line = "Information om nationell överenskommelse God och nära vård\n";
  CHECK(t.text.substr(t.places[0].span.begin, first_line.size()) == first_line);
  for (std::size_t i = 1; i < t.places.size(); ++i) {
    CHECK(t.places[i].span.begin == t.places[i - 1].span.end + 1);  // the "\f" between them
    CHECK(t.text[t.places[i].span.begin - 1] == '\f');
  }
  CHECK(t.places.back().span.end == t.text.size());
}

TEST_CASE("pages shown sideways or upside down (/Rotate 90, 180, 270) are read as if turned upright") {
  Diagnostics warnings;
  Result<SourceText> text = read_pdf(kFixtures + "/sideways.pdf", warnings);
  REQUIRE(text.ok());
  const std::string page = "Första raden på sidan.\nAndra raden.\nTredje raden.\n";
  CHECK(text.value().text == page + "\f" + page + "\f" + page);
  CHECK(warnings.empty());
}

TEST_CASE("a word written across the page's direction (a margin note) is left out and counted in a warning") {
  Diagnostics warnings;
  Result<SourceText> text = read_pdf(kFixtures + "/margin_note.pdf", warnings);
  REQUIRE(text.ok());
  CHECK(text.value().text == "Hemsjukvården har mobila team.\nAlla kommuner deltar.\n");
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].message ==
        "1 words written in another direction than the rest of their page (margin notes?) were left out");
}

TEST_CASE("a PDF with a user password is refused with what to do") {
  Diagnostics warnings;
  Result<SourceText> text = read_pdf(kFixtures + "/encrypted.pdf", warnings);
  REQUIRE_FALSE(text.ok());
  CHECK(text.error().file == kFixtures + "/encrypted.pdf");
  CHECK(text.error().message == "is protected by a password, so its text cannot be read");
  CHECK(text.error().hint.find("without one") != std::string::npos);
}

TEST_CASE("a PDF with only an owner password (copying not allowed) is read") {
  Diagnostics warnings;
  Result<SourceText> text = read_pdf(kFixtures + "/owner_password.pdf", warnings);
  REQUIRE(text.ok());
  CHECK(text.value().text == "Hemsjukvården har mobila team.\n");
}

TEST_CASE("a PDF without a text layer is refused as probably scanned") {
  Diagnostics warnings;
  Result<SourceText> text = read_pdf(kFixtures + "/no_text.pdf", warnings);
  REQUIRE_FALSE(text.ok());
  CHECK(text.error().message == "has no text layer (a scanned document?): none of its 2 pages has text to read");
  CHECK(text.error().hint.find("ocrmypdf") != std::string::npos);
}

TEST_CASE("a page without text in a PDF with text is named in a warning and the rest is read") {
  Diagnostics warnings;
  Result<SourceText> text = read_pdf(kFixtures + "/one_scanned_page.pdf", warnings);
  REQUIRE(text.ok());
  CHECK(text.value().text == "Hemsjukvården har mobila team.\n\f");
  REQUIRE(text.value().places.size() == 1);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].severity == Severity::Warning);
  CHECK(warnings[0].message == "pages without text (scanned images?) were not read: page 2");
}

TEST_CASE("a PDF whose page tree breaks at page 2 names the page") {
  Diagnostics warnings;
  std::string path = kFixtures + "/damaged_page.pdf";
  Result<SourceText> text = read_pdf(path, warnings);
  REQUIRE_FALSE(text.ok());
  CHECK(text.error().message == "cannot read page 2 of " + path +
                                    ": Kid object (page 2) is not an indirect reference (none)");
}

TEST_CASE("a PDF whose Pages object is broken cannot read page 1") {
  Diagnostics warnings;
  std::string path = kFixtures + "/damaged_tree.pdf";
  Result<SourceText> text = read_pdf(path, warnings);
  REQUIRE_FALSE(text.ok());
  CHECK(text.error().message.rfind("cannot read page 1 of " + path + ": ", 0) == 0);
}

TEST_CASE("a PDF cut short is refused as damaged") {
  Diagnostics warnings;
  std::string bytes = file_bytes(kFixtures + "/halland_survey.pdf").substr(0, 3000);
  Result<SourceText> text = PdfReader().read("cut.pdf", bytes, ReadOptions{}, warnings);
  REQUIRE_FALSE(text.ok());
  CHECK(text.error().message ==
        "cannot be read as a PDF (damaged or cut short): Couldn't find trailer dictionary; Couldn't read xref table");
}

TEST_CASE("a PDF whose text passes the text limit is refused naming the page") {
  Diagnostics warnings;
  ReadOptions options;
  options.max_bytes = 20000;
  Result<SourceText> text =
      PdfReader().read("big.pdf", file_bytes(kFixtures + "/halland_survey.pdf"), options, warnings);
  REQUIRE_FALSE(text.ok());
  CHECK(text.error().message.rfind("its text passes the limit of 19.5 KB (20000 bytes) at page ", 0) == 0);
}

TEST_CASE("a PDF of 5,001 pages is refused with the page limit before any page is read") {
  Diagnostics warnings;
  Result<SourceText> text = PdfReader().read("many.pdf", pdf_of_empty_pages(5001), ReadOptions{}, warnings);
  REQUIRE_FALSE(text.ok());
  CHECK(text.error().message == "has 5001 pages, more than the 5000 pages a PDF may have");
}

TEST_CASE("a PDF of empty pages written by hand has no text layer") {
  Diagnostics warnings;
  Result<SourceText> text = PdfReader().read("empty.pdf", pdf_of_empty_pages(3), ReadOptions{}, warnings);
  REQUIRE_FALSE(text.ok());
  CHECK(text.error().message == "has no text layer (a scanned document?): none of its 3 pages has text to read");
}

TEST_CASE("the Halland survey read in 4 page ranges on 4 threads gives what reading page by page gives") {
  const std::string bytes = file_bytes(kFixtures + "/halland_survey.pdf");
  Diagnostics w1, w4, w34;
  Result<PdfLayout> one = read_pdf_layout("halland_survey.pdf", bytes, 64u << 20, w1, 1);
  Result<PdfLayout> four = read_pdf_layout("halland_survey.pdf", bytes, 64u << 20, w4, 4);
  Result<PdfLayout> each = read_pdf_layout("halland_survey.pdf", bytes, 64u << 20, w34, 34);  // a page per thread
  REQUIRE(one.ok());
  REQUIRE(four.ok());
  REQUIRE(each.ok());
  for (const PdfLayout* pdf : {&four.value(), &each.value()}) {
    CHECK(pdf->text == one.value().text);
    CHECK(pdf->pages == one.value().pages);
    CHECK(pdf->body_size == one.value().body_size);
    CHECK(pdf->furniture_lines == one.value().furniture_lines);
    CHECK(pdf->footnotes == one.value().footnotes);
    CHECK(pdf->footnote_lines == one.value().footnote_lines);
    CHECK(pdf->superscript_markers == one.value().superscript_markers);
    CHECK(pdf->headings == one.value().headings);
  }
  CHECK(one.value().pages.size() == 34);
  CHECK(one.value().superscript_markers == 3);
  CHECK(w1.empty());
  CHECK(w4.empty());
  CHECK(w34.empty());
}

TEST_CASE("a damaged page 2 that starts the second of two page ranges is reported as page 2") {
  // damaged_page.pdf has 3 pages: the ranges are page 1 and pages 2-3; pages
  // 2 and 3 both fail, and page 2 is named as reading page by page names it.
  const std::string path = kFixtures + "/damaged_page.pdf";
  const std::string bytes = file_bytes(path);
  Diagnostics w1, w2, w3;
  Result<PdfLayout> one = read_pdf_layout(path, bytes, 64u << 20, w1, 1);
  Result<PdfLayout> two = read_pdf_layout(path, bytes, 64u << 20, w2, 2);
  Result<PdfLayout> three = read_pdf_layout(path, bytes, 64u << 20, w3, 3);
  REQUIRE_FALSE(one.ok());
  REQUIRE_FALSE(two.ok());
  REQUIRE_FALSE(three.ok());
  CHECK(one.error().message == "cannot read page 2 of " + path +
                                   ": Kid object (page 2) is not an indirect reference (none)");
  CHECK(two.error().message == one.error().message);
  CHECK(three.error().message == one.error().message);
}

TEST_CASE("the text limit passed in a later page range names the page reading page by page names") {
  const std::string bytes = file_bytes(kFixtures + "/halland_survey.pdf");
  Diagnostics w1, w5;
  Result<PdfLayout> one = read_pdf_layout("big.pdf", bytes, 20000, w1, 1);
  Result<PdfLayout> five = read_pdf_layout("big.pdf", bytes, 20000, w5, 5);  // pages 1-6, 7-13, 14-20, ...
  REQUIRE_FALSE(one.ok());
  REQUIRE_FALSE(five.ok());
  CHECK(one.error().message == "its text passes the limit of 19.5 KB (20000 bytes) at page 8");
  CHECK(five.error().message == one.error().message);
}

TEST_CASE("a page without text in the second page range is warned about as page 2") {
  Diagnostics w1, w2;
  const std::string bytes = file_bytes(kFixtures + "/one_scanned_page.pdf");
  Result<PdfLayout> one = read_pdf_layout("scan.pdf", bytes, 64u << 20, w1, 1);
  Result<PdfLayout> two = read_pdf_layout("scan.pdf", bytes, 64u << 20, w2, 2);
  REQUIRE(one.ok());
  REQUIRE(two.ok());
  CHECK(two.value().text == one.value().text);
  REQUIRE(w2.size() == 1);
  CHECK(w2[0].message == "pages without text (scanned images?) were not read: page 2");
  REQUIRE(w1.size() == 1);
  CHECK(w1[0].message == w2[0].message);
}

TEST_CASE("a PDF of 100 empty pages read on as many threads as the machine gives has no text layer") {
  Diagnostics warnings;
  Result<PdfLayout> layout = read_pdf_layout("empty.pdf", pdf_of_empty_pages(100), 64u << 20, warnings);
  REQUIRE_FALSE(layout.ok());
  CHECK(layout.error().message == "has no text layer (a scanned document?): none of its 100 pages has text to read");
}

TEST_CASE("a text file named .pdf is refused by reader_for before any PDF parsing") {
  Result<const Reader*> reader = reader_for("notes.pdf", "Hemsjukvården har mobila team.\n", ReadOptions{});
  REQUIRE_FALSE(reader.ok());
  CHECK(reader.error().file == "notes.pdf");
}

TEST_CASE("reader_for gives the PDF reader for a PDF") {
  std::string bytes = file_bytes(kFixtures + "/encrypted.pdf");
  Result<const Reader*> reader = reader_for("x.pdf", bytes, ReadOptions{});
  REQUIRE(reader.ok());
  CHECK(reader.value()->name() == "pdf");
}

TEST_CASE("two PDFs read on two threads at once give what each gives alone") {
  Diagnostics w1, w2;
  Result<SourceText> alone = read_pdf(kFixtures + "/halland_survey.pdf", w1);
  REQUIRE(alone.ok());
  std::vector<std::string> texts(4);
  std::vector<std::string> errors(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      for (int round = 0; round < 3; ++round) {
        Diagnostics w;
        std::string name = i % 2 ? "/damaged_page.pdf" : "/halland_survey.pdf";
        Result<SourceText> t = read_pdf(kFixtures + name, w);
        if (t.ok()) texts[i] = t.value().text;
        else errors[i] = t.error().message;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  CHECK(texts[0] == alone.value().text);
  CHECK(texts[2] == alone.value().text);
  CHECK(errors[1].find(": Kid object (page 2) is not an indirect reference (none)") != std::string::npos);
  CHECK(errors[3] == errors[1]);
}

// The equivalence the issue asks for: the Halland survey as text (the seed)
// and as PDF (the seed's lines on A4 pages with a running header, page
// numbers and two footnotes) give the same answers and theme mentions.
TEST_CASE("the Halland survey as PDF gives the answers and theme mentions of the same survey as text") {
  LexiconLoad lexicons = load_lexicons({ANALYZER_LEXICONS});
  REQUIRE(lexicons.ok());
  Result<LexiconMatcher> matcher = LexiconMatcher::build(lexicons.lexicons);
  REQUIRE(matcher.ok());
  ThemeTagger tagger(matcher.value());
  AnalysisContext context;
  context.tagger = &tagger;

  Diagnostics warnings;
  Result<SourceFile> text = read_source(std::string(ANALYZER_CORPORA) + "/002_93ee68d2c458f8dc.txt", ReadOptions{},
                                        warnings);
  Result<SourceFile> pdf = read_source(kFixtures + "/halland_survey.pdf", ReadOptions{}, warnings);
  REQUIRE(text.ok());
  REQUIRE(pdf.ok());
  CHECK(pdf.value().format == "pdf");
  IndexedFile from_text = analyze_source(text.value(), context, warnings);
  IndexedFile from_pdf = analyze_source(pdf.value(), context, warnings);

  REQUIRE(from_text.answers.size() == from_pdf.answers.size());
  CHECK(from_pdf.answers.size() > 50);
  std::size_t mentions = 0;
  for (std::size_t i = 0; i < from_text.answers.size(); ++i) {
    const AnswerRecord& t = from_text.answers[i];
    const AnswerRecord& p = from_pdf.answers[i];
    INFO("answer " << i << " question " << t.question);
    CHECK(p.question == t.question);
    CHECK(p.respondent.name == t.respondent.name);
    CHECK(p.respondent.type == t.respondent.type);
    CHECK(p.respondent.region == t.respondent.region);
    CHECK(p.respondent.year == t.respondent.year);
    CHECK(squeeze_space(p.text) == squeeze_space(t.text));
    REQUIRE(p.mentions.size() == t.mentions.size());
    for (std::size_t m = 0; m < t.mentions.size(); ++m) {
      CHECK(p.mentions[m].theme == t.mentions[m].theme);
      CHECK(squeeze_space(p.mentions[m].text) == squeeze_space(t.mentions[m].text));
      // The PDF's offsets are into its extracted text.
      CHECK(pdf.value().bytes.substr(p.mentions[m].span.begin, p.mentions[m].span.size()) == p.mentions[m].text);
    }
    mentions += t.mentions.size();
  }
  CHECK(mentions > 10);
  CHECK(from_pdf.numbers.size() == from_text.numbers.size());
}
