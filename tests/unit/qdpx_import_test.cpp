// exchange/qdpx_reader.hpp and exchange/import_plan.hpp: reading a REFI-QDA
// project (.qdpx) safely, and planning what `analyzer import` adds to the
// coding store; coding/store.hpp's apply_import, all or nothing.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "analyzer/coding/store.hpp"
#include "analyzer/core/mention_id.hpp"
#include "analyzer/core/utf8.hpp"
#include "analyzer/exchange/foreign_sources.hpp"
#include "analyzer/exchange/import_plan.hpp"
#include "analyzer/exchange/part_text.hpp"
#include "analyzer/exchange/qdpx_reader.hpp"
#include "analyzer/exchange/refi_guid.hpp"
#include "../support/temp_files.hpp"
#include "../support/zip_builder.hpp"

using namespace analyzer;
using namespace analyzer::exchange;

namespace {

const std::string kHead =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"Test\" origin=\"test\">\n";

// A .qdpx with `members` written to a temporary file; its path.
std::string qdpx_file(const analyzer::test::TempDir& dir, const std::vector<std::pair<std::string, std::string>>& members,
                      const std::string& name = "p.qdpx") {
  return dir.write(name, analyzer::test::zip_of(members));
}

// A project with one source whose text is the member sources/<guid>.txt.
std::string one_source_project(const std::string& guid, const std::string& path_attr, const std::string& selections = "") {
  return kHead + "<Sources><TextSource guid=\"" + guid + "\" name=\"s\" plainTextPath=\"" + path_attr + "\">" +
         selections + "</TextSource></Sources></Project>\n";
}

const std::string kGuid = "0a1b2c3d-0000-4000-8000-00000000000a";

}  // namespace

// ---- reading ------------------------------------------------------------

TEST_CASE("a file that is no ZIP archive is refused as no REFI-QDA project") {
  analyzer::test::TempDir dir;
  const std::string path = dir.write("x.qdpx", "<Project/>");
  Result<QdpxFile> r = read_qdpx(path);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "not a REFI-QDA project: the file is no ZIP archive");
}

TEST_CASE("a .qdpx cut short is refused as damaged, with the advice to export the project again") {
  analyzer::test::TempDir dir;
  const std::string whole =
      analyzer::test::zip_of({{"project.qde", one_source_project(kGuid, "internal://" + kGuid + ".txt")},
                              {"sources/" + kGuid + ".txt", std::string(4000, 'x')}});
  const std::string path = dir.write("cut.qdpx", whole.substr(0, whole.size() / 2));
  Result<QdpxFile> r = read_qdpx(path);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.rfind("cannot read the file as a ZIP archive (a REFI-QDA project (.qdpx) is a ZIP archive)", 0) == 0);
  CHECK(r.error().hint.find("export the project again") != std::string::npos);
  CHECK(r.error().hint.find("Word") == std::string::npos);
}

TEST_CASE("a ZIP archive without project.qde is refused") {
  analyzer::test::TempDir dir;
  Result<QdpxFile> r = read_qdpx(qdpx_file(dir, {{"sources/a.txt", "text"}}));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "not a REFI-QDA project: the ZIP archive has no project.qde");
}

TEST_CASE("XML with a DOCTYPE and an external entity is refused before parsing, naming the line") {
  const std::string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE Project [\n<!ENTITY x SYSTEM \"file:///etc/passwd\">\n]>\n"
                          "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"&x;\"/>\n";
  Result<QdpxFile> r = parse_project_xml("project.qde", xml);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().line == 2);
  CHECK(r.error().message.find("DOCTYPE") != std::string::npos);
}

TEST_CASE("a project.qde in UTF-16 is refused: a DOCTYPE could hide in it from the byte search") {
  const std::string xml("<\0?\0x\0m\0l\0", 10);
  Result<QdpxFile> r = parse_project_xml("project.qde", xml);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "project.qde is not UTF-8 (byte 1)");
}

TEST_CASE("a project.qde that fails the REFI-QDA schema is refused with the line and the schema's message") {
  // Line 5: a selection without its required endPosition.
  const std::string xml = kHead + "<Sources>\n<TextSource guid=\"" + kGuid + "\" name=\"s\">\n"
                          "<PlainTextSelection guid=\"" + kGuid + "\" startPosition=\"0\"/>\n"
                          "</TextSource></Sources></Project>\n";
  Result<QdpxFile> r = parse_project_xml("project.qde", xml);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().line == 5);
  CHECK(r.error().message.find("does not follow the REFI-QDA project schema") != std::string::npos);
  CHECK(r.error().message.find("endPosition") != std::string::npos);
}

