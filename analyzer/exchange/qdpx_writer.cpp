#include "analyzer/exchange/qdpx_writer.hpp"

#include <vector>

#include "analyzer/core/file_replace.hpp"
#include "analyzer/exchange/refi_xml.hpp"
#include "analyzer/exchange/zip_writer.hpp"

namespace analyzer::exchange {
namespace {

constexpr std::string_view kInternal = "internal://";

}  // namespace

Status write_qdpx(const RefiProject& project, const std::string& path, std::int64_t mtime) {
  const std::string qde = project_xml(project);
  std::vector<ZipMember> members{{"project.qde", qde}};
  for (const RefiTextSource& s : project.sources)
    if (s.plain_text_path.rfind(kInternal, 0) == 0)
      members.push_back({"sources/" + s.plain_text_path.substr(kInternal.size()), s.text});
  return write_zip(members, path, kRefiFileWhat, mtime);
}

Status write_codebook(const RefiProject& project, const std::string& path) {
  return replace_file(path, codebook_xml(project), kRefiFileWhat);
}

}  // namespace analyzer::exchange
