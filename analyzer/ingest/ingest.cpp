#include "analyzer/ingest/ingest.hpp"

#include "analyzer/core/stable_hash.hpp"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <cstdio>
#include <optional>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_set>

#include "analyzer/normalize/normalizer.hpp"
#include "analyzer/segment/swedish_form_rules.hpp"
#include "analyzer/tokenize/tokenizer.hpp"

namespace analyzer {
namespace {

std::string describe(const std::optional<int>& y) { return y ? std::to_string(*y) : "none"; }

// Fills what the manifest says into the detected respondent of a part and
// warns where the text said otherwise. Manifest respondents are matched to
// parts by respondent type, else one respondent applies to every part, else
// they are taken in order of the parts.
void apply_manifest(const ManifestEntry& entry, const std::string& path,
                    std::vector<Respondent>& parts, const std::vector<LayoutKind>& layouts,
                    Diagnostics& warnings) {
  auto warn = [&](const std::string& what) {
    Diagnostic d = make_warning(path, what, "the manifest entry is used");
    warnings.push_back(std::move(d));
  };
  std::vector<bool> used(entry.respondents.size(), false);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    Respondent& r = parts[i];
    if (entry.year) {
      if (r.year && *r.year != *entry.year)
        warn("manifest gives year " + std::to_string(*entry.year) + " but part " +
             std::to_string(i) + " of the text says " + describe(r.year));
      r.year = entry.year;
    }
    if (!entry.region.empty()) {
      if (!r.region.empty() && r.region != entry.region)
        warn("manifest gives region \"" + entry.region + "\" but part " + std::to_string(i) +
             " of the text says \"" + r.region + "\"");
      r.region = entry.region;
    }
    if (entry.respondents.empty()) continue;
    const ManifestRespondent* chosen = nullptr;
    if (entry.respondents.size() == 1) {
      chosen = &entry.respondents[0];
    } else {
      for (std::size_t k = 0; k < entry.respondents.size() && !chosen; ++k)
        if (!used[k] && r.type && entry.respondents[k].type == r.type) {
          chosen = &entry.respondents[k];
          used[k] = true;
        }
      for (std::size_t k = 0; k < entry.respondents.size() && !chosen; ++k)
        if (!used[k] && layouts[i] == LayoutKind::Survey && !r.type) {
          chosen = &entry.respondents[k];
          used[k] = true;
        }
    }
    if (!chosen) continue;
    if (chosen->type) {
      if (r.type && *r.type != *chosen->type)
        warn(std::string("manifest gives respondent type ") + to_string(*chosen->type) +
             " but part " + std::to_string(i) + " of the text says " + to_string(*r.type));
      r.type = chosen->type;
    }
    if (!chosen->name.empty()) {
      if (!r.name.empty() && r.name != chosen->name)
        warn("manifest gives respondent \"" + chosen->name + "\" but part " + std::to_string(i) +
             " of the text says \"" + r.name + "\"");
      r.name = chosen->name;
    }
  }
}

// Tags one answer's pieces (each piece on its own: pieces are not
// contiguous in the document) and gives each mention its spans: original
// bytes, place in the answer's text, and the sentence that holds it.
void tag_answer(const SourceFile& file, const NormalizedText& doc, const std::vector<ByteSpan>& pieces,
                ThemeTagger& tagger, Tokenizer& tokenizer, AnswerRecord& a) {
  std::size_t piece_in_text = 0;  // where the piece starts in a.text
  for (const ByteSpan& piece : pieces) {
    std::string_view text = std::string_view(doc.text).substr(piece.begin, piece.size());
    std::vector<Mention> found = tagger.tag(text);
    std::vector<ByteSpan> sentences;
    if (!found.empty()) sentences = tokenizer.sentences(text);
    std::vector<std::size_t> starts;
    for (const Mention& m : found) starts.push_back(m.span.begin);
    const SentenceLookup holding = sentences_holding(sentences, starts);  // one merge pass
    for (std::size_t i = 0; i < found.size(); ++i) {
      Mention& m = found[i];
      ByteSpan sentence = m.span;
      if (const std::size_t k = holding.sentence[i]; k != kNoSentence)
        sentence = {sentences[k].begin, std::max(sentences[k].end, m.span.end)};
      m.in_text = {piece_in_text + m.span.begin, piece_in_text + m.span.end};
      m.sentence_in_text = {piece_in_text + sentence.begin, piece_in_text + sentence.end};
      m.sentence = doc.map.to_original({piece.begin + sentence.begin, piece.begin + sentence.end});
      m.span = doc.map.to_original({piece.begin + m.span.begin, piece.begin + m.span.end});
      m.text = file.bytes.substr(m.span.begin, m.span.size());
      // Records carry offsets into the file's own bytes (UTF-16, Windows-1252).
      m.span = file.to_file(m.span);
      m.sentence = file.to_file(m.sentence);
      a.mentions.push_back(std::move(m));
    }
    piece_in_text += piece.size() + 1;  // the '\n' piece_text() puts between pieces
  }
}

// Names given in the document's contact blocks ("Ditt namn: ...").
std::vector<std::string> contact_names(const NormalizedText& doc) {
  std::set<std::string> names;
  for (const ByteSpan& line : doc.lines)
    if (auto field = form_rules::contact_field(std::string_view(doc.text).substr(line.begin, line.size())))
      if (field->label == "namn" && !field->value.empty()) names.insert(field->value);
  return {names.begin(), names.end()};
}

// Joins the normalised text of an answer's pieces with '\n'.
std::string piece_text(const NormalizedText& doc, const std::vector<ByteSpan>& pieces) {
  std::string text;
  for (const ByteSpan& p : pieces) {
    if (!text.empty()) text += '\n';
    text.append(doc.text, p.begin, p.size());
  }
  return text;
}

}  // namespace

