#include "analyzer/read/zip_archive.hpp"

#include "analyzer/core/large_buffer.hpp"
#include "analyzer/read/source.hpp"

#include <zip.h>

#include <algorithm>
#include <atomic>

namespace analyzer {

struct ZipArchive::State {
  std::string bytes;        // the archive; libzip reads it in place
  zip_t* zip = nullptr;
  std::atomic<std::size_t> inflated{0};  // bytes inflated by every reader of the archive, read() and AsideRead
  ~State() {
    if (zip) zip_discard(zip);
  }
};

namespace {

std::string libzip_message(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string message = zip_error_strerror(&error);
  zip_error_fini(&error);
  return message;
}

Diagnostic damaged(const std::string& path, const std::string& what, ZipKind kind) {
  return make_error(path, "cannot read the file as a ZIP archive (" + std::string(kind.what) + "): " + what,
                    "the file is damaged or was cut short (an interrupted download or copy?): " +
                        std::string(kind.repair));
}

}  // namespace

bool looks_like_zip(std::string_view bytes) {
  return bytes.substr(0, 4) == std::string_view("PK\3\4", 4) || bytes.substr(0, 4) == std::string_view("PK\5\6", 4);
}

ZipArchive::ZipArchive(ZipArchive&&) noexcept = default;
ZipArchive& ZipArchive::operator=(ZipArchive&&) noexcept = default;
ZipArchive::~ZipArchive() = default;

std::optional<std::size_t> ZipArchive::recorded_inflated_size(const std::string& path) {
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (!zip) return std::nullopt;
  std::optional<std::size_t> total;
  const zip_int64_t count = zip_get_num_entries(zip, 0);
  if (count >= 0) {
    total = 0;
    for (zip_int64_t k = 0; k < count; ++k) {
      zip_stat_t st;
      if (zip_stat_index(zip, static_cast<zip_uint64_t>(k), 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE))
        *total += static_cast<std::size_t>(st.size);
    }
  }
  zip_discard(zip);
  return total;
}

Result<ZipArchive> ZipArchive::open(const std::string& path, std::string bytes, std::size_t max_inflated,
                                    ZipKind kind) {
  ZipArchive archive;
  archive.path_ = path;
  archive.kind_ = kind;
  archive.max_inflated_ = max_inflated;
  archive.state_ = std::make_unique<State>();
  archive.state_->bytes = std::move(bytes);
  const std::string& data = archive.state_->bytes;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(data.data(), data.size(), 0, &error);
  if (!source) {
    std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    return damaged(path, message, kind);
  }
  zip_t* zip = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (!zip) {
    std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    zip_source_free(source);
    return damaged(path, message, kind);
  }
  zip_error_fini(&error);
  archive.state_->zip = zip;
  const zip_int64_t count = zip_get_num_entries(zip, 0);
  if (count < 0) return damaged(path, "its central directory cannot be read", kind);
  if (static_cast<std::size_t>(count) > kMaxZipMembers)
    return make_error(path,
                      "the ZIP archive holds " + std::to_string(count) + " members, more than the limit of " +
                          std::to_string(kMaxZipMembers),
                      "an Office document has a few dozen; this is not one, or it is damaged");
  archive.names_.reserve(static_cast<std::size_t>(count));
  archive.sizes_.reserve(static_cast<std::size_t>(count));
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_GUESS, &st) != 0 || !(st.valid & ZIP_STAT_NAME))
      return damaged(path, "member " + std::to_string(i + 1) + " of its central directory cannot be read", kind);
    archive.names_.emplace_back(st.name);
    archive.sizes_.push_back((st.valid & ZIP_STAT_SIZE) ? static_cast<std::size_t>(st.size) : 0);
  }
  return archive;
}

std::optional<std::size_t> ZipArchive::index_of(std::string_view name) const {
  auto it = std::find(names_.begin(), names_.end(), name);
  if (it == names_.end()) return std::nullopt;
  return static_cast<std::size_t>(it - names_.begin());
}

bool ZipArchive::has(std::string_view name) const { return index_of(name).has_value(); }

std::optional<std::size_t> ZipArchive::recorded_size(std::string_view name) const {
  const std::optional<std::size_t> i = index_of(name);
  if (!i) return std::nullopt;
  return sizes_[*i];
}

