// read/manifest: the documented layout, and compiler-style diagnostics with
// line:column for every kind of mistake an analyst can make in it.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "analyzer/read/manifest.hpp"
#include "tests/support/temp_files.hpp"

using namespace analyzer;

namespace {

// The error of parsing `text` as "manifest.json", rendered as the CLI prints it.
std::string error_of(const std::string& text) {
  Result<Manifest> manifest = parse_manifest(text, "manifest.json");
  if (manifest.ok()) return "(no error)";
  return manifest.error().render();
}

}  // namespace

TEST_CASE("a manifest in the documented layout is read with every field") {
  const std::string text = R"({
  "description": "Seed documents, God och nära vård",
  "files": {
    "000_3242b6e7501bd5d8.txt": {
      "year": 2022,
      "region": "Dalarna",
      "respondents": [
        {"type": "rss", "name": "RSS Dalarna"},
        {"type": "Region", "name": "Region Dalarna"}
      ]
    },
    "001_a66d7b4781e6d6f2.txt": {"year": 2019}
  }
}
)";
  Result<Manifest> manifest = parse_manifest(text, "corpora/manifest.json");
  REQUIRE(manifest.ok());
  const Manifest& m = manifest.value();
  CHECK(m.path == "corpora/manifest.json");
  CHECK(m.description == "Seed documents, God och nära vård");
  REQUIRE(m.entries.size() == 2);
  const ManifestEntry& first = m.entries[0];
  CHECK(first.file == "000_3242b6e7501bd5d8.txt");
  CHECK(first.line == 4);
  CHECK(first.column == 5);
  CHECK(first.year == 2022);
  CHECK(first.region == "Dalarna");
  REQUIRE(first.respondents.size() == 2);
  CHECK(first.respondents[0].type == RespondentType::Rss);
  CHECK(first.respondents[0].name == "RSS Dalarna");
  CHECK(first.respondents[1].type == RespondentType::Region);
  const ManifestEntry& second = m.entries[1];
  CHECK(second.year == 2019);
  CHECK(second.region.empty());
  CHECK(second.respondents.empty());
}

TEST_CASE("entries keep the order of the file, not alphabetical order") {
  Result<Manifest> manifest = parse_manifest(R"({"files": {"b.txt": {}, "a.txt": {}}})", "m.json");
  REQUIRE(manifest.ok());
  REQUIRE(manifest.value().entries.size() == 2);
  CHECK(manifest.value().entries[0].file == "b.txt");
  CHECK(manifest.value().entries[1].file == "a.txt");
}

TEST_CASE("find returns the entry for a file name, or nullptr") {
  Result<Manifest> manifest = parse_manifest(R"({"files": {"a.txt": {"year": 2023}}})", "m.json");
  REQUIRE(manifest.ok());
  REQUIRE(manifest.value().find("a.txt") != nullptr);
  CHECK(manifest.value().find("a.txt")->year == 2023);
  CHECK(manifest.value().find("b.txt") == nullptr);
}

TEST_CASE("an empty files object is a valid manifest") {
  Result<Manifest> manifest = parse_manifest(R"({"files": {}})", "m.json");
  REQUIRE(manifest.ok());
  CHECK(manifest.value().entries.empty());
}

TEST_CASE("a missing colon is a syntax error at its line and column") {
  const std::string text = "{\n  \"files\": {\n    \"a.txt\" {\"year\": 2022}\n  }\n}\n";
  CHECK(error_of(text) ==
        "manifest.json:3:13: error: JSON syntax error while parsing object separator - unexpected '{'; "
        "expected ':' (check for a missing or extra comma, colon, quote or brace at or just before this point)");
}

TEST_CASE("a missing comma is a syntax error at the first character of the token after it") {
  const std::string text = "{\"files\": {\n  \"a.txt\": {\"year\": 2022 \"region\": \"Dalarna\"}\n}}";
  Result<Manifest> manifest = parse_manifest(text, "manifest.json");
  REQUIRE_FALSE(manifest.ok());
  CHECK(manifest.error().line == 2);
  CHECK(manifest.error().column == 26);   // the opening quote of "region", not its closing one
}

TEST_CASE("a trailing comma is a syntax error at the closing brace") {
  const std::string text = "{\"files\": {\n  \"a.txt\": {\"year\": 2022},\n}}";
  Result<Manifest> manifest = parse_manifest(text, "manifest.json");
  REQUIRE_FALSE(manifest.ok());
  CHECK(manifest.error().line == 3);
  CHECK(manifest.error().column == 1);
}

