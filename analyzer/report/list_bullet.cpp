// The leading list bullet of a sentence (list_bullet.hpp).

#include "analyzer/report/list_bullet.hpp"

#include <re2/re2.h>

#include "analyzer/text/swedish_text.hpp"

namespace analyzer {

std::size_t leading_bullet_size(std::string_view sentence) {
  // The bullets ingest keeps at the start of a list item (normalize/ keeps
  // "•", U+F0B7 and the like; "- ", "– ", "a) " start items too).
  static const RE2 re("^((?:[" + swedish::bullet_symbol_class(swedish::BulletScope::Excerpts) + "]\\s*|[" +
                       swedish::bullet_dash_class() + "]\\s+|[a-z]\\)\\s+))");
  re2::StringPiece bullet;
  if (!RE2::PartialMatch(re2::StringPiece(sentence.data(), sentence.size()), re, &bullet)) return 0;
  return bullet.size() < sentence.size() ? bullet.size() : 0;
}

}  // namespace analyzer
