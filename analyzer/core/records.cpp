#include "analyzer/core/records.hpp"

#include <algorithm>
#include <cctype>

namespace analyzer {

const char* to_string(RespondentType t) {
  switch (t) {
    case RespondentType::Kommun: return "kommun";
    case RespondentType::Rss: return "rss";
    case RespondentType::Region: return "region";
  }
  return "";
}

std::optional<RespondentType> parse_respondent_type(const std::string& s) {
  std::string l = s;
  std::transform(l.begin(), l.end(), l.begin(), [](unsigned char c) { return std::tolower(c); });
  if (l == "kommun") return RespondentType::Kommun;
  if (l == "rss") return RespondentType::Rss;
  if (l == "region") return RespondentType::Region;
  return std::nullopt;
}

const char* to_string(LayoutKind k) {
  switch (k) {
    case LayoutKind::Survey: return "survey";
    case LayoutKind::Report: return "report";
    case LayoutKind::Unknown: return "unknown";
  }
  return "";
}

}  // namespace analyzer
