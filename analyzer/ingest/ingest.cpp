#include "analyzer/ingest/ingest.hpp"

#include "analyzer/core/stable_hash.hpp"
#include "analyzer/ingest/ingest_run.hpp"
#include "analyzer/ingest/location_finder.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
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
                        const std::string& path, Diagnostics& warnings) {
  if (differs) {
    const std::string what = std::string("manifest gives ") + field + " " + given_text + " but part " +
                             std::to_string(part.part) + " of the text says " + said + " (" + describe(evidence) + ")";
    warnings.push_back(make_warning(path, what, "the manifest entry is used"));
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

// Fills what the manifest says into the detected respondent of each part,
// with its provenance, and warns where the text said otherwise, quoting
// the line that said it. A respondent's own year and region come before
// the entry's. Manifest respondents are matched to parts by respondent
// type, else one respondent applies to every part, else they are taken in
// order of the parts; a decision part shares the respondent of its type
// with that respondent's survey.
void apply_manifest(const ManifestEntry& entry, const std::string& manifest_path, const std::string& path,
                    std::vector<SourcePart>& parts, Diagnostics& warnings) {
  std::vector<bool> used(entry.respondents.size(), false);
  const auto quoted = [](const std::string& s) { return "\"" + s + "\""; };
  for (SourcePart& part : parts) {
    Respondent& r = part.respondent;
    RespondentProvenance& p = part.provenance;
    const ManifestRespondent* chosen = choose_respondent(entry, r, part.layout, used);
    const std::optional<int> year = chosen && chosen->year ? chosen->year : entry.year;
    const std::string& region = chosen && !chosen->region.empty() ? chosen->region : entry.region;
    if (year)
      take_from_manifest("year", r.year, p.year, year, std::to_string(*year), r.year && *r.year != *year,
                         describe(r.year), entry, manifest_path, part, path, warnings);
    if (!region.empty())
      take_from_manifest("region", r.region, p.region, region, quoted(region), !r.region.empty() && r.region != region,
                         quoted(r.region), entry, manifest_path, part, path, warnings);
    if (!chosen) continue;
    if (chosen->type)
      take_from_manifest("type", r.type, p.type, chosen->type, std::string(to_string(*chosen->type)),
                         r.type && *r.type != *chosen->type, r.type ? to_string(*r.type) : "", entry, manifest_path,
                         part, path, warnings);
    if (!chosen->name.empty())
      take_from_manifest("respondent", r.name, p.respondent, chosen->name, quoted(chosen->name),
                         !r.name.empty() && r.name != chosen->name, quoted(r.name), entry, manifest_path, part, path,
                         warnings);
  }
}

// Tags one answer's pieces (each piece on its own: pieces are not
// contiguous in the document) and gives each mention its spans: original
// bytes, place in the answer's text, and the sentence that holds it; and
// its location (where the mention starts).
void tag_answer(const SourceFile& file, const NormalizedText& doc, const LocationFinder& where,
                const std::vector<ByteSpan>& pieces, ThemeTagger& tagger, Tokenizer& tokenizer, AnswerRecord& a) {
  std::size_t piece_in_text = 0;  // where the piece starts in a.text
  for (const ByteSpan& piece : pieces) {
    std::string_view text = std::string_view(doc.text).substr(piece.begin, piece.size());
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
      m.sentence = doc.map.to_original({piece.begin + sentence.begin, piece.begin + sentence.end});
      m.span = doc.map.to_original({piece.begin + m.span.begin, piece.begin + m.span.end});
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
std::string piece_text(const NormalizedText& doc, const std::vector<ByteSpan>& pieces) {
  std::string text;
  for (const ByteSpan& p : pieces) {
    if (!text.empty()) text += '\n';
    text.append(doc.text, p.begin, p.size());
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
// marked by the document (Word styles, PDF large type; issue 14).
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

// The answers of `seg` as records, with ids, spans in the file's bytes,
// locations and, when the context has a tagger, their theme mentions.
void add_answers(const SourceFile& file, const NormalizedText& doc, const LocationFinder& where,
                 const SegmentedDocument& seg, const std::vector<SourcePart>& parts,
                 const AnalysisContext& context, IndexedFile& out) {
  std::optional<Tokenizer> tokenizer;  // for mention sentences
  if (context.tagger) tokenizer.emplace();
  std::map<std::pair<int, std::string>, int> occurrences;
  for (const SegmentedAnswer& s : seg.answers) {
    AnswerRecord a;
    a.source = file.name;
    a.part = s.part;
    a.layout = seg.parts[s.part].layout;
    a.respondent = parts[s.part].respondent;
    a.question = s.question;
    a.question_text = s.question_text;
    a.text = piece_text(doc, s.pieces);
    a.norm = {s.pieces.front().begin, s.pieces.back().end};
    const ByteSpan in_bytes = doc.map.to_original(a.norm);  // offsets of SourceFile::bytes
    a.location = where.at(in_bytes.begin);
    a.span = file.to_file(in_bytes);
    int occurrence = occurrences[{s.part, s.question}]++;
    a.id = answer_id(file.name, s.part, s.question, occurrence);
    if (context.tagger) tag_answer(file, doc, where, s.pieces, *context.tagger, *tokenizer, a);
    for (const ByteSpan& n : s.notes) {  // never tagged: notes are no respondent text
      const ByteSpan note_bytes = doc.map.to_original(n);
      a.notes.push_back({doc.text.substr(n.begin, n.size()), file.to_file(note_bytes), where.at(note_bytes.begin)});
    }
    out.answers.push_back(std::move(a));
  }
}

// The numeric items of `seg` as records; a label that names a theme gives
// the item that theme (once).
void add_numbers(const SourceFile& file, const NormalizedText& doc, const LocationFinder& where,
                 const SegmentedDocument& seg, const std::vector<SourcePart>& parts,
                 const AnalysisContext& context, IndexedFile& out) {
  for (const SegmentedNumber& s : seg.numbers) {
    NumericItem n;
    n.source = file.name;
    n.part = s.part;
    n.respondent = parts[s.part].respondent;
    n.question = s.question;
    n.label = s.label;
    n.value = s.value;
    n.value_text = s.value_text;
    const ByteSpan in_bytes = doc.map.to_original(s.norm);
    n.location = where.at(in_bytes.begin);
    n.span = file.to_file(in_bytes);
    if (context.tagger)
      for (const Mention& m : context.tagger->tag(n.label))
        if (std::find(n.themes.begin(), n.themes.end(), m.theme) == n.themes.end()) n.themes.push_back(m.theme);
    out.numbers.push_back(std::move(n));
  }
}

// Counts each part's answers, numbers and mentions, and adds the remarks
// for the analyst: a blank form, a part without answers, a field guessed
// by counting or left at its default.
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
  for (SourcePart& p : parts) {
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
}

}  // namespace

namespace {

// The text of a file whose reader found the answers itself, as the
// normalised text: the reader's text is already clean (no page furniture,
// no wrapped lines), so it maps to itself.
NormalizedText as_normalized(const std::string& text) {
  NormalizedText doc;
  doc.text = text;
  doc.map.add_copy(0, 0, text.size());
  return doc;
}

// The provenance of a respondent a spreadsheet reader took from a row's
// columns: each known field from a column; a name the reader made up from
// the row number ("rad 7") is a default.
RespondentProvenance given_provenance(const Respondent& r) {
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

// The reader's answers as a segmentation: one survey part per given part
// (a spreadsheet row), one piece per answer.
SegmentedDocument as_segmented(const GivenSegments& given) {
  SegmentedDocument seg;
  for (const GivenPart& p : given.parts) {
    DocumentPart part;
    part.layout = LayoutKind::Survey;
    part.respondent = p.respondent;
    part.provenance = given_provenance(p.respondent);
    part.title = p.title;
    seg.parts.push_back(std::move(part));
  }
  for (const GivenAnswer& a : given.answers) {
    DocumentPart& part = seg.parts.at(a.part);
    if (part.norm.empty()) part.norm = a.span;
    part.norm.end = std::max(part.norm.end, a.span.end);
    ++part.questions;
    seg.answers.push_back({static_cast<int>(a.part), a.question, a.question_text, {a.span}, {}});
  }
  for (const GivenNumber& n : given.numbers)
    seg.numbers.push_back({static_cast<int>(n.part), n.question, n.label, n.value_text, n.value, n.span});
  return seg;
}

}  // namespace

namespace {

// How `file` is normalised: as its reader's format asks, keeping the
// headings the reader found lines of their own.
NormalizeOptions normalize_options_of(const SourceFile& file) {
  NormalizeOptions options = normalize_options_for(file.format);
  if (!file.headings.empty()) options.headings = &file.headings;
  return options;
}

}  // namespace

IndexedFile analyze_source(const SourceFile& file, const AnalysisContext& context,
                           Diagnostics& warnings, std::vector<PartOutcome>* parts_out) {
  const Manifest* manifest = context.manifest;
  NormalizedText doc =
      file.given ? as_normalized(file.bytes) : normalize(file.bytes, normalize_options_of(file));
  SegmentedDocument seg = file.given ? as_segmented(*file.given) : segment(doc);
  const LocationFinder where(file);

  std::vector<SourcePart> parts;
  for (std::size_t i = 0; i < seg.parts.size(); ++i) {
    const DocumentPart& d = seg.parts[i];
    SourcePart p;
    p.part = static_cast<int>(i);
    p.layout = d.layout;
    p.title = d.title;
    p.respondent = d.respondent;
    p.provenance = d.provenance;
    // Evidence spans as answer spans: bytes of the file, with a location.
    for (FieldEvidence* e : each_field(p.provenance))
      if (e->span) {
        const ByteSpan in_bytes = doc.map.to_original(*e->span);
        e->location = where.at(in_bytes.begin);
        e->span = file.to_file(in_bytes);
      }
    parts.push_back(std::move(p));
  }
  if (manifest)
    if (const ManifestEntry* entry = manifest->find(file.name))
      apply_manifest(*entry, manifest->path, file.path, parts, warnings);

  IndexedFile out;
  out.contact_names = contact_names(doc);
  for (const SourcePart& p : parts) out.parts.push_back(p.respondent);
  out.source = file.name;
  out.path = file.path;
  out.ingest_key = ingest_key(file, context);
  add_answers(file, doc, where, seg, parts, context, out);
  add_numbers(file, doc, where, seg, parts, context, out);
  count_and_remark(out, parts);
  out.summary = {file.name, file.path, file.format, parts};
  if (parts_out) *parts_out = std::move(parts);
  return out;
}

std::vector<Mention> tag_source(const SourceFile& file, ThemeTagger& tagger) {
  NormalizedText doc = normalize(file.bytes, normalize_options_of(file));
  std::vector<Mention> mentions = tagger.tag(doc.text);
  const LocationFinder where(file);
  for (Mention& m : mentions) {
    m.span = doc.map.to_original(m.span);
    m.text = file.bytes.substr(m.span.begin, m.span.size());
    m.location = where.at(m.span.begin);
    m.span = file.to_file(m.span);
  }
  return mentions;
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
