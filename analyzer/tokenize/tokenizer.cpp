#include "analyzer/tokenize/tokenizer.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/rbbi.h>
#include <unicode/ubrk.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

#include <algorithm>
#include <stdexcept>

#include "analyzer/tokenize/swedish_abbreviations.hpp"

namespace analyzer {
namespace {

// ICU failures here mean a broken installation (missing break rules), not
// bad user data: they are the truly exceptional case.
void check(UErrorCode status, const char* what) {
  if (U_FAILURE(status))
    throw std::runtime_error(std::string("ICU: cannot ") + what + ": " + u_errorName(status));
}

struct UTextCloser {
  void operator()(UText* t) const { utext_close(t); }
};
using UTextPtr = std::unique_ptr<UText, UTextCloser>;

UTextPtr open_utf8(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  check(status, "open UTF-8 text");
  return UTextPtr(ut);
}

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A line that starts a list item: the start of a new excerpt unit.
bool starts_list_item(std::string_view line) {
  static const char* markers[] = {"• ", "- ", "– ", "— ", "* ", "▪ ", "\xef\x82\xb7"};
  for (const char* m : markers)
    if (line.substr(0, std::char_traits<char>::length(m)) == m) return true;
  return false;
}

// Whether `sentence` (trailing white space ignored) ends with a Swedish
// abbreviation that stands as a word of its own.
bool ends_with_abbreviation(std::string_view sentence) {
  while (!sentence.empty() && is_space(static_cast<unsigned char>(sentence.back())))
    sentence.remove_suffix(1);
  for (const char* abbreviation : kSwedishAbbreviations) {
    std::string_view a(abbreviation);
    if (sentence.size() < a.size()) continue;
    std::string_view tail = sentence.substr(sentence.size() - a.size());
    bool same = tail.substr(1) == a.substr(1) &&
                (tail[0] == a[0] || (tail[0] >= 'A' && tail[0] <= 'Z' && tail[0] - 'A' + 'a' == a[0]));
    if (!same) continue;
    if (sentence.size() == a.size() || is_space(static_cast<unsigned char>(sentence[sentence.size() - a.size() - 1])))
      return true;
  }
  return false;
}

}  // namespace

struct Tokenizer::Impl {
  std::unique_ptr<icu::BreakIterator> words;
  std::unique_ptr<icu::BreakIterator> sentences;
  std::size_t bytes_searched = 0;  // by the last sentences(), beyond ICU's pass
};

Tokenizer::Tokenizer() : impl_(std::make_unique<Impl>()) {
  const icu::Locale sv("sv");
  UErrorCode status = U_ZERO_ERROR;
  impl_->words.reset(icu::BreakIterator::createWordInstance(sv, status));
  check(status, "create the Swedish word break iterator");

  status = U_ZERO_ERROR;
  impl_->sentences.reset(icu::BreakIterator::createSentenceInstance(sv, status));
  check(status, "create the Swedish sentence break iterator");
}

Tokenizer::~Tokenizer() = default;

void Tokenizer::words(std::string_view text, const std::function<bool(const Token&)>& on_token) {
  word_spans(text, [&](const Token& span_only) {
    Token t = span_only;
    t.folded = fold_case(text.substr(t.span.begin, t.span.size()));
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

std::size_t Tokenizer::last_sentences_bytes_searched() const { return impl_->bytes_searched; }

std::vector<ByteSpan> Tokenizer::sentences(std::string_view text) {
  std::vector<ByteSpan> out;
  impl_->bytes_searched = 0;
  if (text.empty()) return out;
  // Adds a span trimmed of white space; the second helper first splits it
  // where a line starts a list item.
  auto add = [&](std::size_t b, std::size_t e) {
    while (b < e && is_space(static_cast<unsigned char>(text[b]))) ++b;
    while (e > b && is_space(static_cast<unsigned char>(text[e - 1]))) --e;
    if (b < e) out.push_back({b, e});
  };
  auto add_split_at_items = [&](std::size_t b, std::size_t e) {
    // Line breaks are looked for inside [b, e) only: searching the rest of
    // the text for each sentence made a long one-line answer quadratic.
    const std::string_view sentence = text.substr(0, e);
    std::size_t piece = b;
    for (std::size_t from = b;;) {
      const std::size_t nl = sentence.find('\n', from);
      impl_->bytes_searched += (nl == std::string_view::npos ? e : nl + 1) - from;
      if (nl == std::string_view::npos) break;
      from = nl + 1;
      std::size_t next = nl + 1;
      while (next < e && (text[next] == ' ' || text[next] == '\t')) ++next;
      if (next < e && starts_list_item(text.substr(next, e - next))) {
        add(piece, nl);
        piece = next;
      }
    }
    add(piece, e);
  };

  UTextPtr ut = open_utf8(text);
  UErrorCode status = U_ZERO_ERROR;
  impl_->sentences->setText(ut.get(), status);
  check(status, "set text on the sentence break iterator");
  std::size_t start = 0;
  impl_->sentences->first();
  for (int32_t b = impl_->sentences->next(); b != icu::BreakIterator::DONE;
       b = impl_->sentences->next()) {
    std::size_t end = static_cast<std::size_t>(b);
    // No break right after a Swedish abbreviation ("bl.a. SIP", "t.ex.
    // Region Halland"). ICU's FilteredBreakIteratorBuilder does not work on
    // UTF-8 UText in ICU 72 and misses "fr.o.m." even on UTF-16, so the check
    // is ours.
    if (end < text.size() && ends_with_abbreviation(text.substr(start, end - start))) continue;
    add_split_at_items(start, end);
    start = end;
  }
  if (start < text.size()) add_split_at_items(start, text.size());
  return out;
}

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

std::string fold_case(std::string_view text) {
  bool ascii = true;
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) { ascii = false; break; }
  if (ascii) {
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
