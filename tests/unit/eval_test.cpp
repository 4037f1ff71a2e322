// eval/: gold file loading, mention- and answer-level scoring, the Ctrl-F
// baseline. Offsets are bytes of the original file, end exclusive.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/eval/eval.hpp"
#include "analyzer/eval/gold.hpp"
#include "tests/support/temp_files.hpp"

using namespace analyzer;
using analyzer::test::TempDir;

namespace {

GoldMention gold_mention(std::string file, std::string theme, std::size_t begin, std::size_t end,
                         std::size_t line = 1) {
  return {std::move(file), std::move(theme), {begin, end}, "", "", line};
}

ScoredMention predicted(std::string file, std::string theme, std::size_t begin, std::size_t end) {
  return {std::move(file), std::move(theme), {begin, end}};
}

// A hand-built GoldSet: files named by the mentions, no texts, no scopes
// unless given (so every file is in scope entirely).
GoldSet gold_of(std::vector<GoldMention> mentions, std::vector<GoldScope> scopes = {}) {
  GoldSet g;
  g.path = "gold.jsonl";
  for (const GoldMention& m : mentions)
    if (!g.find_file(m.file)) g.files.push_back({m.file, m.file, ""});
  g.mentions = std::move(mentions);
  g.scopes = std::move(scopes);
  return g;
}

const std::vector<std::string> kThemes = {"sip", "mobila_team"};

// The report of one system, "analyzer", on themes sip and mobila_team.
SystemScores score_one(const GoldSet& gold, std::vector<ScoredMention> mentions,
                       const std::vector<AnswerSpan>& answers = {}) {
  EvalReport r = evaluate(gold, answers, {{"analyzer", std::move(mentions)}}, kThemes);
  REQUIRE(r.systems.size() == 1);
  return r.systems[0];
}

std::string render(const Counts& c) {
  return "tp=" + std::to_string(c.tp) + " fp=" + std::to_string(c.fp) +
         " fn=" + std::to_string(c.fn) + " exact=" + std::to_string(c.exact);
}

std::string render(const std::vector<ScoredMention>& mentions) {
  std::string out;
  for (const ScoredMention& m : mentions) {
    if (!out.empty()) out += ' ';
    out += m.theme + "[" + std::to_string(m.span.begin) + "," + std::to_string(m.span.end) + ")";
  }
  return out;
}

std::string render(const Miss& m) {
  return std::string(m.kind == Miss::Kind::FalseNegative ? "FN " : "FP ") + m.theme + "[" +
         std::to_string(m.span.begin) + "," + std::to_string(m.span.end) + ")";
}

std::string render_misses(const SystemScores& s) {
  std::string out;
  for (const Miss& m : s.misses) out += (out.empty() ? "" : " ") + render(m);
  return out;
}

// A ratio to six decimals, or "undefined".
std::string render(std::optional<double> ratio) {
  if (!ratio) return "undefined";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6f", *ratio);
  return buffer;
}

std::string render(const Diagnostics& ds) {
  std::string out;
  for (const Diagnostic& d : ds) out += (out.empty() ? "" : "\n") + d.render();
  return out;
}

}  // namespace

// ---- mention level -------------------------------------------------------------

