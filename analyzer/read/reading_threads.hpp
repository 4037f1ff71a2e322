#pragma once
// ReadingThreads: how many extra threads a reader may start now.
//
// In:  how many extra threads a reader would like (beside its own).
// Out: how many it gets: only while fewer threads are reading files in
//      this process than the machine has cores. The calling thread counts
//      as reading for as long as the object lives; the extra threads it was
//      given count too, until then.
//
// Ingest reads files on worker threads of its own; a reader that splits
// one large file across threads (PDF page ranges, an XLSX workbook's
// shared strings beside its first sheet) asks here first, so two workers
// on two cores get no extra thread and one large file read alone gets the
// idle core. Threads busy with other work (a worker indexing) are not
// counted. Thread-safe; cost: one mutex lock on construction and one on
// destruction.

#include <cstddef>

namespace analyzer {

class ReadingThreads {
 public:
  // Counts the calling thread and takes up to `wanted` extra threads.
  explicit ReadingThreads(std::size_t wanted);
  ~ReadingThreads();
  ReadingThreads(const ReadingThreads&) = delete;
  ReadingThreads& operator=(const ReadingThreads&) = delete;
  // The extra threads given: at most `wanted`.
  std::size_t extra() const { return extra_; }

 private:
  std::size_t extra_ = 0;
};

}  // namespace analyzer
