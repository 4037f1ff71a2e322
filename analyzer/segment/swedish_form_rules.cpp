#include "analyzer/segment/swedish_form_rules.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "analyzer/segment/lazy_pattern.hpp"
#include "analyzer/text/swedish_text.hpp"

namespace analyzer::form_rules {
namespace {

using re2::RE2;

// Each pattern is compiled on its first use (LazyPattern): a file whose
// lines never reach a rule does not pay for compiling it. RE2 objects are
// thread-safe for matching.

// A numeric item's value: digits, optionally in groups of three after a
// first group of one to three ("1 250", "12 500", "1 250 000"), each group
// after one space, no-break space (U+00A0) or narrow no-break space (U+202F);
// then an optional decimal part. At most nine digits before the decimal
// part either way (999 999 999). The first group does not start with 0
// ("070 123 456" is a phone number), "2019 2022" and "5 10" are not groups
// of three, so such lines stay what they were.
constexpr const char* kNumberValue =
    R"((-?(?:[1-9]\d{0,2}(?:[ \x{00A0}\x{202F}]\d{3}){1,2}|\d{1,9})(?:[.,]\d+)?))";

// A contact line's label and its ':' ("Ditt namn:", "E-post :",
// "Kontaktperson:", "Namn på kontaktperson:", "Handläggare:").
constexpr const char* kContactLabel =
    R"((?i)^(ditt\s+namn|namn\s+på\s+kontaktperson|kontaktpersonens\s+namn|kontaktperson|)"
    R"((?:ansvarig\s+)?handläggare|uppgiftslämnare|namn|din\s+e-?postadress|e-?postadress|e-?post|)"
    R"(telefon(?:nummer)?|region|rss|kommun|organisation|respondent|län)\s*:)";

// Three rules bound a run of characters by a count ("[^:.?!]{0,200}?",
// ".{0,240}?", ".{1,120}"). RE2 compiles a counted repetition into one
// copy of the class per count, which makes these the slowest patterns to
// compile (1.8-5.7 ms each, more than all other form rules together on a
// small file). So each rule is matched with its counts dropped ("*?",
// "+"), which compiles in a tenth of the time, and the runs it counts are
// captured and counted in code: whatever the rule as written matches, the
// loose pattern matches too, and when the loose pattern's own match keeps
// within the counts, the rule as written matches the same text (the
// runs are where the counts apply; all else is the same pattern). Only a
// loose match that passes a count needs the rule as written (`exact`,
// compiled when first needed) to decide.
struct BoundedPattern {
  // `text(true)` is the rule as written, `text(false)` the same without its counts.
  explicit BoundedPattern(std::string (*text)(bool bounded)) : exact(text(true)), loose(text(false)) {}
  LazyPattern exact, loose;
};

// `cls` repeated `min` to `max` times, or (not `bounded`) `min` or more
// times; lazily when `lazy`.
std::string repeat(bool bounded, const char* cls, int min, int max, bool lazy) {
  std::string r = cls;
  if (bounded) r += "{" + std::to_string(min) + "," + std::to_string(max) + "}";
  else r += min == 0 ? "*" : "+";
  return lazy ? r + "?" : r;
}

// The characters (UTF-8 code points) of a captured run.
std::size_t chars_in(re2::StringPiece run) {
  std::size_t n = 0;
  for (char c : run) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// A sub-label that asks for text, to its ':' (field_label()). Groups: 1 the
// run after a label word (at most 200 characters), 2 and 3 the runs before
// and after ", ange"/", beskriv"/", specificera" (at most 240 and 80).
std::string field_label_pattern(bool bounded) {
  return R"((?i)^(?:(?:lämna\s+gärna\s+en\s+kommentar|kommentar|kommentera|övriga?\s+kommentarer?|)"
         R"(om\s+(?:ja|nej)|specificera|motivera|fritext|beskriv|förklara)()" +
         repeat(bounded, "[^:.?!]", 0, 200, true) + ")|(" + repeat(bounded, "[^:.?!]", 0, 240, true) +
         R"(),\s*(?:ange|beskriv|specificera)\s+()" + repeat(bounded, "[^:.?!]", 0, 80, true) + R"()):(?:\s+|$))";
}

// Help under a prompt (FormLine::Help). Group 1: what "Med ... avses" says
// (at most 120 characters).
std::string help_pattern(bool bounded) {
  return std::string(R"((?i)^(?:[•\-–]\s*)?(?:)"
         R"(beskriv\s+(?:med\s+)?(?:max|högst)|)"
         R"(beskriv\s+viktiga|här\s+kan\s+du|ange\s|)"
         R"(du\s+kan\s+(?:välja|ange|markera|bifoga)|)"
         R"(välj\s+(?:ett|flera|ett\s+eller\s+flera|upp\s+till)|)"
         R"(ange\s+(?:ett|flera)\s+svarsalternativ|)"
         R"(med\s+()" + repeat(bounded, ".", 1, 120, false) + R"()\s+(?:avses|menas)\b|)"
         R"(här\s+avses|)"
         R"(gör\s+en\s+uppskattning|)"
         R"(om\s+svaret\s+är|)"
         R"(skicka\s+(?:in|gärna|dokument)|)"
         R"(-?\s*bifoga\b|)"
         R"(observera\b|obs[!:.]|notera\b|)"
         R"(frågan\s+(?:syftar|avser|gäller)|)"
         R"(nämn\s+högst|)"
         R"(beskriv\s+högst|)"
         R"(lyft\s+gärna|)"
         R"((?:regionens|kommunens|kommunernas|rss:?s?)\s+svar\s+på\s+fråga|)"
         R"(svaren\s+på\s+(?:fråga|dessa)|)"
         R"(underlag\s+(?:till|för)\s+svar|)"
         R"(riktvärdet\s+är)"
         R"())"
         R"(|(?i)\bi\s+fråga\s+\d+[a-z]?\s*\.?\s*$)"
         R"(|(?i)\bkan\s+(?:lämnas|skickas)\s+(?:nedan|direkt|i\s+word|till))");
}

// label, optional ", ange antal" / "antal", then the number. The rule
// bounds the label to 241 characters ("\S.{0,240}?"); the pattern leaves
// the count out and numeric_item() checks the label it captured. The count
// is lazy, so the loose pattern's label is the shortest that matches: when
// it is longer than the bound, every label is, and the rule as written
// matches nothing. (No `exact` pattern is needed.)
constexpr const char* kNumericLabelled = R"(^(\S.*?)\s*(?:,\s*ange\s+(?:antal|andel|procent)|:)\s*:?\s*)";
constexpr std::size_t kNumericLabelMaxChars = 1 + 240;

struct Patterns {
  // A question line: id, then the prompt, which starts with a capital
  // letter and runs to the end of the line. Only the start is matched (the
  // id and the prompt's first letter): the prompt is the rest of the line,
  // so no submatch pass runs over it.
  LazyPattern question_head{R"(^(?:[Ff]råga\s+)?(\d{1,2}(?:\s?[a-z])?)\s*[.):]\s+(\p{Lu}))"};
  // A list mark of the form scope (swedish_text.hpp), with or without a
  // space after it, "a)" or "o ".
  LazyPattern bullet{"^(?:[" + swedish::bullet_symbol_class(swedish::BulletScope::Forms) + swedish::bullet_dash_class() +
             "]|[a-z]\\)|o\\s)"};
  LazyPattern option_mark{"(?:^[\xef\x82\xb7☐☒]|[☐☒]\\s*$)"};
  LazyPattern field_limit{R"((?i)^(?:beskriv\s+)?(?:med\s+)?(?:max(?:imalt)?|högst)\s+\d[\d ]*\s+tecken)"
                  R"(|(?i)^beskriv\s+med\s+max)"};
  // The limit as the last sentence of a longer line: "... i kommunfrågorna.
  // Beskriv med max 5000 tecken." or a prompt joined with its limit.
  LazyPattern trailing_field_limit{R"((?i)[.?!:]\s+(?:beskriv\s+)?(?:med\s+)?(?:max(?:imalt)?|högst)\s+\d[\d ]*\s+tecken\.?\s*$)"};
  BoundedPattern help{help_pattern};
  // A sub-label: short text ending in ':' that asks for text.
  BoundedPattern field_label{field_label_pattern};
  LazyPattern placeholder{R"((?i)^(?:klicka\s+eller\s+tryck\s+här\s+för\s+att\s+ange\s+text\.?|_{3,}|\.{5,})\s*$)"};
  LazyPattern boilerplate{
      R"((?i)^(?:klicka\s+här|tack\s+för\s+(?:dina|era)\s+svar|ett\s+svarskvitto|)"
      R"(du\s+kan\s+ändra\s+dina\s+svar|eventuella\s+påminnelser|för\s+mer\s+information\s+om\s+registrerades|)"
      R"(har\s+du\s+frågor\s+eller\s+funderingar|vi\s+behandlar\s+ditt\s+namn|dina\s+kontaktuppgifter|)"
      R"(igen\.?$|svaren\s+sparas\s+när|vid\s+paus\s+i\s+svarandet|ändringar\s+i\s+svaren|)"
      R"(sist\s+i\s+formuläret|skriv\s+ut\s+dina\s+svar))"};
  LazyPattern form_end{R"((?i)^tack\s+för\s+(?:dina|era|ditt|ert)\s+svar)"};
  LazyPattern agreement{R"((?i)^(?:från|ur|citat\s+ur|utdrag\s+ur)\s+överenskommelsen\s*:?\s*)"};
  LazyPattern section{R"(^(?:Del|Avsnitt|Område|DEL)\s+(?:[A-Z]|\d{1,2}|[IVX]+)\s*[:.–-]\s*\S)"};
  LazyPattern survey_title{
      R"((?i)^(?:enkät\s+till\s+\S|(?:slut|del)?redovisning\s+av\s+\S|uppföljning\s+av\s+)"
      R"((?:regionernas|kommunernas|rss)|enkätundersökning\s+till\s+\S))"};
  LazyPattern subject{R"((?i)^denna\s+(?:redovisning|rapport|enkät)\s+avser\s+(.+?)\s*\.?\s*$)"};
  LazyPattern contact{std::string(kContactLabel) + R"(\s*(.*?)\s*$)"};
  // `contact` up to its ':', without the value: the cheap first check.
  LazyPattern contact_head{std::string(kContactLabel)};
  LazyPattern numeric_labelled{std::string(kNumericLabelled) + kNumberValue + R"(\s*%?\s*$)"};
  LazyPattern any_letter{R"(\p{L})"};
  LazyPattern starts_with_letter{R"(^\p{L})"};
  LazyPattern number_alone{std::string(R"(^\s*)") + kNumberValue + R"(\s*(?:%|st\.?|stycken)?\s*$)"};
  LazyPattern numeric_measure{
      std::string(R"((?i)^((?:ange\s+)?(?:antal|andel(?:\s+i\s+procent)?|procent|indextal|index|summa|totalt)(?:\s+\p{L}+){0,3}?)\s*:?\s+)") + kNumberValue +
      R"(\s*%?\s*$)"};
  LazyPattern choice_prompt{
      R"((?i)(?:^(?:har|finns|är|deltar|används|sker|erbjuder|bedriver|ingår|bedömer)\s)"
      R"(|^(?:kan|ska|gör|anser)\s.*\?\s*$)"
      R"(|^ange\s+(?:om|hur\s+många|vilka|vilken|vilket|i\s+vilken|kontinuitetsindex)\b)"
      R"(|^i\s+vilken\s+(?:utsträckning|grad)\b)"
      R"(|^hur\s+(?:stor|många|ofta)\b)"
      R"(|svarsalternativ)"
      R"(|^för\s+vilka\b))"};
  LazyPattern sentence_end{R"([.!?…]["”’»)]?\s*$)"};
  // Notes (FormLine::Note). A footnote: 1-3 digits, then (with or without
  // a space) a URL, or a capital letter or an opening quote/bracket.
  LazyPattern note_number_url{R"(^\d{1,3}\s*(?:https?://|www\.))"};
  LazyPattern note_number_text{R"(^\d{1,3}\s*[\p{Lu}"”„«(])"};
  // A superscript footnote mark ("¹", "²³") opening a line: body text never
  // starts with one, so whatever follows is the footnote.
  LazyPattern note_superscript{R"(^[¹²³⁰⁴⁵⁶⁷⁸⁹]{1,3}\s*\S)"};
  LazyPattern note_reference{
      R"((?i)(?:https?://|www\.|\bdnr\b|\bdiarie(?:nummer|nr)\b|\bärende(?:nummer|nr)\b|)"
      R"(\bsou\s+\d{4}:\d+|\bprop\.\s*\d{4}|\bds\s+\d{4}:\d+|\bs\.\s*\d+|\bsid\.?\s*\d+|)"
      R"(\b[a-zåäö]{1,4}\d{2,}/\d+|\b\d{1,2}(?:\.\d{1,2})+-\d+/\d{2,4}))"};
  LazyPattern note_label{R"((?i)^(?:källa|källor|anm\.?|anmärkning|dnr|diarienummer)\s*[:.]?\s*\S)"};
  LazyPattern url_piece{
      R"((?i)^(?:\S*(?:://|/\S*/|%20|[_=?&\\])\S*|/\S*|\S*/|\S+\.(?:pdf|docx?|xlsx?|pptx?|html?|aspx?|php|txt|csv))$)"};
  // Numbered headings: "2.4 Mobila team", "4. Resultat", "1 Inledning".
  LazyPattern numbered_heading{R"(^((?:[1-9]\d?)(?:\.(?:\d{1,2})){0,5})([.)]?)\s+(\p{Lu}))"};
  LazyPattern toc_leader{R"((?:\.{3,}|…{2,}|\s{2,})\s*\d{1,3}\s*$)"};
  // A table of contents line: a title, dot leaders, a page number.
  LazyPattern toc_line{R"(\S.*?(?:\.{4,}|…{2,}|(?:\. ){3,})\s*\d{1,3}\s*$)"};
  // The last words of a lead-in that ends in ':' (what follows is a list).
  LazyPattern lead_in_end{
      R"((?i)(?:\bföljande|\bnedan|\bsåsom|\bbland\s+annat|\bbl\.?\s*a\.?|\bt\.?\s*ex\.?|\bexempelvis|)"
      R"(\bär|\bvar|\bblev|\bhar|\binnebär|\binnefattar|\bomfattar|\bexempel|\bgenom|\bsom|\boch)\s*:$)"};
  LazyPattern decision_strong{
      R"((?i)(?:^(?:beslut|förslag\s+till\s+beslut|beslutsförslag|beslutsunderlag|ärendet|ärendebeskrivning|)"
      R"(expedieras\s+(?:till|inte)|protokollsutdrag|styrelsens/nämndens\s+beslut|diarienummer|missiv|följebrev)\s*:?\s*$)"
      R"(|^(?:med\s+)?vänliga?\s+hälsning(?:ar)?\b)"
      R"(|\b(?:beslutar|beslöt)\s+att\b|\bföreslås\s+(?:besluta|att\s+besluta)\b))"};
  LazyPattern decision_weak{R"((?i)^(?:bakgrund|sammanfattning|yttrande|ekonomiska\s+konsekvenser.*|bilagor?)\s*:?\s*$)"};
  LazyPattern heading{R"(^[\p{Lu}\d].*$)"};
};

const Patterns& patterns() {
  static const Patterns p;
  return p;
}

re2::StringPiece sp(std::string_view s) { return re2::StringPiece(s.data(), s.size()); }

bool is_digit(char c) { return c >= '0' && c <= '9'; }


std::string trim(std::string s) {
  auto b = s.find_first_not_of(" \t");
  auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// "1 250,5" → 1250.5: group separators (space, U+00A0 "\xC2\xA0", U+202F
// "\xE2\x80\xAF") are dropped, a decimal comma becomes a point.
std::optional<double> parse_number(const std::string& text) {
  std::string t;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "\xC2\xA0") == 0) { ++i; continue; }
    if (text.compare(i, 3, "\xE2\x80\xAF") == 0) { i += 2; continue; }
    if (text[i] == ' ') continue;
    t += text[i] == ',' ? '.' : text[i];
  }
  char* end = nullptr;
  double v = std::strtod(t.c_str(), &end);
  if (end == t.c_str()) return std::nullopt;
  return v;
}

}  // namespace

