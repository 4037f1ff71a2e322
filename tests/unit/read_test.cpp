// read/: folder walk, size limit, binary and UTF-8 checks, SHA-256, readers.
#include <catch2/catch.hpp>

#include <grp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/read/reader.hpp"
#include "analyzer/read/source.hpp"
#include "tests/support/temp_files.hpp"

using namespace analyzer;
using analyzer::test::TempDir;
namespace fs = std::filesystem;

namespace {

Result<SourceFile> read(const std::string& path, ReadOptions options = {}) {
  Diagnostics warnings;
  return read_source(path, options, warnings);
}

}  // namespace

// ---- SHA-256 (FIPS 180-2 appendix B test vectors) ----------------------------

TEST_CASE("sha256 of the empty string is the published test vector") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("sha256 of \"abc\" is the published test vector") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("sha256 of the 56-byte two-block message is the published test vector") {
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("sha256 of one million 'a' is the published test vector") {
  CHECK(sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// ---- first_invalid_utf8 ------------------------------------------------------

TEST_CASE("first_invalid_utf8 finds the first ill-formed byte and accepts well-formed text") {
  struct Case {
    std::string input;
    std::optional<std::size_t> expected;
  };
  const Case c = GENERATE(values<Case>({
      {"", std::nullopt},
      {"plain ASCII text", std::nullopt},
      {"r\xC3\xA5" "d och st\xC3\xB6" "d, \xC3\xA4ven", std::nullopt},  // "råd och stöd, även"
      {"\xE2\x80\x93 \xF0\x9F\x98\x80 \xEF\xBF\xBD", std::nullopt},  // en dash, emoji, U+FFFD
      {"\xF4\x8F\xBF\xBF", std::nullopt},                             // U+10FFFF, the last code point
      {"ab\xC0\x80", std::size_t{2}},                                  // overlong NUL
      {"\xC1\xBF", std::size_t{0}},                                    // overlong 2-byte
      {"x\xE0\x80\xAF", std::size_t{1}},                               // overlong 3-byte "/"
      {"\xF0\x8F\xBF\xBF", std::size_t{0}},                            // overlong 4-byte
      {"a\xED\xA0\x80z", std::size_t{1}},                              // surrogate U+D800
      {"\xF4\x90\x80\x80", std::size_t{0}},                            // above U+10FFFF
      {"\xF5\x80\x80\x80", std::size_t{0}},                            // lead byte F5
      {"st\xF6rre", std::size_t{2}},                                   // Latin-1 "större"
      {"ok \xBF", std::size_t{3}},                                     // lone continuation byte
      {"slut p\xC3", std::size_t{6}},                                  // cut short at the end
      {"\xE2\x82" "a", std::size_t{0}},                                // cut short before ASCII
      {"0123456789abcdefghij\xFF", std::size_t{20}},                  // after the 8-byte ASCII path
      {"0123456789abcdef\xC3\xA5" "0123456789\x80", std::size_t{28}},  // ASCII, å, ASCII, bad
  }));
  CAPTURE(c.input);
  CHECK(first_invalid_utf8(c.input) == c.expected);
}

// ---- read_source -------------------------------------------------------------

TEST_CASE("read_source returns the bytes, the file name and the SHA-256 of a valid file") {
  TempDir dir;
  const std::string path = dir.write("sub/svar.txt", "Ja, men arbete p\xC3\xA5g\xC3\xA5r.\n");
  Result<SourceFile> file = read(path);
  REQUIRE(file.ok());
  CHECK(file.value().path == path);
  CHECK(file.value().name == "svar.txt");
  CHECK(file.value().bytes == "Ja, men arbete p\xC3\xA5g\xC3\xA5r.\n");
  CHECK(file.value().sha256 == sha256_hex("Ja, men arbete p\xC3\xA5g\xC3\xA5r.\n"));
}

TEST_CASE("read_source keeps a UTF-8 byte order mark in the bytes") {
  TempDir dir;
  Result<SourceFile> file = read(dir.write("bom.txt", "\xEF\xBB\xBFHej\n"));
  REQUIRE(file.ok());
  CHECK(file.value().bytes == "\xEF\xBB\xBFHej\n");
}

TEST_CASE("an empty file is an error that says the file is empty") {
  TempDir dir;
  const std::string path = dir.write("tom.txt", "");
  Result<SourceFile> file = read(path);
  REQUIRE_FALSE(file.ok());
  CHECK(file.error().file == path);
  CHECK(file.error().severity == Severity::Error);
  CHECK(file.error().message == "file is empty");
  CHECK_FALSE(file.error().hint.empty());
}

TEST_CASE("a binary file is an error that names the byte offset of the first NUL") {
  TempDir dir;
  const std::string path = dir.write("rapport.dat", std::string("Rapport\n\x01\x02\0\0x", 14));
  Result<SourceFile> file = read(path);
  REQUIRE_FALSE(file.ok());
  CHECK(file.error().byte == std::optional<std::size_t>(10));
  CHECK_THAT(file.error().message, Catch::Contains("binary") && Catch::Contains("byte 10"));
  CHECK_THAT(file.error().hint, Catch::Contains("PDF, Word (.docx), Excel (.xlsx) and CSV"));
}

TEST_CASE("invalid UTF-8 is an error at the exact byte offset of the first bad byte") {
  TempDir dir;
  // "Målbild\nstörre" with the "ö" in Latin-1 (0xF6) on line 2.
  const std::string path = dir.write("latin1.txt", "M\xC3\xA5lbild\nst\xF6rre\n");
  Result<SourceFile> file = read(path);
  REQUIRE_FALSE(file.ok());
  CHECK(file.error().byte == std::optional<std::size_t>(11));
  CHECK_THAT(file.error().message, Catch::Contains("0xF6") && Catch::Contains("line 2, column 3") &&
                                       Catch::Contains("Latin-1"));
  CHECK(file.error().hint == "re-export the file as UTF-8, or run with --repair");
  CHECK(file.error().render() == path + ": byte 11: error: " + file.error().message + " (" +
                                     file.error().hint + ")");
}

// ---- other encodings -----------------------------------------------------------

TEST_CASE("a UTF-16 file with a byte order mark is read as UTF-8 text with a note") {
  struct Case {
    std::string bytes;
    TextEncoding encoding;
    std::string note;
  };
  // "Så här\n" and an emoji (a surrogate pair), little and big endian.
  const Case c = GENERATE(values<Case>({
      {std::string("\xFF\xFES\0\xE5\0 \0h\0\xE4\0r\0\n\0\x3D\xD8\x00\xDE", 20), TextEncoding::Utf16LE,
       "read as UTF-16LE (byte order mark FF FE)"},
      {std::string("\xFE\xFF\0S\0\xE5\0 \0h\0\xE4\0r\0\n\xD8\x3D\xDE\x00", 20), TextEncoding::Utf16BE,
       "read as UTF-16BE (byte order mark FE FF)"},
  }));
  TempDir dir;
  const std::string path = dir.write("utf16.txt", c.bytes);
  Diagnostics warnings;
  Result<SourceFile> file = read_source(path, ReadOptions{}, warnings);
  REQUIRE(file.ok());
  CHECK(file.value().bytes == "S\xC3\xA5 h\xC3\xA4r\n\xF0\x9F\x98\x80");
  CHECK(file.value().encoding == c.encoding);
  CHECK(file.value().sha256 == sha256_hex(c.bytes));
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].severity == Severity::Note);
  CHECK(warnings[0].message == c.note);
  // "här" is text bytes [4, 8); in the file, code units 3..5 after the mark.
  CHECK(file.value().to_file(ByteSpan{4, 8}) == ByteSpan{8, 14});
  // The emoji: 4 bytes of text, 4 bytes (two units) of file.
  CHECK(file.value().to_file(ByteSpan{9, 13}) == ByteSpan{16, 20});
  // Inside a character a start moves back and an end forward.
  CHECK(file.value().to_file(ByteSpan{2, 3}) == ByteSpan{4, 6});
}

TEST_CASE("UTF-16 without a byte order mark is refused as binary, with a hint that names UTF-16") {
  TempDir dir;
  std::string bytes;
  for (char c : std::string("Vi har infört mobila team i hela länet.\n")) {
    bytes += c;
    bytes += '\0';
  }
  Result<SourceFile> file = read(dir.write("utf16.txt", bytes));
  REQUIRE_FALSE(file.ok());
  CHECK_THAT(file.error().message, Catch::Contains("binary") && Catch::Contains("byte 1"));
  CHECK(file.error().hint == "it looks like UTF-16 without a byte order mark: save it as UTF-8, or as UTF-16 with one");
}

TEST_CASE("an odd last byte in a UTF-16 file is an error at its offset") {
  TempDir dir;
  const std::string path = dir.write("odd.txt", std::string("\xFF\xFEJ\0a\0\n", 7));
  Result<SourceFile> file = read(path);
  REQUIRE_FALSE(file.ok());
  CHECK(file.error().byte == std::optional<std::size_t>(6));
  CHECK_THAT(file.error().message, Catch::Contains("not valid UTF-16LE at byte 6"));
}

TEST_CASE("a Swedish Windows-1252 file is read as such with a warning, offsets into the file") {
  TempDir dir;
  // "Vården är god – säger 80 %.\n" in Windows-1252.
  const std::string original = "V\xE5rden \xE4r god \x96 s\xE4ger 80 %.\n";
  const std::string path = dir.write("cp1252.txt", original);
  Diagnostics warnings;
  Result<SourceFile> file = read_source(path, ReadOptions{}, warnings);
  REQUIRE(file.ok());
  CHECK(file.value().bytes == "V\xC3\xA5rden \xC3\xA4r god \xE2\x80\x93 s\xC3\xA4ger 80 %.\n");
  CHECK(file.value().encoding == TextEncoding::Windows1252);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].render() == path +
                                    ": warning: read as Windows-1252 (the file is not valid UTF-8) (offsets point "
                                    "into the file's bytes; save it as UTF-8 to avoid the guess)");
  // "säger": text [20, 26), file [16, 21).
  CHECK(file.value().to_file(ByteSpan{20, 26}) == ByteSpan{16, 21});
  CHECK(original.substr(16, 5) == "s\xE4ger");
}

