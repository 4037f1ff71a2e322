#include "analyzer/coding/reviewed_codes.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "analyzer/core/mention_id.hpp"

namespace analyzer::coding {
namespace {

bool holds(ByteSpan outer, ByteSpan inner) { return outer.begin <= inner.begin && inner.end <= outer.end; }

// The codings that take part, sorted out by kind: the decision in force per
// mention id, the manual codings per answer (by position in `answers`).
struct Sorted {
  std::unordered_map<std::string, const Coding*> decision;
  std::vector<std::vector<const Coding*>> manual;
};

// The places of a manual mention (see the header): the sentence of an
// automatic mention that holds it, else the sentences it touches, else the
// coded bytes; `sentences` is split once per answer, when first needed.
void place_manual(const AnswerRecord& a, const std::vector<Mention>& automatic, const ReviewOptions& options,
                  std::optional<std::vector<ByteSpan>>& sentences, Mention& m) {
  for (const Mention& auto_mention : automatic)
    if (!auto_mention.sentence_in_text.empty() && holds(auto_mention.sentence_in_text, m.in_text)) {
      m.sentence_in_text = auto_mention.sentence_in_text;
      m.sentence = auto_mention.sentence;
      m.location = auto_mention.location;
      return;
    }
  m.sentence_in_text = m.in_text;
  m.sentence = a.span;
  m.location = a.location;
  if (!options.sentences) return;
  if (!sentences) sentences = options.sentences(a.text);
  for (const ByteSpan& s : *sentences)
    if (s.begin < m.in_text.end && m.in_text.begin < s.end) {
      m.sentence_in_text.begin = std::min(m.sentence_in_text.begin, s.begin);
      m.sentence_in_text.end = std::max(m.sentence_in_text.end, s.end);
    }
}

}  // namespace

ReviewedAnswers apply_reviewed_codes(std::vector<AnswerRecord> answers, const std::vector<Coding>& codings,
                                     const ReviewOptions& options) {
  ReviewedAnswers out;
  ReviewCounts& n = out.counts;
  const auto counted = [&](const std::string& theme) {
    return options.themes.empty() || std::find(options.themes.begin(), options.themes.end(), theme) != options.themes.end();
  };
  std::unordered_map<std::string, std::size_t> position;
  position.reserve(answers.size());
  for (std::size_t i = 0; i < answers.size(); ++i) position.emplace(answers[i].id, i);

  Sorted sorted;
  sorted.manual.resize(answers.size());
  for (const Coding& c : codings) {
    if (!c.removed.empty() || c.theme.empty()) continue;
    if (!options.coder.empty() && c.coder != options.coder) continue;
    if (c.orphaned) {
      n.orphaned += counted(c.theme);
      continue;
    }
    auto at = position.find(c.answer_id);
    if (at == position.end()) continue;
    if (c.kind == CodingKind::Manual) {
      const AnswerRecord& a = answers[at->second];
      if (c.span.empty() || c.span.end > a.text.size()) {
        n.orphaned += counted(c.theme);
        continue;
      }
      sorted.manual[at->second].push_back(&c);
      continue;
    }
    const Coding*& in_force = sorted.decision[c.mention_id];
    if (!in_force || in_force->id < c.id) in_force = &c;
  }

  for (std::size_t i = 0; i < answers.size(); ++i) {
    AnswerRecord& a = answers[i];
    std::vector<Mention> effective;
    effective.reserve(a.mentions.size() + sorted.manual[i].size());
    for (const Mention& m : a.mentions) {
      const bool count = counted(m.theme);
      n.automatic += count;
      if (!sorted.decision.empty()) {
        auto d = sorted.decision.find(mention_id(a.id, m.theme, m.span));
        if (d != sorted.decision.end()) {
          n.reviewed += count;
          if (d->second->kind == CodingKind::Rejected) {
            n.rejected += count;
            continue;
          }
          n.accepted += count;
        }
      }
      effective.push_back(m);
    }
    if (!sorted.manual[i].empty()) {
      std::vector<const Coding*>& manual = sorted.manual[i];
      std::sort(manual.begin(), manual.end(), [](const Coding* x, const Coding* y) { return x->id < y->id; });
      std::optional<std::vector<ByteSpan>> sentences;
      for (const Coding* c : manual) {
        const bool twice = std::any_of(effective.begin(), effective.end(), [&](const Mention& e) {
          return e.theme == c->theme && e.in_text == c->span;
        });
        if (twice) continue;
        Mention m;
        m.theme = c->theme;
        m.rule = kManualRule;
        m.in_text = c->span;
        m.text = c->quote;
        place_manual(a, a.mentions, options, sentences, m);
        m.span = c->source_span ? *c->source_span : m.sentence;
        effective.push_back(std::move(m));
        n.manual += counted(c->theme);
      }
      std::stable_sort(effective.begin(), effective.end(),
                       [](const Mention& x, const Mention& y) { return x.in_text.begin < y.in_text.begin; });
    }
    a.mentions = std::move(effective);
  }
  out.answers = std::move(answers);
  return out;
}

bool has_review(const std::vector<Coding>& codings) {
  return std::any_of(codings.begin(), codings.end(),
                     [](const Coding& c) { return c.removed.empty() && !c.orphaned; });
}

}  // namespace analyzer::coding
