// End-to-end tests of `analyzer excerpts` through build/bin/analyzer, on an
// index of corpora/ and on a copy of it with personal data written into
// answers that mention SIP.

#include <catch2/catch.hpp>

#include <map>
#include <regex>
#include <set>

#include "cli_support.hpp"

using namespace cli;

namespace {

const std::vector<std::string> kThemes{"fast_lakarkontakt", "fast_omsorgskontakt", "fast_vardkontakt",
                                       "mobila_team",       "sip",                 "trygg_hemgang"};
const std::vector<std::string> kFormats{"table", "json", "md", "html"};

// An index of `folder` in a fresh temporary directory.
struct Index {
  TempDir dir;
  std::string path = dir / "index";
  explicit Index(const std::string& folder) {
    RunResult r = run({"ingest", "--index", path, folder});
    INFO(r);
    REQUIRE(r.status == 0);
  }
};

RunResult excerpts(const Index& index, const std::vector<std::string>& extra) {
  std::vector<std::string> args{"excerpts", "--index", index.path};
  args.insert(args.end(), extra.begin(), extra.end());
  return run(args);
}

std::vector<json> excerpts_json(const Index& index, const std::string& theme, const std::string& limit = "0") {
  RunResult r = excerpts(index, {"--theme", theme, "--format", "json", "--limit", limit});
  INFO(r);
  REQUIRE(r.status == 0);
  return parse_jsonl(r.out);
}

// `s` without white space, and without a hyphen that ends a line: the
// original bytes of a sentence and its normalised text then compare.
std::string squeeze(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '-' && i + 1 < s.size() && (s[i + 1] == '\n' || s[i + 1] == '\r')) continue;
    if (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t') continue;
    out += s[i];
  }
  return out;
}

// corpora/ copied to `dir`, with contact names, phone numbers and e-mail
// addresses written into two sentences that mention SIP.
std::string corpora_with_personal_data(const TempDir& dir) {
  const std::string folder = copy_of_corpora(dir);
  auto replace = [&](const std::string& name, const std::string& from, const std::string& to) {
    replace_in_file(folder + "/" + name, from, to);
  };
  replace("002_93ee68d2c458f8dc.txt", "En gemensamt framtagen utbildning i SIP har genomförts.",
          "En gemensamt framtagen utbildning i SIP har genomförts av Pernilla Wallerstedt "
          "(070-123 45 67, 010-476 80 00, pernilla.wallerstedt@regionhalland.se) under 2023.");
  replace("000_3242b6e7501bd5d8.txt", "SIP nämns som verktyg.",
          "SIP nämns som verktyg av maria högkvist, +46 70 123 45 67 eller 08-123 456 78, "
          "maria.hogkvist@regiondalarna.se sedan 2019-10-01 och för 25 milj kr.");
  return folder;
}

}  // namespace

TEST_CASE("excerpts --format json prints one object per excerpt with the documented fields") {
  Index index(kCorpora);
  const std::vector<json> rows = excerpts_json(index, "sip", "10");
  REQUIRE(!rows.empty());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const json& e = rows[i];
    INFO(e.dump());
    CHECK(e.at("rank") == i + 1);
    CHECK(e.at("theme") == "sip");
    CHECK(e.at("label") == "SIP");
    CHECK(e.at("text").is_string());
    CHECK(e.at("source").get<std::string>().size() > 4);
    CHECK(e.at("year").is_number_integer());
    CHECK(e.at("region").is_string());
    CHECK(e.at("respondent").is_string());
    CHECK(e.at("respondent_type").is_string());
    CHECK(e.at("question").is_string());
    CHECK(e.at("question_text").is_string());
    CHECK(e.at("answer_id").is_string());
    CHECK(e.at("layout").is_string());
    CHECK(e.at("fragment").is_boolean());
    CHECK(e.at("also").is_array());
    CHECK(e.at("start").get<std::size_t>() < e.at("end").get<std::size_t>());
    CHECK(e.at("location").at("line").get<std::size_t>() > 1);
    REQUIRE(!e.at("marks").empty());
    const std::string text = e.at("text");
    for (const json& m : e.at("marks")) {
      const std::size_t start = m.at("start"), end = m.at("end");
      REQUIRE(start < end);
      REQUIRE(end <= text.size());
    }
  }
  // Region Dalarna 2019, RSS Dalarna 2022, Region and RSS Halland 2023: all
  // four respondents are quoted before any is quoted twice.
  std::set<std::string> first_four;
  for (std::size_t i = 0; i < 4 && i < rows.size(); ++i) first_four.insert(rows[i].at("respondent"));
  CHECK(first_four.size() == 4);
}

