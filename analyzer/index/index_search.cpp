// IndexSearcher: full-text search with facets (index.hpp, schema.hpp).
//
// Query terms: the writer stores only "Z" + Swedish stem, with positions.
// The parser therefore stems every word (STEM_ALL: also phrase words and
// capitalised words, so "mobila team" as a phrase finds "mobila teamen"
// and "SIP" finds "SIP:ar") and puts "Z" before every term of the default
// field (add_prefix("", "Z")), wildcards included: "läkemedels*" expands
// over the stems that start with "läkemedels" ("Zläkemedelsautomat").
//
// Snippets are built in report/ (search_snippets.hpp); each hit carries a
// QueryWordMatcher (query_words.hpp) with the query terms it matched.

#include <xapian.h>

#include <algorithm>
#include <exception>
#include <thread>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <cctype>
#include <set>

#include "analyzer/core/record_json.hpp"
#include "analyzer/index/index.hpp"
#include "analyzer/index/index_databases.hpp"
#include "analyzer/index/query_parse.hpp"
#include "analyzer/index/query_text.hpp"
#include "analyzer/index/query_words.hpp"
#include "analyzer/index/record_query.hpp"
#include "analyzer/index/reopen_retry.hpp"
#include "analyzer/index/schema.hpp"
#include "analyzer/index/unweighted_match.hpp"
#include "analyzer/mask/personal_data.hpp"

