// exchange/refi_export.hpp, refi_xml.hpp, qdpx_writer.hpp: the REFI-QDA
// project analyzer exports, built from answers, themes and the coding
// store, written as project.qde in a .qdpx ZIP and as a .qdc codebook.
// The ZIP and the XML are read back with libzip and pugixml, as another
// program sees them.

#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "analyzer/core/mention_id.hpp"
#include "analyzer/core/utf8.hpp"
#include "analyzer/exchange/qdpx_writer.hpp"
#include "analyzer/exchange/refi_export.hpp"
#include "analyzer/exchange/refi_guid.hpp"
#include "analyzer/exchange/refi_xml.hpp"
#include "../support/office_files.hpp"
#include "../support/temp_files.hpp"

using namespace analyzer;
using namespace analyzer::exchange;
using analyzer::test::TempDir;

namespace {

const ProjectHeader kHeader{"analyzer: index", "analyzer 0.1", "2026-12-07T10:00:00Z"};
const std::vector<ExportTheme> kThemes{{"mobila_team", "Mobila team", "Team som åker hem till patienten."},
                                       {"sip", "SIP", "Samordnad individuell plan."}};

// Å, ä, ö (two bytes each) and an emoji (four bytes, one code point)
// before the coded words, so bytes and code points differ.
const std::string kText = "Åsa i Västerås 🙂 säger: vi har mobila team och SIP för äldre.";

AnswerRecord answer(const std::string& id, const std::string& text, const std::string& source = "dalarna-2022.txt",
                    int part = 0) {
  AnswerRecord a;
  a.id = id;
  a.source = source;
  a.part = part;
  a.respondent.name = "RSS Dalarna";
  a.respondent.year = 2022;
  a.respondent.region = "Dalarna";
  a.respondent.type = RespondentType::Rss;
  a.question = "5a";
  a.question_text = "Beskriv arbetet";
  a.text = text;
  a.span = {100, 100 + text.size()};
  return a;
}

ByteSpan bytes_of(const std::string& text, const std::string& word) {
  const std::size_t at = text.find(word);
  REQUIRE(at != std::string::npos);
  return {at, at + word.size()};
}

// A mention of `theme` on `word` (at ingest, `span` is the original file's
// bytes: here the answer starts at byte 100).
Mention mention(const std::string& theme, const std::string& text, const std::string& word) {
  Mention m;
  m.theme = theme;
  m.in_text = bytes_of(text, word);
  m.span = {100 + m.in_text.begin, 100 + m.in_text.end};
  return m;
}

coding::Coding stored(std::int64_t id, coding::CodingKind kind, const std::string& theme, const std::string& text,
                      const std::string& word, const std::string& coder = "anna") {
  coding::Coding c;
  c.id = id;
  c.kind = kind;
  c.theme = theme;
  c.answer_id = "a1";
  c.source = "dalarna-2022.txt";
  c.span = bytes_of(text, word);
  c.quote = word;
  c.coder = coder;
  c.created = "2026-12-06T09:00:00Z";
  return c;
}

const RefiSelection* find_selection(const RefiProject& p, const std::string& key) {
  const std::string guid = stable_guid("selection", key);
  for (const RefiTextSource& s : p.sources)
    for (const RefiSelection& sel : s.selections)
      if (sel.guid == guid) return &sel;
  return nullptr;
}

const RefiNote* find_note(const RefiProject& p, const std::string& guid) {
  for (const RefiNote& n : p.notes)
    if (n.guid == guid) return &n;
  return nullptr;
}

// Code points [start, end) of `text`, as bytes.
std::string cp_cut(const std::string& text, std::int64_t start, std::int64_t end) {
  const std::size_t b = utf8::prefix_length(text, static_cast<std::size_t>(start));
  const std::size_t e = utf8::prefix_length(text, static_cast<std::size_t>(end));
  return text.substr(b, e - b);
}

}  // namespace

