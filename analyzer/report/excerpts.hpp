#pragma once
// Stage: report (data only). Quoted excerpts for a synthesis: the sentences
// that hold a theme's mentions, with the mention marked and a citation.
//
// In:  answers with the mentions ingest found (Mention::sentence_in_text,
//      in_text, sentence), the theme, the contact names stored in the index.
// Out: ExcerptList, ranked for a synthesis:
//   - an excerpt is the whole sentence or list item holding the mention,
//     taken from the answer's text; all mentions of the theme inside it are
//     marked;
//   - near-duplicates (the same sentence reused across years or
//     respondents: equal after case folding and collapsing spaces and
//     punctuation) are one excerpt with all their sources;
//   - ranking spreads over respondents and years first (no second quote
//     from a respondent before every respondent has one), longer, complete
//     sentences before fragments too short to stand alone (under 5 words:
//     a bare list item), then source order;
//   - personal data never leaves: e-mail addresses, phone numbers and the
//     contact names are masked ("[e-post]", "[telefon]", "[namn]").
// Cost: linear in the mentions of the theme, plus sorting.

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/records.hpp"

namespace analyzer {

struct Citation {
  std::string answer_id;
  std::string source;
  std::optional<int> year;
  std::string region;
  std::string respondent_type;
  std::string respondent;
  std::string question;        // as printed ("5a")
  std::string question_text;
  ByteSpan span;               // original byte offsets of the sentence in `source`
};

struct Excerpt {
  std::string theme;
  std::string text;               // the sentence, masked
  std::vector<ByteSpan> marks;    // the theme's mentions, byte offsets into `text`
  std::vector<Citation> sources;  // one per place the sentence occurs (first = ranked one)
  bool fragment = false;          // too short to stand alone
};

struct ExcerptList {
  std::string theme;
  std::string label;
  std::size_t sentences = 0;      // distinct sentences found before the limit
  std::vector<Excerpt> excerpts;  // ranked, at most the limit
};

struct ExcerptOptions {
  std::size_t limit = 10;         // 0: no limit
};

ExcerptList build_excerpts(const std::vector<AnswerRecord>& answers, const std::string& theme,
                           const std::string& label, const std::vector<std::string>& contact_names,
                           const ExcerptOptions& options);

// Masks e-mail addresses, phone numbers (Swedish forms: 070-123 45 67,
// 08-123 456 78, +46 70 123 45 67) and the given names in `text`. Marks
// (byte spans into `text`) are moved to the masked text; a mark that
// overlaps masked text keeps its ends outside it.
std::string mask_personal_data(std::string_view text, const std::vector<std::string>& names,
                               std::vector<ByteSpan>* marks = nullptr);

}  // namespace analyzer
