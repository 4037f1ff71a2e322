// Report structure (issue 14): where a report's sections start, what its
// footnotes are, and which prose in front of a survey is a committee
// decision. Inputs are constructed report texts in the shapes Swedish
// reports print (numbered chapters, headings ending in ':', footnotes at a
// page's foot), not the seed files; most are logical lines as normalisation
// leaves them, those about page breaks go through normalize() first.

#include <catch2/catch.hpp>

#include "analyzer/index/index.hpp"
#include "analyzer/ingest/ingest.hpp"
#include "analyzer/report/search_snippets.hpp"
#include "analyzer/segment/segmenter.hpp"
#include "analyzer/segment/swedish_form_rules.hpp"
#include "tests/support/normalized_lines.hpp"
#include "tests/support/shipped_lexicons.hpp"
#include "tests/support/temp_files.hpp"

using namespace analyzer;
using analyzer::test::lines_to_text;

namespace {

std::string joined(const NormalizedText& doc, const std::vector<ByteSpan>& spans) {
  std::string out;
  for (const auto& p : spans) {
    if (!out.empty()) out += '\n';
    out += doc.text.substr(p.begin, p.size());
  }
  return out;
}

// "heading: text" per section, one per line, then "  [note] ..." per note:
// a failure reads as a diff.
std::string render(const NormalizedText& doc, const SegmentedDocument& seg) {
  std::string out;
  for (const auto& a : seg.answers) {
    out += a.question + ": " + joined(doc, a.pieces) + "\n";
    for (const ByteSpan& n : a.notes) out += "  [note] " + doc.text.substr(n.begin, n.size()) + "\n";
  }
  return out;
}

// The section headings found, joined by " | ".
std::string headings(const SegmentedDocument& seg) {
  std::string out;
  for (const auto& a : seg.answers) out += (out.empty() ? "" : " | ") + a.question;
  return out;
}

const std::string kSurveyTitle = "Enkät till regioner, uppföljning god och nära vård 2023";

// The analysis of `text` as the text file `name`, tagged with the shipped
// lexicons.
IndexedFile analysed(const std::string& name, const std::string& text) {
  SourceFile f;
  f.path = f.name = name;
  f.bytes = text;
  f.sha256 = sha256_hex(text);
  ThemeTagger tagger(test::shipped_matcher());
  AnalysisContext context;
  context.tagger = &tagger;
  Diagnostics warnings;
  return analyze_source(f, context, warnings);
}

// Stores `file` in a new index in `dir`.
void store(const std::string& dir, const IndexedFile& file) {
  auto writer = IndexWriter::open(dir);
  REQUIRE(writer.ok());
  Status done = writer.value()->replace_file(file);
  REQUIRE(done.ok());
}

// The snippets of the hits of `query`, joined by " | ".
std::string search_snippets(const std::string& dir, const std::string& query) {
  auto searcher = IndexSearcher::open(dir);
  REQUIRE(searcher.ok());
  SearchRequest request;
  request.query = query;
  auto results = searcher.value()->search(request);
  REQUIRE(results.ok());
  add_search_snippets(results.value());
  std::string out;
  for (const SearchHit& h : results.value().hits) out += (out.empty() ? "" : " | ") + h.snippet;
  return out;
}

// A survey document with a committee decision in front.
const std::string kDecisionAndSurvey =
    "Förslag till beslut\n"
    "Nämnden beslutar att anteckna informationen om kommunernas hemsjukvård.\n"
    "Bakgrund\n"
    "Regionen redovisar sitt arbete med mobila team till Socialstyrelsen.\n"
    "Enkät till regioner, uppföljning god och nära vård 2023\n"
    "Denna redovisning avser Region Halland\n"
    "1. Beskriv arbetet.\n"
    "Beskriv med max 1000 tecken.\n"
    "Regionen har startat mobila team.\n";

}  // namespace

// Numbered headings.

TEST_CASE("a heading numbered to two or more levels starts a section") {
  auto doc = lines_to_text({"2.4 Mobila team", "Tre kommuner har startat mobila team.",
                            "3.2.3.1 Samordnad individuell plan", "Antalet SIP har ökat."});
  CHECK(render(doc, segment(doc)) ==
        "2.4 Mobila team: Tre kommuner har startat mobila team.\n"
        "3.2.3.1 Samordnad individuell plan: Antalet SIP har ökat.\n");
}

TEST_CASE("chapters numbered without a dot, with sub-chapters, each start a section") {
  auto doc = lines_to_text({"1 Inledning", "Rapporten beskriver arbetet under 2023.", "2 Resultat",
                            "2.1 Mobila team", "Teamen gör hembesök.", "2.2 Fast vårdkontakt",
                            "Alla vårdcentraler erbjuder fast vårdkontakt."});
  CHECK(headings(segment(doc)) == "1 Inledning | 2.1 Mobila team | 2.2 Fast vårdkontakt");
}

