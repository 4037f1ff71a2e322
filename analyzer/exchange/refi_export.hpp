#pragma once
// Building the REFI-QDA project analyzer exports (refi_project.hpp) from the
// index's answers, the lexicons' themes and the coding store. Pure: reads
// nothing, writes nothing; refi_xml.hpp and qdpx_writer.hpp write it.
//
// In:  the answers of the document parts to export, WHOLE parts (every
//      answer of a part, decision parts included: a part's text, and so
//      every position in it, must be the same in every export and in
//      import, which composes the parts from the whole index), the index's
//      contact names (masking), the themes (id, label, definition, in
//      lexicon order), and the store's own codes, active codings (removed
//      ones are left out here too) and memos.
// Out: the project and a summary of what went in and what was left out.
//
// What becomes what (the conventions import reads back, shared with
// qde_reader; GUIDs by stable_guid, refi_guid.hpp):
//   theme        Code "theme:<id>", name = label, Description = definition
//   own code     Code "own:<store id>", nested as in the store
//   part         TextSource "<file>#<part>" (part_text.hpp), text in
//                sources/<guid>.txt; variables År, Region, Respondenttyp
//   respondent   Case "<name>|<type>" with a SourceRef per part
//   mention nobody decided on   Selection "auto:<mention id>" by the user
//                "analyzer:lexicon", one Coding with the theme
//   accepted     Selection "coding:<id>" by the coder, Description
//                "analyzer:accepted <mention id>", one Coding with the theme
//   manual       Selection "coding:<id>", one Coding with theme or own code
//   rejected     Selection "coding:<id>", Description "analyzer:rejected
//                <mention id> <theme id>", no Coding, a Note "Avvisad av ..."
//   memo         Note "memo:<id>" (masked), NoteRef on its selection, code
//                or source
// Left out, and counted in the summary: orphaned codings (their quote was
// not found after a re-ingest), codings of answers not exported (filters)
// or whose span no longer fits the answer, codings of a theme the lexicons
// no longer have, memos on anything left out.
//
// Positions are code points of the source's text (to_part_positions); a
// selection's name is its text cut from the source by those positions, so
// it shows masked personal data masked, as the source does.
//
// Order: sources by file and part, selections by start, end and GUID,
// users by name, cases by name: the same input gives the same project.
// Cost: the answers' text about three times over (parts, masking, the
// project's copy of each text); one masking pass per answer.

#include <cstdint>
#include <string>
#include <vector>

#include "analyzer/coding/store.hpp"
#include "analyzer/core/records.hpp"
#include "analyzer/exchange/refi_project.hpp"

namespace analyzer::exchange {

// The pseudo-user of automatic (lexicon) codings.
inline constexpr const char* kLexiconUserKey = "analyzer:lexicon";
inline constexpr const char* kLexiconUserName = "analyzer (lexikon)";

struct ExportTheme {
  std::string id;
  std::string label;
  std::string definition;
};

struct ProjectHeader {
  std::string name;     // "analyzer: <index folder name>"
  std::string origin;   // "analyzer <version>"
  std::string created;  // xsd:dateTime, "2026-12-07T10:00:00Z"
};

// What the coding store holds (empty when there is no store yet).
struct StoreContent {
  std::vector<coding::OwnCode> own_codes;
  std::vector<coding::Coding> codings;
  std::vector<coding::Memo> memos;
};

struct ExportSummary {
  std::size_t sources = 0;
  std::size_t cases = 0;
  std::size_t theme_codes = 0;
  std::size_t own_codes = 0;
  std::size_t users = 0;
  // Selections per kind.
  std::size_t automatic = 0;
  std::size_t accepted = 0;
  std::size_t rejected = 0;
  std::size_t manual = 0;
  std::size_t memos = 0;  // memos written as notes
  // Store ids of codings left out, by reason.
  std::vector<std::int64_t> orphaned;
  std::vector<std::int64_t> not_exported;  // answer not among the exported parts (filters)
  std::vector<std::int64_t> unplaced;      // span outside the answer's text
  std::vector<std::int64_t> unknown_code;  // theme not in the lexicons
  std::size_t memos_left_out = 0;
  // The sources' text: code points (what positions count) and bytes.
  std::int64_t characters = 0;
  std::int64_t bytes = 0;
};

struct BuiltProject {
  RefiProject project;
  ExportSummary summary;
};

// The project of `answers` (whole parts; see above) with the codes of
// `themes` and the store's codes, codings and memos. Never fails: what
// cannot be exported is left out and counted.
BuiltProject build_refi_project(const ProjectHeader& header, const std::vector<AnswerRecord>& answers,
                                const std::vector<std::string>& contact_names, const std::vector<ExportTheme>& themes,
                                const StoreContent& store);

}  // namespace analyzer::exchange
