// Segmentation: which lines of a form or report are respondent text.
// Inputs are logical lines, as normalisation leaves them.

#include <catch2/catch.hpp>

#include <thread>

#include "analyzer/segment/lazy_pattern.hpp"
#include "analyzer/segment/respondent_detector.hpp"
#include "analyzer/segment/segmenter.hpp"
#include "analyzer/segment/swedish_form_rules.hpp"
#include "tests/support/normalized_lines.hpp"

using namespace analyzer;
using analyzer::test::lines_to_text;

namespace {

std::string answer_text(const NormalizedText& doc, const SegmentedAnswer& a) {
  std::string out;
  for (const auto& p : a.pieces) {
    if (!out.empty()) out += '\n';
    out += doc.text.substr(p.begin, p.size());
  }
  return out;
}

// "question: text" per answer, one per line: a failure reads as a diff.
std::string render(const NormalizedText& doc, const SegmentedDocument& seg) {
  std::string out;
  for (const auto& a : seg.answers) out += a.question + ": " + answer_text(doc, a) + "\n";
  return out;
}

const std::string kTitle = "Enkät till regioner, uppföljning god och nära vård 2023";

}  // namespace

TEST_CASE("an open question's answer is the text after its character limit") {
  auto doc = lines_to_text({kTitle, "5a. Beskriv insatser som prioriterats under året.",
                            "Beskriv med max 3000 tecken.", "Vi har infört mobila team.",
                            "Teamen arbetar dygnet runt."});
  auto seg = segment(doc);
  CHECK(render(doc, seg) == "5a: Vi har infört mobila team.\nTeamen arbetar dygnet runt.\n");
  REQUIRE(seg.answers.size() == 1);
  CHECK(seg.answers[0].question_text == "Beskriv insatser som prioriterats under året.");
}

TEST_CASE("yes/no options are not answers but the field under them is") {
  auto doc = lines_to_text({kTitle, "2. Har regionen breddinfört något under 2023?", "Ja", "Nej",
                            "Om ja, beskriv vad som har införts:", "• Riktade hälsosamtal.",
                            "• Fast vårdkontakt i alla vårdcentraler."});
  CHECK(render(doc, segment(doc)) ==
        "2: • Riktade hälsosamtal.\n• Fast vårdkontakt i alla vårdcentraler.\n");
}

TEST_CASE("a blank questionnaire yields no answers") {
  auto doc = lines_to_text(
      {"Slutredovisning av kommunernas arbete inom ramen för god och nära vård 2022",
       "1. Finns det en beslutad länsgemensam målbild?", "Ja ☐", "Nej ☐",
       "Lämna gärna en kommentar här:", "Klicka eller tryck här för att ange text.",
       "3. Beskriv hur systemledningen följer upp förflyttningen mot målbilden.",
       "Klicka eller tryck här för att ange text."});
  auto seg = segment(doc);
  CHECK(seg.answers.empty());
  CHECK(seg.numbers.empty());
}

TEST_CASE("an option list after 'Du kan välja flera svarsalternativ' yields no answer") {
  auto doc = lines_to_text({kTitle, "1. Ange områden eller arbetssätt som regionen förstärkt.",
                            "Du kan välja flera svarsalternativ.", "Fast läkarkontakt",
                            "Fast vårdkontakt", "Mobila team inom regionens verksamheter"});
  CHECK(segment(doc).answers.empty());
}

namespace {

std::vector<RunningLine> running_of(std::initializer_list<const char*> texts) {
  std::vector<RunningLine> out;
  for (const char* t : texts) out.push_back({t, {}, std::nullopt});
  return out;
}

}  // namespace

