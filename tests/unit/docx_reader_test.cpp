// DocxReader (read/docx_reader.hpp) and Word list numbering
// (read/docx_numbering.hpp): a Word document as the text Word shows, one
// line per paragraph. Each test builds its .docx in memory from the XML it
// shows.
#include <catch2/catch.hpp>

#include <pugixml.hpp>

#include "analyzer/read/docx_numbering.hpp"
#include "analyzer/core/span.hpp"
#include "analyzer/read/docx_reader.hpp"
#include "analyzer/read/xml_part.hpp"
#include "tests/support/zip_builder.hpp"

using namespace analyzer;
using analyzer::test::zip_of;

namespace {

const std::string kTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>)";
const std::string kW = R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")";

std::string document_xml(const std::string& body) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " + kW + "><w:body>" + body + "</w:body></w:document>";
}

// A .docx whose body is `body`, with `more` members (numbering, styles, ...).
std::string make_docx(const std::string& body, std::vector<std::pair<std::string, std::string>> more = {}) {
  more.insert(more.begin(), {{"[Content_Types].xml", kTypes}, {"word/document.xml", document_xml(body)}});
  return zip_of(more);
}

std::string p(const std::string& text) { return "<w:p><w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>"; }

Result<SourceText> read_docx(const std::string& bytes, std::size_t max_bytes = 64u * 1024u * 1024u) {
  ReadOptions options;
  options.max_bytes = max_bytes;
  Diagnostics warnings;
  return DocxReader().read("svar.docx", bytes, options, warnings);
}

std::string text_of(const std::string& bytes) {
  Result<SourceText> t = read_docx(bytes);
  if (!t) FAIL(t.error().render());
  return t.value().text;
}

const std::string kQuestionNumbering =
    "<w:numbering " + kW +
    ">"
    "<w:abstractNum w:abstractNumId=\"7\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"%1%2.\"/></w:lvl>"
    "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerRoman\"/><w:lvlText w:val=\"%3)\"/>"
    "<w:suff w:val=\"nothing\"/></w:lvl>"
    "</w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"8\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/>"
    "<w:lvlText w:val=\"\xEF\x82\xB7\"/></w:lvl></w:abstractNum>"
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"7\"/></w:num>"
    "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"7\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"13\"/>"
    "</w:lvlOverride></w:num>"
    "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"8\"/></w:num>"
    "</w:numbering>";

std::string numbered(int num_id, int level, const std::string& text) {
  return "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" + std::to_string(level) + "\"/><w:numId w:val=\"" +
         std::to_string(num_id) + "\"/></w:numPr></w:pPr><w:r><w:t>" + text + "</w:t></w:r></w:p>";
}

}  // namespace

TEST_CASE("each paragraph is one line and an empty paragraph an empty line") {
  CHECK(text_of(make_docx(p("Målbild") + "<w:p/>" + p("Vi har en plan."))) == "Målbild\n\nVi har en plan.\n");
}

TEST_CASE("each paragraph is a place named stycke N with its span and location") {
  Result<SourceText> t = read_docx(make_docx(p("Första") + "<w:p/>" + p("Tredje")));
  REQUIRE(t.ok());
  REQUIRE(t.value().places.size() == 3);
  const TextPlace& third = t.value().places[2];
  CHECK(third.label == "stycke 3");
  CHECK(third.location.paragraph == std::optional<std::size_t>(3));
  CHECK(t.value().text.substr(third.span.begin, third.span.size()) == "Tredje");
  CHECK(t.value().places[1].span.empty());
  CHECK(t.value().offsets.identity());
}

TEST_CASE("a content control showing its placeholder is an empty field ___, beside text it gives nothing") {
  const std::string placeholder_block =
      "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>" + p("Klicka eller tryck här för att ange text.") +
      "</w:sdtContent></w:sdt>";
  const std::string placeholder_run =
      "<w:p><w:r><w:t xml:space=\"preserve\">Kommentar: </w:t></w:r><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr>"
      "<w:sdtContent><w:r><w:t>Klicka eller tryck här för att ange text.</w:t></w:r></w:sdtContent></w:sdt></w:p>";
  const std::string placeholder_alone =
      "<w:p><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>Click or tap here to enter text.</w:t>"
      "</w:r></w:sdtContent></w:sdt></w:p>";
  CHECK(text_of(make_docx(p("Lämna gärna en kommentar här:") + placeholder_block + placeholder_run +
                          placeholder_alone)) == "Lämna gärna en kommentar här:\n___\nKommentar: \n___\n");
}

