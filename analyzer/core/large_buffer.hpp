#pragma once
// reserve_large: room for a string or vector of many megabytes, on large
// pages.
//
// In:  a std::string or std::vector and the number of elements it will
//      grow to.
// Out: the container with at least that capacity, its contents unchanged.
//
// A reader that inflates a 60 MB XML part, or builds 50 MB of answer text,
// touches every 4 KB page of it once: some 15,000 page faults, which cost
// a third of an XLSX read on a virtual machine. From kLargeBuffer bytes on,
// reserve_large also asks the kernel (Linux madvise MADV_HUGEPAGE) to back
// the newly reserved range with transparent huge pages of 2 MB where it
// can, so the same bytes take a few dozen faults. It is advice: where the
// kernel has transparent huge pages switched off, or on another system,
// the memory is ordinary pages and nothing else changes. Below kLargeBuffer
// it is a plain reserve.
// Cost: one allocation (the reserve), one system call from kLargeBuffer.

#include <cstddef>

namespace analyzer {

inline constexpr std::size_t kLargeBuffer = std::size_t{4} << 20;

// The advice alone, for `bytes` bytes from `data` (whole pages inside them).
void advise_large_pages(void* data, std::size_t bytes);

template <class Container>
void reserve_large(Container& c, std::size_t count) {
  if (count <= c.capacity()) return;
  c.reserve(count);
  const std::size_t bytes = c.capacity() * sizeof(*c.data());
  if (bytes >= kLargeBuffer) advise_large_pages(static_cast<void*>(c.data()), bytes);
}

}  // namespace analyzer