TEST_CASE("a lone value answering a prompt that asks for a number is a numeric item, answering Beskriv it stays text") {
  const auto n = form_rules::numeric_answer("Antal SIP upprättade i länet 2024, ange antal:", "1 180");
  REQUIRE(n);
  CHECK(n->label == "Antal SIP upprättade i länet 2024, ange antal");
  CHECK(n->value == 1180);
  CHECK(n->value_text == "1 180");
  CHECK(form_rules::numeric_answer("Hur många mobila team finns i regionen?", "14 st")->value == 14);
  CHECK(form_rules::numeric_answer("Andel patienter med fast vårdkontakt", "62 %")->value == 62);
  CHECK_FALSE(form_rules::numeric_answer("Beskriv arbetet med SIP.", "14"));
  CHECK_FALSE(form_rules::numeric_answer("Antal SIP, ange antal:", "cirka 30"));
  CHECK_FALSE(form_rules::numeric_answer("Antal SIP, ange antal:", "2019 2022"));
}

TEST_CASE("a report naming no author takes its respondent and year from its running header") {
  const NormalizedText doc = (lines_to_text({"Inledning", "Kommunerna har infört mobila team under året."}));
  const SegmentedDocument seg = segment(doc, running_of({"Sida 1", "Region Gävleborg", "God och nära vård 2023"}));
  REQUIRE(seg.parts.size() == 1);
  const DocumentPart& p = seg.parts[0];
  CHECK(p.respondent.name == "Region Gävleborg");
  CHECK(p.respondent.type == RespondentType::Region);
  CHECK(p.respondent.region == "Gävleborg");
  CHECK(p.respondent.year == 2023);
  CHECK(p.provenance.respondent.rule == "page_header");
  CHECK(p.provenance.respondent.text == "Region Gävleborg");
  CHECK(p.provenance.respondent.line_index == 1u);
  CHECK_FALSE(p.provenance.respondent.span);
  CHECK(p.provenance.year.rule == "page_header");
  CHECK(p.provenance.year.line_index == 2u);
}

TEST_CASE("an RSS survey in a document headed by its region takes the region only") {
  const NormalizedText doc = (lines_to_text(
      {"Enkät till regionala samverkans- och stödstrukturer (RSS), uppföljning god och nära vård 2023",
       "1. Beskriv arbetet med SIP.", "Beskriv med max 3000 tecken.", "Vi har gemensamma riktlinjer."}));
  const SegmentedDocument seg = segment(doc, running_of({"Region Halland"}));
  REQUIRE(seg.parts.size() == 1);
  const DocumentPart& p = seg.parts[0];
  CHECK(p.respondent.type == RespondentType::Rss);
  CHECK(p.respondent.name == "RSS Halland");
  CHECK(p.provenance.type.rule == "form_title");
  CHECK(p.provenance.region.rule == "page_header");
  CHECK(p.provenance.respondent.rule == "type_and_region");
}

TEST_CASE("a part that names its author keeps it whatever the running header says") {
  const NormalizedText doc = (lines_to_text({"Denna rapport har sammanställts av RSS Dalarna.",
                                                      "Inledning", "Kommunerna har infört mobila team."}));
  const SegmentedDocument seg = segment(doc, running_of({"Region Gävleborg"}));
  REQUIRE(seg.parts.size() == 1);
  CHECK(seg.parts[0].respondent.name == "RSS Dalarna");
  CHECK(seg.parts[0].provenance.respondent.rule == "authorship");
}

TEST_CASE("what a running header only guesses is not taken") {
  const NormalizedText doc = (lines_to_text({"Inledning", "Kommunerna har infört mobila team."}));
  const SegmentedDocument seg = segment(doc, running_of({"Samverkan med Region Skåne och kommunerna"}));
  REQUIRE(seg.parts.size() == 1);
  INFO(describe(seg.parts[0].provenance.respondent) << " / " << describe(seg.parts[0].provenance.region));
  CHECK(seg.parts[0].respondent.name.empty());
  CHECK(seg.parts[0].provenance.region.rule != "page_header");
}

TEST_CASE("numeric items become structured records, not answer text") {
  auto doc = lines_to_text(
      {kTitle, "1. Ange hur många kommuner som initierat nedanstående områden.",
       "Om svaret är noll, skriv 0.", "Fast vårdkontakt, ange antal: 5",
       "Mobila team i samverkan med region, ange antal: 0", "Barn och unga: 1"});
  auto seg = segment(doc);
  CHECK(seg.answers.empty());
  REQUIRE(seg.numbers.size() == 3);
  CHECK(seg.numbers[0].question == "1");
  CHECK(seg.numbers[0].label == "Fast vårdkontakt, ange antal");
  CHECK(seg.numbers[0].value == 5);
  CHECK(seg.numbers[2].label == "Barn och unga");
}

