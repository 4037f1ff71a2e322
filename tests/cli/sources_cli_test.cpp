// End-to-end tests of `analyzer sources` (issue 14): the provenance of
// every metadata field of every seed document, a manifest written from it
// that reproduces the same records when fed back, and --write-manifest on
// bad input.

#include <catch2/catch.hpp>

#include "cli_support.hpp"

using namespace cli;

namespace {

// Every seed document (text, spreadsheet, Word, PDF), with or without the
// analyst's manifest, ingested into `index`.
RunResult ingest_corpora(const std::string& index, const std::vector<std::string>& manifest_args) {
  std::vector<std::string> args{"ingest", "--index", index};
  args.insert(args.end(), manifest_args.begin(), manifest_args.end());
  for (const auto& entry : fs::directory_iterator(kCorporaDir))
    if (entry.path().filename() != "manifest.json") args.push_back(entry.path().string());
  std::sort(args.begin() + 3 + static_cast<std::ptrdiff_t>(manifest_args.size()), args.end());
  return run(args);
}

// `sources --format json` of `index`, one object per file.
std::vector<json> sources_of(const std::string& index) {
  RunResult r = run({"sources", "--index", index, "--format", "json"});
  REQUIRE(r.status == 0);
  std::vector<json> out;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) out.push_back(json::parse(line));
  return out;
}

}  // namespace

TEST_CASE("sources shows where every field of every seed document came from") {
  analyzer::test::TempDir dir;
  const std::string index = dir.path().string() + "/idx";
  const std::string manifest = kCorporaDir + "/manifest.json";
  REQUIRE(ingest_corpora(index, {"--manifest", manifest}).status == 0);
  const std::vector<json> files = sources_of(index);
  REQUIRE(files.size() == 8);
  std::size_t parts = 0, from_manifest = 0;
  for (const json& f : files) {
    INFO(f.dump());
    CHECK_FALSE(f.at("format").get<std::string>().empty());
    for (const json& p : f.at("parts")) {
      ++parts;
      for (const char* field : {"year", "region", "type", "respondent"}) {
        const json& e = p.at("provenance").at(field);
        const std::string from = e.at("from");
        CHECK((from == "manifest" || from == "detected" || from == "default"));
        if (from == "detected") CHECK_FALSE(e.at("rule").get<std::string>().empty());
        if (from == "manifest") {
          ++from_manifest;
          CHECK(e.at("file") == manifest);
        }
      }
    }
  }
  CHECK(parts >= 8);
  CHECK(from_manifest > 0);
}

TEST_CASE("a report that names its author only in its running header is listed as theirs, citing the header's line") {
  analyzer::test::TempDir dir;
  const std::string path = dir.path().string() + "/arsrapport.txt";
  std::string text = "Inledning\n\nKommunerna har infört mobila team och SIP under året.\n";
  for (int page = 1; page <= 4; ++page)
    text += "Arbetet fortsätter på sida " + std::to_string(page) + ".\nSida " + std::to_string(page) +
            "\nRSS Kalmar län – Årsrapport 2023\n";
  analyzer::test::write_file(path, text);
  const std::string index = dir.path().string() + "/idx";
  REQUIRE(run({"ingest", "--index", index, "--no-manifest", path}).status == 0);
  const json part = sources_of(index).at(0).at("parts").at(0);
  INFO(part.dump());
  CHECK(part.at("respondent") == "RSS Kalmar");
  CHECK(part.at("respondent_type") == "rss");
  CHECK(part.at("year") == 2023);
  const json& who = part.at("provenance").at("respondent");
  CHECK(who.at("rule") == "page_header");
  bool to_check = false;  // a running header may name the form's sender: listed for the analyst
  for (const json& w : part.at("warnings")) to_check = to_check || (w.at("kind") == "field_guessed" && w.at("field") == "respondent");
  CHECK(to_check);
  CHECK(who.at("text") == "RSS Kalmar län – Årsrapport 2023");
  CHECK(who.at("location").at("line") == 6);
  CHECK(text.substr(who.at("start").get<std::size_t>(), who.at("end").get<std::size_t>() - who.at("start").get<std::size_t>()) ==
        "RSS Kalmar län – Årsrapport 2023");
  // The header is no answer's text.
  const RunResult answers = run({"answers", "--index", index, "--json"});
  CHECK(answers.out.find("Årsrapport") == std::string::npos);
}

