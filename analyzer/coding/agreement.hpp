#pragma once
// Stage: coding. Intercoder agreement: how far two coders' codings of the
// same answers agree, per theme and overall, and how the lexicon's automatic
// mentions fare against each coder.
//
// In:  the answers of the index with their automatic mentions
//      (AnswerRecord::mentions, `in_text` set by ingest), the codings of the
//      store (store.hpp; any coders, any order), the two coders' names, and
//      the lexicon theme ids to report, in order.
// Out: an AgreementReport (plain data; print/agreement_printers.hpp prints
//      it): per theme and overall, answer-level agreement (a 2x2 table,
//      percent agreement, Cohen's kappa), segment-level agreement (the share
//      of segments the other coder matched), the lexicon's precision, recall
//      and F1 against each coder, and the answers where the coders differ.
//
// UNITS. The units are the answers BOTH coders reviewed: an answer is
// reviewed by a coder when the coder has at least one coding in it (a
// decision, accepted or rejected, on any mention, or a manual coding with a
// theme or an own code), whatever its theme. Reviewing an answer is taken to
// mean reading it whole, for every theme the coder reviews at all: a theme
// takes part only when BOTH coders coded it at least once (a decision or a
// manual coding with it, in any unit). A theme one of them never coded (a
// review of SIP alone says nothing about mobila team) is left out: its row
// stays empty with ThemeAgreement::reviewed_by_both false, it is not pooled
// into "all", and the lexicon is measured against a coder only on the themes
// that coder coded. Answers only one coder reviewed are
// left out and counted (AgreementReport::only_a, only_b). Codings that are
// removed or orphaned (their quote was not found after a re-ingest), and
// codings in answers not among `answers` (filtered away, or gone), are not
// read; orphaned ones are counted.
//
// ANSWER LEVEL, per (unit, theme): a coder judges the theme PRESENT when the
// coder accepted an automatic mention of it in the answer or coded a span of
// the answer with it by hand; ABSENT otherwise (a rejected mention, an
// undecided mention, nothing). The lexicon judges it present when the
// answer has an automatic mention of the theme. Per theme a 2x2 table of the
// units: both present, only A, only B, neither. "all" pools every (unit,
// theme) pair of the listed themes into one table.
//   observed agreement  po = (both + neither) / n
//   chance agreement    pe = pA·pB + (1 − pA)(1 − pB), pA = (both + only A) / n,
//                       pB = (both + only B) / n
//   Cohen's kappa       κ = (po − pe) / (1 − pe)
//   All three are undefined (nullopt) when n = 0; κ is undefined when
//   pe = 1 (both coders judged every unit the same single way: all present or
//   all absent; agreement is then perfect but nothing tells it from chance).
//   Printers say "odefinierat", never NaN.
//
// SEGMENT LEVEL, as MAXQDA's intercoder check with "segment overlap": a
// coder's segments are the spans (of the answer's text) of the coder's
// accepted and manual codings with a theme, in the units (the same span and
// theme twice is one segment; a span that no longer lies in the answer's
// text is no segment). A segment AGREES when the other coder has a
// segment of the same theme in the same answer that overlaps it by at least
// `min_overlap_percent` percent, overlap being the characters (code points)
// both cover as a share of the characters either covers (intersection over
// union; equal spans are 100 %, disjoint ones 0 %). Each segment of each
// coder is checked (A's against B's, B's against A's); percent = agreeing
// segments / all segments of both coders, undefined when there are none.
//
// LEXICON against each coder, answer level: TP = lexicon and coder present,
// FP = lexicon only, FN = coder only (eval/eval.hpp Counts: precision,
// recall, F1 and their undefined cases).
//
// DIFFERENCES: every (unit, theme) where A and B judge differently, in the
// order of `answers`, then of `themes`.
//
// Own codes take part only in deciding which answers a coder reviewed; they
// have no rows (they are not lexicon themes).
//
// Cost: O(C + A·T + S²) time (C codings, A answers, T themes, S segments of
// one answer and theme: a handful), memory for the report and the
// differences. Pure: no I/O, no global state; never throws but for
// allocation.
//
//   AgreementOptions o;                  // 90 % overlap
//   AgreementReport r = measure_agreement(view.answers, codings, "anna", "bo",
//                                         {"sip", "mobila_team"}, o);
//   r.all.answers.kappa();               // std::optional<double>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/coding/store.hpp"
#include "analyzer/core/records.hpp"
#include "analyzer/eval/eval.hpp"

