#pragma once
// The mark every text printer (terminal, Markdown, HTML, Word, CSV cells
// meant for reading) shows where a value is missing or undefined: an en
// dash, "–" (U+2013). One constant, so that no table says "-" where
// another says "–". JSON and the typed formats print null instead.

namespace analyzer {

inline constexpr const char* kNoValue = "–";

}  // namespace analyzer
