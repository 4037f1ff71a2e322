#include "analyzer/report/theme_report.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <unordered_map>

#include "analyzer/core/utf8.hpp"

namespace analyzer {
namespace {

// ---------------------------------------------------------------- Swedish order of text keys

// One comparable unit of a text key: a run of digits (by value) or one code
// point (by its Swedish alphabetical weight).
struct SortUnit {
  bool number = false;
  std::string_view digits;   // without leading zeros
  std::uint32_t weight = 0;
};

// Swedish alphabetical weight of the code point at `s[i]` (advancing `i`):
// case-insensitive, å ä ö after z in that order, é with e. Other code
// points keep their value, above the letters; an ill-formed byte sorts by
// its byte value, above the letters too.
std::uint32_t swedish_weight(std::string_view s, std::size_t& i) {
  const utf8::Decoded d = utf8::decode(s, i);
  const std::uint32_t cp = d.valid() ? d.code_point : static_cast<unsigned char>(s[i]);
  i += d.length;
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp;
  switch (cp) {
    case 0xC5: case 0xE5: return 'z' + 1;   // Å å
    case 0xC4: case 0xE4: return 'z' + 2;   // Ä ä
    case 0xD6: case 0xF6: return 'z' + 3;   // Ö ö
    case 0xC9: case 0xE9: return 'e';       // É é
    default: return cp + 0x100;
  }
}

SortUnit next_unit(std::string_view s, std::size_t& i) {
  SortUnit u;
  if (s[i] >= '0' && s[i] <= '9') {
    std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    std::string_view run = s.substr(start, i - start);
    std::size_t nz = run.find_first_not_of('0');
    u.number = true;
    u.digits = nz == std::string_view::npos ? std::string_view() : run.substr(nz);
    return u;
  }
  u.weight = swedish_weight(s, i);
  return u;
}

// <0, 0, >0: numbers before letters, numbers by value.
int compare_units(const SortUnit& a, const SortUnit& b) {
  if (a.number != b.number) return a.number ? -1 : 1;
  if (a.number) {
    if (a.digits.size() != b.digits.size()) return a.digits.size() < b.digits.size() ? -1 : 1;
    return a.digits.compare(b.digits);
  }
  return a.weight == b.weight ? 0 : a.weight < b.weight ? -1 : 1;
}

// Swedish alphabetical order with digit runs by value; ties (only case or
// leading zeros differ) by bytes, so the order is total.
int compare_swedish(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    int c = compare_units(next_unit(a, i), next_unit(b, j));
    if (c != 0) return c;
  }
  if (i < a.size() || j < b.size()) return i < a.size() ? 1 : -1;
  return a.compare(b);
}

// ---------------------------------------------------------------- groups

std::string_view text_key(const GroupValues& g, GroupKey k) {
  switch (k) {
    case GroupKey::Region: return g.region;
    case GroupKey::RespondentType: return g.respondent_type;
    case GroupKey::Respondent: return g.respondent;
    case GroupKey::Question: return g.question;
    case GroupKey::Year: break;
  }
  return {};
}

// The order of the rows of one theme (file comment). Only the keys in `by`
// are ever set, so comparing those is comparing the whole group.
struct GroupOrder {
  const std::vector<GroupKey>* by;
  bool operator()(const GroupValues& a, const GroupValues& b) const {
    for (GroupKey k : *by) {
      int c = 0;
      if (k == GroupKey::Year) {
        if (a.year != b.year) c = !a.year ? 1 : !b.year ? -1 : *a.year < *b.year ? -1 : 1;
      } else {
        std::string_view x = text_key(a, k), y = text_key(b, k);
        if (x.empty() != y.empty()) c = x.empty() ? 1 : -1;
        else c = compare_swedish(x, y);
      }
      if (c != 0) return c < 0;
    }
    return false;
  }
};

GroupValues group_of(const Respondent& r, const std::string& respondent, const std::string& question,
                     const std::vector<GroupKey>& by) {
  GroupValues g;
  for (GroupKey k : by) {
    switch (k) {
      case GroupKey::Year: g.year = r.year; break;
      case GroupKey::Region: g.region = r.region; break;
      case GroupKey::RespondentType: g.respondent_type = r.type ? to_string(*r.type) : ""; break;
      case GroupKey::Respondent: g.respondent = respondent; break;
      case GroupKey::Question: g.question = question; break;
    }
  }
  return g;
}

struct Tally {
  std::set<std::string> respondents;
  std::size_t answers = 0;
  std::size_t mentions = 0;
};

template <class T>
using GroupMap = std::map<GroupValues, T, GroupOrder>;

// The like-with-like change of a row (file comment): `now` and `before`
// are the group's respondents this year and in change.previous_year,
// `mentioning_*` those of them mentioning the theme.
YearChange year_change(int previous_year, const std::set<std::string>& now, const std::set<std::string>& before,
                       const std::set<std::string>* mentioning_now, const std::set<std::string>* mentioning_before,
                       const GroupValues& g, const std::vector<GroupKey>& by, std::size_t min_group) {
  YearChange c;
  c.previous_year = previous_year;
  std::set_difference(before.begin(), before.end(), now.begin(), now.end(), std::back_inserter(c.only_before));
  std::set_difference(now.begin(), now.end(), before.begin(), before.end(), std::back_inserter(c.only_now));
  auto has = [&](GroupKey k) { return std::find(by.begin(), by.end(), k) != by.end(); };
  auto count_in = [](const std::set<std::string>* mentioning, const auto& among) {
    std::size_t n = 0;
    if (mentioning)
      for (const std::string& who : among) n += mentioning->count(who);
    return n;
  };
  if (has(GroupKey::RespondentType) && !has(GroupKey::Respondent)) {
    if (g.respondent_type.empty()) {
      c.reason = NotComparableReason::UnknownRespondentType;
      return c;
    }
    // Shares of two groups with no respondent in common measure who
    // answered, not a change.
    if (c.only_before.size() == before.size()) {  // every respondent before is gone now
      c.reason = NotComparableReason::DifferentRespondents;
      return c;
    }
    c.comparable = true;
    c.basis = ChangeBasis::SameRespondentType;
    c.base_now = now.size();
    c.base_before = before.size();
    c.mentioning_now = count_in(mentioning_now, now);
    c.mentioning_before = count_in(mentioning_before, before);
  } else {
    std::set_intersection(now.begin(), now.end(), before.begin(), before.end(), std::back_inserter(c.respondents));
    if (c.respondents.empty()) {
      c.reason = NotComparableReason::DifferentRespondents;
      return c;
    }
    c.comparable = true;
    c.basis = ChangeBasis::SameRespondents;
    c.base_now = c.base_before = c.respondents.size();
    c.mentioning_now = count_in(mentioning_now, c.respondents);
    c.mentioning_before = count_in(mentioning_before, c.respondents);
  }
  c.small_group = c.base_now < min_group || c.base_before < min_group;
  return c;
}

// Sets previous_year, respondents_change and change of the rows of one
// theme; see the file comment. `groups` are the groups with answers,
// `mentioning` the theme's.
void set_changes(GroupMap<ThemeReportRow>& rows, const GroupMap<Tally>& groups, const GroupMap<Tally>& mentioning,
                 const GroupOrder& order, std::size_t min_group) {
  // The other keys of a group (year cleared) → its years with answers, ascending.
  std::map<GroupValues, std::vector<int>, GroupOrder> years(order);
  for (const auto& [g, tally] : groups) {
    if (!g.year) continue;
    GroupValues other = g;
    other.year.reset();
    years[other].push_back(*g.year);   // map order: ascending already
  }
  auto respondents_mentioning = [&](const GroupValues& g) -> const std::set<std::string>* {
    auto it = mentioning.find(g);
    return it == mentioning.end() ? nullptr : &it->second.respondents;
  };
  for (auto& [g, row] : rows) {
    auto group = groups.find(g);
    if (!g.year || group == groups.end()) continue;
    GroupValues other = g;
    other.year.reset();
    const std::vector<int>& ys = years[other];
    auto it = std::lower_bound(ys.begin(), ys.end(), *g.year);
    if (it == ys.begin()) continue;
    GroupValues previous = g;
    previous.year = *(it - 1);
    auto prev_row = rows.find(previous);
    long before = prev_row == rows.end() ? 0 : static_cast<long>(prev_row->second.respondents);
    row.previous_year = previous.year;
    row.respondents_change = static_cast<long>(row.respondents) - before;
    row.change = year_change(*previous.year, group->second.respondents, groups.find(previous)->second.respondents,
                             respondents_mentioning(g), respondents_mentioning(previous), g, *order.by, min_group);
  }
}

// What one pass over the answer tallies gathers for build_theme_report.
class ThemeCounts {
 public:
  ThemeCounts(const std::vector<ThemeInfo>& themes, const GroupOrder& order)
      : groups(order), per_theme(themes.size(), GroupMap<Tally>(order)),
        pair_answers(themes.size() * themes.size(), 0), n_(themes.size()), count_(themes.size()) {
    for (std::size_t t = 0; t < n_; ++t) theme_index.emplace(themes[t].id, t);
  }

