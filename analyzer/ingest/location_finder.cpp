#include "analyzer/ingest/location_finder.hpp"

#include <algorithm>
#include <stdexcept>

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
  places_ = &file.places;
  if (file.places.size() > UINT32_MAX) throw std::length_error("more than 2^32 places in one file");
  order_.reserve(file.places.size());
  for (std::size_t i = 0; i < file.places.size(); ++i)
    if (!file.places.span(i).empty()) order_.push_back(static_cast<std::uint32_t>(i));
  // Readers give places in text order; a reader that did not still gets a
  // correct search.
  const auto by_begin = [&](std::uint32_t a, std::uint32_t b) {
    return file.places.span(a).begin < file.places.span(b).begin;
  };
  if (!std::is_sorted(order_.begin(), order_.end(), by_begin)) std::stable_sort(order_.begin(), order_.end(), by_begin);
}

RecordLocation LocationFinder::at(std::size_t pos) const {
  if (!by_places_) {
    // The last line start at or before pos; line_starts_ always holds 0.
    const auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), pos);
    RecordLocation l;
    l.line = static_cast<std::size_t>(after - line_starts_.begin());
    return l;
  }
  if (order_.empty()) return {};
  // The first place that ends after pos: it holds pos, or pos lies in the
  // gap before it (then it is the next place).
  const auto holding = std::upper_bound(order_.begin(), order_.end(), pos, [&](std::size_t p, std::uint32_t place) {
    return p < places_->span(place).end;
  });
  if (holding == order_.end()) return places_->location(order_.back());
  return places_->location(*holding);
}

}  // namespace analyzer
