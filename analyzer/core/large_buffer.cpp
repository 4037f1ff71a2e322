#include "analyzer/core/large_buffer.hpp"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace analyzer {

void advise_large_pages(void* data, std::size_t bytes) {
#if defined(MADV_HUGEPAGE)
  const long page = sysconf(_SC_PAGESIZE);
  if (page <= 0) return;
  const auto mask = static_cast<std::uintptr_t>(page) - 1;
  const auto begin = (reinterpret_cast<std::uintptr_t>(data) + mask) & ~mask;
  const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~mask;
  // Advice: a failure leaves ordinary pages, which is what there was.
  if (end > begin) (void)madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)data;
  (void)bytes;
#endif
}

}  // namespace analyzer