  // Counts the answers of `a` in its group (keys `by`) and under each
  // reported theme it mentions.
  void add(const AnswerTally& a, const std::vector<GroupKey>& by) {
    const std::string who = respondent_key(a);
    const GroupValues g = group_of(a.respondent, who, a.question, by);
    Tally& group = groups[g];
    group.respondents.insert(who);
    types.emplace(who, a.respondent.type ? to_string(*a.respondent.type) : "");
    group.answers += a.answers;
    answers_total += a.answers;
    respondents.insert(who);
    if (!a.sources) sources.insert(a.source);
    else if (source_lists_.insert(a.sources.get()).second) sources.insert(a.sources->begin(), a.sources->end());
    add_themes(a, who, g);
  }

  std::unordered_map<std::string, std::size_t> theme_index;   // theme id → position in themes
  GroupMap<Tally> groups;                                     // every answer of the group
  std::vector<GroupMap<Tally>> per_theme;                     // answers mentioning theme t, by group
  std::vector<std::size_t> pair_answers;                      // [a * n + b], a < b
  std::map<std::string, std::vector<bool>> themes_of;         // respondent → themes it mentions
  std::set<std::string> respondents, sources;
  std::map<std::string, std::string> types;                   // respondent → type ("" unknown), first seen
  std::size_t answers_total = 0;