TEST_CASE("a filled content control gives exactly its content, block or run level") {
  const std::string filled_block = "<w:sdt><w:sdtPr><w:alias w:val=\"Svar\"/></w:sdtPr><w:sdtContent>" +
                                   p("Mobila team finns i alla kommuner.") + p("Fast vårdkontakt utses.") +
                                   "</w:sdtContent></w:sdt>";
  const std::string filled_run =
      "<w:p><w:r><w:t xml:space=\"preserve\">Kommentar: </w:t></w:r><w:sdt><w:sdtPr><w:showingPlcHdr w:val=\"0\"/>"
      "</w:sdtPr><w:sdtContent><w:r><w:t>Se fråga 5.</w:t></w:r></w:sdtContent></w:sdt></w:p>";
  CHECK(text_of(make_docx(filled_block + filled_run)) ==
        "Mobila team finns i alla kommuner.\nFast vårdkontakt utses.\nKommentar: Se fråga 5.\n");
}

TEST_CASE("numbered questions show Word's computed number: %1. and %1%2. with restarts") {
  const std::string body = numbered(1, 0, "Finns det en målbild?") + numbered(1, 1, "Beskriv arbetet.") +
                           numbered(1, 1, "Beskriv resultaten.") + numbered(1, 0, "Har ni en plan?") +
                           numbered(1, 1, "Beskriv planen.") + numbered(1, 2, "Delmål");
  CHECK(text_of(make_docx(body, {{"word/numbering.xml", kQuestionNumbering}})) ==
        "1. Finns det en målbild?\n1a. Beskriv arbetet.\n1b. Beskriv resultaten.\n2. Har ni en plan?\n"
        "2a. Beskriv planen.\ni)Delmål\n");
}

TEST_CASE("a startOverride starts a list instance at its number and a level not used yet shows its start") {
  const std::string body = numbered(2, 0, "Har ni mobila team?") + numbered(2, 1, "Beskriv dem.") +
                           numbered(2, 0, "Har ni en plan?");
  CHECK(text_of(make_docx(body, {{"word/numbering.xml", kQuestionNumbering}})) ==
        "13. Har ni mobila team?\n13a. Beskriv dem.\n14. Har ni en plan?\n");
  const std::string lettered_only = numbered(2, 1, "Beskriv samverkan.") + numbered(2, 1, "Beskriv resultaten.");
  CHECK(text_of(make_docx(lettered_only, {{"word/numbering.xml", kQuestionNumbering}})) ==
        "13a. Beskriv samverkan.\n13b. Beskriv resultaten.\n");
}

TEST_CASE("a Symbol-font bullet is shown as a bullet and a space") {
  CHECK(text_of(make_docx(numbered(3, 0, "Mobila team"), {{"word/numbering.xml", kQuestionNumbering}})) ==
        "• Mobila team\n");
}

TEST_CASE("numbering given by a paragraph style is found through basedOn") {
  const std::string styles = "<w:styles " + kW +
                             "><w:style w:type=\"paragraph\" w:styleId=\"Fraga\"><w:pPr><w:numPr><w:numId w:val=\"1\"/>"
                             "</w:numPr></w:pPr></w:style><w:style w:type=\"paragraph\" w:styleId=\"Fraga2\">"
                             "<w:basedOn w:val=\"Fraga\"/></w:style></w:styles>";
  const std::string body = "<w:p><w:pPr><w:pStyle w:val=\"Fraga2\"/></w:pPr><w:r><w:t>Har ni en plan?</w:t></w:r></w:p>";
  CHECK(text_of(make_docx(body, {{"word/numbering.xml", kQuestionNumbering}, {"word/styles.xml", styles}})) ==
        "1. Har ni en plan?\n");
}

TEST_CASE("list numbers in Word's formats: letters repeat after z, roman numerals, bullets show no number") {
  CHECK(docx::format_list_number(3, "lowerLetter") == "c");
  CHECK(docx::format_list_number(27, "lowerLetter") == "aa");
  CHECK(docx::format_list_number(2, "upperLetter") == "B");
  CHECK(docx::format_list_number(14, "lowerRoman") == "xiv");
  CHECK(docx::format_list_number(1994, "upperRoman") == "MCMXCIV");
  CHECK(docx::format_list_number(7, "decimalZero") == "07");
  CHECK(docx::format_list_number(4, "bullet").empty());
  CHECK(docx::format_list_number(5, "chineseCounting") == "5");
}

