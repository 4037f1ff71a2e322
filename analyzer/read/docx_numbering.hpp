#pragma once
// Word's list numbering (DOCX word/numbering.xml): the number or bullet Word
// shows in front of a list paragraph ("5a.", "iii)", "•"), computed the way
// Word computes it, so a numbered question that Word numbers by itself reads
// "5a. Beskriv ..." in the extracted text as it does on screen.
//
// In:  the parsed numbering part (abstractNum definitions and the w:num
//      instances that point to them, with their lvlOverride/startOverride),
//      then the list paragraphs in document order as (numId, ilvl).
// Out: for each list paragraph, its rendered label: lvlText with every
//      "%N" replaced by level N's current counter in level N's numFmt.
//
// Rules (ECMA-376 Part 1, 17.9, as Word applies them):
//   - Counters are kept per w:num instance (numId) and level (0-8). A level
//     starts at its w:start (0 when missing, the standard's default), or at
//     the num's startOverride for that level.
//   - A paragraph at level L increments L's counter and restarts every
//     deeper level (w:lvlRestart N: a deeper level restarts only when one
//     of the levels 1..N (1-based) is used; lvlRestart 0: never).
//   - "%N" for a level not used yet in this instance shows that level's
//     start value (Word does the same).
//   - Formats: decimal, decimalZero, lowerLetter, upperLetter (a..z, aa..zz
//     as Word writes them), lowerRoman, upperRoman, bullet (lvlText as it
//     is; a Symbol-font bullet U+F0B7 becomes "•"), none (empty); any other
//     format is shown as decimal.
//   - w:suff: tab (the default) and space give one space after the label,
//     nothing gives none.
//   - numId 0, an unknown numId, or a level without a definition: no label.
// Limits: a label is cut at kMaxListLabelBytes (a hostile lvlText cannot
// make the text grow faster than the document); at most 9 levels.
// Cost: parsing is linear in the part; label() is O(length of lvlText).
// Not thread-safe (holds counters): one object per document being read.

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>

#include <pugixml.hpp>

namespace analyzer::docx {

inline constexpr std::size_t kMaxListLabelBytes = 64;
inline constexpr int kListLevels = 9;

class ListNumbering {
 public:
  // Reads the definitions from the root of numbering.xml (<w:numbering>).
  // Unknown or malformed values are read as Word would (an unreadable
  // number: the default); nothing here fails.
  void load(const pugi::xml_node& numbering);

  // The label of the next list paragraph with `num_id` at `level` (with the
  // space after it when the level's suffix asks for one), advancing the
  // counters; empty when the paragraph shows no label.
  std::string label(int num_id, int level);

 private:
  struct Level {
    bool defined = false;
    std::string format = "decimal";
    std::string text;       // lvlText
    int start = 0;
    // Used levels with an index below this restart this level: lvlRestart's
    // value (1-based: "restart after level N"; 0: never); by default every
    // shallower level.
    int restart_below = 0;
    std::string suffix = " ";
  };
  struct Instance {
    int abstract_id = -1;
    std::array<std::optional<int>, kListLevels> start_override{};
    std::array<int, kListLevels> counter{};
    std::array<bool, kListLevels> used{};
  };
  std::map<int, std::array<Level, kListLevels>> abstracts_;
  std::map<int, Instance> instances_;
};

// The number `value` in Word's number format `format` ("decimal",
// "lowerLetter", "upperRoman", ...): "3", "c", "III".
std::string format_list_number(int value, const std::string& format);

}  // namespace analyzer::docx