namespace analyzer {
namespace {

// The request's filters (and "answers only") as one boolean query.
Xapian::Query filter_query(const Xapian::Database& db, const SearchRequest& r) {
  // Decision parts are searched like answers (they are only left out of counts).
  RecordFilter filter = r.filter;
  filter.include_decisions = true;
  const bool reviewed = !filter.theme.empty() && (!r.theme_left_out.empty() || !r.theme_added.empty());
  if (reviewed) filter.theme.clear();   // the theme clause below
  record_query::Clauses clauses = record_query::filter_clauses(schema::kKindAnswer, filter);
  if (r.year_from || r.year_to) clauses.push_back(record_query::year_range_clause(db, r.year_from, r.year_to));
  Xapian::Query query = record_query::to_query(clauses);
  if (!reviewed) return query;
  const auto any_answer = [](const std::vector<std::string>& ids) {
    std::vector<Xapian::Query> terms;
    for (const std::string& id : ids) terms.emplace_back(schema::answer_id_term(id));
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
  };
  Xapian::Query theme(schema::filter_term(schema::kTheme, r.filter.theme));
  if (!r.theme_left_out.empty()) theme = Xapian::Query(Xapian::Query::OP_AND_NOT, theme, any_answer(r.theme_left_out));
  if (!r.theme_added.empty()) theme = Xapian::Query(Xapian::Query::OP_OR, theme, any_answer(r.theme_added));
  return Xapian::Query(Xapian::Query::OP_AND, query, theme);
}

void copy_counts(const Xapian::ValueCountMatchSpy& spy, std::map<std::string, std::size_t>& out,
                 bool serialised_number) {
  for (auto v = spy.values_begin(); v != spy.values_end(); ++v) {
    if ((*v).empty()) continue;  // unknown
    const std::string key = serialised_number
                                ? std::to_string(static_cast<long long>(Xapian::sortable_unserialise(*v)))
                                : *v;
    out[key] += v.get_termfreq();
  }
}

// Theme facets from the counts of each theme combination (kSlotThemes:
// "mobila_team\nsip"): every theme of a combination gets its count.
void copy_theme_counts(const Xapian::ValueCountMatchSpy& spy, std::map<std::string, std::size_t>& out) {
  for (auto v = spy.values_begin(); v != spy.values_end(); ++v) {
    const std::string themes = *v;
    for (std::size_t begin = 0; begin < themes.size();) {
      std::size_t end = std::min(themes.find('\n', begin), themes.size());
      if (end > begin) out[themes.substr(begin, end - begin)] += v.get_termfreq();
      begin = end + 1;
    }
  }
}

// What a parsed query holds, for its limits (index.hpp, SearchRequest).
struct QuerySize {
  std::size_t words = 0;           // terms and wildcards, field filters included
  std::size_t wildcards = 0;
  std::size_t longest_phrase = 0;  // words of the largest OP_PHRASE or OP_NEAR
};

// Walks the query tree: one visit per node, so its cost is the size of the
// parsed query (bounded by kMaxQueryBytes).
void measure(const Xapian::Query& q, QuerySize& size) {
  const Xapian::Query::op type = q.get_type();
  if (type == Xapian::Query::LEAF_TERM) ++size.words;
  if (type == Xapian::Query::OP_WILDCARD) {
    ++size.words;
    ++size.wildcards;
  }
  const std::size_t n = q.get_num_subqueries();
  const bool phrase = type == Xapian::Query::OP_PHRASE || type == Xapian::Query::OP_NEAR;
  if (phrase) size.longest_phrase = std::max(size.longest_phrase, n);
  for (std::size_t i = 0; i < n; ++i) measure(q.get_subquery(i), size);
}

// True when a '*' stands inside double quotes (Xapian's parser drops it
// there, so "mobila tea*" would look for the word "tea"), or in a word
// beside NEAR or ADJ (the parser then reads NEAR as a word to find:
// "mobila NEAR tea*" becomes mobila AND near AND tea*). Linear.
bool wildcard_in_phrase_text(std::string_view query) {
  bool quoted = false;
  for (const char c : query) {
    if (c == '"') quoted = !quoted;
    else if (c == '*' && quoted) return true;
  }
  std::vector<std::string_view> words;
  for (std::size_t i = 0; i < query.size();) {
    while (i < query.size() && std::isspace(static_cast<unsigned char>(query[i]))) ++i;
    const std::size_t begin = i;
    while (i < query.size() && !std::isspace(static_cast<unsigned char>(query[i]))) ++i;
    if (i > begin) words.push_back(query.substr(begin, i - begin));
  }
  auto is_proximity = [](std::string_view w) {
    return w == "NEAR" || w == "ADJ" || w.substr(0, 5) == "NEAR/" || w.substr(0, 4) == "ADJ/";
  };
  auto has_star = [](std::string_view w) { return w.find('*') != std::string_view::npos; };
  for (std::size_t i = 0; i < words.size(); ++i)
    if (is_proximity(words[i]) && ((i > 0 && has_star(words[i - 1])) || (i + 1 < words.size() && has_star(words[i + 1]))))
      return true;
  return false;
}

// True when every word of `query` outside double quotes is excluded
// ("-sip", "-sip -team"): Xapian 1.4 then matches the excluded words
// instead of everything but them. Linear in the query.
bool only_excluded_words(std::string_view query) {
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < query.size();) {
    if (query[i] == '"') quoted = !quoted;
    if (quoted || query[i] == '"' || std::isspace(static_cast<unsigned char>(query[i]))) {
      ++i;
      continue;
    }
    if (query[i] != '-' || i + 1 == query.size() || std::isspace(static_cast<unsigned char>(query[i + 1])))
      return false;
    any = true;
    while (i < query.size() && !std::isspace(static_cast<unsigned char>(query[i])) && query[i] != '"') ++i;
  }
  return any && !quoted;
}

// Fails with the first limit `query` breaks. The limits (index.hpp) bound
// the work of a query; measured without them, 2,400 one-letter wildcards
// OR-ed ran over 300 s and 2 GB, a 12,000-word NEAR 33 s, a 20,000-word
// phrase 12 s.
Status within_limits(const Xapian::Query& query, std::string_view text) {
  QuerySize size;
  measure(query, size);
  auto refuse = [&](const std::string& what, std::size_t limit, const std::string& hint) {
    return make_error("", "the query is too large: " + what + " (at most " + std::to_string(limit) + ")", hint);
  };
  if (size.words > kMaxQueryWords)
    return refuse(std::to_string(size.words) + " words", kMaxQueryWords, "search with fewer words, or several queries");
  if (size.longest_phrase > kMaxPhraseWords)
    return refuse("a phrase or NEAR group of " + std::to_string(size.longest_phrase) + " words", kMaxPhraseWords,
                  "quote a shorter phrase");
  if (size.wildcards > kMaxQueryWildcards)
    return refuse(std::to_string(size.wildcards) + " wildcards", kMaxQueryWildcards,
                  "use fewer wildcards, with longer prefixes");
  // Xapian 1.4's parser never puts a wildcard under OP_PHRASE or OP_NEAR:
  // it drops or misreads it, so the query text tells.
  if (wildcard_in_phrase_text(text))
    return make_error("", "a wildcard inside a phrase or NEAR group is not supported (it would find nothing)",
                      "write the word out (\"mobila team\", mobila NEAR/3 team), or search the wildcard "
                      "outside the phrase (mobila tea*)");
  return {};
}

}  // namespace

// The distinct facet values (kSlotFacets: year, region, type and themes of
// an answer in one value), each with a small code; the values are split
// into facets once per distinct combination (a few thousand in a national
// archive), not once per match.
class FacetCodes {
 public:
  std::uint32_t code(const std::string& value) {
    auto [it, fresh] = code_of_.emplace(value, static_cast<std::uint32_t>(keys_.size()));
    if (fresh) keys_.push_back(decode(value));
    return it->second;
  }
  std::size_t size() const { return keys_.size(); }