TEST_CASE("a list label longer than the limit is cut, so lvlText cannot make the text grow without bound") {
  const std::string numbering = "<w:numbering " + kW +
                                "><w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"decimal\"/>"
                                "<w:lvlText w:val=\"" + std::string(5000, 'x') + "%1\"/></w:lvl></w:abstractNum>"
                                "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"1\"/></w:num></w:numbering>";
  std::string xml = numbering;
  pugi::xml_document doc;
  REQUIRE(parse_xml_part("n.docx", "word/numbering.xml", xml, doc).ok());
  docx::ListNumbering list;
  list.load(doc.document_element());
  const std::string label = list.label(1, 0);
  CHECK(label.size() <= docx::kMaxListLabelBytes + 1);
  CHECK(label.substr(0, 10) == "xxxxxxxxxx");
}

TEST_CASE("table cells are read row by row, the question cell before its answer cell") {
  const std::string table = "<w:tbl><w:tblPr/><w:tr><w:tc><w:tcPr/>" + p("Namn på team") + "</w:tc><w:tc>" +
                            p("Mobilt team Falun") + "</w:tc></w:tr><w:tr><w:tc>" + p("Antal") + "</w:tc><w:tc>" +
                            p("3") + "</w:tc></w:tr></w:tbl>";
  Result<SourceText> t = read_docx(make_docx(p("Före") + table + p("Efter")));
  REQUIRE(t.ok());
  CHECK(t.value().text == "Före\nNamn på team\nMobilt team Falun\nAntal\n3\nEfter\n");
  CHECK(t.value().places.back().label == "stycke 6");
}

std::string row(const std::string& first, const std::string& second) {
  return "<w:tr><w:tc>" + p(first) + "</w:tc><w:tc>" + p(second) + "</w:tc></w:tr>";
}

// The lines a reader marks (TextHeading), with their levels.
std::vector<std::pair<std::string, int>> marked_lines(const SourceText& t) {
  std::vector<std::pair<std::string, int>> out;
  for (const TextHeading& h : t.headings) out.emplace_back(t.text.substr(h.span.begin, h.span.size()), h.level);
  return out;
}

TEST_CASE("a table's first cell that reads as a question is a table question, every other cell body text") {
  const std::string table = "<w:tbl>" + row("Beskriv arbetet med SIP.", "Vi har SIP.") + row("hur många team?", "3") +
                            row("Namn på team", "Mobilt team Falun") + row("Ange antal:", "") + "</w:tbl>";
  Result<SourceText> t = read_docx(make_docx(p("Före") + table));
  REQUIRE(t.ok());
  CHECK(t.value().text == "Före\nBeskriv arbetet med SIP.\nVi har SIP.\nhur många team?\n3\nNamn på team\n"
                          "Mobilt team Falun\nAnge antal:\n\n");
  CHECK(marked_lines(t.value()) == std::vector<std::pair<std::string, int>>{{"Beskriv arbetet med SIP.", kTableQuestion},
                                                                            {"Vi har SIP.", kNotAHeading},
                                                                            {"hur många team?", kTableQuestion},
                                                                            {"3", kNotAHeading},
                                                                            {"Namn på team", kNotAHeading},
                                                                            {"Mobilt team Falun", kNotAHeading},
                                                                            {"Ange antal:", kTableQuestion}});
}

TEST_CASE("a question cell's further paragraphs go on with the question, under a Fråga | Svar header every first cell is one") {
  const std::string table = "<w:tbl>" + row("Fråga", "Svar") + row("Mobila team", "Två team startade i mars.") +
                            "<w:tr><w:tc>" + p("Beskriv prevention.") + p("Svara kortfattat.") + "</w:tc><w:tc>" +
                            p("Hälsosamtal.") + "</w:tc></w:tr></w:tbl>";
  Result<SourceText> t = read_docx(make_docx(table));
  REQUIRE(t.ok());
  CHECK(marked_lines(t.value()) ==
        std::vector<std::pair<std::string, int>>{{"Fråga", kTableQuestion}, {"Svar", kTableQuestion},
                                                 {"Mobila team", kTableQuestion}, {"Två team startade i mars.", kNotAHeading},
                                                 {"Beskriv prevention.", kTableQuestion},
                                                 {"Svara kortfattat.", kTableQuestionGoesOn},
                                                 {"Hälsosamtal.", kNotAHeading}});
  // A table without that header row: every cell body text, none a question.
  const std::string plain = "<w:tbl>" + row("Kommun", "Antal team") + row("Västerås", "5") + "</w:tbl>";
  Result<SourceText> u = read_docx(make_docx(plain));
  REQUIRE(u.ok());
  CHECK(marked_lines(u.value()) == std::vector<std::pair<std::string, int>>{{"Kommun", kNotAHeading},
                                                                            {"Antal team", kNotAHeading},
                                                                            {"Västerås", kNotAHeading},
                                                                            {"5", kNotAHeading}});
}

