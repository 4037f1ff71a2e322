// Masking personal data (mask/personal_data.hpp): every form masked, every
// look-alike kept, marks moved; the same function serves excerpts, reports
// and search snippets. Inputs and expected outputs are one line each.

#include <catch2/catch.hpp>

#include "analyzer/mask/personal_data.hpp"
#include "analyzer/mask/text_edits.hpp"

using namespace analyzer;

namespace {

// `text` masked with `names`, each mark rendered in «».
std::string masked(const std::string& text, std::vector<ByteSpan> marks = {},
                   const std::vector<std::string>& names = {"Maria Högkvist"}) {
  const std::string m = mask_personal_data(text, names, &marks);
  std::string out;
  std::size_t at = 0;
  for (ByteSpan s : marks) {
    out += m.substr(at, s.begin - at) + "«" + m.substr(s.begin, s.size()) + "»";
    at = s.end;
  }
  return out + m.substr(at);
}

}  // namespace

TEST_CASE("mask_personal_data: e-mail, phone numbers and names masked, years, amounts, dates, counts kept") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      // phone numbers, every Swedish form
      {"Ring 070-123 45 67 idag.", "Ring [telefon] idag."},
      {"Ring 070 123 45 67 idag.", "Ring [telefon] idag."},
      {"Ring 0701234567 idag.", "Ring [telefon] idag."},
      {"Ring 070-1234567 idag.", "Ring [telefon] idag."},
      {"Tel: 08-123 456 78.", "Tel: [telefon]."},
      {"Tel 08-12 34 56, vx", "Tel [telefon], vx"},
      {"Växel 010-476 80 00.", "Växel [telefon]."},
      {"Växel 0771-23 23 23.", "Växel [telefon]."},
      {"(08) 123 45 67 dagtid", "[telefon] dagtid"},
      {"Anna (070-123 45 67)", "Anna ([telefon])"},
      {"Ring +46 70 123 45 67.", "Ring [telefon]."},
      {"Ring +46 (0)70-123 45 67.", "Ring [telefon]."},
      {"Ring +46701234567.", "Ring [telefon]."},
      {"Ring 0046 70 123 45 67.", "Ring [telefon]."},
      {"Ring 0046701234567.", "Ring [telefon]."},
      {"Ring 070–123 45 67 eller 08/123 45 67", "Ring [telefon] eller [telefon]"},
      {"Ring 070-123 45 67 2019 igen", "Ring [telefon] 2019 igen"},
      // e-mail, also with å/ä/ö and "(at)"
      {"Skriv till maria.hogkvist@regiondalarna.se.", "Skriv till [e-post]."},
      {"Skriv till omställningen@socialstyrelsen.se (om ni vill).", "Skriv till [e-post] (om ni vill)."},
      {"Skriv till info(at)kommun.se", "Skriv till [e-post]"},
      {"mailto:enkat@socialstyrelsen.se", "mailto:[e-post]"},
      // names: whole words, any case, line break between the parts, genitive
      {"Maria Högkvist svarar.", "[namn] svarar."},
      {"MARIA HÖGKVIST svarar.", "[namn] svarar."},
      {"enligt maria\nhögkvist.", "enligt [namn]."},
      {"Maria Högkvists enkät", "[namn] enkät"},
      {"Maria svarar; Högkvisten är en plats.", "Maria svarar; Högkvisten är en plats."},
      {"Mariam Högkvist svarar.", "Mariam Högkvist svarar."},
      // not personal data
      {"Under 2019 och 2020-2022 ökade andelen.", "Under 2019 och 2020-2022 ökade andelen."},
      {"Budget 25 milj kr, 3,5 % och 100 000 kr.", "Budget 25 milj kr, 3,5 % och 100 000 kr."},
      {"Från 2019-10-01 till 2023-01-01.", "Från 2019-10-01 till 2023-01-01."},
      {"40 ärenden 3,8% i sep 2022, 0,18 per 1000", "40 ärenden 3,8% i sep 2022, 0,18 per 1000"},
      {"Öppet 08.00-17.00, 08-17 på helger", "Öppet 08.00-17.00, 08-17 på helger"},
      {"ca 20 patienter, 05 10 15", "ca 20 patienter, 05 10 15"},
      {"Ålder 0-3 år och 1994-1999.", "Ålder 0-3 år och 1994-1999."},
  }));
  CAPTURE(input);
  CHECK(masked(input) == expected);
}

