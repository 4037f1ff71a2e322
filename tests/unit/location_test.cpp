// Where records stand in their source (ingest/location_finder.hpp): line
// numbers of plain text with every kind of line end, places of a file whose
// reader found its structure (gaps between them, the first and last
// offset), and analyze_source giving answers, mentions and numbers their
// locations on both paths: segmented text and a reader's given segments.

#include <catch2/catch.hpp>

#include "analyzer/ingest/ingest.hpp"
#include "analyzer/ingest/location_finder.hpp"
#include "tests/support/shipped_lexicons.hpp"

using namespace analyzer;

namespace {

SourceFile text_file(const std::string& bytes) {
  SourceFile f;
  f.path = f.name = "svar.txt";
  f.bytes = bytes;
  f.sha256 = sha256_hex(bytes);
  return f;
}

RecordLocation line(std::size_t n) {
  RecordLocation l;
  l.line = n;
  return l;
}
RecordLocation page(std::size_t n) {
  RecordLocation l;
  l.page = n;
  return l;
}
RecordLocation cell(const std::string& sheet, std::size_t row, const std::string& column) {
  RecordLocation l;
  l.sheet = sheet;
  l.row = row;
  l.column = column;
  return l;
}

TextPlace place(std::size_t begin, std::size_t end, RecordLocation location) {
  return {"", {begin, end}, std::move(location)};
}

// The line of each offset of `bytes`, as "offset:line" joined by spaces.
std::string lines_of(const std::string& bytes) {
  const LocationFinder where(text_file(bytes));
  std::string out;
  for (std::size_t i = 0; i <= bytes.size(); ++i)
    out += (i ? " " : "") + std::to_string(i) + ":" + std::to_string(where.at(i).line.value_or(0));
  return out;
}

// `f` analysed as ingest does, every answer tagged with the shipped lexicons.
IndexedFile analysed(const SourceFile& f) {
  ThemeTagger tagger(test::shipped_matcher());
  AnalysisContext context;
  context.tagger = &tagger;
  Diagnostics warnings;
  return analyze_source(f, context, warnings);
}

// The mention of `theme` in `a`; fails the test when there is none.
const Mention& mention_of(const AnswerRecord& a, const std::string& theme) {
  for (const Mention& m : a.mentions)
    if (m.theme == theme) return m;
  FAIL("no mention of " << theme << " in answer \"" << a.text << "\"");
  throw;  // not reached
}

// A survey whose one answer runs over three lines and mentions trygg
// hemgång on its first line and mobila team on its third, with `eol` as
// every line end.
std::string survey(const std::string& eol) {
  return "Enkät till regionala samverkans- och stödstrukturer" + eol +
         "Denna redovisning avser Hallands län" + eol +
         "Överenskommelsen om God och nära vård 2023 gäller." + eol +
         "1. Beskriv arbetet med trygg hemgång." + eol +
         "Beskriv med max 1000 tecken." + eol +
         "Alla kommuner har trygg hemgång sedan 2021." + eol +   // line 6
         "" + eol +                                              // line 7
         "Dessutom finns mobila team i två kommuner." + eol;     // line 8
}

}  // namespace

TEST_CASE("a line ends at LF, at CRLF (once) and at a lone CR, and an offset on a line end is on the line it ends") {
  CHECK(lines_of("a\nb") == "0:1 1:1 2:2 3:2");
  CHECK(lines_of("a\r\nb") == "0:1 1:1 2:1 3:2 4:2");
  CHECK(lines_of("a\rb") == "0:1 1:1 2:2 3:2");
  CHECK(lines_of("a\r\rb\n\r\nc") == "0:1 1:1 2:2 3:3 4:3 5:4 6:4 7:5 8:5");
  // A form feed is no line end; a lone CR before a form feed is.
  CHECK(lines_of("a\fb\r\fc") == "0:1 1:1 2:1 3:1 4:2 5:2 6:2");
}

TEST_CASE("the first offset of a text is on line 1 and an offset at or past its end is on its last line") {
  const LocationFinder where(text_file("eins\nzwei\ndrei\n"));
  CHECK(where.at(0) == line(1));
  CHECK(where.at(14) == line(3));   // the last "\n"
  CHECK(where.at(15) == line(4));   // the end: after the last line end, an empty last line
  CHECK(where.at(1000) == line(4));
  CHECK(LocationFinder(text_file("")).at(0) == line(1));
  CHECK(LocationFinder(text_file("utan radslut")).at(11) == line(1));
}

