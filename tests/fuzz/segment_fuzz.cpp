// Fuzz target: segment() on the normalised text of any valid UTF-8 input of
// up to 64 KB. Checks that every answer piece, numeric item and part lies
// inside the normalised text and that answers come in document order.

#include <cstdint>

#include "analyzer/normalize/normalizer.hpp"
#include "analyzer/read/source.hpp"
#include "analyzer/segment/segmenter.hpp"
#include "tests/fuzz/fuzz_input.hpp"

using analyzer::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  analyzer::fuzz::Input in = analyzer::fuzz::capped(data, size, 64 * 1024);
  if (!in.ok || analyzer::first_invalid_utf8(in.bytes)) return 0;  // read/ refuses these first

  const analyzer::NormalizedText n = analyzer::normalize(in.bytes);
  const analyzer::SegmentedDocument doc = analyzer::segment(n);
  const std::size_t end = n.text.size();
  for (const analyzer::DocumentPart& part : doc.parts)
    require(part.norm.begin <= part.norm.end && part.norm.end <= end, "part inside the text");
  std::size_t previous = 0;
  for (const analyzer::SegmentedAnswer& answer : doc.answers) {
    require(answer.part >= 0 && static_cast<std::size_t>(answer.part) < doc.parts.size(),
            "answer names a part");
    for (const analyzer::ByteSpan& piece : answer.pieces) {
      require(piece.begin <= piece.end && piece.end <= end, "answer piece inside the text");
      require(piece.begin >= previous, "answers in document order");
      previous = piece.begin;
    }
  }
  for (const analyzer::SegmentedNumber& number : doc.numbers)
    require(number.norm.begin <= number.norm.end && number.norm.end <= end, "numeric item inside the text");
  return 0;
}