TEST_CASE("a file that ends too early is a syntax error at its end") {
  const std::string text = "{\"files\": {\n  \"a.txt\": {\"year\": 2022}\n";
  Result<Manifest> manifest = parse_manifest(text, "manifest.json");
  REQUIRE_FALSE(manifest.ok());
  CHECK(manifest.error().line == 3);
  CHECK(manifest.error().column == 1);
  CHECK_THAT(manifest.error().hint, Catch::Contains("ends too early"));
}

TEST_CASE("an unknown key near an allowed one gets a did-you-mean at the key's position") {
  const std::string text = "{\n  \"files\": {\n    \"a.txt\": {\n      \"yaer\": 2022\n    }\n  }\n}\n";
  CHECK(error_of(text) ==
        "manifest.json:4:7: error: unknown key \"yaer\" in the entry for \"a.txt\" (did you mean \"year\"?)");
}

TEST_CASE("an unknown key far from every allowed one lists the allowed keys") {
  const std::string text = "{\"files\": {\"a.txt\": {\"kommentar\": \"x\"}}}";
  CHECK(error_of(text) ==
        "manifest.json:1:22: error: unknown key \"kommentar\" in the entry for \"a.txt\" "
        "(allowed keys here: \"year\", \"region\", \"respondents\" or \"columns\")");
}

TEST_CASE("an unknown top-level key is an error with a suggestion") {
  CHECK(error_of("{\"file\": {}}") ==
        "manifest.json:1:2: error: unknown key \"file\" at the top level (did you mean \"files\"?)");
}

TEST_CASE("a year written as text is a wrong-type error at the value") {
  const std::string text = "{\"files\": {\"a.txt\": {\n  \"year\": \"2022\"\n}}}";
  CHECK(error_of(text) ==
        "manifest.json:2:11: error: \"year\" in the entry for \"a.txt\" must be a whole number such as 2022, "
        "but is the text \"2022\" (write a whole number such as 2022 without quotes)");
}

TEST_CASE("a year with decimals is a wrong-type error") {
  Result<Manifest> manifest = parse_manifest("{\"files\": {\"a.txt\": {\"year\": 2022.5}}}", "m.json");
  REQUIRE_FALSE(manifest.ok());
  CHECK_THAT(manifest.error().message, Catch::Contains("must be a whole number"));
  CHECK(manifest.error().column == 30);
}

TEST_CASE("a year outside 2000..2100 is an error at the value") {
  const std::string text = "{\"files\": {\"a.txt\": {\"year\": 1999}}}";
  CHECK(error_of(text) ==
        "manifest.json:1:30: error: year 1999 in the entry for \"a.txt\" is outside 2000..2100 "
        "(write the four-digit year of the survey or report, e.g. 2022)");
}

TEST_CASE("a region that is not text is a wrong-type error") {
  Result<Manifest> manifest = parse_manifest("{\"files\": {\"a.txt\": {\"region\": 7}}}", "m.json");
  REQUIRE_FALSE(manifest.ok());
  CHECK_THAT(manifest.error().message, Catch::Contains("\"region\"") && Catch::Contains("the number 7"));
}

TEST_CASE("respondents that are not a list are a wrong-type error") {
  Result<Manifest> manifest =
      parse_manifest("{\"files\": {\"a.txt\": {\"respondents\": {\"type\": \"rss\"}}}}", "m.json");
  REQUIRE_FALSE(manifest.ok());
  CHECK_THAT(manifest.error().message, Catch::Contains("must be a list"));
  CHECK(manifest.error().column == 37);
}

TEST_CASE("a bad respondent type is an error at the value with a suggestion") {
  const std::string text =
      "{\"files\": {\"a.txt\": {\"respondents\": [\n"
      "  {\"type\": \"rss\"},\n"
      "  {\"type\": \"kommuner\", \"name\": \"Falu kommun\"}\n"
      "]}}}";
  CHECK(error_of(text) ==
        "manifest.json:3:12: error: unknown respondent type \"kommuner\" in respondent 2 in the entry for "
        "\"a.txt\" (did you mean \"kommun\"? (allowed: \"kommun\", \"rss\" or \"region\"))");
}

TEST_CASE("an unknown key inside a respondent is an error") {
  const std::string text = "{\"files\": {\"a.txt\": {\"respondents\": [{\"typ\": \"rss\"}]}}}";
  CHECK(error_of(text) ==
        "manifest.json:1:39: error: unknown key \"typ\" in respondent 1 in the entry for \"a.txt\" "
        "(did you mean \"type\"?)");
}

