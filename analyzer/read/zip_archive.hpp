#pragma once
// ZipArchive: the members of a ZIP container (DOCX, XLSX), read from memory
// within stated limits. Used by the DOCX and XLSX readers; nothing else in
// the pipeline sees ZIP.
//
// In:  the whole file as bytes (read_source() has bounded its size).
// Out: member names, and a member's content inflated into a string.
//
// Limits (each an error that names the file, the member and the limit):
//   - at most kMaxZipMembers (20,000) members;
//   - every byte inflated from the archive counts against one budget for the
//     whole archive, `max_inflated` (the caller passes ReadOptions::
//     max_bytes, so --max-file-size bounds what a file may become, not only
//     what it is on disk). A member whose size in the central directory
//     would pass the budget is refused BEFORE anything is inflated (a ZIP
//     bomb: 100 KB that inflates to gigabytes); a member whose recorded
//     size lies is stopped as soon as the bytes inflated from the archive,
//     by read() and by its AsideReads together, pass the budget.
// Errors: a truncated or damaged archive ("cannot read ... as a ZIP
// archive"), an encrypted member, an unsupported compression method, a
// member that fails its CRC check. Never throws on user data.
// Cost: open() reads the central directory (linear in the number of
// members); read() inflates one member (linear in its size) and holds it
// once in memory. Not thread-safe: one thread calls the archive's
// functions; an AsideRead (read_aside) may inflate its member on another.
//
// Example:
//   Result<ZipArchive> zip = ZipArchive::open(path, bytes, options.max_bytes);
//   if (!zip) return zip.error();
//   Result<std::string> xml = zip.value().read("word/document.xml");

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/diagnostic.hpp"

namespace analyzer {

inline constexpr std::size_t kMaxZipMembers = 20000;

// True when `bytes` start like a ZIP archive ("PK\3\4", or "PK\5\6" for an
// empty one).
bool looks_like_zip(std::string_view bytes);

// What a ZIP archive is to the analyst, for the advice its errors give.
struct ZipKind {
  std::string_view what;    // said beside "cannot read the file as a ZIP archive"
  std::string_view repair;  // what to do with a damaged one
};
inline constexpr ZipKind kOfficeZip{"DOCX and XLSX files are ZIP archives",
                                    "open it in Word or Excel and save it again"};
inline constexpr ZipKind kQdpxZip{"a REFI-QDA project (.qdpx) is a ZIP archive",
                                  "export the project again as REFI-QDA (.qdpx) from the tool that made it"};

class ZipArchive {
 public:
  // Opens the archive held in `bytes` (the archive keeps its own copy).
  // `path` is used in diagnostics only, `kind` in their advice.
  static Result<ZipArchive> open(const std::string& path, std::string bytes, std::size_t max_inflated,
                                 ZipKind kind = kOfficeZip);

  // The sum of the inflated sizes the central directory of the ZIP file at
  // `path` records for its members, read from the file (its directory
  // only; nothing is inflated or held): what reading it will take, before
  // it is read (ingest weighs an XLSX by it, memory_gate.hpp). nullopt when
  // the file is no ZIP archive libzip opens. The sizes are as recorded: a
  // ZIP bomb may record less than it inflates to (read() stops that).
  static std::optional<std::size_t> recorded_inflated_size(const std::string& path);

  ZipArchive(ZipArchive&&) noexcept;
  ZipArchive& operator=(ZipArchive&&) noexcept;
  ~ZipArchive();

  // Member names in the order of the central directory.
  const std::vector<std::string>& names() const { return names_; }
  // True when a member is named exactly `name` ("word/document.xml").
  bool has(std::string_view name) const;
  // The inflated size the central directory records for `name`; nullopt
  // when there is no such member.
  std::optional<std::size_t> recorded_size(std::string_view name) const;

  // Inflates member `name` (exact name, case-sensitive; OOXML names are).
  // Errors: no such member; the limits above; damage. Each read counts
  // against the archive's budget, so reading a member twice counts twice.
  Result<std::string> read(std::string_view name);

  // Bytes inflated so far, of max_inflated.
  std::size_t inflated() const { return inflated_; }

  class AsideRead;
  // Member `name`, to be inflated on another thread while this archive
  // reads others: the returned AsideRead opens the archive's bytes with a
  // libzip handle of its own (handles are not shared between threads).
  // The member's recorded size is counted against the budget now (later
  // reads are refused up front as if it had been read), and the errors
  // read() would give now for its name and size are given now. While it
  // inflates, its bytes and those of the archive's reads count against
  // the one budget: a member that inflates past its recorded size is
  // stopped where the two together pass it (which of them is stopped then
  // depends on timing; with honest recorded sizes none is). The archive
  // must outlive the AsideRead.
  Result<AsideRead> read_aside(std::string_view name);

 private:
  struct State;
  ZipArchive() = default;
  std::string path_;
  ZipKind kind_ = kOfficeZip;
  std::unique_ptr<State> state_;
  std::vector<std::string> names_;
  std::vector<std::size_t> sizes_;   // recorded inflated size per member
  std::size_t max_inflated_ = 0;
  std::size_t inflated_ = 0;
  std::optional<std::size_t> index_of(std::string_view name) const;
  // The index of `member`, or the error read() gives: no such member, or
  // its recorded size would pass the budget.
  Result<std::size_t> index_to_read(const std::string& member) const;
};

// A member of a ZipArchive inflated apart from it (ZipArchive::read_aside).
class ZipArchive::AsideRead {
 public:
  // Inflates the member; the same errors as ZipArchive::read. Call once,
  // on any one thread.
  Result<std::string> read();

 private:
  friend class ZipArchive;
  AsideRead() = default;
  State* state_ = nullptr;
  std::string path_, member_;
  ZipKind kind_ = kOfficeZip;
  std::size_t index_ = 0, recorded_ = 0, max_inflated_ = 0;
};

}  // namespace analyzer
