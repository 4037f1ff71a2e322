// End-to-end tests of the coding commands through build/bin/analyzer:
// `code accept|reject|add|remove`, `codes`, `codings list`, and the `id` of
// `mentions --json`, on corpora/'s seeds ingested once into a temporary
// index, each test with a coding store of its own.

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <set>

#include "coding_cli_support.hpp"

using namespace cli;

namespace {

// `analyzer ARGS... --index <seeds> --codings STORE --coder anna`.
RunResult code(std::vector<std::string> args, const std::string& store, const std::string& coder = "anna") {
  for (const std::string& extra : {std::string("--index"), seed_index(), std::string("--codings"), store,
                                   std::string("--coder"), coder})
    args.push_back(extra);
  return run(args);
}

json first_mention(const std::string& theme) {
  std::vector<json> rows = list_jsonl("mentions", seed_index(), {"--theme", theme});
  REQUIRE_FALSE(rows.empty());
  return rows[0];
}

json answer_with_id(const std::string& id) {
  for (const json& a : answers(seed_index()))
    if (a["id"] == id) return a;
  FAIL("no answer " << id);
  return {};
}

// An answer whose text holds a two-byte character ("å", "ä", "ö"), and the
// offset of that character's second byte.
std::pair<json, std::size_t> answer_with_swedish_letter() {
  for (const json& a : answers(seed_index())) {
    const std::string text = a["text"];
    const std::size_t at = text.find("\xC3");
    if (at != std::string::npos && at > 0) return {a, at + 1};
  }
  FAIL("no answer with a Swedish letter");
  return {};
}

}  // namespace

TEST_CASE("mentions --json gives every mention an id, unique and the same on every run") {
  std::vector<json> first = list_jsonl("mentions", seed_index(), {});
  std::vector<json> again = list_jsonl("mentions", seed_index(), {});
  REQUIRE_FALSE(first.empty());
  REQUIRE(first.size() == again.size());
  std::set<std::string> ids;
  for (std::size_t i = 0; i < first.size(); ++i) {
    REQUIRE(first[i]["id"].is_string());
    CHECK(first[i]["id"].get<std::string>().size() == 16);
    CHECK(first[i]["id"] == again[i]["id"]);
    ids.insert(first[i]["id"].get<std::string>());
  }
  CHECK(ids.size() == first.size());
}

TEST_CASE("code accept stores a decision on a mention with its answer, span, quote and coder") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  const json m = first_mention("sip");
  RunResult r = code({"code", "accept", m["id"].get<std::string>(), "--memo", "tydligt SIP"}, store);
  INFO(r);
  REQUIRE(r.status == 0);
  CHECK(contains(r.out, "accepted mention " + m["id"].get<std::string>() + " (sip) as coding 1"));
  std::vector<json> rows = codings_json(store);
  REQUIRE(rows.size() == 1);
  const json& c = rows[0];
  CHECK(c["id"] == 1);
  CHECK(c["kind"] == "accepted");
  CHECK(c["theme"] == "sip");
  CHECK(c["code"].is_null());
  CHECK(c["mention_id"] == m["id"]);
  CHECK(c["answer_id"] == m["answer_id"]);
  CHECK(c["source"] == m["source"]);
  CHECK(c["source_sha256"].get<std::string>().size() == 64);
  CHECK(c["start"] == m["start"]);
  CHECK(c["end"] == m["end"]);
  CHECK(c["text_start"] == m["text_start"]);
  const std::string text = answer_with_id(m["answer_id"])["text"];
  const std::size_t ts = c["text_start"], te = c["text_end"];
  CHECK(c["quote"] == text.substr(ts, te - ts));
  CHECK(c["coder"] == "anna");
  CHECK(c["memos"] == json::array({"tydligt SIP"}));
  CHECK(c["orphaned"] == false);
  CHECK(c["removed"].is_null());
}

