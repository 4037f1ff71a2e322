#include "analyzer/read/docx_reader.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer/core/running_lines.hpp"
#include "analyzer/core/span.hpp"
#include "analyzer/core/utf8.hpp"
#include "analyzer/text/swedish_regions.hpp"
#include "analyzer/text/swedish_text.hpp"
#include "analyzer/read/docx_numbering.hpp"
#include "analyzer/read/pdf_layout.hpp"
#include "analyzer/read/xml_part.hpp"
#include "analyzer/read/zip_archive.hpp"

namespace analyzer {

namespace {

constexpr std::string_view kMainDocumentFallback = "word/document.xml";
// What an empty form field (a content control showing its placeholder) is
// read as: the mark printed forms use for an empty field, which segment/
// reads as a placeholder (form_rules::FormLine::Placeholder), so the field
// is closed and empty whatever language its placeholder text is in.
constexpr std::string_view kEmptyField = "___";
// How many w:basedOn steps a style's numbering is looked for through (Word
// refuses cycles; a hostile file's cycle stops here).
constexpr int kMaxStyleChain = 32;

// An OOXML on/off property: present and not "0"/"false"/"off".
bool on(const pugi::xml_node& property) {
  if (!property) return false;
  const std::string_view v = attribute(property, "val");
  return v != "0" && v != "false" && v != "off";
}

// A part read from the archive and parsed; the document points into `xml`.
struct XmlPart {
  std::string xml;
  pugi::xml_document doc;
};

// Reads and parses `member`; nullopt in `part` (and success) when the
// archive has no such member and it is optional.
Status load_part(const std::string& path, ZipArchive& zip, const std::string& member, XmlPart& part, bool& found) {
  found = zip.has(member);
  if (!found) return {};
  Result<std::string> xml = zip.read(member);
  if (!xml) return xml.error();
  part.xml = std::move(xml).value();
  return parse_xml_part(path, member, part.xml, part.doc);
}

// The targets of the relationships in a .rels part, by type suffix
// ("officeDocument", "styles", "numbering", "header"; a kind may have
// several: a first page's header, the even pages'); external ones left out.
Result<std::multimap<std::string, std::string>> relationships(const std::string& path, ZipArchive& zip,
                                                              const std::string& rels_member, std::string_view base) {
  std::multimap<std::string, std::string> out;
  XmlPart rels;
  bool found = false;
  if (Status s = load_part(path, zip, rels_member, rels, found); !s.ok()) return std::move(s).error();
  if (!found) return out;
  for (const pugi::xml_node& r : rels.doc.document_element().children()) {
    if (local_name(r) != "Relationship" || attribute(r, "TargetMode") == "External") continue;
    const std::string_view type = attribute(r, "Type");
    const std::size_t slash = type.rfind('/');
    const std::string kind(slash == std::string_view::npos ? type : type.substr(slash + 1));
    out.emplace(kind, resolve_part_target(base, attribute(r, "Target")));
  }
  return out;
}

// A paragraph's outline level as Word keeps it (w:outlineLvl: 0 is the top
// level, 9 body text) as a heading level counted from 1; nullopt for body
// text, a missing or an unreadable value.
std::optional<int> heading_level_of(const pugi::xml_node& paragraph_properties) {
  const std::optional<int> outline = child_val(paragraph_properties, "outlineLvl");
  if (!outline || *outline < 0 || *outline > 8) return std::nullopt;
  return *outline + 1;
}

// The heading level of Word's built-in heading styles by their name, which
// Word writes in English whatever the user's language ("heading 1" for
// "Rubrik 1"); nullopt for any other name.
std::optional<int> builtin_heading_level(std::string_view name) {
  constexpr std::string_view kHeading = "heading ";
  if (name.size() != kHeading.size() + 1) return std::nullopt;
  std::string lower(name.substr(0, kHeading.size()));
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  const char digit = name.back();
  if (lower != kHeading || digit < '1' || digit > '9') return std::nullopt;
  return digit - '0';
}

// Paragraph styles, as far as list numbering and headings need them.
class ParagraphStyles {
 public:
  void load(const pugi::xml_node& styles) {
    for (const pugi::xml_node& s : styles.children()) {
      if (local_name(s) != "style") continue;
      Style style;
      style.based_on = std::string(attribute(child(s, "basedOn"), "val"));
      const pugi::xml_node properties = child(s, "pPr");
      if (const pugi::xml_node num = child(properties, "numPr")) {
        style.num_id = child_val(num, "numId");
        style.level = child_val(num, "ilvl");
      }
      if (child(properties, "outlineLvl")) style.heading = heading_level_of(properties).value_or(0);
      else if (const std::optional<int> level = builtin_heading_level(attribute(child(s, "name"), "val")))
        style.heading = *level;
      styles_.emplace(std::string(attribute(s, "styleId")), std::move(style));
    }
  }