TEST_CASE("a coding's selection, cut from the exported source by code points, equals its quote (å, ä, ö, emoji)") {
  StoreContent store;
  store.codings = {stored(1, coding::CodingKind::Manual, "mobila_team", kText, "mobila team"),
                   stored(2, coding::CodingKind::Manual, "sip", kText, "SIP för äldre")};
  const BuiltProject built = build_refi_project(kHeader, {answer("a1", kText)}, {}, kThemes, store);
  REQUIRE(built.project.sources.size() == 1);
  const RefiTextSource& source = built.project.sources[0];
  for (const auto& [key, quote] : {std::pair{"coding:1", "mobila team"}, std::pair{"coding:2", "SIP för äldre"}}) {
    const RefiSelection* sel = find_selection(built.project, key);
    REQUIRE(sel);
    CHECK(cp_cut(source.text, sel->start, sel->end) == quote);
    CHECK(sel->name == quote);
    // Code points, not bytes: before it stand four two-byte letters and a four-byte emoji.
    const std::size_t byte_start = source.text.find(quote);
    CHECK(sel->start == static_cast<std::int64_t>(utf8::code_points(source.text.substr(0, byte_start))));
    CHECK(static_cast<std::size_t>(sel->start) + 7 == byte_start);
  }
  CHECK(built.summary.manual == 2);
  CHECK(built.summary.characters + 9 == built.summary.bytes);  // six of å, ä, ö (a byte more each), 🙂 (three more)
}

TEST_CASE("a mention nobody decided on is a selection of the lexicon user coded with its theme") {
  AnswerRecord a = answer("a1", kText);
  a.mentions = {mention("mobila_team", kText, "mobila team")};
  const BuiltProject built = build_refi_project(kHeader, {a}, {}, kThemes, {});
  const std::string mid = mention_id("a1", "mobila_team", a.mentions[0].span);
  const RefiSelection* sel = find_selection(built.project, "auto:" + mid);
  REQUIRE(sel);
  CHECK(sel->creating_user == stable_guid("user", "analyzer:lexicon"));
  REQUIRE(sel->codings.size() == 1);
  CHECK(sel->codings[0].guid == stable_guid("coding", "auto:" + mid));
  CHECK(sel->codings[0].code_guid == stable_guid("code", "theme:mobila_team"));
  CHECK(sel->description.empty());
  CHECK(built.summary.automatic == 1);
  REQUIRE(built.project.users.size() == 1);
  CHECK(built.project.users[0].name == "analyzer (lexikon)");
}

TEST_CASE("an accepted mention is the coder's selection, described, and no longer an automatic one") {
  AnswerRecord a = answer("a1", kText);
  a.mentions = {mention("sip", kText, "SIP")};
  const std::string mid = mention_id("a1", "sip", a.mentions[0].span);
  StoreContent store;
  store.codings = {stored(7, coding::CodingKind::Accepted, "sip", kText, "SIP", "bo")};
  store.codings[0].mention_id = mid;
  const BuiltProject built = build_refi_project(kHeader, {a}, {}, kThemes, store);
  CHECK_FALSE(find_selection(built.project, "auto:" + mid));
  const RefiSelection* sel = find_selection(built.project, "coding:7");
  REQUIRE(sel);
  CHECK(sel->description == "analyzer:accepted " + mid);
  CHECK(sel->creating_user == stable_guid("user", "bo"));
  CHECK(sel->created == "2026-12-06T09:00:00Z");
  REQUIRE(sel->codings.size() == 1);
  CHECK(sel->codings[0].code_guid == stable_guid("code", "theme:sip"));
  CHECK(built.summary.accepted == 1);
  CHECK(built.summary.automatic == 0);
}

