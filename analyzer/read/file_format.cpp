#include "analyzer/read/file_format.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>

#include "analyzer/read/zip_archive.hpp"

namespace analyzer {
namespace {

std::string lower_extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

bool starts_with(std::string_view bytes, std::string_view magic) { return bytes.substr(0, magic.size()) == magic; }

const std::string kSupported = "analyzer reads text (.txt), PDF, Word (.docx), Excel (.xlsx) and CSV files";

Diagnostic refused(const std::string& path, const std::string& what, const std::string& hint) {
  return make_error(path, what + "; " + kSupported, hint);
}

// What a ZIP archive holds, from its [Content_Types].xml and member names.
Result<FileFormat> zip_format(const std::string& path, std::string_view bytes, std::size_t max_inflated) {
  Result<ZipArchive> opened = ZipArchive::open(path, std::string(bytes), max_inflated);
  if (!opened) return opened.error();
  ZipArchive& zip = opened.value();
  if (zip.has("mimetype")) {
    Result<std::string> mime = zip.read("mimetype");
    const std::string type = mime ? mime.value() : std::string();
    const bool spreadsheet = type.find("spreadsheet") != std::string::npos;
    return refused(path,
                   std::string("this is an OpenDocument ") + (spreadsheet ? "spreadsheet (.ods)" : "file (.odt)") +
                       ", which is not read",
                   std::string("open it in LibreOffice and save it as ") + (spreadsheet ? ".xlsx or .csv" : ".docx or PDF"));
  }
  if (!zip.has("[Content_Types].xml"))
    return refused(path, "this is a ZIP archive but not an Office document (it has no [Content_Types].xml)",
                   "unpack it and give analyzer the documents inside");
  const std::optional<std::size_t> size = zip.recorded_size("[Content_Types].xml");
  if (size && *size > 1024 * 1024)
    return make_error(path, "its [Content_Types].xml is larger than 1 MB, which no Office document needs",
                      "the file is damaged or not an Office document: save it again from Word or Excel");
  Result<std::string> types = zip.read("[Content_Types].xml");
  if (!types) return types.error();
  const std::string& t = types.value();
  if (t.find("wordprocessingml.document.main") != std::string::npos ||
      t.find("wordprocessingml.template.main") != std::string::npos ||
      t.find("ms-word.document.macroEnabled.main") != std::string::npos ||
      t.find("ms-word.template.macroEnabledTemplate.main") != std::string::npos)
    return FileFormat::Docx;
  if (t.find("spreadsheetml.sheet.main") != std::string::npos ||
      t.find("spreadsheetml.template.main") != std::string::npos ||
      t.find("ms-excel.sheet.macroEnabled.main") != std::string::npos)
    return FileFormat::Xlsx;
  if (t.find("presentationml") != std::string::npos)
    return refused(path, "this is a PowerPoint presentation, which is not read",
                   "export it as PDF, or copy its text into a .docx");
  return refused(path, "this is an Office archive of a kind that is not read (neither Word nor Excel)",
                 "open it in its program and save it as .docx, .xlsx or PDF");
}

}  // namespace

const char* to_string(FileFormat format) {
  switch (format) {
    case FileFormat::Text: return "text";
    case FileFormat::Csv: return "csv";
    case FileFormat::Pdf: return "pdf";
    case FileFormat::Docx: return "docx";
    case FileFormat::Xlsx: return "xlsx";
  }
  return "text";
}

Result<FileFormat> detect_format(const std::string& path, std::string_view bytes, std::size_t max_inflated) {
  if (bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos) return FileFormat::Pdf;
  if (looks_like_zip(bytes)) return zip_format(path, bytes, max_inflated);
  if (starts_with(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
    return refused(path,
                   "this is an old binary Office file (.doc, .xls) or a password-protected Word or Excel file, "
                   "which is not read",
                   "open it in Word or Excel, remove any password, and save it as .docx or .xlsx");
  struct Magic {
    std::string_view bytes;
    const char* name;
  };
  static const std::array<Magic, 8> kImages{{{"\x89PNG", "a PNG image"},
                                             {"\xFF\xD8\xFF", "a JPEG image"},
                                             {"GIF87a", "a GIF image"},
                                             {"GIF89a", "a GIF image"},
                                             {std::string_view("II*\0", 4), "a TIFF image"},
                                             {std::string_view("MM\0*", 4), "a TIFF image"},
                                             {"RIFF", "a RIFF file (WebP image, audio or video)"},
                                             {"{\\rtf", "an RTF document"}}};
  for (const Magic& m : kImages)
    if (starts_with(bytes, m.bytes)) {
      if (m.bytes == "{\\rtf")
        return refused(path, "this is an RTF document, which is not read", "open it in Word and save it as .docx");
      return refused(path, std::string("this is ") + m.name + ", not a document with text",
                     "a scanned page needs text recognition first (e.g. ocrmypdf makes a PDF with a text layer)");
    }
  const std::string ext = lower_extension(path);
  static const std::array<std::string_view, 7> kBinaryNames{".pdf", ".docx", ".xlsx", ".doc", ".xls", ".odt", ".ods"};
  if (std::find(kBinaryNames.begin(), kBinaryNames.end(), ext) != kBinaryNames.end())
    return make_error(path, "the file is named " + ext + " but its content is not that format (it looks like text)",
                      "if it is text, rename it to .txt; otherwise export it again from its program");
  if (ext == ".csv" || ext == ".tsv") return FileFormat::Csv;
  return FileFormat::Text;
}

}  // namespace analyzer
