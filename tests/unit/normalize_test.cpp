// normalize/: OffsetMap, line re-joining, hyphenation, page furniture, NFC,
// and the seed documents in corpora/.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "analyzer/normalize/hyphenation.hpp"
#include "analyzer/normalize/normalizer.hpp"
#include "analyzer/normalize/page_furniture.hpp"

using namespace analyzer;

namespace {

// The logical lines of a normalised text, as a vector for readable failures.
std::vector<std::string> lines_of(const NormalizedText& n) {
  std::vector<std::string> out;
  for (const ByteSpan& line : n.lines) out.push_back(n.text.substr(line.begin, line.size()));
  return out;
}

std::vector<std::string> normalized_lines(std::string_view original, std::size_t wrap_width = 0) {
  NormalizeOptions options;
  options.wrap_width = wrap_width;
  return lines_of(normalize(original, options));
}

// The original bytes a normalised span maps to.
std::string original_of(std::string_view original, const NormalizedText& n, ByteSpan norm) {
  const ByteSpan o = n.map.to_original(norm);
  return std::string(original.substr(o.begin, o.size()));
}

std::string read_seed(const std::string& name) {
  std::ifstream in(std::string(ANALYZER_CORPORA) + "/" + name, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// The four seed documents.
const std::vector<std::string>& seed_names() {
  static const std::vector<std::string> names = {"000_3242b6e7501bd5d8.txt", "001_a66d7b4781e6d6f2.txt",
                                                 "002_93ee68d2c458f8dc.txt", "004_bd5c5f46bc7d2672.txt"};
  return names;
}

bool has_line(const std::vector<std::string>& lines, const std::string& line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

// Text with all white space and hyphens removed: what must survive
// normalisation unchanged (spaces are trimmed and joined, hyphens repaired).
std::string squeezed(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '-') continue;
    if (s.substr(i, 2) == "\xC2\xA0") {  // no-break space
      ++i;
      continue;
    }
    out += c;
  }
  return out;
}

// An original line that normalisation drops as page furniture, by the
// shapes the seeds contain (an independent check of the rules).
bool looks_like_furniture(const std::string& trimmed) {
  static const std::regex shapes(
      R"(Sida \d+|\d+ \(\d+\)|\[[^\]]+\]|\d{4}-\d{2}-\d{2}|(https?://|www\.|mailto:)\S+)");
  return std::regex_match(trimmed, shapes);
}

// The range without furniture lines inside it (a line's own first and last
// physical lines are text by construction: a kept date stays).
std::string without_furniture_lines(const std::string& original_range) {
  std::vector<std::string> lines;
  std::istringstream in(original_range);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    const std::size_t b = line.find_first_not_of(" \t\r");
    const std::size_t e = line.find_last_not_of(" \t\r");
    const bool inside = i > 0 && i + 1 < lines.size();
    if (inside && b != std::string::npos && looks_like_furniture(line.substr(b, e - b + 1))) continue;
    out += line;
    out += '\n';
  }
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------
// OffsetMap
// ---------------------------------------------------------------------------

TEST_CASE("adjacent copy runs are merged into one") {
  OffsetMap map;
  map.add_copy(0, 10, 4);
  map.add_copy(4, 14, 3);
  REQUIRE(map.runs().size() == 1);
  CHECK(map.runs()[0].norm_len == 7);
  CHECK(map.runs()[0].orig_len == 7);
}

TEST_CASE("a copy run maps byte for byte") {
  OffsetMap map;
  map.add_copy(0, 100, 10);
  CHECK(map.to_original_begin(3) == 103);
  CHECK(map.to_original_end(3) == 103);
  CHECK(map.to_original(ByteSpan{2, 7}) == ByteSpan{102, 107});
}

TEST_CASE("inside a replacement run a start maps to its original start and an end to its original end") {
  // "a" copied, " " standing for "  \n\n" (4 bytes), "b" copied.
  OffsetMap map;
  map.add_copy(0, 0, 1);
  map.add_replacement(1, 1, 1, 4);
  map.add_copy(2, 5, 1);
  CHECK(map.to_original_begin(1) == 1);
  CHECK(map.to_original_end(2) == 5);
  CHECK(map.to_original(ByteSpan{0, 3}) == ByteSpan{0, 6});
  CHECK(map.to_original(ByteSpan{1, 2}) == ByteSpan{1, 5});
}

TEST_CASE("at a boundary between runs an end maps to the end of the run before it") {
  OffsetMap map;
  map.add_copy(0, 0, 3);         // "abc" from 0..3
  map.add_copy(3, 8, 3);         // "def" from 8..11 (5 bytes dropped between)
  CHECK(map.to_original_end(3) == 3);
  CHECK(map.to_original_begin(3) == 8);
}

TEST_CASE("a position at or past the end maps to the original end of the last run") {
  OffsetMap map;
  map.add_copy(0, 0, 2);
  map.add_replacement(2, 1, 2, 3);
  CHECK(map.to_original_begin(3) == 5);
  CHECK(map.to_original_end(3) == 5);
  CHECK(map.to_original_end(99) == 5);
}

TEST_CASE("an empty span maps to an empty span") {
  OffsetMap map;
  map.add_copy(0, 0, 3);
  map.add_copy(3, 8, 3);
  CHECK(map.to_original(ByteSpan{3, 3}) == ByteSpan{8, 8});
}

TEST_CASE("runs appended out of order are refused") {
  OffsetMap map;
  map.add_copy(0, 10, 5);
  CHECK_THROWS_AS(map.add_copy(2, 20, 1), std::logic_error);
  CHECK_THROWS_AS(map.add_replacement(5, 1, 12, 1), std::logic_error);
}

// ---------------------------------------------------------------------------
// Lines, white space, BOM
// ---------------------------------------------------------------------------

TEST_CASE("the example in normalizer.hpp holds") {
  const NormalizedText n = normalize("målbil-\nden är\n\nSida 2\nklar.\n");
  CHECK(n.text == "målbilden är klar.\n");
  CHECK(n.hyphens_repaired == 1);
  CHECK(n.furniture_lines_removed == 1);
  CHECK(n.lines_joined == 2);
}

TEST_CASE("a last line without a newline still ends in one, mapped to the end of the file") {
  const std::string original = "Tack för dina svar!";
  const NormalizedText n = normalize(original);
  CHECK(n.text == "Tack för dina svar!\n");
  CHECK(n.map.to_original(ByteSpan{0, n.text.size()}) == ByteSpan{0, original.size()});
}

TEST_CASE("a document of page furniture only gives an empty text") {
  const NormalizedText n = normalize("[Titel]\n 4 (9) \n2019-10-01\nhttps://www.x.se\n");
  CHECK(n.text.empty());
  CHECK(n.furniture_lines_removed == 4);
}

TEST_CASE("an empty or all-blank input gives an empty text") {
  CHECK(normalize("").text.empty());
  const NormalizedText blank = normalize(" \n\n \t \n\xC2\xA0\n");
  CHECK(blank.text.empty());
  CHECK(blank.lines.empty());
  CHECK(blank.map.runs().empty());
}

TEST_CASE("leading and trailing white space is trimmed and blank lines are dropped") {
  const NormalizedText n = normalize("  Ja \n\n \nNej\xC2\xA0\n");
  CHECK(n.text == "Ja\nNej\n");
  CHECK(n.lines == std::vector<ByteSpan>{{0, 2}, {3, 6}});
  CHECK(n.map.to_original(ByteSpan{3, 6}) == ByteSpan{9, 12});
}

TEST_CASE("Windows line ends are handled like Unix ones") {
  CHECK(normalized_lines("Ja\r\nNej\r\n") == std::vector<std::string>{"Ja", "Nej"});
}

TEST_CASE("old Mac line ends (a lone CR) end lines like LF, with offsets into the file") {
  const std::string original = "Ja\rNej\rVet inte\r";
  const NormalizedText n = normalize(original);
  CHECK(lines_of(n) == std::vector<std::string>{"Ja", "Nej", "Vet inte"});
  CHECK(original_of(original, n, n.lines[1]) == "Nej");
  CHECK(original_of(original, n, n.lines[2]) == "Vet inte");
}

TEST_CASE("a mix of CR, LF and CRLF line ends gives one line per line end") {
  CHECK(normalized_lines("Ja\r\nNej\rKanske\nVet inte") ==
        std::vector<std::string>{"Ja", "Nej", "Kanske", "Vet inte"});
}

TEST_CASE("numeric item lines stay separate lines whatever their labels start with") {
  CHECK(normalized_lines("Fast v\xC3\xA5rdkontakt, ange antal: 5\nbarn och unga: 1\n(varav akut): 2\n"
                         "65 \xC3\xA5r och \xC3\xA4ldre: 12,5 %\n") ==
        std::vector<std::string>{"Fast v\xC3\xA5rdkontakt, ange antal: 5", "barn och unga: 1", "(varav akut): 2",
                                 "65 \xC3\xA5r och \xC3\xA4ldre: 12,5 %"});
}

TEST_CASE("numeric item lines whose values have thousands separators stay separate lines") {
  // "1 250 000" with a no-break space (U+00A0) and a narrow no-break space
  // (U+202F), "12 500" with plain spaces.
  CHECK(normalized_lines("Hemtj\xC3\xA4nst, ange antal: 1\xC2\xA0" "250\xE2\x80\xAF" "000\n(varav akut): 12 500\n"
                         "barn och unga: 1 250\n") ==
        std::vector<std::string>{"Hemtj\xC3\xA4nst, ange antal: 1\xC2\xA0" "250\xE2\x80\xAF" "000", "(varav akut): 12 500",
                                 "barn och unga: 1 250"});
}

TEST_CASE("a line ending in a number still joins a lower-case continuation that is no numeric item") {
  CHECK(normalized_lines("Vi har under \xC3\xA5ret anst\xC3\xA4llt totalt: 5\nsjuksk\xC3\xB6terskor i teamen\n") ==
        std::vector<std::string>{"Vi har under \xC3\xA5ret anst\xC3\xA4llt totalt: 5 sjuksk\xC3\xB6terskor i teamen"});
}

TEST_CASE("a byte order mark is skipped but offsets stay those of the file") {
  const std::string original = "\xEF\xBB\xBFTack f\xC3\xB6r dina svar!\n";
  const NormalizedText n = normalize(original);
  CHECK(n.text == "Tack f\xC3\xB6r dina svar!\n");
  CHECK(n.map.to_original(ByteSpan{0, 4}) == ByteSpan{3, 7});
}

TEST_CASE("a leading bullet stays part of the line") {
  CHECK(normalized_lines("\xE2\x80\xA2 Ja\n\xEF\x82\xB7 Nej\n- Vet inte\n") ==
        std::vector<std::string>{"\xE2\x80\xA2 Ja", "\xEF\x82\xB7 Nej", "- Vet inte"});
}

// ---------------------------------------------------------------------------
// Re-joining wrapped lines
// ---------------------------------------------------------------------------

TEST_CASE("a question wrapped before a lower-case word is one line (000)") {
  const std::string original =
      "1. Finns det en beslutad länsgemensam målbild för omställningen till Nära vård i \n"
      "\n"
      "regionen och kommunerna? \n";
  const NormalizedText n = normalize(original);
  CHECK(lines_of(n) == std::vector<std::string>{
                           "1. Finns det en beslutad länsgemensam målbild för omställningen till Nära vård i "
                           "regionen och kommunerna?"});
  CHECK(n.lines_joined == 1);
}

TEST_CASE("the join space is a replacement run over the original line break and blank line") {
  const std::string original = "kopplat \n\ntill det\n";
  const NormalizedText n = normalize(original);
  REQUIRE(n.text == "kopplat till det\n");
  const OffsetMap::Run& space = n.map.runs().at(1);
  CHECK_FALSE(space.copy);
  CHECK(space.norm_begin == 7);
  CHECK(space.norm_len == 1);
  CHECK(original.substr(space.orig_begin, space.orig_len) == " \n\n");
}

TEST_CASE("option lines with a leading U+F0B7 stay separate lines (000)") {
  const std::string original =
      "regionen och kommunerna? \n"
      "\xEF\x82\xB7 Ja \n"
      "\xEF\x82\xB7 Ja, men arbete p\xC3\xA5g\xC3\xA5r med att revidera m\xC3\xA5lbilden \n"
      "\xEF\x82\xB7 Nej, och inget f\xC3\xB6rslag finns framtaget \n"
      "\n"
      "L\xC3\xA4mna g\xC3\xA4rna en kommentar h\xC3\xA4r: \n"
      "En l\xC3\xA4nsgemensam strategi \n";
  CHECK(normalized_lines(original) ==
        std::vector<std::string>{"regionen och kommunerna?", "\xEF\x82\xB7 Ja",
                                 "\xEF\x82\xB7 Ja, men arbete p\xC3\xA5g\xC3\xA5r med att revidera m\xC3\xA5lbilden",
                                 "\xEF\x82\xB7 Nej, och inget f\xC3\xB6rslag finns framtaget",
                                 "L\xC3\xA4mna g\xC3\xA4rna en kommentar h\xC3\xA4r:",
                                 "En l\xC3\xA4nsgemensam strategi"});
}

TEST_CASE("bare Ja / Nej option lines stay separate lines (002)") {
  CHECK(normalized_lines("om till en god och nära vård sedan arbetet med omställningen inleddes ca 2019?\nJa\nNej\n"
                         "Om ja, beskriv förändringarna:\n") ==
        std::vector<std::string>{"om till en god och nära vård sedan arbetet med omställningen inleddes ca 2019?", "Ja",
                                 "Nej", "Om ja, beskriv förändringarna:"});
}

TEST_CASE("a label ending in a colon stays its own line even before a lower-case line") {
  CHECK(normalized_lines("Lämna gärna en kommentar här:\nen länsgemensam strategi finns.\n") ==
        std::vector<std::string>{"Lämna gärna en kommentar här:", "en länsgemensam strategi finns."});
}

TEST_CASE("a line is never joined onto by a bullet, a dash item or a numbered question") {
  CHECK(normalized_lines("Nedan andra exempel på insatser\n- Nattkameror inom hemtjänsten\n"
                         "• fler hjärtstartare\n5a. Beskriv insatser\n12. Här finns\na) första\n(1) andra\n") ==
        std::vector<std::string>{"Nedan andra exempel på insatser", "- Nattkameror inom hemtjänsten",
                                 "• fler hjärtstartare", "5a. Beskriv insatser", "12. Här finns", "a) första",
                                 "(1) andra"});
}

TEST_CASE("a lone check box joins the option text it belongs to (004)") {
  CHECK(normalized_lines("Ja, men färre än \nhälften av länets \nkommuner \n\xE2\x98\x90 \nNej, ingen \xE2\x98\x90 \n") ==
        std::vector<std::string>{"Ja, men färre än hälften av länets kommuner \xE2\x98\x90",
                                 "Nej, ingen \xE2\x98\x90"});
}

TEST_CASE("a long line continues onto a capitalised line when the word would not have fitted") {
  // Wrap width 60: the first line has 58 characters, "Region" needs 7 more.
  const std::string original =
      "En annan kommun arbetar med en trygg start i samverkan med\n"
      "Region Dalarna.\n";
  CHECK(normalized_lines(original, 60) ==
        std::vector<std::string>{"En annan kommun arbetar med en trygg start i samverkan med Region Dalarna."});
}

TEST_CASE("a long heading is not joined to a paragraph whose first word would have fitted (001)") {
  // Wrap width 98 as in 001: the heading has 84 characters, "Målet" would have fitted after it.
  const std::string original =
      "Patientkontrakt och andra sätt att främja samordning, samverkan och ökad delaktighet\n"
      "Målet med Patientkontrakt är att främja förutsättningarna.\n";
  CHECK(normalized_lines(original, 98) ==
        std::vector<std::string>{"Patientkontrakt och andra sätt att främja samordning, samverkan och ökad delaktighet",
                                 "Målet med Patientkontrakt är att främja förutsättningarna."});
}

TEST_CASE("a long line is not joined onto by a short form label") {
  const std::string original = std::string(70, 'x') + " krav uppfylls\nAnnan, ange roll:\n";
  CHECK(normalized_lines(original, 80).size() == 2);
}

TEST_CASE("a line that stops on a function word continues onto a capitalised line (002)") {
  CHECK(normalized_lines("Information ges om Region Hallands samt Hallands kommuners redovisning till\n"
                         "Socialstyrelsen för 2023.\n",
                         120) ==
        std::vector<std::string>{
            "Information ges om Region Hallands samt Hallands kommuners redovisning till Socialstyrelsen för 2023."});
}

TEST_CASE("a short label that ends on a function word heads a list instead (002)") {
  CHECK(normalized_lines("Expedieras till\nDriftnämnd Närsjukvård\nDriftnämnd Psykiatri\n", 120) ==
        std::vector<std::string>{"Expedieras till", "Driftnämnd Närsjukvård", "Driftnämnd Psykiatri"});
}

TEST_CASE("a line that ends inside a quotation continues onto the next line (001)") {
  CHECK(normalized_lines("gemensamma arbetet, varför begreppet ”Ny Nära Vård” upphör och ersätts med ”God och Nära\n"
                         "Vård” – gemensamt begrepp för hela Region Dalarna.\n",
                         98) ==
        std::vector<std::string>{"gemensamma arbetet, varför begreppet ”Ny Nära Vård” upphör och ersätts med ”God och "
                                 "Nära Vård” – gemensamt begrepp för hela Region Dalarna."});
}

TEST_CASE("a heading-like line is not continued by a number (002)") {
  CHECK(normalized_lines("Datum\n2024-05-02\nDiarienummer\nHNH240010\n") ==
        std::vector<std::string>{"Datum", "2024-05-02", "Diarienummer", "HNH240010"});
}

TEST_CASE("a line ending in an abbreviation continues onto a lower-case line (000)") {
  CHECK(normalized_lines("förebygga ohälsa bland kommunens äldre bl.a.\ngenom aktivitetsinfo.\n") ==
        std::vector<std::string>{"förebygga ohälsa bland kommunens äldre bl.a. genom aktivitetsinfo."});
}

TEST_CASE("a line ending in an abbreviation continues onto a capitalised sentence") {
  CHECK(normalized_lines("Vi samverkar med t.ex.\nRegion Exempel och kommunerna i länet.\n") ==
        std::vector<std::string>{"Vi samverkar med t.ex. Region Exempel och kommunerna i länet."});
  CHECK(normalized_lines("Vi ringer upp varje pat.\nSjuksköterskan gör det inom ett dygn.\n") ==
        std::vector<std::string>{"Vi ringer upp varje pat. Sjuksköterskan gör det inom ett dygn."});
}

TEST_CASE("a line ending in m.m. or etc. may end its sentence before a capitalised line") {
  CHECK(normalized_lines("Ange statistik, ekonomi m.m.\nBeskriv med max 3000 tecken.\n") ==
        std::vector<std::string>{"Ange statistik, ekonomi m.m.", "Beskriv med max 3000 tecken."});
}

TEST_CASE("a line ending in an abbreviation does not swallow a short heading after it") {
  CHECK(normalized_lines("Vi har infört SIP, trygg hemgång etc.\nMobila team\nTeamet startade i mars.\n") ==
        std::vector<std::string>{"Vi har infört SIP, trygg hemgång etc.", "Mobila team", "Teamet startade i mars."});
}

TEST_CASE("list items an export ran into one line stand one per line") {
  CHECK(normalized_lines("• Mobila team • SIP i hemmet • Trygg hemgång\n") ==
        std::vector<std::string>{"• Mobila team", "• SIP i hemmet", "• Trygg hemgång"});
}

TEST_CASE("text before the first of several list items keeps its own line") {
  CHECK(normalized_lines("Vi har arbetat med: • Mobila team ▪ Trygg hemgång\n") ==
        std::vector<std::string>{"Vi har arbetat med:", "• Mobila team", "▪ Trygg hemgång"});
}

TEST_CASE("the space before a split list item maps to the line break") {
  const std::string in = "• Mobila team • SIP\n";
  const NormalizedText n = normalize(in);
  REQUIRE(n.text == "• Mobila team\n• SIP\n");
  const std::size_t second = n.text.find("• SIP");
  CHECK(n.map.to_original({second, n.text.size() - 1}).begin == in.find("• SIP"));
}

TEST_CASE("a list item split from a wrapped line still continues onto the next line") {
  CHECK(normalized_lines("• Kapacitetsplanering • Utveckling av\ndigitala tjänster till invånarna\n") ==
        std::vector<std::string>{"• Kapacitetsplanering", "• Utveckling av digitala tjänster till invånarna"});
}

TEST_CASE("a dash or a lone bullet inside a line does not split it") {
  CHECK(normalized_lines("SIP - samordnad individuell plan - används\n") ==
        std::vector<std::string>{"SIP - samordnad individuell plan - används"});
  CHECK(normalized_lines("• • Mobila team\n") == std::vector<std::string>{"• • Mobila team"});
  CHECK(normalized_lines("Mobila team •\n") == std::vector<std::string>{"Mobila team •"});
}

TEST_CASE("a heading the reader found stays its own line and is marked with its level") {
  const std::string in = "Inledning\noch bakgrund till arbetet\nMobila team\nteamet startade i mars.\n";
  const std::vector<TextHeading> headings = {{{0, 9}, 1}, {{36, 47}, 2}};
  NormalizeOptions options;
  options.headings = &headings;
  const NormalizedText n = normalize(in, options);
  CHECK(n.text == "Inledning\noch bakgrund till arbetet\nMobila team\nteamet startade i mars.\n");
  CHECK(n.heading_levels == std::vector<int>{1, 0, 2, 0});
}

TEST_CASE("the lines of one heading still join as wrapped lines do") {
  const std::string in = "Samverkan mellan region och\nkommuner i länet\nText.\n";
  const std::vector<TextHeading> headings = {{{0, 45}, 1}};
  NormalizeOptions options;
  options.headings = &headings;
  const NormalizedText n = normalize(in, options);
  CHECK(n.text == "Samverkan mellan region och kommuner i länet\nText.\n");
  CHECK(n.heading_levels == std::vector<int>{1, 0});
}

TEST_CASE("without headings from a reader no line is marked") {
  CHECK(normalize("Rubrik\nText.\n").heading_levels.empty());
}

TEST_CASE("a sentence end is not joined even before a lower-case line") {
  CHECK(normalized_lines("Breddinfört SÄBO.\nsamt OBO\n") ==
        std::vector<std::string>{"Breddinfört SÄBO.", "samt OBO"});
}

TEST_CASE("a line starting with a capitalised word after a short heading stays apart (001)") {
  CHECK(normalized_lines(" Utveckling av digitala tjänster och e-hälsa \ne-Hälsa kan underlätta.\n") ==
        std::vector<std::string>{"Utveckling av digitala tjänster och e-hälsa", "e-Hälsa kan underlätta."});
}

// ---------------------------------------------------------------------------
// End-of-line hyphenation (Swedish rules)
// ---------------------------------------------------------------------------

TEST_CASE("a word broken at the line end is repaired: målbil- + den is målbilden") {
  const std::string original = "kopplat till målbil-\n\nden?\n";
  const NormalizedText n = normalize(original);
  CHECK(n.text == "kopplat till målbilden?\n");
  CHECK(n.hyphens_repaired == 1);
  // The hyphen and line break are a replacement run together with the "l" before them.
  const std::size_t l = n.text.find("lden");
  const auto run = std::find_if(n.map.runs().begin(), n.map.runs().end(),
                                [&](const OffsetMap::Run& r) { return r.norm_begin == l; });
  REQUIRE(run != n.map.runs().end());
  CHECK_FALSE(run->copy);
  CHECK(original.substr(run->orig_begin, run->orig_len) == "l-\n\n");
  const std::size_t word = n.text.find("målbilden");
  CHECK(original_of(original, n, ByteSpan{word, word + std::string("målbilden").size()}) == "målbil-\n\nden");
}

TEST_CASE("a suspended hyphen stays with one space: hälso- + och sjukvård") {
  const NormalizedText n = normalize("en omställning av hälso- \n\noch sjukvården\n");
  CHECK(n.text == "en omställning av hälso- och sjukvården\n");
  CHECK(n.hyphens_repaired == 0);
}

TEST_CASE("a suspended hyphen before respektive stays (000)") {
  CHECK(normalized_lines("ur ett verk-samhets- \nrespektive målgruppsperspektiv\n") ==
        std::vector<std::string>{"ur ett verk-samhets- respektive målgruppsperspektiv"});
}

TEST_CASE("a hyphen after capitals stays without a space: SIP- + möte is SIP-möte") {
  CHECK(normalized_lines("ett SIP-\nmöte hölls\n") == std::vector<std::string>{"ett SIP-möte hölls"});
}

TEST_CASE("a hyphen after a single letter stays: e- + postadressen is e-postadressen (002)") {
  CHECK(normalized_lines("till Socialstyrelsen på e-\npostadressen: x@y.se\n") ==
        std::vector<std::string>{"till Socialstyrelsen på e-postadressen: x@y.se"});
}

TEST_CASE("a hyphen before a capital or a digit stays without a space") {
  CHECK(normalized_lines("införandet av e-\nHälsa.\nunder 2020-\n2021 och\n") ==
        std::vector<std::string>{"införandet av e-Hälsa.", "under 2020-2021 och"});
}

TEST_CASE("a soft hyphen at a line end is removed") {
  CHECK(normalized_lines("förflytt\xC2\xAD\nningen\n") == std::vector<std::string>{"förflyttningen"});
}

TEST_CASE("Swedish line-end hyphen rules, case by case") {
  using swedish::HyphenJoin;
  CHECK(swedish::classify_line_end_hyphen("målbil", "den", false) == HyphenJoin::RemoveHyphen);
  CHECK(swedish::classify_line_end_hyphen("hälso", "och", false) == HyphenJoin::Suspended);
  CHECK(swedish::classify_line_end_hyphen("individ", "Och,", false) == HyphenJoin::Suspended);
  CHECK(swedish::classify_line_end_hyphen("vård", "resp.", false) == HyphenJoin::Suspended);
  CHECK(swedish::classify_line_end_hyphen("SIP", "möte", false) == HyphenJoin::KeepHyphen);
  CHECK(swedish::classify_line_end_hyphen("VFU", "veckor.", false) == HyphenJoin::KeepHyphen);
  CHECK(swedish::classify_line_end_hyphen("e", "post", false) == HyphenJoin::KeepHyphen);
  CHECK(swedish::classify_line_end_hyphen("2020", "2021", false) == HyphenJoin::KeepHyphen);
  CHECK(swedish::classify_line_end_hyphen("vård", "•", false) == HyphenJoin::NotAHyphenation);
  CHECK(swedish::classify_line_end_hyphen("SIP", "möte", true) == HyphenJoin::RemoveHyphen);
}

// ---------------------------------------------------------------------------
// Page furniture
// ---------------------------------------------------------------------------

TEST_CASE("page number lines are recognised in their printed shapes") {
  using furniture::LineKind;
  CHECK(furniture::classify("Sida 23") == LineKind::PageNumber);
  CHECK(furniture::classify("Sida 2 av 9") == LineKind::PageNumber);
  CHECK(furniture::classify("4 (9)") == LineKind::PageNumber);
  CHECK(furniture::classify("- 4 -") == LineKind::PageNumber);
  CHECK(furniture::classify("– 12 –") == LineKind::PageNumber);
  CHECK(furniture::classify("[Titel]") == LineKind::Placeholder);
  CHECK(furniture::classify("2019-10-01") == LineKind::IsoDate);
  CHECK(furniture::classify("mailto:enkat@socialstyrelsen.se") == LineKind::Link);
  CHECK(furniture::classify("https://www.socialstyrelsen.se/om") == LineKind::Link);
  // Text that only resembles furniture.
  CHECK(furniture::classify("Sida 9 handlar om") == LineKind::Text);
  CHECK(furniture::classify("9 (4)") == LineKind::Text);
  CHECK(furniture::classify("[X]") == LineKind::Text);
  CHECK(furniture::classify("Se https://www.x.se för mer") == LineKind::Text);
  CHECK(furniture::classify("Andel i procent 65") == LineKind::Text);
}

TEST_CASE("a Sida N line is removed and the sentence joins across it (002)") {
  const NormalizedText n = normalize("Förberedelser har pågått under hösten för\nSida 38\nnärsjukvården inför 2024.\n");
  CHECK(lines_of(n) == std::vector<std::string>{"Förberedelser har pågått under hösten för närsjukvården inför 2024."});
  CHECK(n.furniture_lines_removed == 1);
}

TEST_CASE("a [Titel] / N (M) / date footer is removed and the sentence joins across it (001)") {
  const std::string original =
      "arbetsgrupperna ingår representaner från kommunen. Varje vårdcentral avgör själva vilka \n\n\n\n \n\n"
      "[Titel] \n\n 4 (9) \n\n2019-10-01  \n \n \n\n \n \n\n"
      "professioner som deltar. \n";
  const NormalizedText n = normalize(original);
  CHECK(lines_of(n) == std::vector<std::string>{"arbetsgrupperna ingår representaner från kommunen. Varje vårdcentral "
                                                "avgör själva vilka professioner som deltar."});
  CHECK(n.furniture_lines_removed == 3);
}

TEST_CASE("a lone date far from any page number stays") {
  CHECK(normalized_lines("Datum\n2024-05-02\nDiarienummer\nHNH240010\nEtt\nTvå\nSida 3\n") ==
        std::vector<std::string>{"Datum", "2024-05-02", "Diarienummer", "HNH240010", "Ett", "Två"});
}

TEST_CASE("lines that are only a link are removed, a link inside text stays") {
  const NormalizedText n = normalize(
      "Svaren kan skickas till omstallningen@socialstyrelsen.se\n"
      "https://enkat.socialstyrelsen.se/printfriendlypage.aspx?u=1&R=false\n"
      "mailto:dataskyddsombud@socialstyrelsen.se\n"
      "Mer finns här: https://www.socialstyrelsen.se/om. Se särskilt\n");
  CHECK(lines_of(n) == std::vector<std::string>{"Svaren kan skickas till omstallningen@socialstyrelsen.se",
                                                "Mer finns här: https://www.socialstyrelsen.se/om. Se särskilt"});
  CHECK(n.furniture_lines_removed == 2);
}

TEST_CASE("a short line repeated beside the page numbers is a running header, elsewhere it stays") {
  std::string original = "Region Halland – uppföljning\nInledning.\n";
  for (int page = 1; page <= 4; ++page)
    original += "Text på sida " + std::to_string(page) + ".\nSida " + std::to_string(page) +
                "\nRegion Halland – uppföljning\n";
  original += "Slut.\n";
  const std::vector<std::string> lines = normalized_lines(original);
  CHECK(std::count(lines.begin(), lines.end(), "Region Halland – uppföljning") == 1);
  CHECK(lines.front() == "Region Halland – uppföljning");
}

TEST_CASE("a running header left out is kept apart once, with its bytes in the original, and page numbers are not") {
  std::string original = "Inledning.\n";
  for (int page = 1; page <= 4; ++page)
    original += "Text på sida " + std::to_string(page) + ".\nSida " + std::to_string(page) +
                "\nRSS Kalmar län – årsrapport\n";
  const NormalizedText n = normalize(original);
  REQUIRE(n.running.size() == 1);
  CHECK(n.running[0].text == "RSS Kalmar län – årsrapport");
  REQUIRE(n.running[0].span);
  CHECK(original.substr(n.running[0].span->begin, n.running[0].span->size()) == "RSS Kalmar län – årsrapport");
  CHECK(original.find("RSS Kalmar län") == n.running[0].span->begin);
}

TEST_CASE("an answer option that ends every page is kept (002 \"Nej\" before \"Sida N\")") {
  std::string original;
  for (int page = 1; page <= 10; ++page)
    original += std::to_string(page) + ". Fråga?\nJa\nNej\nSida " + std::to_string(page) + "\n";
  const std::vector<std::string> lines = normalized_lines(original);
  CHECK(std::count(lines.begin(), lines.end(), "Nej") == 10);
}

TEST_CASE("a repeated line found more often inside pages than beside page numbers is kept") {
  std::string original;
  for (int page = 1; page <= 4; ++page)
    original += "Rubrik.\nVet inte\nText.\nVet inte\nText.\nVet inte\nSida " + std::to_string(page) + "\n";
  const std::vector<std::string> lines = normalized_lines(original);
  CHECK(std::count(lines.begin(), lines.end(), "Vet inte") == 12);
}

TEST_CASE("a form feed ends a line and counts as furniture") {
  const NormalizedText n = normalize("slutet av sidan.\fNästa sida.\n");
  CHECK(lines_of(n) == std::vector<std::string>{"slutet av sidan.", "Nästa sida."});
  CHECK(n.furniture_lines_removed == 1);
}

// ---------------------------------------------------------------------------
// NFC
// ---------------------------------------------------------------------------

TEST_CASE("decomposed å becomes NFC, mapped as a replacement over the decomposed bytes only") {
  // "vård" with "a" + U+030A COMBINING RING ABOVE.
  const std::string original = "god va\xCC\x8A" "rd\n";
  const NormalizedText n = normalize(original);
  CHECK(n.text == "god v\xC3\xA5rd\n");
  const std::size_t a = n.text.find("\xC3\xA5");
  CHECK(original_of(original, n, ByteSpan{a, a + 2}) == "a\xCC\x8A");
  CHECK(original_of(original, n, ByteSpan{0, 3}) == "god");  // untouched text stays a copy
}

// ---------------------------------------------------------------------------
// Cost
// ---------------------------------------------------------------------------

TEST_CASE("one huge logical line made of thousands of joins is normalised in linear time") {
  // 200 000 hyphenated line ends (about 2.4 MB) that all join into one line;
  // a quadratic join would not finish.
  std::string original;
  for (int i = 0; i < 200000; ++i) original += "ordet del-\nning ";
  const NormalizedText n = normalize(original);
  CHECK(n.lines.size() == 1);
  CHECK(n.hyphens_repaired == 200000);
}

// ---------------------------------------------------------------------------
// The seed documents
// ---------------------------------------------------------------------------

TEST_CASE("normalising 001 removes the [Titel] / N (9) / 2019-10-01 page footers") {
  const std::vector<std::string> lines = lines_of(normalize(read_seed("001_a66d7b4781e6d6f2.txt")));
  for (const std::string& line : lines) {
    CAPTURE(line);
    CHECK(line.find("[Titel]") == std::string::npos);
    CHECK_FALSE(std::regex_match(line, std::regex(R"(\d+ \(9\)|2019-10-01)")));
  }
  CHECK(has_line(lines, "Region Dalarna – God och Nära Vård"));
  CHECK(std::any_of(lines.begin(), lines.end(), [](const std::string& l) {
    return l.find("Varje vårdcentral avgör själva vilka professioner som deltar.") != std::string::npos;
  }));
}

TEST_CASE("normalising 002 leaves no Sida N lines and no link-only lines") {
  const NormalizedText n = normalize(read_seed("002_93ee68d2c458f8dc.txt"));
  for (const std::string& line : lines_of(n)) {
    CAPTURE(line);
    CHECK_FALSE(std::regex_match(line, std::regex(R"(Sida \d+)")));
    CHECK_FALSE(std::regex_match(line, std::regex(R"((https?://|mailto:)\S+)")));
  }
  CHECK(n.furniture_lines_removed >= 30);
}

TEST_CASE("normalising 000 gives the logical lines a reader sees") {
  const std::vector<std::string> lines = lines_of(normalize(read_seed("000_3242b6e7501bd5d8.txt")));
  CHECK(has_line(lines, "1. Finns det en beslutad länsgemensam målbild för omställningen till Nära vård i regionen "
                        "och kommunerna?"));
  CHECK(has_line(lines, "Ja"));  // " Ja " in the export
  CHECK(has_line(lines, "Ja, men arbete pågår med att revidera målbilden"));
  CHECK(has_line(lines, "\xEF\x82\xB7 Klicka här för en läsversion av enkäten."));
  CHECK(has_line(lines, "Lämna gärna en kommentar här:"));
  CHECK(has_line(lines, "Beskriv med max 3000 tecken."));
  CHECK(has_line(lines, "4. Har kommunerna i länet en kommunspecifik handlingsplan kopplat till målbil-den?"));
  CHECK(std::any_of(lines.begin(), lines.end(), [](const std::string& l) {
    return l.find("inklusive individ- och familjeomsorgen (IFO)") != std::string::npos;
  }));
  CHECK(std::any_of(lines.begin(), lines.end(), [](const std::string& l) {
    return l.rfind("5b. Om möjligt, beskriv resultat och effekter som insatserna lett till ur ett verk-samhets- "
                   "respektive målgruppsperspektiv",
                   0) == 0;
  }));
}

TEST_CASE("normalising 004 keeps each check-box option on one line") {
  const std::vector<std::string> lines = lines_of(normalize(read_seed("004_bd5c5f46bc7d2672.txt")));
  CHECK(has_line(lines, "Ja, men färre än hälften av länets kommuner \xE2\x98\x90"));
  CHECK(has_line(lines, "Inga av länets kommuner \xE2\x98\x90"));
  CHECK(has_line(lines, "Nej, men förslag finns framtaget men är inte ännu beslutad av alla berörda parter "
                        "\xE2\x98\x90"));
}

TEST_CASE("every line of each seed maps to original bytes with the same text") {
  const std::string name = GENERATE(from_range(seed_names()));
  CAPTURE(name);
  const std::string original = read_seed(name);
  const NormalizedText n = normalize(original);
  REQUIRE_FALSE(n.lines.empty());
  REQUIRE(n.text.back() == '\n');
  for (const ByteSpan& line : n.lines) {
    const std::string norm = n.text.substr(line.begin, line.size());
    CAPTURE(norm);
    REQUIRE(n.text[line.end] == '\n');
    const std::string orig = without_furniture_lines(original_of(original, n, line));
    CHECK(squeezed(orig) == squeezed(norm));
  }
}

TEST_CASE("every run of each seed round-trips and every copy run is byte-exact") {
  const std::string name = GENERATE(from_range(seed_names()));
  CAPTURE(name);
  const std::string original = read_seed(name);
  const NormalizedText n = normalize(original);
  std::size_t covered = 0;
  for (const OffsetMap::Run& run : n.map.runs()) {
    CAPTURE(run.norm_begin, run.norm_len, run.orig_begin, run.orig_len, run.copy);
    CHECK(run.norm_begin == covered);  // runs tile the normalised text
    covered = run.norm_begin + run.norm_len;
    CHECK(n.map.to_original_begin(run.norm_begin) == run.orig_begin);
    CHECK(n.map.to_original_end(run.norm_begin + run.norm_len) == run.orig_begin + run.orig_len);
    if (run.copy) {
      CHECK(original.compare(run.orig_begin, run.orig_len, n.text, run.norm_begin, run.norm_len) == 0);
    }
  }
  CHECK(covered == n.text.size());
}

TEST_CASE("a span inside a copy run maps byte-exactly to the same text in the seed") {
  const std::string original = read_seed("000_3242b6e7501bd5d8.txt");
  const NormalizedText n = normalize(original);
  for (const std::string word : {"trygghemgång", "Region Dalarna", "mobila team", "personcentrerat förhållningssätt"}) {
    CAPTURE(word);
    const std::size_t at = n.text.find(word);
    REQUIRE(at != std::string::npos);
    const ByteSpan mapped = n.map.to_original(ByteSpan{at, at + word.size()});
    CHECK(original.substr(mapped.begin, mapped.size()) == word);
  }
}

TEST_CASE("with lines_are_paragraphs no two lines are joined and no line-end hyphen is repaired") {
  NormalizeOptions options;
  options.lines_are_paragraphs = true;
  const NormalizedText n = normalize("Målbild för nära vård\nvi har en plan för målbil-\nden och hälso-\noch sjukvård\n",
                                     options);
  CHECK(lines_of(n) == std::vector<std::string>{"Målbild för nära vård", "vi har en plan för målbil-", "den och hälso-",
                                                "och sjukvård"});
  CHECK(n.lines_joined == 0);
  CHECK(n.hyphens_repaired == 0);
}

TEST_CASE("a DOCX's lines are paragraphs and a text file's are not") {
  CHECK(normalize_options_for("docx").lines_are_paragraphs);
  CHECK_FALSE(normalize_options_for("text").lines_are_paragraphs);
  CHECK_FALSE(normalize_options_for("pdf").lines_are_paragraphs);
}