TEST_CASE("one prediction against one gold SIP mention: lenient overlap, exact span, theme and file") {
  // Gold: "SIP" at [10,13) of x.txt; the system predicts one mention.
  struct Case {
    std::string what;
    ScoredMention prediction;
    std::string sip, mobila_team;   // the rows' mention counts
    std::size_t ignored;
  };
  const Case c = GENERATE(values<Case>({
      {"an overlap of the same theme matches (the matcher took \"SIP-möte\")", predicted("x.txt", "sip", 10, 19),
       "tp=1 fp=0 fn=0 exact=0", "tp=0 fp=0 fn=0 exact=0", 0},
      {"the identical span also counts as exact", predicted("x.txt", "sip", 10, 13),
       "tp=1 fp=0 fn=0 exact=1", "tp=0 fp=0 fn=0 exact=0", 0},
      {"spans that only touch do not overlap", predicted("x.txt", "sip", 13, 16),
       "tp=0 fp=1 fn=1 exact=0", "tp=0 fp=0 fn=0 exact=0", 0},
      {"another theme does not match an overlapping gold mention", predicted("x.txt", "mobila_team", 10, 13),
       "tp=0 fp=0 fn=1 exact=0", "tp=0 fp=1 fn=0 exact=0", 0},
      {"a file the gold set does not name is ignored", predicted("y.txt", "sip", 10, 13),
       "tp=0 fp=0 fn=1 exact=0", "tp=0 fp=0 fn=0 exact=0", 1},
  }));
  CAPTURE(c.what);
  const GoldSet gold = gold_of({gold_mention("x.txt", "sip", 10, 13)});
  const SystemScores s = score_one(gold, {c.prediction});
  CHECK(render(s.rows[0].mention) == c.sip);
  CHECK(render(s.rows[1].mention) == c.mobila_team);
  CHECK(s.ignored_predictions == c.ignored);
}

TEST_CASE("matching is one to one: a second prediction over the same gold mention is a FP") {
  // gold "mobila team" [0,11); predictions "mobila" [0,6) and "team" [7,11)
  const GoldSet gold = gold_of({gold_mention("x.txt", "mobila_team", 0, 11)});
  const SystemScores s = score_one(gold, {predicted("x.txt", "mobila_team", 7, 11),
                                          predicted("x.txt", "mobila_team", 0, 6)});
  CHECK(render(s.rows[1].mention) == "tp=1 fp=1 fn=0 exact=0");
  // Greedy in document order: [0,6) comes first and takes the gold mention.
  CHECK(render_misses(s) == "FP mobila_team[7,11)");
}

TEST_CASE("one prediction over two gold mentions matches only the first") {
  const GoldSet gold = gold_of({gold_mention("x.txt", "sip", 20, 23),
                                gold_mention("x.txt", "sip", 10, 13)});
  const SystemScores s = score_one(gold, {predicted("x.txt", "sip", 5, 30)});
  CHECK(render(s.rows[0].mention) == "tp=1 fp=0 fn=1 exact=0");
  CHECK(render_misses(s) == "FN sip[20,23)");
}

TEST_CASE("a prediction prefers the gold mention with its identical span") {
  // Nested gold mentions [0,10) and [5,6): the prediction [5,6) takes [5,6),
  // leaving [0,10) for the prediction [8,9).
  const GoldSet gold = gold_of({gold_mention("x.txt", "sip", 0, 10),
                                gold_mention("x.txt", "sip", 5, 6)});
  const SystemScores s = score_one(gold, {predicted("x.txt", "sip", 5, 6),
                                          predicted("x.txt", "sip", 8, 9)});
  CHECK(render(s.rows[0].mention) == "tp=2 fp=0 fn=0 exact=1");
}

TEST_CASE("predictions outside the scope are ignored, one straddling its edge is scored") {
  const GoldSet gold = gold_of({gold_mention("x.txt", "sip", 10, 13)},
                               {GoldScope{"x.txt", {0, 100}}});
  const SystemScores s = score_one(gold, {predicted("x.txt", "sip", 10, 13),
                                          predicted("x.txt", "sip", 98, 103),
                                          predicted("x.txt", "sip", 100, 103),
                                          predicted("x.txt", "sip", 500, 503)});
  CHECK(render(s.rows[0].mention) == "tp=1 fp=1 fn=0 exact=1");
  CHECK(s.ignored_predictions == 2);
}

TEST_CASE("predictions and gold mentions of themes not listed are ignored and counted") {
  const GoldSet gold = gold_of({gold_mention("x.txt", "sip", 10, 13),
                                gold_mention("x.txt", "trygg_hemgang", 30, 43)});
  EvalReport r = evaluate(gold, {}, {{"analyzer", {predicted("x.txt", "fast_vardkontakt", 50, 66)}}},
                          {"sip"});
  CHECK(r.gold_mentions == 1);
  CHECK(r.ignored_gold == 1);
  CHECK(r.systems[0].ignored_predictions == 1);
  CHECK(render(r.systems[0].all.mention) == "tp=0 fp=0 fn=1 exact=0");
}