  // The heading level (1 = top) the style `id` gives its paragraphs, through
  // its w:basedOn chain: its own outline level, else the level of a
  // built-in "heading N" style; nullopt for body text.
  std::optional<int> heading_level(std::string_view id) const {
    for (int step = 0; step < kMaxStyleChain && !id.empty(); ++step) {
      const auto it = styles_.find(std::string(id));
      if (it == styles_.end()) break;
      if (it->second.heading) return *it->second.heading > 0 ? it->second.heading : std::nullopt;
      id = it->second.based_on;
    }
    return std::nullopt;
  }

  // The numbering (numId, ilvl) the style `id` gives its paragraphs,
  // through its w:basedOn chain.
  std::pair<std::optional<int>, std::optional<int>> numbering(std::string_view id) const {
    for (int step = 0; step < kMaxStyleChain && !id.empty(); ++step) {
      const auto it = styles_.find(std::string(id));
      if (it == styles_.end()) break;
      if (it->second.num_id) return {it->second.num_id, it->second.level};
      id = it->second.based_on;
    }
    return {};
  }

 private:
  struct Style {
    std::string based_on;
    std::optional<int> num_id;
    std::optional<int> level;
    std::optional<int> heading;  // 1..9; 0: the style says body text (outline level 9)
  };
  std::map<std::string, Style, std::less<>> styles_;
};

// Walks the body of the main document and writes its text and places.
class BodyWalker {
 public:
  BodyWalker(const std::string& path, std::string member, const ParagraphStyles& styles,
             docx::ListNumbering& numbering, std::size_t max_bytes, SourceText& out)
      : path_(path), member_(std::move(member)), styles_(styles), numbering_(numbering), max_bytes_(max_bytes),
        out_(out) {}

  // The block-level content of `parent` (body, table cell, content control).
  Status blocks(const pugi::xml_node& parent, std::size_t depth) {
    if (depth > kMaxXmlDepth) return too_deep();
    for (const pugi::xml_node& node : parent.children())
      if (Status s = block(node, depth); !s.ok()) return s;
    return {};
  }

 private:
  // The text of a table cell as Word shows it, roughly: its w:t runs,
  // trimmed (deleted text left out). Enough to tell a question cell.
  static std::string cell_text(const pugi::xml_node& cell) {
    struct Texts : pugi::xml_tree_walker {
      std::string out;
      bool for_each(pugi::xml_node& node) override {
        if (local_name(node) == "t" && local_name(node.parent().parent()) != "del") out += node.text().get();
        return true;
      }
    } texts;
    pugi::xml_node(cell).traverse(texts);  // pugixml walks without recursion
    const std::size_t b = texts.out.find_first_not_of(" \t"), e = texts.out.find_last_not_of(" \t");
    return b == std::string::npos ? std::string() : texts.out.substr(b, e - b + 1);
  }

  static bool is_one_of(std::string_view text, std::initializer_list<std::string_view> labels) {
    while (!text.empty() && (text.back() == ':' || text.back() == ' ' || text.back() == '.')) text.remove_suffix(1);
    const std::string lower = swedish::lower_case_sv(text);
    return std::find(labels.begin(), labels.end(), std::string_view(lower)) != labels.end();
  }

