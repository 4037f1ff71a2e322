#pragma once
// Re-anchoring a coding in a changed text: where did the quoted words go?
//
// In:  the coding's quote (the exact bytes it coded, valid UTF-8), its old
//      span [begin, end) and the new text it must now point into (the
//      answer's text after a re-ingest of a changed file).
// Out: the new span and how it was found, or Orphaned. Never throws.
//
// Order of attempts, the first that finds the quote wins:
//   1. Unchanged   new_text[old span] is the quote.
//   2. Exact       the occurrence of the quote nearest to the old start
//                  (distance |new begin - old begin|; a tie goes to the
//                  earlier one): text inserted or removed before it, or
//                  the quote repeated (the nearest copy is taken).
//   3. Whitespace  the same, comparing with every run of white space
//                  (ASCII white space, no-break and the other Unicode
//                  spaces: swedish::is_space) equal to a single space and the quote's leading and
//                  trailing white space ignored: a re-wrapped line, a
//                  double space. The span runs from the first to the last
//                  byte of the quote's words in the new text.
//   4. Orphaned    not found (the words were changed or deleted), or the
//                  quote is empty or white space only. The caller keeps the
//                  coding and lists it; nothing is ever dropped.
// A found span always starts and ends on UTF-8 character boundaries: the
// quote is valid UTF-8, so a byte-exact match cannot start inside a
// character of a valid text.
// Cost: O(n + m) per occurrence tried for the exact search (std::search),
// O(n) extra memory for the white-space form of the text; a coding at a
// time, so an archive's codings re-anchor in seconds.
//
//   reanchor("SIP", {10, 13}, "Vi har nu SIP och SIP")  → {Unchanged, {10, 13}}
//   reanchor("SIP", {10, 13}, "Nu: SIP")                → {Exact, {4, 7}}
//   reanchor("fast  vårdkontakt", {0, 18}, "en fast\nvårdkontakt")
//                                                       → {Whitespace, {3, 20}}

#include <string_view>

#include "analyzer/core/span.hpp"

namespace analyzer::coding {

enum class AnchorMatch { Unchanged, Exact, Whitespace, Orphaned };

// "unchanged", "exact", "whitespace", "orphaned".
const char* to_string(AnchorMatch m);

struct Reanchored {
  AnchorMatch match = AnchorMatch::Orphaned;
  ByteSpan span;  // the new span; {0, 0} when Orphaned
  bool found() const { return match != AnchorMatch::Orphaned; }
};

Reanchored reanchor(std::string_view quote, ByteSpan old_span, std::string_view new_text);

// The quote's words in the form step 3 compares: every run of white space
// one ' ', leading and trailing white space left out. Empty for an empty
// or white-space quote.
std::string quote_words(std::string_view quote);

// How many places of `text` hold the quote's words (quote_words), white
// space compared as in step 3; overlapping places count each ("SS" is twice
// in "SSS"). 0 for an empty or white-space quote. Every place reanchor()
// can find, exact or by white space, is one of these, so 1 here means the
// quote is unambiguous in `text`. Cost: O(n) time and memory for the
// white-space form of `text`, plus a std::string_view::find per place.
std::size_t occurrences(std::string_view quote, std::string_view text);

}  // namespace analyzer::coding
