#include "analyzer/print/import_printers.hpp"

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
  if (plan.memos_on_answers || plan.memos_on_codes)
    out << "  memos:          " << plan.memos_on_answers << " on answers, " << plan.memos_on_codes
        << " on own codes, the rest on codings\n";
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

}  // namespace analyzer
