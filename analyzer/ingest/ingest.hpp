#pragma once
// Stage: ingest. Orchestrates read → normalize → segment → tokenize/match →
// index for each file, and says what happened in an IngestSummary.
//
// In:  paths (files or folders), options (index dir, manifest, limits).
// Out: the index updated file by file; an IngestSummary with one
//      FileOutcome per file (ingested / unchanged / failed with reasons)
//      and the warnings met on the way.
//
// Parallel: one worker thread per shard of the index (IndexWriter::
// open_shards), each analysing files and writing them to its own shard; a
// file already in the index returns to the shard that holds it. Files
// analysed at once are bounded by their size (about 7 bytes of memory per
// byte of file, a ZIP file by its inflated size, 200 MB in all; one file
// alone always goes: memory_gate.hpp),
// and stored in batches of up to 4,000 records (pending_batch.hpp). The
// steps of a run are in ingest_run.hpp. The summary
// lists files in input order whatever order they were done in; the
// progress callback is called from the workers, one call at a time. When
// its files are done, each worker stores its shard's report aggregate
// (IndexWriter::write_aggregate; skipped when already current); if that
// fails, the summary gets a warning and reports read each file's tallies.
// Guarantees: a file that fails (unreadable, empty, binary, invalid UTF-8,
// too large, index error) leaves the index as it was for that file; the
// other files still go in. An unchanged file (same SHA-256 as last time) is
// skipped; a changed file replaces its old answers. The index is opened for
// writing once per run; a second concurrent ingest fails at once with an
// "index is locked" error and changes nothing.
// Cost: linear in the input; a file is held in memory while it is analysed
// (bounded by ReadOptions::max_bytes).

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/core/diagnostic.hpp"
#include "analyzer/core/index_iterator.hpp"
#include "analyzer/core/records.hpp"
#include "analyzer/index/index.hpp"
#include "analyzer/match/lexicon_matcher.hpp"
#include "analyzer/read/manifest.hpp"
#include "analyzer/read/source.hpp"
#include "analyzer/segment/segmenter.hpp"

namespace analyzer {

struct IngestOptions {
  std::string index_dir = "analyzer-index";
  std::optional<Manifest> manifest;  // nullopt: detect everything from the text
  ReadOptions read;
  // The themes to tag answers with; nullopt: answers are stored untagged.
  std::optional<LexiconMatcher> lexicons;
  // Shards of a NEW index (0: default_shard_count()); an existing index
  // keeps its layout. Files are analysed and written by one thread per
  // shard of the index.
  std::size_t shards = 0;
};

// The number of cores, at least 1 and at most 8.
std::size_t default_shard_count();

enum class FileStatus { Ingested, Unchanged, Failed };

// A part as ingest read it: layout, respondent with the provenance of
// each field, counts and remarks for the analyst (core/provenance.hpp).
using PartOutcome = SourcePart;

// The parts of one file's outcome, read like a std::vector<PartOutcome>
// (size(), [], range-for), each part given by value. A file with a part
// per spreadsheet row keeps its parts compact (a Source): per row the
// respondent and title as the reader gave them, the counts and which
// manifest respondent the row took, about 150 bytes where a PartOutcome
// takes about 1,300; each PartOutcome (provenance, remarks) is made when
// read, the same as one kept whole. Cost: [] of a compact part builds its
// strings (a few hundred bytes); of a kept part, a copy.
class PartOutcomes {
 public:
  // Parts made on demand. part(i) must give the same PartOutcome each time.
  class Source {
   public:
    virtual ~Source() = default;
    virtual std::size_t size() const = 0;
    virtual PartOutcome part(std::size_t i) const = 0;
  };

  PartOutcomes() = default;
  PartOutcomes(std::vector<PartOutcome> parts) : parts_(std::move(parts)) {}  // NOLINT: implicit, parts are parts
  explicit PartOutcomes(std::shared_ptr<const Source> source) : source_(std::move(source)) {}

  std::size_t size() const { return source_ ? source_->size() : parts_.size(); }
  bool empty() const { return size() == 0; }
  PartOutcome operator[](std::size_t i) const { return source_ ? source_->part(i) : parts_[i]; }

