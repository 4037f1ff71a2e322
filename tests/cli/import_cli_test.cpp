// End-to-end tests of `analyzer import FILE.qdpx` through build/bin/analyzer
// on corpora/'s seeds: a project in the exact shape the REFI-QDA conventions
// of issue 16 give for an analyzer export (one TextSource per part of the
// index, its text in sources/<guid>.txt, stable GUIDs for users, codes and
// selections) is built here from the index itself, zipped with libzip, and
// imported; then each bad file is refused with the store left as it was.

#include <catch2/catch.hpp>

#include <map>

#include "../support/zip_builder.hpp"
#include "analyzer/cli/coding_context.hpp"
#include "analyzer/core/mention_id.hpp"
#include "analyzer/core/utf8.hpp"
#include "analyzer/exchange/part_text.hpp"
#include "analyzer/exchange/refi_guid.hpp"
#include "analyzer/mask/personal_data.hpp"
#include "cli_support.hpp"
#include "coding_cli_support.hpp"

using namespace cli;
using analyzer::ByteSpan;
using analyzer::exchange::stable_guid;

namespace {

// The index as export sees it: its answers and the part texts.
struct Seeds {
  analyzer::cli::IndexView view;
  std::vector<analyzer::exchange::PartText> parts;
};

const Seeds& seeds() {
  static const Seeds s = [] {
    auto reader = analyzer::IndexReader::open(seed_index());
    if (!reader.ok()) throw std::runtime_error("cannot open the seeds' index");
    Seeds out;
    out.view = analyzer::cli::view_of(*reader.value());
    analyzer::PersonalDataMasker masker(out.view.contact_names);
    out.parts = analyzer::exchange::compose_part_texts(out.view.answers, masker);
    return out;
  }();
  return s;
}

std::string esc(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else if (c == '"') out += "&quot;";
    else if (c == '\r') out += "&#13;";
    else out += c;
  }
  return out;
}

std::string source_guid(const analyzer::exchange::PartText& p) {
  return stable_guid("source", p.source + "#" + std::to_string(p.part));
}

// One PlainTextSelection as export writes it.
struct Sel {
  std::string key;          // "auto:<mention>" or "coding:<id>"
  std::size_t part = 0;     // index into seeds().parts
  std::int64_t start = 0, end = 0;
  std::string user;         // coder name, or "analyzer:lexicon"
  std::string description;
  std::string code_guid;    // empty: no Coding (a rejected decision)
  std::vector<std::string> note_keys;
};

struct Note {
  std::string key, text;
};

const std::string kCreated = "2026-12-01T10:00:00Z";

// The project.qde of an export of the seeds with `selections` and `notes`.
std::string project_qde(const std::vector<Sel>& selections, const std::vector<Note>& notes,
                        const std::vector<std::string>& themes) {
  std::string x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                  "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"analyzer: index\" origin=\"analyzer 0.1\">\n";
  x += "<Users>";
  for (const std::string u : {"anna", "bo"})
    x += "<User guid=\"" + stable_guid("user", u) + "\" name=\"" + u + "\"/>";
  x += "<User guid=\"" + stable_guid("user", "analyzer:lexicon") + "\" name=\"analyzer (lexikon)\"/></Users>\n";
  x += "<CodeBook><Codes>";
  for (const std::string& t : themes)
    x += "<Code guid=\"" + stable_guid("code", "theme:" + t) + "\" name=\"" + t +
         "\" isCodable=\"true\"><Description>tema</Description></Code>";
  x += "<Code guid=\"" + stable_guid("code", "own:1") + "\" name=\"Trygghet\" isCodable=\"true\">"
       "<Code guid=\"" + stable_guid("code", "own:2") + "\" name=\"Oro\" isCodable=\"true\"/></Code>";
  x += "</Codes></CodeBook>\n";
  x += "<Variables><Variable guid=\"" + stable_guid("variable", "År") +
       "\" name=\"År\" typeOfVariable=\"Integer\"/></Variables>\n<Sources>\n";
  const auto& parts = seeds().parts;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string g = source_guid(parts[i]);
    x += "<TextSource guid=\"" + g + "\" name=\"" + esc(parts[i].source) + "\" plainTextPath=\"internal://" + g + ".txt\">";
    for (const Sel& s : selections) {
      if (s.part != i) continue;
      const std::string sg = stable_guid("selection", s.key);
      const std::string user = stable_guid("user", s.user);
      x += "<PlainTextSelection guid=\"" + sg + "\" name=\"q\" startPosition=\"" + std::to_string(s.start) +
           "\" endPosition=\"" + std::to_string(s.end) + "\" creatingUser=\"" + user + "\" creationDateTime=\"" +
           kCreated + "\">";
      if (!s.description.empty()) x += "<Description>" + esc(s.description) + "</Description>";
      if (!s.code_guid.empty())
        x += "<Coding guid=\"" + stable_guid("coding", s.key) + "\" creatingUser=\"" + user + "\"><CodeRef targetGUID=\"" +
             s.code_guid + "\"/></Coding>";
      for (const std::string& n : s.note_keys) x += "<NoteRef targetGUID=\"" + stable_guid("note", n) + "\"/>";
      x += "</PlainTextSelection>";
    }
    if (parts[i].respondent.year)
      x += "<VariableValue><VariableRef targetGUID=\"" + stable_guid("variable", "År") + "\"/><IntegerValue>" +
           std::to_string(*parts[i].respondent.year) + "</IntegerValue></VariableValue>";
    x += "</TextSource>\n";
  }
  x += "</Sources>\n";
  if (!notes.empty()) {
    x += "<Notes>";
    for (const Note& n : notes)
      x += "<Note guid=\"" + stable_guid("note", n.key) + "\" name=\"memo\"><PlainTextContent>" + esc(n.text) +
           "</PlainTextContent></Note>";
    x += "</Notes>\n";
  }
  return x + "</Project>\n";
}

