#include "analyzer/text/swedish_text.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <algorithm>
#include <array>

#include "analyzer/core/utf8.hpp"
#include "analyzer/text/icu_text.hpp"
#include "analyzer/text/swedish_regions.hpp"

namespace analyzer::swedish {
namespace {

// One list for every reader of a period: the line joiner (normalize/), the
// sentence splitter (tokenize/, excerpts, search snippets) and the form
// rules (segment/). A period after one of these never ends a sentence.
const std::vector<std::string_view> kAbbreviations = {
    "bl.a.", "t.ex.", "s.k.", "ca.", "resp.", "pat.", "leg.", "fr.o.m.",
    "t.o.m.", "inkl.", "exkl.", "d.v.s.", "dvs.", "m.m.", "o.s.v.", "osv.",
    "etc.", "jfr.", "f.d.", "p.g.a.", "pga.", "m.fl.", "enl.", "st.",
    "nr.", "kap.", "s.", "obs.", "ev.", "tel.", "ang.", "mm.",
    "ex.", "bl.", "tex.", "prop.", "mfl.", "avd.", "dir.", "fd.",
    "tf.",
};

bool in_table(std::string_view word) {
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), word) != kAbbreviations.end();
}

// "bl.a.", "t.ex.", "fr.o.m.": at least two groups of one to three lower-case
// letters, each followed by a period.
bool is_period_groups(std::string_view word) {
  std::size_t groups = 0, letters = 0;
  for (std::size_t i = 0; i < word.size();) {
    const utf8::Decoded d = utf8::decode(word, i);
    i += d.length;
    if (d.code_point == '.') {
      if (letters == 0 || letters > 3) return false;
      ++groups;
      letters = 0;
    } else if (d.valid() && u_islower(static_cast<UChar32>(d.code_point))) {
      ++letters;
    } else {
      return false;
    }
  }
  return letters == 0 && groups >= 2;
}

struct Bullet {
  char32_t code_point;
  BulletScope scope;  // the first scope that accepts it
};

constexpr std::array<Bullet, 21> kBulletSymbols = {{
    {0x2022, BulletScope::Sentences},  // •
    {0x25AA, BulletScope::Sentences},  // ▪
    {0xF0B7, BulletScope::Sentences},  // Symbol font bullet
    {0x25E6, BulletScope::Excerpts},   // ◦
    {0x25A0, BulletScope::Excerpts},   // ■
    {0x25CF, BulletScope::Excerpts},   // ●
    {0x2610, BulletScope::Forms},      // ☐
    {0x2612, BulletScope::Forms},      // ☒
    {0x2713, BulletScope::Forms},      // ✓
    {0x2611, BulletScope::Layout},     // ☑
    {0x25A1, BulletScope::Layout},     // □
    {0x2023, BulletScope::Layout},     // ‣
    {0x2043, BulletScope::Layout},     // ⁃
    {0x27A2, BulletScope::Layout},     // ➢
    {0x2714, BulletScope::Layout},     // ✔
    {0x00B7, BulletScope::Layout},     // ·
    {0x2219, BulletScope::Layout},     // ∙
    {0x25BA, BulletScope::Layout},     // ►
    {0x25B6, BulletScope::Layout},     // ▶
    {0x2756, BulletScope::Layout},     // ❖
    {0x25AB, BulletScope::Layout},     // ▫
}};

constexpr std::array<char32_t, 4> kBulletDashes = {'-', 0x2013 /* – */, 0x2014 /* — */, '*'};

}  // namespace

const std::vector<std::string_view>& abbreviations() { return kAbbreviations; }

namespace {

// `word` with an ASCII capital first letter made lower case ("T.ex." → "t.ex.").
std::string lower_first(std::string_view word) {
  std::string lower(word);
  if (!lower.empty() && lower[0] >= 'A' && lower[0] <= 'Z') lower[0] = static_cast<char>(lower[0] - 'A' + 'a');
  return lower;
}

}  // namespace

bool is_abbreviation(std::string_view word) {
  if (in_table(word) || is_period_groups(word)) return true;
  if (word.empty() || word[0] < 'A' || word[0] > 'Z') return false;
  const std::string lower = lower_first(word);
  return in_table(lower) || is_period_groups(lower);
}

bool closes_enumeration(std::string_view word) {
  static constexpr std::array<std::string_view, 7> kClosers = {"m.m.", "mm.", "etc.", "osv.", "o.s.v.", "m.fl.", "mfl."};
  return std::find(kClosers.begin(), kClosers.end(), lower_first(word)) != kClosers.end();
}