TEST_CASE("the start/end bytes of every excerpt's sources hold its marked mentions") {
  Index index(kCorpora);
  std::map<std::string, std::string> files;
  std::size_t checked = 0;
  for (const std::string& theme : kThemes) {
    for (const json& e : excerpts_json(index, theme)) {
      std::vector<json> sources{e};
      for (const json& a : e.at("also")) sources.push_back(a);
      const std::string text = e.at("text");
      for (const json& s : sources) {
        const std::string source = s.at("source");
        if (!files.count(source)) files[source] = read_file(corpus_file(source));
        const std::size_t start = s.at("start"), end = s.at("end");
        REQUIRE(end <= files[source].size());
        const std::string original = squeeze(files[source].substr(start, end - start));
        for (const json& m : e.at("marks")) {
          const std::size_t ms = m.at("start"), me = m.at("end");
          const std::string mention = text.substr(ms, me - ms);
          INFO(theme << ": " << source << " [" << start << "," << end << ") should hold \"" << mention << "\"");
          CHECK(contains(original, squeeze(mention)));
          ++checked;
        }
      }
    }
  }
  CHECK(checked > 40);
}

TEST_CASE("no e-mail address, phone number or contact name leaves in any format") {
  TempDir tmp;
  Index plain(kCorpora);
  Index with_pii(corpora_with_personal_data(tmp));
  // A Swedish phone number standing alone (not inside an id such as "022016229d004b1d").
  const std::regex phone(R"((^|[^0-9A-Za-z])(\+46|0046|0[1-9]\d{0,2})[ \-/]?\d{2,3}[ \-]?\d{2,3}[ \-]?\d{2}(?![0-9A-Za-z]))");
  for (const Index* index : {&plain, &with_pii}) {
    for (const std::string& theme : kThemes) {
      for (const std::string& format : kFormats) {
        RunResult r = excerpts(*index, {"--theme", theme, "--format", format, "--limit", "0"});
        INFO(theme << " --format " << format << '\n' << r);
        REQUIRE(r.status == 0);
        // The HTML page's own style sheet has "@media print"; the data is the rest.
        std::string out = r.out;
        if (auto style = out.find("<style>"); style != std::string::npos)
          out.erase(style, out.find("</style>") - style);
        CHECK_FALSE(contains(out, "@"));
        CHECK_FALSE(std::regex_search(out, phone));
        for (const char* name : {"Högkvist", "högkvist", "HÖGKVIST", "Wallerstedt", "wallerstedt", "WALLERSTEDT"})
          CHECK_FALSE(contains(out, name));
      }
    }
  }
  // The sentences with personal data are quoted, masked, with the years,
  // dates and amounts around them intact.
  RunResult r = excerpts(with_pii, {"--theme", "sip", "--limit", "0"});
  INFO(r);
  CHECK(contains(r.out, "genomförts av [namn] ([telefon], [telefon], [e-post]) under 2023."));
  CHECK(contains(r.out, "verktyg av [namn], [telefon] eller [telefon], [e-post] sedan 2019-10-01 och för 25 milj kr."));
  // The names are in the index's contact blocks, so this is what masked them.
  CHECK_FALSE(contains(r.out, "Pernilla"));
}

TEST_CASE("excerpts --limit: default 10, N at most N, 0 all") {
  Index index(kCorpora);
  CHECK(excerpts_json(index, "mobila_team").size() > 10);
  CHECK(excerpts_json(index, "mobila_team", "3").size() == 3);
  RunResult r = excerpts(index, {"--theme", "mobila_team", "--format", "json"});
  INFO(r);
  CHECK(parse_jsonl(r.out).size() == 10);
}

