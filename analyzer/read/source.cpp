#include "analyzer/read/source.hpp"
#include "analyzer/read/reader.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <set>
#include <stdexcept>
#include <vector>
#include <string_view>
#include <system_error>

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/utf16.h>

#include "analyzer/core/file_bytes.hpp"
#include "analyzer/core/utf8.hpp"

namespace analyzer {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------
// UTF-8 validation (Unicode 15, Table 3-7 "Well-Formed UTF-8 Byte Sequences").
// ---------------------------------------------------------------------------
namespace {

using utf8::is_continuation;

// Length of the well-formed sequence at bytes[pos], or 0 when ill formed.
// utf8::decode follows Table 3-7: it rejects overlongs (E0 80..9F, F0
// 80..8F), surrogates (ED A0..BF) and code points above U+10FFFF.
std::size_t valid_sequence_length(std::string_view bytes, std::size_t pos) {
  const utf8::Decoded d = utf8::decode(bytes, pos);
  return d.valid() ? d.length : 0;
}

// Length of the maximal subpart of the ill-formed sequence at bytes[pos]
// (Unicode 15, section 3.9): the longest prefix of some well-formed
// sequence, at least one byte. This is what one U+FFFD replaces.
std::size_t invalid_subpart_length(std::string_view bytes, std::size_t pos) {
  return std::max<std::size_t>(utf8::decode(bytes, pos).length, 1);
}

// True when the 8 bytes at p are all ASCII.
inline bool ascii8(const char* p) {
  std::uint64_t word;
  std::memcpy(&word, p, sizeof word);
  return (word & 0x8080808080808080ull) == 0;
}

struct LineColumn {
  std::size_t line = 1, column = 1;
};

// 1-based line and column (in code points) of byte `offset`; the bytes
// before `offset` are assumed to be valid UTF-8.
LineColumn line_column(std::string_view bytes, std::size_t offset) {
  LineColumn lc;
  offset = std::min(offset, bytes.size());
  for (std::size_t i = 0; i < offset; ++i) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    if (b == '\n') {
      ++lc.line;
      lc.column = 1;
    } else if (!is_continuation(b)) {
      ++lc.column;
    }
  }
  return lc;
}

}  // namespace

bool looks_like_utf16_without_bom(std::string_view bytes) {
  const std::size_t n = std::min<std::size_t>(bytes.size(), 4096) & ~std::size_t{1};
  if (n < 16) return false;
  std::size_t even_nul = 0, odd_nul = 0;
  for (std::size_t i = 0; i < n; i += 2) {
    even_nul += bytes[i] == '\0';
    odd_nul += bytes[i + 1] == '\0';
  }
  const std::size_t units = n / 2;
  const std::size_t high = std::max(even_nul, odd_nul), low = std::min(even_nul, odd_nul);
  return 10 * high >= 9 * units && 10 * low <= units;
}

