// Fuzz target: CsvReader (analyzer/read/csv_reader.hpp) on any bytes of up
// to 64 KB as the content of "fuzz.csv", with and without --repair: never
// crashes or throws; an error is a Diagnostic naming the file; on success
// the text is valid UTF-8, places and answers are in order, inside the
// text, on character boundaries, map to bytes inside the file, and the
// text grows at most linearly with the file (reader_output.hpp).

#include <cstdint>
#include <string>

#include "analyzer/read/csv_reader.hpp"
#include "tests/fuzz/fuzz_input.hpp"
#include "tests/fuzz/reader_output.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const analyzer::fuzz::Input in = analyzer::fuzz::capped(data, size, 64 * 1024);
  if (!in.ok) return 0;
  static const std::string path = "fuzz.csv";
  for (const bool repair : {false, true}) {
    analyzer::ReadOptions options;
    options.repair = repair;
    analyzer::Diagnostics warnings;
    const analyzer::Result<analyzer::SourceText> text =
        analyzer::CsvReader().read(path, std::string(in.bytes), options, warnings);
    // Each cell adds "\n\n" and may grow 3× in NFC or from Windows-1252:
    // never more than 4× the file.
    analyzer::fuzz::check_reader_output(text, warnings, path, in.bytes.size(), 4 * in.bytes.size() + 16);
  }
  return 0;
}
