#include "analyzer/cli/coding_context.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <iterator>
#include <set>
#include <set>

#include "analyzer/cli/commands.hpp"
#include "analyzer/cli/index_start.hpp"
#include "analyzer/core/utf8.hpp"

namespace analyzer::cli {

const char* const kStoreHelp =
    "  --codings FILE        the coding store (default: codings.sqlite beside the\n"
    "                        index folder: build/analyzer-index -> build/codings.sqlite)\n";
const char* const kCoderHelp = "  --coder NAME          who codes (default: the login name)\n";
const char* const kIndexHelp = "  --index DIR           the index (default ./analyzer-index)\n";

std::vector<OptionSpec> store_options() {
  return {text_option("--coder", kCoderHelp), text_option("--index", kIndexHelp), text_option("--codings", kStoreHelp)};
}

std::string index_dir(const CliArgs& args) { return args.option("--index").value_or("analyzer-index"); }

std::string store_path(const CliArgs& args) {
  return args.option("--codings").value_or(coding::default_store_path(index_dir(args)));
}

Result<std::string> coder_of(const CliArgs& args, std::string_view command) {
  std::string name;
  if (auto given = args.option("--coder")) {
    name = *given;
  } else if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_name && *pw->pw_name) {
    name = pw->pw_name;
  } else if (const char* user = std::getenv("USER")) {
    name = user;
  }
  if (name.empty()) return usage_problem("no coder: give --coder NAME (no login name was found)", command);
  if (name.size() > 200) return usage_problem("--coder takes a name of at most 200 bytes", command);
  if (Status s = check_utf8("--coder", name); !s.ok()) return std::move(s).error();
  return name;
}

Status check_free_text(const CliArgs& args, const std::string& option, std::size_t max, std::string_view command) {
  const std::optional<std::string> text = args.option(option);
  if (!text) return {};
  if (text->size() > max)
    return usage_problem(option + " takes at most " + std::to_string(max) + " bytes, not " +
                             std::to_string(text->size()),
                         command);
  return check_utf8(option, *text);
}

std::unique_ptr<coding::CodingStore> open_store(const CliArgs& args, coding::StoreOptions options) {
  auto store = coding::CodingStore::open(store_path(args), std::move(options));
  if (!store.ok()) {
    std::cerr << store.error().render() << '\n';
    return nullptr;
  }
  return std::move(store).value();
}

int store_failure(const Diagnostic& d) {
  std::cerr << d.render() << '\n';
  return coding::store_unusable(d) ? kExitCannotRun : kExitUsage;
}

namespace {

// The view's hashes and contact names, no answers.
IndexView view_without_answers(const IndexReader& reader) {
  IndexView view;
  for (const SourceSummary& s : reader.source_summaries()) view.sha256[s.source] = s.sha256;
  view.contact_names = reader.contact_names();
  return view;
}

}  // namespace

IndexView view_of(const IndexReader& reader) {
  IndexView view = view_without_answers(reader);
  RecordFilter all;
  all.include_decisions = true;
  view.answers = reader.answers(all);
  return view;
}

IndexView view_of_coded(const IndexReader& reader, const std::vector<coding::Coding>& codings) {
  IndexView view = view_without_answers(reader);
  std::set<std::string> sources;
  for (const coding::Coding& c : codings) sources.insert(c.source);
  RecordFilter of_source;
  of_source.include_decisions = true;
  for (const std::string& source : sources) {
    if (!view.sha256.count(source)) continue;  // not in the index: sync leaves its codings as they are
    of_source.source = source;
    std::vector<AnswerRecord> answers = reader.answers(of_source);
    view.answers.insert(view.answers.end(), std::make_move_iterator(answers.begin()),
                        std::make_move_iterator(answers.end()));
  }
  return view;
}

std::optional<IndexView> read_index(const CliArgs& args) {
  std::unique_ptr<IndexReader> reader = open_index<IndexReader>({index_dir(args)});
  if (!reader) return std::nullopt;
  return view_of(*reader);
}

std::string sha_of(const IndexView& view, const std::string& source) {
  auto it = view.sha256.find(source);
  return it == view.sha256.end() ? std::string() : it->second;
}

namespace {

Status sync_codings(coding::CodingStore& store, const std::vector<coding::Coding>& codings, const IndexView& view) {
  const coding::SyncPlan plan = coding::plan_sync(codings, view.answers, view.sha256);
  if (Status s = store.update_anchors(plan.updates); !s.ok()) return s;
  if (plan.moved || plan.orphaned || plan.found_again)
    std::cerr << "analyzer: re-anchored codings of changed files: " << plan.moved << " moved, " << plan.orphaned
              << " orphaned (kept, marked), " << plan.found_again << " found again"
              << (plan.conflicts ? " (" + std::to_string(plan.conflicts) +
                                       " left orphaned: their quote was found only where their coder had "
                                       "coded already)"
                                 : std::string())
              << '\n';
  return {};
}

}  // namespace

Status sync_codings(coding::CodingStore& store, const IndexView& view) {
  auto current = store.codings();
  if (!current.ok()) return current.error();
  return sync_codings(store, current.value(), view);
}

Status sync_codings(coding::CodingStore& store, const IndexReader& reader) {
  auto current = store.codings();
  if (!current.ok()) return current.error();
  return sync_codings(store, current.value(), view_of_coded(reader, current.value()));
}

Status check_coders_have_codings(const std::vector<coding::Coding>& codings, const std::vector<std::string>& coders,
                                 const CliArgs& args, std::string_view command) {
  std::set<std::string> with_codings;
  for (const coding::Coding& c : codings) with_codings.insert(c.coder);
  for (const std::string& name : coders) {
    if (with_codings.count(name)) continue;
    std::string list;
    for (const std::string& n : with_codings) list += (list.empty() ? "" : ", ") + n;
    return usage_problem("coder " + name + " has no codings in " + store_path(args) + "; coders with codings: " +
                             (list.empty() ? "none" : list),
                         command);
  }
  return {};
}

}  // namespace analyzer::cli
