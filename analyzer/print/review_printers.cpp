#include "analyzer/print/review_printers.hpp"

#include "analyzer/print/location_text.hpp"
#include "analyzer/print/terminal_text.hpp"

namespace analyzer {

const char* const kReviewKeysHelp =
    "  a  accept the mention (stored at once)\n"
    "  r  reject the mention (stored at once)\n"
    "  s  skip it: nothing stored; it comes again in the next review\n"
    "  m  write a memo (one line; Enter ends it, an empty line writes nothing):\n"
    "     on the decision just made when the last key was a or r, else on the\n"
    "     answer shown\n"
    "  u  undo this session's last decision: its coding is marked removed\n"
    "     (kept in the store, memos included) and the mention is shown again,\n"
    "     undecided; when that decision had replaced your opposite decision on\n"
    "     the mention (made elsewhere), that one stays removed: decide again\n"
    "  q  quit (every decision is stored already; so is Ctrl-C's exit)\n"
    "  ?  this help\n"
    "  Ctrl-L  draw the screen again (also done after Ctrl-Z and fg)\n";

void print_review_item(const coding::ReviewItem& item, std::size_t number, std::size_t total,
                       const std::string& theme, const std::string& label, bool terminal, std::ostream& out) {
  if (terminal) out << "\x1b[H\x1b[2J";
  out << number << '/' << total << "  " << terminal_text(theme);
  if (!label.empty() && label != theme) out << " (" << terminal_text(label) << ')';
  out << '\n';
  out << "source:     " << terminal_text(source_and_location(item.coding.source, item.location)) << '\n';
  out << "respondent: " << terminal_text(item.respondent.empty() ? "(unknown)" : item.respondent);
  if (item.year) out << ", " << *item.year;
  out << '\n';
  out << "question:   " << terminal_text(item.question);
  if (!item.question_text.empty() && item.question_text != item.question)
    out << "  " << terminal_text(item.question_text);
  out << "\n\n  ";
  if (item.cut_before) out << "… ";
  const std::string& text = item.context;
  std::size_t at = 0;
  for (const ByteSpan& m : item.marks) {
    if (m.begin < at || m.end > text.size()) continue;
    out << terminal_text(std::string_view(text).substr(at, m.begin - at));
    out << (terminal ? "\x1b[1;7m" : "«") << terminal_text(std::string_view(text).substr(m.begin, m.size()))
        << (terminal ? "\x1b[0m" : "»");
    at = m.end;
  }
  out << terminal_text(std::string_view(text).substr(at));
  if (item.cut_after) out << " …";
  out << "\n\n";
}

void print_review_prompt(const std::string& memo_target, std::ostream& out) {
  out << "[a]ccept [r]eject [s]kip [m]emo (on " << terminal_text(memo_target) << ") [u]ndo [q]uit [?]help > ";
}

void print_review_summary(const coding::ReviewSummary& s, const std::string& coder, std::ostream& out) {
  out << "review by " << terminal_text(coder) << ": " << s.accepted << " accepted, " << s.rejected << " rejected, "
      << s.skipped << " skipped, " << s.undone << " undone, " << s.memos << (s.memos == 1 ? " memo" : " memos")
      << "; " << s.remaining << " of " << s.total << " mentions remain to review\n";
}

}  // namespace analyzer
