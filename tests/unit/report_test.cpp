// report/theme_report: the counts a synthesis quotes. Every input is built
// by hand below; each row is checked through a one-line rendering
// ("sip 2023 Halland: 1 av 2 resp, 1 av 3 svar, 2 omn"), so a failure
// reads as a diff.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "analyzer/report/theme_report.hpp"

using namespace analyzer;

namespace {

// One answer; each entry of `mentions` is one mention of that theme.
struct A {
  std::string respondent{};          // empty: unnamed
  std::optional<int> year{};
  std::string region{};
  std::vector<std::string> mentions{};
  std::string question = "1";
  std::string source = "a.txt";
  int part = 0;
  std::optional<RespondentType> type{};
};

AnswerRecord answer(const A& a) {
  AnswerRecord r;
  r.source = a.source;
  r.part = a.part;
  r.respondent.name = a.respondent;
  r.respondent.year = a.year;
  r.respondent.region = a.region;
  r.respondent.type = a.type;
  r.question = a.question;
  for (const std::string& theme : a.mentions) r.mentions.push_back({theme, "r", {}, theme, {}, {}, {}});
  return r;
}

std::vector<AnswerRecord> answers(std::initializer_list<A> list) {
  std::vector<AnswerRecord> out;
  for (const A& a : list) out.push_back(answer(a));
  return out;
}

NumericItem number(std::string respondent, std::optional<int> year, std::string region, std::string label,
                   std::string value, std::vector<std::string> themes) {
  NumericItem n;
  n.source = "a.txt";
  n.respondent.name = std::move(respondent);
  n.respondent.year = year;
  n.respondent.region = std::move(region);
  n.question = "1";
  n.label = std::move(label);
  n.value_text = value;
  n.value = std::stod(value);
  n.themes = std::move(themes);
  return n;
}

const std::vector<ThemeInfo> kThemes = {{"sip", "SIP"}, {"mobila_team", "Mobila team"}};

ThemeReport build(const std::vector<AnswerRecord>& a, std::vector<GroupKey> by,
                  const std::vector<ThemeInfo>& themes = kThemes, const std::vector<NumericItem>& n = {}) {
  return build_theme_report(a, n, themes, {by});
}

// "sip 2023 Halland: 1 av 2 resp, 1 av 3 svar, 2 omn[, +1 mot 2022][, 1 siffra]"
std::string render(const ThemeReport& r, const ThemeReportRow& row) {
  std::string s = row.theme;
  for (GroupKey k : r.by) {
    const GroupValues& g = row.group;
    switch (k) {
      case GroupKey::Year: s += " " + (g.year ? std::to_string(*g.year) : std::string("?")); break;
      case GroupKey::Region: s += " " + (g.region.empty() ? "?" : g.region); break;
      case GroupKey::RespondentType: s += " " + g.respondent_type; break;
      case GroupKey::Respondent: s += " " + g.respondent; break;
      case GroupKey::Question: s += " " + g.question; break;
    }
  }
  s += ": " + std::to_string(row.respondents) + " av " + std::to_string(row.respondents_total) + " resp, " +
       std::to_string(row.answers) + " av " + std::to_string(row.answers_total) + " svar, " +
       std::to_string(row.mentions) + " omn";
  if (row.respondents_change)
    s += std::string(", ") + (*row.respondents_change >= 0 ? "+" : "") + std::to_string(*row.respondents_change) +
         " mot " + std::to_string(row.previous_year.value_or(0));
  if (!row.figures.empty()) s += ", " + std::to_string(row.figures.size()) + " siffra";
  return s;
}

std::vector<std::string> render(const ThemeReport& r) {
  std::vector<std::string> lines;
  for (const ThemeReportRow& row : r.rows) lines.push_back(render(r, row));
  return lines;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("a respondent counts once however many answers and mentions it has") {
  auto r = build(answers({
                     {.respondent = "Region Halland", .mentions = {"sip"}, .question = "5a"},
                     {.respondent = "Region Halland", .mentions = {"sip", "sip"}, .question = "6"},
                     {.respondent = "Region Halland", .mentions = {"sip"}, .question = "7"},
                 }),
                 {}, {{"sip", "SIP"}});
  CHECK(render(r) == Lines{"sip: 1 av 1 resp, 3 av 3 svar, 4 omn"});
}

TEST_CASE("respondents_total counts every respondent with an answer, mentioning the theme or not") {
  auto r = build(answers({
                     {.respondent = "Region Halland", .mentions = {"sip"}},
                     {.respondent = "RSS Halland", .mentions = {}},
                     {.respondent = "RSS Halland", .mentions = {"mobila_team"}},
                     {.respondent = "Kungsbacka kommun", .mentions = {}},
                 }),
                 {}, {{"sip", "SIP"}});
  CHECK(render(r) == Lines{"sip: 1 av 3 resp, 1 av 4 svar, 1 omn"});
  CHECK(r.respondents_total == 3);
  CHECK(r.answers_total == 4);
  REQUIRE(r.rows[0].share());
  CHECK(*r.rows[0].share() == Approx(1.0 / 3));
}

TEST_CASE("only mentions of the reported themes count, every answer counts in the totals") {
  auto r = build(answers({{.respondent = "X", .mentions = {"mobila_team", "sip", "trygg_hemgang"}}}), {},
                 {{"sip", "SIP"}});
  CHECK(render(r) == Lines{"sip: 1 av 1 resp, 1 av 1 svar, 1 omn"});
}

TEST_CASE("grouping by year,region gives each group its own totals") {
  auto r = build(answers({
                     {.respondent = "Region Dalarna", .year = 2019, .region = "Dalarna", .mentions = {"sip"}},
                     {.respondent = "RSS Dalarna", .year = 2022, .region = "Dalarna", .mentions = {"sip"}},
                     {.respondent = "Region Halland", .year = 2023, .region = "Halland", .mentions = {"sip"}},
                     {.respondent = "RSS Halland", .year = 2023, .region = "Halland", .mentions = {}},
                 }),
                 {GroupKey::Year, GroupKey::Region}, {{"sip", "SIP"}});
  CHECK(render(r) == Lines{
                         "sip 2019 Dalarna: 1 av 1 resp, 1 av 1 svar, 1 omn",
                         "sip 2022 Dalarna: 1 av 1 resp, 1 av 1 svar, 1 omn, +0 mot 2019",
                         "sip 2023 Halland: 1 av 2 resp, 1 av 2 svar, 1 omn",
                     });
}

TEST_CASE("every theme gets a row for every group, also with no respondent mentioning it") {
  auto r = build(answers({
                     {.respondent = "A", .year = 2022, .mentions = {"sip"}},
                     {.respondent = "B", .year = 2023, .mentions = {}},
                 }),
                 {GroupKey::Year});
  CHECK(render(r) == Lines{
                         "sip 2022: 1 av 1 resp, 1 av 1 svar, 1 omn",
                         "sip 2023: 0 av 1 resp, 0 av 1 svar, 0 omn, -1 mot 2022",
                         "mobila_team 2022: 0 av 1 resp, 0 av 1 svar, 0 omn",
                         "mobila_team 2023: 0 av 1 resp, 0 av 1 svar, 0 omn, +0 mot 2022",
                     });
}

TEST_CASE("the change is against the closest earlier year with the same other keys") {
  auto r = build(answers({
                     {.respondent = "A", .year = 2019, .region = "Dalarna", .mentions = {}},
                     {.respondent = "B", .year = 2021, .region = "Dalarna", .mentions = {"sip"}},
                     {.respondent = "C", .year = 2021, .region = "Dalarna", .mentions = {"sip"}},
                     {.respondent = "D", .year = 2023, .region = "Dalarna", .mentions = {"sip"}},
                     {.respondent = "E", .year = 2022, .region = "Halland", .mentions = {"sip"}},
                     {.respondent = "F", .region = "Halland", .mentions = {"sip"}},
                 }),
                 {GroupKey::Region, GroupKey::Year}, {{"sip", "SIP"}});
  // 2023 is measured against 2021 (no 2022 in Dalarna); Halland 2022 has no
  // earlier Halland year, and an unknown year has no previous one.
  CHECK(render(r) == Lines{
                         "sip Dalarna 2019: 0 av 1 resp, 0 av 1 svar, 0 omn",
                         "sip Dalarna 2021: 2 av 2 resp, 2 av 2 svar, 2 omn, +2 mot 2019",
                         "sip Dalarna 2023: 1 av 1 resp, 1 av 1 svar, 1 omn, -1 mot 2021",
                         "sip Halland 2022: 1 av 1 resp, 1 av 1 svar, 1 omn",
                         "sip Halland ?: 1 av 1 resp, 1 av 1 svar, 1 omn",
                     });
}

TEST_CASE("without the key year there is no change") {
  auto r = build(answers({
                     {.respondent = "A", .year = 2019, .mentions = {"sip"}},
                     {.respondent = "A", .year = 2022, .mentions = {"sip"}},
                 }),
                 {}, {{"sip", "SIP"}});
  REQUIRE(r.rows.size() == 1);
  CHECK_FALSE(r.rows[0].respondents_change);
  CHECK_FALSE(r.rows[0].previous_year);
}

TEST_CASE("an unnamed respondent is keyed by source#part") {
  auto a = answers({
      {.mentions = {"sip"}, .source = "004_x.txt", .part = 0},
      {.mentions = {"sip"}, .question = "2", .source = "004_x.txt", .part = 0},
      {.mentions = {}, .source = "004_x.txt", .part = 1},
  });
  CHECK(respondent_key(a[0]) == "004_x.txt#0");
  CHECK(respondent_key(a[2]) == "004_x.txt#1");
  auto r = build(a, {GroupKey::Respondent}, {{"sip", "SIP"}});
  CHECK(render(r) == Lines{
                         "sip 004_x.txt#0: 1 av 1 resp, 2 av 2 svar, 2 omn",
                         "sip 004_x.txt#1: 0 av 1 resp, 0 av 1 svar, 0 omn",
                     });
}

TEST_CASE("an answer counts under its respondent's name, across the file's parts") {
  auto a = answers({
      {.respondent = "Region Halland", .mentions = {"sip"}, .source = "002.txt", .part = 0},
      {.respondent = "Region Halland", .mentions = {}, .source = "002.txt", .part = 1},
      {.respondent = "RSS Halland", .mentions = {"sip"}, .source = "002.txt", .part = 2},
  });
  auto r = build(a, {GroupKey::Respondent}, {{"sip", "SIP"}});
  CHECK(render(r) == Lines{
                         "sip Region Halland: 1 av 1 resp, 1 av 2 svar, 1 omn",
                         "sip RSS Halland: 1 av 1 resp, 1 av 1 svar, 1 omn",
                     });
}

TEST_CASE("a numeric item attaches to the row of each reported theme its label names, in its group") {
  auto a = answers({
      {.respondent = "RSS Halland", .year = 2023, .mentions = {}},
      {.respondent = "RSS Dalarna", .year = 2022, .mentions = {"sip"}},
  });
  std::vector<NumericItem> n{
      number("RSS Halland", 2023, "Halland", "Vårdplaner, SIP, patientkontakt, ange antal", "6", {"sip"}),
      number("RSS Halland", 2023, "Halland", "Trygg hemgång, ange antal", "3", {"trygg_hemgang"}),
  };
  auto r = build(a, {GroupKey::Year}, kThemes, n);
  CHECK(render(r) == Lines{
                         "sip 2022: 1 av 1 resp, 1 av 1 svar, 1 omn",
                         "sip 2023: 0 av 1 resp, 0 av 1 svar, 0 omn, -1 mot 2022, 1 siffra",
                         "mobila_team 2022: 0 av 1 resp, 0 av 1 svar, 0 omn",
                         "mobila_team 2023: 0 av 1 resp, 0 av 1 svar, 0 omn, +0 mot 2022",
                     });
  const NumericFigure& f = r.rows[1].figures.at(0);
  CHECK(f.respondent == "RSS Halland");
  CHECK(f.year == 2023);
  CHECK(f.label == "Vårdplaner, SIP, patientkontakt, ange antal");
  CHECK(f.value_text == "6");
  CHECK(f.value == 6.0);
  CHECK(f.source == "a.txt");
  CHECK(f.question == "1");
}

TEST_CASE("a figure whose group has no answers still gets a row, with no totals and no change") {
  auto a = answers({{.respondent = "A", .year = 2022, .mentions = {"sip"}}});
  std::vector<NumericItem> n{number("B", 2023, "Halland", "SIP, ange antal", "4", {"sip"})};
  auto r = build(a, {GroupKey::Year}, {{"sip", "SIP"}}, n);
  CHECK(render(r) == Lines{
                         "sip 2022: 1 av 1 resp, 1 av 1 svar, 1 omn",
                         "sip 2023: 0 av 0 resp, 0 av 0 svar, 0 omn, 1 siffra",
                     });
  CHECK_FALSE(r.rows[1].share());
}

TEST_CASE("co-occurrence counts answers with both themes and respondents with both anywhere") {
  std::vector<ThemeInfo> themes{
      {"sip", "SIP"}, {"mobila_team", "Mobila team"}, {"trygg_hemgang", "Trygg hemgång"}};
  auto r = build(answers({
                     {.respondent = "A", .mentions = {"sip", "mobila_team", "sip"}},   // both in one answer
                     {.respondent = "B", .mentions = {"sip"}},
                     {.respondent = "B", .mentions = {"mobila_team"}},                 // both, in two answers
                     {.respondent = "C", .mentions = {"trygg_hemgang", "sip"}},
                 }),
                 {}, themes);
  std::vector<std::string> pairs;
  for (const CoOccurrence& c : r.co_occurrence)
    pairs.push_back(c.a + "+" + c.b + ": " + std::to_string(c.answers) + " svar, " +
                    std::to_string(c.respondents) + " resp");
  CHECK(pairs == Lines{
                     "sip+mobila_team: 1 svar, 2 resp",
                     "sip+trygg_hemgang: 1 svar, 1 resp",
                     "mobila_team+trygg_hemgang: 0 svar, 0 resp",
                 });
}

TEST_CASE("rows: themes in the order asked, then groups by year, Swedish order, numbers by value, unknown last") {
  auto r = build(answers({
                     {.respondent = "Älmhults kommun", .year = 2023, .question = "13b"},
                     {.respondent = "Åre kommun", .year = 2023, .question = "13b"},
                     {.respondent = "Östra Göinge", .year = 2023, .question = "5a"},
                     {.respondent = "arjeplogs kommun", .year = 2023, .question = "5a"},
                     {.respondent = "Ydre kommun", .question = "5a"},
                     {.respondent = "Borås", .year = 2019, .question = ""},
                 }),
                 {GroupKey::Year, GroupKey::Respondent, GroupKey::Question},
                 {{"mobila_team", "Mobila team"}, {"sip", "SIP"}});
  Lines groups;
  for (const ThemeReportRow& row : r.rows) {
    std::string line = row.theme + " " + (row.group.year ? std::to_string(*row.group.year) : "?") + " " +
                       row.group.respondent + " " + (row.group.question.empty() ? "?" : row.group.question);
    groups.push_back(line);
  }
  CHECK(groups == Lines{
                      "mobila_team 2019 Borås ?",
                      "mobila_team 2023 arjeplogs kommun 5a",
                      "mobila_team 2023 Åre kommun 13b",
                      "mobila_team 2023 Älmhults kommun 13b",
                      "mobila_team 2023 Östra Göinge 5a",
                      "mobila_team ? Ydre kommun 5a",
                      "sip 2019 Borås ?",
                      "sip 2023 arjeplogs kommun 5a",
                      "sip 2023 Åre kommun 13b",
                      "sip 2023 Älmhults kommun 13b",
                      "sip 2023 Östra Göinge 5a",
                      "sip ? Ydre kommun 5a",
                  });
}

TEST_CASE("question ids sort by their numbers: 5a before 13b before 29") {
  auto r = build(answers({{.respondent = "A", .question = "29"},
                          {.respondent = "A", .question = "13b"},
                          {.respondent = "A", .question = "5a"},
                          {.respondent = "A", .question = "5b"}}),
                 {GroupKey::Question}, {{"sip", "SIP"}});
  Lines questions;
  for (const ThemeReportRow& row : r.rows) questions.push_back(row.group.question);
  CHECK(questions == Lines{"5a", "5b", "13b", "29"});
}

TEST_CASE("the report lists the sources its answers came from, sorted, and the themes' labels") {
  auto r = build(answers({{.respondent = "A", .source = "b.txt"}, {.respondent = "B", .source = "a.txt"}}), {});
  CHECK(r.sources == Lines{"a.txt", "b.txt"});
  CHECK(r.label("mobila_team") == "Mobila team");
  CHECK(r.label("okänt_tema") == "okänt_tema");
}

TEST_CASE("grouping keys have names that parse back") {
  for (GroupKey k : {GroupKey::Year, GroupKey::Region, GroupKey::RespondentType, GroupKey::Respondent,
                     GroupKey::Question})
    CHECK(parse_group_key(to_string(k)) == k);
  CHECK_FALSE(parse_group_key("län"));
  CHECK(std::string(to_string(GroupKey::RespondentType)) == "respondent_type");
}

TEST_CASE("no answers give one empty report: no rows without figures, pairs with zero counts") {
  auto r = build({}, {GroupKey::Year});
  CHECK(r.rows.empty());
  REQUIRE(r.co_occurrence.size() == 1);
  CHECK(r.co_occurrence[0].answers == 0);
  CHECK(r.respondents_total == 0);
}

TEST_CASE("a report from answers tallied over all questions equals the report from the answers") {
  const auto a = answers({{"Region Halland", 2022, "Halland", {"sip", "sip", "mobila_team"}, "1"},
                          {"Region Halland", 2022, "Halland", {"sip"}, "2"},
                          {"Region Halland", 2022, "Halland", {"sip", "sip"}, "3"},
                          {"Region Halland", 2023, "Halland", {}, "1"},
                          {"RSS Halland", 2023, "Halland", {"mobila_team"}, "3"},
                          {"RSS Halland", 2023, "Halland", {"mobila_team", "sip"}, "4", "b.txt"},
                          {"", 2023, "Dalarna", {"sip", "fast_vardkontakt"}, "5a", "c.txt", 1},
                          {"", 2023, "Dalarna", {}, "5b", "c.txt", 1},
                          {"", std::nullopt, "", {"sip"}, "1", "d.txt"}});
  const std::vector<AnswerTally> tallies = tally_answers(a, false);
  CHECK(tallies.size() < a.size());  // answers alike were taken together
  const std::vector<NumericItem> n = {number("Region Halland", 2022, "Halland", "SIP, antal", "4", {"sip"})};
  for (const std::vector<GroupKey>& by :
       std::vector<std::vector<GroupKey>>{{}, {GroupKey::Year}, {GroupKey::Year, GroupKey::Region},
                                          {GroupKey::RespondentType, GroupKey::Respondent}}) {
    const ThemeReport from_answers = build_theme_report(a, n, kThemes, {by});
    const ThemeReport from_tallies = build_theme_report(tallies, n, kThemes, {by});
    CHECK(render(from_tallies) == render(from_answers));
    CHECK(from_tallies.answers_total == from_answers.answers_total);
    CHECK(from_tallies.respondents_total == from_answers.respondents_total);
    CHECK(from_tallies.sources == from_answers.sources);
    REQUIRE(from_tallies.co_occurrence.size() == from_answers.co_occurrence.size());
    for (std::size_t i = 0; i < from_answers.co_occurrence.size(); ++i) {
      CHECK(from_tallies.co_occurrence[i].answers == from_answers.co_occurrence[i].answers);
      CHECK(from_tallies.co_occurrence[i].respondents == from_answers.co_occurrence[i].respondents);
    }
  }
}

TEST_CASE("a report from tallies merged over files and parts equals the report from the answers") {
  // Region Halland answers in a.txt (two parts) and b.txt; unnamed
  // respondents in two parts of c.txt stay two respondents.
  const auto a = answers({{"Region Halland", 2022, "Halland", {"sip", "mobila_team"}, "1"},
                          {"Region Halland", 2022, "Halland", {"sip"}, "2", "a.txt", 1},
                          {"Region Halland", 2022, "Halland", {"sip"}, "1", "b.txt"},
                          {"Region Halland", 2023, "Halland", {}, "1", "b.txt"},
                          {"", 2023, "Dalarna", {"sip"}, "5a", "c.txt", 1},
                          {"", 2023, "Dalarna", {"sip"}, "5b", "c.txt", 2},
                          {"", std::nullopt, "", {"mobila_team"}, "1", "d.txt"}});
  const std::vector<AnswerTally> merged = merge_tallies(tally_answers(a, false));
  REQUIRE(merged.size() == 6);   // the two sip-only answers of Region Halland 2022 are one row
  CHECK(merged[1].key == "Region Halland");
  CHECK(merged[1].answers == 2);
  CHECK(*merged[1].sources == std::vector<std::string>{"a.txt", "b.txt"});
  for (const std::vector<GroupKey>& by :
       std::vector<std::vector<GroupKey>>{{}, {GroupKey::Year}, {GroupKey::Year, GroupKey::Region},
                                          {GroupKey::RespondentType, GroupKey::Respondent}}) {
    const ThemeReport from_answers = build_theme_report(a, {}, kThemes, {by});
    const ThemeReport from_merged = build_theme_report(merged, {}, kThemes, {by});
    CHECK(render(from_merged) == render(from_answers));
    CHECK(from_merged.respondents_total == from_answers.respondents_total);
    CHECK(from_merged.sources == from_answers.sources);
    REQUIRE(from_merged.co_occurrence.size() == 1);
    CHECK(from_merged.co_occurrence[0].answers == from_answers.co_occurrence[0].answers);
    CHECK(from_merged.co_occurrence[0].respondents == from_answers.co_occurrence[0].respondents);
  }
}

TEST_CASE("tallying keeps the question when asked, so a report by question is unchanged") {
  const auto a = answers({{"R", 2023, "Halland", {"sip"}, "1"}, {"R", 2023, "Halland", {"sip"}, "2"},
                          {"R", 2023, "Halland", {"sip", "sip"}, "2"}});
  CHECK(tally_answers(a, false).size() == 1);
  const std::vector<AnswerTally> by_question = tally_answers(a, true);
  REQUIRE(by_question.size() == 2);
  CHECK(by_question[1].question == "2");
  CHECK(by_question[1].answers == 2);
  CHECK(by_question[1].mentions.at("sip") == 3);
  CHECK(render(build_theme_report(by_question, {}, kThemes, {{GroupKey::Question}})) ==
        render(build(a, {GroupKey::Question})));
}

// ---------------------------------------------------------------- like-with-like trends (issue 15)

namespace {

// "same_respondents: 0 → 1 av 1 (+100 pp), only before: A, only now: C"
// or "not comparable: different_respondents"
std::string render_change(const ThemeReportRow& row) {
  if (!row.change) return "none";
  const YearChange& c = *row.change;
  auto names = [](const std::vector<std::string>& v) {
    std::string s;
    for (const std::string& n : v) s += (s.empty() ? "" : " ") + n;
    return s.empty() ? std::string("-") : s;
  };
  if (!c.comparable)
    return std::string("not comparable: ") + to_string(c.reason) + " vs " + std::to_string(c.previous_year) +
           ", only before: " + names(c.only_before) + ", only now: " + names(c.only_now);
  const double pts = c.points().value_or(-999);
  return std::string(to_string(c.basis)) + " vs " + std::to_string(c.previous_year) + ": " +
         std::to_string(c.mentioning_before) + " av " + std::to_string(c.base_before) + " → " +
         std::to_string(c.mentioning_now) + " av " + std::to_string(c.base_now) + " (" +
         std::to_string(static_cast<long>(pts >= 0 ? pts + 0.5 : pts - 0.5)) + " pp), counted: " +
         names(c.respondents) + ", only before: " + names(c.only_before) + ", only now: " + names(c.only_now) +
         (c.small_group ? ", small" : "");
}

const ThemeReportRow& row_of(const ThemeReport& r, const std::string& theme, int year) {
  for (const ThemeReportRow& row : r.rows)
    if (row.theme == theme && row.group.year == year) return row;
  throw std::runtime_error("no row");
}

}  // namespace

TEST_CASE("the change counts only the respondents that answered in the group both years") {
  auto r = build(answers({
                     {.respondent = "A", .year = 2022, .mentions = {"sip"}},
                     {.respondent = "B", .year = 2022, .mentions = {}},
                     {.respondent = "B", .year = 2023, .mentions = {"sip"}},
                     {.respondent = "C", .year = 2023, .mentions = {"sip"}},
                 }),
                 {GroupKey::Year}, {{"sip", "SIP"}});
  // Raw counts say 1 → 2; among B, the one respondent of both years, 0 → 1.
  const ThemeReportRow& row = row_of(r, "sip", 2023);
  CHECK(row.respondents_change == 1);   // the old field keeps its meaning
  CHECK(render_change(row) ==
        "same_respondents vs 2022: 0 av 1 → 1 av 1 (100 pp), counted: B, only before: A, only now: C, small");
  CHECK(render_change(row_of(r, "sip", 2022)) == "none");
}

TEST_CASE("groups of one region with no respondent in common are not comparable") {
  // corpora/: Dalarna 2019 is Region Dalarna's report, Dalarna 2022 the RSS's survey.
  auto r = build(answers({
                     {.respondent = "Region Dalarna", .year = 2019, .region = "Dalarna", .mentions = {"sip"},
                      .type = RespondentType::Region},
                     {.respondent = "RSS Dalarna", .year = 2022, .region = "Dalarna", .mentions = {"sip"},
                      .type = RespondentType::Rss},
                 }),
                 {GroupKey::Year, GroupKey::Region}, {{"sip", "SIP"}});
  const ThemeReportRow& row = row_of(r, "sip", 2022);
  CHECK(render_change(row) ==
        "not comparable: different_respondents vs 2019, only before: Region Dalarna, only now: RSS Dalarna");
  CHECK(row.previous_year == 2019);
  CHECK(r.respondent_types.at("RSS Dalarna") == "rss");
}

TEST_CASE("with the key respondent_type the change compares the groups of that type, whoever answered") {
  auto r = build(answers({
                     {.respondent = "Falun", .year = 2022, .mentions = {"sip"}, .type = RespondentType::Kommun},
                     {.respondent = "Borlänge", .year = 2022, .mentions = {}, .type = RespondentType::Kommun},
                     {.respondent = "Falun", .year = 2023, .mentions = {"sip"}, .type = RespondentType::Kommun},
                     {.respondent = "Mora", .year = 2023, .mentions = {"sip"}, .type = RespondentType::Kommun},
                     {.respondent = "Leksand", .year = 2023, .mentions = {"sip"}, .type = RespondentType::Kommun},
                     {.respondent = "Rättvik", .year = 2023, .mentions = {}, .type = RespondentType::Kommun},
                     {.respondent = "RSS Dalarna", .year = 2023, .mentions = {"sip"}, .type = RespondentType::Rss},
                 }),
                 {GroupKey::Year, GroupKey::RespondentType}, {{"sip", "SIP"}});
  // kommun: 1 av 2 (50 %) → 3 av 4 (75 %): +25 percentage points; rss has no earlier year.
  std::vector<std::string> changes;
  for (const ThemeReportRow& row : r.rows)
    changes.push_back(row.group.respondent_type + " " + std::to_string(*row.group.year) + ": " + render_change(row));
  CHECK(changes == Lines{
                       "kommun 2022: none",
                       "kommun 2023: same_respondent_type vs 2022: 1 av 2 → 3 av 4 (25 pp), counted: -, "
                       "only before: Borlänge, only now: Leksand Mora Rättvik, small",
                       "rss 2023: none",
                   });
}

TEST_CASE("with the key respondent_type two groups without a respondent in common are not comparable") {
  auto r = build(answers({
                     {.respondent = "Region Skåne", .year = 2023, .mentions = {"sip"}, .type = RespondentType::Region},
                     {.respondent = "Region Kalmar", .year = 2024, .mentions = {"sip"}, .type = RespondentType::Region},
                 }),
                 {GroupKey::Year, GroupKey::RespondentType}, {{"sip", "SIP"}});
  CHECK(render_change(row_of(r, "sip", 2024)) ==
        "not comparable: different_respondents vs 2023, only before: Region Skåne, only now: Region Kalmar");
}

TEST_CASE("with the key respondent_type a group of unknown type is not comparable") {
  auto r = build(answers({
                     {.respondent = "A", .year = 2022, .mentions = {"sip"}},
                     {.respondent = "A", .year = 2023, .mentions = {"sip"}},
                 }),
                 {GroupKey::Year, GroupKey::RespondentType}, {{"sip", "SIP"}});
  CHECK(render_change(row_of(r, "sip", 2023)) ==
        "not comparable: unknown_respondent_type vs 2022, only before: -, only now: -");
}

TEST_CASE("a share from fewer than min_group respondents is a small group") {
  const auto a = answers({
      {.respondent = "A", .year = 2022, .mentions = {"sip"}},
      {.respondent = "B", .year = 2022, .mentions = {}},
      {.respondent = "C", .year = 2023, .mentions = {"sip"}},
      {.respondent = "A", .year = 2023, .mentions = {}},
      {.respondent = "B", .year = 2023, .mentions = {}},
  });
  ThemeReportOptions options{{GroupKey::Year}};
  options.min_group = 3;
  ThemeReport r = build_theme_report(a, {}, {{"sip", "SIP"}}, options);
  CHECK(r.min_group == 3);
  CHECK(row_of(r, "sip", 2022).small_group);         // 2 respondents
  CHECK_FALSE(row_of(r, "sip", 2023).small_group);   // 3 respondents
  CHECK(row_of(r, "sip", 2023).change->small_group); // A and B in both years: a base of 2
  options.min_group = 0;
  ThemeReport none = build_theme_report(a, {}, {{"sip", "SIP"}}, options);
  for (const ThemeReportRow& row : none.rows) CHECK_FALSE(row.small_group);
}

TEST_CASE("by default a group of 4 respondents is small and one of 5 is not") {
  std::vector<AnswerRecord> a;
  for (const char* who : {"A", "B", "C", "D"}) a.push_back(answer({.respondent = who, .year = 2022}));
  for (const char* who : {"A", "B", "C", "D", "E"}) a.push_back(answer({.respondent = who, .year = 2023}));
  ThemeReport r = build(a, {GroupKey::Year}, {{"sip", "SIP"}});
  CHECK(row_of(r, "sip", 2022).small_group);
  CHECK_FALSE(row_of(r, "sip", 2023).small_group);
}

TEST_CASE("a figure keeps its question text") {
  NumericItem n = number("RSS Halland", 2023, "Halland", "Fast omsorgskontakt", "6", {"sip"});
  n.question_text = "Antal kommuner som påbörjat eller förstärkt arbetet";
  ThemeReport r = build(answers({{.respondent = "RSS Halland", .year = 2023, .region = "Halland"}}),
                        {GroupKey::Year}, {{"sip", "SIP"}}, {n});
  REQUIRE(r.rows.at(0).figures.size() == 1);
  CHECK(r.rows[0].figures[0].question_text == "Antal kommuner som påbörjat eller förstärkt arbetet");
}

// ---------------------------------------------------------------- provenance (issue 15)

TEST_CASE("a report's time is written in UTC as ISO 8601") {
  CHECK(utc_timestamp(0) == "1970-01-01T00:00:00Z");
  CHECK(utc_timestamp(1798762200) == "2027-01-01T00:10:00Z");
  CHECK(utc_timestamp(951782400) == "2000-02-29T00:00:00Z");   // a leap day
  CHECK(utc_timestamp(-1) == "1969-12-31T23:59:59Z");
}

TEST_CASE("SOURCE_DATE_EPOCH sets a report's time, and a value that is not whole seconds is refused") {
  CHECK(report_time(nullptr, 42) == 42);
  CHECK(report_time("1798762200", 42) == 1798762200);
  CHECK_FALSE(report_time("", 42));
  CHECK_FALSE(report_time("12.5", 42));
  CHECK_FALSE(report_time("tomorrow", 42));
}

TEST_CASE("the command line is quoted so that a shell reads it back the same") {
  CHECK(shell_command_line({"analyzer", "report", "--by", "year,region"}) == "analyzer report --by year,region");
  CHECK(shell_command_line({"analyzer", "search", "mobila team", "it's", ""}) ==
        "analyzer search 'mobila team' 'it'\\''s' ''");
  CHECK(shell_command_line({"analyzer", "--region", "Västra Götaland"}) == "analyzer --region 'Västra Götaland'");
}
