// tests/bench/search_latency: how long analyzer's search and full theme
// report take on an existing index, beside a plain-Xapian peer in the same
// run (issue 5, "Scale and speed"). A benchmark, not a test: it reports
// figures and asserts nothing about them. See tests/bench/README.md.
//
//   analyzer  IndexSearcher::search(SearchRequest{query, filters, limit 10}):
//             what `analyzer search` runs: QueryParser, the match, facets
//             over every match, snippets of the 10 hits (their stored records
//             decoded).
//   peer      the same query string through plain Xapian: QueryParser with
//             the Swedish stemmer, stems under "Z" and the field names of
//             index/index_search.cpp mapped to the same filter terms, the
//             request's filters as the same boolean terms, Enquire top 10 by
//             BM25. No facets, no snippets, no stored record read.
//   report    theme_report_from_index(): the data path of `analyzer report
//             --by year,region` (every theme of the loaded lexicons, no
//             filter); printing and process start are not included.
//
// Order: one untimed check pass (both sides, the peer counting its matches
// exactly, so that a peer that matches something else is reported), then
// --warmup rounds (timed, thrown away), then --rounds rounds of the whole
// mix; in each round every query runs once on each side, analyzer first in
// even rounds and the peer first in odd ones. Percentiles are nearest-rank
// over all timed runs: p-th = the ceil(p/100 * n)-th smallest.
//
// A query of the mix whose field value the index does not hold
// ("region:Halland" on a corpus without Halland) is skipped, with a line
// saying so: search refuses it.
// Exit status: 0 measured; 2 usage error, no index, no lexicons, or a query
// of the mix that one side cannot run.

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/index/index.hpp"
#include "analyzer/index/schema.hpp"
#include "analyzer/lexicon/lexicon.hpp"
#include "analyzer/report/report_from_index.hpp"
#include "analyzer/report/search_snippets.hpp"

namespace {

using namespace analyzer;
using Clock = std::chrono::steady_clock;
using Json = nlohmann::ordered_json;   // keys in the order written

constexpr const char* kHelp = R"(Usage: search_latency --index DIR [OPTIONS]

Search latency of analyzer (IndexSearcher::search, limit 10, facets and
snippets, as `analyzer search`) beside plain Xapian (QueryParser + Enquire
top 10, no facets, no snippets) on a fixed mix of queries, both in this run
on the same index; and the time of a full theme report (every theme of the
loaded lexicons by year,region, no filter, as `analyzer report --by
year,region` builds it, without printing).

Options:
  --index DIR        analyzer index to search (required; `analyzer ingest`)
  --rounds N         timed rounds of the whole query mix (default 20)
  --warmup N         untimed rounds before them (default 1)
  --report-runs N    timed full reports, after one untimed (default 3)
  --lexicons DIR     theme lexicons (default: as analyzer finds them)
  --json             print one JSON object instead of the tables
  --help             this help

Exit status: 0 measured; 2 usage error, no index, or a query that fails.
)";

struct Options {
  std::string index;
  std::string lexicons;
  int rounds = 20;
  int warmup = 1;
  int report_runs = 3;
  bool json = false;
};

// printf into a std::string (GCC 12 has no <format>).
std::string fmt(const char* format, ...) __attribute__((format(printf, 1, 2)));
std::string fmt(const char* format, ...) {
  char buf[512];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buf, sizeof buf, format, args);
  va_end(args);
  return buf;
}

