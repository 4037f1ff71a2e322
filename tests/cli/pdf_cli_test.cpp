// End-to-end: PDF files through build/bin/analyzer ingest. The PDFs are the
// fixtures of tests/fixtures/ (made by tests/fixtures/make_pdf.py): the
// Halland survey, and one bad PDF of each kind the issue lists. Each bad
// file fails by name (and page) with exit 1, the good file beside it still
// goes in, and the index keeps what it held.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "cli_support.hpp"

using namespace cli;

namespace {

const std::string kFixtures = ANALYZER_FIXTURES;

RunResult ingest(const std::string& index, std::vector<std::string> inputs) {
  std::vector<std::string> args{"ingest", "--index", index};
  args.insert(args.end(), inputs.begin(), inputs.end());
  return run(args);
}

std::string good_copy(const TempDir& dir) {
  std::string p = dir / "good.txt";
  copy_file(corpus_file("001_a66d7b4781e6d6f2.txt"), p);
  return p;
}

}  // namespace

TEST_CASE("The Halland survey as PDF is ingested with as many answers as the same survey as text") {
  TempDir tmp;
  const std::string pdf_index = tmp / "pdf", text_index = tmp / "text";
  RunResult r = ingest(pdf_index, {kFixtures + "/halland_survey.pdf"});
  INFO(r);
  REQUIRE(r.status == 0);
  CHECK(contains(r.out, "files: 1 ingested, 0 unchanged (skipped), 0 failed"));
  REQUIRE(ingest(text_index, {corpus_file("002_93ee68d2c458f8dc.txt")}).status == 0);
  // 47 answers of the two surveys; with the 9 sections of the committee
  // decision in front of them (layout "decision", not counted) 56 records.
  const std::size_t from_pdf = count_source(answers(pdf_index), "halland_survey.pdf");
  CHECK(from_pdf > 40);
  CHECK(from_pdf == answers(text_index).size());
  const std::size_t all_from_pdf = count_source(answers(pdf_index, {"--include-decisions"}), "halland_survey.pdf");
  CHECK(all_from_pdf > from_pdf);
  CHECK(all_from_pdf == answers(text_index, {"--include-decisions"}).size());
}

TEST_CASE("A survey tool's print with questions and answers in a two-column table gives the answers of its text export") {
  TempDir tmp;
  const std::string pdf_index = tmp / "pdf", text_index = tmp / "text";
  REQUIRE(ingest(pdf_index, {kFixtures + "/survey_table.pdf"}).status == 0);
  REQUIRE(ingest(text_index, {kFixtures + "/survey_table.txt"}).status == 0);
  const auto rows_of = [](const std::vector<json>& records, const char* value) {
    std::vector<std::string> out;
    for (const json& r : records)
      out.push_back(r.at("question").get<std::string>() + " | " + squeezed(r.at(value).get<std::string>()) + " | " +
                    r.at("respondent").dump());
    return out;
  };
  const std::vector<std::string> from_pdf = rows_of(answers(pdf_index), "text");
  CHECK(from_pdf.size() == 8);  // ten questions, two of them numbers
  CHECK(from_pdf == rows_of(answers(text_index), "text"));
  CHECK(rows_of(numbers(pdf_index), "value_text") == rows_of(numbers(text_index), "value_text"));
  CHECK(numbers(pdf_index).size() == 2);
  for (const json& a : answers(pdf_index)) {
    CHECK(a.at("respondent") == "Region Gävleborg");
    CHECK(a.at("text").get<std::string>().find("Utskrivet") == std::string::npos);
  }
}

TEST_CASE("A PDF with a page without text counts every page and keeps its warning for sources") {
  TempDir tmp;
  const std::string index = tmp / "index";
  RunResult r = ingest(index, {kFixtures + "/one_scanned_page.pdf"});
  INFO(r);
  REQUIRE(r.status == 0);
  CHECK(contains(r.out, "(pdf, 2 pages)"));
  const RunResult listed = run({"sources", "--index", index, "--json"});
  const json file = json::parse(listed.out.substr(0, listed.out.find('\n')));
  REQUIRE(file.contains("file_notes"));
  bool said = false;
  for (const json& n : file.at("file_notes"))
    said = said || (n.at("severity") == "warning" && contains(n.at("message").get<std::string>(), "page 2"));
  CHECK(said);
  CHECK(contains(run({"sources", "--index", index}).out, "varning: pages without text (scanned images?) were not read: page 2"));
}

TEST_CASE("Each bad PDF fails by name with its reason, the good file goes in, the index stays as it was") {
  struct Bad {
    std::string file;    // in tests/fixtures/, or written here
    std::string reason;  // part of the error
  };
  const Bad bad = GENERATE(Bad{"encrypted.pdf", "is protected by a password"},
                           Bad{"no_text.pdf", "has no text layer (a scanned document?)"},
                           Bad{"damaged_page.pdf", "cannot read page 2 of "},
                           Bad{"damaged_tree.pdf", "cannot read page 1 of "},
                           Bad{"text_named.pdf", "text_named.pdf"});
  TempDir tmp;
  const std::string index = tmp / "index";
  const std::string good = good_copy(tmp);
  REQUIRE(ingest(index, {good}).status == 0);
  const std::vector<json> before = answers(index);
  REQUIRE(!before.empty());

  const std::string path = tmp / bad.file;
  if (bad.file == "text_named.pdf") {
    write_file(path, "Hemsjukvården har mobila team i alla kommuner.\n");
  } else {
    copy_file(kFixtures + "/" + bad.file, path);
  }
  RunResult r = ingest(index, {path, good});
  INFO(r);
  CHECK(r.status == 1);
  CHECK(contains(r.all(), path));
  CHECK(contains(r.all(), bad.reason));
  CHECK(contains(r.out, "files: 0 ingested, 1 unchanged (skipped), 1 failed"));
  CHECK(answers(index) == before);
}

TEST_CASE("A bad PDF in a run of new files does not stop the good one from going in") {
  TempDir tmp;
  const std::string index = tmp / "index";
  const std::string bad = tmp / "no_text.pdf";
  copy_file(kFixtures + "/no_text.pdf", bad);
  RunResult r = ingest(index, {bad, kFixtures + "/halland_survey.pdf"});
  INFO(r);
  CHECK(r.status == 1);
  CHECK(contains(r.out, "files: 1 ingested, 0 unchanged (skipped), 1 failed"));
  CHECK(count_source(answers(index), "halland_survey.pdf") > 40);
  CHECK(count_source(answers(index), "no_text.pdf") == 0);
}
