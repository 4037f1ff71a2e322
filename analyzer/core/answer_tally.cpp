#include "analyzer/core/answer_tally.hpp"

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

}  // namespace analyzer
