// lexicon: the token-pattern language (golden source → RE2 tables), the
// lexicon file format with file:line:column diagnostics for every kind of
// mistake, loading files and folders, and where the lexicons folder is found.
#include <catch2/catch.hpp>

#include <re2/re2.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/lexicon/lexicon.hpp"
#include "analyzer/lexicon/theme_names.hpp"
#include "tests/support/temp_files.hpp"

using namespace analyzer;
using analyzer::test::TempDir;
namespace fs = std::filesystem;

namespace {

// Every diagnostic of parsing `text` as `file`, rendered as the CLI prints it.
std::vector<std::string> diagnostics_of(const std::string& text, const std::string& file = "lexicons/sip.json") {
  std::vector<std::string> out;
  for (const Diagnostic& d : parse_lexicon(text, file).diagnostics) out.push_back(d.render());
  return out;
}

// A valid "sip" lexicon whose "rules" list holds `rules`; the first line of
// `rules` is line 5 of the text.
std::string sip_lexicon_with_rules(const std::string& rules) {
  return "{\n"
         "  \"id\": \"sip\", \"label\": \"SIP\", \"definition\": \"Samordnad individuell plan.\",\n"
         "  \"examples\": {\"match\": [\"Vi har SIP.\"]},\n"
         "  \"rules\": [\n" +
         rules + "\n  ]\n}\n";
}

// The error of compile_token_pattern(source), rendered; "(ok)" when none.
std::string pattern_error(std::string_view source) {
  Result<TokenPattern> p = compile_token_pattern(source);
  return p.ok() ? "(ok)" : p.error().render();
}

// Sets (or unsets, for nullopt) $ANALYZER_LEXICONS for one scope.
class ScopedLexiconsEnv {
 public:
  explicit ScopedLexiconsEnv(const std::optional<std::string>& value) {
    if (const char* old = ::getenv("ANALYZER_LEXICONS")) old_ = old;
    if (value) ::setenv("ANALYZER_LEXICONS", value->c_str(), 1);
    else ::unsetenv("ANALYZER_LEXICONS");
  }
  ~ScopedLexiconsEnv() {
    if (old_) ::setenv("ANALYZER_LEXICONS", old_->c_str(), 1);
    else ::unsetenv("ANALYZER_LEXICONS");
  }

 private:
  std::optional<std::string> old_;
};

const std::string kSipLexicon = R"J({
  "id": "sip",
  "label": "SIP",
  "definition": "Samordnad individuell plan.",
  "rules": [{"id": "sip", "tokens": ["=SIP(:*|)"]}],
  "examples": {"match": ["Vi har SIP."]}
})J";

}  // namespace

// ---------------------------------------------------------------------------
// Token patterns
// ---------------------------------------------------------------------------

TEST_CASE("word patterns translate to the documented RE2 shapes") {
  struct Golden {
    std::string source, regex;
    bool case_sensitive, optional;
  };
  const std::vector<Golden> table = {
      {"mobila", "mobila", false, false},
      {"mobil(a|t|)", "mobil(?:a|t|)", false, false},
      {"*team(et|en|s|)", ".*team(?:et|en|s|)", false, false},
      {"trygghemgång*", "trygghemgång.*", false, false},
      {"(a|(b|c)d)", "(?:a|(?:b|c)d)", false, false},
      {"**x", ".*x", false, false},
      {"*", ".*", false, false},
      {"=SIP", "SIP", true, false},
      {"=SIP(:*|)", "SIP(?::.*|)", true, false},
      {"den?", "den", false, true},
      {"=MT?", "MT", true, true},
      {"t.ex.", "t\\.ex\\.", false, false},
      {"a+b[1]{2}^$\\", "a\\+b\\[1\\]\\{2\\}\\^\\$\\\\", false, false},
      {"a?b", "a\\?b", false, false},
      {"a=b", "a=b", false, false},
      {"a~b", "a~b", false, false},
      {"s:t", "s:t", false, false},
      {"vård", "vård", false, false},
  };
  for (const Golden& g : table) {
    INFO("source: " << g.source);
    Result<TokenPattern> p = compile_token_pattern(g.source);
    REQUIRE(p.ok());
    CHECK(p.value().kind == TokenPattern::Kind::Word);
    CHECK(p.value().source == g.source);
    CHECK(p.value().regex == g.regex);
    CHECK(p.value().case_sensitive == g.case_sensitive);
    CHECK(p.value().optional == g.optional);
    CHECK(p.value().max_gap == 0);
  }
}

TEST_CASE("gap patterns ~1 to ~9 give a gap with no regex") {
  for (int n = 1; n <= 9; ++n) {
    const std::string source = "~" + std::to_string(n);
    Result<TokenPattern> p = compile_token_pattern(source);
    REQUIRE(p.ok());
    CHECK(p.value().kind == TokenPattern::Kind::Gap);
    CHECK(p.value().max_gap == n);
    CHECK(p.value().regex.empty());
    CHECK(p.value().source == source);
  }
}

