#include "analyzer/ingest/ingest.hpp"

#include "analyzer/core/stable_hash.hpp"
#include "analyzer/ingest/ingest_run.hpp"
#include "analyzer/ingest/location_finder.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>

#include "analyzer/normalize/normalizer.hpp"
#include "analyzer/segment/swedish_form_rules.hpp"
#include "analyzer/tokenize/tokenizer.hpp"

#include <re2/re2.h>

namespace analyzer {
namespace {

std::string describe(const std::optional<int>& y) { return y ? std::to_string(*y) : "none"; }

// The manifest respondent for a part detected as `r` (see apply_manifest),
// or nullptr; `used` marks the respondents already given to a part.
const ManifestRespondent* choose_respondent(const ManifestEntry& entry, const Respondent& r, LayoutKind layout,
                                            std::vector<bool>& used) {
  if (entry.respondents.empty()) return nullptr;
  if (entry.respondents.size() == 1) return &entry.respondents[0];
  // A decision part (the cover decision of the respondents' surveys) takes
  // the respondent of its type without using it up: the survey of that
  // respondent still gets it.
  if (layout == LayoutKind::Decision) {
    for (const ManifestRespondent& m : entry.respondents)
      if (r.type && m.type == r.type) return &m;
    return nullptr;
  }
  for (std::size_t k = 0; k < entry.respondents.size(); ++k)
    if (!used[k] && r.type && entry.respondents[k].type == r.type) {
      used[k] = true;
      return &entry.respondents[k];
    }
  for (std::size_t k = 0; k < entry.respondents.size(); ++k)
    if (!used[k] && layout == LayoutKind::Survey && !r.type) {
      used[k] = true;
      return &entry.respondents[k];
    }
  return nullptr;
}

// Sets one field of a part from the manifest: its value, its provenance
// (the manifest entry), and a warning quoting the text's evidence when the
// text said otherwise.
template <class Value>
void take_from_manifest(const char* field, Value& value, FieldEvidence& evidence, const Value& given,
                        const std::string& given_text, bool differs, const std::string& said,
                        const ManifestEntry& entry, const std::string& manifest_path, SourcePart& part,
                        const std::string& path, Diagnostics* warnings) {
  if (differs) {
    const std::string what = std::string("manifest gives ") + field + " " + given_text + " but part " +
                             std::to_string(part.part) + " of the text says " + said + " (" + describe(evidence) + ")";
    if (warnings) warnings->push_back(make_warning(path, what, "the manifest entry is used"));
    part.warnings.push_back({"manifest_disagrees", field, what});
  }
  value = given;
  FieldEvidence e;
  e.from = FieldOrigin::Manifest;
  e.rule = "manifest";
  e.text = std::string("\"") + field + "\": " + given_text;
  e.location.line = entry.line;
  e.file = manifest_path;
  evidence = std::move(e);
}

// Fills what the manifest says into the detected respondent of one part,
// with its provenance, given the manifest respondent chosen for the part
// (choose_respondent; nullptr: none), and remarks where the text said
// otherwise, quoting the line that said it; the remarks also go to
// `warnings` unless it is null (a part made again). A respondent's own
// year and region come before the entry's.
void apply_manifest_to_part(const ManifestEntry& entry, const ManifestRespondent* chosen,
                            const std::string& manifest_path, const std::string& path, SourcePart& part,
                            Diagnostics* warnings) {
  const auto quoted = [](const std::string& s) { return "\"" + s + "\""; };
  Respondent& r = part.respondent;
  RespondentProvenance& p = part.provenance;
  const std::optional<int> year = chosen && chosen->year ? chosen->year : entry.year;
  const std::string& region = chosen && !chosen->region.empty() ? chosen->region : entry.region;
  if (year)
    take_from_manifest("year", r.year, p.year, year, std::to_string(*year), r.year && *r.year != *year,
                       describe(r.year), entry, manifest_path, part, path, warnings);
  if (!region.empty())
    take_from_manifest("region", r.region, p.region, region, quoted(region), !r.region.empty() && r.region != region,
                       quoted(r.region), entry, manifest_path, part, path, warnings);
  if (!chosen) return;
  if (chosen->type)
    take_from_manifest("type", r.type, p.type, chosen->type, std::string(to_string(*chosen->type)),
                       r.type && *r.type != *chosen->type, r.type ? to_string(*r.type) : "", entry, manifest_path,
                       part, path, warnings);
  if (!chosen->name.empty())
    take_from_manifest("respondent", r.name, p.respondent, chosen->name, quoted(chosen->name),
                       !r.name.empty() && r.name != chosen->name, quoted(r.name), entry, manifest_path, part, path,
                       warnings);
}

// Whether a manifest entry changes any part: it gives a year, a region or
// respondents (an entry may only name column roles).
bool sets_fields(const ManifestEntry& entry) {
  return entry.year || !entry.region.empty() || !entry.respondents.empty();
}

// apply_manifest_to_part for each part in order. Manifest respondents are
// matched to parts by respondent type, else one respondent applies to
// every part, else they are taken in order of the parts; a decision part
// shares the respondent of its type with that respondent's survey.
void apply_manifest(const ManifestEntry& entry, const std::string& manifest_path, const std::string& path,
                    std::vector<SourcePart>& parts, Diagnostics& warnings) {
  std::vector<bool> used(entry.respondents.size(), false);
  for (SourcePart& part : parts)
    apply_manifest_to_part(entry, choose_respondent(entry, part.respondent, part.layout, used), manifest_path, path,
                           part, &warnings);
}

// The text records are cut from and how its offsets map to the file's
// text (SourceFile::bytes): the normalised text, or, for a file whose
// reader found the answers itself (SourceFile::given), the reader's text as
// it is (already clean: no page furniture, no wrapped lines), which maps to
// itself and is not copied.
struct AnalysedText {
  std::string_view text;
  const OffsetMap* map = nullptr;  // nullptr: the identity