TEST_CASE("under a Fråga | Svar | Kommentar header the cells after the question are all its answer") {
  const std::string table = "<w:tbl><w:tr><w:tc>" + p("Fråga") + "</w:tc><w:tc>" + p("Svar") + "</w:tc><w:tc>" +
                            p("Kommentar") + "</w:tc></w:tr><w:tr><w:tc>" + p("Antal vårdcentraler") + "</w:tc><w:tc>" +
                            p("12") + "</w:tc><w:tc>" + p("Varav 3 privata") + "</w:tc></w:tr></w:tbl>";
  Result<SourceText> t = read_docx(make_docx(table));
  REQUIRE(t.ok());
  CHECK(marked_lines(t.value()) ==
        std::vector<std::pair<std::string, int>>{{"Fråga", kTableQuestion}, {"Svar", kTableQuestion},
                                                 {"Kommentar", kTableQuestion}, {"Antal vårdcentraler", kTableQuestion},
                                                 {"12", kNotAHeading}, {"Varav 3 privata", kNotAHeading}});
}

TEST_CASE("under a Nr | Fråga | Svar header a row's number is its question's label") {
  const std::string header = "<w:tr>" + std::string("<w:tc>") + p("Nr") + "</w:tc><w:tc>" + p("Fråga") +
                             "</w:tc><w:tc>" + p("Svar") + "</w:tc></w:tr>";
  const std::string r12 = "<w:tr><w:tc>" + p("12") + "</w:tc><w:tc>" + p("Har regionen mobila team?") +
                          "</w:tc><w:tc>" + p("Ja, i tre kommuner.") + "</w:tc></w:tr>";
  const std::string r13 = "<w:tr><w:tc>" + p("13a.") + "</w:tc><w:tc>" + p("Beskriv arbetet med SIP.") +
                          "</w:tc><w:tc>" + p("Gemensamma rutiner.") + "</w:tc></w:tr>";
  Result<SourceText> t = read_docx(make_docx("<w:tbl>" + header + r12 + r13 + "</w:tbl>"));
  REQUIRE(t.ok());
  CHECK(t.value().text ==
        "Nr\nFråga\nSvar\n12. Har regionen mobila team?\nJa, i tre kommuner.\n13a. Beskriv arbetet med SIP.\n"
        "Gemensamma rutiner.\n");
  std::vector<std::pair<std::string, int>> marked = marked_lines(t.value());
  CHECK(std::count(marked.begin(), marked.end(), std::pair<std::string, int>{"12. Har regionen mobila team?", kTableQuestion}) == 1);
  CHECK(std::count(marked.begin(), marked.end(), std::pair<std::string, int>{"Gemensamma rutiner.", kNotAHeading}) == 1);
}

TEST_CASE("a footnote reference gives no text and the footnote is not read") {
  const std::string body = "<w:p><w:r><w:t>Vi har fast vårdkontakt.</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/>"
                           "</w:r></w:p>";
  const std::string footnotes = "<w:footnotes " + kW + "><w:footnote w:id=\"1\">" + p("Enligt patientlagen.") +
                                "</w:footnote></w:footnotes>";
  CHECK(text_of(make_docx(body, {{"word/footnotes.xml", footnotes}})) == "Vi har fast vårdkontakt.\n");
}

TEST_CASE("headers and footers are not read") {
  const std::string header = "<w:hdr " + kW + ">" + p("Region Dalarna sidhuvud") + "</w:hdr>";
  const std::string footer = "<w:ftr " + kW + ">" + p("Sida 1") + "</w:ftr>";
  CHECK(text_of(make_docx(p("Text."), {{"word/header1.xml", header}, {"word/footer1.xml", footer}})) == "Text.\n");
}

// The main part's relationships, naming `targets` as headers and footers.
std::string header_rels(const std::vector<std::pair<std::string, std::string>>& targets) {
  std::string rels = R"(<?xml version="1.0" encoding="UTF-8"?><Relationships )"
                     R"(xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)";
  int id = 1;
  for (const auto& [kind, target] : targets)
    rels += "<Relationship Id=\"rId" + std::to_string(id++) +
            "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/" + kind +
            "\" Target=\"" + target + "\"/>";
  return rels + "</Relationships>";
}