TEST_CASE("code reject after accept replaces the coder's decision and keeps the old one, removed") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  const std::string id = first_mention("mobila_team")["id"];
  REQUIRE(code({"code", "accept", id}, store).status == 0);
  RunResult again = code({"code", "accept", id}, store);
  CHECK(contains(again.out, "was accepted by anna already (coding 1)"));
  RunResult r = code({"code", "reject", id}, store);
  INFO(r);
  REQUIRE(r.status == 0);
  CHECK(contains(r.out, "(replaces coding 1)"));
  std::vector<json> live = codings_json(store);
  REQUIRE(live.size() == 1);
  CHECK(live[0]["kind"] == "rejected");
  std::vector<json> all = codings_json(store, {"--include-removed"});
  REQUIRE(all.size() == 2);
  CHECK(all[0]["removed_by"] == "anna");
}

TEST_CASE("code accept of an unknown mention id exits 2 and names where ids come from") {
  TempDir tmp;
  RunResult r = code({"code", "accept", "0000000000000000"}, tmp / "codings.sqlite");
  CHECK(r.status == 2);
  CHECK(contains(r.err, "no mention in"));
  CHECK(contains(r.err, "mentions --json"));
}

TEST_CASE("code add codes a span of an answer with a theme label or an own code, with a memo") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  const json a = answers(seed_index())[0];
  const std::string text = a["text"];
  const std::size_t end = std::min<std::size_t>(text.size(), 12);
  REQUIRE(end > 0);
  RunResult by_label = code({"code", "add", "--answer", a["id"], "--start", "0", "--end", std::to_string(end),
                             "--code", "SIP", "--memo", "saknad av lexikonet"},
                            store);
  INFO(by_label);
  REQUIRE(by_label.status == 0);
  REQUIRE(code({"codes", "add", "Väntetider", "--description", "Tid till vård"}, store).status == 0);
  RunResult own = code({"code", "add", "--answer", a["id"], "--start", "0", "--end", std::to_string(end), "--code",
                        "Väntetider"},
                       store, "bertil");
  INFO(own);
  REQUIRE(own.status == 0);
  std::vector<json> rows = codings_json(store);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0]["kind"] == "manual");
  CHECK(rows[0]["theme"] == "sip");
  CHECK(rows[0]["mention_id"].is_null());
  CHECK(rows[0]["start"].is_null());
  CHECK(rows[0]["memos"] == json::array({"saknad av lexikonet"}));
  CHECK(rows[1]["theme"].is_null());
  CHECK(rows[1]["code"] == "Väntetider");
  CHECK(rows[1]["coder"] == "bertil");
  CHECK(codings_json(store, {"--coder", "bertil"}).size() == 1);
  CHECK(codings_json(store, {"--theme", "sip"}).size() == 1);
}

TEST_CASE("code add refuses a span outside the answer with the answer's length") {
  TempDir tmp;
  const json a = answers(seed_index())[0];
  const std::size_t size = a["text"].get<std::string>().size();
  RunResult r = code({"code", "add", "--answer", a["id"], "--start", "0", "--end", std::to_string(size + 1),
                      "--code", "sip"},
                     tmp / "codings.sqlite");
  CHECK(r.status == 2);
  CHECK(contains(r.err, "is outside answer"));
  CHECK(contains(r.err, "whose text has " + std::to_string(size) + " bytes"));
  RunResult backwards = code({"code", "add", "--answer", a["id"], "--start", "5", "--end", "5", "--code", "sip"},
                             tmp / "codings.sqlite");
  CHECK(backwards.status == 2);
  CHECK_FALSE(fs::exists(tmp / "codings.sqlite"));  // refused before the store was opened
}

TEST_CASE("code add refuses a span that splits a UTF-8 character") {
  TempDir tmp;
  const auto [a, inside] = answer_with_swedish_letter();
  RunResult r = code({"code", "add", "--answer", a["id"], "--start", std::to_string(inside), "--end",
                      std::to_string(inside + 3), "--code", "sip"},
                     tmp / "codings.sqlite");
  CHECK(r.status == 2);
  CHECK(contains(r.err, "--start " + std::to_string(inside) + " splits a UTF-8 character"));
  CHECK(contains(r.err, "starts at byte " + std::to_string(inside - 1)));
}