std::size_t count_words(std::string_view s) {
  std::size_t n = 0;
  bool in = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\t';
    if (!space && !in) ++n;
    in = !space;
  }
  return n;
}

std::optional<QuestionStart> question_start(std::string_view line) {
  re2::StringPiece groups[3];  // whole head, id, the prompt's first letter
  // The pattern opens with "Fråga"/"fråga" or the number.
  if (line.empty() || !(line[0] == 'F' || line[0] == 'f' || is_digit(line[0])) ||
      !patterns().question_head.get().Match(sp(line), 0, line.size(), RE2::ANCHOR_START, groups, 3))
    return std::nullopt;
  std::string id(groups[1].data(), groups[1].size());
  id.erase(std::remove(id.begin(), id.end(), ' '), id.end());  // "5 a" → "5a"
  return QuestionStart{id, std::string(line.substr(static_cast<std::size_t>(groups[2].data() - line.data())))};
}

namespace {

bool matches(std::string_view line, const LazyPattern& re) { return RE2::PartialMatch(sp(line), re.get()); }

bool is_note(std::string_view line) {
  const auto& p = patterns();
  if (line.empty() || line.size() > 1000) return false;
  // The numbered notes open with a digit (note_number_url, note_number_text).
  const bool numbered = is_digit(line[0]);
  if ((numbered && matches(line, p.note_number_url)) || matches(line, p.note_superscript) ||
      matches(line, p.note_label) || matches(line, p.toc_line))
    return true;
  if (line.find(' ') == std::string_view::npos && line.size() >= 4 && matches(line, p.url_piece)) return true;
  // A numbered footnote's text; "1. ..." and "1) ..." are list items.
  if (!numbered || !matches(line, p.note_number_text)) return false;
  return matches(line, p.note_reference) || ends_sentence(line);
}

// help_pattern as written (see BoundedPattern): the loose match stands
// unless it took "Med ... avses" over more than 120 characters.
bool is_help(std::string_view line) {
  const BoundedPattern& help = patterns().help;
  re2::StringPiece med_run;
  // Without a capture RE2 answers from its DFA; most lines stop here.
  if (!matches(line, help.loose) || !RE2::PartialMatch(sp(line), help.loose.get(), &med_run)) return false;
  return med_run.data() == nullptr || chars_in(med_run) <= 120 || matches(line, help.exact);
}

// Whether the first letter of `line` may start survey_title, which opens
// case-insensitively with "enkät", "slutredovisning", "delredovisning",
// "redovisning" or "uppföljning": e, s, d, r or u in either case, or the
// long s (U+017F) that RE2 folds to s. Most lines fail here, without
// running the pattern.
bool may_be_survey_title(std::string_view line) {
  if (line.empty()) return false;
  switch (line[0]) {
    case 'e': case 'E': case 's': case 'S': case 'd': case 'D': case 'r': case 'R': case 'u': case 'U': return true;
    default: return line.starts_with("\xC5\xBF");
  }
}

// Whether the first letter of `line` may start numeric_measure, which opens
// case-insensitively with "ange", "antal", "andel", "procent", "indextal",
// "index", "summa" or "totalt": a, p, i, s or t in either case, or the long
// s (U+017F) that RE2 folds to s.
bool may_be_measure(std::string_view line) {
  if (line.empty()) return false;
  switch (line[0]) {
    case 'a': case 'A': case 'p': case 'P': case 'i': case 'I': case 's': case 'S': case 't': case 'T': return true;
    default: return line.starts_with("\xC5\xBF");
  }
}

// Whether `text` at `i` holds a letter (\p{L}) of ASCII or of U+00C0-U+00FF
// (two bytes C3 80-BF: "å", "Ä", "é"; all letters but U+00D7 '×' and
// U+00F7 '÷'). These have been letters in every Unicode version, so RE2's
// tables and this agree; other characters need the pattern.
bool latin_letter_at(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (c != 0xC3 || i + 1 >= text.size()) return false;
  const auto next = static_cast<unsigned char>(text[i + 1]);
  return next >= 0x80 && next <= 0xBF && next != 0x97 && next != 0xB7;
}

// Whether `text` holds a letter (\p{L}): a letter latin_letter_at() knows
// answers at once, ASCII alone has none; other text goes to the pattern.
bool has_letter(std::string_view text) {
  bool ascii = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (latin_letter_at(text, i)) return true;
    if (static_cast<unsigned char>(text[i]) >= 0x80) ascii = false;
  }
  return !ascii && matches(text, patterns().any_letter);
}

