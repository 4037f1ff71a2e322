#pragma once
// Builds ZIP archives in memory for tests of the DOCX and XLSX readers:
// the members are given as (name, content) pairs and are deflated, as
// Office writes them. Uses libzip's writable buffer source; test code only.

#include <zip.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace analyzer::test {

inline std::string zip_of(const std::vector<std::pair<std::string, std::string>>& members) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!buffer) throw std::runtime_error("zip_of: no buffer source");
  zip_source_keep(buffer);
  zip_t* zip = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (!zip) throw std::runtime_error("zip_of: cannot open the buffer");
  for (const auto& [name, content] : members) {
    // libzip reads the data at zip_close(), so each member's bytes must live until then.
    zip_source_t* data = zip_source_buffer(zip, content.data(), content.size(), 0);
    const zip_int64_t index = zip_file_add(zip, name.c_str(), data, ZIP_FL_ENC_UTF_8);
    if (index < 0) throw std::runtime_error("zip_of: cannot add " + name);
    zip_set_file_compression(zip, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 9);
  }
  if (zip_close(zip) != 0) throw std::runtime_error("zip_of: cannot write the archive");
  std::string out;
  if (zip_source_open(buffer) != 0) throw std::runtime_error("zip_of: cannot read the archive back");
  char chunk[8192];
  zip_int64_t n;
  while ((n = zip_source_read(buffer, chunk, sizeof chunk)) > 0) out.append(chunk, static_cast<std::size_t>(n));
  zip_source_close(buffer);
  zip_source_free(buffer);
  return out;
}

}  // namespace analyzer::test
