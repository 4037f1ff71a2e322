// `analyzer codings gold`: one coder's reviewed codings as a gold file that
// `analyzer eval --gold` reads (coding/coder_gold.hpp builds it,
// print/gold_printer.hpp writes it). A thin layer: read the index, the
// store and the source files, build, write, say what was left out.

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <iostream>

#include "analyzer/cli/args.hpp"
#include "analyzer/cli/coding_context.hpp"
#include "analyzer/cli/commands.hpp"
#include "analyzer/cli/index_start.hpp"
#include "analyzer/cli/lexicon_loading.hpp"
#include "analyzer/coding/coder_gold.hpp"
#include "analyzer/core/file_bytes.hpp"
#include "analyzer/eval/gold.hpp"
#include "analyzer/mask/personal_data.hpp"
#include "analyzer/print/gold_printer.hpp"
#include "analyzer/read/source.hpp"

namespace analyzer::cli {
namespace {

constexpr const char* kCoderGoldIntro = R"(Usage: analyzer codings gold --coder NAME --output FILE [OPTIONS]

Writes the reviewed codings of one coder as a gold file for
`analyzer eval --gold FILE` (format: tests/gold/README.md). Its scope is the
answers the coder reviewed (made any decision or manual coding in): each is a
scope line, so eval scores the lexicon only where this coder looked. Mentions
are the coder's accepted mentions (their original offsets) and manual codings
with a lexicon theme (their quote found in the source file near its place);
rejected mentions are absent themes. Paths in the file are the paths the
files were ingested from, so run eval from the folder ingest ran in. A
mention's text is left out where it would show personal data.

Left out, and counted on stderr: codings with an own code, of a theme the
lexicons do not have, orphaned codings, manual codings whose quote the file
no longer holds there, and every coding of a source that is not a UTF-8 text
file at its ingested path with the content the index was made from.

Options:
)";

constexpr const char* kCoderGoldOutro = R"(
Exit status: 0 written, 2 usage error (no --coder or --output, a coder
without codings), 3 the index, the store or the output could not be used.
)";

const CommandSpec& gold_spec() {
  static const CommandSpec spec{
      "codings gold",
      std::vector<OptionSpec>{
          text_option("--coder", "  --coder NAME          whose codings (required)\n"),
          text_option("--output", "  --output FILE         the gold file to write (required)\n"),
          lexicons_option(),
          text_option("--index", kIndexHelp),
          text_option("--codings", kStoreHelp)},
      kCoderGoldIntro, kCoderGoldOutro};
  return spec;
}

// The source files of the coder's answers that the gold file can name: text
// files read whole (limit kMaxGoldFileBytes, as eval reads them) from the
// path ingest read them from, valid UTF-8, with the SHA-256 the index
// holds. The others are left out, each with a line on stderr saying why.
std::map<std::string, coding::GoldSourceFile> files_at_hand(const IndexReader& reader,
                                                           const std::set<std::string>& wanted) {
  std::map<std::string, coding::GoldSourceFile> files;
  for (const SourceSummary& s : reader.source_summaries()) {
    if (!wanted.count(s.source)) continue;
    auto skip = [&](const std::string& why) {
      std::cerr << "analyzer: " << s.source << ": left out of the gold file: " << why << '\n';
    };
    if (s.format != "text") {
      skip("a " + s.format + " file: its offsets are not into the file's bytes, which eval reads");
      continue;
    }
    Result<std::string> bytes = read_file_bytes(s.path, {kMaxGoldFileBytes, "source file"});
    if (!bytes.ok()) {
      skip("cannot read " + s.path + " (run from the folder ingest ran in): " + bytes.error().message);
      continue;
    }
    if (!s.sha256.empty() && sha256_hex(bytes.value()) != s.sha256) {
      skip(s.path + " changed since it was ingested (run `analyzer ingest` again)");
      continue;
    }
    if (Status valid = check_utf8(s.path, bytes.value()); !valid.ok()) {
      skip("not UTF-8: " + valid.error().message);
      continue;
    }
    files[s.source] = {s.path, std::move(bytes).value()};
  }
  return files;
}

}  // namespace

