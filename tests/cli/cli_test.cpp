// End-to-end tests: the real build/bin/analyzer binary, run as a user would,
// each test with its own fresh index directory under /tmp (removed after).
// Inputs are written in the test or copied from corpora/; the checks read the
// exit status, the printed summary and `answers --json` / `numbers --json`.
//
// Diagnostics of `analyzer ingest` are part of its summary (stdout); those
// that stop the run (locked index, bad manifest, usage) go to stderr. Tests
// that only need "the message names X" look at both (RunResult::all()).

#include <catch2/catch.hpp>

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "cli_support.hpp"

using namespace cli;

namespace {

// Seeds used as known-good input (no manifest needed to ingest them).
const std::string kSurveySeed = "001_a66d7b4781e6d6f2.txt";   // 21 KB
const std::string kHallandSeed = "002_93ee68d2c458f8dc.txt";
const std::string kBlankSeed = "004_bd5c5f46bc7d2672.txt";    // blank questionnaire

// A copy of the small seed as DIR/NAME, for "the good file still goes in".
std::string good_copy(const TempDir& dir, const std::string& name = "good.txt") {
  std::string p = dir / name;
  copy_file(corpus_file(kSurveySeed), p);
  return p;
}

RunResult ingest(const std::string& index, std::vector<std::string> inputs,
                 std::vector<std::string> options = {}) {
  std::vector<std::string> args{"ingest", "--index", index};
  args.insert(args.end(), options.begin(), options.end());
  args.insert(args.end(), inputs.begin(), inputs.end());
  return run(args);
}

}  // namespace

// ---------------------------------------------------------------------------
// 1. The seed corpora

TEST_CASE("Ingesting corpora/ with its manifest exits 0 and indexes answers") {
  TempDir tmp;
  const std::string index = tmp / "index";
  RunResult r = ingest(index, {kCorpora});
  INFO(r);
  REQUIRE(r.status == 0);
  CHECK(contains(r.out, "files: 4 ingested, 0 unchanged (skipped), 0 failed"));
  CHECK(answers(index).size() > 0);
}

TEST_CASE("Ingesting all of corpora/ reads its examples in XLSX, CSV, DOCX and PDF beside the text seeds") {
  TempDir tmp;
  const std::string index = tmp / "index";
  RunResult r = ingest(index, {kCorporaDir});
  INFO(r);
  REQUIRE(r.status == 0);
  CHECK(contains(r.out, "files: 8 ingested, 0 unchanged (skipped), 0 failed"));
  CHECK(contains(r.out, "005_exempelkommuner_2022.xlsx (xlsx, 1 sheet, 11 rows): 19 answers, 15 numeric items"));
  CHECK(contains(r.out, "006_exempelkommuner_2023.csv (csv, 6 rows): 9 answers, 8 numeric items"));
  CHECK(contains(r.out, "007_exempelregion_rapport_2023.docx (docx, 16 paragraphs): 7 answers"));
  CHECK(contains(r.out, "008_exempel_rss_arsrapport_2023.pdf (pdf, 1 page): 7 answers"));
  // Each example cites its place in its own format; the seeds cite lines.
  std::map<std::string, std::string> kinds;
  for (const auto& a : answers(index)) {
    const json& l = a.at("location");
    kinds[a.at("source").get<std::string>()] = l.contains("sheet")       ? "sheet"
                                               : l.contains("row")       ? "row"
                                               : l.contains("paragraph") ? "paragraph"
                                               : l.contains("page")      ? "page"
                                               : l.contains("line")      ? "line"
                                                                         : "none";
  }
  CHECK(kinds["000_3242b6e7501bd5d8.txt"] == "line");
  CHECK(kinds["005_exempelkommuner_2022.xlsx"] == "sheet");
  CHECK(kinds["006_exempelkommuner_2023.csv"] == "row");
  CHECK(kinds["007_exempelregion_rapport_2023.docx"] == "paragraph");
  CHECK(kinds["008_exempel_rss_arsrapport_2023.pdf"] == "page");
  // The manifest names the respondents of the report and the PDF.
  const auto pdf = answers(index, {"--source", "008_exempel_rss_arsrapport_2023.pdf"});
  REQUIRE_FALSE(pdf.empty());
  CHECK(pdf.front().at("respondent") == "RSS Exempel");
}

TEST_CASE("Every answer's byte range lies within its source file") {
  TempDir tmp;
  const std::string index = tmp / "index";
  RunResult r = ingest(index, {kCorpora});
  INFO(r);
  REQUIRE(r.status == 0);
  std::map<std::string, std::uintmax_t> sizes;
  for (const auto& e : fs::directory_iterator(kCorpora)) sizes[e.path().filename().string()] = e.file_size();
  auto rows = answers(index);
  REQUIRE(!rows.empty());
  for (const auto& a : rows) {
    INFO(a.dump());
    const std::string source = a.at("source").get<std::string>();
    REQUIRE(sizes.count(source) == 1);
    const auto start = a.at("start").get<std::uint64_t>();
    const auto end = a.at("end").get<std::uint64_t>();
    CHECK(start <= end);
    CHECK(end <= sizes[source]);
  }
}

TEST_CASE("The blank questionnaire in corpora/ yields no answers and no numbers") {
  TempDir tmp;
  const std::string index = tmp / "index";
  RunResult r = ingest(index, {kCorpora});
  INFO(r);
  REQUIRE(r.status == 0);
  std::string found;  // what was taken for answers, shown on failure
  for (const auto& a : answers(index, {"--source", kBlankSeed}))
    found += a.at("question").get<std::string>() + ": " + a.at("text").get<std::string>() + "\n";
  INFO("answers found in the blank questionnaire:\n" << found);
  CHECK(count_source(answers(index), kBlankSeed) == 0);
  CHECK(count_source(numbers(index), kBlankSeed) == 0);
  // It was read (not failed): the other seeds do have answers.
  CHECK(count_source(answers(index), kSurveySeed) > 0);
}