TEST_CASE("a Windows-1252 file with a rarer sign beside its Swedish letters is still read as Windows-1252") {
  TempDir dir;
  // "Kommun;År\nFalu;Mobila team ökar med 10 ‰ där.\n" in Windows-1252 (‰ is 0x89).
  const std::string path = dir.write("promille.csv.txt", "Kommun;\xC5r\nFalu;Mobila team \xF6kar med 10 \x89 d\xE4r.\n");
  Result<SourceFile> file = read(path);
  REQUIRE(file.ok());
  CHECK(file.value().encoding == TextEncoding::Windows1252);
  CHECK(file.value().bytes == "Kommun;\xC3\x85r\nFalu;Mobila team \xC3\xB6kar med 10 \xE2\x80\xB0 d\xC3\xA4r.\n");
}

TEST_CASE("bytes that are not plausible Windows-1252 stay an invalid UTF-8 error") {
  const std::string bytes = GENERATE(values<std::string>({
      "abc\xFF def",                        // ÿ is no Swedish letter
      "M\xC3\xA5lbild\nst\xF6rre\n",          // as many UTF-8 letters as bad bytes: broken UTF-8
      "\xE5\x81 x",                          // 0x81 is unassigned in Windows-1252
      "x \xE5 y",                             // a lone letter beside no other letter
      "\xE5\xE4 \x89\x86\x9A",                 // more of the rarer signs than Swedish letters
  }));
  TempDir dir;
  const std::string path = dir.write("bad.txt", bytes);
  Result<SourceFile> file = read(path);
  CAPTURE(bytes);
  REQUIRE_FALSE(file.ok());
  CHECK_THAT(file.error().message, Catch::Contains("not valid UTF-8"));
}