TEST_CASE("a project in another namespace fails the schema") {
  Result<QdpxFile> r = parse_project_xml("project.qde", "<Project name=\"x\"/>");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("schema") != std::string::npos);
}

TEST_CASE("a source the project points at that is missing from the archive is refused, naming it") {
  analyzer::test::TempDir dir;
  Result<QdpxFile> r =
      read_qdpx(qdpx_file(dir, {{"project.qde", one_source_project(kGuid, "internal://" + kGuid + ".txt")}}));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "source \"s\" (" + kGuid + ") points at internal://" + kGuid +
                                 ".txt, which is not in the archive");
}

TEST_CASE("internal:// paths find their member under Sources/ or sources/, GUIDs in any case, braces or not") {
  analyzer::test::TempDir dir;
  const std::string upper = "{0A1B2C3D-0000-4000-8000-00000000000A}";
  Result<QdpxFile> r = read_qdpx(qdpx_file(
      dir, {{"project.qde", one_source_project(upper, "internal://0A1B2C3D-0000-4000-8000-00000000000A.txt")},
            {"Sources/0a1b2c3d-0000-4000-8000-00000000000a.txt", "Hej"}}));
  REQUIRE(r.ok());
  CHECK(r.value().project.sources.at(0).text == "Hej");
  CHECK(same_guid(r.value().project.sources[0].guid, kGuid));
}

TEST_CASE("relative:// and absolute paths are found by their file name under sources/") {
  analyzer::test::TempDir dir;
  for (const std::string& p : {std::string("relative://intervju.txt"), std::string("C:\\Users\\x\\intervju.txt")}) {
    Result<QdpxFile> r = read_qdpx(
        qdpx_file(dir, {{"project.qde", one_source_project(kGuid, p)}, {"sources/intervju.txt", "Svar"}}));
    REQUIRE(r.ok());
    CHECK(r.value().project.sources.at(0).text == "Svar");
  }
}

TEST_CASE("a source's text drops a byte order mark and keeps CR LF, inline PlainTextContent too") {
  analyzer::test::TempDir dir;
  const std::string inline_source = kHead + "<Sources><TextSource guid=\"" + kGuid +
                                    "\" name=\"s\"><PlainTextContent>Rad ett&#13;\nRad två</PlainTextContent>"
                                    "</TextSource></Sources></Project>\n";
  Result<QdpxFile> a = read_qdpx(qdpx_file(dir, {{"project.qde", inline_source}}, "a.qdpx"));
  REQUIRE(a.ok());
  CHECK(a.value().project.sources.at(0).text == "Rad ett\r\nRad två");
  Result<QdpxFile> b = read_qdpx(qdpx_file(dir, {{"project.qde", one_source_project(kGuid, "internal://" + kGuid + ".txt")},
                                                 {"sources/" + kGuid + ".txt", "\xEF\xBB\xBFRad ett\r\nRad två"}},
                                           "b.qdpx"));
  REQUIRE(b.ok());
  CHECK(b.value().project.sources.at(0).text == "Rad ett\r\nRad två");
}

TEST_CASE("a source text that is not UTF-8 is refused with the byte") {
  analyzer::test::TempDir dir;
  Result<QdpxFile> r = read_qdpx(qdpx_file(
      dir, {{"project.qde", one_source_project(kGuid, "internal://" + kGuid + ".txt")}, {"sources/" + kGuid + ".txt", "ab\xFF"}}));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "the source text is not UTF-8 (byte 2)");
}

TEST_CASE("a member that would inflate past the per-member limit is refused before it is inflated") {
  analyzer::test::TempDir dir;
  QdpxLimits limits;
  limits.max_member_bytes = 1000;
  Result<QdpxFile> r = read_qdpx(qdpx_file(dir, {{"project.qde", std::string(5000, ' ')}}), limits);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("more than the 1000 bytes allowed for one member; nothing of it was inflated") !=
        std::string::npos);
}