  // The column of the question when `cells` is a question table's header
  // row: "Fråga" | "Svar" (| ...), after at most two number columns ("Nr",
  // "Nummer", "#", "Fråga nr"); nullopt for any other row.
  static std::optional<std::size_t> question_header(const std::vector<std::string>& cells) {
    for (std::size_t q = 0; q + 1 < cells.size() && q <= 2; ++q) {
      if (is_one_of(cells[q], {"fråga", "frågor", "frågeställning"}) &&
          is_one_of(cells[q + 1], {"svar", "kommentar", "kommentarer", "beskrivning", "redovisning"}))
        return q;
      if (!is_one_of(cells[q], {"nr", "nummer", "#", "fråga nr", "frågenr", "frågenummer", "löpnr", "id"}))
        return std::nullopt;
    }
    return std::nullopt;
  }

  // A number cell's text as the label of its row's question: "12" → "12. ",
  // "12a." → "12a. ", "K1" → "K1. "; "" for an empty cell.
  static std::string question_number_label(std::string_view number) {
    while (!number.empty() && (number.front() == ' ' || number.front() == '\t')) number.remove_prefix(1);
    while (!number.empty() && (number.back() == ' ' || number.back() == '\t' || number.back() == '\n'))
      number.remove_suffix(1);
    if (number.empty()) return std::string();
    const char last = number.back();
    return std::string(number) + (last == '.' || last == ')' || last == ':' ? " " : ". ");
  }

  // A row's or a cell's node as Word nests it: directly, or inside content
  // controls (w:sdt, row- or cell-level) and custom XML around it. `blank`:
  // inside a control that shows its placeholder.
  struct Wrapped {
    pugi::xml_node node;
    bool blank = false;
  };
  // The `name` nodes ("tr", "tc") among `parent`'s children, unwrapped;
  // nodes of any other name are given as they are (node, not unwrapped).
  // False when the wrappers nest past kMaxXmlDepth (the caller's error).
  static bool unwrapped(const pugi::xml_node& parent, std::string_view name, bool blank, std::size_t depth,
                        std::vector<Wrapped>& out) {
    if (depth > kMaxXmlDepth) return false;
    for (const pugi::xml_node& c : parent.children()) {
      const std::string_view n = local_name(c);
      bool ok = true;
      if (n == "sdt")
        ok = unwrapped(child(c, "sdtContent"), name, blank || showing_placeholder(c), depth + 1, out);
      else if (n == "customXml" || n == "sdtContent")
        ok = unwrapped(c, name, blank, depth + 1, out);
      else
        out.push_back({c, blank && n == name});
      if (!ok) return false;
    }
    return true;
  }

