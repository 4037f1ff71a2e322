#pragma once
// Stage: index. The only code that includes <xapian.h>.
//
// In:  per source file, its AnswerRecords and NumericItems (IndexedFile).
// Out: a Xapian database on disk; queries back to records.
//
// Schema (see schema.hpp for prefixes and value slots): one Xapian document
// per answer and one per numeric item. Value slot kSlotRecord holds the
// record as JSON (the same object `analyzer answers --json` prints); there
// is no document data. Answer text is indexed
// as Swedish stems under the prefix "Z", with positions (inflection-proof
// words, phrases and wildcards). Boolean filter terms: year, region, respondent type,
// respondent, question, source, kind. Per file, the metadata key
// "source:<name>" holds the file's ingest key as last ingested.
//
// Atomicity: replace_file() runs in one Xapian transaction: either all of
// the file's old documents are replaced by the new ones and its hash is
// updated, or (on error or a kill) the database stays as it was.
// replace_files() puts several files in one transaction (one commit, one
// disk sync, for many small files) and keeps the same promise per file: a
// file that fails leaves its old documents, and the others still go in.
// Concurrency: one IndexWriter at a time; a second gets an "index is
// locked" Diagnostic. Readers may run while a writer works.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/diagnostic.hpp"
#include "analyzer/core/answer_tally.hpp"
#include "analyzer/core/provenance.hpp"
#include "analyzer/core/records.hpp"
#include "analyzer/core/span.hpp"
#include "analyzer/index/index_error.hpp"

namespace analyzer {

// The records of one file made a part at a time while the file is written
// (IndexedFile::stream), so that a large file's records are never all in
// memory at once. Answers come before numbers, each in file order, as in
// IndexedFile::answers and ::numbers. Restartable: the writer may make
// the same records again (a transaction that is retried), and they must
// be the same. Used by one thread at a time.
class RecordStream {
 public:
  virtual ~RecordStream() = default;
  virtual std::size_t answer_count() const = 0;
  virtual std::size_t number_count() const = 0;
  // The id of every answer, in order, without making the records (the
  // writer checks them against the index before it writes anything).
  virtual std::vector<std::string> answer_ids() const = 0;
  // Appends to `out` the answers from number `from` on, of whole parts
  // (all answers of a part in one call; parts in increasing order), at
  // least one when `from` < answer_count(); returns the number after the
  // last one appended.
  virtual std::size_t make_answers(std::size_t from, std::vector<AnswerRecord>& out) = 0;
  // The same for numeric items (any cut).
  virtual std::size_t make_numbers(std::size_t from, std::vector<NumericItem>& out) = 0;
  // What `analyzer sources` shows of the file (IndexedFile::summary), as
  // to_json_text() gives it, its counts complete once every record was
  // made: the writer stores it after the records.
  virtual std::string summary_text() const = 0;
  // Called by the writer once it has made every record and will make none
  // again (the file is alone in its transaction, so no retry stores it
  // again): the stream may free what its records are made from. Afterwards
  // only the counts and summary_text() are used; make_answers(),
  // make_numbers() and answer_ids() must not be called.
  virtual void records_done() {}
};

// Everything ingest produced for one file.
struct IndexedFile {
  std::string source;     // file name
  std::string path;       // path it was read from (informational)
  // ingest_key() (ingest.hpp): a SHA-256 over the file's bytes, its manifest
  // entry, the analysis version and the lexicons; must not be empty.
  std::string ingest_key;
  std::vector<AnswerRecord> answers;
  std::vector<NumericItem> numbers;
  std::vector<Respondent> parts;   // per document part, for per-file statistics
  // Names found in the file's contact blocks ("Namn: Anna Andersson"): never
  // shown in excerpts or reports (stored in metadata "contacts:<name>").
  std::vector<std::string> contact_names;
  // What `analyzer sources` shows of the file: format, and per part the
  // respondent with the provenance of each field, counts and remarks
  // (stored in metadata "sources:<name>").
  SourceSummary summary;

  // When set, the file's records come from here while it is written, and
  // `answers` and `numbers` are empty (a large spreadsheet; RecordStream).
  std::shared_ptr<RecordStream> stream;

