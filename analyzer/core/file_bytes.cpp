#include "analyzer/core/file_bytes.hpp"

#include <filesystem>
#include <fstream>
#include <system_error>

namespace analyzer {

Result<std::string> read_file_bytes(const std::string& path, const FileSizeLimit& limit) {
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) return make_error(path, "cannot read the file: " + ec.message(), "check the path and its permissions");
  if (size > limit.max_bytes)
    return make_error(path,
                      "the file is " + std::to_string(size / (1024 * 1024)) + " MB, too large for a " + limit.what +
                          " (at most " + std::to_string(limit.max_bytes / (1024 * 1024)) + " MB)",
                      "check that this is the " + limit.what + " file you meant");
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(path, "cannot open the file", "check the path and its permissions");
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) return make_error(path, "cannot read the file", "check the disk and the file's permissions");
  return bytes;
}

}  // namespace analyzer
