#include "analyzer/text/swedish_regions.hpp"

#include <array>

namespace analyzer::swedish {
namespace {

// The 21 Swedish regions, with the forms their names take in county and
// genitive phrases ("Dalarnas län", "Region Sörmland"), and the region's
// own name where it is another ("Västra Götalandsregionen", "VGR").
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
    {"Västra Götaland", {"västra götaland", "västra götalands", "västra götalandsregionen", "vgr"}},
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

}  // namespace

std::string lower_case_sv(std::string_view s) {
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

std::string_view region_words_stripped(std::string_view phrase) {
  auto space = [](char c) { return c == ' ' || c == '\t'; };
  while (!phrase.empty() && space(phrase.front())) phrase.remove_prefix(1);
  for (std::string_view prefix : {std::string_view("region "), std::string_view("rss "),
                                  std::string_view("landstinget i "), std::string_view("landstinget ")})
    if (phrase.size() > prefix.size() && lower_case_sv(phrase.substr(0, prefix.size())) == prefix) {
      phrase.remove_prefix(prefix.size());
      break;
    }
  while (!phrase.empty() && space(phrase.front())) phrase.remove_prefix(1);
  while (!phrase.empty() && (phrase.back() == '.' || phrase.back() == ',' || space(phrase.back())))
    phrase.remove_suffix(1);
  constexpr std::string_view kLan = " l\xC3\xA4n";  // " län", also " Län", " LÄN"
  if (phrase.size() > kLan.size() && lower_case_sv(phrase.substr(phrase.size() - kLan.size())) == kLan)
    phrase.remove_suffix(kLan.size());
  while (!phrase.empty() && space(phrase.back())) phrase.remove_suffix(1);
  return phrase;
}

std::string single_spaced(std::string_view phrase) {
  std::string spaced;
  spaced.reserve(phrase.size());
  for (std::size_t i = 0; i < phrase.size(); ++i) {
    const bool nbsp = phrase[i] == '\xC2' && i + 1 < phrase.size() && phrase[i + 1] == '\xA0';
    if (nbsp || phrase[i] == ' ' || phrase[i] == '\t' || phrase[i] == '\n' || phrase[i] == '\r') {
      if (!spaced.empty() && spaced.back() != ' ') spaced += ' ';
      if (nbsp) ++i;
      continue;
    }
    spaced += phrase[i];
  }
  if (!spaced.empty() && spaced.back() == ' ') spaced.pop_back();
  return spaced;
}

std::string canonical_region(std::string_view phrase) {
  const std::string p = lower_case_sv(region_words_stripped(single_spaced(phrase)));
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

}  // namespace analyzer::swedish
