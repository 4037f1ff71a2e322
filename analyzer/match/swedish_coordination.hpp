#pragma once
// Swedish text conventions the matcher needs between tokens: suspended
// hyphens ("vård- och omsorgskontakt") and a term written beside its
// abbreviation ("samordnad individuell plan (SIP)").

#include <cstddef>
#include <string_view>

#include "analyzer/core/span.hpp"

namespace analyzer::swedish {

// Whether `rest` (the text right after a word) starts with a suspended
// hyphen: '-' followed by white space or a comma ("vård- och", "vård-,
// omsorgs- och"). "SIP-möte" and "vård-\n" repaired by normalize/ do not.
bool starts_suspended_hyphen(std::string_view rest);

// Whether `folded` is a conjunction that links coordinated compounds:
// och, eller, samt, respektive, resp, alternativt, el.
bool is_coordinating_conjunction(std::string_view folded);

// Whether two mentions of one theme, the first ending at `prev_end` and the
// second at `next`, are a term and its abbreviation side by side: only
// white space and at most one of ( – — - / : lie between them. When the
// second is in parentheses, `closing` is set to the number of bytes up to
// and including the ")" that closes it, when that follows within a few
// bytes and no space ("(SIP)", "(SIP;ar)"); 0 otherwise. The merged mention
// then includes it.
bool joins_term_and_abbreviation(std::string_view text, std::size_t prev_end, ByteSpan next,
                                 std::size_t& closing);

}  // namespace analyzer::swedish
