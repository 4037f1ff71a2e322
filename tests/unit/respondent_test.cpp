// Respondent detection: who a document says compiled or sent it comes
// before counting names, and every field says which line and rule decided
// it (segment/respondent_detector.hpp). Texts are constructed, in the
// conventions of Swedish reports and forms, not taken from any one file.

#include <catch2/catch.hpp>

#include <string_view>
#include <vector>

#include "analyzer/segment/respondent_detector.hpp"

using namespace analyzer;

TEST_CASE("an annual report compiled by an RSS is the RSS's although the region is named more often") {
  std::vector<std::string_view> lines{"Årsrapport 2023",
                                      "Denna årsrapport har sammanställts av RSS Gävleborg.",
                                      "Region Gävleborg och kommunerna har startat mobila team.",
                                      "Region Gävleborg har infört SIP i alla vårdcentraler.",
                                      "Region Gävleborg följer upp arbetet varje kvartal."};
  const DetectedRespondent d = detect_respondent_with_evidence(lines, false);
  CHECK(d.respondent.type == RespondentType::Rss);
  CHECK(d.respondent.region == "Gävleborg");
  CHECK(d.respondent.name == "RSS Gävleborg");
  CHECK(d.provenance.type.rule == "authorship");
  CHECK(d.provenance.type.line_index == 1);
  CHECK(d.provenance.respondent.rule == "authorship");
}

TEST_CASE("a report said to be produced by a region is the region's") {
  std::vector<std::string_view> lines{"Uppföljning av omställningen",
                                      "Rapporten är framtagen av Region Västra Götaland i samverkan med RSS."};
  const Respondent r = detect_respondent(lines, false);
  CHECK(r.type == RespondentType::Region);
  CHECK(r.region == "Västra Götaland");
  CHECK(r.name == "Region Västra Götaland");
}

TEST_CASE("a form reported in by a municipality is the municipality's") {
  std::vector<std::string_view> lines{"Enkät till regionala samverkans- och stödstrukturer",
                                      "Inrapporterat av Ludvika kommun"};
  const DetectedRespondent d = detect_respondent_with_evidence(lines, true);
  CHECK(d.respondent.type == RespondentType::Kommun);
  CHECK(d.respondent.name == "Ludvika kommun");
  CHECK(d.provenance.respondent.rule == "authorship");
}

TEST_CASE("a sender label naming the county's support structure makes the RSS the respondent") {
  const std::optional<Authorship> a =
      authorship("Avsändare: Regionala samverkans- och stödstrukturen i Jönköpings län");
  REQUIRE(a);
  CHECK(a->type == RespondentType::Rss);
  CHECK(a->region == "Jönköping");
}

TEST_CASE("a plan another body produced, named in answer text, is not authorship") {
  CHECK_FALSE(authorship("Handlingsplanen har tagits fram av Region Skåne och kommunerna."));
}

TEST_CASE("the first organisation named after the authorship phrase is the author") {
  const std::optional<Authorship> a =
      authorship("Sammanställningen är utarbetad av RSS Kalmar tillsammans med Region Kronoberg.");
  REQUIRE(a);
  CHECK(a->type == RespondentType::Rss);
  CHECK(a->region == "Kalmar");
}

TEST_CASE("a partner named after the authorship phrase is not the author") {
  CHECK_FALSE(authorship("Svaren har tagits fram av förvaltningen i samråd med Region Örebro län."));
  const std::optional<Authorship> a =
      authorship("Rapporten är framtagen av Falu kommun i samverkan med Region Dalarna.");
  REQUIRE(a);
  CHECK(a->type == RespondentType::Kommun);
  CHECK(a->kommun == "Falu kommun");
}

TEST_CASE("a title naming the report as from its author is authorship, a sentence about another report is not") {
  const std::optional<Authorship> rss = authorship("Redovisning från RSS Norrbotten: kommunernas arbete 2023");
  REQUIRE(rss);
  CHECK(rss->type == RespondentType::Rss);
  CHECK(rss->region == "Norrbotten");
  const std::optional<Authorship> structure = authorship(
      "Rapport från den regionala samverkans- och stödstrukturen (RSS) i Jönköpings län till Socialstyrelsen.");
  REQUIRE(structure);
  CHECK(structure->type == RespondentType::Rss);
  CHECK(structure->region == "Jönköping");
  const std::optional<Authorship> annual = authorship("Årsrapport från Region Kalmar län");
  REQUIRE(annual);
  CHECK(annual->region == "Kalmar");
  CHECK_FALSE(authorship("Vi har läst rapporten från Region Skåne om mobila team."));
  CHECK_FALSE(authorship("Rapporten från Region Skåne visar att SIP ökar."));
}

