// End-to-end: what the outputs do with hostile text. A copy of corpora/ gets
// personal data (personnummer in every common form, a samordningsnummer,
// e-mail, phone numbers, contact names), HTML, spreadsheet formulas and
// terminal escape sequences planted in answers, a numeric item's label and
// the manifest's names; then every output that quotes answer text (excerpts,
// report, search, in every format) must mask the personal data, no terminal
// output may carry a raw control character, no Markdown may carry HTML and
// no CSV cell may start a formula. `answers --json` stays raw data.

#include <catch2/catch.hpp>

#include <sys/resource.h>

#include "cli_support.hpp"

using namespace cli;

namespace {

// The personal data planted, exactly as written into the answers.
const std::vector<std::string> kPlanted{
    "19121212-1212", "811218-9876",   "201212121212",     "1212121212",          "19121212–1212",
    "19121212 1212", "121212+1212",   "701063-2391",      "46701234567",         "0046 70 765 43 21",
    "070-123 45 67", "08-123 456 78", "pernilla.wallerstedt@regionhalland.se", "anna.berg@region.se",
    "Pernilla Wallerstedt", "Wallerstedt"};

const std::string kEsc = "\x1b";

// True when `s` holds a byte a terminal acts on: C0 but LF, DEL, C1 in
// UTF-8 (C2 80..9F), U+202E in UTF-8.
bool has_raw_control(const std::string& s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xE0) == 0x80) return true;
    if (s.compare(i, 3, "\xe2\x80\xae") == 0) return true;
  }
  return false;
}

// corpora/ copied to `dir` with the hostile text planted (see the file comment).
std::string hostile_corpora(const TempDir& dir) {
  const std::string folder = copy_of_corpora(dir);
  auto replace = [&](const std::string& name, const std::string& from, const std::string& to) {
    replace_in_file(folder + "/" + name, from, to);
  };
  replace("002_93ee68d2c458f8dc.txt", "En gemensamt framtagen utbildning i SIP har genomförts.",
          "En gemensamt framtagen utbildning i SIP har genomförts av kontaktperson Pernilla Wallerstedt "
          "19121212-1212, 811218-9876, 201212121212, 1212121212, 19121212–1212, 19121212 1212, 121212+1212, "
          "samordningsnummer 701063-2391, pernilla.wallerstedt@regionhalland.se, 46701234567, "
          "0046 70 765 43 21, 070-123 45 67 eller 08-123 456 78 <script>alert(1)</script> "
          "<img src=x onerror=alert(2)> \x1b[2J\x1b]0;pwnd\x07 \xe2\x80\xae" "fdp.exe "
          "sedan 2019-10-01, för 25 milj kr och ärende 20191231-1234.");
  replace("002_93ee68d2c458f8dc.txt", "Fast vårdkontakt, ange antal: 5",
          "Fast vårdkontakt (frågor: anna.berg@region.se), ange antal: 5");
  auto set = [&](const std::string& from, const std::string& to) { replace("manifest.json", from, to); };
  set("\"region\": \"Halland\"", "\"region\": \"=HYPERLINK(\\\"http://x.se\\\",\\\"Halland\\\")\"");
  set("{\"type\": \"region\", \"name\": \"Region Halland\"}",
      "{\"type\": \"region\", \"name\": \"@SUM(1) <img src=x onerror=alert(3)>\"}");
  set("{\"type\": \"rss\", \"name\": \"RSS Halland\"}", "{\"type\": \"rss\", \"name\": \"+cmd|' /C calc'!A0\"}");
  set("\"region\": \"Dalarna\"", "\"region\": \"Dalarna\\u001b[2J\\u001b]0;pwnd\\u0007\"");
  return folder;
}

// One index of the hostile copy for the whole file.
struct HostileIndex {
  TempDir dir;
  std::string path = dir / "index";
  RunResult ingest;
  HostileIndex() { ingest = run({"ingest", "--verbose", "--index", path, hostile_corpora(dir)}); }
};

const HostileIndex& hostile() {
  static HostileIndex index;
  return index;
}

RunResult on_index(std::vector<std::string> args) {
  args.insert(args.begin() + 1, {"--index", hostile().path});
  return run(args);
}

// The output without the HTML page's own style sheet ("@media print").
std::string data_of(std::string out) {
  if (auto style = out.find("<style>"); style != std::string::npos) out.erase(style, out.find("</style>") - style);
  return out;
}

void check_masked(const RunResult& r) {
  INFO(r);
  REQUIRE(r.status == 0);
  const std::string out = data_of(r.out);
  for (const std::string& p : kPlanted) {
    INFO(p);
    CHECK_FALSE(contains(out, p));
  }
  CHECK_FALSE(contains(out, "@regionhalland"));
}

}  // namespace

