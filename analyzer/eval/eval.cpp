#include "analyzer/eval/eval.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "analyzer/core/utf8.hpp"

namespace analyzer {

// ---- Counts --------------------------------------------------------------------

std::optional<double> Counts::precision() const {
  if (tp + fp == 0) return std::nullopt;
  return static_cast<double>(tp) / static_cast<double>(tp + fp);
}

std::optional<double> Counts::recall() const {
  if (tp + fn == 0) return std::nullopt;
  return static_cast<double>(tp) / static_cast<double>(tp + fn);
}

std::optional<double> Counts::f1() const {
  if (tp + fp + fn == 0) return std::nullopt;
  return 2.0 * static_cast<double>(tp) / static_cast<double>(2 * tp + fp + fn);
}

Counts& Counts::operator+=(const Counts& other) {
  tp += other.tp;
  fp += other.fp;
  fn += other.fn;
  exact += other.exact;
  return *this;
}

namespace {

constexpr std::size_t kSnippetChars = 80;
constexpr std::size_t kContextChars = 30;
constexpr std::size_t kNoUnit = static_cast<std::size_t>(-1);

bool overlaps(ByteSpan a, ByteSpan b) { return a.begin < b.end && b.begin < a.end; }

bool document_order(ByteSpan a, ByteSpan b) {
  return std::tie(a.begin, a.end) < std::tie(b.begin, b.end);
}

// Up to `max` characters of `text` starting at `from`, "…" added when cut.
std::string head(std::string_view text, std::size_t from, std::size_t to, std::size_t max) {
  to = std::min(to, text.size());
  if (from >= to) return {};
  const std::string_view span = text.substr(from, to - from);
  const std::size_t kept = utf8::prefix_length(span, max);
  return kept < span.size() ? std::string(span.substr(0, kept)) + "…" : std::string(span);
}

// Up to `max` characters of `text` ending at `to`, "…" put first when cut.
std::string tail(std::string_view text, std::size_t to, std::size_t max) {
  to = std::min(to, text.size());
  std::size_t from = to;
  std::size_t chars = 0;
  while (from > 0 && chars < max) {
    --from;
    while (from > 0 && utf8::is_continuation(text[from])) --from;
    ++chars;
  }
  return (from > 0 ? "…" : "") + std::string(text.substr(from, to - from));
}

// What evaluate() knows about one scored file.
struct FileInfo {
  std::size_t order = 0;                 // position in EvalReport::gold_files
  std::string_view text;                 // GoldFile::text; may be empty (hand-built sets)
  std::vector<ByteSpan> scopes;          // empty = whole file
  std::vector<std::size_t> units;        // answer units of this file, sorted by span
  std::size_t outside = kNoUnit;         // the pseudo-answer's unit
};

struct Unit {
  ByteSpan span;
  bool pseudo = false;
};

// A gold mention or a prediction during scoring.
struct Item {
  const std::string* file;
  std::size_t theme;                     // row index
  ByteSpan span;
  std::size_t index;                     // position in the input, for a stable order
  const GoldMention* gold = nullptr;     // gold only
  bool matched = false;
  std::vector<std::size_t> units;        // answer units it touches
};

class Evaluator {
 public:
  Evaluator(const GoldSet& gold, const std::vector<AnswerSpan>& answers,
            const std::vector<std::string>& themes) {
    for (const std::string& t : themes) {
      if (theme_index_.emplace(t, report_.themes.size()).second) report_.themes.push_back(t);
    }
    report_.gold_path = gold.path;
    for (const GoldFile& f : gold.files) add_file(f.name, f.text);
    for (const GoldMention& m : gold.mentions) add_file(m.file, {});
    for (const GoldScope& s : gold.scopes) {
      if (auto it = files_.find(s.file); it != files_.end()) it->second.scopes.push_back(s.span);
    }
    add_answers(answers);

    for (std::size_t i = 0; i < gold.mentions.size(); ++i) {
      const GoldMention& m = gold.mentions[i];
      const auto theme = theme_index_.find(m.theme);
      if (theme == theme_index_.end()) {
        ++report_.ignored_gold;
        continue;
      }
      Item item{&files_.find(m.file)->first, theme->second, m.span, i, &m, false, {}};
      item.units = touched_units(files_.at(m.file), m.span);
      if (units_[item.units.front()].pseudo) ++report_.gold_outside_answers;
      gold_.push_back(std::move(item));
    }
    report_.gold_mentions = gold_.size();
  }

