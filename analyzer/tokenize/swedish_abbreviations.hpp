#pragma once
// Swedish abbreviations after which a period does not end a sentence. Each
// entry is matched as a whole word right before a sentence break, as written
// or with a capital first letter ("T.ex.").

#include <array>

namespace analyzer {

inline constexpr std::array<const char*, 32> kSwedishAbbreviations = {
    "bl.a.", "t.ex.", "s.k.", "ca.", "resp.", "pat.", "leg.", "fr.o.m.", "t.o.m.", "inkl.",
    "exkl.", "d.v.s.", "dvs.", "m.m.", "o.s.v.", "osv.", "etc.", "jfr.", "f.d.", "p.g.a.",
    "pga.", "m.fl.", "enl.", "st.", "nr.", "kap.", "s.", "obs.", "ev.", "tel.", "ang.",
    "mm."};

}  // namespace analyzer