 private:
  void add_themes(const AnswerTally& a, const std::string& who, const GroupValues& g) {
    std::fill(count_.begin(), count_.end(), 0);
    std::vector<bool> in_set(n_, false);
    for (const auto& [theme, mentions] : a.mentions)
      if (auto it = theme_index.find(theme); it != theme_index.end()) {
        count_[it->second] += mentions;
        in_set[it->second] = true;
      }
    std::vector<bool>* mentioned = nullptr;
    for (std::size_t t = 0; t < n_; ++t) {
      if (!in_set[t]) continue;
      Tally& tally = per_theme[t][g];
      tally.respondents.insert(who);
      tally.answers += a.answers;
      tally.mentions += count_[t];
      if (!mentioned) {
        mentioned = &themes_of[who];
        mentioned->resize(n_, false);
      }
      (*mentioned)[t] = true;
      for (std::size_t u = t + 1; u < n_; ++u)
        if (in_set[u]) pair_answers[t * n_ + u] += a.answers;
    }
  }

  std::size_t n_;                                             // reported themes
  std::set<const std::vector<std::string>*> source_lists_;   // each shared list read once
  std::vector<std::size_t> count_;                            // mentions per theme of one tally
};

// Rows: every theme × every group with answers.
std::vector<GroupMap<ThemeReportRow>> theme_rows(const std::vector<ThemeInfo>& themes, const ThemeCounts& counts,
                                                 const GroupOrder& order, std::size_t min_group) {
  std::vector<GroupMap<ThemeReportRow>> rows(themes.size(), GroupMap<ThemeReportRow>(order));
  for (std::size_t t = 0; t < themes.size(); ++t) {
    for (const auto& [g, group] : counts.groups) {
      ThemeReportRow& row = rows[t][g];
      row.theme = themes[t].id;
      row.group = g;
      row.respondents_total = group.respondents.size();
      row.answers_total = group.answers;
      row.small_group = group.respondents.size() < min_group;   // a group has a respondent
      if (auto it = counts.per_theme[t].find(g); it != counts.per_theme[t].end()) {
        row.respondents = it->second.respondents.size();
        row.answers = it->second.answers;
        row.mentions = it->second.mentions;
      }
    }
  }
  return rows;
}

// Adds each numeric item to the row of every reported theme it names, in
// its group (a row made for it when the group has no answers).
void add_figures(const std::vector<NumericItem>& numbers, const std::vector<GroupKey>& by,
                 const std::unordered_map<std::string, std::size_t>& theme_index,
                 std::vector<GroupMap<ThemeReportRow>>& rows) {
  for (const NumericItem& item : numbers) {
    const std::string who = respondent_key(item);
    const GroupValues g = group_of(item.respondent, who, item.question, by);
    for (const std::string& theme : item.themes) {
      auto it = theme_index.find(theme);
      if (it == theme_index.end()) continue;
      ThemeReportRow& row = rows[it->second][g];
      row.theme = theme;
      row.group = g;
      row.figures.push_back({who, item.respondent.year, item.source, item.question, item.label,
                             item.value_text, item.value, item.question_text});
    }
  }
}

// Every pair of reported themes, in themes order: answers and respondents
// mentioning both.
std::vector<CoOccurrence> co_occurrence(const std::vector<ThemeInfo>& themes, const ThemeCounts& counts) {
  const std::size_t n = themes.size();
  std::vector<CoOccurrence> pairs;
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = a + 1; b < n; ++b) {
      CoOccurrence c{themes[a].id, themes[b].id, counts.pair_answers[a * n + b], 0};
      for (const auto& [who, mentioned] : counts.themes_of) c.respondents += mentioned[a] && mentioned[b];
      pairs.push_back(std::move(c));
    }
  return pairs;
}

}  // namespace