  using const_iterator = IndexIterator<PartOutcomes, PartOutcome>;
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size()}; }

 private:
  std::vector<PartOutcome> parts_;
  std::shared_ptr<const Source> source_;  // when set, parts_ is empty
};

struct FileOutcome {
  std::string path;
  std::string source;
  std::string format;           // SourceFile::format once read: "text", "pdf", "docx", "xlsx", "csv"
  SourceExtent extent;          // pages, paragraphs, sheets, rows the reader found
  FileStatus status = FileStatus::Failed;
  std::size_t answers = 0;
  std::size_t numbers = 0;
  std::size_t mentions = 0;
  PartOutcomes parts;
  Diagnostics diagnostics;      // errors (when failed) and warnings
  // Ingested this run (not a streamed spreadsheet): its answers' texts,
  // letters and digits only, lower-cased, hashed (fnv1a64), sorted and
  // distinct; for the warning that two files hold the same answers.
  std::vector<std::uint64_t> answer_prints;
  bool layout_unrecognised() const;
};

struct IngestSummary {
  // One per file, in input order; paths that could not be read at all (no
  // such file, a broken symbolic link, a folder that cannot be listed) come
  // first, as failed files.
  std::vector<FileOutcome> files;
  // Folder entries not read: hidden files, symbolic links to folders,
  // pipes and the like (read/source.hpp, collect_files()).
  std::vector<PassedOver> passed_over;
  // Manifest entries naming a file that is neither given nor beside the
  // manifest (each also an error in `diagnostics`).
  std::size_t manifest_entries_without_file = 0;
  Diagnostics diagnostics;      // problems not tied to one file (paths, manifest)
  bool index_unavailable = false;  // the index could not be opened: nothing was done
  std::size_t count(FileStatus s) const;
  std::size_t answers_added() const;
  std::size_t numbers_added() const;
  std::size_t mentions_added() const;
  bool any_error() const;       // a failed file or an error diagnostic
};

// Called after each file; `done` of `total` files, bytes read so far.
using IngestProgress =
    std::function<void(const FileOutcome& file, std::size_t done, std::size_t total,
                       std::size_t bytes_done, std::size_t bytes_total)>;

// What analyze_source needs besides the file. Both pointers may be null:
// no manifest, no theme tagging.
struct AnalysisContext {
  const Manifest* manifest = nullptr;
  ThemeTagger* tagger = nullptr;        // tags every answer when set
  std::string lexicon_fingerprint;      // LexiconMatcher::fingerprint(); part of the ingest key
};

// The analysis of one file without any index: records with respondent,
// offsets and theme mentions resolved. Mentions are looked for only in
// answer text (never prompts, options, numeric labels), one answer piece
// at a time; their spans and texts are those of the original file.
// Every span (answer, number, mention, sentence) is a byte span of the file
// on disk, also when it was read as UTF-16 or Windows-1252 or repaired
// (SourceFile::to_file); texts are the UTF-8 of those bytes. Every answer,
// number and mention gets its location (where it starts: its place when
// the file has places, else its line; LocationFinder, location_finder.hpp).
// Warnings (manifest disagreements) go to `warnings`. Never throws on user
// data.
IndexedFile analyze_source(const SourceFile& file, const AnalysisContext& context,
                           Diagnostics& warnings, std::vector<PartOutcome>* parts = nullptr);

// analyze_source() for a large file, its records made a few parts at a
// time while the index writer stores them (RecordStream, index.hpp), so
// they are never all in memory: for a file whose reader found the answers
// itself (a spreadsheet; can_stream()). It owns the file. The records,
// their order, ids and JSON are those analyze_source() gives. Besides the
// records it counts what it made, for the ingest summary: parts() (answers
// and numbers per part at once; mentions once the answers are made) and
// mentions(). Cost: as analyze_source(), less the memory of the records;
// the analysis (the text, its places, the reader's answers) stays in
// memory until records_done() or until the stream is dropped.
class AnalysedFileStream : public RecordStream {
 public:
  // Answers and numbers made per call (an answer call goes on to the end
  // of its last part).
  static constexpr std::size_t kPiece = 1000;

