#include "analyzer/core/file_replace.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <system_error>
#include <utility>

namespace analyzer {
namespace {

namespace fs = std::filesystem;

// Linux's own limit on the links in one path (MAXSYMLINKS).
constexpr int kMaxLinks = 40;

std::string system_reason(int error_number) {
  return std::error_code(error_number, std::generic_category()).message();
}

// What a file that is not a regular file is, for "it is <kind>, not a
// regular file".
std::string kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISSOCK(mode)) return "a socket";
  return "a special file";
}

Diagnostic cannot_write(const std::string& path, std::string_view what, const std::string& reason, std::string hint) {
  return make_error(path, "cannot write " + std::string(what) + ": " + reason, std::move(hint));
}

}  // namespace

Result<OutputFile> resolve_output_file(const std::string& path, std::string_view what) {
  fs::path file(path);
  // "it is a symbolic link to T, " once a link has been followed.
  auto via = [&](int links) {
    return links == 0 ? std::string("it is ") : "it is a symbolic link to " + file.lexically_normal().string() + ", ";
  };
  for (int links = 0;; ++links) {
    struct stat st {};
    if (lstat(file.c_str(), &st) != 0) {
      const int err = errno;
      if (err != ENOENT) return cannot_write(path, what, system_reason(err), "give another path");
      const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
      struct stat dir {};
      if (stat(folder.c_str(), &dir) != 0 || !S_ISDIR(dir.st_mode)) {
        const std::string missing = "the folder " + folder.lexically_normal().string() + " does not exist";
        return cannot_write(path, what, links == 0 ? missing : via(links) + "whose folder " +
                                                                   folder.lexically_normal().string() + " does not exist",
                            links == 0 ? "create the folder first, or give another path"
                                       : "create the folder first, or point the link at another file");
      }
      return OutputFile{path, file.string(), false};
    }
    if (S_ISREG(st.st_mode)) return OutputFile{path, file.string(), true};
    if (!S_ISLNK(st.st_mode))
      return cannot_write(path, what, via(links) + kind_of(st.st_mode) + ", not a regular file", "give a file name");
    if (links == kMaxLinks) return cannot_write(path, what, system_reason(ELOOP), "check where the link points");
    std::error_code ec;
    const fs::path target = fs::read_symlink(file, ec);
    if (ec) return cannot_write(path, what, ec.message(), "give another path");
    file = target.is_absolute() ? target : file.parent_path() / target;
  }
}

FileReplacement::FileReplacement(OutputFile output, std::string what)
    : output_(std::move(output)), what_(std::move(what)), temp_(output_.file + ".part" + std::to_string(getpid())) {}

FileReplacement::FileReplacement(FileReplacement&& other) noexcept
    : output_(std::move(other.output_)),
      what_(std::move(other.what_)),
      temp_(std::move(other.temp_)),
      owns_temp_(std::exchange(other.owns_temp_, false)) {}

FileReplacement::~FileReplacement() {
  if (owns_temp_) unlink(temp_.c_str());
}

Result<FileReplacement> FileReplacement::begin(const std::string& path, std::string what) {
  Result<OutputFile> output = resolve_output_file(path, what);
  if (!output.ok()) return output.error();
  FileReplacement replacement(std::move(output).value(), std::move(what));
  // O_NOFOLLOW: a link planted at the temporary name is not followed.
  const int fd = open(replacement.temp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0666);
  if (fd < 0) return replacement.error(system_reason(errno));
  close(fd);
  replacement.owns_temp_ = true;
  return replacement;
}

Diagnostic FileReplacement::error(std::string_view reason, std::string hint) const {
  if (hint.empty()) hint = "check that the folder is writable and that the disk has room";
  return cannot_write(output_.given, what_, std::string(reason), std::move(hint));
}

Status FileReplacement::commit() {
  if (rename(temp_.c_str(), output_.file.c_str()) != 0) return error(system_reason(errno));
  owns_temp_ = false;
  return {};
}

Status replace_file(const std::string& path, std::string_view bytes, std::string what) {
  Result<FileReplacement> out = FileReplacement::begin(path, std::move(what));
  if (!out.ok()) return out.error();
  FileReplacement& replacement = out.value();
  const int fd = open(replacement.temp_path().c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return replacement.error(system_reason(errno));
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = n < 0 ? errno : EIO;
      close(fd);
      return replacement.error(system_reason(err));
    }
    done += static_cast<std::size_t>(n);
  }
  const int synced = fsync(fd) == 0 ? 0 : errno;
  const int closed = close(fd) == 0 ? 0 : errno;
  if (synced != 0 || closed != 0) return replacement.error(system_reason(synced != 0 ? synced : closed));
  return replacement.commit();
}

}  // namespace analyzer
