#pragma once
// Stage: coding. The analysts' codings: primary data, kept in one SQLite
// file (by default `codings.sqlite` beside the index), unlike the index,
// which can be rebuilt from the sources at any time.
//
// In:  decisions on the automatic mentions (accepted, rejected), manual
//      codings of a span of an answer with a lexicon theme or an own code,
//      own codes (a codebook tree), memos, each with its coder.
// Out: the same back, filtered (codings()), and their re-anchoring after a
//      re-ingest (coding/sync.hpp).
//
// Anchors: a coding points into an answer's text (AnswerRecord::text, what
// `answers --json` prints as `text`) by byte offsets [span_start, span_end),
// and keeps the answer id, the source file's name and SHA-256 (empty when
// the index was made before ingest stored it), the quoted bytes, and for a
// decision on a mention the mention's original offsets (`start`, `end` of
// `mentions --json`). When the source changes, sync.hpp finds the quote
// again (reanchor.hpp); a coding whose quote is gone is kept, marked
// orphaned, never dropped.
//
// Removal: `remove_coding` never deletes; it marks the coding removed, with
// who and when, and codings() leaves it out unless asked. Own codes are
// renamed and moved, never deleted.
//
// Transactions: every write is one SQLite transaction (BEGIN IMMEDIATE):
// it happens whole or not at all, also when the process is killed in the
// middle (the journal rolls it back at the next open). The file is in WAL
// mode (readers do not wait for a writer), with foreign keys on and
// synchronous=FULL (a committed coding survives a power cut).
//
// Concurrency: several processes may open one store. A write waits up to
// StoreOptions::busy_timeout_ms for another writer, then fails with "the
// coding store FILE is locked by another process". One CodingStore is used
// by one thread at a time.
//
// Versions: the schema version is `PRAGMA user_version` (schema.hpp). open()
// brings an older store up to date, each migration in its own transaction;
// a store written by a newer analyzer (a higher version) is refused with
// both versions named, and left untouched.
//
// Errors are values (Result/Status with a Diagnostic naming the file);
// nothing here throws on a bad file, a locked store or a refused write.
//
//   auto store = CodingStore::open("analyzer-index/../codings.sqlite");
//   NewCoding c{CodingKind::Manual, "sip", {}, "", answer.id, answer.source,
//               sha256, {0, 3}, std::nullopt, "SIP", "memo text"};
//   Result<std::int64_t> id = store.value()->add_coding(c, "anna");

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "analyzer/coding/schema.hpp"
#include "analyzer/core/diagnostic.hpp"
#include "analyzer/core/span.hpp"