// ---------------------------------------------------------------------------
// 2. Re-ingest and stable ids

TEST_CASE("Re-ingesting corpora/ reports every file unchanged and adds nothing") {
  TempDir tmp;
  const std::string index = tmp / "index";
  RunResult first = ingest(index, {kCorpora});
  INFO(first);
  REQUIRE(first.status == 0);
  const auto before = answers(index);

  RunResult again = ingest(index, {kCorpora});
  INFO(again);
  CHECK(again.status == 0);
  CHECK(contains(again.out, "files: 0 ingested, 4 unchanged (skipped), 0 failed"));
  CHECK(contains(again.out, "added: 0 answers, 0 numeric items"));
  CHECK(answers(index).size() == before.size());
}

TEST_CASE("Answer ids are the same in two fresh indexes of the same corpus") {
  TempDir tmp;
  const std::string a = tmp / "a", b = tmp / "b";
  REQUIRE(ingest(a, {kCorpora}).status == 0);
  REQUIRE(ingest(b, {kCorpora}).status == 0);
  const auto ids_a = sorted_ids(answers(a));
  const auto ids_b = sorted_ids(answers(b));
  REQUIRE(!ids_a.empty());
  CHECK(ids_a == ids_b);
  CHECK(std::set<std::string>(ids_a.begin(), ids_a.end()).size() == ids_a.size());
}

// ---------------------------------------------------------------------------
// 3. A changed file

TEST_CASE("A changed file replaces its answers instead of adding to them") {
  TempDir tmp;
  const std::string index = tmp / "index";
  const std::string file = good_copy(tmp, "in/survey.txt");
  RunResult first = ingest(index, {file});
  INFO(first);
  REQUIRE(first.status == 0);
  const std::size_t before = count_source(answers(index), "survey.txt");
  REQUIRE(before > 0);

  // Append a line: the file's bytes (and SHA-256) change.
  write_file(file, read_file(file) + "\nTillägg: vi har även startat ett nytt samarbete med kommunerna.\n");
  RunResult second = ingest(index, {file});
  INFO(second);
  CHECK(second.status == 0);
  CHECK(contains(second.out, "files: 1 ingested, 0 unchanged (skipped), 0 failed"));

  const auto rows = answers(index);
  const auto ids = sorted_ids(rows);
  CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());  // no duplicate ids
  const std::size_t after = count_source(rows, "survey.txt");
  CHECK(after < 2 * before);

  // Exactly what a fresh index of the changed file holds.
  const std::string fresh = tmp / "fresh";
  REQUIRE(ingest(fresh, {file}).status == 0);
  CHECK(ids == sorted_ids(answers(fresh)));
}

// ---------------------------------------------------------------------------
// 4-9. Bad inputs: a clear error naming the file, exit 1, nothing else lost

TEST_CASE("An empty file is refused by name as empty, and the good file beside it goes in") {
  TempDir tmp;
  const std::string index = tmp / "index";
  const std::string empty = tmp / "empty.txt";
  write_file(empty, "");
  const std::string good = good_copy(tmp);
  RunResult r = ingest(index, {empty, good});
  INFO(r);
  CHECK(r.status == 1);
  CHECK(contains(r.all(), empty));
  CHECK(contains(r.all(), "empty"));
  CHECK(contains(r.out, "files: 1 ingested, 0 unchanged (skipped), 1 failed"));
  CHECK(count_source(answers(index), "good.txt") > 0);
}

TEST_CASE("A binary file with NUL bytes is refused by name, and the good file goes in") {
  TempDir tmp;
  const std::string index = tmp / "index";
  const std::string binary = tmp / "data.bin";
  write_file(binary, std::string("Svar\0\0\0\x01\x02 fr\xc3\xa5ga", 16));
  const std::string good = good_copy(tmp);
  RunResult r = ingest(index, {binary, good});
  INFO(r);
  CHECK(r.status == 1);
  CHECK(contains(r.all(), binary));
  CHECK(contains(r.all(), "binary"));
  CHECK(count_source(answers(index), "good.txt") > 0);
  CHECK(count_source(answers(index), "data.bin") == 0);
}

TEST_CASE("Invalid UTF-8 is refused with the file name and the byte offset") {
  TempDir tmp;
  const std::string index = tmp / "index";
  const std::string bad = tmp / "latin1.txt";
  write_file(bad, "abc\xff def");
  const std::string good = good_copy(tmp);
  RunResult r = ingest(index, {bad, good});
  INFO(r);
  CHECK(r.status == 1);
  CHECK(contains(r.all(), bad));
  CHECK(contains(r.all(), "byte 3"));
  CHECK(contains(r.all(), "UTF-8"));
  CHECK(count_source(answers(index), "good.txt") > 0);
  CHECK(count_source(answers(index), "latin1.txt") == 0);
}

TEST_CASE("With --repair an invalid UTF-8 file goes in with a warning") {
  TempDir tmp;
  const std::string index = tmp / "index";
  const std::string bad = tmp / "latin1.txt";
  write_file(bad, "abc\xff def");
  RunResult r = ingest(index, {bad}, {"--repair"});
  INFO(r);
  CHECK(r.status == 0);
  CHECK(contains(r.all(), bad));
  CHECK(contains(r.all(), "warning"));
  CHECK(contains(r.out, "files: 1 ingested, 0 unchanged (skipped), 0 failed"));
  // The bad byte became U+FFFD in the stored text.
  bool repaired = false;
  for (const auto& a : answers(index, {"--source", "latin1.txt"}))
    if (contains(a.at("text").get<std::string>(), "abc\xEF\xBF\xBD")) repaired = true;
  CHECK(repaired);
}

