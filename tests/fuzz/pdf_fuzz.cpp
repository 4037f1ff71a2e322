// Fuzz target: PdfReader (analyzer/read/pdf_reader.hpp) on any bytes of up
// to 32 KB as "fuzz.pdf". poppler itself is not instrumented (a Debian
// library); what is: our use of its API and the layout of what it finds
// (pdf_layout.hpp). Never crashes, throws or hangs; an error is a
// Diagnostic naming the file; on success the text is valid UTF-8 within the
// limit and the pages' places are in order inside it (reader_output.hpp).
// The run's seeds are the small PDFs of tests/fixtures/ (under 16 KB: the
// Halland survey takes seconds per run under ASan) and tests/fuzz/seeds/pdf/.

#include <cstdint>
#include <string>

#include "analyzer/read/pdf_reader.hpp"
#include "tests/fuzz/fuzz_input.hpp"
#include "tests/fuzz/reader_output.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const analyzer::fuzz::Input in = analyzer::fuzz::capped(data, size, 32 * 1024);
  if (!in.ok) return 0;
  static const std::string path = "fuzz.pdf";
  analyzer::ReadOptions options;
  options.max_bytes = 1024 * 1024;
  analyzer::Diagnostics warnings;
  const analyzer::Result<analyzer::SourceText> text =
      analyzer::PdfReader().read(path, std::string(in.bytes), options, warnings);
  analyzer::fuzz::check_reader_output(text, warnings, path, in.bytes.size(), options.max_bytes);
  return 0;
}