TEST_CASE("numeric item labels may start with a bracket, a quote, a sign, a digit or lower case") {
  auto doc = lines_to_text({kTitle, "1. Ange hur många kommuner som initierat nedanstående områden.",
                            "Om svaret är noll, skriv 0.", "(varav akut): 2", "\"Trygg hemgång\": 3",
                            "=Summa team: 4", "<18 år: 6", "barn och unga: 7", "65 år och äldre: 8"});
  auto seg = segment(doc);
  CHECK(seg.answers.empty());
  std::vector<std::string> labels;
  for (const auto& n : seg.numbers) labels.push_back(n.label + "=" + n.value_text);
  CHECK(labels == std::vector<std::string>{"(varav akut)=2", "\"Trygg hemgång\"=3", "=Summa team=4", "<18 år=6",
                                           "barn och unga=7", "65 år och äldre=8"});
}

TEST_CASE("a value with space-separated groups of three digits is a numeric item with the number and the text as written") {
  // Plain spaces, a no-break space (U+00A0) and a narrow no-break space (U+202F).
  const std::string nbsp = "\xC2\xA0", nnbsp = "\xE2\x80\xAF";
  auto doc = lines_to_text({kTitle, "1. Ange hur många kommuner som initierat nedanstående områden.",
                            "Om svaret är noll, skriv 0.", "Fast vårdkontakt, ange antal: 1 250",
                            "Fast vårdkontakt 2, ange antal: 1 250", "(varav akut): 12 500",
                            "Hemtjänst, ange antal: 1" + nbsp + "250" + nnbsp + "000", "Antal besök 1 250 000",
                            "Andel i procent: 1 250,5 %"});
  auto seg = segment(doc);
  CHECK(render(doc, seg).empty());
  std::vector<std::string> labels;
  std::vector<double> values;
  for (const auto& n : seg.numbers) {
    labels.push_back(n.label + "=" + n.value_text);
    values.push_back(n.value);
  }
  CHECK(labels == std::vector<std::string>{"Fast vårdkontakt, ange antal=1 250", "Fast vårdkontakt 2, ange antal=1 250",
                                           "(varav akut)=12 500", "Hemtjänst, ange antal=1" + nbsp + "250" + nnbsp + "000",
                                           "Antal besök=1 250 000", "Andel i procent=1 250,5"});
  CHECK(values == std::vector<double>{1250, 1250, 12500, 1250000, 1250000, 1250.5});
}

TEST_CASE("two years, digits not in groups of three, a first group with a leading zero or more than nine digits are no thousands-separated value") {
  CHECK_FALSE(form_rules::numeric_item("Period: 2019 2022"));
  CHECK_FALSE(form_rules::numeric_item("Mobila team: 5 10"));
  CHECK_FALSE(form_rules::numeric_item("Antal: 1 25"));
  CHECK_FALSE(form_rules::numeric_item("Antal: 1 2500"));
  CHECK_FALSE(form_rules::numeric_item("Antal: 1  250"));
  CHECK_FALSE(form_rules::numeric_item("Mottagning: 070 123 456"));
  CHECK_FALSE(form_rules::numeric_item("Antal: 1 250 000 000"));  // ten digits, as "1250000000"
  CHECK(form_rules::numeric_item("Antal: 250 000"));
  CHECK(form_rules::numeric_item("Antal: 999 999 999"));
}

TEST_CASE("a line of digits and signs only, or a bulleted line, is no numeric item") {
  CHECK_FALSE(form_rules::numeric_item("2023-01-01: 5"));
  CHECK_FALSE(form_rules::numeric_item("• Antal: 5"));
  CHECK_FALSE(form_rules::numeric_item("- Antal: 5"));
  CHECK(form_rules::numeric_item("Antal: 5"));
}

