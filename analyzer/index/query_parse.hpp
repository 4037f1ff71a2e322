#pragma once
// Internal to the index stage (includes <xapian.h>): a search query's text
// as a Xapian::Query, its fields checked against the index.
//
// In:  the query text (checked for size before), the database, the theme
//      resolver of the request (SearchRequest::resolve_theme).
// Out: the parsed query, the theme ids its tema: fields name; or the first
//      error: a field name the parser does not know (with the fields and a
//      "did you mean"), a field value no record of the index has (with the
//      values it has), a theme the resolver refuses, a year or year range
//      that is no year of the index, or text the parser cannot read.
// Fields (query_text.hpp): år/year (a year, or Y1..Y2 with either end
// open), region, respondenttyp, tema/theme, fråga/question; each a filter:
// it gives no weight. A value is compared as the writer stores it (region,
// question and type case-folded).
// Cost: the parse, plus a term look-up per field value and, for an
// unknown value, one pass over that field's terms (to list them).

#include <xapian.h>

#include <functional>
#include <string>
#include <vector>

#include "analyzer/core/diagnostic.hpp"
#include "analyzer/index/index.hpp"

namespace analyzer::query_parse {

struct ParsedQuery {
  Xapian::Query query;               // MatchAll for a query of filters only
  std::vector<std::string> themes;   // theme ids of its tema: fields, in order
};

Result<ParsedQuery> parse(const Xapian::Database& db, const std::string& query,
                          const std::function<Result<std::string>(const std::string&)>& resolve_theme);

// The query with each unknown free word corrected (SearchResults::suggestion),
// or empty. A word is unknown when no document has its "Z" stem; its
// correction is Xapian's spelling suggestion (edit distance at most 2) over
// the spelling data the writer adds (lower-cased words). Cost: a term
// look-up per word, a spelling look-up per unknown word.
std::string spelling_suggestion(const Xapian::Database& db, const std::string& query);

}  // namespace analyzer::query_parse
