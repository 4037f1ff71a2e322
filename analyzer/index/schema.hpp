#pragma once
// The index schema: which terms, values and metadata keys a document of the
// analyzer index carries. IndexWriter writes exactly this; IndexReader and
// any later query code (search, themes) read exactly this. Xapian-free, so
// the CLI and tests can name the schema without including <xapian.h>.
//
// Documents. One per answer, one per numeric item.
//   record  value slot kSlotRecord: the record as JSON,
//           to_json(AnswerRecord|NumericItem).dump() (core/record_json.hpp),
//           so what is printed is what was stored. A value, not document
//           data: Xapian 1.4 deflates every document's data with a freshly
//           reset zlib stream (about 130,000 instructions per document,
//           whatever its size), a tenth of ingest; values are stored as
//           they are. Documents carry no data.
//   text    answers (and decisions) only, from AnswerRecord::text; then, each
//           100 positions after the one before, a report section's heading
//           (question_text of a non-survey record) and its notes; never a
//           survey's prompt:
//           "Z" + Xapian::Stem("swedish") stem of each lower-cased word
//           ("Zvårdkontak"), with positions 1, 2, 3, ...: words, phrases,
//           NEAR and wildcards are all searched on stems (inflection-proof;
//           "läkemedels*" expands over the stems that start with it). No
//           unstemmed form is stored: positions and postings are the
//           costliest part of an index to write. Numeric items carry no text
//           terms.
//   boolean terms (no positions, no weight; made by filter_term()):
//     XK  kind: "answer" | "number" | "decision" (an answer record of a
//         decision part, LayoutKind::Decision: searched, listed when asked
//         for, never in the stored tallies or the answer count)
//     XY  year, decimal ("2019"); absent when unknown
//     XR  region, case-folded ("dalarna"); absent when unknown
//     XT  respondent type: "kommun" | "rss" | "region"; absent when unknown
//     XP  respondent name, case-folded ("region halland"); absent when unknown
//     XQ  question id / report heading, case-folded ("5a"); absent when empty
//     XS  source file name, exact (case kept): the unit replace_file() swaps
//     XI  answer id, exact; answers only; unique in the index
//   value slots (for sorting and facets; raw values as printed):
//     kSlotYear            sortable_serialise(year); empty when unknown
//     kSlotRegion          region as printed ("Dalarna")
//     kSlotRespondentType  "kommun" | "rss" | "region" | ""
//     kSlotRespondent      respondent name as printed
//     kSlotQuestion        question as printed ("5a")
//     kSlotSource          source file name
//     kSlotStart           sortable_serialise(span.begin), original bytes
//     kSlotThemes          the answer's theme ids, sorted, joined by '\n'
//                          ("mobila_team\nsip"); empty without mentions.
//                          One value per combination, so Xapian's own
//                          ValueCountMatchSpy counts theme facets (also
//                          inside xapian-tcpsrv) without reading term lists
//     kSlotFacets          answers only: year (decimal), region, respondent
//                          type and the kSlotThemes value, joined by '\x1f'
//                          ("2022\x1fHalland\x1fregion\x1fsip"): all a search
//                          facet needs, in one value stream a searcher reads
//                          once (index_search.cpp)
//     kSlotRecord          the record as JSON (above)
//   Slots from kFirstFreeSlot on are unused and free for later issues.
//
//     XTHEME  theme id of each theme mentioned in the answer
//             ("XTHEMEmobila_team"); answers only. It cannot be confused
//             with XT (respondent type), whose values are lower-case words.
//
// Metadata keys:
//   "source:<name>"  SHA-256 of the file as last ingested (one key per file;
//                    the number of these keys is the number of files)
//   "path:<name>"    the path it was read from (informational)
//   "analyzer:schema" kSchemaVersion; written with every replaced file
//
// Limits: Xapian 1.4 refuses terms over 245 bytes and metadata keys over
// 253 bytes. filter_term() therefore shortens long filter values (see
// there); a source name is limited to kMaxSourceBytes; an answer id is never
// shortened (ids are short hashes; a long one is an upstream bug and makes
// replace_file() fail with a Diagnostic).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "analyzer/core/diagnostic.hpp"

