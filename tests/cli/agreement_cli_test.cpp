// End-to-end tests of `analyzer agreement` and `analyzer codings gold`
// through build/bin/analyzer, on corpora/'s seeds ingested once into a
// temporary index, with a double coding constructed through `code accept`,
// `code reject` and `code add` by two coders, anna and bo.
//
// The double coding (sip mentions m1..m6, each the only automatic sip
// mention of its own answer X1..X6; other themes' mentions there are left
// undecided, so both coders judge those themes absent):
//   X1: anna accepts, bo accepts        both present
//   X2: anna accepts, bo rejects        differ (anna ja, bo nej)
//   X3: anna rejects, bo rejects        neither
//   X4: anna rejects, bo codes the mention's span by hand   differ (nej, ja)
//   X5: anna accepts, bo accepts        both present
//   X6: anna accepts; bo never looks    left out (only anna)
// By hand, for sip over the 5 units: both 2, only anna 1, only bo 1,
// neither 1: po = 3/5; pA = pB = 3/5, pe = 0.36 + 0.16 = 0.52;
// kappa = 0.08 / 0.48 = 1/6. Segments: anna 3 (X1, X2, X5), bo 3 (X1, X4,
// X5); X1 and X5 match both ways: 4 of 6 agree. Lexicon (present in all 5):
// against anna TP 3, FP 2 (P 0.6, R 1); against bo the same.

#include <catch2/catch.hpp>

#include <map>

#include "cli_support.hpp"

using namespace cli;

namespace {

RunResult as_coder(std::vector<std::string> args, const std::string& store, const std::string& coder) {
  for (const std::string& extra : {std::string("--index"), seed_index(), std::string("--codings"), store,
                                   std::string("--coder"), coder})
    args.push_back(extra);
  return run(args);
}

void ok(const RunResult& r) {
  INFO(r);
  REQUIRE(r.status == 0);
}

// Six sip mentions, each the only sip mention of its answer, in answer order.
std::vector<json> lone_sip_mentions() {
  std::map<std::string, std::vector<json>> by_answer;
  std::vector<std::string> order;
  for (const json& m : list_jsonl("mentions", seed_index(), {"--theme", "sip"})) {
    const std::string id = m["answer_id"];
    if (!by_answer.count(id)) order.push_back(id);
    by_answer[id].push_back(m);
  }
  std::vector<json> lone;
  for (const std::string& id : order)
    if (by_answer[id].size() == 1) lone.push_back(by_answer[id][0]);
  REQUIRE(lone.size() >= 6);
  lone.resize(6);
  return lone;
}

// The double coding of the file comment, in `store`; returns m1..m6.
std::vector<json> double_coding(const std::string& store) {
  std::vector<json> m = lone_sip_mentions();
  auto decide = [&](const char* action, std::size_t i, const std::string& coder) {
    ok(as_coder({"code", action, m[i]["id"].get<std::string>()}, store, coder));
  };
  decide("accept", 0, "anna");
  decide("accept", 0, "bo");
  decide("accept", 1, "anna");
  decide("reject", 1, "bo");
  decide("reject", 2, "anna");
  decide("reject", 2, "bo");
  decide("reject", 3, "anna");
  ok(as_coder({"code", "add", "--answer", m[3]["answer_id"].get<std::string>(), "--start",
               std::to_string(m[3]["text_start"].get<std::size_t>()), "--end",
               std::to_string(m[3]["text_end"].get<std::size_t>()), "--code", "sip"},
              store, "bo"));
  decide("accept", 4, "anna");
  decide("accept", 4, "bo");
  decide("accept", 5, "anna");
  return m;
}

RunResult agreement(const std::string& store, std::vector<std::string> extra) {
  std::vector<std::string> args{"agreement", "--index", seed_index(), "--codings", store};
  args.insert(args.end(), extra.begin(), extra.end());
  return run(args);
}

json agreement_json(const std::string& store, std::vector<std::string> extra) {
  extra.push_back("--format");
  extra.push_back("json");
  RunResult r = agreement(store, extra);
  INFO(r);
  REQUIRE(r.status == 0);
  return json::parse(r.out);
}

// The analyzer's sip row of `eval --json`.
json sip_row(const json& report) {
  const json& analyzer = report["systems"][0];
  REQUIRE(analyzer["system"] == "analyzer");
  for (const json& row : analyzer["themes"])
    if (row["theme"] == "sip") return row;
  FAIL("no sip row in " << report.dump());
  return {};
}

}  // namespace