TEST_CASE("a percentage item with its comment gives a number and an answer") {
  auto doc = lines_to_text({kTitle, "22. Hur stor andel av befolkningen hade en fast läkarkontakt?",
                            "Gör en uppskattning.", "Andelen kan inte uppskattas",
                            "Andel i procent 65", "Kommentar:", "Det är en ökning med 20 procent."});
  auto seg = segment(doc);
  REQUIRE(seg.numbers.size() == 1);
  CHECK(seg.numbers[0].label == "Andel i procent");
  CHECK(seg.numbers[0].value_text == "65");
  CHECK(render(doc, seg) == "22: Det är en ökning med 20 procent.\n");
}

TEST_CASE("a quoted agreement box and the section heading before it are not answer text") {
  auto doc = lines_to_text({kTitle, "5a. Beskriv insatser under året.", "Beskriv med max 3000 tecken.",
                            "Vi arbetar med SIP.", "Samverkan mellan regioner och kommuner",
                            "Från Överenskommelsen:", "Regioner och kommuner ska arbeta för samverkan.",
                            "6. Beskriv samverkan.", "Beskriv med max 3000 tecken.",
                            "Samverkan sker veckovis."});
  CHECK(render(doc, segment(doc)) == "5a: Vi arbetar med SIP.\n6: Samverkan sker veckovis.\n");
}

TEST_CASE("an inline field answer after a sub-label is kept, the label is not") {
  auto doc = lines_to_text({kTitle, "38. För vilka inriktningar erbjuds studier?",
                            "Du kan välja flera svarsalternativ.", "Distriktssköterska",
                            "Annan inriktning, ange vilken: Barnmorska"});
  CHECK(render(doc, segment(doc)) == "38: Barnmorska\n");
}

TEST_CASE("an option printed after a field's text ends the field") {
  auto doc = lines_to_text({kTitle, "1. Ange områden som regionen förstärkt.",
                            "Du kan välja flera svarsalternativ.", "Fast vårdkontakt",
                            "Annan målgrupp, ange vilken/vilka:", "• 40 åringar riktade hälsosamtal.",
                            "Äldremottagningar", "Lämna gärna en kommentar:"});
  CHECK(render(doc, segment(doc)) == "1: • 40 åringar riktade hälsosamtal.\n");
}

TEST_CASE("an open question answered right under its prompt keeps that answer") {
  auto doc = lines_to_text({kTitle, "21. Hur kan patienter få information om sina fasta kontakter?",
                            "Via 1177.se", "22. Har regionen rutiner?", "Ja", "Nej"});
  CHECK(render(doc, segment(doc)) == "21: Via 1177.se\n");
}

TEST_CASE("a yes/no question answered in a sentence right under its prompt keeps that answer, short options do not") {
  auto doc = lines_to_text({"Uppföljning av god och nära vård 2023", "Enkät till kommunerna",
                            "1. Har kommunen en beslutad plan för omställningen till nära vård?",
                            "Ja, planen beslutades av kommunfullmäktige i juni 2023.",
                            "2. Har kommunen mobila team?", "Ja, men arbete pågår", "Nej",
                            "3. Finns det en gemensam rutin för utskrivning?", "Ja.",
                            "4. Har kommunen infört trygg hemgång?", "Nej",
                            "Kommunen planerar att införa trygg hemgång under 2024 tillsammans med regionen."});
  CHECK(render(doc, segment(doc)) == "1: Ja, planen beslutades av kommunfullmäktige i juni 2023.\n");
}

TEST_CASE("help lines under an open prompt are not part of its answer") {
  auto doc = lines_to_text(
      {kTitle, "3. Beskriv hur systemledningen följer upp förflyttningen mot målbilden.",
       "- Bifoga målbild och eventuell handlingsplan. Skicka dokument till x@example.se.",
       "I Dalarna finns en samverkansstruktur."});
  CHECK(render(doc, segment(doc)) == "3: I Dalarna finns en samverkansstruktur.\n");
}