TEST_CASE("excerpts table and md mark the mention and cite the source") {
  Index index(kCorpora);
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases{
      {"table",
       {"Utdrag för SIP (sip): 2 av ", "«SIP»", "\n   — RSS Dalarna, 2022, fråga 8a: ", "(000_3242b6e7501bd5d8.txt, rad "}},
      {"md", {"## Utdrag: SIP", "\n> ", "**SIP**", "> — RSS Dalarna, 2022, fråga 8a: "}},
  };
  for (const auto& [format, expected] : cases) {
    RunResult r = excerpts(index, {"--theme", "sip", "--format", format, "--limit", "2"});
    INFO(r);
    REQUIRE(r.status == 0);
    for (const std::string& text : expected) CHECK(contains(r.out, text));
  }
}

TEST_CASE("excerpts narrows by the record filters") {
  Index index(kCorpora);
  RunResult r = excerpts(index, {"--theme", "sip", "--format", "json", "--limit", "0", "--year", "2023"});
  INFO(r);
  REQUIRE(r.status == 0);
  const std::vector<json> rows = parse_jsonl(r.out);
  REQUIRE(!rows.empty());
  for (const json& e : rows) CHECK(e.at("year") == 2023);
  RunResult none = excerpts(index, {"--theme", "sip", "--year", "2030"});
  CHECK(none.status == 0);
  CHECK(contains(none.out, "Inga utdrag för SIP"));
}

TEST_CASE("excerpts usage errors exit 2: unknown or missing theme, --format html, bad --limit") {
  Index index(kCorpora);
  // Arguments after --index, and what stderr must say.
  const std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> cases{
      {{"--theme", "sipp"}, {"\"sipp\"", "themes:", "mobila_team"}},
      {{}, {"--theme", "themes:", "sip"}},
      {{"--theme", "sip", "--format", "csv"}, {"table, json, md, html, xlsx or docx"}},
      {{"--theme", "sip", "--limit", "-1"}, {"--limit"}},
      {{"--theme", "sip", "--limit", "x"}, {"--limit"}},
      {{"--theme", "sip", "--year", "20x3"}, {"--year"}},
      {{"--theme", "sip", "extra"}, {"takes no arguments"}},
  };
  for (const auto& [args, expected] : cases) {
    RunResult r = excerpts(index, args);
    INFO(r);
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    for (const std::string& text : expected) CHECK(contains(r.err, text));
  }
}

TEST_CASE("excerpts without an index exits 3") {
  TempDir tmp;
  RunResult r = run({"excerpts", "--index", tmp / "none", "--theme", "sip"});
  INFO(r);
  CHECK(r.status == 3);
}

TEST_CASE("excerpts state their provenance: each JSON line with its own files, table and md with a block") {
  Index index(kCorpora);
  const std::vector<json> rows = excerpts_json(index, "sip", "0");
  REQUIRE_FALSE(rows.empty());
  for (const json& e : rows) {
    const json& p = e.at("provenance");
    CHECK(std::regex_match(p.at("created_at").get<std::string>(),
                           std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
    CHECK(contains(p.at("command_line"), " excerpts --index "));
    std::set<std::string> own{e.at("source")};
    for (const json& a : e.at("also")) own.insert(a.at("source"));
    std::set<std::string> stated;
    for (const json& s : p.at("sources")) stated.insert(s.at("source"));
    CHECK(stated == own);
  }
  for (const char* format : {"table", "md"}) {
    RunResult r = excerpts(index, {"--theme", "sip", "--format", format});
    REQUIRE(r.status == 0);
    const std::size_t block = r.out.find("Underlag och framställning");
    REQUIRE(block != std::string::npos);
    CHECK(r.out.find("93ee68d2c458f8dc", block) != std::string::npos);   // Markdown escapes "_"
    CHECK(contains(r.out.substr(block), "Lexikon: version "));
  }
}
