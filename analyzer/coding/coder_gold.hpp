#pragma once
// Stage: coding. One coder's reviewed codings as a gold set that
// `analyzer eval` scores the lexicon against (the format: eval/gold.hpp;
// print/gold_printer.hpp writes it).
//
// In:  the answers of the index (AnswerRecord: id, source, original `span`),
//      the store's codings, the coder, the theme ids eval knows (the
//      lexicons'), and the source files at hand: per source name (as
//      AnswerRecord::source) the path to write in the gold file and the
//      file's bytes (UTF-8; the caller checked that they are what the index
//      was made from).
// Out: a GoldSet (eval/gold.hpp) and what was left out, counted.
//
// SCOPE. The coder reviewed an answer when the coder has any coding in it
// (agreement.hpp's rule). Each reviewed answer becomes a scope line: its
// original byte span, widened to hold its gold mentions. So eval scores
// exactly the answers the coder read; precision and recall mean "against
// this coder, where this coder looked".
//
// MENTIONS. An accepted decision on an automatic mention gives the
// mention's original span (Coding::source_span). A manual coding of a
// lexicon theme gives its quote found in the file: the occurrence inside the
// answer's span nearest to where the coding sits in the answer's text
// (normalisation may move text: a wrapped line is joined). A quote the file
// does not hold there (normalisation changed those bytes) is left out
// (`unplaced`). A rejected decision is no mention: the theme is absent there.
// The same (file, theme, span) twice is one mention. Each mention's `text`
// is the file's bytes at its span (eval checks it), its `note` says whose
// coding it was ("anna: accepted mention 0123456789abcdef",
// "anna: manual coding 12").
//
// LEFT OUT, counted: manual codings with an own code (not a lexicon theme),
// codings of themes eval does not know, removed and orphaned codings,
// codings of answers that are not in `answers`, and codings and reviewed
// answers of sources not in `files` (not at hand, not UTF-8 text).
//
// Cost: one search of the answer's span per manual coding (O(answer size)),
// O(C + A) otherwise; memory: the GoldSet, with each file's bytes copied.
// Pure: no I/O; never throws but for allocation.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "analyzer/coding/store.hpp"
#include "analyzer/core/records.hpp"
#include "analyzer/eval/gold.hpp"

namespace analyzer::coding {

// A source file at hand for the gold file.
struct GoldSourceFile {
  std::string path;   // as the gold file names it ("file"): where eval reads it
  std::string bytes;  // the whole file, UTF-8
};

struct CoderGold {
  GoldSet gold;                      // files in order of first reviewed answer
  std::size_t answers = 0;           // reviewed answers written as scopes
  std::size_t rejected = 0;          // rejected decisions in them (no mention: theme absent)
  std::size_t unplaced = 0;          // manual codings whose quote was not found in the file
  std::size_t own_codes = 0;         // manual codings with an own code
  std::size_t unknown_theme = 0;     // codings of a theme eval does not know
  std::size_t orphaned = 0;          // orphaned codings
  std::size_t not_in_index = 0;      // codings of answers not among the answers given
  std::size_t no_file = 0;           // codings of sources not among the files given
  std::vector<std::string> sources_without_file;  // those sources, in order
};

CoderGold coder_gold(const std::vector<AnswerRecord>& answers, const std::vector<Coding>& codings,
                     const std::string& coder, const std::vector<std::string>& known_themes,
                     const std::map<std::string, GoldSourceFile>& files);

}  // namespace analyzer::coding
