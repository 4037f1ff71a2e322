#include "analyzer/normalize/normalizer.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include "analyzer/core/utf8.hpp"
#include "analyzer/normalize/hyphenation.hpp"
#include "analyzer/normalize/page_furniture.hpp"
#include "analyzer/text/swedish_text.hpp"

namespace analyzer {

// ---------------------------------------------------------------------------
// OffsetMap
// ---------------------------------------------------------------------------

namespace {

std::size_t norm_end(const OffsetMap::Run& r) { return r.norm_begin + r.norm_len; }
std::size_t orig_end(const OffsetMap::Run& r) { return r.orig_begin + r.orig_len; }

}  // namespace

void OffsetMap::add_copy(std::size_t norm_begin, std::size_t orig_begin, std::size_t len) {
  if (len == 0) return;
  if (!runs_.empty()) {
    Run& last = runs_.back();
    if (norm_end(last) > norm_begin || orig_end(last) > orig_begin)
      throw std::logic_error("OffsetMap::add_copy: runs must be appended in increasing order");
    if (last.copy && norm_end(last) == norm_begin && orig_end(last) == orig_begin) {
      last.norm_len += len;
      last.orig_len += len;
      return;
    }
  }
  runs_.push_back({norm_begin, len, orig_begin, len, true});
}

void OffsetMap::add_replacement(std::size_t norm_begin, std::size_t norm_len, std::size_t orig_begin,
                                std::size_t orig_len) {
  if (norm_len == 0) return;
  if (!runs_.empty() && (norm_end(runs_.back()) > norm_begin || orig_end(runs_.back()) > orig_begin))
    throw std::logic_error("OffsetMap::add_replacement: runs must be appended in increasing order");
  runs_.push_back({norm_begin, norm_len, orig_begin, orig_len, false});
}

std::size_t OffsetMap::to_original_begin(std::size_t pos) const {
  if (runs_.empty()) return 0;
  // The first run that ends after pos.
  const auto it = std::partition_point(runs_.begin(), runs_.end(),
                                       [pos](const Run& r) { return norm_end(r) <= pos; });
  if (it == runs_.end()) return orig_end(runs_.back());
  if (pos < it->norm_begin || !it->copy) return it->orig_begin;
  return it->orig_begin + (pos - it->norm_begin);
}

std::size_t OffsetMap::to_original_end(std::size_t pos) const {
  if (runs_.empty()) return 0;
  // The first run that ends at or after pos.
  const auto it = std::partition_point(runs_.begin(), runs_.end(),
                                       [pos](const Run& r) { return norm_end(r) < pos; });
  if (it == runs_.end()) return orig_end(runs_.back());
  if (pos <= it->norm_begin) return it == runs_.begin() ? it->orig_begin : orig_end(*(it - 1));
  if (!it->copy) return orig_end(*it);
  return it->orig_begin + (pos - it->norm_begin);
}

ByteSpan OffsetMap::to_original(ByteSpan norm) const {
  if (norm.empty()) {
    const std::size_t at = to_original_begin(norm.begin);
    return {at, at};
  }
  return {to_original_begin(norm.begin), to_original_end(norm.end)};
}

// ---------------------------------------------------------------------------
// normalize()
// ---------------------------------------------------------------------------

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr double kWrapPercentile = 0.95;
constexpr std::size_t kMinLinesForWrapEstimate = 20;
constexpr std::size_t kMinPlausibleWrapWidth = 40;  // narrower means a list, not wrapped prose
constexpr double kLongLineShare = 0.85;
constexpr double kHeadingShare = 0.6;
constexpr std::size_t kHeadingCharsWithoutWrap = 60;
constexpr std::size_t kHalfWidthWithoutWrap = 40;
constexpr std::size_t kLengthHistogramCap = 4096;

// ---- UTF-8 helpers over the original text -------------------------------

// The first / last code point of `s` and its length in bytes; U_SENTINEL
// when `s` is empty or the bytes there are ill-formed.
UChar32 first_cp(std::string_view s, std::size_t* length = nullptr) {
  const utf8::Decoded d = utf8::decode(s, 0);
  if (length) *length = d.length;
  return static_cast<UChar32>(d.code_point);
}

UChar32 last_cp(std::string_view s, std::size_t* length = nullptr) {
  const utf8::Decoded d = utf8::decode_before(s, s.size());
  if (length) *length = d.length;
  return static_cast<UChar32>(d.code_point);
}

using utf8::code_points;

// Byte length of the white-space character at the start / end of `s`, or 0
// (swedish::is_space; a line break never occurs inside a line).
std::size_t leading_space(std::string_view s) {
  if (s.empty()) return 0;
  if (static_cast<unsigned char>(s[0]) < 0x80) return swedish::is_space(static_cast<char32_t>(s[0])) ? 1 : 0;
  std::size_t len = 0;
  const UChar32 c = first_cp(s, &len);
  return c >= 0 && swedish::is_space(static_cast<char32_t>(c)) ? len : 0;
}

std::size_t trailing_space(std::string_view s) {
  if (s.empty()) return 0;
  if (static_cast<unsigned char>(s.back()) < 0x80) return swedish::is_space(static_cast<char32_t>(s.back())) ? 1 : 0;
  std::size_t len = 0;
  const UChar32 c = last_cp(s, &len);
  return c >= 0 && swedish::is_space(static_cast<char32_t>(c)) ? len : 0;
}

std::string_view trim(std::string_view s) {
  while (std::size_t n = leading_space(s)) s.remove_prefix(n);
  while (std::size_t n = trailing_space(s)) s.remove_suffix(n);
  return s;
}

bool is_blank_char(char ch) { return ch == ' ' || ch == '\t'; }

// The first word (up to white space) and the last word of a trimmed line.
std::string_view first_word(std::string_view s) {
  std::size_t end = 0;
  while (end < s.size() && !is_blank_char(s[end])) ++end;
  return s.substr(0, end);
}

std::string_view last_word(std::string_view s) {
  std::size_t begin = s.size();
  while (begin > 0 && !is_blank_char(s[begin - 1])) --begin;
  return s.substr(begin);
}

// ---- line shapes ----------------------------------------------------------

bool is_checkbox(UChar32 c) { return c == 0x2610 || c == 0x2611 || c == 0x2612; }

bool ascii_letter(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }
bool ascii_digit(char ch) { return ch >= '0' && ch <= '9'; }

// "1.", "5a.", "12)", "a)", "b.", "(1)", "(a)" followed by a space or the end.
bool starts_with_enumerator(std::string_view s) {
  std::size_t i = 0;
  const bool parenthesised = !s.empty() && s[0] == '(';
  if (parenthesised) ++i;
  const std::size_t digits_begin = i;
  while (i < s.size() && ascii_digit(s[i]) && i - digits_begin < 3) ++i;
  const bool has_digits = i > digits_begin;
  if (has_digits && i < s.size() && ascii_digit(s[i])) return false;  // a year, an amount
  if (i < s.size() && ascii_letter(s[i]) && (has_digits || i == digits_begin)) {
    ++i;
    if (!has_digits && i < s.size() && ascii_letter(s[i])) return false;  // a word
  } else if (!has_digits) {
    return false;
  }
  if (i >= s.size()) return false;
  if (parenthesised ? s[i] != ')' : (s[i] != '.' && s[i] != ')')) return false;
  ++i;
  return i == s.size() || is_blank_char(s[i]);
}

// A report's numbered heading on a line of its own: a section number of
// one to six levels ("2", "2.1", "3.2.3.1", "4."), spaces, a capital
// letter, and no sentence end at the end of the (short) line: "2.1
// Samverkan mellan kommun och region". Never the continuation of the line
// before ("Sida 2 (8)" / "2 Utvecklingsområden", "• en rutin" / "3.1 Trygg
// hemgång").
bool is_numbered_heading_line(std::string_view s) {
  if (s.size() > 120) return false;
  std::size_t i = 0;
  for (int level = 0; level < 6; ++level) {
    const std::size_t digits = i;
    while (i < s.size() && ascii_digit(s[i]) && i - digits < 2) ++i;
    if (i == digits || (i < s.size() && ascii_digit(s[i])) || s[digits] == '0') return false;
    if (i + 1 < s.size() && s[i] == '.' && ascii_digit(s[i + 1])) {
      ++i;
      continue;
    }
    break;
  }
  if (i < s.size() && s[i] == '.') ++i;
  const std::size_t spaces = i;
  while (i < s.size() && is_blank_char(s[i])) ++i;
  if (i == spaces || i >= s.size() || !u_isupper(first_cp(s.substr(i)))) return false;
  const char last = s.back();
  return last != '.' && last != '!' && last != '?' && last != ',' && last != ';';
}

// A bullet, a dash or asterisk followed by a space, or an enumerator.
bool starts_with_list_marker(std::string_view s) {
  return swedish::list_mark_length(s, swedish::BulletScope::Layout) > 0 || starts_with_enumerator(s);
}

// Only check boxes ("☐"): the tail of an option whose text wrapped (004).
bool is_lone_checkbox(std::string_view s) {
  bool any = false;
  while (!s.empty()) {
    std::size_t len = 0;
    const UChar32 c = first_cp(s, &len);
    if (is_checkbox(c)) any = true;
    else if (!(c == ' ' || c == '\t')) return false;
    s.remove_prefix(len);
  }
  return any;
}

// Byte length of the thousands separator that ends s[0, end): a space, a
// no-break space (U+00A0) or a narrow no-break space (U+202F); else 0.
std::size_t group_separator_before(std::string_view s, std::size_t end) {
  if (end >= 1 && s[end - 1] == ' ') return 1;
  if (end >= 2 && s.substr(end - 2, 2) == "\xC2\xA0") return 2;
  if (end >= 3 && s.substr(end - 3, 3) == "\xE2\x80\xAF") return 3;
  return 0;
}

// A "label: number" line, as forms print numeric items: ends in ':', then
// a number (digits, optionally a decimal part and '%'): "Barn och unga: 1",
// "(varav akut): 2,5 %". The digits may be in groups of three after a first
// group of one to three that does not start with 0, each group after a
// space, U+00A0 or U+202F, at most two such groups ("Hemtjänst: 1 250 000"),
// as segment/ reads them; "2019 2022" and "5 10" are not grouped.
bool ends_with_labelled_number(std::string_view s) {
  std::size_t i = s.size();
  while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '%')) --i;
  const std::size_t digits_end = i;
  while (i > 0 && (ascii_digit(s[i - 1]) || s[i - 1] == '.' || s[i - 1] == ',')) --i;
  if (i == digits_end || !ascii_digit(s[i]) || !ascii_digit(s[digits_end - 1])) return false;
  // Thousands groups, right to left: while the number so far starts with
  // exactly three digits after a separator, take the group before it.
  auto digits_at = [&](std::size_t from) {
    std::size_t n = 0;
    while (from + n < s.size() && ascii_digit(s[from + n])) ++n;
    return n;
  };
  for (int groups = 0; groups < 2 && digits_at(i) == 3; ++groups) {
    const std::size_t sep = group_separator_before(s, i);
    if (sep == 0) break;
    const std::size_t group_end = i - sep;
    std::size_t k = group_end;
    while (k > 0 && ascii_digit(s[k - 1]) && group_end - k < 4) --k;
    const std::size_t group = group_end - k;
    if (group == 0 || group > 3 || s[k] == '0') break;
    i = k;
  }
  if (i > 0 && s[i - 1] == '-') --i;
  while (i > 0 && s[i - 1] == ' ') --i;
  return i > 1 && s[i - 1] == ':';
}