  ByteSpan to_original(ByteSpan s) const { return map ? map->to_original(s) : s; }
};

// Tags one answer's pieces (each piece on its own: pieces are not
// contiguous in the document) and gives each mention its spans: original
// bytes, place in the answer's text, and the sentence that holds it; and
// its location (where the mention starts).
void tag_answer(const SourceFile& file, const AnalysedText& doc, const LocationFinder& where,
                const std::vector<ByteSpan>& pieces, ThemeTagger& tagger, Tokenizer& tokenizer, AnswerRecord& a) {
  std::size_t piece_in_text = 0;  // where the piece starts in a.text
  for (const ByteSpan& piece : pieces) {
    std::string_view text = doc.text.substr(piece.begin, piece.size());
    std::vector<Mention> found = tagger.tag(text);
    std::vector<ByteSpan> sentences;
    if (!found.empty()) sentences = tokenizer.sentences(text);
    std::vector<std::size_t> starts;
    for (const Mention& m : found) starts.push_back(m.span.begin);
    const SentenceLookup holding = sentences_holding(sentences, starts);  // one merge pass
    for (std::size_t i = 0; i < found.size(); ++i) {
      Mention& m = found[i];
      ByteSpan sentence = m.span;
      if (const std::size_t k = holding.sentence[i]; k != kNoSentence)
        sentence = {sentences[k].begin, std::max(sentences[k].end, m.span.end)};
      m.in_text = {piece_in_text + m.span.begin, piece_in_text + m.span.end};
      m.sentence_in_text = {piece_in_text + sentence.begin, piece_in_text + sentence.end};
      m.sentence = doc.to_original({piece.begin + sentence.begin, piece.begin + sentence.end});
      m.span = doc.to_original({piece.begin + m.span.begin, piece.begin + m.span.end});
      m.text = file.bytes.substr(m.span.begin, m.span.size());
      m.location = where.at(m.span.begin);
      // Records carry offsets into the file's own bytes (UTF-16, Windows-1252).
      m.span = file.to_file(m.span);
      m.sentence = file.to_file(m.sentence);
      a.mentions.push_back(std::move(m));
    }
    piece_in_text += piece.size() + 1;  // the '\n' piece_text() puts between pieces
  }
}

// Names given in the document's contact blocks ("Ditt namn: ...").
std::vector<std::string> contact_names(const NormalizedText& doc) {
  std::set<std::string> names;
  for (const ByteSpan& line : doc.lines)
    if (auto field = form_rules::contact_field(std::string_view(doc.text).substr(line.begin, line.size())))
      if (field->label == "namn" && !field->value.empty()) names.insert(field->value);
  return {names.begin(), names.end()};
}

// Joins the normalised text of an answer's pieces with '\n'.
std::string piece_text(const AnalysedText& doc, const std::vector<ByteSpan>& pieces) {
  std::string text;
  for (const ByteSpan& p : pieces) {
    if (!text.empty()) text += '\n';
    text.append(doc.text.substr(p.begin, p.size()));
  }
  return text;
}

}  // namespace

bool FileOutcome::layout_unrecognised() const {
  for (const auto& p : parts)
    if (p.layout == LayoutKind::Unknown) return true;
  return false;
}

std::size_t IngestSummary::count(FileStatus s) const {
  std::size_t n = 0;
  for (const auto& f : files) n += f.status == s;
  return n;
}

namespace {

// The sum of one count over the files that went in.
std::size_t sum_ingested(const std::vector<FileOutcome>& files, std::size_t FileOutcome::*count) {
  std::size_t n = 0;
  for (const auto& f : files)
    if (f.status == FileStatus::Ingested) n += f.*count;
  return n;
}

}  // namespace

std::size_t IngestSummary::answers_added() const { return sum_ingested(files, &FileOutcome::answers); }
std::size_t IngestSummary::mentions_added() const { return sum_ingested(files, &FileOutcome::mentions); }
std::size_t IngestSummary::numbers_added() const { return sum_ingested(files, &FileOutcome::numbers); }

bool IngestSummary::any_error() const {
  if (count(FileStatus::Failed) > 0) return true;
  for (const auto& d : diagnostics)
    if (d.severity == Severity::Error) return true;
  return false;
}

std::string answer_id(const std::string& source, int part, const std::string& question,
                      int occurrence) {
  return StableHash().add(source).add(std::to_string(part)).add(question).add(std::to_string(occurrence)).hex();
}

// kAnalysisVersion history: 3 = CR line ends, numeric item labels and
// thousands-separated values (issue 11); 4 = records and mentions carry
// their location (line, page, paragraph, cell; issue 13); 5 = list items
// one per line, one abbreviation list for line joins and sentences (issue
// 14); 6 = report structure: numbered headings of any depth, notes,
// decision parts (issue 14); 7 = authorship before mentions, provenance of
// every metadata field stored per file (metadata "origin:<name>"), headings
// marked by the document (Word styles, PDF large type; issue 14); 8 =
// numeric items keep their question's text (issue 15).
std::string ingest_key(const SourceFile& file, const AnalysisContext& context) {
  const Manifest* manifest = context.manifest;
  std::string basis = file.sha256;
  basis += "|analysis=";
  basis += kAnalysisVersion;
  if (context.tagger) basis += "|lexicons=" + context.lexicon_fingerprint;
  if (const ManifestEntry* e = manifest ? manifest->find(file.name) : nullptr) {
    basis += "|year=" + (e->year ? std::to_string(*e->year) : std::string("-"));
    basis += "|region=" + e->region;
    for (const auto& r : e->respondents)
      basis += std::string("|respondent=") + (r.type ? to_string(*r.type) : "-") + "/" + r.name + "/" +
               (r.year ? std::to_string(*r.year) : std::string("-")) + "/" + r.region;
    for (const auto& c : e->columns) basis += "|column=" + c.column + "/" + to_string(c.role);
  }
  return sha256_hex(basis);
}

namespace {

// The provenance of a respondent a spreadsheet reader took from a row's
// columns: each known field from a column; a name the reader made up from
// the file and row ("export.csv, rad 7") is a default.
RespondentProvenance given_provenance(const Respondent& r, const YearClue* year_clue) {
  const auto from_column = [](const std::string& value) {
    FieldEvidence e;
    if (value.empty()) return e;
    e.from = FieldOrigin::Detected;
    e.rule = "spreadsheet_column";
    e.text = value;
    return e;
  };
  RespondentProvenance p;
  p.year = from_column(r.year ? std::to_string(*r.year) : "");
  if (year_clue && r.year) {  // a sheet's title, its questions or its file's name said the year
    p.year.rule = year_clue->rule;
    p.year.text = year_clue->text;
  }
  p.region = from_column(r.region);
  p.type = from_column(r.type ? to_string(*r.type) : "");
  static const RE2 row_name(R"((?:.* )?rad \d+)");
  if (RE2::FullMatch(r.name, row_name)) {
    p.respondent.rule = "row_number";
    p.respondent.text = r.name;
  } else {
    p.respondent = from_column(r.name);
  }
  return p;
}

// The remarks for the analyst on a part whose counts are set: a blank
// form, a part without answers, a field guessed by counting or left at its
// default.
void add_remarks(SourcePart& p) {
  if (p.answers == 0 && p.layout == LayoutKind::Survey)
    p.warnings.push_back({"blank_form", "", "blank form: its questions were found but none is answered"});
  else if (p.answers == 0)
    p.warnings.push_back({"no_answers", "", "no answers found in this part"});
  for (const NamedEvidence& f : fields_of(p.provenance)) {
    if (!f.evidence->is_guess()) continue;
    const bool defaulted = f.evidence->from == FieldOrigin::Default;
    p.warnings.push_back({defaulted ? "field_default" : "field_guessed", f.field,
                          std::string(f.field) + (defaulted ? " not found: " : " guessed: ") + describe(*f.evidence)});
  }
}

// What one part yielded: set once its records are made.
struct PartCounts {
  std::size_t answers = 0, numbers = 0, mentions = 0;
};

// The parts of a file whose reader gave them (a spreadsheet: a part per
// row), kept as the reader gave them (respondent, title) with, when a
// manifest entry sets fields, the manifest respondent each part took and
// its respondent after the manifest. part(i) makes the SourcePart: layout
// Survey, provenance from the columns (given_provenance), the manifest
// applied (apply_manifest_to_part, the same as for segmented parts), and,
// once counts are set, the counts and remarks (add_remarks). A full
// SourcePart of a row is about 1.3 KB (four FieldEvidence); this keeps
// about 150 bytes. Warnings (manifest disagreements) go out once, when
// made.
class GivenPartTable final : public PartOutcomes::Source {
 public:
  GivenPartTable(std::vector<GivenPart> parts, std::vector<YearClue> year_clues, const ManifestEntry* entry,
                 const std::string& manifest_path, const std::string& path, Diagnostics& warnings)
      : parts_(std::move(parts)), year_clues_(std::move(year_clues)), path_(path) {
    if (!entry || !sets_fields(*entry)) return;
    entry_ = std::make_shared<const ManifestEntry>(*entry);
    manifest_path_ = manifest_path;
    std::vector<bool> used(entry_->respondents.size(), false);
    chosen_.reserve(parts_.size());
    respondents_.reserve(parts_.size());
    for (std::size_t i = 0; i < parts_.size(); ++i) {
      SourcePart p = as_read(i);
      const ManifestRespondent* chosen = choose_respondent(*entry_, p.respondent, p.layout, used);
      chosen_.push_back(chosen ? static_cast<int>(chosen - entry_->respondents.data()) : -1);
      apply_manifest_to_part(*entry_, chosen, manifest_path_, path_, p, &warnings);
      respondents_.push_back(std::move(p.respondent));
    }
  }