TEST_CASE("with places an offset takes the place that holds it, an offset in a gap the next place") {
  SourceFile f = text_file("sida ett\n\fsida två\n\fsida tre");
  f.format = "pdf";
  //                      [0,8) "sida ett"   [10,19) "sida två"   [21,29) "sida tre"
  f.places = {place(0, 8, page(1)), place(10, 19, page(2)), place(21, 29, page(3))};
  const LocationFinder where(f);
  CHECK(where.at(0) == page(1));    // the first offset
  CHECK(where.at(7) == page(1));    // the last byte of page 1
  CHECK(where.at(8) == page(2));    // the gap "\n\f": the next place
  CHECK(where.at(9) == page(2));
  CHECK(where.at(10) == page(2));
  CHECK(where.at(20) == page(3));
  CHECK(where.at(28) == page(3));   // the last byte of the text
  CHECK(where.at(29) == page(3));   // the end, and past it: the last place
  CHECK(where.at(500) == page(3));
}

TEST_CASE("an offset before the first place takes the first place, and places with empty spans are never chosen") {
  SourceFile f = text_file("  \n\nBlad1 B2\tBlad1 D2");
  f.format = "xlsx";
  f.places = {place(4, 4, cell("Blad1", 1, "A")), place(4, 12, cell("Blad1", 2, "B")),
              place(12, 12, cell("Blad1", 2, "C")), place(13, 21, cell("Blad1", 2, "D"))};
  const LocationFinder where(f);
  CHECK(where.at(0) == cell("Blad1", 2, "B"));
  CHECK(where.at(4) == cell("Blad1", 2, "B"));
  CHECK(where.at(12) == cell("Blad1", 2, "D"));  // the gap after the empty place C2
}

TEST_CASE("places given out of text order are found as if they were in order") {
  SourceFile f = text_file("abcdefghij");
  f.places = {place(6, 10, page(3)), place(0, 3, page(1)), place(3, 6, page(2))};
  const LocationFinder where(f);
  CHECK(where.at(0) == page(1));
  CHECK(where.at(4) == page(2));
  CHECK(where.at(9) == page(3));
}

TEST_CASE("a file whose places all have empty spans gives empty locations, not line numbers") {
  SourceFile f = text_file("a\nb\n");
  f.places = {place(1, 1, page(1))};
  CHECK(LocationFinder(f).at(2).empty());
}

TEST_CASE("a text file's answer is on the line where it starts and each mention on its own line, with LF, CRLF or CR") {
  const std::string eol = GENERATE(as<std::string>{}, "\n", "\r\n", "\r");
  CAPTURE(eol.size(), eol[0]);
  IndexedFile out = analysed(text_file(survey(eol)));
  REQUIRE(out.answers.size() == 1);
  const AnswerRecord& a = out.answers[0];
  CHECK(a.text.substr(0, 13) == "Alla kommuner");
  CHECK(a.location == line(6));
  CHECK(mention_of(a, "trygg_hemgang").location == line(6));
  CHECK(mention_of(a, "mobila_team").location == line(8));
}

TEST_CASE("a numeric item is on the line where it starts") {
  const std::string text =
      "Enkät till regionala samverkans- och stödstrukturer\n"
      "Denna redovisning avser Hallands län\n"
      "Överenskommelsen om God och nära vård 2023 gäller.\n"
      "1. Ange hur många kommuner som initierat nedanstående områden.\n"
      "Om svaret är noll, skriv 0.\n"
      "Fast vårdkontakt, ange antal: 65\n"
      "Barn och unga: 1\n";
  Diagnostics warnings;
  IndexedFile out = analyze_source(text_file(text), AnalysisContext{}, warnings);
  REQUIRE(out.numbers.size() == 2);
  CHECK(out.numbers[0].value_text == "65");
  CHECK(out.numbers[0].location == line(6));
  CHECK(out.numbers[1].location == line(7));
}

