#pragma once
// Mention: one occurrence of a theme in respondent text, as the matcher
// found it. Plain data, no dependencies.
//
// `span` is a byte range into the text that was matched. Which text that is
// (the normalised text of an answer, or an original file) is said by the
// code that holds the Mention; ingest turns it into original-file offsets
// once, with OffsetMap::to_original.

#include <string>

#include "analyzer/core/record_location.hpp"
#include "analyzer/core/span.hpp"

namespace analyzer {

struct Mention {
  std::string theme;   // lexicon id: "mobila_team", "sip", ...
  std::string rule;    // id of the lexicon rule that matched
  ByteSpan span;       // [begin, end) bytes of the matched text
  std::string text;    // exactly those bytes of the ORIGINAL source, where the
                       // source is at hand (ingest, tag); empty from the matcher
  // Set by ingest only (empty otherwise), for excerpts: where the mention
  // and the sentence (or list item) that holds it lie in the answer's
  // normalised `text`, and the sentence's ORIGINAL byte span.
  ByteSpan in_text;
  ByteSpan sentence_in_text;
  ByteSpan sentence;
  // Set by ingest only: where the mention STARTS in the source as a person
  // finds it (its line, page, paragraph or cell; record_location.hpp). A
  // long answer may run over several pages: each mention cites its own.
  RecordLocation location;
  friend bool operator==(const Mention&, const Mention&) = default;
};

}  // namespace analyzer