// `s` padded with spaces to `width` characters (UTF-8 code points, so that
// "hemsjukvård" lines up).
std::string pad(const std::string& s, std::size_t width) {
  const auto chars = static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  return chars >= width ? s : s + std::string(width - chars, ' ');
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// ---------------------------------------------------------------- the query mix

struct MixQuery {
  std::string category;
  SearchRequest request;   // limit 10, as `analyzer search` shows

  // The query as `analyzer search` would be given it, options included.
  std::string label() const {
    std::string s = request.query;
    if (request.year_from || request.year_to)
      s += "  --year " + (request.year_from ? std::to_string(*request.year_from) : "") + ".." +
           (request.year_to ? std::to_string(*request.year_to) : "");
    if (!request.filter.region.empty()) s += "  --region " + request.filter.region;
    return s;
  }
};

// The fixed mix, in category order. The peer implements the request filters
// used here (a closed year range, a region); a new kind of filter needs the
// peer taught first (PlainXapian::filter).
std::vector<MixQuery> query_mix() {
  auto q = [](const char* category, const char* query) {
    MixQuery m{category, {}};
    m.request.query = query;
    m.request.limit = 10;
    return m;
  };
  std::vector<MixQuery> mix = {
      q("word", "hemsjukvård"),
      q("word", "samverkan"),
      q("word", "team"),
      q("phrase", "\"mobila team\""),
      q("phrase", "\"fast vårdkontakt\""),
      q("phrase", "\"samordnad individuell plan\""),
      q("boolean", "SIP AND hemsjukvård"),
      q("boolean", "hemsjukvård OR hemtjänst"),
      q("boolean", "samverkan NOT SIP"),
      q("near", "mobila NEAR team"),
      q("near", "SIP NEAR/5 samordnad"),
      q("wildcard", "läkemedels*"),
      q("wildcard", "digital*"),
      q("field", "år:2022 hemsjukvård"),
      q("field", "region:Halland samverkan"),
      q("field", "region:\"Västra Götaland\" SIP"),
      q("field", "respondenttyp:kommun team"),
      q("field", "fråga:5a"),
      q("theme", "tema:sip"),
      q("theme", "tema:mobila_team hemsjukvård"),
  };
  MixQuery range = q("request filter", "samverkan");
  range.request.year_from = 2020;
  range.request.year_to = 2022;
  MixQuery region = q("request filter", "hemsjukvård");
  region.request.filter.region = "Halland";
  MixQuery both = q("request filter", "team");
  both.request.year_from = 2021;
  both.request.year_to = 2024;
  both.request.filter.region = "Stockholm";
  mix.insert(mix.end(), {range, region, both});
  return mix;
}

// ---------------------------------------------------------------- the peer

// "region:Halland" → the index's filter term ("XRhalland"), the value folded
// where the writer folds it (schema.hpp).
struct FieldTerm : Xapian::FieldProcessor {
  FieldTerm(std::string_view p, bool f) : prefix(p), fold(f) {}
  Xapian::Query operator()(const std::string& v) override {
    return Xapian::Query(schema::filter_term(prefix, fold ? schema::lowercase(v) : v));
  }
  std::string prefix;
  bool fold;
};

// A lean Xapian application over the same database: one QueryParser made
// once, Enquire top 10 by BM25 (Xapian's default), nothing else.
class PlainXapian {
 public:
  explicit PlainXapian(const std::string& dir) : db_(dir) {
    parser_.set_database(db_);
    parser_.set_stemmer(Xapian::Stem("swedish"));
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_ALL);
    parser_.add_prefix("", std::string(schema::kStemmed));
    parser_.set_default_op(Xapian::Query::OP_AND);
    for (auto [name, prefix, fold] : {std::tuple{"år", schema::kYear, false},
                                      {"region", schema::kRegion, true},
                                      {"respondenttyp", schema::kRespondentType, true},
                                      {"tema", schema::kTheme, true},
                                      {"fråga", schema::kQuestion, true}})
      parser_.add_boolean_prefix(name, (new FieldTerm(prefix, fold))->release());
  }

  // The top 10 of `r`; returns the matches, estimated as Xapian does by
  // default or, with `exact`, counted (for the check pass only).
  std::size_t search(const SearchRequest& r, bool exact) {
    constexpr unsigned flags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                               Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
                               Xapian::QueryParser::FLAG_BOOLEAN_ANY_CASE;
    Xapian::Query text = parser_.parse_query(r.query, flags);
    if (text.empty()) text = Xapian::Query::MatchAll;
    Xapian::Enquire enquire(db_);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, text, filter(r)));
    const Xapian::MSet mset = enquire.get_mset(r.offset, r.limit, exact ? db_.get_doccount() : 0);
    return mset.get_matches_estimated();
  }

 private:
  // Answers only, and the request's filters, as the same boolean terms.
  static Xapian::Query filter(const SearchRequest& r) {
    const RecordFilter& f = r.filter;
    if (r.year_from.has_value() != r.year_to.has_value() || f.year || f.respondent_type || !f.question.empty() ||
        !f.source.empty() || !f.theme.empty())
      throw std::logic_error("the peer does not implement the filters of \"" + r.query + "\"");
    std::vector<Xapian::Query> all{Xapian::Query(schema::filter_term(schema::kKind, schema::kKindAnswer))};
    if (r.year_from && r.year_to) {
      std::vector<Xapian::Query> years;
      for (int y = *r.year_from; y <= *r.year_to; ++y) years.emplace_back(schema::filter_term(schema::kYear, std::to_string(y)));
      all.emplace_back(Xapian::Query::OP_OR, years.begin(), years.end());
    }
    if (!f.region.empty()) all.emplace_back(schema::filter_term(schema::kRegion, schema::lowercase(f.region)));
    return Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end());
  }

  Xapian::Database db_;
  Xapian::QueryParser parser_;
};

