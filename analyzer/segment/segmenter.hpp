#pragma once
// Stage: segment.
//
// In:  NormalizedText of one file (logical lines; see normalize/).
// Out: SegmentedDocument: the document's parts (one per survey or report
//      it holds, each with the respondent detected from its own text), the
//      AnswerRecords (respondent-written text only) and the NumericItems.
//
// The rules are layout rules, not rules about particular files:
//   - Parts. A survey starts at a form title ("Enkät till ...",
//     "Slutredovisning av ...", "Uppföljning av ...") or at "Denna
//     redovisning avser ...". Prose before the first survey is a part of
//     its own (a report, a cover decision).
//   - Surveys. A question starts at a numbered line ("5a. Beskriv ...",
//     "13. Har ..."). The prompt, its help lines ("Beskriv med max 3000
//     tecken.", "Du kan välja flera svarsalternativ.", "Med ... avses ..."),
//     answer-option lists, numeric-item labels, "Från Överenskommelsen:"
//     boxes, section intros ("Del B: ..."), section headings, contact
//     blocks, placeholders and form boilerplate are never answer text.
//     Answer text is what follows an answer cue (a character limit such as
//     "Beskriv med max 3000 tecken." or a sub-label ending in ':' such as
//     "Kommentar:", "Om ja, beskriv ...:", "Annat område, ange vilket:"),
//     or, for an open question without a cue ("Beskriv ...", "Hur ...?",
//     "Här finns möjlighet ..."), the lines after its prompt. A choice
//     question ("Har ...?", "Du kan välja ...") has options, not text, until
//     a sub-label opens a field. All fields of one question form one answer.
//   - Numeric items: "Fast vårdkontakt, ange antal: 5", "Andel i procent
//     65", "Antal 26", "Barn och unga: 1" outside answer text.
//   - Reports and unrecognised layouts: one answer per section, keyed by the
//     section heading; headings themselves are not answer text. A heading
//     is numbered to any depth ("1 Inledning", "4. Resultat", "2.4 Mobila
//     team", "3.2.3.1 Exempel ...:"), or unnumbered in a report's heading
//     style: a short line without a full stop, or one ending in ':' that
//     heads a paragraph (not a list), after a finished sentence, a list, a
//     heading or a note (a footnote at a page's foot), and before body
//     text. A bullet, a list item (after a lone bullet mark, between
//     bullets, under a lead-in "...:") and a line running on into a
//     lower-case line are never headings.
//   - Notes: footnotes ("1 Socialstyrelsen ... dnr ...", "2 https://..."),
//     source notes ("Källa: ...") and URL pieces ("rapport-2023.pdf") are
//     neither headings nor answer text: they are kept as the section's
//     notes (SegmentedAnswer::notes).
//   - Decisions: prose before a survey that holds a committee decision or a
//     cover letter ("Beslut", "Förslag till beslut", "Beslutsunderlag",
//     "... beslutar att", "Med vänlig hälsning") is a part of layout
//     Decision: read as prose sections, not the respondent's answers.
//   - Running headers and footers (the page furniture a reader or
//     normalize() left out, core/running_lines.hpp) are read as a text of
//     their own for who wrote the document and its year, by the same
//     rules as a report's first lines ("Region Gävleborg", "RSS Kalmar län
//     – Årsrapport 2023", "God och nära vård 2023"). A part takes from
//     them (rule "page_header") only what its own text left open or
//     guessed: its respondent when it names none, when the header agrees
//     with the type and region it does name (an RSS survey in a document
//     headed "Region Halland" takes the region only); its year when it
//     states none. A field the header itself only guesses is not taken.
// Invariants: all spans are offsets into the normalised text; answers are in
// document order; an answer's text is its pieces joined by '\n'; a blank
// questionnaire yields no answers.
// Cost: linear in the number of lines. Thread-safe (patterns are compiled
// once, read-only).

#include <string>
#include <vector>

#include "analyzer/core/provenance.hpp"
#include "analyzer/core/records.hpp"
#include "analyzer/normalize/normalizer.hpp"

namespace analyzer {

// One survey or report inside a file.
struct DocumentPart {
  LayoutKind layout = LayoutKind::Unknown;
  Respondent respondent;      // as detected from the part's own text
  // Which line decided each field of `respondent`: evidence spans are
  // normalised offsets of that line (respondent_detector.hpp).
  RespondentProvenance provenance;
  std::string title;          // first title line, when there is one
  ByteSpan norm;              // normalised span of the part
  std::size_t questions = 0;  // numbered questions seen (surveys)
};

// A segmented answer before offsets are mapped to the original file.
struct SegmentedAnswer {
  int part = 0;
  std::string question;
  std::string question_text;
  std::vector<ByteSpan> pieces;   // normalised spans of the answer's fields/paragraph runs
  std::vector<ByteSpan> notes;    // normalised spans of the section's notes (one line each)
};

struct SegmentedNumber {
  int part = 0;
  std::string question;
  std::string question_text;      // the question's prompt, as SegmentedAnswer::question_text
  std::string label;
  std::string value_text;
  double value = 0;
  ByteSpan norm;                  // normalised span of the item line
};

struct SegmentedDocument {
  std::vector<DocumentPart> parts;
  std::vector<SegmentedAnswer> answers;
  std::vector<SegmentedNumber> numbers;
  // Every line read as a section heading of prose (reports, decisions,
  // unrecognised layouts), also one with no body text under it: normalised
  // spans, in order.
  std::vector<ByteSpan> section_headings;
};

// Segments one normalised document (see the file comment). Never fails: a
// document without any recognised structure becomes one Unknown part with
// prose sections. An empty text gives no parts. `running`: the document's
// running headers and footers (for a text export, doc.running; for PDF
// and DOCX the reader's as well); a field taken from one has rule
// "page_header", no span, and line_index = its index in `running`.
SegmentedDocument segment(const NormalizedText& doc, const std::vector<RunningLine>& running = {});

}  // namespace analyzer