TEST_CASE("A path that does not exist is named in an error, and the other files go in") {
  TempDir tmp;
  const std::string index = tmp / "index";
  const std::string missing = tmp / "no-such-file.txt";
  const std::string good = good_copy(tmp);
  RunResult r = ingest(index, {missing, good});
  INFO(r);
  CHECK(r.status == 1);
  CHECK(contains(r.all(), missing));
  CHECK(count_source(answers(index), "good.txt") > 0);
  // The missing path counts in the totals (it used to say "0 failed" with exit 1).
  CHECK(contains(r.out, "files: 1 ingested, 0 unchanged (skipped), 1 failed"));
}

TEST_CASE("A folder of mixed files ingests the good one and exits 1") {
  TempDir tmp;
  const std::string index = tmp / "index";
  const std::string folder = tmp / "mixed";
  good_copy(tmp, "mixed/survey.txt");
  write_file(folder + "/picture.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20));
  write_file(folder + "/empty.txt", "");
  RunResult r = ingest(index, {folder});
  INFO(r);
  CHECK(r.status == 1);
  CHECK(contains(r.all(), "picture.png"));
  CHECK(contains(r.all(), "empty.txt"));
  CHECK(contains(r.out, "files: 1 ingested, 0 unchanged (skipped), 2 failed"));
  const auto rows = answers(index);
  CHECK(count_source(rows, "survey.txt") > 0);
  CHECK(count_source(rows, "survey.txt") == rows.size());
}

TEST_CASE("A file over --max-file-size is refused with the limit, and the good file goes in") {
  TempDir tmp;
  const std::string index = tmp / "index";
  const std::string big = tmp / "big.txt";
  std::string text;
  const std::string line = "Vi arbetar med nära vård i hela länet och samverkar med kommunerna.\n";
  while (text.size() < 2u * 1024u * 1024u) text += line;
  write_file(big, text);
  const std::string good = good_copy(tmp);
  RunResult r = ingest(index, {big, good}, {"--max-file-size", "1"});
  INFO(r);
  CHECK(r.status == 1);
  CHECK(contains(r.all(), big));
  CHECK(contains(r.all(), "limit"));
  CHECK(contains(r.all(), "1.0 MB"));
  CHECK(count_source(answers(index), "good.txt") > 0);
  CHECK(count_source(answers(index), "big.txt") == 0);
}

TEST_CASE("A --max-file-size that would overflow is a usage error, not a limit of 0") {
  TempDir tmp;
  const std::string index = tmp / "index";
  const std::string good = good_copy(tmp);
  // 17592186044416 MB is 2^64 bytes: multiplied out unchecked it wraps to 0.
  for (const std::string value : {"17592186044416", "16385", "99999999999999999999999", "-1", "+5", "0"}) {
    RunResult r = ingest(index, {good}, {"--max-file-size", value});
    INFO(value << '\n' << r);
    CHECK(r.status == 2);
    CHECK(contains(r.err, "--max-file-size takes a whole number of megabytes from 1 to 16384"));
    CHECK(contains(r.err, value));
  }
  RunResult r = ingest(index, {good}, {"--max-file-size", "16384"});
  INFO(r);
  CHECK(r.status == 0);
}

// ---------------------------------------------------------------------------
// 10. Unknown layout

TEST_CASE("A document without a recognisable layout is ingested and reported as such") {
  TempDir tmp;
  const std::string index = tmp / "index";
  const std::string prose = tmp / "prose.txt";
  write_file(prose,
             "Kommunen har under året fortsatt arbetet med omställningen till en god och nära "
             "vård. Samarbetet med regionen har utvecklats, särskilt kring hemsjukvården och "
             "de mobila teamen. Det finns fortfarande utmaningar när det gäller "
             "kompetensförsörjning och gemensamma journalsystem.\n");
  RunResult r = ingest(index, {prose});
  INFO(r);
  CHECK(r.status == 0);
  CHECK(contains(r.out, "files: 1 ingested, 0 unchanged (skipped), 0 failed"));
  CHECK(contains(r.out, "layouts not recognised: 1"));
}

// ---------------------------------------------------------------------------
// 11-12. Manifests

TEST_CASE("A manifest with a syntax error stops the run with its path and line:column") {
  TempDir tmp;
  const std::string index = tmp / "index";
  const std::string folder = tmp / "corpus";
  good_copy(tmp, "corpus/survey.txt");
  const std::string manifest = folder + "/manifest.json";
  write_file(manifest,
             "{\n"
             "  \"files\": {\n"
             "    \"survey.txt\": {\"year\": 2019,}\n"   // trailing comma: line 3
             "  }\n"
             "}\n");
  RunResult r = ingest(index, {folder});
  INFO(r);
  CHECK(r.status == 3);
  CHECK(contains(r.err, manifest + ":3:"));

  // Nothing went in: there is no index, or an empty one.
  RunResult after = run({"answers", "--json", "--index", index});
  INFO(after);
  if (after.status == 0) CHECK(parse_jsonl(after.out).empty());
  else CHECK((after.status == 3 && contains(after.err, "no index")));
}

// Issue 11, item 3: a manifest nested 40,000 deep took 3.1 GB before it was
// refused; 1,000,000 deep would not finish.
TEST_CASE("A manifest nested 100,000 deep stops the run at line:column of the bracket of level 257") {
  TempDir tmp;
  const std::string folder = tmp / "corpus";
  good_copy(tmp, "corpus/survey.txt");
  const std::string manifest = folder + "/manifest.json";
  write_file(manifest, "{\"files\":\n {\"survey.txt\": {\"region\": " + std::string(100000, '[') +
                           std::string(100000, ']') + "}}}\n");
  RunResult r = ingest(tmp / "index", {folder});
  INFO(r);
  CHECK(r.status == 3);
  CHECK(contains(r.err, manifest + ":2:281: error: the JSON nests lists and objects more than 256 levels"));
}

TEST_CASE("A manifest entry for a file that does not exist is an error naming it, and the files go in") {
  TempDir tmp;
  const std::string index = tmp / "index";
  const std::string folder = tmp / "corpus";
  good_copy(tmp, "corpus/survey.txt");
  write_file(folder + "/manifest.json",
             "{\n"
             "  \"files\": {\n"
             "    \"survey.txt\": {\"year\": 2019, \"region\": \"Dalarna\"},\n"
             "    \"svar_2021_typo.txt\": {\"year\": 2021}\n"
             "  }\n"
             "}\n");
  RunResult r = ingest(index, {folder});
  INFO(r);
  CHECK(r.status == 1);
  CHECK(contains(r.all(), "svar_2021_typo.txt"));
  CHECK(contains(r.all(), "manifest.json:4:"));
  CHECK(contains(r.out, "manifest entries naming no file: 1"));
  const auto rows = answers(index);
  REQUIRE(count_source(rows, "survey.txt") > 0);
  for (const auto& a : rows) CHECK(a.at("year") == 2019);
}

// ---------------------------------------------------------------------------
// 13. Two writers

TEST_CASE("Ingest into an index another writer holds fails at once as locked and changes nothing") {
  TempDir tmp;
  const std::string index = tmp / "index";
  REQUIRE(ingest(index, {good_copy(tmp)}).status == 0);
  const auto before = sorted_ids(answers(index));
  REQUIRE(!before.empty());

  const std::string other = tmp / "other.txt";
  copy_file(corpus_file(kHallandSeed), other);
  {
    Xapian::WritableDatabase holder(index, Xapian::DB_OPEN);  // holds the write lock
    const auto t0 = std::chrono::steady_clock::now();
    RunResult r = ingest(index, {other});
    const auto waited = std::chrono::steady_clock::now() - t0;
    INFO(r);
    CHECK(r.status == 3);
    CHECK(contains(r.err, "locked"));
    CHECK(waited < std::chrono::seconds(5));  // told at once, not made to wait
    // Readers still work while the writer holds the lock.
    CHECK(sorted_ids(answers(index)) == before);
  }
  CHECK(sorted_ids(answers(index)) == before);
  CHECK(count_source(answers(index), "other.txt") == 0);
}

// ---------------------------------------------------------------------------
// 14. A killed ingest

namespace {

// A generated prose report, `sections` sections of a heading and a
// paragraph each; every line names `file`, so no two files are alike and
// each gives one answer per section.
std::string generated_report(int file, int sections) {
  static const char* const kParagraphs[] = {
      "Samverkan med kommunerna om fast vårdkontakt och samordnad individuell plan fortsätter under året.",
      "Arbetet med digitala vårdbesök och tillgänglighet i primärvården har utvecklats vidare.",
      "Kompetensförsörjning och rekrytering av specialister i allmänmedicin är en utmaning.",
      "Patientkontrakt har införts på flera vårdcentraler och följs upp kvartalsvis."};
  const std::string f = std::to_string(file);
  std::string text = "Redovisning " + f + " av omställningen till god och nära vård\n\n";
  for (int s = 0; s < sections; ++s)
    text += "Avsnitt " + std::to_string(s) + " i redovisning " + f + "\n\n" + kParagraphs[s % 4] +
            " Uppföljningen visar resultat nummer " + std::to_string(s) + ".\n\n";
  return text;
}

// Documents committed to the index at `dir` so far; 0 while it cannot be
// opened (not created yet).
std::size_t committed_documents(const std::string& dir) {
  try {
    return Xapian::Database(dir).get_doccount();
  } catch (const Xapian::Error&) {
    return 0;
  }
}

// The files line of an ingest summary.
std::string files_line(std::size_t ingested, std::size_t unchanged) {
  return "files: " + std::to_string(ingested) + " ingested, " + std::to_string(unchanged) +
         " unchanged (skipped), 0 failed";
}

}  // namespace

TEST_CASE("An ingest killed mid-way leaves whole files only, and a rerun adds exactly the rest") {
  // 24 reports of 1000 sections, two shards: a shard commits a batch of 4
  // files at a time, so the first commit comes when about a third is done.
  constexpr std::size_t kFiles = 24;
  constexpr int kSections = 1000;
  TempDir tmp;
  const std::string folder = tmp / "reports";
  for (std::size_t f = 0; f < kFiles; ++f) {
    char name[32];
    std::snprintf(name, sizeof name, "/report_%02zu.txt", f);
    write_file(folder + name, generated_report(static_cast<int>(f), kSections));
  }
  const std::string probe = tmp / "probe";
  REQUIRE(ingest(probe, {folder + "/report_00.txt"}).status == 0);
  const std::size_t per_file = answers(probe).size();
  REQUIRE(per_file == static_cast<std::size_t>(kSections));

  // kill -9 as soon as the first documents are committed. An ingest that
  // has ended by then fails the test: it would show nothing about a kill.
  // (The deadline only stops a hung ingest; on an idle machine the first
  // commit comes within a second.)
  const std::string index = tmp / "index";
  {
    Background job({"ingest", "--shards", "2", "--index", index, folder});
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (job.running() && committed_documents(index) == 0 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    REQUIRE(job.kill9() == 128 + SIGKILL);
  }

  // The index opens; each file in it is whole; some files are in, not all.
  std::map<std::string, std::size_t> per_source;
  for (const auto& a : answers(index)) ++per_source[a.at("source").get<std::string>()];
  for (const auto& [source, n] : per_source) {
    INFO(source);
    CHECK(n == per_file);
  }
  INFO(per_source.size() << " of " << kFiles << " files were in the index after the kill");
  CHECK(per_source.size() > 0);
  CHECK(per_source.size() < kFiles);

  // Ingesting again adds exactly the files that were missing.
  RunResult rerun = ingest(index, {folder});
  INFO(rerun);
  REQUIRE(rerun.status == 0);
  CHECK(contains(rerun.out, files_line(kFiles - per_source.size(), per_source.size())));
  const auto rows = answers(index);
  CHECK(rows.size() == per_file * kFiles);
  const auto ids = sorted_ids(rows);
  CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());
}

// ---------------------------------------------------------------------------
// 15. Filters and numbers

TEST_CASE("answers --region Halland --respondent-type rss returns only RSS answers from Halland") {
  TempDir tmp;
  const std::string index = tmp / "index";
  REQUIRE(ingest(index, {kCorpora}).status == 0);
  std::string halland;  // who the Halland answers are attributed to, shown on failure
  for (const auto& a : answers(index, {"--region", "Halland"}))
    halland += "part " + a.at("part").dump() + ": " + a.at("respondent_type").dump() + " " +
               a.at("respondent").dump() + "\n";
  INFO("all Halland answers:\n" << halland);
  const auto rows = answers(index, {"--region", "Halland", "--respondent-type", "rss"});
  REQUIRE(!rows.empty());
  for (const auto& a : rows) {
    INFO(a.dump());
    CHECK(a.at("region") == "Halland");
    CHECK(a.at("respondent_type") == "rss");
  }
}

TEST_CASE("answers --region takes any form of a region's name: Region Halland, Hallands län, halland") {
  TempDir tmp;
  const std::string index = tmp / "index";
  REQUIRE(ingest(index, {kCorpora}).status == 0);
  const std::size_t halland = answers(index, {"--region", "Halland"}).size();
  REQUIRE(halland > 0);
  for (const char* form : {"Region Halland", "Hallands län", "halland", "REGION  HALLAND"}) {
    INFO(form);
    CHECK(answers(index, {"--region", form}).size() == halland);
  }
}

TEST_CASE("A misspelt --region, --question or --source is a usage error with a suggestion, in every listing") {
  TempDir tmp;
  const std::string index = tmp / "index";
  REQUIRE(ingest(index, {kCorpora}).status == 0);
  for (const char* command : {"answers", "numbers", "mentions", "report", "search"}) {
    INFO(command);
    std::vector<std::string> args{command, "--index", index, "--region", "Hallnd"};
    if (std::string(command) == "search") args.insert(args.begin() + 1, "team");
    RunResult r = run(args);
    INFO(r);
    CHECK(r.status == 2);
    CHECK(contains(r.err, "--region Hallnd (did you mean halland?)"));
    CHECK(r.out.empty());
  }
  RunResult excerpts = run({"excerpts", "--index", index, "--theme", "sip", "--source", "nosuch.txt"});
  INFO(excerpts);
  CHECK(excerpts.status == 2);
  CHECK(contains(excerpts.err, "no record of the index has --source nosuch.txt; source files of the index: "));
  RunResult question = run({"answers", "--index", index, "--question", "99z"});
  CHECK(question.status == 2);
  CHECK(contains(question.err, "no record of the index has --question 99z"));
}

TEST_CASE("answers --year 2019 returns only answers from 2019") {
  TempDir tmp;
  const std::string index = tmp / "index";
  REQUIRE(ingest(index, {kCorpora}).status == 0);
  const auto rows = answers(index, {"--year", "2019"});
  REQUIRE(!rows.empty());
  for (const auto& a : rows) {
    INFO(a.dump());
    CHECK(a.at("year") == 2019);
  }
}

TEST_CASE("numbers --json has the item \"Fast vårdkontakt, ange antal\" = 5 from the Halland report") {
  TempDir tmp;
  const std::string index = tmp / "index";
  REQUIRE(ingest(index, {kCorpora}).status == 0);
  bool found = false;
  for (const auto& n : numbers(index)) {
    if (n.at("source") == kHallandSeed && n.at("label") == "Fast vårdkontakt, ange antal" &&
        n.at("value") == 5)
      found = true;
  }
  CHECK(found);
}

// ---------------------------------------------------------------------------
// 16-17. Usage and a missing index

TEST_CASE("An unknown option is a usage error (exit 2) naming the option") {
  TempDir tmp;
  RunResult r = run({"ingest", "--index", tmp / "index", "--frobnicate", kCorpora});
  INFO(r);
  CHECK(r.status == 2);
  CHECK(contains(r.err, "--frobnicate"));
  CHECK(!fs::exists(tmp / "index"));
}

TEST_CASE("analyzer without arguments is a usage error (exit 2)") {
  RunResult r = run({});
  INFO(r);
  CHECK(r.status == 2);
  CHECK(contains(r.all(), "Usage"));
}

TEST_CASE("Option values are checked against the option table and a bad one is a usage error naming the option and what it takes") {
  TempDir tmp;
  struct Case {
    std::vector<std::string> args;
    std::string said;
  };
  const std::string index = tmp / "index";
  const std::vector<Case> cases{
      {{"excerpts", "--index", index, "--theme", "sip", "--limit", "+5"},
       "--limit takes a whole number of excerpts from 0 up, not \"+5\""},
      {{"search", "--index", index, "sip", "--offset", " 5"}, "--offset takes a whole number from 0 up, not \" 5\""},
      {{"answers", "--index", index, "--year", "2e3"}, "--year takes a year from 1900 to 2200, not \"2e3\""},
      {{"ingest", "--index", index, "--shards", "-0", kCorpora}, "--shards takes a whole number from 1 to 64, not \"-0\""},
      {{"eval", "--gold", "g.jsonl", "--min-f1", "nan"}, "--min-f1 takes a number from 0 to 1, not \"nan\""},
      {{"report", "--index", index, "--format", "ods"}, "--format takes table, json, csv, md, html, xlsx or docx, not \"ods\""},
      {{"answers", "--index", index, "--json=yes"}, "option --json takes no value (see `analyzer answers --help`)"},
  };
  for (const Case& c : cases) {
    RunResult r = run(c.args);
    INFO(r);
    CHECK(r.status == 2);
    CHECK(contains(r.err, "analyzer: " + c.said + "\n"));
  }
  CHECK(!fs::exists(index));
}

TEST_CASE("analyzer --version prints the version of the CMake project") {
  RunResult r = run({"--version"});
  INFO(r);
  CHECK(r.status == 0);
  CHECK(r.out.rfind("analyzer ", 0) == 0);
  CHECK(r.out.find_first_of("0123456789") == 9);
}

TEST_CASE("analyzer ingest --help prints the usage and exits 0") {
  RunResult r = run({"ingest", "--help"});
  INFO(r);
  CHECK(r.status == 0);
  CHECK(contains(r.out, "Usage"));
}

TEST_CASE("answers on a folder with no index exits 3 saying there is no index") {
  TempDir tmp;
  RunResult r = run({"answers", "--json", "--index", tmp / "nothing-here"});
  INFO(r);
  CHECK(r.status == 3);
  CHECK(contains(r.err, "no index"));
  CHECK(r.out.empty());
}

// ---------------------------------------------------------------------------
// What each seed yields, written from reading the documents.

namespace {

std::vector<json> seed_answers(const std::string& index, const std::string& source) {
  return answers(index, {"--source", source});
}

std::string questions_of(const std::vector<json>& rows, int part) {
  std::string out;
  for (const auto& a : rows)
    if (a.at("part").get<int>() == part) out += a.at("question").get<std::string>() + " ";
  return out;
}

}  // namespace

TEST_CASE("RSS Dalarna's 2022 report yields one answer for each of its 25 answered questions") {
  TempDir tmp;
  const std::string index = tmp / "index";
  REQUIRE(ingest(index, {kCorpora}).status == 0);
  auto rows = seed_answers(index, "000_3242b6e7501bd5d8.txt");
  CHECK(questions_of(rows, 0) ==
        "1 2 3 4 5a 5b 6 7 8a 8b 9a 9b 10a 10b 11a 11b 12a 12b 13a 13b 14 15a 15b 16a 16b ");
  for (const auto& a : rows) {
    INFO(a.dump());
    CHECK(a.at("respondent_type") == "rss");
    CHECK(a.at("region") == "Dalarna");
    CHECK(a.at("year") == 2022);
  }
  // Question 1's comment, not its options or the "Lämna gärna en kommentar" label.
  CHECK(rows.at(0).at("text").get<std::string>().rfind("En länsgemensam strategi med målbild", 0) == 0);
  // Question 3's help line ("- Bifoga målbild ...") is not part of the answer.
  CHECK(rows.at(2).at("text").get<std::string>().rfind("I Dalarna finns en upparbetad", 0) == 0);
}

TEST_CASE("No seed answer holds prompt help, agreement boxes, options, page furniture or URLs") {
  TempDir tmp;
  const std::string index = tmp / "index";
  REQUIRE(ingest(index, {kCorpora}).status == 0);
  const std::vector<std::string> never{"Från Överenskommelsen", "Beskriv med max", "Klicka eller tryck",
                                       "svarsalternativ", "Mobila team inom regionens verksamheter",
                                       "[Titel]", "4 (9)", "Sida 2", "https://", "mailto:", "@"};
  for (const auto& a : answers(index)) {
    const std::string text = a.at("text").get<std::string>();
    for (const auto& s : never) {
      INFO(a.at("source") << " " << a.at("question") << " contains \"" << s << "\"");
      CHECK(text.find(s) == std::string::npos);
    }
  }
}

TEST_CASE("The Halland document holds a cover decision, the region's survey and the RSS survey") {
  TempDir tmp;
  const std::string index = tmp / "index";
  REQUIRE(ingest(index, {kCorpora}).status == 0);
  auto rows = seed_answers(index, kHallandSeed);
  std::map<int, std::set<std::string>> types;
  for (const auto& a : rows) types[a.at("part").get<int>()].insert(a.at("respondent_type").get<std::string>());
  CHECK(types[1] == std::set<std::string>{"region"});
  CHECK(types[2] == std::set<std::string>{"rss"});
  // An open question answered right under its prompt (region survey, question 21).
  bool via_1177 = false;
  for (const auto& a : rows)
    if (a.at("part") == 1 && a.at("question") == "21") via_1177 = a.at("text") == "Via 1177.se";
  CHECK(via_1177);
  // Yes/no options are never an answer.
  for (const auto& a : rows) {
    CHECK(a.at("text") != "Ja\nNej");
    CHECK(a.at("text") != "Ja Nej");
  }
}

TEST_CASE("The Halland surveys' numeric items are structured records with their question") {
  TempDir tmp;
  const std::string index = tmp / "index";
  REQUIRE(ingest(index, {kCorpora}).status == 0);
  std::set<std::string> seen;
  for (const auto& n : numbers(index, {"--source", kHallandSeed}))
    seen.insert(n.at("question").get<std::string>() + "|" + n.at("label").get<std::string>() + "|" +
                n.at("value_text").get<std::string>() + "|" + n.at("respondent_type").get<std::string>());
  CHECK(seen.count("1|Fast vårdkontakt, ange antal|5|rss"));
  CHECK(seen.count("1|Mobila team i samverkan med region, ange antal|0|rss"));
  CHECK(seen.count("22|Andel i procent|65|region"));
  CHECK(seen.count("25|Ange indextal|0.18|region"));
  CHECK(seen.count("37|Antal|26|region"));
}

TEST_CASE("Region Dalarna's 2019 prose report becomes one answer per section heading") {
  TempDir tmp;
  const std::string index = tmp / "index";
  REQUIRE(ingest(index, {kCorpora}).status == 0);
  auto rows = seed_answers(index, kSurveySeed);
  bool mobile = false;
  for (const auto& a : rows) {
    CHECK(a.at("layout") == "report");
    CHECK(a.at("year") == 2019);
    if (a.at("question") == "Uppbyggnad/Utveckling av Mobila team")
      mobile = a.at("text").get<std::string>().find("första mobila team") != std::string::npos;
  }
  CHECK(mobile);
}

TEST_CASE("stats counts a document that gave no answers in its year and region") {
  TempDir tmp;
  const std::string index = tmp / "index";
  REQUIRE(ingest(index, {kCorpora}).status == 0);
  RunResult r = run({"stats", "--index", index});
  INFO(r);
  REQUIRE(r.status == 0);
  CHECK(contains(r.out, "documents: 4"));
  // The blank 2022 questionnaire (no region, no answers) has its own row.
  CHECK(contains(r.out, "2022  ?                              1         0         0"));
  CHECK(contains(r.out, "2023  Halland                        1"));
}

TEST_CASE("Re-ingesting after a manifest correction re-reads the file with the new metadata") {
  TempDir tmp;
  const std::string index = tmp / "index";
  const std::string folder = tmp / "in";
  fs::create_directories(folder);
  copy_file(corpus_file(kSurveySeed), folder + "/" + kSurveySeed);
  write_file(folder + "/manifest.json",
             "{\"files\": {\"" + kSurveySeed + "\": {\"year\": 2018}}}\n");
  REQUIRE(ingest(index, {folder}).status == 0);
  for (const auto& a : answers(index)) CHECK(a.at("year") == 2018);
  write_file(folder + "/manifest.json",
             "{\"files\": {\"" + kSurveySeed + "\": {\"year\": 2019}}}\n");
  RunResult again = ingest(index, {folder});
  INFO(again);
  REQUIRE(again.status == 0);
  CHECK(contains(again.out, "files: 1 ingested, 0 unchanged"));
  auto rows = answers(index);
  REQUIRE(!rows.empty());
  for (const auto& a : rows) CHECK(a.at("year") == 2019);
}

// ---------------------------------------------------------------------------
// Text that is nearly right (issue 11) and what is not read (issue 12)

namespace {

// Code point → Windows-1252 byte, for the characters of the seeds used here.
char cp1252_byte(char32_t c) {
  switch (c) {
    case U'\u2022': return '\x95';
    case U'\u201D': return '\x94';
    case U'\u201C': return '\x93';
    case U'\u2019': return '\x92';
    case U'\u2013': return '\x96';
    case U'\u2014': return '\x97';
    case U'\u2026': return '\x85';
    default:
      if (c < 0x100) return static_cast<char>(c);
      throw std::runtime_error("no Windows-1252 byte for a character of the test text");
  }
}

std::u32string utf8_to_u32(const std::string& s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const int n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t c = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out += c;
    i += n;
  }
  return out;
}

std::string to_cp1252(const std::string& utf8) {
  std::string out;
  for (char32_t c : utf8_to_u32(utf8)) out += cp1252_byte(c);
  return out;
}

std::string to_utf16le_with_bom(const std::string& utf8) {
  std::string out = "\xFF\xFE";
  for (char32_t c : utf8_to_u32(utf8)) {
    auto unit = [&](char16_t u) {
      out += static_cast<char>(u & 0xFF);
      out += static_cast<char>(u >> 8);
    };
    if (c < 0x10000) {
      unit(static_cast<char16_t>(c));
    } else {
      unit(static_cast<char16_t>(0xD800 + ((c - 0x10000) >> 10)));
      unit(static_cast<char16_t>(0xDC00 + ((c - 0x10000) & 0x3FF)));
    }
  }
  return out;
}

// Ingests the UTF-8 seed and `encoded` (the same text in another encoding)
// into two indexes and checks that they give the same answers, and that
// every answer's start/end cut out of each file the same text.
void check_same_answers_as_utf8(const std::string& encoded, std::string (*encode)(const std::string&),
                                const std::string& read_as) {
  TempDir tmp;
  const std::string utf8_path = tmp / "utf8/svar.txt";
  const std::string other_path = tmp / "other/svar.txt";
  const std::string utf8 = read_file(corpus_file(kSurveySeed));
  write_file(utf8_path, utf8);
  write_file(other_path, encoded);
  RunResult a = ingest(tmp / "index-utf8", {utf8_path});
  RunResult b = ingest(tmp / "index-other", {other_path});
  INFO(a << '\n' << b);
  REQUIRE(a.status == 0);
  REQUIRE(b.status == 0);
  CHECK(contains(b.out, other_path + ": " + read_as));
  const auto rows_a = answers(tmp / "index-utf8");
  const auto rows_b = answers(tmp / "index-other");
  REQUIRE(rows_a.size() == rows_b.size());
  REQUIRE(rows_a.size() > 10);
  for (std::size_t i = 0; i < rows_a.size(); ++i) {
    CHECK(rows_a[i].at("text") == rows_b[i].at("text"));
    CHECK(rows_a[i].at("location") == rows_b[i].at("location"));  // lines of the text, whatever the encoding
    const std::size_t sa = rows_a[i].at("start"), ea = rows_a[i].at("end");
    const std::size_t sb = rows_b[i].at("start"), eb = rows_b[i].at("end");
    REQUIRE(eb <= encoded.size());
    // The original bytes of the answer, re-encoded, are exactly the bytes
    // the other file's offsets cut out.
    CHECK(encode(utf8.substr(sa, ea - sa)) == encoded.substr(sb, eb - sb));
  }
  // The same for every theme mention.
  const auto mentions_a = list_jsonl("mentions", tmp / "index-utf8", {});
  const auto mentions_b = list_jsonl("mentions", tmp / "index-other", {});
  REQUIRE(mentions_a.size() == mentions_b.size());
  REQUIRE(!mentions_a.empty());
  for (std::size_t i = 0; i < mentions_a.size(); ++i) {
    const std::size_t sa = mentions_a[i].at("start"), ea = mentions_a[i].at("end");
    const std::size_t sb = mentions_b[i].at("start"), eb = mentions_b[i].at("end");
    REQUIRE(eb <= encoded.size());
    CHECK(encode(utf8.substr(sa, ea - sa)) == encoded.substr(sb, eb - sb));
    CHECK(mentions_a[i].at("location") == mentions_b[i].at("location"));
  }
}

std::string utf16_without_bom(const std::string& utf8) { return to_utf16le_with_bom(utf8).substr(2); }

}  // namespace