// ---------------------------------------------------------------- figures

struct Percentiles {
  std::size_t runs = 0;
  double p50 = 0, p95 = 0, p99 = 0, max = 0;
};

Percentiles percentiles(std::vector<double> ms) {
  Percentiles p;
  p.runs = ms.size();
  if (ms.empty()) return p;
  std::sort(ms.begin(), ms.end());
  auto rank = [&](double pct) {
    const auto k = static_cast<std::size_t>(std::ceil(pct / 100.0 * static_cast<double>(ms.size())));
    return ms[std::clamp<std::size_t>(k, 1, ms.size()) - 1];
  };
  p.p50 = rank(50);
  p.p95 = rank(95);
  p.p99 = rank(99);
  p.max = ms.back();
  return p;
}

struct QueryFigures {
  const MixQuery* query = nullptr;
  std::size_t matches = 0;        // analyzer's total (exact)
  std::size_t peer_matches = 0;   // the peer's, counted exactly in the check pass
  std::vector<double> analyzer_ms, peer_ms;
};

struct ReportFigures {
  std::size_t themes = 0, rows = 0, answers = 0;
  std::vector<double> ms;         // the timed runs, in run order
};

// One line of the latency table, for a category or all queries.
struct Line {
  std::string name;
  Percentiles analyzer, peer;
};

std::vector<Line> latency_lines(const std::vector<QueryFigures>& figures) {
  std::vector<Line> lines;
  std::map<std::string, std::size_t> at;   // category → index in `lines`
  std::vector<std::vector<double>> a, p;
  std::vector<double> all_a, all_p;
  for (const QueryFigures& f : figures) {
    auto [it, added] = at.emplace(f.query->category, lines.size());
    if (added) {
      lines.push_back({f.query->category, {}, {}});
      a.emplace_back();
      p.emplace_back();
    }
    a[it->second].insert(a[it->second].end(), f.analyzer_ms.begin(), f.analyzer_ms.end());
    p[it->second].insert(p[it->second].end(), f.peer_ms.begin(), f.peer_ms.end());
    all_a.insert(all_a.end(), f.analyzer_ms.begin(), f.analyzer_ms.end());
    all_p.insert(all_p.end(), f.peer_ms.begin(), f.peer_ms.end());
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    lines[i].analyzer = percentiles(a[i]);
    lines[i].peer = percentiles(p[i]);
  }
  lines.push_back({"all", percentiles(all_a), percentiles(all_p)});
  return lines;
}

double ratio(double a, double b) { return b > 0 ? a / b : 0; }

double median(std::vector<double> v) { return percentiles(std::move(v)).p50; }

// ---------------------------------------------------------------- output

Json to_json(const Percentiles& p) {
  return {{"runs", p.runs}, {"p50_ms", p.p50}, {"p95_ms", p.p95}, {"p99_ms", p.p99}, {"max_ms", p.max}};
}

