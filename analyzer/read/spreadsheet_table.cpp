#include "analyzer/read/spreadsheet_table.hpp"

#include <algorithm>
#include <filesystem>
#include <cmath>
#include <cstdlib>
#include <map>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>

#include "analyzer/core/large_buffer.hpp"
#include "analyzer/core/utf8.hpp"
#include "analyzer/text/swedish_regions.hpp"
#include "analyzer/text/swedish_text.hpp"

namespace analyzer {

// ---- small parsers ---------------------------------------------------------

std::string column_letters(std::size_t column) {
  std::string out;
  ++column;
  while (column > 0) {
    const std::size_t rem = (column - 1) % 26;
    out.insert(out.begin(), static_cast<char>('A' + rem));
    column = (column - 1) / 26;
  }
  return out;
}

std::optional<std::size_t> parse_column_letters(std::string_view letters) {
  if (letters.empty() || letters.size() > 3) return std::nullopt;
  std::size_t value = 0;
  for (char c : letters) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') return std::nullopt;
    value = value * 26 + static_cast<std::size_t>(c - 'A' + 1);
  }
  if (value > 16384) return std::nullopt;  // XFD
  return value - 1;
}

std::string with_thousands(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// `text` without leading and trailing white space (text/swedish_text.hpp's
// is_space: ASCII and the Unicode spaces), as [begin, end) byte offsets.
std::pair<std::size_t, std::size_t> trimmed_range(std::string_view text) {
  const auto plain_end = [](char c) {  // an ASCII byte that is no space: nothing to trim at this end
    return static_cast<unsigned char>(c) < 0x80 && c != ' ' && (c < '\t' || c > '\r');
  };
  if (!text.empty() && plain_end(text.front()) && plain_end(text.back())) return {0, text.size()};
  std::size_t b = 0, e = text.size();
  while (b < e) {
    const utf8::Decoded d = utf8::decode(text, b);
    if (!d.valid() || !swedish::is_space(d.code_point)) break;
    b += d.length;
  }
  while (e > b) {
    const utf8::Decoded d = utf8::decode_before(text, e);
    if (!d.valid() || !swedish::is_space(d.code_point)) break;
    e -= d.length;
  }
  return {b, e};
}

std::string_view trimmed(std::string_view text) {
  const auto [b, e] = trimmed_range(text);
  return text.substr(b, e - b);
}

}  // namespace

std::optional<double> parse_cell_number(std::string_view text) {
  text = trimmed(text);
  // An approximate value is its number: "ca 30", "c:a 30", "cirka 30",
  // "ungefär 30", "~30" (the cell's text, as written, stays its value_text).
  {
    const std::string head = swedish::lower_case_sv(text.substr(0, 10));
    for (std::string_view about : {"ca. ", "ca ", "c:a ", "cirka ", "ungefär ", "~", "\xE2\x89\x88"})  // ≈
      if (std::string_view(head).starts_with(about)) {
        text = trimmed(text.substr(about.size()));
        break;
      }
  }
  std::string plain;
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) plain += text[i++];
  std::size_t digits = 0, group = 0;
  bool separated = false, decimal = false;
  while (i < text.size()) {
    const char c = text[i];
    if (is_digit(c)) {
      plain += c;
      ++digits;
      ++group;
      ++i;
      continue;
    }
    // A group separator: space, no-break space (C2 A0), narrow no-break space (E2 80 AF).
    std::size_t sep = 0;
    if (c == ' ') sep = 1;
    else if (text.substr(i, 2) == "\xC2\xA0") sep = 2;
    else if (text.substr(i, 3) == "\xE2\x80\xAF") sep = 3;
    if (sep && !decimal && digits > 0 && (separated ? group == 3 : group <= 3) && i + sep + 3 <= text.size() &&
        is_digit(text[i + sep]) && is_digit(text[i + sep + 1]) && is_digit(text[i + sep + 2])) {
      separated = true;
      group = 0;
      i += sep;
      continue;
    }
    break;
  }
  if (digits == 0) return std::nullopt;
  if (separated && group != 3) return std::nullopt;
  if (i < text.size() && (text[i] == ',' || text[i] == '.')) {
    decimal = true;
    plain += '.';
    ++i;
    std::size_t fraction = 0;
    while (i < text.size() && is_digit(text[i])) {
      plain += text[i++];
      ++fraction;
    }
    if (fraction == 0) return std::nullopt;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    plain += 'e';
    ++i;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) plain += text[i++];
    std::size_t exponent = 0;
    while (i < text.size() && is_digit(text[i])) {
      plain += text[i++];
      ++exponent;
    }
    if (exponent == 0 || exponent > 3) return std::nullopt;
  }
  // A percentage as written ("45 %", "12,5%") is the number shown.
  if (i < text.size()) {
    std::string_view rest = text.substr(i);
    for (std::string_view space : {std::string_view(" "), std::string_view("\xC2\xA0"), std::string_view("\xE2\x80\xAF")})
      if (rest.starts_with(space)) {
        rest.remove_prefix(space.size());
        break;
      }
    if (rest == "%") i = text.size();
  }
  if (i != text.size()) return std::nullopt;
  const double value = std::strtod(plain.c_str(), nullptr);
  if (!std::isfinite(value)) return std::nullopt;
  return value;
}

namespace {

// Reads a time of day at `i` of `text`: H:MM, H:MM:SS, with a fraction of
// a second; true when it ends the text.
bool time_of_day_at(std::string_view text, std::size_t i) {
  auto digits = [&](std::size_t most) {
    const std::size_t from = i;
    while (i < text.size() && i - from < most && is_digit(text[i])) ++i;
    return i - from;
  };
  if (digits(2) == 0 || i >= text.size() || text[i] != ':') return false;
  ++i;
  if (digits(2) != 2) return false;
  if (i < text.size() && text[i] == ':') {
    ++i;
    if (digits(2) != 2) return false;
    if (i < text.size() && (text[i] == '.' || text[i] == ',')) {
      ++i;
      if (digits(9) == 0) return false;
    }
  }
  return i == text.size();
}

// The date at the start of `text` (its year group), and where it ends; a
// date is three digit groups joined by one of - / . with a year of four
// digits first or last.
struct DateStart {
  std::string_view year;
  std::size_t end = 0;
};
std::optional<DateStart> date_start(std::string_view text) {
  std::size_t i = 0;
  std::string_view group[3];
  char separator = 0;
  for (int g = 0; g < 3; ++g) {
    const std::size_t from = i;
    while (i < text.size() && i - from < 4 && is_digit(text[i])) ++i;
    group[g] = text.substr(from, i - from);
    if (group[g].empty()) return std::nullopt;
    if (g == 2) break;
    if (i >= text.size() || (text[i] != '-' && text[i] != '/' && text[i] != '.')) return std::nullopt;
    if (separator && text[i] != separator) return std::nullopt;
    separator = text[i++];
  }
  if (group[0].size() == 4 && group[1].size() <= 2 && group[2].size() <= 2) return DateStart{group[0], i};
  if (group[0].size() <= 2 && group[1].size() <= 2 && group[2].size() == 4) return DateStart{group[2], i};
  return std::nullopt;
}

// The year of a date, with or without a time, that is all of `text`
// (trimmed).
std::optional<std::string_view> year_of_whole_date(std::string_view text) {
  const std::optional<DateStart> date = date_start(text);
  if (!date) return std::nullopt;
  if (date->end == text.size() ||
      ((text[date->end] == ' ' || text[date->end] == 'T') && time_of_day_at(text, date->end + 1)))
    return date->year;
  return std::nullopt;
}

}  // namespace

bool looks_like_date_or_time(std::string_view text) {
  text = trimmed(text);
  return year_of_whole_date(text) || time_of_day_at(text, 0);
}

