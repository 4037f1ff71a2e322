#include "analyzer/coding/sync.hpp"

#include "analyzer/coding/reanchor.hpp"
#include "analyzer/core/mention_id.hpp"

namespace analyzer::coding {
namespace {

// The id of the mention of `theme` at `span` of `a`'s text, or "".
std::string mention_at(const AnswerRecord& a, const std::string& theme, ByteSpan span) {
  for (const Mention& m : a.mentions)
    if (m.theme == theme && m.in_text == span) return mention_id(a.id, m.theme, m.span);
  return {};
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
  for (const Coding& c : codings) {
    auto source = by_source.find(c.source);
    if (source == by_source.end()) {
      ++plan.absent;
      continue;
    }
    ++plan.checked;
    const auto hash_it = source_sha256.find(c.source);
    const std::string hash = hash_it == source_sha256.end() ? c.source_sha256 : hash_it->second;
    auto own = by_id.find(c.answer_id);
    const AnswerRecord* home = own == by_id.end() ? nullptr : own->second;
    if (home && c.span.end <= home->text.size() && home->text.compare(c.span.begin, c.span.size(), c.quote) == 0) {
      if (hash != c.source_sha256 || c.orphaned) {
        plan.updates.push_back({c.id, c.answer_id, c.span, "unchanged", hash, {}});
        if (c.orphaned) ++plan.found_again;
      }
      continue;
    }
    std::vector<const AnswerRecord*> candidates;
    if (home && home->source == c.source) candidates.push_back(home);
    for (const AnswerRecord* a : source->second)
      if (a != home) candidates.push_back(a);
    AnchorUpdate u{c.id, c.answer_id, {}, "orphaned", hash, {}};
    for (const AnswerRecord* a : candidates) {
      // In another answer the old offset means nothing: search from its start.
      const ByteSpan near = a == home ? c.span : ByteSpan{0, 0};
      const Reanchored r = reanchor(c.quote, near, a->text);
      if (!r.found()) continue;
      u.answer_id = a->id;
      u.span = r.span;
      u.match = r.match == AnchorMatch::Whitespace ? "whitespace" : "exact";
      if (c.kind != CodingKind::Manual) u.mention_id = mention_at(*a, c.theme, r.span);
      break;
    }
    if (u.match == "orphaned") {
      if (c.orphaned && hash == c.source_sha256) continue;  // known orphan, nothing new
      if (!c.orphaned) ++plan.orphaned;
    } else {
      ++plan.moved;
      if (c.orphaned) ++plan.found_again;
    }
    plan.updates.push_back(std::move(u));
  }
  return plan;
}

}  // namespace analyzer::coding