TEST_CASE("an entry that names a path instead of a file name is an error") {
  Result<Manifest> manifest = parse_manifest("{\"files\": {\"corpora/a.txt\": {}}}", "m.json");
  REQUIRE_FALSE(manifest.ok());
  CHECK_THAT(manifest.error().message, Catch::Contains("names a path"));
  CHECK(manifest.error().column == 12);
}

TEST_CASE("a file listed twice is an error at the second occurrence") {
  const std::string text = "{\"files\": {\n  \"a.txt\": {\"year\": 2022},\n  \"a.txt\": {\"year\": 2023}\n}}";
  Result<Manifest> manifest = parse_manifest(text, "m.json");
  REQUIRE_FALSE(manifest.ok());
  CHECK(manifest.error().line == 3);
  CHECK(manifest.error().column == 3);
  CHECK_THAT(manifest.error().message, Catch::Contains("appears twice"));
  CHECK_THAT(manifest.error().hint, Catch::Contains("line 2, column 3"));
}

TEST_CASE("with several errors the first in the file is reported") {
  // nlohmann keeps keys sorted ("region" before "yaer"), the report follows the file.
  const std::string text = "{\"files\": {\"a.txt\": {\n  \"yaer\": 2022,\n  \"region\": 5\n}}}";
  Result<Manifest> manifest = parse_manifest(text, "m.json");
  REQUIRE_FALSE(manifest.ok());
  CHECK(manifest.error().line == 2);
  CHECK_THAT(manifest.error().message, Catch::Contains("yaer"));
}

TEST_CASE("a description that is not text is a wrong-type error") {
  Result<Manifest> manifest = parse_manifest("{\"description\": [\"x\"], \"files\": {}}", "m.json");
  REQUIRE_FALSE(manifest.ok());
  CHECK_THAT(manifest.error().message, Catch::Contains("\"description\" must be text"));
}

TEST_CASE("a manifest that is not an object is an error") {
  Result<Manifest> manifest = parse_manifest("[1, 2]", "m.json");
  REQUIRE_FALSE(manifest.ok());
  CHECK(manifest.error().line == 1);
  CHECK(manifest.error().column == 1);
  CHECK_THAT(manifest.error().message, Catch::Contains("must be a JSON object"));
}

TEST_CASE("columns count characters, not bytes") {
  // "å", "ä" and "ö" are two bytes each in UTF-8; the key "yaer" starts at character 29.
  const std::string text = "{\"files\": {\"åäö.txt\": {\"x\": 1, \"yaer\": 2022}}}";
  Result<Manifest> manifest = parse_manifest(text, "m.json");
  REQUIRE_FALSE(manifest.ok());
  CHECK(manifest.error().column == 24);  // "x" comes first in the file
}

TEST_CASE("escaped keys are located by their unescaped name") {
  const std::string text = "{\"files\": {\"a.txt\": {\"\\u0079aer\": 1}}}";  // "\u0079aer" is "yaer"
  Result<Manifest> manifest = parse_manifest(text, "m.json");
  REQUIRE_FALSE(manifest.ok());
  CHECK(manifest.error().column == 22);
}

TEST_CASE("a manifest that is not UTF-8 is an error at the bad byte's line and column") {
  Result<Manifest> manifest = parse_manifest("{\"files\": {\n\"G\xE4vle.txt\": {}}}", "m.json");
  REQUIRE_FALSE(manifest.ok());
  CHECK(manifest.error().line == 2);
  CHECK(manifest.error().column == 3);
  CHECK(manifest.error().message == "not valid UTF-8");
}

TEST_CASE("load_manifest reads a file from disk") {
  const test::TempDir dir("analyzer-manifest-test");
  const std::string path = dir.write("manifest.json", "{\"files\": {\"a.txt\": {\"region\": \"Halland\"}}}\n");
  Result<Manifest> manifest = load_manifest(path);
  REQUIRE(manifest.ok());
  CHECK(manifest.value().path == path);
  REQUIRE(manifest.value().find("a.txt") != nullptr);
  CHECK(manifest.value().find("a.txt")->region == "Halland");
}

TEST_CASE("load_manifest of a missing file is an error naming the file") {
  Result<Manifest> manifest = load_manifest("/nonexistent/manifest.json");
  REQUIRE_FALSE(manifest.ok());
  CHECK(manifest.error().file == "/nonexistent/manifest.json");
  CHECK(manifest.error().message == "no such file");
}

