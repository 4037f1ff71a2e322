// A RecordFilter as boolean clauses and queries (record_query.hpp).

#include "analyzer/index/record_query.hpp"

#include <algorithm>

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

}  // namespace analyzer::record_query