TEST_CASE("a table of contents line is not a numbered heading") {
  CHECK_FALSE(form_rules::numbered_heading("2.4 Mobila team ........ 12"));
  CHECK(form_rules::numbered_heading("2.4 Mobila team")->depth == 2);
  CHECK(form_rules::numbered_heading("3.2.3.1 Exempel på arbetet med mobila team:")->number == "3.2.3.1");
  CHECK_FALSE(form_rules::numbered_heading("2.4 Teamen arbetar dygnet runt."));
  CHECK_FALSE(form_rules::numbered_heading("2023 Region Halland"));
}

TEST_CASE("an unnumbered final chapter of a numbered report is a section of its own") {
  auto doc = lines_to_text({"3.1 Mobila team", "Teamen har utökats.", "Sammanfattande slutsatser",
                            "Omställningen går framåt men kompetensförsörjningen är en utmaning."});
  CHECK(headings(segment(doc)) == "3.1 Mobila team | Sammanfattande slutsatser");
}

TEST_CASE("a heading after a numbered list item without a full stop starts a section") {
  auto doc = lines_to_text({"Bakgrund", "Medlen gäller tre områden:", "1. Omställning till nära vård",
                            "2. Tillgänglighet i primärvården", "Omställning till nära vård",
                            "Nära vård kräver ökad samverkan mellan primärvård, sjukhus och kommun."});
  CHECK(headings(segment(doc)) == "Bakgrund | Omställning till nära vård");
}

// Headings ending in ':'.

TEST_CASE("a heading ending in ':' heads its paragraph and does not swallow the sections after it") {
  auto doc = lines_to_text({"3.2.3 Exempel på hur kommunerna arbetat med mobila team:",
                            "I Falun gör teamet hembesök hos äldre med omfattande behov.",
                            "3.2.4 Fast omsorgskontakt", "Sju kommuner har infört fast omsorgskontakt.",
                            "Resultat av arbetet med trygg hemgång:",
                            "Färre patienter skrevs in igen inom 30 dagar.", "4 Fortsatt arbete",
                            "Arbetet fortsätter under 2024."});
  CHECK(headings(segment(doc)) ==
        "3.2.3 Exempel på hur kommunerna arbetat med mobila team: | 3.2.4 Fast omsorgskontakt | "
        "Resultat av arbetet med trygg hemgång: | 4 Fortsatt arbete");
}

TEST_CASE("a list under a lead-in ending in ':', numbered or not, is not a run of headings") {
  struct Case {
    NormalizedText doc;
    std::string sections;
  };
  const Case cases[] = {
      {lines_to_text({"1 Inledning", "Arbetet har tre delar:", "1 Mobila team", "2 Fast vårdkontakt",
                      "3 Trygg hemgång", "Delarna följs upp varje år."}),
       "1 Inledning: Arbetet har tre delar:\n1 Mobila team\n2 Fast vårdkontakt\n3 Trygg hemgång\n"
       "Delarna följs upp varje år.\n"},
      {lines_to_text({"Prioriteringar", "Regionen har prioriterat följande:", "Mobila team", "Fast vårdkontakt",
                      "Arbetet följs upp varje år."}),
       "Prioriteringar: Regionen har prioriterat följande:\nMobila team\nFast vårdkontakt\n"
       "Arbetet följs upp varje år.\n"},
  };
  for (const Case& c : cases) CHECK(render(c.doc, segment(c.doc)) == c.sections);
}

TEST_CASE("a line ending in ':' that leads in with 'följande' is never a heading") {
  CHECK(form_rules::is_colon_heading("Exempel på arbetet med mobila team:"));
  CHECK_FALSE(form_rules::is_colon_heading("Regionen har gjort följande:"));
  CHECK_FALSE(form_rules::is_colon_heading("Kommentar:"));
}

// Bullets and sentences.

TEST_CASE("a line after a lone bullet mark is a list item, not a heading") {
  auto doc = lines_to_text({"Mobila team", "Teamen har startat.", "•", "Hembesök hos äldre",
                            "Teamen följs upp varje månad."});
  CHECK(headings(segment(doc)) == "Mobila team");
}

TEST_CASE("a bulleted line is never a heading") {
  auto doc = lines_to_text({"Mobila team", "Teamen har startat.", "• Hembesök hos äldre",
                            "Teamen följs upp varje månad."});
  CHECK(headings(segment(doc)) == "Mobila team");
}

// Footnotes and notes.