bool is_opening_quote(UChar32 c) {
  return c == '"' || c == '\'' || c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 ||
         c == 0x00AB || c == 0x00BB;
}

// The first word, after any opening quotes, is written in lower case
// ("kommuner", "och"), not "e-Hälsa" or "iPad".
bool starts_with_lowercase_word(std::string_view s) {
  std::size_t len = 0;
  UChar32 c = first_cp(s, &len);
  while (is_opening_quote(c) && len < s.size()) {
    s.remove_prefix(len);
    c = first_cp(s, &len);
  }
  if (!u_islower(c)) return false;
  const std::string_view word = first_word(s);
  for (std::size_t i = 0; i < word.size();) {
    const utf8::Decoded d = utf8::decode(word, i);
    i += d.length;
    const auto w = static_cast<UChar32>(d.code_point);
    if (u_isupper(w) || u_istitle(w)) return false;
  }
  return true;
}

// ---- the output builder ---------------------------------------------------

// Appends normalised text and its runs. The last run is held back so that
// bytes deleted after it (a hyphen and a line break) can be attached to the
// last character emitted.
class Builder {
 public:
  Builder(std::string_view original, NormalizedText& out) : original_(original), out_(out) {
    out_.text.reserve(original.size());
  }

  std::size_t size() const { return out_.text.size(); }

