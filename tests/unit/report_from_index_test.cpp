// report/report_from_index and the tallies the index stores for it: a
// report read from the stored tallies (a shard's aggregate, or each file's
// own) must equal the report built from the answers themselves, under
// every grouping and filter, and an aggregate that no longer matches its
// shard's files must not be used. Reports are compared as one rendering of
// every figure, so a failure reads as a diff.

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "analyzer/index/index.hpp"
#include "analyzer/report/report_from_index.hpp"
#include "tests/support/temp_files.hpp"

using namespace analyzer;
using analyzer::test::TempDir;

namespace {

const std::vector<ThemeInfo> kThemes = {{"sip", "SIP"}, {"mobila_team", "Mobila team"}, {"fast_vardkontakt", "FVK"}};

Respondent who(std::optional<int> year, std::string region, RespondentType type, std::string name) {
  return Respondent{year, std::move(region), type, std::move(name)};
}

// One answer of `file`, in `part`, mentioning each theme of `themes` once per entry.
void add_answer(IndexedFile& file, int part, const Respondent& r, std::vector<std::string> themes) {
  AnswerRecord a;
  a.source = file.source;
  a.id = file.source + "-" + std::to_string(file.answers.size());
  a.part = part;
  a.respondent = r;
  a.question = std::to_string(file.answers.size() % 3 + 1);
  a.text = "Svar " + std::to_string(file.answers.size());
  a.span = {file.answers.size() * 100, file.answers.size() * 100 + a.text.size()};
  a.norm = a.span;
  for (std::string& t : themes) a.mentions.push_back({t, "r", a.span, a.text, {}, {}, {}});
  file.answers.push_back(std::move(a));
}

const Respondent kHalland = who(2022, "Halland", RespondentType::Region, "Region Halland");
const Respondent kRssHalland = who(2022, "Halland", RespondentType::Rss, "RSS Halland");
const Respondent kUnnamedHalland = who(2022, "Halland", RespondentType::Kommun, "");
const Respondent kFalkenberg = who(2022, "Halland", RespondentType::Kommun, "Falkenbergs kommun");
const Respondent kDalarna = who(2023, "Dalarna", RespondentType::Region, "Region Dalarna");
const Respondent kUnnamedDalarna = who(2023, "Dalarna", RespondentType::Kommun, "");
const Respondent kUnknown = Respondent{std::nullopt, "", std::nullopt, "Okänd"};

// Respondents named in several files and parts (Region Halland in a.txt
// parts 0 and 3 and in b.txt), unnamed ones (one per file and part), a
// file with no year or region, and a numeric item naming a theme.
std::vector<IndexedFile> files() {
  IndexedFile a{"a.txt", "a.txt", "hash-a", {}, {}};
  add_answer(a, 0, kHalland, {"sip", "sip", "mobila_team"});
  add_answer(a, 0, kHalland, {"sip"});
  add_answer(a, 1, kRssHalland, {"mobila_team"});
  add_answer(a, 2, kUnnamedHalland, {"sip"});
  add_answer(a, 3, kHalland, {});
  NumericItem n;
  n.source = a.source;
  n.respondent = kHalland;
  n.question = "7";
  n.label = "SIP, antal";
  n.value_text = "4";
  n.value = 4;
  n.themes = {"sip"};
  a.numbers = {n};
  IndexedFile b{"b.txt", "b.txt", "hash-b", {}, {}};
  add_answer(b, 0, kHalland, {"sip"});
  add_answer(b, 0, kHalland, {"sip", "fast_vardkontakt"});
  add_answer(b, 1, kFalkenberg, {"fast_vardkontakt"});
  add_answer(b, 2, kUnnamedHalland, {"sip"});
  IndexedFile c{"c.txt", "c.txt", "hash-c", {}, {}};
  add_answer(c, 0, kDalarna, {"sip", "mobila_team"});
  add_answer(c, 0, kDalarna, {"sip"});
  add_answer(c, 1, kUnnamedDalarna, {});
  IndexedFile d{"d.txt", "d.txt", "hash-d", {}, {}};
  add_answer(d, 0, kUnknown, {"sip"});
  return {a, b, c, d};
}

// Writes `files` round-robin into a new index of `shards` shards, then each
// shard's aggregate (as an ingest run ends).
void write_index(const std::string& dir, const std::vector<IndexedFile>& files, std::size_t shards) {
  auto opened = IndexWriter::open_shards(dir, shards);
  if (!opened.ok()) FAIL(opened.error().render());
  auto writers = std::move(opened).value();
  REQUIRE(writers.size() == shards);
  for (std::size_t i = 0; i < files.size(); ++i) {
    auto done = writers[i % shards]->replace_file(files[i]);
    if (!done.ok()) FAIL(done.error().render());
  }
  for (auto& w : writers) {
    auto written = w->write_aggregate();
    if (!written.ok()) FAIL(written.error().render());
  }
}

std::unique_ptr<IndexReader> open_reader(const std::string& dir) {
  auto r = IndexReader::open(dir);
  if (!r.ok()) FAIL(r.error().render());
  return std::move(r).value();
}

// Every figure of a report, one line per row, pair and total.
std::string render(const ThemeReport& r) {
  std::string s;
  auto n = [](std::size_t v) { return std::to_string(v); };
  for (const ThemeReportRow& row : r.rows) {
    const GroupValues& g = row.group;
    s += row.theme + " [" + (g.year ? std::to_string(*g.year) : "-") + "|" + g.region + "|" + g.respondent_type +
         "|" + g.respondent + "|" + g.question + "] " + n(row.respondents) + "/" + n(row.respondents_total) +
         " resp " + n(row.answers) + "/" + n(row.answers_total) + " svar " + n(row.mentions) + " omn";
    if (row.respondents_change)
      s += " " + std::to_string(*row.respondents_change) + " mot " + std::to_string(*row.previous_year);
    for (const NumericFigure& f : row.figures) s += " fig " + f.respondent + "=" + f.value_text;
    s += "\n";
  }
  for (const CoOccurrence& c : r.co_occurrence)
    s += c.a + "+" + c.b + " " + n(c.answers) + " svar " + n(c.respondents) + " resp\n";
  s += "totals " + n(r.answers_total) + " svar " + n(r.respondents_total) + " resp; sources";
  for (const std::string& src : r.sources) s += " " + src;
  return s + "\n";
}

// The report from the stored tallies, and from the answers, behind `filter`.
std::pair<std::string, std::string> both_reports(const IndexReader& reader, const RecordFilter& filter,
                                                 const std::vector<GroupKey>& by) {
  auto tallies = reader.answer_tallies(filter);
  REQUIRE(tallies);
  const auto numbers = reader.themed_numbers(filter);
  return {render(build_theme_report(*tallies, numbers, kThemes, {by})),
          render(build_theme_report(reader.answers(filter), numbers, kThemes, {by}))};
}

// Whether some stored tally row takes answers of several files together:
// only the aggregate has such rows.
bool merged_across_files(const IndexReader& reader) {
  auto tallies = reader.answer_tallies({});
  REQUIRE(tallies);
  return std::any_of(tallies->begin(), tallies->end(),
                     [](const AnswerTally& t) { return t.sources && t.sources->size() > 1; });
}

RecordFilter filter_named(const std::string& name) {
  RecordFilter f;
  if (name == "year") f.year = 2022;
  if (name == "region") f.region = "HALLAND";   // case-insensitive
  if (name == "type") f.respondent_type = RespondentType::Region;
  if (name == "theme") f.theme = "fast_vardkontakt";
  if (name == "source") f.source = "b.txt";
  return f;
}

}  // namespace

