// Ingest as a library: one file's analysis with and without a manifest, and
// stable answer ids.

#include <catch2/catch.hpp>

#include "analyzer/core/record_json.hpp"
#include "analyzer/ingest/ingest.hpp"
#include "tests/support/temp_files.hpp"

using namespace analyzer;

namespace {

SourceFile source_of(const std::string& name, const std::string& text) {
  SourceFile f;
  f.path = "in/" + name;
  f.name = name;
  f.bytes = text;
  f.sha256 = sha256_hex(text);
  return f;
}

const std::string kSurvey =
    "Enkät till regionala samverkans- och stödstrukturer\n"
    "Denna redovisning avser Hallands län\n"
    "Överenskommelsen om God och nära vård 2023 gäller.\n"
    "1. Beskriv arbetet med trygg hemgång.\n"
    "Beskriv med max 1000 tecken.\n"
    "Alla kommuner har trygg hemgång.\n";

}  // namespace

TEST_CASE("respondent, year and region are detected from the text when there is no manifest") {
  Diagnostics warnings;
  IndexedFile f = analyze_source(source_of("a.txt", kSurvey), AnalysisContext{}, warnings);
  REQUIRE(f.answers.size() == 1);
  const AnswerRecord& a = f.answers[0];
  CHECK(a.respondent.type == RespondentType::Rss);
  CHECK(a.respondent.region == "Halland");
  CHECK(a.respondent.name == "RSS Halland");
  CHECK(a.respondent.year == 2023);
  CHECK(a.text == "Alla kommuner har trygg hemgång.");
  CHECK(kSurvey.substr(a.span.begin, a.span.size()) == "Alla kommuner har trygg hemgång.");
  CHECK(warnings.empty());
}

TEST_CASE("a manifest entry overrides detection and a disagreement is a warning") {
  Result<Manifest> m = parse_manifest(
      R"({"files": {"a.txt": {"year": 2022, "respondents": [{"type": "rss", "name": "RSS Hallands län"}]}}})",
      "manifest.json");
  REQUIRE(m.ok());
  Diagnostics warnings;
  IndexedFile f = analyze_source(source_of("a.txt", kSurvey), AnalysisContext{&m.value()}, warnings);
  REQUIRE(f.answers.size() == 1);
  CHECK(f.answers[0].respondent.year == 2022);
  CHECK(f.answers[0].respondent.name == "RSS Hallands län");
  REQUIRE(warnings.size() == 2);  // year and name disagree with the text
  CHECK(warnings[0].severity == Severity::Warning);
  CHECK(warnings[0].render().find("2022") != std::string::npos);
}

TEST_CASE("a manifest entry for another file changes nothing") {
  Result<Manifest> m = parse_manifest(R"({"files": {"b.txt": {"year": 2020}}})", "manifest.json");
  REQUIRE(m.ok());
  Diagnostics warnings;
  IndexedFile f = analyze_source(source_of("a.txt", kSurvey), AnalysisContext{&m.value()}, warnings);
  CHECK(f.answers.at(0).respondent.year == 2023);
}

TEST_CASE("answer ids depend only on source, part, question and occurrence") {
  CHECK(answer_id("a.txt", 0, "5a", 0) == answer_id("a.txt", 0, "5a", 0));
  CHECK(answer_id("a.txt", 0, "5a", 0) != answer_id("a.txt", 0, "5a", 1));
  CHECK(answer_id("a.txt", 0, "5a", 0) != answer_id("a.txt", 1, "5a", 0));
  CHECK(answer_id("a.txt", 0, "5a", 0) != answer_id("b.txt", 0, "5a", 0));
  CHECK(answer_id("a.txt", 0, "5a", 0).size() == 16);
}

TEST_CASE("a file's answers keep their ids when text is added elsewhere in it") {
  Diagnostics w;
  IndexedFile before = analyze_source(source_of("a.txt", kSurvey), AnalysisContext{}, w);
  IndexedFile after = analyze_source(
      source_of("a.txt", kSurvey + "2. Beskriv mer.\nBeskriv med max 10 tecken.\nMer text.\n"),
      AnalysisContext{}, w);
  REQUIRE(after.answers.size() == 2);
  CHECK(after.answers[0].id == before.answers[0].id);
}