// Whether `text` starts with a letter (^\p{L}): an ASCII first character or
// one latin_letter_at() knows answers at once; other text goes to the
// pattern.
bool starts_with_letter(std::string_view text) {
  if (text.empty()) return false;
  if (latin_letter_at(text, 0)) return true;
  const auto c = static_cast<unsigned char>(text[0]);
  if (c < 0x80) return false;
  return matches(text, patterns().starts_with_letter);
}

}  // namespace

bool is(FormLine kind, std::string_view line) {
  const auto& p = patterns();
  switch (kind) {
    case FormLine::Bullet: return matches(line, p.bullet);
    case FormLine::OptionMark: return matches(line, p.option_mark);
    case FormLine::FieldLimit: return matches(line, p.field_limit);
    case FormLine::EndsWithFieldLimit: return matches(line, p.trailing_field_limit);
    case FormLine::Help: return is(FormLine::FieldLimit, line) || is_help(line);
    case FormLine::Placeholder: return matches(line, p.placeholder);
    case FormLine::Boilerplate: return is(FormLine::Placeholder, line) || matches(line, p.boilerplate);
    case FormLine::FormEnd: return matches(line, p.form_end);
    case FormLine::AgreementBox: return matches(line, p.agreement);
    case FormLine::SectionStart: return matches(line, p.section);
    case FormLine::SurveyTitle: return line.size() < 200 && may_be_survey_title(line) && matches(line, p.survey_title);
    case FormLine::Note: return is_note(line);
  }
  return false;
}