  std::size_t size() const override { return parts_.size(); }
  // Part i's respondent, the manifest applied.
  const Respondent& respondent(std::size_t i) const { return entry_ ? respondents_[i] : parts_[i].respondent; }
  SourcePart part(std::size_t i) const override {
    SourcePart p = as_read(i);
    if (entry_) {
      const int chosen = chosen_[i];
      apply_manifest_to_part(*entry_, chosen < 0 ? nullptr : &entry_->respondents[static_cast<std::size_t>(chosen)],
                             manifest_path_, path_, p, nullptr);
    }
    if (!counts_.empty()) {
      p.answers = counts_[i].answers;
      p.numbers = counts_[i].numbers;
      p.mentions = counts_[i].mentions;
      add_remarks(p);
    }
    return p;
  }
  // From now on part() gives the counts and remarks too.
  void set_counts(std::vector<PartCounts> counts) { counts_ = std::move(counts); }

 private:
  SourcePart as_read(std::size_t i) const {
    SourcePart p;
    p.part = static_cast<int>(i);
    p.layout = LayoutKind::Survey;
    p.title = parts_[i].title;
    p.respondent = parts_[i].respondent;
    const std::int32_t clue = parts_[i].year_clue;
    p.provenance = given_provenance(parts_[i].respondent,
                                    clue >= 0 && static_cast<std::size_t>(clue) < year_clues_.size()
                                        ? &year_clues_[static_cast<std::size_t>(clue)]
                                        : nullptr);
    return p;
  }