TEST_CASE("the hostile corpus is ingested whole") {
  INFO(hostile().ingest);
  REQUIRE(hostile().ingest.status == 0);
  const std::vector<json> answers = list_jsonl("answers", hostile().path, {"--theme", "sip"});
  bool planted = false;
  for (const json& a : answers) planted = planted || contains(a.at("text"), "19121212-1212");
  CHECK(planted);   // answers --json is raw data: the personnummer is there
}

TEST_CASE("excerpts in every format mask every planted personnummer, e-mail, phone number and name") {
  for (const std::string format : {"table", "json", "md", "html"}) {
    RunResult r = on_index({"excerpts", "--theme", "sip", "--limit", "0", "--format", format});
    INFO(format);
    check_masked(r);
  }
  RunResult r = on_index({"excerpts", "--theme", "sip", "--limit", "0"});
  CHECK(contains(r.out, "[namn] [personnummer], [personnummer], [personnummer], [personnummer], [personnummer], "
                        "[personnummer], [personnummer], samordningsnummer [personnummer], [e-post], [telefon], "
                        "[telefon], [telefon] eller [telefon]"));
  // Look-alikes stay: a date, an amount, a case number failing the check digit.
  CHECK(contains(r.out, "sedan 2019-10-01, för 25 milj kr och ärende 20191231-1234."));
}

TEST_CASE("search snippets in every format mask the planted personal data, marks around the masks") {
  for (const std::string format : {"table", "json", "md"}) {
    for (const std::string query : {"kontaktperson", "19121212", "pernilla", "\"070 123\""}) {
      RunResult r = on_index({"search", "--format", format, "--limit", "100", query});
      INFO(format << " " << query);
      check_masked(r);
    }
  }
  const json j = json::parse(on_index({"search", "--format", "json", "--limit", "100", "kontaktperson"}).out);
  std::string snippets;
  for (const json& hit : j.at("hits")) snippets += hit.at("snippet").get<std::string>() + "\n";
  INFO(snippets);
  CHECK(contains(snippets, "«kontaktperson» [namn] [personnummer], [personnummer]"));
  // A query that is personal data is refused: its hits would tell where it stands.
  CHECK(on_index({"search", "\"070 123 45 67\""}).status == 2);
  CHECK(on_index({"search", "pernilla.persson@regionhalland.se"}).status == 2);
  // The matched word inside a personnummer is marked as the whole mask.
  const json k = json::parse(on_index({"search", "--format", "json", "19121212"}).out);
  REQUIRE_FALSE(k.at("hits").empty());
  CHECK(contains(k["hits"][0]["snippet"].get<std::string>(), "«[personnummer]»"));
}

TEST_CASE("report in every format masks a figure label and lets no formula, HTML or control character through") {
  for (const std::string format : {"table", "json", "csv", "md", "html"}) {
    RunResult r = on_index({"report", "--by", "region,respondent", "--format", format});
    INFO(format);
    check_masked(r);
  }
  RunResult json_report = on_index({"report", "--by", "region", "--format", "json"});
  CHECK(contains(json_report.out, "Fast vårdkontakt (frågor: [e-post]), ange antal"));

  RunResult csv = on_index({"report", "--by", "region,respondent", "--format", "csv"});
  INFO(csv);
  for (const std::string cell : {"=HYPERLINK", "@SUM(1)", "+cmd|"}) {
    CHECK_FALSE(contains(csv.out, ";" + cell));
    CHECK_FALSE(contains(csv.out, "\n" + cell));
    CHECK_FALSE(contains(csv.out, ";\"" + cell));
  }
  CHECK(contains(csv.out, ";\"'=HYPERLINK(\"\"http://x.se\"\",\"\"Halland\"\")\";"));
  CHECK(contains(csv.out, ";\"'+cmd|' /C calc'!A0\";"));

  RunResult md = on_index({"report", "--by", "region,respondent", "--format", "md"});
  INFO(md);
  CHECK_FALSE(contains(md.out, "<"));
  CHECK(contains(md.out, "&lt;img src=x onerror=alert(3)&gt;"));

  RunResult table = on_index({"report", "--by", "region,respondent"});
  INFO(table);
  CHECK_FALSE(has_raw_control(table.out));
  CHECK(contains(table.out, "Dalarna\\x1b[2J\\x1b]0;pwnd\\x07"));
}