TEST_CASE("mask_personal_data masks a name whose parts a thin space joins") {
  CHECK(mask_personal_data("Maria\xe2\x80\x89Högkvist svarar.", {"Maria Högkvist"}) == "[namn] svarar.");
}

TEST_CASE("mask_personal_data masks a personnummer or samordningsnummer in every common form") {
  auto [input, expected] = GENERATE(table<std::string, std::string>({
      {"Pnr 19121212-1212 här.", "Pnr [personnummer] här."},
      {"Pnr 121212-1212 här.", "Pnr [personnummer] här."},
      {"Pnr 201212121212 här.", "Pnr [personnummer] här."},
      {"Pnr 1212121212 här.", "Pnr [personnummer] här."},
      {"Pnr 19121212–1212 här.", "Pnr [personnummer] här."},        // en dash
      {"Pnr 19121212 1212 här.", "Pnr [personnummer] här."},
      {"Pnr 121212 1212 här.", "Pnr [personnummer] här."},
      {"Pnr 121212+1212 här.", "Pnr [personnummer] här."},          // 100 years or older
      {"Pnr 19121212+1212 här.", "Pnr [personnummer] här."},        // "+" in the twelve-digit form too
      {"Pnr 19121212\xc2\xa0" "1212 här.", "Pnr [personnummer] här."},  // no-break space
      {"(811218-9876)", "([personnummer])"},
      {"pnr:811218-9876.", "pnr:[personnummer]."},
      {"Samordningsnr 701063-2391.", "Samordningsnr [personnummer]."},    // day 03 + 60
      {"Samordningsnr 19701063-2391.", "Samordningsnr [personnummer]."},
      {"Två: 121212-1212 och 811218-9876", "Två: [personnummer] och [personnummer]"},
  }));
  CAPTURE(input);
  CHECK(masked(input) == expected);
}

TEST_CASE("mask_personal_data keeps numbers that only look like a personnummer") {
  auto input = GENERATE(as<std::string>{},
      "Pnr 19121212-1213 fel kontrollsiffra.",   // Luhn fails
      "Pnr 121212-1213 fel kontrollsiffra.",
      "Ärende 20191231-1234 avslutat.",          // a real date, Luhn fails
      "Diarienummer 1234567890.",                // no month 34
      "Dnr 2019-2022 och 2019–2022.",            // year ranges
      "Under 2019, 20191231 och 2019-12-31.",    // years and dates
      "Beloppet 1 212 121 212 kr.",              // an amount in groups of three
      "Summa 3212121212121 kr.",                 // a longer run of digits
      "Kod AB1212121212 och 1212121212AB.",      // inside a code
      "Intervall 2019-121212-1212.",             // after a digit and "-"
      "Datum 19121312-1212.",                    // month 13
      "Datum 19121232-1212.",                    // day 32
      "Datum 19121292-1212.",                    // day 92 (32 + 60)
      "Sekel 17121212-1212.",                    // no such century
      "Sekel 21121212-1212.");
  CAPTURE(input);
  CHECK(masked(input, {}, {}) == input);
}

TEST_CASE("valid_personnummer_digits: month, day or day + 60, and the Luhn check digit") {
  CHECK(valid_personnummer_digits("1212121212"));
  CHECK(valid_personnummer_digits("8112189876"));
  CHECK(valid_personnummer_digits("7010632391"));    // samordningsnummer
  CHECK_FALSE(valid_personnummer_digits("1212121213"));
  CHECK_FALSE(valid_personnummer_digits("1213121212"));
  CHECK_FALSE(valid_personnummer_digits("121212121"));
  CHECK_FALSE(valid_personnummer_digits("12121212a2"));
}

TEST_CASE("mask_personal_data masks a phone number written 46 and digits, keeps amounts that begin with 46") {
  CHECK(masked("Ring 46701234567 idag.") == "Ring [telefon] idag.");
  CHECK(masked("Ring 4681234567 idag.") == "Ring [telefon] idag.");
  CHECK(masked("Kostnad 460000000 kr och 46 000 kr, 4612 st.") == "Kostnad 460000000 kr och 46 000 kr, 4612 st.");
  CHECK(masked("Konto 1246701234567.") == "Konto 1246701234567.");
}

