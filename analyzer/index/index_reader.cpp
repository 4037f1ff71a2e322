// IndexReader: filters, listing and stats over the index (index.hpp,
// schema.hpp).
//
// A reader sees the index as it was committed when it was opened (a Xapian
// snapshot). If a writer commits often enough meanwhile that the snapshot's
// blocks get reused, Xapian throws DatabaseModifiedError; every query then
// reopens at the newest revision and runs again (a few times at most).
// Any other Xapian error here means a damaged index, which is unexpected:
// it is thrown as std::runtime_error naming the directory.

#include <xapian.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>

#include "analyzer/index/aggregate.hpp"
#include "analyzer/index/index.hpp"
#include "analyzer/index/index_databases.hpp"
#include "analyzer/index/schema.hpp"
#include "analyzer/index/unweighted_match.hpp"
#include "analyzer/core/record_json.hpp"

namespace analyzer {
namespace {

// The documents of `kind` that pass the filter: one clause per filtered
// field, each the field's accepted terms (one today; a field may later take
// several values). Boolean only: no weights.
std::vector<std::vector<std::string>> filter_clauses(std::string_view kind, const RecordFilter& f) {
  std::vector<std::vector<std::string>> clauses{{schema::filter_term(schema::kKind, kind)}};
  auto field = [&](std::string_view prefix, const std::string& value) {
    clauses.push_back({schema::filter_term(prefix, value)});
  };
  if (f.year) field(schema::kYear, std::to_string(*f.year));
  if (!f.region.empty()) field(schema::kRegion, schema::fold_case(f.region));
  if (f.respondent_type) field(schema::kRespondentType, to_string(*f.respondent_type));
  if (!f.question.empty()) field(schema::kQuestion, schema::fold_case(f.question));
  if (!f.source.empty()) field(schema::kSource, f.source);
  if (!f.theme.empty()) field(schema::kTheme, f.theme);
  return clauses;
}

// The stored record (kSlotRecord) of every document matching `clauses`, in
// docid order. From the posting lists, not an Enquire with BoolWeight:
// after a changed file is re-ingested, that throws in Xapian 1.4.22 when a
// filter term is in every document (unweighted_match.hpp).
std::vector<std::string> matching_records(Xapian::Database& db,
                                          const std::vector<std::vector<std::string>>& clauses) {
  std::vector<std::string> out;
  for (Xapian::docid did : unweighted::documents_with_all(db, clauses))
    out.push_back(db.get_document(did).get_value(schema::kSlotRecord));
  return out;
}

// Unknown (nullopt / empty) sorts after every known value.
template <class T>
bool unknown_last_less(const T& a, const T& b, bool a_unknown, bool b_unknown) {
  if (a_unknown != b_unknown) return b_unknown;
  return a < b;
}

}  // namespace

struct IndexReader::Impl {
  mutable index_layout::OpenedIndex index;

  // Runs `fn(db, parts)`, reopening and retrying when a writer has moved on
  // (DatabaseModifiedError); other Xapian errors become runtime_error.
  template <class Fn>
  auto run(Fn fn) const {
    const std::string& dir = index.label;
    for (int attempt = 0;; ++attempt) {
      try {
        return fn(index.db, index.parts);
      } catch (const Xapian::DatabaseModifiedError& e) {
        if (attempt == 3) throw std::runtime_error("index at " + dir + " keeps changing: " + e.get_msg());
        try {
          index.reopen();
        } catch (const Xapian::Error& e2) {
          throw std::runtime_error("cannot reopen the index at " + dir + ": " + e2.get_msg());
        }
      } catch (const Xapian::Error& e) {
        throw std::runtime_error("cannot read the index at " + dir + ": " + e.get_description());
      } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error("damaged record in the index at " + dir + ": " + e.what());
      }
    }
  }
};

IndexReader::IndexReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexReader::~IndexReader() = default;

Result<std::unique_ptr<IndexReader>> IndexReader::open(const std::string& dir) {
  return open(std::vector<std::string>{dir});
}

Result<std::unique_ptr<IndexReader>> IndexReader::open(const std::vector<std::string>& locations) {
  auto opened = index_layout::open_for_reading(locations);
  if (!opened.ok()) return opened.error();
  auto impl = std::make_unique<Impl>(Impl{std::move(opened).value()});
  return std::unique_ptr<IndexReader>(new IndexReader(std::move(impl)));
}