  // A table: its rows in order. A row of two cells whose first reads as a
  // question (swedish::reads_as_prompt), or any row under a header row
  // "Fråga" | "Svar" (| "Kommentar" ...), marks its first cell's paragraphs
  // kTableQuestion (the first) and kTableQuestionGoesOn (the others): the
  // segmenter keys the other cells, its answer, by it. A header row may
  // start with a number column ("Nr" | "Fråga" | "Svar"): under it a row's
  // number is its question's label ("12" | "Har regionen ...?" → "12. Har
  // regionen ...?"), as list numbering is. The header row's labels are
  // marked so too, and so key nothing. Every other cell is body text
  // (kNotAHeading), however short: a table's "Västerås" | "5" is neither
  // heading nor footnote. Rows and cells inside content controls or custom
  // XML count as any (unwrapped()).
  Status table(const pugi::xml_node& tbl, std::size_t depth) {
    if (depth > kMaxXmlDepth) return too_deep();
    bool question_table = false, first_row = true;
    std::size_t question_column = 0;  // after the number columns of a header row
    std::vector<Wrapped> rows;
    if (!unwrapped(tbl, "tr", false, depth, rows)) return too_deep();
    for (const Wrapped& wrapped_row : rows) {
      const pugi::xml_node& node = wrapped_row.node;
      if (local_name(node) != "tr") {
        if (Status s = block(node, depth); !s.ok()) return s;
        continue;
      }
      std::vector<Wrapped> row_children;
      if (!unwrapped(node, "tc", wrapped_row.blank, depth + 1, row_children)) return too_deep();
      std::vector<std::string> cells;  // the row's cells' texts, each read once ("" for a placeholder)
      for (const Wrapped& c : row_children)
        if (local_name(c.node) == "tc") cells.push_back(c.blank ? std::string() : cell_text(c.node));
      bool header = false, question_row = false;
      if (first_row)
        if (std::optional<std::size_t> q = question_header(cells)) {
          header = question_table = true;
          question_column = *q;
        }
      if (!header && question_column < cells.size() && cells.size() >= 2 && !cells[question_column].empty()) {
        // Two columns: a question and its answer (an empty answer cell
        // is an unanswered question); more only under a header row.
        question_row = question_table || (cells.size() == 2 && swedish::reads_as_prompt(cells[0]));
      }
      // A row of one cell across a question table (a sub-heading) is read
      // as any paragraph is.
      const bool across = question_table && cells.size() == 1;
      if (std::any_of(cells.begin(), cells.end(), [](const std::string& c) { return !c.empty(); })) first_row = false;
      // The row's children in order, unwrapped: its cells, and anything
      // else as block() takes it.
      const CellRole outer = cell_role_;
      // The row's number cells are its question's label, not text of their own.
      question_label_.clear();
      if (question_row)
        for (std::size_t i = 0; i < question_column; ++i) question_label_ += question_number_label(cells[i]);
      std::size_t k = 0;
      for (const Wrapped& w : row_children) {
        const pugi::xml_node& c = w.node;
        const bool cell = local_name(c) == "tc";
        if (cell && question_row && k < question_column) {
          ++k;
          continue;
        }
        cell_role_ = outer;
        if (cell && (header || (question_row && k == question_column))) cell_role_ = CellRole::Question;
        else if (cell && outer == CellRole::None && !across) cell_role_ = CellRole::Answer;  // any other cell: body text
        if (cell) ++k;
        cell_paragraphs_ = 0;
        // A cell in a control showing its placeholder is one empty field.
        Status s = cell && w.blank ? empty_field() : cell ? blocks(c, depth + 2) : block(c, depth + 1);  // as tbl/tr/tc nest
        cell_role_ = outer;
        if (!s.ok()) return s;
      }
    }
    return {};
  }

  // One block-level node, a child of a body, cell or control at `depth`.
  Status block(const pugi::xml_node& node, std::size_t depth) {
    const std::string_view name = local_name(node);
    if (name == "p") return paragraph(node, depth + 1);
    if (name == "sdt") {
      // A control showing its placeholder is one empty field; a filled one is its content.
      if (showing_placeholder(node)) return empty_field();
      return blocks(child(node, "sdtContent"), depth + 1);
    }
    if (name == "tbl") return table(node, depth + 1);
    if (name == "tr" || name == "tc" || name == "customXml" || name == "ins" || name == "moveTo" ||
        name == "smartTag" || name == "sdtContent")
      return blocks(node, depth + 1);
    // Anything else holds no body text here: properties (pPr, tblPr,
    // sectPr), deletions (del, moveFrom), bookmarks, altChunk.
    return {};
  }

  static bool showing_placeholder(const pugi::xml_node& sdt) {
    return on(child(child(sdt, "sdtPr"), "showingPlcHdr"));
  }

  Diagnostic too_deep() const {
    return make_error(path_,
                      "member \"" + member_ + "\" nests elements deeper than " + std::to_string(kMaxXmlDepth) +
                          " levels (tables in tables, content controls in content controls), the limit of this reader",
                      "flatten the nested tables or content controls in Word and save again");
  }

