#include "analyzer/report/excerpts.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

#include <re2/re2.h>

#include "analyzer/report/theme_report.hpp"
#include "analyzer/tokenize/tokenizer.hpp"

namespace analyzer {
namespace {

re2::StringPiece sp(std::string_view s) { return re2::StringPiece(s.data(), s.size()); }

// ---------------------------------------------------------------------------
// Rewriting a text with edits, moving byte spans (marks) along.

struct Edit {
  ByteSpan from;   // bytes of the old text
  std::string to;  // what replaces them
};

// Where old position `p` lands in the new text. A position inside an edit
// goes to the near end of its replacement for a begin and the far end for
// an end, so a span that overlaps an edit covers the whole replacement and
// never cuts into it. `edits` sorted, not overlapping.
std::size_t move_position(const std::vector<Edit>& edits, std::size_t p, bool is_end) {
  std::ptrdiff_t delta = 0;
  for (const Edit& e : edits) {
    if (p < e.from.begin) break;
    const std::size_t new_begin = e.from.begin + delta;
    if (p == e.from.begin) return new_begin;
    if (p < e.from.end) return is_end ? new_begin + e.to.size() : new_begin;
    delta += static_cast<std::ptrdiff_t>(e.to.size()) - static_cast<std::ptrdiff_t>(e.from.size());
    if (p == e.from.end) return e.from.end + delta;
  }
  return p + delta;
}

// Applies `edits` (sorted, not overlapping) to `text`; moves `marks` to the
// new text, dropping marks that became empty and merging overlapping ones.
std::string apply_edits(std::string_view text, const std::vector<Edit>& edits, std::vector<ByteSpan>* marks) {
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  for (const Edit& e : edits) {
    out.append(text.substr(at, e.from.begin - at));
    out += e.to;
    at = e.from.end;
  }
  out.append(text.substr(at));
  if (marks) {
    std::vector<ByteSpan> moved;
    for (ByteSpan m : *marks) {
      ByteSpan n{move_position(edits, m.begin, false), move_position(edits, m.end, true)};
      if (!n.empty()) moved.push_back(n);
    }
    std::sort(moved.begin(), moved.end(), [](ByteSpan a, ByteSpan b) { return a.begin < b.begin; });
    marks->clear();
    for (ByteSpan m : moved) {
      if (!marks->empty() && m.begin <= marks->back().end) marks->back().end = std::max(marks->back().end, m.end);
      else marks->push_back(m);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Tidying a sentence for quoting: no leading bullet, single spaces.

const RE2& leading_bullet() {
  // The bullets ingest keeps at the start of a list item (normalize/ keeps
  // "•", U+F0B7 and the like; "- ", "– ", "a) " start items too).
  static const RE2 re("^((?:[•▪◦■●\xef\x82\xb7]\\s*|[-–—*]\\s+|[a-z]\\)\\s+))");
  return re;
}

// White space: ASCII space, tab, CR, LF, and U+00A0; returns its length at `i` or 0.
std::size_t space_at(std::string_view s, std::size_t i) {
  if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') return 1;
  if (s.substr(i, 2) == "\xc2\xa0") return 2;
  return 0;
}

std::vector<Edit> tidy_edits(std::string_view s, bool drop_bullet) {
  std::vector<Edit> edits;
  std::size_t i = 0;
  re2::StringPiece bullet;
  if (drop_bullet && RE2::PartialMatch(sp(s), leading_bullet(), &bullet) && bullet.size() < s.size()) {
    edits.push_back({{0, bullet.size()}, ""});
    i = bullet.size();
  }
  while (i < s.size()) {
    std::size_t n = space_at(s, i);
    if (!n) {
      ++i;
      continue;
    }
    std::size_t end = i + n;
    while (end < s.size() && (n = space_at(s, end))) end += n;
    const bool edge = i == 0 || end == s.size();
    if (edge) edits.push_back({{i, end}, ""});
    else if (end - i > 1 || s[i] != ' ') edits.push_back({{i, end}, " "});
    i = end;
  }
  return edits;
}

// ---------------------------------------------------------------------------
// Personal data.

bool ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool ascii_alnum(char c) {
  return ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

const RE2& email_pattern() {
  static const RE2 re(
      "([\\p{L}\\p{N}._%+\\-]+(?:@|\\s?[(\\[]at[)\\]]\\s?)[\\p{L}\\p{N}\\-]+(?:\\.[\\p{L}\\p{N}\\-]+)*\\.\\p{L}{2,})");
  return re;
}

std::vector<ByteSpan> find_emails(std::string_view text) {
  std::vector<ByteSpan> found;
  re2::StringPiece in = sp(text), m;
  while (RE2::FindAndConsume(&in, email_pattern(), &m)) {
    const std::size_t begin = m.data() - text.data();
    found.push_back({begin, begin + m.size()});
  }
  return found;
}

// A separator between two digit groups of a phone number at `i` ("070-123",
// "070 123", "08 – 123", "070/123"): its length, or 0.
std::size_t phone_separator(std::string_view s, std::size_t i) {
  for (std::string_view sep : {" - ", " \xe2\x80\x93 ", "\xe2\x80\x93", "-", " ", "/", "\xc2\xa0"})
    if (s.substr(i, sep.size()) == sep) return sep.size();
  return 0;
}

// The end of a phone number starting at `i`, or 0 (see mask_personal_data).
// Also "(08) 123 45 67": an area code in brackets.
std::size_t phone_end(std::string_view s, std::size_t i) {
  if (i > 0) {
    const char before = s[i - 1];
    if (ascii_alnum(before)) return 0;
    if (std::string_view("-/.,+").find(before) != std::string_view::npos && i > 1 && ascii_digit(s[i - 2]))
      return 0;
  }
  auto digit_at = [&](std::size_t k) { return k < s.size() && ascii_digit(s[k]); };
  auto skip_one_of = [&](std::size_t& k, std::string_view chars) {
    if (k < s.size() && chars.find(s[k]) != std::string_view::npos) ++k;
  };
  std::size_t j = i;
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
  while (true) {
    while (digit_at(j)) ++digits, ++j;
    if (digits > max_digits) break;
    if (digits >= min_digits) best = j;
    std::size_t sep = 0;
    if (bracket) {   // "(08" must close after the area code
      if (s.substr(j, 1) != ")") return 0;
      bracket = false;
      sep = s.substr(j + 1, 1) == " " ? 2 : 1;
    } else if (j < s.size()) {
      sep = phone_separator(s, j);
    }
    if (!sep || !digit_at(j + sep)) break;
    j += sep;
  }
  return best;
}

std::vector<ByteSpan> find_phones(std::string_view text) {
  std::vector<ByteSpan> found;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '0' && text[i] != '+' && text[i] != '(') continue;
    if (std::size_t end = phone_end(text, i)) {
      found.push_back({i, end});
      i = end - 1;
    }
  }
  return found;
}

// Contact names as folded word sequences, matched over the words of a text.
class NameMatcher {
 public:
  NameMatcher(Tokenizer& tokenizer, const std::vector<std::string>& names) : tokenizer_(tokenizer) {
    for (const std::string& n : names) {
      std::vector<std::string> words;
      for (const Token& t : tokenizer_.words(n)) words.push_back(t.folded);
      if (!words.empty()) names_.push_back(std::move(words));
    }
  }

  std::vector<ByteSpan> find(std::string_view text) const {
    std::vector<ByteSpan> found;
    if (names_.empty()) return found;
    const std::vector<Token> tokens = tokenizer_.words(text);
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      std::size_t longest = 0;
      for (const auto& name : names_)
        if (matches_at(text, tokens, i, name)) longest = std::max(longest, name.size());
      if (longest) {
        found.push_back({tokens[i].span.begin, tokens[i + longest - 1].span.end});
        i += longest - 1;
      }
    }
    return found;
  }

 private:
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
      const bool genitive = last && t.folded.size() > name[k].size() &&
                            t.folded.compare(0, name[k].size(), name[k]) == 0 &&
                            (t.folded.substr(name[k].size()) == "s" || t.folded.substr(name[k].size()) == ":s" ||
                             t.folded.substr(name[k].size()) == "'s");
      if (!genitive) return false;
    }
    return true;
  }

