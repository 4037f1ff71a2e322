#include "analyzer/exchange/qdpx_writer.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <zip.h>

#include <cerrno>
#include <filesystem>
#include <system_error>
#include <utility>
#include <vector>

#include "analyzer/exchange/refi_xml.hpp"

namespace analyzer::exchange {
namespace {

constexpr std::string_view kInternal = "internal://";

Diagnostic write_error(const std::string& path, const std::string& reason) {
  return make_error(path, "cannot write the REFI-QDA file: " + reason,
                    "check that the folder exists and is writable and that the disk has room");
}

// A temporary file beside `path`, removed unless renamed over it.
class TempBeside {
 public:
  explicit TempBeside(const std::string& path) : path_(path), temp_(path + ".part" + std::to_string(getpid())) {}
  ~TempBeside() {
    if (created_ && !done_) {
      std::error_code ignored;
      std::filesystem::remove(temp_, ignored);
    }
  }
  const std::string& name() const { return temp_; }
  // Creates it empty: a folder that is missing or not writable is found
  // here, with the system's reason.
  Status create() {
    const int fd = open(temp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) return write_error(path_, std::error_code(errno, std::generic_category()).message());
    close(fd);
    created_ = true;
    return {};
  }
  Status commit() {
    std::error_code ec;
    std::filesystem::rename(temp_, path_, ec);
    if (ec) return write_error(path_, ec.message());
    done_ = true;
    return {};
  }

 private:
  std::string path_, temp_;
  bool created_ = false;
  bool done_ = false;
};

}  // namespace

Status write_qdpx(const RefiProject& project, const std::string& path, std::int64_t mtime) {
  std::vector<std::pair<std::string, std::string_view>> members;
  const std::string qde = project_xml(project);
  members.emplace_back("project.qde", qde);
  for (const RefiTextSource& s : project.sources)
    if (s.plain_text_path.rfind(kInternal, 0) == 0)
      members.emplace_back("sources/" + s.plain_text_path.substr(kInternal.size()), s.text);
  TempBeside temp(path);
  if (Status s = temp.create(); !s.ok()) return s;
  int code = 0;
  zip_t* zip = zip_open(temp.name().c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  if (!zip) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    return write_error(path, reason);
  }
  auto fail = [&] {
    std::string reason = zip_error_strerror(zip_get_error(zip));
    zip_discard(zip);
    return write_error(path, reason);
  };
  for (const auto& [name, content] : members) {
    // The buffers live until zip_close: `project` and `qde` outlive it.
    zip_source_t* source = zip_source_buffer(zip, content.data(), content.size(), 0);
    if (!source) return fail();
    const zip_int64_t index = zip_file_add(zip, name.c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (index < 0) {
      zip_source_free(source);
      return fail();
    }
    const auto i = static_cast<zip_uint64_t>(index);
    if (zip_set_file_compression(zip, i, ZIP_CM_DEFLATE, 0) != 0 ||
        zip_file_set_mtime(zip, i, static_cast<time_t>(mtime), 0) != 0)
      return fail();
  }
  if (zip_close(zip) != 0) return fail();
  return temp.commit();
}

Status write_codebook(const RefiProject& project, const std::string& path) {
  const std::string xml = codebook_xml(project);
  TempBeside temp(path);
  if (Status s = temp.create(); !s.ok()) return s;
  const int fd = open(temp.name().c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) return write_error(path, std::error_code(errno, std::generic_category()).message());
  std::size_t done = 0;
  while (done < xml.size()) {
    const ssize_t n = write(fd, xml.data() + done, xml.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = n < 0 ? errno : EIO;
      close(fd);
      return write_error(path, std::error_code(err, std::generic_category()).message());
    }
    done += static_cast<std::size_t>(n);
  }
  const bool synced = fsync(fd) == 0;
  const int err = errno;
  if (close(fd) != 0 || !synced)
    return write_error(path, std::error_code(synced ? errno : err, std::generic_category()).message());
  return temp.commit();
}

}  // namespace analyzer::exchange
