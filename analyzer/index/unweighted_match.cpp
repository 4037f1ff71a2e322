// Unweighted matching (unweighted_match.hpp).

#include "analyzer/index/unweighted_match.hpp"

#include <algorithm>

namespace analyzer::unweighted {

std::vector<Xapian::docid> documents_with_all(const Xapian::Database& db,
                                              const std::vector<std::vector<std::string>>& clauses) {
  if (clauses.empty()) return {};
  // Postings of a clause: an upper bound of its documents (terms may share some).
  auto postings = [&](const std::vector<std::string>& clause) {
    Xapian::doccount n = 0;
    for (const std::string& term : clause) n += db.get_termfreq(term);
    return n;
  };
  std::size_t driver = 0;
  std::vector<Xapian::doccount> sizes;
  for (const auto& clause : clauses) sizes.push_back(postings(clause));
  driver = static_cast<std::size_t>(std::min_element(sizes.begin(), sizes.end()) - sizes.begin());

  std::vector<Xapian::docid> out;
  out.reserve(sizes[driver]);
  for (const std::string& term : clauses[driver])
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) out.push_back(*p);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());

  for (std::size_t c = 0; c < clauses.size() && !out.empty(); ++c) {
    if (c == driver) continue;
    // One iterator per term, moved forward only: the candidates ascend.
    std::vector<Xapian::PostingIterator> its;
    for (const std::string& term : clauses[c]) its.push_back(db.postlist_begin(term));
    const Xapian::PostingIterator end;
    std::size_t kept = 0;
    for (Xapian::docid did : out) {
      bool found = false;
      for (Xapian::PostingIterator& it : its) {
        if (it == end) continue;
        if (*it < did) it.skip_to(did);
        if (it != end && *it == did) found = true;
      }
      if (found) out[kept++] = did;
    }
    out.resize(kept);
  }
  return out;
}

}  // namespace analyzer::unweighted
