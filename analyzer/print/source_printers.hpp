#pragma once
// `analyzer sources`: one line per file and part, with where each metadata
// field came from (core/provenance.hpp). Computes nothing: takes the
// summaries IndexReader::source_summaries() returns.
//
// table  one line per part, Swedish column labels for the analysts:
//          fil  del  format  år  region  respondent  typ  svar  siffror
//          omnämnanden  ursprung  varningar
//        "ursprung" gives each field's provenance in a few characters:
//          år=M region=D:most_named_region typ=D:form_title resp=S
//        (M manifest, D detected by the named rule, S standard/default);
//        then, indented under the part, one line per field with the
//        evidence (rule, place, the deciding text). Warnings in Swedish:
//        "tom blankett", "inga svar", "gissat: region", "saknas: år",
//        "avviker från manifestet: typ". Ends with the number of files and
//        parts and a hint to --write-manifest.
// json   one JSON object per file per line (JSON Lines): to_json(
//        SourceSummary), i.e. source, path, format, parts[] with part,
//        layout, title, year, region, respondent_type, respondent,
//        provenance{year, region, type, respondent}, answers, numbers,
//        mentions, warnings[{kind, field, detail}]. Fields are only added.
// md     a Markdown table like `table`, then the evidence per field as a
//        list under each file.
// Texts are escaped for their format (terminal_text, md_escape, JSON).
// Cost: linear in the parts.

#include <ostream>
#include <vector>

#include "analyzer/core/provenance.hpp"

namespace analyzer {

enum class SourcesFormat { Table, Json, Markdown };

void print_sources(const std::vector<SourceSummary>& sources, SourcesFormat format, std::ostream& out);

}  // namespace analyzer
