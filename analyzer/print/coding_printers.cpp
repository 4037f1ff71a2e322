#include "analyzer/print/coding_printers.hpp"

#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "analyzer/core/json_text.hpp"
#include "analyzer/print/csv_text.hpp"
#include "analyzer/print/terminal_text.hpp"

namespace analyzer {
namespace {

using nlohmann::ordered_json;

ordered_json text_or_null(const std::string& s) { return s.empty() ? ordered_json(nullptr) : ordered_json(s); }

ordered_json coding_json(const coding::Coding& c) {
  ordered_json j;
  j["id"] = c.id;
  j["kind"] = coding::to_string(c.kind);
  j["theme"] = text_or_null(c.theme);
  j["code"] = text_or_null(c.code);
  j["mention_id"] = text_or_null(c.mention_id);
  j["answer_id"] = c.answer_id;
  j["source"] = c.source;
  j["source_sha256"] = c.source_sha256;
  j["text_start"] = c.span.begin;
  j["text_end"] = c.span.end;
  j["start"] = c.source_span ? ordered_json(c.source_span->begin) : ordered_json(nullptr);
  j["end"] = c.source_span ? ordered_json(c.source_span->end) : ordered_json(nullptr);
  j["quote"] = c.quote;
  j["orphaned"] = c.orphaned;
  j["coder"] = c.coder;
  j["created"] = c.created;
  j["removed"] = text_or_null(c.removed);
  j["removed_by"] = text_or_null(c.removed_by);
  j["memos"] = c.memos;
  return j;
}

// A JSON value as a CSV cell's text: strings bare, null empty.
std::string coding_cell_text(const ordered_json& v) {
  if (v.is_null()) return {};
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    std::string joined;
    for (const auto& item : v) joined += (joined.empty() ? "" : " | ") + coding_cell_text(item);
    return joined;
  }
  return v.dump();
}


// Rows of the same keys as CSV: a header line of the first row's keys, then
// each row's values (coding_cell_text), ',' between cells, CRLF line ends. No rows:
// nothing, not even the header.
void print_coding_csv(const std::vector<ordered_json>& rows, std::ostream& out) {
  bool header = true;
  for (const ordered_json& j : rows) {
    if (header) {
      std::string line;
      for (const auto& [key, value] : j.items()) line += (line.empty() ? "" : ",") + csv_cell(key, ',');
      out << line << "\r\n";
      header = false;
    }
    std::string line;
    bool first = true;
    for (const auto& [key, value] : j.items()) {
      line += (first ? "" : ",") + csv_cell(coding_cell_text(value), ',');
      first = false;
    }
    out << line << "\r\n";
  }
}

ordered_json id_or_null(const std::optional<std::int64_t>& id) { return id ? ordered_json(*id) : ordered_json(nullptr); }

ordered_json coding_json(const coding::Memo& m) {
  ordered_json j;
  j["id"] = m.id;
  j["target"] = m.target;
  j["answer_id"] = text_or_null(m.answer_id);
  j["coding_id"] = id_or_null(m.coding_id);
  j["code_id"] = id_or_null(m.code_id);
  j["code"] = text_or_null(m.code);
  j["theme"] = text_or_null(m.theme);
  j["source"] = text_or_null(m.source);
  j["quote"] = text_or_null(m.quote);
  j["text"] = m.text;
  j["coder"] = m.coder;
  j["created"] = m.created;
  return j;
}

}  // namespace

void print_memos(const std::vector<coding::Memo>& memos, CodingsFormat format, std::ostream& out) {
  switch (format) {
    case CodingsFormat::Json:
      for (const coding::Memo& m : memos) out << json_text(coding_json(m)) << '\n';
      return;
    case CodingsFormat::Csv: {
      std::vector<ordered_json> rows;
      for (const coding::Memo& m : memos) rows.push_back(coding_json(m));
      print_coding_csv(rows, out);
      return;
    }
    case CodingsFormat::Table:
      for (const coding::Memo& m : memos) {
        out << m.id << "  " << terminal_text(m.coder) << "  " << m.created << "  on ";
        if (m.target == "coding") {
          out << "coding " << *m.coding_id << " (" << terminal_text(m.theme.empty() ? m.code : m.theme) << ", "
              << terminal_text(m.source) << ", " << json_text(ordered_json(m.quote)) << ")";
        } else if (m.target == "code") {
          out << "own code " << terminal_text(m.code);
        } else {
          out << "answer " << terminal_text(m.answer_id);
          if (!m.source.empty()) out << " (" << terminal_text(m.source) << ")";
        }
        out << ": " << terminal_text(m.text) << '\n';
      }
      out << memos.size() << (memos.size() == 1 ? " memo\n" : " memos\n");
      return;
  }
}

void print_codings(const std::vector<coding::Coding>& codings, CodingsFormat format, std::ostream& out) {
  switch (format) {
    case CodingsFormat::Json:
      for (const coding::Coding& c : codings) out << json_text(coding_json(c)) << '\n';
      return;
    case CodingsFormat::Csv: {
      std::vector<ordered_json> rows;
      for (const coding::Coding& c : codings) rows.push_back(coding_json(c));
      print_coding_csv(rows, out);
      return;
    }
    case CodingsFormat::Table:
      for (const coding::Coding& c : codings) {
        out << c.id << "  " << coding::to_string(c.kind) << "  " << terminal_text(c.theme.empty() ? c.code : c.theme)
            << "  " << terminal_text(c.coder) << "  " << terminal_text(c.source) << " " << c.answer_id << " ["
            << c.span.begin << "," << c.span.end << ")  " << json_text(ordered_json(c.quote));
        if (c.orphaned) out << "  (orphaned)";
        if (!c.removed.empty()) out << "  (removed by " << terminal_text(c.removed_by) << ")";
        out << '\n';
      }
      out << codings.size() << (codings.size() == 1 ? " coding\n" : " codings\n");
      return;
  }
}

void print_codes(const std::vector<coding::OwnCode>& codes, bool json, std::ostream& out) {
  if (json) {
    for (const coding::OwnCode& c : codes) {
      ordered_json j;
      j["id"] = c.id;
      j["name"] = c.name;
      j["description"] = c.description;
      j["parent"] = c.parent ? ordered_json(*c.parent) : ordered_json(nullptr);
      j["coder"] = c.coder;
      j["created"] = c.created;
      out << json_text(j) << '\n';
    }
    return;
  }
  std::map<std::int64_t, std::vector<const coding::OwnCode*>> children;  // 0: top level
  for (const coding::OwnCode& c : codes) children[c.parent.value_or(0)].push_back(&c);
  // Depth-first; depth is bounded by the tree (the store refuses cycles).
  std::function<void(std::int64_t, int)> walk = [&](std::int64_t parent, int depth) {
    for (const coding::OwnCode* c : children[parent]) {
      out << std::string(2 * static_cast<std::size_t>(depth), ' ') << terminal_text(c->name);
      if (!c->description.empty()) out << "  — " << terminal_text(c->description);
      out << '\n';
      walk(c->id, depth + 1);
    }
  };
  walk(0, 0);
  out << codes.size() << (codes.size() == 1 ? " own code\n" : " own codes\n");
}

}  // namespace analyzer