Json to_json(const Line& l) {
  return {{"name", l.name},
          {"analyzer", to_json(l.analyzer)},
          {"peer", to_json(l.peer)},
          {"ratio", {{"p50", ratio(l.analyzer.p50, l.peer.p50)},
                     {"p95", ratio(l.analyzer.p95, l.peer.p95)},
                     {"p99", ratio(l.analyzer.p99, l.peer.p99)},
                     {"max", ratio(l.analyzer.max, l.peer.max)}}}};
}

void print_json(const Options& o, std::size_t answers, const std::vector<QueryFigures>& figures,
                const ReportFigures& report, std::ostream& out) {
  const std::vector<Line> lines = latency_lines(figures);
  Json categories = Json::array();
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) categories.push_back(to_json(lines[i]));
  Json queries = Json::array();
  for (const QueryFigures& f : figures)
    queries.push_back({{"category", f.query->category},
                       {"query", f.query->label()},
                       {"matches", f.matches},
                       {"peer_matches", f.peer_matches},
                       {"analyzer_p50_ms", median(f.analyzer_ms)},
                       {"peer_p50_ms", median(f.peer_ms)}});
  const Percentiles r = percentiles(report.ms);
  out << Json{
             {"index", o.index},
             {"answers", answers},
             {"rounds", o.rounds},
             {"warmup", o.warmup},
             {"limit", 10},
             {"search", {{"overall", to_json(lines.back())}, {"categories", categories}, {"queries", queries}}},
             {"report",
              {{"by", {"year", "region"}},
               {"themes", report.themes},
               {"rows", report.rows},
               {"answers", report.answers},
               {"runs", report.ms.size()},
               {"min_ms", report.ms.empty() ? 0 : *std::min_element(report.ms.begin(), report.ms.end())},
               {"median_ms", r.p50},
               {"max_ms", r.max}}}}
             .dump(2)
      << '\n';
}

void print_tables(const Options& o, std::size_t answers, const std::vector<QueryFigures>& figures,
                  const ReportFigures& report, std::ostream& out) {
  out << fmt("search_latency: index %s: %zu answers; %zu queries x %d rounds after %d warm-up round(s), limit 10\n",
             o.index.c_str(), answers, figures.size(), o.rounds, o.warmup);
  out << "  analyzer: IndexSearcher::search (QueryParser, facets over all matches, snippets of the hits)\n"
         "  peer:     plain Xapian (QueryParser, sv stemmer, stems under Z, same fields; Enquire top 10;\n"
         "            no facets, no snippets, no document data)\n"
         "  percentiles: nearest rank over all timed runs; ms = milliseconds of wall clock\n\n";
  out << fmt("%-15s %5s | %-31s | %-31s | %s\n", "", "", "analyzer ms", "peer ms", "analyzer/peer");
  out << fmt("%-15s %5s | %7s %7s %7s %7s | %7s %7s %7s %7s | %6s %6s %6s\n", "category", "runs", "p50", "p95",
             "p99", "max", "p50", "p95", "p99", "max", "p50", "p95", "p99");
  for (const Line& l : latency_lines(figures)) {
    const Percentiles &a = l.analyzer, &p = l.peer;
    out << fmt("%-15s %5zu | %7.2f %7.2f %7.2f %7.2f | %7.3f %7.3f %7.3f %7.3f | %5.1fx %5.1fx %5.1fx\n",
               l.name.c_str(), a.runs, a.p50, a.p95, a.p99, a.max, p.p50, p.p95, p.p99, p.max,
               ratio(a.p50, p.p50), ratio(a.p95, p.p95), ratio(a.p99, p.p99));
  }
  out << fmt("\n%-15s %-44s %8s %9s %8s %7s\n", "category", "query (median of the rounds)", "matches",
             "analyzer", "peer", "ratio");
  for (const QueryFigures& f : figures) {
    const double a = median(f.analyzer_ms), p = median(f.peer_ms);
    out << fmt("%-15s %s %8zu %9.2f %8.3f %6.1fx\n", f.query->category.c_str(), pad(f.query->label(), 44).c_str(),
               f.matches, a, p, ratio(a, p));
  }
  const Percentiles r = percentiles(report.ms);
  out << fmt("\nfull theme report (%zu themes by year,region, no filter; theme_report_from_index): "
             "%zu rows over %zu answers\n",
             report.themes, report.rows, report.answers);
  out << fmt("  %zu run(s) after 1 untimed: min %.1f ms, median %.1f ms, max %.1f ms\n", report.ms.size(),
             report.ms.empty() ? 0 : *std::min_element(report.ms.begin(), report.ms.end()), r.p50, r.max);
}

