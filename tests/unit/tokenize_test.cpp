// Tokenizer: ICU word and sentence segmentation for Swedish, with byte
// offsets. Renderings are "folded[begin,end)" per token.

#include <catch2/catch.hpp>

#include "analyzer/tokenize/tokenizer.hpp"

using namespace analyzer;

namespace {

std::string render_tokens(Tokenizer& tok, std::string_view text) {
  std::string out;
  for (const Token& t : tok.words(text)) {
    if (!out.empty()) out += ' ';
    out += t.folded + "[" + std::to_string(t.span.begin) + "," + std::to_string(t.span.end) + ")";
  }
  return out;
}

std::vector<std::string> render_sentences(Tokenizer& tok, std::string_view text) {
  std::vector<std::string> out;
  for (ByteSpan s : tok.sentences(text)) out.emplace_back(text.substr(s.begin, s.size()));
  return out;
}

}  // namespace

TEST_CASE("words keep byte offsets and are case-folded, å ä ö included") {
  Tokenizer tok;
  CHECK(render_tokens(tok, "Mobila Teamen på Åland") ==
        "mobila[0,6) teamen[7,13) på[14,17) åland[18,24)");
}

TEST_CASE("punctuation and spaces are not tokens; numbers are") {
  Tokenizer tok;
  auto tokens = tok.words("Antal: 26, (ca 3,5).");
  REQUIRE(tokens.size() == 4);
  CHECK(tokens[0].folded == "antal");
  CHECK(tokens[1].kind == TokenKind::Number);
  CHECK(tokens[1].folded == "26");
  CHECK(tokens[3].folded == "3,5");
}

TEST_CASE("ICU keeps SIP:ar whole and splits SIP;ar and SIP-möte, as platform-notes says") {
  Tokenizer tok;
  CHECK(render_tokens(tok, "SIP:ar") == "sip:ar[0,6)");
  CHECK(render_tokens(tok, "SIP;ar") == "sip[0,3) ar[4,6)");
  CHECK(render_tokens(tok, "SIP-möte") == "sip[0,3) möte[4,9)");
}

TEST_CASE("the token callback can stop the scan") {
  Tokenizer tok;
  int seen = 0;
  tok.words("ett två tre", [&](const Token&) { return ++seen < 2; });
  CHECK(seen == 2);
}

TEST_CASE("an empty text has no tokens and no sentences") {
  Tokenizer tok;
  CHECK(tok.words("").empty());
  CHECK(tok.sentences("").empty());
}

TEST_CASE("a sentence does not end after a Swedish abbreviation") {
  Tokenizer tok;
  CHECK(render_sentences(tok, "Vi har bl.a. SIP. Det gäller t.ex. Region Halland. Klart.") ==
        std::vector<std::string>{"Vi har bl.a. SIP.", "Det gäller t.ex. Region Halland.", "Klart."});
  CHECK(render_sentences(tok, "Gäller fr.o.m. Mars. Nästa.") ==
        std::vector<std::string>{"Gäller fr.o.m. Mars.", "Nästa."});
}

TEST_CASE("each list item is its own sentence") {
  Tokenizer tok;
  CHECK(render_sentences(tok, "Vi har infört:\n• Mobila team\n• Trygg hemgång\n- SIP i hemmet") ==
        std::vector<std::string>{"Vi har infört:", "• Mobila team", "• Trygg hemgång", "- SIP i hemmet"});
}

TEST_CASE("sentence spans are byte offsets into the text") {
  Tokenizer tok;
  std::string text = "Första meningen. Andra med åäö.";  // "Första" is 7 bytes
  auto spans = tok.sentences(text);
  REQUIRE(spans.size() == 2);
  CHECK(spans[0].end == 17);
  CHECK(spans[1].begin == 18);
  CHECK(spans[1].end == text.size());
}

TEST_CASE("folding is full case folding and keeps diacritics") {
  CHECK(fold_case("ÅÄÖ Straße") == "åäö strasse");
}
