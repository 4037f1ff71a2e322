// End-to-end tests of `analyzer export` through build/bin/analyzer: the
// seeds of corpora/ ingested once, coded (an accepted and a rejected
// mention, a manual coding with a theme on text with å, ä, ö, one with an
// own code nested two levels down, memos on codings, an answer and an own
// code), exported as .qdpx and .qdc. The
// files are read back with libzip and pugixml and validated with xmllint
// against the REFI-QDA schema in ../shared/refi-qda (beside the repository).

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "../support/office_files.hpp"
#include "cli_support.hpp"
#include "coding_cli_support.hpp"

using namespace cli;

namespace {

const std::string kSchema = ANALYZER_REFI_QDA_DIR "/Project-mrt2019.xsd";
const RunIn kFixedTime{"", {{"SOURCE_DATE_EPOCH", "1765000000"}}};

struct Coded {
  TempDir dir;
  std::string index = dir / "index";
  std::string store = dir / "codings.sqlite";
  std::string accepted, rejected;  // mention ids
  std::string manual_quote;        // the manual theme coding's quote
  std::string own_quote;
};

std::vector<std::string> with_store(std::vector<std::string> args, const Coded& c) {
  for (const std::string& extra : {std::string("--index"), c.index, std::string("--codings"), c.store})
    args.push_back(extra);
  return args;
}

void must(const RunResult& r) {
  if (r.status != 0) {
    std::ostringstream msg;
    msg << "setup failed: " << r;
    throw std::runtime_error(msg.str());
  }
}

// Bytes [b, e) of `text` moved back to the start of their UTF-8 characters.
std::pair<std::size_t, std::size_t> char_bounds(const std::string& text, std::size_t b, std::size_t e) {
  auto start_of = [&](std::size_t p) {
    while (p > 0 && p < text.size() && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) --p;
    return p;
  };
  return {start_of(b), start_of(e)};
}

// The seeds ingested and coded once for this test process.
const Coded& coded() {
  static Coded c;
  static const bool done = [] {
    // The seeds, with a phone number and an e-mail address in a sentence.
    const std::string corpora = copy_of_corpora(c.dir);
    replace_in_file(corpora + "/002_93ee68d2c458f8dc.txt", "En gemensamt framtagen utbildning i SIP har genomförts.",
                    "En gemensamt framtagen utbildning i SIP har genomförts (070-123 45 67, "
                    "pernilla.wallerstedt@regionhalland.se).");
    must(run({"ingest", "--index", c.index, corpora}));
    const std::vector<json> sip = list_jsonl("mentions", c.index, {"--theme", "sip"});
    const std::vector<json> team = list_jsonl("mentions", c.index, {"--theme", "mobila_team"});
    c.accepted = sip.at(0)["id"];
    c.rejected = team.at(0)["id"];
    must(run(with_store({"code", "accept", c.accepted, "--coder", "anna", "--memo", "tydligt SIP"}, c)));
    must(run(with_store({"code", "reject", c.rejected, "--coder", "bo"}, c)));
    must(run(with_store({"codes", "add", "Bemanning", "--coder", "anna"}, c)));
    must(run(with_store({"codes", "add", "Sjuksköterskor", "--parent", "Bemanning", "--coder", "anna"}, c)));
    must(run(with_store({"codes", "add", "Natt", "--parent", "Sjuksköterskor", "--coder", "anna"}, c)));
    // A manual coding on an answer with å, ä or ö before the span, so its
    // bytes and code points differ.
    for (const json& a : answers(c.index)) {
      const std::string text = a["text"];
      const std::size_t letter = text.find("\xC3");
      if (letter == std::string::npos || letter < 5 || text.size() < letter + 60) continue;
      const auto [b, e] = char_bounds(text, letter + 4, letter + 40);
      c.manual_quote = text.substr(b, e - b);
      must(run(with_store({"code", "add", "--answer", a["id"], "--start", std::to_string(b), "--end",
                           std::to_string(e), "--code", "fast vårdkontakt", "--coder", "anna", "--memo",
                           "saknades"},
                          c)));
      const auto [ob, oe] = char_bounds(text, letter + 10, letter + 55);
      c.own_quote = text.substr(ob, oe - ob);
      must(run(with_store({"code", "add", "--answer", a["id"], "--start", std::to_string(ob), "--end",
                           std::to_string(oe), "--code", "Natt", "--coder", "bo"},
                          c)));
      must(run(with_store({"memo", "add", "--answer", a["id"], "--coder", "bo", "Läs hela svaret: två planer."}, c)));
      break;
    }
    if (c.manual_quote.empty()) throw std::runtime_error("no answer with å, ä or ö");
    must(run(with_store({"memo", "add", "--code", "Natt", "--coder", "anna", "Nattbemanning, inte dagtid."}, c)));
    return true;
  }();
  (void)done;
  return c;
}

struct Exported {
  TempDir dir;
  RunResult result;
  std::map<std::string, std::string> members;
};

// `analyzer export --format qdpx` of the coded seeds, once.
const Exported& exported() {
  static Exported e;
  static const bool done = [] {
    e.result = run(with_store({"export", "--format", "qdpx", "--output", e.dir / "projekt.qdpx"}, coded()), kFixedTime);
    if (e.result.status == 0) e.members = analyzer::test::zip_members(e.dir / "projekt.qdpx");
    return true;
  }();
  (void)done;
  return e;
}

pugi::xml_node project_of(const pugi::xml_document& doc) { return doc.child("Project"); }

std::string source_text(const Exported& e, const std::string& guid) { return e.members.at("sources/" + guid + ".txt"); }

std::string cp_cut(const std::string& text, long long start, long long end) {
  auto byte_of = [&](long long n) {
    std::size_t i = 0;
    for (long long k = 0; k < n && i < text.size(); ++k) {
      ++i;
      while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
    }
    return i;
  };
  const std::size_t b = byte_of(start), e = byte_of(end);
  return text.substr(b, e - b);
}

}  // namespace

