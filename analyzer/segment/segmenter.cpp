#include "analyzer/segment/segmenter.hpp"

#include <cstdlib>
#include <optional>
#include <string_view>

#include "analyzer/segment/respondent_detector.hpp"
#include "analyzer/segment/swedish_form_rules.hpp"
#include "analyzer/text/swedish_text.hpp"

namespace analyzer {
namespace {

namespace fr = form_rules;

struct Line {
  std::string_view text;
  ByteSpan norm;
  int heading_level = 0;  // the document marks the line as a heading (NormalizedText::heading_levels)
};

// A question number as an ordered value: "13b" → {13, 'b'}.
struct QuestionNumber {
  int number = 0;
  char letter = 0;
  static QuestionNumber parse(const std::string& id) {
    QuestionNumber q;
    q.number = std::atoi(id.c_str());
    if (!id.empty() && id.back() >= 'a' && id.back() <= 'z') q.letter = id.back();
    return q;
  }
  // Whether `next` can follow this question in a form: numbering goes
  // forward by a bounded step, or the same number gets a later letter.
  // Respondents' own numbered lists ("1. ...", "2. ...") inside an answer
  // therefore do not start questions.
  bool may_precede(const QuestionNumber& next) const {
    if (next.number == number) return next.letter > letter;
    return next.number > number && next.number <= number + 15;
  }
};

// Collects the answer lines of one question or section; pieces of
// contiguous normalised text are made from them at the end.
class AnswerBuilder {
 public:
  struct Entry {
    const Line* line;
    std::size_t begin;    // where in the line the answer text starts
    bool starts_piece;    // not contiguous with the entry before
  };

  // Opens a new field: the next added line starts a new piece.
  void open_field() { field_open_ = true; field_has_text_ = false; break_piece(); }
  void close_field() { field_open_ = false; break_piece(); }
  bool field_open() const { return field_open_; }
  // Whether the open field has no text yet (help may still come first).
  bool field_is_empty() const { return !field_has_text_; }
  bool empty() const { return entries_.empty(); }
  const Line* last_line() const { return entries_.empty() ? nullptr : entries_.back().line; }
  const std::vector<Entry>& entries() const { return entries_; }

  // Adds the text of `line` from normalised offset `begin` on.
  void add(const Line& line, std::size_t begin) {
    if (begin >= line.norm.end) return;
    entries_.push_back({&line, begin, new_piece_ || entries_.empty()});
    new_piece_ = false;
    field_has_text_ = true;
  }
  void break_piece() { new_piece_ = true; }
  // Keeps only the first `n` entries.
  void truncate(std::size_t n) {
    if (n < entries_.size()) entries_.resize(n);
  }

  std::vector<ByteSpan> pieces() const {
    std::vector<ByteSpan> out;
    for (const Entry& e : entries_) {
      if (e.starts_piece || out.empty()) out.push_back({e.begin, e.line->norm.end});
      else out.back().end = e.line->norm.end;
    }
    return out;
  }

 private:
  std::vector<Entry> entries_;
  bool field_open_ = false;
  bool field_has_text_ = false;
  bool new_piece_ = true;
};

// An answer of one line that is nothing but a value, to a prompt that asks
// for a number (fr::numeric_answer), as the numeric item it is; nullopt
// for any other answer.
std::optional<SegmentedNumber> number_answer(int part, const std::string& id, const std::string& prompt,
                                             const AnswerBuilder& answer) {
  if (answer.entries().size() != 1 || prompt.empty()) return std::nullopt;
  const AnswerBuilder::Entry& e = answer.entries().front();
  const std::optional<fr::NumericLine> n = fr::numeric_answer(prompt, e.line->text.substr(e.begin - e.line->norm.begin));
  if (!n) return std::nullopt;
  return SegmentedNumber{part, id, prompt, n->label, n->value_text, n->value, {e.begin, e.line->norm.end}};
}

bool is_structural_break(std::string_view text) {
  return fr::is(fr::FormLine::AgreementBox, text) || fr::is(fr::FormLine::SectionStart, text) || fr::is(fr::FormLine::FormEnd, text);
}

// Line i ends the question: a box, section intro or end of form, or the
// heading printed right above such a box ("Samverkan mellan regioner och
// kommuner" / "Från Överenskommelsen:").
bool ends_question(const std::vector<Line>& lines, std::size_t i, std::size_t end) {
  if (is_structural_break(lines[i].text)) return true;
  return i + 1 < end && fr::is_heading_like(lines[i].text) &&
         (fr::is(fr::FormLine::AgreementBox, lines[i + 1].text) || fr::is(fr::FormLine::SectionStart, lines[i + 1].text));
}

// Turns the lines of one question (after its numbered line) into the
// question's answer and numeric items. One read() per reader.
class QuestionReader {
 public:
  QuestionReader(const std::vector<Line>& lines, std::size_t begin, std::size_t end, int part,
                 std::string id, std::string prompt, SegmentedDocument& out)
      : lines_(lines), begin_(begin), end_(end), part_(part), id_(std::move(id)),
        prompt_(std::move(prompt)), out_(out) {}

