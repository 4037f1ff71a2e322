#pragma once
// Stable GUIDs for a REFI-QDA export: the same thing exported twice gets
// the same GUID, so a project re-exported after more coding is recognised
// by the tools that imported it before, and import can find analyzer's own
// sources again by GUID.
//
// stable_guid(kind, key): 128 bits from two FNV-1a hashes (StableHash) over
// "refi-qda", `kind` and `key`, written in the lower-case RFC 4122 form:
// 32 hex digits in groups of 8-4-4-4-12, the version digit (the 13th) 5 and
// the variant bits 10 (the 17th digit 8, 9, a or b); valid for the schema's
// GUIDType. Kinds used by export: "user" (coder
// name), "code" ("theme:<id>" or "own:<id>"), "source" ("<file>#<part>"),
// "case" (respondent key), "variable" (name), "selection", "coding", "note"
// (store ids). Not cryptographic; collisions are as unlikely as for
// random GUIDs only while keys differ.
//
// same_guid(a, b): equal ignoring case and one pair of surrounding braces,
// as tools write "{ABCDEF01-...}" or "abcdef01-...".
// canonical_guid(g): lower case, braces removed.
//
//   stable_guid("code", "theme:sip")  → "3f0c...-....-5...-....-............"

#include <cctype>
#include <string>
#include <string_view>

#include "analyzer/core/stable_hash.hpp"

namespace analyzer::exchange {

inline std::string stable_guid(std::string_view kind, std::string_view key) {
  const std::string a = StableHash().add("refi-qda").add(kind).add(key).hex();
  const std::string b = StableHash().add("refi-qda/2").add(kind).add(key).hex();
  std::string hex = a + b;  // 32 hex digits
  hex[12] = '5';
  static const char kVariant[] = "89ab";
  hex[16] = kVariant[(hex[16] >= 'a' ? hex[16] - 'a' + 10 : hex[16] - '0') & 3];
  return hex.substr(0, 8) + '-' + hex.substr(8, 4) + '-' + hex.substr(12, 4) + '-' + hex.substr(16, 4) + '-' +
         hex.substr(20, 12);
}

inline std::string canonical_guid(std::string_view g) {
  if (g.size() >= 2 && g.front() == '{' && g.back() == '}') g = g.substr(1, g.size() - 2);
  std::string out(g);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

inline bool same_guid(std::string_view a, std::string_view b) { return canonical_guid(a) == canonical_guid(b); }

}  // namespace analyzer::exchange
