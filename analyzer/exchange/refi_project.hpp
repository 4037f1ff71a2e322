#pragma once
// Stage: exchange. A REFI-QDA project (QDA-XML 1.0, `project.qde` in a
// `.qdpx` ZIP; schema ../shared/refi-qda/Project-mrt2019.xsd) as plain
// data: what export builds from the index and the coding store and writes
// as XML, and what import reads from XML and applies to the store.
//
// Only the parts analyzer writes or reads are modelled: users, the codebook
// tree, variables, cases, plain-text sources with their selections and
// codings, notes and sets. Pictures, PDFs, audio, video, links and graphs of
// other tools' projects are not (import says what it left out).
//
// Positions: RefiSelection::start/end count Unicode code points of the
// source's plain text (as the standard counts), never bytes; a CR LF pair
// counts as two code points, as written in the text file.
// GUIDs are kept as written; compare them with same_guid() (case and braces
// differ between tools).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace analyzer::exchange {

struct RefiUser {
  std::string guid;
  std::string name;
};

struct RefiCode {
  std::string guid;
  std::string name;
  std::string description;
  std::string color;               // "#rrggbb"; empty: none
  bool codable = true;
  std::vector<std::string> note_guids;  // NoteRef targets (memos on the code)
  std::vector<RefiCode> children;  // nested codes, any depth
};

// A variable's value on a case or source: text or integer (the types
// analyzer writes; other types are read as their text).
struct RefiVariableValue {
  std::string variable_guid;
  std::string text;
  std::optional<std::int64_t> integer;
};

struct RefiVariable {
  std::string guid;
  std::string name;
  std::string type;  // typeOfVariable: "Text", "Integer", ...
  std::string description;
};

struct RefiCase {
  std::string guid;
  std::string name;
  std::string description;
  std::vector<RefiVariableValue> values;
  std::vector<std::string> source_guids;  // SourceRef targets
};

// One coding of a selection with one code.
struct RefiCoding {
  std::string guid;
  std::string code_guid;  // CodeRef target
  std::string creating_user;
  std::string created;    // xsd:dateTime, e.g. "2026-12-07T10:00:00Z"; empty: none
};

struct RefiSelection {
  std::string guid;
  std::string name;        // the quoted text, as tools show it
  std::string description; // analyzer's decisions: "analyzer:accepted <mention id>", ...
  std::int64_t start = 0;  // code points
  std::int64_t end = 0;
  std::string creating_user;
  std::string created;
  std::vector<RefiCoding> codings;
  std::vector<std::string> note_guids;
};

struct RefiTextSource {
  std::string guid;
  std::string name;
  std::string plain_text_path;  // as written: "internal://<guid>.txt", "relative://..."
  std::string text;             // the plain text positions count in (UTF-8)
  std::string creating_user;
  std::string created;
  std::vector<RefiSelection> selections;
  std::vector<std::string> note_guids;
  std::vector<RefiVariableValue> values;
};

struct RefiNote {
  std::string guid;
  std::string name;
  std::string text;  // PlainTextContent
  std::string creating_user;
  std::string created;
  // Description. analyzer writes "analyzer:answer <answer id>" on a memo on
  // one answer of a TextSource (a part holds several answers).
  std::string description;
};

// The Description of a note on one answer of a TextSource, before the
// answer's id (export writes it, import reads it).
inline constexpr std::string_view kAnswerMemoPrefix = "analyzer:answer ";

struct RefiSet {
  std::string guid;
  std::string name;
  std::string description;
  std::vector<std::string> code_guids;
  std::vector<std::string> source_guids;
};

struct RefiProject {
  std::string name;
  std::string origin;  // "analyzer 0.x"
  std::string creating_user_guid;
  std::string created;
  std::vector<RefiUser> users;
  std::vector<RefiCode> codes;  // top-level codes; children nested
  std::vector<RefiVariable> variables;
  std::vector<RefiCase> cases;
  std::vector<RefiTextSource> sources;
  std::vector<RefiNote> notes;
  std::vector<RefiSet> sets;
};

}  // namespace analyzer::exchange