// ---------------------------------------------------------------- running

std::optional<int> count_arg(const std::string& s, int min) {
  char* end = nullptr;
  const long v = std::strtol(s.c_str(), &end, 10);
  if (s.empty() || *end || v < min || v > 1000000) return std::nullopt;
  return static_cast<int>(v);
}

// An error message, or empty when `o` is ready.
std::string parse_options(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= argc) return std::nullopt;
      return std::string(argv[++i]);
    };
    auto count = [&](int& target, int min) -> std::string {
      auto v = value();
      auto n = v ? count_arg(*v, min) : std::nullopt;
      if (!n) return arg + " takes a whole number >= " + std::to_string(min);
      target = *n;
      return {};
    };
    std::string err;
    if (arg == "--index") {
      auto v = value();
      if (!v) return "--index needs a directory";
      o.index = *v;
    } else if (arg == "--lexicons") {
      auto v = value();
      if (!v) return "--lexicons needs a directory";
      o.lexicons = *v;
    } else if (arg == "--rounds") {
      err = count(o.rounds, 1);
    } else if (arg == "--warmup") {
      err = count(o.warmup, 0);
    } else if (arg == "--report-runs") {
      err = count(o.report_runs, 1);
    } else if (arg == "--json") {
      o.json = true;
    } else {
      return "unknown argument: " + arg;
    }
    if (!err.empty()) return err;
  }
  if (o.index.empty()) return "--index DIR is required";
  return {};
}

// The themes `analyzer report` reports without --theme: every lexicon's, in
// lexicon order. An error message when the lexicons cannot be loaded.
std::string load_themes(const Options& o, const char* exe, std::vector<ThemeInfo>& themes) {
  Result<std::string> dir = find_lexicon_dir(o.lexicons, exe);
  if (!dir.ok()) return dir.error().render();
  const LexiconLoad load = load_lexicons({dir.value()});
  if (!load.ok()) {
    std::string msg = "the lexicons in " + dir.value() + " have errors:";
    for (const Diagnostic& d : load.diagnostics) msg += "\n  " + d.render();
    return msg;
  }
  for (const Lexicon& l : load.lexicons) themes.push_back({l.id, l.label});
  return {};
}

// Runs the mix: the check pass, the warm-up rounds, the timed rounds. An
// error message when a query fails on either side.
std::string run_searches(const IndexSearcher& analyzer, PlainXapian& peer, const Options& o,
                         std::vector<QueryFigures>& figures) {
  auto run_analyzer = [&](QueryFigures& f) -> std::string {
    const Clock::time_point t0 = Clock::now();
    Result<SearchResults> r = analyzer.search(f.query->request);
    if (r.ok()) add_search_snippets(r.value());  // as `analyzer search` (report/search_snippets.hpp)
    const double ms = ms_since(t0);
    if (!r.ok()) return "analyzer cannot run \"" + f.query->label() + "\": " + r.error().render();
    f.matches = r.value().total;
    f.analyzer_ms.push_back(ms);
    return {};
  };
  auto run_peer = [&](QueryFigures& f, bool exact) -> std::string {
    try {
      const Clock::time_point t0 = Clock::now();
      const std::size_t n = peer.search(f.query->request, exact);
      const double ms = ms_since(t0);
      if (exact) f.peer_matches = n;
      f.peer_ms.push_back(ms);
    } catch (const Xapian::Error& e) {
      return "the peer cannot run \"" + f.query->label() + "\": " + e.get_description();
    }
    return {};
  };
  auto round = [&](int r, bool exact) -> std::string {
    for (QueryFigures& f : figures) {
      std::string err = r % 2 == 0 ? run_analyzer(f) : run_peer(f, exact);
      if (err.empty()) err = r % 2 == 0 ? run_peer(f, exact) : run_analyzer(f);
      if (!err.empty()) return err;
    }
    return {};
  };
  auto forget = [&] {
    for (QueryFigures& f : figures) {
      f.analyzer_ms.clear();
      f.peer_ms.clear();
    }
  };
  if (std::string err = round(0, true); !err.empty()) return err;
  for (int r = 0; r < o.warmup; ++r)
    if (std::string err = round(r, false); !err.empty()) return err;
  forget();
  for (int r = 0; r < o.rounds; ++r)
    if (std::string err = round(r, false); !err.empty()) return err;
  return {};
}