TEST_CASE("translated patterns match whole tokens when anchored at both ends") {
  struct Case {
    std::string source, token;
    bool matches;
  };
  const Case c = GENERATE(values<Case>({
      {"mobil(a|t|)", "mobil", true},
      {"mobil(a|t|)", "mobilt", true},
      {"mobil(a|t|)", "mobile", false},
      {"*team(et|en|)", "närsjukvårdsteamet", true},
      {"*team(et|en|)", "teams", false},
      {"=SIP(:*|)", "SIP:ar", true},
      {"=SIP(:*|)", "SIP", true},
      {"=SIP(:*|)", "sip", false},
      {"t.ex.", "t.ex.", true},
      {"t.ex.", "tyexy", false},
  }));
  CAPTURE(c.source, c.token);
  Result<TokenPattern> p = compile_token_pattern(c.source);
  REQUIRE(p.ok());
  const RE2 re(p.value().regex);
  REQUIRE(re.ok());
  CHECK(RE2::FullMatch(re2::StringPiece(c.token.data(), c.token.size()), re) == c.matches);
}
TEST_CASE("malformed token patterns are errors that say what is wrong") {
  const std::vector<std::pair<std::string, std::string>> table = {
      {"", "error: token pattern \"\": empty (write a word such as \"mobila\", or remove the empty pattern)"},
      {"(SIP", "error: token pattern \"(SIP\": unclosed group (add \")\" to close the group opened at character 1)"},
      {"mobil(a|(t|e)", "error: token pattern \"mobil(a|(t|e)\": unclosed group (add \")\" to close the group "
                        "opened at character 6)"},
      {"sip)", "error: token pattern \"sip)\": \")\" without \"(\" (remove it, or add the \"(\" that opens the "
               "group)"},
      {"a|b", "error: token pattern \"a|b\": \"|\" outside a group (put the alternatives in parentheses, e.g. "
              "\"(a|b)\")"},
      {"mobil()", "error: token pattern \"mobil()\": empty group \"()\" (remove it; to make a group optional "
                  "give it an empty alternative, e.g. \"(a|)\")"},
      {"?", "error: token pattern \"?\": a lone \"?\" (\"?\" goes last in a word to make it optional, e.g. "
            "\"den?\")"},
      {"=", "error: token pattern \"=\": no word to match (write the case-sensitive word after \"=\", e.g. "
            "\"=SIP\")"},
      {"=?", "error: token pattern \"=?\": no word to match (write the case-sensitive word after \"=\", e.g. "
             "\"=SIP\")"},
      {"den??", "error: token pattern \"den??\": \"?\" twice at the end (write a single \"?\")"},
      {"mobila team", "error: token pattern \"mobila team\": contains a space (a pattern matches one token (one "
                      "word): write each word as its own pattern, e.g. \"mobila\", \"team\")"},
      {"sip-möte", "error: token pattern \"sip-möte\": contains \"-\", which never occurs inside a token (the "
                   "tokenizer splits words at a hyphen (\"SIP-möte\" is two tokens): write the parts as "
                   "separate patterns, e.g. \"sip\", \"möte\")"},
      {"Mobila", "error: token pattern \"Mobila\": upper-case \"M\" in a pattern that is not case-sensitive "
                 "(write patterns in lower case, or start with = for a case-sensitive token)"},
      {"åLand?", "error: token pattern \"åLand?\": upper-case \"L\" in a pattern that is not case-sensitive "
                 "(write patterns in lower case, or start with = for a case-sensitive token)"},
      {"Åland", "error: token pattern \"Åland\": upper-case \"Å\" in a pattern that is not case-sensitive "
                "(write patterns in lower case, or start with = for a case-sensitive token)"},
      // Beyond U+00FF: a Greek capital after a lower-case one, a title-case digraph.
      {"ωΣ", "error: token pattern \"ωΣ\": upper-case \"Σ\" in a pattern that is not case-sensitive "
             "(write patterns in lower case, or start with = for a case-sensitive token)"},
      {"\u01C5em", "error: token pattern \"\u01C5em\": upper-case \"\u01C5\" in a pattern that is not "
                   "case-sensitive (write patterns in lower case, or start with = for a case-sensitive token)"},
  };
  for (const auto& [source, expected] : table) {
    INFO("source: " << source);
    CHECK(pattern_error(source) == expected);
  }
}

TEST_CASE("a gap is ~ and one digit 1 to 9, with nothing else") {
  const std::string expected_tail =
      "a gap is written ~1 to ~9 (~N stands for up to N words of any kind between the tokens around it)";
  for (const std::string source : {"~0", "~10", "~", "~x", "~2?", "~ 2"}) {
    INFO("source: " << source);
    CHECK(pattern_error(source) == "error: token pattern \"" + source + "\": " + expected_tail);
  }
}

TEST_CASE("a pattern that is not valid UTF-8 is rejected by the RE2 check") {
  const std::string error = pattern_error("mobil\xff");
  CHECK(error.rfind("error: token pattern \"mobil\xff\": cannot be compiled (RE2: ", 0) == 0);
}

// ---------------------------------------------------------------------------
// parse_lexicon: a good lexicon
// ---------------------------------------------------------------------------

