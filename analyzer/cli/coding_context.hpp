#pragma once
// What every command on the analysts' codings shares (code, codes, codings
// and the commands that read codings: review, agreement, export, import,
// report --codes): the --index/--codings/--coder options, the coder's name,
// the coding store, and a view of the index that codings point into.
// Each function prints nothing unless it says so; failures are values.

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/cli/args.hpp"
#include "analyzer/coding/store.hpp"
#include "analyzer/coding/sync.hpp"
#include "analyzer/core/records.hpp"
#include "analyzer/index/index.hpp"

namespace analyzer::cli {

extern const char* const kStoreHelp;   // --codings
extern const char* const kCoderHelp;   // --coder
extern const char* const kIndexHelp;   // --index

// --coder, --index and --codings, with the help text above.
std::vector<OptionSpec> store_options();

// --index, else "analyzer-index".
std::string index_dir(const CliArgs& args);
// --codings, else codings.sqlite beside the index (coding::default_store_path).
std::string store_path(const CliArgs& args);

// --coder, else the login name (the password database, then $USER): valid
// UTF-8 of at most 200 bytes. A usage error naming `command` otherwise.
Result<std::string> coder_of(const CliArgs& args, std::string_view command);

// Limits of the free texts an analyst gives: a memo (coding/store.hpp), a
// code's description.
using coding::kMaxMemoBytes;
constexpr std::size_t kMaxDescriptionBytes = 4 * 1024;

// `option`'s value, when given: valid UTF-8 of at most `max` bytes; a usage
// error naming the option and the limit otherwise.
Status check_free_text(const CliArgs& args, const std::string& option, std::size_t max, std::string_view command);

// The store of --codings (created when missing), or nullptr with the reason
// printed to stderr (the command then exits kExitCannotRun).
// `options` as CodingStore::open takes them (import passes a test hook).
std::unique_ptr<coding::CodingStore> open_store(const CliArgs& args, coding::StoreOptions options = {});

// A failed store call: prints the diagnostic; returns kExitCannotRun when
// the store could not be used, kExitUsage when the request was refused.
int store_failure(const Diagnostic& d);

// Every answer of the index, decision parts included (codings may point
// into them), each source's SHA-256 and the contact names (for masking).
// Cost: every answer's text in memory.
struct IndexView {
  std::vector<AnswerRecord> answers;
  std::map<std::string, std::string> sha256;
  std::vector<std::string> contact_names;
};

IndexView view_of(const IndexReader& reader);

// view_of, with only the answers of the sources `codings` point into: all
// that re-anchoring them needs (sync.hpp looks at no other source), one
// read per coded source instead of the whole index.
IndexView view_of_coded(const IndexReader& reader, const std::vector<coding::Coding>& codings);

// The index of --index, or nullopt with the reason printed to stderr.
std::optional<IndexView> read_index(const CliArgs& args);

// The SHA-256 of `source` in the index; empty when unknown.
std::string sha_of(const IndexView& view, const std::string& source);

// Re-anchors the store's codings on `view` (coding/sync.hpp) and records
// the moves; prints one line to stderr when any coding moved, was orphaned
// or found again. Run before codings are read against the index.
Status sync_codings(coding::CodingStore& store, const IndexView& view);
// The same for a caller that needs no view itself: reads only the answers
// of the sources the codings point into (view_of_coded).
Status sync_codings(coding::CodingStore& store, const IndexReader& reader);

// A usage error of `command` unless every name in `coders` has a coding in
// `codings`: "coder NAME has no codings in STORE; coders with codings: a, b"
// (or "none"), naming the store of `args`.
Status check_coders_have_codings(const std::vector<coding::Coding>& codings, const std::vector<std::string>& coders,
                                 const CliArgs& args, std::string_view command);

}  // namespace analyzer::cli
