#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/core/diagnostic.hpp"
#include "analyzer/core/enum_names.hpp"
#include "analyzer/core/json_checker.hpp"
#include "analyzer/core/json_positions.hpp"
#include "analyzer/core/record_json.hpp"
#include "analyzer/core/records.hpp"

using namespace analyzer;

TEST_CASE("a diagnostic with file, line and column renders like a compiler's") {
  Diagnostic d = make_error("corpora/manifest.json", "unknown key \"yaer\"", "did you mean \"year\"?");
  d.line = 14;
  d.column = 9;
  CHECK(d.render() == "corpora/manifest.json:14:9: error: unknown key \"yaer\" (did you mean \"year\"?)");
}

TEST_CASE("a diagnostic with only a byte offset names the byte") {
  Diagnostic d = make_error("a.txt", "invalid UTF-8");
  d.byte = 1042;
  CHECK(d.render() == "a.txt: byte 1042: error: invalid UTF-8");
}

TEST_CASE("a warning renders as a warning") {
  CHECK(make_warning("m.json", "x").render() == "m.json: warning: x");
}

TEST_CASE("a default Status is a success and a Status made from a Diagnostic is a failure that keeps it") {
  Status fine;
  CHECK(fine.ok());
  Status failed = make_error("x.txt", "cannot read the file");
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().message == "cannot read the file");
  CHECK(failed.error().file == "x.txt");
}

TEST_CASE("respondent types round-trip through their names, case-insensitively") {
  CHECK(parse_respondent_type("RSS") == RespondentType::Rss);
  CHECK(std::string(to_string(*parse_respondent_type("kommun"))) == "kommun");
  CHECK_FALSE(parse_respondent_type("landsting").has_value());
}

TEST_CASE("an enum name table gives each value its name and reads each name back, ignoring case") {
  for (const EnumName<LayoutKind>& entry : kLayoutKindNames) {
    CHECK(std::string(name_of(kLayoutKindNames, entry.value)) == entry.name);
    CHECK(value_of(kLayoutKindNames, entry.name) == entry.value);
  }
  CHECK(std::string(to_string(LayoutKind::Report)) == "report");
  CHECK(value_of(kRespondentTypeNames, "Region") == RespondentType::Region);
  CHECK_FALSE(value_of(kRespondentTypeNames, "regio").has_value());
  CHECK_FALSE(value_of(kLayoutKindNames, "").has_value());
}

TEST_CASE("names_of lists a table's names in table order") {
  CHECK(names_of(kRespondentTypeNames) == std::vector<std::string>{"kommun", "rss", "region"});
}

TEST_CASE("a Result holds either a value or the error that explains its absence") {
  Result<int> good(3);
  Result<int> bad(make_error("f", "broken"));
  REQUIRE(good.ok());
  CHECK(good.value() == 3);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message == "broken");
}

// ---------------------------------------------------------------------------
// JSON positions and checks (shared by lexicon files and manifest.json)
// ---------------------------------------------------------------------------

TEST_CASE("the locator finds values and keys by JSON pointer, columns in code points") {
  const std::string text = "{\n  \"åäö\": [1, {\"a/b\": \"x\"}],\n\t\"k\": true\n}";
  const JsonLocator where(text);
  CHECK(where.value("").line == 1);
  CHECK(where.value("").column == 1);
  CHECK(where.key("/åäö").line == 2);
  CHECK(where.key("/åäö").column == 3);
  CHECK(where.value("/åäö").column == 10);  // "åäö" is 3 columns, not 6 bytes
  CHECK(where.value("/åäö/0").column == 11);
  CHECK(where.value("/åäö/1").column == 14);
  CHECK(where.key("/åäö/1/a~1b").column == 15);
  CHECK(where.value("/åäö/1/a~1b").column == 22);
  CHECK(where.value("/k").line == 3);
  CHECK(where.value("/k").column == 7);  // a tab is one column
  CHECK_FALSE(where.value("/missing").known());
  CHECK(where.duplicate_keys().empty());
}

TEST_CASE("the locator gives every position of a long one-line JSON text as text_position does") {
  // A manifest written on one line, with "å" (two bytes) in every key so
  // columns and bytes part ways across the locator's 256-byte blocks; a
  // second line and a byte order mark for good measure.
  std::string text = "\xEF\xBB\xBF{\"files\": {";
  for (int i = 0; i < 300; ++i) text += (i ? ", " : "") + std::string("\"sv\xC3\xA5r_") + std::to_string(i) + ".txt\": {}";
  text += "},\n \"description\": \"x\"}";
  const JsonLocator where(text);
  for (std::size_t offset = 0; offset <= text.size(); ++offset) {
    CAPTURE(offset);
    const TextPosition a = where.position_of(offset), b = text_position(text, offset);
    REQUIRE(a.line == b.line);
    REQUIRE(a.column == b.column);
  }
  CHECK(where.key("/files/sv\xC3\xA5r_299.txt").column ==
        text_position(text, text.rfind("\"sv\xC3\xA5r_299.txt\"")).column);
}