TEST_CASE("each footnote form is a note of its section, never answer text or a section name") {
  struct Case {
    NormalizedText doc;
    std::string sections;
  };
  const Case cases[] = {
      // A number, a document and its registration number.
      {lines_to_text({"2.1 Samverkan", "Arbetet bygger på regionens handlingsplan.",
                      "1 Regionens handlingsplan för nära vård, dnr RS 2023-0456/12.", "2.2 Mobila team",
                      "Teamen gör hembesök."}),
       "2.1 Samverkan: Arbetet bygger på regionens handlingsplan.\n"
       "  [note] 1 Regionens handlingsplan för nära vård, dnr RS 2023-0456/12.\n"
       "2.2 Mobila team: Teamen gör hembesök.\n"},
      // A number and a URL whose tail (a PDF file name) wrapped onto a line of its own.
      {lines_to_text({"Uppföljning", "Socialstyrelsen följer upp överenskommelsen.",
                      "2 https://www.socialstyrelsen.se/globalassets/sharepoint-dokument/artikelkatalog/",
                      "Uppfoljning-god-och-nara-vard-2023.pdf", "Mobila team", "Fem kommuner deltar i mobila team."}),
       "Uppföljning: Socialstyrelsen följer upp överenskommelsen.\n"
       "  [note] 2 https://www.socialstyrelsen.se/globalassets/sharepoint-dokument/artikelkatalog/\n"
       "  [note] Uppfoljning-god-och-nara-vard-2023.pdf\n"
       "Mobila team: Fem kommuner deltar i mobila team.\n"},
      // A source note.
      {lines_to_text({"Andel med fast läkarkontakt", "Andelen har ökat till 42 procent.",
                      "Källa: Nationella patientenkäten 2023", "Trygg hemgång", "Modellen har införts i två kommuner."}),
       "Andel med fast läkarkontakt: Andelen har ökat till 42 procent.\n"
       "  [note] Källa: Nationella patientenkäten 2023\n"
       "Trygg hemgång: Modellen har införts i två kommuner.\n"},
  };
  for (const Case& c : cases) CHECK(render(c.doc, segment(c.doc)) == c.sections);
}

TEST_CASE("a footnote opened by a superscript mark is a note of its section, its URL no answer text") {
  NormalizedText doc = lines_to_text({"2.1 Gemensam målbild", "En målbild beslutades i mars 2023¹ och följs upp årligen.",
                                      "¹ https://www.region.se/download/18.4a5b/malbild-nara-vard-2023.pdf",
                                      "2.2 Handlingsplan", "Handlingsplanen omfattar mobila team.",
                                      "² Handlingsplan för nära vård 2023–2025"});
  CHECK(render(doc, segment(doc)) ==
        "2.1 Gemensam målbild: En målbild beslutades i mars 2023¹ och följs upp årligen.\n"
        "  [note] ¹ https://www.region.se/download/18.4a5b/malbild-nara-vard-2023.pdf\n"
        "2.2 Handlingsplan: Handlingsplanen omfattar mobila team.\n"
        "  [note] ² Handlingsplan för nära vård 2023–2025\n");
}

TEST_CASE("a sentence with a footnote number left after it is answer text, not a heading") {
  // A PDF whose superscript reference came out as " 1" after the sentence.
  NormalizedText doc = lines_to_text({"1 Inledning", "Region Värmland redovisar här arbetet.",
                                      "Redovisningen har tagits fram med länets 16 kommuner. 1", "2 Sammanfattning",
                                      "Mobila team har startat i Torsby."});
  CHECK(render(doc, segment(doc)) ==
        "1 Inledning: Region Värmland redovisar här arbetet.\nRedovisningen har tagits fram med länets 16 kommuner. 1\n"
        "2 Sammanfattning: Mobila team har startat i Torsby.\n");
  CHECK_FALSE(form_rules::is_heading_like("Vi har tre team. 2"));
  CHECK(form_rules::is_heading_like("Bilaga 2"));
}

TEST_CASE("a survey's questions copied into a report key their answers, the prompts never answer text") {
  NormalizedText doc = lines_to_text({"4 Svar på Socialstyrelsens frågor", "5a. Beskriv insatser för mobila team.",
                                      "Mobila team finns i Ystad.", "5b. Beskriv arbetet med fast vårdkontakt.",
                                      "5c. Beskriv arbetet med SIP.", "SIP upprättas.", "6. Trygg hemgång?", "Ja.",
                                      "7 Övrigt", "Vi har gjort tre saker:", "1. Mobila team har startats.",
                                      "2. SIP används."});
  CHECK(render(doc, segment(doc)) ==
        "5a: Mobila team finns i Ystad.\n5c: SIP upprättas.\n6: Ja.\n"
        "7 Övrigt: Vi har gjort tre saker:\n1. Mobila team har startats.\n2. SIP används.\n");
}