TEST_CASE("the headers and footers the document names are kept apart, a piece at each tab a line, page numbers not") {
  const std::string header = "<w:hdr " + kW +
                             "><w:p><w:pPr><w:tabs><w:tab w:val=\"center\" w:pos=\"4536\"/></w:tabs></w:pPr>"
                             "<w:r><w:t>Örebro kommun</w:t><w:tab/><w:t>Vård- och omsorgsförvaltningen</w:t>"
                             "</w:r></w:p></w:hdr>";
  const std::string first_page = "<w:hdr " + kW + ">" + p("Örebro kommun") + "</w:hdr>";
  const std::string footer = "<w:ftr " + kW + ">" + p("Sida 1 av 3") + p("Svar till Socialstyrelsen") + "</w:ftr>";
  Result<SourceText> t = read_docx(make_docx(
      p("Text."), {{"word/_rels/document.xml.rels",
                    header_rels({{"header", "header1.xml"}, {"header", "header2.xml"}, {"footer", "footer1.xml"}})},
                   {"word/header1.xml", header},
                   {"word/header2.xml", first_page},
                   {"word/footer1.xml", footer},
                   {"word/header9.xml", "<w:hdr " + kW + ">" + p("Inte nämnd") + "</w:hdr>"}}));
  REQUIRE(t.ok());
  CHECK(t.value().text == "Text.\n");
  std::vector<std::string> running;
  for (const RunningLine& l : t.value().running) running.push_back(l.text);
  CHECK(running == std::vector<std::string>{"Örebro kommun", "Vård- och omsorgsförvaltningen",
                                            "Svar till Socialstyrelsen"});
}

TEST_CASE("the document's title property is read first among the running lines, marked as the title") {
  const std::string package_rels =
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)"
      R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>)"
      "</Relationships>";
  const std::string core = R"(<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" )"
                           R"(xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Region Gävleborg – svar 2024</dc:title></cp:coreProperties>)";
  const std::string header = "<w:hdr " + kW + ">" + p("Sidhuvud") + "</w:hdr>";
  Result<SourceText> t = read_docx(make_docx(
      p("Text."), {{"_rels/.rels", package_rels},
                   {"docProps/core.xml", core},
                   {"word/_rels/document.xml.rels", header_rels({{"header", "header1.xml"}})},
                   {"word/header1.xml", header}}));
  REQUIRE(t.ok());
  REQUIRE(t.value().running.size() == 2);
  CHECK(t.value().running[0].text == "Region Gävleborg – svar 2024");
  CHECK(t.value().running[0].document_title);
  CHECK(t.value().running[1].text == "Sidhuvud");
  CHECK_FALSE(t.value().running[1].document_title);
}

TEST_CASE("a header part that is not well-formed costs its text only, with a warning") {
  const std::string rels = header_rels({{"header", "header1.xml"}});
  ReadOptions options;
  Diagnostics warnings;
  Result<SourceText> t = DocxReader().read(
      "svar.docx",
      make_docx(p("Text."), {{"word/_rels/document.xml.rels", rels}, {"word/header1.xml", "<w:hdr " + kW + "><w:p>"}}),
      options, warnings);
  REQUIRE(t.ok());
  CHECK(t.value().text == "Text.\n");
  CHECK(t.value().running.empty());
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].severity == Severity::Warning);
  CHECK(warnings[0].message.find("word/header1.xml") != std::string::npos);
}

TEST_CASE("tracked changes: deleted text is left out and inserted text kept") {
  const std::string body = "<w:p><w:r><w:t xml:space=\"preserve\">Vi har </w:t></w:r><w:del><w:r><w:delText>inga "
                           "</w:delText></w:r></w:del><w:ins><w:r><w:t xml:space=\"preserve\">tre </w:t></w:r></w:ins>"
                           "<w:r><w:t>team.</w:t></w:r></w:p>";
  CHECK(text_of(make_docx(body)) == "Vi har tre team.\n");
}

TEST_CASE("a field shows its result and not its instruction, also as fldSimple") {
  const std::string body =
      "<w:p><w:r><w:t xml:space=\"preserve\">Se </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
      "<w:r><w:instrText> HYPERLINK \"https://example.se\" </w:instrText></w:r><w:r><w:fldChar "
      "w:fldCharType=\"separate\"/></w:r><w:r><w:t>rapporten</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/>"
      "</w:r><w:r><w:t xml:space=\"preserve\"> på sidan </w:t></w:r><w:fldSimple w:instr=\" PAGE \"><w:r><w:t>4</w:t>"
      "</w:r></w:fldSimple></w:p>";
  CHECK(text_of(make_docx(body)) == "Se rapporten på sidan 4\n");
}