  void copy(std::size_t orig_begin, std::size_t len) {
    if (len == 0) return;
    const std::size_t norm_begin = out_.text.size();
    out_.text.append(original_.substr(orig_begin, len));
    if (pending_ && pending_->copy && norm_end(*pending_) == norm_begin && orig_end(*pending_) == orig_begin) {
      pending_->norm_len += len;
      pending_->orig_len += len;
      return;
    }
    flush();
    pending_ = OffsetMap::Run{norm_begin, len, orig_begin, len, true};
  }

  void replace(std::string_view text, std::size_t orig_begin, std::size_t orig_len) {
    if (text.empty()) return;
    const std::size_t norm_begin = out_.text.size();
    out_.text.append(text);
    flush();
    pending_ = OffsetMap::Run{norm_begin, text.size(), orig_begin, orig_len, false};
  }

  // The original bytes up to `orig_until` were dropped: the last character
  // emitted now stands for them too (mapped as a replacement).
  void absorb_deleted(std::size_t orig_until) {
    if (!pending_) return;
    OffsetMap::Run& run = *pending_;
    if (!run.copy) {
      run.orig_len = orig_until - run.orig_begin;
      return;
    }
    std::size_t last_len = 0;
    last_cp(std::string_view(out_.text).substr(run.norm_begin, run.norm_len), &last_len);
    if (last_len == run.norm_len) {
      run.copy = false;
      run.orig_len = orig_until - run.orig_begin;
      return;
    }
    const OffsetMap::Run head{run.norm_begin, run.norm_len - last_len, run.orig_begin, run.orig_len - last_len,
                              true};
    const std::size_t tail_orig = run.orig_begin + head.orig_len;
    const OffsetMap::Run tail{norm_end(head), last_len, tail_orig, orig_until - tail_orig, false};
    out_.map.add_copy(head.norm_begin, head.orig_begin, head.norm_len);
    pending_ = tail;
  }