std::optional<std::size_t> first_invalid_utf8(std::string_view bytes) {
  const char* data = bytes.data();
  const std::size_t n = bytes.size();
  std::size_t pos = 0;
  while (pos < n) {
    // ASCII fast path: whole 8-byte words while they last.
    if (pos + 8 <= n && ascii8(data + pos)) {
      pos += 8;
      continue;
    }
    if (static_cast<unsigned char>(data[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const std::size_t len = valid_sequence_length(bytes, pos);
    if (len == 0) return pos;
    pos += len;
  }
  return std::nullopt;
}

namespace {

struct Repaired {
  std::string text;
  std::size_t replacements = 0;
  std::size_t first_offset = 0;
};

// Replaces every maximal ill-formed subpart by U+FFFD; `offsets` gets a
// checkpoint on each side of every replacement.
Repaired repair_utf8(std::string_view bytes, FileOffsets& offsets) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  Repaired out;
  out.text.reserve(bytes.size() + bytes.size() / 16);
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    const std::optional<std::size_t> bad = first_invalid_utf8(bytes.substr(pos));
    if (!bad) {
      out.text.append(bytes.substr(pos));
      break;
    }
    const std::size_t at = pos + *bad;
    out.text.append(bytes.substr(pos, at - pos));
    if (out.replacements == 0) out.first_offset = at;
    ++out.replacements;
    offsets.add_checkpoint(out.text.size(), at);
    out.text.append(kReplacement);
    pos = at + invalid_subpart_length(bytes, at);
    offsets.add_checkpoint(out.text.size(), pos);
  }
  return out;
}

// ---- other encodings -------------------------------------------------------

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

struct Transcoded {
  std::string text;                  // UTF-8
  std::optional<std::size_t> bad;    // offset (in the input) of a byte sequence the encoding does not allow
};

inline void append_utf8(std::string& out, UChar32 c) { utf8::append(out, static_cast<char32_t>(c)); }

// `bytes` decoded with the ICU converter `converter` into UTF-8, stopping
// at the first byte sequence the encoding does not allow (an unpaired
// surrogate, an odd last byte of UTF-16, an unassigned Windows-1252 byte).
// Cost: linear; a 64K-unit buffer besides the output.
Transcoded transcode_to_utf8(std::string_view bytes, const char* converter) {
  Transcoded out;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open(converter, &status));
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU converter ") + converter + " is not available");
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  out.text.reserve(bytes.size() + bytes.size() / 8);
  std::vector<UChar> buffer(1u << 16);
  const char* source = bytes.data();
  const char* const source_end = bytes.data() + bytes.size();
  UChar lead = 0;  // a lead surrogate left at the end of the buffer
  for (;;) {
    UChar* target = buffer.data();
    status = U_ZERO_ERROR;
    ucnv_toUnicode(conv.get(), &target, buffer.data() + buffer.size(), &source, source_end, nullptr, true,
                   &status);
    for (const UChar* u = buffer.data(); u < target; ++u) {
      if (lead != 0) {
        if (U16_IS_TRAIL(*u)) {
          append_utf8(out.text, U16_GET_SUPPLEMENTARY(lead, *u));
          lead = 0;
          continue;
        }
        append_utf8(out.text, 0xFFFD);  // not expected: the converter stops on unpaired surrogates
        lead = 0;
      }
      if (U16_IS_LEAD(*u)) lead = *u;
      else append_utf8(out.text, *u);
    }
    if (status == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(status)) {
      char invalid[32];
      int8_t length = sizeof invalid;
      UErrorCode ignored = U_ZERO_ERROR;
      ucnv_getInvalidChars(conv.get(), invalid, &length, &ignored);
      out.bad = static_cast<std::size_t>(source - bytes.data()) - (U_SUCCESS(ignored) ? length : 0);
      return out;
    }
    break;
  }
  if (lead != 0) append_utf8(out.text, 0xFFFD);
  return out;
}

// Checkpoints for a text transcoded from `encoding`, starting at file
// offset `file_begin` (after a byte order mark): one every 256 bytes of text.
FileOffsets offsets_of_transcoded(std::string_view text, TextEncoding encoding, std::size_t file_begin) {
  FileOffsets offsets(encoding);
  constexpr std::size_t kEvery = 256;
  std::size_t file_pos = file_begin, last = 0;
  offsets.add_checkpoint(0, file_begin);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (is_continuation(b)) continue;
    if (i - last >= kEvery) {
      offsets.add_checkpoint(i, file_pos);
      last = i;
    }
    file_pos += encoding == TextEncoding::Windows1252 ? 1 : (b >= 0xF0 ? 4 : 2);
  }
  return offsets;
}

// Windows-1252 bytes 0x80..0xFF that are letters of Swedish and the
// languages its exports borrow from: å ä ö é ü ø æ è á í ó ú ñ ç ë ï ô ê à
// ù ß (both cases). Not Â, Ã and â: they lead the UTF-8 of Latin-1 letters
// and of punctuation, so they point to broken UTF-8 ("Ã¥", "â€“").
bool is_plausible_cp1252_letter(unsigned char b) {
  static constexpr std::string_view kLetters =
      "\xE5\xE4\xF6\xC5\xC4\xD6\xE9\xC9\xFC\xDC\xF8\xD8\xE6\xC6\xE8\xC8\xE1\xC1\xED\xCD\xF3\xD3"
      "\xFA\xDA\xF1\xD1\xE7\xC7\xEB\xCB\xEF\xCF\xF4\xD4\xEA\xCA\xE0\xC0\xF9\xD9\xDF";
  return kLetters.find(static_cast<char>(b)) != std::string_view::npos;
}