TEST_CASE("a manifest over 16 MB is refused with its size and a hint that fits a manifest") {
  const test::TempDir dir("analyzer-manifest-test");
  const std::string path = dir.write("manifest.json", "");
  std::filesystem::resize_file(path, 16u * 1024u * 1024u + 1u);  // sparse: nothing is written
  Result<Manifest> manifest = load_manifest(path);
  REQUIRE_FALSE(manifest.ok());
  CHECK(manifest.error().file == path);
  CHECK(manifest.error().message.find("larger than the limit of 16.0 MB") != std::string::npos);
  CHECK(manifest.error().hint.find("--max-file-size") == std::string::npos);
  CHECK(manifest.error().hint.find("a manifest of its own") != std::string::npos);
}

// Issue 11, item 3: a manifest nested 20,000 deep took 790 MB, 40,000 deep
// 3.1 GB before it was refused.
TEST_CASE("a manifest nested 1,000 or 100,000 deep is an error at the bracket of level 257") {
  for (const std::size_t depth : {1000u, 100000u}) {
    const std::string text =
        "{\"files\": {\"a.txt\":\n  {\"region\": " + std::string(depth, '[') + std::string(depth, ']') + "}}}";
    CHECK(error_of(text) ==
          "manifest.json:2:267: error: the JSON nests lists and objects more than 256 levels deep here (analyzer "
          "reads at most 256 levels, and its files need about 5: look for a [ or { that is never closed)");
  }
}

TEST_CASE("entries naming a file neither given nor beside the manifest are errors at their keys") {
  const test::TempDir dir("analyzer-manifest-test");
  dir.write("beside.txt", "x");
  const std::string path = dir.write("manifest.json",
                                     "{\"files\": {\n"
                                     "  \"beside.txt\": {},\n"
                                     "  \"given.txt\": {},\n"
                                     "  \"typo.txt\": {}\n"
                                     "}}\n");
  Result<Manifest> manifest = load_manifest(path);
  REQUIRE(manifest.ok());
  const Diagnostics missing = entries_without_file(manifest.value(), {"elsewhere/given.txt"});
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].render() == path + ":4:3: error: manifest entry \"typo.txt\" names no file that exists "
                                      "(check the file name, or remove the entry)");
}

// --- per-part values and writing a manifest (issue 14) ---

namespace {

// A part of `layout` with the respondent given.
SourcePart part_with(int index, std::optional<int> year, const std::string& region, std::optional<RespondentType> type,
                     const std::string& name) {
  SourcePart p;
  p.part = index;
  p.layout = LayoutKind::Survey;
  p.respondent.year = year;
  p.respondent.region = region;
  p.respondent.type = type;
  p.respondent.name = name;
  return p;
}

}  // namespace

TEST_CASE("a respondent may give its own year and region") {
  Result<Manifest> manifest = parse_manifest(R"({"files": {"a.txt": {"respondents": [
    {"type": "rss", "name": "RSS Dalarna", "year": 2021, "region": "Dalarna"}]}}})",
                                             "manifest.json");
  REQUIRE(manifest.ok());
  const ManifestRespondent& r = manifest.value().entries.at(0).respondents.at(0);
  CHECK(r.year == 2021);
  CHECK(r.region == "Dalarna");
}

TEST_CASE("a respondent's year outside the allowed range is an error at its value") {
  CHECK(error_of(R"({"files": {"a.txt": {"respondents": [{"year": 1900}]}}})") ==
        "manifest.json:1:47: error: year 1900 in respondent 1 in the entry for \"a.txt\" is outside 2000..2100 "
        "(write the four-digit year of the survey or report, e.g. 2022)");
}

TEST_CASE("the entry for a file whose parts agree gives year and region once, and a respondent per part") {
  SourceSummary s{"002.txt", "corpora/002.txt", "text",
                  {part_with(0, 2023, "Halland", RespondentType::Region, "Region Halland"),
                   part_with(1, 2023, "Halland", RespondentType::Rss, "RSS Halland")}};
  const ManifestEntry e = manifest_entry_for(s);
  CHECK(e.file == "002.txt");
  CHECK(e.year == 2023);
  CHECK(e.region == "Halland");
  REQUIRE(e.respondents.size() == 2);
  CHECK(e.respondents[1].type == RespondentType::Rss);
  CHECK(e.respondents[1].name == "RSS Halland");
  CHECK_FALSE(e.respondents[1].year);
}