TEST_CASE("search md and excerpts md escape the HTML planted in answers and names") {
  for (const std::vector<std::string> args : {std::vector<std::string>{"search", "--format", "md", "kontaktperson"},
                                              {"excerpts", "--theme", "sip", "--limit", "0", "--format", "md"}}) {
    RunResult r = on_index(args);
    INFO(r);
    REQUIRE(r.status == 0);
    CHECK_FALSE(contains(r.out, "<"));
    CHECK(contains(r.out, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  }
}

TEST_CASE("no terminal output carries a raw control character from answers, file names or manifest names") {
  INFO(hostile().ingest);
  CHECK_FALSE(has_raw_control(hostile().ingest.all()));
  for (const std::vector<std::string> args :
       {std::vector<std::string>{"answers"}, {"numbers"}, {"mentions"}, {"stats"},
        {"excerpts", "--theme", "sip", "--limit", "0"}, {"search", "--limit", "100", "kontaktperson"},
        {"search", "--limit", "100", "dalarna"}, {"report", "--by", "region,respondent"},
        {"report", "--by", "region,respondent", "--format", "md"},
        {"excerpts", "--theme", "sip", "--limit", "0", "--format", "md"},
        {"search", "--limit", "100", "--format", "md", "dalarna"}}) {
    RunResult r = on_index(args);
    INFO(r);
    REQUIRE(r.status == 0);
    CHECK_FALSE(has_raw_control(r.all()));
  }
  RunResult excerpts = on_index({"excerpts", "--theme", "sip", "--limit", "0"});
  CHECK(contains(excerpts.out, "\\x1b[2J\\x1b]0;pwnd\\x07 \\u{202e}fdp.exe"));
}

TEST_CASE("a file name with an escape sequence reaches the ingest summary made visible") {
  TempDir tmp;
  const std::string folder = tmp / "in";
  cli::copy_file(corpus_file("004_bd5c5f46bc7d2672.txt"), fs::path(folder) / ("a" + kEsc + "]0;pwnd\x07.txt"));
  write_file(folder + "/tom" + kEsc + "[2J.txt", "");
  RunResult r = run({"ingest", "--no-manifest", "--index", tmp / "index", folder});
  INFO(r);
  CHECK(r.status == 1);   // the empty file fails
  CHECK_FALSE(has_raw_control(r.all()));
  CHECK(contains(r.all(), "a\\x1b]0;pwnd\\x07.txt"));
  CHECK(contains(r.all(), "tom\\x1b[2J.txt"));
}

TEST_CASE("diagnostics about lexicon files and tagged files show an escape sequence in a name made visible") {
  TempDir tmp;
  const std::string lexicons = tmp / "lexicons";
  write_file(lexicons + "/bad" + kEsc + "[2J.json", "{ \"id\": ");
  RunResult check = run({"lexicon", "check", "--lexicons", lexicons});
  INFO(check);
  CHECK(check.status != 0);
  CHECK_FALSE(has_raw_control(check.all()));
  CHECK(contains(check.all(), "bad\\x1b[2J.json"));

  const std::string empty = tmp / ("tom" + kEsc + "]0;pwnd\x07.txt");
  write_file(empty, "");
  RunResult tag = run({"tag", empty});
  INFO(tag);
  CHECK(tag.status != 0);
  CHECK_FALSE(has_raw_control(tag.all()));
  CHECK(contains(tag.all(), "tom\\x1b]0;pwnd\\x07.txt"));
}

TEST_CASE("output that cannot be written is an error with exit 3, not a silent exit 0") {
  for (const std::vector<std::string> args :
       {std::vector<std::string>{"answers", "--json"}, {"stats"}, {"report", "--by", "region"},
        {"search", "sip"}, {"excerpts", "--theme", "sip"}}) {
    std::vector<std::string> full = args;
    full.insert(full.begin() + 1, {"--index", hostile().path});
    TempDir capture;
    const std::string err = capture / "stderr";
    const int status = detail::wait_status(detail::spawn_to(full, "/dev/full", err));
    INFO(args[0] << ": " << read_file(err));
    CHECK(status == 3);
    CHECK(contains(read_file(err), "could not write the output"));
  }
}

TEST_CASE("a report written past a file size limit is an error, not a kill by SIGXFSZ") {
  // The limit is set in this process and inherited by the child, with
  // SIGXFSZ at its default action (the analyzer must ignore it itself).
  const std::string index = hostile().path;  // built before the limit is set
  TempDir out;
  struct rlimit old;
  REQUIRE(getrlimit(RLIMIT_FSIZE, &old) == 0);
  struct rlimit limited{16 * 1024, old.rlim_max};
  REQUIRE(setrlimit(RLIMIT_FSIZE, &limited) == 0);
  RunResult r = run({"report", "--index", index, "--by", "region", "--format", "html", "--output", out / "rapport.html"});
  setrlimit(RLIMIT_FSIZE, &old);
  INFO(r);
  CHECK(r.status == 3);
  CHECK(contains(r.err, "rapport.html"));
}
