#include "analyzer/core/records.hpp"

#include "analyzer/core/enum_names.hpp"

namespace analyzer {

const char* to_string(RespondentType t) { return name_of(kRespondentTypeNames, t); }

std::optional<RespondentType> parse_respondent_type(const std::string& s) {
  return value_of(kRespondentTypeNames, s);
}

std::string organisation_name(std::optional<RespondentType> type, const std::string& region) {
  if (!type || *type == RespondentType::Kommun || region.empty()) return "";
  return (*type == RespondentType::Region ? "Region " : "RSS ") + region;
}

const char* to_string(LayoutKind k) { return name_of(kLayoutKindNames, k); }

}  // namespace analyzer
