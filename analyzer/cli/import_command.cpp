// `analyzer import FILE.qdpx`: the codings of a REFI-QDA project exported
// from this index (and coded further in NVivo, MAXQDA, ATLAS.ti, ...) back
// into the coding store. A thin layer: read the file (exchange/
// qdpx_reader), plan against the index and the store (exchange/
// import_plan), print the summary, write the plan in one transaction.

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <set>

#include "analyzer/cli/args.hpp"
#include "analyzer/cli/coding_context.hpp"
#include "analyzer/cli/commands.hpp"
#include "analyzer/cli/lexicon_loading.hpp"
#include "analyzer/exchange/foreign_sources.hpp"
#include "analyzer/exchange/import_plan.hpp"
#include "analyzer/exchange/refi_guid.hpp"
#include "analyzer/ingest/ingest.hpp"
#include "analyzer/exchange/part_text.hpp"
#include "analyzer/exchange/qdpx_reader.hpp"
#include "analyzer/mask/personal_data.hpp"
#include "analyzer/print/import_printers.hpp"

namespace analyzer::cli {
namespace {

constexpr const char* kImportIntro = R"(Usage: analyzer import FILE.qdpx [--dry-run] [OPTIONS]

Reads a REFI-QDA project (.qdpx, as `analyzer export --format qdpx` writes
it, coded further in NVivo, MAXQDA, ATLAS.ti or QualCoder) and adds its
codings to the coding store (--codings): accepted and rejected decisions on
mentions, manual codings with themes or own codes (own codes missing from the
store are created, nested as in the project), notes on selections as memos
on their codings, notes on own codes as memos on the codes, and the notes
analyzer wrote for memos on answers as those memos (other notes on a whole
source, or on a theme, are left out and listed); coders are the project's
users. A source of a project analyzer exported must
be a part of the index (matched by its GUID); each selection is checked
against the index's text and found again by its quote when the text moved;
one that cannot be placed is refused with the reason and the rest imported.

Another tool's project (its origin is not analyzer) brings its own sources:
each text source not in the index is written as a UTF-8 file (its text as
in the project, CR LF kept) to imported/<project>/<source>.txt beside the
coding store (an existing file with the same text is reused, never
overwritten; at most 2000 sources, 16 MiB each, 256 MiB in all) and ingested
into the index (--index) as `analyzer ingest` would, with year, region,
respondent type and name from the variables "År" (or "Year"), "Region" and
"Respondenttyp" of the source or its case, and the case's or source's name.
When --index names no index yet (no folder, or an empty one), the import
creates it. Its selections are placed in the answers ingest found in the
file (by their quote); a selection in no answer (a heading, a question) is
refused with the reason. Its codes become own codes, nested as in the
project. The files and the index change are derived data (ingesting the
folder gives the same).

A coding the store holds already is not added again, so importing a file
into a store that has it changes nothing. The store is written in one
transaction: all or nothing.

The file is refused whole, the store untouched, when it is no ZIP archive,
has no project.qde, declares a DOCTYPE or entities, fails the REFI-QDA
schema (the line and the schema's message are given), points at a source
missing from the archive, has a selection outside its source's text or a
coding with a code the codebook lacks, or, exported by analyzer, holds
sources that are not in the index (it was exported from another index).

Options:
)";

constexpr const char* kImportOutro = R"(
Exit status: 0 imported (or nothing to import), 1 the file was refused or
some selections were refused (the rest imported), 2 usage error, 3 the index
or the coding store could not be used.
)";

const CommandSpec& import_spec() {
  static const CommandSpec spec{
      "import",
      std::vector<OptionSpec>{
          flag_option("--dry-run", "  --dry-run             print what would be imported; write nothing\n"),
          flag_option("--json", "  --json                the summary as one JSON object (fields:\n"
                                    "                        analyzer/print/import_printers.hpp)\n"),
          lexicons_option()} +
          store_options(),
      kImportIntro, kImportOutro};
  return spec;
}

// A test hook: with ANALYZER_TEST_KILL_IMPORT set, the import kills its own
// process inside the transaction, just before COMMIT (tests check that the
// store is then as it was).
coding::StoreOptions import_store_options() {
  coding::StoreOptions options;
  if (std::getenv("ANALYZER_TEST_KILL_IMPORT")) options.before_commit = [] { std::raise(SIGKILL); };
  return options;
}

// Whether `dir` holds no index and nothing else: it does not exist, or it
// is an empty folder.
bool no_index_yet(const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) return !ec;
  return std::filesystem::is_directory(dir, ec) && std::filesystem::is_empty(dir, ec) && !ec;
}