TEST_CASE("a rejected mention has no coding, its decision in the description and a note naming coder and theme") {
  AnswerRecord a = answer("a1", kText);
  a.mentions = {mention("sip", kText, "SIP")};
  const std::string mid = mention_id("a1", "sip", a.mentions[0].span);
  StoreContent store;
  store.codings = {stored(3, coding::CodingKind::Rejected, "sip", kText, "SIP")};
  store.codings[0].mention_id = mid;
  const BuiltProject built = build_refi_project(kHeader, {a}, {}, kThemes, store);
  CHECK_FALSE(find_selection(built.project, "auto:" + mid));
  const RefiSelection* sel = find_selection(built.project, "coding:3");
  REQUIRE(sel);
  CHECK(sel->codings.empty());
  CHECK(sel->description == "analyzer:rejected " + mid + " sip");
  REQUIRE(sel->note_guids.size() == 1);
  const RefiNote* note = find_note(built.project, sel->note_guids[0]);
  REQUIRE(note);
  CHECK(note->text == "Avvisad av anna: SIP (automatisk kodning från lexikonet)");
  CHECK(built.summary.rejected == 1);
}

TEST_CASE("own codes keep their nesting, and memos become notes on their code, coding and source") {
  StoreContent store;
  store.own_codes = {{1, "Bemanning", "Brist på personal", std::nullopt, "anna", ""},
                     {2, "Sjuksköterskor", "", 1, "anna", ""},
                     {3, "Natt", "", 2, "anna", ""}};
  store.codings = {stored(4, coding::CodingKind::Manual, "", kText, "äldre")};
  store.codings[0].code_id = 3;
  store.memos = {{.id = 1, .target = "code", .code_id = 2, .text = "om koden", .coder = "anna", .created = "2026-12-06T09:00:00Z"},
                 {.id = 2, .target = "coding", .coding_id = 4, .text = "om kodningen", .coder = "bo", .created = "2026-12-06T09:01:00Z"},
                 {.id = 3, .target = "answer", .answer_id = "a1", .text = "om svaret", .coder = "anna", .created = "2026-12-06T09:02:00Z"}};
  const BuiltProject built = build_refi_project(kHeader, {answer("a1", kText)}, {}, kThemes, store);
  const std::vector<RefiCode>& codes = built.project.codes;
  REQUIRE(codes.size() == 3);  // two themes, one top-level own code
  CHECK(codes[2].name == "Bemanning");
  CHECK(codes[2].guid == stable_guid("code", "own:1"));
  CHECK(codes[2].description == "Brist på personal");
  REQUIRE(codes[2].children.size() == 1);
  REQUIRE(codes[2].children[0].children.size() == 1);
  CHECK(codes[2].children[0].children[0].name == "Natt");
  CHECK(codes[2].children[0].note_guids == std::vector<std::string>{stable_guid("note", "memo:1")});
  const RefiSelection* sel = find_selection(built.project, "coding:4");
  REQUIRE(sel);
  REQUIRE(sel->codings.size() == 1);
  CHECK(sel->codings[0].code_guid == stable_guid("code", "own:3"));
  CHECK(sel->note_guids == std::vector<std::string>{stable_guid("note", "memo:2")});
  CHECK(built.project.sources[0].note_guids == std::vector<std::string>{stable_guid("note", "memo:3")});
  CHECK(find_note(built.project, stable_guid("note", "memo:2"))->text == "om kodningen");
  CHECK(built.summary.memos == 3);
  CHECK(built.summary.own_codes == 3);
}

TEST_CASE("orphaned codings, codings of parts not exported and of unknown themes are left out and counted") {
  StoreContent store;
  store.codings = {stored(1, coding::CodingKind::Manual, "sip", kText, "SIP"),
                   stored(2, coding::CodingKind::Manual, "sip", kText, "SIP"),
                   stored(3, coding::CodingKind::Manual, "okänt_tema", kText, "SIP")};
  store.codings[0].orphaned = true;
  store.codings[1].answer_id = "not-exported";
  store.memos = {{.id = 1, .target = "coding", .coding_id = 1, .text = "om en föräldralös kodning", .coder = "anna", .created = ""}};
  const BuiltProject built = build_refi_project(kHeader, {answer("a1", kText)}, {}, kThemes, store);
  CHECK(built.summary.orphaned == std::vector<std::int64_t>{1});
  CHECK(built.summary.not_exported == std::vector<std::int64_t>{2});
  CHECK(built.summary.unknown_code == std::vector<std::int64_t>{3});
  CHECK(built.summary.memos_left_out == 1);
  CHECK(built.project.sources[0].selections.empty());
  CHECK(built.project.notes.empty());
}