bool FileOutcome::layout_unrecognised() const {
  for (const auto& p : parts)
    if (p.layout == LayoutKind::Unknown) return true;
  return false;
}

std::size_t IngestSummary::count(FileStatus s) const {
  std::size_t n = 0;
  for (const auto& f : files) n += f.status == s;
  return n;
}

std::size_t IngestSummary::answers_added() const {
  std::size_t n = 0;
  for (const auto& f : files)
    if (f.status == FileStatus::Ingested) n += f.answers;
  return n;
}

std::size_t IngestSummary::mentions_added() const {
  std::size_t n = 0;
  for (const auto& f : files)
    if (f.status == FileStatus::Ingested) n += f.mentions;
  return n;
}

std::size_t IngestSummary::numbers_added() const {
  std::size_t n = 0;
  for (const auto& f : files)
    if (f.status == FileStatus::Ingested) n += f.numbers;
  return n;
}

bool IngestSummary::any_error() const {
  if (count(FileStatus::Failed) > 0) return true;
  for (const auto& d : diagnostics)
    if (d.severity == Severity::Error) return true;
  return false;
}

std::string answer_id(const std::string& source, int part, const std::string& question,
                      int occurrence) {
  return StableHash().add(source).add(std::to_string(part)).add(question).add(std::to_string(occurrence)).hex();
}

std::string ingest_key(const SourceFile& file, const AnalysisContext& context) {
  const Manifest* manifest = context.manifest;
  std::string basis = file.sha256;
  basis += "|analysis=";
  basis += kAnalysisVersion;
  if (context.tagger) basis += "|lexicons=" + context.lexicon_fingerprint;
  if (const ManifestEntry* e = manifest ? manifest->find(file.name) : nullptr) {
    basis += "|year=" + (e->year ? std::to_string(*e->year) : std::string("-"));
    basis += "|region=" + e->region;
    for (const auto& r : e->respondents)
      basis += std::string("|respondent=") + (r.type ? to_string(*r.type) : "-") + "/" + r.name;
  }
  return sha256_hex(basis);
}