  void score(const SystemMentions& system) {
    SystemScores scores;
    scores.system = system.system;
    scores.rows.resize(report_.themes.size());
    for (std::size_t t = 0; t < report_.themes.size(); ++t) scores.rows[t].theme = report_.themes[t];

    std::vector<Item> gold = gold_;   // `matched` is per system
    std::vector<Item> predicted;
    for (std::size_t i = 0; i < system.mentions.size(); ++i) {
      const ScoredMention& m = system.mentions[i];
      const auto file = files_.find(m.file);
      const auto theme = theme_index_.find(m.theme);
      if (file == files_.end() || theme == theme_index_.end() || !in_scope(file->second, m.span)) {
        ++scores.ignored_predictions;
        continue;
      }
      Item item{&file->first, theme->second, m.span, i, nullptr, false, {}};
      item.units = touched_units(file->second, m.span);
      predicted.push_back(std::move(item));
    }

    match_mentions(gold, predicted, scores);
    const auto answer_misses = score_answers(gold, predicted, scores);
    list_misses(gold, predicted, answer_misses, scores);

    scores.all.theme = "all";
    for (const ThemeRow& row : scores.rows) {
      scores.all.mention += row.mention;
      scores.all.answer += row.answer;
    }
    report_.systems.push_back(std::move(scores));
  }

  EvalReport take() { return std::move(report_); }

 private:
  void add_file(const std::string& name, std::string_view text) {
    if (files_.count(name)) return;
    FileInfo& info = files_[name];
    info.order = report_.gold_files.size();
    info.text = text;
    report_.gold_files.push_back(name);
  }

  static bool in_scope(const FileInfo& file, ByteSpan span) {
    if (span.empty()) return false;
    if (file.scopes.empty()) return true;
    return std::any_of(file.scopes.begin(), file.scopes.end(),
                       [&](ByteSpan s) { return overlaps(s, span); });
  }

  void add_answers(const std::vector<AnswerSpan>& answers) {
    std::map<std::string, std::vector<ByteSpan>> by_file;
    for (const AnswerSpan& a : answers) {
      const auto file = files_.find(a.file);
      if (file != files_.end() && in_scope(file->second, a.span)) by_file[a.file].push_back(a.span);
    }
    for (auto& [name, spans] : by_file) {
      std::sort(spans.begin(), spans.end(), document_order);
      spans.erase(std::unique(spans.begin(), spans.end()), spans.end());
      FileInfo& info = files_.at(name);
      for (const ByteSpan& s : spans) {
        info.units.push_back(units_.size());
        units_.push_back({s, false});
      }
      report_.answers += spans.size();
    }
    for (auto& [name, info] : files_) {
      info.outside = units_.size();
      units_.push_back({{}, true});
    }
  }

  // The answer units `span` overlaps, in order; the pseudo-answer when none.
  std::vector<std::size_t> touched_units(const FileInfo& file, ByteSpan span) const {
    std::vector<std::size_t> out;
    for (std::size_t u : file.units) {
      if (units_[u].span.begin >= span.end) break;
      if (overlaps(units_[u].span, span)) out.push_back(u);
    }
    if (out.empty()) out.push_back(file.outside);
    return out;
  }

  // Groups item indices by (file, theme), each group in document order.
  static std::map<std::pair<std::string, std::size_t>, std::vector<std::size_t>> groups(
      const std::vector<Item>& items) {
    std::map<std::pair<std::string, std::size_t>, std::vector<std::size_t>> out;
    for (std::size_t i = 0; i < items.size(); ++i)
      out[{*items[i].file, items[i].theme}].push_back(i);
    for (auto& [key, members] : out) {
      std::stable_sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
        return document_order(items[a].span, items[b].span);
      });
    }
    return out;
  }

