// `analyzer code`, `analyzer codes`, `analyzer codings`: the analysts'
// codings, kept in the coding store (coding/store.hpp). A thin layer: find
// the mention or answer in the index, check the request, hand it to the
// store, print what it did.

#include <iostream>
#include <map>

#include "analyzer/cli/args.hpp"
#include "analyzer/cli/coding_context.hpp"
#include "analyzer/cli/commands.hpp"
#include "analyzer/cli/index_start.hpp"
#include "analyzer/cli/lexicon_loading.hpp"
#include "analyzer/cli/record_filter_args.hpp"
#include "analyzer/coding/store.hpp"
#include "analyzer/core/mention_id.hpp"
#include "analyzer/core/utf8.hpp"
#include "analyzer/index/index.hpp"
#include "analyzer/mask/personal_data.hpp"
#include "analyzer/print/coding_printers.hpp"

namespace analyzer::cli {
namespace {

// ---- code accept | reject ---------------------------------------------------

int run_decision(coding::CodingKind kind, const CliArgs& args, const std::string& command) {
  if (args.positional.size() != 1)
    return usage_error(usage_problem("`analyzer " + command + "` takes one MENTION id", command));
  const std::string wanted = args.positional[0];
  if (Status s = check_free_text(args, "--memo", kMaxMemoBytes, command); !s.ok()) return usage_error(s.error());
  Result<std::string> coder = coder_of(args, command);
  if (!coder.ok()) return usage_error(coder.error());
  std::optional<IndexView> view = read_index(args);
  if (!view) return kExitCannotRun;
  for (const AnswerRecord& a : view->answers)
    for (const Mention& m : a.mentions) {
      if (mention_id(a.id, m.theme, m.span) != wanted) continue;
      if (m.in_text.empty() || m.in_text.end > a.text.size())
        return usage_error(make_error("", "mention " + wanted + " has no place in its answer's text (the index "
                                          "was made by an older analyzer)",
                                      "run `analyzer ingest` again on " + a.source));
      coding::NewCoding c;
      c.kind = kind;
      c.theme = m.theme;
      c.mention_id = wanted;
      c.answer_id = a.id;
      c.source = a.source;
      c.source_sha256 = sha_of(*view, a.source);
      c.span = m.in_text;
      c.source_span = m.span;
      c.quote = a.text.substr(m.in_text.begin, m.in_text.size());
      c.memo = args.option("--memo").value_or("");
      std::unique_ptr<coding::CodingStore> store = open_store(args);
      if (!store) return kExitCannotRun;
      Result<coding::Decision> d = store->decide(c, coder.value());
      if (!d.ok()) return store_failure(d.error());
      const char* verb = coding::to_string(kind);
      if (d.value().unchanged)
        std::cout << "mention " << wanted << " was " << verb << " by " << coder.value() << " already (coding "
                  << d.value().id << ")\n";
      else
        std::cout << verb << " mention " << wanted << " (" << m.theme << ") as coding " << d.value().id
                  << (d.value().replaced ? " (replaces coding " + std::to_string(*d.value().replaced) + ")" : "")
                  << '\n';
      return kExitOk;
    }
  return usage_error(make_error("", "no mention in " + index_dir(args) + " has the id \"" + wanted + "\"",
                                "see the `id` of `analyzer mentions --json`"));
}

// ---- code add ---------------------------------------------------------------

// The theme or own code `name`: a lexicon's id or label as every --theme
// takes it (find_theme: any case, with or without å, ä, ö), else an own
// code's name. A usage error listing every one otherwise.
Result<std::pair<std::string, std::optional<std::int64_t>>> resolve_code(const std::string& name,
                                                                         const LexiconMatcher& lexicons,
                                                                         coding::CodingStore& store,
                                                                         std::string_view command = "code add") {
  if (Result<const Lexicon*> theme = find_theme(lexicons, name); theme.ok())
    return std::pair{theme.value()->id, std::optional<std::int64_t>()};
  Result<std::vector<coding::OwnCode>> own = store.codes();
  if (!own.ok()) return own.error();
  std::string own_names;
  for (const coding::OwnCode& c : own.value()) {
    if (c.name == name) return std::pair{std::string(), std::optional<std::int64_t>(c.id)};
    own_names += " \"" + c.name + "\"";
  }
  return usage_problem("no theme or own code is named \"" + name + "\"; themes:" + known_themes(lexicons) +
                           "; own codes:" + (own_names.empty() ? " none (add one with `analyzer codes add NAME`)" : own_names),
                       command);
}

int run_code_add(const CliArgs& args, const char* exe) {
  const std::string command = "code add";
  if (!args.positional.empty())
    return usage_error(usage_problem("`analyzer code add` takes no arguments, got \"" + args.positional[0] + "\"",
                                     command));
  for (const char* required : {"--answer", "--start", "--end", "--code"})
    if (!args.option(required)) return usage_error(usage_problem(std::string("missing ") + required, command));
  if (Status s = check_free_text(args, "--memo", kMaxMemoBytes, command); !s.ok()) return usage_error(s.error());
  Result<std::string> coder = coder_of(args, command);
  if (!coder.ok()) return usage_error(coder.error());
  const std::string answer_id = *args.option("--answer");
  const std::size_t start = *args.number("--start"), end = *args.number("--end");
  std::optional<IndexView> view = read_index(args);
  if (!view) return kExitCannotRun;
  const AnswerRecord* answer = nullptr;
  for (const AnswerRecord& a : view->answers)
    if (a.id == answer_id) answer = &a;
  if (!answer)
    return usage_error(make_error("", "no answer in " + index_dir(args) + " has the id \"" + answer_id + "\"",
                                  "see the `id` of `analyzer answers --json`"));
  const std::string& text = answer->text;
  if (end <= start || end > text.size())
    return usage_error(make_error("", "the span [" + std::to_string(start) + ", " + std::to_string(end) +
                                          ") is outside answer " + answer_id + ", whose text has " +
                                          std::to_string(text.size()) + " bytes",
                                  "--start and --end are byte offsets into the answer's `text` "
                                  "(`analyzer answers --json`), start < end <= its length"));
  for (auto [what, at] : {std::pair{"--start", start}, std::pair{"--end", end}})
    if (at < text.size() && utf8::is_continuation(text[at]))
      return usage_error(make_error("", std::string(what) + " " + std::to_string(at) +
                                            " splits a UTF-8 character of answer " + answer_id +
                                            " (it starts at byte " + std::to_string(utf8::char_begin(text, at)) +
                                            ")",
                                    "give the offset of a character's first byte"));
  std::optional<LexiconMatcher> lexicons = ready_lexicons(args, exe);
  if (!lexicons) return kExitCannotRun;
  std::unique_ptr<coding::CodingStore> store = open_store(args);
  if (!store) return kExitCannotRun;
  auto code = resolve_code(*args.option("--code"), *lexicons, *store);
  if (!code.ok()) return usage_error(code.error());
  coding::NewCoding c;
  c.kind = coding::CodingKind::Manual;
  c.theme = code.value().first;
  c.code_id = code.value().second;
  c.answer_id = answer_id;
  c.source = answer->source;
  c.source_sha256 = sha_of(*view, answer->source);
  c.span = {start, end};
  c.quote = text.substr(start, end - start);
  c.memo = args.option("--memo").value_or("");
  Result<std::int64_t> id = store->add_coding(c, coder.value());
  if (!id.ok()) return store_failure(id.error());
  std::cout << "coding " << id.value() << ": " << *args.option("--code") << " on answer " << answer_id << " ["
            << start << ", " << end << ")\n";
  return kExitOk;
}

// ---- code remove ------------------------------------------------------------

int run_code_remove(const CliArgs& args) {
  const std::string command = "code remove";
  if (args.positional.size() != 1)
    return usage_error(usage_problem("`analyzer code remove` takes one CODING_ID", command));
  Result<std::uint64_t> id = parse_whole_number("CODING_ID", args.positional[0], 1, 1ull << 62);
  if (!id.ok()) return usage_error(id.error());
  Result<std::string> coder = coder_of(args, command);
  if (!coder.ok()) return usage_error(coder.error());
  std::unique_ptr<coding::CodingStore> store = open_store(args);
  if (!store) return kExitCannotRun;
  Status s = store->remove_coding(static_cast<std::int64_t>(id.value()), coder.value());
  if (!s.ok()) return store_failure(s.error());
  std::cout << "coding " << id.value() << " removed (kept in the store, marked removed by " << coder.value()
            << "; `analyzer codings list --include-removed` shows it)\n";
  return kExitOk;
}

constexpr const char* kCodeIntro = R"(Usage: analyzer code accept MENTION [--memo TEXT] [OPTIONS]
       analyzer code reject MENTION [--memo TEXT] [OPTIONS]
       analyzer code add --answer ID --start S --end E --code C [--memo TEXT] [OPTIONS]
       analyzer code remove CODING_ID [OPTIONS]

Codes answers by hand, into the coding store (--codings), one transaction per
command: a decision is kept whole or not at all.
  accept, reject   a decision on an automatic mention; MENTION is the `id` of
                   `analyzer mentions --json`. Deciding the other way replaces
                   your earlier decision (it is kept, marked removed); other
                   coders' decisions are never touched.
  add              codes bytes [S, E) of the answer's `text` (`analyzer answers
                   --json`; 0 is its first byte) with C: a theme's id or label
                   (lexicons) or an own code (`analyzer codes`). A span outside
                   the answer, one that splits a UTF-8 character or an unknown
                   code is refused (exit 2) with what is valid.
  remove           marks coding CODING_ID (`analyzer codings list`) removed, by
                   you, now: nothing is deleted.

Options:
)";

constexpr const char* kCodeOutro = R"(
Exit status: 0 ok, 2 usage error (unknown mention, answer or code, bad span),
3 the index or the coding store could not be used (missing, locked by another
process after a short wait, newer schema version).
)";

const CommandSpec& code_spec() {
  static const CommandSpec spec{
      "code",
      std::vector<OptionSpec>{
          text_option("--answer", "  --answer ID           add: the answer's id\n"),
          number_option("--start", "  --start S             add: first byte of the span in the answer's text\n", 0,
                        1ull << 40),
          number_option("--end", "  --end E               add: the byte after the span\n", 1, 1ull << 40),
          text_option("--code", "  --code C              add: a theme's id or label, or an own code's name\n"),
          text_option("--memo", "  --memo TEXT           a memo on the coding (UTF-8, at most 64 KB)\n"),
          lexicons_option()} +
          store_options(),
      kCodeIntro, kCodeOutro};
  return spec;
}

// ---- codes ------------------------------------------------------------------

constexpr const char* kCodesIntro = R"(Usage: analyzer codes list [--json] [OPTIONS]
       analyzer codes add NAME [--description TEXT] [--parent CODE] [OPTIONS]
       analyzer codes rename NAME NEW_NAME [OPTIONS]
       analyzer codes move NAME [--parent CODE] [OPTIONS]

Your own codes, beside the lexicons' themes: a codebook tree (each code under
at most one parent). Names are unique; codes are renamed and moved, never
deleted, so no coding loses its code. `move` without --parent moves a code to
the top; a code cannot move under itself or its own subcodes.

Options:
)";

const CommandSpec& codes_spec() {
  static const CommandSpec spec{
      "codes",
      std::vector<OptionSpec>{
          text_option("--description", "  --description TEXT    add: what the code means (UTF-8, at most 4 KB)\n"),
          text_option("--parent", "  --parent CODE         add, move: the code it goes under\n"),
          flag_option("--json", "  --json                list: JSON Lines (id, name, description, parent, coder, created)\n")} +
          store_options(),
      kCodesIntro};
  return spec;
}

int run_codes_action(const CliArgs& args) {
  const std::string command = "codes";
  if (args.positional.empty())
    return usage_error(usage_problem("`analyzer codes` needs list, add, rename or move", command));
  const std::string action = args.positional[0];
  const std::size_t operands = args.positional.size() - 1;
  const std::map<std::string, std::size_t> wanted{{"list", 0}, {"add", 1}, {"rename", 2}, {"move", 1}};
  auto it = wanted.find(action);
  if (it == wanted.end())
    return usage_error(usage_problem("unknown action \"" + action + "\"; codes takes list, add, rename or move", command));
  if (operands != it->second)
    return usage_error(usage_problem("`analyzer codes " + action + "` takes " + std::to_string(it->second) +
                                         (it->second == 1 ? " name" : " names"),
                                     command));
  for (std::size_t i = 1; i < args.positional.size(); ++i)
    if (Status s = check_utf8("the code name", args.positional[i]); !s.ok()) return usage_error(s.error());
  if (Status s = check_free_text(args, "--description", kMaxDescriptionBytes, command); !s.ok())
    return usage_error(s.error());
  Result<std::string> coder = coder_of(args, command);
  if (!coder.ok()) return usage_error(coder.error());
  std::unique_ptr<coding::CodingStore> store = open_store(args);
  if (!store) return kExitCannotRun;
  const std::string parent = args.option("--parent").value_or("");
  if (action == "list") {
    auto codes = store->codes();
    if (!codes.ok()) return store_failure(codes.error());
    print_codes(codes.value(), args.flag("--json"), std::cout);
    return kExitOk;
  }
  Status done;
  if (action == "add") {
    Result<std::int64_t> id =
        store->add_code(args.positional[1], args.option("--description").value_or(""), parent, coder.value());
    if (!id.ok()) done = id.error();
  } else if (action == "rename") {
    done = store->rename_code(args.positional[1], args.positional[2]);
  } else {
    done = store->move_code(args.positional[1], parent);
  }
  if (!done.ok()) return store_failure(done.error());
  std::cout << "code \"" << args.positional[action == "rename" ? 2 : 1] << "\": " << action
            << (action == "add" ? "ed" : "d") << '\n';
  return kExitOk;
}

// ---- codings list -----------------------------------------------------------

constexpr const char* kCodingsIntro = R"(Usage: analyzer codings list [--theme T] [--coder C] [--source FILE]
                             [--format table|json|csv] [--include-removed] [OPTIONS]
       analyzer codings gold --coder NAME --output FILE [OPTIONS]
                             (a coder's reviewed codings as a gold file for
                             `analyzer eval`: see `analyzer codings gold --help`)

Lists the codings of the store: decisions on mentions (accepted, rejected) and
manual codings, oldest first. First, when the index can be read, codings of
files that were ingested again are re-anchored: a coding whose quote moved
follows it (its old place is recorded), one whose quote is gone is kept and
marked orphaned; a line on stderr says how many. Quotes are shown with
personal data masked. json (JSON Lines) fields: id, kind, theme, code,
mention_id, answer_id, source, source_sha256, text_start, text_end (bytes of
the answer's text), start, end (bytes of the file, or null), quote, orphaned,
coder, created, removed, removed_by, memos.

Options:
)";

const CommandSpec& codings_spec() {
  static const CommandSpec spec{
      "codings",
      std::vector<OptionSpec>{
          text_option("--theme", "  --theme T             only codings with theme T (id or label) or own code T\n"),
          text_option("--source", "  --source FILE         only codings of this file (its name)\n"),
          choice_option("--format", "  --format F            table (default), json or csv\n", {"table", "json", "csv"}),
          flag_option("--include-removed", "  --include-removed     removed codings too\n"),
          text_option("--coder", "  --coder NAME          only this coder's codings (default: every coder)\n"),
          text_option("--index", kIndexHelp),
          text_option("--codings", kStoreHelp),
          lexicons_option()},
      kCodingsIntro};
  return spec;
}

int run_codings_list(const CliArgs& args, const char* exe) {
  const std::string command = "codings";
  if (args.positional.size() != 1 || args.positional[0] != "list")
    return usage_error(usage_problem("`analyzer codings` takes the action list or gold", command));
  std::unique_ptr<coding::CodingStore> store = open_store(args);
  if (!store) return kExitCannotRun;
  std::vector<std::string> contact_names;
  if (auto reader = IndexReader::open(index_dir(args)); reader.ok()) {
    contact_names = reader.value()->contact_names();
    if (Status s = sync_codings(*store, *reader.value()); !s.ok()) return store_failure(s.error());
  } else {
    std::cerr << "analyzer: no index at " << index_dir(args) << ": codings listed as stored, not re-anchored\n";
  }
  coding::CodingFilter filter;
  if (std::optional<std::string> theme = args.option("--theme")) {
    // A theme by id or label, or an own code; a name that is neither is a
    // usage error (not an empty list).
    std::optional<LexiconMatcher> lexicons = ready_lexicons(args, exe);
    if (!lexicons) return kExitCannotRun;
    auto code = resolve_code(*theme, *lexicons, *store, command);
    if (!code.ok()) return usage_error(code.error());
    filter.theme = code.value().second ? *theme : code.value().first;
  }
  filter.coder = args.option("--coder").value_or("");
  filter.source = args.option("--source").value_or("");
  filter.include_removed = args.flag("--include-removed");
  auto codings = store->codings(filter);
  if (!codings.ok()) return store_failure(codings.error());
  PersonalDataMasker masker(contact_names);
  for (coding::Coding& c : codings.value()) c.quote = masker.mask(c.quote);
  const CodingsFormat format = static_cast<CodingsFormat>(args.choice("--format").value_or(0));
  print_codings(codings.value(), format, std::cout);
  return kExitOk;
}

}  // namespace

int run_code(int argc, char** argv) {
  CommandStart start = parse_command(code_spec(), argc, argv, 2);
  if (!start.args) return start.exit;
  CliArgs args = std::move(*start.args);
  if (args.positional.empty())
    return usage_error(usage_problem("`analyzer code` needs accept, reject, add or remove", "code"));
  const std::string action = args.positional[0];
  args.positional.erase(args.positional.begin());
  if (action == "accept") return run_decision(coding::CodingKind::Accepted, args, "code accept");
  if (action == "reject") return run_decision(coding::CodingKind::Rejected, args, "code reject");
  if (action == "add") return run_code_add(args, argv[0]);
  if (action == "remove") return run_code_remove(args);
  return usage_error(
      usage_problem("unknown action \"" + action + "\"; code takes accept, reject, add or remove", "code"));
}

int run_codes(int argc, char** argv) {
  CommandStart start = parse_command(codes_spec(), argc, argv, 2);
  if (!start.args) return start.exit;
  return run_codes_action(*start.args);
}

int run_codings(int argc, char** argv) {
  if (argc > 2 && std::string(argv[2]) == "gold") return run_codings_gold(argc, argv);
  CommandStart start = parse_command(codings_spec(), argc, argv, 2);
  if (!start.args) return start.exit;
  return run_codings_list(*start.args, argv[0]);
}

}  // namespace analyzer::cli
