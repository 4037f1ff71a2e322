// `analyzer import FILE.qdpx`: the codings of a REFI-QDA project exported
// from this index (and coded further in NVivo, MAXQDA, ATLAS.ti, ...) back
// into the coding store. A thin layer: read the file (exchange/
// qdpx_reader), plan against the index and the store (exchange/
// import_plan), print the summary, write the plan in one transaction.

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "analyzer/cli/args.hpp"
#include "analyzer/cli/coding_context.hpp"
#include "analyzer/cli/commands.hpp"
#include "analyzer/cli/lexicon_loading.hpp"
#include "analyzer/exchange/import_plan.hpp"
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
store are created, nested as in the project), notes on selections as memos;
coders are the project's users. Each source must be a part of the index
(matched by its GUID); each selection is checked against the index's text
and found again by its quote when the text moved; one that cannot be placed
is refused with the reason and the rest imported. A coding the store holds
already is not added again, so importing an export into its own store
changes nothing. Everything is written in one transaction: all or nothing.

The file is refused whole, the store untouched, when it is no ZIP archive,
has no project.qde, declares a DOCTYPE or entities, fails the REFI-QDA
schema (the line and the schema's message are given), points at a source
missing from the archive, has a selection outside its source's text or a
coding with a code the codebook lacks, or holds sources that are not in the
index (another tool's own project: not supported yet).

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
  std::optional<IndexView> view = read_index(args);
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
  }
  PersonalDataMasker masker(view->contact_names);
  const std::vector<exchange::PartText> parts = exchange::compose_part_texts(view->answers, masker);
  in.parts = &parts;
  in.answers = &view->answers;
  in.sha256 = &view->sha256;
  for (const Lexicon& l : lexicons->lexicons()) in.theme_ids.push_back(l.id);
  in.coder = coder.value();

  Result<exchange::ImportPlan> plan = exchange::plan_import(qdpx.value().project, in);
  if (!plan.ok()) {
    Diagnostic d = plan.error();
    d.file = file + ":" + d.file;
    std::cerr << d.render() << "\nanalyzer: nothing was imported\n";
    return kExitInputFailed;
  }
  plan.value().skipped_sources = qdpx.value().skipped_sources;
  if (!dry_run && (!plan.value().batch.codings.empty() || !plan.value().batch.codes.empty())) {
    Result<coding::ImportResult> done = store->apply_import(plan.value().batch);
    if (!done.ok()) {
      std::cerr << done.error().render() << "\nanalyzer: nothing was imported\n";
      return coding::store_unusable(done.error()) ? kExitCannotRun : kExitInputFailed;
    }
  }
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
