#include "analyzer/core/answer_tally.hpp"

#include <algorithm>
#include <set>
#include <tuple>

namespace analyzer {

std::vector<AnswerTally> tally_answers(const std::vector<AnswerRecord>& answers, bool keep_question) {
  // Respondent fields are part of the key: a manifest can give parts of one
  // file different respondents.
  using Key = std::tuple<std::string, int, std::string, std::optional<int>, std::string, int, std::string,
                         std::set<std::string>>;
  std::map<Key, AnswerTally> tallies;
  for (const AnswerRecord& a : answers) {
    std::map<std::string, std::size_t> counts;
    for (const Mention& m : a.mentions) ++counts[m.theme];
    std::set<std::string> themes;
    for (const auto& [theme, n] : counts) themes.insert(theme);
    const Respondent& r = a.respondent;
    const std::string question = keep_question ? a.question : std::string();
    Key key{a.source, a.part, question, r.year, r.region, r.type ? static_cast<int>(*r.type) : -1, r.name,
            std::move(themes)};
    AnswerTally& t = tallies[key];
    if (t.answers == 0) {
      t.source = a.source;
      t.part = a.part;
      t.respondent = r;
      t.question = question;
    }
    ++t.answers;
    for (const auto& [theme, n] : counts) t.mentions[theme] += n;
  }
  std::vector<AnswerTally> out;
  out.reserve(tallies.size());
  for (auto& [key, t] : tallies) out.push_back(std::move(t));
  return out;
}

std::string respondent_key_of(const AnswerTally& t) {
  if (!t.key.empty()) return t.key;
  return t.respondent.name.empty() ? t.source + "#" + std::to_string(t.part) : t.respondent.name;
}

struct TallyMerger::Impl {
  using Key = std::tuple<std::string, std::optional<int>, std::string, int, std::string, std::vector<std::string>>;
  struct Merged {
    AnswerTally tally;
    std::set<std::string> sources;
    std::set<int> parts;
  };
  std::map<Key, Merged> merged;
};

TallyMerger::TallyMerger() : impl_(std::make_unique<Impl>()) {}
TallyMerger::~TallyMerger() = default;

void TallyMerger::add(const AnswerTally& t) {
  auto& merged = impl_->merged;
  using Key = Impl::Key;
  using Merged = Impl::Merged;
  const Respondent& r = t.respondent;
  std::vector<std::string> themes;
  for (const auto& [theme, n] : t.mentions) themes.push_back(theme);   // map order: sorted
  std::string who = respondent_key_of(t);
  Key key{who, r.year, r.region, r.type ? static_cast<int>(*r.type) : -1, r.name, std::move(themes)};
  Merged& m = merged[key];
  if (m.tally.answers == 0) {
    m.tally.respondent = r;
    m.tally.key = std::move(who);
  }
  m.tally.answers += t.answers;
  for (const auto& [theme, n] : t.mentions) m.tally.mentions[theme] += n;
  if (t.sources) m.sources.insert(t.sources->begin(), t.sources->end());
  else m.sources.insert(t.source);
  m.parts.insert(t.part);
}

std::vector<AnswerTally> TallyMerger::take() {
  auto& merged = impl_->merged;
  std::vector<AnswerTally> out;
  out.reserve(merged.size());
  for (auto& [key, m] : merged) {
    if (m.sources.size() == 1) m.tally.source = *m.sources.begin();
    if (m.parts.size() == 1) m.tally.part = *m.parts.begin();
    m.tally.sources = std::make_shared<const std::vector<std::string>>(m.sources.begin(), m.sources.end());
    out.push_back(std::move(m.tally));
  }
  merged.clear();
  return out;
}

std::vector<AnswerTally> merge_tallies(const std::vector<AnswerTally>& tallies) {
  TallyMerger merger;
  for (const AnswerTally& t : tallies) merger.add(t);
  return merger.take();
}

}  // namespace analyzer