  std::vector<GivenPart> parts_;                 // as the reader gave them
  std::vector<YearClue> year_clues_;             // GivenPart::year_clue
  std::string path_, manifest_path_;
  std::shared_ptr<const ManifestEntry> entry_;   // null: no manifest entry sets fields
  std::vector<int> chosen_;                      // with entry_: per part, its manifest respondent or -1
  std::vector<Respondent> respondents_;          // with entry_: per part, the manifest applied
  std::vector<PartCounts> counts_;               // per part, once set
};

// How `file` is normalised: as its reader's format asks, keeping the
// headings the reader found lines of their own.
NormalizeOptions normalize_options_of(const SourceFile& file) {
  NormalizeOptions options = normalize_options_for(file.format);
  if (!file.headings.empty()) options.headings = &file.headings;
  return options;
}


// What an answer record is made from: its part, question and pieces of the
// analysed text, from the segmentation or as the reader gave it.
struct AnswerSource {
  int part = 0;
  const std::string* question = nullptr;
  const std::string* question_text = nullptr;
  std::vector<ByteSpan> pieces;
  const std::vector<ByteSpan>* notes = nullptr;  // the section's notes (segmented prose only)
};

}  // namespace

// The running headers and footers of `file`: its reader's (PDF, DOCX),
// then those normalize() found in its text (a text export's), distinct.
std::vector<RunningLine> running_lines_of(const SourceFile& file, const NormalizedText& doc) {
  if (doc.running.empty()) return file.running;
  RunningLines all;
  for (const RunningLine& l : file.running) all.add(l.text, l.location, l.span, l.document_title);
  for (const RunningLine& l : doc.running) all.add(l.text, l.location, l.span, l.document_title);
  return all.take();
}

// One file analysed up to its records: normalised and segmented (or, for a
// file whose reader found the answers, taken as given: no copy of the text,
// no segmentation), respondents with the manifest applied, answer ids
// numbered; each record is made on demand (make_answer, make_number), so a
// caller can hold few at a time. Refers to `file`, which must outlive it.
class FileAnalysis {
 public:
  FileAnalysis(const SourceFile& file, const AnalysisContext& context, Diagnostics& warnings)
      : file_(file), context_(context), where_(std::in_place, file) {
    const ManifestEntry* entry = context.manifest ? context.manifest->find(file.name) : nullptr;
    if (file.given) {
      text_ = {file.bytes, nullptr};
      given_parts_ = std::make_shared<GivenPartTable>(file.given->parts, file.given->year_clues, entry,
                                                      entry ? context.manifest->path : std::string(), file.path,
                                                      warnings);
    } else {
      doc_ = normalize(file.bytes, normalize_options_of(file));
      const std::vector<RunningLine> running = running_lines_of(file, *doc_);
      seg_ = segment(*doc_, running);
      text_ = {doc_->text, &doc_->map};
      for (std::size_t i = 0; i < seg_->parts.size(); ++i) {
        const DocumentPart& d = seg_->parts[i];
        SourcePart p;
        p.part = static_cast<int>(i);
        p.layout = d.layout;
        p.title = d.title;
        p.respondent = d.respondent;
        p.provenance = d.provenance;
        // Evidence spans as answer spans: bytes of the file, with a location.
        for (FieldEvidence* e : each_field(p.provenance))
          if (e->span) {
            const ByteSpan in_bytes = doc_->map.to_original(*e->span);
            e->location = where_->at(in_bytes.begin);
            e->span = file.to_file(in_bytes);
          } else if (e->rule == "page_header" && e->line_index < running.size()) {
            // A running header: a text export's line has its bytes, a
            // PDF's its page, a Word header part neither.
            const RunningLine& line = running[e->line_index];
            e->location = line.span ? where_->at(line.span->begin) : line.location;
            if (line.span) e->span = file.to_file(*line.span);
            if (line.document_title) e->rule = "document_title";
          }
        parts_.push_back(std::move(p));
      }
      if (entry) apply_manifest(*entry, context.manifest->path, file.path, parts_, warnings);
    }
    if (context.tagger) tokenizer_.emplace();
    std::map<std::pair<int, std::string>, int> occurrences;
    occurrence_.reserve(answer_count());
    for (std::size_t i = 0; i < answer_count(); ++i) {
      const auto [part, question] = answer_key(i);
      occurrence_.push_back(occurrences[{part, *question}]++);
    }
  }

