// LexiconMatcher / ThemeTagger: the rule language at work. Each lexicon is
// written inline; mentions render as theme"text" in text order.

#include <catch2/catch.hpp>

#include <set>

#include "analyzer/lexicon/lexicon.hpp"
#include "analyzer/match/lexicon_examples.hpp"
#include "analyzer/match/lexicon_matcher.hpp"
#include "analyzer/tokenize/tokenizer.hpp"
#include "tests/support/reference_matcher.hpp"
#include "tests/support/shipped_lexicons.hpp"

using namespace analyzer;

namespace {

// A lexicon "t" with these rules and exclusions (JSON arrays as text).
std::string lexicon_json(const std::string& id, const std::string& rules, const std::string& exclude = "[]") {
  return R"({"id": ")" + id + R"(", "label": ")" + id + R"(", "definition": "d", "rules": )" + rules +
         R"(, "exclude": )" + exclude + R"(, "examples": {"match": ["x"], "no_match": []}})";
}

LexiconMatcher matcher_of(const std::vector<std::string>& jsons) {
  std::vector<Lexicon> lexicons;
  for (const std::string& j : jsons) {
    LexiconLoad l = parse_lexicon(j, "");
    for (const Diagnostic& d : l.diagnostics) INFO(d.render());
    REQUIRE(l.ok());
    lexicons.insert(lexicons.end(), l.lexicons.begin(), l.lexicons.end());
  }
  Result<LexiconMatcher> m = LexiconMatcher::build(lexicons);
  REQUIRE(m.ok());
  return m.value();
}

std::string render(const LexiconMatcher& m, std::string_view text) {
  ThemeTagger tagger(m);
  std::string out;
  for (const Mention& x : tagger.tag(text)) {
    if (!out.empty()) out += ' ';
    out += x.theme + "\"" + std::string(text.substr(x.span.begin, x.span.size())) + "\"";
  }
  return out;
}

const LexiconMatcher& shipped() { return test::shipped_matcher(); }

}  // namespace

TEST_CASE("a suffix class matches each inflection and nothing longer") {
  auto m = matcher_of({lexicon_json("t", R"~([{"id": "r", "tokens": ["mobil(a|t|)", "team(et|en|)"]}])~")});
  CHECK(render(m, "mobil team, mobila teamen, mobilt teamet") == R"~(t"mobil team" t"mobila teamen" t"mobilt teamet")~");
  CHECK(render(m, "mobilare teams") == "");
}

TEST_CASE("a leading star finds the term as the head of a compound") {
  auto m = matcher_of({lexicon_json("t", R"~([{"id": "r", "tokens": ["mobila", "*team(en|)"]}])~")});
  CHECK(render(m, "Mobila närsjukvårdsteamen kom.") == R"~(t"Mobila närsjukvårdsteamen")~");
}

TEST_CASE("a trailing star finds the term as the first part of a compound") {
  auto m = matcher_of({lexicon_json("t", R"~([{"id": "r", "tokens": ["trygghemgång*"]}])~")});
  CHECK(render(m, "Trygghemgångsteamet och trygghetslarm") == R"~(t"Trygghemgångsteamet")~");
}

TEST_CASE("a gap takes zero up to its number of words, no more") {
  auto m = matcher_of({lexicon_json("t", R"~([{"id": "r", "tokens": ["fast", "~2", "vårdkontakt"]}])~")});
  CHECK(render(m, "fast vårdkontakt") == R"~(t"fast vårdkontakt")~");
  CHECK(render(m, "fast namngiven vårdkontakt") == R"~(t"fast namngiven vårdkontakt")~");
  CHECK(render(m, "fast och namngiven vårdkontakt") == R"~(t"fast och namngiven vårdkontakt")~");
  CHECK(render(m, "fast och en namngiven vårdkontakt") == "");
}

TEST_CASE("an optional token may be there or not") {
  auto m = matcher_of({lexicon_json("t", R"~([{"id": "r", "tokens": ["trygg", "och?", "hemgång"]}])~")});
  CHECK(render(m, "trygg hemgång; trygg och hemgång; trygg eller hemgång") ==
        R"~(t"trygg hemgång" t"trygg och hemgång")~");
}

