#pragma once
// Internal to the index stage (includes <xapian.h>): a RecordFilter
// (index.hpp) as the boolean terms a document must have, for the listing
// reads (IndexReader, through unweighted::documents_with_all) and for
// search (IndexSearcher, as a Xapian::Query) alike.
//
// A filter is a list of clauses: a document passes when it has at least one
// term of every clause (an AND of ORs). The first clause is the document
// kind; then one per field the filter sets, in the order year, region
// (case-folded), respondent type, question (case-folded), source, theme.
// Each field clause holds one term today (schema::filter_term); a year
// range holds every year of the index inside it. Boolean only: no weights.

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/index/index.hpp"

namespace analyzer::record_query {

using Clauses = std::vector<std::vector<std::string>>;

// The clauses of documents of `kind` (schema::kKindAnswer, kKindNumber)
// that pass `filter`; answers include decision records when
// filter.include_decisions. Cost: one term per set field.
Clauses filter_clauses(std::string_view kind, const RecordFilter& filter);

// The year terms of `db` from `from` to `to` (inclusive; either may be
// open), as one clause; empty (matches nothing) when the index holds no
// year in the range. Cost: one pass over the index's year terms.
std::vector<std::string> year_range_clause(const Xapian::Database& db, std::optional<int> from,
                                           std::optional<int> to);

// `clauses` as one boolean query: OP_AND of each clause's OP_OR; an empty
// clause is MatchNothing.
Xapian::Query to_query(const Clauses& clauses);

// The values of the filter terms under `prefix` in `db` (schema.hpp), as
// stored (case-folded where the field is), sorted; terms that start with
// `not_prefix` (a longer prefix sharing its first letters) left out.
// Cost: one pass over the index's terms under `prefix`.
std::vector<std::string> stored_values(const Xapian::Database& db, std::string_view prefix,
                                       std::string_view not_prefix = {});

// "a, b, c": at most the first 30, then ", … (N in all)"; "none" when empty.
std::string listed(const std::vector<std::string>& values);

// Ok when `db` (the union of `parts`) holds each value that `filter` sets
// for region, question and source: a record with it, matched as
// filter_clauses matches (region and question case-folded, source exact),
// or for a source, a file of some part that gave no records (metadata
// "source:<name>": a blank form is a source all the same). Otherwise an
// error for the first value not held, naming the option (`--region
// Hallnd`), the nearest held value ("did you mean halland?") and the values
// held, so that a misspelt filter is not silently an empty listing. Year,
// respondent type and theme are not checked: a year or type without
// records is a true zero, and the theme is checked against the lexicons.
// Cost: one term look-up per set field (and a metadata read per part for
// a source without records); on a miss, one pass over the field's values.
Status check_filter_values(const Xapian::Database& db, const std::vector<Xapian::Database>& parts,
                           const RecordFilter& filter);

}  // namespace analyzer::record_query
