#pragma once
// Internal to the index stage (includes <xapian.h>): one read of an opened
// index (index_databases.hpp), retried when a writer has moved on.
//
// A reader sees the index as it was committed when it was opened (a Xapian
// snapshot). If a writer commits often enough meanwhile that the
// snapshot's blocks get reused, Xapian throws DatabaseModifiedError; the
// read then reopens every part at its newest revision and runs again, at
// most kReadRetries times. Any other failure means the index cannot be
// read and becomes an IndexError (index_error.hpp) naming the index:
//   Xapian::NetworkError       a remote database that stops answering
//   other Xapian::Error        a damaged database
//   nlohmann::json::exception  a stored record that is not a record
//   DatabaseModifiedError      once more after the last retry
// Errors the caller handles itself (a query that cannot be parsed) must be
// caught inside `fn`.

#include <xapian.h>

#include <nlohmann/json.hpp>

#include "analyzer/index/index_databases.hpp"
#include "analyzer/index/index_error.hpp"

namespace analyzer::index_layout {

// Reopens after DatabaseModifiedError, at most this many times per read.
inline constexpr int kReadRetries = 3;

// The IndexError for a Xapian error while reading the index `label`.
IndexError read_error(const std::string& label, const Xapian::Error& e);

// The IndexError for a damaged record in the index `label`.
IndexError record_error(const std::string& label, const std::exception& e);

// fn() once, and again after each reopen as above. `on_reopen` runs after
// each reopen (to drop what was read from the old snapshot). Returns what
// fn returns.
template <class Fn, class OnReopen>
auto read_with_retry(OpenedIndex& index, Fn fn, OnReopen on_reopen) {
  for (int retry = 0;; ++retry) {
    try {
      return fn();
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (retry == kReadRetries)
        throw IndexError("cannot read the index at " + index.label + ": it keeps changing while it is read (" +
                             e.get_msg() + ")",
                         "run the command again when the ingest writing to it has finished");
      try {
        index.reopen();
      } catch (const Xapian::Error& e2) {
        throw read_error(index.label, e2);
      }
      on_reopen();
    } catch (const Xapian::Error& e) {
      throw read_error(index.label, e);
    } catch (const nlohmann::json::exception& e) {
      throw record_error(index.label, e);
    }
  }
}

template <class Fn>
auto read_with_retry(OpenedIndex& index, Fn fn) {
  return read_with_retry(index, std::move(fn), [] {});
}

}  // namespace analyzer::index_layout
