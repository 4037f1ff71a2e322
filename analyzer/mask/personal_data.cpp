#include "analyzer/mask/personal_data.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <unordered_map>

#include <re2/re2.h>

#include "analyzer/mask/text_edits.hpp"
#include "analyzer/tokenize/tokenizer.hpp"

namespace analyzer {
namespace {

re2::StringPiece sp(std::string_view s) { return re2::StringPiece(s.data(), s.size()); }

bool ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool ascii_alnum(char c) {
  return ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// A number may start at `i`: not inside a run of letters or digits, nor
// right after a digit and one of `joiners` ("2019-", "3,").
bool number_may_start(std::string_view s, std::size_t i, std::string_view joiners) {
  if (i == 0) return true;
  const char before = s[i - 1];
  if (ascii_alnum(before)) return false;
  return !(joiners.find(before) != std::string_view::npos && i > 1 && ascii_digit(s[i - 2]));
}

// ---------------------------------------------------------------- e-mail

const RE2& email_pattern() {
  static const RE2 re(
      "([\\p{L}\\p{N}._%+\\-]+(?:@|\\s?[(\\[]at[)\\]]\\s?)[\\p{L}\\p{N}\\-]+(?:\\.[\\p{L}\\p{N}\\-]+)*\\.\\p{L}{2,})");
  return re;
}

std::vector<ByteSpan> find_emails(std::string_view text) {
  std::vector<ByteSpan> found;
  // The pattern needs "@", "at)" or "at]": most texts hold none of them.
  if (text.find('@') == std::string_view::npos && text.find("at)") == std::string_view::npos &&
      text.find("at]") == std::string_view::npos)
    return found;
  re2::StringPiece in = sp(text), m;
  while (RE2::FindAndConsume(&in, email_pattern(), &m)) {
    const std::size_t begin = m.data() - text.data();
    found.push_back({begin, begin + m.size()});
  }
  return found;
}

// ---------------------------------------------------------------- personnummer

// The separator before the last four digits at `i`: its length, or 0.
std::size_t personnummer_separator(std::string_view s, std::size_t i) {
  for (std::string_view sep : {"-", "+", " ", "\xe2\x80\x93", "\xe2\x80\x91", "\xc2\xa0"})
    if (s.substr(i, sep.size()) == sep) return sep.size();
  return 0;
}

std::size_t digits_from(std::string_view s, std::size_t i) {
  std::size_t j = i;
  while (j < s.size() && ascii_digit(s[j])) ++j;
  return j - i;
}

// The end of a personnummer starting at `i` (a digit), or 0.
std::size_t personnummer_end(std::string_view s, std::size_t i) {
  if (!number_may_start(s, i, "-/.,:+")) return 0;
  const std::size_t run = digits_from(s, i);
  std::size_t end = 0;
  std::string digits;   // the 10 digits YYMMDDNNNN
  std::string_view century;
  if (run == 10 || run == 12) {
    end = i + run;
    digits = s.substr(end - 10, 10);
    if (run == 12) century = s.substr(i, 2);
  } else if (run == 6 || run == 8) {
    const std::size_t sep = personnummer_separator(s, i + run);
    if (!sep || digits_from(s, i + run + sep) != 4) return 0;
    end = i + run + sep + 4;
    digits = std::string(s.substr(i + run - 6, 6)) + std::string(s.substr(i + run + sep, 4));
    if (run == 8) century = s.substr(i, 2);
  } else {
    return 0;
  }
  if (end < s.size() && ascii_alnum(s[end])) return 0;
  if (!century.empty() && century != "18" && century != "19" && century != "20") return 0;
  return valid_personnummer_digits(digits) ? end : 0;
}

std::vector<ByteSpan> find_personnummer(std::string_view text) {
  std::vector<ByteSpan> found;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!ascii_digit(text[i])) continue;
    if (std::size_t end = personnummer_end(text, i)) {
      found.push_back({i, end});
      i = end - 1;
    } else {
      i += digits_from(text, i) - 1;   // never start again inside a run of digits
    }
  }
  return found;
}

// ---------------------------------------------------------------- phone

// A separator between two digit groups of a phone number at `i` ("070-123",
// "070 123", "08 – 123", "070/123"): its length, or 0.
std::size_t phone_separator(std::string_view s, std::size_t i) {
  for (std::string_view sep : {" - ", " \xe2\x80\x93 ", "\xe2\x80\x93", "-", " ", "/", "\xc2\xa0"})
    if (s.substr(i, sep.size()) == sep) return sep.size();
  return 0;
}

// The end of a phone number starting at `i`, or 0 (see the header).
// Also "(08) 123 45 67": an area code in brackets.
std::size_t phone_end(std::string_view s, std::size_t i) {
  if (!number_may_start(s, i, "-/.,+")) return 0;
  auto digit_at = [&](std::size_t k) { return k < s.size() && ascii_digit(s[k]); };
  auto skip_one_of = [&](std::size_t& k, std::string_view chars) {
    if (k < s.size() && chars.find(s[k]) != std::string_view::npos) ++k;
  };
  std::size_t j = i;
  if (s.substr(j, 2) == "46" && digit_at(j + 2) && s[j + 2] != '0') {
    // "46701234567": the country code without "+", digits only.
    const std::size_t run = digits_from(s, j);
    if (run != 10 && run != 11) return 0;
    const std::size_t end = j + run;
    return end < s.size() && ascii_alnum(s[end]) ? 0 : end;
  }
  bool international = false, bracket = false;
  if (s.substr(j, 3) == "+46" || s.substr(j, 4) == "0046") {
    international = true;
    j += s[j] == '+' ? 3 : 4;
    skip_one_of(j, " -");
    if (s.substr(j, 3) == "(0)") {
      j += 3;
      skip_one_of(j, " -");
    }
    if (!digit_at(j) || s[j] == '0') return 0;
  } else {
    if (s[j] == '(') bracket = true, ++j;
    if (!(s.substr(j, 1) == "0" && digit_at(j + 1) && s[j + 1] != '0')) return 0;
  }
  const std::size_t min_digits = international ? 7 : 8, max_digits = international ? 9 : 10;
  std::size_t digits = 0, best = 0;
  // Groups joined by '.' ("070.123.45.67"): four or more groups of 2 or 3
  // digits, 9 digits or more, a group of 3 after the area code or a mobile
  // number's 07x first; so a date ("05.12.2023"), a time ("08.30.09.45"),
  // a code ("01.02.03.04") or an amount stays.
  std::size_t groups = 0, dotted_best = 0;
  bool dotted = false, short_groups = true, three_after_area = false;
  const bool mobile = s.substr(j, 2) == "07";
  while (true) {
    const std::size_t group_begin = j;
    while (digit_at(j)) ++digits, ++j;
    ++groups;
    if (j - group_begin < 2 || j - group_begin > 3) short_groups = false;
    if (groups > 1 && j - group_begin == 3) three_after_area = true;
    if (digits > max_digits) break;
    if (digits >= min_digits) {
      if (!dotted) best = j;
      else if (short_groups && groups >= 4 && digits >= 9 && (three_after_area || mobile)) dotted_best = j;
    }
    std::size_t sep = 0;
    if (bracket) {   // "(08" must close after the area code
      if (s.substr(j, 1) != ")") return 0;
      bracket = false;
      sep = s.substr(j + 1, 1) == " " ? 2 : 1;
    } else if (j < s.size()) {
      sep = phone_separator(s, j);
      if (!sep && s[j] == '.' && (dotted || groups == 1) && !international && digit_at(j + 1)) {
        sep = 1;
        dotted = true;
      }
    }
    if (!sep || !digit_at(j + sep)) break;
    if (dotted && s[j] != '.') break;  // one kind of separator in a dotted number
    j += sep;
  }
  if (dotted_best && !(dotted_best < s.size() && ascii_alnum(s[dotted_best]))) return dotted_best;
  return best;
}

std::vector<ByteSpan> find_phones(std::string_view text) {
  std::vector<ByteSpan> found;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '0' && text[i] != '+' && text[i] != '(' && text[i] != '4') continue;
    if (std::size_t end = phone_end(text, i)) {
      found.push_back({i, end});
      i = end - 1;
    }
  }
  return found;
}

}  // namespace