TEST_CASE("a numbered list inside an answer does not start new questions") {
  auto doc = lines_to_text({kTitle, "16. Beskriv de viktigaste insatserna.",
                            "Beskriv med max 3000 tecken.", "Tre insatser:",
                            "1. Gemensam färdplan antogs.", "2. Utskrivningsprocessen utvecklades.",
                            "17. Ange vilka delar som berörts.", "Äldreomsorg"});
  auto seg = segment(doc);
  REQUIRE(seg.answers.size() == 1);
  CHECK(seg.answers[0].question == "16");
  CHECK(render(doc, seg) ==
        "16: Tre insatser:\n1. Gemensam färdplan antogs.\n2. Utskrivningsprocessen utvecklades.\n");
}

TEST_CASE("a section intro ('Del B: ...') after an answer is not answer text") {
  auto doc = lines_to_text({kTitle, "29. Beskriv regionens arbete.", "Beskriv med max 5000 tecken.",
                            "Region arbetar med AI.", "Del B: Goda förutsättningar för vårdens medarbetare",
                            "Ett av utvecklingsområdena är medarbetarna.",
                            "30. Vilka insatser har regionen initierat?",
                            "Du kan välja flera svarsalternativ.", "Arbetsmiljöutbildningar"});
  CHECK(render(doc, segment(doc)) == "29: Region arbetar med AI.\n");
}

TEST_CASE("form boilerplate after the last question is not answer text") {
  auto doc = lines_to_text({kTitle, "14. Här finns möjlighet att berätta mer om arbetet.",
                            "Vi har mycket på gång.", "Tack för dina svar!",
                            "Ett svarskvitto har skickats till: a@b.se"});
  CHECK(render(doc, segment(doc)) == "14: Vi har mycket på gång.\n");
}

TEST_CASE("a document with two surveys gives two parts with their own respondents") {
  auto doc = lines_to_text(
      {"Enkät till regioner, uppföljning god och nära vård", "Denna redovisning avser Region Halland",
       "Överenskommelsen om God och nära vård 2023.", "Ditt namn: A B", "Region: Region Halland",
       "1. Beskriv arbetet.", "Beskriv med max 1000 tecken.", "Regionens svar.",
       "Enkät till regionala samverkans- och stödstrukturer", "Uppföljning god och nära vård",
       "Denna redovisning avser Hallands län", "Överenskommelsen om God och nära vård 2023.",
       "1. Beskriv arbetet.", "Beskriv med max 1000 tecken.", "Kommunernas svar."});
  auto seg = segment(doc);
  REQUIRE(seg.parts.size() == 2);
  CHECK(seg.parts[0].respondent.type == RespondentType::Region);
  CHECK(seg.parts[0].respondent.name == "Region Halland");
  CHECK(seg.parts[1].respondent.type == RespondentType::Rss);
  CHECK(seg.parts[1].respondent.name == "RSS Halland");
  CHECK(seg.parts[1].respondent.year == 2023);
  REQUIRE(seg.answers.size() == 2);
  CHECK(seg.answers[0].part == 0);
  CHECK(seg.answers[1].part == 1);
}

TEST_CASE("a prose report gives one answer per section, keyed by its heading") {
  auto doc = lines_to_text({"Bakgrund", "Region Dalarna har arbetat med nära vård sedan 2019.",
                            "Uppbyggnad av mobila team", "Mobila team startade i Falun.",
                            "Teamen utökas under hösten."});
  auto seg = segment(doc);
  REQUIRE(seg.parts.size() == 1);
  CHECK(seg.parts[0].layout == LayoutKind::Report);
  CHECK(render(doc, seg) ==
        "Bakgrund: Region Dalarna har arbetat med nära vård sedan 2019.\n"
        "Uppbyggnad av mobila team: Mobila team startade i Falun.\nTeamen utökas under hösten.\n");
}