TEST_CASE("a lexicon in the documented format is read with every field and position") {
  const std::string text = R"J({
  "id": "mobila_team",
  "label": "Mobila team",
  "definition": "Team som arbetar i patientens hem.",
  "rules": [
    {"id": "mobilt-team", "tokens": ["mobil(a|t|e)", "~1", "*team(et|en|s|)"], "note": "även sammansättningar"},
    {"id": "mt", "tokens": ["=MT"], "needs_other_mention": true},
    {"id": "odd-form", "regex": "(?i)mobil\\s*team"}
  ],
  "exclude": [
    {"id": "mobil-utrustning", "tokens": ["mobil*", "(lösning|telefon)*"]}
  ],
  "examples": {
    "match": ["Vi har mobila team.",
              {"text": "Det mobila teamet (MT) kommer hem.", "mentions": ["mobila teamet", "MT"]}],
    "no_match": ["mobila lösningar"]
  }
})J";
  LexiconLoad load = parse_lexicon(text, "lexicons/mobila_team.json");
  CHECK(load.diagnostics.empty());
  REQUIRE(load.ok());
  REQUIRE(load.lexicons.size() == 1);
  const Lexicon& lexicon = load.lexicons[0];
  CHECK(lexicon.id == "mobila_team");
  CHECK(lexicon.label == "Mobila team");
  CHECK(lexicon.definition == "Team som arbetar i patientens hem.");
  CHECK(lexicon.file == "lexicons/mobila_team.json");
  CHECK(lexicon.where.line == 2);
  CHECK(lexicon.where.column == 9);

  REQUIRE(lexicon.rules.size() == 3);
  const LexiconRule& team = lexicon.rules[0];
  CHECK(team.id == "mobilt-team");
  CHECK(team.note == "även sammansättningar");
  CHECK_FALSE(team.needs_other_mention);
  CHECK_FALSE(team.is_regex());
  CHECK(team.where.file == "lexicons/mobila_team.json");
  CHECK(team.where.line == 6);
  CHECK(team.where.column == 5);
  REQUIRE(team.tokens.size() == 3);
  CHECK(team.tokens[0].regex == "mobil(?:a|t|e)");
  CHECK(team.tokens[0].where.line == 6);
  CHECK(team.tokens[0].where.column == 38);
  CHECK(team.tokens[1].kind == TokenPattern::Kind::Gap);
  CHECK(team.tokens[1].max_gap == 1);
  CHECK(team.tokens[1].where.column == 54);
  CHECK(team.tokens[2].regex == ".*team(?:et|en|s|)");

  const LexiconRule& mt = lexicon.rules[1];
  CHECK(mt.id == "mt");
  CHECK(mt.needs_other_mention);
  REQUIRE(mt.tokens.size() == 1);
  CHECK(mt.tokens[0].case_sensitive);
  CHECK(mt.tokens[0].regex == "MT");

  const LexiconRule& odd = lexicon.rules[2];
  CHECK(odd.is_regex());
  CHECK(odd.regex == "(?i)mobil\\s*team");
  CHECK(odd.where.line == 8);

  REQUIRE(lexicon.exclusions.size() == 1);
  CHECK(lexicon.exclusions[0].id == "mobil-utrustning");
  REQUIRE(lexicon.exclusions[0].tokens.size() == 2);
  CHECK(lexicon.exclusions[0].tokens[1].regex == "(?:lösning|telefon).*");

  REQUIRE(lexicon.must_match.size() == 2);
  CHECK(lexicon.must_match[0].text == "Vi har mobila team.");
  CHECK_FALSE(lexicon.must_match[0].mentions.has_value());
  CHECK(lexicon.must_match[0].where.line == 14);
  CHECK(lexicon.must_match[0].where.column == 15);
  CHECK(lexicon.must_match[1].text == "Det mobila teamet (MT) kommer hem.");
  CHECK(lexicon.must_match[1].mentions == std::vector<std::string>{"mobila teamet", "MT"});
  CHECK(lexicon.must_match[1].where.line == 15);
  CHECK(lexicon.must_match[1].where.column == 15);
  REQUIRE(lexicon.must_not_match.size() == 1);
  CHECK(lexicon.must_not_match[0].text == "mobila lösningar");
}

TEST_CASE("a lexicon parsed from text with no file name skips the file-name check") {
  LexiconLoad load = parse_lexicon(kSipLexicon, "");
  CHECK(load.ok());
  REQUIRE(load.lexicons.size() == 1);
  CHECK(load.lexicons[0].file.empty());
}

// ---------------------------------------------------------------------------
// parse_lexicon: every kind of mistake, at file:line:column
// ---------------------------------------------------------------------------