namespace analyzer::coding {

enum class CodingKind { Accepted, Rejected, Manual };

// "accepted", "rejected", "manual".
const char* to_string(CodingKind k);

struct StoreOptions {
  // How long a write (or the first open of a new file) waits for another
  // process that holds the write lock before it fails.
  int busy_timeout_ms = 3000;
  // The migrations to bring the file up to (tests pass their own list to
  // try a later version); the last one's to_version is the version this
  // store reads and writes.
  std::span<const Migration> migrations = schema_migrations();
  // Called inside every write transaction just before COMMIT; for tests
  // that kill the process or fail the write there. Empty: nothing.
  std::function<void()> before_commit;
};

// An own code of the codebook.
struct OwnCode {
  std::int64_t id = 0;
  std::string name;
  std::string description;
  std::optional<std::int64_t> parent;  // id of the parent code
  std::string coder;                   // who added it
  std::string created;
};

// A coding to add. Exactly one of `theme` (a lexicon id) and `code_id` (an
// own code) is set; `mention_id` is set for Accepted and Rejected only.
struct NewCoding {
  CodingKind kind = CodingKind::Manual;
  std::string theme;
  std::optional<std::int64_t> code_id;
  std::string mention_id;
  std::string answer_id;
  std::string source;
  std::string source_sha256;
  ByteSpan span;                        // bytes of the answer's text, not empty
  std::optional<ByteSpan> source_span;  // original bytes, when known
  std::string quote;                    // the answer text's bytes at `span`
  std::string memo;                     // empty: no memo
};

// A coding as stored.
struct Coding {
  std::int64_t id = 0;
  CodingKind kind = CodingKind::Manual;
  std::string theme;                    // empty for an own code
  std::optional<std::int64_t> code_id;
  std::string code;                     // the own code's name; empty for a theme
  std::string mention_id;
  std::string answer_id;
  std::string source;
  std::string source_sha256;
  ByteSpan span;
  std::optional<ByteSpan> source_span;
  std::string quote;
  bool orphaned = false;
  std::string coder;
  std::string created;
  std::string removed;                  // empty unless removed
  std::string removed_by;
  std::vector<std::string> memos;       // memos on this coding, oldest first
};

struct CodingFilter {
  std::string theme;         // a lexicon id, or an own code's name; empty: all
  std::string coder;         // empty: every coder
  std::string source;        // empty: every source
  bool include_removed = false;
};

// What decide() did.
struct Decision {
  std::int64_t id = 0;                  // the coding that now holds the decision
  std::optional<std::int64_t> replaced; // the coder's earlier, opposite decision, now removed
  bool unchanged = false;               // the coder had made this decision already (id is it)
};

// The longest memo the commands take and an import brings in.
constexpr std::size_t kMaxMemoBytes = 64 * 1024;

// Where a memo belongs: exactly one field set.
struct MemoTarget {
  std::string answer_id;
  std::optional<std::int64_t> coding_id;
  std::optional<std::int64_t> code_id;
};

// A memo as stored, with what it is on.
struct Memo {
  std::int64_t id = 0;
  std::string target;                   // "answer", "coding" or "code"
  std::string answer_id;                // the answer's id: of the memo's answer, or of its coding's
  std::optional<std::int64_t> coding_id;
  std::optional<std::int64_t> code_id;
  std::string code;                     // the own code's name (target "code", or a coding of an own code)
  std::string theme;                    // the coding's theme (target "coding"); empty otherwise
  std::string source;                   // the coding's source file (target "coding"); empty otherwise
  std::string quote;                    // the coding's quote, unmasked (target "coding"); empty otherwise
  std::string text;
  std::string coder;
  std::string created;
};

// A coding's new place after a re-ingest (sync.hpp).
struct AnchorUpdate {
  std::int64_t coding_id = 0;
  std::string answer_id;                // the answer it is now in (may change)
  ByteSpan span;                        // unused when orphaned
  std::string match;                    // "unchanged" (only the hash is updated, nothing
                                        // recorded), "exact", "whitespace" or "orphaned"
  std::string source_sha256;            // the source's hash now
  std::string mention_id;               // a decision's mention id now; empty: kept
  // The coding's original bytes in the source now (a decision's mention
  // there); nullopt: unknown, stored as NULL, so that old offsets of a
  // changed file are never left behind. Written for every match but
  // "orphaned" (an orphan keeps its last place: span and source span).
  std::optional<ByteSpan> source_span;
};

// An import (exchange/import_plan.hpp): own codes to create, codings and
// their memos, all written by apply_import() in one transaction.
struct ImportCode {
  std::string name;
  std::string description;
  std::optional<std::int64_t> parent_id;      // an existing code's id, or
  std::optional<std::size_t> parent_new;      // an earlier entry of ImportBatch::codes
  std::string coder;
};

// A memo of an import. On a coding (ImportCoding::memos) its target is
// that coding; in ImportBatch::memos exactly one of answer_id, coding_id
// (a coding the store holds), code_id and code_new is set.
struct ImportMemo {
  std::string text;
  std::string coder;                          // empty: the coding's coder
  std::string created;                        // "YYYY-MM-DDTHH:MM:SSZ"; empty: now
  std::string answer_id;
  std::optional<std::int64_t> coding_id;
  std::optional<std::int64_t> code_id;        // an existing own code, or
  std::optional<std::size_t> code_new;        // an entry of ImportBatch::codes
};

struct ImportCoding {
  NewCoding coding;                           // coding.memo is ignored: see memos
  std::optional<std::size_t> code_new;        // instead of coding.code_id: an entry of ImportBatch::codes
  std::string coder;
  std::string created;                        // "YYYY-MM-DDTHH:MM:SSZ"; empty: now
  std::vector<ImportMemo> memos;              // memos on the coding (targets unset)
};

struct ImportBatch {
  std::vector<ImportCode> codes;
  std::vector<ImportCoding> codings;
  std::vector<ImportMemo> memos;              // memos on answers and own codes
};

struct ImportResult {
  std::vector<std::int64_t> code_ids;         // per ImportBatch::codes
  std::vector<std::int64_t> coding_ids;       // per ImportBatch::codings
};

class CodingStore {
 public:
  // Opens `path`, creating it (not its folder) when missing, and migrates
  // it to the latest version. Errors: the folder does not exist or cannot
  // be written; the file is no SQLite database, or one of another program
  // (its application_id); written by a newer schema version; locked by
  // another process past the busy timeout while it had to be set up.
  static Result<std::unique_ptr<CodingStore>> open(const std::string& path, StoreOptions options = {});
  ~CodingStore();
  CodingStore(const CodingStore&) = delete;
  CodingStore& operator=(const CodingStore&) = delete;

