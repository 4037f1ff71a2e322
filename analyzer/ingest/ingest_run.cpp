#include "analyzer/ingest/ingest_run.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <thread>

#include "analyzer/core/stable_hash.hpp"
#include "analyzer/text/swedish_regions.hpp"

namespace analyzer {

namespace {

// The warnings and notes reading gave a file, as its summary keeps them
// (at most kMaxFileNotes, each message cut to 1,000 bytes).
std::vector<FileNote> file_notes(const Diagnostics& diagnostics) {
  std::vector<FileNote> notes;
  for (const Diagnostic& d : diagnostics) {
    if (d.severity == Severity::Error || notes.size() == kMaxFileNotes) continue;
    notes.push_back({d.severity == Severity::Warning ? "warning" : "note", evidence_excerpt(d.message, 1000),
                     evidence_excerpt(d.hint, 1000)});
  }
  return notes;
}

// The prints of `answers` (FileOutcome::answer_prints): the same answer
// read from a PDF and from its Word original differs in spaces, line
// breaks and hyphens, not in its letters and digits. The year is part of
// the print: a respondent repeating last year's text is no copy.
std::vector<std::uint64_t> answer_prints(const std::vector<AnswerRecord>& answers) {
  std::vector<std::uint64_t> prints;
  prints.reserve(answers.size());
  std::string key;
  for (const AnswerRecord& a : answers) {
    key = a.respondent.year ? std::to_string(*a.respondent.year) : "-";
    for (const char c : swedish::lower_case_sv(a.text))
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80) key += c;
    if (key.size() >= 24) prints.push_back(fnv1a64(key));  // "Ja." and "Nej." say nothing of the file
  }
  std::sort(prints.begin(), prints.end());
  prints.erase(std::unique(prints.begin(), prints.end()), prints.end());
  return prints;
}

// A warning for each pair of files ingested this run that share at least
// 80% of the answers of the smaller (and 3 or more): one document in two
// formats, or a copy, counts twice in reports. Cost: a sort of every
// (print, file) of the run, 16 bytes each (16 MB for a million answers); a
// pair of files is only looked at when a print is shared, and a print in
// more than 16 files (boilerplate) pairs none of them.
Diagnostics same_answers_warnings(const std::vector<FileOutcome>& files) {
  std::vector<std::pair<std::uint64_t, std::size_t>> held;  // print, file
  for (std::size_t i = 0; i < files.size(); ++i)
    for (const std::uint64_t p : files[i].answer_prints) held.emplace_back(p, i);
  std::sort(held.begin(), held.end());
  std::map<std::pair<std::size_t, std::size_t>, std::size_t> shared;
  for (std::size_t from = 0; from < held.size();) {
    std::size_t to = from + 1;
    while (to < held.size() && held[to].first == held[from].first) ++to;
    if (to - from <= 16)
      for (std::size_t a = from; a < to; ++a)
        for (std::size_t b = a + 1; b < to; ++b) ++shared[{held[a].second, held[b].second}];
    from = to;
  }
  Diagnostics out;
  for (const auto& [pair, n] : shared) {
    const FileOutcome& first = files[pair.first];
    const FileOutcome& second = files[pair.second];
    const std::size_t smaller = std::min(first.answer_prints.size(), second.answer_prints.size());
    if (n < 3 || n * 10 < smaller * 8) continue;
    out.push_back(make_warning(second.path, "holds the same answers as " + first.path + " (" + std::to_string(n) +
                                                " of " + std::to_string(smaller) +
                                                "): one document in two formats, or a copy? Reports count both",
                               "leave one of them out of the folder (analyzer ingest reads both), or correct it "
                               "in the manifest if they are two respondents' answers"));
  }
  return out;
}

}  // namespace

IngestRun::IngestRun(const std::vector<std::string>& inputs, const IngestOptions& options,
                     const IngestProgress& progress)
    : inputs_(inputs), options_(options), progress_(progress) {}

