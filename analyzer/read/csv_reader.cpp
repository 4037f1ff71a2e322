#include "analyzer/read/csv_reader.hpp"

#include <array>
#include <cstring>
#include <map>
#include <vector>

#include "analyzer/read/spreadsheet_table.hpp"

namespace analyzer {
namespace {

// ';', '\t' or ',', from the first records (at most kSeparatorRecords of
// them, within kSeparatorBytes) that hold any of the three (so blank lines
// and a one-cell title row do not count): the one whose most common count
// per record is shared by the most records, at least two and at least half
// of them; ties: the larger count, then ';', tab, ','. When none is, the
// most frequent in the record that holds the most of them (same ties). So a
// ';' file whose header cells hold commas ("1. Beskriv, med exempel, ...")
// still splits at ';'.
char detect_separator(std::string_view text) {
  constexpr std::size_t kSeparatorRecords = 20;
  constexpr std::size_t kSeparatorBytes = 64 * 1024;
  constexpr char kCandidates[3] = {';', '\t', ','};
  using Counts = std::array<std::size_t, 3>;
  std::vector<Counts> records;
  Counts current{0, 0, 0};
  auto end_record = [&] {
    if (current[0] + current[1] + current[2] > 0) records.push_back(current);
    current = {0, 0, 0};
  };
  bool quoted = false;
  std::size_t i = 0;
  for (; i < text.size() && i < kSeparatorBytes && records.size() < kSeparatorRecords; ++i) {
    const char c = text[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_record();
      continue;
    }
    for (int k = 0; k < 3; ++k) current[k] += c == kCandidates[k];
  }
  // A record cut off by the byte limit is not counted.
  if (!(i >= kSeparatorBytes && i < text.size())) end_record();
  if (records.empty()) return ';';
  int best = -1;
  std::size_t best_share = 0, best_count = 0;
  for (int k = 0; k < 3; ++k) {
    std::map<std::size_t, std::size_t> records_with;  // count → records
    for (const Counts& r : records)
      if (r[k] > 0) ++records_with[r[k]];
    for (const auto& [count, n] : records_with) {
      if (n < 2 || 2 * n < records.size()) continue;
      if (n > best_share || (n == best_share && count > best_count)) {
        best = k;
        best_share = n;
        best_count = count;
      }
    }
  }
  if (best >= 0) return kCandidates[best];
  const Counts* fullest = &records.front();
  for (const Counts& r : records)
    if (r[0] + r[1] + r[2] > (*fullest)[0] + (*fullest)[1] + (*fullest)[2]) fullest = &r;
  const Counts& f = *fullest;
  if (f[0] >= f[1] && f[0] >= f[2]) return ';';
  if (f[1] >= f[2]) return '\t';
  return ',';
}

// The records of a CSV text as SheetRows (see the file comment of
// csv_reader.hpp). Cells point into `text_` or into per-row buffers.
class CsvRows final : public SheetRows {
 public:
  CsvRows(std::string path, std::string_view text, std::size_t begin, char separator, std::size_t first_line)
      : path_(std::move(path)), text_(text), begin_(begin), separator_(separator), first_line_(first_line) {}

