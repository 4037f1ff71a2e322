#pragma once
// IndexIterator: a forward iterator over a container that gives its
// elements by value (`Value operator[](std::size_t) const`), for classes
// that store their elements compactly and make each one when it is read
// (TextPlaces, PartOutcomes). `for (const Value& v : container)` then
// works as for a vector; each step makes one element. Plain data, no I/O.

#include <cstddef>
#include <iterator>

namespace analyzer {

template <class Container, class Value>
class IndexIterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = Value;
  using difference_type = std::ptrdiff_t;
  using pointer = void;
  using reference = Value;

  IndexIterator(const Container* container, std::size_t i) : container_(container), i_(i) {}
  Value operator*() const { return (*container_)[i_]; }
  IndexIterator& operator++() {
    ++i_;
    return *this;
  }
  bool operator==(const IndexIterator& o) const { return i_ == o.i_; }
  bool operator!=(const IndexIterator& o) const { return i_ != o.i_; }

 private:
  const Container* container_;
  std::size_t i_;
};

}  // namespace analyzer
