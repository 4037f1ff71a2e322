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

// Fills what the manifest says into the detected respondent of a part and
// warns where the text said otherwise. Manifest respondents are matched to
// parts by respondent type, else one respondent applies to every part, else
// they are taken in order of the parts; a decision part shares the
// respondent of its type with that respondent's survey.
void apply_manifest(const ManifestEntry& entry, const std::string& path,
                    std::vector<Respondent>& parts, const std::vector<LayoutKind>& layouts,
                    Diagnostics& warnings) {
  auto warn = [&](const std::string& what) {
    Diagnostic d = make_warning(path, what, "the manifest entry is used");
    warnings.push_back(std::move(d));
  };
  std::vector<bool> used(entry.respondents.size(), false);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    Respondent& r = parts[i];
    if (entry.year) {
      if (r.year && *r.year != *entry.year)
        warn("manifest gives year " + std::to_string(*entry.year) + " but part " +
             std::to_string(i) + " of the text says " + describe(r.year));
      r.year = entry.year;
    }
    if (!entry.region.empty()) {
      if (!r.region.empty() && r.region != entry.region)
        warn("manifest gives region \"" + entry.region + "\" but part " + std::to_string(i) +
             " of the text says \"" + r.region + "\"");
      r.region = entry.region;
    }
    const ManifestRespondent* chosen = choose_respondent(entry, r, layouts[i], used);
    if (!chosen) continue;
    if (chosen->type) {
      if (r.type && *r.type != *chosen->type)
        warn(std::string("manifest gives respondent type ") + to_string(*chosen->type) +
             " but part " + std::to_string(i) + " of the text says " + to_string(*r.type));
      r.type = chosen->type;
    }
    if (!chosen->name.empty()) {
      if (!r.name.empty() && r.name != chosen->name)
        warn("manifest gives respondent \"" + chosen->name + "\" but part " + std::to_string(i) +
             " of the text says \"" + r.name + "\"");
      r.name = chosen->name;
    }
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
// decision parts (issue 14).
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
      basis += std::string("|respondent=") + (r.type ? to_string(*r.type) : "-") + "/" + r.name;
    for (const auto& c : e->columns) basis += "|column=" + c.column + "/" + to_string(c.role);
  }
  return sha256_hex(basis);
}

namespace {

// The answers of `seg` as records, with ids, spans in the file's bytes,
// locations and, when the context has a tagger, their theme mentions.
void add_answers(const SourceFile& file, const NormalizedText& doc, const LocationFinder& where,
                 const SegmentedDocument& seg, const std::vector<Respondent>& respondents,
                 const AnalysisContext& context, IndexedFile& out) {
  std::optional<Tokenizer> tokenizer;  // for mention sentences
  if (context.tagger) tokenizer.emplace();
  std::map<std::pair<int, std::string>, int> occurrences;
  for (const SegmentedAnswer& s : seg.answers) {
    AnswerRecord a;
    a.source = file.name;
    a.part = s.part;
    a.layout = seg.parts[s.part].layout;
    a.respondent = respondents[s.part];
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
                 const SegmentedDocument& seg, const std::vector<Respondent>& respondents,
                 const AnalysisContext& context, IndexedFile& out) {
  for (const SegmentedNumber& s : seg.numbers) {
    NumericItem n;
    n.source = file.name;
    n.part = s.part;
    n.respondent = respondents[s.part];
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

// Per part of the document: its layout, respondent and what it yielded.
std::vector<PartOutcome> part_outcomes(const SegmentedDocument& seg, const std::vector<Respondent>& respondents,
                                       const IndexedFile& file) {
  // One pass over the records (a spreadsheet has a part per row: a loop
  // over the records per part would be quadratic).
  std::vector<PartOutcome> parts(seg.parts.size());
  for (std::size_t i = 0; i < seg.parts.size(); ++i) {
    parts[i].layout = seg.parts[i].layout;
    parts[i].respondent = respondents[i];
  }
  for (const auto& a : file.answers)
    if (a.part >= 0 && static_cast<std::size_t>(a.part) < parts.size()) {
      ++parts[a.part].answers;
      parts[a.part].mentions += a.mentions.size();
    }
  for (const auto& n : file.numbers)
    if (n.part >= 0 && static_cast<std::size_t>(n.part) < parts.size()) ++parts[n.part].numbers;
  return parts;
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

// The reader's answers as a segmentation: one survey part per given part
// (a spreadsheet row), one piece per answer.
SegmentedDocument as_segmented(const GivenSegments& given) {
  SegmentedDocument seg;
  for (const GivenPart& p : given.parts) {
    DocumentPart part;
    part.layout = LayoutKind::Survey;
    part.respondent = p.respondent;
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

  std::vector<Respondent> respondents;
  std::vector<LayoutKind> layouts;
  for (const auto& p : seg.parts) {
    respondents.push_back(p.respondent);
    layouts.push_back(p.layout);
  }
  if (manifest)
    if (const ManifestEntry* entry = manifest->find(file.name))
      apply_manifest(*entry, file.path, respondents, layouts, warnings);

  IndexedFile out;
  out.contact_names = contact_names(doc);
  out.parts = respondents;
  out.source = file.name;
  out.path = file.path;
  out.ingest_key = ingest_key(file, context);
  const LocationFinder where(file);
  add_answers(file, doc, where, seg, respondents, context, out);
  add_numbers(file, doc, where, seg, respondents, context, out);
  if (parts_out) *parts_out = part_outcomes(seg, respondents, out);
  return out;
}

std::vector<Mention> tag_source(const SourceFile& file, ThemeTagger& tagger) {
  NormalizedText doc = normalize(file.bytes, normalize_options_of(file));
  std::vector<Mention> mentions = tagger.tag(doc.text);
  for (Mention& m : mentions) {
    m.span = doc.map.to_original(m.span);
    m.text = file.bytes.substr(m.span.begin, m.span.size());
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
