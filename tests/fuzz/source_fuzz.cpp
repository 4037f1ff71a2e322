// Fuzz target: the read stage's UTF-8 validation and decoding, on any bytes
// of up to 64 KB.
//   - first_invalid_utf8() against a plain decoder written from Unicode's
//     definition (code point ranges, not the lead-byte table read/ uses);
//   - read_source() on the bytes as a file, with and without --repair:
//     whatever it accepts is valid UTF-8, a valid UTF-8 file without NUL
//     bytes that detect_format() takes for text is accepted unchanged, and
//     an error's byte offset lies inside the file. Bytes that look like a
//     PDF or a ZIP go to those readers, which must not crash either.

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "analyzer/read/file_format.hpp"
#include "analyzer/read/source.hpp"
#include "tests/fuzz/fuzz_input.hpp"

using analyzer::fuzz::require;

namespace {

// Offset of the first ill-formed sequence: decode each sequence by its
// length class, then reject overlong forms, surrogates and values above
// U+10FFFF (Unicode 15, section 3.9, D92).
std::optional<std::size_t> reference_first_invalid(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t len;
    char32_t cp;
    if (b < 0x80) { len = 1; cp = b; }
    else if ((b & 0xE0) == 0xC0) { len = 2; cp = b & 0x1F; }
    else if ((b & 0xF0) == 0xE0) { len = 3; cp = b & 0x0F; }
    else if ((b & 0xF8) == 0xF0) { len = 4; cp = b & 0x07; }
    else return i;
    if (i + len > s.size()) return i;
    for (std::size_t k = 1; k < len; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (c & 0x3F);
    }
    static constexpr char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinimum[len] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return i;
    i += len;
  }
  return std::nullopt;
}

// One file per process, rewritten for each input, removed at exit.
const std::string& scratch_file() {
  static const std::string path = [] {
    const char* tmp = std::getenv("TMPDIR");
    std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/analyzer-source-fuzz-XXXXXX";
    const int fd = mkstemp(templ.data());
    require(fd >= 0, "cannot create a scratch file in $TMPDIR");
    close(fd);
    static std::string removed_at_exit = templ;
    std::atexit([] { std::remove(removed_at_exit.c_str()); });
    return templ;
  }();
  return path;
}

void write_scratch(std::string_view bytes) {
  std::FILE* f = std::fopen(scratch_file().c_str(), "wb");
  require(f != nullptr, "cannot write the scratch file");
  require(std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size(), "cannot write the scratch file");
  std::fclose(f);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  analyzer::fuzz::Input in = analyzer::fuzz::capped(data, size, 64 * 1024);
  if (!in.ok) return 0;

  const std::optional<std::size_t> bad = analyzer::first_invalid_utf8(in.bytes);
  require(bad == reference_first_invalid(in.bytes), "first_invalid_utf8 agrees with the reference decoder");

  write_scratch(in.bytes);
  // Text by content (no "%PDF-", no ZIP or image magic: file_format.hpp);
  // the scratch file's name has no extension, so it never says CSV.
  const analyzer::Result<analyzer::FileFormat> format =
      analyzer::detect_format(scratch_file(), in.bytes, analyzer::ReadOptions{}.max_bytes);
  const bool plain_text = !in.bytes.empty() && !bad && in.bytes.find('\0') == std::string_view::npos &&
                          format.ok() && format.value() == analyzer::FileFormat::Text;
  for (const bool repair : {false, true}) {
    analyzer::ReadOptions options;
    options.repair = repair;
    analyzer::Diagnostics warnings;
    analyzer::Result<analyzer::SourceFile> file = analyzer::read_source(scratch_file(), options, warnings);
    if (file.ok()) {
      require(!analyzer::first_invalid_utf8(file.value().bytes), "accepted bytes are valid UTF-8");
      if (plain_text) require(file.value().bytes == in.bytes, "valid UTF-8 is kept unchanged");
    } else {
      require(!plain_text, "valid UTF-8 without NUL bytes is accepted");
      if (file.error().byte) require(*file.error().byte < in.bytes.size(), "error offset inside the file");
    }
    for (const analyzer::Diagnostic& w : warnings)
      if (w.byte) require(*w.byte < in.bytes.size(), "warning offset inside the file");
  }
  return 0;
}
