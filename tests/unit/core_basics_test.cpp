// UTF-8 basics (core/utf8.hpp), the whole-file reader (core/file_bytes.hpp)
// and FNV-1a (core/stable_hash.hpp).

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <string>

#include "analyzer/core/file_bytes.hpp"
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