std::vector<AnswerRecord> IndexReader::answers(const RecordFilter& filter) const {
  auto out = impl_->run([&](Xapian::Database& db, std::vector<Xapian::Database>&) {
    std::vector<AnswerRecord> v;
    for (const std::string& data : matching_records(db, filter_clauses(schema::kKindAnswer, filter)))
      v.push_back(answer_from_json(nlohmann::json::parse(data)));
    return v;
  });
  std::sort(out.begin(), out.end(), [](const AnswerRecord& a, const AnswerRecord& b) {
    return std::tie(a.source, a.span.begin, a.span.end, a.id) <
           std::tie(b.source, b.span.begin, b.span.end, b.id);
  });
  return out;
}

namespace {

std::vector<NumericItem> sorted_numbers(std::vector<NumericItem> out) {
  std::sort(out.begin(), out.end(), [](const NumericItem& a, const NumericItem& b) {
    return std::tie(a.source, a.span.begin, a.span.end, a.question, a.label) <
           std::tie(b.source, b.span.begin, b.span.end, b.question, b.label);
  });
  return out;
}

}  // namespace

std::vector<NumericItem> IndexReader::numbers(const RecordFilter& filter) const {
  return themed_or_all_numbers(filter, false);
}

std::vector<NumericItem> IndexReader::themed_numbers(const RecordFilter& filter) const {
  return themed_or_all_numbers(filter, true);
}

std::vector<NumericItem> IndexReader::themed_or_all_numbers(const RecordFilter& filter, bool themed_only) const {
  auto out = impl_->run([&](Xapian::Database& db, std::vector<Xapian::Database>&) {
    auto clauses = filter_clauses(schema::kKindNumber, filter);
    if (themed_only) {
      // Items with any theme term.
      const std::string prefix(schema::kTheme);
      std::vector<std::string> any_theme;
      for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) any_theme.push_back(*t);
      clauses.push_back(std::move(any_theme));
    }
    std::vector<NumericItem> v;
    for (const std::string& data : matching_records(db, clauses)) v.push_back(number_from_json(nlohmann::json::parse(data)));
    return v;
  });
  return sorted_numbers(std::move(out));
}

std::optional<std::vector<AnswerTally>> IndexReader::answer_tallies(const RecordFilter& filter) const {
  if (!filter.question.empty()) return std::nullopt;
  const std::string region = schema::fold_case(filter.region);
  auto keep = [&](const AnswerTally& t) {
    const Respondent& r = t.respondent;
    if (filter.year && r.year != filter.year) return false;
    if (!region.empty() && schema::fold_case(r.region) != region) return false;
    if (filter.respondent_type && r.type != filter.respondent_type) return false;
    if (!filter.theme.empty() && !t.mentions.count(filter.theme)) return false;
    return true;
  };
  return impl_->run([&](Xapian::Database& db, std::vector<Xapian::Database>& parts)
                        -> std::optional<std::vector<AnswerTally>> {
    std::vector<AnswerTally> out;
    if (!filter.source.empty()) {
      // A file's documents and its tallies are written in one transaction,
      // so its tallies are complete when they are found at all; its answer
      // count (the documents of kind answer filed under it) checks that it
      // is not a file whose metadata Xapian cannot see (a stub part).
      RecordFilter of_file;
      of_file.source = filter.source;
      const std::size_t answers =
          unweighted::documents_with_all(db, filter_clauses(schema::kKindAnswer, of_file)).size();
      for (Xapian::Database& part : parts) {
        if (part.get_metadata(schema::source_key(filter.source)).empty()) continue;
        auto file = aggregate::file_tallies(part, filter.source, keep);
        if (!file || file->answers != answers) return std::nullopt;
        return std::move(file->tallies);
      }
      return answers == 0 ? std::optional(out) : std::nullopt;
    }
    const std::string prefix(schema::kMetaSourcePrefix);
    for (Xapian::Database& part : parts) {
      if (auto merged = aggregate::read_current(part, keep)) {
        if (out.empty()) {
          out = std::move(*merged);
        } else {
          out.reserve(out.size() + merged->size());
          std::move(merged->begin(), merged->end(), std::back_inserter(out));
        }
        continue;
      }
      // Every answer of the part must be in its tallies. They are not when
      // the part is a stub file listing several databases: Xapian gives the
      // metadata of the first one only. Then the answers are read instead.
      std::size_t tallied = 0;
      for (auto k = part.metadata_keys_begin(prefix); k != part.metadata_keys_end(prefix); ++k) {
        auto file = aggregate::file_tallies(part, (*k).substr(prefix.size()), keep);
        if (!file) return std::nullopt;
        tallied += file->answers;
        std::move(file->tallies.begin(), file->tallies.end(), std::back_inserter(out));
      }
      if (tallied != aggregate::answer_count(part)) return std::nullopt;
    }
    return out;
  });
}

