#pragma once
// Stage: read.
//
// In:  paths given on the command line (files or folders).
// Out: SourceFile values (bytes validated as UTF-8, SHA-256 of the bytes)
//      or Diagnostics naming the file and what to do.
//
// This is the only stage that opens corpus files. Folders are walked
// recursively in sorted order; hidden entries (".*") and files named
// "manifest.json" are skipped (the hidden ones reported, see
// collect_files()). Nothing here throws on user data.
//
// Example:
//   Diagnostics problems;
//   for (const std::string& path : collect_files({"corpora"}, problems)) {
//     Result<SourceFile> file = read_source(path, ReadOptions{}, problems);
//     if (!file) problems.push_back(file.error());
//   }

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analyzer/core/diagnostic.hpp"
#include "analyzer/core/index_iterator.hpp"
#include "analyzer/core/large_buffer.hpp"
#include "analyzer/core/provenance.hpp"
#include "analyzer/core/records.hpp"
#include "analyzer/core/record_location.hpp"
#include "analyzer/core/running_lines.hpp"
#include "analyzer/core/span.hpp"
#include "analyzer/core/string_hash.hpp"
#include "analyzer/read/column_roles.hpp"

namespace analyzer {

// The encodings read_source() reads. UTF-8 is the norm; the others are
// transcoded to UTF-8 with ICU converters and said in a warning.
enum class TextEncoding {
  Utf8,
  Utf16LE,      // with the byte order mark FF FE
  Utf16BE,      // with the byte order mark FE FF
  Windows1252,  // not valid UTF-8 and plausible as Windows-1252 (which covers Latin-1's letters)
};

// "UTF-8", "UTF-16LE", "UTF-16BE", "Windows-1252".
const char* to_string(TextEncoding encoding);

// Maps byte offsets of SourceFile::bytes (UTF-8) back to byte offsets of
// the file on disk, where they differ: a transcoded file, or one whose
// invalid UTF-8 --repair replaced. Empty (the identity) for a valid UTF-8
// file. Stored as checkpoints (one every 256 bytes of text, and one on each
// side of a repair): a lookup is a binary search and a walk of at most 256
// bytes; memory is about 6% of the text.
class FileOffsets {
 public:
  FileOffsets() = default;
  explicit FileOffsets(TextEncoding encoding) : encoding_(encoding) {}

  bool identity() const { return checkpoints_.empty(); }

  // Room for `checkpoints` checkpoints (a reader that knows how many it adds).
  void reserve(std::size_t checkpoints) { reserve_large(checkpoints_, checkpoints); }

  // Adds a point where text offset `text_pos` (a character boundary) is
  // file offset `file_pos`. Both must not decrease.
  void add_checkpoint(std::size_t text_pos, std::size_t file_pos);

  // The file offset of text offset `pos` as a span start / end: inside a
  // character, a start moves back to the character's first byte and an end
  // forward past its last, so a mapped span covers every file byte of its
  // characters. `text` is the text the offsets are in (SourceFile::bytes).
  std::size_t to_file_begin(std::string_view text, std::size_t pos) const;
  std::size_t to_file_end(std::string_view text, std::size_t pos) const;

 private:
  std::size_t at_boundary(std::string_view text, std::size_t pos) const;

  TextEncoding encoding_ = TextEncoding::Utf8;
  std::vector<std::pair<std::size_t, std::size_t>> checkpoints_;  // (text, file)
};

// A part of a file's structure that its reader found (reader.hpp): a page
// of a PDF, a paragraph of a DOCX, a cell of a spreadsheet. Plain text has
// none (its lines are found by normalize()). A file's places are in text
// order and do not overlap; text between places (separators) belongs to
// none.
struct TextPlace {
  std::string label;        // how a person finds it in the original: "page 3", "Blad1!F7"
  ByteSpan span;            // where it is in the text (SourceFile::bytes)
  RecordLocation location;  // the same as data: {page 3}, {Blad1, row 7, column F}
};

// TextHeading (core/span.hpp): a heading line the document marks itself.

// A file's places (TextPlace), in the order added, stored compactly: a
// spreadsheet has a place per cell, a million for a 100,000-row export. A
// cell place (location {sheet, row, column} only, label its cell name
// "Blad1!F7", or "F7" without a sheet) takes 32 bytes, its sheet name and
// column letters stored once per distinct value, where a TextPlace takes
// 176; any other place is kept whole. Reads give TextPlace values (copies
// of the strings), so `for (const TextPlace& p : places)` works as for a
// vector. Cost: push_cell() and push_back() of a cell place a hash lookup
// of the sheet and the column; span() O(1); operator[], location() build
// the strings.
class TextPlaces {
 public:
  TextPlaces() = default;
  TextPlaces(std::initializer_list<TextPlace> places);
  TextPlaces(const std::vector<TextPlace>& places);  // NOLINT: implicit, a vector of places is places

