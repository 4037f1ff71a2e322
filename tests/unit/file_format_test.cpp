// File formats: detect_format() (read/file_format.hpp) and ZipArchive
// (read/zip_archive.hpp).
#include <catch2/catch.hpp>

#include <optional>
#include <thread>

#include "analyzer/read/file_format.hpp"
#include "analyzer/read/source.hpp"
#include "analyzer/read/xml_part.hpp"
#include "analyzer/read/zip_archive.hpp"
#include "tests/support/zip_builder.hpp"

using namespace analyzer;
using analyzer::test::zip_of;

namespace {

constexpr std::size_t kLimit = 64u * 1024u * 1024u;

const std::string kDocxTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>)";
const std::string kXlsxTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>)";

}  // namespace

TEST_CASE("a file that starts with %PDF- is a PDF whatever its name") {
  Result<FileFormat> f = detect_format("rapport.txt", "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj", kLimit);
  REQUIRE(f.ok());
  CHECK(f.value() == FileFormat::Pdf);
}

TEST_CASE("a ZIP whose content types name a Word main document is DOCX") {
  Result<FileFormat> f = detect_format("svar.bin", zip_of({{"[Content_Types].xml", kDocxTypes}, {"word/document.xml", "<w:document/>"}}), kLimit);
  REQUIRE(f.ok());
  CHECK(f.value() == FileFormat::Docx);
}

TEST_CASE("a ZIP whose content types name an Excel workbook is XLSX") {
  Result<FileFormat> f = detect_format("export.zip", zip_of({{"[Content_Types].xml", kXlsxTypes}, {"xl/workbook.xml", "<workbook/>"}}), kLimit);
  REQUIRE(f.ok());
  CHECK(f.value() == FileFormat::Xlsx);
}

TEST_CASE("an OpenDocument text is refused with the advice to save it as .docx") {
  Result<FileFormat> f = detect_format("svar.odt", zip_of({{"mimetype", "application/vnd.oasis.opendocument.text"}, {"content.xml", "<x/>"}}), kLimit);
  REQUIRE_FALSE(f.ok());
  CHECK_THAT(f.error().message, Catch::Contains("OpenDocument file (.odt)"));
  CHECK_THAT(f.error().hint, Catch::Contains(".docx"));
}

TEST_CASE("an old binary .doc or .xls (OLE2) is refused, naming password protection as the other cause") {
  Result<FileFormat> f = detect_format("svar.doc", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0", 12), kLimit);
  REQUIRE_FALSE(f.ok());
  CHECK_THAT(f.error().message, Catch::Contains(".doc, .xls") && Catch::Contains("password-protected"));
}

TEST_CASE("an image is refused with a pointer to text recognition") {
  Result<FileFormat> f = detect_format("sida1.png", "\x89PNG\r\n\x1A\n....", kLimit);
  REQUIRE_FALSE(f.ok());
  CHECK_THAT(f.error().message, Catch::Contains("PNG image"));
  CHECK_THAT(f.error().hint, Catch::Contains("ocrmypdf"));
}

TEST_CASE("a text file named .pdf is an error: the name and the content disagree") {
  Result<FileFormat> f = detect_format("rapport.PDF", "Region Halland 2023\nSvar: ...\n", kLimit);
  REQUIRE_FALSE(f.ok());
  CHECK(f.error().file == "rapport.PDF");
  CHECK_THAT(f.error().message, Catch::Contains("named .pdf"));
  CHECK_THAT(f.error().hint, Catch::Contains("rename it to .txt"));
}

TEST_CASE("text is CSV when its name ends in .csv or .tsv, else plain text") {
  CHECK(detect_format("export.CSV", "Kommun;Svar\n", kLimit).value() == FileFormat::Csv);
  CHECK(detect_format("export.tsv", "Kommun\tSvar\n", kLimit).value() == FileFormat::Csv);
  CHECK(detect_format("export.txt", "Kommun;Svar\n", kLimit).value() == FileFormat::Text);
}

TEST_CASE("a truncated ZIP is an error that says the file is damaged or cut short") {
  std::string zip = zip_of({{"[Content_Types].xml", kDocxTypes}, {"word/document.xml", std::string(5000, 'x')}});
  zip.resize(zip.size() / 2);
  Result<FileFormat> f = detect_format("svar.docx", zip, kLimit);
  REQUIRE_FALSE(f.ok());
  CHECK_THAT(f.error().message, Catch::Contains("ZIP archive"));
  CHECK_THAT(f.error().hint, Catch::Contains("cut short"));
}

TEST_CASE("a member that would inflate past the limit is refused before it is inflated") {
  // 4 MB of one letter deflates to a few KB: a small ZIP bomb.
  std::string zip = zip_of({{"[Content_Types].xml", kDocxTypes}, {"word/document.xml", std::string(4 << 20, 'a')}});
  CHECK(zip.size() < 100 * 1024);
  Result<ZipArchive> archive = ZipArchive::open("bomb.docx", zip, 1 << 20);
  REQUIRE(archive.ok());
  Result<std::string> member = archive.value().read("word/document.xml");
  REQUIRE_FALSE(member.ok());
  CHECK_THAT(member.error().message, Catch::Contains("would inflate to 4194304 bytes") && Catch::Contains("ZIP bomb"));
  CHECK(archive.value().inflated() == 0);
}

TEST_CASE("a member that passes the limit only with the members read before it says so") {
  // Two members of 600 KB each against a limit of 1 MB: each fits alone.
  std::string zip = zip_of({{"[Content_Types].xml", kDocxTypes},
                            {"xl/sharedStrings.xml", std::string(600 * 1024, 'a')},
                            {"xl/worksheets/sheet1.xml", std::string(600 * 1024, 'b')}});
  Result<ZipArchive> archive = ZipArchive::open("export.xlsx", zip, 1 << 20);
  REQUIRE(archive.ok());
  REQUIRE(archive.value().read("xl/sharedStrings.xml").ok());
  Result<std::string> sheet = archive.value().read("xl/worksheets/sheet1.xml");
  REQUIRE_FALSE(sheet.ok());
  CHECK_THAT(sheet.error().message,
             Catch::Contains("would inflate to 614400 bytes, 1228800 with the 614400 bytes of the members read before it"));
}

TEST_CASE("a ZIP member is read back byte for byte, and a missing one is named") {
  Result<ZipArchive> archive = ZipArchive::open("a.xlsx", zip_of({{"xl/sharedStrings.xml", "<sst>Trygg hemg\xC3\xA5ng</sst>"}}), kLimit);
  REQUIRE(archive.ok());
  CHECK(archive.value().names() == std::vector<std::string>{"xl/sharedStrings.xml"});
  CHECK(archive.value().read("xl/sharedStrings.xml").value() == "<sst>Trygg hemg\xC3\xA5ng</sst>");
  Result<std::string> missing = archive.value().read("xl/workbook.xml");
  REQUIRE_FALSE(missing.ok());
  CHECK_THAT(missing.error().message, Catch::Contains("no member \"xl/workbook.xml\""));
}

TEST_CASE("an XML part that declares a DOCTYPE is refused, so no entity is ever expanded") {
  std::string xml = R"(<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document>&x;</w:document>)";
  pugi::xml_document doc;
  Status parsed = parse_xml_part("svar.docx", "word/document.xml", xml, doc);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().file == "svar.docx");
  CHECK_THAT(parsed.error().message, Catch::Contains("word/document.xml") && Catch::Contains("DOCTYPE"));
  CHECK_THAT(parsed.error().message, Catch::Contains("at byte 21 of the member"));
}

