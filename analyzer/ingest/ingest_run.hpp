#pragma once
// IngestRun: one run of ingest() (ingest.hpp), in three steps.
//
//   1. plan():  collects the files, opens every shard of the index, checks
//      the manifest's entries against the files (entries_without_file) and
//      makes the work lists: a file already in the index goes back to the
//      shard that holds it (its old documents are replaced there), a new file
//      to whichever worker is free first, a second file of the same name
//      fails at once (names identify sources in the index).
//   2. work(shard), one thread per shard: reads and analyses its files (the
//      memory of files in work bounded by a MemoryGate), gathers them in a
//      PendingBatch and stores each batch with store_batch(); the last
//      batch's commit also stores the shard's report aggregate (one commit,
//      one set of disk syncs), else (no batch, or it could not be built
//      there) the aggregate is written after, with a commit of its own
//      (skipped for a shard that holds no file).
//   3. store_batch(): IndexWriter::replace_files in one transaction; a file
//      refused there keeps its old documents and fails alone.
//
// Guarantee (as ingest.hpp): a file that fails at any step leaves the index
// as it was for that file; the others still go in. Outcomes are kept per
// input file, so the summary lists files in input order whatever order the
// workers finished them in. The progress callback is called under the run's
// mutex, one call at a time.
// Use once: IngestRun(inputs, options, progress).run().

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/ingest/ingest.hpp"
#include "analyzer/ingest/memory_gate.hpp"
#include "analyzer/ingest/pending_batch.hpp"

namespace analyzer {

class IngestRun {
 public:
  IngestRun(const std::vector<std::string>& inputs, const IngestOptions& options, const IngestProgress& progress);

  // Does the whole run and returns its summary (ingest.hpp). When the index
  // cannot be opened, the summary holds that one error and nothing is done.
  IngestSummary run();

 private:
  // What the index holds of a source file already: its shard and the key it
  // was stored with.
  struct Stored {
    std::size_t shard;
    std::string ingest_key;
  };
  // One worker's own state: a tagger (not thread-safe), the analysis context
  // and the batch it fills.
  struct Worker {
    std::size_t shard = 0;
    std::optional<ThemeTagger> tagger;
    AnalysisContext context;
    PendingBatch batch;
  };

  // Step 1.
  Status plan();
  void collect_inputs();
  Status open_index();
  void check_manifest();
  void make_work_lists();
  // Step 2.
  void work(std::size_t shard);
  std::optional<std::size_t> next_unowned();
  void analyse_into_batch(Worker& worker, std::size_t i);
  std::optional<IndexedFile> analyse(const Worker& worker, std::size_t i);
  void store_aggregate(std::size_t shard);
  // Step 3. `last`: the worker's last batch (its commit stores the aggregate too).
  void store_batch(Worker& worker, bool last = false);
  // Marks file `i` done (counts it, calls progress) under the mutex.
  void finish(std::size_t i);
  // File `i` failed with an unexpected exception.
  void fail(std::size_t i, const std::exception& e);

  const std::vector<std::string>& inputs_;
  const IngestOptions& options_;
  const IngestProgress& progress_;
  IngestSummary summary_;
  std::vector<FileOutcome> unreadable_;  // paths that could not be read at all; listed first
  std::vector<std::string> paths_;
  std::vector<std::unique_ptr<IndexWriter>> writers_;  // one per shard
  std::map<std::string, Stored> owner_;  // source name → where the index holds it
  std::vector<FileOutcome> outcomes_;    // one per path
  std::vector<std::size_t> sizes_;       // bytes per path, from the file system
  std::vector<std::vector<std::size_t>> owned_;  // per shard: files it holds already
  std::vector<std::size_t> unowned_;     // new files, for any worker
  std::vector<std::size_t> finished_early_;  // refused before any work
  std::size_t bytes_total_ = 0;
  MemoryGate gate_;

  std::mutex mu_;  // guards next_unowned_, done_, bytes_done_, summary_.diagnostics and calls of progress_
  std::size_t next_unowned_ = 0, done_ = 0, bytes_done_ = 0;
};

}  // namespace analyzer