  // Adds a place (compact when it is a cell place, see the class comment).
  void push_back(const TextPlace& place);
  // Adds the place of cell `column` (letters) `row` of `sheet` ("" for a
  // CSV file) at `span`; its label is the cell name.
  void push_cell(ByteSpan span, std::string_view sheet, std::size_t row, std::string_view column);
  // The same with the sheet's and the column's name ids (name_id()), for a
  // caller that adds many cells of a few names.
  void push_cell(ByteSpan span, std::uint32_t sheet_id, std::size_t row, std::uint32_t column_id) {
    entries_.push_back({span, row, sheet_id, column_id});
  }
  // The id of a sheet name or column letters, the same for the same text
  // (one hash lookup; a new name is stored once).
  std::uint32_t name_id(std::string_view name);
  void reserve(std::size_t places) { reserve_large(entries_, places); }

  std::size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  ByteSpan span(std::size_t i) const { return entries_[i].span; }
  RecordLocation location(std::size_t i) const;
  TextPlace operator[](std::size_t i) const;
  TextPlace back() const { return (*this)[size() - 1]; }

  using const_iterator = IndexIterator<TextPlaces, TextPlace>;
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size()}; }

 private:
  static constexpr std::uint32_t kWhole = UINT32_MAX;  // Entry::column of a place kept whole
  struct Entry {
    ByteSpan span;
    std::size_t row = 0;
    std::uint32_t sheet = 0;   // into names_; for a whole place, into whole_
    std::uint32_t column = 0;  // into names_, or kWhole
  };

  std::vector<Entry> entries_;
  std::vector<TextPlace> whole_;
  std::vector<std::string> names_;  // sheet names and column letters
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> name_ids_;
};

// The label of a spreadsheet cell: "Blad1!F7", or "F7" when `sheet` is
// empty (CSV).
std::string cell_label(std::string_view sheet, std::size_t row, std::string_view column);

// Answers a reader found itself, for formats whose structure says where
// every answer is (a spreadsheet: one respondent per row, one answer per
// question cell). When a SourceFile has them, ingest takes them as the
// document's segmentation instead of segmenting the text (segment/): each
// part is a survey part with the respondent as given, each answer one
// piece of text, each number a numeric item.
struct GivenPart {
  Respondent respondent;    // from the row's metadata columns; fields may be unknown
  std::string title;        // how the part is named in messages: "Blad1 rad 7"
  std::int32_t year_clue = -1;  // its year came from GivenSegments::year_clues[year_clue], not a column
};
// Where a sheet's rows took their year when no column gives one: the rule
// (core/provenance.hpp: sheet_title_year, column_header_year,
// file_name_year) and the text that said it.
struct YearClue {
  std::string rule;
  std::string text;
};
// A question column of given answers (one per column, shared by its cells:
// a 100,000-row export has 255,000 answers and 160,000 numbers).
struct GivenQuestion {
  std::string id;    // question id ("13a", "K1"), else the question text
  std::string text;  // the question as printed (a column header)
};
// 24 bytes an answer: the part, the question and the text are indexes and
// a span, so a large export's answers cost little beside its text.
struct GivenAnswer {
  std::uint32_t part = 0;      // index into GivenSegments::parts
  std::uint32_t question = 0;  // index into GivenSegments::questions
  ByteSpan span;               // the answer's text in SourceFile::bytes (not empty)
};
struct GivenNumber {
  std::uint32_t part = 0;
  std::uint32_t question = 0;  // as in GivenAnswer; its text is the number's label
  double value = 0;
  ByteSpan span;               // in SourceFile::bytes: the number as written in the file
};
// Limits: parts and questions are counted in 32 bits (a spreadsheet has at
// most kMaxSpreadsheetRows rows and kMaxSpreadsheetColumns columns per
// sheet, and the reader refuses a file with more than kMaxSpreadsheetRows
// data rows).
struct GivenSegments {
  std::vector<GivenPart> parts;
  std::vector<GivenQuestion> questions;
  std::vector<GivenAnswer> answers;  // in text order
  std::vector<GivenNumber> numbers;  // in text order
  std::vector<YearClue> year_clues;  // GivenPart::year_clue
};