TEST_CASE("mask_personal_data masks a phone number in groups joined by dots, keeps dates, times and amounts so written") {
  CHECK(masked("Ring 070.123.45.67 också.") == "Ring [telefon] också.");
  CHECK(masked("Växel 08.123.456.78.") == "Växel [telefon].");
  CHECK(masked("Mötet 05.12.2023 kl 08.30, kostnad 1.234.567 kr, version 0.12.3.") ==
        "Mötet 05.12.2023 kl 08.30, kostnad 1.234.567 kr, version 0.12.3.");
  CHECK(masked("Klassificering 01.02.03.04, dnr 02.01.05.12, IP 010.20.30.40, kl 08.30.09.45.") ==
        "Klassificering 01.02.03.04, dnr 02.01.05.12, IP 010.20.30.40, kl 08.30.09.45.");
  // A number without separators at the end of a sentence, as before.
  CHECK(masked("Ring 0701234567.") == "Ring [telefon].");
  CHECK(masked("Tel 081234567. Eller 0701234567.12") == "Tel [telefon]. Eller [telefon].12");
  CHECK(masked("Avsnitt 070.123") == "Avsnitt 070.123");  // too few digits
  CHECK(masked("Nummer 070.12345.67") == "Nummer 070.12345.67");  // a group of five is no phone group
}

TEST_CASE("mask_personal_data moves marks, a mark overlapping masked text covers the whole mask") {
  // "SIP" at [0,3), "med" at [4,7), "Maria Högkvist" at [8,23).
  const std::string text = "SIP med Maria Högkvist samt 070-123 45 67 och SIP.";
  CHECK(masked(text, {{0, 3}, {text.size() - 4, text.size() - 1}}) == "«SIP» med [namn] samt [telefon] och «SIP».");
  CHECK(masked(text, {{4, 14}}) == "SIP «med [namn]» samt [telefon] och SIP.");   // ends inside the name
  CHECK(masked(text, {{10, 12}}) == "SIP med «[namn]» samt [telefon] och SIP.");  // wholly inside
  std::vector<ByteSpan> none;
  CHECK(mask_personal_data("Ingen persondata här.", {}, &none) == "Ingen persondata här.");
  CHECK(mask_personal_data("Maria Högkvist", {"", "  "}) == "Maria Högkvist");   // empty names ignored
}

TEST_CASE("mask_marked masks a snippet whose marks are written into it, and keeps the marks around the mask") {
  PersonalDataMasker masker({"Maria Högkvist"});
  CHECK(masker.mask_marked("«SIP» med Maria Högkvist, 070-123 45 67", "«", "»") == "«SIP» med [namn], [telefon]");
  // A mark inside personal data covers the whole mask.
  CHECK(masker.mask_marked("Ring «070»-123 45 67 om «SIP»", "«", "»") == "Ring «[telefon]» om «SIP»");
  CHECK(masker.mask_marked("Fråga «Maria» Högkvist", "«", "»") == "Fråga «[namn]»");
  CHECK(masker.mask_marked("Pnr «19121212»-1212 …", "«", "»") == "Pnr «[personnummer]» …");
  // Without personal data the snippet comes back byte for byte, stray
  // guillemets (Swedish quotation marks) included.
  for (const std::string s : {"»Vi har «SIP»", "«bara öppen", "stängd» «SIP» och «team»", ""})
    CHECK(masker.mask_marked(s, "«", "»") == s);
  CHECK(masker.mask_marked("»Ring 070-123 45 67» sa «SIP»", "«", "»") == "»Ring [telefon]» sa «SIP»");
}

TEST_CASE("a masker matches names by their first word: many names cost one lookup per word") {
  std::vector<std::string> names;
  for (int i = 0; i < 5000; ++i) names.push_back("Förnamn" + std::to_string(i) + " Efternamn");
  names.push_back("Maria Högkvist");
  PersonalDataMasker masker(names);
  CHECK(masker.mask("Hej Förnamn4711 Efternamn och maria högkvist, Förnamn4711 ensam.") ==
        "Hej [namn] och [namn], Förnamn4711 ensam.");
}

TEST_CASE("apply_text_edits replaces bytes and moves marks, touching marks merge") {
  std::vector<ByteSpan> marks{{0, 3}, {4, 7}};
  CHECK(apply_text_edits("Med SIP.", {{{0, 3}, "Via"}}, &marks) == "Via SIP.");
  CHECK(marks == std::vector<ByteSpan>{{0, 3}, {4, 7}});
  marks = {{0, 2}, {2, 4}};
  CHECK(apply_text_edits("abcd", {}, &marks) == "abcd");
  CHECK(marks == std::vector<ByteSpan>{{0, 4}});
  marks = {{1, 2}};
  CHECK(apply_text_edits("abc", {{{1, 2}, ""}}, &marks) == "ac");
  CHECK(marks.empty());
}
