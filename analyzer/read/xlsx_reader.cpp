#include "analyzer/read/xlsx_reader.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <future>
#include <optional>
#include <system_error>

#include "analyzer/core/large_buffer.hpp"
#include "analyzer/core/utf8.hpp"
#include "analyzer/read/reading_threads.hpp"
#include "analyzer/read/spreadsheet_table.hpp"
#include "analyzer/read/xlsx_number_format.hpp"
#include "analyzer/read/xml_part.hpp"
#include "analyzer/read/xml_stream.hpp"
#include "analyzer/read/zip_archive.hpp"

namespace analyzer {
namespace {

constexpr std::size_t kMaxSharedStrings = 16u * 1024u * 1024u;

Diagnostic xml_error(const std::string& path, std::string_view member, const XmlStream& xml) {
  // The offset is into the member, not the file: it goes in the message
  // (Diagnostic::byte is for offsets in the file itself).
  return make_error(path,
                    "member \"" + std::string(member) + "\", at byte " + std::to_string(xml.error_offset()) +
                        " of the member: " + xml.error(),
                    "the file is damaged or was not written by Excel: open it in Excel and save it again");
}

struct Relationship {
  std::string id, type, target;  // target resolved
};

// The relationships of part `rels_member` (a .rels part), targets resolved
// against `source_folder`. A missing .rels part gives none.
Result<std::vector<Relationship>> read_relationships(const std::string& path, ZipArchive& zip,
                                                     const std::string& rels_member, const std::string& source_folder) {
  std::vector<Relationship> out;
  if (!zip.has(rels_member)) return out;
  Result<std::string> xml = zip.read(rels_member);
  if (!xml) return xml.error();
  pugi::xml_document doc;
  if (Status s = parse_xml_part(path, rels_member, xml.value(), doc); !s.ok()) return std::move(s).error();
  for (pugi::xml_node rel : doc.document_element().children()) {
    if (local_name(rel) != "Relationship") continue;
    if (std::string_view(rel.attribute("TargetMode").value()) == "External") continue;
    out.push_back({rel.attribute("Id").value(), rel.attribute("Type").value(),
                   resolve_part_target(source_folder, rel.attribute("Target").value())});
  }
  return out;
}

bool type_is(const std::string& type, std::string_view suffix) {
  return type.size() >= suffix.size() && type.compare(type.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Decodes OOXML's _xHHHH_ escapes (a character XML cannot hold, such as a
// CR written as _x000D_) in text[from, end) in place: the result is never
// longer (an escape is 7 bytes, its character at most 4).
void decode_x_escapes(std::string& text, std::size_t from = 0) {
  if (text.find("_x", from) == std::string::npos) return;
  std::size_t out = from;
  for (std::size_t i = from; i < text.size();) {
    if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && text[i + 6] == '_') {
      char* end = nullptr;
      const std::string hex = text.substr(i + 2, 4);
      const unsigned long value = std::strtoul(hex.c_str(), &end, 16);
      if (end == hex.c_str() + 4 && !(value >= 0xD800 && value <= 0xDFFF)) {
        std::string decoded;
        if (value == 0x0D) {
          // CR LF → LF; a lone CR → LF
          if (!(i + 7 < text.size() && text[i + 7] == '\n')) decoded = "\n";
        } else if (value != 0) {
          utf8::append(decoded, static_cast<char32_t>(value));
        }
        text.replace(out, decoded.size(), decoded);
        out += decoded.size();
        i += 7;
        continue;
      }
    }
    text[out++] = text[i++];
  }
  text.resize(out);
}

// The shared strings as one pool: string k is pool[offsets[k], offsets[k+1]).
struct SharedStrings {
  std::string pool;
  std::vector<std::size_t> offsets{0};
  std::size_t size() const { return offsets.size() - 1; }
  std::string_view at(std::size_t k) const { return std::string_view(pool).substr(offsets[k], offsets[k + 1] - offsets[k]); }
};

// <si> holds <t> or runs <r><t>; <rPh> (phonetic) runs are left out. The
// text goes straight into the pool, which is reserved at the part's size
// at once (the text of a part is never longer than the part): no growing,
// no copy, no item string between.
Status read_shared_strings(const std::string& path, const std::string& member, const std::string& xml,
                           SharedStrings& out) {
  reserve_large(out.pool, out.pool.size() + xml.size());
  XmlStream s(xml);
  int in_si = 0, in_t = 0, in_phonetic = 0;
  std::size_t item = 0;  // where the current item begins in the pool
  for (;;) {
    switch (s.next()) {
      case XmlStream::Event::Error: return xml_error(path, member, s);
      case XmlStream::Event::Eof: return {};
      case XmlStream::Event::Start:
        if (is_name(s.name(), "si")) {
          in_si = 1;
          item = out.pool.size();
        } else if (is_name(s.name(), "t")) {
          ++in_t;
        } else if (is_name(s.name(), "rPh")) {
          ++in_phonetic;
        }
        break;
      case XmlStream::Event::End:
        if (is_name(s.name(), "si")) {
          in_si = 0;
          decode_x_escapes(out.pool, item);
          if (out.size() >= kMaxSharedStrings)
            return make_error(path, "more than " + std::to_string(kMaxSharedStrings) + " shared strings", "split the workbook");
          out.offsets.push_back(out.pool.size());
        } else if (is_name(s.name(), "t")) {
          --in_t;
        } else if (is_name(s.name(), "rPh")) {
          --in_phonetic;
        }
        break;
      case XmlStream::Event::Text:
        if (in_si && in_t > 0 && in_phonetic == 0) out.pool += s.text();
        break;
    }
  }
}

// Whether `value` is an integer that "%.15g" writes back unchanged: an
// optional '-', then 1 to 15 digits without a leading zero (or "0"). Most
// number cells are (counts, years), and they skip strtod and snprintf.
bool is_plain_integer(std::string_view value) {
  if (!value.empty() && value.front() == '-') value.remove_prefix(1);
  if (value.empty() || value.size() > 15 || (value.front() == '0' && value.size() > 1)) return false;
  for (const char c : value)
    if (c < '0' || c > '9') return false;
  return true;
}

// "F7" → column 5, row 7.
bool parse_cell_ref(std::string_view ref, std::size_t& column, std::size_t& row) {
  std::size_t i = 0;
  while (i < ref.size() && ((ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= 'a' && ref[i] <= 'z'))) ++i;
  const std::optional<std::size_t> c = parse_column_letters(ref.substr(0, i));
  if (!c || i == ref.size() || ref.size() - i > 7) return false;
  std::size_t r = 0;
  for (std::size_t k = i; k < ref.size(); ++k) {
    if (ref[k] < '0' || ref[k] > '9') return false;
    r = r * 10 + static_cast<std::size_t>(ref[k] - '0');
  }
  if (r == 0) return false;
  column = *c;
  row = r;
  return true;
}

// How number cells show: the workbook's cell formats (style s="k" is
// formats[k]) and its date system.
struct CellNumbers {
  const std::vector<CellFormat>& formats;
  bool date1904 = false;
  bool any() const {
    return std::any_of(formats.begin(), formats.end(), [](CellFormat f) { return f != CellFormat::Plain; });
  }
  CellFormat of(std::size_t style) const { return style < formats.size() ? formats[style] : CellFormat::Plain; }
};

std::atomic<std::size_t> split_walks{0};  // XlsxReader::split_walks_taken()

// A worksheet part as rows. The first each_row() walks its XML
// (XmlStream) and keeps each row's cells compactly: column, and a shared
// string's number or the text in a pool (16 bytes a cell: 16 MB for a
// 100,000-row export of ten columns); later calls give the rows from
// there, without parsing the XML again (the builder reads a sheet twice).
// A walk stopped by an error keeps nothing. prepare() makes that walk
// ahead, without the shared strings, so it can run while another thread
// reads them; once that thread is done, prepare() hands it the second half
// of the rows still to walk (a split walk), and takes what it kept when
// the first half meets it.
class WorksheetRows final : public SheetRows {
 public:
  // `xml` is held until the first walk has kept every row, then let go.
  WorksheetRows(std::string path, std::string member, std::string sheet, std::string xml, const SharedStrings& strings,
                const CellNumbers& numbers)
      : path_(std::move(path)), member_(std::move(member)), sheet_(std::move(sheet)), xml_(std::move(xml)),
        strings_(strings), numbers_(numbers) {}

  Status each_row(const RowSink& sink) const override {
    if (cache_.complete) return replay(sink);
    return walk_and_keep(&sink);
  }

  // Walks the XML into the cache without giving rows and without looking
  // at the shared strings: nothing here reads `strings`, which another
  // thread may be filling; their numbers are checked as the rows are
  // given (replay), each before its row, where a walk in order checks
  // them. What a walk in order would report otherwise keeps nothing, and
  // each_row then walks the XML again, with the strings, and says it as
  // that walk does: an error in the XML, a shared string number that is
  // no plain number ("09", "x") or past any workbook's count.
  //
  // `beside_free`: whether the other thread is done and free for the rest
  // of the walk (asked every few rows). A split walk keeps what a walk in
  // order keeps, or the split is dropped and the first walk goes on. The
  // second half is taken only when it starts at a row the first half
  // reaches right after a row of its own (so both cut the XML into the
  // same tags from there), each of its rows is numbered (r="..."), the
  // first after the first half's last, it reaches </sheetData> without an
  // error, closes no other element opened before it (a stray </row>),
  // closes </sheetData> by the name it was opened with, and nests no
  // deeper than kMaxXmlDepth with the elements open where it began. Else
  // the first half walks on from where it met the split and says what a
  // walk in order says.
  void prepare(const std::function<bool()>& beside_free) const {
    if (!cache_.complete) (void)walk_and_keep(nullptr, &beside_free);
  }

 private:
  struct CachedCell {
    std::uint32_t column = 0;
    std::int32_t shared = -1;  // a shared string's number; -1: the text is pool[begin, begin + size)
    std::uint32_t begin = 0, size = 0;
  };
  struct Cache {
    std::vector<CachedCell> cells;
    std::vector<std::pair<std::size_t, std::size_t>> rows;  // row number, its first cell
    std::string pool;
    bool usable = true;     // false: nothing kept (a value past 32 bits; in prepare(), a shared string number)
    bool complete = false;  // every row kept
  };

  static void keep(Cache& cache, std::size_t row, const std::vector<SheetCell>& cells, const std::vector<int>& shared_of) {
    if (!cache.usable) return;
    cache.rows.emplace_back(row, cache.cells.size());
    for (std::size_t k = 0; k < cells.size(); ++k) {
      const SheetCell& c = cells[k];
      CachedCell kept;
      if (c.column > UINT32_MAX || cache.pool.size() + c.text.size() > UINT32_MAX) {
        cache = {};
        cache.usable = false;
        return;
      }
      kept.column = static_cast<std::uint32_t>(c.column);
      kept.shared = shared_of[k];
      if (kept.shared < 0) {
        kept.begin = static_cast<std::uint32_t>(cache.pool.size());
        kept.size = static_cast<std::uint32_t>(c.text.size());
        cache.pool.append(c.text);
      }
      cache.cells.push_back(kept);
    }
  }

  // How a walk ended, beside its status: what take_tail() weighs of the
  // second half of a split walk.
  struct WalkEnd {
    bool row_without_number = false;  // a row without r="...": its number depends on the rows before
    bool reached_end = false;         // </sheetData> reached
    bool stray_end = false;           // an end tag of an element opened before the tail, other than </sheetData>
    std::string end_closed{};         // the qualified name of that </sheetData>, when opened before the tail
    std::size_t max_depth = 0;        // elements open at once, those opened before the tail not counted
  };
  // The second half of a split walk, as walked on the other thread.
  struct Tail {
    Cache cache;
    Status status;
    WalkEnd end;
  };
  // A walk's split: where the second half starts (0: not split), and its walk.
  struct Split {
    const std::function<bool()>* beside_free = nullptr;
    bool tried = false;
    std::size_t at = 0;
    std::future<Tail> tail;
  };
  static constexpr std::size_t kSplitCheckRows = 64;          // rows between asking whether the other thread is free
  static constexpr std::size_t kMinSplitBytes = 1u << 20;    // less XML left than this is walked alone

  // Where the first row element at or after `from` starts: a '<' whose
  // local name is "row" ("<row ", "<x:row>"); npos when there is none. It
  // may lie in a comment or CDATA: the split is checked where it is met.
  std::size_t row_start_from(std::size_t from) const {
    for (std::size_t p = xml_.find('<', from); p != std::string::npos; p = xml_.find('<', p + 1)) {
      std::size_t e = p + 1;
      while (e < xml_.size() && xml_[e] != ' ' && xml_[e] != '>' && xml_[e] != '/' && xml_[e] != '\t' &&
             xml_[e] != '\n' && xml_[e] != '\r' && e - p < 64)
        ++e;
      std::string_view name(xml_.data() + p + 1, e - p - 1);
      if (const std::size_t colon = name.find(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
      if (is_name(name, "row")) return p;
    }
    return std::string::npos;
  }

  // Starts the second half of the walk on the other thread, from the
  // first row past the middle of what is left after `walked`.
  void start_tail(Split& split, std::size_t walked) const {
    split.tried = true;
    if (xml_.size() - walked < kMinSplitBytes) return;
    const std::size_t at = row_start_from(walked + (xml_.size() - walked) / 2);
    if (at == std::string::npos) return;
    try {
      split.tail = std::async(std::launch::async, [this, at] {
        Tail tail;
        reserve_large(tail.cache.cells, (xml_.size() - at) / 16);
        WalkFrom from{tail.cache, at, true};
        tail.status = walk(nullptr, from, nullptr);
        tail.end = std::move(from.end);
        return tail;
      });
      split.at = at;
    } catch (const std::system_error&) {
      // No thread to be had: the walk goes on alone.
    }
  }

  // Appends the second half's rows to `cache` when they are what a walk in
  // order would keep after `last_row`, its stream `s` standing where the
  // second half began (see prepare()); false: not taken.
  static bool take_tail(Cache& cache, Tail& tail, std::size_t last_row, const XmlStream& s) {
    const WalkEnd& end = tail.end;
    if (!tail.status.ok() || !tail.cache.usable || !end.reached_end || end.row_without_number || end.stray_end ||
        !cache.usable)
      return false;
    // The elements open where it began close as a walk in order closes
    // them, and nest no deeper than that walk allows.
    if (!end.end_closed.empty() && !is_name(end.end_closed, s.innermost())) return false;
    if (end.max_depth + s.depth() > kMaxXmlDepth) return false;
    if (!tail.cache.rows.empty() && tail.cache.rows.front().first <= last_row) return false;
    if (cache.pool.size() + tail.cache.pool.size() > UINT32_MAX) return false;
    const std::size_t cells_before = cache.cells.size();
    const auto pool_before = static_cast<std::uint32_t>(cache.pool.size());
    reserve_large(cache.cells, cache.cells.size() + tail.cache.cells.size());
    for (CachedCell c : tail.cache.cells) {
      if (c.shared < 0) c.begin += pool_before;
      cache.cells.push_back(c);
    }
    for (const auto& [row, first] : tail.cache.rows) cache.rows.emplace_back(row, first + cells_before);
    cache.pool += tail.cache.pool;
    return true;
  }

  Status replay(const RowSink& sink) const {
    std::vector<SheetCell> cells;
    for (std::size_t r = 0; r < cache_.rows.size(); ++r) {
      const std::size_t end = r + 1 < cache_.rows.size() ? cache_.rows[r + 1].second : cache_.cells.size();
      cells.clear();
      for (std::size_t k = cache_.rows[r].second; k < end; ++k) {
        const CachedCell& kept = cache_.cells[k];
        SheetCell cell;
        cell.column = kept.column;
        if (kept.shared >= 0 && static_cast<std::size_t>(kept.shared) >= strings_.size())
          return no_such_string(sheet_ + "!" + column_letters(kept.column) + std::to_string(cache_.rows[r].first),
                                std::to_string(kept.shared));  // kept only when written so (prepare)
        cell.text = kept.shared >= 0 ? strings_.at(static_cast<std::size_t>(kept.shared))
                                     : std::string_view(cache_.pool).substr(kept.begin, kept.size);
        cells.push_back(cell);
      }
      if (Status st = sink(cache_.rows[r].first, cells); !st.ok()) return st;
    }
    return {};
  }

  // The first walk: keeps the rows, gives each to `sink` (none: prepare(),
  // which may split it when `beside_free` says the other thread is free).
  Status walk_and_keep(const RowSink* sink, const std::function<bool()>* beside_free = nullptr) const {
    cache_ = {};
    // A cell with a value takes 15 bytes of XML at the least
    // (<c><v>1</v></c>): room for that many at once, on large pages,
    // instead of growing by doubling (more empty cells than that grow it).
    reserve_large(cache_.cells, xml_.size() / 16);
    Split split;
    split.beside_free = beside_free;
    WalkFrom whole{cache_, 0, false};
    Status walked = walk(sink, whole, beside_free ? &split : nullptr);
    if (split.tail.valid()) split.tail.wait();  // a split not met (an error first) is dropped
    if (!walked.ok() || !cache_.usable) {
      cache_ = {};
    } else {
      cache_.complete = true;
      std::string().swap(xml_);  // the rows are all kept: 30-50 MB of XML for 100,000 rows
    }
    return walked;
  }

  Diagnostic no_such_string(const std::string& cell, const std::string& value) const {
    return make_error(path_, "cell " + cell + " refers to shared string \"" + value + "\", but there are " +
                                 std::to_string(strings_.size()),
                      "the file is damaged: open it in Excel and save it again");
  }

  // Where a walk starts and what it found, beside the rows it keeps.
  struct WalkFrom {
    Cache& cache;
    std::size_t begin = 0;  // byte offset
    bool tail = false;      // the second half of a split walk: from a row, the elements around it opened before
    WalkEnd end{};
  };

  // Without a sink (prepare()), the shared strings are not looked at.
  // `split`: split the walk when the other thread is free (prepare()).
  Status walk(const RowSink* sink, WalkFrom& from, Split* split) const {
    Cache& cache = from.cache;
    XmlStream s(xml_, from.begin, from.tail);
    std::size_t rows_walked = 0;
    std::size_t row = 0, next_column = 0;
    bool in_row = false, in_cell = false, in_value = false, in_inline = false, in_phonetic = false;
    int in_t = 0;
    std::string type;
    const bool formatted = numbers_.any();  // else no cell's style is looked at
    CellFormat cell_format = CellFormat::Plain;
    std::vector<std::string> texts;   // per cell of the row
    std::vector<std::size_t> columns;
    std::vector<int> shared;          // shared string index per cell, -1: text in `texts`
    std::size_t cell_column = 0;
    std::string value;
    std::string scratch, number_text;  // an attribute decoded; a number's text for strtoull
    std::vector<SheetCell> cells;
    std::vector<std::size_t> order;  // cells of the row in column order
    std::vector<int> shared_of;      // shared, in that order
    std::size_t count = 0;
    auto cell_name = [&] { return sheet_ + "!" + column_letters(cell_column) + std::to_string(row); };
    for (;;) {
      switch (s.next()) {
        case XmlStream::Event::Error: return xml_error(path_, member_, s);
        case XmlStream::Event::Eof: return {};
        case XmlStream::Event::Start: {
          const std::string_view name = s.name();
          if (is_name(name, "row")) {
            std::size_t r = row + 1;
            if (from.tail && !s.attribute("r", scratch)) {
              from.end.row_without_number = true;
              return {};
            }
            if (auto attr = s.attribute("r", scratch)) {
              number_text.assign(*attr);
              char* end = nullptr;
              r = std::strtoull(number_text.c_str(), &end, 10);
              if (r == 0 || *end != '\0' || r <= row)
                return make_error(path_, "member \"" + member_ + "\": a row numbered \"" + number_text + "\" after row " +
                                             std::to_string(row),
                                  "the file is damaged: open it in Excel and save it again");
            }
            row = r;
            in_row = true;
            next_column = 0;
            count = 0;
          } else if (is_name(name, "c") && in_row) {
            std::size_t c = next_column, r = row;
            if (auto ref = s.attribute("r", scratch); ref && !parse_cell_ref(*ref, c, r))
              return make_error(path_, "member \"" + member_ + "\": a cell reference \"" + std::string(*ref) +
                                           "\" that names no cell",
                                "the file is damaged: open it in Excel and save it again");
            cell_column = c;
            next_column = c + 1;
            type.assign(s.attribute("t", scratch).value_or("n"));
            cell_format = CellFormat::Plain;
            if (formatted && (is_name(type, "n")))
              if (auto style = s.attribute("s", scratch)) {
                number_text.assign(*style);
                cell_format = numbers_.of(std::strtoull(number_text.c_str(), nullptr, 10));
              }
            in_cell = true;
            value.clear();
          } else if (in_cell && is_name(name, "v")) {
            in_value = true;
          } else if (in_cell && is_name(name, "is")) {
            in_inline = true;
          } else if (in_inline && is_name(name, "t")) {
            ++in_t;
          } else if (in_inline && is_name(name, "rPh")) {
            in_phonetic = true;
          }
          break;
        }
        case XmlStream::Event::Text:
          if (in_value || (in_inline && in_t > 0 && !in_phonetic)) value += s.text();
          break;
        case XmlStream::Event::End: {
          const std::string_view name = s.name();
          if (from.tail && !s.closed_before().empty()) {
            // An element opened before the tail began: only the sheet's data may end here.
            if (!is_name(name, "sheetData")) {
              from.end.stray_end = true;
              return {};
            }
            from.end.end_closed.assign(s.closed_before());
            from.end.reached_end = true;
            from.end.max_depth = s.max_depth();
            return {};
          }
          if (is_name(name, "v")) {
            in_value = false;
          } else if (is_name(name, "t") && in_t > 0) {
            --in_t;
          } else if (is_name(name, "rPh")) {
            in_phonetic = false;
          } else if (is_name(name, "is")) {
            in_inline = false;
          } else if (is_name(name, "c") && in_cell) {
            in_cell = false;
            if (Status st = add_cell(cache, type, cell_format, value, cell_name, count, texts, shared, sink != nullptr);
                !st.ok())
              return st;
            if (!sink && !cache.usable) return {};  // prepare() keeps nothing: each_row walks again
            if (columns.size() < count) columns.resize(count);
            columns[count - 1] = cell_column;
            if (is_name(type, "e")) --count;  // an error value is no cell
          } else if (is_name(name, "row") && in_row) {
            in_row = false;
            cells.clear();
            order.clear();
            for (std::size_t k = 0; k < count; ++k) {
              SheetCell cell;
              cell.column = columns[k];
              if (shared[k] < 0) cell.text = texts[k];
              else if (sink) cell.text = strings_.at(static_cast<std::size_t>(shared[k]));
              cells.push_back(cell);
              order.push_back(k);
            }
            if (!std::is_sorted(cells.begin(), cells.end(),
                                [](const SheetCell& a, const SheetCell& b) { return a.column < b.column; })) {
              std::stable_sort(order.begin(), order.end(),
                               [&](std::size_t a, std::size_t b) { return cells[a].column < cells[b].column; });
              std::vector<SheetCell> sorted;
              for (std::size_t k : order) sorted.push_back(cells[k]);
              cells = std::move(sorted);
            }
            shared_of.clear();
            for (std::size_t k : order) shared_of.push_back(shared[k]);
            keep(cache, row, cells, shared_of);
            if (sink)
              if (Status st = (*sink)(row, cells); !st.ok()) return st;
            if (split && !split->tried && ++rows_walked % kSplitCheckRows == 0 && (*split->beside_free)())
              start_tail(*split, s.offset());
            if (split && split->at != 0) {
              const std::size_t next = std::min(xml_.find_first_not_of(" \t\n\r", s.offset()), xml_.size());
              if (next >= split->at) {
                // The split is met here (or was passed: then it is dropped).
                Tail tail = split->tail.get();
                const bool met = next == split->at;
                split->at = 0;
                if (met && take_tail(cache, tail, row, s)) {
                  split_walks.fetch_add(1, std::memory_order_relaxed);
                  return {};
                }
              }
            }
          } else if (is_name(name, "sheetData")) {
            from.end.reached_end = true;
            from.end.max_depth = s.max_depth();
            return {};
          }
          break;
        }
      }
    }
  }

  // Turns the value of one cell into text (slot `count` of the row), by its
  // type. `strings_read`: false in prepare(), where a shared string's
  // number is kept unchecked, and one that cannot be kept makes the cache
  // unusable.
  template <class Name>
  Status add_cell(Cache& cache, std::string& type, CellFormat format, std::string& value, const Name& cell_name,
                  std::size_t& count, std::vector<std::string>& texts, std::vector<int>& shared,
                  bool strings_read) const {
    if (texts.size() <= count) {
      texts.resize(count + 1);
      shared.resize(count + 1);
    }
    std::string& text = texts[count];
    shared[count] = -1;
    ++count;
    text.clear();
    if (is_name(type, "s")) {
      char* end = nullptr;
      const unsigned long long k = std::strtoull(value.c_str(), &end, 10);
      const bool number = !value.empty() && *end == '\0';
      if (!strings_read) {
        if (!number || k >= kMaxSharedStrings || !is_plain_integer(value) || value.front() == '-') {
          cache = {};
          cache.usable = false;
          return {};
        }
      } else if (!number || k >= strings_.size()) {
        return no_such_string(cell_name(), value);
      }
      shared[count - 1] = static_cast<int>(k);
    } else if (is_name(type, "inlineStr") || is_name(type, "str") || is_name(type, "d")) {
      decode_x_escapes(value);
      text = value;
    } else if (is_name(type, "b")) {
      text = value == "1" ? "SANT" : value.empty() ? "" : "FALSKT";
    } else if (is_name(type, "e")) {
      // An error value (#N/A, #REF!): no answer.
    } else if (format != CellFormat::Plain && shown_as_formatted(value, format, text)) {
      // A date, time or percentage as the cell shows it.
    } else if (is_plain_integer(value)) {
      text = value;  // what "%.15g" of its value gives, without strtod and printf
    } else {
      char* end = nullptr;
      const double v = std::strtod(value.c_str(), &end);
      if (!value.empty() && *end == '\0') {
        text = number_text(v);
      } else {
        text = value;
      }
    }
    return {};
  }

  // `value` (a stored number) in `format` into `text`; false when it is
  // no number or no date can show it (the number is kept then).
  bool shown_as_formatted(const std::string& value, CellFormat format, std::string& text) const {
    char* end = nullptr;
    const double v = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0') return false;
    std::optional<std::string> shown = formatted_cell_number(v, format, numbers_.date1904);
    if (!shown) return false;
    text = std::move(*shown);
    return true;
  }

  std::string path_, member_, sheet_;
  mutable std::string xml_;  // empty once the cache is complete
  const SharedStrings& strings_;
  const CellNumbers& numbers_;
  mutable Cache cache_;  // each_row() is const for its callers; the cache is no visible state
};

// The last row of a sheet's <dimension ref="A1:H13"> (looked for in its first 4 KB).
std::optional<std::size_t> dimension_last_row(const std::string& xml, std::string& ref_out) {
  const std::string_view head = std::string_view(xml).substr(0, 4096);
  const std::size_t at = head.find("dimension ");
  if (at == std::string_view::npos) return std::nullopt;
  XmlStream s(xml, at == 0 ? 0 : head.rfind('<', at), true);
  if (s.next() != XmlStream::Event::Start || s.name() != "dimension") return std::nullopt;
  const std::optional<std::string> ref = s.attribute("ref");
  if (!ref) return std::nullopt;
  ref_out = *ref;
  const std::size_t colon = ref->find(':');
  std::size_t column = 0, row = 0;
  if (!parse_cell_ref(colon == std::string::npos ? *ref : ref->substr(colon + 1), column, row)) return std::nullopt;
  return row;
}

// The merged ranges of a sheet (<mergeCells> comes after <sheetData>).
Status merged_ranges(const std::string& path, const std::string& member, const std::string& xml,
                     std::vector<CellRange>& out) {
  const std::size_t data_end = xml.rfind("sheetData>");
  if (data_end == std::string::npos) return {};
  const std::size_t from = xml.find("mergeCell", data_end);
  if (from == std::string::npos) return {};
  XmlStream s(xml, xml.rfind('<', from), true);
  for (;;) {
    const XmlStream::Event e = s.next();
    if (e == XmlStream::Event::Error) return xml_error(path, member, s);
    if (e == XmlStream::Event::Eof) return {};
    if (e != XmlStream::Event::Start || s.name() != "mergeCell") continue;
    const std::string ref = s.attribute("ref").value_or("");
    const std::size_t colon = ref.find(':');
    CellRange range;
    if (colon == std::string::npos || !parse_cell_ref(ref.substr(0, colon), range.first_column, range.first_row) ||
        !parse_cell_ref(ref.substr(colon + 1), range.last_column, range.last_row) ||
        range.last_row < range.first_row || range.last_column < range.first_column)
      continue;
    out.push_back(range);
  }
}

struct SheetEntry {
  std::string name;
  std::string member;  // empty: not found
  std::string kind;    // "worksheet", "chartsheet", ...
};

// The parts a workbook names beside its sheets, and its date system.
struct WorkbookParts {
  std::string shared_member, styles_member;  // empty: none
  bool date1904 = false;                     // <workbookPr date1904="1">
};

// The workbook part and its sheets in workbook order.
Result<std::vector<SheetEntry>> workbook_sheets(const std::string& path, ZipArchive& zip, WorkbookParts& parts) {
  std::string workbook = "xl/workbook.xml";
  Result<std::vector<Relationship>> root = read_relationships(path, zip, "_rels/.rels", "");
  if (!root) return root.error();
  for (const Relationship& r : root.value())
    if (type_is(r.type, "/officeDocument")) workbook = r.target;
  if (!zip.has(workbook))
    return make_error(path, "the workbook has no part \"" + workbook + "\"",
                      "the file is damaged or not an Excel workbook: open it in Excel and save it again");
  const std::string folder = part_folder(workbook);
  const std::string rels_member = folder + "_rels/" + workbook.substr(folder.size()) + ".rels";
  Result<std::vector<Relationship>> rels = read_relationships(path, zip, rels_member, folder);
  if (!rels) return rels.error();
  for (const Relationship& r : rels.value()) {
    if (type_is(r.type, "/sharedStrings")) parts.shared_member = r.target;
    if (type_is(r.type, "/styles")) parts.styles_member = r.target;
  }
  if (parts.shared_member.empty() && zip.has(folder + "sharedStrings.xml"))
    parts.shared_member = folder + "sharedStrings.xml";
  if (parts.styles_member.empty() && zip.has(folder + "styles.xml")) parts.styles_member = folder + "styles.xml";
  Result<std::string> xml = zip.read(workbook);
  if (!xml) return xml.error();
  pugi::xml_document doc;
  if (Status s = parse_xml_part(path, workbook, xml.value(), doc); !s.ok()) return std::move(s).error();
  std::vector<SheetEntry> sheets;
  for (pugi::xml_node child : doc.document_element().children()) {
    if (local_name(child) == "workbookPr") {
      const std::string_view d1904 = child.attribute("date1904").value();
      parts.date1904 = d1904 == "1" || d1904 == "true";
    }
    if (local_name(child) != "sheets") continue;
    for (pugi::xml_node sheet : child.children()) {
      if (local_name(sheet) != "sheet") continue;
      SheetEntry entry;
      entry.name = sheet.attribute("name").value();
      if (entry.name.size() > kMaxSheetNameBytes)
        return make_error(path,
                          "sheet " + std::to_string(sheets.size() + 1) + " has a name of " +
                              std::to_string(entry.name.size()) + " bytes, past the limit of " +
                              std::to_string(kMaxSheetNameBytes) + " (Excel allows 31 characters)",
                          "rename the sheet in Excel and save the file again");
      std::string id;
      for (pugi::xml_attribute a : sheet.attributes()) {
        const std::string_view n = a.name();
        if (n.size() > 3 && n.substr(n.size() - 3) == ":id") id = a.value();
      }
      for (const Relationship& r : rels.value())
        if (r.id == id) {
          entry.member = r.target;
          const std::size_t slash = r.type.rfind('/');
          entry.kind = slash == std::string::npos ? r.type : r.type.substr(slash + 1);
        }
      sheets.push_back(std::move(entry));
    }
  }
  return sheets;
}

}  // namespace

std::size_t XlsxReader::split_walks_taken() { return split_walks.load(std::memory_order_relaxed); }

Result<SourceText> XlsxReader::read(const std::string& path, std::string bytes, const ReadOptions& options,
                                    Diagnostics& warnings) const {
  Result<ZipArchive> opened = ZipArchive::open(path, std::move(bytes), options.max_bytes);
  if (!opened) return opened.error();
  ZipArchive& zip = opened.value();
  WorkbookParts parts;
  Result<std::vector<SheetEntry>> sheets = workbook_sheets(path, zip, parts);
  if (!sheets) return sheets.error();
  const std::string& shared_member = parts.shared_member;
  // Number formats, for the dates and percentages cells show.
  // Styles that cannot be read cost the formats, not the workbook.
  std::vector<CellFormat> formats;
  if (!parts.styles_member.empty() && zip.has(parts.styles_member)) {
    Result<std::string> xml = zip.read(parts.styles_member);
    pugi::xml_document styles;
    Status parsed = xml ? parse_xml_part(path, parts.styles_member, xml.value(), styles) : Status(xml.error());
    if (parsed.ok())
      formats = cell_formats_of(styles);
    else
      warnings.push_back(make_warning(path,
                                      "the styles part cannot be read (" + parsed.error().message +
                                          "): dates, times and percentages show as the numbers stored",
                                      "open the file in Excel and save it again"));
  }
  const CellNumbers numbers{formats, parts.date1904};
  if (sheets.value().size() > kMaxSheets)
    return make_error(path, "the workbook has " + std::to_string(sheets.value().size()) + " sheets, more than the limit of " +
                                std::to_string(kMaxSheets),
                      "split the workbook");
  // The shared strings are inflated and parsed on a second thread, beside
  // the first worksheet's inflating and walk (WorksheetRows::prepare),
  // when a core is free (ReadingThreads), else before it. Either way their
  // errors come first, as in a read in order.
  SharedStrings strings;
  const bool has_shared = !shared_member.empty() && zip.has(shared_member);
  auto parse_strings = [&](const std::string& xml) -> Status {
    if (Status s = check_xml_utf8(path, shared_member, xml); !s.ok()) return s;
    return read_shared_strings(path, shared_member, xml, strings);
  };
  auto read_strings = [&]() -> Status {
    Result<std::string> xml = zip.read(shared_member);
    if (!xml) return xml.error();
    return parse_strings(xml.value());
  };
  std::optional<ReadingThreads> budget;
  if (has_shared) budget.emplace(1);
  bool strings_done = !has_shared;
  std::optional<ZipArchive::AsideRead> shared_aside;
  std::future<Status> strings_beside;  // destroyed (joined) before what it reads
  if (budget && budget->extra() > 0) {
    Result<ZipArchive::AsideRead> aside = zip.read_aside(shared_member);
    if (!aside) return aside.error();
    shared_aside = std::move(aside.value());
    try {
      strings_beside = std::async(std::launch::async, [&]() -> Status {
        Result<std::string> xml = shared_aside->read();
        if (!xml) return xml.error();
        return parse_strings(xml.value());  // the XML is let go when parsed
      });
    } catch (const std::system_error&) {
      // No thread to be had: the strings are read below, in order.
    }
  }
  auto finish_strings = [&]() -> Status {
    if (strings_done) return {};
    strings_done = true;
    Status s;
    if (strings_beside.valid()) {
      s = strings_beside.get();
    } else if (shared_aside) {
      Result<std::string> xml = shared_aside->read();
      s = xml ? parse_strings(xml.value()) : Status(xml.error());
    } else {
      s = read_strings();
    }
    budget.reset();  // the extra thread, if any, is done
    strings.offsets.shrink_to_fit();
    return s;
  };
  // A sheet's error, unless the shared strings have one of their own.
  auto sheet_error = [&](Diagnostic error) -> Diagnostic {
    if (Status s = finish_strings(); !s.ok()) return std::move(s).error();
    return error;
  };
  // Strings read here, not beside: first, their XML let go before a sheet's is read.
  if (!strings_beside.valid())
    if (Status s = finish_strings(); !s.ok()) return std::move(s).error();
  SpreadsheetBuilder builder(path, options, std::nullopt, warnings);
  for (const SheetEntry& sheet : sheets.value()) {
    if (sheet.kind != "worksheet") {
      builder.skip_sheet(sheet.name, sheet.kind.empty() ? "the workbook names no part for it"
                                                        : "a " + sheet.kind + ", which has no cells");
      continue;
    }
    if (!zip.has(sheet.member))
      return sheet_error(make_error(path, "sheet \"" + sheet.name + "\": its part \"" + sheet.member + "\" is not in the file",
                                    "the file is damaged: open it in Excel and save it again"));
    Result<std::string> xml = zip.read(sheet.member);
    if (!xml) return sheet_error(xml.error());
    if (Status s = check_xml_utf8(path, sheet.member, xml.value()); !s.ok()) return sheet_error(std::move(s).error());
    std::string ref;
    if (std::optional<std::size_t> last = dimension_last_row(xml.value(), ref); last && *last > kMaxSpreadsheetRows)
      return sheet_error(make_error(
          path, "sheet \"" + sheet.name + "\" has " + with_thousands(*last) + " rows (its dimension is " + ref +
                    "), more than the limit of " + with_thousands(kMaxSpreadsheetRows) + " rows per file",
          "split the file into parts of at most " + with_thousands(kMaxSpreadsheetRows) +
              " rows (or delete the empty rows at the end of the sheet)"));
    std::vector<CellRange> merges;
    if (Status s = merged_ranges(path, sheet.member, xml.value(), merges); !s.ok()) return sheet_error(std::move(s).error());
    const WorksheetRows rows(path, sheet.member, sheet.name, std::move(xml.value()), strings, numbers);
    if (strings_beside.valid())
      rows.prepare([&] { return strings_beside.wait_for(std::chrono::seconds(0)) == std::future_status::ready; });
    if (Status s = finish_strings(); !s.ok()) return std::move(s).error();
    if (Status s = builder.add_sheet(sheet.name, rows, merges); !s.ok()) return std::move(s).error();
  }
  if (Status s = finish_strings(); !s.ok()) return std::move(s).error();
  return builder.finish();
}

}  // namespace analyzer