// ---- answer level --------------------------------------------------------------

TEST_CASE("answer level counts each (answer, theme) pair once") {
  // One answer [0,100) with two gold SIP mentions; the system finds one.
  const GoldSet gold = gold_of({gold_mention("x.txt", "sip", 10, 13),
                                gold_mention("x.txt", "sip", 50, 53)});
  const SystemScores s = score_one(gold, {predicted("x.txt", "sip", 50, 53)},
                                   {AnswerSpan{"x.txt", {0, 100}}});
  CHECK(render(s.rows[0].mention) == "tp=1 fp=0 fn=1 exact=1");
  CHECK(render(s.rows[0].answer) == "tp=1 fp=0 fn=0 exact=0");
}

TEST_CASE("answer level: a prediction in an answer without gold of its theme is a FP pair") {
  const GoldSet gold = gold_of({gold_mention("x.txt", "sip", 10, 13)});
  const SystemScores s = score_one(gold, {predicted("x.txt", "sip", 10, 13),
                                          predicted("x.txt", "sip", 150, 153),
                                          predicted("x.txt", "sip", 160, 163)},
                                   {AnswerSpan{"x.txt", {0, 100}}, AnswerSpan{"x.txt", {100, 200}}});
  CHECK(render(s.rows[0].answer) == "tp=1 fp=1 fn=0 exact=0");
}

TEST_CASE("a gold mention outside every answer is an answer-level FN of 'outside answers'") {
  // The segmenter found one answer [0,100); a gold mention at [300,303)
  // (say in text the segmenter took for a prompt) lies outside it.
  const GoldSet gold = gold_of({gold_mention("x.txt", "sip", 10, 13),
                                gold_mention("x.txt", "sip", 300, 303)});
  EvalReport r = evaluate(gold, {AnswerSpan{"x.txt", {0, 100}}},
                          {{"analyzer", {predicted("x.txt", "sip", 10, 13)}}}, kThemes);
  CHECK(r.answers == 1);
  CHECK(r.gold_outside_answers == 1);
  const SystemScores& s = r.systems[0];
  CHECK(render(s.rows[0].answer) == "tp=1 fp=0 fn=1 exact=0");
  REQUIRE(s.misses.size() == 1);
  CHECK(render(s.misses[0]) == "FN sip[300,303)");
  CHECK_FALSE(s.misses[0].answer.has_value());
  CHECK(s.misses[0].answer_miss);
}

TEST_CASE("a prediction outside every answer is scored on the 'outside answers' pseudo-answer") {
  // The baseline searches the whole file: a hit in a prompt at [400,403) is a
  // FP pair of the pseudo-answer; a hit on the gold mention at [300,303) is a TP.
  const GoldSet gold = gold_of({gold_mention("x.txt", "sip", 300, 303)});
  const SystemScores s = score_one(gold, {predicted("x.txt", "sip", 300, 303),
                                          predicted("x.txt", "sip", 400, 403)},
                                   {AnswerSpan{"x.txt", {0, 100}}});
  CHECK(render(s.rows[0].mention) == "tp=1 fp=1 fn=0 exact=1");
  CHECK(render(s.rows[0].answer) == "tp=1 fp=0 fn=0 exact=0");
}

TEST_CASE("answers of files outside the gold set or outside the scope are not counted") {
  const GoldSet gold = gold_of({gold_mention("x.txt", "sip", 10, 13)},
                               {GoldScope{"x.txt", {0, 100}}});
  EvalReport r = evaluate(gold,
                          {AnswerSpan{"x.txt", {0, 50}}, AnswerSpan{"x.txt", {0, 50}},
                           AnswerSpan{"x.txt", {200, 300}}, AnswerSpan{"y.txt", {0, 50}}},
                          {}, kThemes);
  CHECK(r.answers == 1);
}

