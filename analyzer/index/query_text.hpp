#pragma once
// Stage: index (no Xapian here). What a search query's text says before
// Xapian's parser reads it: the fields it names ("region:Halland"), which
// words are inflected abbreviations rather than fields ("SIP:ar"), and its
// free words (for spelling suggestions and theme rules).
//
// In:  the query text (UTF-8, at most kMaxQueryBytes, index.hpp).
// Out: QueryText: every "name:value" outside double quotes whose name is
//      letters, at the start of a word (after white space, '(', '+' or '-'),
//      with the value run to the next white space or ')' (or the closing
//      quote of a quoted value: tema:"mobila team"); the text handed to the
//      parser, with each known field's name as the parser knows it
//      ("År:2022" → "år:2022", "year:2022" → "år:2022", "Tema:sip" →
//      "tema:sip"); and the free words.
// A name of upper-case letters followed by ':' and a value of at most five
// lower-case letters is an abbreviation with its Swedish ending ("SIP:ar",
// "SIP:en", "FVK:n", "S:t"), a word, never a field. A value that starts
// with '/' (a web address) makes no field either.
// Cost: linear in the query. No state, thread-safe.
//
// Example: scan_query("regionn:Halland SIP:ar") gives one field,
// {name "regionn", value "Halland", known false}, and free words
// "SIP", "ar".

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/span.hpp"

namespace analyzer {

// The fields a query may name, as the parser knows them, in the order of
// the help text.
const std::vector<std::string>& query_field_names();

struct QueryField {
  std::string name;       // as written: "Region", "regionn"
  std::string field;      // the parser's name ("region", "år"); empty when unknown
  std::string value;      // without its quotes
  ByteSpan span;          // "name:value" in the query, quotes included
};

struct QueryWord {
  std::string text;       // as written
  ByteSpan span;          // in the query
  bool quoted = false;    // inside a phrase
  bool excluded = false;  // after '-' or NOT
  bool wildcard = false;  // ends with '*'
};

struct QueryText {
  std::vector<QueryField> fields;
  std::vector<QueryWord> words;  // free words: not operators, not field values
  std::string parser_text;       // the query with known field names as the parser knows them
  bool has_operators = false;    // AND, OR, NOT, XOR, NEAR, ADJ (any case) or a bracket outside quotes
};

QueryText scan_query(std::string_view query);

// The query without the bytes of `spans` (sorted, not overlapping), each
// replaced by one space.
std::string without_spans(std::string_view query, const std::vector<ByteSpan>& spans);

}  // namespace analyzer