TEST_CASE("every kind of mistake is reported at file:line:column, saying what to do") {
  struct Case {
    std::string what, text;
    std::vector<std::string> expected;   // every diagnostic, rendered
    std::string file = "lexicons/sip.json";
  };
  const std::string no_match_example_hint =
      " (add at least one text that mentions this theme under \"match\"; `analyzer lexicon test` checks that the "
      "rules find it)";
  const Case c = GENERATE_REF(values<Case>({
      {"a bad token pattern is reported at its string, naming the rule",
       sip_lexicon_with_rules(R"J(    {"id": "sip-abbr", "tokens": ["(SIP"]})J"),
       {"lexicons/sip.json:5:35: error: rule \"sip-abbr\": token pattern \"(SIP\": "
        "unclosed group (add \")\" to close the group opened at character 1)"}},
      {"an unknown key in a rule is reported at the key with a did-you-mean hint",
       sip_lexicon_with_rules(R"J(    {"id": "sip-abbr", "tokns": ["=SIP"]})J"),
       {"lexicons/sip.json:5:5: error: rule \"sip-abbr\": has neither \"tokens\" nor \"regex\" (add \"tokens\": "
        "[\"word\", ...], or \"regex\": \"...\" for what token patterns cannot say)",
        "lexicons/sip.json:5:24: error: rule \"sip-abbr\": unknown key \"tokns\" (did you mean \"tokens\"?)"}},
      {"an unknown top-level key with no near miss lists the allowed keys",
       R"J({
  "id": "sip", "label": "SIP", "definition": "Samordnad individuell plan.",
  "rules": [{"id": "sip", "tokens": ["=SIP"]}],
  "examples": {"match": ["Vi har SIP."]},
  "author": "Anna"
})J",
       {"lexicons/sip.json:5:3: error: unknown key \"author\" (the keys allowed here are "
        "\"id\", \"label\", \"definition\", \"rules\", \"exclude\" or \"examples\")"}},
      {"a misspelled section name gets a did-you-mean hint",
       R"J({
  "id": "sip", "label": "SIP", "definition": "Samordnad individuell plan.",
  "rules": [{"id": "sip", "tokens": ["=SIP"]}],
  "exclusions": [],
  "examples": {"match": ["Vi har SIP."], "nomatch": []}
})J",
       {"lexicons/sip.json:4:3: error: unknown key \"exclusions\" (did you mean \"exclude\"?)",
        "lexicons/sip.json:5:42: error: unknown key \"nomatch\" (did you mean \"no_match\"?)"}},
      {"a rule with both tokens and regex, or an empty token list, is an error",
       sip_lexicon_with_rules(R"J(    {"id": "a", "tokens": ["sip"], "regex": "sip"},
    {"id": "b", "tokens": []})J"),
       {"lexicons/sip.json:5:36: error: rule \"a\": has both \"tokens\" and \"regex\" (a rule has one or the "
        "other: split it into two rules)",
        "lexicons/sip.json:6:27: error: rule \"b\": \"tokens\" must be a list of at least one token pattern, but "
        "is an empty list [] (write e.g. \"tokens\": [\"mobil(a|t)\", \"team\"])"}},
      {"a missing key is reported at the object that lacks it",
       R"J({
  "id": "sip", "definition": "Samordnad individuell plan.",
  "rules": [{"id": "sip", "tokens": ["=SIP"]}],
  "examples": {"match": ["Vi har SIP."]}
})J",
       {"lexicons/sip.json:1:1: error: missing key \"label\" "
        "(add \"label\": \"Mobila team\")"}},
      {"a value of the wrong type is reported at the value",
       sip_lexicon_with_rules(R"J(    {"id": "mt", "tokens": ["=MT"], "needs_other_mention": "yes"})J"),
       {"lexicons/sip.json:5:60: error: rule \"mt\": \"needs_other_mention\" must be true "
        "or false, but is the text \"yes\" (write true or false without quotes)"}},
      {"ids with characters outside the allowed set are errors with a suggestion",
       R"J({
  "id": "Mobila team", "label": "Mobila team", "definition": "Team i hemmet.",
  "rules": [{"id": "Mobilt Team", "tokens": ["mobil(a|t)", "team"]}],
  "examples": {"match": ["Vi har mobila team."]}
})J",
       {"mobila_team.json:2:9: error: the id \"Mobila team\" may use only a-z, 0-9 and _ "
        "(write e.g. \"mobila_team\")",
        "mobila_team.json:3:20: error: rule \"Mobilt Team\": the id \"Mobilt Team\" may use only a-z, 0-9, - "
        "and _ (write e.g. \"mobilt-team\")"}, "mobila_team.json"},
      {"a rule id used twice in a file is reported at the second, pointing to the first",
       R"J({
  "id": "sip", "label": "SIP", "definition": "Samordnad individuell plan.",
  "rules": [{"id": "sip", "tokens": ["=SIP"]}],
  "exclude": [{"id": "sip", "tokens": ["=SIP", "=SIP"]}],
  "examples": {"match": ["Vi har SIP."]}
})J",
       {"lexicons/sip.json:4:22: error: exclusion \"sip\": the id \"sip\" is used twice "
        "(ids must be unique among the rules and exclusions of a file; the first is at "
        "line 3, column 20)"}},
      {"a regex that RE2 cannot compile is reported with RE2's reason",
       sip_lexicon_with_rules(R"J(    {"id": "odd", "regex": "(?i)trygg("})J"),
       {"lexicons/sip.json:5:28: error: rule \"odd\": regex \"(?i)trygg(\": missing ): "
        "(?i)trygg( (see https://github.com/google/re2/wiki/Syntax; in JSON a backslash "
        "is written \\\\)"}},
      {"a regex that matches the empty text is an error",
       sip_lexicon_with_rules(R"J(    {"id": "odd", "regex": "a*"})J"),
       {"lexicons/sip.json:5:28: error: rule \"odd\": regex \"a*\" matches the empty "
        "text (a regex rule must match at least one character: make some part required)"}},
      {"a rule that starts with a gap or ends with an optional token is an error",
       sip_lexicon_with_rules(R"J(    {"id": "a", "tokens": ["~2", "sip"]},
    {"id": "b", "tokens": ["sip", "möte?"]},
    {"id": "c", "tokens": ["den?", "sip"]},
    {"id": "d", "tokens": ["sip", "~3"]})J"),
       {"lexicons/sip.json:5:28: error: rule \"a\": starts with the gap \"~2\" (a rule starts and ends with a "
        "required token: remove the gap)",
        "lexicons/sip.json:6:35: error: rule \"b\": ends with the optional token \"möte?\" (a rule starts and "
        "ends with a required token: remove the \"?\" or the token)",
        "lexicons/sip.json:7:28: error: rule \"c\": starts with the optional token \"den?\" (a rule starts and "
        "ends with a required token: remove the \"?\" or the token)",
        "lexicons/sip.json:8:35: error: rule \"d\": ends with the gap \"~3\" (a rule starts and ends with a "
        "required token: remove the gap)"}},
      {"a gap right after a gap is an error at the second gap",
       sip_lexicon_with_rules(R"J(    {"id": "a", "tokens": ["sip", "~2", "~3", "möte"]})J"),
       {"lexicons/sip.json:5:41: error: rule \"a\": the gap \"~3\" follows the gap \"~2\" "
        "(write one gap instead, e.g. \"~5\")"}},
      {"a lexicon id that differs from the file name is an error at the id",
       kSipLexicon,
       {"lexicons/sip2.json:2:9: error: the id \"sip\" differs from the file name "
        "\"sip2.json\" (the id must equal the file name without .json: rename the file to "
        "\"sip.json\" or change the id to \"sip2\")"}, "lexicons/sip2.json"},
      {"a lexicon without any match example is an error: no \"match\" list",
       R"J({
  "id": "sip", "label": "SIP", "definition": "Samordnad individuell plan.",
  "rules": [{"id": "sip", "tokens": ["=SIP"]}],
  "examples": {"no_match": ["sip"]}
})J",
       {"lexicons/sip.json:4:15: error: the lexicon has no \"match\" example" + no_match_example_hint}},
      {"a lexicon without any match example is an error: an empty \"match\" list",
       R"J({
  "id": "sip", "label": "SIP", "definition": "Samordnad individuell plan.",
  "rules": [{"id": "sip", "tokens": ["=SIP"]}],
  "examples": {"match": []}
})J",
       {"lexicons/sip.json:4:25: error: the lexicon has no \"match\" example" + no_match_example_hint}},
      {"mentions of an example must occur in its text, in order",
       R"J({
  "id": "sip", "label": "SIP", "definition": "Samordnad individuell plan.",
  "rules": [{"id": "sip", "tokens": ["=SIP"]}],
  "examples": {"match": [{"text": "SIP och sedan SIP-möte", "mentions": ["SIP-möte", "SIP", "SAP"]}],
               "no_match": [{"text": "sip", "mentions": ["sip"]}]}
})J",
       {"lexicons/sip.json:4:86: error: \"match\" example 1: the mention \"SIP\" comes before the previous "
        "mention in the text (list the mentions in the order of the text)",
        "lexicons/sip.json:4:93: error: \"match\" example 1: the mention \"SAP\" is not in the example text "
        "(copy the mention exactly as written in \"text\")",
        "lexicons/sip.json:5:45: error: \"no_match\" example 1: a \"no_match\" example has no mentions "
        "(remove \"mentions\", or move the example to \"match\")"}},
      {"a key written twice in one object is an error at the second",
       R"J({
  "id": "sip", "label": "SIP", "definition": "Samordnad individuell plan.",
  "rules": [{"id": "sip", "tokens": ["=SIP"], "tokens": ["=SAP"]}],
  "examples": {"match": ["Vi har SIP."]}
})J",
       {"lexicons/sip.json:3:47: error: the key \"tokens\" appears twice in the same object "
        "(keep only one; the first, at line 3, column 27, would be silently ignored)"}},
      {"a lexicon file that is not a JSON object is an error",
       "[1, 2]",
       {"lexicons/sip.json:1:1: error: a lexicon file must be a JSON object, but is a list "
        "[...] (start the file with {\"id\": ..., \"label\": ..., \"definition\": ..., "
        "\"rules\": [...], \"examples\": {...}})"}},
  }));
  CAPTURE(c.what);
  CHECK(diagnostics_of(c.text, c.file) == c.expected);
}