TEST_CASE("a case-sensitive token matches only as written") {
  auto m = matcher_of({lexicon_json("t", R"~([{"id": "r", "tokens": ["=SIP(:*|)"]}])~")});
  CHECK(render(m, "SIP, SIP:ar, SIP;ar, SIP-möte, sip, Sip, disciplin") ==
        R"~(t"SIP" t"SIP:ar" t"SIP" t"SIP")~");
}

TEST_CASE("no rule reaches across a sentence break") {
  auto m = matcher_of({lexicon_json("t", R"~([{"id": "r", "tokens": ["fast", "~2", "vårdkontakt"]}])~")});
  CHECK(render(m, "Det sitter fast. Vårdkontakt tas.") == "");
  CHECK(render(m, "fast; vårdkontakt") == "");
  CHECK(render(m, "fast\n• vårdkontakt") == "");
}

TEST_CASE("a rule goes on across a line break") {
  auto m = matcher_of({lexicon_json("t", R"~([{"id": "r", "tokens": ["trygg", "~2", "hemgång"]}])~")});
  CHECK(render(m, "arbetet med trygg\nhemgång") == "t\"trygg\nhemgång\"");
}

TEST_CASE("an exclusion drops a candidate it overlaps, and the trace names it") {
  auto m = matcher_of({lexicon_json("t", R"~([{"id": "r", "tokens": ["mobila", "~1", "team(en|)"]}])~",
                                    R"~([{"id": "utrustning", "tokens": ["mobila", "lösningar"]}])~")});
  CHECK(render(m, "mobila lösningar teamen") == "");
  CHECK(render(m, "mobila teamen") == R"~(t"mobila teamen")~");
  ThemeTagger tagger(m);
  MatchTrace trace;
  tagger.tag("mobila lösningar teamen", &trace);
  bool named = false;
  for (const TracedCandidate& c : trace.candidates)
    named |= c.rule == "r" && c.outcome == TracedCandidate::Outcome::Excluded && c.because == "utrustning";
  CHECK(named);
}

TEST_CASE("fast vård- och omsorgskontakt counts once for each member") {
  auto m = matcher_of({lexicon_json("vard", R"~([{"id": "r", "tokens": ["fast", "~2", "vårdkontakt"]}])~"),
                       lexicon_json("omsorg", R"~([{"id": "r", "tokens": ["fast", "~2", "omsorgskontakt"]}])~")});
  CHECK(render(m, "Vi har fast vård- och omsorgskontakt.") ==
        R"~(vard"fast vård-" omsorg"fast vård- och omsorgskontakt")~");
  CHECK(render(m, "fast läkar-, vård- och omsorgskontakt") == R"~(vard"fast läkar-, vård-")~");
}

TEST_CASE("a hyphen inside a compound is not a suspended hyphen") {
  auto m = matcher_of({lexicon_json("vard", R"~([{"id": "r", "tokens": ["fast", "~1", "vårdkontakt"]}])~")});
  CHECK(render(m, "fast vård-kontakt") == "");
  CHECK(render(m, "fast vård- och omsorgsinsats") == "");
}

