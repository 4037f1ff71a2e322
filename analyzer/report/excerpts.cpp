#include "analyzer/report/excerpts.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

#include "analyzer/mask/text_edits.hpp"
#include "analyzer/report/list_bullet.hpp"
#include "analyzer/report/theme_report.hpp"
#include "analyzer/tokenize/tokenizer.hpp"

namespace analyzer {
namespace {

// ---------------------------------------------------------------------------
// Tidying a sentence for quoting: no leading bullet, single spaces.

std::vector<TextEdit> tidy_edits(std::string_view s, bool drop_bullet) {
  std::vector<TextEdit> edits;
  std::size_t i = 0;
  if (const std::size_t bullet = drop_bullet ? leading_bullet_size(s) : 0) {
    edits.push_back({{0, bullet}, ""});
    i = bullet;
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
// Excerpts.

// One sentence of one answer holding mentions of the theme.
struct Occurrence {
  const AnswerRecord* answer = nullptr;
  ByteSpan in_text;                  // the sentence in answer->text
  ByteSpan original;                 // the sentence in the source file
  std::vector<ByteSpan> marks;       // mentions, relative to in_text.begin
  RecordLocation location;           // of the sentence's first mention
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
      if (!o.answer) o = {&a, s, m.sentence, {}, m.location};
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
  c.location = o.location;
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
  // Measured: masking with contact names runs at about 7 MB/s of quoted
  // text (ICU word iteration for name matching), far faster without names.
  PersonalDataMasker masker(contact_names);

  auto quote = [&](std::string_view text, bool drop_bullet, std::vector<ByteSpan>* marks) {
    return masker.mask(apply_text_edits(text, tidy_edits(text, drop_bullet), marks), marks);
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
}  // namespace analyzer

namespace analyzer {

std::vector<std::string> excerpt_sources(const ExcerptList& list) {
  std::vector<std::string> names;
  for (const Excerpt& e : list.excerpts)
    for (const Citation& c : e.sources) names.push_back(c.source);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

}  // namespace analyzer