  std::size_t answer_count() const { return stream ? stream->answer_count() : answers.size(); }
  std::size_t number_count() const { return stream ? stream->number_count() : numbers.size(); }
};

class IndexWriter {
 public:
  // Opens or creates the database at `dir`. Errors: locked by another
  // writer ("index is locked: another ingest is writing to DIR"), not a Xapian
  // database, unwritable directory, a stub file that refers back to itself
  // or nests too deep (index_databases.hpp, check_stub_chain).
  // Side effect, once per process: XAPIAN_FLUSH_THRESHOLD is set to 2,500
  // unless the user set it (value_merge.hpp). That is a setenv, so open the
  // first writer before starting threads that read the environment.
  static Result<std::unique_ptr<IndexWriter>> open(const std::string& dir);
  ~IndexWriter();

  // Opens every shard of the index at `dir` for writing, one IndexWriter
  // each, so that shards can be written in parallel (one thread per
  // writer). An existing index keeps its layout (index_databases.hpp): one
  // database, or the shards its XAPIANDB stub lists. A new index gets
  // `new_shards` shards: with 1, `dir` itself is the database; with more,
  // dir/shard-0 ... and the stub, written once every shard is open.
  // Errors: as open(); a stub listing databases ingest cannot write
  // (remote, other backends).
  static Result<std::vector<std::unique_ptr<IndexWriter>>> open_shards(const std::string& dir,
                                                                        std::size_t new_shards);

  // Every source file this database holds, with its stored ingest key
  // (IndexedFile::ingest_key). Throws IndexError (index_error.hpp) when
  // the database cannot be read.
  std::map<std::string, std::string> sources() const;

  // Replaces everything indexed for file.source by `file`, in one
  // transaction, and commits. On failure returns the Diagnostic and leaves
  // the database as it was before the call.
  Status replace_file(const IndexedFile& file);

  // Replaces several files as replace_file() does, in one transaction and
  // one commit: a commit waits for the disk, so files of a few dozen
  // answers (one survey answer each) go in many times faster together.
  // Returns one result per file, in order. A file whose records are
  // unusable (see replace_file) or whose answer ids another file holds, in
  // the index or earlier in `files`, is refused on its own before it
  // touches the database. When Xapian fails inside the transaction (a term it
  // refuses, a full disk), the transaction is cancelled and each file is
  // stored again in a transaction of its own, so only the file at fault
  // fails. Memory: one file's documents at a time plus Xapian's buffer of
  // the transaction, which grows with the answers in `files`. Files must
  // have distinct sources.
  // `with_aggregate`: the last call of a run; its commit also stores the
  // report aggregate (see write_aggregate), so the run's last files and the
  // aggregate are made durable by one commit, one set of disk syncs. When
  // the aggregate cannot be built there (a Xapian error reading tallies),
  // the files are still stored and write_aggregate() builds it after.
  std::vector<Status> replace_files(const std::vector<const IndexedFile*>& files, bool with_aggregate = false);

  // Stores this database's report aggregate: every file's answer tallies
  // merged over files and parts (metadata "aggregate:tallies", aggregate.hpp),
  // so a report over the whole archive reads a few rows per respondent and
  // year rather than a few per file. Call it after the last replace_file()
  // of a run (ingest() does, for every shard); a file replaced later makes
  // the aggregate stale, and readers then ignore it until it is written
  // again. Nothing is written when the aggregate is current already. When
  // the database cannot hold one (a file ingested before tallies were
  // stored), any old aggregate is removed, and that is a success too:
  // readers use each file's tallies. A database that holds no file and no
  // aggregate needs none: nothing is written (no commit, no disk sync for
  // an empty shard). A Xapian error, or too little room for the commit,
  // returns its Diagnostic and leaves the database as it was. Commits when
  // it writes.
  Status write_aggregate();