  void read() {
    if (table_answer()) return;
    choice_ = fr::is_choice_prompt(prompt_);
    has_cue_ = has_field_cue();
    // The prompt itself ends with the limit: the field is open under it.
    if (fr::is(fr::FormLine::EndsWithFieldLimit, prompt_)) answer_.open_field();
    for (std::size_t i = first_answer_line(); i < end_; ++i) {
      if (ends_question(lines_, i, end_)) break;  // agreement box, section intro, end of form
      read_line(lines_[i]);
    }
    trim_trailing_form_text(answer_);
    add_answer();
  }

  // Marks the question as a table's question cell (kTableQuestion) whose
  // cells beside it, the lines the reader marked, end before `table_end`.
  QuestionReader& in_table(std::size_t table_end) {
    table_end_ = table_end;
    return *this;
  }

 private:
  // A table question's answer is its answer cells as they stand, however
  // short ("14", "Ja"): the question cell's further paragraphs are its
  // text, a numeric item ("Antal team: 14") is one, and an empty field
  // ("___"), help, boilerplate and answer options are no answer text.
  // False when the question is no table's, or its cells hold nothing: an
  // answer written under the table is then read as a form's is.
  bool table_answer() {
    if (!table_end_) return false;
    const std::size_t numbers_before = out_.numbers.size();
    for (std::size_t i = begin_; i < *table_end_; ++i) {
      const Line& line = lines_[i];
      std::string_view t = line.text;
      if (line.heading_level == kTableQuestionGoesOn) {
        prompt_ += ' ';
        prompt_ += t;
      } else if (auto number = fr::numeric_item(t)) {
        answer_.break_piece();
        add_number(line, *number);
      } else if (fr::is(fr::FormLine::Placeholder, t) || fr::contact_field(t) || fr::is(fr::FormLine::Help, t) ||
                 fr::is(fr::FormLine::Boilerplate, t) || fr::is(fr::FormLine::FieldLimit, t) ||
                 fr::is(fr::FormLine::OptionMark, t)) {
        answer_.break_piece();
      } else {
        answer_.add(line, line.norm.begin);
      }
    }
    if (answer_.empty() && out_.numbers.size() == numbers_before) {
      answer_ = AnswerBuilder();
      return false;
    }
    add_answer();
    return true;
  }

  // The answer built, when it has text; a lone value answering a prompt
  // that asks for a number is a numeric item (number_answer).
  void add_answer() {
    if (answer_.empty()) return;
    if (std::optional<SegmentedNumber> n = number_answer(part_, id_, prompt_, answer_)) {
      out_.numbers.push_back(std::move(*n));
      return;
    }
    SegmentedAnswer a;
    a.part = part_;
    a.question = id_;
    a.question_text = prompt_;
    a.pieces = answer_.pieces();
    out_.answers.push_back(std::move(a));
  }

  // Whether the question shows where its answer goes (a character limit or
  // a field label) before it ends; numeric items are passed over.
  bool has_field_cue() const {
    for (std::size_t i = begin_; i < end_; ++i) {
      std::string_view t = lines_[i].text;
      if (ends_question(lines_, i, end_)) return false;
      if (fr::numeric_item(t)) continue;
      if (fr::is(fr::FormLine::FieldLimit, t) || fr::is(fr::FormLine::EndsWithFieldLimit, t) || fr::field_label(t)) return true;
    }
    return false;
  }

  // The first line that may be answer: a prompt ending in ':' goes on with
  // its own list ("... utifrån följande områden:" / "• En ändamålsenlig
  // kompetensförsörjning").
  std::size_t first_answer_line() const {
    std::size_t first = begin_;
    if (!prompt_.empty() && prompt_.back() == ':')
      while (first < end_ && fr::is(fr::FormLine::Bullet, lines_[first].text)) ++first;
    return first;
  }

  // One line of the question: form text, a numeric item, a field's start,
  // help, or text of the answer.
  void read_line(const Line& line) {
    std::string_view t = line.text;
    if (fr::is(fr::FormLine::Placeholder, t)) {
      // An empty field: what follows is not its answer.
      answer_.close_field();
      has_cue_ = true;
      return;
    }
    if (fr::is(fr::FormLine::Boilerplate, t) || fr::contact_field(t)) {
      answer_.break_piece();
      return;
    }
    // A numeric item, unless it is a line of an open question's text.
    if (auto number = fr::numeric_item(t); number && (!answer_.field_open() || choice_)) {
      answer_.close_field();
      add_number(line, *number);
      return;
    }
    if (fr::is(fr::FormLine::FieldLimit, t) || fr::is(fr::FormLine::EndsWithFieldLimit, t)) {
      answer_.open_field();
      return;
    }
    if (auto inline_at = fr::field_label(t)) {
      answer_.open_field();
      if (*inline_at < t.size()) add_text(line, line.norm.begin + *inline_at);
      return;
    }
    // Help under the prompt, or at the top of a field before its text
    // ("Beskriv med max 5000 tecken." / "Underlag för svaret kan hämtas ...").
    if ((answer_.field_open() ? answer_.field_is_empty() : !answer_started_) && fr::is(fr::FormLine::Help, t)) {
      if (t.find("svarsalternativ") != std::string_view::npos ||
          t.find("uppskattning") != std::string_view::npos)
        choice_ = true;
      return;
    }
    read_text_line(line);
  }

