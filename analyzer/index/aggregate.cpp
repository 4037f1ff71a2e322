// A database's stored tallies, per file and merged (aggregate.hpp).

#include "analyzer/index/aggregate.hpp"

#include "analyzer/core/stable_hash.hpp"
#include "analyzer/index/schema.hpp"

namespace analyzer::aggregate {

std::string stamp(const Xapian::Database& db) {
  StableHash h;
  const std::string prefix(schema::kMetaSourcePrefix);
  for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k)
    h.add((*k).substr(prefix.size())).add(db.get_metadata(*k));
  return h.hex();
}

std::size_t answer_count(const Xapian::Database& db) {
  return db.get_termfreq(schema::filter_term(schema::kKind, schema::kKindAnswer));
}

std::optional<tally_table::Table> file_tallies(const Xapian::Database& db, const std::string& source,
                                               const std::function<bool(const AnswerTally&)>& keep) {
  const std::string stored = db.get_metadata(schema::tallies_key(source));
  if (stored.empty()) return std::nullopt;
  return tally_table::decode(stored, keep);
}

std::optional<std::string> build(const Xapian::Database& db) {
  // Each row is merged as it is decoded and not kept: a file of 100,000
  // rows would take ~190 MB decoded.
  TallyMerger merger;
  std::size_t answers = 0;
  const std::string prefix(schema::kMetaSourcePrefix);
  for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
    auto file = file_tallies(db, (*k).substr(prefix.size()), [&](const AnswerTally& t) {
      merger.add(t);
      return false;
    });
    if (!file) return std::nullopt;
    answers += file->answers;
  }
  if (answers != answer_count(db)) return std::nullopt;
  // The stamp is taken after the files were read; a writer holds the only
  // write lock, so nothing changed in between.
  return tally_table::encode(merger.take(), stamp(db));
}

std::optional<std::vector<AnswerTally>> read_current(const Xapian::Database& db,
                                                     const std::function<bool(const AnswerTally&)>& keep) {
  const std::string stored = db.get_metadata(std::string(schema::kMetaAggregate));
  if (stored.empty()) return std::nullopt;
  auto table = tally_table::decode(stored, keep);
  if (!table || table->stamp != stamp(db) || table->answers != answer_count(db)) return std::nullopt;
  return std::move(table->tallies);
}

}  // namespace analyzer::aggregate
