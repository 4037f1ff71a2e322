#include "analyzer/core/file_bytes.hpp"

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <system_error>

namespace analyzer {

namespace {

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

FileRead failed(FileReadFailure failure) { return {{}, failure}; }

FileRead too_large(std::uintmax_t size, bool measured) {
  return failed({FileReadFailure::Kind::TooLarge, size, measured, 0});
}

FileRead io_error(FileReadFailure::Kind kind, int fallback) {
  return failed({kind, 0, false, errno != 0 ? errno : fallback});
}

}  // namespace

FileRead read_whole_file(const std::string& path, std::uintmax_t max_bytes) {
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (!ec && size > max_bytes) return too_large(size, true);
  errno = 0;
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) return io_error(FileReadFailure::Kind::CannotOpen, EACCES);
  FileRead out;
  std::string& bytes = out.bytes;
  if (!ec && size > 0) {
    bytes.resize(static_cast<std::size_t>(size));
    bytes.resize(std::fread(bytes.data(), 1, bytes.size(), file.get()));
    if (std::ferror(file.get())) return io_error(FileReadFailure::Kind::CannotRead, EIO);
  }
  // The rest, if the file grew since it was measured (or could not be).
  // Most files end where they were measured: one byte tells, so the chunk
  // below is only allocated (and zeroed) for the others.
  const int next = std::fgetc(file.get());
  if (next == EOF) {
    if (std::ferror(file.get())) return io_error(FileReadFailure::Kind::CannotRead, EIO);
    return out;
  }
  bytes.push_back(static_cast<char>(next));
  if (bytes.size() > max_bytes) return too_large(bytes.size(), false);
  constexpr std::size_t kChunk = 1u << 20;
  std::string chunk(kChunk, '\0');
  for (;;) {
    const std::size_t got = std::fread(chunk.data(), 1, chunk.size(), file.get());
    bytes.append(chunk.data(), got);
    if (bytes.size() > max_bytes) return too_large(bytes.size(), false);
    if (got < chunk.size()) {
      if (std::ferror(file.get())) return io_error(FileReadFailure::Kind::CannotRead, EIO);
      return out;
    }
  }
}

Result<std::string> read_file_bytes(const std::string& path, const FileSizeLimit& limit) {
  std::error_code ec;
  [[maybe_unused]] const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) return make_error(path, "cannot read the file: " + ec.message(), "check the path and its permissions");
  FileRead read = read_whole_file(path, limit.max_bytes);
  if (read.ok()) return std::move(read.bytes);
  switch (read.failure->kind) {
    case FileReadFailure::Kind::TooLarge:
      return make_error(path,
                        "the file is " + std::to_string(read.failure->size / (1024 * 1024)) +
                            " MB, too large for a " + limit.what + " (at most " +
                            std::to_string(limit.max_bytes / (1024 * 1024)) + " MB)",
                        "check that this is the " + limit.what + " file you meant");
    case FileReadFailure::Kind::CannotOpen:
      return make_error(path, "cannot open the file", "check the path and its permissions");
    case FileReadFailure::Kind::CannotRead:
      break;
  }
  return make_error(path, "cannot read the file", "check the disk and the file's permissions");
}

}  // namespace analyzer
