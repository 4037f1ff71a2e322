#include "analyzer/core/records.hpp"

#include "analyzer/core/enum_names.hpp"

namespace analyzer {

const char* to_string(RespondentType t) { return name_of(kRespondentTypeNames, t); }

std::optional<RespondentType> parse_respondent_type(const std::string& s) {
  return value_of(kRespondentTypeNames, s);
}

const char* to_string(LayoutKind k) { return name_of(kLayoutKindNames, k); }

}  // namespace analyzer