// The survey of kSurvey as read from a file in another encoding: its one
// answer's start/end must cut out of the file's bytes exactly the answer.
TEST_CASE("answer offsets point into the bytes of a UTF-16 or Windows-1252 file, not the UTF-8 text") {
  struct Case {
    const char* name;
    std::string bytes;   // the file
    std::string answer;  // the answer as the file encodes it
  };
  // "Alla kommuner har trygg hemgång." in each encoding.
  std::string utf16le = "\xFF\xFE";
  for (unsigned char c : std::string("Enk\xE4t till regionala samverkans- och st\xF6" "dstrukturer\n"
                                     "Denna redovisning avser Hallands l\xE4n\n"
                                     "1. Beskriv arbetet med trygg hemg\xE5ng.\n"
                                     "Beskriv med max 1000 tecken.\n"
                                     "Alla kommuner har trygg hemg\xE5ng.\n")) {
    utf16le += static_cast<char>(c);
    utf16le += '\0';
  }
  std::string answer16;
  for (unsigned char c : std::string("Alla kommuner har trygg hemg\xE5ng.")) {
    answer16 += static_cast<char>(c);
    answer16 += '\0';
  }
  const Case c = GENERATE_COPY(values<Case>({
      {"cp1252.txt",
       "Enk\xE4t till regionala samverkans- och st\xF6" "dstrukturer\nDenna redovisning avser Hallands l\xE4n\n"
       "1. Beskriv arbetet med trygg hemg\xE5ng.\nBeskriv med max 1000 tecken.\nAlla kommuner har trygg hemg\xE5ng.\n",
       "Alla kommuner har trygg hemg\xE5ng."},
      {"utf16.txt", utf16le, answer16},
  }));
  CAPTURE(c.name);
  analyzer::test::TempDir dir;
  const std::string path = dir.write(c.name, c.bytes);
  Diagnostics warnings;
  Result<SourceFile> file = read_source(path, ReadOptions{}, warnings);
  REQUIRE(file.ok());
  IndexedFile f = analyze_source(file.value(), AnalysisContext{}, warnings);
  REQUIRE(f.answers.size() == 1);
  CHECK(f.answers[0].text == "Alla kommuner har trygg hemg\xC3\xA5ng.");
  CHECK(c.bytes.substr(f.answers[0].span.begin, f.answers[0].span.size()) == c.answer);
}

TEST_CASE("a manifest disagreement quotes the line of the text that said otherwise") {
  Result<Manifest> m = parse_manifest(R"({"files": {"a.txt": {"region": "Skåne"}}})", "manifest.json");
  REQUIRE(m.ok());
  Diagnostics warnings;
  std::vector<PartOutcome> parts;
  analyze_source(source_of("a.txt", kSurvey), AnalysisContext{&m.value()}, warnings, &parts);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].render().find("report_subject, line 2: \"Denna redovisning avser Hallands län\"") !=
        std::string::npos);
  REQUIRE(parts.size() == 1);
  CHECK(parts[0].warnings.at(0).kind == "manifest_disagrees");
  CHECK(parts[0].provenance.region.from == FieldOrigin::Manifest);
  CHECK(parts[0].provenance.region.file == "manifest.json");
}

TEST_CASE("each detected field keeps the file offsets and line of its evidence") {
  Diagnostics warnings;
  IndexedFile f = analyze_source(source_of("a.txt", kSurvey), AnalysisContext{}, warnings);
  REQUIRE(f.summary.parts.size() == 1);
  const FieldEvidence& type = f.summary.parts[0].provenance.type;
  CHECK(type.from == FieldOrigin::Detected);
  CHECK(type.rule == "form_title");
  CHECK(type.location.line == 1);
  REQUIRE(type.span);
  CHECK(kSurvey.substr(type.span->begin, type.span->size()) == "Enkät till regionala samverkans- och stödstrukturer");
  CHECK(f.summary.parts[0].provenance.year.rule == "report_title_year");
}

