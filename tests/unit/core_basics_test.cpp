// UTF-8 basics (core/utf8.hpp), the whole-file reader (core/file_bytes.hpp),
// the whole-file writer (core/file_replace.hpp) and FNV-1a
// (core/stable_hash.hpp).

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "../support/temp_files.hpp"
#include "analyzer/core/file_bytes.hpp"
#include "analyzer/core/file_replace.hpp"
#include "analyzer/core/large_buffer.hpp"
#include "analyzer/core/running_lines.hpp"
#include "analyzer/core/stable_hash.hpp"
#include "analyzer/core/utf8.hpp"

using namespace analyzer;

// ---- utf8 ----------------------------------------------------------------------

TEST_CASE("decode reads ASCII and multi-byte characters with their lengths") {
  CHECK(utf8::decode("a", 0).code_point == U'a');
  CHECK(utf8::decode("a", 0).length == 1);
  CHECK(utf8::decode("å", 0).code_point == 0xE5);
  CHECK(utf8::decode("å", 0).length == 2);
  CHECK(utf8::decode("€", 0).code_point == 0x20AC);
  CHECK(utf8::decode("\xf0\x9f\x98\x80", 0).length == 4);  // U+1F600
}

TEST_CASE("decode marks a stray continuation byte invalid and takes one byte") {
  const utf8::Decoded d = utf8::decode("\x80x", 0);
  CHECK_FALSE(d.valid());
  CHECK(d.length == 1);
}

TEST_CASE("decode takes the maximal subpart of a truncated sequence") {
  const utf8::Decoded d = utf8::decode("\xe2\x82x", 0);  // € without its last byte
  CHECK_FALSE(d.valid());
  CHECK(d.length == 2);
}

TEST_CASE("decode rejects overlongs, surrogates and code points above U+10FFFF") {
  CHECK_FALSE(utf8::decode("\xc0\xaf", 0).valid());
  CHECK_FALSE(utf8::decode("\xed\xa0\x80", 0).valid());
  CHECK_FALSE(utf8::decode("\xf4\x90\x80\x80", 0).valid());
}

TEST_CASE("decode past the end gives length zero") { CHECK(utf8::decode("a", 1).length == 0); }

TEST_CASE("decode_before reads the character that ends at a position") {
  const utf8::Decoded d = utf8::decode_before("vå", 3);
  CHECK(d.code_point == 0xE5);
  CHECK(d.length == 2);
  CHECK(utf8::decode_before("vå", 0).length == 0);
}

TEST_CASE("code_points counts characters, not bytes") {
  CHECK(utf8::code_points("vårdkontakt") == 11);
  CHECK(utf8::code_points("") == 0);
}

TEST_CASE("prefix_length gives the bytes of the first characters") {
  CHECK(utf8::prefix_length("vårdnad", 3) == 4);
  CHECK(utf8::prefix_length("vårdnad", 0) == 0);
  CHECK(utf8::prefix_length("vår", 3) == 4);
  CHECK(utf8::prefix_length("vår", 9) == 4);
}

TEST_CASE("prefix_length keeps stray continuation bytes with the character before them") {
  CHECK(utf8::prefix_length("a\x80\x80" "b", 1) == 3);
}

TEST_CASE("char_begin and char_end move a position out of a character") {
  const std::string_view s = "aåb";  // å is bytes 1 and 2
  CHECK(utf8::char_begin(s, 2) == 1);
  CHECK(utf8::char_end(s, 2) == 3);
  CHECK(utf8::char_begin(s, 1) == 1);
}

TEST_CASE("append writes the UTF-8 form of a code point") {
  std::string out;
  utf8::append(out, 0xF6);
  utf8::append(out, 0x1F600);
  CHECK(out == "ö\xf0\x9f\x98\x80");
}

// ---- read_file_bytes -------------------------------------------------------------

TEST_CASE("read_file_bytes returns a file's bytes unchanged") {
  const std::string path = std::filesystem::temp_directory_path() / ("core_basics_" + std::to_string(getpid()));
  { std::ofstream(path, std::ios::binary) << std::string("a\0b\xc3\xa5", 5); }
  const Result<std::string> bytes = read_file_bytes(path);
  std::filesystem::remove(path);
  REQUIRE(bytes.ok());
  CHECK(bytes.value() == std::string("a\0b\xc3\xa5", 5));
}