IngestSummary IngestRun::run() {
  if (!plan().ok()) return std::move(summary_);
  for (std::size_t i : finished_early_) finish(i);
  std::vector<std::thread> threads;
  for (std::size_t k = 1; k < writers_.size(); ++k) threads.emplace_back(&IngestRun::work, this, k);
  work(0);
  for (std::thread& t : threads) t.join();
  for (Diagnostic& d : same_answers_warnings(outcomes_)) summary_.diagnostics.push_back(std::move(d));
  summary_.files = std::move(unreadable_);
  summary_.files.insert(summary_.files.end(), std::make_move_iterator(outcomes_.begin()),
                        std::make_move_iterator(outcomes_.end()));
  return std::move(summary_);
}

// ---- step 1: plan ----------------------------------------------------------

Status IngestRun::plan() {
  collect_inputs();
  if (Status opened = open_index(); !opened.ok()) return opened;
  check_manifest();
  make_work_lists();
  return {};
}

// A path that could not be read (missing, a broken link, a folder that
// cannot be listed) counts as a failed file; it is listed first. Other
// problems with the inputs go to the summary.
void IngestRun::collect_inputs() {
  Diagnostics path_problems;
  paths_ = collect_files(inputs_, path_problems, summary_.passed_over);
  for (Diagnostic& d : path_problems) {
    if (d.severity != Severity::Error || d.file.empty()) {
      summary_.diagnostics.push_back(std::move(d));
      continue;
    }
    FileOutcome failed;
    failed.path = d.file;
    failed.source = source_name(d.file);
    failed.diagnostics.push_back(std::move(d));
    unreadable_.push_back(std::move(failed));
  }
}

Status IngestRun::open_index() {
  auto opened = IndexWriter::open_shards(options_.index_dir,
                                         options_.shards ? options_.shards : default_shard_count());
  if (!opened.ok()) {
    Diagnostic d = opened.error();
    if (d.file.empty()) d.file = options_.index_dir;
    summary_.diagnostics.push_back(d);
    summary_.index_unavailable = true;
    return d;
  }
  writers_ = std::move(opened).value();
  return {};
}

// Manifest entries naming no file: an error each (exit 1), counted in the
// summary; the files still go in.
void IngestRun::check_manifest() {
  if (!options_.manifest) return;
  Diagnostics missing = entries_without_file(*options_.manifest, paths_);
  summary_.manifest_entries_without_file = missing.size();
  for (Diagnostic& d : missing) summary_.diagnostics.push_back(std::move(d));
}

void IngestRun::make_work_lists() {
  for (std::size_t k = 0; k < writers_.size(); ++k)
    for (auto& entry : writers_[k]->sources()) owner_.emplace(entry.first, Stored{k, std::move(entry.second)});
  outcomes_.resize(paths_.size());
  sizes_.assign(paths_.size(), 0);
  owned_.resize(writers_.size());
  std::map<std::string, std::string> seen_names;  // source name → first path
  for (std::size_t i = 0; i < paths_.size(); ++i) {
    FileOutcome& outcome = outcomes_[i];
    outcome.path = paths_[i];
    outcome.source = source_name(paths_[i]);
    std::error_code ec;
    const auto size = std::filesystem::file_size(paths_[i], ec);
    sizes_[i] = ec ? 0 : size;
    bytes_total_ += sizes_[i];
    auto [it, fresh] = seen_names.emplace(outcome.source, paths_[i]);
    if (!fresh) {
      outcome.diagnostics.push_back(make_error(
          paths_[i], "another file named \"" + outcome.source + "\" was already ingested from " + it->second,
          "file names identify sources in the index; rename one of them"));
      finished_early_.push_back(i);
    } else if (auto o = owner_.find(outcome.source); o != owner_.end()) {
      owned_[o->second.shard].push_back(i);
    } else {
      unowned_.push_back(i);
    }
  }
}

