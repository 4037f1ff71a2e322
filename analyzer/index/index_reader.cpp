// IndexReader: filters, listing and stats over the index (index.hpp,
// schema.hpp).
//
// Every read goes through read_with_retry (reopen_retry.hpp): reopened and
// run again when a writer has moved on, an IndexError when the index
// cannot be read.

#include <xapian.h>

#include <algorithm>
#include <functional>
#include <iterator>
#include <map>
#include <set>
#include <tuple>

#include "analyzer/index/aggregate.hpp"
#include "analyzer/index/index.hpp"
#include "analyzer/index/index_databases.hpp"
#include "analyzer/index/record_query.hpp"
#include "analyzer/index/reopen_retry.hpp"
#include "analyzer/index/schema.hpp"
#include "analyzer/index/unweighted_match.hpp"
#include "analyzer/core/record_json.hpp"

namespace analyzer {
namespace {

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

  // Runs `fn(db, parts)` as read_with_retry does (reopen_retry.hpp).
  template <class Fn>
  auto run(Fn fn) const {
    return index_layout::read_with_retry(index, [&] { return fn(index.db, index.parts); });
  }
};

IndexReader::IndexReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexReader::~IndexReader() = default;

Result<std::unique_ptr<IndexReader>> IndexReader::open(const std::vector<std::string>& locations) {
  auto opened = index_layout::open_for_reading(locations);
  if (!opened.ok()) return opened.error();
  auto impl = std::make_unique<Impl>(Impl{std::move(opened).value()});
  return std::unique_ptr<IndexReader>(new IndexReader(std::move(impl)));
}

Status IndexReader::check_filter(const RecordFilter& filter) const {
  return impl_->run([&](Xapian::Database& db, std::vector<Xapian::Database>& parts) {
    return record_query::check_filter_values(db, parts, filter);
  });
}

std::vector<AnswerRecord> IndexReader::answers(const RecordFilter& filter) const {
  auto out = impl_->run([&](Xapian::Database& db, std::vector<Xapian::Database>&) {
    std::vector<AnswerRecord> v;
    for (const std::string& data : matching_records(db, record_query::filter_clauses(schema::kKindAnswer, filter)))
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
    auto clauses = record_query::filter_clauses(schema::kKindNumber, filter);
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

namespace {

using TallyFilter = std::function<bool(const AnswerTally&)>;

// The tallies of one file, kept by `keep`. A file's documents and its
// tallies are written in one transaction, so its tallies are complete when
// they are found at all; its answer count (the documents of kind answer
// filed under it) checks that it is not a file whose metadata Xapian
// cannot see (a stub part). nullopt when they do not cover its answers.
std::optional<std::vector<AnswerTally>> tallies_of_file(Xapian::Database& db, std::vector<Xapian::Database>& parts,
                                                     const std::string& source, const TallyFilter& keep) {
  RecordFilter of_file;
  of_file.source = source;
  const std::size_t answers =
      unweighted::documents_with_all(db, record_query::filter_clauses(schema::kKindAnswer, of_file)).size();
  for (Xapian::Database& part : parts) {
    if (part.get_metadata(schema::source_key(source)).empty()) continue;
    auto file = aggregate::file_tallies(part, source, keep);
    if (!file || file->answers != answers) return std::nullopt;
    return std::move(file->tallies);
  }
  return answers == 0 ? std::optional(std::vector<AnswerTally>{}) : std::nullopt;
}

// The tallies of every file of `part`, kept by `keep`, appended to `out`:
// its aggregate when current, else each file's own. False when they do not
// cover every answer of the part: a stub file listing several databases,
// of which Xapian gives the metadata of the first one only.
bool add_part_tallies(Xapian::Database& part, const TallyFilter& keep, std::vector<AnswerTally>& out) {
  if (auto merged = aggregate::read_current(part, keep)) {
    if (out.empty()) {
      out = std::move(*merged);
    } else {
      out.reserve(out.size() + merged->size());
      std::move(merged->begin(), merged->end(), std::back_inserter(out));
    }
    return true;
  }
  const std::string prefix(schema::kMetaSourcePrefix);
  std::size_t tallied = 0;
  for (auto k = part.metadata_keys_begin(prefix); k != part.metadata_keys_end(prefix); ++k) {
    auto file = aggregate::file_tallies(part, (*k).substr(prefix.size()), keep);
    if (!file) return false;
    tallied += file->answers;
    std::move(file->tallies.begin(), file->tallies.end(), std::back_inserter(out));
  }
  return tallied == aggregate::answer_count(part);
}

}  // namespace

std::optional<std::vector<AnswerTally>> IndexReader::answer_tallies(const RecordFilter& filter) const {
  // Tallies hold no question, and no decision record (those are read one by one).
  if (!filter.question.empty() || filter.include_decisions) return std::nullopt;
  const std::string region = schema::lowercase(filter.region);
  const TallyFilter keep = [&](const AnswerTally& t) {
    const Respondent& r = t.respondent;
    if (filter.year && r.year != filter.year) return false;
    if (!region.empty() && schema::lowercase(r.region) != region) return false;
    if (filter.respondent_type && r.type != filter.respondent_type) return false;
    if (!filter.theme.empty() && !t.mentions.count(filter.theme)) return false;
    return true;
  };
  return impl_->run([&](Xapian::Database& db, std::vector<Xapian::Database>& parts)
                        -> std::optional<std::vector<AnswerTally>> {
    if (!filter.source.empty()) return tallies_of_file(db, parts, filter.source, keep);
    std::vector<AnswerTally> out;
    for (Xapian::Database& part : parts)
      if (!add_part_tallies(part, keep, out)) return std::nullopt;
    return out;
  });
}

namespace {

// The (year, region) groups of `stats`, keyed by the year value and the
// case-folded region ("" = unknown); the region shown is the smallest
// spelling seen, so the output does not depend on ingest order.
struct GroupCount {
  std::string region;
  std::set<std::string> sources;
  std::size_t answers = 0, numbers = 0;
};
using GroupCounts = std::map<std::pair<std::string, std::string>, GroupCount>;

GroupCount& group_of(GroupCounts& groups, const std::string& year_value, const std::string& region,
                     const std::string& source) {
  GroupCount& g = groups[{year_value, schema::lowercase(region)}];
  if (g.region.empty() || (!region.empty() && region < g.region)) g.region = region;
  g.sources.insert(source);
  return g;
}

// Counts the documents of `kind` into their groups; their number.
std::size_t count_documents(Xapian::Database& db, std::string_view kind, bool answer, GroupCounts& groups) {
  const std::string term = schema::filter_term(schema::kKind, kind);
  std::size_t n = 0;
  for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
    const Xapian::Document doc = db.get_document(*p, Xapian::DOC_ASSUME_VALID);
    GroupCount& g = group_of(groups, doc.get_value(schema::kSlotYear), doc.get_value(schema::kSlotRegion),
                             doc.get_value(schema::kSlotSource));
    ++(answer ? g.answers : g.numbers);
    ++n;
  }
  return n;
}

// Adds every file of `part` to the groups of its parts ("groups:<name>"),
// so files whose parts gave no record still count; the number of files.
std::size_t count_files(Xapian::Database& part, GroupCounts& groups) {
  const std::string prefix(schema::kMetaSourcePrefix);
  std::size_t files = 0;
  for (auto k = part.metadata_keys_begin(prefix); k != part.metadata_keys_end(prefix); ++k) {
    ++files;
    const std::string source = (*k).substr(prefix.size());
    nlohmann::json parts = nlohmann::json::parse(part.get_metadata(schema::groups_key(source)), nullptr, false);
    if (!parts.is_array()) continue;
    for (const auto& g : parts) {
      if (!g.is_array() || g.size() != 2 || !g[1].is_string()) continue;
      const std::string year =
          g[0].is_number_integer() ? Xapian::sortable_serialise(g[0].get<int>()) : std::string();
      group_of(groups, year, g[1].get<std::string>(), source);
    }
  }
  return files;
}

// The groups as IndexStats rows: by year, unknown last; then region,
// unknown last (the same rule for both).
std::vector<IndexStats::Group> sorted_groups(const GroupCounts& groups) {
  std::vector<IndexStats::Group> out;
  for (const auto& [key, count] : groups) {
    IndexStats::Group g;
    if (!key.first.empty()) g.year = static_cast<int>(Xapian::sortable_unserialise(key.first));
    g.region = count.region;
    g.sources = count.sources.size();
    g.answers = count.answers;
    g.numbers = count.numbers;
    out.push_back(std::move(g));
  }
  std::sort(out.begin(), out.end(), [](const IndexStats::Group& a, const IndexStats::Group& b) {
    if (a.year != b.year) return unknown_last_less(a.year.value_or(0), b.year.value_or(0), !a.year, !b.year);
    const std::string fa = schema::lowercase(a.region), fb = schema::lowercase(b.region);
    return unknown_last_less(fa, fb, fa.empty(), fb.empty());
  });
  return out;
}

}  // namespace

// Cost: one pass over every document's values (no document data is
// decoded), plus one metadata key per source file.
IndexStats IndexReader::stats() const {
  return impl_->run([&](Xapian::Database& db, std::vector<Xapian::Database>& parts) {
    IndexStats s;
    GroupCounts groups;
    s.answers = count_documents(db, schema::kKindAnswer, true, groups);
    s.numbers = count_documents(db, schema::kKindNumber, false, groups);
    for (Xapian::Database& part : parts) s.documents += count_files(part, groups);
    s.by_year_region = sorted_groups(groups);
    return s;
  });
}

std::vector<SourceSummary> IndexReader::source_summaries() const {
  return impl_->run([&](Xapian::Database&, std::vector<Xapian::Database>& parts) {
    std::map<std::string, SourceSummary> by_name;
    const std::string prefix(schema::kMetaSourcePrefix);
    for (Xapian::Database& part : parts)
      for (auto k = part.metadata_keys_begin(prefix); k != part.metadata_keys_end(prefix); ++k) {
        const std::string name = (*k).substr(prefix.size());
        nlohmann::json j = nlohmann::json::parse(part.get_metadata(schema::origin_key(name)), nullptr, false);
        SourceSummary s = source_summary_from_json(j);
        s.source = name;
        if (s.path.empty()) s.path = part.get_metadata(schema::path_key(name));
        by_name[name] = std::move(s);
      }
    std::vector<SourceSummary> out;
    for (auto& [name, s] : by_name) out.push_back(std::move(s));
    return out;
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