bool ends_with_abbreviation(std::string_view text) {
  while (!text.empty() && is_ascii_space(text.back())) text.remove_suffix(1);
  // A word longer than every entry (at most 8 bytes) is none of them: the
  // look back stops there, so a long word costs no more than a short one.
  constexpr std::size_t kLongest = 8;
  std::size_t begin = text.size();
  while (begin > 0 && text.size() - begin <= kLongest && !is_ascii_space(text[begin - 1])) --begin;
  const std::string_view word = text.substr(begin);
  return word.size() <= kLongest && (begin == 0 || is_ascii_space(text[begin - 1])) &&
         is_abbreviation(word);
}

bool is_bullet_symbol(char32_t c, BulletScope scope) {
  if (scope == BulletScope::Layout && c >= 0xE000 && c <= 0xF8FF) return true;
  return std::any_of(kBulletSymbols.begin(), kBulletSymbols.end(),
                     [&](const Bullet& b) { return b.code_point == c && b.scope <= scope; });
}

bool is_bullet_dash(char32_t c) {
  return std::find(kBulletDashes.begin(), kBulletDashes.end(), c) != kBulletDashes.end();
}

std::size_t list_mark_length(std::string_view line, BulletScope scope) {
  const utf8::Decoded d = utf8::decode(line, 0);
  if (!d.valid()) return 0;
  if (is_bullet_symbol(d.code_point, scope)) return d.length;
  if (!is_bullet_dash(d.code_point)) return 0;
  const bool spaced = d.length == line.size() || line[d.length] == ' ' || line[d.length] == '\t';
  return spaced ? d.length : 0;
}

std::string bullet_symbol_class(BulletScope scope) {
  std::string out;
  for (const Bullet& b : kBulletSymbols)
    if (b.scope <= scope) utf8::append(out, b.code_point);
  return out;
}

std::string bullet_dash_class() {
  std::string out;
  for (const char32_t c : kBulletDashes) {
    if (c == '-') out += '\\';
    utf8::append(out, c);
  }
  return out;
}

bool is_space(char32_t c) {
  if (c < 0x80) return is_ascii_space(static_cast<char>(c));
  return c == 0x00A0 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0x3000 ||
         c == 0xFEFF;
}

bool is_closing_mark(char32_t c) {
  return c == ')' || c == ']' || c == '"' || c == '\'' || c == 0x201D || c == 0x2019 || c == 0x00BB;
}

bool ends_sentence_or_label(std::string_view line) {
  while (!line.empty()) {
    const utf8::Decoded d = utf8::decode_before(line, line.size());
    const char32_t c = d.code_point;
    if (!is_closing_mark(c)) return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == 0x2026;
    line.remove_suffix(d.length);
  }
  return false;
}

bool is_sentence_break(std::string_view between, ClauseMarks clauses) {
  return is_sentence_break(between, {0, between.size()}, clauses);
}

// The out-of-line part of is_sentence_break(): `gap` starts at its first
// byte that is not ASCII white space.
bool has_sentence_break_from(std::string_view text, ByteSpan gap, ClauseMarks clauses) {
  const bool at_clauses = clauses == ClauseMarks::Break;
  const std::string_view between = text.substr(0, gap.end);
  for (std::size_t i = gap.begin; i < between.size();) {
    const char c = between[i];
    if (static_cast<unsigned char>(c) < 0x80) {
      if (c == '!' || c == '?') return true;
      if (c == '.' && !ends_with_abbreviation(text.substr(0, i + 1))) return true;
      if (at_clauses && (c == ';' || c == ':')) return true;
      ++i;
      continue;
    }
    const utf8::Decoded d = utf8::decode(between, i);
    if (is_bullet_symbol(d.code_point, BulletScope::Sentences)) return true;
    i += d.length;
  }
  return false;
}

// ---- SentenceSplitter ------------------------------------------------------