// ---- step 2: one worker per shard ------------------------------------------

void IngestRun::work(std::size_t shard) {
  Worker worker;
  worker.shard = shard;
  worker.context.manifest = options_.manifest ? &*options_.manifest : nullptr;
  if (options_.lexicons) {
    worker.tagger.emplace(*options_.lexicons);
    worker.context.tagger = &*worker.tagger;
    worker.context.lexicon_fingerprint = options_.lexicons->fingerprint();
  }
  for (std::size_t i : owned_[shard]) analyse_into_batch(worker, i);
  while (const std::optional<std::size_t> i = next_unowned()) analyse_into_batch(worker, *i);
  // The last batch commits the aggregate with it: one commit for both.
  if (!worker.batch.empty()) store_batch(worker, true);
  store_aggregate(shard);
}

std::optional<std::size_t> IngestRun::next_unowned() {
  std::lock_guard lock(mu_);
  if (next_unowned_ == unowned_.size()) return std::nullopt;
  return unowned_[next_unowned_++];
}

// Reads and analyses file `i` into the worker's batch; a file that fails or
// is unchanged is finished at once. Never waits for memory while holding a
// batch: stores it first.
void IngestRun::analyse_into_batch(Worker& worker, std::size_t i) {
  const std::size_t weight = analysed_bytes(paths_[i], sizes_[i]);
  std::optional<std::size_t> reserved = gate_.try_acquire(weight);
  if (!reserved) {
    if (!worker.batch.empty()) store_batch(worker);
    reserved = gate_.acquire(weight);
  }
  std::optional<IndexedFile> indexed;
  try {
    indexed = analyse(worker, i);
  } catch (const std::exception& e) {
    fail(i, e);
  }
  if (!indexed) {
    gate_.release(*reserved);
    finish(i);
    return;
  }
  if (worker.batch.would_overflow(*indexed, *reserved)) store_batch(worker);
  worker.batch.add(i, std::move(*indexed), *reserved);
  if (worker.batch.full()) store_batch(worker);
}

// Reads and analyses file `i` into its outcome. Returns the file to index,
// or nullopt when it is unreadable (the outcome holds the error) or
// unchanged since it was stored (the outcome says so).
std::optional<IndexedFile> IngestRun::analyse(const Worker& worker, std::size_t i) {
  FileOutcome& outcome = outcomes_[i];
  const ManifestEntry* entry = worker.context.manifest ? worker.context.manifest->find(outcome.source) : nullptr;
  Result<SourceFile> read = [&] {
    if (!entry || entry->columns.empty()) return read_source(paths_[i], options_.read, outcome.diagnostics);
    ReadOptions with_columns = options_.read;  // the manifest's column roles (spreadsheets)
    with_columns.columns = entry->columns;
    return read_source(paths_[i], with_columns, outcome.diagnostics);
  }();
  if (!read.ok()) {
    outcome.diagnostics.push_back(read.error());
    return std::nullopt;
  }
  SourceFile file = std::move(read).value();
  file.notes = file_notes(outcome.diagnostics);
  outcome.format = file.format;
  outcome.extent = extent_of(file.places);
  if (file.pages) outcome.extent.pages = file.pages;  // pages without text too
  const auto stored = owner_.find(outcome.source);
  if (stored != owner_.end() && stored->second.ingest_key == ingest_key(file, worker.context)) {
    outcome.status = FileStatus::Unchanged;
    return std::nullopt;
  }
  // A large spreadsheet: its records are made while they are stored
  // (store_batch fills in the mentions and parts).
  if (AnalysedFileStream::can_stream(file) &&
      file.given->answers.size() + file.given->numbers.size() > PendingBatch::kRecords) {
    IndexedFile indexed = analyze_source_streamed(std::move(file), worker.context, outcome.diagnostics);
    outcome.answers = indexed.answer_count();
    outcome.numbers = indexed.number_count();
    return indexed;
  }
  std::vector<PartOutcome> parts;
  IndexedFile indexed = analyze_source(file, worker.context, outcome.diagnostics, &parts);
  outcome.parts = std::move(parts);
  outcome.answers = indexed.answers.size();
  outcome.answer_prints = answer_prints(indexed.answers);
  for (const AnswerRecord& a : indexed.answers) outcome.mentions += a.mentions.size();
  outcome.numbers = indexed.numbers.size();
  return indexed;
}

