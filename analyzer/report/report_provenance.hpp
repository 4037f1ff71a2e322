#pragma once
// Stage: report (data only; print/provenance_printers.hpp lays it out).
// Where a report or an excerpt list comes from, so that a figure in a draft
// can be dated and reproduced: when it was made, by which analyzer, index
// schema, analysis rules and lexicons, by which command, and from which
// source files, with each file's year, region, respondent type and
// respondent and where each of those came from (the analyst's manifest, a
// rule that detected it in the text, or a default), as ingest stored it per
// file (metadata "origin:<name>", core/provenance.hpp; the data of
// `analyzer sources`).
//
// In:  what the command knows (time, versions, its command line, the index
//      locations) and the index's per-file summaries.
// Out: ReportProvenance. Printers show every field; the evidence text of a
//      detected field (a line of the document) is never printed by a report
//      (it may hold a contact's name): only its rule and place.
// Time: the caller chooses it (report_time below reads SOURCE_DATE_EPOCH,
//      the reproducible-builds convention, so tests and reruns can pin it).
// Cost: provenance_sources reads two metadata entries per file of the index.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/provenance.hpp"

namespace analyzer {

class IndexReader;

// Which theme codes the figures (or excerpts) rest on (`--codes`), and
// what the analysts' review holds (coding/reviewed_codes.hpp ReviewCounts,
// copied here so that report/ needs no coding store): over the answers the
// command read and the themes it reports.
struct CodesUsed {
  bool reviewed = false;       // true: reviewed codes ("reviewed"); false: automatic ("auto")
  std::string coder;           // only this coder's review; empty: every coder
  std::size_t automatic = 0;   // automatic mentions
  std::size_t decided = 0;     // of those, with a decision in force (JSON "reviewed")
  std::size_t accepted = 0;
  std::size_t rejected = 0;
  std::size_t manual = 0;      // manual codings with a theme, added as mentions
  std::size_t orphaned = 0;    // codings left out, their quote gone from the source
};

struct ReportProvenance {
  std::string created_at;         // UTC, ISO 8601: "2026-12-06T23:40:00Z"
  std::string analyzer_version;   // `analyzer --version`: "0.1.0"
  std::string analysis_version;   // the analysis rules' version (ingest.hpp kAnalysisVersion): "8"
  std::string index_schema;       // the index schema version (index/schema.hpp kSchemaVersion): "5"
  // A 16-hex-digit hash of what decides what the lexicons match
  // (LexiconMatcher::fingerprint, the one ingest keys files by): equal
  // values tag equally.
  std::string lexicon_version;
  std::string command_line;       // as run, shell-quoted: "analyzer report --by year,region"
  std::vector<std::string> indexes;   // the --index locations read
  // The source files the report's figures (or the excerpts) came from, in
  // name order, as ingest summarised them: format, path, and per part the
  // respondent with the provenance of each field. A file ingested before
  // analysis version 6 has no parts (ingest it again to get them).
  std::vector<SourceSummary> sources;
  // The codes used. Unset when there is no coding store and `--codes` was
  // not given: then nothing about codes is printed (output as before).
  std::optional<CodesUsed> codes;
};

// The summaries of the files named in `names` (sorted or not), in name
// order; a name the index does not hold is left out. Throws IndexError as
// IndexReader does.
std::vector<SourceSummary> provenance_sources(const IndexReader& index, const std::vector<std::string>& names);

// "2026-12-06T23:40:00Z" for seconds since 1970-01-01 UTC (negative: before).
std::string utc_timestamp(std::int64_t seconds);

// The time a report states: SOURCE_DATE_EPOCH when `source_date_epoch` is
// set (decimal seconds since the epoch, as reproducible builds use it; for
// tests and reruns), else `now`. nullopt when it is set but not a whole
// number of seconds: the caller refuses it.
std::optional<std::int64_t> report_time(const char* source_date_epoch, std::int64_t now);

// The command as one line a shell reads back the same: words joined by
// spaces, a word with anything but letters, digits and ,._+:@%/=- put in
// single quotes ('it'\''s'); an empty word ''.
std::string shell_command_line(const std::vector<std::string>& words);

}  // namespace analyzer