// ---- rows and conventions ---------------------------------------------------------

TEST_CASE("every listed theme gets a row, in order, also without gold or predictions") {
  const GoldSet gold = gold_of({gold_mention("x.txt", "sip", 10, 13)});
  EvalReport r = evaluate(gold, {}, {{"analyzer", {}}, {"baseline", {}}},
                          {"mobila_team", "sip", "trygg_hemgang", "sip"});
  CHECK(r.themes == std::vector<std::string>{"mobila_team", "sip", "trygg_hemgang"});
  REQUIRE(r.systems.size() == 2);
  CHECK(r.systems[1].system == "baseline");
  REQUIRE(r.systems[1].rows.size() == 3);
  CHECK(r.systems[1].rows[2].theme == "trygg_hemgang");
  CHECK(render(r.systems[1].rows[2].mention) == "tp=0 fp=0 fn=0 exact=0");
  CHECK_FALSE(r.systems[1].rows[2].mention.f1().has_value());
}

TEST_CASE("the all-themes row sums the counts of the rows (micro average)") {
  const GoldSet gold = gold_of({gold_mention("x.txt", "sip", 10, 13),
                                gold_mention("x.txt", "mobila_team", 20, 31),
                                gold_mention("x.txt", "mobila_team", 40, 51)});
  const SystemScores s = score_one(gold, {predicted("x.txt", "sip", 10, 13),
                                          predicted("x.txt", "mobila_team", 20, 31),
                                          predicted("x.txt", "sip", 60, 63)});
  CHECK(s.all.theme == "all");
  CHECK(render(s.all.mention) == "tp=2 fp=1 fn=1 exact=2");
  CHECK(s.all.mention.precision() == Approx(2.0 / 3.0));
  CHECK(s.all.mention.recall() == Approx(2.0 / 3.0));
}

TEST_CASE("precision, recall and F1 follow their formulas, undefined where there is nothing to measure") {
  struct Case {
    std::string what;
    std::size_t tp, fp, fn;
    std::optional<double> precision, recall, f1;
  };
  const Case c = GENERATE(values<Case>({
      {"all defined", 3, 1, 2, 0.75, 0.6, 2 * 0.75 * 0.6 / (0.75 + 0.6)},
      {"nothing to measure: no gold, no predictions", 0, 0, 0, std::nullopt, std::nullopt, std::nullopt},
      {"no predictions for a theme with gold: precision undefined, recall and F1 zero", 0, 0, 4, std::nullopt,
       0.0, 0.0},
      {"predictions for a theme without gold: recall undefined, precision and F1 zero", 0, 2, 0, 0.0,
       std::nullopt, 0.0},
  }));
  CAPTURE(c.what);
  Counts counts;
  counts.tp = c.tp;
  counts.fp = c.fp;
  counts.fn = c.fn;
  CHECK(render(counts.precision()) == render(c.precision));
  CHECK(render(counts.recall()) == render(c.recall));
  CHECK(render(counts.f1()) == render(c.f1));
}
// ---- misses --------------------------------------------------------------------------

