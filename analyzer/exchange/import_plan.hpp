#pragma once
// What `analyzer import` will write: a REFI-QDA project (qdpx_reader.hpp)
// matched against the index and the coding store, as one batch for
// CodingStore::apply_import (one transaction), plus a summary. Pure: reads
// its inputs, writes nothing.
//
// In:  the project; the index's part texts (compose_part_texts, the same
//      text export writes) and answers; the lexicons' theme ids; the
//      store's active codings and own codes; the importing coder (used for
//      selections whose user the project does not name).
// Out: ImportPlan, or the reason the whole file is refused.
//
// Matching (exchange conventions, refi_guid.hpp): a TextSource is a part of
// the index when its GUID is stable_guid("source", file + "#" + part). A
// selection's code points are checked against the project's own text and
// then against the part's current text there: when the two agree, the
// selection maps to an answer and bytes of its text (from_part_positions);
// when they differ (the file was ingested again, or the tool changed the
// text), the selection's quote is looked for in the current text, nearest
// to its old place; not found, or not inside one answer: that selection is
// refused with the reason, the rest are imported.
// Kinds: a selection by the lexicon pseudo-user is an automatic mention
// (nothing to import); Description "analyzer:accepted <mention>" an
// accepted decision, "analyzer:rejected <mention> <theme>" a rejected one
// (the mention must still be in the index); otherwise each Coding is a
// manual coding, with a theme (its code's GUID is stable_guid("code",
// "theme:" + id)) or an own code (matched by name, else created with its
// nesting). The coder is the creating user's name. Notes referenced by a
// selection become memos on its codings (the generated "Avvisad av ..."
// note of a rejected decision excepted), by the note's user and with its
// time. A note on a TextSource of the index whose Description is
// "analyzer:answer <id>" (export writes it) becomes a memo on that answer
// of the part; a note on an own code a memo on the code (created by the
// import, or the store's of the same name). Other notes have no place
// here and are left out, each with the reason (ImportPlan::notes_left_out):
// a note on a whole source (analyzer keeps memos on answers, codings and
// codes), on a lexicon theme, or longer than coding::kMaxMemoBytes. A memo
// the store holds already (same target, text or its masked text, and coder)
// is not added again; a new note on a selection whose coding the store
// holds (written in another tool) becomes a memo on that coding.
// Already there: a coding the store holds active (same kind, theme or code,
// answer, span and coder; for a decision: same kind, mention and coder) is
// not added again; so an export imported into the same store adds nothing.
// A decision opposite to the coder's active one in the store is refused.
//
// Another tool's sources (in.foreign: not parts of the index, written as
// files and ingested by the caller): a selection's code points are bytes of
// that file (its text is the source's); the answer of the file whose span
// holds them is taken and the quote found in its text nearest to the
// expected place (coding/reanchor.hpp); in no answer (a heading, a
// question, across answers) or its quote not found: refused with the
// reason. Their codings are manual codings (themes or own codes as above).
//
// Refused whole (Diagnostic): a source that is neither a part of the index
// nor in in.foreign (a project exported from another index), a selection outside its source's text or with start >= end, a
// CodeRef to a GUID the codebook does not hold.
// Cost: linear in the project plus the index's mentions (one map of ids).

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "analyzer/coding/store.hpp"
#include "analyzer/core/diagnostic.hpp"
#include "analyzer/core/records.hpp"
#include "analyzer/exchange/part_text.hpp"
#include "analyzer/exchange/refi_project.hpp"
#include "analyzer/mask/personal_data.hpp"

namespace analyzer::exchange {

struct ImportInputs {
  const std::vector<PartText>* parts = nullptr;
  const std::vector<AnswerRecord>* answers = nullptr;
  const std::map<std::string, std::string>* sha256 = nullptr;  // source file → SHA-256
  std::vector<std::string> theme_ids;
  std::vector<coding::Coding> codings;   // the store's, active (not removed)
  std::vector<coding::OwnCode> codes;    // the store's own codes
  std::vector<coding::Memo> memos;       // the store's memos
  // The masking export applies (so a memo exported masked is known as the
  // store's); nullptr: texts compared as they are.
  PersonalDataMasker* masker = nullptr;
  std::string coder;                     // the importing coder
  // Another tool's sources, ingested as files (foreign_sources.hpp):
  // position in RefiProject::sources → the index's source name of its file.
  std::map<std::size_t, std::string> foreign;
  // A dry run: the files are not ingested, so the selections of `foreign`
  // sources are counted (ImportPlan::pending), not placed.
  bool foreign_pending = false;
};

struct RefusedSelection {
  std::string source;     // the TextSource's name
  std::string selection;  // its GUID
  std::string reason;
};

struct LeftOutNote {
  std::string note;       // the note's GUID
  std::string on;         // what it is on: "source \"<name>\"", "code \"<name>\""
  std::string reason;
};

struct ImportPlan {
  std::string project;                   // the project's name
  std::size_t sources = 0;               // text sources in the project
  std::size_t sources_matched = 0;       // ... that are parts of the index
  std::size_t skipped_sources = 0;       // other kinds (set by the caller)
  std::size_t automatic = 0;             // selections of automatic mentions: nothing to import
  std::size_t accepted = 0;              // codings to add, per kind
  std::size_t rejected = 0;
  std::size_t manual = 0;
  std::size_t memos = 0;                 // memos to add: on codings, answers and codes
  std::size_t memos_on_answers = 0;      // ... of them on answers
  std::size_t memos_on_codes = 0;        // ... on own codes
  std::size_t memos_on_codings = 0;      // ... on codings the store holds already
  std::size_t memos_already_there = 0;   // memos on answers and codes the store holds
  std::vector<LeftOutNote> notes_left_out;
  std::size_t already_there = 0;
  std::size_t reanchored = 0;            // found by their quote, not their place
  std::size_t sources_foreign = 0;       // another tool's sources, ingested as files
  std::size_t pending = 0;               // coded selections of those, not placed (dry run)
  std::string foreign_folder;            // where their files are (set by the caller)
  std::vector<std::string> files_written;  // file names, new (set by the caller)
  std::size_t files_reused = 0;          // there already with the same text (set by the caller)
  std::vector<RefusedSelection> refused;
  std::vector<std::string> codes_created;  // names, parents first
  coding::ImportBatch batch;
};

Result<ImportPlan> plan_import(const RefiProject& project, const ImportInputs& in);

}  // namespace analyzer::exchange
