// Theme names as analysts type them (theme_names.hpp).

#include "analyzer/lexicon/theme_names.hpp"

#include "analyzer/core/json_checker.hpp"
#include "analyzer/core/utf8.hpp"

namespace analyzer {
namespace {

constexpr std::size_t kMaxThemeName = 256;

// The key letter of one code point: ASCII and Swedish letters folded and
// without their marks; '_' for a separator; the code point itself otherwise.
char32_t key_letter(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c - 'A' + 'a';
  switch (c) {
    case U'å': case U'Å': case U'ä': case U'Ä': case U'à': case U'À': case U'á': case U'Á': return 'a';
    case U'ö': case U'Ö': case U'ø': case U'Ø': return 'o';
    case U'é': case U'É': case U'è': case U'È': return 'e';
    case U'ü': case U'Ü': return 'u';
    case ' ': case '_': case '-': case '\t': case 0xA0: return '_';
    default: return c;
  }
}

}  // namespace

std::string theme_key(std::string_view name) {
  const bool cut = name.size() > kMaxThemeName;
  if (cut) name = name.substr(0, utf8::char_begin(name, kMaxThemeName));
  std::string key;
  for (std::size_t i = 0; i < name.size();) {
    const utf8::Decoded d = utf8::decode(name, i);
    i += d.length ? d.length : 1;
    const char32_t c = key_letter(d.code_point == utf8::kInvalid ? U'\uFFFD' : d.code_point);
    if (c == '_' && (key.empty() || key.back() == '_')) continue;
    utf8::append(key, c);
  }
  while (!key.empty() && key.back() == '_') key.pop_back();
  return cut ? key + "\x01" : key;
}

std::string theme_list(const std::vector<Lexicon>& lexicons) {
  std::string out;
  for (const Lexicon& l : lexicons) out += (out.empty() ? "" : ", ") + l.id + " (" + l.label + ")";
  return out;
}

Result<const Lexicon*> resolve_theme(const std::vector<Lexicon>& lexicons, std::string_view name) {
  const std::string key = theme_key(name);
  std::vector<std::string> keys;
  for (const Lexicon& l : lexicons) {
    if (!key.empty() && (key == theme_key(l.id) || key == theme_key(l.label))) return &l;
    keys.push_back(theme_key(l.id));
  }
  std::string message = "no theme \"" + std::string(name) + "\"";
  const std::string near = near_miss(key, keys);
  for (const Lexicon& l : lexicons)
    if (!near.empty() && theme_key(l.id) == near) message += " (did you mean \"" + l.id + "\"?)";
  return make_error("", message + "; themes: " + theme_list(lexicons),
                    "name a theme by its id or its label, in any case, with or without å, ä, ö");
}

}  // namespace analyzer