// Windows-1252 punctuation and signs seen in Swedish office exports:
// no-break space, – — ‘ ’ “ ” „ ‚ … • € § ° « » ´ · ½ ¼ ² ³ £ × ± © ® ™ ‹ ›.
bool is_plausible_cp1252_sign(unsigned char b) {
  static constexpr std::string_view kSigns =
      "\xA0\x96\x97\x91\x92\x93\x94\x84\x82\x85\x95\x80\xA7\xB0\xAB\xBB\xB4\xB7\xBD\xBC\xB2\xB3"
      "\xA3\xD7\xB1\xA9\xAE\x99\x8B\x9B";
  return kSigns.find(static_cast<char>(b)) != std::string_view::npos;
}

// The test in source.hpp: whether bytes that are not valid UTF-8 read as
// Windows-1252 text. Cost: one pass.
bool looks_like_windows_1252(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t letters = 0, letters_beside_letters = 0, invalid = 0, utf8_sequences = 0, rare = 0;
  const auto letter_at = [&](std::size_t i) {
    if (i >= n) return false;
    const unsigned char b = p[i];
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || is_plausible_cp1252_letter(b);
  };
  std::size_t sequence_end = 0;  // the end of the last well-formed UTF-8 sequence
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char b = p[i];
    if (b < 0x80) continue;
    if (i >= sequence_end) {
      if (const std::size_t len = valid_sequence_length(bytes, i); len > 1) {
        ++utf8_sequences;
        sequence_end = i + len;
      } else {
        ++invalid;
      }
    }
    if (is_plausible_cp1252_letter(b)) {
      ++letters;
      if ((i > 0 && letter_at(i - 1)) || letter_at(i + 1)) ++letters_beside_letters;
    } else if (!is_plausible_cp1252_sign(b)) {
      // Any other character Windows-1252 has (‰ † š ž Œ ƒ ¤ ý ...) may
      // stand in a real export, a few among the letters; a byte it leaves
      // undefined, or one that leads broken UTF-8 (Â Ã â), may not.
      if (b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D || b == 0xC2 || b == 0xC3 || b == 0xE2)
        return false;
      ++rare;
    }
  }
  return letters > 0 && 2 * letters_beside_letters >= letters && invalid > utf8_sequences && rare <= letters;
}

Diagnostic transcoding_error(const std::string& path, TextEncoding encoding, std::size_t offset) {
  Diagnostic d = make_error(path,
                            std::string("not valid ") + to_string(encoding) + " at byte " + std::to_string(offset) +
                                (encoding == TextEncoding::Windows1252 ? "" : " (an unpaired surrogate or an odd last byte)"),
                            "re-export the file as UTF-8");
  d.byte = offset;
  return d;
}

Diagnostic binary_file(const std::string& path, std::size_t offset, std::string_view what) {
  Diagnostic d = make_error(path,
                            "looks like a binary file, not text (" + std::string(what) + " at byte " +
                                std::to_string(offset) + ")",
                            "analyzer reads text, PDF, Word (.docx), Excel (.xlsx) and CSV files: "
                            "save or export the document in one of those formats");
  d.byte = offset;
  return d;
}


Diagnostic too_large(const std::string& path, std::uintmax_t size, const ReadOptions& options) {
  return make_error(path,
                    "file is " + describe_size(size) + ", larger than the limit of " +
                        describe_size(options.max_bytes),
                    options.too_large_hint);
}

Diagnostic cannot_open(const std::string& path, int error_number) {
  std::string hint = error_number == EACCES
                         ? "check the file's permissions (for example `chmod a+r`) or run as a "
                           "user who may read it"
                         : "check that the file exists and can be read";
  return make_error(path, std::string("cannot read the file: ") + std::strerror(error_number),
                    std::move(hint));
}