TEST_CASE("A Windows-1252 file is read as such, with a warning, and gives the answers of its UTF-8 twin") {
  const std::string utf8 = read_file(corpus_file(kSurveySeed));
  check_same_answers_as_utf8(to_cp1252(utf8), to_cp1252,
                             "warning: read as Windows-1252 (the file is not valid UTF-8)");
}

TEST_CASE("A UTF-16 file with a byte order mark is read as such and gives the answers of its UTF-8 twin") {
  const std::string utf8 = read_file(corpus_file(kSurveySeed));
  check_same_answers_as_utf8(to_utf16le_with_bom(utf8), utf16_without_bom,
                             "note: read as UTF-16LE (byte order mark FF FE)");
}

TEST_CASE("A word with å in a Windows-1252 file is found by search") {
  TempDir tmp;
  const std::string index = tmp / "index";
  const std::string path = tmp / "latin1.txt";
  write_file(path, to_cp1252(read_file(corpus_file(kSurveySeed))));
  REQUIRE(ingest(index, {path}).status == 0);
  RunResult r = run({"search", "--index", index, "--format", "json", "--", "v\xC3\xA5rden"});
  INFO(r);
  CHECK(r.status == 0);
  CHECK(contains(r.out, "latin1.txt"));
}

TEST_CASE("A file with CR-only line ends gives the answers of its LF twin") {
  TempDir tmp;
  std::string text = read_file(corpus_file(kSurveySeed));
  const std::string lf = tmp / "lf/svar.txt";
  write_file(lf, text);
  std::replace(text.begin(), text.end(), '\n', '\r');
  const std::string cr = tmp / "cr/svar.txt";
  write_file(cr, text);
  REQUIRE(ingest(tmp / "index-lf", {lf}).status == 0);
  RunResult r = ingest(tmp / "index-cr", {cr});
  INFO(r);
  REQUIRE(r.status == 0);
  const auto rows_lf = answers(tmp / "index-lf");
  const auto rows_cr = answers(tmp / "index-cr");
  CHECK(rows_lf.size() > 10);
  REQUIRE(rows_cr.size() == rows_lf.size());
  for (std::size_t i = 0; i < rows_lf.size(); ++i) {
    CHECK(rows_cr[i].at("text") == rows_lf[i].at("text"));
    CHECK(rows_cr[i].at("start") == rows_lf[i].at("start"));  // one byte per line end in both
    CHECK(rows_cr[i].at("location") == rows_lf[i].at("location"));  // a lone CR ends a line as LF does
  }
}

