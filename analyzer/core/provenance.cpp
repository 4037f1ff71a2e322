#include "analyzer/core/provenance.hpp"

#include <algorithm>
#include <string_view>

#include "analyzer/core/enum_names.hpp"
#include "analyzer/core/json_text.hpp"
#include "analyzer/core/record_json.hpp"
#include "analyzer/core/utf8.hpp"

namespace analyzer {
namespace {

using nlohmann::json;

constexpr EnumName<FieldOrigin> kFieldOriginNames[] = {
    {FieldOrigin::Default, "default"},
    {FieldOrigin::Detected, "detected"},
    {FieldOrigin::Manifest, "manifest"},
};

// Rules that decide by counting mentions, not by what the document says of
// itself.
// (page_header and document_title too: a running header or a title
// property may name the form's sender or an old template's author, so the
// analyst checks them.)
constexpr const char* kCountingRules[] = {"most_frequent_year", "most_named_region", "region_named_as_author",
                                          "column_header_year", "file_name_year", "page_header", "document_title"};

}  // namespace

const char* to_string(FieldOrigin o) { return name_of(kFieldOriginNames, o); }

bool FieldEvidence::is_guess() const {
  if (from == FieldOrigin::Default) return true;
  if (from != FieldOrigin::Detected) return false;
  return std::any_of(std::begin(kCountingRules), std::end(kCountingRules),
                     [&](const char* r) { return rule == r; });
}

std::string evidence_excerpt(std::string_view text, std::size_t max) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  if (text.size() <= max) return std::string(text);
  std::size_t cut = max;
  while (cut > 0 && utf8::is_continuation(text[cut])) --cut;
  return std::string(text.substr(0, cut)) + "…";
}

std::string place_text(const RecordLocation& l) {
  std::string out;
  const auto add = [&](const std::string& part) { out += (out.empty() ? "" : " ") + part; };
  if (l.page) add("page " + std::to_string(*l.page));
  if (l.paragraph) add("paragraph " + std::to_string(*l.paragraph));
  if (l.line) add("line " + std::to_string(*l.line));
  if (!l.sheet.empty()) add("sheet " + l.sheet);
  if (l.row) add("row " + std::to_string(*l.row));
  if (!l.column.empty()) add("column " + l.column);
  return out;
}

std::string describe(const FieldEvidence& e) {
  switch (e.from) {
    case FieldOrigin::Manifest: {
      std::string out = "manifest";
      if (!e.file.empty()) out += " " + e.file;
      if (e.location.line) out += " line " + std::to_string(*e.location.line);
      return out;
    }
    case FieldOrigin::Detected: {
      std::string out = e.rule;
      const std::string place = place_text(e.location);
      if (!place.empty()) out += ", " + place;
      if (!e.text.empty()) out += ": \"" + evidence_excerpt(e.text, 80) + "\"";
      return out;
    }
    case FieldOrigin::Default:
      break;
  }
  return e.rule.empty() ? "default (not found in the text)" : "default (" + e.rule + ")";
}

std::vector<NamedEvidence> fields_of(const RespondentProvenance& p) {
  return {{"year", &p.year}, {"region", &p.region}, {"type", &p.type}, {"respondent", &p.respondent}};
}

std::array<FieldEvidence*, 4> each_field(RespondentProvenance& p) {
  return {&p.year, &p.region, &p.type, &p.respondent};
}

json to_json(const FieldEvidence& e) {
  json j = json::object();
  j["from"] = to_string(e.from);
  j["rule"] = e.rule;
  j["text"] = e.text;
  if (e.span) {
    j["start"] = e.span->begin;
    j["end"] = e.span->end;
  }
  if (!e.location.empty()) j["location"] = to_json(e.location);
  if (!e.file.empty()) j["file"] = e.file;
  return j;
}

FieldEvidence evidence_from_json(const json& j) {
  FieldEvidence e;
  if (!j.is_object()) return e;
  e.from = value_of(kFieldOriginNames, get_string(j, "from")).value_or(FieldOrigin::Default);
  e.rule = get_string(j, "rule");
  e.text = get_string(j, "text");
  if (j.contains("start") && j.contains("end")) e.span = ByteSpan{get_size(j, "start"), get_size(j, "end")};
  if (j.contains("location")) e.location = location_from_json(j["location"]);
  e.file = get_string(j, "file");
  return e;
}

json to_json(const SourcePart& p) {
  json jp = json::object();
  jp["part"] = p.part;
  jp["layout"] = to_string(p.layout);
  jp["title"] = p.title;
  put_respondent(jp, p.respondent);
  json prov = json::object();
  for (const NamedEvidence& f : fields_of(p.provenance)) prov[f.field] = to_json(*f.evidence);
  jp["provenance"] = std::move(prov);
  jp["answers"] = p.answers;
  jp["numbers"] = p.numbers;
  jp["mentions"] = p.mentions;
  json warnings = json::array();
  for (const PartWarning& w : p.warnings)
    warnings.push_back({{"kind", w.kind}, {"field", w.field}, {"detail", w.detail}});
  jp["warnings"] = std::move(warnings);
  return jp;
}