  void finish() { flush(); }

 private:
  void flush() {
    if (!pending_) return;
    const OffsetMap::Run& r = *pending_;
    if (r.copy) out_.map.add_copy(r.norm_begin, r.orig_begin, r.norm_len);
    else out_.map.add_replacement(r.norm_begin, r.norm_len, r.orig_begin, r.orig_len);
    pending_.reset();
  }

  std::string_view original_;
  NormalizedText& out_;
  std::optional<OffsetMap::Run> pending_;
};

// ---- NFC ------------------------------------------------------------------

class Nfc {
 public:
  explicit Nfc(std::string_view document) {
    UErrorCode status = U_ZERO_ERROR;
    normalizer_ = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status) || normalizer_ == nullptr)
      throw std::runtime_error(std::string("ICU NFC data is not available: ") + u_errorName(status));
    whole_document_is_nfc_ = is_nfc(document);
  }

  // True when joining text directly (no space) before `c` keeps it NFC.
  bool boundary_before(UChar32 c) const { return c < 0 || normalizer_->hasBoundaryBefore(c); }

  // Emits original[begin, end) in NFC: unchanged stretches as copy runs,
  // changed ones as replacement runs, as fine as ICU's edits allow.
  void emit(std::string_view original, std::size_t begin, std::size_t end, Builder& out) {
    const std::string_view piece = original.substr(begin, end - begin);
    if (whole_document_is_nfc_ || is_nfc(piece)) {
      out.copy(begin, piece.size());
      return;
    }
    std::string normalized;
    icu::StringByteSink<std::string> sink(&normalized);
    edits_.reset();
    UErrorCode status = U_ZERO_ERROR;
    normalizer_->normalizeUTF8(0, icu::StringPiece(piece.data(), static_cast<int32_t>(piece.size())), sink,
                               &edits_, status);
    if (U_FAILURE(status)) {  // not expected for valid UTF-8; keep the text as it is
      out.copy(begin, piece.size());
      return;
    }
    icu::Edits::Iterator it = edits_.getCoarseIterator();
    while (it.next(status) && U_SUCCESS(status)) {
      const auto source = static_cast<std::size_t>(it.sourceIndex());
      const auto old_length = static_cast<std::size_t>(it.oldLength());
      if (!it.hasChange()) {
        out.copy(begin + source, old_length);
      } else {
        out.replace(std::string_view(normalized).substr(static_cast<std::size_t>(it.destinationIndex()),
                                                        static_cast<std::size_t>(it.newLength())),
                    begin + source, old_length);
      }
    }
  }

 private:
  bool is_nfc(std::string_view s) const {
    UErrorCode status = U_ZERO_ERROR;
    const bool yes =
        normalizer_->isNormalizedUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), status);
    return U_SUCCESS(status) && yes;
  }

  const icu::Normalizer2* normalizer_ = nullptr;
  bool whole_document_is_nfc_ = false;
  icu::Edits edits_;
};

// ---- re-joining -----------------------------------------------------------

enum class Join {
  None,          // a new logical line
  Space,         // one space over the line break
  RemoveHyphen,  // "målbil-" + "den"
  KeepHyphen,    // "SIP-" + "möte"
  Suspended,     // "hälso-" + "och"
};

