#pragma once
// The gold file writer: a GoldSet (eval/gold.hpp, whose header is the
// format's specification) as the JSON Lines `analyzer eval --gold` reads.
//
// In:  a GoldSet whose scopes are merged (GoldSet's invariant) and whose
//      mentions lie in them; GoldFile::name is written as "file".
// Out: per file, in GoldSet::files order, its scope lines
//        {"file": F, "scope": [start, end]}
//      then its mention lines, in the order of GoldSet::mentions,
//        {"file": F, "theme": T, "start": S, "end": E, "text": X, "note": N}
//      with "text" left out when GoldMention::text is empty (it is optional;
//      the caller leaves it out where it would show personal data) and
//      "note" left out when empty. A file without scopes gets none (eval
//      then takes the whole file as annotated). One line each, "\n" ends,
//      UTF-8 (invalid bytes replaced), no byte order mark.
// Cost: linear in the set; computes nothing.

#include <ostream>

#include "analyzer/eval/gold.hpp"

namespace analyzer {

void print_gold_jsonl(const GoldSet& gold, std::ostream& out);

}  // namespace analyzer
