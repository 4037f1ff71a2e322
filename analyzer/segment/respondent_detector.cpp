#include "analyzer/segment/respondent_detector.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <map>

#include "analyzer/segment/swedish_form_rules.hpp"

namespace analyzer {
namespace {

using re2::RE2;

// The 21 Swedish regions, with the forms their names take in county and
// genitive phrases ("Dalarnas län", "Region Sörmland").
struct RegionName {
  const char* canonical;
  std::array<const char*, 4> forms;
};
constexpr RegionName kRegions[] = {
    {"Stockholm", {"stockholm", "stockholms", nullptr, nullptr}},
    {"Uppsala", {"uppsala", nullptr, nullptr, nullptr}},
    {"Sörmland", {"sörmland", "södermanland", "södermanlands", "sörmlands"}},
    {"Östergötland", {"östergötland", "östergötlands", nullptr, nullptr}},
    {"Jönköping", {"jönköping", "jönköpings", nullptr, nullptr}},
    {"Kronoberg", {"kronoberg", "kronobergs", nullptr, nullptr}},
    {"Kalmar", {"kalmar", nullptr, nullptr, nullptr}},
    {"Gotland", {"gotland", "gotlands", nullptr, nullptr}},
    {"Blekinge", {"blekinge", nullptr, nullptr, nullptr}},
    {"Skåne", {"skåne", "skånes", nullptr, nullptr}},
    {"Halland", {"halland", "hallands", nullptr, nullptr}},
    {"Västra Götaland", {"västra götaland", "västra götalands", nullptr, nullptr}},
    {"Värmland", {"värmland", "värmlands", nullptr, nullptr}},
    {"Örebro", {"örebro", nullptr, nullptr, nullptr}},
    {"Västmanland", {"västmanland", "västmanlands", nullptr, nullptr}},
    {"Dalarna", {"dalarna", "dalarnas", nullptr, nullptr}},
    {"Gävleborg", {"gävleborg", "gävleborgs", nullptr, nullptr}},
    {"Västernorrland", {"västernorrland", "västernorrlands", nullptr, nullptr}},
    {"Jämtland Härjedalen", {"jämtland härjedalen", "jämtland", "jämtlands", nullptr}},
    {"Västerbotten", {"västerbotten", "västerbottens", nullptr, nullptr}},
    {"Norrbotten", {"norrbotten", "norrbottens", nullptr, nullptr}},
};

// Lower-cases ASCII and the Swedish capitals Å Ä Ö É in UTF-8.
std::string lower_sv(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (c == 0xC3 && i + 1 < s.size()) {
      unsigned char d = static_cast<unsigned char>(s[i + 1]);
      if (d >= 0x80 && d <= 0x9E && d != 0x97) d = static_cast<unsigned char>(d + 0x20);
      out += static_cast<char>(c);
      out += static_cast<char>(d);
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

re2::StringPiece sp(std::string_view s) { return re2::StringPiece(s.data(), s.size()); }

}  // namespace

std::string canonical_region(std::string_view phrase) {
  std::string p = lower_sv(phrase);
  // Drop "region ", " län", "s län", trailing punctuation.
  auto strip_prefix = [&](const std::string& pre) {
    if (p.rfind(pre, 0) == 0) p = p.substr(pre.size());
  };
  strip_prefix("region ");
  strip_prefix("rss ");
  while (!p.empty() && (p.back() == '.' || p.back() == ' ' || p.back() == ',')) p.pop_back();
  const std::string lan = " län";
  if (p.size() > lan.size() && p.compare(p.size() - lan.size(), lan.size(), lan) == 0)
    p = p.substr(0, p.size() - lan.size());
  // Longest form first, so "västra götaland" wins over shorter names.
  const RegionName* best = nullptr;
  std::size_t best_len = 0;
  for (const auto& r : kRegions) {
    for (const char* f : r.forms) {
      if (!f) continue;
      std::string form(f);
      if (p == form || (p.rfind(form, 0) == 0 && form.size() > best_len &&
                        (p.size() == form.size() || p[form.size()] == ' '))) {
        if (form.size() > best_len) {
          best = &r;
          best_len = form.size();
        }
      }
    }
  }
  return best ? best->canonical : "";
}

Respondent detect_respondent(const std::vector<std::string_view>& lines, bool is_survey) {
  static const RE2 year_gonv(R"((?i)nära\s+vård[^.!?]{0,120}?\b(20[1-3]\d)\b)");
  static const RE2 year_for(R"((?i)\b(?:för|avser|under)\s+(?:år\s+)?(20[1-3]\d)\b)");
  static const RE2 any_year(R"(\b(20[1-3]\d)\b)");
  static const RE2 region_named(R"(\bRegion\s+(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)?))");

  Respondent r;
  std::optional<int> year_primary, year_secondary;
  std::map<int, int> year_counts;
  std::map<std::string, int> region_counts;
  std::string subject_region, contact_region, contact_kommun;
  // Who a form is addressed to ("Enkät till regionala samverkans- och
  // stödstrukturer") says more than a contact label (an RSS form may still
  // ask for "Region:"), which says more than what a title is about
  // ("Slutredovisning av kommunernas arbete" is filed by the RSS).
  std::optional<RespondentType> contact_type, title_type, addressed_type;

  for (std::string_view line : lines) {
    // Every year pattern needs "20" and region_named needs "Region": lines
    // without them (most answer lines) skip those scans.
    if (line.find("20") != std::string_view::npos) {
      int y = 0;
      if (!year_primary && RE2::PartialMatch(sp(line), year_gonv, &y)) year_primary = y;
      if (!year_secondary && RE2::PartialMatch(sp(line), year_for, &y)) year_secondary = y;
      re2::StringPiece in = sp(line);
      while (RE2::FindAndConsume(&in, any_year, &y)) ++year_counts[y];
    }

    if (auto subject = form_rules::report_subject(line)) {
      if (subject_region.empty()) subject_region = canonical_region(*subject);
      // "Denna redovisning avser Falu kommun": a municipality answers.
      const std::string l = lower_sv(*subject);
      if (contact_kommun.empty() && l.size() > 7 && l.compare(l.size() - 7, 7, " kommun") == 0) {
        contact_kommun = *subject;
        if (!contact_type) contact_type = RespondentType::Kommun;
      }
    }
    if (auto field = form_rules::contact_field(line)) {
      if (field->label == "rss" || field->label == "region" || field->label == "län") {
        std::string reg = canonical_region(field->value);
        if (!reg.empty() && contact_region.empty()) contact_region = reg;
      }
      if (!contact_type) {
        if (field->label == "rss") contact_type = RespondentType::Rss;
        if (field->label == "region") contact_type = RespondentType::Region;
        if (field->label == "kommun") {
          contact_type = RespondentType::Kommun;
          contact_kommun = field->value;
        }
      }
    }
    if (!title_type && form_rules::is_survey_title(line)) {
      std::string l = lower_sv(line);
      if (l.find("samverkans- och stödstruktur") != std::string::npos ||
          l.find("stödstrukturer") != std::string::npos || l.find("rss") != std::string::npos)
        title_type = RespondentType::Rss;
      else if (l.find("kommun") != std::string::npos)
        title_type = RespondentType::Kommun;
      else if (l.find("region") != std::string::npos)
        title_type = RespondentType::Region;
      if (title_type && l.rfind("enkät till", 0) == 0) addressed_type = title_type;
    }
    if (line.find("Region") != std::string_view::npos) {
      std::string named;
      re2::StringPiece rin = sp(line);
      while (RE2::FindAndConsume(&rin, region_named, &named)) {
        std::string reg = canonical_region(named);
        if (!reg.empty()) ++region_counts[reg];
      }
    }
  }

  if (year_primary) r.year = year_primary;
  else if (year_secondary) r.year = year_secondary;
  else if (!year_counts.empty()) {
    auto best = std::max_element(year_counts.begin(), year_counts.end(),
                                 [](auto& a, auto& b) { return a.second < b.second; });
    r.year = best->first;
  }

  std::string most_named;
  if (!region_counts.empty()) {
    most_named = std::max_element(region_counts.begin(), region_counts.end(),
                                  [](auto& a, auto& b) { return a.second < b.second; })
                     ->first;
  }
  r.region = !subject_region.empty() ? subject_region
             : !contact_region.empty() ? contact_region
                                       : most_named;

  if (addressed_type) r.type = addressed_type;
  else if (contact_type) r.type = contact_type;
  else if (title_type) r.type = title_type;
  else if (!is_survey && !most_named.empty()) r.type = RespondentType::Region;

  if (r.type && !r.region.empty()) {
    switch (*r.type) {
      case RespondentType::Region: r.name = "Region " + r.region; break;
      case RespondentType::Rss: r.name = "RSS " + r.region; break;
      case RespondentType::Kommun: r.name = contact_kommun; break;
    }
  } else if (r.type == RespondentType::Kommun) {
    r.name = contact_kommun;
  }
  return r;
}

}  // namespace analyzer
