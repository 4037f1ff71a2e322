#pragma once
// Internal to the index stage (includes <xapian.h>): the state behind a
// QueryWordMatcher (index.hpp), which IndexSearcher fills per hit.

#include <xapian.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/index/index.hpp"

namespace analyzer {

struct QueryWordMatcher::Impl {
  std::set<std::string> terms;        // query terms the hit matched: "team", "Zteam"
  std::vector<std::string> prefixes;  // the query's wildcard prefixes, lower-cased
  Xapian::Stem stem{"swedish"};

  // Whether the lower-cased word `lower` matches (index.hpp).
  bool matches_lower(const std::string& lower) const;
};

// The prefixes of the trailing wildcards of `query` ("läkemedels*" gives
// "läkemedels"), lower-cased, in order. Linear in the query.
std::vector<std::string> wildcard_prefixes(std::string_view query);

}  // namespace analyzer
