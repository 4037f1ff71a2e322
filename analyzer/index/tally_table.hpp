#pragma once
// Internal to the index stage: the text form in which the index stores
// answer tallies (core/answer_tally.hpp) as metadata, both a file's own
// ("tallies:<name>") and a shard's merged aggregate ("aggregate:tallies",
// schema.hpp). No Xapian here: encoding and decoding only.
//
// Why not JSON: a report over a large archive decodes every row, and a
// JSON object per row (keys repeated, a DOM built) cost about as much as
// the report itself. This is tab-separated text, one line per row, decoded
// without building anything but the tallies.
//
// Format (version 1), lines separated by '\n':
//   analyzer-tallies 1 <TAB> stamp <TAB> answers <TAB> files
//   file name                                 × files (the table rows refer to)
//   key <TAB> year <TAB> region <TAB> type <TAB> name <TAB> part <TAB> answers
//       <TAB> file,file,... <TAB> theme=mentions <TAB> theme=mentions ...
// `stamp` is free text for the writer (the aggregate's validity stamp,
// index_writer.cpp; empty for a file's own tallies). `answers` is the sum
// over the rows. key is AnswerTally::key as respondent_key_of() gives it;
// year and type are empty when unknown (type as to_string(RespondentType));
// file,file are 0-based lines of the file table. Text fields escape '\\',
// TAB and newline as \\ \t \n. A theme id is split from its count at the
// last '='.
//
// Example (one file, one row):
//   analyzer-tallies 1\t\t3\t1
//   a.txt
//   Region Halland\t2022\tHalland\tregion\tRegion Halland\t0\t3\t0\tsip=4

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyzer/core/answer_tally.hpp"

namespace analyzer::tally_table {

// Whether `stored` is in this format (older indexes stored a JSON list).
bool is_table(std::string_view stored);

// The text of `tallies` with `stamp`. Each row's files are t.sources, or
// t.source when that is null; its key is respondent_key_of(t); its
// question is not stored (tallies over all questions only). Cost: linear
// in the rows and their files.
std::string encode(const std::vector<AnswerTally>& tallies, std::string_view stamp = {});

// encode() a piece at a time: the rows of each add() follow those of the
// calls before, and text() equals encode() of all the tallies added, in
// order. For a file whose records are made a part at a time
// (RecordStream): its tallies, one add() per piece, need not be held at
// once. Memory: the rows' text.
class Encoder {
 public:
  Encoder() = default;
  Encoder(const Encoder&) = delete;  // files_ points into file_index_
  Encoder& operator=(const Encoder&) = delete;
  void add(const std::vector<AnswerTally>& tallies);
  std::string text(std::string_view stamp = {}) const;

 private:
  std::unordered_map<std::string, std::size_t> file_index_;
  std::vector<const std::string*> files_;
  std::size_t answers_ = 0;
  std::string rows_;
};

struct Table {
  std::string stamp;
  std::size_t answers = 0;             // the header's sum over all rows, kept or not
  std::vector<AnswerTally> tallies;    // the rows kept, in stored order
};

// Decodes `stored`, keeping the rows for which `keep` returns true (all when
// `keep` is empty). Rows come back with key, respondent, part, answers,
// mentions and `sources` set (rows naming the same files share one list),
// and `source` set when a row has one file. nullopt when the text is not a
// table of this version or is damaged (a missing field, a number that does
// not parse, a file index out of range): the caller then does without it.
// Cost: one pass over the text; a kept row allocates its strings and map.
std::optional<Table> decode(std::string_view stored, const std::function<bool(const AnswerTally&)>& keep = {});

}  // namespace analyzer::tally_table