  // Adds `counts[code]` (per code) into the facet maps of `out`.
  void add_counts(const std::vector<std::size_t>& counts, SearchResults& out) const {
    for (std::size_t c = 0; c < counts.size() && c < keys_.size(); ++c) {
      if (counts[c] == 0) continue;
      const Key& k = keys_[c];
      if (!k.year.empty()) out.by_year[k.year] += counts[c];
      if (!k.region.empty()) out.by_region[k.region] += counts[c];
      if (!k.type.empty()) out.by_respondent_type[k.type] += counts[c];
      for (const std::string& t : k.themes) out.by_theme[t] += counts[c];
    }
  }

 private:
  struct Key {
    std::string year, region, type;
    std::vector<std::string> themes;
  };

  static Key decode(const std::string& value) {
    Key k;
    std::string* fields[] = {&k.year, &k.region, &k.type};
    std::size_t begin = 0;
    for (std::string* field : fields) {
      std::size_t end = std::min(value.find(schema::kFacetSeparator, begin), value.size());
      *field = value.substr(begin, end - begin);
      begin = std::min(end + 1, value.size());
    }
    while (begin < value.size()) {
      std::size_t end = std::min(value.find('\n', begin), value.size());
      if (end > begin) k.themes.push_back(value.substr(begin, end - begin));
      begin = end + 1;
    }
    return k;
  }

  std::unordered_map<std::string, std::uint32_t> code_of_;
  std::vector<Key> keys_;  // code → facet values
};

// One local database opened a second time for counting facets in a thread
// of its own, with the facet code of each of its documents (read once from
// the kSlotFacets value stream: 4 bytes per document).
struct FacetShard {
  Xapian::Database db;
  std::vector<std::uint32_t> code_of_doc;  // local document id → code; kNoFacet without a value
  static constexpr std::uint32_t kNoFacet = 0xFFFFFFFF;

  FacetShard(const std::string& path, FacetCodes& codes) : db(path) {
    code_of_doc.assign(static_cast<std::size_t>(db.get_lastdocid()) + 1, kNoFacet);
    for (auto v = db.valuestream_begin(schema::kSlotFacets); v != db.valuestream_end(schema::kSlotFacets); ++v)
      code_of_doc[v.get_docid()] = codes.code(*v);
  }
};

// Counts the matches of one FacetShard per facet code: one array read per match.
class FacetSpy : public Xapian::MatchSpy {
 public:
  FacetSpy(const FacetShard& shard, std::size_t codes) : shard_(shard), counts_(codes, 0) {}
  void operator()(const Xapian::Document& doc, double) override {
    const Xapian::docid did = doc.get_docid();
    if (did < shard_.code_of_doc.size() && shard_.code_of_doc[did] != FacetShard::kNoFacet)
      ++counts_[shard_.code_of_doc[did]];
  }
  const std::vector<std::size_t>& counts() const { return counts_; }

 private:
  const FacetShard& shard_;
  std::vector<std::size_t> counts_;
};