TEST_CASE("Numeric items whose labels start with ( \" = < a digit or lower case are all kept") {
  TempDir tmp;
  const std::string index = tmp / "index";
  const std::string path = tmp / "items.txt";
  write_file(path,
             "Enkät till regioner, uppföljning god och nära vård 2023\n"
             "1. Ange hur många kommuner som initierat nedanstående områden.\n"
             "Om svaret är noll, skriv 0.\n"
             "Fast vårdkontakt, ange antal: 5\n"
             "Hemtjänst 2, ange antal: 1 250 000\n"
             "(varav akut): 2\n"
             "\"Trygg hemgång\": 3\n"
             "=Summa team: 4\n"
             "<18 år: 6\n"
             "barn och unga: 7\n"
             "65 år och äldre: 8\n"
             "Mobila team: 9\n");
  RunResult r = ingest(index, {path});
  INFO(r);
  REQUIRE(r.status == 0);
  std::vector<std::string> labels;
  for (const auto& n : numbers(index)) labels.push_back(n.at("label").get<std::string>() + "=" + n.at("value_text").get<std::string>());
  std::sort(labels.begin(), labels.end());
  CHECK(labels == std::vector<std::string>{"\"Trygg hemgång\"=3", "(varav akut)=2", "65 år och äldre=8", "<18 år=6",
                                           "=Summa team=4", "Fast vårdkontakt, ange antal=5",
                                           "Hemtjänst 2, ange antal=1 250 000", "Mobila team=9",
                                           "barn och unga=7"});
}

