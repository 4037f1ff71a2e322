#include "analyzer/coding/schema.hpp"

namespace analyzer::coding {
namespace {

constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE coders(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created TEXT NOT NULL);
CREATE TABLE codes(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  parent_id INTEGER REFERENCES codes(id),
  coder_id INTEGER NOT NULL REFERENCES coders(id),
  created TEXT NOT NULL,
  CHECK (parent_id IS NULL OR parent_id <> id));
CREATE TABLE codings(
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('accepted', 'rejected', 'manual')),
  theme TEXT,
  code_id INTEGER REFERENCES codes(id),
  mention_id TEXT,
  answer_id TEXT NOT NULL,
  source TEXT NOT NULL,
  source_sha256 TEXT NOT NULL,
  span_start INTEGER NOT NULL CHECK (span_start >= 0),
  span_end INTEGER NOT NULL CHECK (span_end > span_start),
  source_start INTEGER,
  source_end INTEGER,
  quote TEXT NOT NULL,
  orphaned INTEGER NOT NULL DEFAULT 0 CHECK (orphaned IN (0, 1)),
  coder_id INTEGER NOT NULL REFERENCES coders(id),
  created TEXT NOT NULL,
  removed TEXT,
  removed_by INTEGER REFERENCES coders(id),
  CHECK ((theme IS NULL) <> (code_id IS NULL)),
  CHECK ((kind = 'manual') = (mention_id IS NULL)),
  CHECK ((removed IS NULL) = (removed_by IS NULL)));
CREATE INDEX codings_by_answer ON codings(answer_id);
CREATE INDEX codings_by_mention ON codings(mention_id);
CREATE INDEX codings_by_source ON codings(source);
CREATE TABLE memos(
  id INTEGER PRIMARY KEY,
  answer_id TEXT,
  coding_id INTEGER REFERENCES codings(id),
  code_id INTEGER REFERENCES codes(id),
  text TEXT NOT NULL,
  coder_id INTEGER NOT NULL REFERENCES coders(id),
  created TEXT NOT NULL,
  CHECK ((answer_id IS NOT NULL) + (coding_id IS NOT NULL) + (code_id IS NOT NULL) = 1));
CREATE INDEX memos_by_coding ON memos(coding_id);
CREATE TABLE anchor_changes(
  id INTEGER PRIMARY KEY,
  coding_id INTEGER NOT NULL REFERENCES codings(id),
  old_answer_id TEXT NOT NULL,
  old_start INTEGER NOT NULL,
  old_end INTEGER NOT NULL,
  new_answer_id TEXT,
  new_start INTEGER,
  new_end INTEGER,
  match TEXT NOT NULL CHECK (match IN ('exact', 'whitespace', 'orphaned')),
  source_sha256 TEXT NOT NULL,
  at TEXT NOT NULL);
)sql";

constexpr Migration kMigrations[] = {
    {1, kVersion1},
};

static_assert(kMigrations[std::size(kMigrations) - 1].to_version == kSchemaVersion,
              "kSchemaVersion must be the last migration's version");

}  // namespace

std::span<const Migration> schema_migrations() { return kMigrations; }

}  // namespace analyzer::coding