  std::size_t answer_count() const { return file_.given ? file_.given->answers.size() : seg_->answers.size(); }
  std::size_t number_count() const { return file_.given ? file_.given->numbers.size() : seg_->numbers.size(); }
  int answer_part(std::size_t i) const { return answer_key(i).first; }
  int number_part(std::size_t i) const {
    return file_.given ? static_cast<int>(file_.given->numbers[i].part) : seg_->numbers[i].part;
  }
  // Per part: layout, respondent with the provenance of each field (the
  // manifest applied); counts and remarks are the caller's (count_and_remark).
  std::size_t part_count() const { return given_parts_ ? given_parts_->size() : parts_.size(); }
  SourcePart part(std::size_t i) const { return given_parts_ ? given_parts_->part(i) : parts_[i]; }
  std::vector<SourcePart> parts() const {
    if (!given_parts_) return parts_;
    std::vector<SourcePart> out;
    out.reserve(part_count());
    for (std::size_t i = 0; i < part_count(); ++i) out.push_back(part(i));
    return out;
  }
  const Respondent& respondent(std::size_t i) const {
    return given_parts_ ? given_parts_->respondent(i) : parts_[i].respondent;
  }
  LayoutKind layout(std::size_t i) const { return given_parts_ ? LayoutKind::Survey : parts_[i].layout; }
  // The parts with `counts` (one per part) and their remarks, moved out:
  // afterwards the analysis has no parts.
  PartOutcomes take_parts(const std::vector<PartCounts>& counts) {
    if (given_parts_) {
      given_parts_->set_counts(counts);
      return PartOutcomes(std::shared_ptr<const PartOutcomes::Source>(std::move(given_parts_)));
    }
    for (std::size_t i = 0; i < parts_.size(); ++i) {
      parts_[i].answers = counts[i].answers;
      parts_[i].numbers = counts[i].numbers;
      parts_[i].mentions = counts[i].mentions;
      add_remarks(parts_[i]);
    }
    return PartOutcomes(std::move(parts_));
  }

  // Frees what records are made from but the file itself (the location
  // index, occurrences, tokenizer): afterwards no record may be made.
  void records_done() {
    where_.reset();
    occurrence_ = std::vector<int>();
    tokenizer_.reset();
  }

  std::string answer_id(std::size_t i) const {
    const auto [part, question] = answer_key(i);
    return analyzer::answer_id(file_.name, part, *question, occurrence_[i]);
  }

