// Search snippets (search_snippets.hpp).

#include "analyzer/report/search_snippets.hpp"

#include <algorithm>
#include <set>
#include <vector>

#include "analyzer/report/list_bullet.hpp"
#include "analyzer/tokenize/tokenizer.hpp"

namespace analyzer {
namespace {

constexpr std::size_t kMaxSnippetSentences = 3;

// The bytes of the white-space or control character at s[i] (Unicode
// categories Cc, Zs, Zl, Zp: Xapian's is_whitespace), 0 when there is none.
// `i` must be inside `s` and at the start of a character.
std::size_t white_space_at(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
  const unsigned b0 = byte(i), b1 = byte(i + 1), b2 = byte(i + 2);
  if (b0 <= 0x20 || b0 == 0x7F) return 1;
  if (b0 == 0xC2 && b1 >= 0x80 && (b1 <= 0x9F || b1 == 0xA0)) return 2;       // C1 controls, U+00A0
  if (b0 == 0xE1 && b1 == 0x9A && b2 == 0x80) return 3;                       // U+1680
  if (b0 == 0xE2 && b1 == 0x80 && (b2 <= 0x8A || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF))
    return 3;                                                                 // U+2000..200A, 2028, 2029, 202F
  if (b0 == 0xE2 && b1 == 0x81 && b2 == 0x9F) return 3;                       // U+205F
  if (b0 == 0xE3 && b1 == 0x80 && b2 == 0x80) return 3;                       // U+3000
  return 0;
}

// One sentence with its matched words wrapped in «», white space as single
// spaces. Adds the distinct matched words (lower-cased) to `marked`.
std::string mark_sentence(std::string_view s, const QueryWordMatcher& matcher, std::set<std::string>& marked) {
  std::string out;
  std::size_t at = 0;
  auto copy_to = [&](std::size_t end) {
    while (at < end) {
      const std::size_t n = white_space_at(s, at);
      out += n ? ' ' : s[at];
      at += n ? n : 1;
    }
  };
  for (const QueryWordMatcher::Word& w : matcher.words(s)) {
    copy_to(w.span.begin);
    const std::string_view word = s.substr(w.span.begin, w.span.end - w.span.begin);
    if (w.matched) {
      out.append("«").append(word).append("»");
      marked.insert(w.lower);
    } else {
      out.append(word);
    }
    at = w.span.end;
  }
  copy_to(s.size());
  for (std::size_t p; (p = out.find("» «")) != std::string::npos;) out.replace(p, std::string("» «").size(), " ");
  return out;
}

struct Snippet {
  std::string text;
  bool marked = false;   // holds a matched word
};

Snippet snippet(std::string_view text, const QueryWordMatcher& matcher, Tokenizer& tokenizer) {
  struct Candidate {
    std::size_t order, score;
    std::string text;
  };
  std::vector<Candidate> found;
  std::string first;
  for (const ByteSpan& span : tokenizer.sentences(text)) {
    std::string_view sentence = text.substr(span.begin, span.end - span.begin);
    sentence.remove_prefix(leading_bullet_size(sentence));
    std::set<std::string> marked;
    std::string s = mark_sentence(sentence, matcher, marked);
    if (first.empty()) first = s;
    if (!marked.empty()) found.push_back({found.size(), marked.size(), std::move(s)});
  }
  if (found.empty()) return {first, false};
  std::stable_sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
  if (found.size() > kMaxSnippetSentences) found.resize(kMaxSnippetSentences);
  std::sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) { return a.order < b.order; });
  std::string out;
  for (const Candidate& c : found) out += (out.empty() ? "" : " … ") + c.text;
  return {out, true};
}

// `text` with white space as single spaces (as mark_sentence writes it).
std::string single_spaced(std::string_view text) {
  std::string out;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t n = white_space_at(text, at);
    out += n ? ' ' : text[at];
    at += n ? n : 1;
  }
  return out;
}

// The sentence of `a`'s first mention of the first of `themes` it
// mentions, the mention in «»; empty when it mentions none (or ingest did
// not record the sentence).
std::string mention_sentence(const AnswerRecord& a, const std::vector<std::string>& themes) {
  for (const std::string& theme : themes)
    for (const Mention& m : a.mentions) {
      const ByteSpan s = m.sentence_in_text, w = m.in_text;
      if (m.theme != theme || s.empty() || s.end > a.text.size() || w.begin < s.begin || w.end > s.end) continue;
      std::string_view before = std::string_view(a.text).substr(s.begin, w.begin - s.begin);
      std::size_t bullet = leading_bullet_size(before);
      before.remove_prefix(bullet);
      return single_spaced(before) + "«" + single_spaced(a.text.substr(w.begin, w.size())) + "»" +
             single_spaced(std::string_view(a.text).substr(w.end, s.end - w.end));
    }
  return {};
}

// The snippet of `a`: its text's sentences; when no matched word is in its
// text, the first of its notes, then its heading (a report section's), that
// holds one; then the sentence of its mention of one of `themes`.
std::string answer_snippet(const AnswerRecord& a, const QueryWordMatcher& matcher,
                           const std::vector<std::string>& themes, Tokenizer& tokenizer) {
  Snippet body = snippet(a.text, matcher, tokenizer);
  if (body.marked) return body.text;
  for (const Note& n : a.notes)
    if (Snippet s = snippet(n.text, matcher, tokenizer); s.marked) return s.text;
  if (a.layout != LayoutKind::Survey)
    if (Snippet s = snippet(a.question_text, matcher, tokenizer); s.marked) return s.text;
  if (std::string s = mention_sentence(a, themes); !s.empty()) return s;
  return body.text;
}

}  // namespace

void add_search_snippets(SearchResults& results) {
  if (results.hits.empty()) return;
  Tokenizer tokenizer;
  for (SearchHit& hit : results.hits)
    hit.snippet = answer_snippet(hit.answer, hit.matcher, results.snippet_themes, tokenizer);
}

std::string search_snippet(std::string_view text, const QueryWordMatcher& matcher) {
  Tokenizer tokenizer;
  return snippet(text, matcher, tokenizer).text;
}

}  // namespace analyzer