TEST_CASE("export writes a qdpx whose project.qde passes the REFI-QDA schema") {
  const Exported& e = exported();
  INFO(e.result);
  REQUIRE(e.result.status == 0);
  INFO("the schema lies in ../shared/refi-qda beside the repository: " << kSchema);
  REQUIRE(std::filesystem::exists(kSchema));
  REQUIRE(e.members.count("project.qde"));
  const std::string qde = e.dir / "project.qde";
  analyzer::test::write_file(qde, e.members.at("project.qde"));
  const int status = std::system(("xmllint --noout --schema '" + kSchema + "' '" + qde + "' 2>" +
                                  (e.dir / "xmllint.err")).c_str());
  INFO(analyzer::test::read_file(e.dir / "xmllint.err"));
  CHECK(status == 0);
}

TEST_CASE("export has one source file per TextSource, UTF-8 without BOM, with no CR") {
  const Exported& e = exported();
  REQUIRE(e.result.status == 0);
  const pugi::xml_document doc = analyzer::test::parse_xml(e.members.at("project.qde"), "project.qde");
  std::set<std::string> listed;
  for (pugi::xml_node s : project_of(doc).child("Sources").children("TextSource")) {
    const std::string guid = s.attribute("guid").value();
    CHECK(std::string(s.attribute("plainTextPath").value()) == "internal://" + guid + ".txt");
    listed.insert("sources/" + guid + ".txt");
  }
  std::set<std::string> files;
  for (const auto& [name, content] : e.members) {
    if (name == "project.qde") continue;
    files.insert(name);
    INFO(name);
    CHECK(content.rfind("\xEF\xBB\xBF", 0) != 0);
    CHECK(content.find('\r') == std::string::npos);
  }
  CHECK(files == listed);
  CHECK(files.size() >= 4);
}

TEST_CASE("export has a selection per automatic mention nobody decided on and per coding, of each kind") {
  const Exported& e = exported();
  REQUIRE(e.result.status == 0);
  const std::size_t mentions = list_jsonl("mentions", coded().index, {"--include-decisions"}).size();
  const pugi::xml_document doc = analyzer::test::parse_xml(e.members.at("project.qde"), "project.qde");
  std::map<std::string, std::size_t> kinds;
  for (pugi::xml_node s : project_of(doc).child("Sources").children("TextSource"))
    for (pugi::xml_node sel : s.children("PlainTextSelection")) {
      const std::string description = sel.child("Description").text().get();
      const bool coded = !sel.child("Coding").empty();
      if (description.rfind("analyzer:accepted ", 0) == 0) ++kinds["accepted"];
      else if (description.rfind("analyzer:rejected ", 0) == 0) ++kinds[coded ? "bad" : "rejected"];
      else if (std::string(sel.attribute("guid").value()).empty()) ++kinds["bad"];
      else ++kinds[std::string(sel.attribute("creationDateTime").value()).empty() ? "automatic" : "manual"];
    }
  CHECK(kinds["accepted"] == 1);
  CHECK(kinds["rejected"] == 1);
  CHECK(kinds["manual"] == 2);
  CHECK(kinds["automatic"] == mentions - 2);
  CHECK(kinds["bad"] == 0);
  CHECK(contains(e.result.out, "selections: " + std::to_string(mentions - 2) + " automatic, 1 accepted, 1 rejected, 2 manual"));
  CHECK(contains(e.result.out, "notes:      4 memos, 1 rejections"));
}

