// A query's text as a Xapian::Query, its fields checked (query_parse.hpp).

#include "analyzer/index/query_parse.hpp"

#include <algorithm>
#include <optional>

#include "analyzer/core/json_checker.hpp"
#include "analyzer/index/query_text.hpp"
#include "analyzer/index/record_query.hpp"
#include "analyzer/index/schema.hpp"

namespace analyzer::query_parse {
namespace {

constexpr const char* kQueryHint =
    "check the quotes and brackets, and put a word on both sides of AND, OR, NOT and NEAR";

constexpr unsigned kParseFlags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                                 Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
                                 Xapian::QueryParser::FLAG_BOOLEAN_ANY_CASE;

// What the fields of one parse found: the first error, the themes named.
struct FieldState {
  const Xapian::Database& db;
  const std::function<Result<std::string>(const std::string&)>& resolve_theme;
  std::optional<Diagnostic> error;
  std::vector<std::string> themes;

  void fail(Diagnostic d) {
    if (!error) error = std::move(d);
  }
};

Diagnostic unknown_value(const std::string& field, const std::string& value, const std::vector<std::string>& known,
                         const std::string& folded) {
  std::string message = "no record of the index has " + field + ":" + value;
  const std::string near = near_miss(folded, known);
  if (!near.empty()) message += " (did you mean " + field + ":" + near + "?)";
  return make_error("", message + "; values of " + field + ": " + record_query::listed(known),
                    "quote a value with spaces: " + field + ":\"Västra Götaland\"");
}

// A filter query on the matching side of OP_FILTER: a query of filters only
// gets no weight, and a zero-weighted term in every document makes Xapian
// 1.4.22 throw after a re-ingest (unweighted_match.hpp) unless it is on the
// filtering side.
Xapian::Query filter_of(const Xapian::Query& terms) {
  return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query::MatchAll, terms);
}

// region:, respondenttyp:, fråga: a stored value, case-folded.
class ValueField : public Xapian::FieldProcessor {
 public:
  ValueField(FieldState& state, std::string name, std::string_view prefix, std::string_view not_prefix = {})
      : state_(state), name_(std::move(name)), prefix_(prefix), not_prefix_(not_prefix) {}
  Xapian::Query operator()(const std::string& value) override {
    const std::string folded = schema::lowercase(value);
    const std::string term = schema::filter_term(prefix_, folded);
    if (!state_.db.term_exists(term))
      state_.fail(unknown_value(name_, value, record_query::stored_values(state_.db, prefix_, not_prefix_), folded));
    return filter_of(Xapian::Query(term));
  }