TEST_CASE("lines a reader marks as table rows are body text, however short") {
  NormalizedText doc = lines_to_text({"1 Läget i kommunerna", "Kommun Mobila team Trygg hemgång",
                                      "Östersund Ja Ja", "Krokom Nej Ja"});
  doc.heading_levels = {0, kNotAHeading, kNotAHeading, kNotAHeading};
  CHECK(render(doc, segment(doc)) ==
        "1 Läget i kommunerna: Kommun Mobila team Trygg hemgång\nÖstersund Ja Ja\nKrokom Nej Ja\n");
}

TEST_CASE("a table's question cells a reader marks key the lines after them, by id when numbered, never answer text") {
  NormalizedText doc = lines_to_text({"Uppföljning 2023", "Arbetet följs upp varje år.", "Fråga", "Svar",
                                      "Beskriv arbetet med mobila team.", "Teamen besöker äldre i hemmet.",
                                      "Två team finns.", "Hur arbetar ni med SIP?", "5a. Andel med fast vårdkontakt",
                                      "42 procent.", "Sammanfattningsvis har arbetet gått framåt."});
  doc.heading_levels = {1, 0, kTableQuestion, kTableQuestion, kTableQuestion, kNotAHeading, kNotAHeading,
                        kTableQuestion, kTableQuestion, kNotAHeading, 0};
  // The paragraph after the table is the surrounding section's again.
  CHECK(render(doc, segment(doc)) ==
        "Uppföljning 2023: Arbetet följs upp varje år.\n"
        "Beskriv arbetet med mobila team.: Teamen besöker äldre i hemmet.\nTvå team finns.\n5a: 42 procent.\n"
        "Uppföljning 2023: Sammanfattningsvis har arbetet gått framåt.\n");
}

TEST_CASE("in a survey, a table question's answer ends with the table: the next line the reader did not mark is none of it") {
  NormalizedText doc = lines_to_text({"Uppföljning god och nära vård 2023", "Enkät till kommuner", "Kommun: Falun",
                                      "1. Hur arbetar ni med SIP?", "Vi använder SIP i alla ärenden.",
                                      "2. Vilka team finns?", "Mobila team.", "Tack för dina svar."});
  doc.heading_levels = {0, 0, 0, kTableQuestion, kNotAHeading, kTableQuestion, kNotAHeading, 0};
  CHECK(render(doc, segment(doc)) == "1: Vi använder SIP i alla ärenden.\n2: Mobila team.\n");
}

TEST_CASE("in a survey, a table question's cells give its numeric items, leave out help, and an unnumbered question keys its own") {
  NormalizedText doc = lines_to_text({"Uppföljning god och nära vård 2023", "Enkät till kommuner", "Kommun: Falun",
                                      "1. Hur många mobila team finns?", "Antal team: 14", "Varav akuta: 2",
                                      "2. Beskriv arbetet med SIP.", "Beskriv med max 5000 tecken.", "Vi har SIP.",
                                      "Beskriv trygg hemgång.", "Ett team."});
  doc.heading_levels = {0, 0, 0, kTableQuestion, kNotAHeading, kNotAHeading, kTableQuestion, kNotAHeading,
                        kNotAHeading, kTableQuestion, kNotAHeading};
  const SegmentedDocument seg = segment(doc);
  CHECK(render(doc, seg) == "2: Vi har SIP.\nBeskriv trygg hemgång.: Ett team.\n");
  REQUIRE(seg.numbers.size() == 2);
  CHECK(seg.numbers[0].question == "1");
  CHECK(seg.numbers[0].value == Approx(14));
}

TEST_CASE("in a survey, a table question whose answer cell is empty is answered by the text written under the table") {
  NormalizedText doc = lines_to_text({"Uppföljning god och nära vård 2023", "Enkät till kommuner", "Kommun: Falun",
                                      "1. Hur arbetar ni med SIP?", "Vi använder SIP i alla ärenden.",
                                      "2. Beskriv mobila team.", "Två team."});
  doc.heading_levels = {0, 0, 0, kTableQuestion, 0, 0, 0};
  CHECK(render(doc, segment(doc)) == "1: Vi använder SIP i alla ärenden.\n2: Två team.\n");
}

TEST_CASE("a survey question in a heading style keys its section by its id, as in a form") {
  NormalizedText doc = lines_to_text({"Frisvarsfrågor", "Fråga 41) Beskriv fritt insatser inom ambulanssjukvården.",
                                      "En bedömningsbil har startats."});
  doc.heading_levels = {1, 2, 0};
  const SegmentedDocument seg = segment(doc);
  CHECK(render(doc, seg) == "41: En bedömningsbil har startats.\n");
  REQUIRE(seg.answers.size() == 1);
  CHECK(seg.answers[0].question_text == "Beskriv fritt insatser inom ambulanssjukvården.");
}

