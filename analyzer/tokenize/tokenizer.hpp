#pragma once
// Stage: tokenize.
//
// In:  UTF-8 text (normalised; NFC), usually one answer's text.
// Out: Tokens (words and numbers) with their byte spans into that text and
//      their case-folded form; Sentences (byte spans) for excerpts.
//
// Words come from ICU's word break iterator for locale "sv" run directly
// over UTF-8 (utext_openUTF8), so break positions are byte offsets with no
// UTF-16 round trip. Only segments whose rule status is a letter, number,
// kana or ideograph word become tokens; spaces and punctuation are skipped.
// ICU 72 keeps "SIP:ar" and "S:t" as one token (':' is MidLetter in
// UAX #29) and splits "SIP;ar" and "SIP-möte" in two (tokenize_test.cpp
// shows each). Folding is ICU full case folding: å/ä/ö stay letters,
// nothing is stripped.
//
// Sentences are those of swedish::SentenceSplitter (text/swedish_text.hpp):
// ICU's sentence iterator for "sv", no break after a Swedish abbreviation,
// and a break where a new line starts a list item ("• ...", "- "): an
// excerpt is then a whole sentence or a whole list item.
// Cost: linear; ICU iterators are created once per Tokenizer. A Tokenizer is
// not thread-safe (ICU iterators hold state); use one per thread.

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/span.hpp"

namespace analyzer {

enum class TokenKind { Word, Number };

struct Token {
  ByteSpan span;        // byte offsets into the text given to the tokenizer
  std::string folded;   // full_case_fold() of the surface form ("SIP:ar" → "sip:ar")
  TokenKind kind = TokenKind::Word;
};

class Tokenizer {
 public:
  Tokenizer();
  ~Tokenizer();
  Tokenizer(const Tokenizer&) = delete;
  Tokenizer& operator=(const Tokenizer&) = delete;

  // Calls `on_token` for each word or number in `text`, in order; stops early
  // when it returns false. An empty text gives no tokens. Never throws on
  // user data.
  void words(std::string_view text, const std::function<bool(const Token&)>& on_token);

  // All tokens of `text` (convenience for tests and small inputs).
  std::vector<Token> words(std::string_view text);

  // As words(), without case folding: only the span and kind of each token
  // (Token::folded stays empty). For callers that fold on their own, such
  // as the matcher, which folds each distinct word once.
  void word_spans(std::string_view text, const std::function<bool(const Token&)>& on_token);

  // Sentence spans of `text` (swedish::SentenceSplitter::split), trimmed of
  // surrounding white space, covering every non-space byte once, in order.
  // An empty text gives none.
  // Cost: linear in the text (ICU's pass, plus one search for line breaks
  // that looks at each byte at most once).
  std::vector<ByteSpan> sentences(std::string_view text);

  // Bytes the last sentences() call searched for line breaks (list items),
  // on top of ICU's own pass: at most the text's size. For tests of the cost.
  std::size_t last_sentences_bytes_searched() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The sentence that holds each byte offset: for each of `offsets`, the
// index into `sentences` (sorted and disjoint, as Tokenizer::sentences()
// gives them) of the one with begin <= offset < end, or kNoSentence when the
// offset lies in none (in the white space between two, or past the last).
// One merge pass when `offsets` ascend (mentions in text order): each
// sentence and each offset is looked at once, so `steps` (sentences passed
// plus offsets placed) is at most sentences + offsets. An offset smaller
// than the one before it is placed by a binary search and the pass goes on
// from there. Empty lists give an empty result.
inline constexpr std::size_t kNoSentence = static_cast<std::size_t>(-1);
struct SentenceLookup {
  std::vector<std::size_t> sentence;  // per offset, in the order given
  std::size_t steps = 0;              // work done, for tests of the cost
};
SentenceLookup sentences_holding(const std::vector<ByteSpan>& sentences, const std::vector<std::size_t>& offsets);

// ICU full case folding of UTF-8 text ("ÅÄÖ Straße" → "åäö strasse"): the
// form tokens and lexicon words are compared in. ASCII-only text takes a
// fast path with the same result. (Not schema::lowercase in index/, which
// lower-cases filter values the way Xapian does.)
std::string full_case_fold(std::string_view text);

}  // namespace analyzer
