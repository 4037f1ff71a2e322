#pragma once
// Rewriting a text with edits while byte spans into it (marks) move along:
// what masking personal data (personal_data.hpp) and tidying an excerpt for
// quoting (report/excerpts.cpp) both do.
//
// Cost: linear in the text and the edits, plus log(edits) per mark and
// sorting the marks. No state: thread-safe.
//
// Example:
//   std::vector<ByteSpan> marks{{4, 7}};                    // "SIP"
//   apply_text_edits("Med SIP.", {{{0, 3}, "Via"}}, &marks) // "Via SIP.", marks {4, 7}

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/span.hpp"

namespace analyzer {

struct TextEdit {
  ByteSpan from;   // bytes of the old text
  std::string to;  // what replaces them
};

// `text` with `edits` (sorted by position, not overlapping, inside the
// text) applied. `marks`, when given, are byte spans into `text` and are
// moved to the new text: a mark end inside an edit goes to the far end of
// its replacement, a mark begin to the near end, so a mark that overlaps an
// edit covers the whole replacement and never cuts into it. Marks that
// become empty are dropped, overlapping or touching ones merged; the result
// is sorted.
std::string apply_text_edits(std::string_view text, const std::vector<TextEdit>& edits,
                             std::vector<ByteSpan>* marks = nullptr);

// The white space at byte `i` of `s` (a character swedish::is_space
// accepts: ASCII white space, no-break and the other Unicode spaces): its
// length in bytes, or 0 when there is none. `i` must be inside `s`.
std::size_t space_at(std::string_view s, std::size_t i);

}  // namespace analyzer
