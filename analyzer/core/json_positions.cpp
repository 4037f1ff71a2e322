#include "analyzer/core/json_positions.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>

#include "analyzer/core/utf8.hpp"

namespace analyzer {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// Reads four hex digits at text[*pos] (as many as there are), advancing *pos.
std::uint32_t read_hex4(std::string_view text, std::size_t* pos) {
  std::uint32_t value = 0;
  for (int i = 0; i < 4 && *pos < text.size(); ++i, ++*pos) {
    const char c = text[*pos];
    value <<= 4;
    if (c >= '0' && c <= '9') value |= static_cast<std::uint32_t>(c - '0');
    else if (c >= 'a' && c <= 'f') value |= static_cast<std::uint32_t>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') value |= static_cast<std::uint32_t>(c - 'A' + 10);
  }
  return value;
}

}  // namespace

std::optional<std::size_t> first_too_deep(std::string_view text, std::size_t max_depth) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;  // the escaped character cannot end the string
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

TextPosition text_position(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1, column = 1;
  std::size_t i = text.substr(0, kByteOrderMark.size()) == kByteOrderMark ? kByteOrderMark.size() : 0;
  for (; i < offset; ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b == '\n') {
      ++line;
      column = 1;
    } else if (!utf8::is_continuation(text[i])) {
      ++column;
    }
  }
  return {line, column};
}

std::string json_pointer_token(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (const char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string json_pointer_member(std::string_view pointer, std::string_view key) {
  return std::string(pointer) + "/" + json_pointer_token(key);
}

std::string json_pointer_item(std::string_view pointer, std::size_t index) {
  return std::string(pointer) + "/" + std::to_string(index);
}

// Memory: one Node per value (its parent, its key or index, two offsets),
// so memory stays linear in the text at any depth: the path of a value is
// not copied into each value below it. Code points are counted ahead in
// blocks of kBlock bytes, so a lookup counts at most kBlock bytes.
JsonLocator::JsonLocator(std::string_view text) : text_(text) {
  line_starts_.push_back(0);
  std::size_t code_points = 0;
  for (std::size_t i = 0; i < text_.size(); ++i) {
    if (i % kBlock == 0) code_points_before_.push_back(code_points);
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
    if (!utf8::is_continuation(text_[i])) ++code_points;
  }
  if (text_.size() % kBlock == 0) code_points_before_.push_back(code_points);
  scan();
}

std::size_t JsonLocator::code_points_before(std::size_t offset) const {
  const std::size_t block = offset / kBlock;
  std::size_t n = code_points_before_[block];
  return n + utf8::code_points(text_.substr(block * kBlock, offset - block * kBlock));
}

TextPosition JsonLocator::position_of(std::size_t byte_offset) const {
  byte_offset = std::min(byte_offset, text_.size());
  const auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), byte_offset);
  const std::size_t line = static_cast<std::size_t>(after - line_starts_.begin());
  std::size_t start = line_starts_[line - 1];
  if (line == 1 && text_.substr(0, kByteOrderMark.size()) == kByteOrderMark)
    start = std::min(byte_offset, kByteOrderMark.size());
  return {line, code_points_before(byte_offset) - code_points_before(start) + 1};
}

const JsonLocator::Node* JsonLocator::find(std::string_view pointer) const {
  if (nodes_.empty()) return nullptr;
  std::size_t node = 0;
  std::pair<std::size_t, std::string> child;
  while (!pointer.empty()) {
    if (pointer.front() != '/') return nullptr;
    pointer.remove_prefix(1);
    const std::size_t slash = std::min(pointer.find('/'), pointer.size());
    const std::string_view token = pointer.substr(0, slash);
    pointer.remove_prefix(slash);
    if (const std::size_t items = nodes_[node].items; items != kNone) {
      std::size_t index = 0;
      const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), index);
      if (error == std::errc() && end == token.data() + token.size() && !token.empty() &&
          (token.size() == 1 || token.front() != '0') && index < arrays_[items].size()) {
        node = arrays_[items][index];
        continue;
      }
    }
    // An object member (or, after a key written twice, a member of the
    // object that replaced an array).
    child.first = node;
    child.second.assign(token);
    const auto it = children_.find(child);
    if (it == children_.end()) return nullptr;
    node = it->second;
  }
  return &nodes_[node];
}

TextPosition JsonLocator::value(std::string_view pointer) const {
  const Node* node = find(pointer);
  if (!node || node->value == kNone) return {};
  return position_of(node->value);
}

TextPosition JsonLocator::key(std::string_view pointer) const {
  const Node* node = find(pointer);
  if (!node) return {};
  return position_of(node->key != kNone ? node->key : node->value);
}

std::string JsonLocator::pointer(const DuplicateKey& duplicate) const {
  std::vector<std::string> tokens;
  for (std::size_t n = duplicate.node; n < nodes_.size() && nodes_[n].parent != kNone; n = nodes_[n].parent)
    tokens.push_back(nodes_[n].token ? *nodes_[n].token : std::to_string(nodes_[n].index));
  std::string out;
  for (auto it = tokens.rbegin(); it != tokens.rend(); ++it) out += "/" + *it;
  return out;
}