TEST_CASE("with repair, offsets of the repaired text map back to the file's bytes") {
  TempDir dir;
  const std::string original = "a\xFF\xFE b\xC3\xA5 c";  // two bad bytes, one U+FFFD each
  ReadOptions options;
  options.repair = true;
  Diagnostics warnings;
  Result<SourceFile> file = read_source(dir.write("r.txt", original), options, warnings);
  REQUIRE(file.ok());
  REQUIRE(file.value().bytes == "a\xEF\xBF\xBD\xEF\xBF\xBD b\xC3\xA5 c");
  CHECK(file.value().to_file(ByteSpan{8, 11}) == ByteSpan{4, 7});  // "bå"
  CHECK(file.value().to_file(ByteSpan{1, 4}) == ByteSpan{1, 2});   // the first U+FFFD
}

// ---- source_name --------------------------------------------------------------

TEST_CASE("source_name keeps valid UTF-8 names and escapes each bad byte as \\xNN") {
  CHECK(source_name("in/svar.txt") == "svar.txt");
  CHECK(source_name("in/v\xC3\xA5rd.txt") == "v\xC3\xA5rd.txt");
  CHECK(source_name("in/svar\xE5r.txt") == "svar\\xE5r.txt");
  CHECK(source_name("in/a\xE2\x82.txt") == "a\\xE2\\x82.txt");
  CHECK(source_name("in/a\xFF.txt") != source_name("in/a\xFE.txt"));
}