// The members of a .qdpx: project.qde and every part's text.
std::vector<std::pair<std::string, std::string>> members_of(const std::string& qde) {
  std::vector<std::pair<std::string, std::string>> m{{"project.qde", qde}};
  for (const auto& p : seeds().parts) m.push_back({"sources/" + source_guid(p) + ".txt", p.text});
  return m;
}

// Where answer `a`'s bytes [b, e) stand in its part: the part's index and code points.
std::tuple<std::size_t, std::int64_t, std::int64_t> place_of(const analyzer::AnswerRecord& a, ByteSpan bytes) {
  const auto& parts = seeds().parts;
  for (std::size_t i = 0; i < parts.size(); ++i)
    if (auto cp = analyzer::exchange::to_part_positions(parts[i], a.id, bytes)) return {i, cp->start, cp->end};
  throw std::runtime_error("answer " + a.id + " is in no part");
}

// The answer's first word (its bytes): the text up to the first space.
ByteSpan first_word(const analyzer::AnswerRecord& a) {
  const std::size_t space = a.text.find(' ');
  return {0, space == std::string::npos ? a.text.size() : space};
}

// The exported project: an automatic mention, an accepted and a rejected
// decision, a manual theme coding with a memo, and a manual own coding
// (Oro under Trygghet) on a word with å, ä or ö.
struct Export {
  std::string qde;
  std::string accepted_mention, rejected_mention;
  const analyzer::AnswerRecord* theme_answer = nullptr;
  const analyzer::AnswerRecord* own_answer = nullptr;
  ByteSpan own_span;
  std::vector<std::string> themes;
};

const Export& exported() {
  static const Export e = [] {
    Export out;
    std::vector<Sel> sels;
    std::vector<const analyzer::AnswerRecord*> with_mentions;
    std::set<std::string> themes;
    for (const auto& a : seeds().view.answers) {
      if (a.text.empty()) continue;
      for (const auto& m : a.mentions) themes.insert(m.theme);
      if (!a.mentions.empty() && !a.mentions[0].in_text.empty()) with_mentions.push_back(&a);
    }
    out.themes.assign(themes.begin(), themes.end());
    if (with_mentions.size() < 3) throw std::runtime_error("the seeds have too few mentions");
    auto decision = [&](const analyzer::AnswerRecord& a, const std::string& key, const std::string& user,
                        const std::string& description, bool coded) {
      const auto& m = a.mentions[0];
      auto [part, s, e] = place_of(a, m.in_text);
      sels.push_back({key, part, s, e, user, description, coded ? stable_guid("code", "theme:" + m.theme) : "", {}});
      return analyzer::mention_id(a.id, m.theme, m.span);
    };
    decision(*with_mentions[0], "auto:1", "analyzer:lexicon", "", true);
    out.accepted_mention = analyzer::mention_id(with_mentions[1]->id, with_mentions[1]->mentions[0].theme,
                                                with_mentions[1]->mentions[0].span);
    decision(*with_mentions[1], "coding:1", "anna", "analyzer:accepted " + out.accepted_mention, true);
    const auto& rm = with_mentions[2]->mentions[0];
    out.rejected_mention = analyzer::mention_id(with_mentions[2]->id, rm.theme, rm.span);
    decision(*with_mentions[2], "coding:2", "bo", "analyzer:rejected " + out.rejected_mention + " " + rm.theme, false);
    sels.back().note_keys = {"rejected:2"};
    out.theme_answer = with_mentions[0];
    {
      auto [part, s, e] = place_of(*out.theme_answer, first_word(*out.theme_answer));
      sels.push_back({"coding:3", part, s, e, "anna", "", stable_guid("code", "theme:" + out.themes[0]), {"memo:1"}});
    }
    for (const auto& a : seeds().view.answers) {
      const std::size_t at = a.text.find("\xC3");
      if (a.text.empty() || at == std::string::npos) continue;
      const std::size_t b = a.text.rfind(' ', at) == std::string::npos ? 0 : a.text.rfind(' ', at) + 1;
      const std::size_t e = a.text.find(' ', at) == std::string::npos ? a.text.size() : a.text.find(' ', at);
      out.own_answer = &a;
      out.own_span = {b, e};
      auto [part, s, en] = place_of(a, out.own_span);
      sels.push_back({"coding:4", part, s, en, "bo", "", stable_guid("code", "own:2"), {}});
      break;
    }
    if (!out.own_answer) throw std::runtime_error("no answer with å, ä or ö");
    out.qde = project_qde(sels, {{"rejected:2", "Avvisad av bo: tema (automatisk kodning från lexikonet)"},
                                 {"memo:1", "Tydligt exempel."}},
                          out.themes);
    return out;
  }();
  return e;
}