TEST_CASE("code add with an unknown code exits 2 and lists the themes and own codes") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  REQUIRE(code({"codes", "add", "Väntetider"}, store).status == 0);
  const json a = answers(seed_index())[0];
  RunResult r = code({"code", "add", "--answer", a["id"], "--start", "0", "--end", "1", "--code", "okänd"}, store);
  CHECK(r.status == 2);
  CHECK(contains(r.err, "no theme or own code is named \"okänd\""));
  CHECK(contains(r.err, "sip"));
  CHECK(contains(r.err, "mobila_team"));
  CHECK(contains(r.err, "\"Väntetider\""));
  CHECK(codings_json(store).empty());
}

TEST_CASE("code add of an unknown answer exits 2") {
  TempDir tmp;
  RunResult r = code({"code", "add", "--answer", "nope", "--start", "0", "--end", "1", "--code", "sip"},
                     tmp / "codings.sqlite");
  CHECK(r.status == 2);
  CHECK(contains(r.err, "no answer in"));
}

TEST_CASE("code remove marks a coding removed, removing it again exits 2") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  REQUIRE(code({"code", "accept", first_mention("sip")["id"]}, store).status == 0);
  RunResult r = code({"code", "remove", "1"}, store, "bertil");
  INFO(r);
  REQUIRE(r.status == 0);
  CHECK(codings_json(store).empty());
  std::vector<json> all = codings_json(store, {"--include-removed"});
  REQUIRE(all.size() == 1);
  CHECK(all[0]["removed_by"] == "bertil");
  RunResult twice = code({"code", "remove", "1"}, store);
  CHECK(twice.status == 2);
  CHECK(contains(twice.err, "removed already"));
  CHECK(code({"code", "remove", "x"}, store).status == 2);
}

TEST_CASE("codes add, rename and move build the codebook tree that codes list shows") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  REQUIRE(code({"codes", "add", "Samverkan", "--description", "Mellan aktörer"}, store).status == 0);
  REQUIRE(code({"codes", "add", "Journal", "--parent", "Samverkan"}, store).status == 0);
  REQUIRE(code({"codes", "rename", "Journal", "Journalsystem"}, store).status == 0);
  RunResult table = code({"codes", "list"}, store);
  CHECK(table.out == "Samverkan  — Mellan aktörer\n  Journalsystem\n2 own codes\n");
  RunResult cycle = code({"codes", "move", "Samverkan", "--parent", "Journalsystem"}, store);
  CHECK(cycle.status == 2);
  CHECK(contains(cycle.err, "one of its own subcodes"));
  REQUIRE(code({"codes", "move", "Journalsystem"}, store).status == 0);
  std::vector<json> rows = parse_jsonl(code({"codes", "list", "--json"}, store).out);
  REQUIRE(rows.size() == 2);
  CHECK(rows[1]["name"] == "Journalsystem");
  CHECK(rows[1]["parent"].is_null());
  CHECK(code({"codes", "add", "Samverkan"}, store).status == 2);
  CHECK(code({"codes", "delete", "Samverkan"}, store).status == 2);
}

TEST_CASE("codings list --format csv has a header and one row per coding") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  REQUIRE(code({"code", "accept", first_mention("sip")["id"]}, store).status == 0);
  RunResult r = run({"codings", "list", "--format", "csv", "--index", seed_index(), "--codings", store});
  INFO(r);
  REQUIRE(r.status == 0);
  CHECK(r.out.rfind("id,kind,theme,code,mention_id,answer_id,source,source_sha256,text_start,text_end,start,end,"
                    "quote,orphaned,coder,created,removed,removed_by,memos\r\n",
                    0) == 0);
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 2);
}

TEST_CASE("codings list --theme takes a theme's id or label, or an own code, and refuses any other name with exit 2") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  REQUIRE(code({"code", "accept", first_mention("sip")["id"]}, store).status == 0);
  auto list = [&](const std::string& theme) {
    return run({"codings", "list", "--format", "json", "--theme", theme, "--index", seed_index(), "--codings", store});
  };
  CHECK(parse_jsonl(list("SIP").out).size() == 1);  // the label, any case
  RunResult r = list("sipp");
  INFO(r);
  CHECK(r.status == 2);
  CHECK(contains(r.err, "no theme or own code is named \"sipp\"; themes: "));
}

