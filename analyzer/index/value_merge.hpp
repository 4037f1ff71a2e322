#pragma once
// When a long Xapian transaction writes out its value changes.
//
// Xapian 1.4 (glass) flushes a transaction's postings and positions to the
// database's files every XAPIAN_FLUSH_THRESHOLD changes (a document added
// or deleted), but keeps its value changes (here every record's JSON) in
// memory until the commit. Opening a value stream writes them out (merged,
// not committed: GlassWritableDatabase::open_value_list), but only while
// Xapian's count of changes since its last flush is not 0, so a merge at a
// multiple of the threshold does nothing. With the threshold at 5,000 and
// a merge every 5,000 documents, a 100,000-row spreadsheet kept all its
// values in memory until the commit: 1.2 GB.
//
// In:  the changes made since the transaction began (Xapian's own count is
//      0 then: begin_transaction() flushes), and the threshold.
// Out: whether a merge made now takes effect and is due: half way between
//      two flushes, every kMergeValuesEvery changes at most, and not before
//      kMergeValuesEvery changes (a transaction that small keeps its values
//      until the commit). Never with a threshold of 1 (every change
//      flushes, no merge can take effect).
// Cost: O(1).

#include <xapian.h>

#include <algorithm>
#include <cstdlib>

namespace analyzer {

inline constexpr Xapian::doccount kMergeValuesEvery = 5000;

// The flush threshold the index writers use when XAPIAN_FLUSH_THRESHOLD is
// not set (IndexWriter::open sets it, once per process, before the first
// database is opened for writing): Xapian's 10,000 changes held about 45 MB
// of postings and positions between two flushes on spreadsheet answers.
// Measured (tests/bench/README.md): the 100,000-row CSV export's ingest
// peak 289,496 KB with 10,000, 258,828 KB with 2,500; the 20 MB text
// corpus of ingest_vs_scriptindex ingested as fast (6.48 s, 6.16 s) with a
// peak of 125 MB and 99 MB.
inline constexpr const char* kWriterFlushThreshold = "2500";

// Xapian's flush threshold as Xapian 1.4 reads it (GlassWritableDatabase's
// constructor): XAPIAN_FLUSH_THRESHOLD as a number, 10,000 when unset or 0.
inline Xapian::doccount xapian_flush_threshold() {
  const char* p = std::getenv("XAPIAN_FLUSH_THRESHOLD");
  const auto threshold = static_cast<Xapian::doccount>(p ? std::atoi(p) : 0);
  return threshold == 0 ? 10000 : threshold;
}

inline bool merge_values_now(Xapian::doccount changes, Xapian::doccount threshold) {
  if (threshold == 0) return false;
  const Xapian::doccount period = std::min(threshold, kMergeValuesEvery);
  return period >= 2 && changes >= kMergeValuesEvery && (changes % threshold) % period == period / 2;
}

}  // namespace analyzer