namespace analyzer::schema {

// Boolean term prefixes.
inline constexpr std::string_view kKind = "XK";
inline constexpr std::string_view kYear = "XY";
inline constexpr std::string_view kRegion = "XR";
inline constexpr std::string_view kRespondentType = "XT";
inline constexpr std::string_view kRespondent = "XP";
inline constexpr std::string_view kQuestion = "XQ";
inline constexpr std::string_view kSource = "XS";
inline constexpr std::string_view kAnswerId = "XI";
inline constexpr std::string_view kTheme = "XTHEME";
// Prefix of Swedish-stemmed text terms (Xapian's convention for stems).
inline constexpr std::string_view kStemmed = "Z";

// Values of the kind term.
inline constexpr std::string_view kKindAnswer = "answer";
inline constexpr std::string_view kKindNumber = "number";
inline constexpr std::string_view kKindDecision = "decision";

// Value slots.
inline constexpr unsigned kSlotYear = 0;
inline constexpr unsigned kSlotRegion = 1;
inline constexpr unsigned kSlotRespondentType = 2;
inline constexpr unsigned kSlotRespondent = 3;
inline constexpr unsigned kSlotQuestion = 4;
inline constexpr unsigned kSlotSource = 5;
inline constexpr unsigned kSlotStart = 6;
inline constexpr unsigned kSlotThemes = 7;
inline constexpr unsigned kSlotFacets = 8;
inline constexpr char kFacetSeparator = '\x1f';
inline constexpr unsigned kSlotRecord = 9;
inline constexpr unsigned kFirstFreeSlot = 10;

// Metadata.
inline constexpr std::string_view kMetaSourcePrefix = "source:";
inline constexpr std::string_view kMetaPathPrefix = "path:";
// "groups:<name>": the file's (year, region) per part, as JSON
// [[year|null, region], ...], so `stats` counts files that gave no records.
inline constexpr std::string_view kMetaGroupsPrefix = "groups:";
// "contacts:<name>": names from the file's contact blocks, as a JSON list of
// strings, so excerpts and reports can mask them.
inline constexpr std::string_view kMetaContactsPrefix = "contacts:";
// "tallies:<name>": the file's answers tallied over all questions
// (core/answer_tally.hpp), so a theme report over the whole archive reads
// a few rows per file instead of every answer. A tally table
// (tally_table.hpp).
inline constexpr std::string_view kMetaTalliesPrefix = "tallies:";
// "origin:<name>": what `analyzer sources` shows of the file: its format
// and, per part, the respondent with the provenance of each field, counts
// and remarks, as the JSON of to_json(SourceSummary) (core/provenance.hpp).
// Absent for files ingested before analysis version 6. As long as
// "source:", so every source name that fits one fits the other.
inline constexpr std::string_view kMetaOriginPrefix = "origin:";
// "aggregate:tallies": per database (shard), all its files' tallies merged
// (merge_tallies), with a stamp of the files they were merged from; written
// once per ingest run (aggregate.hpp). Not under "tallies:", which is a
// file's own.
inline constexpr std::string_view kMetaAggregate = "aggregate:tallies";
inline constexpr std::string_view kMetaSchema = "analyzer:schema";
// Bump when documents written by an older version can no longer be read
// correctly; readers and writers refuse an index with another version.
inline constexpr std::string_view kSchemaVersion = "5";

// Longest term Xapian 1.4 accepts, in bytes.
inline constexpr std::size_t kMaxTermBytes = 245;
// Longest source file name the index accepts, in bytes (the metadata key
// "source:<name>" must stay within Xapian's 253-byte key limit).
inline constexpr std::size_t kMaxSourceBytes = 246;

// Unicode simple lower-casing of UTF-8 (Å→å, Ä→ä, Ö→ö, É→é, ...; no
// diacritics are removed, no normalisation is done). Invalid UTF-8 bytes
// are kept as they are. Used for every case-insensitive filter value, at
// index time and at query time alike.
std::string lowercase(std::string_view s);

// The boolean term for `value` under `prefix`: prefix + value, with a ':'
// between when the value starts with an ASCII capital (Xapian's convention,
// so "XS" + "Halland.txt" cannot read as prefix "XSH"). The value is used
// as given: callers fold case where the schema says so.
// When the term would exceed kMaxTermBytes, the value is cut at a UTF-8
// character boundary and "#" plus 16 hex digits of a stable 64-bit hash of
// the whole value are appended, so long values (a report heading used as a
// question) still match exactly. Never throws; O(size of value).
std::string filter_term(std::string_view prefix, std::string_view value);

// The unique id term of an answer: "XI" + id (':' rule as above), never
// shortened.
std::string answer_id_term(std::string_view id);

// Metadata keys for a source file name.
std::string source_key(std::string_view source);
std::string path_key(std::string_view source);
std::string groups_key(std::string_view source);
std::string contacts_key(std::string_view source);
std::string tallies_key(std::string_view source);
std::string origin_key(std::string_view source);

// Whether the index at `dir` can be read and written by this schema, given
// its stored "analyzer:schema" value and whether it holds any document.
// An empty database (fresh, never written) is accepted; documents without a
// schema value mean a Xapian database analyzer did not write; another
// version means an index from another analyzer version. Fails with the
// Diagnostic to report.
Status check_schema(const std::string& dir, std::string_view stored_version,
                                       bool has_documents);

// Inspection, for tests and debugging tools: the text terms of the answer
// `answer_id` in the index at `dir`, rendered on one line: the positional
// terms ordered by position, then " |" and any text words without
// positions, sorted (this schema writes none):
//   "Zden@1 Zfast@2 Zvårdkontak@3 |"
// Boolean terms (upper-case prefixes) are left out. Errors: no index
// at `dir`, no answer with that id. Opens the database read-only; cost is
// one document's term list.
Result<std::string> render_text_postings(const std::string& dir, const std::string& answer_id);

}  // namespace analyzer::schema