TEST_CASE("the default store is codings.sqlite beside the index") {
  TempDir tmp;
  const std::string index = tmp / "idx";
  write_file(tmp / "in/svar.txt", "Fråga 1: Har ni SIP?\nSvar: Ja, vi har SIP-möten varje vecka.\n");
  REQUIRE(run({"ingest", "--index", index, tmp / "in"}).status == 0);
  const std::string id = list_jsonl("mentions", index, {})[0]["id"];
  RunResult r = run({"code", "accept", id, "--index", index, "--coder", "anna"});
  INFO(r);
  REQUIRE(r.status == 0);
  CHECK(fs::exists(tmp / "codings.sqlite"));
}

TEST_CASE("codings survive a re-ingest: a moved quote is re-anchored, a deleted one is kept as orphaned") {
  TempDir tmp;
  const std::string index = tmp / "idx", store = tmp / "codings.sqlite", file = tmp / "in/svar.txt";
  write_file(file, "Rapport 2023\n\n1 Samverkan\n\nVi har SIP med kommunen. Mobila team besöker de äldre.\n");
  REQUIRE(run({"ingest", "--index", index, tmp / "in"}).status == 0);
  std::vector<json> mentions = list_jsonl("mentions", index, {});
  REQUIRE(mentions.size() == 2);
  auto args = [&](std::vector<std::string> a) {
    for (const std::string& s : {std::string("--index"), index, std::string("--codings"), store,
                                 std::string("--coder"), std::string("anna")})
      a.push_back(s);
    return a;
  };
  REQUIRE(run(args({"code", "accept", mentions[0]["id"]})).status == 0);
  REQUIRE(run(args({"code", "accept", mentions[1]["id"]})).status == 0);
  // Text added before both; the mobila team sentence deleted.
  write_file(file, "Rapport 2023\n\n1 Samverkan\n\nSedan i våras har vi SIP med kommunen.\n");
  REQUIRE(run({"ingest", "--index", index, tmp / "in"}).status == 0);
  RunResult r = run({"codings", "list", "--format", "json", "--index", index, "--codings", store});
  INFO(r);
  REQUIRE(r.status == 0);
  CHECK(contains(r.err, "1 moved, 1 orphaned"));
  std::vector<json> rows = parse_jsonl(r.out);
  REQUIRE(rows.size() == 2);
  const std::string text = list_jsonl("answers", index, {})[0]["text"];
  const std::size_t ts = rows[0]["text_start"], te = rows[0]["text_end"];
  CHECK(text.substr(ts, te - ts) == "SIP");
  CHECK(rows[0]["orphaned"] == false);
  CHECK(rows[0]["mention_id"] == list_jsonl("mentions", index, {})[0]["id"]);  // the mention now there
  CHECK(rows[1]["orphaned"] == true);
  CHECK(rows[1]["quote"] == "Mobila team");
  // Listing again finds nothing new to re-anchor.
  RunResult again = run({"codings", "list", "--index", index, "--codings", store});
  CHECK_FALSE(contains(again.err, "re-anchored"));
  CHECK(contains(again.out, "(orphaned)"));
}

