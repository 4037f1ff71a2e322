#pragma once
// Printers for the coding store (coding/store.hpp): `codings list` and
// `codes list`. They take the data as the command prepared it (quotes
// already masked) and compute nothing.
//
// codings, JSON Lines (one object per coding; fields are only ever added):
//   id            number, the coding's id (what `code remove` takes)
//   kind          "accepted" | "rejected" (a decision on a mention) | "manual"
//   theme         lexicon id, or null for an own code
//   code          own code's name, or null for a theme
//   mention_id    the mention decided on (as `mentions --json` prints `id`),
//                 or null for a manual coding
//   answer_id     the answer (as `answers --json` prints `id`)
//   source        file name
//   source_sha256 SHA-256 of the file when coded or last re-anchored; "" when
//                 the index did not keep it
//   text_start, text_end   bytes of the answer's `text`
//   start, end    bytes of the original file (as mentions' start/end), or
//                 null when not known (manual codings)
//   quote         the coded text, personal data masked
//   orphaned      true when the quote was not found after the source changed
//   coder, created (UTC, ISO 8601), removed, removed_by (null unless removed)
//   memos         array of strings, oldest first
// csv: the same columns in that order (memos joined by " | "), a header
// line, ',' between cells, CRLF line ends, cells through csv_cell.
// table: one line per coding: id, kind, theme or code, coder, where, quote,
// and "(orphaned)" / "(removed)"; then the count.
//
// memos (print_memos), JSON Lines, one object per memo, oldest first:
//   id            number
//   target        "answer" | "coding" | "code": what the memo is on
//   answer_id     the answer (of the memo, or of its coding), or null for a code
//   coding_id, code_id   number or null
//   code          the own code's name (a memo on an own code, or on a coding
//                 of one), or null
//   theme         the coding's theme, or null
//   source        the file of the coding or answer, or null when not known
//   quote         the coding's quote, personal data masked, or null
//   text          the memo as written (the analyst's own text: not masked)
//   coder, created (UTC, ISO 8601)
// csv: the same columns; table: one line per memo, then the count.
//
// codes, table: the tree, children indented under their parent, each with
// its description; json: one object per code: id, name, description,
// parent (id or null), coder, created.

#include <ostream>
#include <vector>

#include "analyzer/coding/store.hpp"

namespace analyzer {

enum class CodingsFormat { Table, Json, Csv };

void print_codings(const std::vector<coding::Coding>& codings, CodingsFormat format, std::ostream& out);

void print_memos(const std::vector<coding::Memo>& memos, CodingsFormat format, std::ostream& out);

void print_codes(const std::vector<coding::OwnCode>& codes, bool json, std::ostream& out);

}  // namespace analyzer