TEST_CASE("text without headings or questions is one unrecognised prose section") {
  auto doc = lines_to_text({"Det här är en löptext utan rubriker.", "Den fortsätter här."});
  auto seg = segment(doc);
  REQUIRE(seg.parts.size() == 1);
  CHECK(seg.parts[0].layout == LayoutKind::Unknown);
  REQUIRE(seg.answers.size() == 1);
}

TEST_CASE("an empty document has no parts") {
  NormalizedText empty;
  CHECK(segment(empty).parts.empty());
}

TEST_CASE("question numbers are recognised as printed, years are not") {
  using namespace form_rules;
  CHECK(question_start("5a. Beskriv insatser")->id == "5a");
  CHECK(question_start("13. Har regionen")->id == "13");
  CHECK(question_start("Fråga 7a: Beskriv")->id == "7a");
  CHECK_FALSE(question_start("2023. Det året"));
  CHECK_FALSE(question_start("5a. liten bokstav"));
}

TEST_CASE("sub-labels are told apart from respondent sentences with a colon") {
  using namespace form_rules;
  CHECK(field_label("Kommentar:"));
  CHECK(field_label("Lämna gärna en kommentar här:"));
  CHECK(field_label("Om ja, beskriv vad som har införts:"));
  CHECK(*field_label("Annan insats, ange vad: nytt systemstöd") == 24);
  CHECK_FALSE(field_label("I övrigt nämns följande:"));
  CHECK_FALSE(field_label("Andra kommuner menar att insatserna bidragit till: bättre tillgänglighet"));
}

TEST_CASE("region phrases are reduced to the region's canonical name") {
  CHECK(canonical_region("Hallands län") == "Halland");
  CHECK(canonical_region("Region Dalarna") == "Dalarna");
  CHECK(canonical_region("Dalarna län") == "Dalarna");
  CHECK(canonical_region("Västra Götalands län") == "Västra Götaland");
  CHECK(canonical_region("Region Jämtland Härjedalen") == "Jämtland Härjedalen");
  CHECK(canonical_region("Kungsbacka") == "");
}

TEST_CASE("a region phrase reads the same with runs of spaces, a no-break space, or as the county council it was") {
  CHECK(canonical_region("Region  Skåne") == "Skåne");
  CHECK(canonical_region("Region\xC2\xA0Skåne") == "Skåne");
  CHECK(canonical_region("  Region   Örebro  län ") == "Örebro");
  CHECK(canonical_region("Landstinget i Värmland") == "Värmland");
  CHECK(canonical_region("landstinget Dalarna") == "Dalarna");
  CHECK(canonical_region("Stockholms läns landsting") == "Stockholm");
  CHECK(canonical_region("Landstinget") == "");
}

TEST_CASE("a contact person under any of the usual labels is a name to mask") {
  for (const char* line : {"Kontaktperson: Åsa Öberg", "Namn på kontaktperson: Åsa Öberg", "Handläggare: Åsa Öberg",
                           "Ansvarig handläggare: Åsa Öberg", "Ditt namn: Åsa Öberg"}) {
    CAPTURE(line);
    const auto field = form_rules::contact_field(line);
    REQUIRE(field);
    CHECK(field->label == "namn");
    CHECK(field->value == "Åsa Öberg");
  }
  CHECK_FALSE(form_rules::contact_field("Kontaktperson för SIP finns i alla kommuner."));
}

TEST_CASE("under a contact-person label a value that is no person's name is no contact field") {
  CHECK_FALSE(form_rules::contact_field("Handläggare: 4"));
  CHECK_FALSE(form_rules::contact_field("Kontaktperson: finns i varje kommun"));
  CHECK_FALSE(form_rules::contact_field("Uppgiftslämnare: Socialförvaltningen"));
}

TEST_CASE("Västra Götalandsregionen and VGR are the region Västra Götaland") {
  CHECK(canonical_region("Västra Götalandsregionen") == "Västra Götaland");
  CHECK(canonical_region("VGR") == "Västra Götaland");
  CHECK(canonical_region("VGR:s hälso- och sjukvård") == "");
}