  // A line of text that is neither form nor help: the answer's, when a field
  // is open or the question is answered right under its prompt.
  void read_text_line(const Line& line) {
    if (answer_.field_open()) {
      if (choice_ && looks_like_option_after_text(answer_, line.text)) answer_.close_field();
      else add_text(line, line.norm.begin);
      return;
    }
    if (!has_cue_ && !fr::is(fr::FormLine::OptionMark, line.text) &&
        (!choice_ || answered_in_sentences(line.text))) {
      answer_.open_field();  // a question answered right under its prompt
      add_text(line, line.norm.begin);
      return;
    }
    // Otherwise: an answer option or other form text.
    option_seen_ = true;
  }

  // A choice question ("Har kommunen en plan ...?") answered in a sentence
  // right under its prompt, before any option: an exported form whose
  // boxes were dropped ("Ja, planen beslutades i juni 2023 och omfattar
  // ..."). Options are short and carry no full stop; a sentence of
  // kMinSentenceAnswerWords words or more is the respondent's.
  bool answered_in_sentences(std::string_view t) const {
    constexpr std::size_t kMinSentenceAnswerWords = 6;
    return !option_seen_ && fr::ends_sentence(t) && fr::count_words(t) >= kMinSentenceAnswerWords;
  }

  void add_text(const Line& line, std::size_t begin) {
    answer_.add(line, begin);
    answer_started_ = true;
  }

  // In a choice question, a short line without sentence punctuation right
  // after a finished sentence of the respondent is the next answer option.
  static bool looks_like_option_after_text(const AnswerBuilder& answer, std::string_view t) {
    const Line* prev = answer.last_line();
    if (!prev) return false;
    return !fr::is(fr::FormLine::Bullet, t) && !fr::ends_sentence(t) && t.size() <= 100 &&
           fr::ends_sentence(prev->text);
  }

  // The form's own text printed between this answer and the next question
  // is not part of the answer: a section heading ("Övrigt under
  // Primärvården som nav"), or a section heading with its intro ("Primärvården
  // i landsbygd" / "I överenskommelsen för 2023 har särskilda medel ..."), or
  // an intro in the agreement's voice without a heading. Only a trailing run
  // that starts after a finished sentence and reaches the end of the
  // question is cut.
  void trim_trailing_form_text(AnswerBuilder& answer) {
    const auto& entries = answer.entries();
    if (entries.empty()) return;
    const std::size_t last_idx = static_cast<std::size_t>(entries.back().line - lines_.data());
    if (last_idx + 1 != end_ && !ends_question(lines_, last_idx + 1, end_) &&
        !fr::question_start(lines_[last_idx + 1].text))
      return;
    // From the end backwards: where the trailing run of contiguous lines
    // starts. Linear in the number of entries.
    std::size_t run_start = entries.size() - 1;
    while (run_start > 0 && entries[run_start].line == entries[run_start - 1].line + 1 &&
           !entries[run_start].starts_piece)
      --run_start;
    // Only the first form-looking line of that run can start the cut.
    for (std::size_t k = run_start; k < entries.size(); ++k) {
      const Line& line = *entries[k].line;
      if (entries[k].begin != line.norm.begin) continue;
      // The first line of an answer follows a field label or a prompt.
      bool after_sentence = k == 0 || fr::ends_sentence(entries[k - 1].line->text) ||
                            entries[k - 1].line->text.back() == ':';
      // A lone first line is an answer, not a heading ("Via 1177.se").
      if (k == 0 && entries.size() == 1) continue;
      bool heading = fr::is_heading_like(line.text);
      bool intro_follows = k + 1 < entries.size() && fr::is_form_intro(entries[k + 1].line->text);
      // A heading with an intro under it ends the answer even after an
      // unfinished line; a bare heading or bare intro only after a sentence.
      if ((heading && intro_follows) ||
          (after_sentence && ((heading && k + 1 == entries.size()) || fr::is_form_intro(line.text)))) {
        answer.truncate(k);
        return;
      }
    }
  }

  void add_number(const Line& line, const fr::NumericLine& n) {
    SegmentedNumber s;
    s.part = part_;
    s.question = id_;
    s.question_text = prompt_;
    s.label = n.label;
    s.value_text = n.value_text;
    s.value = n.value;
    s.norm = line.norm;
    out_.numbers.push_back(std::move(s));
  }

