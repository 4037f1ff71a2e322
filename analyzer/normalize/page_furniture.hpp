#pragma once
// Page furniture: the lines a PDF export prints on every page that are not
// part of the document's text. Used by normalize() before it re-joins lines,
// so a sentence broken by a page break joins across the removed footer.
//
// In:  the trimmed, non-blank physical lines of one document, in order.
// Out: for each line, whether it is furniture.
// A line is furniture when it is
//   - a page number: "Sida 23", "Sida 2 av 9", "Sida 2 (9)", "Page 4 of 9", "4 (9)"
//     (page not above the count), "- 4 -" / "– 4 –";
//   - a bracketed placeholder line: "[Titel]", "[Skriv här]" (2 to 60
//     characters inside, starting with a letter; "[X]" is not one);
//   - only a link: "https://…", "http://…", "www.…" or "mailto:…" with no
//     space (print exports put them at page ends);
//   - a lone ISO date ("2019-10-01") within 2 lines of a page number;
//   - a short running header/footer: a line of more than one word and
//     under 60 characters found right before or after a block of the
//     furniture above that holds a page number, at least 3 times, beside at
//     least half of those blocks, and more often there than anywhere else.
//     Only those occurrences are removed; the same text elsewhere stays.
//     (One-word lines never qualify: "Ja" / "Nej" options end many pages.)
// Normal text is never removed: there is no rule on text alone beyond the
// exact shapes above. Cost: linear in the number of lines (a hash map over
// the few lines beside page numbers). Thread-safe.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace analyzer::furniture {

enum class LineKind : std::uint8_t {
  Text,         // anything else
  PageNumber,   // "Sida 23", "4 (9)", "- 4 -"
  Placeholder,  // "[Titel]"
  IsoDate,      // "2019-10-01" (furniture only beside a page number)
  Link,         // a URL or mailto: link alone on the line
};

// The kind of one trimmed line, by its text alone.
LineKind classify(std::string_view trimmed_line);

// One flag per line of `lines` (trimmed, non-blank, in document order):
// true for page furniture as described at the top of this file.
std::vector<bool> find(std::span<const std::string_view> lines);

}  // namespace analyzer::furniture
