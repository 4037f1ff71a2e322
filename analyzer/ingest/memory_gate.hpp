#pragma once
// MemoryGate: bounds the memory of the files an ingest run analyses at once.
//
// A file is counted as kBytesPerFileByte times its size while it is
// analysed and indexed; a ZIP file (XLSX, DOCX) by what it inflates to
// (analysed_bytes()): its reader holds the XML, and a 5.8 MB XLSX of
// 100,000 rows inflates to 92 MB. A file is let in
// when its share fits beside the reservations of the files in work, within
// kBudget in all; a file alone always goes, whatever its size, so no file
// ever waits for ever. Thread-safe: the workers of one run share one gate.
// Cost: a mutex per call; waiting threads are woken on every release.

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>

#include "analyzer/read/zip_archive.hpp"

namespace analyzer {

// The bytes a file is weighed by: its size, or for a ZIP archive the
// larger of its size and the sizes its central directory records
// (ZipArchive::recorded_inflated_size; one read of the directory).
inline std::size_t analysed_bytes(const std::string& path, std::size_t file_bytes) {
  const std::optional<std::size_t> inflated = ZipArchive::recorded_inflated_size(path);
  return inflated && *inflated > file_bytes ? *inflated : file_bytes;
}

class MemoryGate {
 public:
  static constexpr std::size_t kBytesPerFileByte = 7;
  static constexpr std::size_t kBudget = 200u << 20;

  // The reservation for a file of `file_bytes`, if it fits now (or nothing
  // else is reserved); nullopt otherwise. Never waits.
  std::optional<std::size_t> try_acquire(std::size_t file_bytes) {
    const std::size_t need = file_bytes * kBytesPerFileByte;
    std::lock_guard lock(mu_);
    if (in_use_ != 0 && in_use_ + need > kBudget) return std::nullopt;
    in_use_ += need;
    return need;
  }

  // The reservation for a file of `file_bytes`: waits until it fits (or
  // nothing else is reserved). A caller must not hold reservations it could
  // release while it waits (a batch of analysed files): store them first.
  std::size_t acquire(std::size_t file_bytes) {
    const std::size_t need = file_bytes * kBytesPerFileByte;
    std::unique_lock lock(mu_);
    freed_.wait(lock, [&] { return in_use_ == 0 || in_use_ + need <= kBudget; });
    in_use_ += need;
    return need;
  }

  // Gives back a reservation returned by try_acquire() or acquire().
  void release(std::size_t reservation) {
    {
      std::lock_guard lock(mu_);
      in_use_ -= reservation;
    }
    freed_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable freed_;
  std::size_t in_use_ = 0;
};

}  // namespace analyzer
