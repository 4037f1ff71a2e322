#include "analyzer/cli/record_filter_args.hpp"

#include <cstdlib>

namespace analyzer::cli {

const std::set<std::string>& record_filter_options() {
  static const std::set<std::string> options{"--year", "--region", "--respondent-type", "--question", "--source"};
  return options;
}

std::string parse_record_filter(const CliArgs& args, RecordFilter& f) {
  if (auto y = args.option("--year")) {
    char* end = nullptr;
    long v = std::strtol(y->c_str(), &end, 10);
    if (y->empty() || *end || v < 1900 || v > 2200) return "--year takes a year such as 2023, not \"" + *y + "\"";
    f.year = static_cast<int>(v);
  }
  if (auto r = args.option("--region")) f.region = *r;
  if (auto t = args.option("--respondent-type")) {
    f.respondent_type = parse_respondent_type(*t);
    if (!f.respondent_type) return "--respondent-type takes kommun, rss or region, not \"" + *t + "\"";
  }
  if (auto q = args.option("--question")) f.question = *q;
  if (auto s = args.option("--source")) f.source = *s;
  return {};
}

void add_options(CommandSpec& spec, const std::set<std::string>& options) {
  spec.value_options.insert(options.begin(), options.end());
}

std::vector<std::string> index_locations(const CliArgs& args) {
  auto it = args.options.find("--index");
  if (it == args.options.end() || it->second.empty()) return {"analyzer-index"};
  return it->second;
}

}  // namespace analyzer::cli