TEST_CASE("tabs, breaks, hyphens and symbols in runs") {
  const std::string body =
      "<w:p><w:r><w:t>SIP</w:t><w:noBreakHyphen/><w:t>möte</w:t><w:tab/><w:t>hälso</w:t><w:softHyphen/>"
      "<w:t>centralen</w:t><w:br/><w:t>ny rad</w:t><w:sym w:font=\"Symbol\" w:char=\"F0B7\"/><w:sym w:char=\"2013\"/>"
      "</w:r></w:p>";
  CHECK(text_of(make_docx(body)) == "SIP-möte\thälsocentralen\nny rad•–\n");
}

TEST_CASE("hyperlinks, smart tags and custom XML keep their text") {
  const std::string body = "<w:p><w:hyperlink r:id=\"rId5\" xmlns:r=\"r\"><w:r><w:t xml:space=\"preserve\">Läs mer </w:t>"
                           "</w:r></w:hyperlink><w:smartTag><w:r><w:t xml:space=\"preserve\">i </w:t></w:r></w:smartTag>"
                           "<w:customXml><w:r><w:t>bilagan</w:t></w:r></w:customXml></w:p>";
  CHECK(text_of(make_docx(body)) == "Läs mer i bilagan\n");
}

TEST_CASE("the main document is the part _rels/.rels names") {
  const std::string rels =
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/doc/main.xml"/></Relationships>)";
  const std::string bytes = zip_of({{"[Content_Types].xml", kTypes},
                                    {"_rels/.rels", rels},
                                    {"doc/main.xml", document_xml(p("Huvuddokumentet"))},
                                    {"word/document.xml", document_xml(p("Fel del"))}});
  CHECK(text_of(bytes) == "Huvuddokumentet\n");
}

TEST_CASE("a DOCX without word/document.xml is an error naming the file") {
  Result<SourceText> t = read_docx(zip_of({{"[Content_Types].xml", kTypes}, {"word/styles.xml", "<w:styles/>"}}));
  REQUIRE_FALSE(t.ok());
  CHECK(t.error().file == "svar.docx");
  CHECK_THAT(t.error().message, Catch::Contains("no main document part (word/document.xml)"));
}

TEST_CASE("a truncated DOCX is an error naming the file") {
  const std::string whole = make_docx(p("Text som blir avklippt."));
  Result<SourceText> t = read_docx(whole.substr(0, whole.size() / 2));
  REQUIRE_FALSE(t.ok());
  CHECK(t.error().file == "svar.docx");
  CHECK_THAT(t.error().message, Catch::Contains("ZIP"));
}

const std::string kHeadingStyles =
    "<w:styles " + kW + ">"
    "<w:style w:type=\"paragraph\" w:styleId=\"Rubrik1\"><w:name w:val=\"heading 1\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Egen\"><w:name w:val=\"Avsnitt\"/><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"EgenBla\"><w:name w:val=\"Avsnitt blå\"/><w:basedOn w:val=\"Egen\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Titel\"><w:name w:val=\"Title\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Brod\"><w:name w:val=\"heading 3\"/><w:pPr><w:outlineLvl w:val=\"9\"/></w:pPr></w:style>"
    "</w:styles>";

std::string styled(const std::string& style, const std::string& text) {
  return "<w:p><w:pPr><w:pStyle w:val=\"" + style + "\"/></w:pPr><w:r><w:t>" + text + "</w:t></w:r></w:p>";
}

std::vector<std::pair<std::string, int>> headings_of(const std::string& bytes) {
  Result<SourceText> t = read_docx(bytes);
  if (!t) FAIL(t.error().render());
  std::vector<std::pair<std::string, int>> out;
  for (const TextHeading& h : t.value().headings)
    out.emplace_back(t.value().text.substr(h.span.begin, h.span.size()), h.level);
  return out;
}

TEST_CASE("a paragraph in a built-in heading style is a heading of its level, whatever the style's id") {
  const std::string body = styled("Rubrik1", "Mobila team") + p("Vi startade ett team.");
  CHECK(headings_of(make_docx(body, {{"word/styles.xml", kHeadingStyles}})) ==
        std::vector<std::pair<std::string, int>>{{"Mobila team", 1}});
}

TEST_CASE("a style's outline level makes its paragraphs and those of styles based on it headings") {
  const std::string body = styled("Egen", "Bakgrund") + p("Text.") + styled("EgenBla", "Resultat");
  CHECK(headings_of(make_docx(body, {{"word/styles.xml", kHeadingStyles}})) ==
        std::vector<std::pair<std::string, int>>{{"Bakgrund", 2}, {"Resultat", 2}});
}