 private:
  FieldState& state_;
  std::string name_;
  std::string prefix_, not_prefix_;
};

// år: a year, or a range Y1..Y2 (either end may be open).
class YearField : public Xapian::FieldProcessor {
 public:
  explicit YearField(FieldState& state) : state_(state) {}
  Xapian::Query operator()(const std::string& value) override {
    const std::vector<std::string> years = record_query::stored_values(state_.db, schema::kYear);
    auto year = [](std::string_view s) -> std::optional<int> {
      if (s.size() != 4 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
      return std::stoi(std::string(s));
    };
    const auto bad = [&](const std::string& why) {
      state_.fail(make_error("", "år:" + value + " " + why + "; years of the index: " + record_query::listed(years),
                             "write år:2022 or a range år:2019..2022 (either end may be left out)"));
      return Xapian::Query::MatchNothing;
    };
    const auto dots = value.find("..");
    std::optional<int> from, to;
    if (dots == std::string::npos) {
      if (!(from = year(value))) return bad("is not a year");
      to = from;
    } else {
      const std::string a = value.substr(0, dots), b = value.substr(dots + 2);
      if ((a.empty() && b.empty()) || (!a.empty() && !(from = year(a))) || (!b.empty() && !(to = year(b))))
        return bad("is not a year range");
      if (from && to && *from > *to) return bad("runs backwards (the first year is after the last)");
    }
    const std::vector<std::string> terms = record_query::year_range_clause(state_.db, from, to);
    if (terms.empty()) return bad(dots == std::string::npos ? "is no year of the index" : "holds no year of the index");
    return filter_of(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
  }

 private:
  FieldState& state_;
};

// tema: a theme by id or label, through the request's resolver.
class ThemeField : public Xapian::FieldProcessor {
 public:
  explicit ThemeField(FieldState& state) : state_(state) {}
  Xapian::Query operator()(const std::string& value) override {
    std::string id = value;
    if (state_.resolve_theme) {
      Result<std::string> resolved = state_.resolve_theme(value);
      if (!resolved.ok()) {
        Diagnostic d = resolved.error();
        d.message = "tema:" + value + ": " + d.message;
        state_.fail(std::move(d));
        return Xapian::Query::MatchNothing;
      }
      id = resolved.value();
    }
    if (std::find(state_.themes.begin(), state_.themes.end(), id) == state_.themes.end()) state_.themes.push_back(id);
    return filter_of(Xapian::Query(schema::filter_term(schema::kTheme, id)));
  }

 private:
  FieldState& state_;
};

Xapian::QueryParser make_parser(FieldState& state) {
  Xapian::QueryParser qp;
  qp.set_database(state.db);  // wildcards expand over the index's words
  qp.set_stemmer(Xapian::Stem("swedish"));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL);
  qp.add_prefix("", std::string(schema::kStemmed));  // every free-text term is a "Z" stem
  qp.set_default_op(Xapian::Query::OP_AND);
  qp.set_max_expansion(static_cast<Xapian::termcount>(kMaxWildcardExpansion), Xapian::Query::WILDCARD_LIMIT_ERROR);
  // scan_query gives every known field its parser name (query_text.hpp).
  qp.add_boolean_prefix("år", (new YearField(state))->release());
  qp.add_boolean_prefix("region", (new ValueField(state, "region", schema::kRegion))->release());
  qp.add_boolean_prefix("respondenttyp",
                        (new ValueField(state, "respondenttyp", schema::kRespondentType, schema::kTheme))->release());
  qp.add_boolean_prefix("tema", (new ThemeField(state))->release());
  qp.add_boolean_prefix("fråga", (new ValueField(state, "fråga", schema::kQuestion))->release());
  return qp;
}

// The error for a field name the parser does not know.
Diagnostic unknown_field(const QueryField& f) {
  std::vector<std::string> names = query_field_names();
  std::string message = "the query names the field \"" + f.name + ":\", which search does not know";
  const std::string near = near_miss(schema::lowercase(f.name), names);
  if (!near.empty()) message += " (did you mean " + near + ":?)";
  std::string all;
  for (const std::string& n : names) all += (all.empty() ? "" : ", ") + n + ":";
  return make_error("", message + "; fields: " + all,
                    "to search for \"" + f.name + ":" + f.value + "\" as text, put it in double quotes");
}

}  // namespace

Result<ParsedQuery> parse(const Xapian::Database& db, const std::string& query,
                          const std::function<Result<std::string>(const std::string&)>& resolve_theme) {
  const QueryText scanned = scan_query(query);
  for (const QueryField& f : scanned.fields)
    if (f.field.empty()) return unknown_field(f);
  FieldState state{db, resolve_theme, std::nullopt, {}};
  Xapian::Query parsed;
  try {
    parsed = make_parser(state).parse_query(scanned.parser_text, kParseFlags);
  } catch (const Xapian::QueryParserError& e) {
    return make_error("", "cannot read the query \"" + query + "\": " + e.get_msg(), kQueryHint);
  }
  if (state.error) return *state.error;
  return ParsedQuery{parsed.empty() ? Xapian::Query::MatchAll : parsed, std::move(state.themes)};
}

std::string spelling_suggestion(const Xapian::Database& db, const std::string& query) {
  const QueryText scanned = scan_query(query);
  Xapian::Stem stem("swedish");
  std::string out;
  std::size_t at = 0;
  bool changed = false;
  for (const QueryWord& w : scanned.words) {
    if (w.wildcard) continue;
    const std::string lower = schema::lowercase(w.text);
    if (db.term_exists(std::string(schema::kStemmed) + stem(lower))) continue;
    const std::string corrected = db.get_spelling_suggestion(lower);
    if (corrected.empty() || corrected == lower) continue;
    out.append(query, at, w.span.begin - at).append(corrected);
    at = w.span.end;
    changed = true;
  }
  return changed ? out.append(query, at) : std::string();
}

}  // namespace analyzer::query_parse
