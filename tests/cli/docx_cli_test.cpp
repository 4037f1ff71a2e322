// End-to-end tests of Word input: the real build/bin/analyzer on the DOCX
// fixtures of tests/fixtures/ (made by tests/fixtures/make_docx.py from the
// seeds) and on damaged or hostile .docx files built here.
//
// Equivalence: a fixture and the seed text it was made from (copied out of
// corpora/ without its manifest, so both sides detect their respondent from
// the text) are ingested into two indexes; `answers --json` and
// `mentions --json` must agree: question ids, respondent, answer text up to
// white space, and the theme mentions (theme and text, in order).

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "../support/zip_builder.hpp"
#include "cli_support.hpp"

#ifndef ANALYZER_FIXTURES
#error "ANALYZER_FIXTURES must be defined (path of tests/fixtures/)"
#endif

using namespace cli;

namespace {

const std::string kFixtures = ANALYZER_FIXTURES;
const std::string kFilledSeed = "000_3242b6e7501bd5d8.txt";  // RSS Dalarna 2022, answered
const std::string kReportSeed = "001_a66d7b4781e6d6f2.txt";  // Region Dalarna 2019 report
const std::string kBlankSeed = "004_bd5c5f46bc7d2672.txt";   // the blank 2022 questionnaire

RunResult ingest(const std::string& index, std::vector<std::string> inputs, std::vector<std::string> options = {}) {
  std::vector<std::string> args{"ingest", "--index", index};
  args.insert(args.end(), options.begin(), options.end());
  args.insert(args.end(), inputs.begin(), inputs.end());
  return run(args);
}

std::string respondent_of(const json& row) {
  std::string out;
  for (const char* key : {"respondent", "respondent_type", "region", "year"})
    if (row.contains(key)) out += row.at(key).dump() + " ";
  return out;
}

struct Ingested {
  std::vector<json> answers;
  std::vector<json> mentions;
};

Ingested ingest_one(const TempDir& tmp, const std::string& name, const std::string& from) {
  const std::string path = tmp / ("in-" + name + "/" + name);
  copy_file(from, path);
  const std::string index = tmp / ("index-" + name);
  RunResult r = ingest(index, {path});
  INFO(r);
  REQUIRE(r.status == 0);
  return {answers(index), list_jsonl("mentions", index, {})};
}

// The DOCX `docx` and the seed `seed` give the same answers and mentions.
void check_same_as_seed(const std::string& docx, const std::string& seed, std::size_t at_least) {
  TempDir tmp;
  const Ingested text = ingest_one(tmp, "svar.txt", corpus_file(seed));
  const Ingested word = ingest_one(tmp, "svar.docx", kFixtures + "/" + docx);
  REQUIRE(text.answers.size() == word.answers.size());
  CHECK(text.answers.size() >= at_least);
  for (std::size_t i = 0; i < text.answers.size(); ++i) {
    INFO("answer " << i << ": " << text.answers[i].dump() << "\n" << word.answers[i].dump());
    CHECK(text.answers[i].at("question") == word.answers[i].at("question"));
    CHECK(respondent_of(text.answers[i]) == respondent_of(word.answers[i]));
    CHECK(squeezed(text.answers[i].at("text")) == squeezed(word.answers[i].at("text")));
  }
  REQUIRE(text.mentions.size() == word.mentions.size());
  for (std::size_t i = 0; i < text.mentions.size(); ++i) {
    INFO("mention " << i << ": " << text.mentions[i].dump() << "\n" << word.mentions[i].dump());
    CHECK(text.mentions[i].at("theme") == word.mentions[i].at("theme"));
    CHECK(squeezed(text.mentions[i].at("text")) == squeezed(word.mentions[i].at("text")));
  }
}

const std::string kTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>)";

std::string document_of(const std::string& text) {
  return R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>)" +
         text + "</w:t></w:r></w:p></w:body></w:document>";
}

}  // namespace

TEST_CASE("The filled 2022 form as DOCX gives the answers and mentions of its text export") {
  check_same_as_seed("filled_form_2022.docx", kFilledSeed, 20);
}

