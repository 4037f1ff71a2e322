#pragma once
// The ReportProvenance (report/report_provenance.hpp) of a command that
// prints a report or excerpts: the time (SOURCE_DATE_EPOCH when set, for
// tests and reruns; else now), this analyzer's version, analysis rules and
// index schema, the lexicons' fingerprint, the command line as run and the
// index locations; the sources are added by the caller once it knows them
// (provenance_sources).

#include <string>
#include <vector>

#include "analyzer/core/diagnostic.hpp"
#include "analyzer/report/report_provenance.hpp"

namespace analyzer::cli {

// Fails (a usage error) when SOURCE_DATE_EPOCH is set but not a whole
// number of seconds.
Result<ReportProvenance> command_provenance(int argc, char** argv, const std::vector<std::string>& indexes,
                                            const std::string& lexicon_version);

}  // namespace analyzer::cli