IndexedFile analyze_source(const SourceFile& file, const AnalysisContext& context,
                           Diagnostics& warnings, std::vector<PartOutcome>* parts_out) {
  const Manifest* manifest = context.manifest;
  NormalizedText doc = normalize(file.bytes);
  SegmentedDocument seg = segment(doc);

  std::vector<Respondent> respondents;
  std::vector<LayoutKind> layouts;
  for (const auto& p : seg.parts) {
    respondents.push_back(p.respondent);
    layouts.push_back(p.layout);
  }
  if (manifest)
    if (const ManifestEntry* entry = manifest->find(file.name))
      apply_manifest(*entry, file.path, respondents, layouts, warnings);

  std::optional<Tokenizer> tokenizer;  // for mention sentences
  if (context.tagger) tokenizer.emplace();

  IndexedFile out;
  out.contact_names = contact_names(doc);
  out.parts = respondents;
  out.source = file.name;
  out.path = file.path;
  out.sha256 = ingest_key(file, context);
  std::map<std::pair<int, std::string>, int> occurrences;
  for (const SegmentedAnswer& s : seg.answers) {
    AnswerRecord a;
    a.source = file.name;
    a.part = s.part;
    a.layout = seg.parts[s.part].layout;
    a.respondent = respondents[s.part];
    a.question = s.question;
    a.question_text = s.question_text;
    a.text = piece_text(doc, s.pieces);
    a.norm = {s.pieces.front().begin, s.pieces.back().end};
    a.span = file.to_file(doc.map.to_original(a.norm));
    int occurrence = occurrences[{s.part, s.question}]++;
    a.id = answer_id(file.name, s.part, s.question, occurrence);
    if (context.tagger) tag_answer(file, doc, s.pieces, *context.tagger, *tokenizer, a);
    out.answers.push_back(std::move(a));
  }
  for (const SegmentedNumber& s : seg.numbers) {
    NumericItem n;
    n.source = file.name;
    n.part = s.part;
    n.respondent = respondents[s.part];
    n.question = s.question;
    n.label = s.label;
    n.value = s.value;
    n.value_text = s.value_text;
    n.span = file.to_file(doc.map.to_original(s.norm));
    if (context.tagger)
      for (const Mention& m : context.tagger->tag(n.label))
        if (std::find(n.themes.begin(), n.themes.end(), m.theme) == n.themes.end()) n.themes.push_back(m.theme);
    out.numbers.push_back(std::move(n));
  }
  if (parts_out) {
    parts_out->clear();
    for (std::size_t i = 0; i < seg.parts.size(); ++i) {
      PartOutcome p;
      p.layout = seg.parts[i].layout;
      p.respondent = respondents[i];
      for (const auto& a : out.answers)
        if (a.part == static_cast<int>(i)) {
          ++p.answers;
          p.mentions += a.mentions.size();
        }
      for (const auto& n : out.numbers) p.numbers += n.part == static_cast<int>(i);
      parts_out->push_back(std::move(p));
    }
  }
  return out;
}

std::vector<Mention> tag_source(const SourceFile& file, ThemeTagger& tagger) {
  NormalizedText doc = normalize(file.bytes);
  std::vector<Mention> mentions = tagger.tag(doc.text);
  for (Mention& m : mentions) {
    m.span = doc.map.to_original(m.span);
    m.text = file.bytes.substr(m.span.begin, m.span.size());
    m.span = file.to_file(m.span);
  }
  return mentions;
}

std::size_t default_shard_count() {
  const unsigned cores = std::thread::hardware_concurrency();
  return std::clamp<std::size_t>(cores == 0 ? 1 : cores, 1, 8);
}