 private:
  struct Impl;
  explicit IndexWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Filters shared by `answers`, `numbers` and `stats`; empty = no filter.
// Matching is exact on normalised values: region case-insensitive,
// question as printed ("5a"), source the file name.
struct RecordFilter {
  std::optional<int> year;
  std::string region;
  std::optional<RespondentType> respondent_type;
  std::string question;
  std::string source;
  std::string theme;    // answers that mention this theme (lexicon id)
  // Answers of decision parts too (LayoutKind::Decision: a survey
  // document's cover letter or committee decision; left out otherwise).
  bool include_decisions = false;
};

// A full-text search over the answers (IndexSearcher::search, below).
//
// Query language: Xapian's QueryParser with the Swedish stemmer, every word
// stemmed (STEM_ALL, "Z" prefix) so words, phrases and NEAR match inflections on the
// "Z" stem terms ("team" finds "teamen"; "\"mobila team\"" finds "mobila
// teamen"); words without an operator must all occur (default AND);
// AND/OR/NOT (any case), +/-, (), "phrases", NEAR, NEAR/n, trailing
// wildcards over the stems ("läkemedels*" finds the stems that start with
// "läkemedels": "läkemedelsautomater"), and boolean fields:
//   år:2022  region:Halland  respondenttyp:rss  tema:sip  fråga:13a
// (values case-folded as the writer folds them; a quoted value may hold
// spaces: region:"Västra Götaland"). Only answers are searched, with the
// records of decision parts (RecordFilter::include_decisions), and with
// report sections' headings and notes (schema.hpp).
//
// Limits (each query is checked before it runs; one over a limit is refused
// with a Diagnostic naming the limit, and `search` exits 2). They bound the
// time and memory of one query:
//   query text                 at most kMaxQueryBytes bytes
//   words                      at most kMaxQueryWords (each word, wildcard
//                              and field filter of the parsed query)
//   a phrase or a NEAR group   at most kMaxPhraseWords words
//   wildcards                  at most kMaxQueryWildcards in a query, each
//                              standing for at most kMaxWildcardExpansion
//                              words of the index (Xapian's own limit)
inline constexpr std::size_t kMaxQueryBytes = 1024;
inline constexpr std::size_t kMaxQueryWords = 64;
inline constexpr std::size_t kMaxPhraseWords = 16;
inline constexpr std::size_t kMaxQueryWildcards = 8;
inline constexpr std::size_t kMaxWildcardExpansion = 2000;

// A theme as printed: its lexicon id and Swedish label.
struct ThemeName {
  std::string id;
  std::string label;
  friend bool operator==(const ThemeName&, const ThemeName&) = default;
};

struct SearchRequest {
  std::string query;
  RecordFilter filter;              // filter.year, when set, is one year; filter.theme an id
  std::optional<int> year_from;     // year range Y1..Y2, inclusive; either end may be open
  std::optional<int> year_to;
  std::size_t offset = 0;           // first hit to return (0-based)
  std::size_t limit = 10;           // hits to return at most
  // The theme id a value of tema: (or theme:) in the query names (an id or
  // a label, lexicon/theme_names.hpp), or an error listing the themes
  // (search fails with it). Unset: the value is taken as the id.
  std::function<Result<std::string>(const std::string&)> resolve_theme;
  // Words of the query that a theme's lexicon rule matches ("mobilt team"
  // matches a rule of mobila_team): the query also finds the answers that
  // mention the theme and match the rest of the query (the query without
  // `span`). A query with operators (AND, OR, NOT, NEAR, brackets) is not
  // widened, nor one whose rest cannot be parsed.
  struct ThemeWords {
    ThemeName theme;
    ByteSpan span;                  // bytes of `query`
  };
  std::vector<ThemeWords> theme_words;
  // The reviewed codes of filter.theme (coding/reviewed_codes.hpp), as
  // answer ids: answers left out although ingest found the theme in them
  // (every automatic mention of it rejected), and answers found although
  // it did not (coded with it by hand; they still have to match the query
  // and the other filters). The facets count the answers found; the theme
  // facet names the themes ingest found in them. Ignored without
  // filter.theme. Cost: one boolean term per id.
  std::vector<std::string> theme_left_out;
  std::vector<std::string> theme_added;
};

// Search never looks up personal data: the hits of a query holding a
// personal identity number, an e-mail address or a phone number (what
// mask/personal_data.hpp masks, contact names aside), or a word with an
// '@' in it (a part of an address: "anna@falun*"), would tell which
// answers hold it, however their snippets are masked. A partial guard:
// an address's words searched apart ("anna falun se") are ordinary words. The error for such a
// query (IndexSearcher::search gives it too), else ok. Contact names are
// not refused: a form's "Namn:" may hold "Falu kommun", and a surname alone
// finds them anyway. Cost: one pass of the masker over the query.
Status refuse_personal_data_query(const std::string& query);

// The words of one answer's text that a search matched, for marking them
// in a snippet (report/search_snippets.hpp) without Xapian types. Words
// are cut as the index cut the text at ingest: runs of Unicode letters,
// marks and digits (Xapian's word characters), so "SIP:ar" is "SIP" and
// "ar". A word matches when its lower-cased form, or "Z" + its Swedish
// stem, is a query term this answer matched, or it begins with the prefix
// of one of the query's trailing wildcards ("läkemedels*"). A
// default-constructed matcher matches nothing. Copies share their state;
// not thread-safe (the stemmer keeps state).
class QueryWordMatcher {
 public:
  struct Word {
    ByteSpan span;        // bytes of the text given to words()
    std::string lower;    // the word lower-cased (Unicode simple case mapping)
    bool matched = false;
  };
  struct Impl;
  QueryWordMatcher();
  explicit QueryWordMatcher(std::shared_ptr<const Impl> impl);

