#pragma once
// The id of a theme mention: what `mentions --json` prints as `id` and what
// `analyzer code accept|reject MENTION` takes.
//
// In:  the answer's id (AnswerRecord::id, itself stable across re-ingests:
//      source, part, question, occurrence), the mention's theme and its
//      ORIGINAL byte span (`start`, `end` of `mentions --json`).
// Out: 16 lower-case hex digits, StableHash over "mention", the answer id,
//      the theme and the two offsets in decimal. The same mention gives the
//      same id on every run and platform; a mention that moves in its file
//      (text added before it) gets a new id, which is why a coding also
//      keeps its quote and span (coding/store.hpp) and is re-anchored.
// Pure, no allocation beyond the result.
//
//   mention_id("a1b2c3d4e5f60718", "sip", {120, 123})  → 16 hex digits

#include <string>

#include "analyzer/core/span.hpp"
#include "analyzer/core/stable_hash.hpp"

namespace analyzer {

inline std::string mention_id(const std::string& answer_id, const std::string& theme, ByteSpan span) {
  return StableHash()
      .add("mention")
      .add(answer_id)
      .add(theme)
      .add(std::to_string(span.begin))
      .add(std::to_string(span.end))
      .hex();
}

}  // namespace analyzer
