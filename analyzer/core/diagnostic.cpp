#include "analyzer/core/diagnostic.hpp"

namespace analyzer {

std::string Diagnostic::render() const {
  std::string out;
  if (!file.empty()) {
    out += file;
    if (line > 0) {
      out += ':' + std::to_string(line);
      if (column > 0) out += ':' + std::to_string(column);
    }
    out += ": ";
  }
  if (byte && line == 0) out += "byte " + std::to_string(*byte) + ": ";
  switch (severity) {
    case Severity::Note: out += "note: "; break;
    case Severity::Warning: out += "warning: "; break;
    case Severity::Error: out += "error: "; break;
  }
  out += message;
  if (!hint.empty()) out += " (" + hint + ")";
  return out;
}

}  // namespace analyzer