TEST_CASE("sources --json prints what --format json prints, and beside another --format is a usage error") {
  analyzer::test::TempDir dir;
  const std::string index = dir.path().string() + "/idx";
  REQUIRE(run({"ingest", "--index", index, "--no-manifest", corpus_file("001_a66d7b4781e6d6f2.txt")}).status == 0);
  const RunResult json_flag = run({"sources", "--index", index, "--json"});
  CHECK(json_flag.status == 0);
  CHECK(json_flag.out == run({"sources", "--index", index, "--format", "json"}).out);
  const RunResult both = run({"sources", "--index", index, "--json", "--format", "md"});
  CHECK(both.status == 2);
  CHECK(both.out.empty());
}

TEST_CASE("a blank form is listed with a warning and as an RSS form, not as a municipality's") {
  analyzer::test::TempDir dir;
  const std::string index = dir.path().string() + "/idx";
  const RunResult ingested = run({"ingest", "--index", index, "--no-manifest", corpus_file("004_bd5c5f46bc7d2672.txt")});
  REQUIRE(ingested.status == 0);
  CHECK(ingested.out.find("blank form (0 answers)") != std::string::npos);
  CHECK(ingested.out.find("analyzer sources") != std::string::npos);
  const json part = sources_of(index).at(0).at("parts").at(0);
  CHECK(part.at("respondent_type") == "rss");
  CHECK(part.at("provenance").at("type").at("rule") == "form_title");
  CHECK(part.at("warnings").at(0).at("kind") == "blank_form");
}

TEST_CASE("a committee decision in front of a survey is listed as a part of its own kind") {
  analyzer::test::TempDir dir;
  const std::string index = dir.path().string() + "/idx";
  REQUIRE(run({"ingest", "--index", index, "--no-manifest", corpus_file("002_93ee68d2c458f8dc.txt")}).status == 0);
  const json parts = sources_of(index).at(0).at("parts");
  REQUIRE(parts.size() == 3);
  CHECK(parts.at(0).at("layout") == "decision");
  CHECK(parts.at(1).at("layout") == "survey");
  const RunResult table = run({"sources", "--index", index});
  CHECK(table.out.find("  0    beslut  ") != std::string::npos);
}

TEST_CASE("a manifest written by sources reproduces the same records when fed back") {
  analyzer::test::TempDir dir;
  const std::string detected = dir.path().string() + "/detected";
  REQUIRE(ingest_corpora(detected, {"--no-manifest"}).status == 0);
  const std::string manifest = dir.path().string() + "/manifest.json";
  const RunResult written = run({"sources", "--index", detected, "--write-manifest", manifest});
  REQUIRE(written.status == 0);
  const std::string fed_back = dir.path().string() + "/fed_back";
  const RunResult again = ingest_corpora(fed_back, {"--manifest", manifest});
  INFO(again);
  REQUIRE(again.status == 0);
  CHECK(again.all().find("manifest gives") == std::string::npos);  // no disagreement with the text
  CHECK(run({"answers", "--json", "--index", fed_back}).out == run({"answers", "--json", "--index", detected}).out);
  CHECK(run({"numbers", "--json", "--index", fed_back}).out == run({"numbers", "--json", "--index", detected}).out);
  // Every field the manifest gives now says so.
  for (const json& f : sources_of(fed_back))
    for (const json& p : f.at("parts"))
      if (f.at("format") != "xlsx" && f.at("format") != "csv" && !p.at("year").is_null())
        CHECK(p.at("provenance").at("year").at("from") == "manifest");
}