TEST_CASE("each exported coding, cut from its source by code points, is its quote") {
  const Exported& e = exported();
  REQUIRE(e.result.status == 0);
  const pugi::xml_document doc = analyzer::test::parse_xml(e.members.at("project.qde"), "project.qde");
  std::vector<std::string> manual;
  std::size_t bytes_differ = 0;
  for (pugi::xml_node s : project_of(doc).child("Sources").children("TextSource")) {
    const std::string text = source_text(e, s.attribute("guid").value());
    for (pugi::xml_node sel : s.children("PlainTextSelection")) {
      const long long start = sel.attribute("startPosition").as_llong(), end = sel.attribute("endPosition").as_llong();
      const std::string cut = cp_cut(text, start, end);
      CHECK(cut == sel.attribute("name").value());
      if (text.find(cut) != static_cast<std::size_t>(start)) ++bytes_differ;
      if (sel.child("Description").empty() && std::string(sel.attribute("creationDateTime").value()).size())
        manual.push_back(cut);
    }
  }
  std::sort(manual.begin(), manual.end());
  std::vector<std::string> quotes{coded().manual_quote, coded().own_quote};
  std::sort(quotes.begin(), quotes.end());
  CHECK(manual == quotes);
  CHECK(bytes_differ >= 2);  // positions are not byte offsets where å, ä, ö come before
}

TEST_CASE("export keeps the own codes' nesting and the themes' definitions, with the memos as notes") {
  const Exported& e = exported();
  REQUIRE(e.result.status == 0);
  const pugi::xml_document doc = analyzer::test::parse_xml(e.members.at("project.qde"), "project.qde");
  const pugi::xml_node codes = project_of(doc).child("CodeBook").child("Codes");
  const pugi::xml_node natt = codes.find_child_by_attribute("Code", "name", "Bemanning")
                                  .find_child_by_attribute("Code", "name", "Sjuksköterskor")
                                  .find_child_by_attribute("Code", "name", "Natt");
  CHECK_FALSE(natt.empty());
  const std::string sip = codes.find_child_by_attribute("Code", "name", "SIP").child("Description").text().get();
  CHECK(sip.rfind("Samordnad individuell plan", 0) == 0);
  std::set<std::string> notes;
  for (pugi::xml_node n : project_of(doc).child("Notes").children("Note")) notes.insert(n.child("PlainTextContent").text().get());
  CHECK(notes.count("tydligt SIP"));
  CHECK(notes.count("saknades"));
  CHECK(notes.count("Avvisad av bo: Mobila team (automatisk kodning från lexikonet)"));
  CHECK(natt.child("NoteRef"));  // the memo on the own code
}

TEST_CASE("a memo on an answer is a note on its source that names the answer") {
  const Exported& e = exported();
  REQUIRE(e.result.status == 0);
  const pugi::xml_document doc = analyzer::test::parse_xml(e.members.at("project.qde"), "project.qde");
  const pugi::xml_node note =
      project_of(doc).child("Notes").find_child_by_attribute("Note", "name", "Memo av bo");
  REQUIRE(note);
  CHECK(std::string(note.child("PlainTextContent").text().get()) == "Läs hela svaret: två planer.");
  const std::string description = note.child("Description").text().get();
  REQUIRE(description.rfind("analyzer:answer ", 0) == 0);
  const std::string answer = description.substr(16);
  bool on_source = false;
  for (pugi::xml_node s : project_of(doc).child("Sources").children("TextSource"))
    if (s.find_child_by_attribute("NoteRef", "targetGUID", note.attribute("guid").value())) on_source = true;
  CHECK(on_source);
  std::set<std::string> ids;
  for (const json& a : answers(coded().index)) ids.insert(a["id"].get<std::string>());
  CHECK(ids.count(answer));
}

