// exchange/part_text.hpp: the plain text of a source part in a REFI-QDA
// export, and positions between answer bytes and the part's code points.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analyzer/core/utf8.hpp"
#include "analyzer/exchange/part_text.hpp"

using namespace analyzer;
using namespace analyzer::exchange;

namespace {

AnswerRecord answer(const std::string& id, int part, std::size_t at, const std::string& q, const std::string& qtext,
                    const std::string& text) {
  AnswerRecord a;
  a.id = id;
  a.source = "dalarna-2022.txt";
  a.part = part;
  a.respondent.name = "RSS Dalarna";
  a.respondent.year = 2022;
  a.question = q;
  a.question_text = qtext;
  a.text = text;
  a.span = {at, at + text.size()};
  return a;
}

// The code points [s.start, s.end) of `text`, as bytes.
std::string cp_substr(const std::string& text, CodePointSpan s) {
  const std::size_t b = utf8::prefix_length(text, static_cast<std::size_t>(s.start));
  const std::size_t e = utf8::prefix_length(text, static_cast<std::size_t>(s.end));
  return text.substr(b, e - b);
}

}  // namespace

TEST_CASE("a part's text is its title, then each answer under its heading in source order") {
  PersonalDataMasker masker;
  const std::vector<AnswerRecord> answers{answer("b", 0, 90, "6", "Vad var svårt?", "Bemanning."),
                                          answer("a", 0, 10, "5a", "Beskriv arbetet", "Vi har SIP.")};
  const std::vector<PartText> parts = compose_part_texts(answers, masker);
  REQUIRE(parts.size() == 1);
  CHECK(parts[0].text ==
        "RSS Dalarna 2022 (dalarna-2022.txt)\n\n5a Beskriv arbetet\nVi har SIP.\n\n6 Vad var svårt?\nBemanning.\n\n");
  CHECK(parts[0].answers[0].answer_id == "a");
}

TEST_CASE("each document part is a text of its own, empty answers left out") {
  PersonalDataMasker masker;
  const std::vector<AnswerRecord> answers{answer("a", 0, 0, "1", "Fråga", "Svar ett."),
                                          answer("b", 1, 50, "1", "Fråga", "Svar två."),
                                          answer("c", 1, 80, "2", "Fråga två", "")};
  const std::vector<PartText> parts = compose_part_texts(answers, masker);
  REQUIRE(parts.size() == 2);
  CHECK(parts[1].part == 1);
  CHECK(parts[1].answers.size() == 1);
}

TEST_CASE("answer bytes map to code points of the part text, å ä ö and emoji counted once") {
  PersonalDataMasker masker;
  const std::string text = "Äldre 😀 får trygg hemgång.";
  const std::vector<PartText> parts = compose_part_texts({answer("a", 0, 0, "1", "Fråga", text)}, masker);
  const std::size_t at = text.find("trygg hemgång");
  const auto span = to_part_positions(parts[0], "a", {at, at + std::string("trygg hemgång").size()});
  REQUIRE(span);
  CHECK(cp_substr(parts[0].text, *span) == "trygg hemgång");
  CHECK(span->end - span->start == 13);
  const auto back = from_part_positions(parts[0], span->start, span->end);
  REQUIRE(back);
  CHECK(back->answer_id == "a");
  CHECK(back->span == ByteSpan{at, at + std::string("trygg hemgång").size()});
}

TEST_CASE("personal data is masked in the part text and positions move past it") {
  PersonalDataMasker masker;
  const std::string text = "Ring 070-123 45 67 om SIP.";
  const std::vector<PartText> parts = compose_part_texts({answer("a", 0, 0, "1", "Fråga", text)}, masker);
  CHECK(parts[0].text.find("070") == std::string::npos);
  CHECK(parts[0].text.find("Ring [telefon] om SIP.") != std::string::npos);
  const std::size_t at = text.find("SIP");
  const auto span = to_part_positions(parts[0], "a", {at, at + 3});
  REQUIRE(span);
  CHECK(cp_substr(parts[0].text, *span) == "SIP");
  const auto back = from_part_positions(parts[0], span->start, span->end);
  REQUIRE(back);
  CHECK(back->span == ByteSpan{at, at + 3});
}

TEST_CASE("a span over masked personal data covers the whole token and maps back to the whole original") {
  PersonalDataMasker masker;
  const std::string text = "Ring 070-123 45 67 om SIP.";
  const std::vector<PartText> parts = compose_part_texts({answer("a", 0, 0, "1", "Fråga", text)}, masker);
  const auto span = to_part_positions(parts[0], "a", {0, 8});  // "Ring 070"
  REQUIRE(span);
  CHECK(cp_substr(parts[0].text, *span) == "Ring [telefon]");
  const auto back = from_part_positions(parts[0], span->start, span->end);
  REQUIRE(back);
  CHECK(text.substr(back->span.begin, back->span.size()) == "Ring 070-123 45 67");
}

TEST_CASE("positions outside every answer's text map to no answer") {
  PersonalDataMasker masker;
  const std::vector<PartText> parts = compose_part_texts({answer("a", 0, 0, "1", "Fråga", "Svar.")}, masker);
  CHECK_FALSE(from_part_positions(parts[0], 0, 3));  // the title
  CHECK_FALSE(from_part_positions(parts[0], 5, 5));  // empty
  CHECK_FALSE(to_part_positions(parts[0], "a", {2, 99}));
  CHECK_FALSE(to_part_positions(parts[0], "zz", {0, 1}));
}
