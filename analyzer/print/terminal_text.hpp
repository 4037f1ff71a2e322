#pragma once
// Text for a terminal: what a terminal would act on instead of showing is
// made visible, so an answer, a file name or a manifest name can neither
// move the cursor, recolour, retitle or clear the screen, hide text, nor
// reorder a line (Trojan Source). Every text field written to a table or
// plain-text output (answers, numbers, mentions, excerpts, report and search
// tables, stats, ingest summaries, warnings and progress) goes through
// terminal_text. JSON outputs need not: the JSON library writes C0 controls
// as \u00XX escapes.
//
// What is replaced, and by what:
//   TAB, LF, CR                          \t  \n  \r
//   other C0 controls (U+0000-U+001F)    \xHH   (ESC is \x1b)
//   DEL (U+007F)                         \x7f
//   C1 controls (U+0080-U+009F)          \u{HHHH}  (CSI U+009B is \u{009b})
//   bidirectional controls: U+061C, U+200E, U+200F, U+202A-U+202E,
//     U+2066-U+2069                      \u{HHHH}  (RLO U+202E is \u{202e})
//   a byte that is not valid UTF-8       \xHH
// Everything else, å, ä, ö and a backslash included, is kept as it is: the
// output is for reading, not for parsing back.
// Cost: linear in the text, one allocation. Never throws but for allocation.
//
// Example:
//   terminal_text("a\x1b[2Jb")    // "a\\x1b[2Jb": shown as a\x1b[2Jb

#include <string>
#include <string_view>

namespace analyzer {

std::string terminal_text(std::string_view text);

}  // namespace analyzer
