#pragma once
// What the end-to-end tests of the coding commands share (coding_cli_test,
// review_cli_test, review_tmux_test): the store's codings and memos as
// `codings list` and `memos list` print them in JSON, on the seeds' index
// (seed_index(), cli_support.hpp).

#include <catch2/catch.hpp>

#include "cli_support.hpp"

namespace cli {

// `analyzer codings list --format json` of `store` on `index`, with `extra`
// options; fails the test unless it exits 0.
inline std::vector<json> codings_json(const std::string& store, std::vector<std::string> extra = {},
                                      const std::string& index = seed_index()) {
  std::vector<std::string> args{"codings", "list", "--format", "json", "--index", index, "--codings", store};
  args.insert(args.end(), extra.begin(), extra.end());
  RunResult r = run(args);
  INFO(r);
  REQUIRE(r.status == 0);
  return parse_jsonl(r.out);
}

// `analyzer memos list --format json` of `store` on `index`.
inline std::vector<json> memos_json(const std::string& store, const std::string& index = seed_index()) {
  RunResult r = run({"memos", "list", "--format", "json", "--index", index, "--codings", store});
  INFO(r);
  REQUIRE(r.status == 0);
  return parse_jsonl(r.out);
}

}  // namespace cli
