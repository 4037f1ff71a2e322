#include "analyzer/text/icu_text.hpp"

#include <unicode/utypes.h>

#include <stdexcept>
#include <string>

namespace analyzer::icu_text {

void check(UErrorCode status, const char* what) {
  if (U_FAILURE(status))
    throw std::runtime_error(std::string("ICU: cannot ") + what + ": " + u_errorName(status));
}

UTextPtr open_utf8(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  check(status, "open UTF-8 text");
  return UTextPtr(ut);
}

}  // namespace analyzer::icu_text