void JsonLocator::skip_space() {
  while (pos_ < text_.size() &&
         (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r'))
    ++pos_;
}

bool JsonLocator::read_string(std::string* out) {
  ++pos_;  // opening quote
  while (pos_ < text_.size() && text_[pos_] != '"') {
    if (text_[pos_] != '\\') {
      if (out) *out += text_[pos_];
      ++pos_;
      continue;
    }
    ++pos_;
    if (pos_ >= text_.size()) return false;
    const char escape = text_[pos_++];
    if (!out) {
      continue;  // \uXXXX digits are plain characters to skip
    }
    switch (escape) {
      case 'b': *out += '\b'; break;
      case 'f': *out += '\f'; break;
      case 'n': *out += '\n'; break;
      case 'r': *out += '\r'; break;
      case 't': *out += '\t'; break;
      case 'u': {
        std::uint32_t cp = read_hex4(text_, &pos_);
        if (cp >= 0xD800 && cp <= 0xDBFF && pos_ + 1 < text_.size() && text_[pos_] == '\\' &&
            text_[pos_ + 1] == 'u') {
          pos_ += 2;
          const std::uint32_t low = read_hex4(text_, &pos_);
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        utf8::append(*out, cp);
        break;
      }
      default: *out += escape; break;  // \" \\ \/
    }
  }
  if (pos_ >= text_.size()) return false;
  ++pos_;  // closing quote
  return true;
}

void JsonLocator::skip_scalar() {
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r') break;
    ++pos_;
  }
}

std::size_t JsonLocator::record(std::size_t parent, std::string token, std::size_t key_offset,
                                std::size_t value_offset, const std::string& key) {
  if (parent == kNone) {  // the root
    if (nodes_.empty()) nodes_.push_back({kNone, key_offset, value_offset});
    return 0;
  }
  if (key_offset == kNone) {  // an array item
    if (nodes_[parent].items == kNone) {
      nodes_[parent].items = arrays_.size();
      arrays_.emplace_back();
    }
    std::vector<std::size_t>& items = arrays_[nodes_[parent].items];
    nodes_.push_back({parent, kNone, value_offset, nullptr, items.size()});
    items.push_back(nodes_.size() - 1);
    return nodes_.size() - 1;
  }
  const auto [it, inserted] = children_.try_emplace({parent, std::move(token)}, nodes_.size());
  if (inserted) {
    token_bytes_ += it->first.second.size();
    nodes_.push_back({parent, key_offset, value_offset, &it->first.second});
    return it->second;
  }
  Node& node = nodes_[it->second];
  if (key_offset != kNone && node.key != kNone)
    duplicates_.push_back({key, position_of(node.key), position_of(key_offset), it->second});
  node.key = key_offset;  // the later one wins, as in nlohmann
  node.value = value_offset;
  node.items = kNone;     // a later array numbers its items from 0
  return it->second;
}

bool JsonLocator::begin_member(const Frame& frame, Pending& next) {
  next.parent = frame.node;
  if (!frame.object) {
    next.token.clear();  // items are kept by position, in arrays_
    next.key.clear();
    next.key_offset = kNone;
    return true;
  }
  skip_space();
  if (pos_ >= text_.size() || text_[pos_] != '"') return false;
  next.key_offset = pos_;
  next.key.clear();
  if (!read_string(&next.key)) return false;
  skip_space();
  if (pos_ >= text_.size() || text_[pos_] != ':') return false;
  ++pos_;
  next.token = json_pointer_token(next.key);
  return true;
}

bool JsonLocator::end_value(std::vector<Frame>& stack, Pending& next) {
  for (;;) {
    skip_space();
    if (stack.empty() || pos_ >= text_.size()) return false;
    const char c = text_[pos_];
    if (c == ',') {
      ++pos_;
      return begin_member(stack.back(), next);
    }
    if (c != '}' && c != ']') return false;
    ++pos_;
    stack.pop_back();
  }
}

void JsonLocator::scan() {
  std::vector<Frame> stack;
  Pending next;  // the root first
  if (text_.substr(0, kByteOrderMark.size()) == kByteOrderMark) pos_ = kByteOrderMark.size();
  for (;;) {
    // A value starts here.
    skip_space();
    if (pos_ >= text_.size()) return;
    const std::size_t node = record(next.parent, std::move(next.token), next.key_offset, pos_, next.key);
    const char c = text_[pos_];
    if (c == '{' || c == '[') {
      ++pos_;
      stack.push_back({c == '{', node});
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != (c == '{' ? '}' : ']')) {
        if (!begin_member(stack.back(), next)) return;
        continue;
      }
      ++pos_;  // an empty array or object ends at once
      stack.pop_back();
    } else if (c == '"') {
      if (!read_string(nullptr)) return;
    } else {
      skip_scalar();
    }
    if (!end_value(stack, next)) return;
  }
}

}  // namespace analyzer