TEST_CASE("rows of figures under a paragraph stay the section's text, not headings of empty sections") {
  const NormalizedText doc = lines_to_text({"2.2 SIP och utskrivningsprocessen",
                                            "Antalet genomförda SIP ökade under året.", "Insats 2022 2023",
                                            "Antal SIP 6 100 7 400", "Kommuner med trygg hemgång 14 20", "",
                                            "3 Mobila team", "Mobila vårdteam finns i sju områden."});
  CHECK(render(doc, segment(doc)) ==
        "2.2 SIP och utskrivningsprocessen: Antalet genomförda SIP ökade under året.\nInsats 2022 2023\n"
        "Antal SIP 6 100 7 400\nKommuner med trygg hemgång 14 20\n3 Mobila team: Mobila vårdteam finns i sju områden.\n");
  CHECK_FALSE(form_rules::is_heading_like("Kommuner med trygg hemgång 14 20"));
  CHECK_FALSE(form_rules::is_heading_like("Nässjö kommun har fokuserat på kompetens och har"));
  CHECK(form_rules::is_heading_like("Uppföljning 2023"));
}

TEST_CASE("in a survey, a table's question cells are questions whatever order their numbers come in") {
  NormalizedText doc = lines_to_text({"Enkät till regioner, uppföljning god och nära vård 2024",
                                      "12 b) Beskriv samverkan.", "Vi samverkar.", "5. Beskriv SIP.", "Gemensamt nätverk."});
  doc.heading_levels = {0, kTableQuestion, kNotAHeading, kTableQuestion, kNotAHeading};
  CHECK(render(doc, segment(doc)) == "12b: Vi samverkar.\n5: Gemensamt nätverk.\n");
}

TEST_CASE("a table's answer cell is its answer however short, and a question's further lines are its text, no key") {
  NormalizedText doc = lines_to_text({"Vilka team finns?", "Två", "Har ni en handlingsplan?", "Ja",
                                      "Beskriv prevention.", "Svara kortfattat.", "Hälsosamtal."});
  doc.heading_levels = {kTableQuestion, kNotAHeading, kTableQuestion, kNotAHeading,
                        kTableQuestion, kTableQuestionGoesOn, kNotAHeading};
  const SegmentedDocument seg = segment(doc);
  CHECK(render(doc, seg) == "Vilka team finns?: Två\nHar ni en handlingsplan?: Ja\nBeskriv prevention.: Hälsosamtal.\n");
  REQUIRE(seg.answers.size() == 3);
  CHECK(seg.answers[2].question_text == "Beskriv prevention. Svara kortfattat.");
}

TEST_CASE("a table question asking for a number whose cell is a lone value gives a numeric item, no answer") {
  NormalizedText doc = lines_to_text({"Ange antal mobila team", "14", "Har ni en handlingsplan?", "Ja"});
  doc.heading_levels = {kTableQuestion, kNotAHeading, kTableQuestion, kNotAHeading};
  const SegmentedDocument seg = segment(doc);
  CHECK(render(doc, seg) == "Har ni en handlingsplan?: Ja\n");
  REQUIRE(seg.numbers.size() == 1);
  CHECK(seg.numbers[0].label == "Ange antal mobila team");
  CHECK(seg.numbers[0].value == 14);
  CHECK(doc.text.substr(seg.numbers[0].norm.begin, seg.numbers[0].norm.size()) == "14");
}

TEST_CASE("footnote forms are notes, while a heading, a list item and a sentence starting with a figure are not") {
  using form_rules::FormLine;
  CHECK(form_rules::is(FormLine::Note, "3 https://www.skr.se/rapport.pdf"));
  CHECK(form_rules::is(FormLine::Note, "1 Socialstyrelsen. Uppföljning av god och nära vård 2023."));
  CHECK(form_rules::is(FormLine::Note, "4 Prop. 2019/20:164 Inriktningen för en nära vård"));
  CHECK(form_rules::is(FormLine::Note, "Källor: SCB och Socialstyrelsen"));
  CHECK(form_rules::is(FormLine::Note, "rapport_god_och_nara_vard_2023.pdf"));
  CHECK_FALSE(form_rules::is(FormLine::Note, "3 Resultat"));
  CHECK_FALSE(form_rules::is(FormLine::Note, "3 Uppföljning 2019-2022"));
  CHECK_FALSE(form_rules::is(FormLine::Note, "1. Mobila team har startats."));
  CHECK_FALSE(form_rules::is(FormLine::Note, "12 kommuner deltar i arbetet."));
  CHECK_FALSE(form_rules::is(FormLine::Note, "Hemsjukvård/hemtjänst"));
}

// Page breaks.

