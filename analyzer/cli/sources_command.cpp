// `analyzer sources`: per file and part of the index, the metadata with
// where each field came from; --write-manifest turns it into a manifest
// the analyst corrects and feeds back with `ingest --manifest`.

#include <iostream>

#include "analyzer/cli/args.hpp"
#include "analyzer/cli/commands.hpp"
#include "analyzer/cli/index_start.hpp"
#include "analyzer/cli/record_filter_args.hpp"
#include "analyzer/index/index.hpp"
#include "analyzer/mask/personal_data.hpp"
#include "analyzer/print/source_printers.hpp"
#include "analyzer/read/manifest.hpp"

namespace analyzer::cli {
namespace {

const CommandSpec& sources_spec() {
  static const CommandSpec spec{
      "sources",
      {choice_option("--format",
                     "  --format F            table (default), json (JSON Lines, one object per file) or md\n",
                     {"table", "json", "md"}),
       flag_option("--json", "  --json                the same as --format json (as answers and numbers take it)\n"),
       text_option("--write-manifest",
                   "  --write-manifest FILE write a manifest with every value found filled in, to correct\n"
                   "                        and feed back with `analyzer ingest --manifest FILE`. An existing\n"
                   "                        FILE is merged into: every value it holds is kept as written,\n"
                   "                        only missing entries and keys are added\n"),
       read_index_option()},
      "Usage: analyzer sources [--format table|json|md | --json] [--write-manifest FILE] [--index DIR]\n\n"
      "Lists every ingested file and part: format, year, region, respondent, type,\n"
      "answers, numeric items, theme mentions, where each field came from (manifest,\n"
      "detected by a named rule, with the line that decided, or default) and\n"
      "warnings (blank form, no answers, field guessed or missing, field that\n"
      "disagrees with the manifest). Table and md use Swedish column labels.\n"
      "Personal data (e-mail, phone, personnummer, contact names) in evidence\n"
      "lines is masked.\n\nOptions:\n"};
  return spec;
}

// Evidence quotes lines of the documents: mask what the excerpts mask.
void mask_evidence(std::vector<SourceSummary>& sources, const std::vector<std::string>& contact_names) {
  PersonalDataMasker masker(contact_names);
  for (SourceSummary& s : sources)
    for (SourcePart& p : s.parts)
      for (FieldEvidence* e : each_field(p.provenance))
        if (!e->text.empty()) e->text = masker.mask(e->text);
}

}  // namespace

int run_sources(int argc, char** argv) {
  CommandStart start = parse_command(sources_spec(), argc, argv, 2);
  if (!start.args) return start.exit;
  const CliArgs& args = *start.args;
  if (!args.positional.empty())
    return usage_error(
        usage_problem("`analyzer sources` takes no arguments, got \"" + args.positional.front() + "\"", "sources"));
  if (args.flag("--json") && args.choice("--format").value_or(1) != 1)
    return usage_error(usage_problem("--json and --format " + *args.option("--format") + " ask for two formats; give one",
                                     "sources"));
  std::unique_ptr<IndexReader> reader = open_index<IndexReader>(index_locations(args));
  if (!reader) return kExitCannotRun;
  std::vector<SourceSummary> sources = reader->source_summaries();
  mask_evidence(sources, reader->contact_names());

  if (auto path = args.option("--write-manifest")) {
    std::vector<ManifestEntry> entries;
    for (const SourceSummary& s : sources)
      if (!s.parts.empty()) entries.push_back(manifest_entry_for(s));
    Result<ManifestMerge> written = write_manifest(*path, entries);
    if (!written) {
      std::cerr << written.error().render() << '\n';
      return kExitCannotRun;
    }
    const ManifestMerge& m = written.value();
    std::cerr << "manifest " << *path << ": " << m.added << " entries added, " << m.completed
              << " completed with missing keys, " << m.unchanged
              << " unchanged; correct it, then: analyzer ingest --manifest " << *path << " PATH...\n";
    return kExitOk;
  }
  static constexpr SourcesFormat kFormats[] = {SourcesFormat::Table, SourcesFormat::Json, SourcesFormat::Markdown};
  print_sources(sources, args.flag("--json") ? SourcesFormat::Json : kFormats[args.choice("--format").value_or(0)],
                std::cout);
  return kExitOk;
}

}  // namespace analyzer::cli