TEST_CASE("a JSON syntax error is reported at line and column with a hint") {
  const std::string text = "{\n  \"id\": \"sip\",\n  \"label\" \"SIP\"\n}";
  const std::vector<std::string> errors = diagnostics_of(text);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].rfind("lexicons/sip.json:3:11: error: JSON syntax error while parsing object separator", 0) == 0);
  CHECK(errors[0].find("(check for a missing or extra comma, colon, quote or brace at or just before this point)") !=
        std::string::npos);
  const std::vector<std::string> cut = diagnostics_of("{\n  \"id\": \"sip\",\n");
  REQUIRE(cut.size() == 1);
  CHECK(cut[0].rfind("lexicons/sip.json:2:15: error: JSON syntax error while parsing object key", 0) == 0);
  CHECK(cut[0].find("the file ends too early") != std::string::npos);
}

TEST_CASE("text that is not UTF-8 is a syntax error at the bad byte") {
  const std::vector<std::string> errors = diagnostics_of("{\"id\": \"si\xff\"}");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].rfind("lexicons/sip.json:1:11: error: JSON syntax error while parsing value - invalid string: "
                        "ill-formed UTF-8 byte", 0) == 0);
  CHECK(errors[0].find("(save the file as UTF-8 text)") != std::string::npos);
}

TEST_CASE("every error in a file is reported, in text order, and no lexicon is returned") {
  const std::string text = R"J({
  "id": "sip", "label": "", "definition": "Samordnad individuell plan.",
  "rules": [{"id": "sip", "tokens": ["SIP"]},
            {"id": "sip-2", "tokens": ["sip", "~0"], "regx": "x"}],
  "examples": {"match": ["Vi har SIP."]}
})J";
  LexiconLoad load = parse_lexicon(text, "lexicons/sip.json");
  CHECK_FALSE(load.ok());
  CHECK(load.lexicons.empty());
  std::vector<std::string> where;
  for (const Diagnostic& d : load.diagnostics) where.push_back(std::to_string(d.line) + ":" + std::to_string(d.column));
  CHECK(where == std::vector<std::string>{"2:25", "3:38", "4:47", "4:54"});
}

TEST_CASE("a warning alone does not stop a lexicon from loading") {
  const std::string text = R"J({
  "id": "sip", "label": "SIP", "definition": "Samordnad individuell plan.",
  "rules": [{"id": "sip", "tokens": ["=SIP"]}],
  "exclude": [{"id": "sip-nej", "tokens": ["=SIP", "nej"], "needs_other_mention": true}],
  "examples": {"match": ["Vi har SIP."]}
})J";
  LexiconLoad load = parse_lexicon(text, "lexicons/sip.json");
  CHECK(load.ok());
  CHECK(load.lexicons.size() == 1);
  REQUIRE(load.diagnostics.size() == 1);
  CHECK(load.diagnostics[0].render() ==
        "lexicons/sip.json:4:83: warning: exclusion \"sip-nej\": \"needs_other_mention\" has no effect on an "
        "exclusion (remove it)");
}

// ---------------------------------------------------------------------------
// load_lexicons
// ---------------------------------------------------------------------------

TEST_CASE("a folder loads every *.json in it, a bad file does not stop the good one") {
  TempDir dir;
  dir.write("sip.json", kSipLexicon);
  dir.write("mobila_team.json", "{\n  \"id\": \"mobila_team\",\n  \"label\" \"Mobila team\"\n}");
  dir.write("README.md", "not a lexicon");
  dir.write("sub/trygg_hemgang.json", "not read: folders are not searched recursively");
  LexiconLoad load = load_lexicons({dir.path().string()});
  CHECK_FALSE(load.ok());
  REQUIRE(load.lexicons.size() == 1);
  CHECK(load.lexicons[0].id == "sip");
  CHECK(load.lexicons[0].file == (dir.path() / "sip.json").string());
  REQUIRE(load.diagnostics.size() == 1);
  CHECK(load.diagnostics[0].file == (dir.path() / "mobila_team.json").string());
  CHECK(load.diagnostics[0].line == 3);
  CHECK(load.diagnostics[0].column == 11);
}

