#pragma once
// Temporary folders and whole files for tests (unit and end-to-end):
//   TempDir dir;                                  // $TMPDIR/analyzer-test-XXXXXX, new and empty
//   std::string p = dir.write("sub/a.txt", "x");  // folders made; returns the file's path
//   dir / "index"                                 // a path inside, as a string
//   read_file(p) == "x"
//   HeldFifo fifo(dir / "pipe");                  // a FIFO no writer or reader can block on
// The folder is removed with everything in it when the TempDir goes out of
// scope, also when a test took away its permissions. Header-only; POSIX
// (mkdtemp), so tests running in parallel never share a folder.

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <system_error>

namespace analyzer::test {

// The bytes of the file at `path`; empty when it cannot be read.
inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Writes `bytes` to `path` (replacing it; missing folders are made).
// Throws std::runtime_error when it cannot, which fails the test.
inline void write_file(const std::filesystem::path& path, const std::string& bytes) {
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

// A fresh folder <system temp folder>/<prefix>-XXXXXX, removed (with
// everything in it) at the end of its scope. Not copyable.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "analyzer-test") {
    std::string templ = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    if (!mkdtemp(templ.data()))
      throw std::runtime_error("mkdtemp " + templ + " failed: " + std::strerror(errno));
    path_ = templ;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all, std::filesystem::perm_options::add,
                                 ignored);
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }
  // path()/name as a string (the file or folder need not exist).
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

  // Writes `bytes` to the file `relative` inside (folders made); its path.
  std::string write(const std::string& relative, const std::string& bytes) const {
    const std::string file = *this / relative;
    write_file(file, bytes);
    return file;
  }

 private:
  std::filesystem::path path_;
};

// A FIFO made at `path`, held open for reading and writing while it lives,
// so that code under test that opened it anyway could not block (a test of
// a refusal fails instead of hanging). Throws std::runtime_error when it
// cannot be made. Not copyable.
class HeldFifo {
 public:
  explicit HeldFifo(const std::string& path) {
    if (mkfifo(path.c_str(), 0600) != 0) throw std::runtime_error("mkfifo " + path + ": " + std::strerror(errno));
    fd_ = open(path.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd_ < 0) throw std::runtime_error("cannot open the FIFO " + path + ": " + std::strerror(errno));
  }
  ~HeldFifo() { close(fd_); }
  HeldFifo(const HeldFifo&) = delete;
  HeldFifo& operator=(const HeldFifo&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace analyzer::test