TEST_CASE("a cover or title naming its organisation before its answers names the respondent") {
  std::vector<std::string_view> title{"Region Gävleborg – svar uppföljning God och nära vård 2024"};
  const DetectedRespondent d = detect_respondent_with_evidence(title, false);
  CHECK(d.respondent.name == "Region Gävleborg");
  CHECK(d.provenance.type.rule == "cover_page");
  CHECK(d.respondent.year == 2024);
}

TEST_CASE("answers from a region named inside a sentence are no authorship, and a cover stays the author") {
  CHECK_FALSE(authorship("Rapporten bygger på svar från Region Dalarna och länets 15 kommuner."));
  std::vector<std::string_view> report{"RSS Dalarna – Årsrapport 2023", "Inledning",
                                       "Rapporten bygger på svar från Region Dalarna och länets 15 kommuner."};
  CHECK(detect_respondent_with_evidence(report, false).respondent.name == "RSS Dalarna");
  CHECK_FALSE(cover_line("Region Halland svarade på enkäten i mars."));
}

TEST_CASE("an organisation opening a line to say it answers is the author, over a running header") {
  const std::optional<Authorship> a = authorship("Sandvikens kommun lämnar här sitt svar på Socialstyrelsens uppföljning.");
  REQUIRE(a);
  CHECK(a->type == RespondentType::Kommun);
  CHECK(a->kommun == "Sandvikens kommun");
  const std::optional<Authorship> r = authorship("Region Gävleborg besvarar härmed enkäten.");
  REQUIRE(r);
  CHECK(r->region == "Gävleborg");
  CHECK_FALSE(authorship("Kommunen lämnar här sitt svar."));
  CHECK_FALSE(authorship("Region Skåne svarar på remissen i mars."));  // a sentence about another body
  REQUIRE(authorship("Falu kommun svarar härmed på Socialstyrelsens frågor."));
}

TEST_CASE("a region's name with län names it on a cover and a letterhead") {
  std::vector<std::string_view> cover{"RSS Jönköpings län – Rapport nära vård 2024", "Sammanfattning",
                                      "Jönköpings kommun har infört mobila team."};
  DetectedRespondent d = detect_respondent_with_evidence(cover, false);
  CHECK(d.respondent.name == "RSS Jönköping");
  CHECK(d.provenance.type.rule == "cover_page");
  std::vector<std::string_view> letterhead{"Region Örebro län", "Uppföljning av god och nära vård 2024"};
  d = detect_respondent_with_evidence(letterhead, false);
  CHECK(d.respondent.name == "Region Örebro");
}

TEST_CASE("a Respondent or Organisation field names the organisation as a letterhead does") {
  std::vector<std::string_view> print{"Enkät till regioner, uppföljning god och nära vård 2023",
                                      "Respondent: Region Gävleborg"};
  DetectedRespondent d = detect_respondent_with_evidence(print, true);
  CHECK(d.respondent.name == "Region Gävleborg");
  CHECK(d.provenance.region.rule == "contact_field");
  std::vector<std::string_view> kommun{"Uppföljning 2024", "Organisation: Örebro kommun"};
  d = detect_respondent_with_evidence(kommun, false);
  CHECK(d.respondent.name == "Örebro kommun");
  CHECK(d.provenance.type.rule == "contact_field");
  std::vector<std::string_view> other{"Uppföljning 2024", "Organisation: vård- och omsorgsförvaltningen"};
  CHECK(detect_respondent_with_evidence(other, false).respondent.name.empty());
}

TEST_CASE("authorship decides the type before the form's addressee") {
  std::vector<std::string_view> lines{"Enkät till regioner, uppföljning god och nära vård",
                                      "Enkäten har besvarats av RSS Halland"};
  const Respondent r = detect_respondent(lines, true);
  CHECK(r.type == RespondentType::Rss);
  CHECK(r.name == "RSS Halland");
}