  const std::vector<Line>& lines_;
  std::size_t begin_, end_;
  int part_;
  std::string id_, prompt_;
  SegmentedDocument& out_;
  AnswerBuilder answer_;
  bool choice_ = false;           // the question offers options (text after them is no answer)
  bool has_cue_ = false;          // a limit, label or placeholder shows where the answer goes
  bool answer_started_ = false;   // some answer text was added
  bool option_seen_ = false;      // a line was passed over as an option or form text
  std::optional<std::size_t> table_end_;  // a table's question cell: where its cells end (in_table())
};

// Reads a survey part: the preamble is skipped, each numbered question,
// and each question cell of a table (kTableQuestion: keyed by its number,
// else by its text), is read by QuestionReader. Returns the number of
// questions seen.
std::size_t read_survey(const std::vector<Line>& lines, std::size_t begin, std::size_t end,
                        int part, SegmentedDocument& out) {
  struct Found {
    std::size_t line;
    fr::QuestionStart q;
  };
  std::vector<Found> questions;
  std::optional<QuestionNumber> current;
  for (std::size_t i = begin; i < end; ++i) {
    if (fr::is(fr::FormLine::FormEnd, lines[i].text)) break;
    auto q = fr::question_start(lines[i].text);
    if (!q && lines[i].heading_level == kTableQuestion) {
      // An unnumbered table question is keyed by its text, as in prose.
      questions.push_back({i, fr::QuestionStart{std::string(lines[i].text), std::string(lines[i].text)}});
      continue;
    }
    if (!q) continue;
    QuestionNumber n = QuestionNumber::parse(q->id);
    // (A table's question cell is a question whatever its number: a form
    // printed in parts numbers "12 b)" before "5.".)
    if (current && !current->may_precede(n) && lines[i].heading_level != kTableQuestion) continue;
    current = n;
    questions.push_back({i, std::move(*q)});
  }
  for (std::size_t k = 0; k < questions.size(); ++k) {
    std::size_t stop = k + 1 < questions.size() ? questions[k + 1].line : end;
    // A table's question cell: its answer is the cells beside it, the
    // lines the reader marked; the first line it did not mark is after the
    // table, and no answer's ("Tack för dina svar.").
    QuestionReader reader(lines, questions[k].line + 1, stop, part, questions[k].q.id, questions[k].q.prompt, out);
    if (lines[questions[k].line].heading_level == kTableQuestion) {
      std::size_t marked = questions[k].line + 1;
      while (marked < stop && lines[marked].heading_level != 0 && lines[marked].heading_level != kTableQuestion)
        ++marked;
      reader.in_table(marked);
    }
    reader.read();
  }
  return questions.size();
}

// The number of a one-level numbered line ("2. Resultat", "2 Resultat" →
// 2), or -1 (also for "2.4 Mobila team": deeper numbers run in no list).
int number_of(const Line& line) {
  if (auto h = fr::numbered_heading(line.text)) return h->depth == 1 ? std::atoi(h->number.c_str()) : -1;
  auto q = fr::question_start(line.text);
  return q ? QuestionNumber::parse(q->id).number : -1;
}

// The lines of one prose part and which of them are notes (footnotes,
// source notes, URL pieces: FormLine::Note). Notes stand outside the body's
// flow: a footnote printed at a page's foot sits between the last sentence
// of one page and the heading that opens the next.
class ProseLines {
 public:
  ProseLines(const std::vector<Line>& lines, std::size_t begin, std::size_t end)
      : lines_(lines), begin_(begin), end_(end), note_(end - begin) {
    // A line a reader marks as a table's cell or question is never a note.
    for (std::size_t i = begin; i < end; ++i)
      note_[i - begin] = lines[i].heading_level >= 0 && fr::is(fr::FormLine::Note, lines[i].text);
  }
  std::string_view text(std::size_t i) const { return lines_[i].text; }
  const Line& line(std::size_t i) const { return lines_[i]; }
  bool note(std::size_t i) const { return note_[i - begin_]; }
  // The first line after i that is not a note, or end().
  std::size_t next_body(std::size_t i) const {
    std::size_t j = i + 1;
    while (j < end_ && note(j)) ++j;
    return j;
  }

  // Whether line i heads a section (see the definition below).
  bool heading(std::size_t i) const;

 private:
  // Whether the line before i closes what came before it, so that line i
  // may start something new: a finished sentence, a bullet, a heading, a
  // lead-in ':' or a note (what follows a footnote is a new page).
  bool after_closed_line(std::size_t i) const {
    if (i == begin_ || note(i - 1)) return true;
    std::string_view p = text(i - 1);
    return fr::ends_sentence(p) || fr::is(fr::FormLine::Bullet, p) || fr::is_heading_like(p) || p.back() == ':';
  }
  // Whether line i is a numbered list item ("3. Patientkontrakt ...").
  bool numbered_item(std::size_t i) const {
    std::string_view t = text(i);
    if (fr::question_start(t)) return true;
    auto h = fr::numbered_heading(t);
    return h && h->depth == 1 && h->dotted;
  }
  // Line i is an item of a list: after a lone bullet mark ("•" on a line
  // of its own), between two numbered lines, or in a run of short lines
  // under a lead-in that ends in ':' ("Tre områden prioriteras:" /
  // "Mobila team" / "SIP").
  bool list_item(std::size_t i) const {
    if (i == begin_) return false;
    std::string_view p = text(i - 1);
    if (fr::is(fr::FormLine::Bullet, p) && p.size() <= 4) return true;  // the mark alone
    const std::size_t next = next_body(i);
    // (Not between two bulleted lines: "• ... nämnden" / "Beslutsunderlag"
    // / "• Beslutsförslag" is a heading between two lists.)
    if (next < end_ && numbered_item(i - 1) && numbered_item(next)) return true;
    // A list under a lead-in is short: at most kMaxListRun lines are looked
    // back over, so a long run of short lines costs linear time.
    constexpr std::size_t kMaxListRun = 30;
    std::size_t k = i;
    while (k > begin_ && i - k < kMaxListRun && !note(k - 1) && fr::is_heading_like(text(k - 1))) --k;
    return k > begin_ && !note(k - 1) && text(k - 1).back() == ':' && !colon_heading(k - 1);
  }
  // Line i reads as body text: not a heading, a list item, a note or a lead-in.
  bool body_text(std::size_t i) const {
    std::string_view t = text(i);
    return !fr::is_heading_like(t) && !fr::is(fr::FormLine::Bullet, t) && !fr::question_start(t) &&
           !fr::numbered_heading(t) && t.back() != ':';
  }
  // "Exempel på arbetet med mobila team:" heading a paragraph (not a list).
  bool colon_heading(std::size_t i) const {
    if (!fr::is_colon_heading(text(i))) return false;
    const std::size_t next = next_body(i);
    if (next >= end_ || !body_text(next)) return false;
    std::string_view n = text(next);
    return fr::ends_sentence(n) || n.size() >= 60;
  }

