#pragma once
// Internal to the index stage (includes <xapian.h>): a database's stored
// answer tallies, per file and merged.
//
// Per file, replace_file() stores "tallies:<name>" in the file's own
// transaction, so a file's tallies always match its answers. A report over
// a large archive still has as many of those rows as files × parts × theme
// sets; the aggregate ("aggregate:tallies", schema.hpp) takes them together
// over files and parts (merge_tallies, core/answer_tally.hpp): a few rows
// per respondent and year.
//
// The aggregate is written once per ingest run (IndexWriter::write_aggregate),
// not per file, so it may lag behind: a file replaced, added or ingested by
// another program since. Its stamp says which files it was merged from: a
// hash of every (file name, stored ingest key) pair of the database's
// "source:" metadata, in key order. A reader recomputes the stamp (one small
// key per file) and uses the aggregate only when it is equal, and when its
// answers add up to the database's answer count; else it reads the files'
// own tallies.

#include <xapian.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/core/answer_tally.hpp"
#include "analyzer/index/tally_table.hpp"

namespace analyzer::aggregate {

// The stamp of the files `db` holds now (see above). Cost: one metadata
// read per file.
std::string stamp(const Xapian::Database& db);

// A file's stored tallies ("tallies:<name>", a tally table) with the rows
// `keep` accepts; nullopt when there are none or they are damaged.
std::optional<tally_table::Table> file_tallies(const Xapian::Database& db, const std::string& source,
                                               const std::function<bool(const AnswerTally&)>& keep = {});

// The aggregate of every file `db` holds, encoded with its stamp; nullopt
// when some file has no usable tallies or they do not add up to the
// database's answers. Cost: every file's tallies read and merged.
std::optional<std::string> build(const Xapian::Database& db);

// The rows `keep` accepts of `db`'s aggregate, when it is current (stamp and
// answer count as above); nullopt when there is none or it is stale.
std::optional<std::vector<AnswerTally>> read_current(const Xapian::Database& db,
                                                     const std::function<bool(const AnswerTally&)>& keep);

// The answers `db` holds (documents of kind answer). Cost: one term frequency.
std::size_t answer_count(const Xapian::Database& db);

}  // namespace analyzer::aggregate
