#include <catch2/catch.hpp>

#include "analyzer/core/diagnostic.hpp"
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

TEST_CASE("respondent types round-trip through their names, case-insensitively") {
  CHECK(parse_respondent_type("RSS") == RespondentType::Rss);
  CHECK(std::string(to_string(*parse_respondent_type("kommun"))) == "kommun");
  CHECK_FALSE(parse_respondent_type("landsting").has_value());
}

TEST_CASE("a Result holds either a value or the error that explains its absence") {
  Result<int> good(3);
  Result<int> bad(make_error("f", "broken"));
  REQUIRE(good.ok());
  CHECK(good.value() == 3);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message == "broken");
}
