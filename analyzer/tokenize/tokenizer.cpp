#include "analyzer/tokenize/tokenizer.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/rbbi.h>
#include <unicode/ubrk.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <algorithm>

#include "analyzer/core/utf8.hpp"
#include "analyzer/text/icu_text.hpp"
#include "analyzer/text/swedish_text.hpp"

namespace analyzer {
using icu_text::check;
using icu_text::open_utf8;
using icu_text::UTextPtr;

struct Tokenizer::Impl {
  std::unique_ptr<icu::BreakIterator> words;
  swedish::SentenceSplitter sentences;
};

Tokenizer::Tokenizer() : impl_(std::make_unique<Impl>()) {
  const icu::Locale sv("sv");
  UErrorCode status = U_ZERO_ERROR;
  impl_->words.reset(icu::BreakIterator::createWordInstance(sv, status));
  check(status, "create the Swedish word break iterator");
}

Tokenizer::~Tokenizer() = default;

void Tokenizer::words(std::string_view text, const std::function<bool(const Token&)>& on_token) {
  word_spans(text, [&](const Token& span_only) {
    Token t = span_only;
    t.folded = full_case_fold(text.substr(t.span.begin, t.span.size()));
    return on_token(t);
  });
}

void Tokenizer::word_spans(std::string_view text, const std::function<bool(const Token&)>& on_token) {
  if (text.empty()) return;
  UTextPtr ut = open_utf8(text);
  UErrorCode status = U_ZERO_ERROR;
  impl_->words->setText(ut.get(), status);
  check(status, "set text on the word break iterator");
  int32_t start = impl_->words->first();
  for (int32_t end = impl_->words->next(); end != icu::BreakIterator::DONE;
       start = end, end = impl_->words->next()) {
    int32_t rule = impl_->words->getRuleStatus();
    if (rule < UBRK_WORD_NUMBER) continue;  // spaces and punctuation
    Token t;
    t.span = {static_cast<std::size_t>(start), static_cast<std::size_t>(end)};
    t.kind = rule < UBRK_WORD_LETTER ? TokenKind::Number : TokenKind::Word;
    if (!on_token(t)) break;
  }
}

std::vector<Token> Tokenizer::words(std::string_view text) {
  std::vector<Token> out;
  words(text, [&](const Token& t) {
    out.push_back(t);
    return true;
  });
  return out;
}

std::size_t Tokenizer::last_sentences_bytes_searched() const { return impl_->sentences.last_bytes_searched(); }

std::vector<ByteSpan> Tokenizer::sentences(std::string_view text) { return impl_->sentences.split(text); }

SentenceLookup sentences_holding(const std::vector<ByteSpan>& sentences, const std::vector<std::size_t>& offsets) {
  SentenceLookup out;
  out.sentence.reserve(offsets.size());
  std::size_t cursor = 0;  // the first sentence that may hold the next offset
  std::size_t previous = 0;
  for (const std::size_t offset : offsets) {
    if (offset < previous)  // out of order: start again where this one lies
      cursor = static_cast<std::size_t>(
          std::partition_point(sentences.begin(), sentences.end(), [offset](const ByteSpan& s) { return s.end <= offset; }) -
          sentences.begin());
    previous = offset;
    while (cursor < sentences.size() && sentences[cursor].end <= offset) {
      ++cursor;
      ++out.steps;
    }
    ++out.steps;
    out.sentence.push_back(cursor < sentences.size() && sentences[cursor].begin <= offset ? cursor : kNoSentence);
  }
  return out;
}

std::string full_case_fold(std::string_view text) {
  if (utf8::is_ascii(text)) {
    std::string out(text);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  u.foldCase();
  std::string out;
  u.toUTF8String(out);
  return out;
}

}  // namespace analyzer