namespace {

// Bounds the memory of files analysed at once: a file needs about
// kBytesPerFileByte times its size while it is analysed and indexed
// (measured: a 40 MB file peaks near 310 MB). A file waits until its share
// fits beside the files in work; a file alone always goes.
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
  std::size_t acquire(std::size_t file_bytes) {
    const std::size_t need = file_bytes * kBytesPerFileByte;
    std::unique_lock lock(mu_);
    freed_.wait(lock, [&] { return in_use_ == 0 || in_use_ + need <= kBudget; });
    in_use_ += need;
    return need;
  }
  void release(std::size_t need) {
    {
      std::lock_guard lock(mu_);
      in_use_ -= need;
    }
    freed_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable freed_;
  std::size_t in_use_ = 0;
};

// Reads and analyses one file into `outcome`. Returns the file to index, or
// nullopt when it is unreadable (outcome holds the error) or unchanged since
// it was stored with `stored_key` (outcome says so).
std::optional<IndexedFile> analyse_file(const std::string& path, const IngestOptions& options,
                                        const AnalysisContext& context, const std::string* stored_key,
                                        FileOutcome& outcome) {
  Result<SourceFile> read = read_source(path, options.read, outcome.diagnostics);
  if (!read.ok()) {
    outcome.diagnostics.push_back(read.error());
    return std::nullopt;
  }
  const SourceFile& file = read.value();
  if (stored_key && *stored_key == ingest_key(file, context)) {
    outcome.status = FileStatus::Unchanged;
    return std::nullopt;
  }
  IndexedFile indexed = analyze_source(file, context, outcome.diagnostics, &outcome.parts);
  outcome.answers = indexed.answers.size();
  for (const AnswerRecord& a : indexed.answers) outcome.mentions += a.mentions.size();
  outcome.numbers = indexed.numbers.size();
  return indexed;
}

// Analysed files waiting to be stored together (IndexWriter::replace_files):
// one commit, and so one wait for the disk, per batch rather than per file.
// A batch holds at most kRecords records (a file with more goes alone) and
// kReservedBytes of memory-gate reservations; it is stored when full, when
// the next file would not fit, and whenever its worker would otherwise wait.
// Fewer commits rewrite fewer B-tree blocks of a large index; Xapian buffers
// the whole transaction in memory. Measured on 1,000,000 answers in files
// of 0.5-2 MB, two shards: 1,000 records 237 s and 176 MB peak, 3,000
// 193 s and 192 MB, 4,000 182 s and 212 MB.
struct PendingBatch {
  static constexpr std::size_t kRecords = 4000;
  static constexpr std::size_t kReservedBytes = MemoryGate::kBudget / 4;

  std::vector<std::size_t> file_index;  // into the run's paths
  std::vector<IndexedFile> files;
  std::vector<std::size_t> reserved;
  std::size_t records = 0, reserved_total = 0;

  static std::size_t records_of(const IndexedFile& file) { return file.answers.size() + file.numbers.size(); }
  // Whether `file` (reserving `bytes`) should start a new batch.
  bool would_overflow(const IndexedFile& file, std::size_t bytes) const {
    return !files.empty() && (records + records_of(file) > kRecords || reserved_total + bytes > kReservedBytes);
  }
  void add(std::size_t i, IndexedFile file, std::size_t bytes) {
    records += records_of(file);
    reserved_total += bytes;
    file_index.push_back(i);
    files.push_back(std::move(file));
    reserved.push_back(bytes);
  }
};

}  // namespace

