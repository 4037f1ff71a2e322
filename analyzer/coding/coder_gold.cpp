#include "analyzer/coding/coder_gold.hpp"

#include <algorithm>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>

namespace analyzer::coding {
namespace {

std::size_t distance(std::size_t a, std::size_t b) { return a > b ? a - b : b - a; }

// The occurrence of `quote` inside `within` of `bytes` whose start is
// nearest to `near`; nullopt when there is none.
std::optional<ByteSpan> find_quote(std::string_view bytes, ByteSpan within, std::string_view quote, std::size_t near) {
  if (quote.empty() || within.end > bytes.size() || within.size() < quote.size()) return std::nullopt;
  std::optional<ByteSpan> best;
  const std::string_view region = bytes.substr(within.begin, within.size());
  for (std::size_t at = region.find(quote); at != std::string_view::npos; at = region.find(quote, at + 1)) {
    const ByteSpan found{within.begin + at, within.begin + at + quote.size()};
    if (!best || distance(found.begin, near) < distance(best->begin, near)) best = found;
  }
  return best;
}

// What to put in the gold file for one coding: a mention, or nothing (and
// why, in `gold`'s counters).
struct Placed {
  ByteSpan span;
  std::string note;
};

std::optional<Placed> place_for_gold(const Coding& c, const AnswerRecord& a, const std::string& bytes, const std::string& coder) {
  if (c.kind == CodingKind::Accepted && c.source_span && !c.source_span->empty() &&
      c.source_span->end <= bytes.size())
    return Placed{*c.source_span, coder + ": accepted mention " + c.mention_id};
  const std::size_t near = a.span.begin + std::min(c.span.begin, a.span.size());
  if (std::optional<ByteSpan> found = find_quote(bytes, a.span, c.quote, near))
    return Placed{*found, coder + (c.kind == CodingKind::Accepted ? ": accepted mention " + c.mention_id
                                                                   : ": manual coding " + std::to_string(c.id))};
  return std::nullopt;
}

// Sorts and merges overlapping or touching scopes of one file.
void merge_scopes(std::vector<GoldScope>& scopes) {
  std::sort(scopes.begin(), scopes.end(),
            [](const GoldScope& x, const GoldScope& y) { return x.span.begin < y.span.begin; });
  std::vector<GoldScope> merged;
  for (const GoldScope& s : scopes) {
    if (!merged.empty() && s.span.begin <= merged.back().span.end)
      merged.back().span.end = std::max(merged.back().span.end, s.span.end);
    else
      merged.push_back(s);
  }
  scopes = std::move(merged);
}

}  // namespace

CoderGold coder_gold(const std::vector<AnswerRecord>& answers, const std::vector<Coding>& codings,
                     const std::string& coder, const std::vector<std::string>& known_themes,
                     const std::map<std::string, GoldSourceFile>& files) {
  CoderGold out;
  const std::set<std::string> known(known_themes.begin(), known_themes.end());
  std::unordered_map<std::string, std::vector<const Coding*>> by_answer;
  for (const Coding& c : codings) {
    if (c.coder != coder || !c.removed.empty()) continue;
    if (c.orphaned) ++out.orphaned;
    else by_answer[c.answer_id].push_back(&c);
  }

  std::set<std::tuple<std::string, std::string, std::size_t, std::size_t>> seen;
  std::map<std::string, std::vector<GoldScope>> scopes;   // file name → scopes
  std::set<std::string_view> given;
  for (const AnswerRecord& a : answers) {
    given.insert(a.id);
    auto it = by_answer.find(a.id);
    if (it == by_answer.end()) continue;
    const std::vector<const Coding*>& mine = it->second;
    auto file = files.find(a.source);
    if (file == files.end()) {
      out.no_file += mine.size();
      if (std::find(out.sources_without_file.begin(), out.sources_without_file.end(), a.source) ==
          out.sources_without_file.end())
        out.sources_without_file.push_back(a.source);
      continue;
    }
    const std::string& name = file->second.path;
    const std::string& bytes = file->second.bytes;
    if (!out.gold.find_file(name)) out.gold.files.push_back(GoldFile{name, name, bytes});
    ++out.answers;
    ByteSpan scope{std::min(a.span.begin, bytes.size()), std::min(a.span.end, bytes.size())};
    for (const Coding* c : mine) {
      if (c->kind == CodingKind::Rejected) {
        ++out.rejected;
        continue;
      }
      if (c->theme.empty()) {
        ++out.own_codes;
        continue;
      }
      if (!known.count(c->theme)) {
        ++out.unknown_theme;
        continue;
      }
      std::optional<Placed> placed = place_for_gold(*c, a, bytes, coder);
      if (!placed) {
        ++out.unplaced;
        continue;
      }
      scope.begin = std::min(scope.begin, placed->span.begin);
      scope.end = std::max(scope.end, placed->span.end);
      if (!seen.insert({name, c->theme, placed->span.begin, placed->span.end}).second) continue;
      GoldMention m;
      m.file = name;
      m.theme = c->theme;
      m.span = placed->span;
      m.text = bytes.substr(placed->span.begin, placed->span.size());
      m.note = placed->note;
      out.gold.mentions.push_back(std::move(m));
    }
    scopes[name].push_back({name, scope});
  }
  for (const auto& [id, list] : by_answer)
    if (!given.count(id)) out.not_in_index += list.size();

  for (const GoldFile& f : out.gold.files) {
    std::vector<GoldScope>& s = scopes[f.name];
    merge_scopes(s);
    out.gold.scopes.insert(out.gold.scopes.end(), s.begin(), s.end());
  }
  std::stable_sort(out.gold.mentions.begin(), out.gold.mentions.end(), [&](const GoldMention& x, const GoldMention& y) {
    return std::tie(x.file, x.span.begin, x.span.end, x.theme) < std::tie(y.file, y.span.begin, y.span.end, y.theme);
  });
  return out;
}

}  // namespace analyzer::coding
