#pragma once
// Stage: lexicon. Reads and validates theme lexicons; no matching here.
//
// In:  lexicons/*.json, one file per theme (format below), or JSON text.
// Out: Lexicon structs whose every pattern has been checked and translated
//      into an RE2 pattern, or Diagnostics "file:line:col: error: ..."
//      naming the rule. A lexicon that loads cannot fail later: match/
//      compiles exactly the RE2 patterns validated here.
//      Lines and columns are 1-based; a column counts Unicode code points
//      (not bytes), so "å" is one column. Diagnostics point at the value
//      at fault (the opening quote of a string, the '{' of a rule), or at
//      the key for an unknown key, and start with the rule when inside one:
//        lexicons/sip.json:14:9: error: rule "sip-abbr": token pattern "(SIP": unclosed group
//        lexicons/sip.json:3:5: error: rule "sip-abbr": unknown key "tokns" (did you mean "tokens"?)
//        lexicons/sip.json:1:1: error: missing key "label" (add "label": "Mobila team")
// Limits: nesting deeper than kMaxJsonDepth (256) is one error at the
//      bracket of level 257, found before parsing; a rule reaches at most
//      kMaxRuleReach (20) words (below).
// Cost: linear in the file size; RE2 compiles each pattern once to check
//      it. Thread-safe (no shared state).
//
// File format (keys are fixed; an unknown key is an error with a
// "did you mean" hint):
//   {
//     "id": "mobila_team",                 // [a-z0-9_]+, equal to the file stem
//     "label": "Mobila team",              // Swedish label, shown in reports
//     "definition": "Team som ...",        // the codebook's definition
//     "rules": [                           // at least one
//       {"id": "mobilt-team", "tokens": ["mobil(a|t|e)", "~1", "*team(et|en|s|)"]},
//       {"id": "sip-abbr", "tokens": ["=SIP(:*|)"]},
//       {"id": "mt", "tokens": ["=MT"], "needs_other_mention": true},
//       {"id": "odd-form", "regex": "(?i)trygg\\s*&\\s*hemgång"}
//     ],
//     "exclude": [                         // optional: near-misses to drop
//       {"id": "mobil-utrustning", "tokens": ["mobil*", "(lösning|telefon|dokumentation)*"]}
//     ],
//     "examples": {                        // run by `analyzer lexicon test`
//       "match": ["Vi har mobila team.",   // at least one mention of this theme
//                 {"text": "fast vård- och omsorgskontakt", "mentions": ["fast vård-"]}],
//       "no_match": ["mobila lösningar"]   // no mention of this theme
//     }
//   }
// "label" and "definition" are required, non-empty texts; "examples" is
// required with at least one "match" example; "exclude" is optional.
// A rule has an "id" ([a-z0-9_-]+, unique among the rules and exclusions
// of the file) and either "tokens" (a non-empty list) or
// "regex", plus optional "note" (free text for authors) and
// "needs_other_mention" (the rule counts only where the same text also has
// a mention of this theme from another rule: abbreviations such as "MT").
// An exclusion has the same shape; a candidate mention that overlaps a
// match of one of its lexicon's exclusions is dropped.
// An example object may give "mentions": the exact texts of the mentions
// of this theme, in order (each must occur in "text", in that order; only
// "match" examples have mentions). A key written twice in one object is an
// error. A regex that can match the empty text is an error.
//
// Token patterns (one string per token of the text, matched in order):
//   mobila       a word, matched against the case-folded token, so it is
//                written in lower case ("Mobila", "MOBILA" match too).
//   (a|t|)       alternatives; an empty alternative makes the group
//                optional: "mobil(a|t|)" matches mobil, mobila, mobilt.
//                Groups may nest.
//   *            any characters within the token, none included:
//                "*team(et|en|)" is "team" as the head of a compound
//                (närsjukvårdsteamet), "trygghemgång*" a first part.
//   =SIP         '=' first: case-sensitive, matched against the token as
//                written (so "sip" in running text does not match).
//   den?         '?' last: the token may be absent.
//   ~2           a gap: up to 2 words of any kind (0, 1 or 2; N is 1..9).
// Every other character stands for itself (". + [ ] { } ^ $ \" included),
// except that a space or '-' is an error: the tokenizer never keeps one
// inside a token, so the pattern could never match. Upper-case letters
// need '=' (an error otherwise: the text they are matched against is
// case-folded).
// A rule starts and ends with a required token; gaps do not follow gaps.
// A rule's reach, the most words one match can cover (1 for each word
// pattern, optional or not, N for a gap ~N), is at most kMaxRuleReach (20):
// the matcher's work per word grows with the square of the reach, so
// ["och", "och?" × 100, "och"] or a run of gaps adding up to 2,000 words is
// an error at the rule's "tokens" (the shipped rules reach at most 9 words).
// Tokens are what the tokenizer gives (tokenize/tokenizer.hpp): "SIP:ar" is
// one token, "SIP-möte" and "SIP;ar" are two; punctuation is not a token.
//
// Regex rules ("regex") are RE2 patterns run over the text itself, for what
// token patterns cannot say; a match counts only when it starts at a token's
// start and ends at a token's end. RE2 runs in linear time, so a lexicon
// cannot hang the engine.
//
// Example:
//   LexiconLoad l = load_lexicons({"lexicons"});
//   for (const Diagnostic& d : l.diagnostics) std::cerr << d.render() << "\n";
//   if (l.ok()) use(l.lexicons);

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/diagnostic.hpp"

