#pragma once
// Swedish rules for line ends, used by normalize() when it re-joins lines
// that a PDF export wrapped.
//
// In:  the word before a line-end hyphen and the first word of the next line
//      (UTF-8, as they stand in the text), or the last word of a line.
// Out: how the two lines meet (hyphen removed, kept, or kept as a suspended
//      hyphen with a space), whether a word cannot end a heading or a
//      line, and whether a period ends an abbreviation, not a sentence.
// Pure functions over short strings; no state, thread-safe. Cost: linear in
// the lengths of the words.
//
//   "målbil-"  + "den"          → RemoveHyphen  → "målbilden"
//   "hälso-"   + "och sjukvård" → Suspended     → "hälso- och sjukvård"
//   "SIP-"     + "möte"         → KeepHyphen    → "SIP-möte"
//   "e-"       + "postadressen" → KeepHyphen    → "e-postadressen"

#include <string_view>

namespace analyzer::swedish {

enum class HyphenJoin {
  NotAHyphenation,  // the next line does not continue the word: use the ordinary join rules
  RemoveHyphen,     // a word broken by the line end: drop hyphen and line break
  KeepHyphen,       // a real hyphen that fell at the line end: keep it, no space
  Suspended,        // a suspended hyphen ("hälso- och"): keep it and join with one space
};

// Decides how a line ending in a hyphen continues.
//   word_before: the text between the previous space and the hyphen
//                ("målbil", "SIP", "verk-samhets"); must not be empty.
//   next_word:   the next line's first word, trailing punctuation allowed
//                ("den", "och,", "möte").
//   soft_hyphen: the hyphen is U+00AD, which only ever marks a break.
// Rules, in order: a next word that is a conjunction (is_suspension_word)
// gives Suspended; a next word that does not start with a letter or digit
// gives NotAHyphenation; a soft hyphen gives RemoveHyphen; KeepHyphen when
// the part before is one letter ("e-post"), all capitals or digits ("SIP-",
// "2020-"), or the next word starts with a capital or a digit ("e-Hälsa");
// otherwise RemoveHyphen.
HyphenJoin classify_line_end_hyphen(std::string_view word_before, std::string_view next_word,
                                    bool soft_hyphen);

// True for the words after which a hyphen is a suspended one: och, eller,
// samt, resp, resp., respektive, som, men, till, o (as in "hälso o
// sjukvård") and "&". Case-insensitive; trailing punctuation ignored.
bool is_suspension_word(std::string_view word);

// True for Swedish function words (conjunctions, prepositions, articles,
// pronouns and auxiliaries such as "och", "att", "i", "på", "för", "en",
// "är") that a heading or a finished line does not end with, so a short line
// ending with one continues on the next line. Case-insensitive; trailing
// punctuation ignored.
bool is_continuation_word(std::string_view word);

// Whether a period ends an abbreviation, not a sentence, is
// swedish::is_abbreviation(word) in
// text/swedish_text.hpp.

}  // namespace analyzer::swedish
