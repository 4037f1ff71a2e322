#pragma once
// Stage: report (data only; print/ lays it out). The theme frequency report
// a synthesis quotes: "5 av 15 kommuner beskriver arbete med SIP".
//
// In:  answers (with the mentions ingest found) and numeric items from the
//      index, already filtered (year, region, ...); the themes to report.
// Out: ThemeReport: per theme and group (the keys asked for), how many
//      respondents mention the theme, of how many in the group, how many
//      answers and mentions; the change against the previous year; the
//      respondents' own figures (numeric items whose label names the
//      theme); a co-occurrence table of theme pairs.
// Counting rules:
//   - A respondent is AnswerRecord::respondent.name; when unknown, the
//     source file and part ("002_x.txt#1"). A respondent counts once per
//     group however many answers or mentions it has.
//   - respondents_total: respondents with at least one answer in the group;
//     answers_total likewise.
//   - respondents_change: respondents minus respondents of the same theme
//     and the same other keys in the closest earlier year present in the
//     data; only when `year` is a key and such a year exists.
//   - Co-occurrence: answers (and respondents) with mentions of both themes,
//     over all the answers given (not per group).
//   - Only mentions of the reported themes count; answers are never
//     dropped for their themes (they all count in the totals).
// Rows: every reported theme gets a row for every group that has answers,
//   also when no respondent in it mentions the theme ("0 av 3"). A numeric
//   item whose group has no answers still gets a row for its theme (totals 0,
//   no change), so that no figure is lost.
// Order of groups: the keys in the order of `by`; a year ascending, text
//   keys in Swedish alphabetical order (case-insensitive, å ä ö after z,
//   digit runs by value: question "5a" before "13b"); unknown values last.
// Cost: linear in answers + mentions + numbers, plus sorting the groups
//   (n log n). No I/O, no shared state: thread-safe.
//
// Example:
//   ThemeReport r = build_theme_report(reader.answers({}), reader.numbers({}),
//                                      {{"sip", "SIP"}}, {.by = {GroupKey::Year}});
//   r.rows[0]: theme "sip", group.year 2019, respondents 1 of respondents_total 1.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/answer_tally.hpp"
#include "analyzer/core/records.hpp"

namespace analyzer {

enum class GroupKey { Year, Region, RespondentType, Respondent, Question };

// The names of a grouping key, in one table: `id` as written after --by and
// in JSON ("respondent_type"), `word` inside a Swedish sentence ("per år och
// respondenttyp"), `heading` as a Swedish column heading ("Respondenttyp").
struct GroupKeyNames {
  GroupKey key;
  const char* id;
  const char* word;
  const char* heading;
};
const GroupKeyNames& names_of(GroupKey k);

// "year", "region", "respondent_type", "respondent", "question".
const char* to_string(GroupKey k);
std::optional<GroupKey> parse_group_key(std::string_view s);

struct ThemeInfo {
  std::string id;      // "sip"
  std::string label;   // "SIP" (Swedish, from the lexicon)
};

// The values of the grouping keys of one row; only the keys in
// ThemeReport::by are meaningful. Unknown values are empty / nullopt.
struct GroupValues {
  std::optional<int> year;
  std::string region;
  std::string respondent_type;
  std::string respondent;
  std::string question;
  friend bool operator==(const GroupValues&, const GroupValues&) = default;
};

// A figure the respondent gave itself ("Fast vårdkontakt, ange antal: 5").
struct NumericFigure {
  std::string respondent;
  std::optional<int> year;
  std::string source;
  std::string question;
  std::string label;
  std::string value_text;   // as printed
  double value = 0;
};

struct ThemeReportRow {
  std::string theme;
  GroupValues group;
  std::size_t respondents = 0;         // respondents mentioning the theme
  std::size_t respondents_total = 0;   // respondents with any answer in the group
  std::size_t answers = 0;             // answers mentioning the theme
  std::size_t answers_total = 0;       // answers in the group
  std::size_t mentions = 0;
  std::optional<int> previous_year;            // see the file comment
  std::optional<long> respondents_change;      // respondents - respondents in previous_year
  std::vector<NumericFigure> figures;          // the group's numeric items for this theme

  // respondents / respondents_total in [0, 1]; nullopt when the group has
  // no respondents (a row that only carries figures).
  std::optional<double> share() const;
};

struct CoOccurrence {
  std::string a, b;             // theme ids, a < b in ThemeReport::themes order
  std::size_t answers = 0;      // answers mentioning both
  std::size_t respondents = 0;  // respondents mentioning both (not necessarily in one answer)
};

struct ThemeReport {
  std::vector<ThemeInfo> themes;        // reported themes, in the order asked
  std::vector<GroupKey> by;             // grouping keys, in the order asked
  std::vector<ThemeReportRow> rows;     // per theme (themes order), then group (sorted: year
                                        // ascending, then text keys; unknown last)
  std::vector<CoOccurrence> co_occurrence;  // every pair of reported themes
  std::size_t answers_total = 0;
  std::size_t respondents_total = 0;
  std::vector<std::string> sources;     // source files the answers came from, sorted

  // The label of a reported theme (its id when the label is empty or the
  // theme is not reported): what every printer shows for ThemeReportRow::theme.
  std::string label(std::string_view theme) const;
};

struct ThemeReportOptions {
  std::vector<GroupKey> by;             // empty: one row per theme
};

ThemeReport build_theme_report(const std::vector<AnswerRecord>& answers, const std::vector<NumericItem>& numbers,
                               const std::vector<ThemeInfo>& themes, const ThemeReportOptions& options);

// The same report from answers already tallied (core/answer_tally.hpp):
// identical to the one above for the answers behind `tallies`, provided
// they keep their question when `options.by` holds GroupKey::Question.
// Cost: linear in tallies (an index's stored tallies: a few per file).
ThemeReport build_theme_report(const std::vector<AnswerTally>& tallies, const std::vector<NumericItem>& numbers,
                               const std::vector<ThemeInfo>& themes, const ThemeReportOptions& options);

// The respondent identity used for counting (see the file comment); the
// numeric item's form is the one NumericFigure::respondent holds.
std::string respondent_key(const AnswerRecord& a);
std::string respondent_key(const NumericItem& n);
std::string respondent_key(const AnswerTally& t);

}  // namespace analyzer
