#pragma once
// Writing a named file whole or not at all: the one way every writer of a
// file the user names does it (report/excerpts --format xlsx|docx, export
// --format qdpx|qdc, sources --write-manifest) and the index's shard list.
//
// In:  a path as the user gave it, and what the file is ("the Excel
//      file"), for messages.
// Out: FileReplacement::begin resolves the path, checks it and creates an
//      empty temporary file in the folder of the file to write; the caller
//      fills temp_path() (directly, or through a library that writes to a
//      path) and calls commit(), which renames it over the file. A
//      FileReplacement that is not committed removes its temporary file.
//      replace_file does all of it for bytes in memory.
//
// How the path is resolved (resolve_output_file, without opening or
// creating anything, so a FIFO can never block and a device is never
// touched):
//   - a regular file, or nothing yet in a folder that exists: that path;
//   - a symbolic link (a chain of up to 40) is followed to its final
//     target: the temporary file is made in the target's folder and
//     renamed over the target, so the link stays a link and points to the
//     new content. A dangling link writes its target when the target's
//     folder exists;
//   - refused, naming the path as given:
//       a folder, a character or block device (/dev/full, /dev/null), a
//       FIFO or a socket: "cannot write <what>: it is a character device,
//       not a regular file" (hint "give a file name"); through a link:
//       "it is a symbolic link to <target>, a FIFO (named pipe), not a
//       regular file";
//       a folder that does not exist: "the folder <d> does not exist"
//       (through a link: "it is a symbolic link to <target>, whose folder
//       <d> does not exist");
//       a loop of links, or a path the system cannot look at (a component
//       that is a file, no permission): the system's reason.
// Temporary file: "<target>.part<pid>", created with O_NOFOLLOW. A failure
// at any step leaves the file to write as it was and no temporary file.
// Between the check and the rename another process could put something
// else at the path; that is not guarded against (a rename over a folder
// fails anyway).
// The new file gets the default mode (0666 less the umask), not the mode
// of the file it replaces.
// Errors are Diagnostics naming the path as given. Cost: a few lstat and
// readlink calls; replace_file adds one write and one fsync. Thread-safe
// (no shared state; the temporary name is per process, so one process must
// not write the same file from two threads at once).
//
// Example:
//   Result<FileReplacement> out = FileReplacement::begin(path, "the Excel file");
//   if (!out.ok()) return out.error();
//   ... write out.value().temp_path() ...
//   return out.value().commit();

#include <string>
#include <string_view>

#include "analyzer/core/diagnostic.hpp"

namespace analyzer {

// Where a write of a path lands.
struct OutputFile {
  std::string given;     // the path as given, for messages
  std::string file;      // the file to replace: `given`, or a link's final target
  bool exists = false;   // a regular file is there now
};

// Resolves and checks `path` as described above; opens and creates
// nothing. `what` names the file in messages ("the Excel file").
Result<OutputFile> resolve_output_file(const std::string& path, std::string_view what);

class FileReplacement {
 public:
  // resolve_output_file, then the empty temporary file. Fails with the
  // resolution's error, or the system's reason the temporary file cannot
  // be created (no permission, a read-only file system).
  static Result<FileReplacement> begin(const std::string& path, std::string what);

  FileReplacement(FileReplacement&& other) noexcept;
  FileReplacement(const FileReplacement&) = delete;
  FileReplacement& operator=(const FileReplacement&) = delete;
  FileReplacement& operator=(FileReplacement&&) = delete;
  // Removes the temporary file unless commit() succeeded.
  ~FileReplacement();

  // The file to fill. It exists, empty, until the caller writes it.
  const std::string& temp_path() const { return temp_; }
  const OutputFile& output() const { return output_; }

  // The error of a failed write: "cannot write <what>: <reason>" naming
  // the path as given, with `hint` (a default one when empty).
  Diagnostic error(std::string_view reason, std::string hint = {}) const;

  // Renames the temporary file over the file to write. On failure the
  // temporary file is removed (by the destructor) and the file is as it was.
  Status commit();

 private:
  FileReplacement(OutputFile output, std::string what);

  OutputFile output_;
  std::string what_;
  std::string temp_;
  bool owns_temp_ = false;  // created and not yet renamed
};

// Writes `bytes` as the whole content of `path` through a FileReplacement
// (write, fsync, rename). Errors as FileReplacement's; a full disk is
// "cannot write <what>: No space left on device".
Status replace_file(const std::string& path, std::string_view bytes, std::string what);

}  // namespace analyzer