TEST_CASE("a section heading with its intro after an answer is not answer text") {
  auto doc = lines_to_text({kTitle, "26. Beskriv arbetet i landsbygd.", "Beskriv med max 1000 tecken.",
                            "Vi har startat distansbesök.", "Primärvården i landsbygd",
                            "I överenskommelsen för 2023 har särskilda medel avsatts.",
                            "27. Beskriv patientkontrakt.", "Beskriv med max 1000 tecken.",
                            "Patientkontrakt införs."});
  CHECK(render(doc, segment(doc)) == "26: Vi har startat distansbesök.\n27: Patientkontrakt införs.\n");
}

TEST_CASE("an empty comment field followed by a section intro gives no answer") {
  auto doc = lines_to_text({kTitle, "32. Finns det en gemensam kompetensförsörjningsplan?", "Ja", "Nej",
                            "Kommentar:", "Frågor om vidareutbildning av sjuksköterskor",
                            "Regioner ska enligt överenskommelsen genomföra insatser.",
                            "33. Hur många sjuksköterskor har beviljats bidrag?", "Antal 0"});
  auto seg = segment(doc);
  CHECK(seg.answers.empty());
  REQUIRE(seg.numbers.size() == 1);
}

TEST_CASE("a respondent's own heading at the start of an answer is kept") {
  auto doc = lines_to_text({kTitle, "29. Beskriv arbetet.", "Beskriv med max 5000 tecken.",
                            "Hållbara arbetstidsmodeller", "En kommun har infört nya scheman."});
  CHECK(render(doc, segment(doc)) ==
        "29: Hållbara arbetstidsmodeller\nEn kommun har infört nya scheman.\n");
}

TEST_CASE("a numbered heading in a report starts a section, a numbered list does not") {
  auto doc = lines_to_text({"1. Inledning", "Regionen har arbetat med nära vård.",
                            "Tre områden prioriteras:", "1. Mobila team", "2. SIP",
                            "2. Resultat", "Fler patienter vårdas hemma."});
  CHECK(render(doc, segment(doc)) ==
        "1. Inledning: Regionen har arbetat med nära vård.\nTre områden prioriteras:\n1. Mobila team\n2. SIP\n"
        "2. Resultat: Fler patienter vårdas hemma.\n");
}

TEST_CASE("question numbers printed as '5 a)' are read as 5a") {
  auto q = form_rules::question_start("5 a) Beskriv insatserna.");
  REQUIRE(q);
  CHECK(q->id == "5a");
}

TEST_CASE("a ticked option in a filled-in questionnaire is not answer text") {
  auto doc = lines_to_text({"Slutredovisning av kommunernas arbete inom ramen för god och nära vård 2022",
                            "1. Finns det en beslutad länsgemensam målbild?", "Ja ☒", "Nej ☐",
                            "Lämna gärna en kommentar här:", "Målbilden beslutades 2022."});
  CHECK(render(doc, segment(doc)) == "1: Målbilden beslutades 2022.\n");
}

TEST_CASE("a form without a known title is still read as a form") {
  auto doc = lines_to_text({"Uppföljning av överenskommelsen 2024", "1. Beskriv arbetet med SIP.",
                            "Beskriv med max 1000 tecken.", "SIP används i alla kommuner.",
                            "2. Har kommunen mobila team?", "Ja", "Nej", "Kommentar:",
                            "Ett team startade i mars.", "3. Beskriv utmaningar.",
                            "Beskriv med max 1000 tecken.", "Bemanningen."});
  auto seg = segment(doc);
  REQUIRE(seg.parts.size() == 1);
  CHECK(seg.parts[0].layout == LayoutKind::Survey);
  CHECK(render(doc, seg) ==
        "1: SIP används i alla kommuner.\n2: Ett team startade i mars.\n3: Bemanningen.\n");
}

TEST_CASE("a municipality named as the subject of a report is the respondent") {
  std::vector<std::string_view> lines{"Enkät till kommuner", "Denna redovisning avser Falu kommun"};
  Respondent r = detect_respondent(lines, true);
  CHECK(r.type == RespondentType::Kommun);
  CHECK(r.name == "Falu kommun");
}