TEST_CASE("export never shows a phone number or e-mail address of the answers") {
  const Exported& e = exported();
  REQUIRE(e.result.status == 0);
  bool in_answers = false;
  for (const json& a : answers(coded().index)) in_answers |= contains(a["text"].get<std::string>(), "wallerstedt@");
  REQUIRE(in_answers);
  bool masked = false;
  for (const auto& [name, content] : e.members) {
    INFO(name);
    CHECK_FALSE(contains(content, "wallerstedt@"));
    CHECK_FALSE(contains(content, "070-123"));
    masked |= contains(content, "SIP har genomförts ([telefon], [e-post]).");
  }
  CHECK(masked);
}

TEST_CASE("export twice with SOURCE_DATE_EPOCH gives the same file byte for byte") {
  const Exported& e = exported();
  REQUIRE(e.result.status == 0);
  TempDir dir;
  RunResult again = run(with_store({"export", "--output", dir / "igen.qdpx"}, coded()), kFixedTime);
  INFO(again);
  REQUIRE(again.status == 0);
  CHECK(analyzer::test::zip_members(dir / "igen.qdpx").at("project.qde") == e.members.at("project.qde"));
  CHECK(analyzer::test::read_file(dir / "igen.qdpx") == analyzer::test::read_file(e.dir / "projekt.qdpx"));
}

TEST_CASE("export --region takes the region's parts whole and counts the codings it leaves out") {
  TempDir dir;
  RunResult r = run(with_store({"export", "--output", dir / "halland.qdpx", "--region", "Halland"}, coded()));
  INFO(r);
  REQUIRE(r.status == 0);
  const auto members = analyzer::test::zip_members(dir / "halland.qdpx");
  const pugi::xml_document doc = analyzer::test::parse_xml(members.at("project.qde"), "project.qde");
  std::size_t sources = 0;
  for (pugi::xml_node s : project_of(doc).child("Sources").children("TextSource")) {
    ++sources;
    CHECK(std::string(s.attribute("name").value()).find("Halland") != std::string::npos);
  }
  CHECK(sources >= 1);
  CHECK(sources < exported().members.size() - 1);
  CHECK(contains(r.out, "codings of answers the filters leave out"));
}

TEST_CASE("export --format qdc writes the codebook alone: every theme and own code, nested, well-formed") {
  TempDir dir;
  const std::string path = dir / "kodbok.qdc";
  RunResult r = run(with_store({"export", "--format", "qdc", "--output", path}, coded()));
  INFO(r);
  REQUIRE(r.status == 0);
  CHECK(contains(r.out, "(REFI-QDA codebook): 6 themes, 3 own codes"));
  CHECK(std::system(("xmllint --noout '" + path + "'").c_str()) == 0);
  const pugi::xml_document doc = analyzer::test::parse_xml(analyzer::test::read_file(path), "kodbok.qdc");
  const pugi::xml_node codes = doc.child("CodeBook").child("Codes");
  CHECK(std::string(doc.child("CodeBook").attribute("xmlns").value()) == "urn:QDA-XML:codebook:1.0");
  for (const char* theme : {"SIP", "Mobila team", "Fast vårdkontakt", "Fast läkarkontakt", "Fast omsorgskontakt",
                            "Trygg hemgång"})
    CHECK_FALSE(codes.find_child_by_attribute("Code", "name", theme).empty());
  CHECK_FALSE(codes.find_child_by_attribute("Code", "name", "Bemanning")
                  .find_child_by_attribute("Code", "name", "Sjuksköterskor")
                  .find_child_by_attribute("Code", "name", "Natt")
                  .empty());
}

TEST_CASE("export without --output is refused with exit 2 and writes nothing") {
  RunResult r = run(with_store({"export", "--format", "qdpx"}, coded()));
  CHECK(r.status == 2);
  CHECK(contains(r.err, "give --output FILE"));
}

TEST_CASE("export to standard output or a terminal is refused with exit 2") {
  RunResult r = run(with_store({"export", "--output", "-"}, coded()));
  CHECK(r.status == 2);
  CHECK(contains(r.err, "standard output"));
}

TEST_CASE("export into a folder that does not exist fails with exit 3 naming the file") {
  TempDir dir;
  RunResult r = run(with_store({"export", "--output", dir / "saknas/projekt.qdpx"}, coded()));
  CHECK(r.status == 3);
  CHECK(contains(r.err, "saknas/projekt.qdpx"));
  CHECK_FALSE(std::filesystem::exists(dir / "saknas"));
}

