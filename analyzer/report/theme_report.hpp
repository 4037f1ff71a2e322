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
//   - previous_year: the closest earlier year with answers in a group of
//     the same other keys; only when `year` is a key and such a year exists.
//   - respondents_change (kept for compatibility; no printer but CSV shows
//     it): respondents minus respondents of the same theme in the group of
//     previous_year, whoever answered in either year.
//   - change (YearChange): like with like. With the key respondent_type
//     (and not respondent) the groups of both years hold one respondent
//     type: the shares of the two groups are compared (basis
//     SameRespondentType); a group of unknown type is not comparable, and
//     nor are two groups without a respondent in common
//     (DifferentRespondents: Region Skåne 2023 against Region Kalmar
//     2024 is no change of the regions).
//     Otherwise only the respondents with answers in the group in BOTH
//     years count (basis SameRespondents): their share mentioning the
//     theme this year against their share in previous_year; none in
//     common is not comparable (DifferentRespondents: Dalarna 2022, RSS
//     Dalarna, against Dalarna 2019, Region Dalarna). Shares change in
//     percentage points.
//   - small_group: the group has fewer than ThemeReportOptions::min_group
//     respondents (but at least one): its share is shown with its counts
//     and marked. YearChange::small_group likewise for the base of the
//     comparison.
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

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/answer_tally.hpp"
#include "analyzer/core/records.hpp"
#include "analyzer/report/report_provenance.hpp"

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
  // The question the item answers, as printed ("Antal kommuner som
  // påbörjat eller förstärkt arbetet"); "" when the index has none (an
  // index written before analysis version 8). Printers show it before the
  // label: "<question_text>: <label> — <value_text>" (figure_text(),
  // print/report_printers.hpp).
  std::string question_text;
};

// How a row's change against the previous year was measured.
enum class ChangeBasis { SameRespondents, SameRespondentType };
// "same_respondents", "same_respondent_type".
const char* to_string(ChangeBasis b);

// Why a row with an earlier year has no change.
enum class NotComparableReason { DifferentRespondents, UnknownRespondentType };
// "different_respondents", "unknown_respondent_type".
const char* to_string(NotComparableReason r);

// The change of one row against previous_year (file comment). Shares are
// mentioning / base in each year; `base_before` == `base_now` for
// SameRespondents (the same respondents both years).
struct YearChange {
  int previous_year = 0;
  bool comparable = false;
  ChangeBasis basis = ChangeBasis::SameRespondents;                           // when comparable
  NotComparableReason reason = NotComparableReason::DifferentRespondents;     // when not comparable
  // SameRespondents: the respondents counted (in both years), sorted.
  // SameRespondentType: empty. Not comparable: empty.
  std::vector<std::string> respondents;
  std::size_t mentioning_before = 0, base_before = 0;   // previous_year
  std::size_t mentioning_now = 0, base_now = 0;         // this row's year
  // Respondents of the group in only one of the two years, sorted: left
  // out of a SameRespondents comparison, and the reason of a
  // DifferentRespondents one.
  std::vector<std::string> only_before, only_now;
  bool small_group = false;   // base_now or base_before under min_group

  // (share now − share before) × 100; nullopt when not comparable or a base is 0.
  std::optional<double> points() const;
  // mentioning_now − mentioning_before.
  long respondents_change() const;
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
  std::optional<YearChange> change;            // set exactly when previous_year is set
  bool small_group = false;                    // 0 < respondents_total < min_group

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
  std::size_t min_group = 5;            // ThemeReportOptions::min_group
  // Respondent (respondent_key) → its type ("kommun", "rss", "region"; ""
  // unknown), for every respondent with an answer: printers name the
  // respondents of a comparison with it.
  std::map<std::string, std::string> respondent_types;
  // Where the report comes from (report_provenance.hpp): not built here;
  // the caller (cli/report_command.cpp) sets it, and every printer shows it
  // when set.
  std::optional<ReportProvenance> provenance;

  // The label of a reported theme (its id when the label is empty or the
  // theme is not reported): what every printer shows for ThemeReportRow::theme.
  std::string label(std::string_view theme) const;
};

struct ThemeReportOptions {
  std::vector<GroupKey> by;             // empty: one row per theme
  // A group with fewer respondents than this (and at least one) is a small
  // group (ThemeReportRow::small_group). 0 and 1 mark none.
  std::size_t min_group = 5;
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