TEST_CASE("lexicons come back sorted by id whatever order the paths are given in") {
  TempDir dir;
  const fs::path sip = dir.write("sip.json", kSipLexicon);
  std::string mt = kSipLexicon;
  mt.replace(mt.find("\"sip\""), 5, "\"mt\"");
  const fs::path mobila = dir.write("other/mt.json", mt);
  LexiconLoad load = load_lexicons({sip.string(), mobila.string()});
  CHECK(load.ok());
  REQUIRE(load.lexicons.size() == 2);
  CHECK(load.lexicons[0].id == "mt");
  CHECK(load.lexicons[1].id == "sip");
}

TEST_CASE("a path that does not exist is an error naming it, the others still load") {
  TempDir dir;
  const fs::path sip = dir.write("sip.json", kSipLexicon);
  const std::string missing = (dir.path() / "nope.json").string();
  LexiconLoad load = load_lexicons({missing, sip.string()});
  CHECK_FALSE(load.ok());
  CHECK(load.lexicons.size() == 1);
  REQUIRE(load.diagnostics.size() == 1);
  CHECK(load.diagnostics[0].render() ==
        missing + ": error: no such file or folder (give a lexicon file (*.json) or a folder of them)");
}

TEST_CASE("a folder without lexicon files is an error") {
  TempDir dir;
  LexiconLoad load = load_lexicons({dir.path().string()});
  CHECK_FALSE(load.ok());
  REQUIRE(load.diagnostics.size() == 1);
  CHECK(load.diagnostics[0].render() == dir.path().string() +
                                            ": error: the folder has no lexicon files (*.json) (check that this is "
                                            "the lexicons folder)");
}

TEST_CASE("two files with the same lexicon id are an error at the second, the first is kept") {
  TempDir dir;
  const fs::path first = dir.write("a/sip.json", kSipLexicon);
  const fs::path second = dir.write("b/sip.json", kSipLexicon);
  LexiconLoad load = load_lexicons({(dir.path() / "a").string(), (dir.path() / "b").string()});
  CHECK_FALSE(load.ok());
  REQUIRE(load.lexicons.size() == 1);
  CHECK(load.lexicons[0].file == first.string());
  REQUIRE(load.diagnostics.size() == 1);
  CHECK(load.diagnostics[0].render() == second.string() + ":2:9: error: the lexicon id \"sip\" is also the id of " +
                                            first.string() +
                                            " (each theme has one lexicon: remove one of the files or give it "
                                            "another id)");
}

TEST_CASE("a file named twice (directly and through its folder) is loaded once") {
  TempDir dir;
  const fs::path sip = dir.write("sip.json", kSipLexicon);
  LexiconLoad load = load_lexicons({dir.path().string(), sip.string()});
  CHECK(load.ok());
  CHECK(load.lexicons.size() == 1);
}

TEST_CASE("in a lexicons folder, a hidden file and a folder named *.json are passed over with a warning") {
  TempDir dir;
  dir.write("sip.json", kSipLexicon);
  dir.write(".mobila_team.json", "{}");
  fs::create_directories(dir.path() / "x.json");
  LexiconLoad load = load_lexicons({dir.path().string()});
  CHECK(load.ok());
  REQUIRE(load.lexicons.size() == 1);
  REQUIRE(load.diagnostics.size() == 2);
  std::vector<std::string> rendered{load.diagnostics[0].render(), load.diagnostics[1].render()};
  std::sort(rendered.begin(), rendered.end());
  CHECK(rendered[0] == (dir.path() / ".mobila_team.json").string() +
                           ": warning: hidden file, not read as a lexicon (rename it without the leading dot to use it)");
  CHECK(rendered[1] == (dir.path() / "x.json").string() +
                           ": warning: is a folder, not a lexicon file; not read (lexicon folders are not searched "
                           "recursively)");
}

TEST_CASE("in a lexicons folder, a dangling or looping symbolic link named *.json is an error naming it") {
  TempDir dir;
  dir.write("sip.json", kSipLexicon);
  fs::create_symlink(dir.path() / "gone.json", dir.path() / "dangling.json");
  fs::create_symlink(dir.path() / "loop.json", dir.path() / "loop.json");
  LexiconLoad load = load_lexicons({dir.path().string()});
  CHECK_FALSE(load.ok());
  CHECK(load.lexicons.size() == 1);
  REQUIRE(load.diagnostics.size() == 2);
  std::vector<std::string> rendered{load.diagnostics[0].render(), load.diagnostics[1].render()};
  std::sort(rendered.begin(), rendered.end());
  CHECK(rendered[0] == (dir.path() / "dangling.json").string() +
                           ": error: symbolic link to a file that does not exist, not read (point the link at a "
                           "lexicon file or remove it)");
  CHECK(rendered[1] == (dir.path() / "loop.json").string() +
                           ": error: symbolic link loop, not read (point the link at a lexicon file or remove it)");
}

// ---------------------------------------------------------------------------
// find_lexicon_dir
// ---------------------------------------------------------------------------