TEST_CASE("a UTF-16 file's records count lines in its text, while their spans stay file bytes") {
  std::string utf16le = "\xFF\xFE";
  for (char c : survey("\r\n")) {
    // survey() is UTF-8; only ASCII and the Latin-1 letters å ä ö Ö occur.
    const unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x80) {
      utf16le += c;
      utf16le += '\0';
    } else if (u == 0xC3) {
      continue;  // the lead byte of å ä ö Ö: the next byte gives the letter
    } else {
      utf16le += static_cast<char>(u + 0x40);
      utf16le += '\0';
    }
  }
  SourceFile f = text_file(survey("\r\n"));
  f.encoding = TextEncoding::Utf16LE;
  // Text offset → file offset: 2 + twice the characters before it. A
  // checkpoint at every character start is the simplest exact map.
  f.offsets = FileOffsets(TextEncoding::Utf16LE);
  std::size_t chars = 0;
  for (std::size_t i = 0; i <= f.bytes.size(); ++i) {
    if (i == f.bytes.size() || (static_cast<unsigned char>(f.bytes[i]) & 0xC0) != 0x80) {
      f.offsets.add_checkpoint(i, 2 + 2 * chars);
      ++chars;
    }
  }
  IndexedFile out = analysed(f);
  REQUIRE(out.answers.size() == 1);
  const AnswerRecord& a = out.answers[0];
  CHECK(a.location == line(6));
  CHECK(mention_of(a, "mobila_team").location == line(8));
  // The span is in the UTF-16 file: its first character is "A" of "Alla".
  CHECK(utf16le.substr(a.span.begin, 4) == std::string("A\0l\0", 4));
}

TEST_CASE("a file with places gives an answer the page it starts on and each mention its own page") {
  // A PDF's text as its reader would give it: two pages, "\n\f" between.
  const std::string page1 =
      "Enkät till regionala samverkans- och stödstrukturer\n"
      "Denna redovisning avser Hallands län\n"
      "Överenskommelsen om God och nära vård 2023 gäller.\n"
      "1. Beskriv arbetet med trygg hemgång.\n"
      "Beskriv med max 1000 tecken.\n"
      "Alla kommuner har trygg hemgång sedan 2021.";
  const std::string page2 = "Dessutom finns mobila team i två kommuner.";
  SourceFile f = text_file(page1 + "\n\f" + page2 + "\n");
  f.format = "pdf";
  f.places = {place(0, page1.size(), page(1)), place(page1.size() + 2, page1.size() + 2 + page2.size(), page(2))};
  IndexedFile out = analysed(f);
  REQUIRE(out.answers.size() == 1);
  const AnswerRecord& a = out.answers[0];
  CHECK(a.text.find("mobila team") != std::string::npos);  // the answer runs onto page 2
  CHECK(a.location == page(1));
  CHECK(mention_of(a, "trygg_hemgang").location == page(1));
  CHECK(mention_of(a, "mobila_team").location == page(2));
}

TEST_CASE("a spreadsheet's given answers and numbers cite their cells, and mentions the cell they are in") {
  // Row 2 of Blad1: B2 an answer, C2 a number ("\t" between cells).
  const std::string b2 = "Vi har mobila team i hela länet.";
  SourceFile f = text_file(b2 + "\t12");
  f.format = "xlsx";
  const ByteSpan b2_span{0, b2.size()}, c2_span{b2.size() + 1, b2.size() + 3};
  f.places = {place(b2_span.begin, b2_span.end, cell("Blad1", 2, "B")),
              place(c2_span.begin, c2_span.end, cell("Blad1", 2, "C"))};
  GivenSegments given;
  given.parts.push_back({Respondent{2023, "Halland", RespondentType::Kommun, "Kommun A"}, "Blad1 rad 2"});
  given.questions = {{"1", "Beskriv arbetet med mobila team"}, {"2", "Antal team"}};
  given.answers.push_back({0, 0, b2_span});
  given.numbers.push_back({0, 1, 12, c2_span});
  f.given = given;
  IndexedFile out = analysed(f);
  REQUIRE(out.answers.size() == 1);
  REQUIRE(out.numbers.size() == 1);
  CHECK(out.answers[0].location == cell("Blad1", 2, "B"));
  CHECK(mention_of(out.answers[0], "mobila_team").location == cell("Blad1", 2, "B"));
  CHECK(out.numbers[0].location == cell("Blad1", 2, "C"));
}
