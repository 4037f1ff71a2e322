#include "analyzer/print/printers.hpp"

#include <algorithm>
#include <iomanip>
#include <sstream>

#include "analyzer/core/enum_names.hpp"
#include "analyzer/core/record_json.hpp"
#include "analyzer/core/utf8.hpp"
#include "analyzer/print/location_text.hpp"
#include "analyzer/print/terminal_text.hpp"

namespace analyzer {
namespace {

std::string respondent_label(const Respondent& r) {
  std::string s = r.name.empty() ? (r.region.empty() ? "?" : r.region) : r.name;
  if (r.type) s += std::string(" (") + to_string(*r.type) + ")";
  s += r.year ? ", " + std::to_string(*r.year) : ", year ?";
  return s;
}

// Cuts UTF-8 text to at most `max` code points, on a code point boundary,
// with newlines shown as spaces.
std::string preview(const std::string& text, std::size_t max) {
  const std::size_t kept = utf8::prefix_length(text, max);
  std::string out = text.substr(0, kept);
  std::replace(out.begin(), out.end(), '\n', ' ');
  return kept < text.size() ? out + "…" : out;
}

// The word the ingest summary prints before each file.
constexpr EnumName<FileStatus> kFileStatusWords[] = {
    {FileStatus::Ingested, "ingested"},
    {FileStatus::Unchanged, "unchanged"},
    {FileStatus::Failed, "FAILED"},
};

// Parts listed per file in the ingest summary without --verbose.
constexpr std::size_t kPartsListed = 12;

// The remarks of one part worth the analyst's check, in a few words:
// "blank form; region not found; year guessed (most_frequent_year)".
std::string remarks_to_check(const PartOutcome& p) {
  std::string out;
  for (const PartWarning& w : p.warnings) {
    std::string s;
    if (w.kind == "blank_form") s = "blank form (0 answers)";
    else if (w.kind == "no_answers") s = "no answers";
    else if (w.kind == "field_default") s = w.field + " not found";
    else if (w.kind == "field_guessed") {
      const FieldEvidence& e = w.field == "year" ? p.provenance.year
                               : w.field == "region" ? p.provenance.region
                               : w.field == "type"   ? p.provenance.type
                                                     : p.provenance.respondent;
      s = w.field + " guessed (" + e.rule + ")";
    } else continue;  // manifest disagreements are warnings above
    out += (out.empty() ? "" : "; ") + s;
  }
  return out;
}

// Parts lines listed under "to check" without --verbose.
constexpr std::size_t kChecksListed = 20;

// The end of the summary: per part of the files ingested now, the fields
// guessed by counting or not found and the blank forms, with the hint to
// `analyzer sources`.
void print_fields_to_check(const IngestSummary& summary, std::ostream& out, bool verbose) {
  std::vector<std::string> lines;
  std::size_t blank = 0;
  for (const FileOutcome& f : summary.files) {
    if (f.status != FileStatus::Ingested) continue;
    for (const PartOutcome& p : f.parts) {
      const std::string remarks = remarks_to_check(p);
      if (remarks.empty()) continue;
      for (const PartWarning& w : p.warnings) blank += w.kind == "blank_form";
      lines.push_back("  " + terminal_text(f.path) + " part " + std::to_string(p.part) + ": " + remarks);
    }
  }
  if (lines.empty()) return;
  out << "to check: " << lines.size() << " parts with fields guessed or not found, " << blank
      << " blank forms (`analyzer sources` shows the evidence; `analyzer sources --write-manifest FILE` writes "
         "them into a manifest to correct and ingest again with --manifest FILE)\n";
  const std::size_t shown = verbose ? lines.size() : std::min(lines.size(), kChecksListed);
  for (std::size_t i = 0; i < shown; ++i) out << lines[i] << '\n';
  if (shown < lines.size()) out << "  ... and " << lines.size() - shown << " more (--verbose lists them)\n";
}

}  // namespace

void print_ingest_summary(const IngestSummary& summary, std::ostream& out, bool verbose) {
  for (const auto& d : summary.diagnostics) out << terminal_text(d.render()) << '\n';
  std::size_t unrecognised = 0;
  for (const auto& f : summary.files) {
    for (const auto& d : f.diagnostics) out << terminal_text(d.render()) << '\n';
    if (f.layout_unrecognised()) ++unrecognised;
  }
  for (const auto& f : summary.files) {
    out << std::left << std::setw(10) << name_of(kFileStatusWords, f.status) << ' ' << terminal_text(f.path);
    if (!f.format.empty() && f.format != "text") {
      const std::string extent = describe(f.extent);
      out << " (" << f.format << (extent.empty() ? "" : ", " + extent) << ")";
    }
    if (f.status == FileStatus::Ingested)
      out << ": " << f.answers << " answers, " << f.numbers << " numeric items, " << f.mentions
          << " theme mentions";
    if (f.layout_unrecognised()) out << " [layout not recognised: read as prose sections]";
    out << '\n';
    if (verbose || f.status == FileStatus::Ingested) {
      // A spreadsheet has a part per row: list the first ones unless asked for all.
      const std::size_t shown = verbose ? f.parts.size() : std::min(f.parts.size(), kPartsListed);
      for (std::size_t i = 0; i < shown; ++i) {
        const PartOutcome& p = f.parts[i];
        out << "           part " << i << ": " << to_string(p.layout) << ", "
            << terminal_text(respondent_label(p.respondent)) << ": " << p.answers
            << (p.layout == LayoutKind::Decision ? " sections (not counted as answers unless --include-decisions), "
                                                 : " answers, ")
            << p.numbers << " numeric items, " << p.mentions << " theme mentions\n";
      }
      if (shown < f.parts.size())
        out << "           ... and " << f.parts.size() - shown << " more parts (--verbose lists them)\n";
    }
  }
  if (verbose)
    for (const PassedOver& p : summary.passed_over)
      out << std::left << std::setw(10) << "not read" << ' ' << p.path << ": " << p.reason << '\n';
  out << "files: " << summary.count(FileStatus::Ingested) << " ingested, "
      << summary.count(FileStatus::Unchanged) << " unchanged (skipped), "
      << summary.count(FileStatus::Failed) << " failed";
  if (!summary.passed_over.empty())
    out << ", " << summary.passed_over.size()
        << " not read (hidden files, links to folders, pipes" << (verbose ? "" : "; --verbose lists them") << ")";
  out << '\n';
  out << "added: " << summary.answers_added() << " answers, " << summary.numbers_added()
      << " numeric items, " << summary.mentions_added() << " theme mentions\n";
  out << "layouts not recognised: " << unrecognised << '\n';
  if (summary.manifest_entries_without_file > 0)
    out << "manifest entries naming no file: " << summary.manifest_entries_without_file << '\n';
  print_fields_to_check(summary, out, verbose);
}

void print_answers_jsonl(const std::vector<AnswerRecord>& answers, std::ostream& out) {
  for (const auto& a : answers) out << to_json(a).dump() << '\n';
}

void print_numbers_jsonl(const std::vector<NumericItem>& numbers, std::ostream& out) {
  for (const auto& n : numbers) out << to_json(n).dump() << '\n';
}

void print_answers_table(const std::vector<AnswerRecord>& answers, std::ostream& out) {
  for (const auto& a : answers) {
    out << terminal_text(a.source) << " #" << a.part << "  " << terminal_text(preview(a.question, 40)) << "  ["
        << terminal_text(respondent_label(a.respondent)) << "]  " << a.span.begin << '-' << a.span.end
        << terminal_citation(a.location) << '\n'
        << "    " << terminal_text(preview(a.text, 110)) << '\n';
  }
  out << answers.size() << " answers\n";
}

void print_numbers_table(const std::vector<NumericItem>& numbers, std::ostream& out) {
  for (const auto& n : numbers) {
    out << terminal_text(n.source) << " #" << n.part << "  " << terminal_text(n.question) << "  "
        << terminal_text(preview(n.label, 70)) << " = " << terminal_text(n.value_text) << "  ["
        << terminal_text(respondent_label(n.respondent)) << ']' << terminal_citation(n.location) << '\n';
  }
  out << numbers.size() << " numeric items\n";
}

void print_stats(const IndexStats& stats, std::ostream& out) {
  out << "documents: " << stats.documents << "\nanswers: " << stats.answers
      << "\nnumeric items: " << stats.numbers << "\n\n";
  out << std::left << std::setw(6) << "year" << std::setw(22) << "region" << std::right
      << std::setw(10) << "documents" << std::setw(10) << "answers" << std::setw(10) << "numbers"
      << '\n';
  for (const auto& g : stats.by_year_region) {
    out << std::left << std::setw(6) << (g.year ? std::to_string(*g.year) : "?");
    // setw counts bytes; pad by code points so å/ä/ö columns line up.
    std::string region = terminal_text(g.region.empty() ? "?" : g.region);
    const std::size_t points = utf8::code_points(region);
    out << region << std::string(points < 22 ? 22 - points : 1, ' ');
    out << std::right << std::setw(10) << g.sources << std::setw(10) << g.answers
        << std::setw(10) << g.numbers << '\n';
  }
}

}  // namespace analyzer
