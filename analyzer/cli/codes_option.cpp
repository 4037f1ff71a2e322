#include "analyzer/cli/codes_option.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "analyzer/cli/coding_context.hpp"
#include "analyzer/cli/commands.hpp"
#include "analyzer/tokenize/tokenizer.hpp"

namespace analyzer::cli {

std::vector<OptionSpec> codes_options() {
  return {choice_option("--codes",
                        "  --codes C             the theme codes: auto (the lexicons' mentions found at\n"
                        "                        ingest) or reviewed (rejected mentions left out,\n"
                        "                        manual codings with a theme added; `analyzer code`).\n"
                        "                        Default: reviewed when the coding store exists and\n"
                        "                        holds an active coding, else auto\n",
                        {"auto", "reviewed"}),
          text_option("--coder", "  --coder NAME          reviewed codes of this coder only (default: every\n"
                                 "                        coder's; on a mention the latest decision wins)\n"),
          text_option("--codings", kStoreHelp)};
}

bool codes_to_choose(const CliArgs& args) {
  std::error_code ec;
  return args.choice("--codes").has_value() || std::filesystem::exists(store_path(args), ec);
}

std::optional<CodesChoice> codes_choice(const CliArgs& args, const IndexReader& index, int& exit) {
  const std::optional<std::size_t> asked = args.choice("--codes");  // 0 auto, 1 reviewed
  const std::string path = store_path(args);
  CodesChoice choice;
  choice.coder = args.option("--coder").value_or("");
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    if (asked == 1u) {
      exit = usage_error(make_error("", "--codes reviewed: there is no coding store " + path,
                                    "review with `analyzer code accept|reject|add`, or name the store with "
                                    "--codings FILE; --codes auto uses the automatic codes"));
      return std::nullopt;
    }
    choice.stated = asked.has_value();
    return choice;
  }
  auto store = coding::CodingStore::open(path);
  if (!store.ok()) {
    std::cerr << store.error().render() << '\n';
    exit = kExitCannotRun;
    return std::nullopt;
  }
  auto codings = store.value()->codings();
  if (!codings.ok()) {
    exit = store_failure(codings.error());
    return std::nullopt;
  }
  choice.stated = true;
  choice.reviewed = asked ? *asked == 1u : coding::has_review(codings.value());
  if (choice.reviewed) {
    IndexView view = view_of_coded(index, codings.value());
    if (Status s = sync_codings(*store.value(), view); !s.ok()) {
      exit = store_failure(s.error());
      return std::nullopt;
    }
    codings = store.value()->codings();
    if (!codings.ok()) {
      exit = store_failure(codings.error());
      return std::nullopt;
    }
    choice.index_answers = std::move(view.answers);
  }
  choice.codings = std::move(codings).value();
  return choice;
}

namespace {

// With auto codes: the store's active codings of `themes`, by kind; nothing applied.
CodesUsed stored_counts(const CodesChoice& choice, const std::vector<std::string>& themes) {
  CodesUsed used;
  used.coder = choice.coder;
  for (const coding::Coding& c : choice.codings) {
    if (!c.removed.empty() || c.theme.empty()) continue;
    if (!choice.coder.empty() && c.coder != choice.coder) continue;
    if (!themes.empty() && std::find(themes.begin(), themes.end(), c.theme) == themes.end()) continue;
    if (c.orphaned) {
      ++used.orphaned;
      continue;
    }
    switch (c.kind) {
      case coding::CodingKind::Accepted: ++used.decided, ++used.accepted; break;
      case coding::CodingKind::Rejected: ++used.decided, ++used.rejected; break;
      case coding::CodingKind::Manual: ++used.manual; break;
    }
  }
  return used;
}

}  // namespace

CodedAnswers apply_codes(const CodesChoice& choice, std::vector<AnswerRecord> answers,
                         const std::vector<std::string>& themes) {
  CodedAnswers out;
  if (!choice.reviewed) {
    out.answers = std::move(answers);
    if (choice.stated) out.used = stored_counts(choice, themes);
    return out;
  }
  Tokenizer tokenizer;
  coding::ReviewOptions options;
  options.coder = choice.coder;
  options.themes = themes;
  options.sentences = [&tokenizer](std::string_view text) { return tokenizer.sentences(text); };
  coding::ReviewedAnswers reviewed = coding::apply_reviewed_codes(std::move(answers), choice.codings, options);
  out.answers = std::move(reviewed.answers);
  const coding::ReviewCounts& n = reviewed.counts;
  out.used = CodesUsed{true, choice.coder, n.automatic, n.reviewed, n.accepted, n.rejected, n.manual, n.orphaned};
  return out;
}

}  // namespace analyzer::cli