TEST_CASE("an XML part that is not well-formed is an error at its byte offset in the member") {
  std::string xml = "<w:document><w:p></w:document>";
  pugi::xml_document doc;
  Status parsed = parse_xml_part("svar.docx", "word/document.xml", xml, doc);
  REQUIRE_FALSE(parsed.ok());
  CHECK_THAT(parsed.error().message, Catch::Contains("not well-formed XML at byte"));
}

TEST_CASE("a file's extent counts the distinct pages, paragraphs, sheets and rows of its places") {
  std::vector<TextPlace> places;
  places.push_back({"sida 1", {0, 10}, RecordLocation{.page = 1}});
  places.push_back({"sida 2", {10, 20}, RecordLocation{.page = 2}});
  CHECK(describe(extent_of(places)) == "2 pages");
  places = {{"Blad1!B2", {0, 5}, RecordLocation{.sheet = "Blad1", .row = 2, .column = "B"}},
            {"Blad1!C2", {5, 9}, RecordLocation{.sheet = "Blad1", .row = 2, .column = "C"}},
            {"Blad2!B2", {9, 12}, RecordLocation{.sheet = "Blad2", .row = 2, .column = "B"}}};
  CHECK(describe(extent_of(places)) == "2 sheets, 2 rows");
  CHECK(describe(extent_of({})).empty());
}

namespace {

// Sets the uncompressed size that `zip` records for its first member, in
// its local header and in the central directory, to `size`.
void record_first_member_size(std::string& zip, std::uint32_t size) {
  auto put32 = [&](std::size_t at, std::uint32_t v) {
    for (int k = 0; k < 4; ++k) zip[at + k] = static_cast<char>((v >> (8 * k)) & 0xFF);
  };
  REQUIRE(zip.compare(0, 4, "PK\x03\x04") == 0);
  put32(22, size);
  const std::size_t central = zip.find("PK\x01\x02");
  REQUIRE(central != std::string::npos);
  put32(central + 24, size);
}

}  // namespace

TEST_CASE("a member that inflates past the size its archive records is still held to the limit") {
  std::string zip = zip_of({{"word/document.xml", std::string(200 * 1024, 'a')}});
  record_first_member_size(zip, 1000);
  Result<ZipArchive> archive = ZipArchive::open("liar.docx", zip, 100 * 1024);
  REQUIRE(archive.ok());
  Result<std::string> member = archive.value().read("word/document.xml");
  REQUIRE_FALSE(member.ok());
  CHECK_THAT(member.error().message, Catch::Contains("member \"word/document.xml\" inflates past the limit"));
}

