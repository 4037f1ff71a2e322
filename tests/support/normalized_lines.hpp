#pragma once
// Test vocabulary: a NormalizedText made directly from logical lines, with
// an identity offset map, so segmenter tests state their input as the lines
// a reader sees.

#include <initializer_list>
#include <string>

#include "analyzer/normalize/normalizer.hpp"

namespace analyzer::test {

inline NormalizedText lines_to_text(std::initializer_list<std::string> lines) {
  NormalizedText doc;
  for (const std::string& l : lines) {
    std::size_t begin = doc.text.size();
    doc.text += l;
    doc.lines.push_back({begin, doc.text.size()});
    doc.text += '\n';
  }
  doc.map.add_copy(0, 0, doc.text.size());
  return doc;
}

}  // namespace analyzer::test