namespace {
std::string repeated(std::string_view piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}
}  // namespace

// The form rules that bound a run by a count ("[^:.?!]{0,200}?",
// "\S.{0,240}?", ".{1,120}") match without the count and check it in code
// (swedish_form_rules.cpp, BoundedPattern): the bound is still the rule's,
// in characters, not bytes ("ö" is two).
TEST_CASE("a sub-label's text before its ':' is at most 200 characters after the label word") {
  const std::string at_bound = "Kommentar " + repeated("x", 189) + repeated("ö", 10) + ":";  // 200 characters, 210 bytes
  CHECK(form_rules::field_label(at_bound) == at_bound.size());
  CHECK_FALSE(form_rules::field_label("Kommentar " + repeated("x", 200) + ":"));
}

TEST_CASE("a sub-label with ', ange' has at most 240 characters before it and 80 after it") {
  CHECK(form_rules::field_label(repeated("y", 240) + ", ange " + repeated("z", 80) + ":"));
  CHECK_FALSE(form_rules::field_label(repeated("y", 241) + ", ange vad:"));
  CHECK_FALSE(form_rules::field_label("Annat område, ange " + repeated("z", 81) + ":"));
}

TEST_CASE("a numeric item's label is at most 241 characters") {
  auto item = form_rules::numeric_item(repeated("Q", 241) + ": 5");
  REQUIRE(item);
  CHECK(item->value == 5);
  CHECK_FALSE(form_rules::numeric_item(repeated("Q", 242) + ": 5"));
  CHECK(form_rules::numeric_item(repeated("ö", 241) + ": 5"));  // 482 bytes
  CHECK_FALSE(form_rules::numeric_item(repeated("ö", 242) + ": 5"));
}

TEST_CASE("'Med ... avses' is help when at most 120 characters stand between") {
  using form_rules::FormLine;
  CHECK(form_rules::is(FormLine::Help, "Med " + repeated("y", 120) + " avses det som regionen beslutat."));
  CHECK_FALSE(form_rules::is(FormLine::Help, "Med " + repeated("y", 121) + " avses det som regionen beslutat."));
  CHECK_FALSE(form_rules::is(FormLine::Help, "Med " + repeated("ö", 121) + " avses det som regionen beslutat."));
  // Any "avses" within the bound will do, not only the last.
  CHECK(form_rules::is(FormLine::Help, "Med team avses " + repeated("y", 130) + " och med plan avses x."));
}

// The quick checks before the patterns (a first letter, a word the pattern
// needs) fold case as RE2's (?i) does, which also folds U+017F LONG S into
// s, U+212A KELVIN SIGN into k and U+212B ANGSTROM SIGN into å.
TEST_CASE("case-insensitive rules match the long s and the Ångström sign as RE2 folds them") {
  auto summa = form_rules::numeric_item("\u017Fumma 5");
  REQUIRE(summa);
  CHECK(summa->label == "\u017Fumma");
  CHECK(form_rules::is(form_rules::FormLine::SurveyTitle, "\u017Flutredovisning av kommunernas arbete"));
  CHECK(form_rules::report_subject("Denna redovi\u017Fning avser Region Halland") == "Region Halland");
  auto cover = cover_line("Region Halland \u212Brsrapport");
  REQUIRE(cover);
  CHECK(cover->region == "Halland");
  CHECK(cover->said.begin == 0);
}

TEST_CASE("a lazy pattern is compiled once, on first use, and matches as RE2 does") {
  const LazyPattern pattern(R"(^\p{Lu}\p{Ll}+$)");
  const re2::RE2* first = nullptr;
  const re2::RE2* second = nullptr;
  std::thread a([&] { first = &pattern.get(); });
  std::thread b([&] { second = &pattern.get(); });
  a.join();
  b.join();
  CHECK(first == second);
  CHECK(first == &pattern.get());
  CHECK(re2::RE2::FullMatch("Örebro", pattern.get()));
  CHECK_FALSE(re2::RE2::FullMatch("örebro", pattern.get()));
}
