#pragma once
// Swedish layout rules: how the survey forms and reports of "God och nära
// vård" print questions, help text, options, fields and boilerplate. Each
// function looks at one logical line (already trimmed) and answers one
// question about it. The patterns describe wordings and numbering that recur
// across years and forms (region, RSS, municipal), not particular files.
// Cost: each call runs a few RE2 patterns over the line; linear in the
// line's length. Each pattern is compiled once per process, when a line
// first reaches it (segment/lazy_pattern.hpp), so a file pays only for the
// rules its lines need; cheap checks (a required letter or word) keep most
// lines from most patterns. Thread-safe.

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
  // A footnote or source note as a report prints it under its body text:
  //   - a small number (1-999, no '.' or ')' after it, as footnotes are
  //     numbered) then a URL ("3 https://www.socialstyrelsen.se/..."), or
  //     a reference: a registration number ("dnr ...", "3.1-12345/2023",
  //     "S2019/02858/FS"; a year range "2019-2022" is none), "SOU 2020:19",
  //     "prop. 2019/20:164", a page
  //     ("s. 12"), or a sentence that begins with a capital and ends with
  //     a full stop ("2 Socialstyrelsen, Uppföljning av ... 2023.");
  //   - a superscript footnote mark then any text ("¹ https://...",
  //     "² Regionens handlingsplan"): body text never opens with one;
  //   - "Källa:", "Källor:", "Anm.:", "Dnr ...": source and registration lines;
  //   - a URL, or a piece of one left on a line of its own when the URL
  //     wrapped: no space, and "://", two '/', a leading or trailing '/',
  //     '_', '\', "%20", '=', '?', '&', or a file name's extension
  //     ("rapport-god-och-nara-vard-2023.pdf"). One '/' inside a word
  //     ("Hemsjukvård/hemtjänst") is no URL;
  //   - a table of contents line: "2.4 Mobila team ........ 12" (its
  //     words are the headings', not answer text).
  // A numbered heading ("3 Resultat"), a numbered list item ("1. Mobila
  // team.") and a sentence starting with a figure ("12 kommuner deltar.")
  // are not notes.
  Note,
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

// Contact block: "Ditt namn: ...", "Kontaktperson: ...", "Handläggare:
// ...", "Din e-postadress: ...", "Region: Region Halland", "RSS: Dalarna
// län", "Kommun: Falun". Returns the label (lower-case; "namn" for every
// label that names a person) and value, or nullopt.
struct ContactField {
  std::string label;   // "namn", "e-post", "region", "rss", "kommun", "telefon", "organisation", "respondent"
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

// A question's whole answer as a numeric item, when the prompt asks for a
// count or share ("Antal SIP upprättade i länet 2024, ange antal:", "Hur
// många mobila team finns?", "Andel i procent") and the answer is nothing
// but one value as numeric_item() reads values ("1 180", "62 %", "14 st"):
// the label is the prompt without its closing ':'. nullopt otherwise: a
// number answering "Beskriv ..." stays the answer it is.
std::optional<NumericLine> numeric_answer(std::string_view prompt, std::string_view answer);

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

// Words of a line: runs of characters between spaces and tabs.
std::size_t count_words(std::string_view line);

// Ends with sentence punctuation (. ! ? … or a closing quote after one),
// except a period that ends an abbreviation ("bl.a.", "t.ex.":
// swedish::ends_with_abbreviation): such a line goes on.
bool ends_sentence(std::string_view line);

// Short, capitalised, no sentence punctuation at the end, not a bullet, not
// a question: looks like a heading.
bool is_heading_like(std::string_view line);

// A report heading numbered as reports number their chapters, to any depth:
// "1 Inledning", "4. Resultat", "2.4 Mobila team", "3.2.3.1 Exempel på
// arbetet med mobila team:". The number is 1-99 per level, up to six
// levels; the title starts with a capital letter, is at most 16 words and
// 120 bytes, may end in ':' but not in '.', '!', '?', ',' or ';', and does
// not stop on a word that needs a continuation ("... och"). A table of
// contents line ("2.4 Mobila team ....... 12") is not one. `depth` is the
// number of levels (1 for "4." and "4"); `dotted` says a one-level number
// was printed with '.' or ')' ("4." — the form of list items too).
struct NumberedHeading {
  std::string number;   // "3.2.3.1"
  int depth = 1;
  bool dotted = false;
  std::string title;    // "Exempel på arbetet med mobila team:"
};
std::optional<NumberedHeading> numbered_heading(std::string_view line);

// A heading that ends in ':' ("Exempel på arbetet med mobila team:",
// "Resultat och erfarenheter:"): is_heading_like() once the ':' is taken
// off, and not a lead-in to what follows ("..., bland annat följande:",
// "Målen är:", "t.ex.:"). Whether it heads a section also depends on what
// follows it (body text, not a list): the segmenter decides that.
bool is_colon_heading(std::string_view line);

// A heading or phrase of a committee decision or its cover letter: "Beslut",
// "Förslag till beslut", "Beslutsförslag", "Beslutsunderlag", "Ärendet",
// "Ärendebeskrivning", "Expedieras till", "Diarienummer", "Protokollsutdrag",
// "... beslutar att", "... föreslås besluta"; of a cover letter: "Missiv",
// "Följebrev", "Med vänlig hälsning". `strong` is false for headings
// that reports use as well ("Bakgrund", "Sammanfattning", "Yttrande").
struct DecisionMarker {
  bool strong = false;
};
std::optional<DecisionMarker> decision_marker(std::string_view line);

}  // namespace analyzer::form_rules