TEST_CASE("a manifest merged into the analyst's keeps every entry and reproduces the same records") {
  analyzer::test::TempDir dir;
  const std::string manifest = dir.path().string() + "/manifest.json";
  const std::string original = analyzer::test::read_file(kCorporaDir + "/manifest.json");
  analyzer::test::write_file(manifest, original);
  const std::string first = dir.path().string() + "/first";
  REQUIRE(ingest_corpora(first, {"--manifest", manifest}).status == 0);
  REQUIRE(run({"sources", "--index", first, "--write-manifest", manifest}).status == 0);
  const json before = json::parse(original), after = json::parse(analyzer::test::read_file(manifest));
  CHECK(after.at("description") == before.at("description"));
  for (const auto& [name, entry] : before.at("files").items())
    for (const auto& [key, value] : entry.items()) CHECK(after.at("files").at(name).at(key) == value);
  const std::string second = dir.path().string() + "/second";
  REQUIRE(ingest_corpora(second, {"--manifest", manifest}).status == 0);
  CHECK(run({"answers", "--json", "--index", second}).out == run({"answers", "--json", "--index", first}).out);
}

TEST_CASE("writing a manifest into a folder that does not exist fails with a clear error") {
  analyzer::test::TempDir dir;
  const std::string index = dir.path().string() + "/idx";
  REQUIRE(run({"ingest", "--index", index, corpus_file("000_3242b6e7501bd5d8.txt")}).status == 0);
  const std::string path = dir.path().string() + "/missing/manifest.json";
  const RunResult r = run({"sources", "--index", index, "--write-manifest", path});
  CHECK(r.status == 3);
  CHECK(r.err.find("does not exist") != std::string::npos);
  CHECK_FALSE(fs::exists(path));
}

TEST_CASE("writing a manifest over a folder fails and leaves the folder as it was") {
  analyzer::test::TempDir dir;
  const std::string index = dir.path().string() + "/idx";
  REQUIRE(run({"ingest", "--index", index, corpus_file("000_3242b6e7501bd5d8.txt")}).status == 0);
  const RunResult r = run({"sources", "--index", index, "--write-manifest", dir.path().string()});
  CHECK(r.status == 3);
  CHECK(r.err.find("is a folder") != std::string::npos);
}

TEST_CASE("an existing manifest that is not valid JSON is reported and left untouched") {
  analyzer::test::TempDir dir;
  const std::string index = dir.path().string() + "/idx";
  REQUIRE(run({"ingest", "--index", index, corpus_file("000_3242b6e7501bd5d8.txt")}).status == 0);
  const std::string path = dir.path().string() + "/manifest.json";
  const std::string broken = "{\"files\": {\n  \"000_3242b6e7501bd5d8.txt\": {\"year\": 2022,,}\n}}\n";
  analyzer::test::write_file(path, broken);
  const RunResult r = run({"sources", "--index", index, "--write-manifest", path});
  CHECK(r.status == 3);
  CHECK(r.err.find(path + ":2:") != std::string::npos);
  CHECK(r.err.find("left unchanged") != std::string::npos);
  CHECK(analyzer::test::read_file(path) == broken);
}

TEST_CASE("the sources table gives each field's origin and quotes the line that decided it") {
  analyzer::test::TempDir dir;
  const std::string index = dir.path().string() + "/idx";
  REQUIRE(run({"ingest", "--index", index, "--no-manifest", corpus_file("000_3242b6e7501bd5d8.txt")}).status == 0);
  const RunResult r = run({"sources", "--index", index});
  INFO(r);
  CHECK(r.status == 0);
  CHECK(r.out.find("fil ") == 0);
  CHECK(r.out.find("region=D:report_subject typ=D:contact_field") != std::string::npos);
  CHECK(r.out.find("    region: report_subject, line 11: \"Denna redovisning avser Dalarna län\"") != std::string::npos);
  CHECK(r.out.find("1 filer, 1 delar") != std::string::npos);
}

TEST_CASE("sources as Markdown is a table with a row per part and the evidence per file") {
  analyzer::test::TempDir dir;
  const std::string index = dir.path().string() + "/idx";
  REQUIRE(run({"ingest", "--index", index, "--no-manifest", corpus_file("004_bd5c5f46bc7d2672.txt")}).status == 0);
  const RunResult r = run({"sources", "--index", index, "--format", "md"});
  CHECK(r.status == 0);
  CHECK(r.out.find("| fil | del | slag | format |") == 0);
  CHECK(r.out.find("tom blankett") != std::string::npos);
  CHECK(r.out.find("- del 0, typ: form\\_title, line 6:") != std::string::npos);
}