TEST_CASE("codes nested several levels, sets, users and notes are read") {
  const std::string xml = kHead +
      "<Users><User guid=\"" + stable_guid("user", "anna") + "\" name=\"anna\"/></Users>"
      "<CodeBook><Codes><Code guid=\"" + stable_guid("code", "a") + "\" name=\"A\" isCodable=\"true\">"
      "<Code guid=\"" + stable_guid("code", "b") + "\" name=\"B\" isCodable=\"true\">"
      "<NoteRef targetGUID=\"" + stable_guid("note", "n") + "\"/>"
      "<Code guid=\"" + stable_guid("code", "c") + "\" name=\"C\" isCodable=\"false\"><Description>djup</Description></Code>"
      "</Code></Code></Codes></CodeBook>"
      "<Notes><Note guid=\"" + stable_guid("note", "n") + "\" name=\"n\"><Description>analyzer:answer a1</Description>"
      "<PlainTextContent>memo</PlainTextContent></Note></Notes>"
      "<Sets><Set guid=\"" + stable_guid("set", "s") + "\" name=\"S\"><MemberCode targetGUID=\"" + stable_guid("code", "b") +
      "\"/></Set></Sets></Project>";
  Result<QdpxFile> r = parse_project_xml("project.qde", xml);
  REQUIRE(r.ok());
  const RefiProject& p = r.value().project;
  REQUIRE(p.codes.size() == 1);
  const RefiCode& c = p.codes[0].children.at(0).children.at(0);
  CHECK(c.name == "C");
  CHECK(c.description == "djup");
  CHECK_FALSE(c.codable);
  CHECK(p.users.at(0).name == "anna");
  CHECK(p.notes.at(0).text == "memo");
  CHECK(p.notes.at(0).description == "analyzer:answer a1");
  CHECK(p.codes[0].children.at(0).note_guids == std::vector<std::string>{stable_guid("note", "n")});
  CHECK(p.sets.at(0).code_guids.at(0) == stable_guid("code", "b"));
}

// ---- planning -------------------------------------------------------------

namespace {

AnswerRecord answer(const std::string& id, std::size_t at, const std::string& q, const std::string& text) {
  AnswerRecord a;
  a.id = id;
  a.source = "dalarna-2022.txt";
  a.respondent.name = "RSS Dalarna";
  a.respondent.year = 2022;
  a.question = q;
  a.question_text = "Fråga";
  a.text = text;
  a.span = {at, at + text.size()};
  return a;
}

// An index of two answers, the first with an automatic mention of "sip".
struct Index {
  std::vector<AnswerRecord> answers;
  std::vector<PartText> parts;
  std::map<std::string, std::string> sha256{{"dalarna-2022.txt", "abc"}};
  Index() {
    answers.push_back(answer("a1", 10, "1", "Vi har SIP för alla på äldreboendet."));
    answers.push_back(answer("a2", 90, "2", "Trygg hemgång fungerar."));
    Mention m;
    m.theme = "sip";
    m.in_text = {7, 10};
    m.span = {17, 20};
    answers[0].mentions.push_back(m);
    PersonalDataMasker masker;
    parts = compose_part_texts(answers, masker);
  }
  ImportInputs inputs() const {
    ImportInputs in;
    in.parts = &parts;
    in.answers = &answers;
    in.sha256 = &sha256;
    in.theme_ids = {"sip", "trygg_hemgang"};
    in.coder = "importer";
    return in;
  }
  std::string mention() const { return mention_id("a1", "sip", {17, 20}); }
};

const std::string kSourceGuid = stable_guid("source", "dalarna-2022.txt#0");
const std::string kSip = stable_guid("code", "theme:sip");
const std::string kAnna = stable_guid("user", "anna");

RefiCode code(const std::string& guid, const std::string& name, std::vector<RefiCode> children = {}) {
  RefiCode c;
  c.guid = guid;
  c.name = name;
  c.children = std::move(children);
  return c;
}

// An analyzer-shaped project over the index's one part, with `selections`.
RefiProject project_of(const Index& index, std::vector<RefiSelection> selections) {
  RefiProject p;
  p.name = "analyzer: index";
  p.users = {{kAnna, "anna"}, {stable_guid("user", "analyzer:lexicon"), "analyzer (lexikon)"}};
  p.codes = {code(kSip, "SIP"), code(stable_guid("code", "own:1"), "Trygghet", {code(stable_guid("code", "own:2"), "Oro")})};
  RefiTextSource s;
  s.guid = kSourceGuid;
  s.name = "RSS Dalarna 2022 (dalarna-2022.txt)";
  s.text = index.parts.at(0).text;
  s.selections = std::move(selections);
  p.sources.push_back(s);
  return p;
}

// A selection of answer `id`'s bytes [b, e) in the part, coded with `code`.
RefiSelection selection(const Index& index, const std::string& id, ByteSpan bytes, const std::string& code,
                        const std::string& user = kAnna) {
  const CodePointSpan cp = *to_part_positions(index.parts.at(0), id, bytes);
  RefiSelection s;
  s.guid = stable_guid("selection", id + std::to_string(bytes.begin));
  s.start = cp.start;
  s.end = cp.end;
  s.creating_user = user;
  s.created = "2026-12-01T10:00:00Z";
  if (!code.empty()) s.codings.push_back({stable_guid("coding", s.guid), code, user, ""});
  return s;
}

}  // namespace

