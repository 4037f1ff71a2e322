#include "analyzer/cli/record_filter_args.hpp"

#include "analyzer/cli/commands.hpp"
#include "analyzer/cli/index_start.hpp"
#include "analyzer/text/swedish_regions.hpp"

namespace analyzer::cli {

OptionSpec year_option() {
  return number_option("--year", "  --year Y              only answers of year Y\n", 1900, 2200, "a year");
}

std::vector<OptionSpec> record_filter_options(const OptionSpec& year) {
  return {year,
          text_option("--region", "  --region R            only region R (e.g. Halland, Region Halland, Hallands län;\n"
                                  "                        case-insensitive)\n"),
          text_option("--respondent-type", "  --respondent-type T   kommun, rss or region\n"),
          text_option("--question", "  --question Q          only question Q as printed (e.g. 5a)\n"),
          text_option("--source", "  --source FILE         only the source file named FILE\n")};
}

OptionSpec include_decisions_option() {
  return flag_option("--include-decisions",
                     "  --include-decisions   also the sections of decision parts (a survey document's\n"
                     "                        cover letter or committee decision), left out otherwise\n");
}

Result<RecordFilter> parse_record_filter(const CliArgs& args) {
  RecordFilter f;
  f.include_decisions = args.flag("--include-decisions");
  if (auto y = args.number("--year")) f.year = static_cast<int>(*y);
  if (auto r = args.option("--region")) {
    // Any form of a region's name is the region: "Region Skåne", "Skåne
    // län", "VGR" → the name records store ("Skåne", "Västra Götaland").
    const std::string canonical = swedish::canonical_region(*r);
    f.region = canonical.empty() ? *r : canonical;
  }
  if (auto t = args.option("--respondent-type")) {
    f.respondent_type = parse_respondent_type(*t);
    if (!f.respondent_type) return make_error("", "--respondent-type takes kommun, rss or region, not \"" + *t + "\"");
  }
  if (auto q = args.option("--question")) f.question = *q;
  if (auto s = args.option("--source")) f.source = *s;
  return f;
}

std::unique_ptr<IndexReader> open_filtered_index(const std::vector<std::string>& locations,
                                                 const RecordFilter& filter, int& exit) {
  std::unique_ptr<IndexReader> reader = open_index<IndexReader>(locations);
  if (!reader) {
    exit = kExitCannotRun;
    return nullptr;
  }
  if (Status known = reader->check_filter(filter); !known.ok()) {
    exit = usage_error(known.error());
    return nullptr;
  }
  return reader;
}

OptionSpec read_index_option() {
  return list_option("--index", "  --index DIR           index directory (default ./analyzer-index); repeat it\n"
                  "                        to read several indexes or Xapian stub files as one\n");
}

std::vector<std::string> index_locations(const CliArgs& args) {
  const std::vector<std::string>& given = args.values("--index");
  if (given.empty()) return {"analyzer-index"};
  return given;
}

}  // namespace analyzer::cli