TEST_CASE("the report from each shard's aggregate equals the report from the answers, for every grouping and filter") {
  const std::size_t shards = GENERATE(1, 2);
  TempDir tmp;
  write_index(tmp / "idx", files(), shards);
  auto reader = open_reader(tmp / "idx");
  if (shards == 1) CHECK(merged_across_files(*reader));   // a.txt and b.txt share a shard
  const std::vector<GroupKey> by = GENERATE(std::vector<GroupKey>{}, std::vector<GroupKey>{GroupKey::Year},
                                            std::vector<GroupKey>{GroupKey::Year, GroupKey::Region},
                                            std::vector<GroupKey>{GroupKey::RespondentType, GroupKey::Respondent},
                                            std::vector<GroupKey>{GroupKey::Region, GroupKey::RespondentType});
  const std::string filter = GENERATE(as<std::string>{}, "none", "year", "region", "type", "theme", "source");
  INFO("shards " << shards << ", filter " << filter);
  const auto [from_tallies, from_answers] = both_reports(*reader, filter_named(filter), by);
  CHECK(from_tallies == from_answers);
}

TEST_CASE("the report data path gives the same report as the answers, sources included") {
  TempDir tmp;
  write_index(tmp / "idx", files(), 1);
  auto reader = open_reader(tmp / "idx");
  const ThemeReportOptions by{{GroupKey::Year, GroupKey::Region}};
  const ThemeReport r = theme_report_from_index(*reader, {}, kThemes, by);
  CHECK(render(r) == render(build_theme_report(reader->answers({}), reader->themed_numbers({}), kThemes, by)));
  CHECK(r.sources == std::vector<std::string>{"a.txt", "b.txt", "c.txt", "d.txt"});
  RecordFilter dalarna;
  dalarna.region = "dalarna";
  CHECK(theme_report_from_index(*reader, dalarna, kThemes, by).sources == std::vector<std::string>{"c.txt"});
}

