// Fuzz target: parse_manifest() on any bytes of up to 64 KB. It must give a
// Manifest or one error Diagnostic with a position inside the text, and
// never throw.
//
// JSON nesting is bounded at 256 levels (issue 11, item 3), so a manifest
// of any shape up to the cap is read in time and memory linear in its size.

#include <cstdint>
#include <string>

#include "analyzer/read/manifest.hpp"
#include "tests/fuzz/fuzz_input.hpp"

using analyzer::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  analyzer::fuzz::Input in = analyzer::fuzz::capped(data, size, 64 * 1024);
  if (!in.ok) return 0;

  const std::string text(in.bytes);
  analyzer::Result<analyzer::Manifest> m = analyzer::parse_manifest(text, "manifest.json");
  if (m.ok()) {
    for (const analyzer::ManifestEntry& e : m.value().entries)
      require(e.line >= 1 && e.column >= 1, "manifest entry has a position");
  } else {
    require(!m.error().message.empty(), "a manifest error says what is wrong");
  }
  return 0;
}
