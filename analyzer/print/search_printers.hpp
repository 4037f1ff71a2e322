#pragma once
// Printers for `analyzer search`: lay out SearchResults (index/index.hpp)
// and compute nothing. Snippets arrive built (report/search_snippets.hpp),
// with their matched words in «» and personal data already masked
// (cli/search_command.cpp runs PersonalDataMasker::mask_marked,
// mask/personal_data.hpp, over each).
// The table shows control characters made visible (terminal_text.hpp); the
// Markdown goes through md_escape (markdown_text.hpp: no HTML passes).
//
// A hit is cited by respondent, year, question, source file and where the
// answer starts in it (location_text(), location_text.hpp: "rad 88",
// "sida 14", "stycke 212", "Blad1, rad 7, kolumn F"; left out when unknown).
//
// Table (terminal; may change between versions, scripts use JSON):
//   12 träffar (visar 1–10), även träffar för temat Mobila team
//   Menade du: trygg hemgång?
//
//   1. [87 %] RSS Halland · 2022 · fråga 5a · 000_3242b6e7501bd5d8.txt, rad 88
//      ... snippet with «marked» words ...
//   ...
//   år: 2019 (4), 2022 (8)
//   region: Dalarna (4), Halland (8)
//   respondenttyp: region (4), rss (8)
//   tema: sip (12)
//
// The count line names the themes of also_themes ("även träffar för temat
// Mobila team"; with no hit "0 träffar (sökte även på temat Mobila team)");
// the suggestion follows it ("Menade du: ...?", in italics
// in Markdown), only when there is one.
// Markdown: "## Sökning: <query>", the count line, a numbered list (the
// citation, then the snippet with the marks in **bold**), then the facets as
// a bulleted list. Texts are escaped by md_escape.
//
// JSON (`--format json`): ONE object, UTF-8. A public interface: fields are
// only ever added, never renamed or dropped.
//   query            string   the query as given
//   total            int      matches in all (every match is counted)
//   offset           int      index of the first hit shown (0-based)
//   facets           object   over ALL matches, not only the hits shown:
//     year             {"2019": 4, ...}   value → number of matches
//     region           {"Halland": 8, ...}
//     respondent_type  {"rss": 8, ...}
//     theme            {"sip": 12, ...}   lexicon id → matches mentioning it
//                      (values unknown for a match are left out)
//   suggestion       string|null  the query with unknown words corrected
//                               from the index's spelling data ("tryg
//                               hemgång" → "trygg hemgång"); null when none
//   also_themes      array    themes whose lexicon rules matched words of
//                               the query, whose answers were found too:
//                               [{"id": "mobila_team", "label": "Mobila team"}]
//   hits             array    in rank order, each:
//     answer_id        string   as `analyzer answers --json` "id"
//     source           string   source file name
//     year             int|null
//     region           string|null
//     respondent_type  "kommun"|"rss"|"region"|null
//     respondent       string|null
//     question         string   question id as printed ("5a") or heading
//     location         object   where the answer starts in the source, as in
//                               `answers --json` ({"line": 88}, {"page": 14},
//                               {"paragraph": 212}, {"sheet", "row", "column"})
//     score            int      relevance in percent, 0..100 (0 when the
//                               query holds only filters)
//     snippet          string   the sentence(s) holding the matched words,
//                               each matched word (or phrase) in «»; " … "
//                               between sentences

#include <ostream>
#include <string>

#include "analyzer/index/index.hpp"

namespace analyzer {

void print_search_table(const std::string& query, const SearchResults& results, std::size_t offset,
                        std::ostream& out);
void print_search_json(const std::string& query, const SearchResults& results, std::size_t offset,
                       std::ostream& out);
void print_search_md(const std::string& query, const SearchResults& results, std::size_t offset,
                     std::ostream& out);

}  // namespace analyzer