  Tokenizer& tokenizer_;
  std::vector<std::vector<std::string>> names_;
};

// The masking edits of `text`: e-mail before phone before name where they
// overlap; sorted.
std::vector<Edit> personal_data_edits(std::string_view text, const NameMatcher& names) {
  std::vector<Edit> edits;
  auto add = [&](const std::vector<ByteSpan>& spans, const char* mask) {
    for (ByteSpan s : spans) {
      const bool overlaps = std::any_of(edits.begin(), edits.end(), [&](const Edit& e) {
        return s.begin < e.from.end && e.from.begin < s.end;
      });
      if (!overlaps) edits.push_back({s, mask});
    }
  };
  add(find_emails(text), "[e-post]");
  add(find_phones(text), "[telefon]");
  add(names.find(text), "[namn]");
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.from.begin < b.from.begin; });
  return edits;
}

// ---------------------------------------------------------------------------
// Excerpts.

// One sentence of one answer holding mentions of the theme.
struct Occurrence {
  const AnswerRecord* answer = nullptr;
  ByteSpan in_text;                  // the sentence in answer->text
  ByteSpan original;                 // the sentence in the source file
  std::vector<ByteSpan> marks;       // mentions, relative to in_text.begin
};

// The sentences holding mentions of `theme`, in source order.
std::vector<Occurrence> occurrences(const std::vector<AnswerRecord>& answers, const std::string& theme) {
  std::vector<Occurrence> out;
  for (const AnswerRecord& a : answers) {
    std::map<std::size_t, Occurrence> by_begin;   // sentence start in the text → occurrence
    for (const Mention& m : a.mentions) {
      const ByteSpan s = m.sentence_in_text;
      if (m.theme != theme || s.empty() || s.end > a.text.size() || m.in_text.empty()) continue;
      // Ingest widens a sentence to hold a mention that runs past its end,
      // so mentions of one sentence share its start, not always its end.
      Occurrence& o = by_begin[s.begin];
      if (!o.answer) o = {&a, s, m.sentence, {}};
      o.in_text.end = std::max(o.in_text.end, s.end);
      o.original.begin = std::min(o.original.begin, m.sentence.begin);
      o.original.end = std::max(o.original.end, m.sentence.end);
      o.marks.push_back(m.in_text);
    }
    for (auto& [begin, o] : by_begin) {
      std::vector<ByteSpan> marks;
      for (ByteSpan m : o.marks) {
        ByteSpan r{std::max(m.begin, o.in_text.begin), std::min(m.end, o.in_text.end)};
        if (!r.empty()) marks.push_back({r.begin - o.in_text.begin, r.end - o.in_text.begin});
      }
      o.marks = std::move(marks);
      if (!o.marks.empty()) out.push_back(std::move(o));
    }
  }
  return out;
}