namespace {

constexpr GroupKeyNames kGroupKeyNames[] = {
    {GroupKey::Year, "year", "år", "År"},
    {GroupKey::Region, "region", "region", "Region"},
    {GroupKey::RespondentType, "respondent_type", "respondenttyp", "Respondenttyp"},
    {GroupKey::Respondent, "respondent", "respondent", "Respondent"},
    {GroupKey::Question, "question", "fråga", "Fråga"},
};

}  // namespace

const GroupKeyNames& names_of(GroupKey k) {
  for (const GroupKeyNames& entry : kGroupKeyNames)
    if (entry.key == k) return entry;
  return kGroupKeyNames[0];  // unreachable: every key has a row
}

const char* to_string(GroupKey k) { return names_of(k).id; }

std::optional<GroupKey> parse_group_key(std::string_view s) {
  for (const GroupKeyNames& entry : kGroupKeyNames)  // exact: "--by Year" is refused
    if (s == entry.id) return entry.key;
  return std::nullopt;
}

const char* to_string(ChangeBasis b) {
  return b == ChangeBasis::SameRespondents ? "same_respondents" : "same_respondent_type";
}

const char* to_string(NotComparableReason r) {
  return r == NotComparableReason::DifferentRespondents ? "different_respondents" : "unknown_respondent_type";
}

std::optional<double> YearChange::points() const {
  if (!comparable || base_now == 0 || base_before == 0) return std::nullopt;
  return (static_cast<double>(mentioning_now) / static_cast<double>(base_now) -
          static_cast<double>(mentioning_before) / static_cast<double>(base_before)) *
         100.0;
}

long YearChange::respondents_change() const {
  return static_cast<long>(mentioning_now) - static_cast<long>(mentioning_before);
}

std::optional<double> ThemeReportRow::share() const {
  if (respondents_total == 0) return std::nullopt;
  return static_cast<double>(respondents) / static_cast<double>(respondents_total);
}

std::string ThemeReport::label(std::string_view theme) const {
  for (const ThemeInfo& t : themes)
    if (t.id == theme && !t.label.empty()) return t.label;
  return std::string(theme);
}

std::string respondent_key(const AnswerRecord& a) {
  return a.respondent.name.empty() ? a.source + "#" + std::to_string(a.part) : a.respondent.name;
}

std::string respondent_key(const NumericItem& n) {
  return n.respondent.name.empty() ? n.source + "#" + std::to_string(n.part) : n.respondent.name;
}

std::string respondent_key(const AnswerTally& t) { return respondent_key_of(t); }

ThemeReport build_theme_report(const std::vector<AnswerRecord>& answers, const std::vector<NumericItem>& numbers,
                               const std::vector<ThemeInfo>& themes, const ThemeReportOptions& options) {
  const bool by_question = std::find(options.by.begin(), options.by.end(), GroupKey::Question) != options.by.end();
  return build_theme_report(tally_answers(answers, by_question), numbers, themes, options);
}

ThemeReport build_theme_report(const std::vector<AnswerTally>& tallies, const std::vector<NumericItem>& numbers,
                               const std::vector<ThemeInfo>& themes, const ThemeReportOptions& options) {
  ThemeReport report;
  report.themes = themes;
  report.by = options.by;
  const GroupOrder order{&report.by};

  ThemeCounts counts(themes, order);
  for (const AnswerTally& a : tallies) counts.add(a, report.by);

  report.min_group = options.min_group;
  std::vector<GroupMap<ThemeReportRow>> rows = theme_rows(themes, counts, order, options.min_group);
  add_figures(numbers, report.by, counts.theme_index, rows);
  const bool by_year = std::find(report.by.begin(), report.by.end(), GroupKey::Year) != report.by.end();
  for (std::size_t t = 0; t < rows.size(); ++t) {
    if (by_year) set_changes(rows[t], counts.groups, counts.per_theme[t], order, options.min_group);
    for (auto& [g, row] : rows[t]) report.rows.push_back(std::move(row));
  }
  report.respondent_types = std::move(counts.types);

  report.co_occurrence = co_occurrence(themes, counts);
  report.answers_total = counts.answers_total;
  report.respondents_total = counts.respondents.size();
  report.sources.assign(counts.sources.begin(), counts.sources.end());
  return report;
}

}  // namespace analyzer
