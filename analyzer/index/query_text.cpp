// What a query's text says before the parser reads it (query_text.hpp).

#include "analyzer/index/query_text.hpp"

#include <utility>

#include "analyzer/core/utf8.hpp"

namespace analyzer {
namespace {

// Names as written (folded) → the parser's name.
const std::vector<std::pair<std::string, std::string>>& field_aliases() {
  static const std::vector<std::pair<std::string, std::string>> aliases = {
      {"år", "år"},       {"year", "år"},        {"region", "region"}, {"respondenttyp", "respondenttyp"},
      {"respondent_type", "respondenttyp"},      {"tema", "tema"},     {"theme", "tema"},
      {"fråga", "fråga"}, {"question", "fråga"},
  };
  return aliases;
}

bool is_letter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c != 0xD7 && c != 0xF7);
}
bool is_upper(char32_t c) { return (c >= 'A' && c <= 'Z') || c == U'Å' || c == U'Ä' || c == U'Ö'; }
bool is_lower(char32_t c) { return (c >= 'a' && c <= 'z') || c == U'å' || c == U'ä' || c == U'ö' || c == U'é'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// A word character of the parser: letters, digits, and bytes of non-ASCII
// characters.
bool is_word_byte(char c) {
  const auto b = static_cast<unsigned char>(c);
  return b >= 0x80 || (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || c == '_';
}

// ASCII and Å Ä Ö lower-cased.
std::string fold(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    utf8::Decoded d = utf8::decode(s, i);
    if (!d.length) break;
    char32_t c = d.code_point;
    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
    else if (c == U'Å') c = U'å';
    else if (c == U'Ä') c = U'ä';
    else if (c == U'Ö') c = U'ö';
    if (c == utf8::kInvalid) out.append(s.substr(i, d.length));
    else utf8::append(out, c);
    i += d.length;
  }
  return out;
}

// All characters of `s` satisfy `pred`, and there is at least one.
template <class Pred>
bool all_of(std::string_view s, Pred pred, std::size_t* count = nullptr) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size();) {
    utf8::Decoded d = utf8::decode(s, i);
    if (!d.valid() || !pred(d.code_point)) return false;
    i += d.length;
    ++n;
  }
  if (count) *count = n;
  return n > 0;
}

bool is_operator(std::string_view w) {
  const std::string f = fold(w);
  if (f == "and" || f == "or" || f == "not" || f == "xor" || f == "near" || f == "adj") return true;
  return (f.rfind("near/", 0) == 0 || f.rfind("adj/", 0) == 0);
}

}  // namespace

const std::vector<std::string>& query_field_names() {
  static const std::vector<std::string> names = {"år", "year", "region", "respondenttyp", "tema", "theme", "fråga",
                                                 "question"};
  return names;
}

QueryText scan_query(std::string_view q) {
  QueryText out;
  bool quoted = false;
  bool after_not = false;
  std::size_t copied = 0;  // of q into parser_text
  for (std::size_t i = 0; i < q.size();) {
    const char c = q[i];
    if (c == '"') {
      quoted = !quoted;
      ++i;
      continue;
    }
    if (!is_word_byte(c)) {
      if (!quoted && (c == '(' || c == ')')) out.has_operators = true;
      ++i;
      continue;
    }
    // A run of word bytes: a word, an operator, or a field's name.
    const std::size_t begin = i;
    while (i < q.size() && is_word_byte(q[i])) ++i;
    const std::string_view run = q.substr(begin, i - begin);
    const char before = begin == 0 ? ' ' : q[begin - 1];
    const bool word_start = begin == 0 || is_space(before) || before == '(' || before == '+' || before == '-';
    if (!quoted && word_start && i + 1 < q.size() && q[i] == ':' && !is_space(q[i + 1]) && q[i + 1] != '/' &&
        all_of(run, is_letter)) {
      // name:value, unless an inflected abbreviation (SIP:ar).
      std::size_t v = i + 1, v_end = v;
      std::string value;
      if (q[v] == '"') {
        const std::size_t close = q.find('"', v + 1);
        v_end = close == std::string_view::npos ? q.size() : close + 1;
        value = std::string(q.substr(v + 1, (close == std::string_view::npos ? q.size() : close) - v - 1));
      } else {
        while (v_end < q.size() && !is_space(q[v_end]) && q[v_end] != ')') ++v_end;
        value = std::string(q.substr(v, v_end - v));
      }
      std::size_t ending_letters = 0;
      const bool abbreviation = q[v] != '"' && all_of(run, is_upper) &&
                                all_of(value, is_lower, &ending_letters) && ending_letters <= 5;
      if (!abbreviation) {
        QueryField f;
        f.name = std::string(run);
        f.value = value;
        f.span = {begin, v_end};
        for (const auto& [alias, field] : field_aliases())
          if (fold(run) == alias) f.field = field;
        if (!f.field.empty()) {
          out.parser_text.append(q.substr(copied, begin - copied)).append(f.field);
          copied = i;
        }
        out.fields.push_back(std::move(f));
        i = v_end;
        after_not = false;
        continue;
      }
    }
    if (!quoted && is_operator(run)) {
      out.has_operators = true;
      after_not = fold(run) == "not";
      continue;
    }
    QueryWord w;
    w.text = std::string(run);
    w.span = {begin, i};
    w.quoted = quoted;
    w.excluded = after_not || (!quoted && begin > 0 && before == '-' && (begin == 1 || is_space(q[begin - 2]) || q[begin - 2] == '('));
    w.wildcard = i < q.size() && q[i] == '*';
    out.words.push_back(std::move(w));
    if (!quoted) after_not = false;
  }
  out.parser_text.append(q.substr(copied));
  return out;
}

std::string without_spans(std::string_view query, const std::vector<ByteSpan>& spans) {
  std::string out;
  std::size_t at = 0;
  for (const ByteSpan& s : spans) {
    if (s.begin < at || s.end > query.size()) continue;
    out.append(query.substr(at, s.begin - at)).append(" ");
    at = s.end;
  }
  return out.append(query.substr(at));
}

}  // namespace analyzer