ReportFigures run_reports(const IndexReader& index, const std::vector<ThemeInfo>& themes, const Options& o) {
  const ThemeReportOptions by{{GroupKey::Year, GroupKey::Region}};
  ReportFigures out;
  out.themes = themes.size();
  const ThemeReport first = theme_report_from_index(index, RecordFilter{}, themes, by);   // untimed
  out.rows = first.rows.size();
  out.answers = first.answers_total;
  for (int i = 0; i < o.report_runs; ++i) {
    const Clock::time_point t0 = Clock::now();
    const ThemeReport r = theme_report_from_index(index, RecordFilter{}, themes, by);
    out.ms.push_back(ms_since(t0));
    if (r.rows.size() != out.rows) throw std::runtime_error("the report changed between runs");
  }
  return out;
}

int run(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]) == "--help" || std::string(argv[i]) == "-h") {
      std::cout << kHelp;
      return 0;
    }
  if (std::string err = parse_options(argc, argv, o); !err.empty()) {
    std::cerr << "search_latency: " << err << " (see --help)\n";
    return 2;
  }
  std::vector<ThemeInfo> themes;
  if (std::string err = load_themes(o, argv[0], themes); !err.empty()) {
    std::cerr << "search_latency: " << err << '\n';
    return 2;
  }
  auto searcher = IndexSearcher::open(o.index);
  auto reader = IndexReader::open(o.index);
  if (!searcher.ok() || !reader.ok()) {
    std::cerr << "search_latency: " << (searcher.ok() ? reader.error() : searcher.error()).render() << '\n';
    return 2;
  }
  PlainXapian peer(o.index);

  const std::vector<MixQuery> mix = query_mix();
  std::vector<QueryFigures> figures;
  // A field value the index does not hold (a small corpus has a few
  // regions) is refused by search since issue 15 (exit 2 with the known
  // values): such a query leaves the mix, and is said to.
  for (const MixQuery& q : mix) {
    Result<SearchResults> probe = searcher.value()->search(q.request);
    const std::string refusal = probe.ok() ? std::string() : probe.error().message;
    if (refusal.rfind("no record of the index has ", 0) == 0 || refusal.find(" no year of the index") != std::string::npos) {
      std::cerr << "search_latency: skipped (value not in this index): " << q.label() << "\n";
      continue;
    }
    figures.push_back({&q, 0, 0, {}, {}});
  }
  if (std::string err = run_searches(*searcher.value(), peer, o, figures); !err.empty()) {
    std::cerr << "search_latency: " << err << '\n';
    return 2;
  }
  const ReportFigures report = run_reports(*reader.value(), themes, o);

  for (const QueryFigures& f : figures)
    if (f.matches != f.peer_matches)
      std::cerr << "search_latency: warning: \"" << f.query->label() << "\": analyzer matches " << f.matches
                << ", the peer " << f.peer_matches << ": the peer does not do the same search\n";
  if (o.json)
    print_json(o, report.answers, figures, report, std::cout);
  else
    print_tables(o, report.answers, figures, report, std::cout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "search_latency: " << e.what() << '\n';
    return 2;
  } catch (const Xapian::Error& e) {
    std::cerr << "search_latency: " << e.get_description() << '\n';
    return 2;
  }
}