// SHA-256 (FIPS 180-4), streaming over 64-byte blocks.
class Sha256 {
 public:
  void update(std::string_view data) {
    const auto* p = reinterpret_cast<const unsigned char*>(data.data());
    std::size_t n = data.size();
    total_bytes_ += n;
    if (buffered_ > 0) {
      const std::size_t take = std::min(n, block_.size() - buffered_);
      std::memcpy(block_.data() + buffered_, p, take);
      buffered_ += take;
      p += take;
      n -= take;
      if (buffered_ < block_.size()) return;
      compress(block_.data());
      buffered_ = 0;
    }
    while (n >= 64) {
      compress(p);
      p += 64;
      n -= 64;
    }
    std::memcpy(block_.data(), p, n);
    buffered_ = n;
  }

  std::string hex_digest() {
    const std::uint64_t bit_length = total_bytes_ * 8;
    static constexpr unsigned char kPad[64] = {0x80};
    const std::size_t pad = buffered_ < 56 ? 56 - buffered_ : 120 - buffered_;
    update(std::string_view(reinterpret_cast<const char*>(kPad), pad));
    unsigned char length_bytes[8];
    for (int i = 0; i < 8; ++i) length_bytes[i] = static_cast<unsigned char>(bit_length >> (56 - 8 * i));
    update(std::string_view(reinterpret_cast<const char*>(length_bytes), 8));
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(64);
    for (std::uint32_t word : state_)
      for (int shift = 28; shift >= 0; shift -= 4) out += kHex[(word >> shift) & 0xF];
    return out;
  }

 private:
  static std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

