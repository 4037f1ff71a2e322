#include "analyzer/core/record_json.hpp"

#include "analyzer/core/enum_names.hpp"

namespace analyzer {
namespace {

nlohmann::json string_or_null(const std::string& s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

}  // namespace

void put_respondent(nlohmann::json& j, const Respondent& r) {
  using nlohmann::json;
  j["year"] = r.year ? json(*r.year) : json(nullptr);
  j["region"] = string_or_null(r.region);
  j["respondent_type"] = r.type ? json(to_string(*r.type)) : json(nullptr);
  j["respondent"] = string_or_null(r.name);
}

using nlohmann::json;

Respondent respondent_from_json(const json& j) {
  Respondent r;
  if (j.contains("year") && j["year"].is_number_integer()) r.year = j["year"].get<int>();
  if (j.contains("region") && j["region"].is_string()) r.region = j["region"].get<std::string>();
  if (j.contains("respondent_type") && j["respondent_type"].is_string())
    r.type = parse_respondent_type(j["respondent_type"].get<std::string>());
  if (j.contains("respondent") && j["respondent"].is_string())
    r.name = j["respondent"].get<std::string>();
  return r;
}

std::string get_string(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::size_t get_size(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_unsigned() ? it->get<std::size_t>() : 0;
}

namespace {

// The fields that say where a record comes from, as in the answer object:
// source, part, the respondent fields and question. `Record` is any record
// with members of those names (AnswerRecord, NumericItem).
template <class Record>
void put_origin(json& j, const Record& r) {
  j["source"] = r.source;
  j["part"] = r.part;
  put_respondent(j, r.respondent);
  j["question"] = r.question;
}

// Inverse of put_origin: missing or mistyped fields keep their defaults.
template <class Record>
void get_origin(const json& j, Record& r) {
  r.source = get_string(j, "source");
  if (j.contains("part") && j["part"].is_number_integer()) r.part = j["part"].get<int>();
  r.respondent = respondent_from_json(j);
  r.question = get_string(j, "question");
}

}  // namespace

json to_json(const RecordLocation& l) {
  json j = json::object();
  if (l.line) j["line"] = *l.line;
  if (l.page) j["page"] = *l.page;
  if (l.paragraph) j["paragraph"] = *l.paragraph;
  if (!l.sheet.empty()) j["sheet"] = l.sheet;
  if (l.row) j["row"] = *l.row;
  if (!l.column.empty()) j["column"] = l.column;
  return j;
}

RecordLocation location_from_json(const json& j) {
  RecordLocation l;
  if (!j.is_object()) return l;
  auto number = [&](const char* key) -> std::optional<std::size_t> {
    const std::size_t n = get_size(j, key);
    return n ? std::optional<std::size_t>(n) : std::nullopt;
  };
  l.line = number("line");
  l.page = number("page");
  l.paragraph = number("paragraph");
  l.sheet = get_string(j, "sheet");
  l.row = number("row");
  l.column = get_string(j, "column");
  return l;
}

json to_json(const Mention& m) {
  json j = {{"theme", m.theme}, {"rule", m.rule}, {"start", m.span.begin}, {"end", m.span.end}, {"text", m.text}};
  if (!m.sentence.empty()) {
    j["text_start"] = m.in_text.begin;
    j["text_end"] = m.in_text.end;
    j["sentence_start"] = m.sentence.begin;
    j["sentence_end"] = m.sentence.end;
    j["sentence_text_start"] = m.sentence_in_text.begin;
    j["sentence_text_end"] = m.sentence_in_text.end;
  }
  if (!m.location.empty()) j["location"] = to_json(m.location);
  return j;
}

Mention mention_from_json(const json& j) {
  Mention m;
  m.theme = get_string(j, "theme");
  m.rule = get_string(j, "rule");
  m.span = {get_size(j, "start"), get_size(j, "end")};
  m.text = get_string(j, "text");
  m.in_text = {get_size(j, "text_start"), get_size(j, "text_end")};
  m.sentence = {get_size(j, "sentence_start"), get_size(j, "sentence_end")};
  m.sentence_in_text = {get_size(j, "sentence_text_start"), get_size(j, "sentence_text_end")};
  if (auto it = j.find("location"); it != j.end()) m.location = location_from_json(*it);
  return m;
}

json to_json(const AnswerRecord& a) {
  json j;
  j["id"] = a.id;
  put_origin(j, a);
  j["question_text"] = a.question_text;
  j["text"] = a.text;
  j["start"] = a.span.begin;
  j["end"] = a.span.end;
  j["location"] = to_json(a.location);
  j["layout"] = to_string(a.layout);
  json mentions = json::array();
  for (const Mention& m : a.mentions) mentions.push_back(to_json(m));
  j["mentions"] = std::move(mentions);
  json notes = json::array();
  for (const Note& n : a.notes)
    notes.push_back({{"text", n.text}, {"start", n.span.begin}, {"end", n.span.end}, {"location", to_json(n.location)}});
  j["notes"] = std::move(notes);
  return j;
}

json to_json(const NumericItem& n) {
  json j;
  put_origin(j, n);
  j["question_text"] = n.question_text;
  j["label"] = n.label;
  j["value"] = n.value;
  j["value_text"] = n.value_text;
  j["start"] = n.span.begin;
  j["end"] = n.span.end;
  j["location"] = to_json(n.location);
  j["themes"] = n.themes;
  return j;
}

AnswerRecord answer_from_json(const json& j) {
  AnswerRecord a;
  a.id = get_string(j, "id");
  get_origin(j, a);
  a.question_text = get_string(j, "question_text");
  a.text = get_string(j, "text");
  a.span = {get_size(j, "start"), get_size(j, "end")};
  if (auto it = j.find("location"); it != j.end()) a.location = location_from_json(*it);
  a.layout = value_of(kLayoutKindNames, get_string(j, "layout")).value_or(LayoutKind::Unknown);
  if (j.contains("mentions") && j["mentions"].is_array())
    for (const json& m : j["mentions"]) a.mentions.push_back(mention_from_json(m));
  if (j.contains("notes") && j["notes"].is_array())
    for (const json& n : j["notes"]) {
      if (!n.is_object()) continue;
      Note note;
      note.text = get_string(n, "text");
      note.span = {get_size(n, "start"), get_size(n, "end")};
      if (auto it = n.find("location"); it != n.end()) note.location = location_from_json(*it);
      a.notes.push_back(std::move(note));
    }
  return a;
}

NumericItem number_from_json(const json& j) {
  NumericItem n;
  get_origin(j, n);
  n.question_text = get_string(j, "question_text");
  n.label = get_string(j, "label");
  if (j.contains("value") && j["value"].is_number()) n.value = j["value"].get<double>();
  n.value_text = get_string(j, "value_text");
  n.span = {get_size(j, "start"), get_size(j, "end")};
  if (auto it = j.find("location"); it != j.end()) n.location = location_from_json(*it);
  if (j.contains("themes") && j["themes"].is_array())
    for (const json& t : j["themes"])
      if (t.is_string()) n.themes.push_back(t.get<std::string>());
  return n;
}

}  // namespace analyzer