TEST_CASE("a heading after a footnote at the foot of a page starts a section") {
  NormalizedText doc = normalize(
      "3.1 Mobila team\n"
      "Teamen har gjort fler hembesök under året än under 2022 enligt regionens uppföljning.\n"
      "5 Regionens uppföljning av mobila team, dnr RS 2023-0456\n"
      "Sida 7\n"
      "\f"
      "Samordnad individuell plan\n"
      "Antalet SIP har ökat i alla kommuner.\n");
  const auto seg = segment(doc);
  CHECK(headings(seg) == "3.1 Mobila team | Samordnad individuell plan");
  REQUIRE(seg.answers.size() == 2);
  CHECK(seg.answers[0].notes.size() == 1);
}

TEST_CASE("a numbered heading after a page break starts a section") {
  NormalizedText doc = normalize(
      "4.2 Fast vårdkontakt\n"
      "Alla vårdcentraler erbjuder fast vårdkontakt till listade patienter i regionen.\n"
      "Sida 8\n"
      "\f"
      "4.3 Trygg hemgång\n"
      "Modellen har införts i två kommuner.\n");
  CHECK(headings(segment(doc)) == "4.2 Fast vårdkontakt | 4.3 Trygg hemgång");
}

TEST_CASE("a numbered heading after a page footer 'Sida 2 (8)' is neither joined to it nor lost") {
  NormalizedText doc = normalize(
      "1 Inledning\n"
      "Arbetet har bedrivits i samverkan med regionen och följs upp varje halvår.\n"
      "Sida 2 (8)\n"
      "2 Utvecklingsområden\n"
      "2.1 Samverkan mellan kommun och region\n"
      "Kommunerna och regionen har en gemensam handlingsplan.\n");
  CHECK(doc.furniture_lines_removed == 1);
  CHECK(render(doc, segment(doc)) ==
        "1 Inledning: Arbetet har bedrivits i samverkan med regionen och följs upp varje halvår.\n"
        "2.1 Samverkan mellan kommun och region: Kommunerna och regionen har en gemensam handlingsplan.\n");
}

TEST_CASE("a numbered heading after a bulleted line starts a section of its own") {
  NormalizedText doc = normalize(
      "2.2.1 Samordnad individuell plan\n"
      "Arbetet har omfattat:\n"
      "• en gemensam rutin för kallelser\n"
      "2.2.2 Trygg hemgång\n"
      "Modellen har införts i två kommuner.\n");
  CHECK(headings(segment(doc)) == "2.2.1 Samordnad individuell plan | 2.2.2 Trygg hemgång");
}

TEST_CASE("a table of contents is no answer text") {
  auto doc = lines_to_text({"Innehåll", "1 Inledning ........................ 3", "2 Mobila team ...................... 4",
                            "1 Inledning", "Rapporten beskriver arbetet under 2023."});
  CHECK(render(doc, segment(doc)) ==
        "1 Inledning: Rapporten beskriver arbetet under 2023.\n"
        "  [note] 1 Inledning ........................ 3\n"
        "  [note] 2 Mobila team ...................... 4\n");
}

// A heading is never a mention.

TEST_CASE("a section heading naming a theme gives no mention, its body does") {
  SourceFile f;
  f.path = f.name = "rapport.txt";
  f.bytes =
      "3.2.3 Exempel på hur kommunerna har utvecklat arbetet med mobila team:\n"
      "I Falun gör teamen hembesök hos äldre. Mobila team finns nu i fem kommuner.\n"
      "1 Rapport om mobila team i Dalarna, dnr RD 2023-0456/12.\n";
  f.sha256 = sha256_hex(f.bytes);
  ThemeTagger tagger(test::shipped_matcher());
  AnalysisContext context;
  context.tagger = &tagger;
  Diagnostics warnings;
  const IndexedFile out = analyze_source(f, context, warnings);
  REQUIRE(out.answers.size() == 1);
  const AnswerRecord& a = out.answers[0];
  CHECK(a.question == "3.2.3 Exempel på hur kommunerna har utvecklat arbetet med mobila team:");
  REQUIRE(a.mentions.size() == 1);
  CHECK(a.mentions[0].text == "Mobila team");
  CHECK(a.mentions[0].span.begin == f.bytes.find("Mobila team"));
  REQUIRE(a.notes.size() == 1);
  CHECK(a.notes[0].text == "1 Rapport om mobila team i Dalarna, dnr RD 2023-0456/12.");
  CHECK(a.notes[0].span.begin == f.bytes.find("1 Rapport"));
  CHECK(a.notes[0].location.line == 3u);
}

// Cover pages.