  void match_mentions(std::vector<Item>& gold, std::vector<Item>& predicted,
                      SystemScores& scores) const {
    auto gold_groups = groups(gold);
    for (const auto& [key, members] : groups(predicted)) {
      const auto candidates = gold_groups.find(key);
      Counts& counts = scores.rows[key.second].mention;
      for (std::size_t p : members) {
        Item& pred = predicted[p];
        Item* chosen = nullptr;
        if (candidates != gold_groups.end()) {
          for (std::size_t g : candidates->second) {
            Item& cand = gold[g];
            if (cand.matched || !overlaps(cand.span, pred.span)) continue;
            if (cand.span == pred.span) {
              chosen = &cand;
              break;
            }
            if (!chosen) chosen = &cand;
          }
        }
        if (chosen) {
          chosen->matched = pred.matched = true;
          ++counts.tp;
          if (chosen->span == pred.span) ++counts.exact;
        } else {
          ++counts.fp;
        }
      }
    }
    for (const Item& g : gold)
      if (!g.matched) ++scores.rows[g.theme].mention.fn;
  }

  // Scores the (unit, theme) pairs; returns the pairs that are misses, with
  // their kind (true = FN, false = FP).
  std::map<std::pair<std::size_t, std::size_t>, bool> score_answers(
      const std::vector<Item>& gold, const std::vector<Item>& predicted,
      SystemScores& scores) const {
    std::set<std::pair<std::size_t, std::size_t>> gold_pos, pred_pos;
    for (const Item& g : gold)
      for (std::size_t u : g.units) gold_pos.insert({u, g.theme});
    for (const Item& p : predicted)
      for (std::size_t u : p.units) pred_pos.insert({u, p.theme});
    std::map<std::pair<std::size_t, std::size_t>, bool> misses;
    for (const auto& pair : gold_pos) {
      if (pred_pos.count(pair)) {
        ++scores.rows[pair.second].answer.tp;
      } else {
        ++scores.rows[pair.second].answer.fn;
        misses[pair] = true;
      }
    }
    for (const auto& pair : pred_pos) {
      if (!gold_pos.count(pair)) {
        ++scores.rows[pair.second].answer.fp;
        misses[pair] = false;
      }
    }
    return misses;
  }

  void list_misses(const std::vector<Item>& gold, const std::vector<Item>& predicted,
                   const std::map<std::pair<std::size_t, std::size_t>, bool>& answer_misses,
                   SystemScores& scores) const {
    auto add = [&](const Item& item, Miss::Kind kind) {
      const FileInfo& file = files_.at(*item.file);
      Miss m;
      m.kind = kind;
      m.file = *item.file;
      m.theme = report_.themes[item.theme];
      m.span = item.span;
      m.text = head(file.text, item.span.begin, item.span.end, kSnippetChars);
      m.before = tail(file.text, std::min(item.span.begin, file.text.size()), kContextChars);
      m.after = head(file.text, item.span.end, file.text.size(), kContextChars);
      if (item.gold) {
        m.gold_line = item.gold->line;
        m.note = item.gold->note;
      }
      if (!units_[item.units.front()].pseudo) m.answer = units_[item.units.front()].span;
      const bool fn = kind == Miss::Kind::FalseNegative;
      m.answer_miss = std::any_of(item.units.begin(), item.units.end(), [&](std::size_t u) {
        const auto it = answer_misses.find({u, item.theme});
        return it != answer_misses.end() && it->second == fn;
      });
      scores.misses.push_back(std::move(m));
    };
    for (const Item& g : gold)
      if (!g.matched) add(g, Miss::Kind::FalseNegative);
    for (const Item& p : predicted)
      if (!p.matched) add(p, Miss::Kind::FalsePositive);
    std::stable_sort(scores.misses.begin(), scores.misses.end(), [&](const Miss& a, const Miss& b) {
      return std::make_tuple(files_.at(a.file).order, a.span.begin, a.span.end, a.theme, a.kind) <
             std::make_tuple(files_.at(b.file).order, b.span.begin, b.span.end, b.theme, b.kind);
    });
  }

  EvalReport report_;
  std::unordered_map<std::string, std::size_t> theme_index_;
  std::map<std::string, FileInfo> files_;
  std::vector<Unit> units_;
  std::vector<Item> gold_;
};

}  // namespace

EvalReport evaluate(const GoldSet& gold, const std::vector<AnswerSpan>& answers,
                    const std::vector<SystemMentions>& systems,
                    const std::vector<std::string>& themes) {
  Evaluator evaluator(gold, answers, themes);
  for (const SystemMentions& s : systems) evaluator.score(s);
  return evaluator.take();
}

}  // namespace analyzer
