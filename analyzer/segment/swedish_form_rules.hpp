#pragma once
// Swedish layout rules: how the survey forms and reports of "God och nära
// vård" print questions, help text, options, fields and boilerplate. Each
// function looks at one logical line (already trimmed) and answers one
// question about it. The patterns describe wordings and numbering that recur
// across years and forms (region, RSS, municipal), not particular files.
// Cost: each call runs a few precompiled RE2 patterns over the line; linear
// in the line's length. Thread-safe.

#include <optional>
#include <string>
#include <string_view>

namespace analyzer::form_rules {

// "5a. Beskriv ..." / "13. Har ..." / "Fråga 7a: ..." → {"5a", "Beskriv ..."}.
// The number must be 1–99 with at most one letter, followed by '.', ')' or
// ':' and a capitalised word. Years and amounts ("2023. ...") are not
// question numbers.
struct QuestionStart {
  std::string id;
  std::string prompt;   // the rest of the line
};
std::optional<QuestionStart> question_start(std::string_view line);

// The kinds of line is() recognises.
enum class FormLine {
  // A line that starts a list item: •, -, –, *, ▪, ◦, U+F0B7, ☐, or "a)".
  Bullet,
  // An answer-option mark: a checkbox glyph (☐ ☒ U+F0B7 at the start, ☐ at the end).
  OptionMark,
  // Help text that belongs to a prompt: character limits ("Beskriv med max
  // 3000 tecken."), "Du kan välja flera svarsalternativ.", "Med ... avses",
  // "Gör en uppskattning.", "Skicka in ...", "Om svaret är noll, skriv 0.",
  // references to other questions ("... beskrivs i fråga 14.").
  Help,
  // The character-limit line that opens a free-text field ("Beskriv med max
  // 3000 tecken.", "Max 1000 tecken").
  FieldLimit,
  // A line or prompt whose last sentence is the character limit: "16.
  // Beskriv ... under 2023. Beskriv med max 3000 tecken." or "Svaren kan
  // baseras på ... Beskriv med max 5000 tecken." The field opens after it.
  EndsWithFieldLimit,
  // Placeholders and empty-field marks: "Klicka eller tryck här för att ange
  // text.", runs of underscores.
  Placeholder,
  // Form boilerplate that is never an answer: receipts, print links, thanks,
  // instructions about the web form.
  Boilerplate,
  // "Tack för dina svar!": the end of a form's questions.
  FormEnd,
  // "Från Överenskommelsen:" and similar quoted-agreement box openers.
  AgreementBox,
  // "Del B: Goda förutsättningar ..." / "Avsnitt 2 ...": opens a section intro.
  SectionStart,
  // A form title that starts a survey part: "Enkät till regioner, ...",
  // "Slutredovisning av kommunernas arbete ...", "Uppföljning av ...".
  SurveyTitle,
};

// Whether `line` is a line of kind `kind`.
bool is(FormLine kind, std::string_view line);

// A sub-label that opens a free-text field: "Kommentar:", "Lämna gärna en
// kommentar här:", "Om ja, beskriv vad som har införts:", "Annat område,
// ange vilket:", "Kommentar (kommentera gärna om ...):". Returns the byte
// offset in `line` where the inline answer starts (after ':' and spaces; the
// line's length when nothing follows), or nullopt when the line is not a
// sub-label.
std::optional<std::size_t> field_label(std::string_view line);

// "Denna redovisning avser Region Halland" → "Region Halland".
std::optional<std::string> report_subject(std::string_view line);

// Contact block: "Ditt namn: ...", "Din e-postadress: ...", "Region:
// Region Halland", "RSS: Dalarna län", "Kommun: Falun". Returns the label
// (lower-case) and value, or nullopt.
struct ContactField {
  std::string label;   // "namn", "e-post", "region", "rss", "kommun", "telefon"
  std::string value;
};
std::optional<ContactField> contact_field(std::string_view line);

// A numeric item: "Fast vårdkontakt, ange antal: 5", "Andel i procent 65",
// "Antal 26", "Ange indextal 0.18", "Barn och unga: 1". A "label: number"
// label may start with any character ("(varav akut): 2", "\"Trygg
// hemgång\": 3", "<18 år: 4", "65 år och äldre: 12", "barn: 1") but must
// hold a letter; a bulleted line ("• Antal: 5") is not an item.
// The value may be written with thousands separators: groups of three
// digits after a first group of one to three, each after a space, a
// no-break space (U+00A0) or a narrow no-break space (U+202F): "1 250",
// "12 500", "1 250 000,5", at most 999 999 999 (nine digits, as without
// separators). `value_text` is the text as written, `value`
// the number (1250). Not groups of three, not a value: "2019 2022" (two
// years), "5 10", "1 2500", two spaces ("1  250"), a first group starting
// with 0 ("070 123 456"): such a line is no item and is read as text.
struct NumericLine {
  std::string label;
  std::string value_text;
  double value = 0;
};
std::optional<NumericLine> numeric_item(std::string_view line);

// A prompt that asks to choose (options follow): yes/no questions ("Har
// ...?", "Finns ...?"), "Ange om", "Ange hur många", "I vilken
// utsträckning", "Hur stor andel", "Du kan välja ...".
bool is_choice_prompt(std::string_view prompt);

// Text in the voice of the form or the agreement, as printed in section
// intros: "I överenskommelsen för 2023 har särskilda medel ...", "Regioner
// ska enligt överenskommelsen ...", "Under 2023 fördelas medel ...", "I
// detta avsnitt ställs frågor ...", "Avsnittet avslutas med en
// frisvarsfråga ...".
bool is_form_intro(std::string_view line);

// Ends with sentence punctuation (. ! ? … or a closing quote after one),
// except a period that ends an abbreviation ("bl.a.", "t.ex.":
// swedish::ends_with_abbreviation): such a line goes on.
bool ends_sentence(std::string_view line);

// Short, capitalised, no sentence punctuation at the end, not a bullet, not
// a question: looks like a heading.
bool is_heading_like(std::string_view line);

}  // namespace analyzer::form_rules