IngestSummary ingest(const std::vector<std::string>& inputs, const IngestOptions& options,
                     const IngestProgress& progress) {
  IngestSummary summary;
  Diagnostics path_problems;
  std::vector<std::string> paths = collect_files(inputs, path_problems, summary.passed_over);
  // A path that could not be read (missing, a broken link, a folder that
  // cannot be listed) counts as a failed file; it is listed first.
  std::vector<FileOutcome> unreadable;
  for (Diagnostic& d : path_problems) {
    if (d.severity != Severity::Error || d.file.empty()) {
      summary.diagnostics.push_back(std::move(d));
      continue;
    }
    FileOutcome failed;
    failed.path = d.file;
    failed.source = source_name(d.file);
    failed.diagnostics.push_back(std::move(d));
    unreadable.push_back(std::move(failed));
  }

  auto opened = IndexWriter::open_shards(options.index_dir, options.shards ? options.shards : default_shard_count());
  if (!opened.ok()) {
    Diagnostic d = opened.error();
    if (d.file.empty()) d.file = options.index_dir;
    summary.diagnostics.push_back(std::move(d));
    summary.index_unavailable = true;
    return summary;
  }
  std::vector<std::unique_ptr<IndexWriter>> writers = std::move(opened).value();
  const Manifest* manifest = options.manifest ? &*options.manifest : nullptr;

  // Manifest entries that name a file that exists neither in this run nor
  // beside the manifest: a typo or a stale entry, so the file meant got no
  // metadata. An error per entry (exit 1), counted in the summary; files
  // still go in. One hash lookup per entry.
  if (manifest) {
    std::unordered_set<std::string> known;
    for (const auto& p : paths) known.insert(source_name(p));
    Diagnostics ignored;
    std::string dir = std::filesystem::path(manifest->path).parent_path().string();
    for (const auto& p : collect_files({dir.empty() ? std::string(".") : dir}, ignored))
      known.insert(source_name(p));
    for (const ManifestEntry& e : manifest->entries) {
      if (known.count(e.file)) continue;
      ++summary.manifest_entries_without_file;
      Diagnostic d = make_error(manifest->path,
                                "manifest entry \"" + e.file + "\" names no file that exists",
                                "check the file name, or remove the entry");
      d.line = e.line;
      d.column = e.column;
      summary.diagnostics.push_back(std::move(d));
    }
  }

  // Work lists: a file already in the index goes back to the shard that
  // holds it (its old documents are replaced there); new files go to
  // whichever shard's worker is free first.
  struct Stored {
    std::size_t shard;
    std::string ingest_key;
  };
  std::map<std::string, Stored> owner;  // source name → its shard and stored key
  for (std::size_t k = 0; k < writers.size(); ++k)
    for (auto& entry : writers[k]->sources()) owner.emplace(entry.first, Stored{k, std::move(entry.second)});
  std::vector<FileOutcome> outcomes(paths.size());
  std::vector<std::size_t> sizes(paths.size(), 0);
  std::vector<std::vector<std::size_t>> owned(writers.size());
  std::vector<std::size_t> unowned;
  std::vector<std::size_t> finished_early;  // refused before any work
  std::size_t bytes_total = 0;
  std::map<std::string, std::string> seen_names;  // source name → first path
  for (std::size_t i = 0; i < paths.size(); ++i) {
    FileOutcome& outcome = outcomes[i];
    outcome.path = paths[i];
    outcome.source = source_name(paths[i]);
    std::error_code ec;
    auto size = std::filesystem::file_size(paths[i], ec);
    sizes[i] = ec ? 0 : size;
    bytes_total += sizes[i];
    auto [it, fresh] = seen_names.emplace(outcome.source, paths[i]);
    if (!fresh) {
      outcome.diagnostics.push_back(make_error(
          paths[i], "another file named \"" + outcome.source + "\" was already ingested from " + it->second,
          "file names identify sources in the index; rename one of them"));
      finished_early.push_back(i);
    } else if (auto o = owner.find(outcome.source); o != owner.end()) {
      owned[o->second.shard].push_back(i);
    } else {
      unowned.push_back(i);
    }
  }

  std::mutex mu;  // guards next_unowned, done, bytes_done and calls of progress
  std::size_t next_unowned = 0, done = 0, bytes_done = 0;
  auto finish = [&](std::size_t i) {
    std::lock_guard lock(mu);
    ++done;
    bytes_done += sizes[i];
    if (progress) progress(outcomes[i], done, paths.size(), bytes_done, bytes_total);
  };
  for (std::size_t i : finished_early) finish(i);

  MemoryGate gate;
  auto fail = [&](std::size_t i, const std::exception& e) {
    outcomes[i].status = FileStatus::Failed;
    outcomes[i].diagnostics.push_back(make_error(paths[i], std::string("could not be ingested: ") + e.what()));
  };
  auto work = [&](std::size_t k) {
    std::optional<ThemeTagger> tagger;  // not thread-safe: one per worker
    AnalysisContext context;
    context.manifest = manifest;
    if (options.lexicons) {
      tagger.emplace(*options.lexicons);
      context.tagger = &*tagger;
      context.lexicon_fingerprint = options.lexicons->fingerprint();
    }
    PendingBatch batch;
    auto store = [&]() {
      std::vector<const IndexedFile*> files;
      for (const IndexedFile& f : batch.files) files.push_back(&f);
      std::vector<Result<bool>> stored;
      try {
        stored = writers[k]->replace_files(files);
      } catch (const std::exception& e) {
        for (std::size_t i : batch.file_index) fail(i, e);
      }
      for (std::size_t n = 0; n < stored.size(); ++n) {
        FileOutcome& outcome = outcomes[batch.file_index[n]];
        if (stored[n].ok()) {
          outcome.status = FileStatus::Ingested;
        } else {
          Diagnostic d = stored[n].error();
          if (d.file.empty()) d.file = paths[batch.file_index[n]];
          outcome.diagnostics.push_back(std::move(d));
        }
      }
      batch.files.clear();  // the records are stored: free them before the gate opens
      for (std::size_t n = 0; n < batch.file_index.size(); ++n) {
        gate.release(batch.reserved[n]);
        finish(batch.file_index[n]);
      }
      batch = PendingBatch();
    };
    auto run = [&](std::size_t i) {
      // Never wait for memory while holding a batch: store it first.
      std::optional<std::size_t> reserved = gate.try_acquire(sizes[i]);
      if (!reserved) {
        if (!batch.files.empty()) store();
        reserved = gate.acquire(sizes[i]);
      }
      std::optional<IndexedFile> indexed;
      try {
        auto o = owner.find(outcomes[i].source);
        indexed = analyse_file(paths[i], options, context, o == owner.end() ? nullptr : &o->second.ingest_key,
                               outcomes[i]);
      } catch (const std::exception& e) {
        fail(i, e);
      }
      if (!indexed) {
        gate.release(*reserved);
        finish(i);
        return;
      }
      if (batch.would_overflow(*indexed, *reserved)) store();
      batch.add(i, std::move(*indexed), *reserved);
      if (batch.records >= PendingBatch::kRecords) store();
    };
    for (std::size_t i : owned[k]) run(i);
    for (;;) {
      std::size_t i;
      {
        std::lock_guard lock(mu);
        if (next_unowned == unowned.size()) break;
        i = unowned[next_unowned++];
      }
      run(i);
    }
    if (!batch.files.empty()) store();
    // Every file of this shard is done (no other worker writes to it): merge
    // their tallies for reports. Without it reports are right, only slower.
    Result<bool> merged = false;
    try {
      merged = writers[k]->write_aggregate();
    } catch (const std::exception& e) {
      merged = make_error(options.index_dir, std::string("could not store the report aggregate: ") + e.what());
    }
    if (!merged.ok()) {
      Diagnostic d = merged.error();
      d.severity = Severity::Warning;
      std::lock_guard lock(mu);
      summary.diagnostics.push_back(std::move(d));
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t k = 1; k < writers.size(); ++k) threads.emplace_back(work, k);
  work(0);
  for (std::thread& t : threads) t.join();

  summary.files = std::move(unreadable);
  summary.files.insert(summary.files.end(), std::make_move_iterator(outcomes.begin()),
                       std::make_move_iterator(outcomes.end()));
  return summary;
}

}  // namespace analyzer
