#pragma once
// Stage: normalize.
//
// In:  the original bytes of one source file (valid UTF-8; read/ checked it).
// Out: NormalizedText: the text segmentation works on, one logical line per
//      '\n'-terminated line, and an OffsetMap back to the original bytes.
//
// What normalisation does, in order, per physical line of the original:
//   - drops page furniture: page numbers and running headers/footers
//     ("Sida 23", "4 (9)", "[Titel]", a lone date beside a page number,
//     short lines that repeat on many pages), form feeds, and lines that are
//     only a URL or a mailto: link (print exports put them at page ends);
//   - drops blank (whitespace-only) lines and trims trailing/leading spaces;
//   - puts list items one per line where an export ran several into one
//     ("• Mobila team • SIP • Trygg hemgång": a bullet •, ▪ or U+F0B7
//     after a space inside a line starts a new line; the space before it
//     maps to the '\n');
//   - re-joins lines that the PDF export wrapped: a line that does not end a
//     sentence or a label (no . ! ? : ;) and is followed by a line that
//     continues it (starts with a lower-case letter, or the first line is
//     near the document's wrap width) is joined with one space;
//   - repairs end-of-line hyphenation: "målbil-" + newline + "den" becomes
//     "målbilden", while a suspended hyphen stays: "hälso-" + newline +
//     "och sjukvård" becomes "hälso- och sjukvård" (next word is a
//     conjunction: och, eller, samt, resp, respektive, som, men, till);
//   - NFC-normalises (ICU) the text.
// Invariants: every byte of `text` maps to an original byte range via `map`;
// spans are never reordered; `text` is valid UTF-8 and NFC.
// Cost: linear in the input; allocates about 2x the input. Thread-safe (no
// shared state).
//
// The rules in detail (they were tuned on corpora/*.txt; tests pin them):
//   - A UTF-8 byte order mark is skipped; offsets stay those of the file.
//     A line ends at '\n', "\r\n" or a lone '\r' (CR-only exports), in
//     any mix. Form feeds end a line like '\n' (each counts as removed
//     furniture).
//   - Trimmed white space includes no-break and other Unicode spaces; a
//     leading bullet ("•", "-", "–", U+F0B7, "☐") stays part of the line.
//   - Page furniture: see normalize/page_furniture.hpp. Lines re-join
//     across it, so a sentence broken by a page footer becomes one line.
//   - The wrap width is the 95th percentile of the kept lines' lengths in
//     code points (unknown below 20 lines or under 40 code points, unless
//     NormalizeOptions gives it).
//   - Line B continues line A (the logical line so far); the first rule
//     that applies decides:
//        1. B is only check boxes ("☐", an option's tail)        → join;
//        2. B starts with a bullet, "- ", "– ", or an enumerator such as
//           "1.", "5a.", "12)", "a)", "(1)", or B is a report's numbered
//           heading: a section number of one to six levels ("2", "2.1",
//           "3.2.3.1"), a capitalised word, at most 120 bytes, no . ! ? , ;
//           at its end ("2.1 Samverkan mellan kommun och region") → no join;
//        2b. A's last line and B both end in ':' and a number, as numeric
//           items do ("Fast vårdkontakt: 5" + "barn och unga: 1",
//           "(varav akut): 2", "Hemtjänst: 1 250 000" with groups of three
//           after a space, U+00A0 or U+202F)                      → no join;
//        3. A ends in letter/digit + hyphen, B starts with a letter or digit:
//           swedish::classify_line_end_hyphen decides: hyphen removed
//           ("målbilden"), kept ("SIP-möte") or suspended ("hälso- och");
//        4. A ends with . ! ? or "…" (closing quotes/brackets skipped):
//           join only when its last word is an abbreviation
//           (swedish::is_abbreviation: "bl.a.", "t.ex.", "pat.": an
//           abbreviation never ends a sentence) and B's first word is all
//           lower case, or the abbreviation takes a complement (not
//           swedish::closes_enumeration: "m.m.", "etc.", "osv.") and B is
//           prose (ends with . ! ? …, or is at least half the wrap width),
//           not a short heading;
//        5. A ends with : or ; : join only when B's first word is all lower
//           case and A wraps (rule 10);
//        6. B's first word is all lower case ("e-Hälsa" is not)  → join;
//        7. A's last line is at least half the wrap width (40 characters
//           when unknown) and stops on a function word ("till", "och") or
//           inside a quotation or brackets                        → join;
//        8. A is heading-like: one physical line under 0.6 × wrap width
//           (60 characters when unknown) that starts with a capital and
//           ends in a letter or digit, last word not a function word
//                                                                 → no join;
//        9. B starts with a digit or "("                         → join;
//       10. A wraps: its last line is ≥ 0.85 × wrap width, B's first word
//           would not have fitted after it, and B is not a short label
//           ending in ":" ("Annan, ange roll:")                   → join;
//       otherwise no join.
//     A join puts one space over the line break (a replacement run); a
//     removed hyphen and its line break are absorbed into the run of the
//     character before them. Each logical line's '\n' maps to the bytes
//     between its end and the next kept line (or the end of the file).
//   - NFC: when the document is not already NFC, each line that fails the
//     quick check is normalised with ICU edits, so only changed characters
//     become replacement runs.
//
// Example:
//   NormalizedText n = normalize("målbil-\nden är\n\nSida 2\nklar.\n");
//   // n.text == "målbilden är klar.\n", n.hyphens_repaired == 1,
//   // n.furniture_lines_removed == 1

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/running_lines.hpp"
#include "analyzer/core/span.hpp"

