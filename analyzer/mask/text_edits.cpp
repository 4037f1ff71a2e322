#include "analyzer/mask/text_edits.hpp"

#include <algorithm>
#include <cstddef>

#include "analyzer/core/utf8.hpp"
#include "analyzer/text/swedish_text.hpp"

namespace analyzer {
namespace {

// Where old positions land in the new text (see apply_text_edits): for
// each edit, the change in length of all edits before it, so a position
// is moved with one binary search.
class PositionMap {
 public:
  explicit PositionMap(const std::vector<TextEdit>& edits) : edits_(edits) {
    std::ptrdiff_t delta = 0;
    for (const TextEdit& e : edits) {
      delta_before_.push_back(delta);
      delta += static_cast<std::ptrdiff_t>(e.to.size()) - static_cast<std::ptrdiff_t>(e.from.size());
    }
    total_ = delta;
  }

  std::size_t move(std::size_t p, bool is_end) const {
    // The first edit that ends at or after p.
    auto it = std::lower_bound(edits_.begin(), edits_.end(), p,
                               [](const TextEdit& e, std::size_t q) { return e.from.end < q; });
    if (it == edits_.end()) return p + total_;
    const std::ptrdiff_t delta = delta_before_[it - edits_.begin()];
    const std::size_t new_begin = it->from.begin + delta;
    if (p < it->from.begin) return p + delta;
    if (p == it->from.begin) return new_begin;
    if (p < it->from.end) return is_end ? new_begin + it->to.size() : new_begin;
    return new_begin + it->to.size();   // p == it->from.end
  }

 private:
  const std::vector<TextEdit>& edits_;
  std::vector<std::ptrdiff_t> delta_before_;
  std::ptrdiff_t total_ = 0;
};

}  // namespace

std::size_t space_at(std::string_view s, std::size_t i) {
  const utf8::Decoded d = utf8::decode(s, i);
  return d.valid() && swedish::is_space(d.code_point) ? d.length : 0;
}

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
    const PositionMap map(edits);
    std::vector<ByteSpan> moved;
    for (ByteSpan m : *marks) {
      ByteSpan n{map.move(m.begin, false), map.move(m.end, true)};
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