std::optional<std::size_t> field_label(std::string_view line) {
  if (line.size() > 400) return std::nullopt;
  re2::StringPiece input = sp(line);
  // groups[0] is the whole match, which ends after the ':' and its spaces.
  // groups[0] is the whole match, which ends after the ':' and its spaces;
  // 1-3 the runs the rule counts (field_label_pattern).
  re2::StringPiece groups[4];
  // The loose pattern first (BoundedPattern); its runs within their counts
  // are a match of the rule as written. Whichever match the rule takes, it
  // ends at the line's first ':', '.', '?' or '!' and the spaces after it.
  const BoundedPattern& label = patterns().field_label;
  // With the whole match only RE2 answers from its DFA; most lines stop here.
  if (!label.loose.get().Match(input, 0, input.size(), RE2::ANCHOR_START, groups, 1) ||
      !label.loose.get().Match(input, 0, input.size(), RE2::ANCHOR_START, groups, 4))
    return std::nullopt;
  const bool within_counts = groups[1].data() ? chars_in(groups[1]) <= 200
                                              : chars_in(groups[2]) <= 240 && chars_in(groups[3]) <= 80;
  if (!within_counts && !label.exact.get().Match(input, 0, input.size(), RE2::ANCHOR_START, groups, 1))
    return std::nullopt;
  std::size_t after = static_cast<std::size_t>(groups[0].data() + groups[0].size() - line.data());
  while (after < line.size() && line[after] == ' ') ++after;
  return after;
}