int run_codings_gold(int argc, char** argv) {
  const std::string command = "codings gold";
  CommandStart start = parse_command(gold_spec(), argc, argv, 3);
  if (!start.args) return start.exit;
  const CliArgs& args = *start.args;
  if (!args.positional.empty())
    return usage_error(usage_problem("`analyzer codings gold` takes no arguments, got \"" + args.positional[0] + "\"",
                                     command));
  for (const char* required : {"--coder", "--output"})
    if (!args.option(required)) return usage_error(usage_problem(std::string("missing ") + required, command));
  const std::string coder = *args.option("--coder");
  const std::string output = *args.option("--output");

  std::optional<LexiconMatcher> lexicons = ready_lexicons(args, argv[0]);
  if (!lexicons) return kExitCannotRun;
  std::vector<std::string> themes;
  for (const Lexicon& l : lexicons->lexicons()) themes.push_back(l.id);

  std::unique_ptr<IndexReader> reader = open_index<IndexReader>({index_dir(args)});
  if (!reader) return kExitCannotRun;
  std::unique_ptr<coding::CodingStore> store = open_store(args);
  if (!store) return kExitCannotRun;
  const IndexView view = view_of(*reader);
  if (Status s = sync_codings(*store, view); !s.ok()) return store_failure(s.error());
  coding::CodingFilter mine;
  mine.coder = coder;
  Result<std::vector<coding::Coding>> codings = store->codings(mine);
  if (!codings.ok()) return store_failure(codings.error());
  if (codings.value().empty()) {
    Result<std::vector<coding::Coding>> all = store->codings();
    if (!all.ok()) return store_failure(all.error());
    Status s = check_coders_have_codings(all.value(), {coder}, args, command);
    if (!s.ok()) return usage_error(s.error());
  }

  std::set<std::string> sources;
  for (const coding::Coding& c : codings.value()) sources.insert(c.source);
  coding::CoderGold gold =
      coding::coder_gold(view.answers, codings.value(), coder, themes, files_at_hand(*reader, sources));
  // The text check is optional in a gold file: left out where it would show
  // personal data (a name, e-mail or phone number inside a coded span).
  PersonalDataMasker masker(view.contact_names);
  for (GoldMention& m : gold.gold.mentions)
    if (masker.mask(m.text) != m.text) m.text.clear();

  std::ofstream file(output, std::ios::binary);
  if (file) print_gold_jsonl(gold.gold, file);
  if (file) file.close();
  if (!file) {
    std::cerr << "analyzer: cannot write the gold file " << output << ": " << std::strerror(errno) << '\n';
    return kExitCannotRun;
  }
  std::cout << "wrote " << output << ": " << gold.gold.mentions.size() << " mentions in " << gold.answers
            << " answers reviewed by " << coder << " (" << gold.gold.files.size() << " files; " << gold.rejected
            << " rejected mentions are absent themes)\n";
  const std::size_t left_out = gold.unplaced + gold.own_codes + gold.unknown_theme + gold.orphaned +
                               gold.not_in_index + gold.no_file;
  if (left_out)
    std::cerr << "analyzer: left out " << left_out << " codings: " << gold.own_codes << " with an own code, "
              << gold.unknown_theme << " of a theme the lexicons lack, " << gold.orphaned << " orphaned, "
              << gold.unplaced << " whose quote the file no longer holds there, " << gold.not_in_index
              << " of answers not in the index, " << gold.no_file << " of files not at hand\n";
  // The themes the coder coded: other themes in the reviewed answers were
  // not looked at, so eval scores these only; the paths are relative to
  // the folder this ran in, named with --base.
  std::set<std::string> coded;
  for (const coding::Coding& c : codings.value())
    if (c.removed.empty() && !c.theme.empty()) coded.insert(c.theme);
  std::string theme_options;
  for (const std::string& t : coded) theme_options += " --theme " + t;
  std::error_code ec;
  const std::string here = std::filesystem::current_path(ec).string();
  std::cout << "score the lexicon against it, on the themes " << coder << " coded, with: analyzer eval --gold "
            << output << theme_options << (ec ? "" : " --base " + here) << '\n';
  return kExitOk;
}

}  // namespace analyzer::cli