TEST_CASE("read_file_bytes on a missing file names the path and the reason") {
  const Result<std::string> bytes = read_file_bytes("/nonexistent/lexicon.json");
  REQUIRE_FALSE(bytes.ok());
  CHECK(bytes.error().file == "/nonexistent/lexicon.json");
  CHECK(bytes.error().message == "cannot read the file: No such file or directory");
}

TEST_CASE("read_file_bytes refuses a file over the limit before reading it") {
  const std::string path = std::filesystem::temp_directory_path() / ("core_basics_big_" + std::to_string(getpid()));
  { std::ofstream(path, std::ios::binary) << std::string(3 * 1024 * 1024, 'x'); }
  const Result<std::string> bytes = read_file_bytes(path, {2 * 1024 * 1024, "lexicon"});
  std::filesystem::remove(path);
  REQUIRE_FALSE(bytes.ok());
  CHECK(bytes.error().message == "the file is 3 MB, too large for a lexicon (at most 2 MB)");
}

TEST_CASE("read_whole_file gives a missing file as CannotOpen with its errno") {
  const FileRead read = read_whole_file("/nonexistent/gold.jsonl", 100);
  REQUIRE(read.failure.has_value());
  CHECK(read.failure->kind == FileReadFailure::Kind::CannotOpen);
  CHECK(read.failure->error_number == ENOENT);
}

TEST_CASE("read_whole_file refuses a file over the limit with its measured size") {
  const std::string path = std::filesystem::temp_directory_path() / ("core_basics_limit_" + std::to_string(getpid()));
  { std::ofstream(path, std::ios::binary) << std::string(10, 'x'); }
  const FileRead read = read_whole_file(path, 9);
  const FileRead fits = read_whole_file(path, 10);
  std::filesystem::remove(path);
  REQUIRE(read.failure.has_value());
  CHECK(read.failure->kind == FileReadFailure::Kind::TooLarge);
  CHECK(read.failure->size == 10);
  CHECK(read.failure->measured);
  REQUIRE(fits.ok());
  CHECK(fits.bytes == std::string(10, 'x'));
}

// ---- replace_file, FileReplacement, resolve_output_file ---------------------------
// Never given /dev/null or /dev/full to write: the tests may run as root, where
// a writer that does not refuse would replace the device. resolve_output_file
// opens and creates nothing, so it may look at /dev/null.

namespace {

namespace fs = std::filesystem;
using analyzer::test::HeldFifo;
using analyzer::test::TempDir;

bool is_symlink(const std::string& path) { return fs::is_symlink(fs::symlink_status(path)); }

// The names in `dir`, sorted: a temporary file left behind shows here.
std::vector<std::string> names_in(const TempDir& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir.path())) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("replace_file writes a new file whole and leaves no temporary file beside it") {
  TempDir dir;
  REQUIRE(replace_file(dir / "ut.xml", "<codebook/>", "the codebook").ok());
  CHECK(analyzer::test::read_file(dir / "ut.xml") == "<codebook/>");
  CHECK(names_in(dir) == std::vector<std::string>{"ut.xml"});
}

TEST_CASE("replace_file follows a symbolic link: the target holds the new content and the link stays a link") {
  TempDir dir;
  dir.write("real.qdpx", "tidigare");
  fs::create_symlink("real.qdpx", dir / "link.qdpx");
  REQUIRE(replace_file(dir / "link.qdpx", "nytt", "the REFI-QDA file").ok());
  CHECK(is_symlink(dir / "link.qdpx"));
  CHECK(fs::read_symlink(dir / "link.qdpx") == "real.qdpx");
  CHECK(analyzer::test::read_file(dir / "real.qdpx") == "nytt");
  CHECK(names_in(dir) == std::vector<std::string>{"link.qdpx", "real.qdpx"});
}