std::optional<std::string> report_subject(std::string_view line) {
  // The pattern opens with "denna" in either case.
  if (line.empty() || (line[0] != 'd' && line[0] != 'D')) return std::nullopt;
  std::string subject;
  if (!RE2::PartialMatch(sp(line), patterns().subject.get(), &subject)) return std::nullopt;
  return subject;
}

std::optional<ContactField> contact_field(std::string_view line) {
  std::string label, value;
  if (line.find(':') == std::string_view::npos) return std::nullopt;  // every label ends in ':'
  if (!RE2::PartialMatch(sp(line), patterns().contact_head.get()) ||
      !RE2::FullMatch(sp(line), patterns().contact.get(), &label, &value))
    return std::nullopt;
  std::string l;
  for (char c : label) l += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  ContactField f;
  // A person: the name to mask wherever it stands (ingest's contact_names).
  // Under a label that is also a word of answers ("Kontaktperson: finns i
  // varje kommun", "Handläggare: 4") the value must read as a person's
  // name: two to four capitalised words of letters.
  const bool person_label = l.find("kontaktperson") != std::string::npos || l.find("handl") != std::string::npos ||
                            l.find("uppgiftsl") != std::string::npos;
  if (person_label) {
    static const RE2 person_name(R"(\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){1,3})");
    if (!RE2::FullMatch(sp(value), person_name)) return std::nullopt;
  }
  if (person_label || l.find("namn") != std::string::npos)
    f.label = "namn";
  else if (l.find("post") != std::string::npos) f.label = "e-post";
  else if (l.rfind("telefon", 0) == 0) f.label = "telefon";
  else f.label = l;
  f.value = value;
  return f;
}

