#include "analyzer/print/export_printers.hpp"

#include <nlohmann/json.hpp>

namespace analyzer {
namespace {

using nlohmann::ordered_json;

// At most 20 ids, then "...".
std::string ids(const std::vector<std::int64_t>& list) {
  std::string out;
  for (std::size_t i = 0; i < list.size() && i < 20; ++i) out += (i ? ", " : "") + std::to_string(list[i]);
  if (list.size() > 20) out += ", ...";
  return out;
}

}  // namespace

void print_export_summary(const exchange::ExportSummary& s, const std::string& file, bool codebook, std::ostream& out) {
  const std::string codes = std::to_string(s.theme_codes) + " themes, " + std::to_string(s.own_codes) + " own codes";
  if (codebook) {
    out << "wrote " << file << " (REFI-QDA codebook): " << codes << '\n';
    return;
  }
  out << "wrote " << file << " (REFI-QDA project)\n"
      << "  sources:    " << s.sources << " document parts, " << s.characters << " characters (" << s.bytes
      << " bytes) of text; " << s.cases << " cases\n"
      << "  codes:      " << codes << '\n'
      << "  selections: " << s.automatic << " automatic, " << s.accepted << " accepted, " << s.rejected
      << " rejected, " << s.manual << " manual\n"
      << "  notes:      " << s.memos << " memos, " << s.rejected << " rejections\n"
      << "  users:      " << s.users << '\n';
  const std::pair<const char*, const std::vector<std::int64_t>*> left[] = {
      {"orphaned (quote not found after a re-ingest)", &s.orphaned},
      {"of answers the filters leave out", &s.not_exported},
      {"whose span no longer fits its answer", &s.unplaced},
      {"of a theme the lexicons do not have", &s.unknown_code}};
  for (const auto& [why, list] : left)
    if (!list->empty()) out << "  left out:   " << list->size() << " codings " << why << ": " << ids(*list) << '\n';
  if (s.memos_left_out) out << "  left out:   " << s.memos_left_out << " memos on what was left out\n";
  out << "Positions count Unicode code points of each source's text, not bytes.\n";
}

void print_export_summary_json(const exchange::ExportSummary& s, const std::string& file, bool codebook,
                               std::ostream& out) {
  ordered_json j;
  j["file"] = file;
  j["format"] = codebook ? "qdc" : "qdpx";
  if (!codebook) {
    j["sources"] = s.sources;
    j["cases"] = s.cases;
    j["characters"] = s.characters;
    j["bytes"] = s.bytes;
  }
  j["codes"] = {{"themes", s.theme_codes}, {"own", s.own_codes}};
  if (!codebook) {
    j["users"] = s.users;
    j["selections"] = {
        {"automatic", s.automatic}, {"accepted", s.accepted}, {"rejected", s.rejected}, {"manual", s.manual}};
    j["notes"] = {{"memos", s.memos}, {"rejections", s.rejected}};
    j["left_out"] = {{"orphaned", s.orphaned},
                     {"not_exported", s.not_exported},
                     {"unplaced", s.unplaced},
                     {"unknown_code", s.unknown_code},
                     {"memos", s.memos_left_out}};
  }
  out << j.dump() << '\n';
}

}  // namespace analyzer
