#pragma once
// Printers for `analyzer excerpts`: lay out an ExcerptList (report/
// excerpts.hpp) and compute nothing. The texts are already masked; marks are
// byte spans into them. Labels are Swedish.
//
// Table (terminal; may change between versions, scripts use JSON): a
// heading line, then per excerpt its rank and the sentence with the marks in
// «», an indented citation line and, for a near-duplicate, its other
// sources:
//   Utdrag för SIP (sip): 10 av 12 meningar
//
//   1. Användningen av särskilda individuella planer («SIP;ar») ska öka kraftigt.
//      — Region Dalarna, 2019, avsnitt: Aktivitetsplan (001_a66d7b4781e6d6f2.txt, rad 412)
//      (även: RSS Dalarna, 2023, fråga 5a (000_3242b6e7501bd5d8.txt, rad 88))
// A citation is: respondent ("okänd respondent"), year ("okänt år"), then
// "fråga 5a: <question text, at most 80 characters, … when cut>" for a
// survey answer, "avsnitt: <heading>" for a report section, then in
// brackets the source file and, when known, where the sentence's first
// mention stands in it (location_text(), location_text.hpp: "rad 412",
// "sida 14", "stycke 212", "Blad1, rad 7, kolumn F"). The other sources
// give no question text; one that recurs (the sentence several times in
// one answer) is shown once with each of its places, "(b.txt, rad 12;
// rad 30)", and with its count, "×3", when places repeat or are unknown.
// Every text in the table has control characters made visible
// (terminal_text.hpp).
//
// Markdown: a "## Utdrag: <label>" heading, a count line, then one
// blockquote per excerpt: the sentence with the marks in **bold** (every
// text through md_escape, markdown_text.hpp: no HTML), an empty quote line, the citation line
// and, for a near-duplicate, a line "(även: ...)".
//
// JSON Lines (`--format json`): one object per excerpt, in rank order, UTF-8.
// A public interface: fields are only ever added, never renamed or dropped.
//   rank             int      1, 2, ... in rank order
//   theme            string   lexicon id ("sip")
//   label            string   the theme's label ("SIP")
//   text             string   the sentence or list item, masked ("[e-post]",
//                             "[telefon]", "[namn]"), bullet dropped, white
//                             space collapsed
//   marks            array    [{"start": int, "end": int}]: the theme's
//                             mentions as byte offsets into `text` (UTF-8
//                             bytes, not characters), sorted, not overlapping
//   fragment         bool     too short to stand alone (under 5 words)
//   answer_id        string   id of the answer (as `analyzer answers --json`)
//   source           string   source file name
//   year             int|null
//   region           string|null
//   respondent_type  "kommun"|"rss"|"region"|null
//   respondent       string|null
//   question         string   question id as printed ("5a") or section heading
//   question_text    string   the printed prompt / heading, masked
//   layout           "survey"|"report"|"unknown"
//   start, end       int      byte offsets of the sentence in the ORIGINAL
//                             source file (as ingest found it, bullet included;
//                             for PDF, DOCX, XLSX: in the text extracted from it)
//   location         object   where the sentence's first mention of the theme
//                             starts in the source, as in `answers --json`
//                             ({"line": 530}, {"page": 14}, {"paragraph": 212},
//                             {"sheet": "Blad1", "row": 7, "column": "F"});
//                             {} for an index written before analysis version 4
//   also             array    the other places the same sentence occurs
//                             (near-duplicates), each an object with the
//                             fields answer_id ... location above; empty when none
//   provenance       object   when the list has one (ExcerptList::provenance):
//                             as in print/provenance_printers.hpp, with
//                             `sources` only this excerpt's files
// The fields from answer_id to location belong to the first (ranked) source.
// Nothing is printed when there are no excerpts.
//
// Table and Markdown end with the block "Underlag och framställning" when
// the list has a provenance (provenance_printers.hpp).

#include <ostream>
#include <string>

#include "analyzer/report/excerpts.hpp"

namespace analyzer {

void print_excerpts_table(const ExcerptList& list, std::ostream& out);
void print_excerpts_jsonl(const ExcerptList& list, std::ostream& out);
void print_excerpts_md(const ExcerptList& list, std::ostream& out);

// The citation as plain text, without the leading dash: "RSS Dalarna, 2023,
// fråga 5a: Beskriv … (000_3242b6e7501bd5d8.txt, rad 88)"; the question text is cut
// to `question_chars` characters (never inside one); 0 leaves it out (a
// report section keeps 40 characters of its heading, which names it). For
// other printers (HTML), which escape it themselves.
std::string excerpt_citation(const Citation& c, std::size_t question_chars = 80);

// "(även: A; B (b.txt, rad 12; rad 30); C ×3)": the other sources of a
// near-duplicate as the table and Markdown show them; "" when there are none.
std::string excerpt_also_line(const Excerpt& e);

// "10 av 12 meningar", "1 mening": how many excerpts of how many sentences.
std::string excerpt_count(const ExcerptList& list);

}  // namespace analyzer
