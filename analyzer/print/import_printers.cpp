#include "analyzer/print/import_printers.hpp"

#include <nlohmann/json.hpp>

namespace analyzer {
namespace {

std::string plural(std::size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

void print_import_summary(const exchange::ImportPlan& plan, const std::string& file, bool dry_run, std::ostream& out) {
  out << "import of \"" << plan.project << "\" from " << file << (dry_run ? " (dry run: nothing written)" : "") << '\n';
  out << "  sources:        " << plan.sources_matched << " of " << plan.sources << " are parts of the index";
  if (plan.skipped_sources)
    out << " (" << plural(plan.skipped_sources, "source", "sources") << " of other kinds left out: pictures, PDF, audio, video)";
  out << '\n';
  if (plan.sources_foreign) {
    out << "  other sources:  " << plural(plan.sources_foreign, "source", "sources")
        << " of the project's own " << (dry_run ? "would be written to " : "written to ") << plan.foreign_folder << " ("
        << plan.files_written.size() << " new " << (plan.files_written.size() == 1 ? "file" : "files") << ", "
        << plan.files_reused << " there already with the same text) and "
        << "ingested into the index (derived data)\n";
    if (plan.pending)
      out << "  after ingest:   " << plural(plan.pending, "coded selection", "coded selections")
          << " of those sources would be placed in their answers\n";
  }
  out << "  " << (dry_run ? "would import:   " : "imported:       ") << plan.accepted << " accepted, " << plan.rejected
      << " rejected, " << plural(plan.manual, "manual coding", "manual codings") << ", "
      << plural(plan.memos, "memo", "memos") << '\n';
  if (plan.memos_on_answers || plan.memos_on_codes || plan.memos_on_codings)
    out << "  memos:          " << plan.memos_on_answers << " on answers, " << plan.memos_on_codes << " on own codes, "
        << plan.memos_on_codings << " on codings the store holds, the rest on the codings imported\n";
  out << "  already there:  " << plan.already_there;
  if (plan.memos_already_there) out << " (and " << plural(plan.memos_already_there, "memo", "memos") << ")";
  out << '\n';
  out << "  automatic:      " << plural(plan.automatic, "selection", "selections")
      << " of automatic mentions (nothing to import)\n";
  if (plan.reanchored)
    out << "  found again:    " << plural(plan.reanchored, "selection", "selections")
        << " by the quote, the text at its place had changed\n";
  out << "  own codes:      " << plan.codes_created.size() << (dry_run ? " to create" : " created");
  for (std::size_t i = 0; i < plan.codes_created.size(); ++i)
    out << (i ? ", \"" : ": \"") << plan.codes_created[i] << '"';
  out << '\n';
  if (!plan.notes_left_out.empty()) {
    out << "  notes left out: " << plan.notes_left_out.size() << '\n';
    for (const exchange::LeftOutNote& n : plan.notes_left_out)
      out << "    note " << n.note << " on " << n.on << ": " << n.reason << '\n';
  }
  out << "  refused:        " << plan.refused.size() << '\n';
  for (const exchange::RefusedSelection& r : plan.refused)
    out << "    source \"" << r.source << "\", selection " << r.selection << ": " << r.reason << '\n';
}

void print_import_summary_json(const exchange::ImportPlan& plan, const std::string& file, bool dry_run,
                               std::ostream& out) {
  nlohmann::ordered_json j;
  j["project"] = plan.project;
  j["file"] = file;
  j["dry_run"] = dry_run;
  j["sources"] = {{"total", plan.sources},
                  {"matched", plan.sources_matched},
                  {"other_kinds", plan.skipped_sources},
                  {"foreign", plan.sources_foreign}};
  if (plan.sources_foreign) {
    j["foreign"] = {{"folder", plan.foreign_folder},
                    {"files_written", plan.files_written},
                    {"files_reused", plan.files_reused},
                    {"pending", plan.pending}};
  }
  j["imported"] = {{"accepted", plan.accepted},
                   {"rejected", plan.rejected},
                   {"manual", plan.manual},
                   {"memos", plan.memos},
                   {"memos_on_answers", plan.memos_on_answers},
                   {"memos_on_codes", plan.memos_on_codes},
                   {"memos_on_codings_held", plan.memos_on_codings}};
  j["already_there"] = {{"codings", plan.already_there}, {"memos", plan.memos_already_there}};
  j["automatic"] = plan.automatic;
  j["reanchored"] = plan.reanchored;
  j["codes_created"] = plan.codes_created;
  j["notes_left_out"] = nlohmann::ordered_json::array();
  for (const exchange::LeftOutNote& n : plan.notes_left_out)
    j["notes_left_out"].push_back({{"note", n.note}, {"on", n.on}, {"reason", n.reason}});
  j["refused"] = nlohmann::ordered_json::array();
  for (const exchange::RefusedSelection& r : plan.refused)
    j["refused"].push_back({{"source", r.source}, {"selection", r.selection}, {"reason", r.reason}});
  out << j.dump() << '\n';
}

}  // namespace analyzer
