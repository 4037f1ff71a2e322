// coding/coder_gold.hpp and print/gold_printer.hpp: one coder's reviewed
// codings as an eval gold file, read back by eval's own loader.

#include <catch2/catch.hpp>

#include <sstream>

#include "../support/temp_files.hpp"
#include "analyzer/coding/coder_gold.hpp"
#include "analyzer/eval/gold.hpp"
#include "analyzer/print/gold_printer.hpp"

using namespace analyzer;
using namespace analyzer::coding;
using analyzer::test::TempDir;

namespace {

// The file: "Intro.\nVi har SIP med alla.\nSlut med SIP.\n"; the answer is
// line 2 ([7, 29)), its normalised text the same bytes.
const std::string kFile = "Intro.\nVi har SIP med alla.\nSlut med SIP.\n";

AnswerRecord the_answer() {
  AnswerRecord a;
  a.id = "a1";
  a.source = "svar.txt";
  a.text = "Vi har SIP med alla.";
  a.span = {7, 27};
  return a;
}

Coding coding_of(CodingKind kind, const std::string& theme, ByteSpan span, std::string quote,
                 const std::string& coder = "anna") {
  Coding c;
  c.id = 5;
  c.coder = coder;
  c.kind = kind;
  c.theme = theme;
  c.answer_id = "a1";
  c.source = "svar.txt";
  c.span = span;
  c.quote = std::move(quote);
  return c;
}

std::map<std::string, GoldSourceFile> file_at(const std::string& path) { return {{"svar.txt", {path, kFile}}}; }

}  // namespace

TEST_CASE("an accepted mention becomes a gold mention at its original span, the answer a scope") {
  Coding c = coding_of(CodingKind::Accepted, "sip", {7, 10}, "SIP");
  c.mention_id = "0123456789abcdef";
  c.source_span = ByteSpan{14, 17};
  CoderGold g = coder_gold({the_answer()}, {c}, "anna", {"sip"}, file_at("corpora/svar.txt"));
  REQUIRE(g.gold.mentions.size() == 1);
  CHECK(g.gold.mentions[0].file == "corpora/svar.txt");
  CHECK(g.gold.mentions[0].span == ByteSpan{14, 17});
  CHECK(g.gold.mentions[0].text == "SIP");
  CHECK(g.gold.mentions[0].note == "anna: accepted mention 0123456789abcdef");
  REQUIRE(g.gold.scopes.size() == 1);
  CHECK(g.gold.scopes[0].span == ByteSpan{7, 27});
  CHECK(g.answers == 1);
}

TEST_CASE("a manual coding is placed by its quote inside the answer, not at an earlier or later occurrence") {
  // "SIP" also occurs after the answer, at [37, 40): not in the answer's span.
  Coding c = coding_of(CodingKind::Manual, "sip", {7, 10}, "SIP");
  CoderGold g = coder_gold({the_answer()}, {c}, "anna", {"sip"}, file_at("svar.txt"));
  REQUIRE(g.gold.mentions.size() == 1);
  CHECK(g.gold.mentions[0].span == ByteSpan{14, 17});
  CHECK(g.gold.mentions[0].note == "anna: manual coding 5");
}

TEST_CASE("a manual coding whose quote the file does not hold in the answer is left out and counted") {
  Coding c = coding_of(CodingKind::Manual, "sip", {0, 6}, "Vi har\n");
  CoderGold g = coder_gold({the_answer()}, {c}, "anna", {"sip"}, file_at("svar.txt"));
  CHECK(g.gold.mentions.empty());
  CHECK(g.unplaced == 1);
  CHECK(g.answers == 1);   // still reviewed: its scope stays, the theme counts as absent there
  CHECK(g.gold.scopes.size() == 1);
}

TEST_CASE("rejected decisions, own codes, unknown themes and other coders give no mention") {
  Coding rejected = coding_of(CodingKind::Rejected, "sip", {7, 10}, "SIP");
  Coding own = coding_of(CodingKind::Manual, "", {0, 2}, "Vi");
  own.code_id = 1;
  Coding unknown = coding_of(CodingKind::Manual, "gammalt_tema", {0, 2}, "Vi");
  Coding other = coding_of(CodingKind::Manual, "sip", {7, 10}, "SIP", "bo");
  CoderGold g = coder_gold({the_answer()}, {rejected, own, unknown, other}, "anna", {"sip"}, file_at("svar.txt"));
  CHECK(g.gold.mentions.empty());
  CHECK(g.rejected == 1);
  CHECK(g.own_codes == 1);
  CHECK(g.unknown_theme == 1);
  CHECK(g.answers == 1);
}

TEST_CASE("the same theme and span twice is one gold mention") {
  Coding accepted = coding_of(CodingKind::Accepted, "sip", {7, 10}, "SIP");
  accepted.source_span = ByteSpan{14, 17};
  Coding manual = coding_of(CodingKind::Manual, "sip", {7, 10}, "SIP");
  CoderGold g = coder_gold({the_answer()}, {accepted, manual}, "anna", {"sip"}, file_at("svar.txt"));
  CHECK(g.gold.mentions.size() == 1);
}

TEST_CASE("codings of a source without its file, orphaned ones and of answers not given are counted") {
  Coding orphaned = coding_of(CodingKind::Manual, "sip", {7, 10}, "SIP");
  orphaned.orphaned = true;
  Coding elsewhere = coding_of(CodingKind::Manual, "sip", {7, 10}, "SIP");
  elsewhere.answer_id = "gone";
  Coding here = coding_of(CodingKind::Manual, "sip", {7, 10}, "SIP");
  CoderGold g = coder_gold({the_answer()}, {orphaned, elsewhere, here}, "anna", {"sip"}, {});
  CHECK(g.orphaned == 1);
  CHECK(g.not_in_index == 1);
  CHECK(g.no_file == 1);
  CHECK(g.sources_without_file == std::vector<std::string>{"svar.txt"});
  CHECK(g.gold.files.empty());
}

TEST_CASE("the written gold file loads in eval with the same mentions and scope") {
  TempDir dir;
  const std::string path = dir / "svar.txt";
  analyzer::test::write_file(path, kFile);
  Coding c = coding_of(CodingKind::Manual, "sip", {7, 10}, "SIP");
  CoderGold g = coder_gold({the_answer()}, {c}, "anna", {"sip"}, file_at(path));
  std::ostringstream out;
  print_gold_jsonl(g.gold, out);
  CHECK(out.str() == "{\"file\":\"" + path + "\",\"scope\":[7,27]}\n{\"file\":\"" + path +
                         "\",\"theme\":\"sip\",\"start\":14,\"end\":17,\"text\":\"SIP\",\"note\":\"anna: manual "
                         "coding 5\"}\n");
  GoldLoad load = parse_gold(out.str(), "anna.jsonl", "", {"sip"});
  INFO((load.ok() ? "" : load.diagnostics[0].render()));
  REQUIRE(load.ok());
  REQUIRE(load.gold.mentions.size() == 1);
  CHECK(load.gold.mentions[0].span == ByteSpan{14, 17});
  REQUIRE(load.gold.scopes.size() == 1);
  CHECK(load.gold.scopes[0].span == ByteSpan{7, 27});
}