TEST_CASE("a relative link is followed from the link's own folder, through a chain of links") {
  TempDir dir;
  dir.write("b/real.xlsx", "tidigare");
  fs::create_directories(dir / "a");
  fs::create_symlink("../b/real.xlsx", dir / "a/middle.xlsx");
  fs::create_symlink("a/middle.xlsx", dir / "first.xlsx");
  const Result<OutputFile> out = resolve_output_file(dir / "first.xlsx", "the Excel file");
  REQUIRE(out.ok());
  CHECK(fs::equivalent(out.value().file, dir / "b/real.xlsx"));
  CHECK(out.value().exists);
  {
    Result<FileReplacement> temp = FileReplacement::begin(dir / "first.xlsx", "the Excel file");
    REQUIRE(temp.ok());
    CHECK(fs::equivalent(fs::path(temp.value().temp_path()).parent_path(), dir / "b"));
  }
  REQUIRE(replace_file(dir / "first.xlsx", "nytt", "the Excel file").ok());
  CHECK(analyzer::test::read_file(dir / "b/real.xlsx") == "nytt");
  CHECK(is_symlink(dir / "first.xlsx"));
  CHECK(is_symlink(dir / "a/middle.xlsx"));
}

TEST_CASE("a dangling link whose target's folder exists: the target is written and the link kept") {
  TempDir dir;
  fs::create_directories(dir / "ut");
  fs::create_symlink("ut/ny.qdc", dir / "link.qdc");
  REQUIRE(replace_file(dir / "link.qdc", "<codebook/>", "the REFI-QDA file").ok());
  CHECK(is_symlink(dir / "link.qdc"));
  CHECK(analyzer::test::read_file(dir / "ut/ny.qdc") == "<codebook/>");
}

TEST_CASE("a dangling link into a folder that does not exist is an error naming the link and its target") {
  TempDir dir;
  fs::create_symlink("saknas/ny.qdc", dir / "link.qdc");
  const Status s = replace_file(dir / "link.qdc", "<codebook/>", "the REFI-QDA file");
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().file == dir / "link.qdc");
  CHECK(s.error().message == "cannot write the REFI-QDA file: it is a symbolic link to " + dir / "saknas/ny.qdc" +
                                 ", whose folder " + dir / "saknas" + " does not exist");
  CHECK(names_in(dir) == std::vector<std::string>{"link.qdc"});
}

TEST_CASE("a file in a folder that does not exist is an error naming the folder, and nothing is created") {
  TempDir dir;
  const Status s = replace_file(dir / "saknas/r.xlsx", "x", "the Excel file");
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().render() == dir / "saknas/r.xlsx" + ": error: cannot write the Excel file: the folder " +
                                  dir / "saknas" + " does not exist (create the folder first, or give another path)");
  CHECK(names_in(dir).empty());
}

TEST_CASE("a FIFO is refused before it is opened, with an error naming it, and it stays a FIFO") {
  TempDir dir;
  const std::string fifo = dir / "rör";
  HeldFifo held(fifo);
  const Status s = replace_file(fifo, "x", "the Excel file");
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().render() == fifo + ": error: cannot write the Excel file: it is a FIFO (named pipe), not a regular "
                                     "file (give a file name)");
  CHECK(fs::is_fifo(fs::symlink_status(fifo)));
  CHECK(names_in(dir) == std::vector<std::string>{"rör"});
}

TEST_CASE("a symbolic link to a FIFO is refused naming the link and the FIFO") {
  TempDir dir;
  HeldFifo held(dir / "rör");
  fs::create_symlink("rör", dir / "link.xlsx");
  const Result<FileReplacement> out = FileReplacement::begin(dir / "link.xlsx", "the Excel file");
  REQUIRE_FALSE(out.ok());
  CHECK(out.error().message ==
        "cannot write the Excel file: it is a symbolic link to " + dir / "rör" + ", a FIFO (named pipe), not a regular file");
  CHECK(is_symlink(dir / "link.xlsx"));
}

TEST_CASE("a folder is refused and left as it was") {
  TempDir dir;
  dir.write("ut/kvar.txt", "kvar");
  const Status s = replace_file(dir / "ut", "x", "the manifest");
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message == "cannot write the manifest: it is a folder, not a regular file");
  CHECK(analyzer::test::read_file(dir / "ut/kvar.txt") == "kvar");
  CHECK(names_in(dir) == std::vector<std::string>{"ut"});
}

TEST_CASE("resolve_output_file refuses a character device such as /dev/null without opening it") {
  const Result<OutputFile> out = resolve_output_file("/dev/null", "the Word file");
  REQUIRE_FALSE(out.ok());
  CHECK(out.error().render() ==
        "/dev/null: error: cannot write the Word file: it is a character device, not a regular file (give a file name)");
  struct stat st {};
  REQUIRE(stat("/dev/null", &st) == 0);
  CHECK(S_ISCHR(st.st_mode));
}

