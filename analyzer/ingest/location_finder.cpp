#include "analyzer/ingest/location_finder.hpp"

#include <algorithm>

namespace analyzer {
namespace {

// The offset of each line's first byte in `text`: 0, then the byte after
// every "\n", every "\r\n" (counted once) and every lone "\r".
std::vector<std::size_t> line_starts(const std::string& text) {
  std::vector<std::size_t> starts{0};
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n; ++i) {
    const char c = text[i];
    if (c == '\n') {
      starts.push_back(i + 1);
    } else if (c == '\r') {
      if (i + 1 < n && text[i + 1] == '\n') ++i;  // CRLF: one line end
      starts.push_back(i + 1);
    }
  }
  return starts;
}

}  // namespace

LocationFinder::LocationFinder(const SourceFile& file) : by_places_(!file.places.empty()) {
  if (!by_places_) {
    line_starts_ = line_starts(file.bytes);
    return;
  }
  places_.reserve(file.places.size());
  for (const TextPlace& p : file.places)
    if (!p.span.empty()) places_.push_back({p.span.begin, p.span.end, p.location});
  // Readers give places in text order; a reader that did not still gets a
  // correct search.
  if (!std::is_sorted(places_.begin(), places_.end(), [](const Place& a, const Place& b) { return a.begin < b.begin; }))
    std::stable_sort(places_.begin(), places_.end(), [](const Place& a, const Place& b) { return a.begin < b.begin; });
}

RecordLocation LocationFinder::at(std::size_t pos) const {
  if (!by_places_) {
    // The last line start at or before pos; line_starts_ always holds 0.
    const auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), pos);
    RecordLocation l;
    l.line = static_cast<std::size_t>(after - line_starts_.begin());
    return l;
  }
  if (places_.empty()) return {};
  // The first place that ends after pos: it holds pos, or pos lies in the
  // gap before it (then it is the next place).
  const auto holding = std::upper_bound(places_.begin(), places_.end(), pos,
                                        [](std::size_t p, const Place& place) { return p < place.end; });
  if (holding == places_.end()) return places_.back().location;
  return holding->location;
}

}  // namespace analyzer