TEST_CASE("with repair, invalid bytes become U+FFFD and one warning gives the first offset and the count") {
  TempDir dir;
  // Three ill-formed places: a Latin-1 "ö", a sequence cut short, a lone continuation byte.
  const std::string original = "st\xF6rre \xE2\x82 och \x80.";
  const std::string path = dir.write("repair.txt", original);
  ReadOptions options;
  options.repair = true;
  Diagnostics warnings;
  Result<SourceFile> file = read_source(path, options, warnings);
  REQUIRE(file.ok());
  CHECK(file.value().bytes == "st\xEF\xBF\xBDrre \xEF\xBF\xBD och \xEF\xBF\xBD.");
  CHECK(file.value().sha256 == sha256_hex(original));  // of the bytes on disk
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].severity == Severity::Warning);
  CHECK(warnings[0].byte == std::optional<std::size_t>(2));
  CHECK_THAT(warnings[0].message, Catch::Contains("replaced 3 invalid UTF-8 sequences"));
}

TEST_CASE("a file larger than max_bytes is refused with its size and the limit") {
  TempDir dir;
  const std::string path = dir.write("stor.txt", std::string(3000, 'x'));
  ReadOptions options;
  options.max_bytes = 2048;
  Result<SourceFile> file = read(path, options);
  REQUIRE_FALSE(file.ok());
  CHECK(file.error().message == "file is 2.9 KB (3000 bytes), larger than the limit of 2.0 KB (2048 bytes)");
  CHECK_THAT(file.error().hint, Catch::Contains("--max-file-size"));
}

TEST_CASE("a size in a message keeps its unit and exact bytes and never rounds a limit to 0 MB") {
  CHECK(describe_size(512) == "512 bytes");
  CHECK(describe_size(20000) == "19.5 KB (20000 bytes)");
  CHECK(describe_size(1048576) == "1.0 MB (1048576 bytes)");
}

TEST_CASE("a file exactly at max_bytes is read") {
  TempDir dir;
  ReadOptions options;
  options.max_bytes = 5;
  CHECK(read(dir.write("fem.txt", "12345"), options).ok());
}

TEST_CASE("a path that does not exist is an error: no such file") {
  TempDir dir;
  const std::string path = dir.str() + "/saknas.txt";
  Result<SourceFile> file = read(path);
  REQUIRE_FALSE(file.ok());
  CHECK(file.error().file == path);
  CHECK(file.error().message == "no such file");
}

TEST_CASE("a folder given as a file is an error") {
  TempDir dir;
  Result<SourceFile> file = read(dir.str());
  REQUIRE_FALSE(file.ok());
  CHECK(file.error().message == "is a folder, not a file");
}

