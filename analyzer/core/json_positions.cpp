#include "analyzer/core/json_positions.hpp"

#include <algorithm>
#include <cstdint>

namespace analyzer {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

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

TextPosition text_position(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1, column = 1;
  std::size_t i = text.substr(0, kByteOrderMark.size()) == kByteOrderMark ? kByteOrderMark.size() : 0;
  for (; i < offset; ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b == '\n') {
      ++line;
      column = 1;
    } else if ((b & 0xC0) != 0x80) {
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

namespace {

// Code points in text[begin, end): bytes that are not UTF-8 continuation bytes.
std::size_t code_points_between(std::string_view text, std::size_t begin, std::size_t end) {
  std::size_t n = 0;
  for (std::size_t i = begin; i < end; ++i) n += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  return n;
}

}  // namespace

JsonLocator::JsonLocator(std::string_view text) : text_(text) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  // Code points before each block, so that a column on a long line (a
  // manifest written on one line) costs one block's scan, not the line's.
  code_points_before_block_.reserve(text_.size() / kBlock + 1);
  std::size_t count = 0;
  for (std::size_t begin = 0; begin <= text_.size(); begin += kBlock) {
    code_points_before_block_.push_back(count);
    count += code_points_between(text_, begin, std::min(begin + kBlock, text_.size()));
  }
  scan();
}

std::size_t JsonLocator::code_points_before(std::size_t byte_offset) const {
  const std::size_t block = byte_offset / kBlock;
  return code_points_before_block_[block] + code_points_between(text_, block * kBlock, byte_offset);
}

TextPosition JsonLocator::position_of(std::size_t byte_offset) const {
  byte_offset = std::min(byte_offset, text_.size());
  const auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), byte_offset);
  const std::size_t line = static_cast<std::size_t>(after - line_starts_.begin());
  std::size_t start = line_starts_[line - 1];
  if (line == 1 && text_.substr(0, kByteOrderMark.size()) == kByteOrderMark)
    start = std::min(byte_offset, kByteOrderMark.size());
  const std::size_t column = 1 + code_points_before(byte_offset) - code_points_before(start);
  return {line, column};
}

TextPosition JsonLocator::value(std::string_view pointer) const {
  const auto it = offsets_.find(std::string(pointer));
  if (it == offsets_.end() || it->second.value == kNone) return {};
  return position_of(it->second.value);
}

TextPosition JsonLocator::key(std::string_view pointer) const {
  const auto it = offsets_.find(std::string(pointer));
  if (it == offsets_.end()) return {};
  return position_of(it->second.key != kNone ? it->second.key : it->second.value);
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
        append_utf8(*out, cp);
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

void JsonLocator::record(const std::string& pointer, std::size_t key_offset, std::size_t value_offset,
                         const std::string& key) {
  const auto [it, inserted] = offsets_.try_emplace(pointer, Offsets{key_offset, value_offset});
  if (inserted) return;
  if (key_offset != kNone && it->second.key != kNone)
    duplicates_.push_back({pointer, key, position_of(it->second.key), position_of(key_offset)});
  it->second = Offsets{key_offset, value_offset};  // the later one wins, as in nlohmann
}

void JsonLocator::scan() {
  struct Frame {
    bool object = false;
    std::size_t next_index = 0;  // arrays: index of the next item
    std::string pointer;
  };
  std::vector<Frame> stack;
  std::string pointer;  // of the value about to be read
  std::string key;
  std::size_t key_offset = kNone;

  // After '[', '{' or ',': sets pointer/key for the next member, reading
  // `"key":` in an object. False when the text is not what JSON allows.
  const auto begin_member = [&]() -> bool {
    Frame& frame = stack.back();
    if (!frame.object) {
      pointer = frame.pointer + "/" + std::to_string(frame.next_index++);
      key.clear();
      key_offset = kNone;
      return true;
    }
    skip_space();
    if (pos_ >= text_.size() || text_[pos_] != '"') return false;
    key_offset = pos_;
    key.clear();
    if (!read_string(&key)) return false;
    skip_space();
    if (pos_ >= text_.size() || text_[pos_] != ':') return false;
    ++pos_;
    pointer = frame.pointer + "/" + json_pointer_token(key);
    return true;
  };

  if (text_.substr(0, kByteOrderMark.size()) == kByteOrderMark) pos_ = kByteOrderMark.size();
  for (;;) {
    // A value starts here.
    skip_space();
    if (pos_ >= text_.size()) return;
    record(pointer, key_offset, pos_, key);
    const char c = text_[pos_];
    if (c == '{' || c == '[') {
      ++pos_;
      stack.push_back({c == '{', 0, pointer});
      skip_space();
      if (pos_ < text_.size() && text_[pos_] == (c == '{' ? '}' : ']')) {
        ++pos_;
        stack.pop_back();
      } else {
        if (!begin_member()) return;
        continue;
      }
    } else if (c == '"') {
      if (!read_string(nullptr)) return;
    } else {
      skip_scalar();
    }
    // A value ended: close the containers that end here, then go to the
    // next member of the innermost open one.
    for (;;) {
      skip_space();
      if (stack.empty() || pos_ >= text_.size()) return;
      const char next = text_[pos_];
      if (next == ',') {
        ++pos_;
        if (!begin_member()) return;
        break;
      }
      if (next != '}' && next != ']') return;
      ++pos_;
      stack.pop_back();
    }
  }
}

}  // namespace analyzer