  // Every word of `text` (valid UTF-8), in order, each with whether it
  // matches. Cost: linear in the text, one stem per word.
  std::vector<Word> words(std::string_view text) const;
  // Whether `word` (one word, any case) matches.
  bool matches(std::string_view word) const;

 private:
  std::shared_ptr<const Impl> impl_;
};

struct SearchHit {
  AnswerRecord answer;              // as stored (the kSlotRecord value)
  int percent = 0;                  // Xapian's relevance percentage, 0..100
  double weight = 0;                // BM25 weight (0 for a query of filters only)
  // The sentence or sentences of answer.text that hold matched words (at
  // most three, in text order, joined by " … "), each matched word wrapped
  // in «». With no matched word in the text (a query of filters only), the
  // sentence of a mention of a theme it filters by (SearchResults::
  // snippet_themes), else the first sentence unmarked. Empty as IndexSearcher::search returns it:
  // add_search_snippets (report/search_snippets.hpp) fills it.
  std::string snippet;
  QueryWordMatcher matcher;         // the words of answer.text this hit matched
};

struct SearchResults {
  std::size_t total = 0;            // matches (exact: every match is counted for the facets)
  // The query with each unknown word (no answer has its stem) replaced by
  // the closest word of the index's spelling data ("tryg hemgång" →
  // "trygg hemgång"); empty when no word was unknown or none had a
  // correction. Fields, operators and wildcards are kept as written.
  std::string suggestion;
  // Themes of SearchRequest::theme_words whose answers the query also
  // found, in request order, each once.
  std::vector<ThemeName> also_themes;
  // The themes the query filters by (tema:, SearchRequest::filter.theme)
  // and also_themes' ids: a hit whose text holds no matched word quotes
  // the sentence of its first mention of one of them (search_snippets.hpp).
  std::vector<std::string> snippet_themes;
  // Facets over ALL matches, not only the page: value as printed → count.
  // Unknown values (no year, no region) are left out.
  std::map<std::string, std::size_t> by_year, by_region, by_respondent_type, by_theme;
  std::vector<SearchHit> hits;      // the page [offset, offset + limit)
};

struct IndexStats {
  std::size_t documents = 0;          // source files
  std::size_t answers = 0;
  std::size_t numbers = 0;
  struct Group {
    std::optional<int> year;
    std::string region;
    std::size_t sources = 0;
    std::size_t answers = 0;
    std::size_t numbers = 0;
  };
  std::vector<Group> by_year_region;  // sorted by year (unknown last), then region
};

class IndexReader {
 public:
  // Opens an existing database read-only. Error if there is none at `dir`
  // ("no index at DIR", hint "run `analyzer ingest PATH` first"), or if a
  // stub file on the way refers back to itself or nests more than 16 deep.
  static Result<std::unique_ptr<IndexReader>> open(const std::string& dir) { return open(std::vector<std::string>{dir}); }
  // Several indexes read as one (`--index A --index B`): each location an
  // index directory (one database or shards, see index_databases.hpp), or
  // a Xapian stub file, which may list remote databases served by
  // xapian-tcpsrv ("remote host:port"). Source file names must not repeat
  // across them. File statistics and contact names are read from every
  // shard of an analyzer index directory, but only from the first database
  // a hand-written stub file lists (Xapian's metadata limit): list such
  // databases with one --index each instead.
  static Result<std::unique_ptr<IndexReader>> open(const std::vector<std::string>& locations);
  ~IndexReader();

  // Every query below sees the index as committed when it was opened,
  // reopens and runs again if a writer has moved on (reopen_retry.hpp), and
  // throws IndexError (index_error.hpp) when the index cannot be read: a
  // damaged database, a remote one that stops answering.