TEST_CASE("a manual coding of an exported part maps back to its answer and bytes, coder and time kept") {
  Index index;
  Result<ImportPlan> plan = plan_import(project_of(index, {selection(index, "a1", {7, 10}, kSip)}), index.inputs());
  REQUIRE(plan.ok());
  REQUIRE(plan.value().batch.codings.size() == 1);
  const coding::ImportCoding& c = plan.value().batch.codings[0];
  CHECK(c.coding.kind == coding::CodingKind::Manual);
  CHECK(c.coding.theme == "sip");
  CHECK(c.coding.answer_id == "a1");
  CHECK(c.coding.span == ByteSpan{7, 10});
  CHECK(c.coding.quote == "SIP");
  CHECK(c.coding.source_sha256 == "abc");
  CHECK(c.coder == "anna");
  CHECK(c.created == "2026-12-01T10:00:00Z");
  CHECK(plan.value().manual == 1);
  CHECK(plan.value().sources_matched == 1);
}

TEST_CASE("selections of the lexicon pseudo-user are automatic mentions and import nothing") {
  Index index;
  RefiSelection s = selection(index, "a1", {7, 10}, kSip, stable_guid("user", "analyzer:lexicon"));
  Result<ImportPlan> plan = plan_import(project_of(index, {s}), index.inputs());
  REQUIRE(plan.ok());
  CHECK(plan.value().automatic == 1);
  CHECK(plan.value().batch.codings.empty());
}

TEST_CASE("analyzer:accepted and analyzer:rejected selections become decisions on the mention") {
  Index index;
  RefiSelection acc = selection(index, "a1", {7, 10}, kSip);
  acc.description = "analyzer:accepted " + index.mention();
  RefiSelection rej = selection(index, "a1", {7, 10}, "", stable_guid("user", "bo"));
  rej.description = "analyzer:rejected " + index.mention() + " sip";
  rej.note_guids = {stable_guid("note", "rej"), stable_guid("note", "memo:1")};
  RefiProject p = project_of(index, {acc, rej});
  p.users.push_back({stable_guid("user", "bo"), "bo"});
  p.notes = {{stable_guid("note", "rej"), "", "Avvisad av bo: SIP (automatisk kodning från lexikonet)", "", ""},
             {stable_guid("note", "memo:1"), "", "Inte en plan här.", "", ""}};
  Result<ImportPlan> plan = plan_import(p, index.inputs());
  REQUIRE(plan.ok());
  REQUIRE(plan.value().batch.codings.size() == 2);
  const coding::ImportCoding& a = plan.value().batch.codings[0];
  CHECK(a.coding.kind == coding::CodingKind::Accepted);
  CHECK(a.coding.mention_id == index.mention());
  CHECK(a.coding.source_span == ByteSpan{17, 20});
  CHECK(a.coder == "anna");
  const coding::ImportCoding& r = plan.value().batch.codings[1];
  CHECK(r.coding.kind == coding::CodingKind::Rejected);
  CHECK(r.coder == "bo");
  REQUIRE(r.memos.size() == 1);
  CHECK(r.memos[0].text == "Inte en plan här.");
}

namespace {

// The store's manual coding of "SIP" in answer a1 by anna.
coding::Coding held_sip_coding(std::int64_t id = 0) {
  coding::Coding held;
  held.id = id;
  held.kind = coding::CodingKind::Manual;
  held.theme = "sip";
  held.answer_id = "a1";
  held.span = {7, 10};
  held.coder = "anna";
  return held;
}

}  // namespace

TEST_CASE("a coding the store holds already is counted as already there, not added again") {
  Index index;
  ImportInputs in = index.inputs();
  in.codings.push_back(held_sip_coding());
  coding::Coding decided;
  decided.kind = coding::CodingKind::Accepted;
  decided.mention_id = index.mention();
  decided.coder = "anna";
  in.codings.push_back(decided);
  RefiSelection acc = selection(index, "a1", {7, 10}, kSip);
  acc.description = "analyzer:accepted " + index.mention();
  Result<ImportPlan> plan = plan_import(project_of(index, {selection(index, "a1", {7, 10}, kSip), acc}), in);
  REQUIRE(plan.ok());
  CHECK(plan.value().batch.codings.empty());
  CHECK(plan.value().already_there == 2);
}