int run_import_file(const CliArgs& args, const char* exe) {
  const std::string command = "import";
  if (args.positional.size() != 1)
    return usage_error(usage_problem("`analyzer import` takes one FILE.qdpx", command));
  const std::string file = args.positional[0];
  Result<std::string> coder = coder_of(args, command);
  if (!coder.ok()) return usage_error(coder.error());
  Result<exchange::QdpxFile> qdpx = exchange::read_qdpx(file);
  if (!qdpx.ok()) {
    std::cerr << qdpx.error().render() << "\nanalyzer: nothing was imported\n";
    return kExitInputFailed;
  }
  const exchange::RefiProject& project = qdpx.value().project;
  const bool foreign = project.origin.rfind("analyzer", 0) != 0;
  // Another tool's project brings its sources, so it may start an index:
  // with no index yet (no folder, or an empty one) ingest creates it.
  std::optional<IndexView> view;
  if (foreign && no_index_yet(index_dir(args)))
    view = IndexView{};
  else
    view = read_index(args);
  if (!view) return kExitCannotRun;
  std::optional<LexiconMatcher> lexicons = ready_lexicons(args, exe);
  if (!lexicons) return kExitCannotRun;
  const bool dry_run = args.flag("--dry-run");
  exchange::ImportInputs in;
  // A dry run against a store that does not exist yet plans against an
  // empty one and creates no file.
  std::unique_ptr<coding::CodingStore> store;
  std::error_code ec;
  if (!dry_run || std::filesystem::exists(store_path(args), ec)) {
    store = open_store(args, import_store_options());
    if (!store) return kExitCannotRun;
    if (Status s = sync_codings(*store, *view); !s.ok()) return store_failure(s.error());
    auto codings = store->codings();
    if (!codings.ok()) return store_failure(codings.error());
    in.codings = std::move(codings).value();
    auto codes = store->codes();
    if (!codes.ok()) return store_failure(codes.error());
    in.codes = std::move(codes).value();
    auto memos = store->memos();
    if (!memos.ok()) return store_failure(memos.error());
    in.memos = std::move(memos).value();
  }
  PersonalDataMasker masker(view->contact_names);
  const std::vector<exchange::PartText> parts = exchange::compose_part_texts(view->answers, masker);
  in.parts = &parts;
  in.masker = &masker;
  in.answers = &view->answers;
  in.sha256 = &view->sha256;
  for (const Lexicon& l : lexicons->lexicons()) in.theme_ids.push_back(l.id);
  in.coder = coder.value();

  // Another tool's sources: files beside the store, ingested (not in a dry
  // run). The plan is made first with their selections pending, so a
  // project refused whole writes nothing.
  std::vector<exchange::ForeignFile> files;
  const std::string folder = exchange::foreign_folder(store_path(args), project.name);
  if (foreign) {
    std::set<std::string> part_guids;
    for (const exchange::PartText& p : parts)
      part_guids.insert(exchange::stable_guid("source", p.source + "#" + std::to_string(p.part)));
    auto planned = exchange::plan_foreign_files(project, part_guids, view->sha256, folder);
    if (!planned.ok()) {
      std::cerr << planned.error().render() << "\nanalyzer: nothing was imported\n";
      return kExitInputFailed;
    }
    files = std::move(planned).value();
    for (const exchange::ForeignFile& f : files) in.foreign[f.source] = f.file_name;
  }
  in.foreign_pending = !files.empty();
  Result<exchange::ImportPlan> plan = exchange::plan_import(project, in);
  std::vector<exchange::PartText> ingested_parts;
  std::optional<IndexView> ingested_view;
  if (plan.ok() && !files.empty() && !dry_run) {
    if (Status s = exchange::write_foreign_files(files); !s.ok()) {
      std::cerr << s.error().render() << "\nanalyzer: nothing was imported\n";
      return kExitCannotRun;
    }
    IngestOptions options;
    options.index_dir = index_dir(args);
    options.manifest = exchange::foreign_manifest(files);
    options.lexicons = *lexicons;
    std::vector<std::string> paths;
    for (const exchange::ForeignFile& f : files)
      if (!f.file_name.empty()) paths.push_back(f.path);
    IngestSummary ingested = paths.empty() ? IngestSummary{} : ingest(paths, options);
    if (ingested.index_unavailable || ingested.any_error()) {
      for (const auto& d : ingested.diagnostics) std::cerr << d.render() << '\n';
      for (const FileOutcome& f : ingested.files)
        for (const auto& d : f.diagnostics) std::cerr << d.render() << '\n';
      std::cerr << "analyzer: the sources written to " << folder
                << " could not all be ingested; no coding was imported\n";
      return ingested.index_unavailable ? kExitCannotRun : kExitInputFailed;
    }
    ingested_view = read_index(args);
    if (!ingested_view) return kExitCannotRun;
    PersonalDataMasker ingested_masker(ingested_view->contact_names);
    ingested_parts = exchange::compose_part_texts(ingested_view->answers, ingested_masker);
    in.parts = &ingested_parts;
    in.masker = &ingested_masker;
    in.answers = &ingested_view->answers;
    in.sha256 = &ingested_view->sha256;
    in.foreign_pending = false;
    plan = exchange::plan_import(project, in);
  }
  if (!plan.ok()) {
    Diagnostic d = plan.error();
    d.file = file + ":" + d.file;
    std::cerr << d.render() << "\nanalyzer: nothing was imported\n";
    return kExitInputFailed;
  }
  plan.value().skipped_sources = qdpx.value().skipped_sources;
  if (!files.empty()) plan.value().foreign_folder = folder;
  for (const exchange::ForeignFile& f : files) {
    if (f.file_name.empty()) continue;
    if (f.exists)
      ++plan.value().files_reused;
    else
      plan.value().files_written.push_back(f.file_name);
  }
  const coding::ImportBatch& batch = plan.value().batch;
  if (!dry_run && (!batch.codings.empty() || !batch.codes.empty() || !batch.memos.empty())) {
    Result<coding::ImportResult> done = store->apply_import(plan.value().batch);
    if (!done.ok()) {
      std::cerr << done.error().render() << "\nanalyzer: nothing was imported\n";
      return coding::store_unusable(done.error()) ? kExitCannotRun : kExitInputFailed;
    }
  }
  if (args.flag("--json"))
    print_import_summary_json(plan.value(), file, dry_run, std::cout);
  else
    print_import_summary(plan.value(), file, dry_run, std::cout);
  return plan.value().refused.empty() ? kExitOk : kExitInputFailed;
}

}  // namespace

int run_import(int argc, char** argv) {
  CommandStart start = parse_command(import_spec(), argc, argv, 2);
  if (!start.args) return start.exit;
  return run_import_file(*start.args, argv[0]);
}

}  // namespace analyzer::cli
