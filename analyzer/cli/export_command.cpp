// `analyzer export`: the project as a REFI-QDA file for NVivo, MAXQDA,
// ATLAS.ti, QualCoder (.qdpx), or the codebook alone (.qdc). A thin layer:
// read the index, the lexicons and the coding store, build the project
// (exchange/refi_export.hpp), write it (exchange/qdpx_writer.hpp), print
// what went in and what was left out.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <set>

#include "analyzer/cli/args.hpp"
#include "analyzer/cli/coding_context.hpp"
#include "analyzer/cli/commands.hpp"
#include "analyzer/cli/file_output.hpp"
#include "analyzer/cli/index_start.hpp"
#include "analyzer/cli/lexicon_loading.hpp"
#include "analyzer/cli/record_filter_args.hpp"
#include "analyzer/exchange/qdpx_writer.hpp"
#include "analyzer/exchange/refi_export.hpp"
#include "analyzer/index/index.hpp"
#include "analyzer/print/export_printers.hpp"
#include "analyzer/report/report_provenance.hpp"

namespace analyzer::cli {
namespace {

constexpr const char* kExportIntro = R"(Usage: analyzer export --format qdpx|qdc --output FILE [filters] [OPTIONS]

Writes the project as a REFI-QDA file, the exchange format of NVivo, MAXQDA,
ATLAS.ti, QualCoder and Quirkos.
  qdpx   a ZIP with project.qde (valid against the REFI-QDA Project schema)
         and sources/<guid>.txt: one plain-text source per document part
         (its answers under their questions, UTF-8 without BOM, LF line
         ends, personal data masked). Codes: the lexicons' themes (label,
         definition as description) and your own codes, nested. Selections:
         the automatic mentions nobody decided on, accepted and manual
         codings, and rejected mentions (no code; a note says who rejected
         them). Memos become notes. Respondents are cases; År, Region and
         Respondenttyp are variables. Start and end positions count Unicode
         code points of the source's text, not bytes. GUIDs are stable: the
         same project exported again has the same GUIDs.
  qdc    the codebook alone: themes and own codes (no index needed).
Codings are re-anchored first when files were ingested again; orphaned
codings, and codings of answers the filters leave out, are not exported and
are counted in the summary (standard output). The filters choose document
parts: a part goes in whole (every answer, so positions do not depend on
the filters) when any of its answers matches. SOURCE_DATE_EPOCH (seconds
since 1970) sets the project's time, for files that are the same byte for
byte on every run. The file is written beside FILE and renamed over it when
complete: a failure never leaves a half file. A symbolic link FILE is
followed: its target is replaced and the link stays.

Limits: every answer of the index and every coding are held in memory
(about three times the answers' text); FILE must not be a terminal (exit 2),
nor a folder, a device such as /dev/full, a FIFO or a socket (exit 3,
before anything is read).

Options:
)";

constexpr const char* kExportOutro = R"(
Exit status: 0 written, 2 usage error (no --output, a terminal, unknown
theme), 3 the index, the lexicons or the coding store could not be read, or
FILE could not be written (also: FILE is not a regular file).
)";

const CommandSpec& export_spec() {
  static const CommandSpec spec{
      "export",
      std::vector<OptionSpec>{
          choice_option("--format", "  --format F            qdpx (default): the project; qdc: the codebook alone\n",
                        {"qdpx", "qdc"}),
          text_option("--output", "  --output FILE         the file to write (required)\n"),
          text_option("--theme", "  --theme T             parts with a mention of theme T (id or label)\n"),
          flag_option("--json", "  --json                the summary as one JSON object (fields:\n"
                                    "                        analyzer/print/export_printers.hpp)\n")} +
          record_filter_options() +
          std::vector<OptionSpec>{text_option("--index", kIndexHelp), text_option("--codings", kStoreHelp),
                                  lexicons_option()},
      kExportIntro, kExportOutro};
  return spec;
}

// A usage error when `path` is standard output or a terminal.
std::optional<Diagnostic> not_a_file(const std::string& path) {
  if (path == "-") return usage_problem("--output - would write to standard output; give a file name", "export");
  struct stat st {};
  if (stat(path.c_str(), &st) != 0 || !S_ISCHR(st.st_mode)) return std::nullopt;
  const int fd = open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  const bool terminal = fd >= 0 && isatty(fd);
  if (fd >= 0) close(fd);
  if (!terminal) return std::nullopt;
  return usage_problem("--output " + path + " is a terminal; a REFI-QDA file is binary: give a file name", "export");
}

std::string project_name(const std::string& index) {
  std::filesystem::path p = std::filesystem::path(index).lexically_normal();
  if (p.filename().empty()) p = p.parent_path();
  return "analyzer: " + p.filename().string();
}

// The project's time: SOURCE_DATE_EPOCH, else now.
Result<std::int64_t> export_time() {
  const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  std::optional<std::int64_t> time = report_time(epoch, now);
  if (!time)
    return usage_problem(std::string("SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 UTC, not \"") + epoch +
                             "\"",
                         "export");
  return *time;
}

bool any_filter(const CliArgs& args) {
  for (const char* o : {"--theme", "--year", "--region", "--respondent-type", "--question", "--source"})
    if (args.option(o)) return true;
  return false;
}

