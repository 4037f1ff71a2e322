// Excerpts (report stage): the sentence around a mention, marks, near-
// duplicates, ranking for a synthesis, limit, and personal-data masking.
// Answers are built by hand; an excerpt renders as its text with the marks
// in «» and its sources: "Vi har «SIP». [a.txt 5a, b.txt 5a]".

#include <catch2/catch.hpp>

#include "analyzer/report/excerpts.hpp"

using namespace analyzer;

namespace {

// An answer whose text is `text`, found at byte 1000 of `source` (original
// offsets = 1000 + offsets in the text).
AnswerRecord answer(const std::string& source, const std::string& respondent, int year, const std::string& question,
                    const std::string& text) {
  AnswerRecord a;
  a.id = source + "/" + question;
  a.source = source;
  a.layout = LayoutKind::Survey;
  a.respondent = {year, "Dalarna", RespondentType::Kommun, respondent};
  a.question = question;
  a.question_text = "Beskriv arbetet med " + question + ".";
  a.text = text;
  a.span = {1000, 1000 + text.size()};
  return a;
}

// Adds a mention of `theme` at the `nth` occurrence of `needle`, with the
// sentence as ingest sets it: from the last ". " or line break before the
// mention to the next "." (included) or line break.
void mention(AnswerRecord& a, const std::string& theme, const std::string& needle, int nth = 0) {
  std::size_t at = a.text.find(needle);
  while (nth-- > 0) at = a.text.find(needle, at + 1);
  REQUIRE(at != std::string::npos);
  std::size_t begin = 0;
  for (std::size_t k = at; k > 0; --k)
    if (a.text[k - 1] == '\n' || (k >= 2 && a.text[k - 2] == '.' && a.text[k - 1] == ' ')) {
      begin = k;
      break;
    }
  std::size_t end = a.text.find_first_of(".\n", at);
  end = end == std::string::npos ? a.text.size() : end + (a.text[end] == '.');
  Mention m;
  m.theme = theme;
  m.rule = theme;
  m.in_text = {at, at + needle.size()};
  m.sentence_in_text = {begin, end};
  m.span = {1000 + at, 1000 + at + needle.size()};
  m.sentence = {1000 + begin, 1000 + end};
  m.text = needle;
  a.mentions.push_back(m);
}

std::string render(const Excerpt& e) {
  std::string out;
  std::size_t at = 0;
  for (ByteSpan m : e.marks) {
    out += e.text.substr(at, m.begin - at) + "«" + e.text.substr(m.begin, m.size()) + "»";
    at = m.end;
  }
  out += e.text.substr(at) + " [";
  for (std::size_t i = 0; i < e.sources.size(); ++i)
    out += (i ? ", " : "") + e.sources[i].source + " " + e.sources[i].question;
  return out + "]";
}

std::vector<std::string> render(const ExcerptList& l) {
  std::vector<std::string> out;
  for (const Excerpt& e : l.excerpts) out.push_back(render(e));
  return out;
}

// One answer per row, each with a mention of "SIP" (the first in its text).
struct Row {
  std::string source, respondent;
  int year;
  std::string question, text;
};
std::vector<AnswerRecord> sip_answers(const std::vector<Row>& rows) {
  std::vector<AnswerRecord> out;
  for (const Row& r : rows) {
    out.push_back(answer(r.source, r.respondent, r.year, r.question, r.text));
    mention(out.back(), "sip", "SIP");
  }
  return out;
}

ExcerptList sip(const std::vector<AnswerRecord>& answers, std::size_t limit = 0,
                const std::vector<std::string>& names = {}) {
  return build_excerpts(answers, "sip", "SIP", names, {.limit = limit});
}


}  // namespace

TEST_CASE("an excerpt is the whole sentence holding the mention, marked, with its citation") {
  AnswerRecord a = answer("a.txt", "Kommun A", 2023, "5a",
                          "Vi började 2022. Alla patienter får en SIP vid behov. Det går bra.");
  mention(a, "sip", "SIP");
  ExcerptList l = sip({a});
  CHECK(render(l) == std::vector<std::string>{"Alla patienter får en «SIP» vid behov. [a.txt 5a]"});
  REQUIRE(l.excerpts.size() == 1);
  const Citation& c = l.excerpts[0].sources.at(0);
  CHECK(c.answer_id == "a.txt/5a");
  CHECK(c.year == 2023);
  CHECK(c.region == "Dalarna");
  CHECK(c.respondent_type == "kommun");
  CHECK(c.respondent == "Kommun A");
  CHECK(c.question_text == "Beskriv arbetet med 5a.");
  const std::size_t at = a.text.find("Alla");   // original offsets of the sentence
  CHECK(c.span.begin == 1000 + at);
  CHECK(c.span.end == 1000 + at + std::string("Alla patienter får en SIP vid behov.").size());
  CHECK(c.layout == LayoutKind::Survey);
  CHECK_FALSE(l.excerpts[0].fragment);
  CHECK(l.theme == "sip");
  CHECK(l.label == "SIP");
  CHECK(l.sentences == 1);
}