TEST_CASE("agreement --format json gives the hand-computed table, kappa, segments and lexicon scores") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  double_coding(store);
  const json j = agreement_json(store, {"--coders", "anna,bo", "--theme", "sip"});
  CHECK(j["coder_a"] == "anna");
  CHECK(j["coder_b"] == "bo");
  CHECK(j["units"] == 5);
  CHECK(j["only_a"] == 1);
  CHECK(j["only_b"] == 0);
  CHECK(j["min_overlap_percent"] == 90.0);
  REQUIRE(j["themes"].size() == 1);
  const json& sip = j["themes"][0];
  CHECK(sip["theme"] == "sip");
  CHECK(sip["label"] == "SIP");
  const json& a = sip["answer_level"];
  CHECK(a["units"] == 5);
  CHECK(a["both"] == 2);
  CHECK(a["only_a"] == 1);
  CHECK(a["only_b"] == 1);
  CHECK(a["neither"] == 1);
  CHECK(a["percent_agreement"].get<double>() == Approx(60.0));
  CHECK(a["expected_agreement"].get<double>() == Approx(0.52));
  CHECK(a["kappa"].get<double>() == Approx(1.0 / 6));
  CHECK(a["kappa_undefined"].is_null());
  const json& s = sip["segment_level"];
  CHECK(s["a_segments"] == 3);
  CHECK(s["a_agreeing"] == 2);
  CHECK(s["b_segments"] == 3);
  CHECK(s["b_agreeing"] == 2);
  CHECK(s["percent_agreement"].get<double>() == Approx(400.0 / 6));
  for (const char* who : {"lexicon_vs_a", "lexicon_vs_b"}) {
    CHECK(sip[who]["tp"] == 3);
    CHECK(sip[who]["fp"] == 2);
    CHECK(sip[who]["fn"] == 0);
    CHECK(sip[who]["precision"].get<double>() == Approx(0.6));
    CHECK(sip[who]["recall"].get<double>() == Approx(1.0));
  }
  CHECK(j["all"]["theme"] == "all");
  CHECK(j["all"]["answer_level"] == a);
}

TEST_CASE("agreement lists the answers where the coders differ, with source and question") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  const std::vector<json> m = double_coding(store);
  const json j = agreement_json(store, {"--coders", "anna,bo"});
  REQUIRE(j["differences"].size() == 2);
  const json& d2 = j["differences"][0];
  CHECK(d2["answer_id"] == m[1]["answer_id"]);
  CHECK(d2["source"] == m[1]["source"]);
  CHECK(d2["question"].is_string());
  CHECK(d2["theme"] == "sip");
  CHECK(d2["a"] == true);
  CHECK(d2["b"] == false);
  const json& d4 = j["differences"][1];
  CHECK(d4["answer_id"] == m[3]["answer_id"]);
  CHECK(d4["a"] == false);
  CHECK(d4["b"] == true);
  // Every theme has a row; the themes the two did not both code are left
  // out, so the pooled row is sip's alone.
  CHECK(j["themes"].size() > 1);
  for (const json& t : j["themes"]) CHECK(t["reviewed_by_both"] == (t["theme"] == "sip"));
  CHECK(j["all"]["answer_level"]["units"] == 5);
}

TEST_CASE("agreement prints a Swedish table with percent, kappa and the differing answers") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  const std::vector<json> m = double_coding(store);
  RunResult r = agreement(store, {"--coders", "anna,bo", "--theme", "sip"});
  INFO(r);
  REQUIRE(r.status == 0);
  for (const char* heading : {"Överensstämmelse mellan kodarna anna och bo", "Svarsnivå", "Tema", "Svar", "Båda",
                              "Bara anna", "Bara bo", "Överensstämmelse", "Cohens κ", "Segmentnivå",
                              "Lexikonet mot kodarna", "Precision mot anna", "Täckning mot bo",
                              "Svar där kodarna skiljer sig (2)", "Alla teman"})
    CHECK(contains(r.out, heading));
  CHECK(contains(r.out, "Enheter: 5 svar som båda kodarna har granskat"));
  CHECK(contains(r.out, "1 svar som bara anna har granskat"));
  CHECK(contains(r.out, "60,0 %"));
  CHECK(contains(r.out, "0,17"));
  CHECK(contains(r.out, "66,7 %"));
  CHECK(contains(r.out, m[1]["answer_id"].get<std::string>()));
  CHECK_FALSE(contains(r.out, "nan"));
}