// The answers of the parts that the filters choose: every answer of a
// part any of whose answers matches (decision parts included).
Result<std::vector<AnswerRecord>> chosen_parts(const IndexReader& reader, const CliArgs& args,
                                               const LexiconMatcher& lexicons, std::vector<AnswerRecord> all) {
  if (!any_filter(args)) return all;
  Result<RecordFilter> filter = parse_record_filter(args);
  if (!filter.ok()) return filter.error();
  filter.value().include_decisions = true;
  if (auto theme = args.option("--theme")) {
    Result<const Lexicon*> l = find_theme_option(lexicons, *theme);
    if (!l.ok()) return l.error();
    filter.value().theme = l.value()->id;
  }
  std::set<std::pair<std::string, int>> parts;
  if (Status known = reader.check_filter(filter.value()); !known.ok()) return std::move(known).error();
  for (const AnswerRecord& a : reader.answers(filter.value())) parts.insert({a.source, a.part});
  std::vector<AnswerRecord> chosen;
  for (AnswerRecord& a : all)
    if (parts.count({a.source, a.part})) chosen.push_back(std::move(a));
  return chosen;
}

// The store's content, re-anchored on `view` first; an empty content when
// the store does not exist (nothing coded yet: it is not created here).
std::optional<exchange::StoreContent> read_store(const CliArgs& args, const IndexView* view, int& exit) {
  exchange::StoreContent content;
  if (!std::filesystem::exists(store_path(args))) {
    std::cerr << "analyzer: no coding store at " << store_path(args) << ": only the automatic codings are exported\n";
    return content;
  }
  std::unique_ptr<coding::CodingStore> store = open_store(args);
  if (!store) {
    exit = kExitCannotRun;
    return std::nullopt;
  }
  auto fail = [&](const Diagnostic& d) {
    exit = store_failure(d);
    return std::nullopt;
  };
  if (view)
    if (Status s = sync_codings(*store, *view); !s.ok()) return fail(s.error());
  auto codes = store->codes();
  if (!codes.ok()) return fail(codes.error());
  content.own_codes = std::move(codes).value();
  if (!view) return content;  // the codebook alone
  auto codings = store->codings();
  if (!codings.ok()) return fail(codings.error());
  content.codings = std::move(codings).value();
  auto memos = store->memos();
  if (!memos.ok()) return fail(memos.error());
  content.memos = std::move(memos).value();
  return content;
}

int run(const CliArgs& args, const char* exe) {
  if (!args.positional.empty())
    return usage_error(usage_problem("`analyzer export` takes no arguments, got \"" + args.positional[0] + "\"",
                                     "export"));
  const bool codebook = args.choice("--format").value_or(0) == 1;
  const std::string format = codebook ? "qdc" : "qdpx";
  const std::optional<std::string> output = args.option("--output");
  if (auto problem = binary_format_needs_output(format, output, "projekt", "export")) return usage_error(*problem);
  if (auto problem = not_a_file(*output)) return usage_error(*problem);
  if (codebook && any_filter(args))
    return usage_error(usage_problem("--format qdc writes the codebook alone: the filters do not apply", "export"));
  if (Result<RecordFilter> f = parse_record_filter(args); !f.ok()) return usage_error(f.error());
  Result<std::int64_t> time = export_time();
  if (!time.ok()) return usage_error(time.error());
  if (auto refused = refuse_unwritable_output(*output, exchange::kRefiFileWhat)) return *refused;

  std::optional<LexiconMatcher> lexicons = ready_lexicons(args, exe);
  if (!lexicons) return kExitCannotRun;
  std::vector<exchange::ExportTheme> themes;
  for (const Lexicon& l : lexicons->lexicons()) themes.push_back({l.id, l.label, l.definition});

  std::unique_ptr<IndexReader> reader;
  std::optional<IndexView> view;
  std::vector<AnswerRecord> answers;
  if (!codebook) {
    reader = open_index<IndexReader>({index_dir(args)});
    if (!reader) return kExitCannotRun;
    view = view_of(*reader);
  }
  int exit = kExitOk;
  std::optional<exchange::StoreContent> store = read_store(args, view ? &*view : nullptr, exit);
  if (!store) return exit;
  if (view) {  // after the re-anchoring, which needs every answer
    Result<std::vector<AnswerRecord>> chosen = chosen_parts(*reader, args, *lexicons, std::move(view->answers));
    if (!chosen.ok()) return usage_error(chosen.error());
    answers = std::move(chosen).value();
  }

  const exchange::ProjectHeader header{project_name(index_dir(args)), std::string("analyzer ") + ANALYZER_VERSION,
                                       utc_timestamp(time.value())};
  const exchange::BuiltProject built = exchange::build_refi_project(
      header, answers, view ? view->contact_names : std::vector<std::string>{}, themes, *store);
  const Status written = codebook ? exchange::write_codebook(built.project, *output)
                                  : exchange::write_qdpx(built.project, *output, time.value());
  if (!written.ok()) return report_written(written);
  if (args.flag("--json"))
    print_export_summary_json(built.summary, *output, codebook, std::cout);
  else
    print_export_summary(built.summary, *output, codebook, std::cout);
  return kExitOk;
}

}  // namespace

int run_export(int argc, char** argv) {
  CommandStart start = parse_command(export_spec(), argc, argv, 2);
  if (!start.args) return start.exit;
  return run(*start.args, argv[0]);
}

}  // namespace analyzer::cli