TEST_CASE("two mentions in one sentence give one excerpt with two marks, other themes are not marked") {
  AnswerRecord a = answer("a.txt", "Kommun A", 2023, "5a", "SIP och mobila team samt fler SIP:ar under året.");
  mention(a, "sip", "SIP");
  mention(a, "mobila_team", "mobila team");
  mention(a, "sip", "SIP:ar");
  CHECK(render(sip({a})) == std::vector<std::string>{"«SIP» och mobila team samt fler «SIP:ar» under året. [a.txt 5a]"});
}

TEST_CASE("a list item loses its bullet and line breaks inside a sentence become spaces, marks move along") {
  AnswerRecord a = answer("a.txt", "Kommun A", 2023, "5a",
                          "Insatser:\n•  Utbildning i SIP för   all personal i\tkommunen");
  mention(a, "sip", "SIP");
  CHECK(render(sip({a})) == std::vector<std::string>{"Utbildning i «SIP» för all personal i kommunen [a.txt 5a]"});
}

TEST_CASE("a near-duplicate across two respondents is one excerpt with both sources") {
  AnswerRecord a = answer("a.txt", "Kommun A", 2022, "5a", "Vi arbetar med SIP i alla verksamheter.");
  AnswerRecord b = answer("b.txt", "Kommun B", 2023, "7", "Annat först. Vi arbetar med SIP  i alla verksamheter!");
  mention(a, "sip", "SIP");
  mention(b, "sip", "SIP");
  ExcerptList l = sip({a, b});
  CHECK(render(l) == std::vector<std::string>{"Vi arbetar med «SIP» i alla verksamheter. [a.txt 5a, b.txt 7]"});
  CHECK(l.sentences == 1);
  REQUIRE(l.excerpts[0].sources.size() == 2);
  CHECK(l.excerpts[0].sources[1].respondent == "Kommun B");
  CHECK(l.excerpts[0].sources[1].year == 2023);
  CHECK(l.excerpts[0].sources[1].span.begin == 1000 + b.text.find("Vi"));
}

TEST_CASE("a sentence found whole inside a longer one is the same quote: the shorter stays, with both sources") {
  // The export ran a heading into the second respondent's sentence.
  AnswerRecord a = answer("a.txt", "Region A", 2023, "16",
                          "Under 2023 har vi stärkt samarbetet kring SIP med kommunernas planeringsresurser.");
  AnswerRecord b = answer("b.txt", "RSS A", 2023, "14",
                          "Utveckling av processen Under 2023 har vi stärkt samarbetet kring SIP med "
                          "kommunernas planeringsresurser.");
  AnswerRecord c = answer("c.txt", "RSS C", 2023, "2", "Vi har SIP i hemmet.");
  AnswerRecord d = answer("d.txt", "RSS D", 2023, "3", "Alla har SIP i hemmet och på boenden.");
  for (AnswerRecord* x : {&a, &b, &c, &d}) mention(*x, "sip", "SIP");
  ExcerptList l = sip({a, b, c, d});
  CHECK(render(l) == std::vector<std::string>{
                         "Under 2023 har vi stärkt samarbetet kring «SIP» med kommunernas planeringsresurser. "
                         "[a.txt 16, b.txt 14]",
                         // Under eight words: compared whole only, so both stay.
                         "Vi har «SIP» i hemmet. [c.txt 2]",
                         "Alla har «SIP» i hemmet och på boenden. [d.txt 3]",
                     });
}

TEST_CASE("ranking spreads over respondents before a second quote from one") {
  const auto answers = sip_answers({
      {"a.txt", "Kommun A", 2023, "5a", "Första meningen om SIP från kommun A."},
      {"a.txt", "Kommun A", 2023, "6", "Andra meningen om SIP från kommun A."},
      {"a.txt", "Kommun A", 2023, "7", "Tredje meningen om SIP från kommun A."},
      {"b.txt", "Kommun B", 2023, "5a", "Enda meningen om SIP från kommun B."},
      {"c.txt", "Kommun C", 2023, "5a", "Enda meningen om SIP från kommun C."},
  });
  CHECK(render(sip(answers)) == std::vector<std::string>{
                                    "Första meningen om «SIP» från kommun A. [a.txt 5a]",
                                    "Enda meningen om «SIP» från kommun B. [b.txt 5a]",
                                    "Enda meningen om «SIP» från kommun C. [c.txt 5a]",
                                    "Andra meningen om «SIP» från kommun A. [a.txt 6]",
                                    "Tredje meningen om «SIP» från kommun A. [a.txt 7]",
                                });
}

