#pragma once
// Stage: lexicon. The one place that turns a theme as an analyst names it
// into a lexicon: `--theme` of every command and `tema:` in search queries.
//
// In:  the loaded lexicons (lexicon.hpp) and a name as typed.
// Out: the lexicon, or a Diagnostic listing every theme (id and label) with
//      a "did you mean" when the name is a near miss.
// A name matches a theme when its key equals the key of the theme's id or
// of its label. The key of a text (theme_key): lower case, the Swedish
// letters without their marks (å ä → a, ö → o, é → e), and every run of
// spaces, '_' and '-' as one '_', none at the ends. So "trygg hemgång",
// "Trygg_Hemgang", "TRYGG-HEMGÅNG" and "trygg_hemgang" all name
// trygg_hemgang (label "Trygg hemgång"); "mobila team" names mobila_team.
// Cost: linear in the name and the ids and labels. No state, thread-safe.
//
// Example:
//   resolve_theme(lexicons, "trygg hemgång").value()->id == "trygg_hemgang"
//   resolve_theme(lexicons, "tryg hemgang").error().message ==
//     "no theme \"tryg hemgang\" (did you mean \"trygg_hemgang\"?); themes: sip (SIP), ..."

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/diagnostic.hpp"
#include "analyzer/lexicon/lexicon.hpp"

namespace analyzer {

// The comparison key of a theme name (above). At most 256 bytes of `name`
// are read; a longer name has the key of its first 256 bytes plus a mark
// that no id has, so it never matches.
std::string theme_key(std::string_view name);

// The lexicon `name` names (above), or an error whose message is
//   no theme "<name>" (did you mean "<id>"?); themes: <id> (<label>), ...
// (the "did you mean" part only for a near miss of an id's key) and whose
// hint says that ids and labels are accepted in any case.
Result<const Lexicon*> resolve_theme(const std::vector<Lexicon>& lexicons, std::string_view name);

// "sip (SIP), trygg_hemgang (Trygg hemgång)": every theme, in lexicon order.
std::string theme_list(const std::vector<Lexicon>& lexicons);

}  // namespace analyzer
