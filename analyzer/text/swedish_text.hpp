#pragma once
// Stage: text. The facts about written Swedish that several stages need,
// each defined once: abbreviations, list bullets, space characters and where
// a sentence ends. normalize/, segment/, tokenize/, match/ and report/ ask
// here instead of keeping lists of their own.
//
// In:  UTF-8 text (any bytes are safe; see core/utf8.hpp) or one word.
// Out: yes/no answers, byte lengths and sentence spans (byte offsets into
//      the text given).
// Pure functions over the tables below, thread-safe, except SentenceSplitter
// (one per thread: ICU's iterator holds state). Cost: linear in the input.
//
//   is_abbreviation("t.ex.")                              → true
//   list_mark_length("• Mer tid", BulletScope::Sentences) → 3
//   is_sentence_break(". ", ClauseMarks::Continue)       → true
//   sentence_spans("Bra. Dåligt.")                        → {0,4} {5,12}

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/span.hpp"

namespace analyzer::swedish {

// ---- abbreviations ---------------------------------------------------------

// Every Swedish abbreviation the analyzer knows ("bl.a.", "t.ex.", "ca.",
// "resp.", "pat.", ...): lower case, with its periods. One list for the
// line joiner (normalize/), the sentence splitter (tokenize/, excerpts,
// search snippets) and the form rules (segment/): after any of them a
// period never ends a sentence.
extern const std::vector<std::string_view>& abbreviations();

// True when `word` (one word, with its final period) is an abbreviation: a
// table entry, or any word of at least two groups of one to three lower-case
// letters, each followed by a period ("bl.a.", "fr.o.m."); either as
// written or with a capital first letter ("T.ex.", "Bl.a.").
bool is_abbreviation(std::string_view word);

// True for the abbreviations that close an enumeration ("m.m.", "etc.",
// "osv.", "o.s.v.", "m.fl.", "mm.", "mfl."): the sentence splitter reads on
// after them like after any abbreviation, but a line that ends with one
// may end a sentence, so the line joiner does not join a capitalised line
// onto it. Every other abbreviation ("t.ex.", "bl.a.", "ca.", "resp.")
// takes a complement and always goes on.
bool closes_enumeration(std::string_view word);

// True when `text`, trailing ASCII white space ignored, ends with a
// abbreviation that stands as a word of its own (at the start or
// after white space): "se bl.a. " → true, "tabl.a." → false.
bool ends_with_abbreviation(std::string_view text);

// ---- list bullets ----------------------------------------------------------

// Which bullets a reader accepts. Each scope takes the ones of the scopes
// before it: the sentence splitter and the tagger know the common few,
// excerpts strip a few more, form layout rules add check boxes and the line
// joiner takes every symbol a PDF export uses.
enum class BulletScope : std::uint8_t { Sentences = 0, Excerpts = 1, Forms = 2, Layout = 3 };

// A symbol that marks a list item on its own ("•Text", "• Text"):
// • ▪ U+F0B7 (Sentences); ◦ ■ ● (Excerpts); ☐ ☒ ✓ (Forms); ☑ □ ‣ ⁃ ➢ ✔ · ∙
// ► ▶ ❖ ▫ and the private-use symbols of Symbol/Wingdings fonts
// U+E000–U+F8FF (Layout).
bool is_bullet_symbol(char32_t c, BulletScope scope);

// A character that marks a list item only when a space follows it, since
// it also joins words: - – — * (every scope).
bool is_bullet_dash(char32_t c);

// Bytes of the list mark at the start of `line`: a bullet symbol of
// `scope`, or a bullet dash followed by a space, a tab or the end of
// `line`; 0 when there is none. Only the mark itself is counted, not the space after it.
std::size_t list_mark_length(std::string_view line, BulletScope scope);

// The bullet symbols of `scope`, and the bullet dashes, as the inside of an
// RE2 character class ("-" escaped): bullet_symbol_class(Sentences) is
// "•▪\xef\x82\xb7", bullet_dash_class() is "\\-–—*". The private-use
// range of Layout is left out.
std::string bullet_symbol_class(BulletScope scope);
std::string bullet_dash_class();

// ---- spaces ----------------------------------------------------------------

// ASCII white space: space, tab, LF, CR, VT, FF.
inline bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// White space in text: ASCII white space and the Unicode spaces PDF exports
// produce (no-break U+00A0, U+2000–U+200B, narrow no-break U+202F, U+205F,
// ideographic U+3000, a stray byte order mark U+FEFF).
bool is_space(char32_t c);

// ---- sentences ----------------------------------------------------------------

// Whether ';' and ':' end a unit too. The theme tagger's rules do not reach
// over them (a rule "X ... Y" must not join two clauses of a list); the
// sentences of excerpts and snippets do.
enum class ClauseMarks { Continue, Break };

// A closing quote or bracket: " ' ) ] ” ’ ».
bool is_closing_mark(char32_t c);

// True when `line` ends with . ! ? : ; or an ellipsis "…", before any
// closing quotes or brackets (" ' ) ] ” ’ »): "Bra." and »Nej.« do,
// "Mobila team" does not. The line joiner (normalize/) and the sentence
// splitter's line breaks ask it. Cost: a look at the line's last characters.
bool ends_sentence_or_label(std::string_view line);

// True when `text` reads as what a form asks: it ends with '?' (before
// spaces), or opens with "Beskriv", "Ange", "Redogör", "Hur", "Vilka",
// "Vilken", "Vilket", "Vad", "Har ni", "Finns", "Anser" or "Kommentera"
// followed by a space, in upper or lower case. "Mobila team har startats." does not. Readers ask it
// of a table's first cell, the segmenter of a numbered question's prompt.
// Cost: a look at the text's first and last bytes.
bool reads_as_prompt(std::string_view text);

// True when `text` (a question, a column header) asks for a count or a
// share: it holds the word "antal", "andel", "procent" or "indextal", or
// "hur många", in any case ("Antal SIP upprättade 2024, ange antal:",
// "Hur många mobila team finns?", "Andel i procent"). "Beskriv arbetet
// med SIP." does not; nor does "antalet" (a word of answers). Cost: one
// pass over the text.
bool asks_for_number(std::string_view text);

// True when `between`, the bytes between two words, ends a sentence: it
// holds '.', '!' or '?' (and ';' or ':' with ClauseMarks::Break), or a
// bullet symbol of BulletScope::Sentences, which starts a list item.
bool is_sentence_break(std::string_view between, ClauseMarks clauses);

// The same for the gap `gap` between two words of `text`, which also sees
// the word before the gap: a period that ends an abbreviation standing as
// a word ("t.ex. SIP", ends_with_abbreviation) is no break, as in
// sentence_spans(). Cost: linear in the gap, plus at most 9 bytes before
// each period; a gap of ASCII white space only (the usual one between
// words) is answered inline, without a call.
bool has_sentence_break_from(std::string_view text, ByteSpan gap, ClauseMarks clauses);
inline bool is_sentence_break(std::string_view text, ByteSpan gap, ClauseMarks clauses) {
  for (std::size_t i = gap.begin; i < gap.end; ++i)
    if (!is_ascii_space(text[i])) return has_sentence_break_from(text, {i, gap.end}, clauses);
  return false;
}

// Sentence spans of a text: ICU's sentence iterator for locale "sv", with no
// break after an abbreviation (ends_with_abbreviation), none at a line
// break inside a sentence (the line ends without . ! ? … : ; and the next
// starts with a lower-case letter: a cell or paragraph typed with line
// breaks), and a break before a line that starts a list item
// (list_mark_length at BulletScope::Sentences, after leading spaces or tabs). Spans are trimmed of ASCII white space,
// cover every non-space byte once, in order; an empty text gives none.
// Cost: linear (ICU's pass plus one look at each byte for line breaks).
// Not thread-safe: one per thread; not copyable (it owns ICU state).
class SentenceSplitter {
 public:
  SentenceSplitter();
  ~SentenceSplitter();

  std::vector<ByteSpan> split(std::string_view text);

  // Bytes the last split() searched for line breaks, on top of ICU's pass:
  // at most the text's size. For tests of the cost.
  std::size_t last_bytes_searched() const { return bytes_searched_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::size_t bytes_searched_ = 0;
};

// SentenceSplitter::split with a splitter kept per thread: for callers that
// have no Tokenizer, such as search snippets.
std::vector<ByteSpan> sentence_spans(std::string_view text);

}  // namespace analyzer::swedish
