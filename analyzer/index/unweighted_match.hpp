#pragma once
// Internal to the index stage (includes <xapian.h>): matching without
// relevance, done so that it works around a bug of Xapian 1.4.22.
//
// The bug. Once documents have been deleted from a glass database (a changed
// file re-ingested deletes its old answers), a match whose weighting scheme
// reads no within-document frequency (BoolWeight, CoordWeight) throws
//   DatabaseCorruptError: Unexpected end of posting list for 'T'
// when a term T in a weighed position of the query (not under OP_FILTER's
// right side) occurs in every document of a database whose posting list for
// T spans more than one chunk (from about 1,000 documents), and the match
// visits every document (a get_mset() as large as the database, or
// check_at_least equal to it). The same happens with any scheme, BM25Weight
// included, when T is scaled by 0 (OP_SCALE_WEIGHT 0: what QueryParser makes
// of a query of boolean filters only, "år:2019"). Such terms are common: the
// kind term of an index holding only answers, a year, a frequent word. The
// data is intact: xapian-check finds nothing; iterating T's posting list, a
// scheme that reads the within-document frequency (BM25Weight,
// MatchingWithoutWeight below) over weighted terms, or T on the right side
// of an OP_FILTER all work.
// index_test reproduces it with plain Xapian ("Xapian 1.4.22: ...").

#include <xapian.h>

#include <string>
#include <vector>

namespace analyzer::unweighted {

// The documents that have, for every clause, at least one of its terms
// (an AND of ORs of terms), in ascending document id order, read from the
// posting lists directly (no Enquire, so not exposed to the bug). Works on
// any Xapian::Database: local, combined shards, remote.
// Cost: the posting lists of the clause with the fewest postings, read
// whole, plus a skip_to() per candidate in every other clause's lists.
// Memory: 4 bytes per document of that clause. An empty clause list, or an
// empty clause, matches nothing.
std::vector<Xapian::docid> documents_with_all(const Xapian::Database& db,
                                              const std::vector<std::vector<std::string>>& clauses);

// A weighting scheme that gives every match weight 0, like BoolWeight, but
// asks Xapian for the within-document frequency, which keeps the match off
// the path that fails (above). For an Enquire that only counts or feeds a
// MatchSpy. The cost of reading the wdf is small: it sits beside the docid
// in the posting list. Local databases only: a remote server would need it
// registered (xapian-tcpsrv does not know it).
class MatchingWithoutWeight : public Xapian::Weight {
 public:
  MatchingWithoutWeight() { need_stat(WDF); }
  Xapian::Weight* clone() const override { return new MatchingWithoutWeight; }
  std::string name() const override { return "analyzer::MatchingWithoutWeight"; }
  void init(double) override {}
  double get_sumpart(Xapian::termcount, Xapian::termcount, Xapian::termcount) const override { return 0; }
  double get_maxpart() const override { return 0; }
  double get_sumextra(Xapian::termcount, Xapian::termcount) const override { return 0; }
  double get_maxextra() const override { return 0; }
};

}  // namespace analyzer::unweighted