std::string write_qdpx(const TempDir& dir, const std::vector<std::pair<std::string, std::string>>& members,
                       const std::string& name = "export.qdpx") {
  return dir.write(name, analyzer::test::zip_of(members));
}

RunResult import(const std::string& file, const std::string& store, std::vector<std::string> extra = {}, const RunIn& in = {}) {
  std::vector<std::string> args{"import", file, "--index", seed_index(), "--codings", store, "--coder", "importer"};
  args.insert(args.end(), extra.begin(), extra.end());
  return run(args, in);
}

// The rows without their store ids, to compare two stores.
std::vector<json> without_ids(std::vector<json> rows) {
  for (json& r : rows) r.erase("id");
  return rows;
}

// A store holding the exported project's codings; its path.
std::string imported_store(const TempDir& dir) {
  const std::string store = dir / "codings.sqlite";
  RunResult r = import(write_qdpx(dir, members_of(exported().qde)), store);
  INFO(r);
  REQUIRE(r.status == 0);
  return store;
}

// Imports `members` into a store with the export in it, expects the file
// refused with `reason` (exit 1) and the store as it was, to the byte.
void check_refused(const std::vector<std::pair<std::string, std::string>>& members, const std::string& reason) {
  TempDir dir;
  const std::string store = imported_store(dir);
  const std::vector<json> before = codings_json(store);
  const std::string bytes = analyzer::test::read_file(store);
  RunResult r = import(write_qdpx(dir, members, "bad.qdpx"), store);
  INFO(r);
  CHECK(r.status == 1);
  CHECK(contains(r.err, reason));
  CHECK(contains(r.err, "nothing was imported"));
  CHECK(codings_json(store) == before);
  CHECK(analyzer::test::read_file(store) == bytes);
}

