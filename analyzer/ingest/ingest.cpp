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
// they are taken in order of the parts.
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
// their location (line, page, paragraph, cell; issue 13).
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

// What an answer record is made from: its part, question and pieces of the
// analysed text, from the segmentation or as the reader gave it.
struct AnswerSource {
  int part = 0;
  const std::string* question = nullptr;
  const std::string* question_text = nullptr;
  std::vector<ByteSpan> pieces;
};

}  // namespace

// One file analysed up to its records: normalised and segmented (or, for a
// file whose reader found the answers, taken as given: no copy of the text,
// no segmentation), respondents with the manifest applied, answer ids
// numbered; each record is made on demand (make_answer, make_number), so a
// caller can hold few at a time. Refers to `file`, which must outlive it.
class FileAnalysis {
 public:
  FileAnalysis(const SourceFile& file, const AnalysisContext& context, Diagnostics& warnings)
      : file_(file), context_(context), where_(file) {
    if (file.given) {
      text_ = {file.bytes, nullptr};
      respondents_.reserve(file.given->parts.size());
      layouts_.reserve(file.given->parts.size());
      for (const GivenPart& p : file.given->parts) {
        respondents_.push_back(p.respondent);
        layouts_.push_back(LayoutKind::Survey);
      }
    } else {
      doc_ = normalize(file.bytes, normalize_options_for(file.format));
      seg_ = segment(*doc_);
      text_ = {doc_->text, &doc_->map};
      for (const auto& p : seg_->parts) {
        respondents_.push_back(p.respondent);
        layouts_.push_back(p.layout);
      }
    }
    if (const Manifest* manifest = context.manifest)
      if (const ManifestEntry* entry = manifest->find(file.name))
        apply_manifest(*entry, file.path, respondents_, layouts_, warnings);
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
  const std::vector<Respondent>& respondents() const { return respondents_; }
  const std::vector<LayoutKind>& layouts() const { return layouts_; }

  std::string answer_id(std::size_t i) const {
    const auto [part, question] = answer_key(i);
    return analyzer::answer_id(file_.name, part, *question, occurrence_[i]);
  }

  // The file's IndexedFile without its records.
  IndexedFile header() const {
    IndexedFile out;
    if (doc_) out.contact_names = contact_names(*doc_);
    out.parts = respondents_;
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
    a.layout = layouts_[s.part];
    a.respondent = respondents_[s.part];
    a.question = *s.question;
    a.question_text = *s.question_text;
    a.text = piece_text(text_, s.pieces);
    a.norm = {s.pieces.front().begin, s.pieces.back().end};
    const ByteSpan in_bytes = text_.to_original(a.norm);  // offsets of SourceFile::bytes
    a.location = where_.at(in_bytes.begin);
    a.span = file_.to_file(in_bytes);
    a.id = answer_id(i);
    if (context_.tagger) tag_answer(file_, text_, where_, s.pieces, *context_.tagger, *tokenizer_, a);
    return a;
  }

  // Numeric item `i` as a record; a label that names a theme gives the item
  // that theme (once).
  NumericItem make_number(std::size_t i) {
    NumericItem n;
    ByteSpan norm;
    if (file_.given) {
      const GivenNumber& g = file_.given->numbers[i];
      n.part = static_cast<int>(g.part);
      n.question = g.question;
      n.label = *g.label;
      n.value = g.value;
      n.value_text = g.value_text;
      norm = g.span;
    } else {
      const SegmentedNumber& g = seg_->numbers[i];
      n.part = g.part;
      n.question = g.question;
      n.label = g.label;
      n.value = g.value;
      n.value_text = g.value_text;
      norm = g.norm;
    }
    n.source = file_.name;
    n.respondent = respondents_[n.part];
    const ByteSpan in_bytes = text_.to_original(norm);
    n.location = where_.at(in_bytes.begin);
    n.span = file_.to_file(in_bytes);
    if (context_.tagger)
      for (const Mention& m : context_.tagger->tag(n.label))
        if (std::find(n.themes.begin(), n.themes.end(), m.theme) == n.themes.end()) n.themes.push_back(m.theme);
    return n;
  }

 private:
  std::pair<int, const std::string*> answer_key(std::size_t i) const {
    if (file_.given) return {static_cast<int>(file_.given->answers[i].part), &file_.given->answers[i].question};
    return {seg_->answers[i].part, &seg_->answers[i].question};
  }

  AnswerSource answer_source(std::size_t i) const {
    if (file_.given) {
      const GivenAnswer& g = file_.given->answers[i];
      return {static_cast<int>(g.part), &g.question, g.question_text.get(), {g.span}};
    }
    const SegmentedAnswer& g = seg_->answers[i];
    return {g.part, &g.question, &g.question_text, g.pieces};
  }

  const SourceFile& file_;
  AnalysisContext context_;
  std::optional<NormalizedText> doc_;      // not for a file with given answers
  std::optional<SegmentedDocument> seg_;   // likewise
  AnalysedText text_;
  std::vector<Respondent> respondents_;    // per part, with the manifest applied
  std::vector<LayoutKind> layouts_;        // per part
  LocationFinder where_;
  std::optional<Tokenizer> tokenizer_;     // for mention sentences, when tagging
  std::vector<int> occurrence_;            // per answer: its question's occurrence in its part
};

namespace {

// Per part of the document: its layout, respondent and what it yielded.
std::vector<PartOutcome> part_outcomes(const FileAnalysis& analysis, const IndexedFile& file) {
  // One pass over the records (a spreadsheet has a part per row: a loop
  // over the records per part would be quadratic).
  std::vector<PartOutcome> parts(analysis.layouts().size());
  for (std::size_t i = 0; i < parts.size(); ++i) {
    parts[i].layout = analysis.layouts()[i];
    parts[i].respondent = analysis.respondents()[i];
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

IndexedFile analyze_source(const SourceFile& file, const AnalysisContext& context,
                           Diagnostics& warnings, std::vector<PartOutcome>* parts_out) {
  FileAnalysis analysis(file, context, warnings);
  IndexedFile out = analysis.header();
  out.answers.reserve(analysis.answer_count());
  for (std::size_t i = 0; i < analysis.answer_count(); ++i) out.answers.push_back(analysis.make_answer(i));
  out.numbers.reserve(analysis.number_count());
  for (std::size_t i = 0; i < analysis.number_count(); ++i) out.numbers.push_back(analysis.make_number(i));
  if (parts_out) *parts_out = part_outcomes(analysis, out);
  return out;
}

struct AnalysedFileStream::Impl {
  SourceFile file;
  FileAnalysis analysis;
  std::vector<std::size_t> part_mentions;  // per part, in the answers made
  std::size_t mentions = 0;

  Impl(SourceFile f, const AnalysisContext& context, Diagnostics& warnings)
      : file(std::move(f)), analysis(file, context, warnings), part_mentions(analysis.layouts().size(), 0) {}
};

bool AnalysedFileStream::can_stream(const SourceFile& file) {
  if (!file.given) return false;
  const GivenSegments& given = *file.given;
  for (std::size_t i = 1; i < given.answers.size(); ++i)
    if (given.answers[i].part < given.answers[i - 1].part) return false;
  for (const GivenAnswer& a : given.answers)
    if (a.part >= given.parts.size()) return false;
  for (const GivenNumber& n : given.numbers)
    if (n.part >= given.parts.size()) return false;
  return true;
}

AnalysedFileStream::AnalysedFileStream(SourceFile file, const AnalysisContext& context, Diagnostics& warnings)
    : impl_(std::make_unique<Impl>(std::move(file), context, warnings)) {}
AnalysedFileStream::~AnalysedFileStream() = default;

IndexedFile AnalysedFileStream::header() const { return impl_->analysis.header(); }
std::size_t AnalysedFileStream::answer_count() const { return impl_->analysis.answer_count(); }
std::size_t AnalysedFileStream::number_count() const { return impl_->analysis.number_count(); }

std::vector<std::string> AnalysedFileStream::answer_ids() const {
  std::vector<std::string> ids;
  ids.reserve(answer_count());
  for (std::size_t i = 0; i < answer_count(); ++i) ids.push_back(impl_->analysis.answer_id(i));
  return ids;
}

std::size_t AnalysedFileStream::make_answers(std::size_t from, std::vector<AnswerRecord>& out) {
  FileAnalysis& analysis = impl_->analysis;
  if (from == 0) {  // made again from the start: count the mentions again
    impl_->mentions = 0;
    std::fill(impl_->part_mentions.begin(), impl_->part_mentions.end(), 0);
  }
  const std::size_t n = analysis.answer_count();
  std::size_t i = from;
  for (; i < n && (i < from + kPiece || analysis.answer_part(i) == analysis.answer_part(i - 1)); ++i) {
    out.push_back(analysis.make_answer(i));
    impl_->mentions += out.back().mentions.size();
    impl_->part_mentions[out.back().part] += out.back().mentions.size();
  }
  return i;
}

std::size_t AnalysedFileStream::make_numbers(std::size_t from, std::vector<NumericItem>& out) {
  const std::size_t end = std::min(number_count(), from + kPiece);
  for (std::size_t i = from; i < end; ++i) out.push_back(impl_->analysis.make_number(i));
  return end;
}

std::vector<PartOutcome> AnalysedFileStream::parts() const {
  const FileAnalysis& analysis = impl_->analysis;
  std::vector<PartOutcome> parts(analysis.layouts().size());
  for (std::size_t i = 0; i < parts.size(); ++i) {
    parts[i].layout = analysis.layouts()[i];
    parts[i].respondent = analysis.respondents()[i];
    parts[i].mentions = impl_->part_mentions[i];
  }
  for (std::size_t i = 0; i < analysis.answer_count(); ++i) ++parts[analysis.answer_part(i)].answers;
  for (std::size_t i = 0; i < analysis.number_count(); ++i) ++parts[analysis.number_part(i)].numbers;
  return parts;
}
std::size_t AnalysedFileStream::mentions() const { return impl_->mentions; }

IndexedFile analyze_source_streamed(SourceFile file, const AnalysisContext& context, Diagnostics& warnings) {
  auto stream = std::make_shared<AnalysedFileStream>(std::move(file), context, warnings);
  IndexedFile out = stream->header();
  out.stream = std::move(stream);
  return out;
}

std::vector<Mention> tag_source(const SourceFile& file, ThemeTagger& tagger) {
  NormalizedText doc = normalize(file.bytes, normalize_options_for(file.format));
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