TEST_CASE("the locator reports keys written twice in one object") {
  const JsonLocator where("{\"a\": 1,\n \"a\": 2}");
  REQUIRE(where.duplicate_keys().size() == 1);
  const JsonLocator::DuplicateKey& dup = where.duplicate_keys()[0];
  CHECK(dup.key == "a");
  CHECK(where.pointer(dup) == "/a");
  CHECK(dup.first.line == 1);
  CHECK(dup.first.column == 2);
  CHECK(dup.second.line == 2);
  CHECK(dup.second.column == 2);
  CHECK(where.value("/a").line == 2);  // the later value, as nlohmann keeps
}

TEST_CASE("the locator stops quietly on malformed JSON") {
  const JsonLocator where("{\"a\": [1, 2");
  CHECK(where.value("/a/1").column == 11);
  CHECK_FALSE(where.value("/b").known());
}

TEST_CASE("text_position counts lines and code points, and the end is after the last character") {
  const std::string text = "\xEF\xBB\xBF{\"å\":\n1}\n";
  CHECK(text_position(text, 3).column == 1);   // the byte order mark is not counted
  CHECK(text_position(text, 5).column == 3);   // 'å', after '{' and '"'
  CHECK(text_position(text, 7).column == 4);   // the quote after 'å' (two bytes, one column)
  CHECK(text_position(text, text.size()).line == 3);
  CHECK(text_position(text, text.size()).column == 1);
  CHECK(text_position(text, 1000).line == 3);  // clamped to the end
}

TEST_CASE("an unknown key gets the alias or near miss it stands for, or nothing") {
  const std::vector<std::string> allowed = {"id", "tokens", "exclude"};
  CHECK(did_you_mean("tokns", allowed) == "did you mean \"tokens\"?");
  CHECK(did_you_mean("ID", allowed) == "did you mean \"id\"?");
  CHECK(did_you_mean("author", allowed).empty());
  CHECK(did_you_mean("Exclusions", allowed, {{"exclusions", "exclude"}}) == "did you mean \"exclude\"?");
  CHECK(join_quoted({"a", "b", "c"}) == "\"a\", \"b\" or \"c\"");
  CHECK(describe_json(nlohmann::json::array()) == "an empty list []");
  CHECK(describe_json(nlohmann::json::parse("[1]")) == "a list [...]");
  CHECK(describe_json(nlohmann::json("x")) == "the text \"x\"");
}

TEST_CASE("near_miss counts a swap of neighbouring letters as one edit and ignores the case of the word") {
  CHECK(near_miss("tmeha", {"theme"}) == "");       // three edits
  CHECK(near_miss("thmee", {"theme"}) == "theme");  // one swap
  CHECK(near_miss("SIP", {"sip", "mobila_team"}) == "sip");
  CHECK(near_miss("sp", {"sip"}) == "sip");
  CHECK(near_miss("sx", {"sip"}) == "");            // two edits from a word of 3 letters is too far
  CHECK(near_miss("mobla_teem", {"sip", "mobila_team"}) == "mobila_team");
  CHECK(near_miss(std::string(65, 'a'), {std::string(65, 'a')}) == "");
}

TEST_CASE("a JSON syntax error points at the offending token, a cut-off file at its end as asked") {
  const auto error_of = [](const std::string& text, TextEnd end) {
    try {
      const nlohmann::json parsed = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
      return json_syntax_error(text, "f.json", e, end).render();
    }
    return std::string("(no error)");
  };
  CHECK(error_of("{\"a\": 1 \"b\": 2}", TextEnd::LastByte) ==
        "f.json:1:9: error: JSON syntax error while parsing object - unexpected string literal; expected '}' "
        "(check for a missing or extra comma, colon, quote or brace at or just before this point)");
  const std::string cut = "{\"a\": [1,\n";
  CHECK(error_of(cut, TextEnd::LastByte).rfind("f.json:1:10: error: JSON syntax error", 0) == 0);
  CHECK(error_of(cut, TextEnd::AfterLastByte).rfind("f.json:2:1: error: JSON syntax error", 0) == 0);
  CHECK(error_of(cut, TextEnd::AfterLastByte).find("(the file ends too early") != std::string::npos);
}