TEST_CASE("a letterhead line above a report's title is no part of its own") {
  auto doc = lines_to_text({"Region Norrbotten", "Redovisning av arbetet med god och nära vård 2023",
                            "1 Sammanfattning", "Regionen har fortsatt att utveckla primärvården som nav.",
                            "2 Digitalisering", "Digitala vårdmöten används allt mer."});
  const auto seg = segment(doc);
  REQUIRE(seg.parts.size() == 1);
  CHECK(seg.parts[0].layout == LayoutKind::Report);
  CHECK(seg.parts[0].respondent.name == "Region Norrbotten");
  CHECK(headings(seg) == "1 Sammanfattning | 2 Digitalisering");
}

// Decision parts.

TEST_CASE("a committee decision in front of a survey is a part of its own of kind decision") {
  auto doc = lines_to_text({"Information om överenskommelsen God och nära vård", "Förslag till beslut",
                            "Nämnden beslutar att", "• anteckna informationen", "Bakgrund",
                            "Regionen redovisar sitt arbete till Socialstyrelsen.", kSurveyTitle,
                            "Denna redovisning avser Region Halland", "1. Beskriv arbetet.",
                            "Beskriv med max 1000 tecken.", "Regionen har startat mobila team."});
  const auto seg = segment(doc);
  REQUIRE(seg.parts.size() == 2);
  CHECK(seg.parts[0].layout == LayoutKind::Decision);
  CHECK(std::string(to_string(seg.parts[0].layout)) == "decision");
  CHECK(seg.parts[1].layout == LayoutKind::Survey);
  REQUIRE(seg.answers.size() == 3);
  CHECK(seg.answers[0].question == "Förslag till beslut");
  CHECK(seg.answers[2].part == 1);
}

TEST_CASE("a survey naming no respondent is answered by the committee whose decision sends it") {
  auto doc = lines_to_text({"Tjänsteskrivelse", "Socialnämnden i Ljusdals kommun", "Förslag till beslut",
                            "Socialnämnden beslutar att godkänna redovisningen och översända den till Socialstyrelsen.",
                            "Bakgrund", "Kommunerna redovisar sitt arbete via en enkät.",
                            "Uppföljning av god och nära vård 2023", "Enkät till kommunerna",
                            "1. Beskriv hur samverkan med regionen har utvecklats.",
                            "Samverkan har fördjupats genom gemensamma mobila team."});
  const auto seg = segment(doc);
  REQUIRE(seg.parts.size() == 2);
  CHECK(seg.parts[0].layout == LayoutKind::Decision);
  CHECK(seg.parts[0].respondent.name == "Ljusdals kommun");
  CHECK(seg.parts[0].provenance.respondent.rule == "cover_page");
  REQUIRE(seg.parts[1].layout == LayoutKind::Survey);
  CHECK(seg.parts[1].respondent.name == "Ljusdals kommun");
  CHECK(seg.parts[1].respondent.type == RespondentType::Kommun);
  CHECK(seg.parts[1].provenance.respondent.rule == "decision_in_front");
  REQUIRE(seg.parts[1].provenance.respondent.span);
  CHECK(doc.text.substr(seg.parts[1].provenance.respondent.span->begin,
                        seg.parts[1].provenance.respondent.span->size()) == "Ljusdals kommun");
}

TEST_CASE("a survey that names its own respondent keeps it after a decision naming another") {
  auto doc = lines_to_text({"Regionstyrelsen i Region Halland", "Förslag till beslut",
                            "Regionstyrelsen beslutar att anteckna informationen.", "Bakgrund",
                            "Länets redovisningar bifogas.",
                            "Enkät till regionala samverkans- och stödstrukturer, uppföljning god och nära vård 2023",
                            "Denna redovisning avser Hallands län", "1. Beskriv arbetet.",
                            "Beskriv med max 1000 tecken.", "Kommunerna har startat mobila team."});
  const auto seg = segment(doc);
  REQUIRE(seg.parts.size() == 2);
  CHECK(seg.parts[0].respondent.name == "Region Halland");
  CHECK(seg.parts[1].respondent.name == "RSS Halland");
  CHECK(seg.parts[1].provenance.respondent.rule != "decision_in_front");
}

TEST_CASE("a cover letter in front of a survey is a decision part") {
  auto doc = lines_to_text({"Följebrev", "Här kommer kommunernas gemensamma redovisning för 2023.",
                            "Med vänlig hälsning", "Anna Andersson", kSurveyTitle,
                            "Denna redovisning avser Region Halland", "1. Beskriv arbetet.",
                            "Beskriv med max 1000 tecken.", "Regionen har startat mobila team."});
  const auto seg = segment(doc);
  REQUIRE(seg.parts.size() == 2);
  CHECK(seg.parts[0].layout == LayoutKind::Decision);
}