struct SourceFile {
  std::string path;    // as found (relative to the argument given)
  std::string name;    // file name without directories, as valid UTF-8 (see
                       // source_name()): the `source` of records
  std::string bytes;   // the text as UTF-8: the file's bytes when they were UTF-8
                       // (after --repair, the repaired bytes), else transcoded
  std::string sha256;  // hex digest of the file's bytes as read from disk (before
                       // any repair or transcoding)
  TextEncoding encoding = TextEncoding::Utf8;  // what the file was read as
  FileOffsets offsets;  // `bytes` offsets → file offsets (identity for UTF-8)
  TextPlaces places;  // the file's structure, from its reader; empty for plain text
  std::vector<TextHeading> headings;  // headings the document marks itself, in text order (TextHeading)
  std::string format = "text";    // the reader that read it: "text", "pdf", "docx", "xlsx", "csv"
  // The answers as the reader found them (spreadsheets); nullopt: ingest
  // segments `bytes` (segment/).
  std::optional<GivenSegments> given;
  // The running headers and footers the reader left out of `bytes` as page
  // furniture (core/running_lines.hpp): PDF lines repeated at the same
  // height on most pages, DOCX header and footer parts. Empty for plain
  // text (normalize() finds a text export's own) and spreadsheets.
  std::vector<RunningLine> running;
  // A PDF's pages, those without text (left unread, with a warning)
  // included; 0 for other formats. Its extent counts these.
  std::size_t pages = 0;
  // What reading it said of the file (warnings and notes), for `sources`
  // (SourceSummary::notes); set by ingest.
  std::vector<FileNote> notes;

  // A span of `bytes` as the byte span of the file on disk it came from.
  ByteSpan to_file(ByteSpan text_span) const {
    if (offsets.identity()) return text_span;
    return {offsets.to_file_begin(bytes, text_span.begin), offsets.to_file_end(bytes, text_span.end)};
  }
};

// How much of its structure a reader found in a file: pages (PDF),
// paragraphs (DOCX), sheets and rows (spreadsheets); all 0 for plain text.
// Counted from SourceFile::places (distinct values of their locations).
struct SourceExtent {
  std::size_t pages = 0;
  std::size_t paragraphs = 0;
  std::size_t sheets = 0;   // XLSX sheets with at least one place
  std::size_t rows = 0;     // distinct (sheet, row) pairs
};
SourceExtent extent_of(const TextPlaces& places);

// A size for an error message: "312.5 MB (327680000 bytes)", "1.0 MB
// (1048576 bytes)"; below 1 KB as plain bytes ("512 bytes"). Never rounds
// a limit down to "0 MB".
std::string describe_size(std::uintmax_t bytes);

// "14 pages", "380 paragraphs", "2 sheets, 212 rows", "212 rows"; empty for
// plain text. For the ingest summary.
std::string describe(const SourceExtent& extent);

struct ReadOptions {
  std::size_t max_bytes = 64u * 1024u * 1024u;  // larger files are refused with a clear limit
  bool repair = false;  // replace invalid UTF-8 by U+FFFD and warn, instead of failing
  bool hash = true;     // compute SourceFile::sha256 (left empty when false: `tag` needs none)
  // What to do about a file over max_bytes, in its error.
  std::string too_large_hint = "raise the limit with --max-file-size, or split the file into smaller parts";
  // Spreadsheets (XLSX, CSV): column roles the manifest sets for this file,
  // over those detected from the header row (column_roles.hpp). A setting
  // that names no column of the file is an error. Other readers ignore it.
  std::vector<ColumnRoleSetting> columns;
};

// A folder entry collect_files() did not return, and why ("hidden").
struct PassedOver {
  std::string path;
  std::string reason;
};