  // The file's IndexedFile without its records.
  IndexedFile header() const {
    IndexedFile out;
    if (doc_) out.contact_names = contact_names(*doc_);
    out.parts.reserve(part_count());
    for (std::size_t i = 0; i < part_count(); ++i) out.parts.push_back(respondent(i));
    out.source = file_.name;
    out.path = file_.path;
    out.ingest_key = ingest_key(file_, context_);
    return out;
  }

  // Answer `i` as a record: id, spans in the file's bytes, location and,
  // when the context has a tagger, its theme mentions.
  AnswerRecord make_answer(std::size_t i) {
    const AnswerSource s = answer_source(i);
    AnswerRecord a;
    a.source = file_.name;
    a.part = s.part;
    a.layout = layout(static_cast<std::size_t>(s.part));
    a.respondent = respondent(static_cast<std::size_t>(s.part));
    a.question = *s.question;
    a.question_text = *s.question_text;
    a.text = piece_text(text_, s.pieces);
    a.norm = {s.pieces.front().begin, s.pieces.back().end};
    const ByteSpan in_bytes = text_.to_original(a.norm);  // offsets of SourceFile::bytes
    a.location = where_->at(in_bytes.begin);
    a.span = file_.to_file(in_bytes);
    a.id = answer_id(i);
    if (context_.tagger) tag_answer(file_, text_, *where_, s.pieces, *context_.tagger, *tokenizer_, a);
    if (s.notes)
      for (const ByteSpan& n : *s.notes) {  // never tagged: notes are no respondent text
        const ByteSpan note_bytes = text_.to_original(n);
        a.notes.push_back({std::string(text_.text.substr(n.begin, n.size())), file_.to_file(note_bytes),
                           where_->at(note_bytes.begin)});
      }
    return a;
  }

  // Numeric item `i` as a record; a label that names a theme gives the item
  // that theme (once).
  NumericItem make_number(std::size_t i) {
    NumericItem n;
    ByteSpan norm;
    if (file_.given) {
      const GivenNumber& g = file_.given->numbers[i];
      const GivenQuestion& q = file_.given->questions[g.question];
      n.part = static_cast<int>(g.part);
      n.question = q.id;
      n.label = q.text;
      n.value = g.value;
      n.value_text = std::string(text_.text.substr(g.span.begin, g.span.size()));
      norm = g.span;
    } else {
      const SegmentedNumber& g = seg_->numbers[i];
      n.part = g.part;
      n.question = g.question;
      n.question_text = g.question_text;
      n.label = g.label;
      n.value = g.value;
      n.value_text = g.value_text;
      norm = g.norm;
    }
    n.source = file_.name;
    n.respondent = respondent(static_cast<std::size_t>(n.part));
    const ByteSpan in_bytes = text_.to_original(norm);
    n.location = where_->at(in_bytes.begin);
    n.span = file_.to_file(in_bytes);
    if (context_.tagger)
      for (const Mention& m : context_.tagger->tag(n.label))
        if (std::find(n.themes.begin(), n.themes.end(), m.theme) == n.themes.end()) n.themes.push_back(m.theme);
    return n;
  }

 private:
  std::pair<int, const std::string*> answer_key(std::size_t i) const {
    if (file_.given) {
      const GivenAnswer& g = file_.given->answers[i];
      return {static_cast<int>(g.part), &file_.given->questions[g.question].id};
    }
    return {seg_->answers[i].part, &seg_->answers[i].question};
  }

  AnswerSource answer_source(std::size_t i) const {
    if (file_.given) {
      const GivenAnswer& g = file_.given->answers[i];
      const GivenQuestion& q = file_.given->questions[g.question];
      return {static_cast<int>(g.part), &q.id, &q.text, {g.span}};
    }
    const SegmentedAnswer& g = seg_->answers[i];
    return {g.part, &g.question, &g.question_text, g.pieces, &g.notes};
  }