namespace {

Diagnostic past_inflate_limit(const std::string& path, const std::string& member, const std::string& how,
                              std::size_t max_inflated) {
  return make_error(path,
                    "member \"" + member + "\" " + how + " past the limit of " + describe_size(max_inflated) +
                        " for what one file may hold (a ZIP bomb, or a very large document)",
                    "if the document is genuine, raise the limit with --max-file-size, or split it");
}

// Inflates member `index` of `zip` into a string, adding what it inflates
// to `total` (every reader's of the archive) and to `counted` (when given),
// and stopping once `total` passes `max_inflated`.
Result<std::string> inflate_member(zip_t* zip, std::size_t index, std::size_t recorded_size, const std::string& path,
                                   const std::string& member, ZipKind kind, std::size_t max_inflated,
                                   std::atomic<std::size_t>& total, std::size_t* counted) {
  zip_file_t* file = zip_fopen_index(zip, static_cast<zip_uint64_t>(index), 0);
  if (!file) {
    const int code = zip_error_code_zip(zip_get_error(zip));
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD)
      return make_error(path, "member \"" + member + "\" is encrypted (the document is password-protected)",
                        "open it in Word or Excel, remove the password, and save it again");
    if (code == ZIP_ER_COMPNOTSUPP || code == ZIP_ER_ENCRNOTSUPP)
      return make_error(path, "member \"" + member + "\" uses a compression or encryption method that cannot be read (" +
                                   libzip_message(code) + ")",
                        std::string(kind.repair));
    return damaged(path, "member \"" + member + "\": " + libzip_message(code), kind);
  }
  // Inflated straight into the result, sized by the recorded size (checked
  // against the limit before). Whatever comes past the recorded size goes
  // through a small buffer and is appended, each piece checked against the
  // limit: so a member that keeps to its size is never copied (growing the
  // full string by a piece would copy all of it into a buffer twice as
  // large).
  std::string out;
  reserve_large(out, recorded_size);
  out.resize(recorded_size);
  std::size_t filled = 0;
  constexpr std::size_t kChunk = 1u << 20;
  char past_size[64 * 1024];
  for (;;) {
    const bool within = filled < out.size();
    char* into = within ? out.data() + filled : past_size;
    const std::size_t want = within ? std::min(out.size() - filled, kChunk) : sizeof past_size;
    const zip_int64_t n = zip_fread(file, into, want);
    if (n < 0) {
      const std::string message = zip_file_strerror(file);
      zip_fclose(file);
      return damaged(path, "member \"" + member + "\": " + message, kind);
    }
    if (n == 0) break;
    if (counted) *counted += static_cast<std::size_t>(n);
    if (total.fetch_add(static_cast<std::size_t>(n)) + static_cast<std::size_t>(n) > max_inflated) {
      zip_fclose(file);
      return past_inflate_limit(path, member, "inflates", max_inflated);
    }
    if (!within) out.append(past_size, static_cast<std::size_t>(n));
    filled += static_cast<std::size_t>(n);
  }
  out.resize(filled);
  zip_fclose(file);
  return out;
}

}  // namespace

Result<std::size_t> ZipArchive::index_to_read(const std::string& member) const {
  const std::optional<std::size_t> index = index_of(member);
  if (!index)
    return make_error(path_, "the ZIP archive has no member \"" + member + "\"",
                      "the file is incomplete or not what its type says: save it again from Word or Excel");
  if (sizes_[*index] > max_inflated_ - std::min(inflated_, max_inflated_)) {
    // The limit is for the whole file: say so when other members used some of it.
    std::string how = "would inflate to " + std::to_string(sizes_[*index]) + " bytes";
    if (inflated_ > 0)
      how += ", " + std::to_string(inflated_ + sizes_[*index]) + " with the " + std::to_string(inflated_) +
             " bytes of the members read before it";
    return past_inflate_limit(path_, member, how + ",", max_inflated_);
  }
  return *index;
}

Result<std::string> ZipArchive::read(std::string_view name) {
  const std::string member(name);
  Result<std::size_t> index = index_to_read(member);
  if (!index) return index.error();
  return inflate_member(state_->zip, index.value(), sizes_[index.value()], path_, member, kind_, max_inflated_,
                        state_->inflated, &inflated_);
}

Result<ZipArchive::AsideRead> ZipArchive::read_aside(std::string_view name) {
  const std::string member(name);
  Result<std::size_t> found = index_to_read(member);
  if (!found) return found.error();
  const std::size_t* index = &found.value();
  AsideRead aside;
  aside.state_ = state_.get();
  aside.path_ = path_;
  aside.member_ = member;
  aside.kind_ = kind_;
  aside.index_ = *index;
  aside.recorded_ = sizes_[*index];
  aside.max_inflated_ = max_inflated_;
  inflated_ += sizes_[*index];
  return aside;
}

Result<std::string> ZipArchive::AsideRead::read() {
  // The archive was opened and checked once (open()): opening its bytes
  // again cannot fail but for memory.
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(state_->bytes.data(), state_->bytes.size(), 0, &error);
  zip_t* zip = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
  if (!zip) {
    std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    if (source) zip_source_free(source);
    return damaged(path_, message, kind_);
  }
  zip_error_fini(&error);
  // State::inflated is shared with the archive (an atomic): an AsideRead
  // only reads the State's bytes, which nothing changes.
  Result<std::string> out =
      inflate_member(zip, index_, recorded_, path_, member_, kind_, max_inflated_, state_->inflated, nullptr);
  zip_discard(zip);
  return out;
}

}  // namespace analyzer
