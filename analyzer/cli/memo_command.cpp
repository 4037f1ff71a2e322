// `analyzer memo add` and `analyzer memos list`: the analysts' memos on an
// answer, a coding or an own code, kept in the coding store. A thin layer:
// check the request, hand it to the store, print what it did.

#include <iostream>

#include "analyzer/cli/args.hpp"
#include "analyzer/cli/coding_context.hpp"
#include "analyzer/cli/commands.hpp"
#include "analyzer/coding/store.hpp"
#include "analyzer/index/index.hpp"
#include "analyzer/mask/personal_data.hpp"
#include "analyzer/print/coding_printers.hpp"
#include "analyzer/print/terminal_text.hpp"

namespace analyzer::cli {
namespace {

constexpr const char* kMemoIntro = R"(Usage: analyzer memo add (--answer ID | --coding N | --code NAME) TEXT [OPTIONS]

Writes the memo TEXT (UTF-8, at most 64 KB) on one answer (its `id` in
`analyzer answers --json`; it must be in the index), one coding (its id in
`analyzer codings list`; a removed one too) or one own code (`analyzer codes
list`), by --coder, now, in one transaction. `analyzer memos list` shows the
memos; `review` writes them too (key m).

Options:
)";

constexpr const char* kMemoOutro = R"(
Exit status: 0 ok, 2 usage error (no target or more than one, unknown
answer, coding or code, empty or too long text), 3 the index or the coding
store could not be used.
)";

const CommandSpec& memo_spec() {
  static const CommandSpec spec{
      "memo",
      std::vector<OptionSpec>{
          text_option("--answer", "  --answer ID           the memo is on this answer\n"),
          number_option("--coding", "  --coding N            the memo is on this coding\n", 1, 1ull << 62),
          text_option("--code", "  --code NAME           the memo is on this own code\n")} +
          store_options(),
      kMemoIntro, kMemoOutro};
  return spec;
}

constexpr const char* kMemosIntro = R"(Usage: analyzer memos list [--format table|json|csv] [OPTIONS]

Lists every memo of the coding store, oldest first, with what it is on: an
answer, a coding (with its theme or code, source and quote) or an own code.
Memos are the analysts' own text and are shown as written; the quotes of
codings are shown with personal data masked (the index's contact names are
used when --index can be read). json (JSON Lines) fields: id, target,
answer_id, coding_id, code_id, code, theme, source, quote, text, coder,
created (print/coding_printers.hpp).

Options:
)";

const CommandSpec& memos_spec() {
  static const CommandSpec spec{
      "memos",
      std::vector<OptionSpec>{
          choice_option("--format", "  --format F            table (default), json or csv\n", {"table", "json", "csv"}),
          text_option("--index", kIndexHelp), text_option("--codings", kStoreHelp)},
      kMemosIntro};
  return spec;
}

int add_memo(const CliArgs& args) {
  const std::string command = "memo add";
  if (args.positional.size() != 2 || args.positional[0] != "add")
    return usage_error(usage_problem("`analyzer memo` takes the action add and one TEXT", "memo"));
  const int targets = args.option("--answer").has_value() + args.number("--coding").has_value() +
                      args.option("--code").has_value();
  if (targets != 1)
    return usage_error(usage_problem("a memo is on one thing: give exactly one of --answer, --coding and --code",
                                     command));
  const std::string& text = args.positional[1];
  if (text.empty()) return usage_error(usage_problem("the memo's TEXT is empty", command));
  if (text.size() > kMaxMemoBytes)
    return usage_error(usage_problem("a memo holds at most " + std::to_string(kMaxMemoBytes) + " bytes, not " +
                                         std::to_string(text.size()),
                                     command));
  if (Status s = check_utf8("the memo", text); !s.ok()) return usage_error(s.error());
  Result<std::string> coder = coder_of(args, command);
  if (!coder.ok()) return usage_error(coder.error());

  coding::MemoTarget target;
  std::string what;
  if (auto answer = args.option("--answer")) {
    std::optional<IndexView> view = read_index(args);
    if (!view) return kExitCannotRun;
    bool found = false;
    for (const AnswerRecord& a : view->answers) found = found || a.id == *answer;
    if (!found)
      return usage_error(make_error("", "no answer in " + index_dir(args) + " has the id \"" + *answer + "\"",
                                    "see the `id` of `analyzer answers --json`"));
    target.answer_id = *answer;
    what = "answer " + *answer;
  }
  std::unique_ptr<coding::CodingStore> store = open_store(args);
  if (!store) return kExitCannotRun;
  if (auto n = args.number("--coding")) {
    target.coding_id = static_cast<std::int64_t>(*n);
    what = "coding " + std::to_string(*n);
  }
  if (auto name = args.option("--code")) {
    auto code = store->find_code(*name);
    if (!code.ok()) return store_failure(code.error());
    if (!code.value())
      return usage_error(make_error(store->path(), "no own code is named \"" + *name + "\"", "see `analyzer codes list`"));
    target.code_id = code.value()->id;
    what = "own code \"" + *name + "\"";
  }
  Result<std::int64_t> id = store->add_memo(target, text, coder.value());
  if (!id.ok()) return store_failure(id.error());
  std::cout << "memo " << id.value() << " on " << terminal_text(what) << '\n';
  return kExitOk;
}

int list_memos(const CliArgs& args) {
  if (args.positional.size() != 1 || args.positional[0] != "list")
    return usage_error(usage_problem("`analyzer memos` takes the action list", "memos"));
  std::unique_ptr<coding::CodingStore> store = open_store(args);
  if (!store) return kExitCannotRun;
  auto memos = store->memos();
  if (!memos.ok()) return store_failure(memos.error());
  std::vector<std::string> contact_names;
  if (auto reader = IndexReader::open(index_dir(args)); reader.ok()) {
    const IndexView view = view_of(*reader.value());
    contact_names = view.contact_names;
    std::map<std::string, std::string> source_of;
    for (const AnswerRecord& a : view.answers) source_of[a.id] = a.source;
    for (coding::Memo& m : memos.value())
      if (m.source.empty() && source_of.count(m.answer_id)) m.source = source_of[m.answer_id];
  } else {
    std::cerr << "analyzer: no index at " << index_dir(args)
              << ": quotes masked without the contact names, answers without their source\n";
  }
  PersonalDataMasker masker(contact_names);
  for (coding::Memo& m : memos.value()) m.quote = masker.mask(m.quote);
  print_memos(memos.value(), static_cast<CodingsFormat>(args.choice("--format").value_or(0)), std::cout);
  return kExitOk;
}

}  // namespace

int run_memo(int argc, char** argv) {
  CommandStart start = parse_command(memo_spec(), argc, argv, 2);
  if (!start.args) return start.exit;
  return add_memo(*start.args);
}

int run_memos(int argc, char** argv) {
  CommandStart start = parse_command(memos_spec(), argc, argv, 2);
  if (!start.args) return start.exit;
  return list_memos(*start.args);
}

}  // namespace analyzer::cli
