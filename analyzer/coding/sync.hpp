#pragma once
// Keeping codings anchored after a re-ingest.
//
// In:  the store's codings, the index's answers now (every answer of the
//      coded sources, decision parts included) and each source's SHA-256
//      now.
// Out: the AnchorUpdates to apply (CodingStore::update_anchors), one per
//      coding whose place changed, plus counts. Pure: reads nothing, writes
//      nothing.
//
// A coding is checked when its source is in `answers`; a coding of a source
// the index does not hold is left as it is (counted in `absent`: the wrong
// --index must not orphan anything). Removed codings are left as they are.
// The rest is placed "near its old place" (the rule), in this order:
//   1. In place: its answer (same id) still holds the quote at its span
//      (exactly, or with white space changed: reanchor.hpp). Only a changed
//      hash is recorded ("unchanged"), or an orphaned mark lifted.
//   2. Its own answer: the answer still exists and holds the quote
//      elsewhere: the occurrence nearest the old offset (reanchor.hpp:
//      exact first, then white space ignored).
//   3. Another answer of its source, only when unambiguous: the quote's
//      words (white space collapsed) are at least kMinQuoteElsewhere code
//      points long AND occur exactly once in all the source's answers but
//      its own. A short quote ("SIP", "mobila team", "fast vårdkontakt")
//      is what many respondents write: found in another answer it says
//      nothing about where the coded words went, and such a coding is
//      orphaned. So a decision on a theme term whose answer lost its id
//      (a renumbered question, a renamed report section) is orphaned and
//      must be decided again; a wrong move would be silent, an orphan is
//      listed.
//   4. Otherwise orphaned: the coding stays, listed as orphaned.
// A decision (accepted, rejected) is on a mention: it moves (steps 2 and 3)
// only onto a mention of its theme at exactly the quote's new span, and is
// orphaned otherwise (from a user trial: a rejected "SIP" whose word was
// edited away landed inside the accepted mention "SIP – samordnad
// individuell plan" 2.2 KB on, keeping a stale mention id).
// Conflicts: a moved coding never lands where it contradicts or repeats
// another active coding of the same coder (active: not removed and placed
// after this plan):
//   - a decision (accepted or rejected) on a mention (theme, answer, span)
//     on which the coder holds another decision, of either kind;
//   - a manual coding on the same answer and span with the same theme or
//     own code as another manual coding of the coder.
// A coding in place keeps its place and every moved one landing there is
// orphaned. When only moved codings land on one place, the one that moved
// least keeps it (bytes between its old and new start in its own answer; a
// move into another answer counts as farther than any) and the others are
// orphaned: an accepted SIP shifted by 3 bytes (a word before it grew)
// keeps its mention, and the rejection of a SIP that was edited away, whose
// nearest "SIP" mention is that one 2.2 KB on, is orphaned. A
// tie among codings of one kind (duplicates) goes to the lowest id; a tie
// of accepted and rejected (which is right is unknown) orphans them all.
// Such codings count in `conflicts`, and in `orphaned` unless they were
// orphaned before.
// Source spans (original bytes, `start`/`end` of `codings list`): a placed
// decision takes the id and original span of the mention of its theme at
// exactly its span (a moved one always has one; one in place may not, when
// the lexicons changed); otherwise, and for manual codings (an answer's
// text is normalised, so its offsets do not map to the file's bytes
// without the ingest's offset map), the source span becomes unknown. This is done for moved codings and for codings in
// place in a changed file (text added before the answer shifts the file
// offsets); never are old offsets of a changed file left behind. An
// orphaned coding keeps its last place (span and source span).
// Cost: linear in the codings and the answers of their sources, plus for a
// coding not found in its own answer one white-space pass over each other
// answer of its source.

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "analyzer/coding/store.hpp"
#include "analyzer/core/records.hpp"

namespace analyzer::coding {

// The shortest quote (code points of its words, white space collapsed)
// that may move to another answer of its source: about six words, longer
// than every term of the lexicons ("fast vård- och omsorgskontakt" is 29).
inline constexpr std::size_t kMinQuoteElsewhere = 32;

struct SyncPlan {
  std::vector<AnchorUpdate> updates;
  std::size_t checked = 0;   // codings whose source is in the index
  std::size_t moved = 0;     // found at another place (exact or white space)
  std::size_t orphaned = 0;  // newly orphaned (conflicts included)
  std::size_t conflicts = 0; // found, but at a place that conflicts (above): orphaned instead
  std::size_t found_again = 0;  // orphaned before, anchored now
  std::size_t absent = 0;    // codings whose source the index does not hold
};

SyncPlan plan_sync(const std::vector<Coding>& codings, const std::vector<AnswerRecord>& answers,
                   const std::map<std::string, std::string>& source_sha256);

}  // namespace analyzer::coding
