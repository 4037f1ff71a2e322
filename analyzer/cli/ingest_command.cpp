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

constexpr const char* kIngestIntro = R"(Usage: analyzer ingest [OPTIONS] PATH...

Reads survey exports and reports (UTF-8 text files, or folders searched
recursively) into the index: one record per answer, numeric items apart.
UTF-16 files with a byte order mark and Windows-1252 (Latin-1) files are
transcoded, with a note in the summary; offsets stay those of the file.
Spreadsheet exports (.xlsx, and .csv/.tsv in UTF-8, Windows-1252 or UTF-16
with a byte order mark) are read one respondent per row; a note per sheet
says which column was taken as what (a manifest entry's "columns" sets it).
Hidden files, links to folders and pipes in folders are not read (counted;
--verbose lists them).
Every answer is tagged with the themes of the lexicons; the mentions are
stored with it (see `analyzer mentions`). Prompts, option lists and numeric
labels are never tagged.
An unchanged file is skipped; a changed file replaces its old answers.
Each file goes in as one transaction: a failed file leaves the index as it was.

Options:
)";

constexpr const char* kExitHelp = R"(
Exit status: 0 all files in, 1 some file failed (the others are in),
2 usage error, 3 nothing could be done (index locked, bad manifest, no lexicons).
)";

const CommandSpec& ingest_spec() {
  static const CommandSpec spec{
      "ingest",
      {text_option("--index", "  --index DIR           index directory (default ./analyzer-index)\n"),
       number_option("--shards", "  --shards N            shards of a new index, written in parallel, one\n"
                "                        thread each (default: one per core, at most 8); an\n"
                "                        existing index keeps its shards\n", 1, 64),
       text_option("--manifest", "  --manifest FILE       year/region/respondents per file (default: a\n"
                "                        manifest.json at the top of a folder given as PATH)\n"),
       flag_option("--no-manifest", "  --no-manifest         ignore manifest files; detect everything from the text\n"),
       max_file_size_option("  --max-file-size MB    refuse larger files (default 64, at most 16384; a file\n"
                            "                        is held in memory while it is analysed)\n"),
       flag_option("--repair", "  --repair              replace invalid UTF-8 by U+FFFD (with a warning)\n"
                "                        instead of refusing the file\n"),
       flag_option("--verbose", "  --verbose             list every file with its parts\n"),
       flag_option("--help", "  --help                this help\n"),
       lexicons_option()},
      kIngestIntro,
      kExitHelp};
  return spec;
}

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

// The progress line on a terminal: files, megabytes, rate, time left and
// the file that went in last; cleared after the last file.
IngestProgress terminal_progress() {
  const auto started = std::chrono::steady_clock::now();
  return [started](const FileOutcome& f, std::size_t done, std::size_t total, std::size_t bytes,
                   std::size_t bytes_total) {
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    double rate = seconds > 0 ? bytes / 1e6 / seconds : 0;
    double left = rate > 0 ? (bytes_total - bytes) / 1e6 / rate : 0;
    std::fprintf(stderr, "\r\033[K[%zu/%zu] %.1f/%.1f MB  %.1f MB/s  %.0f s left  %s", done, total,
                 bytes / 1e6, bytes_total / 1e6, rate, left, terminal_text(f.source).c_str());
    if (done == total) std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
  };
}

// IngestOptions from the validated `args`: index, shards, read options,
// manifest and lexicons. nullopt, with the messages printed, when the
// manifest or the lexicons cannot be loaded (the command exits 3).
std::optional<IngestOptions> ingest_options(const CliArgs& args, const char* exe) {
  IngestOptions options;
  if (auto dir = args.option("--index")) options.index_dir = *dir;
  if (auto shards = args.number("--shards")) options.shards = static_cast<std::size_t>(*shards);
  options.read.repair = args.flag("--repair");
  options.read.max_bytes = max_file_size(args, options.read.max_bytes);
  if (auto path = find_manifest(args)) {
    Result<Manifest> manifest = load_manifest(*path);
    if (!manifest.ok()) {
      std::cerr << terminal_text(manifest.error().render()) << '\n'
                << "analyzer: nothing was ingested; fix the manifest or run with --no-manifest\n";
      return std::nullopt;
    }
    options.manifest = std::move(manifest).value();
  }
  options.lexicons = ready_lexicons(args, exe);
  if (!options.lexicons) {
    std::cerr << "analyzer: nothing was ingested\n";
    return std::nullopt;
  }
  return options;
}

}  // namespace

int run_ingest(int argc, char** argv) {
  CommandStart start = parse_command(ingest_spec(), argc, argv, 2);
  if (!start.args) return start.exit;
  const CliArgs& args = *start.args;
  if (args.positional.empty())
    return usage_error(usage_problem("ingest needs at least one file or folder", "ingest"));
  std::optional<IngestOptions> options = ingest_options(args, argv[0]);
  if (!options) return kExitCannotRun;
  IngestSummary summary =
      ingest(args.positional, *options, isatty(STDERR_FILENO) ? terminal_progress() : IngestProgress{});
  if (summary.index_unavailable) {
    for (const auto& d : summary.diagnostics) std::cerr << terminal_text(d.render()) << '\n';
    return kExitCannotRun;
  }
  print_ingest_summary(summary, std::cout, args.flag("--verbose"));
  return summary.any_error() ? kExitInputFailed : kExitOk;
}

}  // namespace analyzer::cli
