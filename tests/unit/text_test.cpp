// Swedish text facts (analyzer/text/swedish_text.hpp): abbreviations, list
// bullets, spaces and sentence breaks, one behaviour per case.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analyzer/text/swedish_text.hpp"
#include "analyzer/text/swedish_regions.hpp"

using namespace analyzer;
using swedish::BulletScope;
using swedish::ClauseMarks;

namespace {

std::vector<std::string> sentence_texts(std::string_view text) {
  std::vector<std::string> out;
  for (const ByteSpan s : swedish::sentence_spans(text)) out.emplace_back(text.substr(s.begin, s.size()));
  return out;
}

}  // namespace

// ---- abbreviations ----------------------------------------------------------

TEST_CASE("abbreviations of several groups are abbreviations") {
  for (const char* word : {"bl.a.", "t.ex.", "fr.o.m.", "p.g.a."}) CHECK(swedish::is_abbreviation(word));
}

TEST_CASE("a capital first letter still makes an abbreviation") {
  CHECK(swedish::is_abbreviation("T.ex."));
  CHECK(swedish::is_abbreviation("Ca."));
  CHECK(swedish::is_abbreviation("Bl.a."));
}

TEST_CASE("any word of period-separated lower-case groups is an abbreviation") {
  CHECK(swedish::is_abbreviation("a.b."));
  CHECK_FALSE(swedish::is_abbreviation("abcde.f."));
}

TEST_CASE("the entries the sentence splitter and the line joiner once kept apart are one list") {
  for (const char* word : {"pat.", "obs.", "s.", "prop.", "avd.", "ca.", "resp."}) CHECK(swedish::is_abbreviation(word));
}

TEST_CASE("m.m., etc. and osv. close an enumeration, t.ex. and bl.a. do not") {
  for (const char* word : {"m.m.", "etc.", "osv.", "o.s.v.", "m.fl.", "Etc."}) CHECK(swedish::closes_enumeration(word));
  for (const char* word : {"t.ex.", "bl.a.", "ca.", "resp."}) CHECK_FALSE(swedish::closes_enumeration(word));
}

TEST_CASE("ordinary words and numbers with a period are not abbreviations") {
  for (const char* word : {"vården.", "2019.", "Bra."}) CHECK_FALSE(swedish::is_abbreviation(word));
}

TEST_CASE("every abbreviation in the table is lower case and ends with a period") {
  for (const std::string_view a : swedish::abbreviations()) {
    CHECK(a.back() == '.');
    for (char c : a) CHECK_FALSE((c >= 'A' && c <= 'Z'));
  }
}

TEST_CASE("a sentence does not end after pat. or resp.") {
  CHECK(sentence_texts("Vi ringer varje pat. inom ett dygn. Det fungerar.") ==
        std::vector<std::string>{"Vi ringer varje pat. inom ett dygn.", "Det fungerar."});
  CHECK(sentence_texts("Region resp. kommun ansvarar. Klart.") ==
        std::vector<std::string>{"Region resp. kommun ansvarar.", "Klart."});
}

TEST_CASE("a text ends with an abbreviation only when it stands as a word") {
  CHECK(swedish::ends_with_abbreviation("Vi har bl.a. "));
  CHECK(swedish::ends_with_abbreviation("t.ex."));
  CHECK_FALSE(swedish::ends_with_abbreviation("tabl.a."));
  CHECK_FALSE(swedish::ends_with_abbreviation("Det var bra."));
}

// ---- bullets -----------------------------------------------------------------

TEST_CASE("a bullet symbol marks a list item with or without a space") {
  CHECK(swedish::list_mark_length("• Mer tid", BulletScope::Sentences) == 3);
  CHECK(swedish::list_mark_length("•Mer tid", BulletScope::Sentences) == 3);
  CHECK(swedish::list_mark_length("\xef\x82\xb7Mer tid", BulletScope::Sentences) == 3);
}

TEST_CASE("a dash marks a list item only before a space, a tab or the line end") {
  CHECK(swedish::list_mark_length("- Mer tid", BulletScope::Sentences) == 1);
  CHECK(swedish::list_mark_length("–\tMer tid", BulletScope::Sentences) == 3);
  CHECK(swedish::list_mark_length("-", BulletScope::Layout) == 1);
  CHECK(swedish::list_mark_length("-5 grader", BulletScope::Sentences) == 0);
  CHECK(swedish::list_mark_length("*viktigt*", BulletScope::Layout) == 0);
}

TEST_CASE("wider bullet scopes take the bullets of the narrower ones and more") {
  CHECK_FALSE(swedish::is_bullet_symbol(0x25CF, BulletScope::Sentences));  // ●
  CHECK(swedish::is_bullet_symbol(0x25CF, BulletScope::Excerpts));
  CHECK_FALSE(swedish::is_bullet_symbol(0x2610, BulletScope::Excerpts));  // ☐
  CHECK(swedish::is_bullet_symbol(0x2610, BulletScope::Forms));
  CHECK_FALSE(swedish::is_bullet_symbol(0x00B7, BulletScope::Forms));  // ·
  CHECK(swedish::is_bullet_symbol(0x00B7, BulletScope::Layout));
  CHECK(swedish::is_bullet_symbol(0x2022, BulletScope::Layout));  // •
}

TEST_CASE("private-use symbols of Symbol fonts are bullets for layout only") {
  CHECK(swedish::is_bullet_symbol(0xF076, BulletScope::Layout));
  CHECK_FALSE(swedish::is_bullet_symbol(0xF076, BulletScope::Forms));
}