// ---------------------------------------------------------------- names

// Contact names as folded word sequences, indexed by their first word and
// matched over the words of a text.
struct PersonalDataMasker::Names {
  Tokenizer tokenizer;
  std::vector<std::vector<std::string>> names;
  std::unordered_map<std::string, std::vector<std::size_t>> by_first_word;   // → indexes into names

  explicit Names(const std::vector<std::string>& given) {
    for (const std::string& n : given) {
      std::vector<std::string> words;
      for (const Token& t : tokenizer.words(n)) words.push_back(t.folded);
      if (words.empty()) continue;
      by_first_word[words.front()].push_back(names.size());
      names.push_back(std::move(words));
    }
  }

  std::vector<ByteSpan> find(std::string_view text) {
    std::vector<ByteSpan> found;
    if (names.empty()) return found;
    const std::vector<Token> tokens = tokenizer.words(text);
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      auto candidates = by_first_word.find(tokens[i].folded);
      if (candidates == by_first_word.end()) continue;
      std::size_t longest = 0;
      for (std::size_t n : candidates->second)
        if (matches_at(text, tokens, i, names[n])) longest = std::max(longest, names[n].size());
      if (longest) {
        found.push_back({tokens[i].span.begin, tokens[i + longest - 1].span.end});
        i += longest - 1;
      }
    }
    return found;
  }

  static bool joins(std::string_view gap) {
    for (std::size_t i = 0; i < gap.size();) {
      if (std::size_t n = space_at(gap, i)) i += n;
      else if (gap[i] == '-') ++i;
      else return false;
    }
    return true;
  }

  static bool matches_at(std::string_view text, const std::vector<Token>& tokens, std::size_t i,
                         const std::vector<std::string>& name) {
    if (i + name.size() > tokens.size()) return false;
    for (std::size_t k = 0; k < name.size(); ++k) {
      const Token& t = tokens[i + k];
      if (k > 0) {
        const ByteSpan gap{tokens[i + k - 1].span.end, t.span.begin};
        if (!joins(text.substr(gap.begin, gap.size()))) return false;
      }
      if (t.folded == name[k]) continue;
      const bool last = k + 1 == name.size();
      const std::string_view rest = std::string_view(t.folded).substr(std::min(name[k].size(), t.folded.size()));
      const bool genitive = last && t.folded.size() > name[k].size() &&
                            t.folded.compare(0, name[k].size(), name[k]) == 0 &&
                            (rest == "s" || rest == ":s" || rest == "'s");
      if (!genitive) return false;
    }
    return true;
  }
};

