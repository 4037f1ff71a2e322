#pragma once
// Keeping codings anchored after a re-ingest.
//
// In:  the store's codings, the index's answers now (every answer, decision
//      parts included) and each source's SHA-256 now.
// Out: the AnchorUpdates to apply (CodingStore::update_anchors), one per
//      coding whose place changed, plus counts. Pure: reads nothing, writes
//      nothing.
//
// A coding is checked when its source is in `answers`; a coding of a source
// the index does not hold is left as it is (counted in `absent`: the wrong
// --index must not orphan anything). It is in place when its answer exists
// and the answer's text holds the quote at its span; then only a changed
// hash is recorded ("unchanged"), or an orphaned mark lifted. Otherwise the
// quote is looked for (reanchor.hpp) in its answer, then in the other
// answers of its source in source order; the first answer that holds it
// gives the new place. A decision found again takes the id of the mention of
// its theme at exactly the new span, when ingest found one there. Not found
// anywhere: orphaned (the coding stays, listed as orphaned).
// Cost: linear in the codings and the answers of their sources.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "analyzer/coding/store.hpp"
#include "analyzer/core/records.hpp"

namespace analyzer::coding {

struct SyncPlan {
  std::vector<AnchorUpdate> updates;
  std::size_t checked = 0;   // codings whose source is in the index
  std::size_t moved = 0;     // found at another place (exact or white space)
  std::size_t orphaned = 0;  // newly orphaned
  std::size_t found_again = 0;  // orphaned before, anchored now
  std::size_t absent = 0;    // codings whose source the index does not hold
};

SyncPlan plan_sync(const std::vector<Coding>& codings, const std::vector<AnswerRecord>& answers,
                   const std::map<std::string, std::string>& source_sha256);

}  // namespace analyzer::coding
