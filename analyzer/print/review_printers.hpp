#pragma once
// The screens of `analyzer review` (coding/review_session.hpp): one mention
// to decide on, the help of the keys, the summary at the end. They take
// the session's data (texts already masked) and compute nothing.
//
// A mention (print_review_item):
//   12/48  sip (SIP)                                  progress, theme
//   source:     008_exempel.csv, rad 7, kolumn F      file and citation (location_text)
//   respondent: Region Exempel, 2022
//   question:   5a  Hur arbetar ni med SIP?           id and text
//
//     … the sentence with the «mention» marked and a little context …
//
// `terminal` true: the screen is cleared first and the mention is shown in
// bold reverse video (ESC [1;7m … ESC [0m); false: between « and ». Every
// text from the index goes through terminal_text (print/terminal_text.hpp),
// so an answer can never move the cursor or recolour the screen.
// The prompt (print_review_prompt) names the keys and where a memo goes.

#include <ostream>
#include <string>

#include "analyzer/coding/review_session.hpp"

namespace analyzer {

// The keys, one per line, with what each does (also in `review --help`).
extern const char* const kReviewKeysHelp;

void print_review_item(const coding::ReviewItem& item, std::size_t number, std::size_t total,
                       const std::string& theme, const std::string& label, bool terminal, std::ostream& out);

// "[a]ccept [r]eject [s]kip [m]emo (on …) [u]ndo [q]uit [?]help > ", no line end.
void print_review_prompt(const std::string& memo_target, std::ostream& out);

// accepted, rejected, skipped, undone, memos; how many mentions remain.
void print_review_summary(const coding::ReviewSummary& summary, const std::string& coder, std::ostream& out);

}  // namespace analyzer
