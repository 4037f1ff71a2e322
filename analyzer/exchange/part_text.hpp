#pragma once
// The plain text of a source part as a REFI-QDA export writes it
// (sources/<guid>.txt) and as import reads positions in it: one text per
// document part (AnswerRecord::source + part: a survey or report in a text,
// PDF or Word file, one row of a spreadsheet), made of its answers.
//
// In:  the index's answers (decision parts included when given) and a
//      masker with the index's contact names.
// Out: per part, the text and where each answer's text stands in it.
//
// Layout of a part's text (LF line ends, UTF-8, no BOM):
//   <title>\n\n                      respondent name, year and file name
//   <heading>\n<answer text>\n\n     per answer, in source order
// The heading is the question id and its printed prompt ("5a Beskriv ...";
// a report section's heading once). Every heading and answer text is
// masked (personal_data.hpp): an export shows answer text, so it never
// shows a personnummer, e-mail address, phone number or contact name. The
// same index gives the same text byte for byte, which is how import finds
// an exported coding's answer again.
//
// Positions: a coding's span is bytes of an answer's (unmasked) text
// (coding/store.hpp); the export counts code points of the part's text.
// to_part_positions() maps the one to the other, through the masking: an
// end inside masked personal data moves to the edge of its mask token, so a
// coding that overlaps it covers the whole token. from_part_positions()
// maps back; a span that touches a mask token covers the whole original
// personal data. Cost: compose_part_texts is linear in the answers' text
// plus one masking pass; each position mapping is linear in its answer's
// text (a code point walk), not in the part.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/core/records.hpp"
#include "analyzer/core/span.hpp"
#include "analyzer/mask/personal_data.hpp"

namespace analyzer::exchange {

struct PlacedAnswer {
  std::string answer_id;
  std::string original;           // AnswerRecord::text, unmasked
  std::vector<TextEdit> edits;    // the masking of `original` (sorted)
  std::size_t byte_begin = 0;     // where the masked text begins in PartText::text
  std::size_t byte_end = 0;
  std::int64_t cp_begin = 0;      // the same in code points
  std::int64_t cp_end = 0;
};

struct PartText {
  std::string source;             // file name
  int part = 0;
  Respondent respondent;          // of the part's first answer
  std::string text;
  std::vector<PlacedAnswer> answers;  // in text order
};

// Code points [start, end) of a part's text.
struct CodePointSpan {
  std::int64_t start = 0;
  std::int64_t end = 0;
};

// An answer and bytes of its unmasked text.
struct AnswerPlace {
  std::string answer_id;
  ByteSpan span;
};

// The parts of `answers`, ordered by source name then part; answers within
// a part by their source position (span.begin), then id. Answers with
// empty text are left out (nothing to code in them).
std::vector<PartText> compose_part_texts(const std::vector<AnswerRecord>& answers, PersonalDataMasker& masker);

// Bytes `span` of answer `answer_id`'s text → code points of the part's
// text. nullopt: the answer is not in this part, or the span is empty or
// outside its text.
std::optional<CodePointSpan> to_part_positions(const PartText& part, const std::string& answer_id, ByteSpan span);

// Code points [start, end) of the part's text → the answer whose text holds
// them and the bytes of its unmasked text. nullopt: empty or negative span,
// or not inside one answer's text (a heading, a title, across answers).
std::optional<AnswerPlace> from_part_positions(const PartText& part, std::int64_t start, std::int64_t end);

}  // namespace analyzer::exchange