std::string question_id_of(std::string_view header) {
  header = trimmed(header);
  const std::string lower = swedish::lower_case_sv(header.substr(0, 12));
  for (std::string_view prefix : {std::string_view("fråga "), std::string_view("question ")})
    if (lower.rfind(prefix, 0) == 0) {
      header = trimmed(header.substr(prefix.size()));
      break;
    }
  std::size_t i = 0;
  while (i < header.size() && i < 2 && is_ascii_letter(header[i])) ++i;
  const std::size_t digits_begin = i;
  while (i < header.size() && is_digit(header[i]) && i - digits_begin < 4) ++i;
  const std::size_t digits = i - digits_begin;
  if (digits == 0 || digits > 3) return "";
  // "5.1": one more group of digits after a period.
  if (i + 1 < header.size() && header[i] == '.' && is_digit(header[i + 1])) {
    std::size_t j = i + 1;
    while (j < header.size() && is_digit(header[j]) && j - i <= 2) ++j;
    i = j;
  }
  // The sub-question's letter: "13a", also written "13A", "12 b:", "3 a)"
  // or "1.a " ("13a" each; a space or '.' before it only where a '.', ')'
  // or ':' (or, after '.', a space) follows the letter).
  std::string id(header.substr(0, i));
  auto letter_at = [&](std::size_t k) {
    return k < header.size() && is_ascii_letter(header[k]) && (k + 1 == header.size() || !is_ascii_letter(header[k + 1]));
  };
  auto closes = [&](std::size_t k, bool space_too) {
    return k < header.size() &&
           (header[k] == '.' || header[k] == ')' || header[k] == ':' || (space_too && header[k] == ' '));
  };
  if (letter_at(i) && ((header[i] >= 'a' && header[i] <= 'z') || i + 1 == header.size() || closes(i + 1, false))) {
    id += static_cast<char>(header[i] | 0x20);
    ++i;
  } else if (i + 1 < header.size() && (header[i] == ' ' || header[i] == '.') && letter_at(i + 1) &&
             closes(i + 2, header[i] == '.')) {
    id += static_cast<char>(header[i + 1] | 0x20);
    i += 2;
  }
  if (i == header.size()) return id;
  const char next = header[i];
  if (next == '.' || next == ')' || next == ':' || next == ',' || next == ';') {
    if (i + 1 == header.size() || header[i + 1] == ' ' || header[i + 1] == '\t' || header[i + 1] == '\n') return id;
    return "";
  }
  if (next == ' ' || next == '\t' || next == '\n') return id;
  return "";
}

namespace {

// ---- header names ------------------------------------------------------------

// Exact header names (lower case, trimmed, a trailing ':' or '*' dropped).
struct HeaderName {
  const char* name;
  ColumnRole role;
};
constexpr HeaderName kHeaderNames[] = {
    {"respondent", ColumnRole::Respondent},         {"respondentnamn", ColumnRole::Respondent},
    {"respondent name", ColumnRole::Respondent},    {"svarande", ColumnRole::Respondent},
    {"organisation", ColumnRole::Respondent},       {"organisationsnamn", ColumnRole::Respondent},
    {"organization", ColumnRole::Respondent},       {"organisationens namn", ColumnRole::Respondent},
    {"namn", ColumnRole::Respondent},               {"name", ColumnRole::Respondent},
    {"region", ColumnRole::Region},                 {"län", ColumnRole::Region},
    {"region/län", ColumnRole::Region},             {"county", ColumnRole::Region},
    {"kommun", ColumnRole::Municipality},           {"kommunnamn", ColumnRole::Municipality},
    {"kommunens namn", ColumnRole::Municipality},   {"municipality", ColumnRole::Municipality},
    {"år", ColumnRole::Year},                       {"year", ColumnRole::Year},
    {"verksamhetsår", ColumnRole::Year},            {"årtal", ColumnRole::Year},
    {"svarsår", ColumnRole::Year},                  {"enkätår", ColumnRole::Year},
    {"survey year", ColumnRole::Year},              {"typ", ColumnRole::RespondentType},
    {"type", ColumnRole::RespondentType},           {"respondenttyp", ColumnRole::RespondentType},
    {"respondent type", ColumnRole::RespondentType}, {"organisationstyp", ColumnRole::RespondentType},
    {"typ av organisation", ColumnRole::RespondentType}, {"svarandetyp", ColumnRole::RespondentType},
    {"tidsstämpel", ColumnRole::Ignore},            {"timestamp", ColumnRole::Ignore},
    {"starttid", ColumnRole::Ignore},               {"sluttid", ColumnRole::Ignore},
    {"start time", ColumnRole::Ignore},             {"end time", ColumnRole::Ignore},
    {"completion time", ColumnRole::Ignore},        {"datum", ColumnRole::Ignore},
    {"date", ColumnRole::Ignore},                   {"senast ändrad", ColumnRole::Ignore},
    {"last modified time", ColumnRole::Ignore},     {"id", ColumnRole::Ignore},
    {"respondent-id", ColumnRole::Ignore},          {"respondentid", ColumnRole::Ignore},
    {"svars-id", ColumnRole::Ignore},               {"svarsid", ColumnRole::Ignore},
    {"response id", ColumnRole::Ignore},            {"ip", ColumnRole::Ignore},
    {"ip-adress", ColumnRole::Ignore},              {"ip address", ColumnRole::Ignore},
    {"kontaktperson", ColumnRole::Ignore},          {"contact person", ColumnRole::Ignore},
    // A person's name (never a respondent: personal data, never an answer).
    {"namn på kontaktperson", ColumnRole::Ignore},  {"kontaktpersonens namn", ColumnRole::Ignore},
    {"kontaktperson namn", ColumnRole::Ignore},     {"ditt namn", ColumnRole::Ignore},
    {"förnamn", ColumnRole::Ignore},                {"efternamn", ColumnRole::Ignore},
    {"your name", ColumnRole::Ignore},              {"full name", ColumnRole::Ignore},
    // Survey tools' own columns: Google Forms writes "Tidstämpel".
    {"tidstämpel", ColumnRole::Ignore},             {"tid för slutförande", ColumnRole::Ignore},
};

// "Namn" and "Name": the respondent's name when nothing else names the
// respondent; beside a municipality or organisation column, or an e-mail
// column, the name of the person who filled in the form (Microsoft Forms:
// "ID", "Starttid", "Sluttid", "E-post", "Namn", then the questions), never
// printed.
bool is_bare_name_header(std::string_view key) { return key == "namn" || key == "name"; }

// The type an organisation's name says: "Region X" → region, "RSS X" or
// "... samverkans- och stödstruktur ..." → rss, "X kommun" / "X stad" →
// kommun; nullopt for any other name ("Ludvika", "1").
std::optional<RespondentType> type_of_organisation(std::string_view name) {
  const std::string lower = swedish::single_spaced(swedish::lower_case_sv(name));
  if (lower.starts_with("region ")) return RespondentType::Region;
  if (lower.starts_with("rss ") || lower.find("stödstruktur") != std::string::npos) return RespondentType::Rss;
  if (lower.ends_with(" kommun") || lower.ends_with(" stad")) return RespondentType::Kommun;
  return std::nullopt;
}

// The first year 2010-2039 that `text` names as a number of its own
// ("2023", "svar_2023.xlsx", "under 2024:"), not a date's ("2024-01-15"),
// or nullopt.
std::optional<int> year_in_text(std::string_view text) {
  for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
    if (text[i] != '2' || text[i + 1] != '0' || text[i + 2] < '1' || text[i + 2] > '3' || !is_digit(text[i + 3]))
      continue;
    if ((i > 0 && is_digit(text[i - 1])) || (i + 4 < text.size() && is_digit(text[i + 4]))) continue;
    // A date's year ("exporterad 2024-01-15") is when the file was made,
    // not the year it reports on.
    if (i + 6 < text.size() && (text[i + 4] == '-' || text[i + 4] == '/') && is_digit(text[i + 5])) continue;
    return 2000 + (text[i + 2] - '0') * 10 + (text[i + 3] - '0');
  }
  return std::nullopt;
}