TEST_CASE("the regex classes list the bullets of a scope and escape the hyphen") {
  CHECK(swedish::bullet_symbol_class(BulletScope::Sentences) == "•▪\xef\x82\xb7");
  CHECK(swedish::bullet_dash_class() == "\\-–—*");
}

// ---- spaces ------------------------------------------------------------------

TEST_CASE("no-break and other Unicode spaces count as space, letters do not") {
  CHECK(swedish::is_space(' '));
  CHECK(swedish::is_space('\n'));
  CHECK(swedish::is_space(0x00A0));
  CHECK(swedish::is_space(0x202F));
  CHECK(swedish::is_space(0xFEFF));
  CHECK_FALSE(swedish::is_space('a'));
  CHECK_FALSE(swedish::is_space(0x00E5));  // å
}

// ---- sentence breaks -----------------------------------------------------------

TEST_CASE("a period, question mark or exclamation mark between words breaks a sentence") {
  CHECK(swedish::is_sentence_break(". ", ClauseMarks::Continue));
  CHECK(swedish::is_sentence_break("? ", ClauseMarks::Continue));
  CHECK(swedish::is_sentence_break("!\n", ClauseMarks::Continue));
  CHECK_FALSE(swedish::is_sentence_break(", ", ClauseMarks::Continue));
}

TEST_CASE("semicolon and colon break only with ClauseMarks Break") {
  CHECK(swedish::is_sentence_break("; ", ClauseMarks::Break));
  CHECK(swedish::is_sentence_break(": ", ClauseMarks::Break));
  CHECK_FALSE(swedish::is_sentence_break("; ", ClauseMarks::Continue));
}

TEST_CASE("a bullet between words starts a new unit, a dash does not") {
  CHECK(swedish::is_sentence_break("\n• ", ClauseMarks::Continue));
  CHECK(swedish::is_sentence_break(" \xe2\x96\xaa ", ClauseMarks::Continue));  // ▪
  CHECK_FALSE(swedish::is_sentence_break(" - ", ClauseMarks::Continue));
}

TEST_CASE("a period after an abbreviation between words is no break") {
  const std::string_view text = "se t.ex. SIP";
  CHECK_FALSE(swedish::is_sentence_break(text, {7, 9}, ClauseMarks::Break));  // ". " after "t.ex"
}

TEST_CASE("a period after an ordinary word between words is a break") {
  const std::string_view text = "bra. SIP";
  CHECK(swedish::is_sentence_break(text, {3, 5}, ClauseMarks::Break));
}

TEST_CASE("an abbreviation glued to a longer word does not stop the break") {
  const std::string_view text = "tabl.a. SIP";
  CHECK(swedish::is_sentence_break(text, {6, 8}, ClauseMarks::Break));
}

TEST_CASE("sentence spans split at sentence ends and are trimmed") {
  CHECK(sentence_texts("Bra. Dåligt!  Vet ej? ") == std::vector<std::string>{"Bra.", "Dåligt!", "Vet ej?"});
}

TEST_CASE("sentence spans do not break after an abbreviation") {
  CHECK(sentence_texts("Vi har bl.a. SIP. Det fungerar.") ==
        std::vector<std::string>{"Vi har bl.a. SIP.", "Det fungerar."});
}

TEST_CASE("a line that starts a list item starts a new sentence") {
  CHECK(sentence_texts("Vi behöver\n• mer tid\n- fler möten") ==
        std::vector<std::string>{"Vi behöver", "• mer tid", "- fler möten"});
}

TEST_CASE("a sentence typed over several lines is one sentence") {
  // A spreadsheet cell written with line breaks (Alt+Enter in Excel).
  CHECK(sentence_texts("Samordnad individuell plan (SIP) upprättas\nalltid i samråd med patienten och\nanhöriga. Det fungerar.") ==
        std::vector<std::string>{"Samordnad individuell plan (SIP) upprättas\nalltid i samråd med patienten och\nanhöriga.",
                                 "Det fungerar."});
}

TEST_CASE("a line break before a capital, after a full stop or in a blank line still ends a sentence") {
  CHECK(sentence_texts("Mobila team\nSIP") == std::vector<std::string>{"Mobila team", "SIP"});
  CHECK(sentence_texts("Bra.\nalltid") == std::vector<std::string>{"Bra.", "alltid"});
  CHECK(sentence_texts("Mobila team\n\nalltid") == std::vector<std::string>{"Mobila team", "alltid"});
  CHECK(sentence_texts("Han sa \"Nej.\"\nvi fortsatte") == std::vector<std::string>{"Han sa \"Nej.\"", "vi fortsatte"});
}

TEST_CASE("an empty text has no sentences") { CHECK(swedish::sentence_spans("").empty()); }

// ---- region names ---------------------------------------------------------------

TEST_CASE("the words around a region's name are stripped with its case kept") {
  CHECK(swedish::region_words_stripped("Region Exempel") == "Exempel");
  CHECK(swedish::region_words_stripped("REGION Exempel") == "Exempel");
  CHECK(swedish::region_words_stripped("RSS Exempel län.") == "Exempel");
  CHECK(swedish::region_words_stripped("Exempels Län") == "Exempels");
  CHECK(swedish::region_words_stripped(" Exempel ") == "Exempel");
  CHECK(swedish::region_words_stripped("Regionen") == "Regionen");
}