  Status each_row(const RowSink& sink) const override {
    const std::string_view s = text_;
    const std::size_t n = s.size();
    std::size_t pos = begin_, line = first_line_, row = 0;
    std::vector<Field> fields;
    std::vector<SheetCell> cells;
    while (pos < n) {
      ++row;
      fields.clear();
      std::size_t column = 0;
      for (;;) {  // one field per turn
        Field field;
        field.column = column;
        if (pos < n && s[pos] == '"') {
          const std::size_t start_line = line;
          ++pos;
          field.source_begin = pos;
          for (;;) {
            const std::size_t run = s.find_first_of("\"\r\n", pos);
            if (run == std::string_view::npos) {
              Diagnostic d = make_error(path_, "row " + std::to_string(row) + ", column " + column_letters(column) +
                                                   ": the quoted cell that starts on this line has no closing quote",
                                        "close the quote (a quote inside a cell is written \"\"), or export the file again");
              d.line = start_line;
              return d;
            }
            field.text.append(s, pos, run - pos);
            pos = run;
            if (s[pos] == '"') {
              if (pos + 1 < n && s[pos + 1] == '"') {
                field.doubled.push_back(field.text.size());
                field.text += '"';
                pos += 2;
                continue;
              }
              ++pos;
              break;
            }
            if (s[pos] == '\r' && pos + 1 < n && s[pos + 1] == '\n') {
              field.doubled.push_back(field.text.size());
              field.text += '\n';
              pos += 2;
            } else {
              field.text += s[pos];
              ++pos;
            }
            ++line;
          }
          // Characters after the closing quote, up to the separator: kept.
          const std::size_t after = pos;
          while (pos < n && s[pos] != separator_ && s[pos] != '\n' && s[pos] != '\r') ++pos;
          field.text.append(s, after, pos - after);
          field.quoted = true;
        } else {
          field.source_begin = pos;
          while (pos < n && s[pos] != separator_ && s[pos] != '\n' && s[pos] != '\r') ++pos;
          field.view = s.substr(field.source_begin, pos - field.source_begin);
        }
        if (field.quoted || !field.view.empty()) fields.push_back(std::move(field));
        ++column;
        if (pos < n && s[pos] == separator_) {
          ++pos;
          continue;
        }
        break;
      }
      // The record's end: CR LF, LF or CR.
      if (pos < n && s[pos] == '\r') ++pos;
      if (pos < n && s[pos] == '\n') ++pos;
      ++line;
      cells.clear();
      for (const Field& f : fields) {
        SheetCell c;
        c.column = f.column;
        c.text = f.quoted ? std::string_view(f.text) : f.view;
        c.source_begin = f.source_begin;
        c.doubled = f.doubled.empty() ? nullptr : &f.doubled;
        cells.push_back(c);
      }
      if (Status st = sink(row, cells); !st.ok()) {
        Diagnostic d = std::move(st).error();
        if (d.line == 0) d.line = line - 1;
        return d;
      }
    }
    return {};
  }

 private:
  struct Field {
    std::size_t column = 0;
    bool quoted = false;
    std::string_view view;             // unquoted: the text itself
    std::string text;                  // quoted: unescaped
    std::size_t source_begin = 0;
    std::vector<std::size_t> doubled;
  };

  std::string path_;
  std::string_view text_;
  std::size_t begin_;
  char separator_;
  std::size_t first_line_;
};

}  // namespace

Result<SourceText> CsvReader::read(const std::string& path, std::string bytes, const ReadOptions& options,
                                   Diagnostics& warnings) const {
  const std::string_view bom = std::string_view(bytes).substr(0, 2);
  if (bom != "\xFF\xFE" && bom != "\xFE\xFF" && std::memchr(bytes.data(), '\0', bytes.size()) &&
      looks_like_utf16_without_bom(bytes))
    return make_error(path, "the CSV file is in UTF-16 without a byte order mark, which cannot be told apart safely",
                      "save it as \"CSV UTF-8\" (or as Unicode text, which has a byte order mark)");
  Result<SourceText> decoded = TextReader().read(path, std::move(bytes), options, warnings);
  if (!decoded) return decoded.error();
  const SourceText& text = decoded.value();
  std::size_t begin = std::string_view(text.text).substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  std::size_t first_line = 1;
  char separator = 0;
  // Excel's "sep=;" first line names the separator.
  if (std::string_view(text.text).substr(begin, 4) == "sep=" && text.text.size() > begin + 4) {
    const char named = text.text[begin + 4];
    const std::size_t after = begin + 5;
    if ((named == ';' || named == ',' || named == '\t') &&
        (after == text.text.size() || text.text[after] == '\n' || text.text[after] == '\r')) {
      separator = named;
      begin = after;
      if (begin < text.text.size() && text.text[begin] == '\r') ++begin;
      if (begin < text.text.size() && text.text[begin] == '\n') ++begin;
      first_line = 2;
    }
  }
  if (!separator) separator = detect_separator(std::string_view(text.text).substr(begin));
  FileMapping mapping{text.text, &text.offsets, text.encoding};
  SpreadsheetBuilder builder(path, options, mapping, warnings);
  const CsvRows rows(path, text.text, begin, separator, first_line);
  if (Status s = builder.add_sheet("", rows, {}); !s.ok()) return std::move(s).error();
  Result<SourceText> out = builder.finish();
  if (!out) return out.error();
  out.value().encoding = text.encoding;
  return out;
}

}  // namespace analyzer
