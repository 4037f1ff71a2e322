#pragma once
// The 21 Swedish regions (counties) by name, and the lower-casing their
// names need: facts that segment/ (respondent detection) and read/
// (spreadsheet region columns) share. Pure functions, thread-safe, no
// allocation beyond the returned string. Cost: linear in the phrase.
//
//   canonical_region("Dalarnas län")   → "Dalarna"
//   canonical_region("Region Halland") → "Halland"
//   canonical_region("Kungsbacka")     → ""
//   lower_case_sv("Västra GÖTALAND")  → "västra götaland"

#include <string>
#include <string_view>

namespace analyzer::swedish {

// Canonical region name for a county/region phrase ("Dalarnas län",
// "Region Halland", "Västra Götaland"), or "" when it names none of the 21.
std::string canonical_region(std::string_view phrase);

// `phrase` without the words around a region's name, case kept: a leading
// "Region ", "RSS " or "Landstinget (i) " (the county councils until
// 2019), a trailing " län" and trailing punctuation ("Region Exempel" →
// "Exempel", "Exempels län." → "Exempels", "Landstinget i Värmland" →
// "Värmland"); what canonical_region() matches (after it has made every
// run of white space, a no-break space too, one space), and what a
// spreadsheet keeps of a region it does not know.
std::string_view region_words_stripped(std::string_view phrase);

// `phrase` with every run of white space (a no-break space too) one
// space, none at either end: "Region\u00a0 Skåne " → "Region Skåne".
std::string single_spaced(std::string_view phrase);

// Lower-cases ASCII and the Latin-1 capitals (Å Ä Ö É ...) in UTF-8; other
// bytes are kept.
std::string lower_case_sv(std::string_view s);

}  // namespace analyzer::swedish