namespace analyzer {

// Maps byte offsets of the normalised text back to byte offsets of the
// original file. Built only by normalize(); everything else reads it.
class OffsetMap {
 public:
  // One run of normalised bytes and the original bytes they came from.
  // A "copy" run has norm_len == orig_len and maps byte for byte; any other
  // run (joined line break, repaired hyphen, NFC change) maps as a whole.
  struct Run {
    std::size_t norm_begin, norm_len;
    std::size_t orig_begin, orig_len;
    bool copy;
  };

  OffsetMap() = default;

  // Appends a run; runs must be appended in increasing order of both
  // coordinates (std::logic_error otherwise: a bug in the caller). Adjacent
  // copy runs are merged. Runs with no normalised bytes are not stored:
  // deleted original bytes need none, a span's ends already cover them.
  void add_copy(std::size_t norm_begin, std::size_t orig_begin, std::size_t len);
  void add_replacement(std::size_t norm_begin, std::size_t norm_len,
                       std::size_t orig_begin, std::size_t orig_len);

  // The original offset of normalised offset `pos` used as a span start /
  // span end. Inside a replacement run, a start maps to the run's original
  // start and an end to its original end, so a mapped span always covers
  // every original byte its text came from. `pos` at or past the end maps
  // to the original end of the last run. Cost: O(log runs).
  std::size_t to_original_begin(std::size_t pos) const;
  std::size_t to_original_end(std::size_t pos) const;
  // Both ends mapped as above; an empty span maps to an empty span at its
  // begin's position.
  ByteSpan to_original(ByteSpan norm) const;

  // Makes room for `count` runs (an estimate; only saves reallocation).
  void reserve(std::size_t count) { runs_.reserve(count); }

  const std::vector<Run>& runs() const { return runs_; }

 private:
  std::vector<Run> runs_;
};

struct NormalizedText {
  std::string text;              // logical lines, each ending in '\n'
  OffsetMap map;                 // normalised → original
  std::vector<ByteSpan> lines;   // normalised span of each logical line, without its '\n'
  std::size_t furniture_lines_removed = 0;   // page headers/footers/URL lines dropped
  // The running headers and footers among them (furniture lines of text,
  // not page numbers, dates, links or placeholders), distinct, each with
  // its span in the original (core/running_lines.hpp): segment/ reads them
  // for a respondent the text itself does not name.
  std::vector<RunningLine> running;
  std::size_t lines_joined = 0;              // wrapped physical lines re-joined
  std::size_t hyphens_repaired = 0;          // "målbil-\nden" → "målbilden"
  // Per logical line, the level of the heading it is (NormalizeOptions::
  // headings: 1 = top), 0 for any other line; empty when no headings were
  // given.
  std::vector<int> heading_levels;
};

struct NormalizeOptions {
  // Code points per line at which the export wrapped; 0 = estimate it from
  // the document (see the file comment).
  std::size_t wrap_width = 0;
  // Each line of the input is a paragraph of the source, not a line a PDF
  // export wrapped (DOCX: one line per paragraph, with its breaks): no two
  // lines are joined and no hyphen at a line end is repaired. Everything
  // else (furniture, blank lines, trimming, NFC) is done as usual.
  bool lines_are_paragraphs = false;
  // Headings the reader found (spans into the original, in order, not
  // overlapping; SourceFile::headings). A physical line that starts inside
  // one is never joined to a line outside it, before or after (lines of
  // one heading still join as wrapped lines do), and each logical line
  // gets its heading's level in NormalizedText::heading_levels. Not owned:
  // must outlive the call.
  const std::vector<TextHeading>* headings = nullptr;
};

// The options for a file read by the reader named `format`
// (SourceFile::format): lines_are_paragraphs for "docx".
NormalizeOptions normalize_options_for(std::string_view format);

// Normalises one document (see the file comment). Never fails on valid
// UTF-8 input; an empty or all-blank input gives an empty text. Throws
// std::runtime_error only when ICU's NFC data is missing (a broken install).
NormalizedText normalize(std::string_view original);
NormalizedText normalize(std::string_view original, const NormalizeOptions& options);

}  // namespace analyzer