  const std::string& path() const;
  // The schema version of the file (PRAGMA user_version).
  Result<int> schema_version() const;

  // Adds a coding by `coder` (created as a coder when new), with its memo
  // when not empty: one transaction. Checks the shape (one of theme and
  // code_id, span not empty, quote the span's length, mention id for a
  // decision only, the code exists) and refuses otherwise. A manual coding
  // the coder holds already (same answer, bytes and theme or code, not
  // removed) is refused, naming it.
  Result<std::int64_t> add_coding(const NewCoding& coding, const std::string& coder);

  // A decision (c.kind Accepted or Rejected) of `coder` on mention
  // c.mention_id: the same decision again changes nothing (unchanged); the
  // opposite one marks the earlier removed and adds the new, in one
  // transaction. Other coders' decisions are never touched.
  Result<Decision> decide(const NewCoding& c, const std::string& coder);

  // Marks coding `id` removed by `coder`. Errors: no such coding; removed
  // already.
  Status remove_coding(std::int64_t id, const std::string& coder);

  // Own codes. Names are unique over the whole codebook (a code is named
  // by its name on the command line), not empty, at most 200 bytes.
  // add_code: `parent` is a code's name, or empty for a top-level code.
  Result<std::int64_t> add_code(const std::string& name, const std::string& description,
                                const std::string& parent, const std::string& coder);
  Status rename_code(const std::string& name, const std::string& new_name);
  // Moves code `name` under `new_parent` (empty: to the top). Refuses a move
  // under itself or under one of its own descendants.
  Status move_code(const std::string& name, const std::string& new_parent);
  // Every own code, ordered by id (the order they were added).
  Result<std::vector<OwnCode>> codes() const;
  Result<std::optional<OwnCode>> find_code(const std::string& name) const;

  // A memo on an answer, a coding or an own code: one transaction. Refuses
  // an empty text, a target with not exactly one field set, and a coding or
  // code id the store does not hold (an answer id is not checked here: the
  // index knows the answers). A memo on a removed coding is allowed.
  Result<std::int64_t> add_memo(const MemoTarget& target, const std::string& text, const std::string& coder);
  // Every memo, oldest first (by id), with its target's coding or code
  // (memos on removed codings included). One query; all in memory.
  Result<std::vector<Memo>> memos() const;

  // The codings matching `filter`, ordered by id, all in memory (a few
  // hundred bytes each plus quote and memos: an archive's tens of thousands
  // of codings are a few MB). One query, plus one per coding for its memos.
  Result<std::vector<Coding>> codings(const CodingFilter& filter = {}) const;

  // Writes a whole import in ONE transaction (StoreOptions::before_commit
  // runs before its COMMIT): codes first, in order (a parent before its
  // children), then the codings with their memos, then the memos on
  // answers and codes (memos keep their times). Each coding is checked as
  // add_coding() checks it; a code name taken already, a bad shape or a
  // missing code refuses the whole batch and leaves the store unchanged.
  // The caller has found duplicates already (import_plan.hpp); nothing is
  // merged here. Cost: one INSERT per code, coding and memo.
  Result<ImportResult> apply_import(const ImportBatch& batch);

  // Applies re-anchorings in one transaction: each coding's answer id,
  // span, source span (AnchorUpdate::source_span), mention id (when given),
  // orphaned flag and source hash are updated, and a change of place is
  // recorded in anchor_changes (old and new place, how it was found). An
  // "unchanged" update keeps answer id and span, records nothing, and
  // updates hash, source span and mention id; an "orphaned" one sets only
  // the flag and the hash.
  Status update_anchors(const std::vector<AnchorUpdate>& updates);

 private:
  struct Impl;
  explicit CodingStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Whether a failed write failed because the store could not be used
// (locked past the busy timeout, disk full, read-only, an SQLite error: the
// message begins "the coding store "), rather than because the request was
// refused (an unknown code, a coding removed already, a name taken).
bool store_unusable(const Diagnostic& d);

// The default store of an index: `codings.sqlite` beside the index folder
// `index_dir` (in its parent folder), so that rebuilding the index never
// touches it: "build/analyzer-index" → "build/codings.sqlite".
std::string default_store_path(const std::string& index_dir);

}  // namespace analyzer::coding
