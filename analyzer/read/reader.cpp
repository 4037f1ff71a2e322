#include "analyzer/read/reader.hpp"

#include "analyzer/read/csv_reader.hpp"
#include "analyzer/read/file_format.hpp"
#include "analyzer/read/xlsx_reader.hpp"

namespace analyzer {

Result<const Reader*> reader_for(const std::string& path, std::string_view bytes, const ReadOptions& options) {
  Result<FileFormat> format = detect_format(path, bytes, options.max_bytes);
  if (!format) return format.error();
  static const TextReader text;
  static const CsvReader csv;
  static const XlsxReader xlsx;
  switch (format.value()) {
    case FileFormat::Text: return &text;
    case FileFormat::Csv: return &csv;
    case FileFormat::Xlsx: return &xlsx;
    case FileFormat::Pdf:
    case FileFormat::Docx:
      break;
  }
  return make_error(path, std::string("reading ") + to_string(format.value()) + " files is not part of this build",
                    "convert the file to text first");
}

}  // namespace analyzer