TEST_CASE("a member longer than the size its archive records is read whole") {
  const std::string content(200 * 1024, 'a');
  std::string zip = zip_of({{"word/document.xml", content}});
  record_first_member_size(zip, 1000);
  Result<ZipArchive> archive = ZipArchive::open("liar.docx", zip, kLimit);
  REQUIRE(archive.ok());
  Result<std::string> member = archive.value().read("word/document.xml");
  REQUIRE(member.ok());
  CHECK(member.value() == content);
}

TEST_CASE("a member read aside on another thread is the member, while the archive reads another") {
  const std::string strings = "<sst>" + std::string(300 * 1024, 's') + "</sst>";
  const std::string sheet = "<worksheet>" + std::string(300 * 1024, 'w') + "</worksheet>";
  Result<ZipArchive> archive =
      ZipArchive::open("export.xlsx", zip_of({{"xl/sharedStrings.xml", strings}, {"xl/worksheets/sheet1.xml", sheet}}), kLimit);
  REQUIRE(archive.ok());
  Result<ZipArchive::AsideRead> aside = archive.value().read_aside("xl/sharedStrings.xml");
  REQUIRE(aside.ok());
  std::thread beside([&] {
    Result<std::string> read = aside.value().read();
    CHECK(read.ok());
    CHECK((read.ok() && read.value() == strings));
  });
  Result<std::string> read = archive.value().read("xl/worksheets/sheet1.xml");
  beside.join();
  REQUIRE(read.ok());
  CHECK(read.value() == sheet);
}

TEST_CASE("a member read aside counts against the budget when it is set aside") {
  std::string zip = zip_of({{"xl/sharedStrings.xml", std::string(600 * 1024, 'a')},
                            {"xl/worksheets/sheet1.xml", std::string(600 * 1024, 'b')}});
  Result<ZipArchive> archive = ZipArchive::open("export.xlsx", zip, 1 << 20);
  REQUIRE(archive.ok());
  REQUIRE(archive.value().read_aside("xl/sharedStrings.xml").ok());
  CHECK(archive.value().inflated() == 600 * 1024);
  Result<std::string> sheet = archive.value().read("xl/worksheets/sheet1.xml");
  REQUIRE_FALSE(sheet.ok());
  CHECK_THAT(sheet.error().message,
             Catch::Contains("would inflate to 614400 bytes, 1228800 with the 614400 bytes of the members read before it"));
  Result<ZipArchive::AsideRead> missing = archive.value().read_aside("xl/styles.xml");
  REQUIRE_FALSE(missing.ok());
  CHECK_THAT(missing.error().message, Catch::Contains("no member \"xl/styles.xml\""));
}

TEST_CASE("a member read aside that inflates past the size its archive records is still held to the limit") {
  std::string zip = zip_of({{"xl/sharedStrings.xml", std::string(200 * 1024, 'a')}});
  record_first_member_size(zip, 1000);
  Result<ZipArchive> archive = ZipArchive::open("liar.xlsx", zip, 100 * 1024);
  REQUIRE(archive.ok());
  Result<ZipArchive::AsideRead> aside = archive.value().read_aside("xl/sharedStrings.xml");
  REQUIRE(aside.ok());
  Result<std::string> member = aside.value().read();
  REQUIRE_FALSE(member.ok());
  CHECK_THAT(member.error().message, Catch::Contains("member \"xl/sharedStrings.xml\" inflates past the limit"));
}

TEST_CASE("a member read aside that lies about its size and the archive's reads together stay within the limit") {
  // The shared strings record 1,000 bytes and inflate to 600 KB; with the
  // sheet's 600 KB that is past the 1 MB limit: one of the two is stopped.
  std::string zip = zip_of({{"xl/sharedStrings.xml", std::string(600 * 1024, 'a')},
                            {"xl/worksheets/sheet1.xml", std::string(600 * 1024, 'b')}});
  record_first_member_size(zip, 1000);
  Result<ZipArchive> archive = ZipArchive::open("liar.xlsx", zip, 1 << 20);
  REQUIRE(archive.ok());
  Result<ZipArchive::AsideRead> aside = archive.value().read_aside("xl/sharedStrings.xml");
  REQUIRE(aside.ok());
  std::optional<Result<std::string>> strings;
  std::thread beside([&] { strings.emplace(aside.value().read()); });
  Result<std::string> sheet = archive.value().read("xl/worksheets/sheet1.xml");
  beside.join();
  REQUIRE(strings.has_value());
  CHECK_FALSE((strings->ok() && sheet.ok()));
  const Diagnostic& stopped = strings->ok() ? sheet.error() : strings->error();
  CHECK_THAT(stopped.message, Catch::Contains("inflates past the limit"));
}