TEST_CASE("A file whose name is not valid UTF-8 goes in under an escaped name, unchanged on a second run") {
  TempDir tmp;
  const std::string index = tmp / "index";
  const std::string path = tmp / "svar\xE5r.txt";  // a Latin-1 "å" in the name
  copy_file(corpus_file(kSurveySeed), path);
  RunResult r = ingest(index, {path});
  INFO(r);
  CHECK(r.status == 0);
  CHECK(count_source(answers(index), "svar\\xE5r.txt") > 10);
  RunResult again = ingest(index, {path});
  INFO(again);
  CHECK(again.status == 0);
  CHECK(contains(again.out, "files: 0 ingested, 1 unchanged (skipped), 0 failed"));
}

TEST_CASE("Broken links in a folder fail by name, hidden files and linked folders are counted as not read") {
  TempDir tmp;
  const std::string index = tmp / "index";
  const std::string folder = tmp / "in";
  good_copy(tmp, "in/survey.txt");
  good_copy(tmp, "in/.hidden.txt");
  fs::create_directories(tmp / "elsewhere");
  fs::create_symlink(tmp / "elsewhere", folder + "/linked-folder");
  fs::create_symlink(folder + "/gone.txt", folder + "/dangling.txt");
  fs::create_symlink(folder + "/loop.txt", folder + "/loop.txt");
  RunResult r = ingest(index, {folder});
  INFO(r);
  CHECK(r.status == 1);
  CHECK(contains(r.out, folder + "/dangling.txt: error: symbolic link to a file that does not exist"));
  CHECK(contains(r.out, folder + "/loop.txt: error: symbolic link loop"));
  CHECK(contains(r.out, "files: 1 ingested, 0 unchanged (skipped), 2 failed, 2 not read"));
  CHECK(count_source(answers(index), "survey.txt") > 0);
  RunResult verbose = ingest(tmp / "index2", {folder}, {"--verbose"});
  INFO(verbose);
  CHECK(contains(verbose.out, "not read   " + folder + "/.hidden.txt: hidden"));
  CHECK(contains(verbose.out, "not read   " + folder + "/linked-folder: symbolic link to a folder (not followed)"));
}