  Status paragraph(const pugi::xml_node& p, std::size_t depth) {
    if (depth > kMaxXmlDepth) return too_deep();
    const pugi::xml_node properties = child(p, "pPr");
    std::optional<int> num_id;
    std::optional<int> level;
    if (const pugi::xml_node num = child(properties, "numPr")) {
      num_id = child_val(num, "numId");
      level = child_val(num, "ilvl");
    }
    if (!num_id) {
      const auto [style_num, style_level] = styles_.numbering(attribute(child(properties, "pStyle"), "val"));
      num_id = style_num;
      if (!level) level = style_level;
    }
    text_.clear();
    placeholder_ = false;
    if (Status s = runs(p, depth + 1); !s.ok()) return s;
    // A paragraph that holds nothing but an empty field.
    if (placeholder_ && text_.find_first_not_of(" \t") == std::string::npos) text_ = kEmptyField;
    // A question cell's line breaks ("Beskriv ...↵(max 2000 tecken)") are
    // spaces: the question is one line, its first.
    if (cell_role_ == CellRole::Question) std::replace(text_.begin(), text_.end(), '\n', ' ');
    std::optional<int> heading = child(properties, "outlineLvl")
                                     ? heading_level_of(properties)
                                     : styles_.heading_level(attribute(child(properties, "pStyle"), "val"));
    // A question cell's first paragraph with text keys the answer, its
    // others go on with the question; an answer cell is body text, however
    // short ("14", "Ja").
    if (cell_role_ == CellRole::Question)
      heading = text_.find_first_not_of(" \t") == std::string::npos ? heading
                : cell_paragraphs_++ == 0                           ? kTableQuestion
                                                                    : kTableQuestionGoesOn;
    else if (cell_role_ == CellRole::Answer && !heading)
      heading = kNotAHeading;
    std::string label = num_id && *num_id != 0 ? numbering_.label(*num_id, level.value_or(0)) : std::string();
    if (heading == kTableQuestion && label.empty()) label = std::exchange(question_label_, std::string());
    return add_paragraph(label, text_, heading);
  }

  // An unfilled field (a control showing its placeholder) as a paragraph:
  // in an answer cell body text, as a paragraph of such a cell is.
  Status empty_field() {
    return add_paragraph(std::string(), kEmptyField,
                         cell_role_ == CellRole::Answer ? std::optional<int>(kNotAHeading) : std::nullopt);
  }

  // Writes one paragraph (its list label, its text, '\n') and its place;
  // a heading paragraph with text is also a TextHeading of `heading` level.
  Status add_paragraph(const std::string& label, std::string_view text, std::optional<int> heading = std::nullopt) {
    ++paragraphs_;
    const std::size_t begin = out_.text.size();
    out_.text += label;
    out_.text += text;
    const std::size_t end = out_.text.size();
    out_.text += '\n';
    if (out_.text.size() > max_bytes_)
      return make_error(path_,
                        "the text of member \"" + member_ + "\" passes the size limit of " +
                            std::to_string(max_bytes_) + " bytes at paragraph " + std::to_string(paragraphs_),
                        "raise the limit with --max-file-size, or split the document");
    RecordLocation location;
    location.paragraph = paragraphs_;
    out_.places.push_back({"stycke " + std::to_string(paragraphs_), ByteSpan{begin, end}, std::move(location)});
    if (heading && text.find_first_not_of(" \t\n") != std::string_view::npos)
      out_.headings.push_back({ByteSpan{begin, end}, *heading});
    return {};
  }

  // The inline content of `parent` (a paragraph, hyperlink, run-level
  // content control, ...) into text_.
  Status runs(const pugi::xml_node& parent, std::size_t depth) {
    if (depth > kMaxXmlDepth) return too_deep();
    for (const pugi::xml_node& node : parent.children()) {
      const std::string_view name = local_name(node);
      Status s;
      if (name == "r") {
        run(node);
      } else if (name == "sdt") {
        if (showing_placeholder(node)) placeholder_ = true;
        else s = runs(child(node, "sdtContent"), depth + 1);
      } else if (name == "hyperlink" || name == "smartTag" || name == "customXml" || name == "ins" ||
                 name == "moveTo" || name == "fldSimple" || name == "bdo" || name == "dir" ||
                 name == "sdtContent") {
        s = runs(node, depth + 1);
      }
      // Left out: del, moveFrom (deleted text), pPr, bookmarks, comments,
      // proofing marks, math.
      if (!s.ok()) return s;
    }
    return {};
  }

  // One w:r: its text, tabs, breaks and field characters.
  void run(const pugi::xml_node& r) {
    for (const pugi::xml_node& node : r.children()) {
      const std::string_view name = local_name(node);
      if (name == "fldChar") {
        field_char(attribute(node, "fldCharType"));
        continue;
      }
      if (in_field_instruction()) continue;
      if (name == "t") {
        append_text(node.child_value());
      } else if (name == "tab" || name == "ptab") {
        text_ += '\t';
      } else if (name == "br" || name == "cr") {
        text_ += '\n';
      } else if (name == "noBreakHyphen") {
        text_ += '-';
      } else if (name == "sym") {
        symbol(attribute(node, "char"));
      }
      // Left out: delText, instrText, softHyphen, footnote and endnote
      // references, comment marks, drawings, objects, run properties.
    }
  }