Citation cite(const Occurrence& o, std::string question_text) {
  const AnswerRecord& a = *o.answer;
  Citation c;
  c.answer_id = a.id;
  c.source = a.source;
  c.year = a.respondent.year;
  c.region = a.respondent.region;
  c.respondent_type = a.respondent.type ? to_string(*a.respondent.type) : "";
  c.respondent = a.respondent.name;
  c.question = a.question;
  c.question_text = std::move(question_text);
  c.span = o.original;
  c.layout = a.layout;
  return c;
}

// An excerpt with what ranking needs.
struct Candidate {
  Excerpt excerpt;
  std::string respondent;        // respondent_key() of the first source
  std::optional<int> year;
  std::size_t order = 0;         // source order of the first source
  std::size_t round = 0;         // excerpts of the same respondent before it
  std::size_t year_turn = 0;     // excerpts of the same year before it in its round
};

// For each item in the order of `order`, how many items before it have the
// same key; `key` gives a comparable key.
// A sentence whose words (as in the near-duplicate key) lie whole inside a
// longer one's is the same quote: the longer one usually carries a heading
// or a lead-in the export ran into it ("Utveckling av ... Under 2023 har
// ..."). The shorter text stays, with the sources of both. Only sentences of
// at least `min_words` words are compared, so that short common phrases do
// not merge. Quadratic in the candidates, so skipped above a few thousand.
constexpr std::size_t kContainedMinWords = 8;

void merge_contained(std::vector<Candidate>& candidates, const std::vector<std::string>& keys,
                     std::size_t min_words) {
  if (candidates.size() > 3000) return;
  auto words = [](const std::string& key) { return static_cast<std::size_t>(std::count(key.begin(), key.end(), ' ')) - 1; };
  std::vector<bool> gone(candidates.size(), false);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (words(keys[i]) < min_words) continue;
    for (std::size_t j = 0; j < candidates.size(); ++j) {
      if (i == j || gone[j] || gone[i] || keys[j].size() <= keys[i].size()) continue;
      if (keys[j].find(keys[i]) == std::string::npos) continue;
      auto& into = candidates[i].excerpt.sources;
      auto& from = candidates[j].excerpt.sources;
      into.insert(into.end(), from.begin(), from.end());
      gone[j] = true;
    }
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (gone[i]) continue;
    if (kept != i) candidates[kept] = std::move(candidates[i]);
    ++kept;
  }
  candidates.resize(kept);
}

