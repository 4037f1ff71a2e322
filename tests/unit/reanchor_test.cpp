// coding/reanchor.hpp: finding a coding's quote again in a changed text.
// Each case renders as "<match>[begin,end)" so a failure reads as a diff.

#include <catch2/catch.hpp>

#include <string>

#include "analyzer/coding/reanchor.hpp"

using analyzer::ByteSpan;
using analyzer::coding::reanchor;

namespace {

std::string render(const analyzer::coding::Reanchored& r) {
  if (!r.found()) return "orphaned";
  return std::string(analyzer::coding::to_string(r.match)) + "[" + std::to_string(r.span.begin) + "," +
         std::to_string(r.span.end) + ")";
}

std::string at(const std::string& text, ByteSpan s) { return text.substr(s.begin, s.size()); }

}  // namespace

TEST_CASE("a quote still at its old span is unchanged") {
  CHECK(render(reanchor("SIP", {10, 13}, "Vi har nu SIP och SIP")) == "unchanged[10,13)");
}

TEST_CASE("text inserted before the quote moves it by the inserted bytes") {
  const std::string text = "Numera: Vi har nu SIP-möten varje vecka.";
  CHECK(render(reanchor("SIP-möten", {10, 20}, text)) == "exact[18,28)");
  CHECK(at(text, reanchor("SIP-möten", {10, 20}, text).span) == "SIP-möten");
}

TEST_CASE("text removed before the quote moves it back") {
  CHECK(render(reanchor("mobila team", {30, 41}, "Vi har mobila team.")) == "exact[7,18)");
}

TEST_CASE("a repeated quote anchors to the copy nearest its old place") {
  //                          0         1         2         3
  //                          0123456789012345678901234567890123456
  const std::string text = "SIP i januari, SIP i mars, SIP i maj";
  CHECK(render(reanchor("SIP", {16, 19}, text)) == "exact[15,18)");  // old 16: the copy at 15, not 0 or 27
  CHECK(render(reanchor("SIP", {26, 29}, text)) == "exact[27,30)");
  CHECK(render(reanchor("SIP", {2, 5}, text)) == "exact[0,3)");
}

TEST_CASE("two copies equally far from the old place: the earlier wins") {
  CHECK(render(reanchor("ab", {4, 6}, "xxab..ab")) == "exact[2,4)");  // 2 and 6 are both 2 away from 4
  CHECK(render(reanchor("ab", {5, 7}, "ab...xxab.")) == "exact[7,9)");  // 7 is 2 away, 0 is 5
}

TEST_CASE("a quote re-wrapped over a line break is found with white space ignored") {
  const std::string text = "Vi har en fast\nvårdkontakt för alla.";
  const auto r = reanchor("fast vårdkontakt", {10, 27}, text);
  CHECK(render(r) == "whitespace[10,27)");
  CHECK(at(text, r.span) == "fast\nvårdkontakt");
}

TEST_CASE("double spaces, tabs and a no-break space count as one space") {
  const std::string text = "en  fast\t\u00a0vårdkontakt";
  const auto r = reanchor("fast vårdkontakt", {0, 17}, text);
  CHECK(render(r) == "whitespace[4,23)");
  CHECK(at(text, r.span) == "fast\t\u00a0vårdkontakt");
}

TEST_CASE("the quote's own leading and trailing white space is not looked for") {
  CHECK(render(reanchor(" trygg  hemgång\n", {0, 17}, "Om trygg hemgång.")) == "whitespace[3,17)");
}

TEST_CASE("changed words orphan the coding") {
  CHECK(render(reanchor("fast vårdkontakt", {3, 20}, "Vi har en fast läkarkontakt.")) == "orphaned");
}

TEST_CASE("a quote deleted from the text orphans the coding") {
  CHECK(render(reanchor("SIP", {0, 3}, "Inget av detta finns kvar.")) == "orphaned");
}

TEST_CASE("an empty or white-space quote is orphaned, never matched everywhere") {
  CHECK(render(reanchor("", {0, 0}, "text")) == "orphaned");
  CHECK(render(reanchor("  \n", {0, 3}, "a  \nb")) == "exact[1,4)");  // found byte for byte
  CHECK(render(reanchor(" \t", {0, 2}, "a b")) == "orphaned");
}

TEST_CASE("an old span past the end of a shortened text is no error") {
  CHECK(render(reanchor("SIP", {500, 503}, "SIP")) == "exact[0,3)");
  CHECK(render(reanchor("SIP", {500, 503}, "")) == "orphaned");
}

TEST_CASE("a found span never splits a UTF-8 character") {
  // "ö" is C3 B6; "ä" C3 A4: a quote that starts with B6 bytes cannot be
  // given (quotes are whole characters), and one with å, ä, ö lands on
  // character edges.
  const std::string text = "Här: åäö möte, åäö möte";
  const auto r = reanchor("åäö möte", {16, 28}, text);
  CHECK(render(r) == "exact[20,32)");
  CHECK(at(text, r.span) == "åäö möte");
  const auto w = reanchor("åäö  möte", {0, 12}, text);
  CHECK(render(w) == "whitespace[6,18)");
  CHECK(at(text, w.span) == "åäö möte");
}

TEST_CASE("an emoji and a four-byte character are matched whole") {
  const std::string text = "Bra 👍 med SIP 👍";
  const auto r = reanchor("SIP 👍", {0, 8}, text);
  CHECK(at(text, r.span) == "SIP 👍");
  CHECK(r.span.end == text.size());
}

TEST_CASE("an exact match anywhere beats a white-space match nearer the old place") {
  CHECK(render(reanchor("a b", {0, 3}, "a  b ........ a b")) == "exact[14,17)");
}

TEST_CASE("a quote's words: white space runs are one space, the ends trimmed") {
  using analyzer::coding::quote_words;
  CHECK(quote_words("  fast\n\tvård-  och\u00A0omsorgskontakt ") == "fast vård- och omsorgskontakt");
  CHECK(quote_words(" \n ").empty());
}

TEST_CASE("occurrences counts every place of the quote's words, white space ignored") {
  using analyzer::coding::occurrences;
  CHECK(occurrences("SIP", "SIP och SIP-möten, inte sip") == 2);
  CHECK(occurrences("fast vårdkontakt", "en fast\nvårdkontakt och en fast  vårdkontakt") == 2);
  CHECK(occurrences("SS", "SSS") == 2);
  CHECK(occurrences("SIP", "inget här") == 0);
  CHECK(occurrences("  ", "a  b") == 0);
}