TEST_CASE("an explicit lexicons folder wins over the environment and the executable's place") {
  TempDir dir;
  dir.write("env/sip.json", kSipLexicon);
  dir.write("lexicons/sip.json", kSipLexicon);
  const std::string explicit_dir = (dir.path() / "mine").string();
  fs::create_directories(explicit_dir);  // a folder is enough, even an empty one
  ScopedLexiconsEnv env((dir.path() / "env").string());
  Result<std::string> found = find_lexicon_dir(explicit_dir, (dir.path() / "build/bin/analyzer").string());
  REQUIRE(found.ok());
  CHECK(found.value() == explicit_dir);
}

TEST_CASE("an explicit lexicons folder that does not exist is an error, not a fallback") {
  TempDir dir;
  dir.write("lexicons/sip.json", kSipLexicon);
  const std::string missing = (dir.path() / "nope").string();
  Result<std::string> found = find_lexicon_dir(missing, (dir.path() / "build/bin/analyzer").string());
  REQUIRE_FALSE(found.ok());
  CHECK(found.error().render() ==
        "error: the lexicons folder \"" + missing + "\" does not exist (check the folder given with --lexicons)");
}

TEST_CASE("without an explicit folder, $ANALYZER_LEXICONS wins, then the places beside the executable") {
  // Paths are relative to a fresh folder; a *.json file holds kSipLexicon.
  struct Case {
    std::string what;
    std::vector<std::string> files;
    std::optional<std::string> env;   // $ANALYZER_LEXICONS; nullopt: unset
    std::string exe;                  // the executable's path
    std::string expected;             // the folder found
    bool canonical;                   // found through the executable: an absolute, canonical path
  };
  const Case c = GENERATE(values<Case>({
      {"$ANALYZER_LEXICONS wins over the folder beside the executable", {"env/sip.json", "lexicons/sip.json"},
       "env", "build/bin/analyzer", "env", false},
      {"the lexicons folder two levels above the executable's folder is found", {"lexicons/sip.json"},
       std::nullopt, "build/bin/analyzer", "lexicons", true},
      {"an installed binary finds <prefix>/share/analyzer/lexicons", {"prefix/share/analyzer/lexicons/sip.json"},
       std::nullopt, "prefix/bin/analyzer", "prefix/share/analyzer/lexicons", true},
      {"a candidate folder without *.json files is skipped", {"env/README.md", "lexicons/sip.json"}, "env",
       "build/bin/analyzer", "lexicons", true},
  }));
  CAPTURE(c.what);
  TempDir dir;
  for (const std::string& file : c.files)
    dir.write(file, file.ends_with(".json") ? kSipLexicon : "no lexicons here");
  ScopedLexiconsEnv env(c.env ? std::optional<std::string>(dir / *c.env) : std::nullopt);
  Result<std::string> found = find_lexicon_dir("", dir / c.exe);
  REQUIRE(found.ok());
  const fs::path expected = dir.path() / c.expected;
  CHECK(found.value() == (c.canonical ? fs::weakly_canonical(expected) : expected).string());
}
TEST_CASE("when no place has lexicons, the error lists every place tried") {
  TempDir dir;
  const fs::path root = fs::weakly_canonical(dir.path());
  LexiconDirPlaces places;
  places.env_dir = (root / "env").string();
  places.exe_path = (root / "build/bin/analyzer").string();
  places.source_dir = (root / "src/lexicons").string();
  Result<std::string> found = find_lexicon_dir(places);
  REQUIRE_FALSE(found.ok());
  CHECK(found.error().render() ==
        "error: cannot find the theme lexicons; tried $ANALYZER_LEXICONS=\"" + root.string() +
            "/env\" (does not exist), \"" + root.string() + "/lexicons\" (does not exist), \"" + root.string() +
            "/build/share/analyzer/lexicons\" (does not exist), \"" + root.string() +
            "/src/lexicons\" (does not exist) (pass --lexicons DIR or set ANALYZER_LEXICONS to the folder of "
            "*.json lexicon files)");
}

TEST_CASE("the source tree's lexicons folder is the last place tried") {
  TempDir dir;
  dir.write("src/lexicons/sip.json", kSipLexicon);
  LexiconDirPlaces places;
  places.exe_path = (dir.path() / "build/bin/analyzer").string();
  places.source_dir = (dir.path() / "src/lexicons").string();
  Result<std::string> found = find_lexicon_dir(places);
  REQUIRE(found.ok());
  CHECK(found.value() == (dir.path() / "src/lexicons").string());
}

TEST_CASE("an executable path without a slash is resolved through /proc/self/exe") {
  ScopedLexiconsEnv env(std::nullopt);
  const fs::path self = fs::read_symlink("/proc/self/exe");
  const std::string beside = (self.parent_path() / ".." / ".." / "lexicons").lexically_normal().string();
  Result<std::string> found = find_lexicon_dir("", "analyzer");
  // Whether anything is found depends on the checkout; either way the
  // search looked beside this test binary.
  if (found.ok()) {
    CHECK_FALSE(found.value().empty());
  } else {
    CHECK(found.error().message.find("\"" + beside + "\"") != std::string::npos);
  }
}

// ---------------------------------------------------------------------------
// Limits (issue 11, item 5)
// ---------------------------------------------------------------------------

namespace {

// `"tokens": ["sip", "och?" × n, "plan"]` as one rule line.
std::string rule_with_optional_words(int n) {
  std::string tokens = "\"sip\"";
  for (int i = 0; i < n; ++i) tokens += ", \"och?\"";
  return "    {\"id\": \"kedja\", \"tokens\": [" + tokens + ", \"plan\"]}";
}

const std::string kReachHint =
    " (each word pattern counts 1 (optional or not) and a gap ~N counts N; matching costs grow with the square "
    "of this: drop optional words or shorten gaps, or split the rule into several)";

}  // namespace