namespace {

using icu_text::check;

// Adds [b, e) of `text`, trimmed of white space, to `out` when not empty.
void add_trimmed(std::string_view text, std::size_t b, std::size_t e, std::vector<ByteSpan>& out) {
  while (b < e && is_ascii_space(text[b])) ++b;
  while (e > b && is_ascii_space(text[e - 1])) --e;
  if (b < e) out.push_back({b, e});
}

// Adds the sentence [b, e) of `text`, split again where a line starts a
// list item. Line breaks are looked for inside [b, e) only: searching the
// rest of the text for each sentence made a long one-line answer quadratic.
void add_split_at_items(std::string_view text, std::size_t b, std::size_t e, std::vector<ByteSpan>& out,
                        std::size_t& searched) {
  const std::string_view sentence = text.substr(0, e);
  std::size_t piece = b;
  for (std::size_t from = b;;) {
    const std::size_t nl = sentence.find('\n', from);
    searched += (nl == std::string_view::npos ? e : nl + 1) - from;
    if (nl == std::string_view::npos) break;
    from = nl + 1;
    std::size_t next = nl + 1;
    while (next < e && (text[next] == ' ' || text[next] == '\t')) ++next;
    if (next < e && list_mark_length(text.substr(next, e - next), BulletScope::Sentences) > 0) {
      add_trimmed(text, piece, nl, out);
      piece = next;
    }
  }
  add_trimmed(text, piece, e, out);
}

// Whether ICU's break at `end` (right after a line break) falls inside a
// sentence wrapped onto the next line: the line before it ends without
// . ! ? … : ; and the next line starts with a lower-case letter ("upprättas"
// / "alltid i samråd ..."), as text typed into a spreadsheet cell or a Word
// paragraph with line breaks runs on. A blank line is always a break.
bool wrapped_line_break(std::string_view text, std::size_t start, std::size_t end) {
  std::size_t k = end, breaks = 0;
  while (k > start && is_ascii_space(text[k - 1])) breaks += text[--k] == '\n';
  if (breaks != 1 || k == start) return false;
  if (ends_sentence_or_label(text.substr(start, k - start))) return false;
  std::size_t n = end;
  while (n < text.size() && (text[n] == ' ' || text[n] == '\t')) ++n;
  if (n >= text.size()) return false;
  const utf8::Decoded d = utf8::decode(text, n);
  return d.valid() && u_islower(static_cast<UChar32>(d.code_point));
}

}  // namespace

struct SentenceSplitter::Impl {
  std::unique_ptr<icu::BreakIterator> sentences;
};

SentenceSplitter::SentenceSplitter() : impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  impl_->sentences.reset(icu::BreakIterator::createSentenceInstance(icu::Locale("sv"), status));
  check(status, "create the Swedish sentence break iterator");
}

SentenceSplitter::~SentenceSplitter() = default;

std::vector<ByteSpan> SentenceSplitter::split(std::string_view text) {
  std::vector<ByteSpan> out;
  bytes_searched_ = 0;
  if (text.empty()) return out;
  UErrorCode status = U_ZERO_ERROR;
  const icu_text::UTextPtr ut = icu_text::open_utf8(text);
  impl_->sentences->setText(ut.get(), status);
  check(status, "set text on the sentence break iterator");
  std::size_t start = 0;
  impl_->sentences->first();
  for (int32_t b = impl_->sentences->next(); b != icu::BreakIterator::DONE; b = impl_->sentences->next()) {
    const auto end = static_cast<std::size_t>(b);
    // No break right after a Swedish abbreviation ("bl.a. SIP", "t.ex.
    // Region Halland"). ICU's FilteredBreakIteratorBuilder does not work on
    // UTF-8 UText in ICU 72 and misses "fr.o.m." even on UTF-16, so the
    // check is ours.
    if (end < text.size() && ends_with_abbreviation(text.substr(start, end - start))) continue;
    if (end < text.size() && wrapped_line_break(text, start, end)) continue;
    add_split_at_items(text, start, end, out, bytes_searched_);
    start = end;
  }
  if (start < text.size()) add_split_at_items(text, start, text.size(), out, bytes_searched_);
  return out;
}

std::vector<ByteSpan> sentence_spans(std::string_view text) {
  thread_local SentenceSplitter splitter;
  return splitter.split(text);
}

bool asks_for_number(std::string_view text) {
  const std::string lower = lower_case_sv(text);
  // A letter of a word: ASCII letters and the bytes of any non-ASCII
  // character (å, ä, ö, é ...).
  const auto letter = [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || u >= 0x80;
  };
  for (std::string_view word : {"antal", "andel", "procent", "indextal", "hur många"})
    for (std::size_t at = lower.find(word); at != std::string::npos; at = lower.find(word, at + 1)) {
      const std::size_t end = at + word.size();
      if ((at == 0 || !letter(lower[at - 1])) && (end == lower.size() || !letter(lower[end]))) return true;
    }
  return false;
}

bool reads_as_prompt(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n')) text.remove_suffix(1);
  if (!text.empty() && text.back() == '?') return true;
  const std::string opening = lower_case_sv(text.substr(0, 12));  // "beskriv ..." as typed in a cell too
  for (std::string_view verb : {"beskriv ", "ange ", "redogör ", "hur ", "vilka ", "vilken ", "vilket ", "vad ",
                                "har ni ", "finns ", "anser ", "kommentera"})
    if (std::string_view(opening).starts_with(verb)) return true;
  return false;
}

}  // namespace analyzer::swedish
