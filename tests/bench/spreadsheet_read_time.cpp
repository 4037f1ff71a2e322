// spreadsheet_read_time FILE...: the read stage alone (read_source(): the
// XLSX or CSV reader, no tagging, no index) on each file, for
// tests/bench/spreadsheet_read. Prints one line per file:
//   <path> <file bytes> <seconds> <MB/s> <rows read> <answers> <numbers> <peak RSS MB>
// (peak RSS of the process so far, from getrusage). --max-file-size is
// 1 GiB. Exit 1 when a file cannot be read (its error on stderr).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>

#include "analyzer/read/source.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: spreadsheet_read_time FILE...\n");
    return 2;
  }
  int status = 0;
  for (int i = 1; i < argc; ++i) {
    analyzer::ReadOptions options;
    options.max_bytes = std::size_t{1} << 30;
    options.hash = false;
    analyzer::Diagnostics warnings;
    const auto start = std::chrono::steady_clock::now();
    analyzer::Result<analyzer::SourceFile> file = analyzer::read_source(argv[i], options, warnings);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!file) {
      std::fprintf(stderr, "%s\n", file.error().render().c_str());
      status = 1;
      continue;
    }
    std::size_t answers = 0, numbers = 0, rows = 0;
    if (file.value().given) {
      answers = file.value().given->answers.size();
      numbers = file.value().given->numbers.size();
      rows = file.value().given->parts.size();
    }
    struct rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    FILE* f = std::fopen(argv[i], "rb");
    std::fseek(f, 0, SEEK_END);
    const long bytes = std::ftell(f);
    std::fclose(f);
    std::printf("%s %ld %.3f %.1f %zu %zu %zu %.0f\n", argv[i], bytes, seconds, bytes / 1e6 / seconds, rows, answers,
                numbers, usage.ru_maxrss / 1024.0);
  }
  return status;
}