// The logical line being built, as far as the join rules need it.
struct OpenLine {
  std::string_view first;  // its first line (a physical line, or a list item split from one)
  std::string_view last;   // its last line so far (the same)
  std::string_view last_physical;  // the whole physical line `last` ends: its length tells a wrap
  std::size_t physical_lines = 0;
};

class Joiner {
 public:
  Joiner(std::size_t wrap_width, bool lines_are_paragraphs, const Nfc& nfc)
      : wrap_width_(wrap_width), lines_are_paragraphs_(lines_are_paragraphs), nfc_(nfc) {}

  // The rules numbered in normalizer.hpp ("Line B continues line A"), in
  // that order.
  Join decide(const OpenLine& a, std::string_view b) const {
    if (lines_are_paragraphs_) return Join::None;
    if (is_lone_checkbox(b)) return Join::Space;
    if (starts_with_list_marker(b) || is_numbered_heading_line(b)) return Join::None;
    if (ends_with_labelled_number(a.last) && ends_with_labelled_number(b)) return Join::None;

    if (const std::optional<Join> hyphen = hyphen_join(a.last, b)) return *hyphen;
    const bool lowercase_next = starts_with_lowercase_word(b);
    switch (line_end(a.last)) {
      case LineEnd::Sentence: return Join::None;
      // "bl.a." + "genom aktivitetsinfo.", "t.ex." + "Region Halland
      // ...": the sentence goes on; onto a capitalised line only when the
      // abbreviation takes a complement (not "m.m.", "etc.") and B is
      // prose, not a short heading ("Mobila team", "Exempel på arbetet:").
      case LineEnd::Abbreviation: {
        if (lowercase_next) return Join::Space;
        if (swedish::closes_enumeration(last_word(a.last))) return Join::None;
        const LineEnd b_end = line_end(b);
        const bool b_is_prose = b_end == LineEnd::Sentence || b_end == LineEnd::Abbreviation ||
                                at_least_half_width(b);
        return b_is_prose ? Join::Space : Join::None;
      }
      case LineEnd::Label:  // "(rehabilitering, habilitering och hjälpmedel;" + "barn och ..."
        return lowercase_next && wraps(a, b) ? Join::Space : Join::None;
      case LineEnd::Open: break;
    }
    // A lower-case continuation joins even after a short line: in these
    // exports a heading is followed by a capitalised line (004: "Inga av
    // länets" + "kommuner ☐" is one option).
    if (lowercase_next) return Join::Space;
    // A line at least half the wrap width that stops mid-sentence: on a
    // function word ("... redovisning till" + "Socialstyrelsen för 2023.")
    // or inside a quotation or brackets ("ersätts med ”God och Nära" +
    // "Vård” – gemensamt begrepp"). Short lines are left alone: "Expedieras
    // till" heads a list.
    if (at_least_half_width(a.last_physical) &&
        (swedish::is_continuation_word(last_word(a.last)) || has_open_quote_or_bracket(a.last)))
      return Join::Space;
    if (heading_like(a)) return Join::None;
    const UChar32 c = first_cp(b);
    if (u_isdigit(c) || c == '(') return Join::Space;
    return wraps(a, b) ? Join::Space : Join::None;
  }

 private:
  // Joins for a line that ends in a word and a hyphen, or nullopt.
  std::optional<Join> hyphen_join(std::string_view a, std::string_view b) const {
    std::size_t hyphen_len = 0;
    const UChar32 end = last_cp(a, &hyphen_len);
    const bool soft = end == 0x00AD;
    if (end != '-' && !soft) return std::nullopt;
    const std::string_view before = a.substr(0, a.size() - hyphen_len);
    const UChar32 prev = last_cp(before);
    if (!(u_isalpha(prev) || u_isdigit(prev))) return std::nullopt;
    std::string_view word = last_word(before);
    while (!word.empty()) {  // "(hälso-" → "hälso"
      std::size_t len = 0;
      const UChar32 c = first_cp(word, &len);
      if (u_isalpha(c) || u_isdigit(c)) break;
      word.remove_prefix(len);
    }
    switch (swedish::classify_line_end_hyphen(word, first_word(b), soft)) {
      case swedish::HyphenJoin::Suspended: return Join::Suspended;
      case swedish::HyphenJoin::RemoveHyphen:
        return nfc_.boundary_before(first_cp(b)) ? std::optional<Join>(Join::RemoveHyphen) : std::nullopt;
      case swedish::HyphenJoin::KeepHyphen:
        return nfc_.boundary_before(first_cp(b)) ? std::optional<Join>(Join::KeepHyphen) : std::nullopt;
      case swedish::HyphenJoin::NotAHyphenation: return std::nullopt;
    }
    return std::nullopt;
  }

