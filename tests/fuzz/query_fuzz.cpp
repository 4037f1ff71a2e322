// Fuzz target: search query parsing and matching (IndexSearcher::search,
// which runs Xapian's QueryParser as analyzer configures it), for any query
// of up to 4 KB, over an index of corpora/ ingested once at startup into a
// temporary folder (removed at exit). A query either gives results (hits
// within the page size, no more than the total) or an error that says
// what is wrong; it never throws.
//
// The cap is 4 KB, above the search's own limit of 1,024 bytes, so that
// the refusal of longer queries is fuzzed too; terms, phrase length and
// wildcard expansion are bounded by the search itself (issue 11, item 10).

#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "analyzer/index/index.hpp"
#include "analyzer/ingest/ingest.hpp"
#include "analyzer/lexicon/lexicon.hpp"
#include "analyzer/match/lexicon_matcher.hpp"
#include "analyzer/report/search_snippets.hpp"
#include "tests/fuzz/fuzz_input.hpp"

using analyzer::fuzz::require;

namespace {

std::string index_dir;

void remove_index() {
  std::error_code ignored;
  std::filesystem::remove_all(index_dir, ignored);
}

const analyzer::IndexSearcher& corpora_searcher() {
  static const std::unique_ptr<analyzer::IndexSearcher> searcher = [] {
    std::string templ = (std::filesystem::temp_directory_path() / "analyzer-query-fuzz-XXXXXX").string();
    require(mkdtemp(templ.data()) != nullptr, "cannot create a temporary folder");
    index_dir = templ;
    std::atexit(remove_index);

    analyzer::IngestOptions options;
    options.index_dir = index_dir + "/index";
    options.shards = 1;
    analyzer::LexiconLoad load = analyzer::load_lexicons({ANALYZER_LEXICONS});
    require(load.ok(), "the shipped lexicons load");
    analyzer::Result<analyzer::LexiconMatcher> matcher = analyzer::LexiconMatcher::build(load.lexicons);
    require(matcher.ok(), "the shipped lexicons compile");
    options.lexicons = std::move(matcher.value());
    const analyzer::IngestSummary summary = analyzer::ingest({ANALYZER_CORPORA}, options);
    require(!summary.any_error() && summary.answers_added() > 0, "corpora/ ingests");

    analyzer::Result<std::unique_ptr<analyzer::IndexSearcher>> s =
        analyzer::IndexSearcher::open(options.index_dir);
    require(s.ok(), "the index opens for search");
    return std::move(s.value());
  }();
  return *searcher;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  analyzer::fuzz::Input in = analyzer::fuzz::capped(data, size, 4096);
  if (!in.ok) return 0;

  analyzer::SearchRequest request;
  request.query = std::string(in.bytes);
  request.limit = 5;
  analyzer::Result<analyzer::SearchResults> results = corpora_searcher().search(request);
  if (results.ok()) {
    analyzer::add_search_snippets(results.value());  // snippets as `analyzer search` builds them
    require(results.value().hits.size() <= request.limit, "no more hits than the page");
    require(results.value().hits.size() <= results.value().total, "no more hits than the total");
  } else {
    require(!results.error().message.empty(), "a query error says what is wrong");
  }
  return 0;
}