  void compress(const unsigned char* block) {
    static constexpr std::uint32_t k[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2};
    std::uint32_t w[64];
    for (int i = 0; i < 16; ++i)
      w[i] = (std::uint32_t{block[4 * i]} << 24) | (std::uint32_t{block[4 * i + 1]} << 16) |
             (std::uint32_t{block[4 * i + 2]} << 8) | std::uint32_t{block[4 * i + 3]};
    for (int i = 16; i < 64; ++i) {
      const std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
      const std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    std::uint32_t a = state_[0], b = state_[1], c = state_[2], d = state_[3];
    std::uint32_t e = state_[4], f = state_[5], g = state_[6], h = state_[7];
    for (int i = 0; i < 64; ++i) {
      const std::uint32_t s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const std::uint32_t ch = (e & f) ^ (~e & g);
      const std::uint32_t t1 = h + s1 + ch + k[i] + w[i];
      const std::uint32_t s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const std::uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
      const std::uint32_t t2 = s0 + maj;
      h = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    state_[0] += a;
    state_[1] += b;
    state_[2] += c;
    state_[3] += d;
    state_[4] += e;
    state_[5] += f;
    state_[6] += g;
    state_[7] += h;
  }

  std::array<std::uint32_t, 8> state_ = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                         0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  std::array<unsigned char, 64> block_{};
  std::size_t buffered_ = 0;
  std::uint64_t total_bytes_ = 0;
};

bool is_hidden(const fs::path& p) {
  const std::string name = p.filename().string();
  return !name.empty() && name[0] == '.' && name != "." && name != "..";
}

bool is_manifest(const fs::path& p) { return p.filename() == "manifest.json"; }

Diagnostic no_such_path(const std::string& input) {
  return make_error(input, "no such file or folder",
                    "check the spelling and the current folder; give files (text, PDF, Word, Excel "
                    "or CSV) or folders that hold them");
}

// Why a folder entry that is not a regular file or a folder is not read:
// an error for a symbolic link to nothing or a loop of links (a file the
// user meant to give is missing), nullopt otherwise.
std::optional<Diagnostic> broken_link(const fs::directory_entry& entry) {
  std::error_code link_ec, ec;
  if (!entry.is_symlink(link_ec)) return std::nullopt;
  const fs::file_status target = entry.status(ec);
  if (!ec && fs::exists(target)) return std::nullopt;
  const std::string path = entry.path().string();
  if (ec == std::errc::too_many_symbolic_link_levels)
    return make_error(path, "symbolic link loop, not read", "point the link at a file or remove it");
  return make_error(path, "symbolic link to a file that does not exist, not read",
                    "point the link at a file or remove it");
}

// Walks `folder` recursively (not following symlinked folders, so there are
// no cycles), appending regular files. Folders that cannot be listed and
// broken symbolic links give an error; hidden entries, symbolic links to
// folders and other entries that are not files go to `passed_over`.
void walk(const fs::path& folder, std::vector<std::string>& files, Diagnostics& diagnostics,
          std::vector<PassedOver>& passed_over) {
  std::error_code ec;
  fs::directory_iterator it(folder, ec);
  if (ec) {
    diagnostics.push_back(make_error(folder.string(),
                                     "cannot list the folder: " + ec.message(),
                                     "check the folder's permissions (for example `chmod a+rx`)"));
    return;
  }
  std::vector<fs::path> subfolders;
  for (const fs::directory_iterator end; it != end; it.increment(ec)) {
    if (ec) break;
    const fs::path& p = it->path();
    if (is_manifest(p)) continue;
    if (is_hidden(p)) {
      passed_over.push_back({p.string(), "hidden"});
      continue;
    }
    std::error_code type_ec;
    const bool symlink = it->is_symlink(type_ec);
    if (it->is_directory(type_ec)) {
      if (!symlink) subfolders.push_back(p);
      else passed_over.push_back({p.string(), "symbolic link to a folder (not followed)"});
    } else if (it->is_regular_file(type_ec)) {
      files.push_back(p.string());
    } else if (std::optional<Diagnostic> broken = broken_link(*it)) {
      diagnostics.push_back(std::move(*broken));
    } else {
      passed_over.push_back({p.string(), "not a regular file (device, pipe or socket)"});
    }
  }
  if (ec) {
    diagnostics.push_back(make_error(folder.string(),
                                     "stopped listing the folder: " + ec.message(),
                                     "check the folder's permissions (for example `chmod a+rx`)"));
  }
  for (const fs::path& sub : subfolders) walk(sub, files, diagnostics, passed_over);
}

}  // namespace

std::string describe_size(std::uintmax_t bytes) {
  const std::string exact = std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
  if (bytes < 1024) return exact;
  static constexpr std::array<const char*, 4> kUnits = {"KB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes) / 1024.0;
  std::size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < kUnits.size()) {
    value /= 1024.0;
    ++unit;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f %s", value, kUnits[unit]);
  return std::string(buffer) + " (" + exact + ")";
}

std::string sha256_hex(std::string_view bytes) {
  Sha256 hash;
  hash.update(bytes);
  return hash.hex_digest();
}

std::vector<std::string> collect_files(const std::vector<std::string>& inputs,
                                       Diagnostics& diagnostics) {
  std::vector<PassedOver> passed_over;
  return collect_files(inputs, diagnostics, passed_over);
}

std::vector<std::string> collect_files(const std::vector<std::string>& inputs, Diagnostics& diagnostics,
                                       std::vector<PassedOver>& passed_over) {
  std::vector<std::string> files;
  for (const std::string& input : inputs) {
    std::error_code ec;
    const fs::file_status status = fs::status(input, ec);
    if (!fs::exists(status)) {
      const bool missing = !ec || ec == std::errc::no_such_file_or_directory ||
                           ec == std::errc::not_a_directory;
      diagnostics.push_back(missing ? no_such_path(input)
                                    : make_error(input, "cannot look at this path: " + ec.message(),
                                                 "check the permissions of the folders above it"));
      continue;
    }
    if (fs::is_directory(status)) {
      walk(input, files, diagnostics, passed_over);
    } else if (!is_manifest(input)) {
      files.push_back(input);
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

namespace {

// `bytes` transcoded from `encoding`, the text starting at byte
// `file_begin` (after a byte order mark), with a note (UTF-16) or a warning
// (Windows-1252, a guess) saying so.
Result<SourceText> transcoded(const std::string& path, std::string_view bytes, TextEncoding encoding,
                              std::size_t file_begin, Diagnostics& warnings) {
  const char* converter = encoding == TextEncoding::Utf16LE   ? "UTF-16LE"
                          : encoding == TextEncoding::Utf16BE ? "UTF-16BE"
                                                              : "windows-1252";
  Transcoded t = transcode_to_utf8(bytes.substr(file_begin), converter);
  if (t.bad) return transcoding_error(path, encoding, file_begin + *t.bad);
  FileOffsets offsets = offsets_of_transcoded(t.text, encoding, file_begin);
  if (const void* nul = std::memchr(t.text.data(), '\0', t.text.size())) {
    const auto at = static_cast<std::size_t>(static_cast<const char*>(nul) - t.text.data());
    return binary_file(path, offsets.to_file_begin(t.text, at), std::string("NUL character in ") + to_string(encoding));
  }
  const bool guessed = encoding == TextEncoding::Windows1252;
  Diagnostic note = guessed ? make_warning(path, "read as Windows-1252 (the file is not valid UTF-8)",
                                           "offsets point into the file's bytes; save it as UTF-8 to avoid the guess")
                            : make_error(path, std::string("read as ") + to_string(encoding) +
                                                   " (byte order mark " + (encoding == TextEncoding::Utf16LE ? "FF FE" : "FE FF") +
                                                   ")");
  if (!guessed) note.severity = Severity::Note;
  warnings.push_back(std::move(note));
  SourceText out;
  out.text = std::move(t.text);
  out.encoding = encoding;
  out.offsets = std::move(offsets);
  return out;
}

// The error for invalid UTF-8 at byte `bad` of `bytes` (without --repair).
Diagnostic invalid_utf8(const std::string& path, std::string_view bytes, std::size_t bad) {
  const auto value = static_cast<unsigned char>(bytes[bad]);
  const LineColumn where = line_column(bytes, bad);
  char byte_text[8];
  std::snprintf(byte_text, sizeof byte_text, "0x%02X", value);
  std::string message = "not valid UTF-8: byte " + std::string(byte_text) + " at line " +
                        std::to_string(where.line) + ", column " + std::to_string(where.column);
  if (invalid_subpart_length(bytes, bad) == 1 && value >= 0xA0)
    message += " (the file may be in Latin-1 or Windows-1252)";
  Diagnostic d = make_error(path, std::move(message), "re-export the file as UTF-8, or run with --repair");
  d.byte = bad;
  return d;
}

// `bytes`, invalid UTF-8 from byte `bad` on, with every ill-formed sequence
// replaced by U+FFFD (--repair), and one warning giving the first and the
// count.
SourceText repaired(const std::string& path, std::string_view bytes, std::size_t bad, Diagnostics& warnings) {
  const LineColumn where = line_column(bytes, bad);
  SourceText out;
  out.offsets = FileOffsets(TextEncoding::Utf8);
  out.offsets.add_checkpoint(0, 0);
  Repaired r = repair_utf8(bytes, out.offsets);
  Diagnostic w = make_warning(
      path,
      "replaced " + std::to_string(r.replacements) + " invalid UTF-8 " +
          (r.replacements == 1 ? "sequence" : "sequences") + " by U+FFFD; the first was at line " +
          std::to_string(where.line) + ", column " + std::to_string(where.column),
      "words around these places may be garbled; re-export the file as UTF-8 to avoid this");
  w.byte = r.first_offset;
  warnings.push_back(std::move(w));
  out.text = std::move(r.text);
  return out;
}

// Why `path` cannot be read as a file (missing, a folder, a device), if it
// cannot.
Status check_is_file(const std::string& path) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (!fs::exists(status)) {
    if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory)
      return cannot_open(path, ec.value());
    return make_error(path, "no such file", "check the spelling and the current folder");
  }
  if (fs::is_directory(status))
    return make_error(path, "is a folder, not a file", "give the folder as input to read every file in it");
  if (!fs::is_regular_file(status))
    return make_error(path, "is not a regular file (device, pipe or socket)", "save the text to a file first");
  return {};
}

// The bytes of the file at `path`, refused when over options.max_bytes
// (read_whole_file: a file over the limit is never read), with read/'s
// messages.
Result<std::string> read_bytes(const std::string& path, const ReadOptions& options) {
  FileRead read = read_whole_file(path, options.max_bytes);
  if (read.ok()) return std::move(read.bytes);
  if (read.failure->kind == FileReadFailure::Kind::TooLarge) return too_large(path, read.failure->size, options);
  return cannot_open(path, read.failure->error_number);
}

}  // namespace

const char* to_string(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::Utf8: return "UTF-8";
    case TextEncoding::Utf16LE: return "UTF-16LE";
    case TextEncoding::Utf16BE: return "UTF-16BE";
    case TextEncoding::Windows1252: return "Windows-1252";
  }
  return "UTF-8";
}

void FileOffsets::add_checkpoint(std::size_t text_pos, std::size_t file_pos) {
  if (!checkpoints_.empty() && checkpoints_.back().first == text_pos) {
    checkpoints_.back().second = file_pos;
    return;
  }
  checkpoints_.emplace_back(text_pos, file_pos);
}

std::size_t FileOffsets::at_boundary(std::string_view text, std::size_t pos) const {
  if (checkpoints_.empty()) return pos;
  // The last checkpoint at or before pos.
  auto it = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), pos,
                             [](std::size_t p, const std::pair<std::size_t, std::size_t>& c) { return p < c.first; });
  if (it == checkpoints_.begin()) return checkpoints_.front().second;
  --it;
  std::size_t file_pos = it->second;
  if (encoding_ == TextEncoding::Utf8) return file_pos + (pos - it->first);
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = it->first; i < pos && i < text.size(); ++i) {
    if (is_continuation(p[i])) continue;
    file_pos += encoding_ == TextEncoding::Windows1252 ? 1 : (p[i] >= 0xF0 ? 4 : 2);
  }
  return file_pos;
}

