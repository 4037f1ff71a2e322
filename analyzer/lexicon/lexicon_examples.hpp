#pragma once
// Reading the "examples" member of a lexicon file (lexicon_parser.cpp);
// internal to the lexicon stage.

#include <nlohmann/json.hpp>

#include "analyzer/core/json_checker.hpp"
#include "analyzer/lexicon/lexicon.hpp"

namespace analyzer::lexicon_internal {

using Json = nlohmann::json;

// Fills lexicon.must_match / must_not_match from document["examples"],
// reporting through `checker`: a missing "examples" or no "match" example,
// unknown keys, wrong types, empty texts, and "mentions" that are not in
// the example's text in the order given (or that sit on a "no_match"
// example).
void read_examples(JsonChecker& checker, const Json& document, Lexicon& lexicon);

}  // namespace analyzer::lexicon_internal