TEST_CASE("agreement says kappa is undefined when both coders judge every answer the same way") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  const std::vector<json> m = double_coding(store);
  // Both code trygg_hemgang in every unit (the answers of m1..m5).
  for (std::size_t i = 0; i < 5; ++i)
    for (const char* coder : {"anna", "bo"})
      ok(as_coder({"code", "add", "--answer", m[i]["answer_id"].get<std::string>(), "--start",
                   std::to_string(m[i]["text_start"].get<std::size_t>()), "--end",
                   std::to_string(m[i]["text_end"].get<std::size_t>()), "--code", "trygg hemgång"},
                  store, coder));
  const json j = agreement_json(store, {"--coders", "anna,bo", "--theme", "trygg_hemgang"});
  const json& a = j["themes"][0]["answer_level"];
  CHECK(a["both"] == 5);
  CHECK(a["percent_agreement"].get<double>() == Approx(100));
  CHECK(a["kappa"].is_null());
  CHECK(a["kappa_undefined"] == "expected agreement is 1");
  RunResult r = agreement(store, {"--coders", "anna,bo", "--theme", "trygg_hemgang"});
  INFO(r);
  CHECK(contains(r.out, "odefinierat"));
  CHECK_FALSE(contains(r.out, "nan"));
}

TEST_CASE("agreement leaves out a theme one of the coders never coded, and says so") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  double_coding(store);
  const json j = agreement_json(store, {"--coders", "anna,bo", "--theme", "trygg_hemgang"});
  CHECK(j["themes"][0]["reviewed_by_both"] == false);
  CHECK(j["themes"][0]["answer_level"]["units"] == 0);
  RunResult r = agreement(store, {"--coders", "anna,bo", "--theme", "trygg_hemgang"});
  INFO(r);
  CHECK(contains(r.out, "ej granskat av båda"));
}

TEST_CASE("agreement --overlap 100 still matches identical segments") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  double_coding(store);
  const json j = agreement_json(store, {"--coders", "anna,bo", "--theme", "sip", "--overlap", "100"});
  CHECK(j["min_overlap_percent"] == 100.0);
  CHECK(j["themes"][0]["segment_level"]["a_agreeing"] == 2);
}

TEST_CASE("agreement --format csv has a header and one line per theme and the pooled row") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  double_coding(store);
  RunResult r = agreement(store, {"--coders", "anna,bo", "--theme", "sip", "--format", "csv"});
  INFO(r);
  REQUIRE(r.status == 0);
  CHECK(r.out.rfind("theme,label,units,both,only_a,only_b,neither,percent_agreement,", 0) == 0);
  CHECK(contains(r.out, "\r\nsip,SIP,5,2,1,1,1,60"));
  CHECK(contains(r.out, "\r\nall,Alla teman,5,2,1,1,1,60"));
}

TEST_CASE("agreement refuses a coder without codings and lists the coders who have some") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  double_coding(store);
  RunResult r = agreement(store, {"--coders", "anna,cilla"});
  INFO(r);
  CHECK(r.status == 2);
  CHECK(contains(r.err, "coder cilla has no codings"));
  CHECK(contains(r.err, "coders with codings: anna, bo"));
}

TEST_CASE("agreement refuses the same coder twice and a --coders that is not two names") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  RunResult same = agreement(store, {"--coders", "anna,anna"});
  CHECK(same.status == 2);
  CHECK(contains(same.err, "names anna twice"));
  for (const char* bad : {"anna", "anna,", ",bo", "anna,bo,cilla"}) {
    RunResult r = agreement(store, {"--coders", bad});
    INFO(bad << ": " << r);
    CHECK(r.status == 2);
    CHECK(contains(r.err, "two names separated by one comma"));
  }
  RunResult missing = agreement(store, {});
  CHECK(missing.status == 2);
  CHECK(contains(missing.err, "missing --coders"));
}

TEST_CASE("agreement refuses when no answer was reviewed by both coders") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  const std::vector<json> m = lone_sip_mentions();
  ok(as_coder({"code", "accept", m[0]["id"].get<std::string>()}, store, "anna"));
  ok(as_coder({"code", "accept", m[1]["id"].get<std::string>()}, store, "bo"));
  RunResult r = agreement(store, {"--coders", "anna,bo"});
  INFO(r);
  CHECK(r.status == 2);
  CHECK(contains(r.err, "no answer was reviewed by both anna and bo (1 only by anna, 1 only by bo)"));
}