// Whether a cell only marks that there is no answer: dashes, dots, "x",
// "/", "?" ("-", "–", "...", "x"): no answer, as an empty cell.
bool marks_no_answer(std::string_view text) {
  if (text.empty() || text.size() > 12) return false;
  for (std::size_t i = 0; i < text.size();) {
    if (text.substr(i, 3) == "\xE2\x80\x93" || text.substr(i, 3) == "\xE2\x80\x94") {  // – —
      i += 3;
      continue;
    }
    const char c = text[i++];
    if (c != '-' && c != '.' && c != 'x' && c != 'X' && c != '/' && c != '?' && c != ' ' && c != '_') return false;
  }
  return true;
}

// Whether a header is a bare question label, without the question's text:
// "Fråga 1", "Fråga 3b:", "Q2", "F12", "K3", "7." (question_id_of() finds
// an id, and no word follows it).
bool is_bare_question_label(std::string_view header) {
  header = trimmed(header);
  if (question_id_of(header).empty()) return false;
  const std::size_t last_space = header.find_last_of(' ');
  const std::string_view last = last_space == std::string_view::npos ? header : header.substr(last_space + 1);
  return std::count(header.begin(), header.end(), ' ') <= 1 && last.find_first_of("0123456789") != std::string_view::npos;
}

// Whether a row's first cell says the row holds totals: "Totalt", "Summa",
// "Hela länet", "Riket" (any case, a ':' after it).
bool says_total(std::string_view text) {
  while (!text.empty() && (text.back() == ':' || text.back() == ' ')) text.remove_suffix(1);
  // Every row's first cell comes here: most leave before any copy.
  if (text.empty() || text.size() > 20 || std::string_view("tTsShHrR").find(text.front()) == std::string_view::npos)
    return false;
  static constexpr std::string_view kTotals[] = {"totalt", "total", "summa", "summa totalt", "totalsumma", "sum",
                                                 "samtliga", "hela länet", "riket", "hela riket"};
  const std::string lower = swedish::lower_case_sv(text);
  return std::find(std::begin(kTotals), std::end(kTotals), lower) != std::end(kTotals);
}

// Words that make any header a column of contact data (never answers):
// an e-mail address's, or another's.
constexpr const char* kEmailWords[] = {"e-post", "epost", "e-mail", "email", "mejl"};
constexpr const char* kOtherContactWords[] = {"telefon", "phone", "mobilnummer", "personnummer"};

// Whether a header key (header_key) holds one of `words`.
template <std::size_t N>
bool key_holds(std::string_view key, const char* const (&words)[N]) {
  return std::any_of(std::begin(words), std::end(words),
                     [&](const char* word) { return key.find(word) != std::string_view::npos; });
}

std::string header_key(std::string_view header) {
  std::string key = swedish::lower_case_sv(trimmed(header));
  while (!key.empty() && (key.back() == ':' || key.back() == '*' || key.back() == ' ')) key.pop_back();
  return key;
}

std::optional<ColumnRole> role_of_header(std::string_view header) {
  const std::string key = header_key(header);
  if (key.empty()) return std::nullopt;
  for (const HeaderName& h : kHeaderNames)
    if (key == h.name) return h.role;
  if (key.size() <= 60 && (key_holds(key, kEmailWords) || key_holds(key, kOtherContactWords))) return ColumnRole::Ignore;
  return std::nullopt;
}

bool looks_like_email(std::string_view text) {
  text = trimmed(text);
  const std::size_t at = text.find('@');
  if (at == std::string_view::npos || at == 0 || text.find(' ') != std::string_view::npos) return false;
  return text.find('.', at) != std::string_view::npos && text.find('@', at + 1) == std::string_view::npos;
}

std::optional<RespondentType> respondent_type_of(std::string_view text) {
  const std::string key = header_key(text);
  if (auto t = parse_respondent_type(key)) return t;
  if (key.find("samverkans") != std::string::npos || key.find("stödstruktur") != std::string::npos ||
      key.rfind("rss", 0) == 0)
    return RespondentType::Rss;
  if (key.find("kommun") != std::string::npos) return RespondentType::Kommun;
  if (key.find("region") != std::string::npos) return RespondentType::Region;
  return std::nullopt;
}

// A region cell: the region as records store it, and whether it is one of
// the 21 (canonical_region() knows it) or the cell's words as written.
struct RegionCell {
  std::string region;
  bool one_of_21 = false;
};

RegionCell region_of(std::string_view text) {
  text = trimmed(text);
  std::string canonical = swedish::canonical_region(text);
  if (!canonical.empty()) return {std::move(canonical), true};
  return {std::string(swedish::region_words_stripped(swedish::single_spaced(text))), false};
}

std::optional<int> year_of(std::string_view text) {
  // A date ("2024-01-16", as an XLSX date cell reads too) gives its year.
  if (const std::optional<std::string_view> year = year_of_whole_date(trimmed(text))) text = *year;
  const std::optional<double> v = parse_cell_number(text);
  if (!v || *v != std::floor(*v) || *v < 2000 || *v > 2100) return std::nullopt;
  return static_cast<int>(*v);
}

// "rows 7, 9, 12 and 4 more": the first few of a list.
std::string list_rows(const std::vector<std::size_t>& rows) {
  std::string out = rows.size() == 1 ? "row " : "rows ";
  const std::size_t shown = std::min<std::size_t>(rows.size(), 8);
  for (std::size_t i = 0; i < shown; ++i) out += (i ? ", " : "") + std::to_string(rows[i]);
  if (rows.size() > shown) out += " and " + std::to_string(rows.size() - shown) + " more";
  return out;
}

const icu::Normalizer2& nfc() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU: no NFC normalizer");
    return n;
  }();
  return *instance;
}

// Whether `text` holds a byte of 0xCC or more: a lead byte of a character
// from U+0300 on. Sixteen bytes at a time where SSE2 is (every x86-64).
bool has_byte_from_cc(std::string_view text) {
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i zero = _mm_setzero_si128();
  const __m128i below_cc = _mm_set1_epi8(static_cast<char>(0xCB));
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    // As signed bytes, 0xCC..0xFF are -52..-1: below zero and above 0xCB (-53).
    const __m128i high = _mm_and_si128(_mm_cmplt_epi8(bytes, zero), _mm_cmpgt_epi8(bytes, below_cc));
    if (_mm_movemask_epi8(high) != 0) return true;
  }
#endif
  for (; i < text.size(); ++i)
    if (static_cast<unsigned char>(text[i]) >= 0xCC) return true;
  return false;
}

// Appends `text` to `out` in NFC; true when that changed it.
bool append_nfc(std::string& out, std::string_view text) {
  // Text whose characters are all below U+0300 is in NFC: each of them is
  // NFC as it stands (NFC_Quick_Check=Yes), and none composes with a
  // character before it (what composes follows its base: combining marks
  // from U+0300 on, some vowel signs, Hangul jamo). In UTF-8 that is every
  // byte ASCII, a continuation byte, or a lead byte C2-CB; Swedish text
  // (å, ä, ö, é) is, so ICU is asked only about other text.
  const bool below_0300 = !has_byte_from_cc(text);
  UErrorCode status = U_ZERO_ERROR;
  const icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  if (below_0300 || nfc().isNormalizedUTF8(piece, status)) {
    out.append(text);
    return false;
  }
  status = U_ZERO_ERROR;
  std::string normalized;
  icu::StringByteSink<std::string> sink(&normalized);
  nfc().normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status)) {
    out.append(text);
    return false;
  }
  out += normalized;
  return true;
}

// The value read from the last text given, kept until a different text
// comes: of(text, read) calls read(text) only when text changes.
template <class T>
class Remembered {
 public:
  template <class Read>
  const T& of(std::string_view text, Read read) {
    if (!known_ || text != text_) {
      value_ = read(text);
      text_.assign(text);
      known_ = true;
    }
    return value_;
  }