std::size_t FileOffsets::to_file_begin(std::string_view text, std::size_t pos) const {
  return at_boundary(text, utf8::char_begin(text, pos));
}

std::size_t FileOffsets::to_file_end(std::string_view text, std::size_t pos) const {
  return at_boundary(text, utf8::char_end(text, pos));
}

std::string source_name(const std::string& path) {
  const std::string name = fs::path(path).filename().string();
  if (!first_invalid_utf8(name)) return name;
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  std::size_t pos = 0;
  while (pos < name.size()) {
    const std::optional<std::size_t> bad = first_invalid_utf8(std::string_view(name).substr(pos));
    if (!bad) {
      out.append(name, pos, std::string::npos);
      break;
    }
    out.append(name, pos, *bad);
    const std::size_t at = pos + *bad;
    const std::size_t length = invalid_subpart_length(name, at);
    for (std::size_t i = at; i < at + length; ++i) {
      const auto b = static_cast<unsigned char>(name[i]);
      out += "\\x";
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    }
    pos = at + length;
  }
  return out;
}

Result<SourceText> TextReader::read(const std::string& path, std::string bytes, const ReadOptions& options,
                                    Diagnostics& warnings) const {
  // UTF-16 with a byte order mark: NUL bytes are expected there.
  const std::string_view bom = std::string_view(bytes).substr(0, 2);
  if (bom == "\xFF\xFE" || bom == "\xFE\xFF") {
    const TextEncoding encoding = bom == "\xFF\xFE" ? TextEncoding::Utf16LE : TextEncoding::Utf16BE;
    return transcoded(path, bytes, encoding, 2, warnings);
  }
  if (const void* nul = std::memchr(bytes.data(), '\0', bytes.size())) {
    Diagnostic d = binary_file(path, static_cast<std::size_t>(static_cast<const char*>(nul) - bytes.data()), "NUL byte");
    if (looks_like_utf16_without_bom(bytes))
      d.hint = "it looks like UTF-16 without a byte order mark: save it as UTF-8, or as UTF-16 with one";
    return d;
  }
  const std::optional<std::size_t> bad = first_invalid_utf8(bytes);
  if (bad && looks_like_windows_1252(bytes)) return transcoded(path, bytes, TextEncoding::Windows1252, 0, warnings);
  if (bad && !options.repair) return invalid_utf8(path, bytes, *bad);
  if (bad) return repaired(path, bytes, *bad, warnings);
  SourceText out;
  out.text = std::move(bytes);
  return out;
}