std::optional<NumericLine> numeric_item(std::string_view line) {
  // Both patterns end in a number, then optional spaces and '%': the cheap
  // first check.
  std::size_t last = line.find_last_not_of(" \t\n\f\r%");
  if (last == std::string_view::npos || line[last] < '0' || line[last] > '9') return std::nullopt;
  std::string label, value;
  // Each pattern first without captures, which RE2 answers from its DFA
  // (with captures it runs a slower matcher over the line even when there
  // is no match).
  const LazyPattern& measure = patterns().numeric_measure;
  const LazyPattern& labelled = patterns().numeric_labelled;
  if (!(may_be_measure(line) && RE2::FullMatch(sp(line), measure.get()) &&
        RE2::FullMatch(sp(line), measure.get(), &label, &value)) &&
      !(RE2::FullMatch(sp(line), labelled.get()) && RE2::FullMatch(sp(line), labelled.get(), &label, &value) &&
        chars_in(label) <= kNumericLabelMaxChars))  // kNumericLabelled
    return std::nullopt;
  label = trim(label);
  if (label.empty() || count_words(label) > 30) return std::nullopt;
  // The label may start with any character ("(varav akut): 2", "\"Trygg
  // hemgång\": 3", "<18 år: 4", "65 år och äldre: 12") but must hold a word,
  // and a list item ("• Antal: 5", "- Antal: 5") is respondent text.
  if (!has_letter(label)) return std::nullopt;
  if (!starts_with_letter(line) && is(FormLine::Bullet, line)) return std::nullopt;
  // A label that is itself a finished sentence is prose, not an item.
  if (!label.empty() && (label.back() == '.' || label.back() == '?' || label.back() == '!'))
    return std::nullopt;
  auto v = parse_number(value);
  if (!v) return std::nullopt;
  // Keep the asking words in the label: "Fast vårdkontakt, ange antal".
  std::string full = std::string(line);
  auto pos = full.rfind(value);
  std::string printed_label = trim(full.substr(0, pos));
  while (!printed_label.empty() && (printed_label.back() == ':' || printed_label.back() == ' '))
    printed_label.pop_back();
  return NumericLine{printed_label, value, *v};
}