namespace {

json notes_json(const std::vector<FileNote>& notes) {
  json out = json::array();
  for (const FileNote& n : notes) out.push_back({{"severity", n.severity}, {"message", n.message}, {"hint", n.hint}});
  return out;
}

}  // namespace

json to_json(const SourceSummary& s) {
  json parts = json::array();
  for (const SourcePart& p : s.parts) parts.push_back(to_json(p));
  json j = {{"source", s.source}, {"path", s.path}, {"format", s.format}, {"parts", std::move(parts)}};
  if (!s.sha256.empty()) j["sha256"] = s.sha256;
  if (!s.notes.empty()) j["file_notes"] = notes_json(s.notes);
  return j;
}

std::string to_json_text(const SourceSummary& s) {
  return to_json_text(s, s.parts.size(), [&](std::size_t i) { return s.parts[i]; });
}

std::string to_json_text(const SourceSummary& head, std::size_t parts,
                         const std::function<SourcePart(std::size_t)>& part_at) {
  // The object without its parts, then the parts one at a time into its
  // "parts" array: the same text as to_json().dump(), without the tree of
  // every part (a 100,000-row spreadsheet has 100,000 parts).
  json object = {{"source", head.source}, {"path", head.path}, {"format", head.format}, {"parts", json::array()}};
  if (!head.sha256.empty()) object["sha256"] = head.sha256;
  if (!head.notes.empty()) object["file_notes"] = notes_json(head.notes);
  const std::string outside = json_text(object);
  const std::string_view empty_parts = "\"parts\":[]";
  const std::size_t at = outside.find(empty_parts);  // keys are sorted: "parts" follows "format" and "path"
  const std::string_view before = std::string_view(outside).substr(0, at + empty_parts.size() - 1);
  const std::string_view after = std::string_view(outside).substr(at + empty_parts.size() - 1);
  const auto part_text = [&](std::size_t i) { return json_text(to_json(part_at(i))); };
  // The text is made twice, once to measure it: the one string is then
  // allocated at its final size (51 MB for 100,000 rows), not grown by
  // doubling and copied, which needed about twice that at once.
  std::size_t size = outside.size() + (parts > 0 ? parts - 1 : 0);
  for (std::size_t i = 0; i < parts; ++i) size += part_text(i).size();
  std::string text;
  text.reserve(size);
  text += before;
  for (std::size_t i = 0; i < parts; ++i) {
    if (i > 0) text += ',';
    text += part_text(i);
  }
  text += after;
  return text;
}

SourceSummary source_summary_from_json(const json& j) {
  SourceSummary s;
  if (!j.is_object()) return s;
  s.source = get_string(j, "source");
  s.path = get_string(j, "path");
  s.format = get_string(j, "format");
  s.sha256 = get_string(j, "sha256");
  if (auto notes = j.find("file_notes"); notes != j.end() && notes->is_array())
    for (const json& n : *notes)
      if (n.is_object()) s.notes.push_back({get_string(n, "severity"), get_string(n, "message"), get_string(n, "hint")});
  auto parts = j.find("parts");
  if (parts == j.end() || !parts->is_array()) return s;
  for (const json& jp : *parts) {
    if (!jp.is_object()) continue;
    SourcePart p;
    if (jp.contains("part") && jp["part"].is_number_integer()) p.part = jp["part"].get<int>();
    p.layout = value_of(kLayoutKindNames, get_string(jp, "layout")).value_or(LayoutKind::Unknown);
    p.title = get_string(jp, "title");
    p.respondent = respondent_from_json(jp);
    if (auto prov = jp.find("provenance"); prov != jp.end() && prov->is_object()) {
      auto get = [&](const char* field) {
        auto it = prov->find(field);
        return it == prov->end() ? FieldEvidence() : evidence_from_json(*it);
      };
      p.provenance = {get("year"), get("region"), get("type"), get("respondent")};
    }
    p.answers = get_size(jp, "answers");
    p.numbers = get_size(jp, "numbers");
    p.mentions = get_size(jp, "mentions");
    if (auto ws = jp.find("warnings"); ws != jp.end() && ws->is_array())
      for (const json& w : *ws)
        if (w.is_object()) p.warnings.push_back({get_string(w, "kind"), get_string(w, "field"), get_string(w, "detail")});
    s.parts.push_back(std::move(p));
  }
  return s;
}

}  // namespace analyzer
