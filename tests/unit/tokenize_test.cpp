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

TEST_CASE("punctuation and spaces are not tokens, numbers are") {
  Tokenizer tok;
  auto tokens = tok.words("Antal: 26, (ca 3,5).");
  REQUIRE(tokens.size() == 4);
  CHECK(tokens[0].folded == "antal");
  CHECK(tokens[1].kind == TokenKind::Number);
  CHECK(tokens[1].folded == "26");
  CHECK(tokens[3].folded == "3,5");
}

TEST_CASE("ICU keeps SIP:ar whole and splits SIP + semicolon + ar and SIP-möte, as platform-notes says") {
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
  CHECK(full_case_fold("ÅÄÖ Straße") == "åäö strasse");
}

// Issue 11, item 4: a one-line answer of many sentences made ingest
// quadratic, because each sentence searched the rest of the whole text for
// a line break (a list item). The search now stays inside the sentence.
TEST_CASE("splitting a long one-line text into sentences searches each byte for line breaks at most once") {
  Tokenizer tok;
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "Vi har mobila team. ";
  const auto spans = tok.sentences(text);
  CHECK(spans.size() == 2000);
  CHECK(tok.last_sentences_bytes_searched() <= text.size());
}

TEST_CASE("a list item on a later line is still its own sentence after a long first line") {
  Tokenizer tok;
  std::string first;
  for (int i = 0; i < 50; ++i) first += "Ett. ";
  const auto sentences = render_sentences(tok, first + "Vi har:\n• Mobila team\n• SIP");
  REQUIRE(sentences.size() == 53);
  CHECK(sentences[50] == "Vi har:");
  CHECK(sentences[51] == "• Mobila team");
  CHECK(sentences[52] == "• SIP");
}

TEST_CASE("sentences_holding gives the sentence of each offset, or none between sentences") {
  // "Ett. Två tre. Fyra." → [0,4) [5,13) [14,19)
  const std::vector<ByteSpan> sentences = {{0, 4}, {5, 13}, {14, 19}};
  const SentenceLookup found = sentences_holding(sentences, {0, 3, 4, 5, 12, 13, 18, 19, 30});
  CHECK(found.sentence == std::vector<std::size_t>{0, 0, kNoSentence, 1, 1, kNoSentence, 2, kNoSentence,
                                                   kNoSentence});
}

TEST_CASE("sentences_holding places offsets out of order too") {
  const std::vector<ByteSpan> sentences = {{0, 4}, {5, 13}, {14, 19}};
  CHECK(sentences_holding(sentences, {15, 1, 6}).sentence == std::vector<std::size_t>{2, 0, 1});
  CHECK(sentences_holding({}, {1}).sentence == std::vector<std::size_t>{kNoSentence});
  CHECK(sentences_holding(sentences, {}).sentence.empty());
}

// Issue 11, item 4: ingest looked for the sentence of each mention by
// scanning every sentence from the first: mentions × sentences.
TEST_CASE("sentences_holding does one merge pass over sorted sentences and offsets") {
  std::vector<ByteSpan> sentences;
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < 5000; ++i) {
    sentences.push_back({i * 20, i * 20 + 19});
    offsets.push_back(i * 20 + 7);
    offsets.push_back(i * 20 + 12);
  }
  const SentenceLookup found = sentences_holding(sentences, offsets);
  CHECK(found.sentence[9999] == 4999);
  CHECK(found.steps <= sentences.size() + offsets.size());
}