TEST_CASE("a text cut short is called what the caller says it is, a file by default") {
  const Result<nlohmann::json> line = parse_json_file("{\"a\": 1", "gold.jsonl", TextEnd::AfterLastByte, "line");
  REQUIRE_FALSE(line.ok());
  CHECK(line.error().render() ==
        "gold.jsonl:1:8: error: JSON syntax error while parsing object - unexpected end of input; expected '}' "
        "(the line ends too early: check for a missing closing brace } or bracket ])");
}

TEST_CASE("the checker reports in text order, each with its context, at the key or the value") {
  const std::string text = "{\"b\": 1,\n \"tokns\": \"x\"}";
  const nlohmann::json document = nlohmann::json::parse(text);
  JsonChecker checker(text, "f.json");
  checker.check_keys(document, "", "rule \"r\"", {"b", "tokens"});
  checker.wrong_type("/b", "", "\"b\"", "text in quotes", document["b"], "write e.g. \"b\"");
  CHECK(checker.has_errors());
  std::vector<std::string> rendered;
  for (const Diagnostic& d : checker.take_diagnostics()) rendered.push_back(d.render());
  CHECK(rendered == std::vector<std::string>{
                        "f.json:1:7: error: \"b\" must be text in quotes, but is the number 1 (write e.g. \"b\")",
                        "f.json:2:2: error: rule \"r\": unknown key \"tokns\" (did you mean \"tokens\"?)"});
}

// ---------------------------------------------------------------------------
// JSON nesting depth (issue 11, item 3)
// ---------------------------------------------------------------------------

namespace {

std::string nested(std::size_t depth, std::string_view inside = "1") {
  return std::string(depth, '[') + std::string(inside) + std::string(depth, ']');
}

}  // namespace

TEST_CASE("first_too_deep finds the bracket that opens the level too many, and nothing within the limit") {
  CHECK(first_too_deep(nested(256)) == std::nullopt);
  CHECK(first_too_deep(nested(257)) == 256u);
  CHECK(first_too_deep("{\"a\": [[{}]]}", 4) == std::nullopt);
  CHECK(first_too_deep("{\"a\": [[{}]]}", 3) == 8u);
}