// A user trial: `export --output /dev/full` (as root) said "wrote
// /dev/full" and put a regular file in place of the device, and a symbolic
// link at FILE was replaced by a regular file. Here a FIFO and a folder
// stand for the device (a test must not write /dev/full).
TEST_CASE("export to a FIFO or a folder is refused with exit 3 naming it, and it is left as it was") {
  TempDir dir;
  analyzer::test::HeldFifo fifo(dir / "rör.qdpx");
  std::filesystem::create_directory(dir / "mapp.qdpx");
  auto [name, kind] = GENERATE(table<std::string, std::string>({{"rör.qdpx", "a FIFO (named pipe)"},
                                                                 {"mapp.qdpx", "a folder"}}));
  const std::string path = dir / name;
  RunResult r = run(with_store({"export", "--output", path}, coded()));
  CAPTURE(r);
  CHECK(r.status == 3);
  CHECK(r.out.empty());
  CHECK(contains(r.err, path + ": error: cannot write the REFI-QDA file: it is " + kind +
                            ", not a regular file (give a file name)"));
  CHECK_FALSE(contains(r.all(), "wrote"));
  CHECK(std::filesystem::is_fifo(std::filesystem::symlink_status(dir / "rör.qdpx")));
  CHECK(std::filesystem::is_directory(std::filesystem::symlink_status(dir / "mapp.qdpx")));
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()) == 2);
}

TEST_CASE("export --output through a symbolic link writes the link's target and the link stays a link") {
  TempDir dir;
  dir.write("real.qdpx", "tidigare export");
  std::filesystem::create_symlink("real.qdpx", dir / "link.qdpx");
  RunResult r = run(with_store({"export", "--output", dir / "link.qdpx"}, coded()), kFixedTime);
  CAPTURE(r);
  REQUIRE(r.status == 0);
  CHECK(std::filesystem::is_symlink(std::filesystem::symlink_status(dir / "link.qdpx")));
  CHECK(std::filesystem::read_symlink(dir / "link.qdpx") == "real.qdpx");
  CHECK(analyzer::test::read_file(dir / "real.qdpx") == analyzer::test::read_file(exported().dir / "projekt.qdpx"));
}

TEST_CASE("export --format qdc through a dangling link into a folder that does not exist exits 3 naming both") {
  TempDir dir;
  std::filesystem::create_symlink("saknas/kodbok.qdc", dir / "link.qdc");
  RunResult r = run(with_store({"export", "--format", "qdc", "--output", dir / "link.qdc"}, coded()));
  CAPTURE(r);
  CHECK(r.status == 3);
  CHECK(contains(r.err, dir / "link.qdc" + ": error: cannot write the REFI-QDA file: it is a symbolic link to " +
                            dir / "saknas/kodbok.qdc" + ", whose folder " + dir / "saknas" + " does not exist"));
  CHECK_FALSE(std::filesystem::exists(dir / "saknas"));
}

TEST_CASE("export --format qdc with a filter is refused with exit 2") {
  TempDir dir;
  RunResult r = run(with_store({"export", "--format", "qdc", "--output", dir / "k.qdc", "--year", "2022"}, coded()));
  CHECK(r.status == 2);
  CHECK(contains(r.err, "codebook alone"));
  CHECK_FALSE(std::filesystem::exists(dir / "k.qdc"));
}

TEST_CASE("export --theme with an unknown theme is refused with exit 2 naming the themes") {
  TempDir dir;
  RunResult r = run(with_store({"export", "--output", dir / "p.qdpx", "--theme", "okänt"}, coded()));
  CHECK(r.status == 2);
  CHECK(contains(r.err, "sip"));
  CHECK_FALSE(std::filesystem::exists(dir / "p.qdpx"));
}