TEST_CASE("a paragraph's own outline level decides, and outline level 9 is body text") {
  const std::string own = "<w:p><w:pPr><w:outlineLvl w:val=\"2\"/></w:pPr><w:r><w:t>Uppföljning</w:t></w:r></w:p>";
  const std::string body_level = "<w:p><w:pPr><w:pStyle w:val=\"Rubrik1\"/><w:outlineLvl w:val=\"9\"/></w:pPr>"
                                 "<w:r><w:t>Brödtext</w:t></w:r></w:p>";
  const std::string body = own + body_level + styled("Brod", "Också brödtext");
  CHECK(headings_of(make_docx(body, {{"word/styles.xml", kHeadingStyles}})) ==
        std::vector<std::pair<std::string, int>>{{"Uppföljning", 3}});
}

TEST_CASE("a Title paragraph, an empty heading paragraph and unstyled text are no headings") {
  const std::string body = styled("Titel", "Årsrapport 2023") + styled("Rubrik1", "") + p("Text.");
  CHECK(headings_of(make_docx(body, {{"word/styles.xml", kHeadingStyles}})).empty());
}

TEST_CASE("a character reference to a surrogate is refused, naming the member and the reference") {
  Result<SourceText> t = read_docx(make_docx(p("Mobila team &#xD800; i länet")));
  REQUIRE_FALSE(t.ok());
  CHECK_THAT(t.error().message, Catch::Contains("member \"word/document.xml\" holds the character reference &#xD800;"));
}

TEST_CASE("character references that name characters are read as those characters") {
  CHECK(text_of(make_docx(p("V&#xE5;rd &#246;ver &#x1F600;"))) == "Vård över \xF0\x9F\x98\x80\n");
}

TEST_CASE("numeric character references are checked one by one") {
  for (const char* entity : {"#0", "#x110000", "#55296", "#x", "#12a"})
    CHECK_FALSE(character_reference_value(entity).has_value());
  CHECK(character_reference_value("#x10FFFF") == char32_t{0x10FFFF});
  CHECK(character_reference_value("#65") == char32_t{'A'});
}

TEST_CASE("a relationship target becomes a part name against the folder of its part") {
  CHECK(part_folder("word/document.xml") == "word/");
  CHECK(part_folder("document.xml") == "");
  CHECK(resolve_part_target("word/", "numbering.xml") == "word/numbering.xml");
  CHECK(resolve_part_target("xl/", "/xl/worksheets/sheet1.xml") == "xl/worksheets/sheet1.xml");
  CHECK(resolve_part_target("word/", "../customXml/item1.xml") == "customXml/item1.xml");
  CHECK(resolve_part_target("xl/", "./worksheets//sheet2.xml") == "xl/worksheets/sheet2.xml");
  CHECK(resolve_part_target("", "../../a.xml") == "a.xml");
}

TEST_CASE("a document.xml with a DOCTYPE and an external entity is refused, the entity never read") {
  const std::string xml = "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                          "<w:document " + kW + "><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>";
  Result<SourceText> t = read_docx(zip_of({{"[Content_Types].xml", kTypes}, {"word/document.xml", xml}}));
  REQUIRE_FALSE(t.ok());
  CHECK_THAT(t.error().message, Catch::Contains("DOCTYPE"));
  CHECK_THAT(t.error().message, Catch::Contains("at byte") && Catch::Contains("of the member"));
}

// Found with office_fuzz (in a worksheet; DOCX parts go through the same
// parse_xml_part()): pugixml takes the bytes as they are.
TEST_CASE("a document.xml that is not UTF-8 is refused naming the member and the byte") {
  const std::string docx = make_docx(p("hemtj\xE4nst"));
  Result<SourceText> t = read_docx(docx);
  REQUIRE_FALSE(t.ok());
  CHECK(t.error().file == "svar.docx");
  const std::string xml = document_xml(p("hemtj\xE4nst"));
  CHECK(t.error().message == "member \"word/document.xml\" is not valid UTF-8 at byte " +
                                 std::to_string(xml.find('\xE4')) + " of the member");
}

TEST_CASE("a document.xml that inflates past the size limit is refused before inflating") {
  const std::string bomb = make_docx(p(std::string(4u * 1024u * 1024u, 'a')));
  REQUIRE(bomb.size() < 64u * 1024u);
  Result<SourceText> t = read_docx(bomb, 1024u * 1024u);
  REQUIRE_FALSE(t.ok());
  CHECK(t.error().file == "svar.docx");
  CHECK_THAT(t.error().message, Catch::Contains("word/document.xml"));
}

