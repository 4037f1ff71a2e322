#include "analyzer/read/column_roles.hpp"

#include "analyzer/core/enum_names.hpp"

namespace analyzer {
namespace {

inline constexpr EnumName<ColumnRole> kColumnRoleNames[] = {
    {ColumnRole::Respondent, "respondent"},
    {ColumnRole::Region, "region"},
    {ColumnRole::Municipality, "municipality"},
    {ColumnRole::Year, "year"},
    {ColumnRole::RespondentType, "respondent_type"},
    {ColumnRole::Question, "question"},
    {ColumnRole::Number, "number"},
    {ColumnRole::Ignore, "ignore"},
};

}  // namespace

const char* to_string(ColumnRole role) { return name_of(kColumnRoleNames, role); }

std::optional<ColumnRole> parse_column_role(std::string_view text) { return value_of(kColumnRoleNames, text); }

const std::vector<std::string>& column_role_names() {
  static const std::vector<std::string> names = names_of(kColumnRoleNames);
  return names;
}

}  // namespace analyzer
