#pragma once
// The vocabulary every stage shares: what a respondent is, an answer, a
// numeric item. Plain data, no I/O, no dependencies.
//
// Offsets: `span` fields hold byte offsets into the ORIGINAL source file
// (what the CLI prints as start/end) for text and CSV files, and into the
// text extracted from it for PDF, DOCX and XLSX; `norm` fields hold offsets
// into the normalised text of that file and are only meaningful inside one
// ingest. `location` says the same place as a person finds it in the
// original (a line, page, paragraph or cell: record_location.hpp).

#include <optional>
#include <string>
#include <vector>

#include "analyzer/core/mention.hpp"
#include "analyzer/core/record_location.hpp"
#include "analyzer/core/span.hpp"

namespace analyzer {

enum class RespondentType { Kommun, Rss, Region };

// "kommun", "rss", "region".
const char* to_string(RespondentType t);
// Parses "kommun"/"rss"/"region" (case-insensitive); nullopt otherwise.
std::optional<RespondentType> parse_respondent_type(const std::string& s);

// Who answered and for which year: one per survey or report part of a
// document. Every field may be unknown (empty / nullopt).
struct Respondent {
  std::optional<int> year;
  std::string region;                         // county name without "län"/"Region": "Dalarna"
  std::optional<RespondentType> type;
  std::string name;                           // "Region Halland", "RSS Dalarna", ...
};

// The name a region's or an RSS's organisation goes by: "Region Halland",
// "RSS Dalarna"; "" unless `type` is Region or Rss and `region` (canonical,
// "Halland") is known.
std::string organisation_name(std::optional<RespondentType> type, const std::string& region);

// How a document part was read.
enum class LayoutKind {
  Survey,    // numbered questions with prompts; answers are the respondent's fields
  Report,    // prose report: one answer per section heading
  Unknown,   // nothing recognised: prose sections, flagged in the ingest summary
  Decision,  // a survey document's cover letter or committee decision ("Beslut",
             // "Förslag till beslut", "Beslutsunderlag"): prose sections that are
             // searchable but are not the respondent's answers (stored apart, left
             // out of reports unless asked for)
};
const char* to_string(LayoutKind k);

// A footnote or source note of a report section ("1 Socialstyrelsen,
// dnr 3.1-1234/2023.", "2 https://…/rapport.pdf", "Källa: SCB"): kept with
// the section, searchable, never answer text (no mentions, no excerpts).
struct Note {
  std::string text;           // the note's normalised text
  ByteSpan span;              // original byte offsets (as AnswerRecord::span)
  RecordLocation location;    // where the note starts in the source; set at ingest
};

// One answer: the respondent's text for one question (survey) or one
// section (report).
struct AnswerRecord {
  std::string id;             // stable: hash of source name, part, question and occurrence
  std::string source;         // file name (no directories)
  int part = 0;               // index of the document part (survey/report) in the file
  LayoutKind layout = LayoutKind::Unknown;
  Respondent respondent;
  std::string question;       // "5a", "13b", "29"; for reports the section heading
  std::string question_text;  // the printed prompt (normalised); heading for reports
  std::string text;           // the answer's normalised text
  ByteSpan span;              // original byte offsets of the answer text
  ByteSpan norm;              // normalised offsets of the answer text
  RecordLocation location;    // where the answer's text starts in the source (line,
                              // page, paragraph or cell); set at ingest
  // Theme mentions found in the answer at ingest, in text order; spans are
  // ORIGINAL offsets and `text` the original bytes.
  std::vector<Mention> mentions;
  // Footnotes and source notes printed in the section (reports): not part
  // of `text`, never tagged or counted; their words are searchable.
  std::vector<Note> notes;
};

// A number the respondent filled in for a labelled item.
struct NumericItem {
  std::string source;
  int part = 0;
  Respondent respondent;
  std::string question;       // question id the item belongs to
  // The question's printed prompt ("Antal kommuner som påbörjat eller
  // förstärkt arbetet"), as AnswerRecord::question_text; "" when the item
  // stands under no prompt (a spreadsheet column: its header is the label).
  std::string question_text;
  std::string label;          // "Fast vårdkontakt, ange antal"
  double value = 0;
  std::string value_text;     // as printed: "0.18", "65"
  ByteSpan span;              // original byte offsets of the whole item line
  RecordLocation location;    // where the item starts in the source; set at ingest
  // Themes whose lexicons match the label ("Fast vårdkontakt, ange antal"
  // → fast_vardkontakt), set at ingest. The label is not respondent text:
  // this links the respondent's own figure to a theme, it is no mention.
  std::vector<std::string> themes;
};

}  // namespace analyzer