namespace analyzer::coding {

struct AgreementOptions {
  // The overlap (0 < x <= 100) a segment needs with one of the other
  // coder's segments to agree.
  double min_overlap_percent = 90.0;
};

// Units of one theme (or all themes) by the two coders' judgements.
struct AnswerAgreement {
  std::size_t both = 0;     // A and B: present
  std::size_t only_a = 0;   // A present, B absent
  std::size_t only_b = 0;   // B present, A absent
  std::size_t neither = 0;  // both absent

  std::size_t units() const { return both + only_a + only_b + neither; }
  std::optional<double> observed() const;  // po; nullopt when no unit
  std::optional<double> expected() const;  // pe; nullopt when no unit
  std::optional<double> kappa() const;     // nullopt when no unit or pe = 1
  AnswerAgreement& operator+=(const AnswerAgreement& other);
  friend bool operator==(const AnswerAgreement&, const AnswerAgreement&) = default;
};

// Segments of one theme (or all themes), and how many agree.
struct SegmentAgreement {
  std::size_t a_segments = 0;
  std::size_t a_agreeing = 0;  // A's segments B matched
  std::size_t b_segments = 0;
  std::size_t b_agreeing = 0;  // B's segments A matched

  std::size_t segments() const { return a_segments + b_segments; }
  std::size_t agreeing() const { return a_agreeing + b_agreeing; }
  std::optional<double> percent() const;  // 0..100; nullopt when no segment
  SegmentAgreement& operator+=(const SegmentAgreement& other);
  friend bool operator==(const SegmentAgreement&, const SegmentAgreement&) = default;
};

struct ThemeAgreement {
  std::string theme;          // theme id; "all" for the pooled row
  bool reviewed_by_both = true;  // both coders coded the theme at least once
  AnswerAgreement answers;
  SegmentAgreement segments;
  Counts lexicon_vs_a;        // answer level, the coder as gold
  Counts lexicon_vs_b;
};

// A (unit, theme) the coders judge differently.
struct CoderDifference {
  std::string answer_id;
  std::string source;
  std::string question;
  std::string theme;
  bool a = false;             // A judges the theme present
  bool b = false;
  friend bool operator==(const CoderDifference&, const CoderDifference&) = default;
};

struct AgreementReport {
  std::string coder_a;
  std::string coder_b;
  double min_overlap_percent = 90.0;
  std::size_t units = 0;              // answers both reviewed
  std::size_t only_a = 0;             // answers only A reviewed (left out)
  std::size_t only_b = 0;             // answers only B reviewed (left out)
  std::size_t orphaned_codings = 0;   // of A and B, not read
  std::vector<ThemeAgreement> themes; // one per listed theme, in order
  ThemeAgreement all;                 // every theme pooled; theme "all"
  std::vector<CoderDifference> differences;
};

// The percentage of characters both spans of `text` cover among those either
// covers (0..100); 0 when either span is empty or they do not meet. Spans
// must lie in `text`.
double overlap_percent(std::string_view text, ByteSpan a, ByteSpan b);

// Measures the agreement of `coder_a` and `coder_b` on `answers`, as the
// comment at the top defines. A theme listed twice gets one row. Codings of
// other coders are ignored.
AgreementReport measure_agreement(const std::vector<AnswerRecord>& answers, const std::vector<Coding>& codings,
                                  const std::string& coder_a, const std::string& coder_b,
                                  const std::vector<std::string>& themes, const AgreementOptions& options = {});

}  // namespace analyzer::coding