  // Field state: a stack with one entry per open field, true once its
  // separator is passed (the result, which is shown, follows), and how many
  // open fields are still in their instruction (O(1) per run, however
  // deeply a hostile file nests fields).
  void field_char(std::string_view type) {
    if (type == "begin") {
      fields_.push_back(false);
      ++in_instruction_;
    } else if (type == "separate") {
      if (!fields_.empty() && !fields_.back()) {
        fields_.back() = true;
        --in_instruction_;
      }
    } else if (type == "end") {
      if (!fields_.empty()) {
        if (!fields_.back()) --in_instruction_;
        fields_.pop_back();
      }
    }
  }
  bool in_field_instruction() const { return in_instruction_ > 0; }

  // XML text without control characters (a character reference such as
  // "&#1;" can put them in; only tab and line feed mean something here).
  void append_text(std::string_view text) {
    for (const char c : text)
      if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n') text_ += c;
  }

  void symbol(std::string_view hex) {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), value, 16);
    if (ec != std::errc() || end != hex.data() + hex.size()) return;
    if (value >= 0xF000 && value <= 0xF0FF) {  // a symbol font's code point: show a bullet
      text_ += "•";
      return;
    }
    if (value < 0x20 || (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) return;
    utf8::append(text_, static_cast<char32_t>(value));
  }

  const std::string& path_;
  const std::string member_;
  const ParagraphStyles& styles_;
  docx::ListNumbering& numbering_;
  const std::size_t max_bytes_;
  SourceText& out_;
  std::size_t paragraphs_ = 0;
  enum class CellRole { None, Question, Answer };
  CellRole cell_role_ = CellRole::None;  // the table cell being walked (table())
  std::size_t cell_paragraphs_ = 0;      // paragraphs with text of the question cell so far
  std::string question_label_;           // the row's number cells, as the label of its question
  std::string text_;          // the paragraph being read
  bool placeholder_ = false;  // it holds a content control showing its placeholder
  std::vector<bool> fields_;  // open fields (they may span paragraphs)
  std::size_t in_instruction_ = 0;  // entries of fields_ that are false
};

}  // namespace

// Header and footer parts read for running lines, at most.
constexpr std::size_t kMaxRunningParts = 32;

// The text of each paragraph of a header or footer part (w:hdr, w:ftr),
// its runs' w:t joined, to `running`; a page number alone ("Sida 3 av 9",
// a PAGE field's result) is left out. A header sets its pieces at tab
// stops ("Örebro kommun<tab>Vård- och omsorgsförvaltningen<tab>2025-02-20":
// left, centre, right), so a tab (w:tab, w:ptab) or a break (w:br, w:cr)
// ends a line as a paragraph does; a paragraph nested in another (a text
// box) is a line of its own. Iterative (pugixml's walker): the part's
// depth is bounded by parse_xml_part, not by the stack.
void add_running_paragraphs(pugi::xml_node root, RunningLines& running) {
  struct Paragraphs : pugi::xml_tree_walker {
    RunningLines& running;
    std::string text;
    explicit Paragraphs(RunningLines& r) : running(r) {}
    void flush() {
      if (!is_page_number_line(text)) running.add(text);
      text.clear();
    }
    bool for_each(pugi::xml_node& node) override {
      if (node.type() != pugi::node_element) return true;
      const std::string_view name = local_name(node);
      if (name == "p" || name == "tab" || name == "ptab" || name == "br" || name == "cr") flush();
      else if (name == "t") text += node.child_value();
      return true;
    }
  } paragraphs(running);
  root.traverse(paragraphs);
  paragraphs.flush();
}