TEST_CASE("a region decided by counting names is marked as a guess at the first line that named it") {
  std::vector<std::string_view> lines{"Lägesrapport", "Region Örebro har två mobila team.",
                                      "Region Örebro planerar ett tredje."};
  const DetectedRespondent d = detect_respondent_with_evidence(lines, false);
  CHECK(d.respondent.region == "Örebro");
  CHECK(d.provenance.region.rule == "most_named_region");
  CHECK(d.provenance.region.line_index == 1);
  CHECK(d.provenance.region.text == "Region Örebro har två mobila team.");
  CHECK(d.provenance.region.is_guess());
}

TEST_CASE("the year in the report title is taken before the most frequent year") {
  std::vector<std::string_view> lines{"God och nära vård 2023", "Jämfört med 2022 och 2022 ökade antalet."};
  const DetectedRespondent d = detect_respondent_with_evidence(lines, false);
  CHECK(d.respondent.year == 2023);
  CHECK(d.provenance.year.rule == "report_title_year");
  CHECK_FALSE(d.provenance.year.is_guess());
}

TEST_CASE("a blank form titled as a report on the municipalities' work is an RSS form") {
  std::vector<std::string_view> lines{"Slutredovisning av kommunernas arbete inom ramen för god och nära vård 2022",
                                      "1. Finns det en beslutad länsgemensam målbild?", "Ja ☐", "Nej ☐"};
  const DetectedRespondent d = detect_respondent_with_evidence(lines, true);
  CHECK(d.respondent.type == RespondentType::Rss);
  CHECK(d.provenance.type.rule == "form_title");
}

TEST_CASE("a field nothing in the text gives is a default") {
  std::vector<std::string_view> lines{"Beskriv arbetet.", "Vi arbetar vidare."};
  const DetectedRespondent d = detect_respondent_with_evidence(lines, false);
  CHECK_FALSE(d.respondent.year);
  CHECK(d.provenance.year.from == FieldOrigin::Default);
  CHECK(d.provenance.region.from == FieldOrigin::Default);
  CHECK(d.provenance.region.is_guess());
}

TEST_CASE("a report cover naming its author gives the respondent type") {
  std::vector<std::string_view> lines{"RSS Västernorrland – Årsrapport 2024", "Inledning",
                                      "Region Västernorrland och kommunerna har arbetat vidare."};
  const DetectedRespondent d = detect_respondent_with_evidence(lines, false);
  CHECK(d.respondent.type == RespondentType::Rss);
  CHECK(d.respondent.name == "RSS Västernorrland");
  CHECK(d.provenance.type.rule == "cover_page");
  CHECK(d.provenance.year.rule == "report_name_year");
}

TEST_CASE("a cover line that is only the organisation names the respondent, a region only if it is one of the 21") {
  std::vector<std::string_view> region{"Region Norrbotten", "Redovisning av arbetet med god och nära vård 2023",
                                       "Region Västerbotten och Region Norrbotten har samverkat."};
  DetectedRespondent d = detect_respondent_with_evidence(region, false);
  CHECK(d.respondent.name == "Region Norrbotten");
  CHECK(d.provenance.type.rule == "cover_page");
  CHECK(d.provenance.type.line_index == 0u);

  std::vector<std::string_view> kommun{"Alvesta kommun", "Socialförvaltningen", "Årsredovisning nära vård 2023",
                                       "Samverkan med Växjö kommun har fördjupats."};
  d = detect_respondent_with_evidence(kommun, false);
  CHECK(d.respondent.type == RespondentType::Kommun);
  CHECK(d.respondent.name == "Alvesta kommun");

  std::vector<std::string_view> unknown{"Region Exempelland", "Årsrapport 2023"};
  CHECK_FALSE(detect_respondent_with_evidence(unknown, false).provenance.type.rule == "cover_page");
}

TEST_CASE("an authorship phrase is taken before a cover line") {
  std::vector<std::string_view> lines{"Region Uppsala – Lägesrapport", "Rapporten har sammanställts av RSS Uppsala."};
  const Respondent r = detect_respondent(lines, false);
  CHECK(r.type == RespondentType::Rss);
  CHECK(r.name == "RSS Uppsala");
}