// From a user trial: anna and bo each rejected the SIP of "SIP nämns som
// verktyg" in a seed and accepted the next SIP of the file, 2.2 KB on in the
// same answer; the sentence became "Planer nämns som verktyg". The
// rejections used to move onto the accepted SIP ("4 moved, 0 orphaned").
TEST_CASE("a rejected mention whose word was edited away is orphaned, never moved onto a mention its coder "
          "accepted") {
  TempDir tmp;
  const std::string corpora = copy_of_corpora(tmp), index = tmp / "idx", store = tmp / "codings.sqlite";
  const std::string file = "000_3242b6e7501bd5d8.txt";
  REQUIRE(run({"ingest", "--index", index, corpora}).status == 0);
  std::map<std::string, std::string> text_of;
  for (const json& a : answers(index))
    if (a["source"] == file) text_of[a["id"]] = a["text"];
  const std::vector<json> sips = list_jsonl("mentions", index, {"--theme", "sip"});
  const std::string sentence = "SIP nämns som verktyg";
  const json* rejected = nullptr;
  for (const json& m : sips)
    if (m["source"] == file &&
        text_of[m["answer_id"]].compare(m["text_start"].get<std::size_t>(), sentence.size(), sentence) == 0)
      rejected = &m;
  REQUIRE(rejected);
  const json* accepted = nullptr;  // the next SIP of the file
  for (const json& m : sips)
    if (m["source"] == file && m["start"] > (*rejected)["start"] && (!accepted || m["start"] < (*accepted)["start"]))
      accepted = &m;
  REQUIRE(accepted);
  for (const std::string coder : {"anna", "bo"}) {
    for (auto [verb, m] : {std::pair{"accept", accepted}, std::pair{"reject", rejected}}) {
      RunResult r = run({"code", verb, (*m)["id"], "--index", index, "--codings", store, "--coder", coder});
      INFO(r);
      REQUIRE(r.status == 0);
    }
  }
  replace_in_file(corpora + "/" + file, "SIP nämns som verktyg", "Planer nämns som verktyg");
  REQUIRE(run({"ingest", "--index", index, corpora}).status == 0);
  RunResult r = run({"codings", "list", "--format", "json", "--index", index, "--codings", store});
  INFO(r);
  REQUIRE(r.status == 0);
  CHECK(contains(r.err, "2 moved, 2 orphaned"));  // the accepted ones: 3 bytes on
  const std::vector<json> rows = parse_jsonl(r.out);
  REQUIRE(rows.size() == 4);
  const std::vector<json> now = list_jsonl("mentions", index, {"--theme", "sip"});
  std::set<std::pair<std::string, std::string>> decided;  // (coder, mention id) of placed decisions
  for (const json& c : rows) {
    INFO(c.dump());
    CHECK(c["orphaned"] == (c["kind"] == "rejected"));
    if (c["orphaned"] == true) continue;
    const bool first_on_mention =
        decided.emplace(c["coder"].get<std::string>(), c["mention_id"].get<std::string>()).second;
    CHECK(first_on_mention);
    // Its text and file offsets are the mention's now, never left stale.
    CHECK(c["start"] == (*accepted)["start"].get<std::size_t>() + 3);
    const auto same = std::find_if(now.begin(), now.end(), [&](const json& m) {
      return m["answer_id"] == c["answer_id"] && m["text_start"] == c["text_start"];
    });
    REQUIRE(same != now.end());
    CHECK(c["mention_id"] == (*same)["id"]);
    CHECK(c["start"] == (*same)["start"]);
    CHECK(c["end"] == (*same)["end"]);
  }
}

TEST_CASE("a store written by a newer schema version is refused with exit 3 and the version named") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  REQUIRE(code({"codes", "add", "A"}, store).status == 0);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(store.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "PRAGMA user_version = 5", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  RunResult r = code({"codes", "list"}, store);
  CHECK(r.status == 3);
  CHECK(contains(r.err, store));
  CHECK(contains(r.err, "schema version 5"));
}

TEST_CASE("a store locked by another process: the command waits, then exits 3 naming the file") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  REQUIRE(code({"codes", "add", "A"}, store).status == 0);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(store.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
  RunResult r = code({"codes", "add", "B"}, store);
  sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  CHECK(r.status == 3);
  CHECK(contains(r.err, store));
  CHECK(contains(r.err, "locked by another process"));
  CHECK(code({"codes", "add", "B"}, store).status == 0);  // free again
}

TEST_CASE("code, codes and codings print their help") {
  for (const char* command : {"code", "codes", "codings"}) {
    RunResult r = run({command, "--help"});
    INFO(command);
    CHECK(r.status == 0);
    CHECK(contains(r.out, std::string("Usage: analyzer ") + command));
    CHECK(contains(r.out, "--codings FILE"));
  }
}

TEST_CASE("a memo over 64 KB or not UTF-8 is refused before anything is stored") {
  TempDir tmp;
  const std::string store = tmp / "codings.sqlite";
  const std::string id = first_mention("sip")["id"];
  RunResult long_memo = code({"code", "accept", id, "--memo", std::string(64 * 1024 + 1, 'x')}, store);
  CHECK(long_memo.status == 2);
  CHECK(contains(long_memo.err, "--memo takes at most 65536 bytes, not 65537"));
  RunResult latin1 = code({"code", "accept", id, "--memo", "f\xf6r"}, store);
  CHECK(latin1.status == 2);
  CHECK(contains(latin1.err, "--memo is not valid UTF-8: byte 1"));
  CHECK_FALSE(fs::exists(store));
}