std::optional<NumericLine> numeric_answer(std::string_view prompt, std::string_view answer) {
  // A value is short and has a digit: the cheap first check.
  if (answer.size() > 40 || answer.find_first_of("0123456789") == std::string_view::npos) return std::nullopt;
  std::string value;
  if (!RE2::FullMatch(sp(answer), patterns().number_alone.get(), &value) || !swedish::asks_for_number(prompt))
    return std::nullopt;
  const std::optional<double> v = parse_number(value);
  if (!v) return std::nullopt;
  std::string label = trim(std::string(prompt));
  while (!label.empty() && (label.back() == ':' || label.back() == ' ')) label.pop_back();
  if (label.empty()) return std::nullopt;
  return NumericLine{label, trim(std::string(answer)), *v};
}

bool is_choice_prompt(std::string_view prompt) {
  return RE2::PartialMatch(sp(prompt), patterns().choice_prompt.get());
}

bool is_form_intro(std::string_view line) {
  static const RE2 intro(
      R"((?i)(?:^i\s+överenskommelsen\s+(?:för|om)|ska\s+enligt\s+överenskommelsen|)"
      R"(fördelas\s+medel|medlen\s+(?:kan|får|ska)|i\s+detta\s+avsnitt|avsnittet\s+avslutas|)"
      R"(frisvarsfråga|ett\s+av\s+utvecklingsområdena|det\s+ekonomiska\s+stödet\s+som\s+avsätts))");
  return RE2::PartialMatch(sp(line), intro);
}

bool ends_sentence(std::string_view line) {
  return RE2::PartialMatch(sp(line), patterns().sentence_end.get()) && !swedish::ends_with_abbreviation(line);
}

namespace {

// A line that ends on a word which needs a continuation ("... beslutar
// att") leads into what follows; it is not a heading.
bool ends_open(std::string_view line) {
  static const RE2 open_end(
      R"((?i)\s(?:att|och|som|för|i|på|med|till|av|eller|samt|en|ett|den|det|de|om|vid|från|är|)"
      R"(har|hade|kan|ska|skall|blir|inom|mellan|genom|hos|mot|under|efter|utan|sin|sitt|sina|dess|deras)$)");
  return RE2::PartialMatch(sp(line), open_end);
}

}  // namespace

namespace {

// `line` without a footnote marker left at its end: a space and one to
// three digits or '*' after a sentence's last word ("... 16 kommuner. 1",
// where a PDF's superscript reference stood); else `line` itself.
std::string_view without_end_marker(std::string_view line) {
  std::size_t i = line.size();
  while (i > 0 && line.size() - i < 3 && (is_digit(line[i - 1]) || line[i - 1] == '*')) --i;
  if (i == line.size() || i < 2 || line[i - 1] != ' ') return line;
  return line.substr(0, i - 1);
}

}  // namespace