TEST_CASE("The Region Dalarna 2019 report as DOCX gives the answers and mentions of its text export") {
  check_same_as_seed("region_report_2019.docx", kReportSeed, 5);
}

TEST_CASE("The blank 2022 form as DOCX with placeholder content controls gives no answers, as its text does") {
  TempDir tmp;
  const Ingested text = ingest_one(tmp, "blank.txt", corpus_file(kBlankSeed));
  const Ingested word = ingest_one(tmp, "blank.docx", kFixtures + "/blank_form_2022.docx");
  CHECK(text.answers.empty());
  CHECK(word.answers.empty());
  CHECK(word.mentions.empty());
}

TEST_CASE("The report's footnote, page header and page footer are in no answer") {
  TempDir tmp;
  const Ingested word = ingest_one(tmp, "rapport.docx", kFixtures + "/region_report_2019.docx");
  REQUIRE_FALSE(word.answers.empty());
  for (const json& a : word.answers) {
    const std::string text = a.at("text");
    CHECK(text.find("patientlagen (2014:821)") == std::string::npos);
    CHECK(text.find("sidhuvud") == std::string::npos);
    CHECK(text.find("Sidfot") == std::string::npos);
  }
}

TEST_CASE("A Word answer whose respondent is only in the page header is that respondent's, and the header is no answer") {
  TempDir tmp;
  const std::string w = R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")";
  const auto para = [](const std::string& text) { return "<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p>"; };
  const std::string body = para("Uppföljning av överenskommelsen om god och nära vård 2024") +
                           para("Svaren har tagits fram av förvaltningen i samråd med Region Örebro län.") +
                           para("Inledning") + para("Kommunen har infört fast omsorgskontakt och arbetar med SIP.");
  const std::string path = tmp / "in/svar.docx";
  write_file(path,
             analyzer::test::zip_of(
                 {{"[Content_Types].xml", kTypes},
                  {"word/document.xml", "<w:document " + w + "><w:body>" + body + "</w:body></w:document>"},
                  {"word/_rels/document.xml.rels",
                   R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
                   R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>)"
                   "</Relationships>"},
                  {"word/header1.xml", "<w:hdr " + w +
                                           "><w:p><w:r><w:t>Örebro kommun</w:t><w:tab/><w:t>Vård- och "
                                           "omsorgsförvaltningen</w:t><w:tab/><w:t>2025-02-20</w:t></w:r></w:p></w:hdr>"}}));
  const std::string index = tmp / "index";
  RunResult r = ingest(index, {path});
  INFO(r);
  REQUIRE(r.status == 0);
  const std::vector<json> rows = answers(index);
  REQUIRE_FALSE(rows.empty());
  for (const json& a : rows) {
    CHECK(a.at("respondent") == "Örebro kommun");
    CHECK(a.at("respondent_type") == "kommun");
    CHECK(a.at("text").get<std::string>().find("omsorgsförvaltningen") == std::string::npos);
  }
  const RunResult sources = run({"sources", "--index", index});
  CHECK(sources.out.find("page_header") != std::string::npos);
}

TEST_CASE("A Word report whose author is only in its title property is theirs, by rule document_title") {
  TempDir tmp;
  const std::string w = R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")";
  const std::string path = tmp / "in/rapport.docx";
  write_file(path,
             analyzer::test::zip_of(
                 {{"[Content_Types].xml", kTypes},
                  {"_rels/.rels",
                   R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
                   R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)"
                   R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>)"
                   "</Relationships>"},
                  {"docProps/core.xml",
                   R"(<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" )"
                   R"(xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Region Gävleborg – svar uppföljning God och nära vård 2024</dc:title></cp:coreProperties>)"},
                  {"word/document.xml", "<w:document " + w + "><w:body><w:p><w:r><w:t>Inledning</w:t></w:r></w:p>"
                                        "<w:p><w:r><w:t>Andelen med fast vårdkontakt ökade (47 procent 2023).</w:t></w:r></w:p>"
                                        "</w:body></w:document>"}}));
  const std::string index = tmp / "index";
  REQUIRE(ingest(index, {path}).status == 0);
  const std::vector<json> rows = answers(index);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].at("respondent") == "Region Gävleborg");
  CHECK(rows[0].at("year") == 2024);
  const RunResult sources = run({"sources", "--index", index});
  CHECK(sources.out.find("resp=D:document_title") != std::string::npos);
  CHECK(sources.out.find("år=D:document_title") != std::string::npos);
}

