// `analyzer ingest`: options → IngestOptions, progress on a terminal, the
// summary on stdout, diagnostics included.

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "analyzer/cli/args.hpp"
#include "analyzer/cli/commands.hpp"
#include "analyzer/cli/lexicon_loading.hpp"
#include "analyzer/ingest/ingest.hpp"
#include "analyzer/print/printers.hpp"
#include "analyzer/print/terminal_text.hpp"

namespace analyzer::cli {
namespace {

constexpr const char* kHelp = R"(Usage: analyzer ingest [OPTIONS] PATH...

Reads survey exports and reports (UTF-8 text files, or folders searched
recursively) into the index: one record per answer, numeric items apart.
UTF-16 files with a byte order mark and Windows-1252 (Latin-1) files are
transcoded, with a note in the summary; offsets stay those of the file.
Hidden files, links to folders and pipes in folders are not read (counted;
--verbose lists them).
Every answer is tagged with the themes of the lexicons; the mentions are
stored with it (see `analyzer mentions`). Prompts, option lists and numeric
labels are never tagged.
An unchanged file is skipped; a changed file replaces its old answers.
Each file goes in as one transaction: a failed file leaves the index as it was.

Options:
  --index DIR           index directory (default ./analyzer-index)
  --shards N            shards of a new index, written in parallel, one
                        thread each (default: one per core, at most 8); an
                        existing index keeps its shards
  --manifest FILE       year/region/respondents per file (default: a
                        manifest.json at the top of a folder given as PATH)
  --no-manifest         ignore manifest files; detect everything from the text
  --max-file-size MB    refuse larger files (default 64, at most 16384; a file
                        is held in memory while it is analysed)
  --repair              replace invalid UTF-8 by U+FFFD (with a warning)
                        instead of refusing the file
  --verbose             list every file with its parts
  --help                this help
)";

constexpr const char* kExitHelp = R"(
Exit status: 0 all files in, 1 some file failed (the others are in),
2 usage error, 3 nothing could be done (index locked, bad manifest, no lexicons).
)";

// The manifest to use: --manifest, else manifest.json at the top of the
// first folder argument that has one.
std::optional<std::string> find_manifest(const CliArgs& args) {
  if (auto m = args.option("--manifest")) return m;
  if (args.flag("--no-manifest")) return std::nullopt;
  for (const auto& p : args.positional) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      auto candidate = std::filesystem::path(p) / "manifest.json";
      if (std::filesystem::is_regular_file(candidate, ec)) return candidate.string();
    }
  }
  return std::nullopt;
}

}  // namespace

int run_ingest(int argc, char** argv) {
  CommandSpec spec{"ingest", {"--index", "--manifest", "--max-file-size", "--lexicons", "--shards"},
                   {"--repair", "--verbose", "--no-manifest"}};
  CliArgs args;
  if (auto done = parse_command(spec, argc, argv, 2, std::string(kHelp) + kLexiconsOptionHelp + kExitHelp, args)) return *done;
  if (args.positional.empty()) {
    std::cerr << "analyzer: ingest needs at least one file or folder (see `analyzer ingest --help`)\n";
    return kExitUsage;
  }

  IngestOptions options;
  if (auto dir = args.option("--index")) options.index_dir = *dir;
  if (auto shards = args.option("--shards")) {
    const std::optional<std::uint64_t> n = parse_whole_number(*shards, 1, 64);
    if (!n) {
      std::cerr << "analyzer: --shards takes a whole number from 1 to 64, not \"" << *shards << "\"\n";
      return kExitUsage;
    }
    options.shards = static_cast<std::size_t>(*n);
  }
  options.read.repair = args.flag("--repair");
  if (std::string err = parse_max_file_size(args, options.read.max_bytes); !err.empty()) {
    std::cerr << "analyzer: " << err << '\n';
    return kExitUsage;
  }
  if (auto path = find_manifest(args)) {
    Result<Manifest> manifest = load_manifest(*path);
    if (!manifest.ok()) {
      std::cerr << terminal_text(manifest.error().render()) << '\n'
                << "analyzer: nothing was ingested; fix the manifest or run with --no-manifest\n";
      return kExitCannotRun;
    }
    options.manifest = std::move(manifest).value();
  }

  LexiconLookup lexicons = load_command_lexicons(args, argv[0]);
  if (!report_lexicon_lookup(lexicons, std::cerr)) {
    std::cerr << "analyzer: nothing was ingested\n";
    return kExitCannotRun;
  }
  options.lexicons = std::move(lexicons.lexicons.matcher);

  const bool tty = isatty(STDERR_FILENO);
  IngestProgress progress;
  if (tty) {
    const auto started = std::chrono::steady_clock::now();
    progress = [started](const FileOutcome& f, std::size_t done, std::size_t total,
                         std::size_t bytes, std::size_t bytes_total) {
      double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      double rate = seconds > 0 ? bytes / 1e6 / seconds : 0;
      double left = rate > 0 ? (bytes_total - bytes) / 1e6 / rate : 0;
      std::fprintf(stderr, "\r\033[K[%zu/%zu] %.1f/%.1f MB  %.1f MB/s  %.0f s left  %s", done,
                   total, bytes / 1e6, bytes_total / 1e6, rate, left, terminal_text(f.source).c_str());
      if (done == total) std::fprintf(stderr, "\r\033[K");
      std::fflush(stderr);
    };
  }
  IngestSummary summary = ingest(args.positional, options, progress);
  if (summary.index_unavailable) {
    for (const auto& d : summary.diagnostics) std::cerr << terminal_text(d.render()) << '\n';
    return kExitCannotRun;
  }
  print_ingest_summary(summary, std::cout, args.flag("--verbose"));
  return summary.any_error() ? kExitInputFailed : kExitOk;
}

}  // namespace analyzer::cli