namespace {

// What read() made of a file: read or not, and the error's message and hint.
struct ReadOutcome {
  bool ok = false;
  std::string message;
  std::string hint;
};

ReadOutcome read_outcome(const std::string& path) {
  Result<SourceFile> file = read(path);
  if (file.ok()) return {true, "", ""};
  return {false, file.error().message, file.error().hint};
}

// read_outcome(path) as the unprivileged user nobody (uid and gid 65534):
// root may read any file, so a root test run forks, drops its privileges in
// the child and sends the outcome back through a pipe. The child first
// checks that it is no longer root and that it can see the file (so a
// failed read is for the file's permissions, not the folder's); when either
// fails, or the child does not exit 0, this fails the test.
ReadOutcome read_outcome_as_nobody(const std::string& path) {
  constexpr uid_t kNobody = 65534;
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(fds[0]);
    if (::setgroups(0, nullptr) != 0 || ::setgid(kNobody) != 0 || ::setuid(kNobody) != 0) ::_exit(10);
    if (::geteuid() != kNobody || ::setuid(0) == 0) ::_exit(11);  // privileges really dropped
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) ::_exit(12);
    const ReadOutcome outcome = read_outcome(path);
    const std::string reply = std::string(outcome.ok ? "1" : "0") + outcome.message + '\0' + outcome.hint;
    const bool sent = ::write(fds[1], reply.data(), reply.size()) == static_cast<ssize_t>(reply.size());
    ::_exit(sent ? 0 : 13);
  }
  ::close(fds[1]);
  std::string reply;
  char buffer[512];
  for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    REQUIRE(n > 0);
    reply.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  INFO("child exit status " << (WIFEXITED(status) ? WEXITSTATUS(status) : -1)
                            << " (10 cannot drop privileges, 11 still privileged, 12 cannot see the file)");
  REQUIRE((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  const std::size_t nul = reply.find('\0');
  REQUIRE((!reply.empty() && nul != std::string::npos));
  return {reply[0] == '1', reply.substr(1, nul - 1), reply.substr(nul + 1)};
}

// read_outcome(path) as a user whom permissions bind: this process, or user
// nobody when it runs as root (as CI does).
ReadOutcome read_outcome_unprivileged(const std::string& path) {
  return ::geteuid() == 0 ? read_outcome_as_nobody(path) : read_outcome(path);
}

}  // namespace

TEST_CASE("a file without read permission is an error with a permission hint") {
  TempDir dir;
  // Others may enter the folder, so user nobody reaches the files in it.
  fs::permissions(dir.path(), fs::perms::others_exec, fs::perm_options::add);
  const std::string open = dir.write("öppen.txt", "text\n");
  fs::permissions(open, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  const std::string closed = dir.write("hemlig.txt", "text\n");
  fs::permissions(closed, fs::perms::none);

  {
    const ReadOutcome control = read_outcome_unprivileged(open);  // the same user may read a readable file
    INFO("reading a readable file: " << control.message);
    CHECK(control.ok);
  }
  const ReadOutcome outcome = read_outcome_unprivileged(closed);
  REQUIRE_FALSE(outcome.ok);
  CHECK_THAT(outcome.message, Catch::Contains("cannot read the file"));
  CHECK_THAT(outcome.hint, Catch::Contains("permissions"));
}

// ---- collect_files -----------------------------------------------------------

TEST_CASE("folders are walked recursively in sorted order, skipping hidden entries and manifest.json") {
  TempDir dir;
  dir.write("b.txt", "b");
  dir.write("a.txt", "a");
  dir.write("manifest.json", "{}");
  dir.write(".hidden.txt", "h");
  dir.write(".git/config", "c");
  dir.write("sub/c.txt", "c");
  dir.write("sub/manifest.json", "{}");
  Diagnostics diagnostics;
  const std::vector<std::string> files = collect_files({dir.str()}, diagnostics);
  CHECK(diagnostics.empty());
  CHECK(files == std::vector<std::string>{dir.str() + "/a.txt", dir.str() + "/b.txt", dir.str() + "/sub/c.txt"});
}

TEST_CASE("hidden entries and links to folders are passed over with a reason, in the order met") {
  TempDir dir;
  dir.write("a.txt", "a");
  dir.write(".hidden.txt", "h");
  fs::create_directories(dir.path() / "elsewhere");
  fs::create_symlink(dir.path() / "elsewhere", dir.path() / "z-link");
  Diagnostics diagnostics;
  std::vector<PassedOver> passed_over;
  const std::vector<std::string> files = collect_files({dir.str()}, diagnostics, passed_over);
  CHECK(diagnostics.empty());
  CHECK(files == std::vector<std::string>{dir.str() + "/a.txt"});
  std::vector<std::string> rendered;
  for (const PassedOver& p : passed_over) rendered.push_back(p.path + ": " + p.reason);
  std::sort(rendered.begin(), rendered.end());
  CHECK(rendered == std::vector<std::string>{dir.str() + "/.hidden.txt: hidden",
                                             dir.str() + "/z-link: symbolic link to a folder (not followed)"});
}

TEST_CASE("a dangling or looping symbolic link in a folder is an error naming it") {
  TempDir dir;
  dir.write("a.txt", "a");
  fs::create_symlink(dir.path() / "gone.txt", dir.path() / "dangling.txt");
  fs::create_symlink(dir.path() / "loop.txt", dir.path() / "loop.txt");
  Diagnostics diagnostics;
  const std::vector<std::string> files = collect_files({dir.str()}, diagnostics);
  CHECK(files == std::vector<std::string>{dir.str() + "/a.txt"});
  std::vector<std::string> rendered;
  for (const Diagnostic& d : diagnostics) rendered.push_back(d.render());
  std::sort(rendered.begin(), rendered.end());
  CHECK(rendered == std::vector<std::string>{
                        dir.str() + "/dangling.txt: error: symbolic link to a file that does not exist, not read "
                                    "(point the link at a file or remove it)",
                        dir.str() + "/loop.txt: error: symbolic link loop, not read (point the link at a file or "
                                    "remove it)"});
}

TEST_CASE("a path that does not exist gives an error and the other inputs are still returned") {
  TempDir dir;
  const std::string kept = dir.write("svar.txt", "x");
  const std::string missing = dir.str() + "/saknas";
  Diagnostics diagnostics;
  const std::vector<std::string> files = collect_files({missing, kept}, diagnostics);
  CHECK(files == std::vector<std::string>{kept});
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].file == missing);
  CHECK(diagnostics[0].message == "no such file or folder");
  CHECK_FALSE(diagnostics[0].hint.empty());
}