template <class Key>
std::vector<std::size_t> turns(const std::vector<Candidate>& c, const std::vector<std::size_t>& order, Key key) {
  std::map<decltype(key(c[0])), std::size_t> seen;
  std::vector<std::size_t> turn(c.size());
  for (std::size_t i : order) turn[i] = seen[key(c[i])]++;
  return turn;
}

void rank(std::vector<Candidate>& c) {
  if (c.empty()) return;
  std::vector<std::size_t> order(c.size());
  for (std::size_t i = 0; i < c.size(); ++i) order[i] = i;
  auto by = [&](auto key) {
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(c[a]) < key(c[b]); });
  };
  by([](const Candidate& x) { return x.order; });
  // A respondent's own excerpts alternate over its years...
  const auto year_round = turns(c, order, [](const Candidate& x) {
    return std::tuple(x.excerpt.fragment, x.respondent, x.year.value_or(0));
  });
  by([&](const Candidate& x) { return std::tuple(year_round[&x - c.data()], x.order); });
  // ...then a round gives each respondent one...
  const auto round = turns(c, order, [](const Candidate& x) { return std::tuple(x.excerpt.fragment, x.respondent); });
  for (std::size_t i = 0; i < c.size(); ++i) c[i].round = round[i];
  // ...and within a round the years alternate.
  by([](const Candidate& x) { return x.order; });
  const auto year_turn = turns(c, order, [](const Candidate& x) {
    return std::tuple(x.excerpt.fragment, x.round, x.year.value_or(0));
  });
  for (std::size_t i = 0; i < c.size(); ++i) c[i].year_turn = year_turn[i];
  std::stable_sort(c.begin(), c.end(), [](const Candidate& a, const Candidate& b) {
    return std::tuple(a.excerpt.fragment, a.round, a.year_turn, a.order) <
           std::tuple(b.excerpt.fragment, b.round, b.year_turn, b.order);
  });
}

}  // namespace

ExcerptList build_excerpts(const std::vector<AnswerRecord>& answers, const std::string& theme,
                           const std::string& label, const std::vector<std::string>& contact_names,
                           const ExcerptOptions& options) {
  ExcerptList list;
  list.theme = theme;
  list.label = label;
  Tokenizer tokenizer;
  const NameMatcher names(tokenizer, contact_names);

  auto quote = [&](std::string_view text, bool drop_bullet, std::vector<ByteSpan>* marks) {
    const std::string tidy = apply_edits(text, tidy_edits(text, drop_bullet), marks);
    return apply_edits(tidy, personal_data_edits(tidy, names), marks);
  };

  std::vector<Candidate> candidates;
  std::vector<std::string> keys;                         // per candidate
  std::unordered_map<std::string, std::size_t> by_key;   // near-duplicate key → candidate
  std::map<const AnswerRecord*, std::string> question_texts;
  const std::vector<Occurrence> found = occurrences(answers, theme);
  for (std::size_t order = 0; order < found.size(); ++order) {
    const Occurrence& o = found[order];
    const AnswerRecord& a = *o.answer;
    auto [q, new_answer] = question_texts.try_emplace(&a);
    if (new_answer) q->second = quote(a.question_text, false, nullptr);

    Excerpt e;
    e.theme = theme;
    e.marks = o.marks;
    e.text = quote(std::string_view(a.text).substr(o.in_text.begin, o.in_text.size()), true, &e.marks);
    std::string key;
    std::size_t words = 0;
    tokenizer.words(e.text, [&](const Token& t) {
      key += t.folded;
      key += ' ';
      ++words;
      return true;
    });
    if (key.empty()) key = e.text;
    e.fragment = words < options.fragment_words;

    auto [it, is_new] = by_key.try_emplace(key, candidates.size());
    if (!is_new) {
      candidates[it->second].excerpt.sources.push_back(cite(o, q->second));
      continue;
    }
    e.sources.push_back(cite(o, q->second));
    candidates.push_back({std::move(e), respondent_key(a), a.respondent.year, order, 0, 0});
    keys.push_back(" " + key);
  }
  merge_contained(candidates, keys, kContainedMinWords);

  rank(candidates);
  list.sentences = candidates.size();
  const std::size_t n = options.limit ? std::min(options.limit, candidates.size()) : candidates.size();
  for (std::size_t i = 0; i < n; ++i) list.excerpts.push_back(std::move(candidates[i].excerpt));
  return list;
}

std::string mask_personal_data(std::string_view text, const std::vector<std::string>& names,
                               std::vector<ByteSpan>* marks) {
  Tokenizer tokenizer;
  const NameMatcher matcher(tokenizer, names);
  return apply_edits(text, personal_data_edits(text, matcher), marks);
}

}  // namespace analyzer
