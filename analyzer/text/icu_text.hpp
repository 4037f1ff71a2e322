#pragma once
// ICU plumbing shared by the stages that run ICU break iterators over UTF-8
// (text/, tokenize/): a UText over a string_view without copying it, and the
// check that turns an ICU failure into an exception.
//
// ICU failures here mean a broken installation (missing break rules), not
// bad user data: they are the truly exceptional case, so they throw
// std::runtime_error("ICU: cannot <what>: <ICU error name>").

#include <unicode/utext.h>

#include <memory>
#include <string_view>

namespace analyzer::icu_text {

// Throws std::runtime_error when `status` is a failure.
void check(UErrorCode status, const char* what);

struct UTextCloser {
  void operator()(UText* t) const { utext_close(t); }
};
using UTextPtr = std::unique_ptr<UText, UTextCloser>;

// A UText over `text` (not copied: `text` must outlive it). Break
// iterators set on it report byte offsets into `text`.
UTextPtr open_utf8(std::string_view text);

}  // namespace analyzer::icu_text