Result<SourceText> DocxReader::read(const std::string& path, std::string bytes, const ReadOptions& options,
                                    Diagnostics& warnings) const {
  Result<ZipArchive> opened = ZipArchive::open(path, std::move(bytes), options.max_bytes);
  if (!opened) return opened.error();
  ZipArchive& zip = opened.value();

  Result<std::multimap<std::string, std::string>> package = relationships(path, zip, "_rels/.rels", "");
  if (!package) return package.error();
  std::string main = std::string(kMainDocumentFallback);
  if (const auto it = package.value().find("officeDocument"); it != package.value().end() && zip.has(it->second))
    main = it->second;
  if (!zip.has(main))
    return make_error(path, "the Word file has no main document part (" + main + ")",
                      "the file is damaged or is not a Word document: open it in Word and save it again");

  const std::string base = part_folder(main);
  Result<std::multimap<std::string, std::string>> parts =
      relationships(path, zip, base + "_rels/" + main.substr(base.size()) + ".rels", base);
  if (!parts) return parts.error();
  auto part_name = [&](const std::string& kind, const std::string& fallback) {
    const auto it = parts.value().find(kind);
    return it != parts.value().end() ? it->second : base + fallback;
  };

  ParagraphStyles styles;
  docx::ListNumbering numbering;
  {
    XmlPart part;
    bool found = false;
    if (Status s = load_part(path, zip, part_name("styles", "styles.xml"), part, found); !s.ok())
      return std::move(s).error();
    if (found) styles.load(part.doc.document_element());
  }
  {
    XmlPart part;
    bool found = false;
    if (Status s = load_part(path, zip, part_name("numbering", "numbering.xml"), part, found); !s.ok())
      return std::move(s).error();
    if (found) numbering.load(part.doc.document_element());
  }

  XmlPart document;
  bool found = false;
  if (Status s = load_part(path, zip, main, document, found); !s.ok()) return std::move(s).error();
  const pugi::xml_node body = child(document.doc.document_element(), "body");
  if (local_name(document.doc.document_element()) != "document" || !body)
    return make_error(path, "member \"" + main + "\" is not a Word document body (no w:document/w:body)",
                      "the file is damaged: open it in Word and save it again");

  SourceText out;
  // The text is at most about the part's size; a paragraph takes at least
  // "<w:p/>". Reserving avoids copying a large text while it grows.
  out.text.reserve(std::min(document.xml.size(), options.max_bytes));
  out.places.reserve(document.xml.size() / 256);
  BodyWalker walker(path, main, styles, numbering, options.max_bytes, out);
  if (Status s = walker.blocks(body, 1); !s.ok()) return std::move(s).error();
  if (const std::optional<std::size_t> bad = first_invalid_utf8(out.text)) {
    Diagnostic d = make_error(path, "the text of member \"" + main + "\" is not valid UTF-8 (at byte " +
                                        std::to_string(*bad) + " of the extracted text)",
                              "the file is damaged: open it in Word and save it again");
    return d;
  }
  // Headers and footers are page furniture, but may be where the document
  // names who wrote it: kept apart (SourceText::running). A part that
  // cannot be read costs only its text, with a warning.
  RunningLines running;
  // The document's title property first (docProps/core.xml, dc:title): it
  // may name the author ("Region Gävleborg – svar uppföljning ... 2024").
  if (const auto core = package.value().find("core-properties"); core != package.value().end()) {
    XmlPart part;
    bool part_found = false;
    if (load_part(path, zip, core->second, part, part_found).ok() && part_found)
      if (const pugi::xml_node title = child(part.doc.document_element(), "title"))
        running.add(title.child_value(), {}, std::nullopt, true);
  }
  // (At most kMaxRunningParts parts: a section has three headers and three
  // footers; a document of many sections repeats them.)
  std::size_t running_parts = 0;
  for (const char* kind : {"header", "footer"})
    for (auto [it, end] = parts.value().equal_range(kind); it != end && running_parts < kMaxRunningParts;
         ++it, ++running_parts) {
      XmlPart part;
      bool part_found = false;
      if (Status s = load_part(path, zip, it->second, part, part_found); !s.ok()) {
        Diagnostic d = std::move(s).error();
        d.severity = Severity::Warning;
        d.hint = "the text of this " + std::string(kind) + " is not used; the document's own text is read";
        warnings.push_back(std::move(d));
        continue;
      }
      if (part_found) add_running_paragraphs(part.doc.document_element(), running);
    }
  out.running = running.take();
  return out;
}

}  // namespace analyzer
