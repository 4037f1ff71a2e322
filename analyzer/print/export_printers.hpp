#pragma once
// The summary of `analyzer export` (exchange/refi_export.hpp's
// ExportSummary): as lines for a person, or as one JSON object for a
// script. Prints what the summary holds; computes nothing. No answer text is
// shown (codings left out are named by their store ids).
//
//   wrote projekt.qdpx (REFI-QDA project)
//     sources:    24 document parts, 112350 characters (117493 bytes) of text; 21 cases
//     codes:      6 themes, 3 own codes
//     selections: 90 automatic, 1 accepted, 1 rejected, 1 manual
//     notes:      2 memos, 1 rejections
//     users:      3
//     left out:   1 codings orphaned (quote not found after a re-ingest): 7
//   Positions count Unicode code points of each source's text, not bytes.
//
// JSON (one object and a line end): file, format ("qdpx" or "qdc"),
// sources, cases, characters, bytes, codes {themes, own}, users,
// selections {automatic, accepted, rejected, manual}, notes {memos,
// rejections}, left_out {orphaned, not_exported, unplaced, unknown_code:
// arrays of coding ids; memos: a count}. For "qdc" only file, format and
// codes.

#include <ostream>
#include <string>

#include "analyzer/exchange/refi_export.hpp"

namespace analyzer {

void print_export_summary(const exchange::ExportSummary& s, const std::string& file, bool codebook, std::ostream& out);
void print_export_summary_json(const exchange::ExportSummary& s, const std::string& file, bool codebook,
                               std::ostream& out);

}  // namespace analyzer
