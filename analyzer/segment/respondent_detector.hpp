#pragma once
// Detects who answered and for which year from a part's own text:
//   year        "God och nära vård 2023", "... för 2023", else the most
//               frequent year 2015–2039 in the text
//   region      "Denna redovisning avser Dalarna län" / "... Region Halland",
//               a contact field "Region: Region Halland" / "RSS: Dalarna
//               län", else the most frequent "Region X" naming one of the 21
//               Swedish regions
//   type        contact field label (RSS:/Region:/Kommun:), else the form
//               title ("Enkät till regionala samverkans- och
//               stödstrukturer" → rss, "Enkät till regioner" → region,
//               "... kommunernas arbete" → kommun), else for prose a region
//               named as author ("Region X") → region
//   name        "Region Halland", "RSS Dalarna", or the municipality
// Region names are canonical: "Hallands län" → "Halland", "Region
// Jämtland Härjedalen" → "Jämtland Härjedalen". Cost: linear in the text.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/records.hpp"
#include "analyzer/text/swedish_regions.hpp"

namespace analyzer {

// canonical_region(): text/swedish_regions.hpp (spreadsheet readers use it too).
using swedish::canonical_region;

// What the lines of one part say about their respondent; `is_survey`
// chooses between form and prose rules for the respondent type.
Respondent detect_respondent(const std::vector<std::string_view>& lines, bool is_survey);

}  // namespace analyzer