TEST_CASE("an aggregate made stale by a file replaced after it was written is not used") {
  TempDir tmp;
  std::vector<IndexedFile> f = files();
  write_index(tmp / "idx", f, 1);
  REQUIRE(merged_across_files(*open_reader(tmp / "idx")));
  // b.txt changes (Region Halland now mentions mobila team, Falkenberg is
  // gone) and is replaced without write_aggregate, as by a writer killed
  // before the end of its run.
  IndexedFile changed{"b.txt", "b.txt", "hash-b2", {}, {}};
  add_answer(changed, 0, kHalland, {"sip"});
  add_answer(changed, 0, kHalland, {"mobila_team"});
  add_answer(changed, 1, kUnnamedHalland, {});
  {
    auto w = IndexWriter::open(tmp / "idx");
    REQUIRE(w.ok());
    REQUIRE(w.value()->replace_file(changed).ok());
  }
  auto reader = open_reader(tmp / "idx");
  CHECK_FALSE(merged_across_files(*reader));   // each file's own tallies
  const auto [from_tallies, from_answers] = both_reports(*reader, {}, {GroupKey::Year, GroupKey::RespondentType});
  CHECK(from_tallies == from_answers);
  CHECK(from_tallies.find("fast_vardkontakt [2022||kommun||] 0/2") != std::string::npos);
  // Written again, the aggregate is current and used.
  {
    auto w = IndexWriter::open(tmp / "idx");
    REQUIRE(w.ok());
    REQUIRE(w.value()->write_aggregate().ok());
  }
  auto again = open_reader(tmp / "idx");
  CHECK(merged_across_files(*again));
  CHECK(both_reports(*again, {}, {GroupKey::Year, GroupKey::RespondentType}).first == from_answers);
}

TEST_CASE("without an aggregate the files' own tallies give the same report") {
  TempDir tmp;
  {
    auto w = IndexWriter::open(tmp / "idx");
    REQUIRE(w.ok());
    for (const IndexedFile& f : files()) REQUIRE(w.value()->replace_file(f).ok());
  }
  auto reader = open_reader(tmp / "idx");
  CHECK_FALSE(merged_across_files(*reader));
  const std::string filter = GENERATE(as<std::string>{}, "none", "year", "region", "type", "theme", "source");
  INFO("filter " << filter);
  const auto [from_tallies, from_answers] = both_reports(*reader, filter_named(filter), {GroupKey::Year, GroupKey::Region});
  CHECK(from_tallies == from_answers);
}

TEST_CASE("a source filter naming a file the index does not hold gives no tallies rows") {
  TempDir tmp;
  write_index(tmp / "idx", files(), 2);
  RecordFilter f;
  f.source = "nope.txt";
  auto tallies = open_reader(tmp / "idx")->answer_tallies(f);
  REQUIRE(tallies);
  CHECK(tallies->empty());
}

TEST_CASE("a last batch stored with its aggregate leaves a current aggregate, with one commit") {
  TempDir tmp;
  std::vector<IndexedFile> f = files();
  {
    auto w = IndexWriter::open(tmp / "idx");
    REQUIRE(w.ok());
    REQUIRE(w.value()->replace_file(f[0]).ok());
    const std::vector<const IndexedFile*> last{&f[1], &f[2], &f[3]};
    for (const Status& s : w.value()->replace_files(last, true)) REQUIRE(s.ok());
  }
  auto reader = open_reader(tmp / "idx");
  CHECK(merged_across_files(*reader));  // the aggregate, without write_aggregate()
  const auto [from_tallies, from_answers] = both_reports(*reader, {}, {GroupKey::Year, GroupKey::Region});
  CHECK(from_tallies == from_answers);
}

TEST_CASE("a shard that holds no file and stores no aggregate reports nothing") {
  TempDir tmp;
  {
    auto w = IndexWriter::open(tmp / "idx");
    REQUIRE(w.ok());
    REQUIRE(w.value()->write_aggregate().ok());
  }
  auto reader = open_reader(tmp / "idx");
  auto tallies = reader->answer_tallies({});
  REQUIRE(tallies);
  CHECK(tallies->empty());
}