  const SourceFile& file_;
  AnalysisContext context_;
  std::optional<NormalizedText> doc_;      // not for a file with given answers
  std::optional<SegmentedDocument> seg_;   // likewise
  AnalysedText text_;
  std::vector<SourcePart> parts_;          // segmented: per part, with the manifest applied
  std::shared_ptr<GivenPartTable> given_parts_;  // given: the parts, compact
  std::optional<LocationFinder> where_;    // reset by records_done()
  std::optional<Tokenizer> tokenizer_;     // for mention sentences, when tagging
  std::vector<int> occurrence_;            // per answer: its question's occurrence in its part
};

namespace {

// Counts each part's answers, numbers and mentions in `file`'s records and
// adds the remarks (add_remarks).
void count_and_remark(const IndexedFile& file, std::vector<SourcePart>& parts) {
  // One pass over the records (a spreadsheet has a part per row: a loop
  // over the records per part would be quadratic).
  for (const auto& a : file.answers)
    if (a.part >= 0 && static_cast<std::size_t>(a.part) < parts.size()) {
      ++parts[a.part].answers;
      parts[a.part].mentions += a.mentions.size();
    }
  for (const auto& n : file.numbers)
    if (n.part >= 0 && static_cast<std::size_t>(n.part) < parts.size()) ++parts[n.part].numbers;
  for (SourcePart& p : parts) add_remarks(p);
}

}  // namespace

IndexedFile analyze_source(const SourceFile& file, const AnalysisContext& context,
                           Diagnostics& warnings, std::vector<PartOutcome>* parts_out) {
  FileAnalysis analysis(file, context, warnings);
  IndexedFile out = analysis.header();
  out.answers.reserve(analysis.answer_count());
  for (std::size_t i = 0; i < analysis.answer_count(); ++i) out.answers.push_back(analysis.make_answer(i));
  out.numbers.reserve(analysis.number_count());
  for (std::size_t i = 0; i < analysis.number_count(); ++i) out.numbers.push_back(analysis.make_number(i));
  std::vector<SourcePart> parts = analysis.parts();
  count_and_remark(out, parts);
  out.summary = {file.name, file.path, file.format, parts, file.sha256, file.notes};
  if (parts_out) *parts_out = std::move(parts);
  return out;
}

struct AnalysedFileStream::Impl {
  SourceFile file;
  FileAnalysis analysis;
  // Per part: answers and numbers of the whole file, mentions in the
  // answers made.
  std::vector<PartCounts> counts;
  std::size_t mentions = 0;
  // Counted once: they stay when records_done() frees the file's answers.
  std::size_t answer_count = 0, number_count = 0;
  bool records_done = false;