TEST_CASE("misses carry the text in context, the gold line and note, and the answer") {
  GoldSet gold;
  gold.path = "gold.jsonl";
  gold.files.push_back({"x.txt", "x.txt", "Vi har SIP:ar och mobila team.\nÅtta på äldreboende."});
  gold.mentions.push_back({"x.txt", "sip", {7, 10}, "SIP", "plural SIP:ar", 4});
  EvalReport r = evaluate(gold, {AnswerSpan{"x.txt", {0, 30}}},
                          {{"analyzer", {predicted("x.txt", "mobila_team", 41, 47)}}}, kThemes);
  const SystemScores& s = r.systems[0];
  REQUIRE(s.misses.size() == 2);
  const Miss& fn = s.misses[0];
  CHECK(render(fn) == "FN sip[7,10)");
  CHECK(fn.text == "SIP");
  CHECK(fn.before == "Vi har ");
  CHECK(fn.after == ":ar och mobila team.\nÅtta på ä…");   // 30 characters
  CHECK(fn.gold_line == 4);
  CHECK(fn.note == "plural SIP:ar");
  REQUIRE(fn.answer.has_value());
  CHECK(*fn.answer == ByteSpan{0, 30});
  CHECK(fn.answer_miss);
  const Miss& fp = s.misses[1];
  CHECK(render(fp) == "FP mobila_team[41,47)");
  CHECK(fp.text == "äldre");
  CHECK(fp.before == "…P:ar och mobila team.\nÅtta på ");   // 30 characters
  CHECK(fp.gold_line == 0);
  CHECK_FALSE(fp.answer.has_value());
}

// ---- baseline ------------------------------------------------------------------------

TEST_CASE("the baseline finds labels like Ctrl-F: case-insensitively, inside words, by bytes") {
  struct Case {
    std::string what, text;
    std::vector<ThemeLabel> labels;
    std::string expected;   // render() of the mentions found
  };
  const Case c = GENERATE(values<Case>({
      {"case-insensitively, with byte offsets past å/ä/ö", "Vår FAST VÅRDKONTAKT och fast vårdkontakt.",
       {{"fast_vardkontakt", "Fast vårdkontakt"}}, "fast_vardkontakt[5,22) fast_vardkontakt[27,44)"},
      {"inside longer words and option lists", "SIP:ar och Mobila teamen. Mobila team inom regionen",
       {{"sip", "SIP"}, {"mobila_team", "Mobila team"}}, "sip[0,3) mobila_team[11,22) mobila_team[26,37)"},
      {"not a label wrapped over a line break", "mobila\nteam", {{"mobila_team", "Mobila team"}}, ""},
      {"occurrences do not overlap", "banana", {{"t", "ana"}}, "t[1,4)"},
      // "ß" (2 bytes) folds to "ss": "STRASSE" matches all of "Straße" [0,7),
      // and "s" matches "S" but not half of the "ß".
      {"offsets map back when folding changes byte lengths", "Straße.", {{"t", "STRASSE"}}, "t[0,7)"},
      {"folding never splits a character", "Straße.", {{"t", "s"}}, "t[0,1)"},
      {"an empty label finds nothing", "SIP", {{"sip", ""}}, ""},
  }));
  CAPTURE(c.what);
  CHECK(render(baseline_mentions("x.txt", c.text, c.labels)) == c.expected);
}
TEST_CASE("the baseline over a gold set searches every file and names it") {
  GoldSet gold;
  gold.files.push_back({"a.txt", "a.txt", "SIP"});
  gold.files.push_back({"b.txt", "b.txt", "en sip"});
  const std::vector<ScoredMention> found = baseline_mentions(gold, {{"sip", "SIP"}});
  CHECK(found == std::vector<ScoredMention>{predicted("a.txt", "sip", 0, 3),
                                            predicted("b.txt", "sip", 3, 6)});
}

// ---- gold files ----------------------------------------------------------------------

namespace {
// 54 bytes: "SIP" at [7,10), "mobila team" at [18,29), "Å" at [31,33),
// "äldreboende" at [41,53).
const std::string kText = "Vi har SIP:ar och mobila team.\nÅtta på äldreboende.";

// parse_gold(gold) with a fresh folder holding x.txt (kText), the file the
// gold lines name, as the folder relative paths are resolved against.
GoldLoad parse_gold_naming_x(const std::string& gold) {
  TempDir dir;
  dir.write("x.txt", kText);
  return parse_gold(gold, "gold.jsonl", dir.str());
}
}  // namespace

