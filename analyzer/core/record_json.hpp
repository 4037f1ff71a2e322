#pragma once
// The JSON form of AnswerRecord and NumericItem: the public interface of
// `analyzer answers --json` and `analyzer numbers --json`, and the document
// data stored in the index. It lives with the vocabulary, not in print/,
// because index/ stores exactly this object: what is printed is what was
// stored, and there is one mapping to keep in step, not two.
//
// Answer object (fields are only ever added, never renamed or dropped):
//   id               string   stable across re-ingests of the same file
//   source           string   file name
//   year             int|null
//   region           string|null
//   respondent_type  "kommun"|"rss"|"region"|null
//   respondent       string|null
//   question         string   question id as printed ("5a") or section heading
//   question_text    string   the printed prompt / heading
//   text             string   the answer's normalised text
//   start, end       int      byte offsets of the answer in the original file
//                             (text, CSV), or in the text extracted from it
//                             (PDF, DOCX, XLSX)
//   location         object   where the answer's text starts, as a person
//                             finds it in the original; only the fields of the
//                             file's format are present:
//                               text      {"line": 530}
//                               PDF       {"page": 14}
//                               DOCX      {"paragraph": 212}
//                               XLSX      {"sheet": "Blad1", "row": 7, "column": "F"}
//                               CSV       {"row": 7, "column": "F"}
//                             all numbers 1-based; {} for a record of an index
//                             written before analysis version 4
//   layout           "survey"|"report"|"unknown"|"decision" (a survey
//                             document's cover letter or committee decision:
//                             listed only when asked for, never counted)
//   part             int      index of the survey/report part within the file
//   mentions         array    theme mentions found at ingest, in text order:
//                             {theme, rule, start, end, text, location, ...};
//                             start/end are byte offsets as the answer's and
//                             text exactly those bytes; location is where the
//                             mention starts (a long PDF answer runs over
//                             pages: each mention cites its own) (see
//                             to_json(Mention))
//   notes            array    footnotes and source notes printed in the
//                             section (reports; [] otherwise): {text, start,
//                             end, location} as for the answer; not part of
//                             text, never tagged, counted or quoted
// Numeric item object:
//   source, year, region, respondent_type, respondent, question (as above),
//   label string, value number, value_text string (as printed), start, end,
//   location (where the item starts, as the answer's), themes (array of
//   theme ids whose lexicons match the label).

#include <nlohmann/json.hpp>

#include "analyzer/core/records.hpp"

namespace analyzer {

// Sets the fields year, region, respondent_type, respondent of `j` (null
// when unknown), as in the answer object.
void put_respondent(nlohmann::json& j, const Respondent& r);
// The text / unsigned number at `key` of an object; "" / 0 when missing or
// of another type.
std::string get_string(const nlohmann::json& j, const char* key);
std::size_t get_size(const nlohmann::json& j, const char* key);

// Inverse of put_respondent: missing or mistyped fields stay unknown.
Respondent respondent_from_json(const nlohmann::json& j);

// A RecordLocation as the "location" object above: only the fields that
// are set ({} when none is). location_from_json is its inverse; missing or
// mistyped fields stay empty, a number below 1 is left out.
nlohmann::json to_json(const RecordLocation& l);
RecordLocation location_from_json(const nlohmann::json& j);

// A mention: {theme, rule, start, end, text}, as in the answer's "mentions";
// mentions found at ingest add text_start/text_end (the mention in the
// answer's normalised text), sentence_start/sentence_end (its sentence's
// original byte span), sentence_text_start/sentence_text_end (that
// sentence in the answer's text) and location (where the mention starts;
// present only when known: `tag` output has none).
nlohmann::json to_json(const Mention& m);
Mention mention_from_json(const nlohmann::json& j);
nlohmann::json to_json(const AnswerRecord& a);
nlohmann::json to_json(const NumericItem& n);

// Inverse of to_json; missing fields take their defaults. Throws
// nlohmann::json::exception only on data not written by to_json.
AnswerRecord answer_from_json(const nlohmann::json& j);
NumericItem number_from_json(const nlohmann::json& j);

}  // namespace analyzer