  Impl(SourceFile f, const AnalysisContext& context, Diagnostics& warnings)
      : file(std::move(f)),
        analysis(file, context, warnings),
        counts(analysis.part_count()),
        answer_count(analysis.answer_count()),
        number_count(analysis.number_count()) {
    // The analysis keeps its own (compact) copy of the parts.
    file.given->parts = std::vector<GivenPart>();
    for (std::size_t i = 0; i < analysis.answer_count(); ++i) ++counts[analysis.answer_part(i)].answers;
    for (std::size_t i = 0; i < analysis.number_count(); ++i) ++counts[analysis.number_part(i)].numbers;
  }
};

bool AnalysedFileStream::can_stream(const SourceFile& file) {
  if (!file.given) return false;
  const GivenSegments& given = *file.given;
  for (std::size_t i = 1; i < given.answers.size(); ++i)
    if (given.answers[i].part < given.answers[i - 1].part) return false;
  for (const GivenAnswer& a : given.answers)
    if (a.part >= given.parts.size() || a.question >= given.questions.size()) return false;
  for (const GivenNumber& n : given.numbers)
    if (n.part >= given.parts.size() || n.question >= given.questions.size()) return false;
  return true;
}

AnalysedFileStream::AnalysedFileStream(SourceFile file, const AnalysisContext& context, Diagnostics& warnings)
    : impl_(std::make_unique<Impl>(std::move(file), context, warnings)) {}
AnalysedFileStream::~AnalysedFileStream() = default;

IndexedFile AnalysedFileStream::header() const { return impl_->analysis.header(); }
std::size_t AnalysedFileStream::answer_count() const { return impl_->answer_count; }
std::size_t AnalysedFileStream::number_count() const { return impl_->number_count; }

namespace {
void refuse_after_records_done(bool done, const char* what) {
  if (done) throw std::logic_error(std::string("AnalysedFileStream::") + what + " after records_done()");
}
}  // namespace

std::vector<std::string> AnalysedFileStream::answer_ids() const {
  refuse_after_records_done(impl_->records_done, "answer_ids");
  std::vector<std::string> ids;
  ids.reserve(answer_count());
  for (std::size_t i = 0; i < answer_count(); ++i) ids.push_back(impl_->analysis.answer_id(i));
  return ids;
}

std::size_t AnalysedFileStream::make_answers(std::size_t from, std::vector<AnswerRecord>& out) {
  refuse_after_records_done(impl_->records_done, "make_answers");
  FileAnalysis& analysis = impl_->analysis;
  if (from == 0) {  // made again from the start: count the mentions again
    impl_->mentions = 0;
    for (PartCounts& c : impl_->counts) c.mentions = 0;
  }
  const std::size_t n = analysis.answer_count();
  std::size_t i = from;
  for (; i < n && (i < from + kPiece || analysis.answer_part(i) == analysis.answer_part(i - 1)); ++i) {
    out.push_back(analysis.make_answer(i));
    impl_->mentions += out.back().mentions.size();
    impl_->counts[out.back().part].mentions += out.back().mentions.size();
  }
  return i;
}

std::size_t AnalysedFileStream::make_numbers(std::size_t from, std::vector<NumericItem>& out) {
  refuse_after_records_done(impl_->records_done, "make_numbers");
  const std::size_t end = std::min(number_count(), from + kPiece);
  for (std::size_t i = from; i < end; ++i) out.push_back(impl_->analysis.make_number(i));
  return end;
}

std::vector<PartOutcome> AnalysedFileStream::parts() const {
  std::vector<PartOutcome> parts;
  parts.reserve(impl_->analysis.part_count());
  for (std::size_t i = 0; i < impl_->analysis.part_count(); ++i) parts.push_back(part(i));
  return parts;
}

PartOutcome AnalysedFileStream::part(std::size_t i) const {
  PartOutcome p = impl_->analysis.part(i);
  p.answers = impl_->counts[i].answers;
  p.numbers = impl_->counts[i].numbers;
  p.mentions = impl_->counts[i].mentions;
  add_remarks(p);
  return p;
}

PartOutcomes AnalysedFileStream::take_parts() { return impl_->analysis.take_parts(impl_->counts); }

SourceSummary AnalysedFileStream::summary() const {
  return {impl_->file.name, impl_->file.path, impl_->file.format, parts(), impl_->file.sha256, impl_->file.notes};
}

std::string AnalysedFileStream::summary_text() const {
  const SourceSummary head{impl_->file.name, impl_->file.path, impl_->file.format, {}, impl_->file.sha256,
                           impl_->file.notes};
  return to_json_text(head, impl_->analysis.part_count(), [&](std::size_t i) { return part(i); });
}
std::size_t AnalysedFileStream::mentions() const { return impl_->mentions; }

void AnalysedFileStream::records_done() {
  impl_->records_done = true;
  impl_->analysis.records_done();
  SourceFile& file = impl_->file;
  file.bytes = std::string();
  file.offsets = FileOffsets();
  file.places = TextPlaces();
  file.headings = std::vector<TextHeading>();
  file.given->answers = std::vector<GivenAnswer>();
  file.given->numbers = std::vector<GivenNumber>();
}

IndexedFile analyze_source_streamed(SourceFile file, const AnalysisContext& context, Diagnostics& warnings) {
  auto stream = std::make_shared<AnalysedFileStream>(std::move(file), context, warnings);
  IndexedFile out = stream->header();
  out.stream = std::move(stream);
  return out;
}

void tag_source(const SourceFile& file, ThemeTagger& tagger, const MentionSink& sink) {
  const LocationFinder where(file);
  // Tags `text` (bytes [base, base + size) of file.bytes) and hands its
  // mentions to the sink, spans and texts those of the original file.
  auto tag_piece = [&](std::string_view text, std::size_t base) {
    const NormalizedText doc = normalize(text, normalize_options_of(file));
    std::vector<Mention> mentions = tagger.tag(doc.text);
    for (Mention& m : mentions) {
      m.span = doc.map.to_original(m.span);
      m.span = {m.span.begin + base, m.span.end + base};
      m.text = file.bytes.substr(m.span.begin, m.span.size());
      m.location = where.at(m.span.begin);
      m.span = file.to_file(m.span);
    }
    if (!mentions.empty()) sink(std::move(mentions));
  };
  if (!file.given) {
    tag_piece(file.bytes, 0);
    return;
  }
  // A spreadsheet: each cell on its own, as ingest tags each answer, so a
  // phrase never runs from one cell into the next ("mobila" | "team").
  std::vector<ByteSpan> cells;
  cells.reserve(file.given->answers.size() + file.given->numbers.size());
  for (const GivenAnswer& a : file.given->answers) cells.push_back(a.span);
  for (const GivenNumber& n : file.given->numbers) cells.push_back(n.span);
  std::sort(cells.begin(), cells.end(), [](ByteSpan a, ByteSpan b) { return a.begin < b.begin; });
  for (const ByteSpan& cell : cells)
    tag_piece(std::string_view(file.bytes).substr(cell.begin, cell.size()), cell.begin);
}

std::vector<Mention> tag_source(const SourceFile& file, ThemeTagger& tagger) {
  std::vector<Mention> out;
  tag_source(file, tagger, [&](std::vector<Mention>&& mentions) {
    out.insert(out.end(), std::make_move_iterator(mentions.begin()), std::make_move_iterator(mentions.end()));
  });
  return out;
}

std::size_t default_shard_count() {
  const unsigned cores = std::thread::hardware_concurrency();
  return std::clamp<std::size_t>(cores == 0 ? 1 : cores, 1, 8);
}

IngestSummary ingest(const std::vector<std::string>& inputs, const IngestOptions& options,
                     const IngestProgress& progress) {
  return IngestRun(inputs, options, progress).run();
}

}  // namespace analyzer
