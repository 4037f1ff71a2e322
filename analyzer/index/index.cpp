// Schema helpers shared by the writer and the reader (schema.hpp), and the
// posting inspection used by tests. Writer: index_writer.cpp; reader:
// index_reader.cpp.

#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <tuple>
#include <vector>

#include "analyzer/core/stable_hash.hpp"
#include "analyzer/core/utf8.hpp"
#include "analyzer/index/index_databases.hpp"
#include "analyzer/index/schema.hpp"

namespace analyzer::schema {
namespace {

bool starts_with_ascii_capital(std::string_view s) {
  return !s.empty() && s.front() >= 'A' && s.front() <= 'Z';
}

std::string join_prefix(std::string_view prefix, std::string_view value) {
  std::string term(prefix);
  if (starts_with_ascii_capital(value)) term += ':';
  term += value;
  return term;
}

}  // namespace

std::string lowercase(std::string_view s) {
  return Xapian::Unicode::tolower(std::string(s));
}

std::string filter_term(std::string_view prefix, std::string_view value) {
  std::string term = join_prefix(prefix, value);
  if (term.size() <= kMaxTermBytes) return term;
  // Keep room for "#" + 16 hex digits; cut before a UTF-8 continuation
  // byte so the kept part stays valid UTF-8. FNV-1a is stable across
  // compilers and runs, unlike std::hash, so a shortened term written by one
  // build is found by another.
  const std::string suffix = "#" + hex16(fnv1a64(value));
  std::size_t keep = kMaxTermBytes - suffix.size();
  while (keep > prefix.size() && utf8::is_continuation(term[keep])) --keep;
  term.resize(keep);
  return term + suffix;
}

std::string answer_id_term(std::string_view id) { return join_prefix(kAnswerId, id); }

std::string source_key(std::string_view source) {
  return std::string(kMetaSourcePrefix) + std::string(source);
}

std::string path_key(std::string_view source) {
  return std::string(kMetaPathPrefix) + std::string(source);
}

std::string groups_key(std::string_view source) {
  return std::string(kMetaGroupsPrefix) + std::string(source);
}

std::string contacts_key(std::string_view source) {
  return std::string(kMetaContactsPrefix) + std::string(source);
}

std::string tallies_key(std::string_view source) { return std::string(kMetaTalliesPrefix) + std::string(source); }

std::string origin_key(std::string_view source) { return std::string(kMetaOriginPrefix) + std::string(source); }

// kSchemaVersion history: 2 = positions on stems only; 3 = facet slot,
// tallies; 4 = stems only; 5 = the record in a value slot.
Status check_schema(const std::string& dir, std::string_view stored_version, bool has_documents) {
  if (stored_version == kSchemaVersion) return {};
  if (stored_version.empty()) {
    if (!has_documents) return {};
    return make_error("", "not an analyzer index: " + dir + " holds a Xapian database analyzer did not write",
                      "choose another index directory");
  }
  return make_error("", "index at " + dir + " has schema version " + std::string(stored_version) +
                            ", this analyzer reads version " + std::string(kSchemaVersion),
                    "delete " + dir + " and run `analyzer ingest PATH` again");
}

Result<std::string> render_text_postings(const std::string& dir, const std::string& answer_id) {
  if (Status s = index_layout::check_stub_chain(dir); !s.ok()) return std::move(s).error();
  try {
    Xapian::Database db(dir);
    const std::string id_term = answer_id_term(answer_id);
    Xapian::PostingIterator p = db.postlist_begin(id_term);
    if (p == db.postlist_end(id_term))
      return make_error("", "no answer with id \"" + answer_id + "\" in the index at " + dir);
    const Xapian::Document doc = db.get_document(*p);
    // Positional terms by position; text words (lower-case, no prefix)
    // without positions, sorted, after a " | ".
    std::vector<std::pair<Xapian::termpos, std::string>> postings;
    std::vector<std::string> words;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      const std::string term = *t;
      if (t.positionlist_count() == 0) {
        if (!term.empty() && !(term[0] >= 'A' && term[0] <= 'Z')) words.push_back(term);
        continue;
      }
      for (auto pos = t.positionlist_begin(); pos != t.positionlist_end(); ++pos) postings.emplace_back(*pos, term);
    }
    std::sort(postings.begin(), postings.end());
    std::string out;
    for (const auto& [pos, term] : postings) {
      if (!out.empty()) out += ' ';
      out += term + '@' + std::to_string(pos);
    }
    out += " |";
    for (const std::string& w : words) out += ' ' + w;
    return out;
  } catch (const Xapian::DatabaseNotFoundError&) {
    return make_error("", "no index at " + dir, "run `analyzer ingest PATH` first");
  } catch (const Xapian::Error& e) {
    return make_error("", "cannot read the index at " + dir + ": " + e.get_msg());
  }
}

}  // namespace analyzer::schema