TEST_CASE("a file's summary as JSON text is the dump of its JSON, built a part at a time") {
  Diagnostics warnings;
  IndexedFile f = analyze_source(source_of("a.txt", kSurvey), AnalysisContext{}, warnings);
  f.summary.path = "mapp/\xe5r.txt";  // a Latin-1 path: replaced, not refused
  f.summary.parts.push_back(f.summary.parts.at(0));
  CHECK(to_json_text(f.summary) ==
        to_json(f.summary).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  f.summary.parts.clear();
  CHECK(to_json_text(f.summary) ==
        to_json(f.summary).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

TEST_CASE("a blank form gets a warning and no answers") {
  const std::string blank =
      "Enkät till regionala samverkans- och stödstrukturer\n"
      "1. Beskriv arbetet med trygg hemgång.\n"
      "Beskriv med max 1000 tecken.\n"
      "2. Beskriv arbetet med SIP.\n"
      "Beskriv med max 1000 tecken.\n";
  Diagnostics warnings;
  IndexedFile f = analyze_source(source_of("blank.txt", blank), AnalysisContext{}, warnings);
  CHECK(f.answers.empty());
  REQUIRE(f.summary.parts.size() == 1);
  CHECK(f.summary.parts[0].warnings.at(0).kind == "blank_form");
  CHECK(f.summary.parts[0].respondent.type == RespondentType::Rss);
}

TEST_CASE("a spreadsheet's records made part by part by the stream are those analyze_source makes") {
  // 1,500 rows of two answers and a number: 4,500 records, more than a batch.
  std::string csv = "Kommun;1. Beskriv arbetet med mobila team;2. Beskriv SIP-arbetet;Antal team\n";
  for (int r = 0; r < 1500; ++r)
    csv += "Kommun " + std::to_string(r % 7) + ";Mobila team i rad " + std::to_string(r) + ";" +
           (r % 3 == 0 ? std::string() : "SIP med regionen") + ";" + std::to_string(r % 5) + "\n";
  test::TempDir dir("ingest-stream");
  Diagnostics read_warnings;
  Result<SourceFile> read = read_source(dir.write("svar.csv", csv), ReadOptions{}, read_warnings);
  REQUIRE(read.ok());
  Diagnostics warnings;
  const IndexedFile whole = analyze_source(read.value(), AnalysisContext{}, warnings);
  REQUIRE(AnalysedFileStream::can_stream(read.value()));
  AnalysedFileStream stream(read.value(), AnalysisContext{}, warnings);
  REQUIRE(stream.answer_count() == whole.answers.size());
  REQUIRE(stream.number_count() == whole.numbers.size());
  std::vector<std::string> ids;
  for (const AnswerRecord& a : whole.answers) ids.push_back(a.id);
  CHECK(stream.answer_ids() == ids);
  std::vector<AnswerRecord> answers;
  for (std::size_t k = 0; k < stream.answer_count();) {
    const std::size_t next = stream.make_answers(k, answers);
    REQUIRE(next > k);
    if (next < stream.answer_count()) CHECK(whole.answers[next].part != whole.answers[next - 1].part);  // whole parts
    k = next;
  }
  std::vector<NumericItem> numbers;
  for (std::size_t k = 0; k < stream.number_count();) k = stream.make_numbers(k, numbers);
  REQUIRE(answers.size() == whole.answers.size());
  REQUIRE(numbers.size() == whole.numbers.size());
  for (std::size_t i = 0; i < answers.size(); ++i) CHECK(to_json(answers[i]).dump() == to_json(whole.answers[i]).dump());
  for (std::size_t i = 0; i < numbers.size(); ++i) CHECK(to_json(numbers[i]).dump() == to_json(whole.numbers[i]).dump());
  CHECK(to_json(stream.summary()).dump() == to_json(whole.summary).dump());
  CHECK(stream.summary_text() == to_json_text(whole.summary));
}

TEST_CASE("a stream whose records are done keeps its counts, parts and summary, and makes no more records") {
  const std::string csv =
      "Kommun;1. Beskriv arbetet med mobila team;Antal team\n"
      "Falu kommun;Mobila team finns.;3\n"
      "Mora kommun;SIP med regionen.;2\n";
  test::TempDir dir("ingest-done");
  Diagnostics read_warnings;
  Result<SourceFile> read = read_source(dir.write("svar.csv", csv), ReadOptions{}, read_warnings);
  REQUIRE(read.ok());
  Diagnostics warnings;
  const IndexedFile whole = analyze_source(read.value(), AnalysisContext{}, warnings);
  AnalysedFileStream stream(read.value(), AnalysisContext{}, warnings);
  std::vector<AnswerRecord> answers;
  for (std::size_t k = 0; k < stream.answer_count();) k = stream.make_answers(k, answers);
  std::vector<NumericItem> numbers;
  for (std::size_t k = 0; k < stream.number_count();) k = stream.make_numbers(k, numbers);
  stream.records_done();
  CHECK(stream.answer_count() == 2);
  CHECK(stream.number_count() == 2);
  CHECK(stream.summary_text() == to_json_text(whole.summary));
  CHECK_THROWS_AS(stream.make_answers(0, answers), std::logic_error);
  CHECK_THROWS_AS(stream.make_numbers(0, numbers), std::logic_error);
  CHECK_THROWS_AS(stream.answer_ids(), std::logic_error);
  CHECK(stream.take_parts().size() == 2);
}

namespace {

const std::string kTwoRows =
    "Kommun;Region;År;1. Beskriv arbetet med mobila team;Antal team\n"
    "Falu kommun;Dalarnas län;2022;Mobila team finns.;3\n"
    ";;2023;SIP med regionen.;\n";

// The parts of `csv` (file svar.csv) as an AnalysedFileStream keeps them
// (compact) once every record is made, as JSON text; `warnings` gets what
// the analysis warned of.
std::vector<std::string> streamed_part_json(const std::string& csv, const AnalysisContext& context,
                                            Diagnostics& warnings, std::size_t& parts_read_twice) {
  test::TempDir dir("ingest-compact");
  Diagnostics read_warnings;
  Result<SourceFile> read = read_source(dir.write("svar.csv", csv), ReadOptions{}, read_warnings);
  REQUIRE(read.ok());
  REQUIRE(AnalysedFileStream::can_stream(read.value()));
  AnalysedFileStream stream(read.value(), context, warnings);
  std::vector<AnswerRecord> answers;
  for (std::size_t k = 0; k < stream.answer_count();) k = stream.make_answers(k, answers);
  std::vector<NumericItem> numbers;
  for (std::size_t k = 0; k < stream.number_count();) k = stream.make_numbers(k, numbers);
  const PartOutcomes parts = stream.take_parts();
  std::vector<std::string> out;
  for (const PartOutcome& p : parts) out.push_back(to_json(p).dump());
  parts_read_twice = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) parts_read_twice += to_json(parts[i]).dump() == out[i];
  return out;
}

}  // namespace

// The expected JSON is what ingest stored for these rows when every part
// was kept whole (before parts were kept compact), less the mentions (no
// tagger here).
TEST_CASE("a spreadsheet row's part, kept compact, reads back as the JSON of the whole part") {
  Diagnostics warnings;
  std::size_t same_again = 0;
  const std::vector<std::string> parts = streamed_part_json(kTwoRows, AnalysisContext{}, warnings, same_again);
  CHECK(parts == std::vector<std::string>{
                     R"j({"answers":1,"layout":"survey","mentions":0,"numbers":1,"part":0,"provenance":{"region":{"from":"detected","rule":"spreadsheet_column","text":"Dalarna"},"respondent":{"from":"detected","rule":"spreadsheet_column","text":"Falu kommun"},"type":{"from":"detected","rule":"spreadsheet_column","text":"kommun"},"year":{"from":"detected","rule":"spreadsheet_column","text":"2022"}},"region":"Dalarna","respondent":"Falu kommun","respondent_type":"kommun","title":"rad 2","warnings":[],"year":2022})j",
                     R"j({"answers":1,"layout":"survey","mentions":0,"numbers":0,"part":1,"provenance":{"region":{"from":"default","rule":"","text":""},"respondent":{"from":"default","rule":"row_number","text":"svar.csv, rad 3"},"type":{"from":"default","rule":"","text":""},"year":{"from":"detected","rule":"spreadsheet_column","text":"2023"}},"region":null,"respondent":"svar.csv, rad 3","respondent_type":null,"title":"rad 3","warnings":[{"detail":"region not found: default (not found in the text)","field":"region","kind":"field_default"},{"detail":"type not found: default (not found in the text)","field":"type","kind":"field_default"},{"detail":"respondent not found: default (row_number)","field":"respondent","kind":"field_default"}],"year":2023})j"});
  CHECK(same_again == 2);
  CHECK(warnings.empty());
}

TEST_CASE("a compact spreadsheet part takes the manifest as a whole part does, and warns of a disagreement once") {
  Result<Manifest> m = parse_manifest(
      R"({"files": {"svar.csv": {"region": "Skåne", "respondents": [{"type": "kommun", "name": "Ystads kommun"}]}}})",
      "manifest.json");
  REQUIRE(m.ok());
  Diagnostics warnings;
  std::size_t same_again = 0;
  const std::vector<std::string> parts =
      streamed_part_json(kTwoRows, AnalysisContext{&m.value()}, warnings, same_again);
  CHECK(parts == std::vector<std::string>{
                     R"j({"answers":1,"layout":"survey","mentions":0,"numbers":1,"part":0,"provenance":{"region":{"file":"manifest.json","from":"manifest","location":{"line":1},"rule":"manifest","text":"\"region\": \"Skåne\""},"respondent":{"file":"manifest.json","from":"manifest","location":{"line":1},"rule":"manifest","text":"\"respondent\": \"Ystads kommun\""},"type":{"file":"manifest.json","from":"manifest","location":{"line":1},"rule":"manifest","text":"\"type\": kommun"},"year":{"from":"detected","rule":"spreadsheet_column","text":"2022"}},"region":"Skåne","respondent":"Ystads kommun","respondent_type":"kommun","title":"rad 2","warnings":[{"detail":"manifest gives region \"Skåne\" but part 0 of the text says \"Dalarna\" (spreadsheet_column: \"Dalarna\")","field":"region","kind":"manifest_disagrees"},{"detail":"manifest gives respondent \"Ystads kommun\" but part 0 of the text says \"Falu kommun\" (spreadsheet_column: \"Falu kommun\")","field":"respondent","kind":"manifest_disagrees"}],"year":2022})j",
                     R"j({"answers":1,"layout":"survey","mentions":0,"numbers":0,"part":1,"provenance":{"region":{"file":"manifest.json","from":"manifest","location":{"line":1},"rule":"manifest","text":"\"region\": \"Skåne\""},"respondent":{"file":"manifest.json","from":"manifest","location":{"line":1},"rule":"manifest","text":"\"respondent\": \"Ystads kommun\""},"type":{"file":"manifest.json","from":"manifest","location":{"line":1},"rule":"manifest","text":"\"type\": kommun"},"year":{"from":"detected","rule":"spreadsheet_column","text":"2023"}},"region":"Skåne","respondent":"Ystads kommun","respondent_type":"kommun","title":"rad 3","warnings":[{"detail":"manifest gives respondent \"Ystads kommun\" but part 1 of the text says \"svar.csv, rad 3\" (default (row_number))","field":"respondent","kind":"manifest_disagrees"}],"year":2023})j"});
  CHECK(same_again == 2);
  CHECK(warnings.size() == 3);  // at the analysis, not again when parts are read
}

TEST_CASE("PartOutcomes made from a vector reads like the vector") {
  std::vector<PartOutcome> kept(3);
  kept[1].title = "rad 7";
  const PartOutcomes parts = kept;
  REQUIRE(parts.size() == 3);
  CHECK(parts[1].title == "rad 7");
  std::vector<std::string> titles;
  for (const PartOutcome& p : parts) titles.push_back(p.title);
  CHECK(titles == std::vector<std::string>{"", "rad 7", ""});
  CHECK(PartOutcomes().empty());
}
