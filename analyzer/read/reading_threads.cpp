#include "analyzer/read/reading_threads.hpp"

#include <algorithm>
#include <mutex>
#include <thread>

namespace analyzer {
namespace {

std::mutex threads_mutex;
std::size_t threads_reading = 0;

}  // namespace

ReadingThreads::ReadingThreads(std::size_t wanted) {
  const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  std::lock_guard lock(threads_mutex);
  ++threads_reading;
  extra_ = std::min(wanted, cores > threads_reading ? cores - threads_reading : 0);
  threads_reading += extra_;
}

ReadingThreads::~ReadingThreads() {
  std::lock_guard lock(threads_mutex);
  threads_reading -= 1 + extra_;
}

}  // namespace analyzer
