#pragma once
// JsonLocator: where each key and value of a JSON text was written, for
// diagnostics at file:line:column on JSON that nlohmann has parsed. Shared by
// every stage that checks a JSON file against a schema (lexicon files,
// manifest.json) through JsonChecker (json_checker.hpp). No I/O.
//
// In:  the raw JSON text (UTF-8, an optional byte order mark), which must
//      outlive the locator.
// Out: for every value, the position of its first byte and (for object
//      members) of its key's opening quote, looked up by the value's JSON
//      pointer (RFC 6901):
//   ""                    the root value
//   "/rules/3"            the fourth item of the root's "rules" list
//   "/rules/3/tokens/1"   ... and the second item of its "tokens"
//   "/a~1b"               the member "a/b" ('~' is written "~0", '/' "~1")
//      plus every key written twice in one object.
// Positions are 1-based lines and columns; a column counts Unicode code
// points (UTF-8 sequences), not bytes, so "å" is one column and a tab is
// one column. A UTF-8 byte order mark at the start is not counted. Keys are
// found by their parsed name ("\u0079aer" is the key "yaer").
//
// nlohmann/json 3.11.2 keeps no source positions on parsed values, hence a
// second look at the raw text. Meant to run on text that nlohmann has
// already parsed: on malformed JSON it stops at the first thing it does not
// understand and keeps what it saw (never reads out of bounds, never
// throws). Duplicate keys are recorded; the later one wins, as in nlohmann.
// Cost: one linear scan; memory linear in the text at any depth. A lookup
// is one hash lookup per reference token of the pointer, a binary search
// over line starts and a count of at most 256 bytes. Deep nesting uses an
// explicit stack, not recursion.
//
// Example:
//   JsonLocator where(text);
//   TextPosition p = where.value("/rules/3/tokens/1");   // e.g. {14, 9}

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace analyzer {

// A 1-based line and column (code points); {0, 0} when unknown.
struct TextPosition {
  std::size_t line = 0;
  std::size_t column = 0;
  bool known() const { return line > 0; }
};

// The deepest nesting of arrays and objects analyzer reads in a JSON file
// (lexicons, manifest.json, gold files); the files it reads need 4 or 5.
inline constexpr std::size_t kMaxJsonDepth = 256;

// Byte offset of the '[' or '{' that opens nesting level `max_depth` + 1 in
// `text`, or nothing when no array or object nests that deep. Brackets in
// strings do not count ("\"" and "\\" are understood). Meant to run before
// a parser, on any text: malformed JSON is counted as far as it goes (a
// stray ']' never makes the depth negative). One pass, constant memory, no
// allocation, never throws.
std::optional<std::size_t> first_too_deep(std::string_view text, std::size_t max_depth = kMaxJsonDepth);

// Line and column of byte `offset` in `text` (clamped to its end; the end
// itself is the position after the last character), counted as above.
// Linear in `offset`; for many lookups use JsonLocator.
TextPosition text_position(std::string_view text, std::size_t offset);

// One reference token of a JSON pointer: "~" becomes "~0" and "/" "~1".
// json_pointer_token("a/b") == "a~1b".
std::string json_pointer_token(std::string_view key);

// Pointers one level down: json_pointer_member("/rules/0", "id") is
// "/rules/0/id" (the key escaped); json_pointer_item("/rules", 3) is "/rules/3".
std::string json_pointer_member(std::string_view pointer, std::string_view key);
std::string json_pointer_item(std::string_view pointer, std::size_t index);

class JsonLocator {
 public:
  // Scans `text`, which must outlive the locator.
  explicit JsonLocator(std::string_view text);

  // Position of the first byte of the value at `pointer` ('{', '[', the
  // opening quote of a string, the first digit of a number); unknown when
  // the pointer names nothing in the text.
  TextPosition value(std::string_view pointer) const;

  // Position of the opening quote of the key of the object member at
  // `pointer`; for an array item or the root, the value's position.
  TextPosition key(std::string_view pointer) const;

  // Line and column of any byte offset into the text (clamped to its end).
  TextPosition position_of(std::size_t byte_offset) const;

  // A key written twice in one object: where each of the two keys is.
  struct DuplicateKey {
    std::string key;       // the key as parsed, e.g. "id"
    TextPosition first;    // the earlier key (nlohmann drops its value)
    TextPosition second;   // the later key (nlohmann keeps its value)
    std::size_t node = 0;  // for pointer()
  };
  // Every duplicate key, in text order.
  const std::vector<DuplicateKey>& duplicate_keys() const { return duplicates_; }

  // The member's JSON pointer, e.g. "/rules/0/id". Built on demand: its
  // length is the sum of the keys above it.
  std::string pointer(const DuplicateKey& duplicate) const;

  // Bytes of object keys the locator holds (each key once, escaped as in a
  // pointer): at most twice the text's size, at any depth. For tests.
  std::size_t token_bytes() const { return token_bytes_; }

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  static constexpr std::size_t kBlock = 256;  // bytes per entry of code_points_before_

  // A value: where its key and its first byte are, and its place in the
  // tree. An object member is found through children_, whose key holds its
  // escaped key once (`token` points there); an array item through the
  // list of its array's items.
  struct Node {
    std::size_t parent = kNone;
    std::size_t key = kNone;    // opening quote of the key; kNone for array items and the root
    std::size_t value = kNone;  // first byte of the value
    const std::string* token = nullptr;  // object members: the escaped key
    std::size_t index = kNone;           // array items: the index
    std::size_t items = kNone;           // arrays: their item list in arrays_
  };
  struct ChildHash {
    std::size_t operator()(const std::pair<std::size_t, std::string>& c) const {
      return std::hash<std::string>{}(c.second) ^ (c.first * 0x9E3779B97F4A7C15ull);
    }
  };

  // An array or object being read.
  struct Frame {
    bool object = false;
    std::size_t node = 0;  // the array or object
  };
  // The value about to be read: under `parent` (kNone: the root), as
  // `token` (an object member's escaped key, whose key `key` starts at
  // `key_offset`; empty and kNone for array items).
  struct Pending {
    std::size_t parent = kNone;
    std::string token;
    std::string key;
    std::size_t key_offset = kNone;
  };

  void scan();
  // After '[', '{' or ',' in `frame`: sets `next` for its next member,
  // reading `"key":` in an object. False when the text is not what JSON
  // allows there.
  bool begin_member(const Frame& frame, Pending& next);
  // After a value: closes the containers that end here, then begins the
  // next member of the innermost open one. False when there is none (the
  // text ends) or the text is not JSON there.
  bool end_value(std::vector<Frame>& stack, Pending& next);
  void skip_space();
  bool read_string(std::string* out);  // at an opening quote; false when unterminated
  void skip_scalar();
  // The node of `token` under `parent` (the root when `parent` is kNone),
  // created or (a key written twice) updated.
  // An array item when `key_offset` is kNone (then `token` is unused).
  std::size_t record(std::size_t parent, std::string token, std::size_t key_offset, std::size_t value_offset,
                     const std::string& key);
  const Node* find(std::string_view pointer) const;
  std::size_t code_points_before(std::size_t offset) const;

  std::string_view text_;
  std::size_t pos_ = 0;
  std::vector<std::size_t> line_starts_;          // byte offset of each line's first byte
  std::vector<std::size_t> code_points_before_;   // [i]: code points in the first i * kBlock bytes
  std::vector<Node> nodes_;                       // [0] is the root, once scanned
  std::unordered_map<std::pair<std::size_t, std::string>, std::size_t, ChildHash> children_;
  std::vector<std::vector<std::size_t>> arrays_;  // per array: its items' nodes
  std::size_t token_bytes_ = 0;
  std::vector<DuplicateKey> duplicates_;
};

}  // namespace analyzer