 private:
  std::string text_;
  T value_{};
  bool known_ = false;
};

struct Column {
  std::string header;                 // trimmed
  std::optional<ColumnRole> role;     // nullopt: an empty column, not used
  bool from_manifest = false;
  std::string question;               // id, for question and number columns
  std::size_t filled = 0;             // non-empty data cells
  std::size_t numbers = 0;            // of those, numbers
  std::size_t emails = 0;             // of those, e-mail addresses
  std::size_t dates = 0;              // of those, dates or times (looks_like_date_or_time)
  std::size_t bytes = 0;              // of the non-empty data cells
  // A number column by its header's asking ("Antal ..."), not by its cells
  // alone: a cell that is no number is kept as an answer, not left out.
  bool number_by_header = false;
  // Every non-empty data cell an e-mail address.
  bool all_emails() const { return filled > 0 && emails == filled; }
};

}  // namespace

struct SpreadsheetBuilder::Impl {
  std::string path;
  std::string file_name;  // of `path`, as unnamed rows are named (row_respondent)
  const ReadOptions& options;
  std::optional<FileMapping> mapping;
  Diagnostics& warnings;
  SourceText out;
  std::vector<bool> setting_used;
  std::size_t data_rows = 0;     // over the sheets
  std::size_t sheets_read = 0;
  std::vector<std::optional<std::uint32_t>> column_ids;  // letters_id(): nullopt until looked up

  Impl(std::string p, const ReadOptions& o, std::optional<FileMapping> m, Diagnostics& w)
      : path(std::move(p)),
        file_name(std::filesystem::path(path).filename().string()),
        options(o),
        mapping(m),
        warnings(w),
        setting_used(o.columns.size(), false) {
    out.given.emplace();
    if (mapping) out.offsets = FileOffsets(mapping->encoding);
  }

  std::string cell_name(const std::string& sheet, std::size_t row, std::size_t column) const {
    return cell_label(sheet, row, column_letters(column));
  }
  std::string where(const std::string& sheet) const {
    return sheet.empty() ? std::string() : "sheet \"" + sheet + "\": ";
  }

  Diagnostic note(std::string message) const {
    Diagnostic d = make_warning(path, std::move(message));
    d.severity = Severity::Note;
    return d;
  }

  // File offset of byte `k` of a CSV cell's text.
  std::size_t file_pos(const SheetCell& cell, std::size_t k) const {
    std::size_t extra = 0;
    if (cell.doubled)
      extra = static_cast<std::size_t>(std::lower_bound(cell.doubled->begin(), cell.doubled->end(), k) -
                                       cell.doubled->begin());
    const std::size_t decoded = cell.source_begin + k + extra;
    if (!mapping->offsets || mapping->offsets->identity()) return decoded;
    return mapping->offsets->to_file_begin(mapping->decoded, decoded);
  }