TEST_CASE("a decision opposite to the coder's decision in the store is refused with the reason") {
  Index index;
  ImportInputs in = index.inputs();
  coding::Coding decided;
  decided.kind = coding::CodingKind::Rejected;
  decided.mention_id = index.mention();
  decided.coder = "anna";
  in.codings.push_back(decided);
  RefiSelection acc = selection(index, "a1", {7, 10}, kSip);
  acc.description = "analyzer:accepted " + index.mention();
  Result<ImportPlan> plan = plan_import(project_of(index, {acc}), in);
  REQUIRE(plan.ok());
  REQUIRE(plan.value().refused.size() == 1);
  CHECK(plan.value().refused[0].reason.find("anna has rejected mention") == 0);
}

TEST_CASE("own codes become own codes with their nesting, matched by name when the store has them") {
  Index index;
  const std::string oro = stable_guid("code", "own:2");
  SECTION("an empty codebook gets both, Oro under Trygghet") {
    Result<ImportPlan> plan = plan_import(project_of(index, {selection(index, "a2", {0, 5}, oro)}), index.inputs());
    REQUIRE(plan.ok());
    REQUIRE(plan.value().batch.codes.size() == 2);
    CHECK(plan.value().batch.codes[0].name == "Trygghet");
    CHECK(plan.value().batch.codes[1].parent_new == std::optional<std::size_t>(0));
    CHECK(plan.value().batch.codings.at(0).code_new == std::optional<std::size_t>(1));
  }
  SECTION("a store that has Trygghet gets only Oro, under it") {
    ImportInputs in = index.inputs();
    in.codes.push_back(coding::OwnCode{7, "Trygghet", "", std::nullopt, "anna", ""});
    Result<ImportPlan> plan = plan_import(project_of(index, {selection(index, "a2", {0, 5}, oro)}), in);
    REQUIRE(plan.ok());
    REQUIRE(plan.value().batch.codes.size() == 1);
    CHECK(plan.value().batch.codes[0].parent_id == std::optional<std::int64_t>(7));
    CHECK(plan.value().codes_created == std::vector<std::string>{"Oro"});
  }
}

namespace {

RefiNote note(const std::string& key, const std::string& text, const std::string& description = "") {
  RefiNote n;
  n.guid = stable_guid("note", key);
  n.text = text;
  n.creating_user = kAnna;
  n.created = "2026-12-02T08:30:00Z";
  n.description = description;
  return n;
}

}  // namespace

TEST_CASE("a note on a source that names one of its answers becomes a memo on that answer, by its user and time") {
  Index index;
  RefiProject p = project_of(index, {});
  p.notes = {note("m", "Två planer i samma svar.", "analyzer:answer a2")};
  p.sources[0].note_guids = {p.notes[0].guid};
  Result<ImportPlan> plan = plan_import(p, index.inputs());
  REQUIRE(plan.ok());
  REQUIRE(plan.value().batch.memos.size() == 1);
  const coding::ImportMemo& m = plan.value().batch.memos[0];
  CHECK(m.answer_id == "a2");
  CHECK(m.text == "Två planer i samma svar.");
  CHECK(m.coder == "anna");
  CHECK(m.created == "2026-12-02T08:30:00Z");
  CHECK(plan.value().memos_on_answers == 1);
  CHECK(plan.value().notes_left_out.empty());
}

TEST_CASE("a note on a whole source, or on an answer the part no longer holds, is left out with the reason") {
  Index index;
  RefiProject p = project_of(index, {});
  p.notes = {note("whole", "Om hela dokumentet."), note("gone", "Om ett svar.", "analyzer:answer a9")};
  p.sources[0].note_guids = {p.notes[0].guid, p.notes[1].guid};
  Result<ImportPlan> plan = plan_import(p, index.inputs());
  REQUIRE(plan.ok());
  CHECK(plan.value().batch.memos.empty());
  REQUIRE(plan.value().notes_left_out.size() == 2);
  CHECK(plan.value().notes_left_out[0].reason == "it is on the whole source; analyzer keeps memos on answers, codings and codes");
  CHECK(plan.value().notes_left_out[1].reason.rfind("it is on answer a9, which this part of the index no longer holds", 0) == 0);
  CHECK(plan.value().notes_left_out[1].on == "source \"RSS Dalarna 2022 (dalarna-2022.txt)\"");
}

TEST_CASE("a note on an own code becomes a memo on it: the store's code, or the one the import creates") {
  Index index;
  RefiProject p = project_of(index, {});
  p.notes = {note("t", "Trygghet i vid mening."), note("o", "Oro hos personalen.")};
  p.codes[1].note_guids = {p.notes[0].guid};
  p.codes[1].children[0].note_guids = {p.notes[1].guid};
  ImportInputs in = index.inputs();
  in.codes.push_back(coding::OwnCode{7, "Trygghet", "", std::nullopt, "anna", ""});
  Result<ImportPlan> plan = plan_import(p, in);
  REQUIRE(plan.ok());
  REQUIRE(plan.value().batch.memos.size() == 2);
  CHECK(plan.value().batch.memos[0].code_id == std::optional<std::int64_t>(7));
  CHECK(plan.value().batch.memos[1].code_new == std::optional<std::size_t>(0));  // Oro, created
  CHECK(plan.value().memos_on_codes == 2);
}