TEST_CASE("parts that disagree on the year give each respondent its own year") {
  SourceSummary s{"x.txt", "x.txt", "text",
                  {part_with(0, 2022, "Skåne", RespondentType::Region, "Region Skåne"),
                   part_with(1, 2023, "Skåne", RespondentType::Region, "Region Skåne")}};
  const ManifestEntry e = manifest_entry_for(s);
  CHECK_FALSE(e.year);
  REQUIRE(e.respondents.size() == 2);
  CHECK(e.respondents[0].year == 2022);
  CHECK(e.respondents[1].year == 2023);
}

TEST_CASE("a spreadsheet's entry names no respondents: its rows take them from columns") {
  SourceSummary s{"k.xlsx", "k.xlsx", "xlsx",
                  {part_with(0, 2022, "Exempel", RespondentType::Kommun, "A kommun"),
                   part_with(1, 2022, "Exempel", RespondentType::Kommun, "B kommun")}};
  const ManifestEntry e = manifest_entry_for(s);
  CHECK(e.year == 2022);
  CHECK(e.respondents.empty());
}

TEST_CASE("a new manifest is written with every value found and reads back the same") {
  test::TempDir dir;
  const std::string path = dir.path().string() + "/manifest.json";
  ManifestEntry entry;
  entry.file = "a.txt";
  entry.year = 2022;
  entry.region = "Dalarna";
  entry.respondents.push_back({RespondentType::Rss, "RSS Dalarna", std::nullopt, ""});
  Result<ManifestMerge> written = write_manifest(path, {entry});
  REQUIRE(written.ok());
  CHECK(written.value().added == 1);
  Result<Manifest> back = load_manifest(path);
  REQUIRE(back.ok());
  const ManifestEntry& e = back.value().entries.at(0);
  CHECK(e.year == 2022);
  CHECK(e.region == "Dalarna");
  CHECK(e.respondents.at(0).name == "RSS Dalarna");
  CHECK_FALSE(back.value().description.empty());
}

TEST_CASE("merging into an analyst's manifest keeps every value and key it holds") {
  test::TempDir dir;
  const std::string path = dir.path().string() + "/manifest.json";
  test::write_file(path, R"({
  "description": "Mina filer",
  "files": {
    "a.txt": {"year": 2021, "respondents": [{"type": "region"}]},
    "k.xlsx": {"columns": {"F": "ignore"}}
  }
}
)");
  ManifestEntry a;
  a.file = "a.txt";
  a.year = 2022;
  a.region = "Dalarna";
  a.respondents.push_back({RespondentType::Rss, "RSS Dalarna", std::nullopt, ""});
  ManifestEntry k;
  k.file = "k.xlsx";
  k.year = 2022;
  Result<ManifestMerge> written = write_manifest(path, {a, k});
  REQUIRE(written.ok());
  CHECK(written.value().completed == 2);
  Result<Manifest> back = load_manifest(path);
  REQUIRE(back.ok());
  const Manifest& m = back.value();
  CHECK(m.description == "Mina filer");
  const ManifestEntry* merged = m.find("a.txt");
  REQUIRE(merged);
  CHECK(merged->year == 2021);                                  // the analyst's, not the detected 2022
  CHECK(merged->region == "Dalarna");                           // missing: added
  CHECK(merged->respondents.at(0).type == RespondentType::Region);  // the analyst's type stays
  CHECK(merged->respondents.at(0).name == "RSS Dalarna");       // missing name: added
  const ManifestEntry* sheet = m.find("k.xlsx");
  REQUIRE(sheet);
  CHECK(sheet->columns.size() == 1);
  CHECK(sheet->year == 2022);
}

TEST_CASE("an existing manifest that is not valid JSON is reported with its line and left untouched") {
  test::TempDir dir;
  const std::string path = dir.path().string() + "/manifest.json";
  const std::string broken = "{\"files\": {\n  \"a.txt\": {\"year\": 2022,}\n}}\n";
  test::write_file(path, broken);
  ManifestEntry entry;
  entry.file = "b.txt";
  entry.year = 2023;
  Result<ManifestMerge> written = write_manifest(path, {entry});
  REQUIRE_FALSE(written.ok());
  CHECK(written.error().line == 2);
  CHECK(written.error().render().find("left unchanged") != std::string::npos);
  CHECK(test::read_file(path) == broken);
}

TEST_CASE("a manifest in a folder that does not exist is an error naming the folder") {
  test::TempDir dir;
  const std::string path = dir.path().string() + "/no/such/folder/manifest.json";
  Result<ManifestMerge> written = write_manifest(path, {});
  REQUIRE_FALSE(written.ok());
  CHECK(written.error().render().find("does not exist") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(path));
}
