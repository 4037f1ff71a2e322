#pragma once
// The list bullet at the start of a sentence, which a quotation leaves out:
// excerpts (excerpts.hpp) and search snippets (search_snippets.hpp) alike.

#include <cstddef>
#include <string_view>

namespace analyzer {

// The bytes of the bullet that starts `sentence`, with the white space
// after it: "•", "▪", "◦", "■", "●" or U+F0B7 (a Word symbol-font bullet,
// which normalize/ keeps) with any spaces; "-", "–", "—" or "*" and at
// least one space; "a) " (a lower-case letter, ')' and a space). 0 when
// there is none, or when the bullet would be all of the sentence.
std::size_t leading_bullet_size(std::string_view sentence);

}  // namespace analyzer
