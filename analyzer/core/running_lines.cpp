// RunningLines (running_lines.hpp).

#include "analyzer/core/running_lines.hpp"

#include "analyzer/core/provenance.hpp"

namespace analyzer {

bool RunningLines::add(std::string_view text, RecordLocation location, std::optional<ByteSpan> span,
                       bool document_title) {
  if (lines_.size() >= kMaxRunningLines) return false;
  std::string kept = evidence_excerpt(text, kMaxRunningLineBytes);
  if (kept.find_first_not_of(" \t\r\n") == std::string::npos) return false;
  std::string key = kept;
  for (char& c : key)
    if (c >= '0' && c <= '9') c = '#';
  if (!seen_.insert(std::move(key)).second) return false;
  lines_.push_back({std::move(kept), std::move(location), span, document_title});
  return true;
}

}  // namespace analyzer