TEST_CASE("overlapping candidates of one theme are one mention, the longest") {
  auto m = matcher_of({lexicon_json("t", R"~([{"id": "a", "tokens": ["mobila", "~1", "*team"]},
                                             {"id": "b", "tokens": ["*team"]}])~")});
  CHECK(render(m, "mobila närsjukvårdsteam") == R"~(t"mobila närsjukvårdsteam")~");
}

TEST_CASE("a term and its abbreviation side by side are one mention") {
  auto m = matcher_of({lexicon_json("sip", R"~([{"id": "abbr", "tokens": ["=SIP(:*|)"]},
      {"id": "long", "tokens": ["samordnad", "individuell", "plan"]}])~")});
  CHECK(render(m, "en samordnad individuell plan (SIP) och sedan SIP") ==
        R"~(sip"samordnad individuell plan (SIP)" sip"SIP")~");
  CHECK(render(m, "SIP – samordnad individuell plan") == R"~(sip"SIP – samordnad individuell plan")~");
  CHECK(render(m, "samordnad individuell plan (SIP;ar)") == R"~(sip"samordnad individuell plan (SIP;ar)")~");
  CHECK(render(m, "SIP, SIP") == R"~(sip"SIP" sip"SIP")~");
}

TEST_CASE("a needs_other_mention rule counts only beside another rule's mention") {
  auto m = matcher_of({lexicon_json("mt", R"~([{"id": "abbr", "tokens": ["=MT"], "needs_other_mention": true},
      {"id": "long", "tokens": ["mobila", "team"]}])~")});
  CHECK(render(m, "MT finns.") == "");
  CHECK(render(m, "Mobila team (MT) finns. MT arbetar.") == R"~(mt"Mobila team (MT)" mt"MT")~");
}

TEST_CASE("a regex rule counts only on word edges") {
  auto m = matcher_of({lexicon_json("t", R"~([{"id": "re", "regex": "(?i)trygg\\s*&\\s*hemgång"}])~")});
  CHECK(render(m, "Trygg & hemgång; otrygg & hemgången") == R"~(t"Trygg & hemgång")~");
}

TEST_CASE("themes do not hide each other: one pass finds all") {
  auto m = matcher_of({lexicon_json("a", R"~([{"id": "r", "tokens": ["fast", "~2", "läkarkontakt"]}])~"),
                       lexicon_json("b", R"~([{"id": "r", "tokens": ["fast", "~2", "vårdkontakt"]}])~")});
  CHECK(render(m, "fast läkarkontakt och fast vårdkontakt") ==
        R"~(a"fast läkarkontakt" b"fast vårdkontakt")~");
}

TEST_CASE("a hundred themes tag as each theme alone would") {
  // One pass over all rules must give the union of what each lexicon finds
  // on its own.
  std::vector<std::string> jsons;
  for (int i = 0; i < 100; ++i)
    jsons.push_back(lexicon_json("t" + std::to_string(i), "[{\"id\": \"r\", \"tokens\": [\"ord" +
                                                              std::to_string(i) + "\", \"~1\", \"(a|b)*\"]}]"));
  auto all = matcher_of(jsons);
  std::string text = "ord7 x apa, ord42 banan, ord99 cykel, ord3 ko";
  std::string expected;
  for (int i = 0; i < 100; ++i) {
    std::string alone = render(matcher_of({jsons[i]}), text);
    if (alone.empty()) continue;
    expected += (expected.empty() ? "" : " ") + alone;
  }
  CHECK(render(all, text) == expected);
  CHECK(expected == R"~(t7"ord7 x apa" t42"ord42 banan")~");
}

TEST_CASE("an empty text and a text without words give no mentions") {
  auto m = shipped();
  CHECK(render(m, "") == "");
  CHECK(render(m, " \n.,;– ") == "");
}

TEST_CASE("every example of the shipped lexicons passes") {
  auto m = shipped();
  for (const ExampleOutcome& o : run_lexicon_examples(m)) {
    INFO(o.theme << ": " << o.example->text);
    CHECK(o.passed);
  }
}

TEST_CASE("the shipped lexicons tag the codebook's hard cases") {
  auto m = shipped();
  CHECK(render(m, "Vi saknar ännu mobila team.") == R"~(mobila_team"mobila team")~");
  CHECK(render(m, "SIP:ar och SIP;ar") == R"~(sip"SIP:ar" sip"SIP")~");
  CHECK(render(m, "trygghemgång") == R"~(trygg_hemgang"trygghemgång")~");
  CHECK(render(m, "fast vård- och omsorgskontakt") ==
        R"~(fast_vardkontakt"fast vård-" fast_omsorgskontakt"fast vård- och omsorgskontakt")~");
  CHECK(render(m, "mobila lösningar och mobiltelefoner") == "");
  CHECK(render(m, "samordnad individuell plan (SIP)") == R"~(sip"samordnad individuell plan (SIP)")~");
  CHECK(render(m, "Teamet och vårdkontakten") == "");
}

TEST_CASE("the fingerprint changes with a rule and not with a label") {
  auto a = matcher_of({lexicon_json("t", R"~([{"id": "r", "tokens": ["mobila"]}])~")});
  auto b = matcher_of({lexicon_json("t", R"~([{"id": "r", "tokens": ["mobilt"]}])~")});
  std::string relabelled = lexicon_json("t", R"~([{"id": "r", "tokens": ["mobila"]}])~");
  relabelled.replace(relabelled.find(R"("label": "t")"), 12, R"("label": "X")");
  auto c = matcher_of({relabelled});
  CHECK(a.fingerprint().size() == 16);
  CHECK(a.fingerprint() != b.fingerprint());
  CHECK(a.fingerprint() == c.fingerprint());
}

TEST_CASE("the one-pass matcher finds the same rule matches as the reference matcher on the seeds") {
  // Differential test: a slow, obvious backtracking matcher over the same
  // tokens must find the same (rule, span) candidates on every line of the
  // seed documents. Tokens completed through a suspended hyphen are left
  // out of the comparison (the reference does not complete them).
  auto m = shipped();
  ThemeTagger tagger(m);
  Tokenizer tokenizer;
  std::size_t compared = 0;
  for (const char* name : {"000_3242b6e7501bd5d8.txt", "001_a66d7b4781e6d6f2.txt", "002_93ee68d2c458f8dc.txt"}) {
    std::string text = test_support::read_file(std::string(ANALYZER_CORPORA) + "/" + name);
    MatchTrace trace;
    tagger.tag(text, &trace);
    std::vector<std::size_t> coordinated;
    for (const TracedToken& t : trace.tokens)
      if (t.coordinated) coordinated.push_back(t.span.begin);
    auto touches_coordination = [&](const test_support::RefCandidate& c) {
      for (std::size_t b : coordinated)
        if (c.span.begin <= b && b < c.span.end) return true;
      return false;
    };
    std::set<test_support::RefCandidate> fast, reference;
    for (const TracedCandidate& c : trace.candidates) {
      std::string rule = c.rule.rfind("exclude:", 0) == 0 ? c.rule.substr(8) : c.rule;
      fast.insert({c.theme, rule, c.span});
    }
    for (const auto& c : test_support::reference_candidates(m.lexicons(), tokenizer, text)) reference.insert(c);
    std::erase_if(fast, touches_coordination);
    std::erase_if(reference, touches_coordination);
    INFO(name);
    CHECK(fast == reference);
    compared += fast.size();
  }
  CHECK(compared > 40);
}

namespace {

// A rule ["och", "och?" × n, "och"] as JSON.
std::string och_chain(int optional_words) {
  std::string tokens = "\"och\"";
  for (int i = 0; i < optional_words; ++i) tokens += ", \"och?\"";
  return R"~([{"id": "kedja", "tokens": [)~" + tokens + R"~(, "och"]}])~";
}

std::string repeated(std::string_view word, int times) {
  std::string text;
  for (int i = 0; i < times; ++i) text.append(word).append(" ");
  return text;
}

}  // namespace

// Issue 11, item 5: ["och", "och?" × 50, "och"] over 20,000 "och" took 16.7
// s (N=100: over 120 s): each token compared every new rule state with
// every state already entered, (elements × starts)² per token. A rule now
// reaches at most 20 words, and the dedupe is a hash lookup.
TEST_CASE("a rule at the reach limit runs over 2,000 repeated words in work linear in the text") {
  auto m = matcher_of({lexicon_json("t", och_chain(kMaxRuleReach - 2))});
  ThemeTagger tagger(m);
  tagger.tag(repeated("och", 2000));
  // A token holds at most elements × reach = 20 × 20 live states; each is
  // carried once and enters at most two more.
  const std::size_t live_states = 20 * 20;
  CHECK(tagger.last_cost().rule_state_steps <= 2000 * 3 * live_states);
  // Leftmost, longest: each sentence of 20 words is one mention.
  std::string sentences;
  for (int i = 0; i < 100; ++i) sentences += repeated("och", 20) + ". ";
  CHECK(tagger.tag(sentences).size() == 100);
}

TEST_CASE("an optional chain finds the same mentions as an explicit list of its lengths") {
  // ["och", "och?" × 2, "och"] is "och och", "och och och" or four "och".
  auto chain = matcher_of({lexicon_json("t", och_chain(2))});
  auto spelled = matcher_of({lexicon_json("t", R"~([{"id": "a", "tokens": ["och", "och", "och", "och"]},
                                                   {"id": "b", "tokens": ["och", "och", "och"]},
                                                   {"id": "c", "tokens": ["och", "och"]}])~")});
  for (int n = 1; n <= 9; ++n) {
    INFO(n << " words");
    CHECK(render(chain, repeated("och", n)) == render(spelled, repeated("och", n)));
  }
}

TEST_CASE("a lexicon built in code with a rule reaching more than 20 words is refused by the matcher") {
  LexiconLoad l = parse_lexicon(lexicon_json("t", och_chain(3)), "");
  REQUIRE(l.ok());
  Lexicon lexicon = l.lexicons.front();
  Result<TokenPattern> optional = compile_token_pattern("och?");
  REQUIRE(optional.ok());
  lexicon.rules.front().tokens.insert(lexicon.rules.front().tokens.begin() + 1, 50, optional.value());
  Result<LexiconMatcher> m = LexiconMatcher::build({lexicon});
  REQUIRE_FALSE(m.ok());
  CHECK(m.error().message == "rule \"kedja\": can match up to 55 words, more than the limit of 20");
}

// Issue 11, item 4: each candidate mention was compared with every
// exclusion match of its lexicon: candidates × exclusions on a long answer.
TEST_CASE("finding the exclusion that overlaps a candidate takes a binary search, not a scan") {
  auto m = matcher_of({lexicon_json("t", R"~([{"id": "r", "tokens": ["mobila", "~1", "team"]}])~",
                                    R"~([{"id": "utrustning", "tokens": ["mobila", "lösningar"]}])~")});
  ThemeTagger tagger(m);
  const std::vector<Mention> found = tagger.tag(repeated("mobila team och mobila lösningar.", 1000));
  CHECK(found.size() == 1000);
  // 1,000 candidates, each placed among 1,000 exclusion matches: at most
  // log2(1000) + 1 = 11 comparisons each.
  CHECK(tagger.last_cost().exclusion_steps <= 1000 * 11);
}

TEST_CASE("a candidate is excluded by the first overlapping exclusion in text order, also behind a long one") {
  // "lang" covers words 1-6; "kort" covers words 4-5; the candidate
  // "mobila team" (words 5-6) overlaps both and is excluded by "lang",
  // which starts first, as it was before the binary search.
  auto m = matcher_of({lexicon_json("t", R"~([{"id": "r", "tokens": ["mobila", "team"]}])~",
                                    R"~([{"id": "lang", "tokens": ["alla", "~4", "team"]},
                                        {"id": "kort", "tokens": ["nya", "mobila"]}])~")});
  ThemeTagger tagger(m);
  MatchTrace trace;
  CHECK(tagger.tag("alla har nya mobila team", &trace).empty());
  std::string because;
  for (const TracedCandidate& c : trace.candidates)
    if (c.rule == "r") because = c.because;
  CHECK(because == "lang");
  // A candidate after every exclusion is kept.
  CHECK(render(m, "alla har nya mobila team. Mobila team.") == R"~(t"Mobila team")~");
}

// Issue 11, item 4: a suspended hyphen before a 50 KB word tried every tail
// of that word as a compound ending: 26.8 s and 1.4 GB for 50 KB.
TEST_CASE("a suspended hyphen before a very long word tries at most 62 compound tails") {
  auto m = matcher_of({lexicon_json("vard", R"~([{"id": "r", "tokens": ["fast", "~2", "vårdkontakt"]}])~")});
  ThemeTagger tagger(m);
  const std::string text = "fast vård- och " + std::string(50000, 'k') + "x";
  CHECK(tagger.tag(text).empty());
  // Four words, and tails of 3 to 64 bytes of the closing one.
  CHECK(tagger.last_cost().words_classified <= 4 + 62);
  CHECK(render(m, "fast vård- och omsorgskontakt") == R"~(vard"fast vård-")~");
}

namespace {

// The mentions of `text` as "rule@begin-end", with or without a trace (a
// trace keeps every rule match until overlaps are resolved).
std::vector<std::string> spans_of(const LexiconMatcher& m, std::string_view text, bool traced) {
  ThemeTagger tagger(m);
  MatchTrace trace;
  std::vector<std::string> out;
  for (const Mention& x : tagger.tag(text, traced ? &trace : nullptr))
    out.push_back(x.rule + "@" + std::to_string(x.span.begin) + "-" + std::to_string(x.span.end));
  return out;
}

}  // namespace

// Review 2: 50 rules ["och", "och?" × 17, "(o|)(c|)(h|)*"] over 20,000 "och"
// took 2.5 GB: every (rule, start, end) match, rules × 18 per word, was
// held until overlaps were resolved. Now the matches of a word wait only
// until the exclusions that can overlap them are known.
TEST_CASE("fifty rules matching every span of up to 19 words hold few matches at once over 2,000 repeated words") {
  std::string rules = "[";
  for (int r = 0; r < 50; ++r) {
    std::string tokens = "\"och\"";
    for (int i = 0; i < 17; ++i) tokens += ", \"och?\"";
    rules += (r ? ", " : "") + std::string(R"~({"id": "r)~") + std::to_string(r) + R"~(", "tokens": [)~" +
             tokens + R"~(, "(o|)(c|)(h|)*"]})~";
  }
  auto m = matcher_of({lexicon_json("t", rules + "]")});
  ThemeTagger tagger(m);
  const std::string text = repeated("och", 2000);
  const std::vector<Mention> found = tagger.tag(text);
  // One settled match per word, plus the matches of the last 2 × 20 + 1
  // words still waiting (50 rules × at most 20 ends each); all of them
  // would be 2,000 × 50 × 18 = 1,800,000.
  CHECK(tagger.last_cost().candidates_held <= 2000 + 41 * 50 * 20);
  // Leftmost, longest: 19-word mentions, side by side joined in pairs
  // (step 5): 2,000 = 52 × 38 + 24 words, the last 24 one of 19 and 5 left.
  CHECK(found.size() == 53);
  CHECK(found.front().span == ByteSpan{0, 38 * 4 - 1});
  CHECK(spans_of(m, text, false) == spans_of(m, text, true));
}

TEST_CASE("when the longest match at a word is excluded, a shorter one from that word is the mention") {
  // From "mobila": "mobila team" and "mobila team och team"; the exclusion
  // "team lösningar" begins after both and overlaps only the longer.
  auto m = matcher_of({lexicon_json("t", R"~([{"id": "r", "tokens": ["mobila", "~2", "team"]}])~",
                                    R"~([{"id": "x", "tokens": ["team", "lösningar"]}])~")});
  const std::string text = "mobila team och team lösningar";
  CHECK(render(m, text) == R"~(t"mobila team")~");
  CHECK(spans_of(m, text, false) == spans_of(m, text, true));
  // The same 25 words later in a long text, so that the exclusion is found
  // while earlier words are already settled.
  const std::string longer = repeated("ord", 25) + text + ". " + repeated("mobila team", 30);
  CHECK(spans_of(m, longer, false) == spans_of(m, longer, true));
}

// Review 2: with the shipped lexicons, a million "SIP" side by side were one
// mention of 4 MB: each merge of a term and its abbreviation extended the
// mention before, again and again.
TEST_CASE("side by side mentions join in pairs, not into one mention as long as the run") {
  auto m = matcher_of({lexicon_json("sip", R"~([{"id": "abbr", "tokens": ["=SIP(:*|)"]},
      {"id": "long", "tokens": ["samordnad", "individuell", "plan"]}])~")});
  CHECK(render(m, "SIP SIP SIP SIP SIP") == R"~(sip"SIP SIP" sip"SIP SIP" sip"SIP")~");
  CHECK(render(m, "samordnad individuell plan (SIP) samordnad individuell plan (SIP)") ==
        R"~(sip"samordnad individuell plan (SIP)" sip"samordnad individuell plan (SIP)")~");
}