namespace {

// What identifies a coding or memo across stores: everything but the ids
// of the store (`ids`).
std::vector<std::string> comparable(const std::vector<json>& rows,
                                    std::initializer_list<const char*> ids = {"id"}) {
  std::vector<std::string> out;
  for (json row : rows) {
    for (const char* id : ids) row.erase(id);
    out.push_back(row.dump());
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct FreshImport {
  TempDir dir;
  std::string store = dir / "fresh.sqlite";
  RunResult result;
};

// The export imported once into an empty store.
const FreshImport& fresh_import() {
  static FreshImport f;
  static const bool done = [] {
    f.result = run({"import", exported().dir / "projekt.qdpx", "--index", coded().index, "--codings", f.store});
    return true;
  }();
  (void)done;
  return f;
}

}  // namespace

TEST_CASE("an export imported into an empty store gives every coding back identical") {
  const Coded& c = coded();
  REQUIRE(exported().result.status == 0);
  INFO(fresh_import().result);
  REQUIRE(fresh_import().result.status == 0);
  const std::vector<json> before = codings_json(c.store, {}, c.index);
  REQUIRE(before.size() == 4);  // accepted, rejected, manual with a theme, manual with an own code
  CHECK(comparable(codings_json(fresh_import().store, {}, c.index)) == comparable(before));
}

TEST_CASE("an export imported into an empty store gives every memo back identical: on codings, an answer and a code") {
  const Coded& c = coded();
  REQUIRE(exported().result.status == 0);
  INFO(fresh_import().result);
  REQUIRE(fresh_import().result.status == 0);
  CHECK(contains(fresh_import().result.out, "memos:          1 on answers, 1 on own codes, 0 on codings the store holds, the rest on the codings imported"));
  const std::vector<json> before = memos_json(c.store, c.index);
  REQUIRE(before.size() == 4);
  // The ids of the memo and of the coding or code it is on differ.
  CHECK(comparable(memos_json(fresh_import().store, c.index), {"id", "coding_id", "code_id"}) ==
        comparable(before, {"id", "coding_id", "code_id"}));
}

TEST_CASE("an export imported into its own store adds nothing") {
  const Coded& c = coded();
  REQUIRE(exported().result.status == 0);
  TempDir tmp;
  const std::string copy = tmp / "copy.sqlite";
  std::filesystem::copy_file(c.store, copy);
  const std::vector<json> before = codings_json(copy, {"--include-removed"}, c.index);
  RunResult r = run({"import", exported().dir / "projekt.qdpx", "--index", c.index, "--codings", copy});
  INFO(r);
  REQUIRE(r.status == 0);
  CHECK(codings_json(copy, {"--include-removed"}, c.index) == before);
  CHECK(memos_json(copy, c.index) == memos_json(c.store, c.index));
  CHECK(contains(r.out, "already there:  4 (and 4 memos)"));
}

TEST_CASE("export --json prints the summary as one JSON object, with the same counts as the table") {
  const Coded& c = coded();
  TempDir dir;
  RunResult r = run(with_store({"export", "--output", dir / "p.qdpx", "--json"}, c), kFixedTime);
  INFO(r);
  REQUIRE(r.status == 0);
  const json j = json::parse(r.out);
  CHECK(j["file"] == dir / "p.qdpx");
  CHECK(j["format"] == "qdpx");
  CHECK(j["selections"]["accepted"] == 1);
  CHECK(j["selections"]["rejected"] == 1);
  CHECK(j["selections"]["manual"] == 2);
  CHECK(j["notes"]["memos"] == 4);
  CHECK(j["codes"]["own"] == 3);
  CHECK(j["left_out"]["orphaned"] == json::array());
  CHECK(contains(exported().result.out, "selections: " + std::to_string(j["selections"]["automatic"].get<int>()) +
                                            " automatic"));
  CHECK(contains(exported().result.out, std::to_string(j["characters"].get<long long>()) + " characters (" +
                                            std::to_string(j["bytes"].get<long long>()) + " bytes)"));
}

TEST_CASE("import --json prints the summary as one JSON object") {
  const Coded& c = coded();
  REQUIRE(exported().result.status == 0);
  TempDir tmp;
  RunResult r = run({"import", exported().dir / "projekt.qdpx", "--index", c.index, "--codings", tmp / "s.sqlite",
                     "--json", "--dry-run"});
  INFO(r);
  REQUIRE(r.status == 0);
  const json j = json::parse(r.out);
  CHECK(j["dry_run"] == true);
  CHECK(j["imported"]["accepted"] == 1);
  CHECK(j["imported"]["rejected"] == 1);
  CHECK(j["imported"]["manual"] == 2);
  CHECK(j["imported"]["memos"] == 4);
  CHECK(j["imported"]["memos_on_answers"] == 1);
  CHECK(j["imported"]["memos_on_codes"] == 1);
  CHECK(j["codes_created"] == json::array({"Bemanning", "Sjuksköterskor", "Natt"}));
  CHECK(j["refused"] == json::array());
  CHECK(j["sources"]["total"] == j["sources"]["matched"]);
}
