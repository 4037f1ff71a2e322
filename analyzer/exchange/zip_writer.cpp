#include "analyzer/exchange/zip_writer.hpp"

#include <zip.h>

#include "analyzer/core/file_replace.hpp"

namespace analyzer::exchange {

Status write_zip(const std::vector<ZipMember>& members, const std::string& path, std::string_view what,
                 std::optional<std::int64_t> mtime) {
  Result<FileReplacement> out = FileReplacement::begin(path, std::string(what));
  if (!out.ok()) return out.error();
  const FileReplacement& temp = out.value();
  // libzip writes a file of its own beside the temporary one and renames it
  // over that at zip_close: the temporary file is the only name it touches.
  int code = 0;
  zip_t* zip = zip_open(temp.temp_path().c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  if (!zip) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string reason = zip_error_strerror(&error);
    zip_error_fini(&error);
    return temp.error(reason);
  }
  auto fail = [&] {
    std::string reason = zip_error_strerror(zip_get_error(zip));
    zip_discard(zip);
    return temp.error(reason);
  };
  for (const ZipMember& member : members) {
    // The buffers live until zip_close: the caller keeps them.
    zip_source_t* source = zip_source_buffer(zip, member.content.data(), member.content.size(), 0);
    if (!source) return fail();
    const zip_int64_t index = zip_file_add(zip, member.name.c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (index < 0) {
      zip_source_free(source);
      return fail();
    }
    const auto i = static_cast<zip_uint64_t>(index);
    if (zip_set_file_compression(zip, i, ZIP_CM_DEFLATE, 0) != 0) return fail();
    if (mtime && zip_file_set_mtime(zip, i, static_cast<time_t>(*mtime), 0) != 0) return fail();
  }
  if (zip_close(zip) != 0) return fail();
  return out.value().commit();
}

}  // namespace analyzer::exchange