  const std::vector<Line>& lines_;
  std::size_t begin_, end_;
  std::vector<bool> note_;
};

// A marked heading longer than this that ends a sentence is a paragraph
// styled as a heading, not a heading.
constexpr std::size_t kMaxMarkedHeadingWords = 12;

// Whether line i heads a prose section:
//   - a line the document marks as a heading (Word heading style, PDF
//     large type), unless it is a long sentence (the rules below still
//     find the headings a document does not mark: bold body type, a
//     "Normal" paragraph typed as a heading);
//   - a numbered heading of two or more levels ("2.4 Mobila team",
//     "3.2.3.1 Exempel ...:"): lists are never numbered so;
//   - a one-level numbered heading ("4. Resultat", "4 Resultat") standing
//     alone before body text or its own sub-headings (a run of numbered
//     lines, or one introduced by a lead-in "...:", is a list);
//   - a heading-like line (short, no full stop) or a heading ending in ':'
//     after a closed line (see after_closed_line) and before body text,
//     another heading or the end, unless it is a list item.
// Notes are never headings and are skipped when looking at the next line.
bool ProseLines::heading(std::size_t i) const {
  std::string_view t = text(i);
  if (note(i)) return false;
  if (line(i).heading_level == kNotAHeading) return false;  // a table's row: body text
  if (line(i).heading_level == kTableQuestion || line(i).heading_level == kTableQuestionGoesOn)
    return false;  // read_prose keys by it
  // What the document marks as a heading is one, unless it reads as a
  // sentence of body text (a paragraph styled as a heading by mistake).
  if (line(i).heading_level > 0) return !(fr::ends_sentence(t) && fr::count_words(t) > kMaxMarkedHeadingWords);
  const std::size_t next = next_body(i);
  const bool at_end = next >= end_;
  const bool next_is_body = !at_end && !fr::is_heading_like(text(next));
  if (auto h = fr::numbered_heading(t)) {
    if (h->depth > 1) return true;
    const int n = std::atoi(h->number.c_str());
    if (at_end) return false;
    const auto sub = fr::numbered_heading(text(next));
    const bool sub_heading = sub && sub->depth > 1 && sub->number.rfind(h->number + ".", 0) == 0;
    const bool in_run = number_of(line(next)) == n + 1 ||
                        (i > begin_ && !note(i - 1) && number_of(line(i - 1)) == n - 1);
    const bool after_lead_in = i > begin_ && !note(i - 1) && text(i - 1).back() == ':' && !colon_heading(i - 1);
    if (!in_run && !after_lead_in && (next_is_body || sub_heading)) return true;
    if (h->dotted || fr::question_start(t)) return false;  // "1. Mobila team": a list item
  }
  if (list_item(i)) return false;
  // After a numbered list item that ends without a full stop, only a
  // heading with body text under it ("3. ... delaktighet" / "Omställning
  // till god och nära vård" / a paragraph).
  const bool after_item = i > begin_ && !note(i - 1) && numbered_item(i - 1);
  if (!after_closed_line(i) && !(after_item && next_is_body)) return false;
  if (t.back() == ':') return colon_heading(i);
  return fr::is_heading_like(t) && (next_is_body || at_end || (!after_item && fr::is_heading_like(text(next))));
}

// The text of one prose section as an answer keyed by its heading
// ("(utan rubrik)" before the first), with the section's notes; nothing
// when the section has no body text (its notes then go with the next
// section, or with the section before at the end of the part).
// `prompt`: the question's text when `heading` is a survey question's id
// (a prompt inside prose, survey_prompt()).
void add_section(int part, const std::string& heading, const AnswerBuilder& body, std::vector<ByteSpan>& notes,
                 SegmentedDocument& out, const std::string& prompt = std::string()) {
  if (body.empty()) return;
  // A survey question's lone value ("14. Antal SIP ..., ange antal:" | "1 180").
  if (std::optional<SegmentedNumber> n = number_answer(part, heading, prompt, body)) {
    out.numbers.push_back(std::move(*n));
    notes.clear();  // a numeric item keeps no notes
    return;
  }
  SegmentedAnswer a;
  a.part = part;
  a.question = heading.empty() ? std::string("(utan rubrik)") : heading;
  a.question_text = prompt.empty() ? a.question : prompt;
  a.pieces = body.pieces();
  a.notes = std::move(notes);
  notes.clear();
  out.answers.push_back(std::move(a));
}

// A survey question standing in prose, as a report copies the form into a
// table ("5a. Beskriv insatser för mobila team." | answer): a numbered
// question (question_start) whose id has a letter, whose prompt ends with
// '?', or whose prompt opens with what a form asks ("Beskriv", "Ange",
// "Redogör", "Hur", "Vilka", ...). "1. Mobila team har startats." is none:
// a list item of the prose.
std::optional<fr::QuestionStart> survey_prompt(std::string_view line) {
  auto q = fr::question_start(line);
  if (!q) return std::nullopt;
  if (std::any_of(q->id.begin(), q->id.end(), [](char c) { return c >= 'a' && c <= 'z'; })) return q;
  if (swedish::reads_as_prompt(q->prompt)) return q;
  return std::nullopt;
}

// Reads prose: one answer per section, keyed by its heading; a survey
// question standing in it (survey_prompt) keys the lines under it by its
// id, the prompt never part of an answer. Returns the number of headings
// found.
std::size_t read_prose(const std::vector<Line>& lines, std::size_t begin, std::size_t end, int part,
                       SegmentedDocument& out) {
  const ProseLines prose(lines, begin, end);
  std::size_t headings = 0;
  std::string heading, prompt;
  AnswerBuilder body;
  std::vector<ByteSpan> notes;
  // The section around a table of questions, while its questions key the
  // lines: the first line the reader did not mark ends the table, and the
  // lines from there belong to that section again.
  struct Around {
    std::string heading, prompt;
  };
  std::optional<Around> around_table;
  // Closes the open section (an answer when it has body text) and opens
  // one keyed by `key`, whose question's text is `question` ("" for a
  // heading: the key is its text).
  auto next_section = [&](std::string key, std::string question) {
    add_section(part, heading, body, notes, out, prompt);
    body = AnswerBuilder();
    heading = std::move(key);
    prompt = std::move(question);
  };
  for (std::size_t i = begin; i < end; ++i) {
    std::string_view t = lines[i].text;
    if (around_table && lines[i].heading_level == 0) {
      Around around = std::move(*around_table);
      around_table.reset();
      next_section(std::move(around.heading), std::move(around.prompt));
    }
    if (fr::contact_field(t) || fr::is(fr::FormLine::Placeholder, t)) {
      body.break_piece();
    } else if (prose.note(i)) {
      notes.push_back(lines[i].norm);
      body.break_piece();
    } else if (lines[i].heading_level == kTableQuestion) {
      // A table's question cell: the lines after it are its answer, keyed
      // by its question id when it has one, else by its text.
      if (!around_table) around_table = Around{heading, prompt};
      const auto q = fr::question_start(t);
      next_section(q ? q->id : std::string(t), q ? q->prompt : std::string(t));
    } else if (lines[i].heading_level == kTableQuestionGoesOn) {
      if (!prompt.empty()) prompt += ' ';
      prompt += t;  // the question cell's further paragraphs: its text, no key
    } else if (prose.heading(i)) {
      around_table.reset();  // a new section: the table's is over
      out.section_headings.push_back(lines[i].norm);
      // A heading that is a survey question ("Fråga 41) Beskriv ...", in
      // a heading style) keys its section by its id, as in a form.
      const auto q = survey_prompt(t);
      next_section(q ? q->id : std::string(t), q ? q->prompt : std::string());
      ++headings;
    } else if (auto q = survey_prompt(t)) {
      next_section(q->id, q->prompt);
    } else {
      body.add(lines[i], lines[i].norm.begin);
    }
  }
  add_section(part, heading, body, notes, out, prompt);
  if (!notes.empty() && !out.answers.empty() && out.answers.back().part == part)
    for (const ByteSpan& n : notes) out.answers.back().notes.push_back(n);
  return headings;
}

std::vector<Line> split_lines(const NormalizedText& doc) {
  std::vector<Line> lines;
  lines.reserve(doc.lines.size());
  const bool marked = doc.heading_levels.size() == doc.lines.size();
  for (std::size_t k = 0; k < doc.lines.size(); ++k) {
    const ByteSpan s = doc.lines[k];
    std::string_view t(doc.text.data() + s.begin, s.size());
    if (t.empty()) continue;
    lines.push_back({t, s, marked ? doc.heading_levels[k] : 0});
  }
  return lines;
}

// Whether lines [begin, end) read as a form even without a recognised
// title: at least three numbered questions and two answer-field cues
// (character limits, sub-labels, checkbox options).
bool looks_like_form(const std::vector<Line>& lines, std::size_t begin, std::size_t end) {
  std::size_t questions = 0, cues = 0;
  for (std::size_t i = begin; i < end; ++i) {
    std::string_view t = lines[i].text;
    if (fr::question_start(t)) ++questions;
    else if (fr::is(fr::FormLine::FieldLimit, t) || fr::field_label(t) || fr::is(fr::FormLine::OptionMark, t)) ++cues;
  }
  return questions >= 3 && cues >= 2;
}

// Line indices where a survey part starts: a form title, or a "Denna
// redovisning avser ..." line not just after a title.
std::vector<std::size_t> survey_starts(const std::vector<Line>& lines) {
  constexpr std::size_t kTitleWindow = 6;
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view t = lines[i].text;
    if (!fr::is(fr::FormLine::SurveyTitle, t) && !fr::report_subject(t)) continue;
    if (!starts.empty() && i - starts.back() <= kTitleWindow) continue;
    starts.push_back(i);
  }
  return starts;
}

// Lines [begin, end) of one document part; `survey` when a form title or
// "Denna redovisning avser ..." starts it.
struct PartRange {
  std::size_t begin, end;
  bool survey;
  std::size_t title;  // the line that starts a survey part (begin, or after its cover lines)
};

// Whether lines [begin, end) are only a cover's or letterhead's lines in
// front of a title: at most kMaxCoverLines short lines, none a sentence
// ("Region Norrbotten", "Socialförvaltningen"). They belong to the part
// the title starts, not to a part of their own.
bool only_cover_lines(const std::vector<Line>& lines, std::size_t begin, std::size_t end) {
  constexpr std::size_t kMaxCoverLines = 3;
  constexpr std::size_t kMaxCoverLineBytes = 80;
  if (end - begin > kMaxCoverLines) return false;
  for (std::size_t i = begin; i < end; ++i)
    if (lines[i].text.size() > kMaxCoverLineBytes || fr::ends_sentence(lines[i].text)) return false;
  return true;
}

// The parts of a document: prose before the first survey start (if any,
// and more than a cover's lines), then one part from each survey start to
// the next.
std::vector<PartRange> part_ranges(const std::vector<Line>& lines) {
  std::vector<PartRange> ranges;
  std::vector<std::size_t> starts = survey_starts(lines);
  std::size_t first = starts.empty() ? lines.size() : starts.front();
  const bool cover_only = !starts.empty() && only_cover_lines(lines, 0, first);
  if (first > 0 && !cover_only) ranges.push_back({0, first, false, 0});
  for (std::size_t k = 0; k < starts.size(); ++k)
    ranges.push_back({k == 0 && cover_only ? 0 : starts[k], k + 1 < starts.size() ? starts[k + 1] : lines.size(), true,
                      starts[k]});
  return ranges;
}

// Reads one part as a form when it is one (questions found), else as prose
// sections, and adds the part with its respondent to `out`.
void read_part(const std::vector<Line>& lines, const PartRange& r, SegmentedDocument& out) {
  int part = static_cast<int>(out.parts.size());
  DocumentPart p;
  p.norm = {lines[r.begin].norm.begin, lines[r.end - 1].norm.end};
  std::size_t answers_before = out.answers.size();
  std::size_t numbers_before = out.numbers.size();
  bool form = r.survey || looks_like_form(lines, r.begin, r.end);
  std::size_t questions = form ? read_survey(lines, r.begin, r.end, part, out) : 0;
  if (questions > 0) {
    p.layout = LayoutKind::Survey;
    p.questions = questions;
    p.title = std::string(lines[r.title].text);
  } else {
    // Not a form after all (or prose before the first form): sections.
    out.answers.resize(answers_before);
    out.numbers.resize(numbers_before);
    std::size_t headings = read_prose(lines, r.begin, r.end, part, out);
    p.layout = headings > 0 ? LayoutKind::Report : LayoutKind::Unknown;
  }
  std::vector<std::string_view> texts;
  for (std::size_t i = r.begin; i < r.end; ++i) texts.push_back(lines[i].text);
  DetectedRespondent detected = detect_respondent_with_evidence(texts, p.layout == LayoutKind::Survey);
  p.respondent = std::move(detected.respondent);
  p.provenance = std::move(detected.provenance);
  for (FieldEvidence* e : each_field(p.provenance))
    if (e->span) {
      const std::size_t line = lines[r.begin + e->line_index].norm.begin;
      e->span = ByteSpan{line + e->span->begin, line + e->span->end};
    }
  out.parts.push_back(std::move(p));
}

// Whether lines [begin, end) hold a committee decision or a cover letter:
// a strong marker ("Förslag till beslut", "... beslutar att", "Med vänlig
// hälsning") and one more marker of any strength ("Bakgrund").
bool holds_decision(const std::vector<Line>& lines, std::size_t begin, std::size_t end) {
  std::size_t strong = 0, any = 0;
  for (std::size_t i = begin; i < end; ++i)
    if (auto m = fr::decision_marker(lines[i].text)) {
      ++any;
      strong += m->strong;
    }
  return strong >= 1 && any >= 2;
}

// A survey whose text names no respondent, right after the committee
// decision or cover letter that sends it ("Socialnämnden i Ljusdals
// kommun" / "Förslag till beslut" / ... / "Enkät till kommunerna"), is that
// organisation's answer: its name (and type, and region when the survey
// found none) are the decision's, with the decision's evidence under rule
// "decision_in_front". A type the survey says otherwise keeps it apart.
void take_respondent_from_decision(const DocumentPart& decision, DocumentPart& survey) {
  const Respondent& from = decision.respondent;
  Respondent& to = survey.respondent;
  if (!to.name.empty() || from.name.empty() || decision.provenance.respondent.from != FieldOrigin::Detected) return;
  if (to.type && from.type && *to.type != *from.type) return;
  const auto inherit = [](FieldEvidence evidence) {
    evidence.rule = "decision_in_front";
    return evidence;
  };
  to.name = from.name;
  survey.provenance.respondent = inherit(decision.provenance.respondent);
  if (!to.type) {
    to.type = from.type;
    survey.provenance.type = inherit(decision.provenance.type);
  }
  if (to.region.empty() && !from.region.empty()) {
    to.region = from.region;
    survey.provenance.region = inherit(decision.provenance.region);
  }
}

// The fields of `part` its own text left open or only guessed, from what
// the running headers say (`header`, detected from them as a text of
// their own), as the file comment says (rule "page_header").
void take_from_running(const DetectedRespondent& header, DocumentPart& part) {
  const auto said = [](const FieldEvidence& e) { return e.from == FieldOrigin::Detected && !e.is_guess(); };
  const auto open = [](const FieldEvidence& e) { return e.from == FieldOrigin::Default || e.is_guess(); };
  const auto from_header = [](FieldEvidence e) {
    e.rule = "page_header";
    e.span.reset();
    return e;
  };
  const Respondent& h = header.respondent;
  const RespondentProvenance& hp = header.provenance;
  Respondent& r = part.respondent;
  RespondentProvenance& p = part.provenance;
  if (open(p.year) && said(hp.year)) {
    r.year = h.year;
    p.year = from_header(hp.year);
  }
  // The part's own respondent stands, unless it is made of a counted type
  // or region ("type_and_region" over a counted region is a guess all the
  // same).
  if (!open(p.respondent) && !(p.respondent.rule == "type_and_region" && (open(p.type) || open(p.region)))) return;
  // The header's respondent, when it names one (its name and the type and
  // region that make it up each said, none counted) that agrees with
  // what the part says of itself: all of it.
  const bool header_names = said(hp.respondent) && said(hp.type) && (h.region.empty() || said(hp.region));
  const bool type_agrees = open(p.type) || r.type == h.type;
  const bool region_agrees = open(p.region) || h.region.empty() || r.region == h.region;
  if (header_names && type_agrees && region_agrees) {
    r.name = h.name;
    p.respondent = from_header(hp.respondent);
    r.type = h.type;
    p.type = from_header(hp.type);
    if (!h.region.empty()) {
      r.region = h.region;
      p.region = from_header(hp.region);
    }
    return;
  }
  // Else field by field, what the part leaves open: a survey print headed
  // "Enkät till regioner" gives the type; an RSS survey in a document
  // headed "Region Halland" keeps its type and takes the region.
  if (open(p.type) && h.type && said(hp.type)) {
    r.type = h.type;
    p.type = from_header(hp.type);
  }
  if (open(p.region) && !h.region.empty() && said(hp.region)) {
    r.region = h.region;
    p.region = from_header(hp.region);
  }
  if (std::string name = organisation_name(r.type, r.region); !name.empty() && name != r.name) {
    r.name = std::move(name);
    p.respondent = p.type;
    p.respondent.rule = "type_and_region";
  }
}

}  // namespace

