#pragma once
// IndexError: an index that was opened but cannot be read now. The index
// stage throws it from a query (IndexReader, IndexSearcher) when Xapian
// reports a damaged database, a remote database that stops answering, a
// stored record that is not valid JSON, or a database that keeps changing
// under the reader. Opening an index does not throw: open() returns a
// Diagnostic. The CLI (cli/main.cpp) prints it as
//   analyzer: cannot read the index at DIR: <what>  (<hint>)
// and exits 3; it is not a bug of the program, unlike any other exception.
// No Xapian types, so callers outside index/ can catch it.

#include <stdexcept>
#include <string>

namespace analyzer {

class IndexError : public std::runtime_error {
 public:
  // `message` says what failed, naming the index ("cannot read the index
  // at DIR: ..."); `hint` what the analyst can do about it.
  IndexError(const std::string& message, std::string hint)
      : std::runtime_error(message), hint_(std::move(hint)) {}
  const std::string& hint() const { return hint_; }

 private:
  std::string hint_;
};

}  // namespace analyzer