// Counts every match of `query` on each shard, in parallel (one thread per
// shard), without weighting: the exact number of matches and the facets.
std::size_t count_facets(std::vector<FacetShard>& shards, const FacetCodes& codes, const Xapian::Query& query,
                         SearchResults& out) {
  std::vector<std::vector<std::size_t>> counts(shards.size());
  std::vector<std::size_t> totals(shards.size(), 0);
  std::vector<std::exception_ptr> errors(shards.size());
  // Xapian objects share reference-counted internals without atomic counts:
  // each thread gets its own copy of the query, rebuilt from its serialised
  // form, and its own database object (FacetShard).
  const std::string serialised = query.serialise();
  auto count = [&](std::size_t k) {
    try {
      Xapian::Enquire enquire(shards[k].db);
      enquire.set_query(Xapian::Query::unserialise(serialised));
      // Not BoolWeight: Xapian 1.4.22 then throws after a re-ingest when a
      // query term is in every document (unweighted_match.hpp).
      enquire.set_weighting_scheme(unweighted::MatchingWithoutWeight());
      FacetSpy spy(shards[k], codes.size());
      enquire.add_matchspy(&spy);
      const Xapian::MSet mset = enquire.get_mset(0, 0, shards[k].db.get_doccount());
      totals[k] = mset.get_matches_estimated();
      counts[k] = spy.counts();
    } catch (...) {
      errors[k] = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t k = 1; k < shards.size(); ++k) threads.emplace_back(count, k);
  if (!shards.empty()) count(0);
  for (std::thread& t : threads) t.join();
  std::size_t total = 0;
  for (std::size_t k = 0; k < shards.size(); ++k) {
    if (errors[k]) std::rethrow_exception(errors[k]);
    total += totals[k];
    codes.add_counts(counts[k], out);
  }
  return total;
}

// IndexSearcher is a class of its own beside IndexReader because
// IndexReader's state is private to index_reader.cpp; open() goes through
// IndexReader::open, so a missing or foreign index gets the same Diagnostic.
struct IndexSearcher::Impl {
  index_layout::OpenedIndex index;
  // Local databases only: opened again at the first search, with their
  // facet codes; dropped when the index is reopened.
  FacetCodes facet_codes;
  std::vector<FacetShard> facet_shards;

  Result<SearchResults> search(const SearchRequest& r) {
    Xapian::Database& db = index.db;
    if (Status known = record_query::check_filter_values(db, index.parts, r.filter); !known.ok()) return std::move(known).error();
    Result<query_parse::ParsedQuery> text = parse(db, r.query, r);
    if (!text.ok()) return text.error();
    SearchResults out;
    out.snippet_themes = text.value().themes;
    if (!r.filter.theme.empty()) out.snippet_themes.push_back(r.filter.theme);
    Xapian::Query matching = text.value().query;
    for (const ThemeName& t : theme_expansions(db, r, matching))
      if (std::find(out.also_themes.begin(), out.also_themes.end(), t) == out.also_themes.end()) {
        out.also_themes.push_back(t);
        out.snippet_themes.push_back(t.id);
      }
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, matching, filter_query(db, r)));
    // Equal scores in source file order, not in document id order: ids
    // depend on which shard a file went to, and the order must not. Within
    // a file, ids follow the text (a file's documents all live in one shard,
    // added in text order). A value sort, not a KeyMaker: the remote backend
    // supports only the former.
    enquire.set_sort_by_relevance_then_value(schema::kSlotSource, false);
    Xapian::MSet mset;
    try {
      mset = index.any_remote ? match_remote(enquire, r, out) : match_local(enquire, r, out);
    } catch (const Xapian::WildcardError& e) {
      return make_error("", "cannot run the query \"" + r.query + "\": " + e.get_msg(),
                        "a wildcard matches more than " + std::to_string(kMaxWildcardExpansion) +
                            " words; give it a longer prefix");
    }
    add_hits(enquire, mset, r.query, out);
    try {
      out.suggestion = query_parse::spelling_suggestion(db, r.query);
    } catch (const Xapian::UnimplementedError&) {
      // A remote database keeps no spelling data: no suggestion.
    }
    return out;
  }

  // The query text parsed (query_parse.hpp), checked against the limits
  // (index.hpp); a query of filters only matches everything they let through.
  static Result<query_parse::ParsedQuery> parse(const Xapian::Database& db, const std::string& query,
                                                const SearchRequest& r) {
    if (query.size() > kMaxQueryBytes)
      return make_error("", "the query is too large: " + std::to_string(query.size()) + " bytes (at most " +
                                std::to_string(kMaxQueryBytes) + ")",
                        "search with fewer words, or several queries");
    if (only_excluded_words(query))
      return make_error("", "the query only excludes words (\"" + query + "\"): there is nothing to search for",
                        "add a word to find, e.g. \"team " + query + "\", or a filter such as år:2022");
    Result<query_parse::ParsedQuery> parsed = query_parse::parse(db, query, r.resolve_theme);
    if (!parsed.ok()) return parsed;
    if (Status limits = within_limits(parsed.value().query, query); !limits.ok()) return std::move(limits).error();
    return parsed;
  }

  // Adds to `matching`, for each theme of r.theme_words, the answers that
  // mention the theme and match the query without the theme's words; the
  // themes added. Nothing for a query with operators or brackets, whose
  // rest could read otherwise ("\"fast vårdkontakt\" OR x" without the
  // phrase is "OR x"), nor for a rest that cannot be parsed.
  static std::vector<ThemeName> theme_expansions(const Xapian::Database& db, const SearchRequest& r,
                                                 Xapian::Query& matching) {
    std::vector<ThemeName> added;
    if (scan_query(r.query).has_operators) return added;  // the rest of such a query may read otherwise
    for (const SearchRequest::ThemeWords& t : r.theme_words) {
      if (t.span.end > r.query.size() || t.span.empty()) continue;
      const std::string rest = without_spans(r.query, {t.span});
      Xapian::Query rest_query = Xapian::Query::MatchAll;
      if (rest.find_first_not_of(" \t\n\r") != std::string::npos) {
        Result<query_parse::ParsedQuery> parsed = query_parse::parse(db, rest, r.resolve_theme);
        if (!parsed.ok()) continue;
        rest_query = parsed.value().query;
      }
      const Xapian::Query theme(schema::filter_term(schema::kTheme, t.theme.id));
      matching = Xapian::Query(Xapian::Query::OP_OR, matching,
                               Xapian::Query(Xapian::Query::OP_FILTER, rest_query, theme));
      added.push_back(t.theme);
    }
    return added;
  }

  // With a remote database: Xapian's own spies, which also run inside
  // xapian-tcpsrv: four value reads per match, every match visited by the
  // ranking match.
  Xapian::MSet match_remote(Xapian::Enquire& enquire, const SearchRequest& r, SearchResults& out) {
    Xapian::ValueCountMatchSpy years(schema::kSlotYear), regions(schema::kSlotRegion),
        types(schema::kSlotRespondentType), themes(schema::kSlotThemes);
    for (Xapian::MatchSpy* spy : std::initializer_list<Xapian::MatchSpy*>{&years, &regions, &types, &themes})
      enquire.add_matchspy(spy);
    Xapian::MSet mset = enquire.get_mset(r.offset, r.limit, index.db.get_doccount());
    enquire.clear_matchspies();
    out.total = mset.get_matches_estimated();
    copy_counts(years, out.by_year, true);
    copy_counts(regions, out.by_region, false);
    copy_counts(types, out.by_respondent_type, false);
    copy_theme_counts(themes, out.by_theme);
    return mset;
  }

  // Local: the exact count and the facets from an unweighted match per
  // shard in parallel; the page from a ranking match that may stop early.
  Xapian::MSet match_local(Xapian::Enquire& enquire, const SearchRequest& r, SearchResults& out) {
    if (facet_shards.empty())
      for (const std::string& path : index.part_paths) facet_shards.emplace_back(path, facet_codes);
    out.total = count_facets(facet_shards, facet_codes, enquire.get_query(), out);
    return enquire.get_mset(r.offset, r.limit);
  }

  // The hits of the page, each with the query terms it matched.
  static void add_hits(const Xapian::Enquire& enquire, const Xapian::MSet& mset, const std::string& query,
                       SearchResults& out) {
    const std::vector<std::string> prefixes = wildcard_prefixes(query);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      SearchHit hit;
      hit.answer = answer_from_json(nlohmann::json::parse(it.get_document().get_value(schema::kSlotRecord)));
      hit.percent = it.get_percent();
      hit.weight = it.get_weight();
      auto words = std::make_shared<QueryWordMatcher::Impl>();
      words->prefixes = prefixes;
      words->terms.insert(enquire.get_matching_terms_begin(it), enquire.get_matching_terms_end(it));
      hit.matcher = QueryWordMatcher(std::move(words));
      out.hits.push_back(std::move(hit));
    }
  }
};