SegmentedDocument segment(const NormalizedText& doc, const std::vector<RunningLine>& running) {
  SegmentedDocument out;
  std::vector<Line> lines = split_lines(doc);
  const std::vector<PartRange> ranges = part_ranges(lines);
  for (const PartRange& r : ranges) read_part(lines, r, out);
  // A prose part in front of a survey that holds a decision or a cover
  // letter is not the respondent's answers. A report without a survey
  // after it stays a report, whatever decision it quotes.
  bool survey_after = false;
  for (std::size_t k = out.parts.size(); k-- > 0;) {
    DocumentPart& p = out.parts[k];
    if (p.layout == LayoutKind::Survey) survey_after = true;
    else if (survey_after && holds_decision(lines, ranges[k].begin, ranges[k].end)) p.layout = LayoutKind::Decision;
  }
  for (std::size_t k = 1; k < out.parts.size(); ++k)
    if (out.parts[k - 1].layout == LayoutKind::Decision && out.parts[k].layout == LayoutKind::Survey)
      take_respondent_from_decision(out.parts[k - 1], out.parts[k]);
  if (!running.empty()) {
    std::vector<std::string_view> texts;
    for (const RunningLine& l : running) texts.push_back(l.text);
    const DetectedRespondent header = detect_respondent_with_evidence(texts, false);
    for (DocumentPart& p : out.parts) take_from_running(header, p);
  }
  return out;
}

}  // namespace analyzer