Result<SourceFile> read_source(const std::string& path, const ReadOptions& options,
                               Diagnostics& warnings) {
  if (Status file = check_is_file(path); !file.ok()) return std::move(file).error();
  Result<std::string> bytes = read_bytes(path, options);
  if (!bytes.ok()) return bytes.error();
  if (bytes.value().empty())
    return make_error(path, "file is empty", "export the document again, or remove it from the input");
  SourceFile source;
  source.path = path;
  source.name = source_name(path);
  if (options.hash) source.sha256 = sha256_hex(bytes.value());  // of the bytes on disk
  Result<const Reader*> reader = reader_for(path, bytes.value(), options);
  if (!reader.ok()) return reader.error();
  Result<SourceText> text = reader.value()->read(path, std::move(bytes).value(), options, warnings);
  if (!text.ok()) return text.error();
  source.format = std::string(reader.value()->name());
  source.bytes = std::move(text.value().text);
  source.encoding = text.value().encoding;
  source.offsets = std::move(text.value().offsets);
  source.places = std::move(text.value().places);
  source.headings = std::move(text.value().headings);
  source.given = std::move(text.value().given);
  source.running = std::move(text.value().running);
  source.pages = text.value().pages;
  return source;
}

std::string cell_label(std::string_view sheet, std::size_t row, std::string_view column) {
  std::string label;
  if (!sheet.empty()) {
    label.append(sheet);
    label += '!';
  }
  label.append(column);
  label += std::to_string(row);
  return label;
}