// Expands files and folders into a sorted list of file paths. A path that
// does not exist or cannot be listed yields an error Diagnostic and is left
// out; the others are still returned. A file named directly is kept even
// when hidden (a file named "manifest.json" never is); a path found twice
// is returned once. Inside a folder: a symbolic link to nothing or a loop
// of links is an error Diagnostic naming it; hidden entries (".*"),
// symbolic links to folders (not followed, so there are no cycles) and
// entries that are neither files nor folders (pipes, sockets, devices) go
// to `passed_over` in the order met; manifest.json files are left out
// silently (they are read as manifests).
std::vector<std::string> collect_files(const std::vector<std::string>& inputs, Diagnostics& diagnostics,
                                       std::vector<PassedOver>& passed_over);
// The same, for callers that need no account of what was passed over.
std::vector<std::string> collect_files(const std::vector<std::string>& inputs,
                                       Diagnostics& diagnostics);

// Reads one file and turns it into text with the reader for its content
// (reader_for(), reader.hpp; for plain text TextReader, whose rules follow;
// the other formats are said in their readers' headers).
// Errors (as Diagnostic with file and, where it applies, the byte offset):
// unreadable path, empty file, binary file (NUL bytes), invalid UTF-8
// (offset of the first bad byte; unless options.repair), larger than
// options.max_bytes. Warnings (repair,
// transcoding) go to `warnings`. A UTF-8 byte order mark is kept in `bytes`
// (offsets stay those of the file) and skipped by normalize().
// Other encodings (each read with an ICU converter into UTF-8 `bytes`,
// with a warning "read as <encoding>", `offsets` mapping back to the file):
//   - UTF-16 with a byte order mark (FF FE little endian, FE FF big
//     endian); an unpaired surrogate or an odd last byte is an error at its
//     byte offset; a NUL character makes it a binary file.
//   - Windows-1252 (and so Latin-1), for a file that is not valid UTF-8
//     and is plausibly Windows-1252: every byte from 0x80 up is a letter
//     used in Swedish and its neighbours (å ä ö é ü ø æ ...), common
//     punctuation (– — “ ” ’ … € § ° « » no-break space ...) or, no more
//     of them than of those letters, any other character Windows-1252 has
//     (‰ † š ž ¤ ...; not its undefined bytes, and not Â Ã â, which lead
//     broken UTF-8), at least half of those letters stand
//     beside another letter, and the bytes that are
//     not valid UTF-8 outnumber the well-formed multi-byte UTF-8 sequences
//     (a UTF-8 file with a few bad bytes stays UTF-8: an error, or U+FFFD
//     with --repair). This holds with or without options.repair.
// Other encodings without a byte order mark are not guessed; UTF-16
// without one is refused as a binary file with a hint that names UTF-16.
// The size is checked on the file system before anything is read, and the
// read stops once it passes the limit. With options.repair each maximal
// ill-formed subsequence becomes one U+FFFD (Unicode 15, section 3.9) and
// one warning gives the first offset and the count; a NUL byte is an error
// even then. Cost: one pass over the bytes for SHA-256 (when
// options.hash; also for a file the reader then refuses), one for UTF-8.
Result<SourceFile> read_source(const std::string& path, const ReadOptions& options,
                               Diagnostics& warnings);

// Offset of the first byte that is not valid UTF-8, or nullopt. Rejects
// overlong forms, surrogates and code points above U+10FFFF; a sequence cut
// short is invalid at its first byte. Cost: linear, 8 bytes at a time over
// ASCII.
std::optional<std::size_t> first_invalid_utf8(std::string_view bytes);

// True when `bytes` look like UTF-16 text without a byte order mark: in
// the first 4 KB every second byte (the high byte of Latin characters) is
// NUL at least 9 times in 10, and the other bytes almost never are.
bool looks_like_utf16_without_bom(std::string_view bytes);

// The file name of `path` (no folders) as valid UTF-8, the `source` of its
// records: a name that is valid UTF-8 is returned as it is; in any other,
// each byte of an ill-formed sequence is written as "\xNN" (upper-case
// hex), so "svar\xE5r.txt" (a Latin-1 "å") stays recognisable, is the same
// on every run (a re-ingest finds the file unchanged), and two names that
// differ in a bad byte stay different.
std::string source_name(const std::string& path);

// Lower-case hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

}  // namespace analyzer