  enum class LineEnd { Open, Sentence, Abbreviation, Label };

  // How a line ends: . ! ? … end a sentence (unless the last word is an
  // abbreviation such as "bl.a."), : ; end a label or a clause.
  static LineEnd line_end(std::string_view a) {
    if (!swedish::ends_sentence_or_label(a)) return LineEnd::Open;
    std::string_view s = a;
    std::size_t len = 0;
    UChar32 c = last_cp(s, &len);
    while (swedish::is_closing_mark(static_cast<char32_t>(c))) {
      s.remove_suffix(len);
      c = last_cp(s, &len);
    }
    if (c == ':' || c == ';') return LineEnd::Label;
    if (c == '.' && swedish::is_abbreviation(last_word(a))) return LineEnd::Abbreviation;
    return LineEnd::Sentence;
  }

  // The export wrapped line A before B's first word: A is at least 0.85 ×
  // the wrap width and that word would not have fitted on it ("Patientkontrakt
  // och andra sätt att främja samordning, samverkan och ökad delaktighet" is
  // a heading, "Målet" would have fitted after it).
  // A short line ending in a colon that starts with a capital is a form
  // label ("Annan, ange roll:", "Kommentar:"), not the tail of a sentence.
  bool wraps(const OpenLine& a, std::string_view b) const {
    if (wrap_width_ == 0) return false;
    if (b.back() == ':' && !at_least_half_width(b)) return false;
    const std::size_t length = code_points(a.last_physical);
    const std::size_t needed = length + 1 + code_points(first_word(b));
    return static_cast<double>(length) >= kLongLineShare * static_cast<double>(wrap_width_) &&
           needed > wrap_width_;
  }

  bool at_least_half_width(std::string_view line) const {
    const std::size_t length = code_points(line);
    return wrap_width_ > 0 ? 2 * length >= wrap_width_ : length >= kHalfWidthWithoutWrap;
  }

  // More "(" than ")", or an odd number of double quotation marks.
  static bool has_open_quote_or_bracket(std::string_view line) {
    int depth = 0;
    std::size_t quotes = 0;
    for (std::size_t i = 0; i < line.size();) {
      const utf8::Decoded d = utf8::decode(line, i);
      i += d.length;
      const char32_t c = d.code_point;
      if (c == '(') ++depth;
      else if (c == ')') depth = std::max(0, depth - 1);
      else if (c == '"' || c == 0x201C || c == 0x201D) ++quotes;
    }
    return depth > 0 || quotes % 2 == 1;
  }

  // A short single line that starts with a capital and ends in a content
  // word: "Datum", "Övergripande insatser", "Utveckling av digitala
  // tjänster och e-hälsa".
  bool heading_like(const OpenLine& a) const {
    if (a.physical_lines != 1) return false;
    const double limit = wrap_width_ > 0 ? kHeadingShare * static_cast<double>(wrap_width_)
                                         : static_cast<double>(kHeadingCharsWithoutWrap);
    if (static_cast<double>(code_points(a.first)) >= limit) return false;
    if (!u_isupper(first_cp(a.first))) return false;
    const UChar32 end = last_cp(a.first);
    if (!(u_isalpha(end) || u_isdigit(end))) return false;
    return !swedish::is_continuation_word(last_word(a.first));
  }

  std::size_t wrap_width_;
  bool lines_are_paragraphs_;
  const Nfc& nfc_;
};

// The width the export wrapped at: a high percentile of the kept lines'
// lengths in code points; 0 (unknown) for short documents and for
// documents of short lines only.
std::size_t estimate_wrap_width(std::span<const std::string_view> lines, const std::vector<bool>& furniture) {
  std::vector<std::size_t> histogram(kLengthHistogramCap + 1, 0);
  std::size_t count = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (furniture[i]) continue;
    ++histogram[std::min(code_points(lines[i]), kLengthHistogramCap)];
    ++count;
  }
  if (count < kMinLinesForWrapEstimate) return 0;
  const auto rank = static_cast<std::size_t>(kWrapPercentile * static_cast<double>(count - 1));
  std::size_t seen = 0;
  for (std::size_t length = 0; length <= kLengthHistogramCap; ++length) {
    seen += histogram[length];
    if (seen > rank) return length >= kMinPlausibleWrapWidth ? length : 0;
  }
  return kLengthHistogramCap;
}