TEST_CASE("ranking alternates a respondent's years, and the years within a round") {
  const auto answers = sip_answers({
      {"a22.txt", "Kommun A", 2022, "5a", "Kommun A skriver om SIP år 2022."},
      {"a22.txt", "Kommun A", 2022, "6", "Kommun A skriver mer om SIP år 2022."},
      {"a23.txt", "Kommun A", 2023, "5a", "Kommun A skriver om SIP år 2023."},
      {"b22.txt", "Kommun B", 2022, "5a", "Kommun B skriver om SIP år 2022."},
      {"c23.txt", "Kommun C", 2023, "5a", "Kommun C skriver om SIP år 2023."},
  });
  // Round 1: A (2022), C (2023, a year not yet quoted in the round), B (2022).
  // Round 2: A's 2023 answer before its second 2022 answer.
  CHECK(render(sip(answers)) == std::vector<std::string>{
                                    "Kommun A skriver om «SIP» år 2022. [a22.txt 5a]",
                                    "Kommun C skriver om «SIP» år 2023. [c23.txt 5a]",
                                    "Kommun B skriver om «SIP» år 2022. [b22.txt 5a]",
                                    "Kommun A skriver om «SIP» år 2023. [a23.txt 5a]",
                                    "Kommun A skriver mer om «SIP» år 2022. [a22.txt 6]",
                                });
}

TEST_CASE("fragments too short to stand alone come last, even from a respondent not yet quoted") {
  AnswerRecord a = answer("a.txt", "Kommun A", 2023, "5a", "Insatser:\n- SIP\n- Fler SIP med regionen");
  AnswerRecord b = answer("b.txt", "Kommun B", 2023, "5a", "Vi har infört SIP i hela kommunen.");
  AnswerRecord c = answer("c.txt", "Kommun C", 2023, "5a", "Vi har infört SIP i hela regionen nu.");
  mention(a, "sip", "SIP");
  mention(a, "sip", "SIP", 1);
  mention(b, "sip", "SIP");
  mention(c, "sip", "SIP");
  ExcerptList l = sip({a, b, c});
  CHECK(render(l) == std::vector<std::string>{
                         "Vi har infört «SIP» i hela kommunen. [b.txt 5a]",
                         "Vi har infört «SIP» i hela regionen nu. [c.txt 5a]",
                         "«SIP» [a.txt 5a]",
                         "Fler «SIP» med regionen [a.txt 5a]",
                     });
  REQUIRE(l.excerpts.size() == 4);
  CHECK(l.excerpts[0].marks == std::vector<ByteSpan>{{15, 18}});   // the example in excerpts.hpp
  CHECK_FALSE(l.excerpts[1].fragment);
  CHECK(l.excerpts[2].fragment);
  CHECK(l.excerpts[3].fragment);
}

TEST_CASE("the limit cuts the ranked list, sentences counts them all, 0 means no limit") {
  std::vector<AnswerRecord> answers;
  for (int i = 0; i < 5; ++i) {
    answers.push_back(answer("f" + std::to_string(i) + ".txt", "Kommun " + std::to_string(i), 2023, "5a",
                             "Kommun " + std::to_string(i) + " arbetar med SIP varje vecka."));
    mention(answers.back(), "sip", "SIP");
  }
  ExcerptList two = sip(answers, 2);
  CHECK(two.excerpts.size() == 2);
  CHECK(two.sentences == 5);
  CHECK(render(two.excerpts[1]) == "Kommun 1 arbetar med «SIP» varje vecka. [f1.txt 5a]");
  CHECK(sip(answers, 0).excerpts.size() == 5);
  CHECK(build_excerpts(answers, "sip", "SIP", {}, {}).excerpts.size() == 5);   // default 10
}

TEST_CASE("no mention of the theme, or mentions without sentence spans, give no excerpt") {
  AnswerRecord a = answer("a.txt", "Kommun A", 2023, "5a", "Mobila team i hela kommunen.");
  mention(a, "mobila_team", "Mobila team");
  CHECK(sip({a}).excerpts.empty());
  AnswerRecord old = answer("o.txt", "Kommun O", 2023, "5a", "Vi har SIP.");
  mention(old, "sip", "SIP");
  old.mentions[0].sentence_in_text = {};   // an index from before analysis version 2
  ExcerptList l = sip({old});
  CHECK(l.excerpts.empty());
  CHECK(l.sentences == 0);
  CHECK(sip({}).excerpts.empty());
}

TEST_CASE("personal data in an excerpt and its question text is masked, marks moved") {
  AnswerRecord a = answer("a.txt", "Kommun A", 2023, "5a",
                          "Kontakta maria högkvist, 070-123 45 67 eller maria.hogkvist@kommun.se om SIP sedan 2019-10-01.");
  a.question_text = "Frågor till enkat@socialstyrelsen.se eller 08-555 123 00.";
  mention(a, "sip", "SIP");
  ExcerptList l = sip({a}, 0, {"Maria Högkvist"});
  CHECK(render(l) == std::vector<std::string>{
                         "Kontakta [namn], [telefon] eller [e-post] om «SIP» sedan 2019-10-01. [a.txt 5a]"});
  CHECK(l.excerpts.at(0).sources.at(0).question_text == "Frågor till [e-post] eller [telefon].");
}