namespace analyzer {

// Where something was written in a lexicon file (1-based; 0 = unknown).
struct SourceLocation {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;
};

// One element of a rule's token sequence.
struct TokenPattern {
  enum class Kind { Word, Gap };
  Kind kind = Kind::Word;
  std::string source;           // as written: "mobil(a|t|)", "=SIP", "den?", "~2"
  // Word: an RE2 pattern that must match the WHOLE token (callers anchor
  // it, e.g. RE2::FullMatch or ANCHOR_BOTH), over the case-folded token, or
  // over the token as written when case_sensitive. Empty for gaps.
  // Shape: literal characters as written (RE2 syntax characters
  // \ . + * ? ( ) | [ ] { } ^ $ escaped with '\'), '*' as ".*" ("**" too),
  // a group as "(?:a|t|)"; no '=', no trailing '?', no anchors, no flags.
  // "mobil(a|t|)" → "mobil(?:a|t|)", "=SIP(:*|)" → "SIP(?::.*|)",
  // "*team(et|en|)" → ".*team(?:et|en|)", "t.ex." → "t\.ex\.".
  // It compiles with RE2 in UTF-8 mode (never_capture is fine).
  std::string regex;
  bool case_sensitive = false;
  bool optional = false;        // Word written with a trailing '?'
  int max_gap = 0;              // Gap: 1..9 words
  SourceLocation where;         // the pattern's string in "tokens"
};

// A rule or an exclusion.
struct LexiconRule {
  std::string id;
  std::vector<TokenPattern> tokens;   // empty for a regex rule
  std::string regex;                  // RE2 pattern over the text; empty for a token rule
  bool needs_other_mention = false;
  std::string note;
  SourceLocation where;               // position of the rule object
  bool is_regex() const { return tokens.empty(); }
};

struct LexiconExample {
  std::string text;
  std::optional<std::vector<std::string>> mentions;  // exact mention texts, when given
  SourceLocation where;
};

struct Lexicon {
  std::string id;
  std::string label;
  std::string definition;
  std::vector<LexiconRule> rules;
  std::vector<LexiconRule> exclusions;
  std::vector<LexiconExample> must_match;
  std::vector<LexiconExample> must_not_match;
  std::string file;                   // path it was read from ("" for text)
  SourceLocation where;               // added: position of the "id" value
};

struct LexiconLoad {
  std::vector<Lexicon> lexicons;      // the ones that had no error, sorted by id
  Diagnostics diagnostics;            // errors and warnings, in file order
  bool ok() const;                    // no error diagnostic
};

// Parses one lexicon from JSON text; `file` names it in diagnostics (and
// its stem must equal the id when not empty). On any error the lexicon is
// not returned; every error found is reported, not only the first, sorted
// by line and column. Warnings alone do not drop the lexicon. A JSON syntax
// error is one diagnostic at the offending token.
LexiconLoad parse_lexicon(std::string_view json_text, const std::string& file);

// Loads lexicon files and folders (every *.json in a folder, not
// recursive, in name order). Two lexicons with the same id are an error.
// An unreadable path is an error naming it; other files still load. A
// folder with no *.json file is an error; a file named twice (directly and
// through its folder) is read once. Of two files with the same id the
// first is kept. Files over 16 MB are refused. In a folder, entries not
// named *.json are passed over (README.md); of those named *.json, hidden
// files (".x.json"), folders and other non-regular files give a warning
// naming them and are not read, and a symbolic link to nothing or a loop
// of links is an error (a theme would otherwise be missing unnoticed).
LexiconLoad load_lexicons(const std::vector<std::string>& paths);

// The most words a match of `tokens` can cover: 1 for each word pattern
// (optional or not), N for a gap ~N. At most kMaxRuleReach in a lexicon
// that loaded; LexiconMatcher::build() refuses more.
inline constexpr int kMaxRuleReach = 20;
int rule_reach(const std::vector<TokenPattern>& tokens);

// Translates one token pattern (as written in "tokens") into a
// TokenPattern, or a Diagnostic saying what is wrong with it (the
// diagnostic's file/line are left for the caller to fill in). The message
// reads `token pattern "(SIP": unclosed group`, with a hint.
// Errors: empty; '~' first but not ~1..~9 ("~0", "~10", "~x", "~2?");
// "?" alone; nothing but "=" and/or "?"; "??" at the end; ")" without
// "("; "|" outside a group; "()"; an unclosed group; a space or '-';
// an upper-case letter without '='; a result RE2 rejects (invalid UTF-8).
// `where` is left empty. Cost: one RE2 compilation.
Result<TokenPattern> compile_token_pattern(std::string_view source);

// Where the shipped lexicons are, in this order: `explicit_dir` when not
// empty (an error when it is not a folder); $ANALYZER_LEXICONS; the folder
// "lexicons" beside the executable's parent ("build/bin/../../lexicons", or
// "<prefix>/share/analyzer/lexicons" for an installed binary); the source
// tree's lexicons/ compiled in as ANALYZER_SOURCE_LEXICONS. `exe_path` is
// argv[0] or /proc/self/exe. The error says which places were tried.
// A candidate counts only when it is a folder holding at least one *.json
// file (the explicit folder only needs to be a folder). The result is the
// explicit or $ANALYZER_LEXICONS folder as given; a folder found beside
// the executable is absolute, with symbolic links resolved and ".."
// removed ("/src/analyzer/lexicons" for "/src/analyzer/build/bin/analyzer").
// When `exe_path` is empty or has no '/' (argv[0] found on $PATH),
// /proc/self/exe is used. Cost: a few stat calls and folder listings.
Result<std::string> find_lexicon_dir(const std::string& explicit_dir, const std::string& exe_path);

// Added: the same search over places given explicitly (no environment,
// no /proc, no compiled-in folder), for tests and callers that know them.
// An empty field is a place that is not set.
struct LexiconDirPlaces {
  std::string explicit_dir;  // --lexicons DIR
  std::string env_dir;       // the value of $ANALYZER_LEXICONS
  std::string exe_path;      // the running executable
  std::string source_dir;    // ANALYZER_SOURCE_LEXICONS
};
Result<std::string> find_lexicon_dir(const LexiconDirPlaces& places);

}  // namespace analyzer
