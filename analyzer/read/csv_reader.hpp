#pragma once
// CsvReader: a CSV export with one respondent per row (what survey tools
// and Excel write), read into the same SourceText as XLSX
// (spreadsheet_table.hpp: column roles, answers, numbers, places).
//
// In:  the bytes of a file detect_format() named CSV (.csv/.tsv).
// Out: SourceText with `given` answers; offsets map every answer back to
//      its bytes in the file (also after transcoding).
//
// Encoding, as TextReader reads text (reader.hpp; no second decoder):
// UTF-8 with or without a byte order mark; Windows-1252 (Swedish Excel's
// "CSV (semikolonavgränsad)"), transcoded with ICU and said in a warning;
// UTF-16 with a byte order mark (Excel's "Unicode-text", tab-separated),
// said in a note. UTF-16 without a byte order mark is an error that says
// so; invalid UTF-8 is an error (or U+FFFD with --repair).
// Syntax (RFC 4180, as Excel writes it): fields separated by ';', ',' or
// tab: among the first records (up to 20) that hold any of them, the one
// that splits the most of them (at least two, at least half) into the same
// number of fields; when none does, the one most frequent outside quotes
// in the record that holds the most (ties: ';', then tab, then ','); or as
// a first line "sep=;" says. Records end at
// CR LF, LF or CR; a field in double quotes may hold separators, line
// breaks and "" (one quote). A CR LF inside quotes becomes LF. Characters
// after a closing quote and before the next separator are kept.
// Errors: a quote that is never closed names the line where its field
// started; the limits of spreadsheet_table.hpp (rows, columns, cell length)
// name the line's row and cell. Row numbers are record numbers (1 = the
// first record), as Excel shows the file; a cell is cited as "F7".
// Cost: two passes over the decoded text (roles, then cells), linear; memory
// is the decoded text (the file's bytes themselves when they are UTF-8)
// plus the output.

#include "analyzer/read/reader.hpp"

namespace analyzer {

class CsvReader final : public Reader {
 public:
  std::string_view name() const override { return "csv"; }
  Result<SourceText> read(const std::string& path, std::string bytes, const ReadOptions& options,
                          Diagnostics& warnings) const override;
};

}  // namespace analyzer
