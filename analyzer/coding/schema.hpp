#pragma once
// The coding store's schema and its migrations (coding/store.hpp opens the
// file and runs them).
//
// The schema version is SQLite's `PRAGMA user_version`: 0 for a new, empty
// file, then the `to_version` of the last migration applied. Each
// migration runs in a transaction of its own (BEGIN IMMEDIATE ... the SQL,
// then user_version = to_version ... COMMIT), so a store is always at one
// version, never between two: a failed or killed migration leaves the
// version before it. Migrations only ever add: a new version gets a new
// entry at the end of kMigrations with to_version one higher and
// kSchemaVersion raised to match; an entry once released is never edited.
//
// Version 1 (the tables; every time is UTC, ISO 8601 "2026-12-06T23:10:00Z"):
//   coders(id, name UNIQUE, created)                     who coded: --coder
//   codes(id, name UNIQUE, description, parent_id → codes, coder_id, created)
//                                                        an analyst's own codes,
//                                                        a tree by parent_id
//   codings(id, kind 'accepted'|'rejected'|'manual', theme | code_id (exactly
//           one), mention_id (decisions only), answer_id, source,
//           source_sha256, span_start, span_end (bytes of the answer's text),
//           source_start, source_end (original bytes, when known), quote,
//           orphaned 0|1, coder_id, created, removed, removed_by)
//   memos(id, answer_id | coding_id | code_id (exactly one), text, coder_id,
//         created)
//   anchor_changes(id, coding_id, old/new span, old/new answer_id, match,
//                  source_sha256, at)                     every re-anchoring
// Nothing is deleted: a removed coding keeps its row with `removed` and
// `removed_by` set.

#include <span>
#include <string_view>

namespace analyzer::coding {

struct Migration {
  int to_version = 0;    // the user_version after it
  std::string_view sql;  // statements separated by ';'
};

// The schema version this build writes and reads.
inline constexpr int kSchemaVersion = 1;

// Every migration from an empty file up to kSchemaVersion, in order.
std::span<const Migration> schema_migrations();

}  // namespace analyzer::coding
