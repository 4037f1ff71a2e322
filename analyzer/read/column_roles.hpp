#pragma once
// Column roles of a spreadsheet (XLSX, CSV): what each column of a table
// with one respondent per row holds. The readers detect them from the
// header row (spreadsheet_table.hpp); a manifest entry may set them per
// file ("columns": {"Kommun": "municipality", "F": "ignore"}, manifest.hpp),
// and the readers print the mapping they used. Plain data, no I/O.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace analyzer {

enum class ColumnRole {
  Respondent,      // who answered: "Falu kommun", "RSS Dalarna"
  Region,          // county/region: "Dalarna", "Region Dalarna", "Dalarnas län"
  Municipality,    // a municipality: the respondent's name, type kommun
  Year,            // the survey year: 2022
  RespondentType,  // "kommun", "region", "rss"
  Question,        // an answer per cell; the header is the question
  Number,          // a numeric item per cell; the header is its label
  Ignore,          // metadata that is never an answer (time stamps, e-mail, phone, ids)
};

// "respondent", "region", "municipality", "year", "respondent_type",
// "question", "number", "ignore": the words of the manifest and the notes.
const char* to_string(ColumnRole role);
// The role named `text` (ASCII case ignored), or nullopt.
std::optional<ColumnRole> parse_column_role(std::string_view text);
// Every role name, in the order above (for "did you mean" and messages).
const std::vector<std::string>& column_role_names();

// One manifest setting: the column named by its header text (compared
// after trimming, case-insensitively) or by its letter ("F", "AB").
struct ColumnRoleSetting {
  std::string column;
  ColumnRole role = ColumnRole::Question;
  friend bool operator==(const ColumnRoleSetting&, const ColumnRoleSetting&) = default;
};

}  // namespace analyzer