TEST_CASE("evidence in a long line is quoted where the deciding words are") {
  const std::string filler(300, 'x');
  const std::string line = "Inledning " + filler + " och Region Norrbotten har infört SIP.";
  std::vector<std::string_view> lines{"Lägesrapport", line};
  const DetectedRespondent d = detect_respondent_with_evidence(lines, false);
  REQUIRE(d.provenance.region.span);
  CHECK(line.substr(d.provenance.region.span->begin, d.provenance.region.span->size()) == "Region Norrbotten");
  CHECK(d.provenance.region.text.find("Region Norrbotten") != std::string::npos);
}

// ---- signature block -----------------------------------------------------------

namespace {

// A report body (past the cover's first 12 lines) that names Region Uppsala
// more often than its author, with no authorship phrase and no cover line,
// then `closing`.
std::vector<std::string_view> report_signed(std::vector<std::string_view> closing) {
  std::vector<std::string_view> lines{"Inledning",
                                      "Under året har arbetet med mobila team fortsatt i länet.",
                                      "Region Uppsala har infört SIP i alla vårdcentraler.",
                                      "Region Uppsala och kommunerna följer upp arbetet varje kvartal.",
                                      "Trygg hemgång",
                                      "Fler patienter har fått en trygg hemgång efter sjukhusvistelse.",
                                      "Uppföljningen visar färre återinskrivningar.",
                                      "Fast vårdkontakt",
                                      "Alla patienter med hemsjukvård har en fast vårdkontakt.",
                                      "Avslutning",
                                      "Vi ser fram emot fortsatt samverkan."};
  lines.insert(lines.end(), closing.begin(), closing.end());
  return lines;
}

}  // namespace

TEST_CASE("the organisation under a closing greeting signs the report") {
  const DetectedRespondent d =
      detect_respondent_with_evidence(report_signed({"Med vänlig hälsning", "Karin Svensson", "Processledare", "RSS Uppsala"}), false);
  CHECK(d.respondent.type == RespondentType::Rss);
  CHECK(d.respondent.region == "Uppsala");
  CHECK(d.respondent.name == "RSS Uppsala");
  CHECK(d.provenance.type.rule == "signature_block");
  CHECK(d.provenance.respondent.rule == "signature_block");
  CHECK(d.provenance.type.line_index == 14);
}

TEST_CASE("a municipality signing under Vänliga hälsningar is the respondent") {
  const Respondent r = detect_respondent(report_signed({"Vänliga hälsningar,", "Anna Berg", "Enköpings kommun"}), false);
  CHECK(r.type == RespondentType::Kommun);
  CHECK(r.name == "Enköpings kommun");
}

TEST_CASE("an organisation far below the closing greeting does not sign") {
  const DetectedRespondent d = detect_respondent_with_evidence(
      report_signed({"Med vänlig hälsning", "Karin Svensson", "Processledare", "Enheten för samverkan",
                     "Telefon 018-00 00 00", "Bilagor", "Bilaga 1", "RSS Uppsala"}),
      false);
  CHECK(d.provenance.type.rule != "signature_block");
}

TEST_CASE("an authorship phrase wins over a signature") {
  std::vector<std::string_view> lines = report_signed({"Med vänlig hälsning", "Region Uppsala"});
  lines.insert(lines.begin() + 1, "Rapporten är framtagen av RSS Uppsala.");
  const DetectedRespondent d = detect_respondent_with_evidence(lines, false);
  CHECK(d.respondent.name == "RSS Uppsala");
  CHECK(d.provenance.type.rule == "authorship");
}

TEST_CASE("a report produced by Västra Götalandsregionen, named by its own name, is the region's") {
  std::vector<std::string_view> lines{"Uppföljning av omställningen till god och nära vård",
                                      "Rapporten är framtagen av Västra Götalandsregionen i samverkan med VästKom."};
  const DetectedRespondent d = detect_respondent_with_evidence(lines, false);
  CHECK(d.respondent.type == RespondentType::Region);
  CHECK(d.respondent.region == "Västra Götaland");
  CHECK(d.respondent.name == "Region Västra Götaland");
  CHECK(d.provenance.type.rule == "authorship");
}