  // Ok when some record of the index has each region, question and source
  // that `filter` names; else an error naming the option, the nearest value
  // the index holds ("did you mean halland?") and the values it holds. The
  // listings below return nothing for such a filter, as an empty result
  // would look: call this first where the filter comes from a person.
  // Cost: one term look-up per named field.
  Status check_filter(const RecordFilter& filter) const;

  // Answers matching `filter`, in source order (source name, then start
  // offset).
  std::vector<AnswerRecord> answers(const RecordFilter& filter) const;
  // Numeric items matching `filter`, in source order.
  std::vector<NumericItem> numbers(const RecordFilter& filter) const;
  IndexStats stats() const;
  // The answers matching `filter`, tallied over all questions as ingest
  // stored them (core/answer_tally.hpp): what a theme report needs of them,
  // without reading any answer. Without a source filter, each database's
  // aggregate when it is current (IndexWriter::write_aggregate: rows merged
  // over files and parts, with `key` and `sources` set), else that
  // database's per-file tallies; with one, that file's own tallies. nullopt
  // when the filter names a question (tallies do not keep it) or asks for
  // decision records (tallies leave them out), or the
  // stored tallies do not cover every answer (a file without them; a stub
  // file listing several databases, whose metadata Xapian reads from the
  // first only). Filters apply as in answers(): year, region
  // (case-insensitive), type, source, and theme (tallies whose answers
  // mention it). Rows carry key and sources, so respondent_key() and a
  // report's sources come out as from the answers.
  // Cost: per database, one metadata read per file (the aggregate's stamp)
  // and the aggregate's rows; a stale aggregate adds every file's tallies.
  // With a source filter: that file's tallies and a count of its answers.
  std::optional<std::vector<AnswerTally>> answer_tallies(const RecordFilter& filter) const;
  // The numeric items matching `filter` whose label names a theme (those
  // a theme report shows), in source order. Cost: the themed items only.
  std::vector<NumericItem> themed_numbers(const RecordFilter& filter) const;
  // Every source file in the index, sorted by name, as ingest summarised
  // it (metadata "origin:<name>"): format, parts, respondent and the
  // provenance of each field, counts, remarks. A file ingested before
  // analysis version 6 has no summary: it comes with its name and path
  // only, and `parts` is empty: `sources` says to ingest it again.
  // Cost: two metadata reads per file.
  std::vector<SourceSummary> source_summaries() const;
  // Every contact name stored by any ingested file (for PII masking), sorted,
  // without duplicates.
  std::vector<std::string> contact_names() const;

 private:
  std::vector<NumericItem> themed_or_all_numbers(const RecordFilter& filter, bool themed_only) const;
  struct Impl;
  explicit IndexReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Full-text search over an index (SearchRequest above). open() reports a
// missing or foreign index with the same Diagnostic as IndexReader::open.
// Sees the index as committed when
// opened; reopens and retries if a writer has moved on meanwhile
// (reopen_retry.hpp).
// Not thread-safe (it owns Xapian::Database objects); open one per thread.
class IndexSearcher {
 public:
  static Result<std::unique_ptr<IndexSearcher>> open(const std::string& dir) { return open(std::vector<std::string>{dir}); }
  // Several locations searched as one, as IndexReader::open(locations).
  static Result<std::unique_ptr<IndexSearcher>> open(const std::vector<std::string>& locations);
  ~IndexSearcher();

  // Throws IndexError (index_error.hpp) when the index cannot be read.
  // Errors: a query holding personal data (refuse_personal_data_query),
  // a filter naming a region, question or source no record has
  // (IndexReader::check_filter), a query the parser cannot read ("cannot
  // read the query \"...\": <parser message>"), a query over a limit
  // (SearchRequest), a wildcard that expands to too many words.
  // Cost: local databases: an unweighted match per shard, in parallel (one
  // thread per shard), visits every match for the exact total and the
  // facets (one array read per match: each document's facet code is read
  // from the kSlotFacets value stream at the first search of the searcher,
  // 4 bytes per document), and a ranking match that may stop early gives
  // the page. With a remote database: one ranking match visiting every
  // match with Xapian's own value-count spies (four value reads per match).
  // Each hit's matched terms are read for its matcher; no snippet is built.
  Result<SearchResults> search(const SearchRequest& request) const;

 private:
  struct Impl;
  explicit IndexSearcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace analyzer