IndexSearcher::IndexSearcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexSearcher::~IndexSearcher() = default;

Result<std::unique_ptr<IndexSearcher>> IndexSearcher::open(const std::vector<std::string>& locations) {
  auto opened = index_layout::open_for_reading(locations);
  if (!opened.ok()) return opened.error();
  auto impl = std::make_unique<Impl>(Impl{std::move(opened).value(), FacetCodes(), {}});
  return std::unique_ptr<IndexSearcher>(new IndexSearcher(std::move(impl)));
}

Status refuse_personal_data_query(const std::string& query) {
  // A word with an '@' in it is (a part of) an e-mail address, whole or
  // not: "anna@falun*" would find the answers holding anna@falun.se.
  auto word_byte = [](char c) {
    return static_cast<unsigned char>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_';
  };
  bool at_in_word = false;
  for (std::size_t at = query.find('@'); at != std::string::npos && !at_in_word; at = query.find('@', at + 1))
    at_in_word = (at > 0 && word_byte(query[at - 1])) || (at + 1 < query.size() && word_byte(query[at + 1]));
  if (!at_in_word && mask_personal_data(query, {}) == query) return {};
  return make_error("", "the query holds a personal identity number, e-mail address or phone number: search never "
                        "looks up personal data, so that the answers holding it are not shown",
                    "search for other words of the answer");
}

Result<SearchResults> IndexSearcher::search(const SearchRequest& request) const {
  if (Status s = refuse_personal_data_query(request.query); !s.ok()) return std::move(s).error();
  return index_layout::read_with_retry(
      impl_->index, [&] { return impl_->search(request); }, [&] { impl_->facet_shards.clear(); });
}

}  // namespace analyzer