  // Pass 1: the header row, the columns' contents and the limits. The
  // header row is the first row with a filled cell, unless that row and up
  // to kMaxTitleRows after it have one filled cell each, in column A, and
  // the next row with any has more: then those were titles above the table
  // ("Enkät: Uppföljning ... 2023", "Exporterad 2023-05-02"), listed in
  // `title_rows`, and that next row is the header. So is a row of group
  // labels above the header, each cell merged over two columns or more
  // ("Bakgrund" over A:E, "Kontinuitet" over F:G), when the next row with
  // any has more filled cells: survey tools print a question group so.
  // What pass 1 finds of a sheet's layout besides its columns.
  struct SheetLayout {
    std::optional<std::size_t> header_row;
    std::vector<std::size_t> title_rows;    // above the header, one cell each
    std::vector<std::string> title_texts;   // their texts
    std::optional<std::size_t> group_row;   // a row of group labels above the header
    std::optional<std::size_t> total_row;   // the first data row whose first cell says totals ("Totalt", "Summa")
    std::optional<std::size_t> question_text_row;  // a second header row: the texts of bare question labels
  };
  Status survey_columns(const std::string& sheet, const SheetRows& rows, const std::vector<CellRange>& merges,
                        std::vector<Column>& columns, SheetLayout& layout) {
    std::optional<std::size_t>& header_row = layout.header_row;
    constexpr std::size_t kMaxTitleRows = 5;
    struct OneCellRow {
      std::size_t row;
      std::string text;
    };
    std::vector<OneCellRow> pending;  // one-cell rows in column A before any other: titles or the header
    // Whether `cells`, the first row under the header, hold only the texts of
    // questions whose headers are bare labels: at least two, each in such a
    // column, each reading as a question (a prompt, or 20 characters or more).
    const auto is_question_text_row = [&](const std::vector<SheetCell>& cells) {
      std::size_t texts = 0;
      for (const SheetCell& c : cells) {
        const std::string_view text = trimmed(c.text);
        if (text.empty()) continue;
        if (c.column >= columns.size() || !is_bare_question_label(columns[c.column].header)) return false;
        if (!swedish::reads_as_prompt(text) && utf8::code_points(text) < 20) return false;
        ++texts;
      }
      return texts >= 2;
    };
    // A row of group labels before any header (each filled cell merged over
    // two columns or more): its row and its cells' texts, copied (a
    // SheetCell views the reader's buffer, valid only while its row is
    // read), until the next row says whether it was the header.
    struct GroupRow {
      std::size_t row;
      std::vector<std::pair<std::size_t, std::string>> texts;  // column, text
      std::size_t filled;
      std::vector<SheetCell> cells() const {
        std::vector<SheetCell> out;
        for (const auto& [column, text] : texts) out.push_back(SheetCell{column, text});
        return out;
      }
    };
    std::optional<GroupRow> group;
    // Headers that repeat under group labels ("Svar", "Kommentar" under
    // each question) take their group's label: "Beskriv arbetet med SIP:
    // Svar", so two questions' answers are never one question.
    const auto label_repeated_headers = [&](std::size_t group_row, const std::vector<SheetCell>& labels) {
      std::map<std::string, std::size_t> seen;
      for (const Column& col : columns)
        if (!col.header.empty()) ++seen[col.header];
      for (const CellRange& m : merges) {
        if (m.first_row != group_row) continue;
        const auto label = std::find_if(labels.begin(), labels.end(), [&](const SheetCell& c) { return c.column == m.first_column; });
        if (label == labels.end() || trimmed(label->text).empty()) continue;
        for (std::size_t k = m.first_column; k <= m.last_column && k < columns.size(); ++k)
          if (!columns[k].header.empty() && seen[columns[k].header] > 1)
            columns[k].header = std::string(trimmed(label->text)) + ": " + columns[k].header;
      }
    };
    const auto take_titles = [&] {
      for (const OneCellRow& p : pending) {
        layout.title_rows.push_back(p.row);
        layout.title_texts.push_back(p.text);
      }
    };
    const auto group_labels = [&](std::size_t row, const std::vector<SheetCell>& cells) {
      std::size_t filled = 0;
      for (const SheetCell& c : cells) {
        if (trimmed(c.text).empty()) continue;
        ++filled;
        const bool spans = std::any_of(merges.begin(), merges.end(), [&](const CellRange& m) {
          return m.first_row == row && m.first_column == c.column && m.last_column > m.first_column;
        });
        if (!spans) return false;
      }
      return filled > 0;
    };
    std::size_t rows_at_header = 0;  // data_rows when the header was set
    auto set_header = [&](std::size_t row, const std::vector<SheetCell>& cells) {
      header_row = row;
      rows_at_header = data_rows;
      for (const SheetCell& c : cells) {
        if (columns.size() <= c.column) columns.resize(c.column + 1);
        columns[c.column].header = std::string(trimmed(c.text));
      }
      for (const CellRange& m : merges) {
        if (m.first_row > row || m.last_row < row || m.first_column >= columns.size()) continue;
        const std::string text = columns[m.first_column].header;
        if (m.last_column >= columns.size()) columns.resize(std::min(m.last_column, kMaxSpreadsheetColumns - 1) + 1);
        for (std::size_t k = m.first_column + 1; k <= m.last_column && k < columns.size(); ++k)
          if (columns[k].header.empty()) columns[k].header = text;
      }
    };
    auto count_data = [&](std::size_t row, const std::vector<SheetCell>& cells) -> Status {
      if (++data_rows > kMaxSpreadsheetRows)
        return make_error(path, where(sheet) + "row " + with_thousands(row) + ": the file has more than " +
                                    with_thousands(kMaxSpreadsheetRows) + " rows of data",
                          "split the file into parts of at most " + with_thousands(kMaxSpreadsheetRows) + " rows");
      if (!layout.total_row)
        for (const SheetCell& c : cells)
          if (!trimmed(c.text).empty()) {
            if (says_total(trimmed(c.text))) layout.total_row = row;
            break;
          }
      for (const SheetCell& c : cells) {
        const std::string_view text = trimmed(c.text);
        if (text.empty()) continue;
        if (columns.size() <= c.column) columns.resize(c.column + 1);
        Column& col = columns[c.column];
        ++col.filled;
        col.bytes += text.size();
        if (parse_cell_number(text)) ++col.numbers;
        else if (looks_like_email(text)) ++col.emails;
        else if (looks_like_date_or_time(text)) ++col.dates;
      }
      return {};
    };
    // The pending rows when no row with more cells follows: the first is the
    // header, the others data.
    auto settle_pending = [&]() -> Status {
      if (pending.empty()) return {};
      set_header(pending.front().row, {SheetCell{0, pending.front().text}});
      for (std::size_t k = 1; k < pending.size(); ++k)
        if (Status s = count_data(pending[k].row, {SheetCell{0, pending[k].text}}); !s.ok()) return s;
      pending.clear();
      return {};
    };
    Status walked = rows.each_row([&](std::size_t row, const std::vector<SheetCell>& cells) -> Status {
      if (row > kMaxSpreadsheetRows)
        return make_error(path, where(sheet) + "row " + with_thousands(row) + " is past the limit of " +
                                    with_thousands(kMaxSpreadsheetRows) + " rows",
                          "split the file into parts of at most " + with_thousands(kMaxSpreadsheetRows) + " rows");
      std::size_t filled = 0;
      const SheetCell* first = nullptr;
      for (const SheetCell& c : cells) {
        if (trimmed(c.text).empty()) continue;
        ++filled;
        if (!first) first = &c;
        if (c.column >= kMaxSpreadsheetColumns)
          return make_error(path, "cell " + cell_name(sheet, row, c.column) + " is past the limit of " +
                                      with_thousands(kMaxSpreadsheetColumns) + " columns",
                            "remove the columns that are not answers, or split the table");
        if (c.text.size() > kMaxCellCharacters && utf8::code_points(c.text) > kMaxCellCharacters)
          return make_error(path, "cell " + cell_name(sheet, row, c.column) + " holds " +
                                      with_thousands(utf8::code_points(c.text)) + " characters, more than the limit of " +
                                      with_thousands(kMaxCellCharacters) + " (Excel's own)",
                            "the file was not written by Excel or is damaged: shorten the cell");
      }
      if (filled == 0) return {};
      if (!header_row && group) {
        // The row after a row of group labels: the header when it has more
        // filled cells, else the group row was the header and this is data.
        GroupRow labels = std::move(*group);
        group.reset();
        if (filled > labels.filled) {
          layout.group_row = labels.row;
          set_header(row, cells);
          label_repeated_headers(labels.row, labels.cells());
          return {};
        }
        set_header(labels.row, labels.cells());
        return count_data(row, cells);
      }
      if (!header_row) {
        if (filled > 1 && group_labels(row, cells)) {
          take_titles();
          pending.clear();
          group = GroupRow{row, {}, filled};
          for (const SheetCell& c : cells) group->texts.emplace_back(c.column, std::string(c.text));
          return {};
        }
        if (filled == 1 && first->column == 0 && pending.size() <= kMaxTitleRows) {
          pending.push_back({row, std::string(first->text)});
          return {};
        }
        if (filled > 1 && !pending.empty() && pending.size() <= kMaxTitleRows) {
          take_titles();
          pending.clear();
        }
        if (pending.empty()) {
          set_header(row, cells);
          return {};
        }
        if (Status s = settle_pending(); !s.ok()) return s;
      }
      // The row under a header of bare question labels ("Fråga 1", "Q2")
      // holding only the questions' texts, under those labels: a second
      // header row. Its texts go with the labels ("Fråga 1: Beskriv ...").
      if (!layout.question_text_row && data_rows == rows_at_header && is_question_text_row(cells)) {
        layout.question_text_row = row;
        for (const SheetCell& c : cells)
          if (!trimmed(c.text).empty()) columns[c.column].header += ": " + std::string(trimmed(c.text));
        return {};
      }
      return count_data(row, cells);
    });
    if (!walked.ok()) return walked;
    if (group) {  // group labels and nothing after them: they are the header
      set_header(group->row, group->cells());
      group.reset();
    }
    return settle_pending();
  }

