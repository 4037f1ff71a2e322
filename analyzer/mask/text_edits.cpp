#include "analyzer/mask/text_edits.hpp"

#include <algorithm>
#include <cstddef>

namespace analyzer {
namespace {

// Where old position `p` lands in the new text (see apply_text_edits).
std::size_t move_position(const std::vector<TextEdit>& edits, std::size_t p, bool is_end) {
  std::ptrdiff_t delta = 0;
  for (const TextEdit& e : edits) {
    if (p < e.from.begin) break;
    const std::size_t new_begin = e.from.begin + delta;
    if (p == e.from.begin) return new_begin;
    if (p < e.from.end) return is_end ? new_begin + e.to.size() : new_begin;
    delta += static_cast<std::ptrdiff_t>(e.to.size()) - static_cast<std::ptrdiff_t>(e.from.size());
    if (p == e.from.end) return e.from.end + delta;
  }
  return p + delta;
}

}  // namespace

std::string apply_text_edits(std::string_view text, const std::vector<TextEdit>& edits,
                             std::vector<ByteSpan>* marks) {
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  for (const TextEdit& e : edits) {
    out.append(text.substr(at, e.from.begin - at));
    out += e.to;
    at = e.from.end;
  }
  out.append(text.substr(at));
  if (marks) {
    std::vector<ByteSpan> moved;
    for (ByteSpan m : *marks) {
      ByteSpan n{move_position(edits, m.begin, false), move_position(edits, m.end, true)};
      if (!n.empty()) moved.push_back(n);
    }
    std::sort(moved.begin(), moved.end(), [](ByteSpan a, ByteSpan b) { return a.begin < b.begin; });
    marks->clear();
    for (ByteSpan m : moved) {
      if (!marks->empty() && m.begin <= marks->back().end) marks->back().end = std::max(marks->back().end, m.end);
      else marks->push_back(m);
    }
  }
  return out;
}

}  // namespace analyzer
