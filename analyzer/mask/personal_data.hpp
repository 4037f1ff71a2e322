#pragma once
// Stage: mask. Personal data out of every text we show: the one masking
// function used by every output that quotes answer text (excerpts, every
// report format, search snippets in every format). `answers`, `mentions`
// and `numbers` print the stored records raw and do not mask.
//
// In:  UTF-8 text (an excerpt, a snippet, a question text, a label) and the
//      contact names the index holds (IndexReader::contact_names).
// Out: the text with each piece of personal data replaced by a mask token,
//      in Swedish, in square brackets:
//        [e-post]         e-mail address
//        [personnummer]   Swedish personal identity or coordination number
//        [telefon]        phone number
//        [namn]           a contact-block name
//      and, when given, byte spans into the text (marks) moved to the
//      masked text (text_edits.hpp).
// What is masked:
//   E-mail: local@domain.tld, also with "(at)" or "[at]" for "@"; letters
//     beyond ASCII (å, ä, ö) count.
//   Personnummer and samordningsnummer (the day + 60): YYYYMMDD-NNNN,
//     YYMMDD-NNNN, YYMMDD+NNNN (100 years or older), YYYYMMDDNNNN,
//     YYMMDDNNNN, with "-", "+", "–" (en dash), "‑", a space or a no-break
//     space before the last four digits ("+" is masked in the twelve-digit
//     form too, where it is no correct form but still the number). The number must be a real one: month
//     01-12, day 01-31 (61-91 for a samordningsnummer), century 18, 19 or
//     20 in the 12-digit forms, and the Luhn check digit right. Ordinary
//     numbers are left alone: years, dates (20191231, 2019-12-31), ranges
//     (2019-2022), amounts, and case numbers that fail the check digit
//     (about nine in ten ten-digit numbers do). Not inside a longer run of
//     digits or letters, nor after a digit and "-", "/", ".", "," or ":".
//   Phone: "0" + area code, or "+46" / "0046" (an optional "(0)"), then
//     digit groups joined by one space, "-", "–" or "/": 8 to 10 digits in
//     all with the leading 0 (7 to 9 after +46); also "46" + 8 or 9 digits
//     written together (46701234567), and groups of 2 or 3 digits joined
//     by '.' from the area code on: four groups or more, 9 digits or more,
//     a group of 3 after the area code or a 07x mobile number
//     (070.123.45.67, 08.123.45.67; not a date "05.12.2023", a time
//     "08.30.09.45" or a code "01.02.03.04"). Not preceded by a letter or digit
//     (nor by a digit and "-", "/", ".", "," or "+"), so years, dates
//     (2019-10-01), amounts ("25 milj kr"), percentages and counts stay; a
//     following group that would make too many digits is left out.
//   Names: the whole name as a sequence of words (ICU word boundaries, not
//     RE2's ASCII \b), case-insensitive (ICU case folding), the words
//     joined by white space or "-" in the text; a genitive "s" (":s", "'s")
//     on the last word is masked with it. Parts of a name alone ("Maria")
//     are not masked: too many are ordinary words or other people. Names
//     that are empty or hold no word are ignored.
// Where kinds overlap, e-mail wins over personnummer over phone over name.
// Cost: linear in the text for e-mail, personnummer and phone (one RE2 scan,
//   two byte scans); names add one ICU word pass over the text and a hash
//   lookup per word (names are indexed by their first word), so the cost
//   does not grow with the number of names. Building a masker folds every
//   name once. A masker is not thread-safe (it holds an ICU iterator); use
//   one per thread. Never throws on user data.
//
// Example:
//   PersonalDataMasker masker({"Maria Högkvist"});
//   masker.mask("Maria Högkvist, 19121212-1212, 070-123 45 67")
//     // "[namn], [personnummer], [telefon]"
//   masker.mask_marked("«SIP» med maria@kommun.se", "«", "»")
//     // "«SIP» med [e-post]"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/span.hpp"
#include "analyzer/mask/text_edits.hpp"

namespace analyzer {

class PersonalDataMasker {
 public:
  // `names`: the contact names to mask (see the file comment).
  explicit PersonalDataMasker(const std::vector<std::string>& names = {});
  ~PersonalDataMasker();
  PersonalDataMasker(const PersonalDataMasker&) = delete;
  PersonalDataMasker& operator=(const PersonalDataMasker&) = delete;

  // `text` masked. `marks`, when given, are byte spans into `text`, moved
  // to the masked text; a mark that overlaps masked text keeps its ends
  // outside it (it then covers the whole mask token).
  std::string mask(std::string_view text, std::vector<ByteSpan>* marks = nullptr);

  // What mask() replaces in `text`: the edits (sorted, not overlapping;
  // text_edits.hpp), empty when there is no personal data. For callers that
  // must map positions both ways between a text and its masked form (a
  // REFI-QDA export and its import).
  std::vector<TextEdit> edits(std::string_view text);

  // For text whose marks are written into it (a search snippet: "«word»"):
  // the marks are taken out, the text masked, the marks put back where the
  // masked text has them. An `open` without a `close` after it stays as
  // text; so does a lone `close`. Text without personal data comes back
  // byte for byte. `open` and `close` must not be empty.
  std::string mask_marked(std::string_view text, std::string_view open, std::string_view close);

 private:
  struct Names;
  std::unique_ptr<Names> names_;
};

// One-off: PersonalDataMasker(names).mask(text, marks). Creates an ICU word
// iterator per call; reuse a PersonalDataMasker for many texts.
std::string mask_personal_data(std::string_view text, const std::vector<std::string>& names,
                               std::vector<ByteSpan>* marks = nullptr);

// Whether `digits` (exactly ten ASCII digits, YYMMDDNNNN) is a valid
// personnummer or samordningsnummer: a real month, a real day (or day + 60),
// and the Luhn check digit right.
bool valid_personnummer_digits(std::string_view digits);

}  // namespace analyzer
