#pragma once
// The summary of `analyzer import` (exchange/import_plan.hpp), as a table
// of lines for a person. Prints what the plan holds; computes nothing. No
// answer text is shown (reasons name selections by GUID, sources by name).
//
//   import of "analyzer: analyzer-index" from export.qdpx (dry run: nothing written)
//     sources:        3 of 3 are parts of the index
//     would import:   2 accepted, 1 rejected, 4 manual codings, 3 memos
//     memos:          1 on answers, 1 on own codes, 0 on codings the store holds, the rest on the codings imported
//     already there:  5 (and 2 memos)
//     automatic:      40 selections of automatic mentions (nothing to import)
//     found again:    1 selection by its quote, its place had moved
//     own codes:      2 created: "Trygghet", "Trygghet/Oro"
//     notes left out: 1
//       note 5b..: on source "x.txt": it is on the whole source; ...
//     refused:        1
//       source "x.txt", selection 3f..: <reason>

#include <ostream>
#include <string>

#include "analyzer/exchange/import_plan.hpp"

namespace analyzer {

void print_import_summary(const exchange::ImportPlan& plan, const std::string& file, bool dry_run, std::ostream& out);

// The same as one JSON object and a line end: project, file, dry_run,
// sources {total, matched, other_kinds, foreign}, foreign {folder,
// files_written, files_reused, pending} (only with another tool's
// sources), imported {accepted, rejected, manual, memos, memos_on_answers,
// memos_on_codes, memos_on_codings_held} (what would be imported, in a
// dry run), already_there
// {codings, memos}, automatic, reanchored, codes_created, notes_left_out
// [{note, on, reason}], refused [{source, selection, reason}].
void print_import_summary_json(const exchange::ImportPlan& plan, const std::string& file, bool dry_run,
                               std::ostream& out);

}  // namespace analyzer