// Every file of this shard is done (no other worker writes to it): merges
// their tallies for reports. Without the aggregate reports are right, only
// slower, so a failure is a warning.
void IngestRun::store_aggregate(std::size_t shard) {
  Status merged;
  try {
    merged = writers_[shard]->write_aggregate();
  } catch (const std::exception& e) {
    merged = make_error(options_.index_dir, std::string("could not store the report aggregate: ") + e.what());
  }
  if (merged.ok()) return;
  Diagnostic d = merged.error();
  d.severity = Severity::Warning;
  std::lock_guard lock(mu_);
  summary_.diagnostics.push_back(std::move(d));
}

// ---- step 3: store a batch -------------------------------------------------
//
// The sizes behind MemoryGate and PendingBatch (memory_gate.hpp,
// pending_batch.hpp), measured:
// - MemoryGate::kBytesPerFileByte = 7: a 40 MB file peaks near 310 MB while
//   it is analysed and indexed. An XLSX counts by its inflated XML: 100,000
//   rows, 92 MB of XML, peak at 320 MB (about 3.5 bytes per XML byte, so 7
//   is on the safe side; such a file runs alone).
// - PendingBatch::kRecords = 4000: fewer commits rewrite fewer B-tree blocks
//   of a large index. On 1,000,000 answers in files of 0.5-2 MB, two
//   shards: 1,000 records per batch 237 s and 176 MB peak, 3,000 193 s and
//   192 MB, 4,000 182 s and 212 MB.

// Stores the worker's batch in one transaction and finishes its files. The
// records are freed before the gate opens for the next files.
void IngestRun::store_batch(Worker& worker, bool last) {
  PendingBatch& batch = worker.batch;
  std::vector<const IndexedFile*> files;
  for (const IndexedFile& f : batch.files) files.push_back(&f);
  std::vector<Status> stored;
  try {
    stored = writers_[worker.shard]->replace_files(files, last);
  } catch (const std::exception& e) {
    for (std::size_t i : batch.file_index) fail(i, e);
  }
  for (std::size_t n = 0; n < stored.size(); ++n) {
    FileOutcome& outcome = outcomes_[batch.file_index[n]];
    if (stored[n].ok()) {
      outcome.status = FileStatus::Ingested;
      if (auto* made = dynamic_cast<AnalysedFileStream*>(batch.files[n].stream.get())) {
        outcome.mentions = made->mentions();
        outcome.parts = made->take_parts();  // compact: a part per spreadsheet row
      }
      continue;
    }
    Diagnostic d = stored[n].error();
    if (d.file.empty()) d.file = paths_[batch.file_index[n]];
    outcome.diagnostics.push_back(std::move(d));
  }
  batch.files.clear();
  for (std::size_t n = 0; n < batch.file_index.size(); ++n) {
    gate_.release(batch.reserved[n]);
    finish(batch.file_index[n]);
  }
  batch = PendingBatch();
}

void IngestRun::finish(std::size_t i) {
  std::lock_guard lock(mu_);
  ++done_;
  bytes_done_ += sizes_[i];
  if (progress_) progress_(outcomes_[i], done_, paths_.size(), bytes_done_, bytes_total_);
}

void IngestRun::fail(std::size_t i, const std::exception& e) {
  outcomes_[i].status = FileStatus::Failed;
  outcomes_[i].diagnostics.push_back(make_error(paths_[i], std::string("could not be ingested: ") + e.what()));
}

}  // namespace analyzer