TEST_CASE("a report that quotes a decision without a survey after it stays a report") {
  auto doc = lines_to_text({"Förslag till beslut", "Nämnden beslutar att godkänna rapporten.", "Bakgrund",
                            "Regionen har startat mobila team i tre kommuner."});
  const auto seg = segment(doc);
  REQUIRE(seg.parts.size() == 1);
  CHECK(seg.parts[0].layout == LayoutKind::Report);
}

TEST_CASE("prose in front of a survey without decision wording stays a report") {
  auto doc = lines_to_text({"Bakgrund", "Regionen har arbetat med nära vård sedan 2019.", kSurveyTitle,
                            "Denna redovisning avser Region Halland", "1. Beskriv arbetet.",
                            "Beskriv med max 1000 tecken.", "Regionen har startat mobila team."});
  CHECK(segment(doc).parts[0].layout == LayoutKind::Report);
}

TEST_CASE("a decision part is searched but left out of listings and report tallies unless asked for") {
  test::TempDir tmp;
  const std::string dir = tmp / "index";
  const IndexedFile file = analysed("beslut_och_enkat.txt", kDecisionAndSurvey);
  REQUIRE(file.answers.size() == 3);
  CHECK(file.answers[0].layout == LayoutKind::Decision);
  store(dir, file);
  auto reader = IndexReader::open(dir);
  REQUIRE(reader.ok());
  RecordFilter counted;
  CHECK(reader.value()->answers(counted).size() == 1);
  auto tallies = reader.value()->answer_tallies(counted);
  REQUIRE(tallies);
  std::size_t answers = 0;
  for (const AnswerTally& t : *tallies) answers += t.answers;
  CHECK(answers == 1);
  RecordFilter all;
  all.include_decisions = true;
  CHECK(reader.value()->answers(all).size() == 3);
  CHECK_FALSE(reader.value()->answer_tallies(all));
  CHECK(search_snippets(dir, "hemsjukvård") ==
        "Nämnden beslutar att anteckna informationen om kommunernas «hemsjukvård».");
}

TEST_CASE("a section's heading and notes are searchable though they are not its text") {
  test::TempDir tmp;
  const std::string dir = tmp / "index";
  store(dir, analysed("rapport.txt",
                      "2.3 Digitala vårdmöten i hemmet\n"
                      "Teamen använder surfplattor vid hembesök.\n"
                      "4 Se regionens digitaliseringsplan, dnr RS 2022-1234/5.\n"));
  CHECK(search_snippets(dir, "vårdmöten") == "2.3 Digitala «vårdmöten» i hemmet");
  CHECK(search_snippets(dir, "digitaliseringsplan") == "4 Se regionens «digitaliseringsplan», dnr RS 2022-1234/5.");
  CHECK(search_snippets(dir, "surfplattor") == "Teamen använder «surfplattor» vid hembesök.");
}

// ---- headings the document marks itself (Word styles, PDF large type) ------

namespace {

// `text` normalised with the lines holding `marked` marked as level-1
// headings, as a reader that found them would hand them over.
NormalizedText with_marked_headings(const std::string& text, const std::vector<std::string>& marked) {
  static std::vector<TextHeading> headings;
  headings.clear();
  for (const std::string& m : marked) {
    const std::size_t at = text.find(m);
    REQUIRE(at != std::string::npos);
    headings.push_back({{at, at + m.size()}, 1});
  }
  NormalizeOptions options;
  options.headings = &headings;
  return normalize(text, options);
}

}  // namespace

TEST_CASE("a line the document marks as a heading heads a section even where the layout rules would not see one") {
  // "Resultat." ends in a full stop and "Samverkan med kommunerna" follows an
  // unfinished line: neither is a heading by its shape alone.
  const std::string text =
      "Inledning\nVi har arbetat med mobila team under året och\nSamverkan med kommunerna\n"
      "Arbetet har gått bra.\nResultat.\nTeamet har haft 200 besök.\n";
  const NormalizedText doc = with_marked_headings(text, {"Inledning", "Samverkan med kommunerna", "Resultat."});
  CHECK(headings(segment(doc)) == "Inledning | Samverkan med kommunerna | Resultat.");
}

TEST_CASE("a long sentence styled as a heading stays body text") {
  const std::string sentence =
      "Under året har regionen och länets kommuner tillsammans byggt upp mobila team som når patienter i "
      "hemmet dygnet runt.";
  const std::string text = "Mobila team\n" + sentence + "\nFler patienter vårdas hemma.\n";
  const NormalizedText doc = with_marked_headings(text, {"Mobila team", sentence});
  CHECK(headings(segment(doc)) == "Mobila team");
}

TEST_CASE("without marks the layout rules alone decide, as for plain text") {
  const std::string text = "Inledning\nVi har arbetat med mobila team.\nResultat.\nTeamet har haft 200 besök.\n";
  CHECK(headings(segment(normalize(text))) == "Inledning");
}