TEST_CASE("tables nested deeper than kMaxXmlDepth are an error, not a deep recursion") {
  std::string body = p("Text");
  for (std::size_t i = 0; i < kMaxXmlDepth; ++i) body = "<w:tbl><w:tr><w:tc>" + body + "</w:tc></w:tr></w:tbl>";
  Result<SourceText> t = read_docx(make_docx(body));
  REQUIRE_FALSE(t.ok());
  CHECK_THAT(t.error().message, Catch::Contains("deeper than 64"));
}

TEST_CASE("a table row inside custom XML nested deeper than kMaxXmlDepth is an error") {
  std::string row_xml = "<w:tr><w:tc>" + p("Text") + "</w:tc></w:tr>";
  for (std::size_t i = 0; i < kMaxXmlDepth + 6; ++i) row_xml = "<w:customXml>" + row_xml + "</w:customXml>";
  Result<SourceText> t = read_docx(make_docx("<w:tbl>" + row_xml + "</w:tbl>"));
  REQUIRE_FALSE(t.ok());
  CHECK_THAT(t.error().message, Catch::Contains("deeper than 64"));
}

TEST_CASE("a document that is no Word body is an error") {
  Result<SourceText> t = read_docx(zip_of({{"[Content_Types].xml", kTypes}, {"word/document.xml", "<x/>"}}));
  REQUIRE_FALSE(t.ok());
  CHECK_THAT(t.error().message, Catch::Contains("no w:document/w:body"));
}

TEST_CASE("a nested field shows the inner result only where the outer field shows its result") {
  const std::string body =
      "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>Resultat</w:t></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t xml:space=\"preserve\"> efter</w:t></w:r></w:p>";
  CHECK(text_of(make_docx(body)) == "Resultat efter\n");
}

TEST_CASE("a question cell's line break is a space, and a row across a question table is read as any paragraph") {
  const std::string across = "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>" + p("Del 2 Samverkan") + "</w:tc></w:tr>";
  const std::string table = "<w:tbl>" + row("Fråga", "Svar") +
                            "<w:tr><w:tc><w:p><w:r><w:t>Beskriv arbetet.</w:t><w:br/><w:t>(max 2000 tecken)</w:t></w:r></w:p>"
                            "</w:tc><w:tc>" + p("Två team.") + "</w:tc></w:tr>" + across + "</w:tbl>";
  Result<SourceText> t = read_docx(make_docx(table));
  REQUIRE(t.ok());
  CHECK(marked_lines(t.value()) ==
        std::vector<std::pair<std::string, int>>{{"Fråga", kTableQuestion}, {"Svar", kTableQuestion},
                                                 {"Beskriv arbetet. (max 2000 tecken)", kTableQuestion},
                                                 {"Två team.", kNotAHeading}});
  CHECK(t.value().text.find("Del 2 Samverkan\n") != std::string::npos);
}

TEST_CASE("a table cell or row inside a content control takes part in the question table as any cell does") {
  const std::string sdt_open = "<w:sdt><w:sdtPr><w:alias w:val=\"Svar\"/></w:sdtPr><w:sdtContent>";
  const std::string placeholder_open = "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>";
  const std::string close = "</w:sdtContent></w:sdt>";
  const std::string filled_cell = "<w:tr><w:tc>" + p("Beskriv arbetet med SIP.") + "</w:tc>" + sdt_open + "<w:tc>" +
                                  p("Vi har SIP.") + "</w:tc>" + close + "</w:tr>";
  const std::string placeholder_cell = "<w:tr><w:tc>" + p("Hur många mobila team finns?") + "</w:tc>" + placeholder_open +
                                       "<w:tc>" + p("Klicka eller tryck här för att ange text.") + "</w:tc>" + close +
                                       "</w:tr>";
  const std::string wrapped_row = sdt_open + row("Beskriv trygg hemgång.", "Ett team i Falun.") + close;
  Result<SourceText> t = read_docx(make_docx("<w:tbl>" + filled_cell + placeholder_cell + wrapped_row + "</w:tbl>"));
  REQUIRE(t.ok());
  CHECK(t.value().text == "Beskriv arbetet med SIP.\nVi har SIP.\nHur många mobila team finns?\n___\n"
                          "Beskriv trygg hemgång.\nEtt team i Falun.\n");
  CHECK(marked_lines(t.value()) == std::vector<std::pair<std::string, int>>{{"Beskriv arbetet med SIP.", kTableQuestion},
                                                                            {"Vi har SIP.", kNotAHeading},
                                                                            {"Hur många mobila team finns?", kTableQuestion},
                                                                            {"___", kNotAHeading},
                                                                            {"Beskriv trygg hemgång.", kTableQuestion},
                                                                            {"Ett team i Falun.", kNotAHeading}});
}