TEST_CASE("a valid gold file loads mentions, merged scopes and the file text") {
  TempDir dir;
  dir.write("corpora/x.txt", kText);
  const GoldLoad load = parse_gold(
      "{\"file\": \"corpora/x.txt\", \"scope\": [0, 20]}\n"
      "\n"
      "{\"file\": \"./corpora/x.txt\", \"theme\": \"sip\", \"start\": 7, \"end\": 10, \"text\": \"SIP\"}\n"
      "{\"file\": \"corpora/x.txt\", \"scope\": [15, 31]}\n"
      "{\"file\": \"corpora/x.txt\", \"theme\": \"mobila_team\", \"start\": 18, \"end\": 29, "
      "\"note\": \"plain\"}\n",
      "gold.jsonl", dir.str());
  REQUIRE(render(load.diagnostics) == "");
  REQUIRE(load.ok());
  const GoldSet& g = load.gold;
  CHECK(g.path == "gold.jsonl");
  REQUIRE(g.files.size() == 1);
  CHECK(g.files[0].name == "corpora/x.txt");
  CHECK(g.files[0].text == kText);
  REQUIRE(g.mentions.size() == 2);
  CHECK(g.mentions[0].file == "corpora/x.txt");
  CHECK(g.mentions[0].span == ByteSpan{7, 10});
  CHECK(g.mentions[0].text == "SIP");
  CHECK(g.mentions[0].line == 3);
  CHECK(g.mentions[1].note == "plain");
  CHECK(g.mentions[1].line == 5);
  REQUIRE(g.scopes.size() == 1);
  CHECK(g.scopes[0].span == ByteSpan{0, 31});
}

TEST_CASE("a file without scope lines is annotated completely") {
  const GoldLoad load = parse_gold_naming_x(
      "{\"file\": \"x.txt\", \"theme\": \"sip\", \"start\": 41, \"end\": 53}\n");
  REQUIRE(render(load.diagnostics) == "");
  CHECK(load.gold.scopes.empty());
  CHECK(load.gold.mentions.size() == 1);
}

TEST_CASE("a byte order mark and Windows line ends in a gold file are accepted") {
  const GoldLoad load = parse_gold_naming_x(
      "\xEF\xBB\xBF{\"file\": \"x.txt\", \"theme\": \"sip\", \"start\": 7, \"end\": 10}\r\n"
      "\r\n"
      "{\"file\": \"x.txt\", \"theme\": \"mobila_team\", \"start\": 18, \"end\": 29}\r\n");
  REQUIRE(render(load.diagnostics) == "");
  REQUIRE(load.gold.mentions.size() == 2);
  CHECK(load.gold.mentions[1].line == 3);
}

TEST_CASE("an absolute file path is used as given") {
  TempDir dir;
  const std::string path = dir.write("x.txt", kText);
  const GoldLoad load = parse_gold(
      "{\"file\": \"" + path + "\", \"theme\": \"sip\", \"start\": 7, \"end\": 10}\n", "gold.jsonl",
      "/nonexistent");
  REQUIRE(render(load.diagnostics) == "");
  CHECK(load.gold.files[0].path == path);
}

TEST_CASE("load_gold reads the gold file from disk") {
  TempDir dir;
  dir.write("x.txt", kText);
  const std::string gold = dir.write(
      "gold.jsonl", "{\"file\": \"x.txt\", \"theme\": \"sip\", \"start\": 7, \"end\": 10}\n");
  const GoldLoad load = load_gold(gold, dir.str());
  REQUIRE(render(load.diagnostics) == "");
  CHECK(load.gold.path == gold);
  CHECK(load.gold.mentions.size() == 1);
}

TEST_CASE("a gold file that cannot be read is one error without a line") {
  TempDir dir;
  const GoldLoad load = load_gold(dir.str() + "/missing.jsonl", dir.str());
  CHECK_FALSE(load.ok());
  CHECK(render(load.diagnostics) ==
        dir.str() + "/missing.jsonl: error: cannot read gold file: No such file or directory");
}