TextPlaces::TextPlaces(std::initializer_list<TextPlace> places) {
  reserve(places.size());
  for (const TextPlace& p : places) push_back(p);
}

TextPlaces::TextPlaces(const std::vector<TextPlace>& places) {
  reserve(places.size());
  for (const TextPlace& p : places) push_back(p);
}

std::uint32_t TextPlaces::name_id(std::string_view name) {
  if (auto found = name_ids_.find(name); found != name_ids_.end()) return found->second;
  const auto id = static_cast<std::uint32_t>(names_.size());
  name_ids_.emplace(std::string(name), id);
  names_.emplace_back(name);
  return id;
}

void TextPlaces::push_cell(ByteSpan span, std::string_view sheet, std::size_t row, std::string_view column) {
  push_cell(span, name_id(sheet), row, name_id(column));
}

void TextPlaces::push_back(const TextPlace& place) {
  const RecordLocation& l = place.location;
  const bool cell = !l.line && !l.page && !l.paragraph && l.row && !l.column.empty() &&
                    place.label == cell_label(l.sheet, *l.row, l.column);
  if (cell) {
    push_cell(place.span, l.sheet, *l.row, l.column);
    return;
  }
  entries_.push_back({place.span, 0, static_cast<std::uint32_t>(whole_.size()), kWhole});
  whole_.push_back(place);
}

RecordLocation TextPlaces::location(std::size_t i) const {
  const Entry& e = entries_[i];
  if (e.column == kWhole) return whole_[e.sheet].location;
  RecordLocation l;
  l.sheet = names_[e.sheet];
  l.row = e.row;
  l.column = names_[e.column];
  return l;
}

TextPlace TextPlaces::operator[](std::size_t i) const {
  const Entry& e = entries_[i];
  if (e.column == kWhole) return whole_[e.sheet];
  return {cell_label(names_[e.sheet], e.row, names_[e.column]), e.span, location(i)};
}

SourceExtent extent_of(const TextPlaces& places) {
  SourceExtent e;
  std::set<std::size_t> pages, paragraphs;
  std::set<std::string> sheets;
  std::set<std::pair<std::string, std::size_t>> rows;
  for (std::size_t i = 0; i < places.size(); ++i) {
    const RecordLocation l = places.location(i);
    if (l.page) pages.insert(*l.page);
    if (l.paragraph) paragraphs.insert(*l.paragraph);
    if (!l.sheet.empty()) sheets.insert(l.sheet);
    if (l.row) rows.emplace(l.sheet, *l.row);
  }
  e.pages = pages.size();
  e.paragraphs = paragraphs.size();
  e.sheets = sheets.size();
  e.rows = rows.size();
  return e;
}

std::string describe(const SourceExtent& e) {
  std::vector<std::string> parts;
  auto count = [&](std::size_t n, const char* one, const char* many) {
    if (n > 0) parts.push_back(std::to_string(n) + " " + (n == 1 ? one : many));
  };
  count(e.pages, "page", "pages");
  count(e.paragraphs, "paragraph", "paragraphs");
  count(e.sheets, "sheet", "sheets");
  count(e.rows, "row", "rows");
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

}  // namespace analyzer