namespace {

// Whether the last two words of `line` are figures ("14 20", "2022 2023",
// "62 % 71 %", "6 100 7 400", "1,5 2,0"): a table's row of values.
bool ends_with_two_figures(std::string_view line) {
  const auto figure = [](std::string_view w) {
    while (!w.empty() && w.back() == '%') w.remove_suffix(1);
    return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return is_digit(c) || c == ',' || c == '.'; }) &&
           is_digit(w.front());
  };
  std::size_t figures = 0;
  std::size_t end = line.size();
  while (figures < 2) {
    while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '%')) --end;
    if (end == 0) return false;
    const std::size_t begin = line.rfind(' ', end - 1);
    const std::size_t from = begin == std::string_view::npos ? 0 : begin + 1;
    if (!figure(line.substr(from, end - from))) return false;
    ++figures;
    end = from;
  }
  return true;
}

}  // namespace

bool is_heading_like(std::string_view line) {
  if (line.empty() || line.size() > 100) return false;
  if (count_words(line) > 12) return false;
  if (ends_sentence(line) || line.back() == '.' || line.back() == ':' || line.back() == ',' ||
      line.back() == ';')
    return false;
  // A sentence with its footnote's number after it is no heading.
  if (const std::string_view before = without_end_marker(line); before.size() < line.size() && ends_sentence(before))
    return false;
  if (is(FormLine::Bullet, line) || question_start(line)) return false;
  if (ends_open(line) || is_note(line)) return false;
  if (ends_with_two_figures(line)) return false;  // a table's row: "Kommuner med trygg hemgång 14 20"
  // The pattern opens with a capital or a digit: a line opening with other
  // ASCII is none.
  const auto first = static_cast<unsigned char>(line[0]);
  if (first < 0x80 && !(first >= 'A' && first <= 'Z') && !is_digit(line[0])) return false;
  return RE2::FullMatch(sp(line), patterns().heading.get());
}

std::optional<NumberedHeading> numbered_heading(std::string_view line) {
  const auto& p = patterns();
  if (line.size() > 120 || count_words(line) > 16) return std::nullopt;
  re2::StringPiece groups[4];  // whole head, number, '.'/')', the title's first letter
  if (line.empty() || line[0] < '1' || line[0] > '9' ||  // the pattern opens with 1-9
      !p.numbered_heading.get().Match(sp(line), 0, line.size(), RE2::ANCHOR_START, groups, 4))
    return std::nullopt;
  std::string_view title = line.substr(static_cast<std::size_t>(groups[3].data() - line.data()));
  while (!title.empty() && (title.back() == ' ' || title.back() == '\t')) title.remove_suffix(1);
  if (title.empty() || ends_sentence(title)) return std::nullopt;
  const char last = title.back();
  if (last == ',' || last == ';' || ends_open(title) || matches(line, p.toc_leader)) return std::nullopt;
  NumberedHeading h;
  h.number = std::string(groups[1].data(), groups[1].size());
  h.depth = 1 + static_cast<int>(std::count(h.number.begin(), h.number.end(), '.'));
  h.dotted = groups[2].size() > 0;
  // "2.4." is printed so too; only a one-level number with '.' or ')' is
  // list-like.
  if (h.depth > 1) h.dotted = false;
  h.title = std::string(title);
  return h;
}

bool is_colon_heading(std::string_view line) {
  if (line.size() < 2 || line.back() != ':') return false;
  std::string_view body = line.substr(0, line.size() - 1);
  while (!body.empty() && body.back() == ' ') body.remove_suffix(1);
  // "Kommentar:", "Om ja, beskriv:" are field labels of forms.
  if (field_label(line) || contact_field(line)) return false;
  return is_heading_like(body) && !matches(line, patterns().lead_in_end);
}

std::optional<DecisionMarker> decision_marker(std::string_view line) {
  if (line.size() > 300) return std::nullopt;
  if (matches(line, patterns().decision_strong)) return DecisionMarker{true};
  if (matches(line, patterns().decision_weak)) return DecisionMarker{false};
  return std::nullopt;
}

}  // namespace analyzer::form_rules
