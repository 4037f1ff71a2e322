#include "analyzer/cli/command_provenance.hpp"

#include <chrono>
#include <cstdlib>

#include "analyzer/index/schema.hpp"
#include "analyzer/ingest/ingest.hpp"

namespace analyzer::cli {

Result<ReportProvenance> command_provenance(int argc, char** argv, const std::vector<std::string>& indexes,
                                            const std::string& lexicon_version) {
  const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  std::optional<std::int64_t> time = report_time(epoch, now);
  if (!time)
    return make_error("", std::string("SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 UTC, not \"") +
                              epoch + "\"",
                      "unset it to date the report now");
  ReportProvenance p;
  p.created_at = utc_timestamp(*time);
  p.analyzer_version = ANALYZER_VERSION;
  p.analysis_version = kAnalysisVersion;
  p.index_schema = std::string(schema::kSchemaVersion);
  p.lexicon_version = lexicon_version;
  p.command_line = shell_command_line(std::vector<std::string>(argv, argv + argc));
  p.indexes = indexes;
  return p;
}

}  // namespace analyzer::cli