TEST_CASE("a gold file over 64 MB is refused by its size, before it is read") {
  TempDir dir;
  const std::string gold = dir.write("gold.jsonl", "");
  std::filesystem::resize_file(gold, kMaxGoldFileBytes + 1);  // sparse: nothing is written
  const GoldLoad load = load_gold(gold, dir.str());
  CHECK_FALSE(load.ok());
  CHECK(render(load.diagnostics) ==
        gold + ": error: cannot read gold file: larger than 64 MB (67108865 bytes), the limit for "
               "gold files and the files they name; split it into several");
}

TEST_CASE("each gold-file error is reported with its line, and nothing is loaded") {
  // Line 1 is always a valid mention; the case's line is line 2.
  struct Case {
    std::string line;
    std::string expected;
  };
  const Case c = GENERATE(values<Case>({
      {R"({"file": "x.txt", "theme": "sip", "start": 7 "end": 10})",
       "gold.jsonl:2:46: error: JSON syntax error while parsing object - unexpected string literal; "
       "expected '}' (check for a missing or extra comma, colon, quote or brace at or just before this point)"},
      {R"({"file": "x.txt", "theme": "sip", "start": 7, "end": 10)",
       "gold.jsonl:2:56: error: JSON syntax error while parsing object - unexpected end of input; "
       "expected '}' (the line ends too early: check for a missing closing brace } or bracket ])"},
      {R"(["x.txt", "sip", 7, 10])",
       R"(gold.jsonl:2:1: error: a gold line must be a JSON object ({"file": ..., "theme": ..., )"
       R"("start": ..., "end": ...} or {"file": ..., "scope": [start, end]}))"},
      {R"({"file": "x.txt", "thme": "sip", "start": 7, "end": 10})",
       "gold.jsonl:2:19: error: unknown key \"thme\" in a mention line (did you mean \"theme\"?)\n"
       "gold.jsonl:2: error: missing key \"theme\" in a mention line"},
      {R"({"file": "x.txt", "scope": [0, 10], "theme": "sip"})",
       "gold.jsonl:2:37: error: unknown key \"theme\" in a scope line (allowed: file, scope)"},
      {R"({"file": "x.txt", "theme": "sip", "start": 7})",
       "gold.jsonl:2: error: missing key \"end\" in a mention line"},
      {R"({"file": "x.txt", "theme": "sip", "start": "7", "end": 10})",
       "gold.jsonl:2:35: error: \"start\" must be a non-negative integer"},
      {R"({"file": "x.txt", "theme": "sip", "start": -1, "end": 10})",
       "gold.jsonl:2:35: error: \"start\" must be a non-negative integer"},
      {R"({"file": "x.txt", "scope": [10]})",
       "gold.jsonl:2:19: error: \"scope\" must be [start, end] with two non-negative integers"},
      {R"({"file": "x.txt", "theme": "sip", "start": 10, "end": 7})",
       "gold.jsonl:2:35: error: start 10 is greater than end 7"},
      {R"({"file": "x.txt", "theme": "sip", "start": 7, "end": 7})",
       "gold.jsonl:2:35: error: empty mention: start and end are both 7 (a mention covers at "
       "least one byte; end is exclusive)"},
      {R"({"file": "x.txt", "theme": "sip", "start": 50, "end": 60})",
       "gold.jsonl:2:48: error: end 60 is past the end of \"x.txt\" (54 bytes)"},
      {R"({"file": "x.txt", "scope": [0, 55]})",
       "gold.jsonl:2:19: error: scope end 55 is past the end of \"x.txt\" (54 bytes)"},
      {R"({"file": "x.txt", "theme": "sip", "start": 32, "end": 35})",
       "gold.jsonl:2:35: error: start 32 falls inside a UTF-8 character of \"x.txt\" (offsets "
       "count bytes of the original file; a character like \"å\" has two)"},
      {R"({"file": "x.txt", "theme": "sip", "start": 8, "end": 11, "text": "SIP"})",
       "gold.jsonl:2:58: error: text \"SIP\" does not match \"x.txt\", which has \"IP:\" at "
       "[8,11) (fix the offsets or the text; offsets are bytes of the original file)"},
      {"{\"file\": \"x.txt\", \"scope\": [0, 12]}\n"
       R"({"file": "x.txt", "theme": "mobila_team", "start": 18, "end": 29})",
       "gold.jsonl:3:43: error: mention [18,29) of \"x.txt\" lies outside all scopes of that "
       "file (scopes: [0,12) [30,31); widen a scope line or drop the mention)"},
      {R"({"file": "x.txt", "theme": "sip", "start": 7, "end": 10})",
       "gold.jsonl:2: error: duplicate mention: same file, theme and span [7,10) as line 1"},
      {R"({"file": "nowhere.txt", "theme": "sip", "start": 7, "end": 10})",
       "gold.jsonl:2:2: error: cannot read \"nowhere.txt\" (DIR/nowhere.txt): No such file or "
       "directory (relative paths are resolved against DIR)"},
      {R"({"file": "x.txt", "theme": "sipp", "start": 7, "end": 10})",
       "gold.jsonl:2:19: error: unknown theme \"sipp\" (did you mean \"sip\"?)"},
      {R"({"file": "x.txt", "theme": "SIP", "start": 7, "end": 10})",
       "gold.jsonl:2:19: error: unknown theme \"SIP\" (did you mean \"sip\"?)"},
      {R"({"file": "x.txt", "theme": "sip", "strat": 7, "end": 10})",
       "gold.jsonl:2:35: error: unknown key \"strat\" in a mention line (did you mean \"start\"?)\n"
       "gold.jsonl:2: error: missing key \"start\" in a mention line"},
  }));
  TempDir dir;
  dir.write("x.txt", kText);
  std::string gold = R"({"file": "x.txt", "theme": "sip", "start": 7, "end": 10})" "\n" + c.line + "\n";
  if (c.expected.find("[30,31)") != std::string::npos)
    gold += R"({"file": "x.txt", "scope": [30, 31]})" "\n";
  CAPTURE(c.line);
  const GoldLoad load = parse_gold(gold, "gold.jsonl", dir.str(), {"sip", "mobila_team"});
  std::string expected = c.expected;
  // From where the last replacement ended: a temporary folder's random name
  // may itself hold "DIR" (the test then never ended).
  for (std::size_t at = 0; (at = expected.find("DIR", at)) != std::string::npos; at += dir.str().size())
    expected.replace(at, 3, dir.str());
  CHECK(render(load.diagnostics) == expected);
  CHECK_FALSE(load.ok());
  CHECK(load.gold.mentions.empty());
  CHECK(load.gold.files.empty());
}