// Cost: one pass over every document's values (no document data is
// decoded), plus one metadata key per source file.
IndexStats IndexReader::stats() const {
  return impl_->run([&](Xapian::Database& db, std::vector<Xapian::Database>& parts) {
    IndexStats s;
    const std::string meta_prefix(schema::kMetaSourcePrefix);
    for (Xapian::Database& part : parts)
      for (auto k = part.metadata_keys_begin(meta_prefix); k != part.metadata_keys_end(meta_prefix); ++k)
        ++s.documents;

    // Groups are keyed by year and case-folded region ("" = unknown); the
    // region shown is the smallest spelling seen, so the output does not
    // depend on ingest order.
    struct Acc {
      std::string region;
      std::set<std::string> sources;
      std::size_t answers = 0, numbers = 0;
    };
    std::map<std::pair<std::string, std::string>, Acc> groups;  // (year value, folded region)
    auto count = [&](std::string_view kind, bool answer) {
      const std::string term = schema::filter_term(schema::kKind, kind);
      std::size_t n = 0;
      for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
        const Xapian::Document doc = db.get_document(*p, Xapian::DOC_ASSUME_VALID);
        const std::string region = doc.get_value(schema::kSlotRegion);
        Acc& g = groups[{doc.get_value(schema::kSlotYear), schema::fold_case(region)}];
        if (g.region.empty() || (!region.empty() && region < g.region)) g.region = region;
        g.sources.insert(doc.get_value(schema::kSlotSource));
        ++(answer ? g.answers : g.numbers);
        ++n;
      }
      return n;
    };
    s.answers = count(schema::kKindAnswer, true);
    s.numbers = count(schema::kKindNumber, false);
    // Files whose parts gave no record still count in their groups.
    for (Xapian::Database& part : parts)
    for (auto k = part.metadata_keys_begin(meta_prefix); k != part.metadata_keys_end(meta_prefix); ++k) {
      const std::string source = (*k).substr(meta_prefix.size());
      const std::string stored = part.get_metadata(schema::groups_key(source));
      if (stored.empty()) continue;
      nlohmann::json parts = nlohmann::json::parse(stored, nullptr, false);
      if (!parts.is_array()) continue;
      for (const auto& g : parts) {
        if (!g.is_array() || g.size() != 2 || !g[1].is_string()) continue;
        std::string year = g[0].is_number_integer()
                               ? Xapian::sortable_serialise(g[0].get<int>())
                               : std::string();
        const std::string region = g[1].get<std::string>();
        Acc& acc = groups[{year, schema::fold_case(region)}];
        if (acc.region.empty() || (!region.empty() && region < acc.region)) acc.region = region;
        acc.sources.insert(source);
      }
    }

    for (auto& [key, acc] : groups) {
      IndexStats::Group g;
      if (!key.first.empty()) g.year = static_cast<int>(Xapian::sortable_unserialise(key.first));
      g.region = acc.region;
      g.sources = acc.sources.size();
      g.answers = acc.answers;
      g.numbers = acc.numbers;
      s.by_year_region.push_back(std::move(g));
    }
    // Year, unknown last; then region, unknown last (the same rule for both).
    std::sort(s.by_year_region.begin(), s.by_year_region.end(),
              [](const IndexStats::Group& a, const IndexStats::Group& b) {
                if (a.year != b.year)
                  return unknown_last_less(a.year.value_or(0), b.year.value_or(0), !a.year, !b.year);
                const std::string fa = schema::fold_case(a.region), fb = schema::fold_case(b.region);
                return unknown_last_less(fa, fb, fa.empty(), fb.empty());
              });
    return s;
  });
}

std::vector<std::string> IndexReader::contact_names() const {
  return impl_->run([&](Xapian::Database&, std::vector<Xapian::Database>& parts) {
    std::set<std::string> names;
    const std::string prefix(schema::kMetaContactsPrefix);
    for (Xapian::Database& part : parts)
    for (auto k = part.metadata_keys_begin(prefix); k != part.metadata_keys_end(prefix); ++k) {
      nlohmann::json list = nlohmann::json::parse(part.get_metadata(*k), nullptr, false);
      if (!list.is_array()) continue;
      for (const auto& n : list)
        if (n.is_string() && !n.get<std::string>().empty()) names.insert(n.get<std::string>());
    }
    return std::vector<std::string>(names.begin(), names.end());
  });
}

}  // namespace analyzer