TEST_CASE("a file named directly is returned once even when given twice") {
  TempDir dir;
  const std::string path = dir.write("svar.txt", "x");
  Diagnostics diagnostics;
  CHECK(collect_files({path, path}, diagnostics) == std::vector<std::string>{path});
}

TEST_CASE("the seed corpora are found and read as valid UTF-8") {
  Diagnostics diagnostics;
  const std::vector<std::string> files = collect_files({ANALYZER_CORPORA}, diagnostics);
  CHECK(diagnostics.empty());
  REQUIRE(files.size() >= 4);
  for (const std::string& path : files) {
    CAPTURE(path);
    Result<SourceFile> file = read(path);
    REQUIRE(file.ok());
    CHECK(file.value().sha256.size() == 64);
    CHECK_FALSE(first_invalid_utf8(file.value().bytes).has_value());
  }
}

// ---- Reader -----------------------------------------------------------------

TEST_CASE("the text reader gives valid UTF-8 back as the text, without structure and with offsets of its own") {
  const std::string bytes = "Hemg\xC3\xA5ng fungerar.\n";
  Result<const Reader*> reader = reader_for("svar.txt", bytes, ReadOptions{});
  REQUIRE(reader.ok());
  CHECK(reader.value()->name() == "text");
  Diagnostics warnings;
  Result<SourceText> text = reader.value()->read("svar.txt", bytes, ReadOptions{}, warnings);
  REQUIRE(text.ok());
  CHECK(text.value().text == bytes);
  CHECK(text.value().encoding == TextEncoding::Utf8);
  CHECK(text.value().offsets.identity());
  CHECK(text.value().places.empty());
  CHECK(warnings.empty());
}

TEST_CASE("the text reader maps Windows-1252 text back to the bytes it came from") {
  // "Vård på hemmaplan": å is one byte in the file, two in the text.
  const std::string bytes = "V\xE5rd p\xE5 hemmaplan\n";
  TextReader reader;
  Diagnostics warnings;
  Result<SourceText> text = reader.read("v.txt", bytes, ReadOptions{}, warnings);
  REQUIRE(text.ok());
  CHECK(text.value().text == "V\xC3\xA5rd p\xC3\xA5 hemmaplan\n");
  CHECK(text.value().encoding == TextEncoding::Windows1252);
  // "på" is text bytes [6, 9), file bytes [5, 7).
  CHECK(text.value().offsets.to_file_begin(text.value().text, 6) == 5);
  CHECK(text.value().offsets.to_file_end(text.value().text, 9) == 7);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].message == "read as Windows-1252 (the file is not valid UTF-8)");
}