TEST_CASE("codings gold writes a coder's reviewed codings that eval reads, scoped to the answers reviewed") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  const std::vector<json> m = double_coding(store);
  const std::string gold = tmp / "anna.jsonl";
  RunResult w = run({"codings", "gold", "--coder", "anna", "--output", gold, "--index", seed_index(), "--codings",
                     store});
  INFO(w);
  REQUIRE(w.status == 0);
  CHECK(contains(w.out, "4 mentions in 6 answers reviewed by anna"));
  const std::vector<json> lines = parse_jsonl(read_file(gold));
  std::size_t scopes = 0, mentions = 0;
  for (const json& l : lines) {
    if (l.contains("scope")) ++scopes;
    else {
      ++mentions;
      CHECK(l["theme"] == "sip");
      CHECK(l["text"].is_string());
    }
  }
  CHECK(mentions == 4);
  CHECK(scopes >= 1);
  CHECK(scopes <= 6);

  // The lexicon against anna: her 4 accepted mentions are found (TP), the 2
  // she rejected are false positives; nothing is missed.
  RunResult e = run({"eval", "--gold", gold, "--json"});
  INFO(e);
  REQUIRE(e.status == 0);
  const json report = json::parse(e.out);
  CHECK(report["gold_mentions"] == 4);
  const json sip = sip_row(report);
  CHECK(sip["mention"]["tp"] == 4);
  CHECK(sip["mention"]["fp"] == 2);
  CHECK(sip["mention"]["fn"] == 0);
  CHECK(sip["mention"]["precision"].get<double>() == Approx(4.0 / 6));
  CHECK(sip["mention"]["recall"].get<double>() == Approx(1.0));
  CHECK(sip["answer"]["tp"] == 4);
  CHECK(sip["answer"]["fp"] == 2);
}

TEST_CASE("codings gold names the themes the coder coded, and eval --theme scores only those") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  double_coding(store);
  const std::string gold = tmp / "anna.jsonl";
  RunResult w = run({"codings", "gold", "--coder", "anna", "--output", gold, "--index", seed_index(), "--codings",
                     store});
  INFO(w);
  REQUIRE(w.status == 0);
  CHECK(contains(w.out, "on the themes anna coded, with: analyzer eval --gold " + gold + " --theme sip --base "));
  RunResult e = run({"eval", "--gold", gold, "--theme", "SIP", "--json"});
  INFO(e);
  REQUIRE(e.status == 0);
  const json report = json::parse(e.out);
  REQUIRE(report["systems"][0]["themes"].size() == 1);
  CHECK(report["systems"][0]["themes"][0]["theme"] == "sip");
  RunResult unknown = run({"eval", "--gold", gold, "--theme", "sipp"});
  CHECK(unknown.status == 2);
}

TEST_CASE("codings gold takes a bo's manual coding as a mention at the mention's place") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  const std::vector<json> m = double_coding(store);
  const std::string gold = tmp / "bo.jsonl";
  ok(run({"codings", "gold", "--coder", "bo", "--output", gold, "--index", seed_index(), "--codings", store}));
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  for (const json& l : parse_jsonl(read_file(gold)))
    if (!l.contains("scope")) spans.push_back({l["start"], l["end"]});
  // bo: X1 and X5 accepted, X4 coded by hand over m4's text.
  REQUIRE(spans.size() == 3);
  const std::pair<std::size_t, std::size_t> m4{m[3]["start"], m[3]["end"]};
  CHECK(std::find(spans.begin(), spans.end(), m4) != spans.end());
  RunResult e = run({"eval", "--gold", gold, "--json"});
  INFO(e);
  REQUIRE(e.status == 0);
  const json report = json::parse(e.out);
  const json sip = sip_row(report);
  CHECK(sip["mention"]["tp"] == 3);
  CHECK(sip["mention"]["fp"] == 2);  // m2 and m3, which bo rejected
  CHECK(sip["mention"]["fn"] == 0);
}

TEST_CASE("codings gold refuses a coder without codings and needs --output") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  double_coding(store);
  RunResult none = run({"codings", "gold", "--coder", "cilla", "--output", tmp / "x.jsonl", "--index", seed_index(),
                        "--codings", store});
  CHECK(none.status == 2);
  CHECK(contains(none.err, "coder cilla has no codings"));
  CHECK(contains(none.err, "anna, bo"));
  RunResult no_output = run({"codings", "gold", "--coder", "anna", "--index", seed_index(), "--codings", store});
  CHECK(no_output.status == 2);
  CHECK(contains(no_output.err, "missing --output"));
}

TEST_CASE("agreement takes record filters: --source keeps the units of that file only") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  const std::vector<json> m = double_coding(store);
  const std::string source = m[0]["source"];
  std::size_t units = 0;
  for (std::size_t i = 0; i < 5; ++i) units += m[i]["source"] == source;
  const json j = agreement_json(store, {"--coders", "anna,bo", "--theme", "sip", "--source", source});
  CHECK(j["units"] == units);
  CHECK(j["themes"][0]["answer_level"]["units"] == units);
}

TEST_CASE("agreement refuses an unknown theme") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  double_coding(store);
  RunResult r = agreement(store, {"--coders", "anna,bo", "--theme", "inget_sådant_tema"});
  INFO(r);
  CHECK(r.status == 2);
  CHECK(contains(r.err, "--theme"));
}
