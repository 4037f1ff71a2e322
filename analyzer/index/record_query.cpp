// A RecordFilter as boolean clauses and queries (record_query.hpp).

#include "analyzer/index/record_query.hpp"

#include <algorithm>

#include "analyzer/core/json_checker.hpp"
#include "analyzer/index/schema.hpp"

namespace analyzer::record_query {

Clauses filter_clauses(std::string_view kind, const RecordFilter& f) {
  Clauses clauses{{schema::filter_term(schema::kKind, kind)}};
  if (kind == schema::kKindAnswer && f.include_decisions)
    clauses.front().push_back(schema::filter_term(schema::kKind, schema::kKindDecision));
  auto field = [&](std::string_view prefix, const std::string& value) {
    clauses.push_back({schema::filter_term(prefix, value)});
  };
  if (f.year) field(schema::kYear, std::to_string(*f.year));
  if (!f.region.empty()) field(schema::kRegion, schema::lowercase(f.region));
  if (f.respondent_type) field(schema::kRespondentType, to_string(*f.respondent_type));
  if (!f.question.empty()) field(schema::kQuestion, schema::lowercase(f.question));
  if (!f.source.empty()) field(schema::kSource, f.source);
  if (!f.theme.empty()) field(schema::kTheme, f.theme);
  return clauses;
}

std::vector<std::string> year_range_clause(const Xapian::Database& db, std::optional<int> from,
                                           std::optional<int> to) {
  std::vector<std::string> years;
  const std::string prefix(schema::kYear);
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    const std::string digits = (*t).substr(prefix.size());
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
      continue;
    const int y = std::stoi(digits);
    if ((!from || y >= *from) && (!to || y <= *to)) years.push_back(*t);
  }
  return years;
}

Xapian::Query to_query(const Clauses& clauses) {
  std::vector<Xapian::Query> all;
  for (const std::vector<std::string>& clause : clauses)
    all.push_back(clause.empty() ? Xapian::Query::MatchNothing
                                 : Xapian::Query(Xapian::Query::OP_OR, clause.begin(), clause.end()));
  return Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end());
}

std::vector<std::string> stored_values(const Xapian::Database& db, std::string_view prefix,
                                       std::string_view not_prefix) {
  std::vector<std::string> values;
  const std::string p(prefix);
  for (auto t = db.allterms_begin(p); t != db.allterms_end(p); ++t) {
    if (!not_prefix.empty() && (*t).rfind(not_prefix, 0) == 0) continue;
    std::string v = (*t).substr(p.size());
    if (!v.empty() && v.front() == ':') v.erase(0, 1);
    values.push_back(std::move(v));
  }
  return values;
}

std::string listed(const std::vector<std::string>& values) {
  constexpr std::size_t kMaxListed = 30;
  std::string out;
  for (std::size_t i = 0; i < values.size() && i < kMaxListed; ++i) out += (i ? ", " : "") + values[i];
  if (values.size() > kMaxListed) out += ", … (" + std::to_string(values.size()) + " in all)";
  return out.empty() ? "none" : out;
}

namespace {

// The source files of `parts` (metadata "source:<name>"), sorted; a file
// that gave no records is one too.
std::vector<std::string> stored_sources(const std::vector<Xapian::Database>& parts) {
  std::vector<std::string> names;
  const std::string prefix(schema::kMetaSourcePrefix);
  for (const Xapian::Database& part : parts)
    for (auto k = part.metadata_keys_begin(prefix); k != part.metadata_keys_end(prefix); ++k)
      names.push_back((*k).substr(prefix.size()));
  std::sort(names.begin(), names.end());
  return names;
}

bool has_source(const std::vector<Xapian::Database>& parts, const std::string& name) {
  return std::any_of(parts.begin(), parts.end(), [&](const Xapian::Database& part) {
    return !part.get_metadata(schema::source_key(name)).empty();
  });
}

}  // namespace

Status check_filter_values(const Xapian::Database& db, const std::vector<Xapian::Database>& parts,
                           const RecordFilter& filter) {
  const auto not_held = [](const std::string& option, const std::string& given, const std::string& folded,
                           const char* plural, const std::vector<std::string>& known, const char* hint) {
    std::string message = "no record of the index has " + option + " " + given;
    if (const std::string near = near_miss(folded, known); !near.empty()) message += " (did you mean " + near + "?)";
    return make_error("", message + "; " + plural + " of the index: " + listed(known), hint);
  };
  const auto held = [&](std::string_view prefix, const std::string& value) {
    return db.term_exists(schema::filter_term(prefix, value));
  };
  if (const std::string region = schema::lowercase(filter.region); !region.empty() && !held(schema::kRegion, region))
    return not_held("--region", filter.region, region, "regions", stored_values(db, schema::kRegion),
                    "give a region the index holds (`analyzer stats` lists them), in any form of its name");
  if (const std::string question = schema::lowercase(filter.question);
      !question.empty() && !held(schema::kQuestion, question))
    return not_held("--question", filter.question, question, "questions", stored_values(db, schema::kQuestion),
                    "give a question as printed in the answers (`analyzer answers` shows them)");
  // A file that gave no records (a blank form) is a source all the same.
  if (!filter.source.empty() && !held(schema::kSource, filter.source) && !has_source(parts, filter.source))
    return not_held("--source", filter.source, filter.source, "source files", stored_sources(parts),
                    "give a file name as `analyzer sources` lists it");
  return {};
}

}  // namespace analyzer::record_query
