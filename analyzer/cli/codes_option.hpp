#pragma once
// `--codes auto|reviewed` of the commands that count or quote theme mentions
// (report, excerpts, search --theme): which theme codes they use, the
// automatic ones (the lexicons' mentions found at ingest) or the reviewed
// ones (coding/reviewed_codes.hpp: rejected mentions left out, manual
// codings with a theme added).
//
// Default: reviewed when the coding store (--codings, default
// codings.sqlite beside the index) exists and holds an active coding (a
// decision or manual coding, neither removed nor orphaned); else auto.
// The store is never created by these commands: it is opened only when
// the file exists. `--codes reviewed` without a store is a usage error
// (exit 2): an analyst who asks for reviewed figures must not get
// unreviewed ones under that name; `--codes auto` says so.
// With reviewed codes the store is re-anchored first (sync_codings, as
// `codings list` does: a changed source's codings follow their quotes), so
// it is written to when a source changed since the last coding command.

#include <optional>
#include <string>
#include <vector>

#include "analyzer/cli/args.hpp"
#include "analyzer/coding/reviewed_codes.hpp"
#include "analyzer/index/index.hpp"
#include "analyzer/report/report_provenance.hpp"

namespace analyzer::cli {

// --codes, --coder (only this coder's review) and --codings.
std::vector<OptionSpec> codes_options();

// Whether codes_choice() has anything to read: --codes was given or the
// coding store exists. A command that needs work to call codes_choice
// (search opens an IndexReader) asks this first.
bool codes_to_choose(const CliArgs& args);

// The codes a command uses, decided by codes_choice().
struct CodesChoice {
  bool reviewed = false;
  // Whether the output states the codes (ReportProvenance::codes): a store
  // exists or --codes was given. Without, output is as before --codes.
  bool stated = false;
  std::string coder;                      // --coder; empty: every coder
  std::vector<coding::Coding> codings;    // the store's active codings (re-anchored when reviewed)
  // Reviewed only: every answer (decision parts too) of the sources the
  // codings point into, as they were re-anchored against (view_of_coded).
  std::vector<AnswerRecord> index_answers;
};

// Decides the codes from --codes and the store; with reviewed codes reads
// and re-anchors the codings against `index` (the answers of the coded
// sources in memory, view_of_coded). Prints the reason and returns nullopt
// with `exit` set when it cannot: kExitUsage for --codes reviewed without
// a store, kExitCannotRun for a store that cannot be read.
std::optional<CodesChoice> codes_choice(const CliArgs& args, const IndexReader& index, int& exit);

// The answers with the reviewed codes applied (unchanged with auto), and
// the CodesUsed a provenance states for `themes` (nullopt when not
// stated). With auto and a store, the counts are of the store's active
// codings of those themes (nothing applied, `automatic` 0).
struct CodedAnswers {
  std::vector<AnswerRecord> answers;
  std::optional<CodesUsed> used;
};
CodedAnswers apply_codes(const CodesChoice& choice, std::vector<AnswerRecord> answers,
                         const std::vector<std::string>& themes);

}  // namespace analyzer::cli
