#include "analyzer/exchange/part_text.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "analyzer/core/utf8.hpp"

namespace analyzer::exchange {
namespace {

std::string title_of(const AnswerRecord& a) {
  std::string title = a.respondent.name.empty() ? a.source : a.respondent.name;
  if (a.respondent.year) title += " " + std::to_string(*a.respondent.year);
  if (!a.respondent.name.empty()) title += " (" + a.source + ")";
  return title;
}

std::string heading_of(const AnswerRecord& a) {
  if (a.question_text.empty()) return a.question;
  if (a.question.empty() || a.question_text.rfind(a.question, 0) == 0) return a.question_text;
  return a.question + " " + a.question_text;
}

// Position `p` of an original text → its masked text. Inside a masked piece
// (begin < p < end) it goes to the replacement's near end when `is_begin`,
// else to its far end.
std::size_t to_masked(const std::vector<TextEdit>& edits, std::size_t p, bool is_begin) {
  std::ptrdiff_t delta = 0;
  for (const TextEdit& e : edits) {
    if (p <= e.from.begin) break;
    if (p < e.from.end) return e.from.begin + delta + (is_begin ? 0 : e.to.size());
    delta += static_cast<std::ptrdiff_t>(e.to.size()) - static_cast<std::ptrdiff_t>(e.from.size());
  }
  return static_cast<std::size_t>(static_cast<std::ptrdiff_t>(p) + delta);
}

// The inverse: position `p` of a masked text → the original. Inside a
// replacement token it goes to the original piece's near end when
// `is_begin`, else to its far end.
std::size_t to_original(const std::vector<TextEdit>& edits, std::size_t p, bool is_begin) {
  std::ptrdiff_t delta = 0;  // original minus masked, before p
  for (const TextEdit& e : edits) {
    const std::size_t masked_begin = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(e.from.begin) - delta);
    const std::size_t masked_end = masked_begin + e.to.size();
    if (p <= masked_begin) break;
    if (p < masked_end) return is_begin ? e.from.begin : e.from.end;
    delta += static_cast<std::ptrdiff_t>(e.from.size()) - static_cast<std::ptrdiff_t>(e.to.size());
  }
  return static_cast<std::size_t>(static_cast<std::ptrdiff_t>(p) + delta);
}

// Byte offset of code point `n` of `s` (s.size() when past its end).
std::size_t byte_of_code_point(std::string_view s, std::int64_t n) {
  return utf8::prefix_length(s, static_cast<std::size_t>(n));
}

}  // namespace

std::vector<PartText> compose_part_texts(const std::vector<AnswerRecord>& answers, PersonalDataMasker& masker) {
  std::map<std::pair<std::string, int>, std::vector<const AnswerRecord*>> parts;
  for (const AnswerRecord& a : answers)
    if (!a.text.empty()) parts[{a.source, a.part}].push_back(&a);
  std::vector<PartText> out;
  out.reserve(parts.size());
  for (auto& [key, list] : parts) {
    std::stable_sort(list.begin(), list.end(), [](const AnswerRecord* x, const AnswerRecord* y) {
      return x->span.begin != y->span.begin ? x->span.begin < y->span.begin : x->id < y->id;
    });
    PartText p;
    p.source = key.first;
    p.part = key.second;
    p.respondent = list.front()->respondent;
    p.text = masker.mask(title_of(*list.front())) + "\n\n";
    std::int64_t cps = static_cast<std::int64_t>(utf8::code_points(p.text));
    for (const AnswerRecord* a : list) {
      const std::string heading = masker.mask(heading_of(*a)) + "\n";
      p.text += heading;
      cps += static_cast<std::int64_t>(utf8::code_points(heading));
      PlacedAnswer placed;
      placed.answer_id = a->id;
      placed.original = a->text;
      placed.edits = masker.edits(a->text);
      const std::string masked = placed.edits.empty() ? a->text : apply_text_edits(a->text, placed.edits);
      placed.byte_begin = p.text.size();
      placed.cp_begin = cps;
      p.text += masked;
      cps += static_cast<std::int64_t>(utf8::code_points(masked));
      placed.byte_end = p.text.size();
      placed.cp_end = cps;
      p.text += "\n\n";
      cps += 2;
      p.answers.push_back(std::move(placed));
    }
    out.push_back(std::move(p));
  }
  return out;
}

std::optional<CodePointSpan> to_part_positions(const PartText& part, const std::string& answer_id, ByteSpan span) {
  for (const PlacedAnswer& a : part.answers) {
    if (a.answer_id != answer_id) continue;
    if (span.empty() || span.end > a.original.size()) return std::nullopt;
    const std::string_view masked(part.text.data() + a.byte_begin, a.byte_end - a.byte_begin);
    const std::size_t b = to_masked(a.edits, span.begin, true), e = to_masked(a.edits, span.end, false);
    return CodePointSpan{a.cp_begin + static_cast<std::int64_t>(utf8::code_points(masked.substr(0, b))),
                         a.cp_begin + static_cast<std::int64_t>(utf8::code_points(masked.substr(0, e)))};
  }
  return std::nullopt;
}

std::optional<AnswerPlace> from_part_positions(const PartText& part, std::int64_t start, std::int64_t end) {
  if (start < 0 || end <= start) return std::nullopt;
  for (const PlacedAnswer& a : part.answers) {
    if (start < a.cp_begin || end > a.cp_end) continue;
    const std::string_view masked(part.text.data() + a.byte_begin, a.byte_end - a.byte_begin);
    const std::size_t b = byte_of_code_point(masked, start - a.cp_begin);
    const std::size_t e = byte_of_code_point(masked, end - a.cp_begin);
    return AnswerPlace{a.answer_id, ByteSpan{to_original(a.edits, b, true), to_original(a.edits, e, false)}};
  }
  return std::nullopt;
}

}  // namespace analyzer::exchange