TEST_CASE("a county council named as author is its region, in each way the councils were named") {
  for (const std::string_view author :
       {"Denna rapport har sammanställts av Stockholms läns landsting.", "Rapporten är skriven av Landstinget Dalarna.",
        "Redovisningen har upprättats av Landstinget i Värmland."}) {
    INFO(author);
    std::vector<std::string_view> lines{"Lägesrapport 2019", author};
    const Respondent r = detect_respondent(lines, false);
    CHECK(r.type == RespondentType::Region);
    CHECK_FALSE(r.region.empty());
  }
  std::vector<std::string_view> stockholm{"Lägesrapport 2019", "Denna rapport har sammanställts av Stockholms läns landsting."};
  CHECK(detect_respondent(stockholm, false).region == "Stockholm");
  std::vector<std::string_view> varmland{"Lägesrapport 2019", "Redovisningen har upprättats av Landstinget i Värmland."};
  CHECK(detect_respondent(varmland, false).region == "Värmland");
}

TEST_CASE("a cover line that is only Västra Götalandsregionen names the region, an area such as Stockholmsregionen names none") {
  std::vector<std::string_view> vgr{"Västra Götalandsregionen", "Årsrapport nära vård 2023", "Mobila team har startats."};
  DetectedRespondent d = detect_respondent_with_evidence(vgr, false);
  CHECK(d.respondent.name == "Region Västra Götaland");
  CHECK(d.provenance.type.rule == "cover_page");

  for (const std::string_view line : {"Stockholmsregionen", "Stockholm Mälarregionen", "Uppsala\tStockholmsregionen"}) {
    INFO(line);
    std::vector<std::string_view> area{line, "Årsrapport nära vård 2023", "Vi har samverkan med regionen om SIP."};
    d = detect_respondent_with_evidence(area, false);
    CHECK_FALSE(d.provenance.type.rule == "cover_page");
    CHECK(d.respondent.region.empty());
  }
}

TEST_CASE("a region named by its own name is counted with the regions named Region X") {
  std::vector<std::string_view> lines{"Rapport om arbetet med nära vård",
                                      "Västra Götalandsregionen har infört mobila team.",
                                      "Västra Götalandsregionen och kommunerna följer upp SIP.",
                                      "Region Halland har besökt oss."};
  const DetectedRespondent d = detect_respondent_with_evidence(lines, false);
  CHECK(d.respondent.region == "Västra Götaland");
  CHECK(d.provenance.region.rule == "most_named_region");
  CHECK(d.provenance.region.line_index == 1u);
}

TEST_CASE("Västra Götalandsregionen in the genitive or as VGR, and a county council in lower case, name their regions") {
  std::vector<std::string_view> vgr{"Uppföljning 2023", "Rapporten är framtagen av VGR i samverkan med kommunerna."};
  CHECK(detect_respondent(vgr, false).name == "Region Västra Götaland");
  std::vector<std::string_view> kalmar{"Lägesrapport 2019", "Rapporten har tagits fram av landstinget i Kalmar län."};
  CHECK(detect_respondent(kalmar, false).region == "Kalmar");
  std::vector<std::string_view> counted{"Rapport om nära vård", "Västra Götalandsregionens arbete med mobila team.",
                                        "Västra Götalandsregionens plan för SIP.", "Region Halland deltar."};
  const DetectedRespondent d = detect_respondent_with_evidence(counted, false);
  CHECK(d.respondent.region == "Västra Götaland");
  CHECK(d.provenance.region.rule == "most_named_region");
}

TEST_CASE("a municipality that calls itself a city is the respondent, also beside a region named more often") {
  std::vector<std::string_view> cover{"Göteborgs Stad", "Årsrapport nära vård 2023",
                                      "I samverkan med Västra Götalandsregionen har mobila team startats.",
                                      "Västra Götalandsregionen och staden följer upp SIP."};
  DetectedRespondent d = detect_respondent_with_evidence(cover, false);
  CHECK(d.respondent.type == RespondentType::Kommun);
  CHECK(d.respondent.name == "Göteborgs stad");
  CHECK(d.provenance.type.rule == "cover_page");

  std::vector<std::string_view> author{"Uppföljning 2023", "Rapporten är framtagen av Mölndals stad i samverkan med Region Halland."};
  d = detect_respondent_with_evidence(author, false);
  CHECK(d.respondent.name == "Mölndals stad");
  CHECK(d.provenance.type.rule == "authorship");
}

TEST_CASE("a cover line naming a city project is no municipality") {
  std::vector<std::string_view> lines{"Hållbar stad", "Årsrapport nära vård 2023", "Region Halland har startat mobila team."};
  const DetectedRespondent d = detect_respondent_with_evidence(lines, false);
  CHECK_FALSE(d.respondent.type == RespondentType::Kommun);
}
