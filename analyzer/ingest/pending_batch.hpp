#pragma once
// PendingBatch: analysed files waiting to be stored together
// (IndexWriter::replace_files): one commit, and so one wait for the disk, per
// batch rather than per file.
//
// A batch holds at most kRecords records (answers and numeric items; a file
// with more goes alone) and kReservedBytes of MemoryGate reservations. Its
// worker stores it when it is full, when the next file would not fit, and
// whenever the worker would otherwise wait at the gate. Larger batches
// mean fewer commits but more memory: Xapian keeps up to 10,000 changes of
// postings and the transaction's values in memory (index_writer.cpp,
// BatchTransaction, writes the values out every 5,000 documents).
// One batch per worker; not thread-safe.

#include <cstddef>
#include <utility>
#include <vector>

#include "analyzer/index/index.hpp"
#include "analyzer/ingest/memory_gate.hpp"

namespace analyzer {

struct PendingBatch {
  static constexpr std::size_t kRecords = 4000;
  static constexpr std::size_t kReservedBytes = MemoryGate::kBudget / 4;

  std::vector<std::size_t> file_index;  // into the run's paths
  std::vector<IndexedFile> files;
  std::vector<std::size_t> reserved;    // each file's MemoryGate reservation
  std::size_t records = 0, reserved_total = 0;

  static std::size_t records_of(const IndexedFile& file) { return file.answer_count() + file.number_count(); }

  bool empty() const { return files.empty(); }
  bool full() const { return records >= kRecords; }

  // Whether `file` (reserving `bytes`) should start a new batch: never for
  // an empty batch.
  bool would_overflow(const IndexedFile& file, std::size_t bytes) const {
    return !files.empty() && (records + records_of(file) > kRecords || reserved_total + bytes > kReservedBytes);
  }

  // Adds file number `i` of the run, with its reservation.
  void add(std::size_t i, IndexedFile file, std::size_t bytes) {
    records += records_of(file);
    reserved_total += bytes;
    file_index.push_back(i);
    files.push_back(std::move(file));
    reserved.push_back(bytes);
  }
};

}  // namespace analyzer