TEST_CASE("a loop of symbolic links is an error, not a hang") {
  TempDir dir;
  fs::create_symlink("b", dir / "a");
  fs::create_symlink("a", dir / "b");
  const Status s = replace_file(dir / "a", "x", "the Excel file");
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message == "cannot write the Excel file: Too many levels of symbolic links");
}

TEST_CASE("a FileReplacement that is not committed removes its temporary file and leaves the file as it was") {
  TempDir dir;
  dir.write("r.xlsx", "tidigare");
  {
    Result<FileReplacement> out = FileReplacement::begin(dir / "r.xlsx", "the Excel file");
    REQUIRE(out.ok());
    CHECK(fs::path(out.value().temp_path()).parent_path() == dir.path());
    analyzer::test::write_file(out.value().temp_path(), "halvfärdig");
  }
  CHECK(analyzer::test::read_file(dir / "r.xlsx") == "tidigare");
  CHECK(names_in(dir) == std::vector<std::string>{"r.xlsx"});
}

// ---- FNV-1a ----------------------------------------------------------------------

TEST_CASE("fnv1a64 gives the published FNV-1a test values") {
  CHECK(fnv1a64("") == 0xcbf29ce484222325ull);
  CHECK(fnv1a64("a") == 0xaf63dc4c8601ec8cull);
  CHECK(fnv1a64("foobar") == 0x85944171f73967e8ull);
}

TEST_CASE("hex16 keeps leading zeros") { CHECK(hex16(0xabc) == "0000000000000abc"); }

TEST_CASE("StableHash separates its parts") {
  CHECK(StableHash().add("ab").add("c").hex() != StableHash().add("a").add("bc").hex());
}

TEST_CASE("reserve_large gives a string or vector room for what it will hold and keeps its contents") {
  std::string text = "svar";
  reserve_large(text, 3 * kLargeBuffer);
  CHECK(text.capacity() >= 3 * kLargeBuffer);
  CHECK(text == "svar");
  text.append(3 * kLargeBuffer - 4, 'x');  // the advised pages are ordinary memory to write
  CHECK(text.size() == 3 * kLargeBuffer);
  CHECK(text.compare(0, 5, "svarx") == 0);

  std::vector<std::uint64_t> numbers{7, 8};
  reserve_large(numbers, 10);  // below kLargeBuffer: a plain reserve
  CHECK(numbers.capacity() >= 10);
  reserve_large(numbers, kLargeBuffer);
  CHECK(numbers.capacity() >= kLargeBuffer);
  CHECK(numbers == std::vector<std::uint64_t>{7, 8});

  const std::size_t before = numbers.capacity();
  reserve_large(numbers, 1);  // never shrinks
  CHECK(numbers.capacity() == before);
}

// ---- running lines ---------------------------------------------------------------

TEST_CASE("running lines keep the first of lines that differ only in digits, trimmed, without blank ones") {
  RunningLines lines;
  RecordLocation page3;
  page3.page = 3;
  CHECK(lines.add("  Region Gävleborg – rapport 2023-05-01 ", page3));
  CHECK_FALSE(lines.add("Region Gävleborg – rapport 2023-06-12"));
  CHECK_FALSE(lines.add("   "));
  CHECK(lines.add("Region Gävleborg"));
  REQUIRE(lines.lines().size() == 2);
  CHECK(lines.lines()[0].text == "Region Gävleborg – rapport 2023-05-01");
  CHECK(lines.lines()[0].location == page3);
  CHECK(lines.lines()[1].text == "Region Gävleborg");
}

TEST_CASE("running lines stop at their limit and cut a long line on a character boundary") {
  RunningLines lines;
  for (std::size_t i = 0; i < kMaxRunningLines; ++i) CHECK(lines.add("Rad " + std::string(i + 1, 'x')));
  CHECK_FALSE(lines.add("en rad till"));
  RunningLines one;
  CHECK(one.add(std::string(kMaxRunningLineBytes - 1, 'a') + "åäö"));
  const std::string& kept = one.lines()[0].text;
  CHECK(kept.size() <= kMaxRunningLineBytes + std::string("…").size());
  CHECK(kept == std::string(kMaxRunningLineBytes - 1, 'a') + "…");
}
