#include "analyzer/read/docx_numbering.hpp"

#include <string_view>

#include "analyzer/read/xml_part.hpp"

namespace analyzer::docx {

namespace {

std::string roman(int value, bool upper) {
  static constexpr std::pair<int, std::string_view> kDigits[] = {
      {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
      {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
  std::string out;
  for (const auto& [unit, digits] : kDigits)
    for (; value >= unit; value -= unit) out += digits;
  if (upper)
    for (char& c : out) c = static_cast<char>(c - 'a' + 'A');
  return out;
}

// A bullet in a symbol font's private-use code points (Word's default list
// bullet is Symbol U+F0B7) as the character it shows.
std::string bullet_text(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    // U+F000..U+F0FF is EF 80 80 .. EF 83 BF in UTF-8.
    if (b == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(text[i + 1]) <= 0x83) {
      const unsigned low = ((static_cast<unsigned char>(text[i + 1]) & 0x03u) << 6) |
                           (static_cast<unsigned char>(text[i + 2]) & 0x3Fu);
      out += low == 0xA7 ? "▪" : "•";  // Wingdings square, else a round bullet
      i += 2;
      continue;
    }
    out += text[i];
  }
  return out;
}

// Cuts `text` to at most `limit` bytes at a character boundary.
void cut_utf8(std::string& text, std::size_t limit) {
  if (text.size() <= limit) return;
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0u) == 0x80u) --end;
  text.resize(end);
}

}  // namespace

std::string format_list_number(int value, const std::string& format) {
  if (format == "none" || format == "bullet") return {};
  if (value > 0 && (format == "lowerLetter" || format == "upperLetter")) {
    const char letter = static_cast<char>((format == "lowerLetter" ? 'a' : 'A') + (value - 1) % 26);
    return std::string(static_cast<std::size_t>((value - 1) / 26 % 8 + 1), letter);  // a..z, aa..zz, ...
  }
  if (value > 0 && value < 4000 && (format == "lowerRoman" || format == "upperRoman"))
    return roman(value, format == "upperRoman");
  if (format == "decimalZero" && value >= 0 && value < 10) return "0" + std::to_string(value);
  return std::to_string(value);
}

void ListNumbering::load(const pugi::xml_node& numbering) {
  for (const pugi::xml_node& node : numbering.children()) {
    const std::string_view name = local_name(node);
    if (name == "abstractNum") {
      const std::optional<int> id = int_value(attribute(node, "abstractNumId"));
      if (!id) continue;
      std::array<Level, kListLevels>& levels = abstracts_[*id];
      for (int i = 0; i < kListLevels; ++i) levels[static_cast<std::size_t>(i)].restart_below = i;
      for (const pugi::xml_node& lvl : node.children()) {
        if (local_name(lvl) != "lvl") continue;
        const std::optional<int> index = int_value(attribute(lvl, "ilvl"));
        if (!index || *index < 0 || *index >= kListLevels) continue;
        Level& level = levels[static_cast<std::size_t>(*index)];
        level.defined = true;
        level.start = child_val(lvl, "start").value_or(0);
        if (const pugi::xml_node f = child(lvl, "numFmt")) level.format = std::string(attribute(f, "val"));
        if (const pugi::xml_node t = child(lvl, "lvlText")) level.text = std::string(attribute(t, "val"));
        if (const std::optional<int> r = child_val(lvl, "lvlRestart"); r && *r >= 0 && *r <= *index)
          level.restart_below = *r;
        if (const pugi::xml_node s = child(lvl, "suff")) level.suffix = attribute(s, "val") == "nothing" ? "" : " ";
      }
    } else if (name == "num") {
      const std::optional<int> id = int_value(attribute(node, "numId"));
      if (!id) continue;
      Instance instance;
      instance.abstract_id = child_val(node, "abstractNumId").value_or(-1);
      for (const pugi::xml_node& o : node.children()) {
        if (local_name(o) != "lvlOverride") continue;
        const std::optional<int> index = int_value(attribute(o, "ilvl"));
        const std::optional<int> start = child_val(o, "startOverride");
        if (index && *index >= 0 && *index < kListLevels && start)
          instance.start_override[static_cast<std::size_t>(*index)] = *start;
      }
      instances_[*id] = instance;
    }
  }
}

std::string ListNumbering::label(int num_id, int level) {
  if (level < 0 || level >= kListLevels) return {};
  const auto instance_it = instances_.find(num_id);
  if (instance_it == instances_.end()) return {};
  Instance& in = instance_it->second;
  const auto abstract_it = abstracts_.find(in.abstract_id);
  if (abstract_it == abstracts_.end()) return {};
  const std::array<Level, kListLevels>& levels = abstract_it->second;
  const auto at = static_cast<std::size_t>(level);
  if (!levels[at].defined) return {};

  auto start_of = [&](std::size_t l) { return in.start_override[l].value_or(levels[l].start); };
  if (in.used[at]) {
    ++in.counter[at];
  } else {
    in.counter[at] = start_of(at);
    in.used[at] = true;
  }
  for (std::size_t deeper = at + 1; deeper < kListLevels; ++deeper)
    if (level < levels[deeper].restart_below) in.used[deeper] = false;

  const Level& shown = levels[at];
  std::string out;
  const std::string_view text = shown.text;
  for (std::size_t i = 0; i < text.size() && out.size() <= kMaxListLabelBytes; ++i) {
    if (text[i] == '%' && i + 1 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9') {
      const auto l = static_cast<std::size_t>(text[i + 1] - '1');
      out += format_list_number(in.used[l] ? in.counter[l] : start_of(l), levels[l].format);
      ++i;
    } else {
      out += text[i];
    }
  }
  if (shown.format == "bullet") out = bullet_text(out);
  cut_utf8(out, kMaxListLabelBytes);
  if (out.empty()) return {};
  return out + shown.suffix;
}

}  // namespace analyzer::docx
