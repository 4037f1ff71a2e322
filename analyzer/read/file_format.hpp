#pragma once
// Which format a file is in, decided by its content first and by its name
// only where the content cannot decide (CSV is text).
//
// In:  a file's path and its bytes (all of them, or at least the first few
//      KB; a ZIP archive needs all of them, its directory is at the end).
// Out: the FileFormat to read it with, or an error that says what the
//      file is and what to do with it.
//
// Rules, in order:
//   - "%PDF-" within the first 1,024 bytes (as PDF readers accept it) → PDF.
//   - A ZIP archive ("PK\3\4") → its [Content_Types].xml decides: a Word
//     main document (wordprocessingml, also macro-enabled and templates) →
//     DOCX; an Excel workbook (spreadsheetml) → XLSX; an OpenDocument file
//     (a "mimetype" member: .odt, .ods), a PowerPoint file, or any other
//     archive → an error naming what it is. A ZIP that cannot be read → the
//     ZIP error (damaged, truncated).
//   - An OLE2 compound file (D0 CF 11 E0): an old .doc/.xls, or a
//     password-protected .docx/.xlsx (Office encrypts into OLE2) → error.
//   - Images (PNG, JPEG, GIF, TIFF, WebP), RTF → error naming the format.
//   - Anything else is text: CSV when the name ends in .csv or .tsv (any
//     case), else plain text. A text file named as a binary format (.pdf,
//     .docx, .xlsx, .doc, .xls, .odt, .ods) is an error: the name and the
//     content disagree, and reading it as text would hide that.
// Cost: a scan of at most 1 KB, plus reading [Content_Types].xml for a ZIP.

#include <string>
#include <string_view>

#include "analyzer/core/diagnostic.hpp"

namespace analyzer {

enum class FileFormat { Text, Csv, Pdf, Docx, Xlsx };

// "text", "csv", "pdf", "docx", "xlsx": SourceFile::format.
const char* to_string(FileFormat format);

// Detects the format of the file at `path` whose content is `bytes` (see
// the file comment). `max_inflated` bounds what a ZIP member may inflate to
// (ReadOptions::max_bytes).
Result<FileFormat> detect_format(const std::string& path, std::string_view bytes, std::size_t max_inflated);

}  // namespace analyzer
