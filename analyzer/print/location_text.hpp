#pragma once
// A RecordLocation (core/record_location.hpp) as a Swedish citation, the
// one wording every printer uses beside the source file's name (excerpts
// in every format, the HTML report, search hits):
//   text          {line 530}                    "rad 530"
//   PDF           {page 14}                     "sida 14"
//   DOCX          {paragraph 212}               "stycke 212"
//   XLSX          {Blad1, row 7, column F}      "Blad1, rad 7, kolumn F"
//   CSV           {row 7, column F}             "rad 7, kolumn F"
// The fields that are set, in the order page, paragraph, line, sheet, row,
// column, joined by ", "; an empty location gives "". The sheet name is
// the file's own, unescaped: each printer escapes the whole citation for
// its format (terminal_text, md_escape, HTML). Linear in the sheet name.

#include <string>

#include "analyzer/core/record_location.hpp"

namespace analyzer {

std::string location_text(const RecordLocation& location);

// "file.txt, rad 530": `source` and, when the location is known, its
// location_text after ", "; `source` alone otherwise.
std::string source_and_location(const std::string& source, const RecordLocation& location);

// "  (rad 530)", "  (Blad1, rad 7, kolumn F)": the citation for the end of
// a terminal table line (answers, numbers, mentions), escaped with
// terminal_text(); "" when the location is unknown.
std::string terminal_citation(const RecordLocation& location);

}  // namespace analyzer
