#include "analyzer/read/reader.hpp"

#include "analyzer/read/csv_reader.hpp"
#include "analyzer/read/docx_reader.hpp"
#include "analyzer/read/file_format.hpp"
#include "analyzer/read/pdf_reader.hpp"
#include "analyzer/read/xlsx_reader.hpp"

namespace analyzer {

Result<const Reader*> reader_for(const std::string& path, std::string_view bytes, const ReadOptions& options) {
  Result<FileFormat> format = detect_format(path, bytes, options.max_bytes);
  if (!format) return format.error();
  static const TextReader text;
  static const CsvReader csv;
  static const PdfReader pdf;
  static const DocxReader docx;
  static const XlsxReader xlsx;
  switch (format.value()) {
    case FileFormat::Text: return &text;
    case FileFormat::Csv: return &csv;
    case FileFormat::Pdf: return &pdf;
    case FileFormat::Docx: return &docx;
    case FileFormat::Xlsx: return &xlsx;
  }
  return &text;
}

}  // namespace analyzer