TEST_CASE("a new note on a selection whose coding the store holds becomes a memo on that coding, an old one is there") {
  Index index;
  ImportInputs in = index.inputs();
  in.codings.push_back(held_sip_coding(9));
  coding::Memo old;
  old.target = "coding";
  old.coding_id = 9;
  old.text = "Skrevs i analyzer.";
  old.coder = "anna";
  in.memos.push_back(old);
  RefiSelection sel = selection(index, "a1", {7, 10}, kSip);
  RefiProject p = project_of(index, {sel});
  p.notes = {note("old", "Skrevs i analyzer."), note("new", "Skrevs i NVivo.")};
  p.sources[0].selections[0].note_guids = {p.notes[0].guid, p.notes[1].guid};
  Result<ImportPlan> plan = plan_import(p, in);
  REQUIRE(plan.ok());
  CHECK(plan.value().already_there == 1);
  CHECK(plan.value().memos_already_there == 1);
  CHECK(plan.value().memos_on_codings == 1);
  REQUIRE(plan.value().batch.memos.size() == 1);
  CHECK(plan.value().batch.memos[0].coding_id == std::optional<std::int64_t>(9));
  CHECK(plan.value().batch.memos[0].text == "Skrevs i NVivo.");
  CHECK(plan.value().batch.memos[0].coder == "anna");
}

TEST_CASE("a note on a lexicon theme's code is left out: memos are on own codes") {
  Index index;
  RefiProject p = project_of(index, {});
  p.notes = {note("s", "SIP betyder mer här.")};
  p.codes[0].note_guids = {p.notes[0].guid};
  Result<ImportPlan> plan = plan_import(p, index.inputs());
  REQUIRE(plan.ok());
  CHECK(plan.value().batch.memos.empty());
  REQUIRE(plan.value().notes_left_out.size() == 1);
  CHECK(plan.value().notes_left_out[0].on == "code \"SIP\"");
}

TEST_CASE("a note longer than a memo may be is left out, naming its size") {
  Index index;
  RefiProject p = project_of(index, {});
  p.notes = {note("big", std::string(coding::kMaxMemoBytes + 1, 'x'), "analyzer:answer a1")};
  p.sources[0].note_guids = {p.notes[0].guid};
  Result<ImportPlan> plan = plan_import(p, index.inputs());
  REQUIRE(plan.ok());
  CHECK(plan.value().batch.memos.empty());
  REQUIRE(plan.value().notes_left_out.size() == 1);
  CHECK(plan.value().notes_left_out[0].reason == "its text of 65537 bytes is longer than a memo (65536 bytes)");
}

TEST_CASE("a memo the store holds already, as written or as export masked it, is not added again") {
  Index index;
  RefiProject p = project_of(index, {});
  p.notes = {note("m", "Ring 070-123 45 67.", "analyzer:answer a1"), note("n", "Ny memo.", "analyzer:answer a1")};
  PersonalDataMasker masker;
  p.notes[0].text = masker.mask(p.notes[0].text);
  p.sources[0].note_guids = {p.notes[0].guid, p.notes[1].guid};
  ImportInputs in = index.inputs();
  in.masker = &masker;
  coding::Memo held;
  held.target = "answer";
  held.answer_id = "a1";
  held.text = "Ring 070-123 45 67.";
  held.coder = "anna";
  in.memos.push_back(held);
  Result<ImportPlan> plan = plan_import(p, in);
  REQUIRE(plan.ok());
  CHECK(plan.value().memos_already_there == 1);
  REQUIRE(plan.value().batch.memos.size() == 1);
  CHECK(plan.value().batch.memos[0].text == "Ny memo.");
}

TEST_CASE("a selection whose text moved is found again by its quote, one whose quote is gone is refused") {
  Index index;
  RefiProject p = project_of(index, {selection(index, "a2", {0, 5}, kSip), selection(index, "a1", {0, 2}, kSip)});
  // The project's text has two more characters before the answers: the
  // selections' positions point into that older text.
  RefiTextSource& s = p.sources[0];
  s.text.insert(0, "Ny");
  for (RefiSelection& sel : s.selections) sel.start += 2, sel.end += 2;
  s.text.replace(s.text.find("Vi har"), 2, "Ni");  // the second quote is gone from the index's text
  Result<ImportPlan> plan = plan_import(p, index.inputs());
  REQUIRE(plan.ok());
  REQUIRE(plan.value().batch.codings.size() == 1);
  CHECK(plan.value().batch.codings[0].coding.answer_id == "a2");
  CHECK(plan.value().batch.codings[0].coding.span == ByteSpan{0, 5});
  CHECK(plan.value().reanchored == 1);
  REQUIRE(plan.value().refused.size() == 1);
  CHECK(plan.value().refused[0].reason.find("its quote is not found") != std::string::npos);
}