TEST_CASE("a source is named by respondent, year and file and carries År, Region and Respondenttyp") {
  const BuiltProject built = build_refi_project(kHeader, {answer("a1", kText)}, {}, kThemes, {});
  const RefiTextSource& s = built.project.sources[0];
  CHECK(s.guid == stable_guid("source", "dalarna-2022.txt#0"));
  CHECK(s.name == "RSS Dalarna 2022 (dalarna-2022.txt)");
  CHECK(s.plain_text_path == "internal://" + s.guid + ".txt");
  REQUIRE(s.values.size() == 3);
  CHECK(s.values[0].integer == 2022);
  CHECK(s.values[1].text == "Dalarna");
  CHECK(s.values[2].text == "rss");
  REQUIRE(built.project.cases.size() == 1);
  CHECK(built.project.cases[0].guid == stable_guid("case", "RSS Dalarna|rss"));
  CHECK(built.project.cases[0].source_guids == std::vector<std::string>{s.guid});
}

TEST_CASE("masked personal data never appears in the qdpx, in sources, selections or notes") {
  const std::string text = "Ring 070-123 45 67 eller skriv till maria.hogkvist@regiondalarna.se om SIP.";
  AnswerRecord a = answer("a1", text);
  a.mentions = {mention("sip", text, "SIP")};
  StoreContent store;
  store.codings = {stored(1, coding::CodingKind::Manual, "sip", text, "070-123 45 67 eller skriv till maria")};
  store.memos = {{.id = 1, .target = "answer", .answer_id = "a1", .text = "Ring 070-123 45 67", .coder = "anna", .created = ""}};
  const BuiltProject built = build_refi_project(kHeader, {a}, {}, kThemes, store);
  TempDir dir;
  const std::string path = dir / "projekt.qdpx";
  REQUIRE(write_qdpx(built.project, path, 0).ok());
  const auto members = analyzer::test::zip_members(path);
  REQUIRE(members.size() == 2);
  for (const auto& [name, content] : members) {
    INFO(name);
    CHECK(content.find("070-123") == std::string::npos);
    CHECK(content.find("hogkvist") == std::string::npos);
  }
  CHECK(members.at("sources/" + built.project.sources[0].guid + ".txt").find("[telefon]") != std::string::npos);
}

TEST_CASE("the same input gives the same project.qde and the same qdpx bytes") {
  AnswerRecord a = answer("a1", kText);
  a.mentions = {mention("sip", kText, "SIP")};
  StoreContent store;
  store.codings = {stored(1, coding::CodingKind::Manual, "mobila_team", kText, "mobila team")};
  const BuiltProject first = build_refi_project(kHeader, {a}, {}, kThemes, store);
  const BuiltProject second = build_refi_project(kHeader, {a}, {}, kThemes, store);
  CHECK(project_xml(first.project) == project_xml(second.project));
  TempDir dir;
  REQUIRE(write_qdpx(first.project, dir / "a.qdpx", 1765000000).ok());
  REQUIRE(write_qdpx(second.project, dir / "b.qdpx", 1765000000).ok());
  CHECK(analyzer::test::read_file(dir / "a.qdpx") == analyzer::test::read_file(dir / "b.qdpx"));
}