std::string replaced(std::string s, const std::string& from, const std::string& to) {
  const std::size_t at = s.find(from);
  if (at == std::string::npos) throw std::runtime_error("not found: " + from);
  return s.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("an analyzer export imports into an empty store with every coding as it was exported") {
  TempDir dir;
  const std::string store = dir / "codings.sqlite";
  RunResult r = import(write_qdpx(dir, members_of(exported().qde)), store);
  INFO(r);
  REQUIRE(r.status == 0);
  CHECK(contains(r.out, "imported:       1 accepted, 1 rejected, 2 manual codings, 1 memo"));
  CHECK(contains(r.out, "automatic:      1 selection of automatic mentions"));
  CHECK(contains(r.out, "own codes:      2 created: \"Trygghet\", \"Oro\""));
  const std::vector<json> rows = codings_json(store);
  REQUIRE(rows.size() == 4);
  CHECK(rows[0]["kind"] == "accepted");
  CHECK(rows[0]["mention_id"] == exported().accepted_mention);
  CHECK(rows[0]["coder"] == "anna");
  CHECK(rows[1]["kind"] == "rejected");
  CHECK(rows[1]["mention_id"] == exported().rejected_mention);
  CHECK(rows[1]["coder"] == "bo");
  CHECK(rows[1]["memos"].empty());
  CHECK(rows[2]["kind"] == "manual");
  CHECK(rows[2]["theme"] == exported().themes[0]);
  CHECK(rows[2]["answer_id"] == exported().theme_answer->id);
  CHECK(rows[2]["text_start"] == 0);
  CHECK(rows[2]["text_end"] == first_word(*exported().theme_answer).end);
  CHECK(rows[2]["memos"] == json::array({"Tydligt exempel."}));
  CHECK(rows[3]["code"] == "Oro");
  CHECK(rows[3]["answer_id"] == exported().own_answer->id);
  CHECK(rows[3]["text_start"] == exported().own_span.begin);
  CHECK(rows[3]["text_end"] == exported().own_span.end);
  for (const json& row : rows) CHECK(row["created"] == kCreated);
  RunResult codes = run({"codes", "list", "--json", "--codings", store, "--index", seed_index()});
  const std::vector<json> tree = parse_jsonl(codes.out);
  REQUIRE(tree.size() == 2);
  CHECK(tree[1]["name"] == "Oro");
  CHECK(tree[1]["parent"] == tree[0]["id"]);
}

TEST_CASE("importing the same export again changes nothing: every coding is already there") {
  TempDir dir;
  const std::string store = imported_store(dir);
  const std::vector<json> before = codings_json(store);
  RunResult r = import(write_qdpx(dir, members_of(exported().qde), "again.qdpx"), store);
  INFO(r);
  REQUIRE(r.status == 0);
  CHECK(contains(r.out, "imported:       0 accepted, 0 rejected, 0 manual codings, 0 memos"));
  CHECK(contains(r.out, "already there:  4"));
  CHECK(contains(r.out, "own codes:      0 created"));
  CHECK(codings_json(store) == before);
}

TEST_CASE("a store made by import equals the store made by coding the same by hand, ids aside") {
  TempDir dir;
  const std::string by_hand = dir / "hand.sqlite";
  const Export& e = exported();
  auto code = [&](std::vector<std::string> args, const std::string& coder) {
    for (const std::string& x : {std::string("--index"), seed_index(), std::string("--codings"), by_hand,
                                 std::string("--coder"), coder})
      args.push_back(x);
    RunResult r = run(args);
    INFO(r);
    REQUIRE(r.status == 0);
  };
  code({"code", "accept", e.accepted_mention}, "anna");
  code({"code", "reject", e.rejected_mention}, "bo");
  code({"code", "add", "--answer", e.theme_answer->id, "--start", "0", "--end",
        std::to_string(first_word(*e.theme_answer).end), "--code", e.themes[0], "--memo", "Tydligt exempel."},
       "anna");
  code({"codes", "add", "Trygghet"}, "importer");
  code({"codes", "add", "Oro", "--parent", "Trygghet"}, "importer");
  code({"code", "add", "--answer", e.own_answer->id, "--start", std::to_string(e.own_span.begin), "--end",
        std::to_string(e.own_span.end), "--code", "Oro"},
       "bo");
  std::vector<json> hand = without_ids(codings_json(by_hand));
  std::vector<json> imported = without_ids(codings_json(imported_store(dir)));
  for (auto* rows : {&hand, &imported})
    for (json& r : *rows) r.erase("created");  // by hand: now; imported: the project's time
  CHECK(imported == hand);
}

TEST_CASE("import --dry-run prints what would be imported and writes nothing") {
  TempDir dir;
  const std::string store = dir / "codings.sqlite";
  RunResult r = import(write_qdpx(dir, members_of(exported().qde)), store, {"--dry-run"});
  INFO(r);
  REQUIRE(r.status == 0);
  CHECK(contains(r.out, "(dry run: nothing written)"));
  CHECK(contains(r.out, "would import:   1 accepted, 1 rejected, 2 manual codings, 1 memo"));
  CHECK(contains(r.out, "own codes:      2 to create"));
  CHECK_FALSE(fs::exists(store));
}

TEST_CASE("import --dry-run on a store with the codings already says they are there and changes nothing") {
  TempDir dir;
  const std::string store = imported_store(dir);
  const std::vector<json> before = codings_json(store);
  RunResult r = import(write_qdpx(dir, members_of(exported().qde), "again.qdpx"), store, {"--dry-run"});
  INFO(r);
  REQUIRE(r.status == 0);
  CHECK(contains(r.out, "would import:   0 accepted, 0 rejected, 0 manual codings, 0 memos"));
  CHECK(contains(r.out, "already there:  4"));
  CHECK(codings_json(store) == before);
}

TEST_CASE("an import killed inside its transaction leaves the store as it was, and can be run again") {
  TempDir dir;
  const std::string store = dir / "codings.sqlite";
  RunResult setup = run({"codes", "add", "Annan", "--codings", store, "--index", seed_index()});
  REQUIRE(setup.status == 0);
  const std::vector<json> before = codings_json(store);
  const std::string file = write_qdpx(dir, members_of(exported().qde));
  RunResult killed = import(file, store, {}, RunIn{"", {{"ANALYZER_TEST_KILL_IMPORT", "1"}}});
  INFO(killed);
  CHECK(killed.status == 128 + SIGKILL);
  CHECK(codings_json(store) == before);
  CHECK(parse_jsonl(run({"codes", "list", "--json", "--codings", store}).out).size() == 1);
  RunResult again = import(file, store);
  INFO(again);
  CHECK(again.status == 0);
  CHECK(codings_json(store).size() == 4);
}

TEST_CASE("import refuses a file that is no ZIP archive, store unchanged") {
  TempDir dir;
  const std::string store = imported_store(dir);
  const std::vector<json> before = codings_json(store);
  RunResult r = import(dir.write("plain.qdpx", exported().qde), store);
  INFO(r);
  CHECK(r.status == 1);
  CHECK(contains(r.err, "the file is no ZIP archive"));
  CHECK(codings_json(store) == before);
}

TEST_CASE("import refuses a ZIP archive without project.qde, store unchanged") {
  check_refused({{"sources/x.txt", "Hej"}}, "the ZIP archive has no project.qde");
}

TEST_CASE("import refuses a project.qde that fails the schema, naming the line, store unchanged") {
  const std::string qde = replaced(exported().qde, "isCodable=\"true\"", "isCodable=\"kanske\"");
  check_refused(members_of(qde), "project.qde:4: error: project.qde does not follow the REFI-QDA project schema");
}

TEST_CASE("import refuses XML with a DOCTYPE and an external entity, store unchanged") {
  const std::string qde = replaced(exported().qde, "<Project ",
                                   "<!DOCTYPE Project [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<Project ");
  check_refused(members_of(qde), "the XML declares a DOCTYPE");
}

TEST_CASE("import refuses a project that points at a source missing from the archive, store unchanged") {
  std::vector<std::pair<std::string, std::string>> members = members_of(exported().qde);
  members.pop_back();
  check_refused(members, "which is not in the archive");
}

TEST_CASE("import refuses a selection outside its source's text, store unchanged") {
  const std::string qde = replaced(exported().qde, "endPosition=\"", "endPosition=\"9999999");
  check_refused(members_of(qde), "outside its text of");
}

TEST_CASE("import refuses a coding with a code GUID the codebook lacks, store unchanged") {
  const std::string own = stable_guid("code", "own:2");
  std::string qde = exported().qde;
  qde = replaced(qde, "<CodeRef targetGUID=\"" + own, "<CodeRef targetGUID=\"" + stable_guid("code", "elsewhere"));
  check_refused(members_of(qde), "which the project's codebook does not hold");
}

TEST_CASE("import refuses an analyzer export from another index, its sources not in this one, store unchanged") {
  const std::string qde =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"analyzer: other\" "
      "origin=\"analyzer 0.1\"><Sources><TextSource guid=\"{6F9619FF-8B86-D011-B42D-00C04FC964FF}\" name=\"Intervju 1\" "
      "plainTextPath=\"internal://6F9619FF-8B86-D011-B42D-00C04FC964FF.txt\"/></Sources></Project>\n";
  check_refused({{"project.qde", qde}, {"Sources/6F9619FF-8B86-D011-B42D-00C04FC964FF.txt", "Svar."}},
                "the project was not exported from it");
}

TEST_CASE("import without a file is a usage error") {
  TempDir dir;
  RunResult r = run({"import", "--index", seed_index(), "--codings", dir / "c.sqlite"});
  CHECK(r.status == 2);
  CHECK(contains(r.err, "takes one FILE.qdpx"));
}

// --- Another tool's project with its own sources (NVivo-like) ------------

namespace {

const std::string kText1 =
    "Intervju med Region Dalarna\n\nVi har byggt upp en fast vårdkontakt för äldre. Samverkan med kommunerna "
    "är god.\n\nDet största hindret är bristen på sjuksköterskor i glesbygden.\n";
const std::string kText2 =
    "Fokusgrupp Örebro\r\n\r\nPersonalen upplever oro inför förändringen.\r\nMånga vill ha mer stöd i vardagen.\r\n";
const std::string kSource1 = "{CCCCCCCC-0000-0000-0000-000000000001}";
const std::string kSource2 = "cccccccc-0000-0000-0000-000000000002";

// A PlainTextSelection of `quote` in `text` (code points), coded with `code`.
std::string foreign_selection(const std::string& text, const std::string& quote, const std::string& guid,
                              const std::string& user, const std::string& code, const std::string& note = "") {
  const std::size_t at = text.find(quote);
  if (at == std::string::npos) throw std::runtime_error("not in the text: " + quote);
  const auto start = analyzer::utf8::code_points(std::string_view(text).substr(0, at));
  const auto end = start + analyzer::utf8::code_points(quote);
  std::string x = "<PlainTextSelection guid=\"" + guid + "\" name=\"" + esc(quote) + "\" startPosition=\"" +
                  std::to_string(start) + "\" endPosition=\"" + std::to_string(end) + "\" creatingUser=\"" + user +
                  "\"><Coding guid=\"" + guid.substr(0, guid.size() - 1) + "f\" creatingUser=\"" + user +
                  "\"><CodeRef targetGUID=\"" + code + "\"/></Coding>";
  if (!note.empty()) x += "<NoteRef targetGUID=\"" + note + "\"/>";
  return x + "</PlainTextSelection>";
}

// An NVivo-like project: users Karin and Olle, codes Vård > Kontinuitet >
// Fast kontakt, variables År (on the sources) and Region (on the case of
// source 1, on source 2), three selections, one on the heading "Intervju
// med" (in no answer), one with a note. With `more_notes`, also a note on
// the code Vård and one on the whole of source 2.
std::vector<std::pair<std::string, std::string>> foreign_members(bool more_notes = false) {
  const std::string karin = "11111111-1111-1111-1111-111111111111", olle = "22222222-2222-2222-2222-222222222222";
  const std::string vard = "aaaaaaaa-0000-0000-0000-000000000001", kont = "aaaaaaaa-0000-0000-0000-000000000002",
                    fast = "aaaaaaaa-0000-0000-0000-000000000003";
  const std::string year = "bbbbbbbb-0000-0000-0000-000000000001", region = "bbbbbbbb-0000-0000-0000-000000000002";
  const std::string note = "dddddddd-0000-0000-0000-000000000001";
  const std::string code_note = "dddddddd-0000-0000-0000-000000000002",
                    source_note = "dddddddd-0000-0000-0000-000000000003";
  auto note_ref = [&](const std::string& guid) {
    return more_notes ? "<NoteRef targetGUID=\"" + guid + "\"/>" : std::string();
  };
  auto value = [](const std::string& var, const std::string& v, bool integer) {
    return "<VariableValue><VariableRef targetGUID=\"" + var + "\"/>" +
           (integer ? "<IntegerValue>" + v + "</IntegerValue>" : "<TextValue>" + v + "</TextValue>") +
           "</VariableValue>";
  };
  std::string q = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" "
                  "name=\"Intervjuer 2024\" origin=\"NVivo 14\">\n";
  q += "<Users><User guid=\"" + karin + "\" name=\"Karin\"/><User guid=\"" + olle + "\" name=\"Olle\"/></Users>\n";
  q += "<CodeBook><Codes><Code guid=\"" + vard + "\" name=\"Vård\" isCodable=\"true\">" + note_ref(code_note) +
       "<Code guid=\"" + kont +
       "\" name=\"Kontinuitet\" isCodable=\"true\"><Code guid=\"" + fast +
       "\" name=\"Fast kontakt\" isCodable=\"true\"/></Code></Code></Codes></CodeBook>\n";
  q += "<Variables><Variable guid=\"" + year + "\" name=\"År\" typeOfVariable=\"Integer\"/><Variable guid=\"" +
       region + "\" name=\"Region\" typeOfVariable=\"Text\"/></Variables>\n";
  q += "<Cases><Case guid=\"eeeeeeee-0000-0000-0000-000000000001\" name=\"Region Dalarna\">" +
       value(region, "Dalarna", false) + "<SourceRef targetGUID=\"" + kSource1 + "\"/></Case></Cases>\n<Sources>\n";
  q += "<TextSource guid=\"" + kSource1 + "\" name=\"Intervju 1\" plainTextPath=\"internal://" + kSource1 + ".txt\">" +
       foreign_selection(kText1, "fast vårdkontakt", "cccccccc-0000-0000-0000-00000000001a", karin, fast, note) +
       foreign_selection(kText1, "Intervju med", "cccccccc-0000-0000-0000-00000000001b", karin, vard) +
       value(year, "2024", true) + "</TextSource>\n";
  q += "<TextSource guid=\"" + kSource2 + "\" name=\"Fokusgrupp: Örebro\" plainTextPath=\"internal://" + kSource2 +
       ".txt\">" + foreign_selection(kText2, "oro inför förändringen", "cccccccc-0000-0000-0000-00000000002a", olle, kont) +
       note_ref(source_note) + value(year, "2023", true) + value(region, "Örebro", false) + "</TextSource>\n</Sources>\n";
  q += "<Notes><Note guid=\"" + note + "\" name=\"n\"><PlainTextContent>Viktigt citat.</PlainTextContent></Note>";
  if (more_notes)
    q += "<Note guid=\"" + code_note + "\" name=\"k\" creatingUser=\"" + karin +
         "\"><PlainTextContent>Vård i bred mening.</PlainTextContent></Note><Note guid=\"" + source_note +
         "\" name=\"d\"><PlainTextContent>Gruppen var liten.</PlainTextContent></Note>";
  q += "</Notes>\n";
  q += "</Project>\n";
  return {{"project.qde", q},
          {"sources/" + kSource1 + ".txt", "\xEF\xBB\xBF" + kText1},
          {"sources/" + kSource2 + ".txt", kText2}};
}

// A folder with its own small index (the import ingests into it), the
// store beside it and the foreign project's file.
struct ForeignSetup {
  TempDir dir;
  std::string index = dir / "index";
  std::string store = dir / "store/codings.sqlite";
  std::string file;
  // `with_index` false: --index names a folder that does not exist yet.
  explicit ForeignSetup(bool with_index = true, bool more_notes = false) {
    fs::create_directories(dir / "corpus");
    fs::create_directories(dir / "store");
    dir.write("corpus/svar.txt", "Hej och välkommen.\n");
    if (with_index) {
      RunResult r = run({"ingest", "--index", index, dir / "corpus"});
      if (r.status != 0) throw std::runtime_error("ingest failed: " + r.err);
    }
    file = write_qdpx(dir, foreign_members(more_notes), "nvivo.qdpx");
  }
  RunResult import(std::vector<std::string> extra = {}) const {
    std::vector<std::string> args{"import", file, "--index", index, "--codings", store, "--coder", "importer"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run(args);
  }
  std::vector<json> answers() const {
    RunResult r = run({"answers", "--json", "--index", index});
    REQUIRE(r.status == 0);
    return parse_jsonl(r.out);
  }
  std::vector<json> codings() const {
    RunResult r = run({"codings", "list", "--format", "json", "--index", index, "--codings", store});
    REQUIRE(r.status == 0);
    return parse_jsonl(r.out);
  }
};

const json* answer_of(const std::vector<json>& answers, const std::string& source) {
  for (const json& a : answers)
    if (a["source"] == source) return &a;
  return nullptr;
}

}  // namespace

TEST_CASE("another tool's project: its sources are written beside the store and ingested with year and region from its variables") {
  ForeignSetup s;
  RunResult r = s.import();
  INFO(r);
  CHECK(r.status == 1);  // the selection on the heading is refused
  CHECK(contains(r.out, "2 sources of the project's own written to"));
  CHECK(contains(r.out, "ingested into the index"));
  const fs::path folder = fs::path(s.dir / "store/imported/Intervjuer 2024");
  CHECK(analyzer::test::read_file((folder / "Intervju 1.txt").string()) == kText1);  // BOM removed
  CHECK(analyzer::test::read_file((folder / "Fokusgrupp_ Örebro.txt").string()) == kText2);  // CR LF kept
  const std::vector<json> answers = s.answers();
  const json* a1 = answer_of(answers, "Intervju 1.txt");
  const json* a2 = answer_of(answers, "Fokusgrupp_ Örebro.txt");
  REQUIRE(a1);
  REQUIRE(a2);
  CHECK((*a1)["year"] == 2024);
  CHECK((*a1)["region"] == "Dalarna");  // from the case
  CHECK((*a1)["respondent"] == "Region Dalarna");
  CHECK((*a2)["year"] == 2023);
  CHECK((*a2)["region"] == "Örebro");
}

TEST_CASE("another tool's project: its selections become manual codings by their users with its codes as own codes, nesting kept") {
  ForeignSetup s;
  RunResult r = s.import();
  INFO(r);
  CHECK(contains(r.out, "imported:       0 accepted, 0 rejected, 2 manual codings, 1 memo"));
  const std::vector<json> rows = s.codings();
  REQUIRE(rows.size() == 2);
  CHECK(rows[0]["kind"] == "manual");
  CHECK(rows[0]["quote"] == "fast vårdkontakt");
  CHECK(rows[0]["code"] == "Fast kontakt");
  CHECK(rows[0]["coder"] == "Karin");
  CHECK(rows[0]["memos"] == json::array({"Viktigt citat."}));
  CHECK(rows[1]["quote"] == "oro inför förändringen");
  CHECK(rows[1]["code"] == "Kontinuitet");
  CHECK(rows[1]["coder"] == "Olle");
  RunResult codes = run({"codes", "list", "--codings", s.store});
  CHECK(contains(codes.out, "Vård\n  Kontinuitet\n    Fast kontakt\n"));
}

TEST_CASE("another tool's project: a selection in no answer (a heading) is refused with the reason, the rest imported") {
  ForeignSetup s;
  RunResult r = s.import();
  INFO(r);
  CHECK(r.status == 1);
  CHECK(contains(r.out, "refused:        1"));
  CHECK(contains(r.out, "source \"Intervju 1\", selection cccccccc-0000-0000-0000-00000000001b: characters [0, 12) "
                        "fall in no answer of Intervju 1.txt"));
  CHECK(s.codings().size() == 2);
}

TEST_CASE("another tool's project imported a second time adds nothing: files reused, codings already there") {
  ForeignSetup s;
  (void)s.import();
  const std::vector<json> answers = s.answers();
  const std::vector<json> codings = s.codings();
  RunResult again = s.import();
  INFO(again);
  CHECK(contains(again.out, "(0 new files, 2 there already with the same text)"));
  CHECK(contains(again.out, "imported:       0 accepted, 0 rejected, 0 manual codings, 0 memos"));
  CHECK(contains(again.out, "already there:  2"));
  CHECK(contains(again.out, "own codes:      0 created"));
  CHECK(s.answers() == answers);
  CHECK(s.codings() == codings);
}

TEST_CASE("another tool's project never overwrites a file with other text: it takes the next free name") {
  ForeignSetup s;
  const fs::path folder = fs::path(s.dir / "store/imported/Intervjuer 2024");
  fs::create_directories(folder);
  s.dir.write("store/imported/Intervjuer 2024/Intervju 1.txt", "Annan text.\n");
  RunResult r = s.import();
  INFO(r);
  CHECK(analyzer::test::read_file((folder / "Intervju 1.txt").string()) == "Annan text.\n");
  CHECK(analyzer::test::read_file((folder / "Intervju 1-2.txt").string()) == kText1);
  CHECK(answer_of(s.answers(), "Intervju 1-2.txt"));
}

TEST_CASE("another tool's project with --dry-run writes no file, ingests nothing, writes no store and says what would happen") {
  ForeignSetup s;
  const std::vector<json> answers = s.answers();
  RunResult r = s.import({"--dry-run"});
  INFO(r);
  CHECK(r.status == 0);
  CHECK(contains(r.out, "would be written to"));
  CHECK(contains(r.out, "3 coded selections of those sources would be placed in their answers"));
  CHECK(contains(r.out, "own codes:      3 to create: \"Vård\", \"Kontinuitet\", \"Fast kontakt\""));
  CHECK_FALSE(fs::exists(s.dir / "store/imported"));
  CHECK_FALSE(fs::exists(s.store));
  CHECK(s.answers() == answers);
}

TEST_CASE("another tool's project imported into an index that does not exist yet creates it") {
  ForeignSetup s(/*with_index=*/false);
  REQUIRE_FALSE(fs::exists(s.index));
  RunResult r = s.import();
  INFO(r);
  CHECK(r.status == 1);  // the selection on the heading is refused
  CHECK(contains(r.out, "imported:       0 accepted, 0 rejected, 2 manual codings, 1 memo"));
  const std::vector<json> answers = s.answers();
  CHECK(answer_of(answers, "Intervju 1.txt"));
  CHECK(answer_of(answers, "Fokusgrupp_ Örebro.txt"));
  CHECK(s.codings().size() == 2);
}

TEST_CASE("an analyzer export imported into an index that does not exist is refused with exit 3, nothing created") {
  // The same project, but made by analyzer: its sources must be in the
  // index already, so no index is created for it.
  TempDir other;
  std::vector<std::pair<std::string, std::string>> members = foreign_members();
  members[0].second = replaced(members[0].second, "origin=\"NVivo 14\"", "origin=\"analyzer 0.9\"");
  const std::string file = write_qdpx(other, members, "analyzer.qdpx");
  RunResult mine = run({"import", file, "--index", other / "nowhere2", "--codings", other / "d.sqlite"});
  INFO(mine);
  CHECK(mine.status == 3);
  CHECK(contains(mine.err, "no index at"));
  CHECK_FALSE(fs::exists(other / "nowhere2"));
  CHECK_FALSE(fs::exists(other / "d.sqlite"));
}

TEST_CASE("another tool's project: a note on an own code becomes its memo, a note on a whole source is left out and listed") {
  ForeignSetup s(/*with_index=*/true, /*more_notes=*/true);
  RunResult r = s.import();
  INFO(r);
  CHECK(contains(r.out, "memos:          0 on answers, 1 on own codes, 0 on codings the store holds, the rest on the codings imported"));
  CHECK(contains(r.out, "notes left out: 1\n    note dddddddd-0000-0000-0000-000000000003 on source \"Fokusgrupp: Örebro\": "
                        "it is on the whole source; analyzer keeps memos on answers, codings and codes\n"));
  const std::vector<json> memos = memos_json(s.store, s.index);
  bool on_code = false;
  for (const json& m : memos)
    if (m["target"] == "code" && m["code"] == "Vård" && m["text"] == "Vård i bred mening." && m["coder"] == "Karin")
      on_code = true;
  CHECK(on_code);
}