TEST_CASE("a selection in a text a tool rewrote with CR LF line ends (positions count the CRs) is found by its quote") {
  Index index;
  RefiProject p = project_of(index, {});
  std::string crlf;
  for (char c : index.parts.at(0).text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  p.sources[0].text = crlf;
  RefiSelection s;
  s.guid = stable_guid("selection", "crlf");
  s.start = static_cast<std::int64_t>(utf8::code_points(crlf.substr(0, crlf.find("hemgång"))));
  s.end = s.start + 7;
  s.creating_user = kAnna;
  s.codings.push_back({stable_guid("coding", "crlf"), kSip, kAnna, ""});
  p.sources[0].selections.push_back(s);
  Result<ImportPlan> plan = plan_import(p, index.inputs());
  REQUIRE(plan.ok());
  REQUIRE(plan.value().batch.codings.size() == 1);
  CHECK(plan.value().batch.codings[0].coding.answer_id == "a2");
  CHECK(plan.value().batch.codings[0].coding.quote == "hemgång");
  CHECK(plan.value().batch.codings[0].coding.span == ByteSpan{6, 14});
}

TEST_CASE("a selection on the part's title is refused: it is in no answer") {
  Index index;
  RefiSelection s = selection(index, "a1", {7, 10}, kSip);
  s.start = 0;
  s.end = 3;
  Result<ImportPlan> plan = plan_import(project_of(index, {s}), index.inputs());
  REQUIRE(plan.ok());
  REQUIRE(plan.value().refused.size() == 1);
  CHECK(plan.value().refused[0].reason.find("not inside one answer's text") != std::string::npos);
}

TEST_CASE("a selection outside its source's text refuses the whole project") {
  Index index;
  RefiSelection s = selection(index, "a1", {7, 10}, kSip);
  s.end = 100000;
  Result<ImportPlan> plan = plan_import(project_of(index, {selection(index, "a2", {0, 5}, kSip), s}), index.inputs());
  REQUIRE_FALSE(plan.ok());
  CHECK(plan.error().message.find("outside its text of") != std::string::npos);
}

TEST_CASE("a coding with a code GUID the codebook does not hold refuses the whole project") {
  Index index;
  Result<ImportPlan> plan =
      plan_import(project_of(index, {selection(index, "a1", {7, 10}, stable_guid("code", "nowhere"))}), index.inputs());
  REQUIRE_FALSE(plan.ok());
  CHECK(plan.error().message.find("which the project's codebook does not hold") != std::string::npos);
}

TEST_CASE("a project whose sources are not parts of the index, nor ingested as another tool's, is refused") {
  Index index;
  RefiProject p = project_of(index, {});
  p.sources[0].guid = "{6F9619FF-8B86-D011-B42D-00C04FC964FF}";
  Result<ImportPlan> plan = plan_import(p, index.inputs());
  REQUIRE_FALSE(plan.ok());
  CHECK(plan.error().message.find("the project was not exported from it") != std::string::npos);
  CHECK(plan.error().hint.find("give the index it was exported from with --index") != std::string::npos);
}

TEST_CASE("source GUIDs match in upper case and with braces") {
  Index index;
  RefiProject p = project_of(index, {selection(index, "a1", {7, 10}, kSip)});
  std::string upper = "{" + kSourceGuid + "}";
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  p.sources[0].guid = upper;
  Result<ImportPlan> plan = plan_import(p, index.inputs());
  REQUIRE(plan.ok());
  CHECK(plan.value().manual == 1);
}

// ---- the store --------------------------------------------------------------

TEST_CASE("apply_import writes codes, codings and memos in one transaction") {
  analyzer::test::TempDir dir;
  auto store = coding::CodingStore::open(dir / "c.sqlite");
  REQUIRE(store.ok());
  coding::ImportBatch batch;
  batch.codes.push_back({"Trygghet", "", std::nullopt, std::nullopt, "anna"});
  batch.codes.push_back({"Oro", "", std::nullopt, 0, "anna"});
  coding::ImportCoding c;
  c.coding.kind = coding::CodingKind::Manual;
  c.coding.answer_id = "a1";
  c.coding.source = "f.txt";
  c.coding.span = {0, 2};
  c.coding.quote = "Vi";
  c.code_new = 1;
  c.coder = "bo";
  c.created = "2026-12-01T10:00:00Z";
  c.memos = {{.text = "en memo"}};
  batch.codings.push_back(c);
  Result<coding::ImportResult> r = store.value()->apply_import(batch);
  REQUIRE(r.ok());
  auto codes = store.value()->codes();
  REQUIRE(codes.value().size() == 2);
  CHECK(codes.value()[1].parent == std::optional<std::int64_t>(codes.value()[0].id));
  auto codings = store.value()->codings();
  REQUIRE(codings.value().size() == 1);
  CHECK(codings.value()[0].code == "Oro");
  CHECK(codings.value()[0].coder == "bo");
  CHECK(codings.value()[0].created == "2026-12-01T10:00:00Z");
  CHECK(codings.value()[0].memos == std::vector<std::string>{"en memo"});
}

TEST_CASE("apply_import that fails at its last step leaves the store as it was") {
  analyzer::test::TempDir dir;
  const std::string path = dir / "c.sqlite";
  {
    auto store = coding::CodingStore::open(path);
    REQUIRE(store.ok());
    REQUIRE(store.value()->add_code("Trygghet", "", "", "anna").ok());
  }
  coding::ImportBatch batch;
  batch.codes.push_back({"Oro", "", std::nullopt, std::nullopt, "anna"});
  batch.codes.push_back({"Trygghet", "", std::nullopt, std::nullopt, "anna"});  // taken: refuses the batch
  auto store = coding::CodingStore::open(path);
  Result<coding::ImportResult> r = store.value()->apply_import(batch);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "an own code is named \"Trygghet\" already");
  CHECK(store.value()->codes().value().size() == 1);
}