TEST_CASE("A report ingested as Word and as its text export in one run is said to hold the same answers, others are not") {
  TempDir tmp;
  const std::string word = tmp / "in/rapport.docx", text = tmp / "in/rapport.txt", other = tmp / "in/annan.txt";
  copy_file(kFixtures + "/region_report_2019.docx", word);
  copy_file(corpus_file(kReportSeed), text);
  copy_file(corpus_file(kFilledSeed), other);
  RunResult r = ingest(tmp / "index", {word, text, other});
  INFO(r);
  CHECK(r.status == 0);
  const std::string all = r.out + r.err;
  CHECK(contains(all, "holds the same answers as"));
  CHECK(contains(all, "rapport.txt"));
  CHECK_FALSE(contains(all, "annan.txt: warning: holds the same answers"));
  CHECK_FALSE(contains(all, "holds the same answers as " + other));
}

TEST_CASE("Bad .docx files each fail by name with exit 1, the good files go in and a failed file changes nothing") {
  TempDir tmp;
  const std::string index = tmp / "index";
  const std::string good = tmp / "in/rapport.docx";
  copy_file(kFixtures + "/region_report_2019.docx", good);
  const std::string whole = read_file(kFixtures + "/region_report_2019.docx");
  const std::string truncated = tmp / "in/avklippt.docx";
  write_file(truncated, whole.substr(0, whole.size() / 2));
  // About 100 KB that inflates to 100 MB, past --max-file-size 8.
  const std::string bomb = tmp / "in/bomb.docx";
  write_file(bomb, analyzer::test::zip_of({{"[Content_Types].xml", kTypes},
                                           {"word/document.xml", document_of(std::string(100u << 20, 'a'))}}));
  REQUIRE(read_file(bomb).size() < 200u * 1024u);
  const std::string doctype = tmp / "in/doctype.docx";
  write_file(doctype,
             analyzer::test::zip_of({{"[Content_Types].xml", kTypes},
                                     {"word/document.xml", "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM "
                                                           "\"file:///etc/passwd\">]>" + document_of("&x;")}}));
  const std::string no_document = tmp / "in/utan_dokument.docx";
  write_file(no_document, analyzer::test::zip_of({{"[Content_Types].xml", kTypes}, {"word/styles.xml", "<x/>"}}));
  // Office encrypts a password-protected .docx into an OLE2 compound file.
  const std::string encrypted = tmp / "in/losenord.docx";
  write_file(encrypted, std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(4096, '\0'));

  RunResult r = ingest(index, {good, truncated, bomb, doctype, no_document, encrypted}, {"--max-file-size", "8"});
  INFO(r);
  CHECK(r.status == 1);
  for (const std::string& bad : {truncated, bomb, doctype, no_document, encrypted}) CHECK(contains(r.all(), bad));
  CHECK(contains(r.all(), "DOCTYPE"));
  CHECK(contains(r.all(), "word/document.xml"));
  CHECK_FALSE(contains(r.all(), "root:"));  // /etc/passwd was never read
  const std::vector<json> rows = answers(index);
  CHECK(count_source(rows, "rapport.docx") > 0);
  for (const char* name : {"avklippt.docx", "bomb.docx", "doctype.docx", "utan_dokument.docx", "losenord.docx"})
    CHECK(count_source(rows, name) == 0);

  // A second run with only the bad files leaves the index as it was.
  RunResult again = ingest(index, {truncated, bomb, doctype, no_document, encrypted}, {"--max-file-size", "8"});
  CHECK(again.status == 1);
  CHECK(answers(index) == rows);
}