TEST_CASE("project.qde puts elements in the schema's order and keeps line ends in attributes") {
  StoreContent store;
  const std::string text = "Första raden\nandra raden med SIP.";
  store.codings = {stored(1, coding::CodingKind::Manual, "sip", text, "raden\nandra")};
  store.memos = {{.id = 1, .target = "coding", .coding_id = 1, .text = "memo", .coder = "anna", .created = ""}};
  const BuiltProject built = build_refi_project(kHeader, {answer("a1", text)}, {}, kThemes, store);
  const std::string xml = project_xml(built.project);
  const pugi::xml_document doc = analyzer::test::parse_xml(xml, "project.qde");
  const pugi::xml_node project = doc.child("Project");
  CHECK(std::string(project.attribute("xmlns").value()) == "urn:QDA-XML:project:1.0");
  std::vector<std::string> order;
  for (pugi::xml_node n : project.children()) order.push_back(n.name());
  CHECK(order == std::vector<std::string>{"Users", "CodeBook", "Variables", "Cases", "Sources", "Notes"});
  const pugi::xml_node sel = project.child("Sources").child("TextSource").child("PlainTextSelection");
  CHECK(std::string(sel.attribute("name").value()) == "raden\nandra");
  CHECK(xml.find("name=\"raden&#10;andra\"") != std::string::npos);
  std::vector<std::string> inside;
  for (pugi::xml_node n : sel.children()) inside.push_back(n.name());
  CHECK(inside == std::vector<std::string>{"Coding", "NoteRef"});
}

TEST_CASE("a character XML forbids is dropped, so project.qde always parses") {
  const std::string text = "SIP\x1b[31m i text";
  StoreContent store;
  store.codings = {stored(1, coding::CodingKind::Manual, "sip", text, "SIP\x1b[31m")};
  const BuiltProject built = build_refi_project(kHeader, {answer("a1", text)}, {}, kThemes, store);
  const std::string xml = project_xml(built.project);
  CHECK(xml.find('\x1b') == std::string::npos);
  CHECK(xml.find("&#27;") == std::string::npos);
  const pugi::xml_document doc = analyzer::test::parse_xml(xml, "project.qde");
  CHECK(std::string(doc.child("Project").child("Sources").child("TextSource").child("PlainTextSelection")
                        .attribute("name").value()) == "SIP[31m");
}

TEST_CASE("the codebook file holds every theme and own code, nested, in the codebook namespace") {
  StoreContent store;
  store.own_codes = {{1, "Bemanning", "", std::nullopt, "anna", ""}, {2, "Natt", "", 1, "anna", ""}};
  const BuiltProject built = build_refi_project(kHeader, {}, {}, kThemes, store);
  TempDir dir;
  const std::string path = dir / "kodbok.qdc";
  REQUIRE(write_codebook(built.project, path).ok());
  const pugi::xml_document doc = analyzer::test::parse_xml(analyzer::test::read_file(path), "kodbok.qdc");
  const pugi::xml_node book = doc.child("CodeBook");
  CHECK(std::string(book.attribute("xmlns").value()) == "urn:QDA-XML:codebook:1.0");
  std::vector<std::string> top;
  for (pugi::xml_node c : book.child("Codes").children("Code")) top.push_back(c.attribute("name").value());
  CHECK(top == std::vector<std::string>{"Mobila team", "SIP", "Bemanning"});
  CHECK(std::string(book.child("Codes").find_child_by_attribute("Code", "name", "Bemanning").child("Code")
                        .attribute("name").value()) == "Natt");
  CHECK(std::string(book.child("Codes").child("Code").child("Description").text().get()) ==
        "Team som åker hem till patienten.");
}

TEST_CASE("a write into a folder that does not exist fails naming the file and leaves nothing behind") {
  TempDir dir;
  const std::string path = dir / "saknas/projekt.qdpx";
  const Status s = write_qdpx(build_refi_project(kHeader, {}, {}, kThemes, {}).project, path, 0);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().file == path);
  CHECK(s.error().message.find("cannot write the REFI-QDA file") != std::string::npos);
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()) == 0);
}

TEST_CASE("a failed write leaves an existing file as it was") {
  TempDir dir;
  const std::string path = dir / "projekt.qdpx";
  analyzer::test::write_file(path, "tidigare export");
  // The temporary file's name taken by a folder: libzip cannot write there.
  std::filesystem::create_directory(path + ".part" + std::to_string(getpid()));
  const Status s = write_qdpx(build_refi_project(kHeader, {}, {}, kThemes, {}).project, path, 0);
  CHECK_FALSE(s.ok());
  CHECK(analyzer::test::read_file(path) == "tidigare export");
}