// --- Another tool's sources as files (foreign_sources.hpp) ----------------

namespace {

// A project with one text source (GUID "s1").
RefiProject one_source(const std::string& name, std::string text) {
  RefiProject p;
  RefiTextSource s;
  s.guid = "s1";
  s.name = name;
  s.text = std::move(text);
  p.sources.push_back(std::move(s));
  return p;
}

}  // namespace

TEST_CASE("a source's name is made a safe file name: letters and digits kept, slashes and colons replaced") {
  CHECK(safe_file_name("Fokusgrupp: Örebro") == "Fokusgrupp_ Örebro");
  CHECK(safe_file_name("../etc/passwd") == "_etc_passwd");
  CHECK(safe_file_name("") == "source");
  CHECK(safe_file_name(std::string(300, 'a')).size() == 100);
}

TEST_CASE("another tool's source gets its year, region and respondent from its case's variables") {
  RefiProject p = one_source("Intervju 1", "Svar.");
  p.variables = {{"v1", "Year", "Integer", ""}, {"v2", "Region", "Text", ""}, {"v3", "Respondenttyp", "Text", ""}};
  RefiCase c;
  c.name = "RSS Dalarna";
  c.values = {{"v1", "", 2022}, {"v2", "Dalarna", std::nullopt}, {"v3", "rss", std::nullopt}};
  c.source_guids = {"s1"};
  p.cases.push_back(c);
  analyzer::test::TempDir dir;
  auto files = plan_foreign_files(p, {}, {}, dir.str());
  REQUIRE(files.ok());
  REQUIRE(files.value().size() == 1);
  const ForeignFile& f = files.value()[0];
  CHECK(f.file_name == "Intervju 1.txt");
  CHECK(f.year == 2022);
  CHECK(f.region == "Dalarna");
  CHECK(f.type == RespondentType::Rss);
  CHECK(f.respondent == "RSS Dalarna");
  CHECK_FALSE(f.exists);
}

TEST_CASE("another tool's source whose name the index holds with other content gets the next name") {
  const RefiProject p = one_source("svar", "Nytt svar.");
  analyzer::test::TempDir dir;
  auto files = plan_foreign_files(p, {}, {{"svar.txt", "0123"}}, dir.str());
  REQUIRE(files.ok());
  CHECK(files.value()[0].file_name == "svar-2.txt");
}

TEST_CASE("another tool's source larger than 16 MiB is refused whole, naming the source") {
  const RefiProject p = one_source("Stor", std::string(kMaxForeignSourceBytes + 1, 'a'));
  analyzer::test::TempDir dir;
  auto files = plan_foreign_files(p, {}, {}, dir.str());
  REQUIRE_FALSE(files.ok());
  CHECK(files.error().message.find("source \"Stor\" has") != std::string::npos);
}