  // Whether the records of `file` can be made a part at a time: it has
  // given answers, in the order of their parts.
  static bool can_stream(const SourceFile& file);

  // Warnings (manifest disagreements) go to `warnings` here, at once.
  AnalysedFileStream(SourceFile file, const AnalysisContext& context, Diagnostics& warnings);
  ~AnalysedFileStream() override;

  // The IndexedFile without records (source, path, key, parts, contacts).
  IndexedFile header() const;
  std::size_t answer_count() const override;
  std::size_t number_count() const override;
  std::vector<std::string> answer_ids() const override;
  std::size_t make_answers(std::size_t from, std::vector<AnswerRecord>& out) override;
  std::size_t make_numbers(std::size_t from, std::vector<NumericItem>& out) override;

  // Per part: respondent, provenance, what it yielded so far, remarks;
  // built at each call (complete once every record was made).
  std::vector<PartOutcome> parts() const;
  PartOutcome part(std::size_t i) const;  // one of parts(), made alone
  // parts(), moved out of the stream (compact: PartOutcomes::Source,
  // independent of the stream and its file): afterwards the stream has no
  // parts and must not be used again.
  PartOutcomes take_parts();
  SourceSummary summary() const;  // the file's, with parts()
  std::string summary_text() const override;  // to_json_text(summary()), a part at a time
  // Frees the file's text, places and the reader's answers and numbers
  // (what records are made from); the counts, parts, summary and mentions
  // stay. Afterwards make_answers(), make_numbers() and answer_ids() throw
  // std::logic_error.
  void records_done() override;
  std::size_t mentions() const;  // in the answers made since the last start from answer 0

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The IndexedFile of `file` with its records in an AnalysedFileStream
// (IndexedFile::stream); the file must pass can_stream().
IndexedFile analyze_source_streamed(SourceFile file, const AnalysisContext& context, Diagnostics& warnings);

// Tags a whole file as plain respondent text, with no segmentation (the
// `tag` command): normalised (so "fast vård-" + line break + "kontakt" is
// one word again), then matched; every line counts, headings included. A
// file whose reader gave its answers (a spreadsheet) is tagged cell by cell
// (answer and number cells, in text order), as ingest tags its answers: a
// phrase never spans two cells. Spans and texts are those of the original
// file, in text order; each mention has its location (line, page,
// paragraph or cell) as in records. The sink gets the mentions a piece at
// a time (the whole text, or one cell), never an empty piece, so a caller
// can print them as they come: a 100,000-row export is about 450,000
// mentions.
using MentionSink = std::function<void(std::vector<Mention>&&)>;
void tag_source(const SourceFile& file, ThemeTagger& tagger, const MentionSink& sink);
// The same, all mentions at once.
std::vector<Mention> tag_source(const SourceFile& file, ThemeTagger& tagger);

// Ingests `inputs` into the index at options.index_dir (see the file
// comment). Fails as a whole only when the index cannot be opened (locked,
// unwritable): then the summary holds that one error and no file outcome.
IngestSummary ingest(const std::vector<std::string>& inputs, const IngestOptions& options,
                     const IngestProgress& progress = {});

// The key that decides whether a file must be analysed again: the SHA-256
// of its bytes, combined with what the manifest says about it, the version
// of the analysis rules and the lexicons' fingerprint. A file is
// "unchanged" only when all four are: fixing a manifest entry, editing a
// lexicon or upgrading analyzer re-reads the file.
std::string ingest_key(const SourceFile& file, const AnalysisContext& context);

// Bumped whenever normalisation or segmentation rules, or what a record
// holds, change what a file yields, so that the next ingest re-reads every
// file (history in ingest.cpp, at ingest_key).
inline constexpr const char* kAnalysisVersion = "8";

// Stable answer id: a 16-hex-digit hash of source, part, question and the
// occurrence of that question within the part.
std::string answer_id(const std::string& source, int part, const std::string& question,
                      int occurrence);

}  // namespace analyzer