PersonalDataMasker::PersonalDataMasker(const std::vector<std::string>& names)
    : names_(std::make_unique<Names>(names)) {}

PersonalDataMasker::~PersonalDataMasker() = default;

std::vector<TextEdit> PersonalDataMasker::edits(std::string_view text) {
  // Kinds in order of precedence; a span overlapping one already taken is
  // left out. Taken spans by begin, so each check is one map lookup.
  std::map<std::size_t, TextEdit> taken;
  auto add = [&](const std::vector<ByteSpan>& spans, const char* token) {
    for (ByteSpan s : spans) {
      auto next = taken.lower_bound(s.begin);
      if (next != taken.end() && next->second.from.begin < s.end) continue;
      if (next != taken.begin() && std::prev(next)->second.from.end > s.begin) continue;
      taken.emplace(s.begin, TextEdit{s, token});
    }
  };
  add(find_emails(text), "[e-post]");
  add(find_personnummer(text), "[personnummer]");
  add(find_phones(text), "[telefon]");
  add(names_->find(text), "[namn]");
  std::vector<TextEdit> edits;
  edits.reserve(taken.size());
  for (auto& [begin, edit] : taken) edits.push_back(std::move(edit));
  return edits;
}

std::string PersonalDataMasker::mask(std::string_view text, std::vector<ByteSpan>* marks) {
  std::vector<TextEdit> found = edits(text);
  if (found.empty()) return std::string(text);
  return apply_text_edits(text, found, marks);
}

std::string PersonalDataMasker::mask_marked(std::string_view text, std::string_view open, std::string_view close) {
  std::string plain;
  std::vector<ByteSpan> marks;
  plain.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t o = text.find(open, at);
    const std::size_t c = o == std::string_view::npos ? o : text.find(close, o + open.size());
    if (c == std::string_view::npos) {
      plain.append(text.substr(at));
      break;
    }
    plain.append(text.substr(at, o - at));
    const std::size_t begin = plain.size();
    plain.append(text.substr(o + open.size(), c - o - open.size()));
    marks.push_back({begin, plain.size()});
    at = c + close.size();
  }
  std::vector<ByteSpan> moved = marks;
  const std::string masked = mask(plain, &moved);
  if (masked == plain) return std::string(text);
  std::string out;
  std::size_t at = 0;
  for (ByteSpan m : moved) {
    out.append(masked, at, m.begin - at);
    out.append(open);
    out.append(masked, m.begin, m.size());
    out.append(close);
    at = m.end;
  }
  out.append(masked, at);
  return out;
}

std::string mask_personal_data(std::string_view text, const std::vector<std::string>& names,
                               std::vector<ByteSpan>* marks) {
  PersonalDataMasker masker(names);
  return masker.mask(text, marks);
}

bool valid_personnummer_digits(std::string_view d) {
  if (d.size() != 10 || !std::all_of(d.begin(), d.end(), ascii_digit)) return false;
  auto two = [&](std::size_t i) { return (d[i] - '0') * 10 + (d[i + 1] - '0'); };
  const int month = two(2), day = two(4);
  if (month < 1 || month > 12) return false;
  if (!((day >= 1 && day <= 31) || (day >= 61 && day <= 91))) return false;
  int sum = 0;
  for (std::size_t i = 0; i < 10; ++i) {
    int v = (d[i] - '0') * (i % 2 == 0 ? 2 : 1);
    sum += v > 9 ? v - 9 : v;
  }
  return sum % 10 == 0;
}

}  // namespace analyzer