  // The roles of `columns` (see the header), manifest settings first.
  Status assign_roles(const std::string& sheet, std::vector<Column>& columns) {
    for (std::size_t k = 0; k < options.columns.size(); ++k) {
      const ColumnRoleSetting& s = options.columns[k];
      const std::string key = header_key(s.column);
      std::optional<std::size_t> found;
      for (std::size_t c = 0; c < columns.size() && !found; ++c)
        if (!columns[c].header.empty() && header_key(columns[c].header) == key) found = c;
      if (!found)
        if (auto letter = parse_column_letters(trimmed(s.column)); letter && *letter < columns.size()) found = letter;
      if (!found) continue;
      Column& col = columns[*found];
      if (col.from_manifest && col.role != s.role)
        return make_error(path, where(sheet) + "the manifest gives column " + column_letters(*found) + " two roles (" +
                                    to_string(*col.role) + " and " + to_string(s.role) + ")",
                          "name each column once in \"columns\", by its header text or by its letter");
      col.role = s.role;
      col.from_manifest = true;
      setting_used[k] = true;
    }
    bool taken[8] = {};
    for (std::size_t c = 0; c < columns.size(); ++c) {
      Column& col = columns[c];
      if (col.from_manifest) {
        taken[static_cast<int>(*col.role)] = true;
        continue;
      }
      if (auto r = role_of_header(col.header)) {
        col.role = r;
      } else if (col.filled > 0 && (col.numbers == col.filled || (col.numbers >= 3 && col.numbers * 10 >= col.filled * 9))) {
        // Numbers, or nine in ten numbers and a few cells like "-" or "vet
        // ej": those are left out with a warning that names them.
        col.role = ColumnRole::Number;
      } else if (col.filled > 0 && col.numbers * 2 > col.filled && swedish::asks_for_number(col.header)) {
        // Most cells numbers under a header that asks for one ("Antal
        // upprättade SIP": 45, 112, "ca 30"): numbers, and the other cells
        // answers.
        col.role = ColumnRole::Number;
        col.number_by_header = true;
      } else if (col.all_emails()) {
        col.role = ColumnRole::Ignore;
      } else if (col.filled > 0 && col.dates * 10 >= col.filled * 9 && question_id_of(col.header).empty() &&
                 !swedish::reads_as_prompt(col.header)) {
        // When a form was sent or answered ("Inskickat", "Svarsdatum"), or
        // a date or time the export adds: nine in ten cells so, no answer.
        col.role = ColumnRole::Ignore;
      } else if (col.filled > 0 || !col.header.empty()) {
        col.role = ColumnRole::Question;
      }
    }
    // "Respondent" over numbers only is the survey tool's respondent id, no
    // name: when another column names the respondents ("Organisation",
    // "Kommun"), it is ignored; alone, the ids are the respondents.
    const auto numeric_ids = [](const Column& col) {
      return !col.from_manifest && col.role == ColumnRole::Respondent && col.filled > 0 && col.numbers == col.filled;
    };
    const bool names_beside = std::any_of(columns.begin(), columns.end(), [&](const Column& col) {
      return (col.role == ColumnRole::Respondent || col.role == ColumnRole::Municipality) && !numeric_ids(col);
    });
    if (names_beside)
      for (Column& col : columns)
        if (numeric_ids(col)) col.role = ColumnRole::Ignore;
    // A bare "Namn" beside another column that names the respondent, or
    // beside an e-mail column, is a person's name (is_bare_name_header).
    const bool named_otherwise = std::any_of(columns.begin(), columns.end(), [](const Column& col) {
      const std::string key = header_key(col.header);
      return col.role == ColumnRole::Municipality ||
             (col.role == ColumnRole::Respondent && (col.from_manifest || !is_bare_name_header(key))) ||
             key_holds(key, kEmailWords) || col.all_emails();
    });
    for (Column& col : columns)
      if (named_otherwise && !col.from_manifest && col.role == ColumnRole::Respondent &&
          is_bare_name_header(header_key(col.header)))
        col.role = ColumnRole::Ignore;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      Column& col = columns[c];
      if (!col.role || col.from_manifest) continue;
      const ColumnRole r = *col.role;
      const bool metadata = r != ColumnRole::Question && r != ColumnRole::Number && r != ColumnRole::Ignore;
      if (metadata && taken[static_cast<int>(r)]) col.role = ColumnRole::Ignore;  // a second one
      else if (metadata) taken[static_cast<int>(r)] = true;
    }
    for (std::size_t c = 0; c < columns.size(); ++c) {
      Column& col = columns[c];
      if (col.role != ColumnRole::Question && col.role != ColumnRole::Number) continue;
      col.question = question_id_of(col.header);
      if (col.question.empty()) col.question = col.header.empty() ? column_letters(c) : col.header;
    }
    return {};
  }

  // The note: `sheet "Blad1": A "Kommun" = municipality, C..E = questions 5a, 5b, 7, ...`.
  std::string mapping_text(const std::vector<Column>& columns) const {
    std::string text;
    auto add = [&](const std::string& part) { text += (text.empty() ? "" : ", ") + part; };
    for (std::size_t c = 0; c < columns.size();) {
      const Column& col = columns[c];
      if (!col.role) {
        ++c;
        continue;
      }
      std::size_t e = c;
      if (col.role == ColumnRole::Question || col.role == ColumnRole::Number)
        while (e + 1 < columns.size() && columns[e + 1].role == col.role) ++e;
      if (e == c) {
        std::string part = column_letters(c) + " \"" + std::string(col.header.substr(0, utf8::prefix_length(col.header, 40))) +
                           (utf8::code_points(col.header) > 40 ? "…" : "") + "\" = " + to_string(*col.role);
        if (col.role == ColumnRole::Question || col.role == ColumnRole::Number) part += " " + col.question;
        if (col.from_manifest) part += " (manifest)";
        add(part);
      } else {
        std::string part = column_letters(c) + ".." + column_letters(e) + " = " +
                           (col.role == ColumnRole::Question ? "questions " : "numbers ");
        for (std::size_t k = c; k <= e && k < c + 12; ++k) part += (k > c ? ", " : "") + columns[k].question;
        if (e >= c + 12) part += ", …";
        add(part);
      }
      c = e + 1;
    }
    return text;
  }

  // The respondent of a row that names none: the file, the sheet and the
  // row ("export.csv, rad 7", "export.xlsx, Blad2, rad 7"), so that rows of
  // different files or sheets are never counted as one respondent.
  std::string row_respondent(const std::string& sheet, std::size_t row) const {
    return file_name + ", " + (sheet.empty() ? "" : sheet + ", ") + "rad " + std::to_string(row);
  }

  // The error for a text past ReadOptions::max_bytes; `from_row`: where the
  // sheet's data starts, or the row that passed the limit.
  Diagnostic text_too_large(const std::string& sheet, std::optional<std::size_t> from_row) const {
    return make_error(path,
                      where(sheet) + "the text of the answer and number cells" +
                          (from_row ? " (from row " + with_thousands(*from_row) + ")" : std::string()) +
                          " passes the limit of " + with_thousands(options.max_bytes) +
                          " bytes (the file's size limit; cells may repeat one long shared string)",
                      "raise the limit with --max-file-size, or split the file into smaller parts");
  }

  void add_checkpoint(std::size_t text_pos, std::size_t file) { out.offsets.add_checkpoint(text_pos, file); }

  // The place name id (TextPlaces::name_id) of column_letters(column),
  // looked up once per column.
  std::uint32_t letters_id(std::size_t column) {
    if (column >= column_ids.size()) column_ids.resize(column + 1);
    if (!column_ids[column]) column_ids[column] = out.places.name_id(column_letters(column));
    return *column_ids[column];
  }

  // Appends one cell to the text with its place; its span in the text.
  ByteSpan emit_cell(std::uint32_t sheet_id, std::size_t row, const SheetCell& cell) {
    const auto [b, e] = trimmed_range(cell.text);
    const std::size_t begin = out.text.size();
    const bool changed = append_nfc(out.text, cell.text.substr(b, e - b));
    const std::size_t end = out.text.size();
    if (mapping) {
      add_checkpoint(begin, file_pos(cell, b));
      if (!changed && cell.doubled)
        for (std::size_t d : *cell.doubled)
          if (d >= b && d < e) add_checkpoint(begin + (d - b) + 1, file_pos(cell, d + 1));
      add_checkpoint(end, file_pos(cell, e));
    }
    out.text += "\n\n";
    out.places.push_cell({begin, end}, sheet_id, row, letters_id(cell.column));
    return {begin, end};
  }

  // What pass 2 saw of a sheet's rows, for its note and warnings.
  struct RowTally {
    std::size_t read = 0, empty = 0;
    std::size_t named_by_region = 0;    // rows whose respondent is the region they name
    std::vector<std::size_t> unnamed;   // rows named by file and row
    std::vector<std::string> not_numbers;  // cells of number columns that are no numbers
    std::vector<std::size_t> totals;    // rows of totals ("Totalt"), not read
  };

  // Pass 2: one part per row with an answer or a number.
  // A sheet's year when no column gives one (year_clue_of): the year and
  // its clue's index in GivenSegments::year_clues.
  struct SheetYear {
    int year;
    std::int32_t clue;
  };

  // The year of a sheet without a year column, as the file says it
  // elsewhere: a title row above the header ("Uppföljning God och nära
  // vård 2024"), else the year its question headers name most ("... under
  // 2023"; the first header naming it is the evidence), else the year in
  // the sheet's name, else in the file's name; nullopt when none does.
  std::optional<std::pair<int, YearClue>> year_clue_of(const std::string& sheet, const SheetLayout& layout,
                                                        const std::vector<Column>& columns) const {
    for (const std::string& title : layout.title_texts)
      if (const std::optional<int> y = year_in_text(title)) return std::pair{*y, YearClue{"sheet_title_year", title}};
    std::map<int, std::pair<std::size_t, const std::string*>> named;  // year → headers naming it, the first
    for (const Column& col : columns)
      if (col.role == ColumnRole::Question || col.role == ColumnRole::Number)
        if (const std::optional<int> y = year_in_text(col.header)) {
          auto& [count, first] = named[*y];
          if (count++ == 0) first = &col.header;
        }
    const auto most = std::max_element(named.begin(), named.end(), [](const auto& a, const auto& b) {
      return a.second.first < b.second.first;
    });
    if (most != named.end()) return std::pair{most->first, YearClue{"column_header_year", *most->second.second}};
    for (const std::string* name : {&sheet, &file_name})
      if (const std::optional<int> y = year_in_text(*name)) return std::pair{*y, YearClue{"file_name_year", *name}};
    return std::nullopt;
  }

  Status emit_rows(const std::string& sheet, const SheetRows& rows, const std::vector<Column>& columns,
                   std::size_t header_row, std::optional<std::size_t> question_text_row,
                   std::optional<SheetYear> sheet_year, RowTally& tally) {
    GivenSegments& given = *out.given;
    std::size_t last_row = header_row;
    // Each column's question (GivenSegments::questions), added at its first cell.
    std::vector<std::optional<std::uint32_t>> questions(columns.size());
    auto question_of = [&](std::size_t column) {
      if (!questions[column]) {
        questions[column] = static_cast<std::uint32_t>(given.questions.size());
        given.questions.push_back({columns[column].question, columns[column].header});
      }
      return *questions[column];
    };
    const bool has_questions = std::any_of(columns.begin(), columns.end(), [](const Column& col) {
      return col.role == ColumnRole::Question || col.role == ColumnRole::Number;
    });
    const std::uint32_t sheet_id = out.places.name_id(sheet);
    // Without a respondent or municipality column, a row that names one of
    // the 21 regions, and the only row that names it, is that region's
    // organisation's answer ("Region Skåne"; "RSS Skåne" when its type says
    // rss): one row per region.
    const bool names_column = std::any_of(columns.begin(), columns.end(), [](const Column& col) {
      return col.role == ColumnRole::Respondent || col.role == ColumnRole::Municipality;
    });
    struct RegionNamed {
      std::uint32_t part;
      std::size_t row;
      std::optional<RespondentType> type_given;  // by the type column
    };
    std::map<std::string, std::vector<RegionNamed>> by_region;  // organisation → its rows
    // A metadata column repeats a few values ("Region Dalarna" in every
    // row): a value equal to the one above is not read again.
    Remembered<RegionCell> regions;
    Remembered<std::optional<int>> years;
    Remembered<std::optional<RespondentType>> types;
    // A row's part, its year the sheet's when it has none of its own.
    const auto add_part = [&](Respondent r, const std::string& title) {
      GivenPart p{std::move(r), title};
      if (!p.respondent.year && sheet_year) {
        p.respondent.year = sheet_year->year;
        p.year_clue = sheet_year->clue;
      }
      given.parts.push_back(std::move(p));
      return static_cast<std::uint32_t>(given.parts.size() - 1);
    };
    const Status walked = rows.each_row([&](std::size_t row, const std::vector<SheetCell>& cells) -> Status {
      if (row <= header_row) return {};
      tally.empty += row - last_row - 1;  // rows the source left out are empty
      last_row = row;
      if (row == question_text_row) return {};  // the header's second row
      Respondent respondent;
      std::string municipality, name;
      bool any = false, has_content = false, region_named = false;
      for (const SheetCell& c : cells) {
        const std::string_view text = trimmed(c.text);
        if (text.empty()) continue;
        any = true;
        if (c.column >= columns.size() || !columns[c.column].role) continue;
        switch (*columns[c.column].role) {
          case ColumnRole::Respondent: name = std::string(text); break;
          case ColumnRole::Municipality: municipality = std::string(text); break;
          case ColumnRole::Region: {
            const RegionCell& cell = regions.of(text, region_of);
            respondent.region = cell.region;
            region_named = cell.one_of_21;
            break;
          }
          case ColumnRole::Year: respondent.year = years.of(text, year_of); break;
          case ColumnRole::RespondentType: respondent.type = types.of(text, respondent_type_of); break;
          case ColumnRole::Question:
          case ColumnRole::Number: has_content = true; break;
          case ColumnRole::Ignore: break;
        }
      }
      if (!any) {
        ++tally.empty;
        return {};
      }
      // A row of totals ("Totalt", "Summa") is no respondent's.
      for (const SheetCell& c : cells)
        if (!trimmed(c.text).empty()) {
          if (says_total(trimmed(c.text))) {
            tally.totals.push_back(row);
            return {};
          }
          break;
        }
      ++tally.read;
      // A row that names its respondent but answers nothing (no cell, or
      // only cells of number columns that are no numbers) is that
      // respondent's blank form, in a sheet that has questions: a part
      // without answers (listed as such). A row that names nobody and
      // answers nothing is not read.
      std::string organisation;
      const std::optional<RespondentType> type_given = respondent.type;
      if (!names_column && region_named && respondent.type != RespondentType::Kommun) {
        if (!respondent.type) respondent.type = RespondentType::Region;
        organisation = organisation_name(respondent.type, respondent.region);
      }
      if (!has_content && name.empty() && municipality.empty() && organisation.empty()) return {};
      if (!municipality.empty() && !respondent.type) respondent.type = RespondentType::Kommun;
      // A respondent named as an organisation says its type, and a region
      // its region: "Region Jämtland Härjedalen", "RSS Kalmar", "Östersunds kommun".
      if (!name.empty() && !respondent.type)
        if (const std::optional<RespondentType> t = type_of_organisation(name)) {
          respondent.type = t;
          if (*t != RespondentType::Kommun && respondent.region.empty())
            if (RegionCell cell = region_of(name); cell.one_of_21) respondent.region = std::move(cell.region);
        }
      respondent.name = !name.empty() ? name : !municipality.empty() ? municipality : organisation;
      if (respondent.name.empty()) {
        respondent.name = row_respondent(sheet, row);
        tally.unnamed.push_back(row);
      }
      const std::string title = (sheet.empty() ? "" : sheet + " ") + "rad " + std::to_string(row);
      std::optional<std::uint32_t> part;
      for (const SheetCell& c : cells) {
        if (c.column >= columns.size() || trimmed(c.text).empty()) continue;
        const Column& col = columns[c.column];
        if (col.role != ColumnRole::Question && col.role != ColumnRole::Number) continue;
        if (col.role == ColumnRole::Question && marks_no_answer(trimmed(c.text))) continue;  // "-", "–", "x"
        std::optional<double> number;
        if (col.role == ColumnRole::Number) {
          number = parse_cell_number(c.text);
          if (!number && !col.number_by_header) {
            tally.not_numbers.push_back(cell_name(sheet, row, c.column));
            continue;
          }
        }
        if (!part) part = add_part(respondent, title);
        const ByteSpan span = emit_cell(sheet_id, row, c);
        if (number)
          given.numbers.push_back({*part, question_of(c.column), *number, span});
        else
          given.answers.push_back({*part, question_of(c.column), span});
      }
      if (!part && has_questions && (!name.empty() || !municipality.empty() || !organisation.empty()))
        part = add_part(respondent, title);
      if (part && !organisation.empty()) by_region[organisation].push_back({*part, row, type_given});
      // NFC can make a cell longer than pass 1 counted it.
      if (out.text.size() > options.max_bytes) return text_too_large(sheet, row);
      return {};
    });
    if (!walked.ok()) return walked;
    // A region named by more rows than one is no one-row-per-region sheet
    // for it: those rows are no region's answers ("Skåne län" beside three
    // municipalities' answers), and are named by file and row.
    for (const auto& [organisation, named] : by_region) {
      if (named.size() == 1) {
        ++tally.named_by_region;
        continue;
      }
      for (const RegionNamed& r : named) {
        Respondent& respondent = given.parts[r.part].respondent;
        respondent.name = row_respondent(sheet, r.row);
        respondent.type = r.type_given;
        tally.unnamed.push_back(r.row);
      }
    }
    std::sort(tally.unnamed.begin(), tally.unnamed.end());
    return {};
  }

  Status add_sheet(const std::string& sheet, const SheetRows& rows, const std::vector<CellRange>& merges) {
    if (++sheets_read > kMaxSheets)
      return make_error(path, "more than " + std::to_string(kMaxSheets) + " sheets", "split the workbook");
    std::vector<Column> columns;
    SheetLayout layout;
    const std::size_t rows_before = data_rows;
    if (Status s = survey_columns(sheet, rows, merges, columns, layout); !s.ok()) return s;
    const std::optional<std::size_t>& header_row = layout.header_row;
    const std::vector<std::size_t>& title_rows = layout.title_rows;
    const std::optional<std::size_t>& total_row = layout.total_row;
    const std::string label = sheet.empty() ? std::string() : "sheet \"" + sheet + "\"";
    if (!header_row) {
      warnings.push_back(note((label.empty() ? "the file" : label) + " is empty: nothing read"));
      return {};
    }
    if (Status s = assign_roles(sheet, columns); !s.ok()) return s;
    // A summary beside the answers: totals, and no question, no column that
    // names respondents, none the manifest names (rows named by region,
    // "Antal svar" per county). Its rows are no respondents: not read. In
    // any other sheet only the rows of totals are left out.
    if (total_row && std::none_of(columns.begin(), columns.end(), [](const Column& c) {
          return c.role == ColumnRole::Question || c.role == ColumnRole::Respondent ||
                 c.role == ColumnRole::Municipality || c.from_manifest;
        })) {
      data_rows = rows_before;
      warnings.push_back(note((label.empty() ? "the file" : label) + " not read: a summary (row " +
                              std::to_string(*total_row) + " holds totals, and no column is a question), " +
                              "not one respondent per row; name its columns in the manifest (\"columns\") to read it"));
      return {};
    }
    // What pass 2 will add, reserved at once: growing by doubling would
    // hold twice the output at its peak.
    std::size_t cells = 0, bytes = 0, answers = 0;
    for (const Column& col : columns)
      if (col.role == ColumnRole::Question || col.role == ColumnRole::Number) {
        cells += col.filled;
        bytes += col.bytes + 2 * col.filled;
        if (col.role == ColumnRole::Question) answers += col.filled;
      }
    // The text budget (ReadOptions::max_bytes), before anything is
    // reserved: in XLSX a 20-byte cell can name a shared string of 32,767
    // characters, so the text can outgrow the inflated XML a thousandfold.
    if (out.text.size() + bytes > options.max_bytes) return text_too_large(sheet, *header_row + 1);
    reserve_large(out.given->parts, out.given->parts.size() + (data_rows - rows_before));
    reserve_large(out.given->answers, out.given->answers.size() + answers);
    reserve_large(out.given->numbers, out.given->numbers.size() + cells - answers);
    reserve_large(out.text, out.text.size() + bytes);
    out.places.reserve(out.places.size() + cells);
    if (mapping) out.offsets.reserve(2 * (out.places.size() + cells));
    std::optional<SheetYear> sheet_year;
    std::string year_note;
    if (std::none_of(columns.begin(), columns.end(), [](const Column& c) { return c.role == ColumnRole::Year; }))
      if (std::optional<std::pair<int, YearClue>> clue = year_clue_of(sheet, layout, columns)) {
        year_note = "; year " + std::to_string(clue->first) + " (no year column: " +
                    (clue->second.rule == "sheet_title_year"     ? "the title"
                     : clue->second.rule == "column_header_year" ? "the question headers"
                                                                 : "the name") +
                    " \"" + std::string(clue->second.text.substr(0, utf8::prefix_length(clue->second.text, 60))) + "\")";
        sheet_year = SheetYear{clue->first, static_cast<std::int32_t>(out.given->year_clues.size())};
        out.given->year_clues.push_back(std::move(clue->second));
      }
    RowTally tally;
    if (Status s = emit_rows(sheet, rows, columns, *header_row, layout.question_text_row, sheet_year, tally); !s.ok())
      return s;
    const std::size_t read = tally.read, empty = tally.empty;
    const std::vector<std::size_t>& unnamed = tally.unnamed;
    const std::vector<std::string>& not_numbers = tally.not_numbers;
    std::string message = (label.empty() ? "" : label + ": ") + "header row " + std::to_string(*header_row);
    if (!title_rows.empty())
      message += " (" + list_rows(title_rows) + " above it, one cell " + (title_rows.size() == 1 ? "only" : "each") +
                 ", read as " + (title_rows.size() == 1 ? "a title)" : "titles)");
    if (layout.group_row)
      message += " (row " + std::to_string(*layout.group_row) + " above it: group labels over its columns)";
    if (layout.question_text_row)
      message += " (row " + std::to_string(*layout.question_text_row) + " under it: the questions' texts)";
    message += ": " + mapping_text(columns) + "; " + with_thousands(read) + (read == 1 ? " row" : " rows") + " read";
    if (empty > 0) message += ", " + with_thousands(empty) + " empty " + (empty == 1 ? "row" : "rows") + " skipped";
    if (read == 0) message += " (a header row only)";
    if (!tally.totals.empty())
      message += "; " + list_rows(tally.totals) + " of totals (\"Totalt\", \"Summa\") not read as respondents";
    message += year_note;
    if (tally.named_by_region > 0)
      message += "; " + with_thousands(tally.named_by_region) + (tally.named_by_region == 1 ? " row names" : " rows name") +
                 " no respondent but a region: its organisation (\"Region X\", \"RSS X\" by the type column) answered";
    warnings.push_back(note(std::move(message)));
    if (!unnamed.empty())
      warnings.push_back(make_warning(path,
                                      where(sheet) + std::to_string(unnamed.size()) +
                                          (unnamed.size() == 1 ? " row has" : " rows have") +
                                          " no respondent (" + list_rows(unnamed) + "): named by file and row (\"" +
                                          row_respondent(sheet, unnamed.front()) + "\")",
                                      "fill in the respondent or municipality column, or name the column that "
                                      "holds it in the manifest (\"columns\")"));
    if (!not_numbers.empty()) {
      std::string cells;
      for (std::size_t i = 0; i < not_numbers.size() && i < 8; ++i) cells += (i ? ", " : "") + not_numbers[i];
      if (not_numbers.size() > 8) cells += " and " + std::to_string(not_numbers.size() - 8) + " more";
      const bool one = not_numbers.size() == 1;
      warnings.push_back(make_warning(path, where(sheet) + std::to_string(not_numbers.size()) +
                                                (one ? " cell of a number column is no number and was left out ("
                                                     : " cells of number columns are no numbers and were left out (") +
                                                cells + ")",
                                      "correct the cells, or give the column the role \"question\" in the manifest"));
    }
    return {};
  }

  Result<SourceText> finish() {
    for (std::size_t k = 0; k < options.columns.size(); ++k)
      if (!setting_used[k])
        return make_error(path, "the manifest names column \"" + options.columns[k].column +
                                    "\", which is no header text or column letter of this file",
                          "check the spelling against the header row, or remove the setting from \"columns\"");
    if (data_rows == 0)
      return make_error(path, "no rows of data: the file holds at most a header row",
                        "export the answers again (one respondent per row under a header row), or leave the file out");
    return std::move(out);
  }
};

SpreadsheetBuilder::SpreadsheetBuilder(std::string path, const ReadOptions& options, std::optional<FileMapping> mapping,
                                       Diagnostics& warnings)
    : impl_(std::make_unique<Impl>(std::move(path), options, mapping, warnings)) {}
SpreadsheetBuilder::~SpreadsheetBuilder() = default;

Status SpreadsheetBuilder::add_sheet(const std::string& sheet, const SheetRows& rows,
                                     const std::vector<CellRange>& merges) {
  return impl_->add_sheet(sheet, rows, merges);
}

void SpreadsheetBuilder::skip_sheet(const std::string& sheet, const std::string& why) {
  impl_->warnings.push_back(impl_->note("sheet \"" + sheet + "\" not read: " + why));
}

Result<SourceText> SpreadsheetBuilder::finish() { return impl_->finish(); }

}  // namespace analyzer
