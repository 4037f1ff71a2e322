#pragma once
// Stage: report (data only). Quoted excerpts for a synthesis: the sentences
// that hold a theme's mentions, with the mention marked and a citation.
//
// In:  answers with the mentions ingest found (Mention::sentence_in_text,
//      in_text, sentence), in source order as IndexReader::answers gives
//      them; the theme, the contact names stored in the index.
// Out: ExcerptList, ranked for a synthesis:
//   - an excerpt is the whole sentence or list item holding the mention,
//     taken from the answer's text; all mentions of the theme inside it are
//     marked. The text is tidied for quoting: a leading list bullet ("• ",
//     "- ", "a) ") is dropped and runs of white space become one space
//     (Citation::span still covers the sentence as ingest found it);
//   - near-duplicates (the same sentence reused across years or
//     respondents: equal after case folding and collapsing spaces and
//     punctuation) are one excerpt with all their sources; so is a
//     sentence of 8 words or more found whole inside a longer one (a
//     heading the export ran into it): the shorter text is shown, and each
//     source's span is that source's own sentence;
//   - ranking spreads over respondents and years first (no second quote
//     from a respondent before every respondent has one), longer, complete
//     sentences before fragments too short to stand alone (under 5 words:
//     a bare list item), then source order;
//   - personal data never leaves: the excerpt and its question text go
//     through PersonalDataMasker (mask/personal_data.hpp: e-mail addresses,
//     personnummer, phone numbers, the contact names: "[e-post]",
//     "[personnummer]", "[telefon]", "[namn]"), marks moved along.
// Ranking in detail: fragments come after every complete sentence; within
//   each of the two, an excerpt's round is how many excerpts of its
//   respondent (respondent_key(), theme_report.hpp) come before it, where a
//   respondent's own excerpts alternate over its years; rounds come in
//   order, and within a round the years alternate too; ties go by source
//   order. A near-duplicate ranks as its first source.
// Mentions without sentence spans (an index written before analysis
//   version 2) give no excerpt.
// Cost: linear in the mentions of the theme, plus sorting; two ICU word
//   iterators per call (case folding and word counts here, name matching
//   in the masker); masking with contact names is the costly part. No I/O,
//   no shared state: thread-safe.
//
// Example (the answer of tests/unit/excerpts_test.cpp, "fragments ... come last"):
//   ExcerptList l = build_excerpts(reader.answers({.theme = "sip"}), "sip", "SIP",
//                                  reader.contact_names(), {.limit = 3});
//   const Excerpt& e = l.excerpts[0];   // text "Vi har infört SIP i hela kommunen."
//   e.marks;                            // {[15,18)}: "SIP" ("ö" is two bytes)
//   e.sources[0].respondent;            // "Kommun B"; .span: the sentence in the file

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/records.hpp"
#include "analyzer/report/report_provenance.hpp"
#include "analyzer/mask/personal_data.hpp"   // mask_personal_data, used with excerpts

namespace analyzer {

struct Citation {
  std::string answer_id;
  std::string source;
  std::optional<int> year;
  std::string region;
  std::string respondent_type;
  std::string respondent;
  std::string question;        // as printed ("5a")
  std::string question_text;   // masked like the excerpt, white space collapsed
  ByteSpan span;               // original byte offsets of the sentence in `source`
  // Where the sentence's first mention of the theme starts in `source` (its
  // line, page, paragraph or cell: Mention::location); empty for an index
  // written before analysis version 4.
  RecordLocation location;
  LayoutKind layout = LayoutKind::Unknown;  // Report: `question` is a section heading
};

struct Excerpt {
  std::string theme;
  std::string text;               // the sentence, masked
  std::vector<ByteSpan> marks;    // the theme's mentions, byte offsets into `text`;
                                  // sorted, non-empty, not overlapping
  std::vector<Citation> sources;  // one per place the sentence occurs (first = ranked one)
  bool fragment = false;          // too short to stand alone
};

struct ExcerptList {
  std::string theme;
  std::string label;
  std::size_t sentences = 0;      // distinct sentences found before the limit
  std::vector<Excerpt> excerpts;  // ranked, at most the limit
  // Where the excerpts come from (report_provenance.hpp): set by the caller
  // (cli/excerpts_command.cpp), never by build_excerpts; printed when set.
  std::optional<ReportProvenance> provenance;
};

// The source files the excerpts quote (first sources and near-duplicates'),
// sorted, each once: what ReportProvenance::sources should describe.
std::vector<std::string> excerpt_sources(const ExcerptList& list);

struct ExcerptOptions {
  std::size_t limit = 10;         // 0: no limit
  std::size_t fragment_words = 5; // fewer words than this: a fragment
};

// The ranked excerpts of `theme` in `answers` (see the file comment);
// mentions of other themes are ignored. No answers or no mention of the
// theme give an empty list. Names that are empty or hold no word are
// ignored.
ExcerptList build_excerpts(const std::vector<AnswerRecord>& answers, const std::string& theme,
                           const std::string& label, const std::vector<std::string>& contact_names,
                           const ExcerptOptions& options);


}  // namespace analyzer
