#pragma once
// The start of every command that reads the index: open it, or print why
// it cannot be opened.

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "analyzer/index/index.hpp"

namespace analyzer::cli {

// Opens the index at `locations` (several are read as one) as T,
// IndexReader or IndexSearcher. On failure prints the diagnostic to stderr
// and returns nullptr; the command then exits kExitCannotRun.
template <class T>
std::unique_ptr<T> open_index(const std::vector<std::string>& locations) {
  Result<std::unique_ptr<T>> opened = T::open(locations);
  if (!opened.ok()) {
    std::cerr << opened.error().render() << '\n';
    return nullptr;
  }
  return std::move(opened).value();
}

}  // namespace analyzer::cli