// The next occurrence of one byte at or after a position, remembered so
// that asking for every line of a document costs one pass (a CR-only file
// has no '\n' at all: searching for it again from each line would be
// quadratic).
class LineBreakFinder {
 public:
  LineBreakFinder(std::string_view text, char byte) : text_(text), byte_(byte) {}

  // The offset of the first `byte` at or after `pos`, or text.size().
  // Positions asked for must not decrease.
  std::size_t next(std::size_t pos) {
    if (found_ != kUnknown && found_ >= pos) return found_;
    const void* hit = pos < text_.size() ? std::memchr(text_.data() + pos, byte_, text_.size() - pos) : nullptr;
    found_ = hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - text_.data()) : text_.size();
    return found_;
  }

 private:
  static constexpr std::size_t kUnknown = static_cast<std::size_t>(-1);
  std::string_view text_;
  char byte_;
  std::size_t found_ = kUnknown;
};

// `line` cut before each list bullet that stands inside it ("• Kapacitets-
// och produktionsplanering • Utveckling av digitala tjänster"): a bullet
// symbol of swedish::BulletScope::Sentences (•, ▪, U+F0B7) after white
// space and before a space, with text before it and after it. Each piece
// trimmed; `line` whole when it holds none. Dashes are left alone: " - "
// inside a line is punctuation as often as a list. One pass over the line.
void inline_items(std::string_view line, std::vector<std::string_view>& items) {
  items.clear();
  std::size_t item_begin = 0;
  bool text_before = false;  // the current item has text beside its own bullet
  for (std::size_t i = 0; i < line.size();) {
    const utf8::Decoded d = utf8::decode(line, i);
    const std::size_t next = i + d.length;
    const bool bullet = d.valid() && swedish::is_bullet_symbol(d.code_point, swedish::BulletScope::Sentences);
    if (bullet && text_before && i > 0 && is_blank_char(line[i - 1]) && next < line.size() &&
        is_blank_char(line[next]) && !trim(line.substr(next)).empty()) {
      items.push_back(trim(line.substr(item_begin, i - item_begin)));
      item_begin = i;
      text_before = false;
    } else if (!bullet && !swedish::is_space(d.code_point)) {
      text_before = true;
    }
    i = next;
  }
  items.push_back(line.substr(item_begin));
}

// The physical lines of `original` from `start`: split at '\n', '\r'
// (CR-only and CRLF line ends; the empty line between CR and LF is dropped
// as blank) and form feeds, trimmed, blanks dropped. Counts the form feeds
// in `form_feeds`. One pass over the text.
std::vector<std::string_view> physical_lines(std::string_view original, std::size_t start,
                                             std::size_t& form_feeds) {
  std::vector<std::string_view> lines;
  lines.reserve(original.size() / 48 + 16);
  LineBreakFinder newlines(original, '\n'), returns(original, '\r'), feeds(original, '\f');
  for (std::size_t pos = start; pos < original.size();) {
    const std::size_t eol = std::min({newlines.next(pos), returns.next(pos), feeds.next(pos)});
    if (eol < original.size() && original[eol] == '\f') ++form_feeds;
    const std::string_view line = trim(original.substr(pos, eol - pos));
    if (!line.empty()) lines.push_back(line);
    pos = eol + 1;
  }
  return lines;
}

// Writes the kept physical lines into `out` one after the other: each line
// is held back until the next one shows how the two join (a line end, a
// space, a removed or kept hyphen), then emitted in NFC with its offset map.
class LineEmitter {
 public:
  LineEmitter(std::string_view original, std::size_t start, std::size_t wrap_width, bool lines_are_paragraphs,
              const std::vector<TextHeading>* headings, NormalizedText& out)
      : original_(original), nfc_(original.substr(start)), joiner_(wrap_width, lines_are_paragraphs, nfc_),
        builder_(original, out),
        out_(out), headings_(headings) {}

  // Adds the next kept line (a view into the original text): `physical`
  // itself, or one of the list items split from it (inline_items).
  void add(std::string_view line, std::string_view physical) {
    if (pending_.empty()) {
      start_line(line, 1);
      open_.last_physical = physical;
      return;
    }
    const std::size_t heading = heading_at(offset_of(line));
    const Join join = heading == open_heading_ ? joiner_.decide(open_, line) : Join::None;
    std::size_t hyphen_len = 0;
    if (join == Join::RemoveHyphen) last_cp(pending_, &hyphen_len);
    emit_pending(hyphen_len);
    if (join == Join::None) {
      end_line(offset_of(line));
      start_line(line, 0);
    } else {
      join_gap(join, offset_of(line));
      ++out_.lines_joined;
    }
    open_.last = line;
    open_.last_physical = physical;
    ++open_.physical_lines;
    pending_ = line;
  }

