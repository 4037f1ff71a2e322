// Fuzz target: normalize() on any valid UTF-8 text of up to 64 KB.
// Checks the header's invariants: `text` is valid UTF-8, every logical line
// ends in '\n', and every offset maps back inside the original bytes.

#include <cstdint>

#include "analyzer/normalize/normalizer.hpp"
#include "analyzer/read/source.hpp"
#include "tests/fuzz/fuzz_input.hpp"

using analyzer::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  analyzer::fuzz::Input in = analyzer::fuzz::capped(data, size, 64 * 1024);
  if (!in.ok || analyzer::first_invalid_utf8(in.bytes)) return 0;  // read/ refuses these first

  analyzer::NormalizedText n = analyzer::normalize(in.bytes);
  require(!analyzer::first_invalid_utf8(n.text), "normalised text is valid UTF-8");
  for (const analyzer::ByteSpan& line : n.lines) {
    require(line.begin <= line.end && line.end < n.text.size(), "line inside the text");
    require(n.text[line.end] == '\n', "line ends in a newline");
    const analyzer::ByteSpan orig = n.map.to_original(line);
    require(orig.begin <= orig.end && orig.end <= in.bytes.size(), "line maps inside the original");
  }
  for (const analyzer::OffsetMap::Run& run : n.map.runs()) {
    require(run.norm_begin + run.norm_len <= n.text.size(), "run inside the text");
    require(run.orig_begin + run.orig_len <= in.bytes.size(), "run inside the original");
  }
  return 0;
}
