#include "analyzer/coding/sync.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <tuple>

#include "analyzer/coding/reanchor.hpp"
#include "analyzer/core/mention_id.hpp"
#include "analyzer/core/utf8.hpp"

namespace analyzer::coding {
namespace {

// The mention of `theme` at exactly `span` of `a`'s text, or null.
const Mention* mention_at(const AnswerRecord& a, const std::string& theme, ByteSpan span) {
  for (const Mention& m : a.mentions)
    if (m.theme == theme && m.in_text == span) return &m;
  return nullptr;
}

// Where a coding is after the re-ingest, before conflicts are settled.
struct Placement {
  const Coding* coding = nullptr;
  std::string hash;                      // the source's hash now
  const AnswerRecord* answer = nullptr;  // null: not found (orphaned)
  ByteSpan span;
  AnchorMatch match = AnchorMatch::Orphaned;  // Unchanged: in place
  bool conflict = false;                 // found, but refused: orphaned
  bool placed() const { return answer && !conflict; }
};

// The place of `c` (sync.hpp, steps 1 to 4): `home` is its answer now (or
// null), `source` every answer of its source in source order.
Placement place_in_source(const Coding& c, const AnswerRecord* home, const std::vector<const AnswerRecord*>& source) {
  Placement p;
  p.coding = &c;
  // A decision is on a mention: moved, it needs one of its theme there.
  auto decides_nothing = [&](const AnswerRecord& a, ByteSpan span) {
    return c.kind != CodingKind::Manual && !mention_at(a, c.theme, span);
  };
  if (home) {
    const Reanchored r = reanchor(c.quote, c.span, home->text);
    if (r.found()) {
      // A white-space match at the very span is the place an earlier
      // white-space move gave it: in place.
      const bool in_place = r.span == c.span;
      if (!in_place && decides_nothing(*home, r.span)) return p;
      p.answer = home;
      p.span = r.span;
      p.match = in_place ? AnchorMatch::Unchanged : r.match;
      return p;
    }
  }
  if (utf8::code_points(quote_words(c.quote)) < kMinQuoteElsewhere) return p;
  const AnswerRecord* only = nullptr;
  std::size_t found = 0;
  for (const AnswerRecord* a : source) {
    if (a == home) continue;
    if (const std::size_t n = occurrences(c.quote, a->text)) {
      found += n;
      only = a;
    }
    if (found > 1) return p;  // ambiguous
  }
  if (found != 1) return p;
  // In another answer the old offset means nothing: search from its start.
  const Reanchored r = reanchor(c.quote, ByteSpan{0, 0}, only->text);
  if (!r.found() || decides_nothing(*only, r.span)) return p;  // (not found cannot happen: see occurrences())
  p.answer = only;
  p.span = r.span;
  p.match = r.match == AnchorMatch::Unchanged ? AnchorMatch::Exact : r.match;
  return p;
}

// What two active codings of one coder may not share (sync.hpp,
// "Conflicts"): a decision's mention, or a manual coding's code and span.
using PlaceKey = std::tuple<std::string, bool, std::string, std::int64_t, std::string, std::size_t, std::size_t>;

PlaceKey key_of(const Placement& p) {
  const Coding& c = *p.coding;
  const bool decision = c.kind != CodingKind::Manual;
  return {c.coder, decision, c.theme, c.code_id.value_or(-1), p.answer->id, p.span.begin, p.span.end};
}

// How far a placement moved its coding: bytes between old and new start
// in its own answer; a move into another answer is farther than any.
std::size_t displacement(const Placement& p) {
  if (p.answer->id != p.coding->answer_id) return std::numeric_limits<std::size_t>::max();
  return p.span.begin > p.coding->span.begin ? p.span.begin - p.coding->span.begin
                                             : p.coding->span.begin - p.span.begin;
}

// Settles the conflicts among `placements` (sync.hpp): sets `conflict` on
// each coding that must be orphaned instead of placed.
void settle_conflicts(std::vector<Placement>& placements) {
  std::map<PlaceKey, std::vector<Placement*>> at;
  for (Placement& p : placements)
    if (p.answer) at[key_of(p)].push_back(&p);
  for (auto& [key, group] : at) {
    if (group.size() < 2) continue;
    const bool any_in_place = std::any_of(group.begin(), group.end(),
                                          [](const Placement* p) { return p->match == AnchorMatch::Unchanged; });
    std::vector<Placement*> moved;
    for (Placement* p : group)
      if (p->match != AnchorMatch::Unchanged) moved.push_back(p);
    if (moved.empty()) continue;  // all in place: as the store holds them, not this plan's to judge
    if (any_in_place) {
      for (Placement* p : moved) p->conflict = true;
      continue;
    }
    // The nearest move keeps the place (a tie of one kind: the lowest id;
    // of both kinds: nobody).
    std::sort(moved.begin(), moved.end(), [](const Placement* a, const Placement* b) {
      return std::pair{displacement(*a), a->coding->id} < std::pair{displacement(*b), b->coding->id};
    });
    std::size_t tied = 1;
    while (tied < moved.size() && displacement(*moved[tied]) == displacement(*moved[0])) ++tied;
    const bool one_kind = std::all_of(moved.begin(), moved.begin() + static_cast<std::ptrdiff_t>(tied),
                                      [&](const Placement* p) { return p->coding->kind == moved[0]->coding->kind; });
    for (std::size_t i = one_kind ? 1 : 0; i < moved.size(); ++i) moved[i]->conflict = true;
  }
}

// `u` with the mention id and source span of `c` at its new place.
void set_source_place(AnchorUpdate& u, const Coding& c, const AnswerRecord& a) {
  u.source_span.reset();
  if (c.kind == CodingKind::Manual) return;
  if (const Mention* m = mention_at(a, c.theme, u.span)) {
    u.mention_id = mention_id(a.id, m->theme, m->span);
    u.source_span = m->span;
  }
}

}  // namespace

SyncPlan plan_sync(const std::vector<Coding>& codings, const std::vector<AnswerRecord>& answers,
                   const std::map<std::string, std::string>& source_sha256) {
  std::map<std::string, const AnswerRecord*> by_id;
  std::map<std::string, std::vector<const AnswerRecord*>> by_source;
  for (const AnswerRecord& a : answers) {
    by_id[a.id] = &a;
    by_source[a.source].push_back(&a);
  }
  SyncPlan plan;
  std::vector<Placement> placements;
  for (const Coding& c : codings) {
    if (!c.removed.empty()) continue;
    auto source = by_source.find(c.source);
    if (source == by_source.end()) {
      ++plan.absent;
      continue;
    }
    ++plan.checked;
    auto own = by_id.find(c.answer_id);
    const AnswerRecord* home = own == by_id.end() || own->second->source != c.source ? nullptr : own->second;
    Placement p = place_in_source(c, home, source->second);
    const auto hash_it = source_sha256.find(c.source);
    p.hash = hash_it == source_sha256.end() ? c.source_sha256 : hash_it->second;
    placements.push_back(std::move(p));
  }
  settle_conflicts(placements);

  for (const Placement& p : placements) {
    const Coding& c = *p.coding;
    if (p.conflict) ++plan.conflicts;
    if (!p.placed()) {
      if (c.orphaned && p.hash == c.source_sha256) continue;  // known orphan, nothing new
      if (!c.orphaned) ++plan.orphaned;
      plan.updates.push_back({c.id, c.answer_id, {}, "orphaned", p.hash, {}, {}});
      continue;
    }
    if (p.match == AnchorMatch::Unchanged) {
      if (p.hash == c.source_sha256 && !c.orphaned) continue;  // nothing changed
      AnchorUpdate u{c.id, c.answer_id, c.span, "unchanged", p.hash, {}, {}};
      set_source_place(u, c, *p.answer);
      if (c.orphaned) ++plan.found_again;
      plan.updates.push_back(std::move(u));
      continue;
    }
    AnchorUpdate u{c.id, p.answer->id, p.span, to_string(p.match), p.hash, {}, {}};
    set_source_place(u, c, *p.answer);
    ++plan.moved;
    if (c.orphaned) ++plan.found_again;
    plan.updates.push_back(std::move(u));
  }
  return plan;
}

}  // namespace analyzer::coding