  // Emits the held-back line and closes the offset map.
  void finish() {
    if (!pending_.empty()) {
      emit_pending(0);
      end_line(original_.size());
    }
    builder_.finish();
  }

 private:
  std::size_t offset_of(std::string_view s) const { return static_cast<std::size_t>(s.data() - original_.data()); }

  void start_line(std::string_view line, std::size_t physical_lines) {
    pending_ = line;
    open_ = {line, line, line, physical_lines};
    open_heading_ = heading_at(offset_of(line));
    line_begin_ = builder_.size();
  }

  // The index + 1 of the heading whose span holds original offset `at`, 0
  // when none does. Offsets asked for never decrease: one pass over the
  // headings for the whole document.
  std::size_t heading_at(std::size_t at) {
    if (!headings_) return 0;
    while (next_heading_ < headings_->size() && (*headings_)[next_heading_].span.end <= at) ++next_heading_;
    if (next_heading_ < headings_->size() && (*headings_)[next_heading_].span.begin <= at) return next_heading_ + 1;
    return 0;
  }

  void emit_pending(std::size_t cut_suffix) {
    const std::size_t begin = offset_of(pending_);
    nfc_.emit(original_, begin, begin + pending_.size() - cut_suffix, builder_);
  }

  void end_line(std::size_t orig_until) {
    const std::size_t content_end = offset_of(pending_) + pending_.size();
    out_.lines.push_back({line_begin_, builder_.size()});
    if (headings_) out_.heading_levels.push_back(open_heading_ ? (*headings_)[open_heading_ - 1].level : 0);
    builder_.replace("\n", content_end, orig_until - content_end);
  }

  // The gap between the pending line and the next one (at `next_begin`)
  // when the two are joined.
  void join_gap(Join join, std::size_t next_begin) {
    const std::size_t gap_begin = offset_of(pending_) + pending_.size();
    if (join == Join::Space || join == Join::Suspended) {
      builder_.replace(" ", gap_begin, next_begin - gap_begin);
      return;
    }
    if (join == Join::RemoveHyphen) ++out_.hyphens_repaired;
    builder_.absorb_deleted(next_begin);  // RemoveHyphen, KeepHyphen
  }

  std::string_view original_;
  Nfc nfc_;
  const Joiner joiner_;
  Builder builder_;
  NormalizedText& out_;
  OpenLine open_;
  const std::vector<TextHeading>* headings_;
  std::size_t next_heading_ = 0;  // the first heading not yet passed (heading_at)
  std::size_t open_heading_ = 0;  // heading_at() of the open line's first line
  std::size_t line_begin_ = 0;
  std::string_view pending_;  // the last physical line, not yet emitted
};

}  // namespace

NormalizedText normalize(std::string_view original) { return normalize(original, NormalizeOptions{}); }

NormalizeOptions normalize_options_for(std::string_view format) {
  NormalizeOptions options;
  options.lines_are_paragraphs = format == "docx";
  return options;
}

NormalizedText normalize(std::string_view original, const NormalizeOptions& options) {
  NormalizedText out;
  const std::size_t start = original.substr(0, kBom.size()) == kBom ? kBom.size() : 0;
  std::size_t form_feeds = 0;
  const std::vector<std::string_view> lines = physical_lines(original, start, form_feeds);

  const std::vector<bool> furniture = furniture::find(lines);
  out.furniture_lines_removed = form_feeds + static_cast<std::size_t>(std::count(furniture.begin(), furniture.end(), true));
  const std::size_t wrap_width = options.wrap_width > 0 ? options.wrap_width : estimate_wrap_width(lines, furniture);

  // About two runs per kept line: its text and the space or '\n' after it.
  const auto kept = static_cast<std::size_t>(std::count(furniture.begin(), furniture.end(), false));
  out.map.reserve(2 * kept + 2);
  out.lines.reserve(kept);

  LineEmitter emitter(original, start, wrap_width, options.lines_are_paragraphs, options.headings, out);
  std::vector<std::string_view> items;
  RunningLines running;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (furniture[i]) {
      if (furniture::classify(lines[i]) == furniture::LineKind::Text) {
        const auto begin = static_cast<std::size_t>(lines[i].data() - original.data());
        running.add(lines[i], {}, ByteSpan{begin, begin + lines[i].size()});
      }
      continue;
    }
    inline_items(lines[i], items);
    for (const std::string_view item : items) emitter.add(item, lines[i]);
  }
  emitter.finish();
  out.running = running.take();
  return out;
}

}  // namespace analyzer
