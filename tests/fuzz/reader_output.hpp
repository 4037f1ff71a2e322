#pragma once
// What the document-reader fuzz targets (csv, office, pdf) check about a
// Reader's result, as reader.hpp and source.hpp promise it:
//   - an error is a Diagnostic that names the file and says something;
//   - the text is valid UTF-8 and within the text budget;
//   - places are in text order, do not overlap, lie inside the text and
//     cover whole characters; each has a label and a location;
//   - given parts/answers/numbers: indexes valid, answers not empty, every
//     span inside the text on character boundaries, answers and numbers in
//     text order;
//   - the offset map sends every place to a span inside the file, in order;
//   - warnings name the file and say something.

#include <cstddef>
#include <string>
#include <string_view>

#include "analyzer/read/reader.hpp"
#include "analyzer/read/source.hpp"
#include "tests/fuzz/fuzz_input.hpp"

namespace analyzer::fuzz {

inline bool inside_on_boundaries(std::string_view text, ByteSpan span) {
  return span.begin <= span.end && span.end <= text.size() &&
         !first_invalid_utf8(text.substr(span.begin, span.end - span.begin));
}

inline void check_diagnostics(const Diagnostics& diagnostics, const std::string& path) {
  for (const Diagnostic& d : diagnostics) {
    require(d.file == path, "a warning or note names the file");
    require(!d.message.empty(), "a warning or note says what happened");
  }
}

// `result` of reading the file `path` of `file_size` bytes; the text may
// not pass `max_text_bytes`.
inline void check_reader_output(const Result<SourceText>& result, const Diagnostics& warnings,
                                const std::string& path, std::size_t file_size, std::size_t max_text_bytes) {
  check_diagnostics(warnings, path);
  if (!result) {
    require(result.error().file == path, "the error names the file");
    require(!result.error().message.empty(), "the error says what is wrong");
    require(result.error().severity == Severity::Error, "an error is an error");
    return;
  }
  const SourceText& out = result.value();
  const std::string_view text = out.text;
  require(!first_invalid_utf8(text), "the text is valid UTF-8");
  require(text.size() <= max_text_bytes, "the text stays within the limit");

  std::size_t last_end = 0, last_file_end = 0;
  for (const TextPlace& place : out.places) {
    require(inside_on_boundaries(text, place.span), "a place lies inside the text on character boundaries");
    require(place.span.begin >= last_end, "places are in order and do not overlap");
    require(!place.label.empty(), "a place has a label");
    require(!place.location.empty(), "a place has a location");
    last_end = place.span.end;
    if (!out.offsets.identity()) {
      const std::size_t b = out.offsets.to_file_begin(text, place.span.begin);
      const std::size_t e = out.offsets.to_file_end(text, place.span.end);
      require(b <= e && e <= file_size, "a place maps to bytes inside the file");
      require(b >= last_file_end, "places map to the file in order");
      last_file_end = e;
    }
  }

  if (!out.given) return;
  const GivenSegments& given = *out.given;
  std::size_t last_begin = 0;
  for (const GivenAnswer& a : given.answers) {
    require(a.part < given.parts.size(), "an answer belongs to a part that exists");
    require(a.question < given.questions.size(), "an answer belongs to a question that exists");
    require(!a.span.empty(), "an answer is not empty");
    require(inside_on_boundaries(text, a.span), "an answer lies inside the text on character boundaries");
    require(a.span.begin >= last_begin, "answers are in text order");
    last_begin = a.span.begin;
  }
  last_begin = 0;
  for (const GivenNumber& n : given.numbers) {
    require(n.part < given.parts.size(), "a number belongs to a part that exists");
    require(n.question < given.questions.size(), "a number belongs to a question that exists");
    require(inside_on_boundaries(text, n.span), "a number lies inside the text on character boundaries");
    require(n.span.begin >= last_begin, "numbers are in text order");
    last_begin = n.span.begin;
  }
}

}  // namespace analyzer::fuzz