// ["och", "och?" × 100, "och"] passed `lexicon check` and then took over
// 120 s on 20,000 words; a run of gaps adding up to 2,000 words hung.
TEST_CASE("a rule that can match more than 20 words is an error at its tokens") {
  CHECK(diagnostics_of(sip_lexicon_with_rules(rule_with_optional_words(100))) ==
        std::vector<std::string>{"lexicons/sip.json:5:31: error: rule \"kedja\": can match up to 102 words, more "
                                 "than the limit of 20" + kReachHint});
  CHECK(diagnostics_of(sip_lexicon_with_rules(rule_with_optional_words(19))) ==
        std::vector<std::string>{"lexicons/sip.json:5:31: error: rule \"kedja\": can match up to 21 words, more "
                                 "than the limit of 20" + kReachHint});
  CHECK(diagnostics_of(sip_lexicon_with_rules(rule_with_optional_words(18))).empty());
}

TEST_CASE("gaps count their words toward the reach of a rule") {
  // 1 + 9 + 1 + 9 + 1 = 21 words; ~9 "och?" ~8 would be 20.
  CHECK(diagnostics_of(sip_lexicon_with_rules(
            R"J(    {"id": "glapp", "tokens": ["sip", "~9", "och?", "~9", "plan"]})J")) ==
        std::vector<std::string>{"lexicons/sip.json:5:31: error: rule \"glapp\": can match up to 21 words, more "
                                 "than the limit of 20" + kReachHint});
  CHECK(diagnostics_of(sip_lexicon_with_rules(
            R"J(    {"id": "glapp", "tokens": ["sip", "~9", "och?", "~8", "plan"]})J"))
            .empty());
  std::string gaps = "\"sip\"";
  for (int i = 0; i < 222; ++i) gaps += ", \"~9\", \"och?\"";
  CHECK(diagnostics_of(sip_lexicon_with_rules("    {\"id\": \"glapp\", \"tokens\": [" + gaps + ", \"plan\"]}")) ==
        std::vector<std::string>{"lexicons/sip.json:5:31: error: rule \"glapp\": can match up to 2222 words, more "
                                 "than the limit of 20" + kReachHint});
}

TEST_CASE("rule_reach counts a word as 1 and a gap ~N as N") {
  std::vector<TokenPattern> tokens;
  for (const char* source : {"fast", "~3", "den?", "vårdkontakt*"}) {
    Result<TokenPattern> p = compile_token_pattern(source);
    REQUIRE(p.ok());
    tokens.push_back(p.value());
  }
  CHECK(rule_reach(tokens) == 6);
  CHECK(rule_reach({}) == 0);
}

// Issue 11, item 3: a 2 MB lexicon nested 1,000,000 deep was killed at
// 24 GB; 20,000 deep took 790 MB.
TEST_CASE("a lexicon nested 1,000 or 100,000 deep is one error at the bracket of level 257") {
  for (const std::size_t depth : {1000u, 100000u}) {
    const std::string text = "{\"id\": \"sip\",\n \"rules\": " + std::string(depth, '[') + std::string(depth, ']') + "}";
    CHECK(diagnostics_of(text) ==
          std::vector<std::string>{"lexicons/sip.json:2:266: error: the JSON nests lists and objects more than 256 "
                                   "levels deep here (analyzer reads at most 256 levels, and its files need about 5: "
                                   "look for a [ or { that is never closed)"});
  }
}

// theme_names.hpp: themes by id or label

namespace {

// Two lexicons as shipped: ids without Swedish letters, labels with them.
std::vector<Lexicon> two_themes() {
  std::vector<Lexicon> out;
  for (const auto& [id, label] : {std::pair<std::string, std::string>{"trygg_hemgang", "Trygg hemgång"},
                                  std::pair<std::string, std::string>{"mobila_team", "Mobila team"}}) {
    Lexicon l;
    l.id = id;
    l.label = label;
    out.push_back(l);
  }
  return out;
}

}  // namespace

TEST_CASE("a theme key folds case, Swedish letters and separators") {
  CHECK(theme_key("Trygg hemgång") == "trygg_hemgang");
  CHECK(theme_key("  TRYGG--HEMGÅNG ") == "trygg_hemgang");
  CHECK(theme_key("trygg_hemgång") == "trygg_hemgang");
  CHECK(theme_key("Fast läkarkontakt") == "fast_lakarkontakt");
  CHECK(theme_key("öppen vård") == "oppen_vard");
}

TEST_CASE("a theme is found by its id or its Swedish label, in any case, with or without å, ä, ö") {
  const std::vector<Lexicon> themes = two_themes();
  for (const std::string name : {"trygg_hemgang", "trygg hemgång", "Trygg_Hemgang", "trygg_hemgång", "TRYGG HEMGANG",
                                 "trygg-hemgång"}) {
    INFO(name);
    Result<const Lexicon*> found = resolve_theme(themes, name);
    REQUIRE(found.ok());
    CHECK(found.value()->id == "trygg_hemgang");
  }
  REQUIRE(resolve_theme(themes, "mobila team").ok());
  CHECK(resolve_theme(themes, "mobila team").value()->id == "mobila_team");
}

TEST_CASE("an unknown theme is an error listing the themes, with a did-you-mean for a near miss") {
  const std::vector<Lexicon> themes = two_themes();
  Result<const Lexicon*> typo = resolve_theme(themes, "tryg hemgång");
  REQUIRE_FALSE(typo.ok());
  CHECK(typo.error().message ==
        "no theme \"tryg hemgång\" (did you mean \"trygg_hemgang\"?); themes: trygg_hemgang (Trygg hemgång), "
        "mobila_team (Mobila team)");
  Result<const Lexicon*> unknown = resolve_theme(themes, "okänt");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().message ==
        "no theme \"okänt\"; themes: trygg_hemgang (Trygg hemgång), mobila_team (Mobila team)");
  CHECK_FALSE(resolve_theme(themes, "").ok());
  CHECK_FALSE(resolve_theme(themes, " _ ").ok());
}