TEST_CASE("first_too_deep ignores brackets inside strings, escaped quotes too, and stray closing brackets") {
  CHECK(first_too_deep(R"(["[[[", "\"[[[", "\\", "{{{"])", 1) == std::nullopt);
  CHECK(first_too_deep("]]]]][[", 1) == 6u);
}

TEST_CASE("JSON nested 1,000 and 100,000 deep is an error at the bracket of level 257, before parsing") {
  for (const std::size_t depth : {1000u, 100000u}) {
    const std::string text = "{\"x\":\n  " + nested(depth) + "}";
    const Result<nlohmann::json> parsed = parse_json_file(text, "f.json");
    REQUIRE_FALSE(parsed.ok());
    // '{' is level 1, so the 256th '[' on line 2 (column 2 + 256) opens level 257.
    CHECK(parsed.error().render() ==
          "f.json:2:258: error: the JSON nests lists and objects more than 256 levels deep here (analyzer reads at "
          "most 256 levels, and its files need about 5: look for a [ or { that is never closed)");
  }
}

TEST_CASE("check_json_depth fails with the place of the level too many, and succeeds within the limit") {
  CHECK(check_json_depth(nested(256), "f.json").ok());
  const Status too_deep = check_json_depth(nested(257), "f.json");
  REQUIRE_FALSE(too_deep.ok());
  CHECK(too_deep.error().line == 1);
  CHECK(too_deep.error().column == 257);
}

TEST_CASE("parse_json_file parses JSON within the limit and reports a syntax error like json_syntax_error") {
  const Result<nlohmann::json> deep = parse_json_file(nested(255), "f.json");
  REQUIRE(deep.ok());
  CHECK(deep.value().is_array());
  const Result<nlohmann::json> broken = parse_json_file("{\"a\": 1 \"b\": 2}", "f.json");
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.error().render().rfind("f.json:1:9: error: JSON syntax error", 0) == 0);
}

// The locator copied the pointer of every open level into each value below
// it: 20,000 levels took 790 MB, 40,000 3.1 GB, a 2 MB file 1,000,000 deep
// was killed at 24 GB.
TEST_CASE("the locator holds each key once however deep the keys are nested") {
  std::string text;
  const std::size_t depth = 20000;
  for (std::size_t i = 0; i < depth; ++i) text += "{\"nyckel\":";
  text += "1" + std::string(depth, '}');
  const JsonLocator where(text);
  CHECK(where.token_bytes() <= 2 * text.size());
  std::string pointer;
  for (std::size_t i = 0; i < depth; ++i) pointer += "/nyckel";
  CHECK(where.value(pointer).column == 10 * depth + 1);
  CHECK(where.key(pointer).column == 10 * depth - 8);
}

TEST_CASE("the locator finds array items by index and keeps the later of two arrays under one key") {
  const JsonLocator where("{\"a\": [10, [20, 21]], \"a\": [30]}");
  CHECK(where.value("/a/0").column == 29);
  CHECK_FALSE(where.value("/a/1").known());
  CHECK_FALSE(where.value("/a/01").known());
  CHECK_FALSE(where.value("/a/x").known());
  const JsonLocator list("[[1, 2], {\"0\": 3}]");
  CHECK(list.value("/0/1").column == 6);
  CHECK(list.value("/1/0").column == 16);
}

TEST_CASE("columns far into a long line are counted in code points") {
  const std::string text = "[" + std::string(1000, ' ') + "\"å\", " + std::string(700, ' ') + "\"ä\"]";
  const JsonLocator where(text);
  CHECK(where.value("/1").column == 1 + 1000 + 5 + 700 + 1);
  CHECK(where.position_of(text.size()).column == text_position(text, text.size()).column);
}

// ---------------------------------------------------------------------------
// Record locations in JSON (core/record_json.hpp).

namespace {

RecordLocation location_of(std::optional<std::size_t> line, std::optional<std::size_t> page,
                           std::optional<std::size_t> paragraph, std::string sheet, std::optional<std::size_t> row,
                           std::string column) {
  RecordLocation l;
  l.line = line;
  l.page = page;
  l.paragraph = paragraph;
  l.sheet = std::move(sheet);
  l.row = row;
  l.column = std::move(column);
  return l;
}

// One location of each kind: text, PDF, DOCX, XLSX, CSV, and none.
const std::vector<std::pair<RecordLocation, std::string>> kLocations{
    {location_of(530, {}, {}, "", {}, ""), R"({"line":530})"},
    {location_of({}, 14, {}, "", {}, ""), R"({"page":14})"},
    {location_of({}, {}, 212, "", {}, ""), R"({"paragraph":212})"},
    {location_of({}, {}, {}, "Blad1", 7, "F"), R"({"column":"F","row":7,"sheet":"Blad1"})"},
    {location_of({}, {}, {}, "", 7, "F"), R"({"column":"F","row":7})"},
    {RecordLocation{}, "{}"},
};

}  // namespace

TEST_CASE("a location's JSON holds only the fields that are set") {
  for (const auto& [location, expected] : kLocations) CHECK(to_json(location).dump() == expected);
}

TEST_CASE("answers, numeric items and mentions keep each kind of location through JSON") {
  for (const auto& [location, expected] : kLocations) {
    CAPTURE(expected);
    AnswerRecord a;
    a.id = "a1";
    a.source = "svar.txt";
    a.location = location;
    Mention m;
    m.theme = "sip";
    m.span = {4, 7};
    m.location = location;
    a.mentions = {m};
    const nlohmann::json j = to_json(a);
    CHECK(j.at("location").dump() == expected);
    const AnswerRecord back = answer_from_json(nlohmann::json::parse(j.dump()));
    CHECK(back.location == location);
    REQUIRE(back.mentions.size() == 1);
    CHECK(back.mentions[0] == m);
    NumericItem n;
    n.value = 5;
    n.location = location;
    CHECK(to_json(n).at("location").dump() == expected);
    CHECK(number_from_json(nlohmann::json::parse(to_json(n).dump())).location == location);
  }
}

TEST_CASE("a mention without a location has no location field, as `tag` prints it") {
  Mention m;
  m.theme = "sip";
  CHECK_FALSE(to_json(m).contains("location"));
  m.location.line = 3;
  CHECK(to_json(m).at("location").dump() == R"({"line":3})");
}

TEST_CASE("a record stored without a location, or with one not written by to_json, reads back with an empty location") {
  CHECK(answer_from_json(nlohmann::json::parse(R"({"id": "a", "start": 0, "end": 4})")).location.empty());
  CHECK(number_from_json(nlohmann::json::parse(R"({"value": 1})")).location.empty());
  CHECK(mention_from_json(nlohmann::json::parse(R"({"theme": "sip"})")).location.empty());
  CHECK(answer_from_json(nlohmann::json::parse(R"({"location": [1, 2]})")).location.empty());
  // Wrong types and numbers below 1 are left out; the other fields stay.
  const RecordLocation l =
      location_from_json(nlohmann::json::parse(R"({"line": "7", "page": 0, "row": -3, "sheet": 5, "column": "B"})"));
  CHECK(l == location_of({}, {}, {}, "", {}, "B"));
}