TEST_CASE("all errors of a gold file are reported, in line order") {
  const GoldLoad load = parse_gold_naming_x(
      "{\"file\": \"x.txt\", \"theme\": \"sip\", \"start\": 8, \"end\": 11, \"text\": \"SIP\"}\n"
      "{\"file\": \"x.txt\", \"theme\": \"sip\", \"start\": 7, \"end\": 10}\n"
      "not json\n");
  REQUIRE(load.diagnostics.size() == 2);
  CHECK(load.diagnostics[0].line == 1);
  CHECK(load.diagnostics[1].line == 3);
  CHECK(load.gold.mentions.empty());
}

TEST_CASE("a gold line nested 1,000 or 100,000 deep is an error at its line and the bracket of level 257") {
  for (const std::size_t depth : {1000u, 100000u}) {
    const GoldLoad load = parse_gold_naming_x(
        "{\"file\": \"x.txt\", \"theme\": \"sip\", \"start\": 7, \"end\": 10}\n"
        "{\"file\": \"x.txt\", \"note\": " +
        std::string(depth, '[') + std::string(depth, ']') + "}\n");
    CHECK_FALSE(load.ok());
    CHECK(render(load.diagnostics) ==
          "gold.jsonl:2:282: error: the JSON nests lists and objects more than 256 levels deep here (analyzer reads "
          "at most 256 levels, and its files need about 5: look for a [ or { that is never closed)");
  }
}
