#include "analyzer/segment/respondent_detector.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <map>

#include "analyzer/segment/swedish_form_rules.hpp"
#include "analyzer/text/swedish_regions.hpp"

namespace analyzer {
namespace {

using re2::RE2;
using swedish::lower_case_sv;

re2::StringPiece sp(std::string_view s) { return re2::StringPiece(s.data(), s.size()); }

}  // namespace

namespace {

// What the lines of one part say about their respondent, gathered line by
// line; detect_respondent weighs them afterwards.
class RespondentClues {
 public:
  void read(std::string_view line) {
    // Every year pattern needs "20" and region_named needs "Region": lines
    // without them (most answer lines) skip those scans.
    if (line.find("20") != std::string_view::npos) read_years(line);
    if (auto subject = form_rules::report_subject(line)) read_subject(*subject);
    if (auto field = form_rules::contact_field(line)) read_contact_field(*field);
    if (!title_type_ && form_rules::is(form_rules::FormLine::SurveyTitle, line)) read_title(line);
    if (line.find("Region") != std::string_view::npos) read_region_names(line);
  }

  // The year of "God och nära vård 2023", else of "för 2023", else the
  // most frequent year (the smallest among equals).
  std::optional<int> year() const {
    if (year_primary_) return year_primary_;
    if (year_secondary_) return year_secondary_;
    if (year_counts_.empty()) return std::nullopt;
    return most_frequent(year_counts_);
  }

  // The region most often named "Region X" (the first in order among
  // equals), or "".
  std::string most_named_region() const {
    return region_counts_.empty() ? std::string() : most_frequent(region_counts_);
  }

  // The report's subject, else a contact field's region, else `most_named`.
  std::string region(const std::string& most_named) const {
    return !subject_region_.empty() ? subject_region_
           : !contact_region_.empty() ? contact_region_
                                      : most_named;
  }

  // Who a form is addressed to ("Enkät till regionala samverkans- och
  // stödstrukturer") says more than a contact label (an RSS form may still
  // ask for "Region:"), which says more than what a title is about
  // ("Slutredovisning av kommunernas arbete" is filed by the RSS). Prose
  // that names a region as author is the region's.
  std::optional<RespondentType> type(bool is_survey, const std::string& most_named) const {
    if (addressed_type_) return addressed_type_;
    if (contact_type_) return contact_type_;
    if (title_type_) return title_type_;
    if (!is_survey && !most_named.empty()) return RespondentType::Region;
    return std::nullopt;
  }

  const std::string& kommun() const { return contact_kommun_; }

 private:
  template <typename Key>
  static Key most_frequent(const std::map<Key, int>& counts) {
    return std::max_element(counts.begin(), counts.end(),
                            [](auto& a, auto& b) { return a.second < b.second; })
        ->first;
  }

  void read_years(std::string_view line) {
    static const RE2 year_gonv(R"((?i)nära\s+vård[^.!?]{0,120}?\b(20[1-3]\d)\b)");
    static const RE2 year_for(R"((?i)\b(?:för|avser|under)\s+(?:år\s+)?(20[1-3]\d)\b)");
    static const RE2 any_year(R"(\b(20[1-3]\d)\b)");
    int y = 0;
    if (!year_primary_ && RE2::PartialMatch(sp(line), year_gonv, &y)) year_primary_ = y;
    if (!year_secondary_ && RE2::PartialMatch(sp(line), year_for, &y)) year_secondary_ = y;
    re2::StringPiece in = sp(line);
    while (RE2::FindAndConsume(&in, any_year, &y)) ++year_counts_[y];
  }

  void read_subject(const std::string& subject) {
    if (subject_region_.empty()) subject_region_ = canonical_region(subject);
    // "Denna redovisning avser Falu kommun": a municipality answers.
    const std::string l = lower_case_sv(subject);
    if (contact_kommun_.empty() && l.size() > 7 && l.compare(l.size() - 7, 7, " kommun") == 0) {
      contact_kommun_ = subject;
      if (!contact_type_) contact_type_ = RespondentType::Kommun;
    }
  }

  void read_contact_field(const form_rules::ContactField& field) {
    if (field.label == "rss" || field.label == "region" || field.label == "län") {
      std::string reg = canonical_region(field.value);
      if (!reg.empty() && contact_region_.empty()) contact_region_ = reg;
    }
    if (contact_type_) return;
    if (field.label == "rss") contact_type_ = RespondentType::Rss;
    if (field.label == "region") contact_type_ = RespondentType::Region;
    if (field.label == "kommun") {
      contact_type_ = RespondentType::Kommun;
      contact_kommun_ = field.value;
    }
  }

  void read_title(std::string_view line) {
    const std::string l = lower_case_sv(line);
    if (l.find("samverkans- och stödstruktur") != std::string::npos ||
        l.find("stödstrukturer") != std::string::npos || l.find("rss") != std::string::npos)
      title_type_ = RespondentType::Rss;
    else if (l.find("kommun") != std::string::npos)
      title_type_ = RespondentType::Kommun;
    else if (l.find("region") != std::string::npos)
      title_type_ = RespondentType::Region;
    if (title_type_ && l.rfind("enkät till", 0) == 0) addressed_type_ = title_type_;
  }

  void read_region_names(std::string_view line) {
    static const RE2 region_named(R"(\bRegion\s+(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)?))");
    std::string named;
    re2::StringPiece in = sp(line);
    while (RE2::FindAndConsume(&in, region_named, &named)) {
      std::string reg = canonical_region(named);
      if (!reg.empty()) ++region_counts_[reg];
    }
  }

  std::optional<int> year_primary_, year_secondary_;
  std::map<int, int> year_counts_;
  std::map<std::string, int> region_counts_;
  std::string subject_region_, contact_region_, contact_kommun_;
  std::optional<RespondentType> contact_type_, title_type_, addressed_type_;
};

// "Region Halland", "RSS Dalarna" or the municipality; "" when the type or
// (for regions and RSS) the region is unknown.
std::string respondent_name(const Respondent& r, const std::string& kommun) {
  if (r.type == RespondentType::Kommun) return kommun;
  if (!r.type || r.region.empty()) return "";
  return (*r.type == RespondentType::Region ? "Region " : "RSS ") + r.region;
}

}  // namespace

Respondent detect_respondent(const std::vector<std::string_view>& lines, bool is_survey) {
  RespondentClues clues;
  for (std::string_view line : lines) clues.read(line);
  Respondent r;
  r.year = clues.year();
  const std::string most_named = clues.most_named_region();
  r.region = clues.region(most_named);
  r.type = clues.type(is_survey, most_named);
  r.name = respondent_name(r, clues.kommun());
  return r;
}

}  // namespace analyzer
