# generate_corpus.awk: the generator behind tests/bench/generate_corpus.
# Input: the seed answers, JSON Lines from `analyzer answers --json`.
# Variables: MB (total MB to write), OUT (folder), SEED (random seed),
# FPF (forms per file; 0 = fill files of 0.5-2 MB).
# POSIX awk (runs in mawk and gawk); bytes, not characters (LC_ALL=C).

function jstr(s,    out, c, h, cp) {  # the JSON string at the front of s (after the quote)
  out = ""
  while (length(s) > 0) {
    c = substr(s, 1, 1)
    if (c == "\"") { JREST = substr(s, 2); return out }
    if (c == "\\") {
      c = substr(s, 2, 1)
      if (c == "n") out = out "\n"
      else if (c == "t") out = out " "
      else if (c == "r" || c == "b" || c == "f") out = out ""
      else if (c == "u") {
        h = tolower(substr(s, 3, 4)); cp = hex(h)
        out = out utf8(cp); s = substr(s, 7); continue
      } else out = out c
      s = substr(s, 3); continue
    }
    # copy a run of ordinary bytes at once
    if (match(s, /^[^"\\]+/)) { out = out substr(s, 1, RLENGTH); s = substr(s, RLENGTH + 1); continue }
  }
  JREST = ""; return out
}
function hex(h,    i, v) { v = 0; for (i = 1; i <= length(h); i++) v = v * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1; return v }
function utf8(cp) {
  if (cp < 128) return sprintf("%c", cp)
  if (cp < 2048) return sprintf("%c%c", 192 + int(cp / 64), 128 + cp % 64)
  return sprintf("%c%c%c", 224 + int(cp / 4096), 128 + int(cp / 64) % 64, 128 + cp % 64)
}
# Reads the top-level fields after "part" of one answers line into F[].
function parse(line,    p, key, s) {
  split("", F)
  p = index(line, ",\"part\":")
  if (p == 0) return 0
  s = substr(line, p + 1)
  while (match(s, /^"[a-z_]+":/)) {
    key = substr(s, 2, RLENGTH - 3); s = substr(s, RLENGTH + 1)
    if (substr(s, 1, 1) == "\"") { F[key] = jstr(substr(s, 2)); s = JREST }
    else if (match(s, /^[^,}]*/)) { F[key] = substr(s, 1, RLENGTH); s = substr(s, RLENGTH + 1) }
    if (substr(s, 1, 1) == ",") s = substr(s, 2); else break
  }
  return 1
}
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
function rnd(n) { return int(rand() * n) }  # 0 .. n-1
# A unit may not look like the start of a form, a question or a contact line.
function unsafe(u,    l) {
  l = tolower(u)
  return u ~ /^(Fråga +)?[0-9][0-9]? ?[a-z]?[.):]/ || l ~ /^(denna (redovisning|rapport|enkät) avser|enkät|tack för|(slut|del)?redovisning av|uppföljning av|del [a-z0-9]+ *[:.]|avsnitt |område )/ || l ~ /^(ditt namn|namn|din e-?post|e-?post|telefon|region|rss|kommun|organisation|län) *:/ || l ~ /^(klicka|beskriv med|beskriv högst|max|högst)/
}
# Splits an answer into units (bullet lines, sentences) of pool P (by key).
function add_units(text, key,    n, lines, i, ln, s, m) {
  n = split(text, lines, "\n")
  for (i = 1; i <= n; i++) {
    ln = trim(lines[i]); if (ln == "") continue
    if (ln ~ /^[•▪◦*-]/) { add_unit(ln, key, 1); continue }
    while (ln != "") {
      # a sentence ends at . ! ? followed by space and a capital letter
      # (\303 is the first byte of Å Ä Ö É in UTF-8; bytes, not characters)
      if (match(ln, /[.!?][")]? +([A-Z]|\303)/)) {
        m = RSTART + RLENGTH - 1
        s = substr(ln, 1, m - 1); ln = substr(ln, m)
      } else { s = ln; ln = "" }
      add_unit(trim(s), key, 0)
    }
  }
}
function add_unit(u, key, bullet) {
  if (length(u) < 3 || unsafe(u)) return
  NU[key]++; U[key, NU[key]] = u; UB[key, NU[key]] = bullet
}
# The region's own name: Region Sörmland governs Södermanlands län.
function rname(r) { return r == "Södermanland" ? "Sörmland" : r }
function gen_of(r) { return r ~ /s$/ ? r : r "s" }
# "Köpings kommun", "Sala kommun": a consonant takes the genitive s.
function kommun_name(k) { return (k ~ /[aeiouyåäö]$/ || k ~ /\303[\245\244\266]$/ || k ~ /s$/ ? k : k "s") " kommun" }
function localize(s, r) {
  gsub(/Region Halland|Region Dalarna/, "Region " r, s)
  gsub(/Hallands|Dalarnas/, gen_of(r), s)
  gsub(/Halland|Dalarna/, r, s)
  return s
}
# Appends text wrapped at ~100 bytes; no line starts like a question/field.
function wrap(text,    n, w, i, line, out, first) {
  n = split(text, w, " "); line = ""; out = ""
  for (i = 1; i <= n; i++) {
    if (w[i] == "") continue
    if (line != "" && length(line) + 1 + length(w[i]) > 100 && !unsafe(w[i] (i < n ? " " w[i + 1] : "")) && w[i] !~ /^[0-9(•-]/) {
      out = out line "\n"; line = w[i]
    } else line = (line == "" ? w[i] : line " " w[i])
  }
  return out line "\n"
}
# An answer for question q of template t, for region r.
function answer(t, q, limit, r,    key, target, txt, len, k, idx, u, tries, prose, own, n) {
  key = t SUBSEP q
  target = ALEN[1 + rnd(NALEN)]
  if (target > limit) target = limit
  txt = ""; prose = ""; len = 0; own = NU[key]; tries = 0
  while (len < target && tries < 60) {
    tries++
    if (own > 0 && rand() < 0.6) { k = key; idx = 1 + rnd(own) }
    else { k = TYPE[t]; if (NU[k] == 0) k = "all"; idx = 1 + rnd(NU[k]) }
    u = localize(U[k, idx], r)
    if (len + length(u) + 1 > limit) { if (len > 0) break; else continue }
    len += length(u) + 1
    if (UB[k, idx]) { if (prose != "") { txt = txt wrap(prose); prose = "" } txt = txt u "\n" }
    else prose = (prose == "" ? u : prose " " u)
  }
  if (prose != "") txt = txt wrap(prose)
  return txt
}

BEGIN {
  srand(SEED + 0)
  split("Stockholm Uppsala Södermanland Östergötland Jönköping Kronoberg Kalmar Gotland Blekinge Skåne Halland Västra_Götaland Värmland Örebro Västmanland Dalarna Gävleborg Västernorrland Jämtland_Härjedalen Västerbotten Norrbotten", REG, " ")
  for (i = 1; i <= 21; i++) gsub(/_/, " ", REG[i])
  M["Stockholm"] = "Stockholm,Södertälje,Norrtälje,Huddinge,Nacka,Solna,Täby"
  M["Uppsala"] = "Uppsala,Enköping,Östhammar,Tierp,Knivsta,Heby"
  M["Södermanland"] = "Eskilstuna,Nyköping,Katrineholm,Strängnäs,Flen,Oxelösund"
  M["Östergötland"] = "Linköping,Norrköping,Motala,Mjölby,Finspång,Vadstena"
  M["Jönköping"] = "Jönköping,Värnamo,Nässjö,Gislaved,Vetlanda,Eksjö"
  M["Kronoberg"] = "Växjö,Ljungby,Älmhult,Alvesta,Tingsryd,Markaryd"
  M["Kalmar"] = "Kalmar,Västervik,Oskarshamn,Nybro,Vimmerby,Borgholm"
  M["Gotland"] = "Gotland"
  M["Blekinge"] = "Karlskrona,Karlshamn,Ronneby,Sölvesborg,Olofström"
  M["Skåne"] = "Malmö,Helsingborg,Lund,Kristianstad,Landskrona,Trelleborg,Ystad"
  M["Halland"] = "Halmstad,Kungsbacka,Varberg,Falkenberg,Laholm,Hylte"
  M["Västra Götaland"] = "Göteborg,Borås,Trollhättan,Skövde,Uddevalla,Alingsås,Lidköping"
  M["Värmland"] = "Karlstad,Arvika,Kristinehamn,Säffle,Hagfors,Torsby"
  M["Örebro"] = "Örebro,Karlskoga,Kumla,Lindesberg,Hallsberg,Askersund"
  M["Västmanland"] = "Västerås,Köping,Sala,Fagersta,Arboga,Hallstahammar"
  M["Dalarna"] = "Falun,Borlänge,Mora,Ludvika,Avesta,Leksand"
  M["Gävleborg"] = "Gävle,Sandviken,Hudiksvall,Bollnäs,Söderhamn,Ljusdal"
  M["Västernorrland"] = "Sundsvall,Örnsköldsvik,Härnösand,Kramfors,Sollefteå,Timrå"
  M["Jämtland Härjedalen"] = "Östersund,Krokom,Strömsund,Åre,Härjedalen,Berg"
  M["Västerbotten"] = "Umeå,Skellefteå,Lycksele,Vännäs,Vilhelmina,Storuman"
  M["Norrbotten"] = "Luleå,Piteå,Boden,Kiruna,Gällivare,Kalix"
  split("Anna Andersson,Erik Johansson,Maria Karlsson,Lars Nilsson,Karin Eriksson,Johan Larsson,Eva Olsson,Anders Persson,Sara Svensson,Peter Gustafsson,Lena Pettersson,Mikael Jonsson", NAMES, ",")
  NT = 0
}

{
  if (!parse($0) || F["text"] == "") next
  NSEEDS++
  # A template is one survey part of one seed file: its questions in order.
  ty = F["respondent_type"]; if (ty == "null" || ty == "") ty = "region"
  add_units(F["text"], "all")
  add_units(F["text"], ty)
  qt = trim(F["question_text"])
  if (F["question"] !~ /^[0-9][0-9]? ?[a-z]?$/ || qt !~ /^([A-ZÅÄÖÉ]|\303[\205\204\226\211])/) next
  sub(/ *Beskriv med max [0-9 ]+ tecken\.?$/, "", qt)
  t = F["source"] SUBSEP F["part"]
  if (!(t in TYPE)) { NT++; TPL[NT] = t; TYPE[t] = ty }
  NQ[t]++; QID[t, NQ[t]] = F["question"]; QTX[t, NQ[t]] = qt
  QLIM[t, NQ[t]] = length(F["text"]) > 1000 || rand() < 0.5 ? 3000 : 1000
  add_units(F["text"], t SUBSEP NQ[t])
  NALEN++; ALEN[NALEN] = length(F["text"])
}

function intro(kind, r, y, k,    s, lan) {
  lan = gen_of(r) " län"
  if (kind == "region") {
    s = " Enkät till regioner, uppföljning god och nära vård\n\nDenna redovisning avser Region " r "\n\n"
    s = s "Socialstyrelsen har regeringens uppdrag att följa regioner och kommuners arbete inom ramen för\növerenskommelsen om God och nära vård " y " – en omställning av hälso- och sjukvården med\nprimärvården som nav.\n\n"
  } else if (kind == "rss") {
    s = "Enkät till regionala samverkans- och stödstrukturer\n\nDenna redovisning avser " lan "\n\n"
    s = s "Socialstyrelsen har regeringens uppdrag att följa regioners och kommuners arbeten inom ramen\nför överenskommelsen om God och nära vård " y " – en omställning av hälso- och sjukvården\nmed primärvården som nav.\n\n"
  } else {
    s = "Enkät till kommuner, uppföljning god och nära vård\n\nDenna redovisning avser " kommun_name(k) "\n\n"
    s = s "Socialstyrelsen har regeringens uppdrag att följa regioners och kommuners arbeten inom ramen\nför överenskommelsen om God och nära vård " y " – en omställning av hälso- och sjukvården\nmed primärvården som nav.\n\n"
  }
  s = s "Detta formulär syftar till att underlätta redovisningen av utvecklingen och de insatser och åtgärder\nsom genomförts inom ramen för överenskommelsen. I redovisningen ska jämställdhetsperspektivet\nbelysas där så är lämpligt och det ska framgå hur insatserna bidragit till det jämställdhetspolitiska\ndelmålet jämställd hälsa.\n\n"
  s = s "Senast den 31 mars " (y + 1) " ska redovisningen lämnas in till Socialstyrelsen.\n\n"
  s = s "Kontaktuppgifter och personuppgiftsbehandling\n\nKontaktuppgifter är personuppgifter och behandlas hos Socialstyrelsen i enlighet med\ndataskyddsförordningen (EU) 2016/679. Mer information om hur Socialstyrelsen behandlar personuppgifter\nfinns här: https://www.socialstyrelsen.se/om-socialstyrelsen/behandling-av-personuppgifter.\n\n"
  s = s "Enkätsvar som kommer in till Socialstyrelsen är enligt huvudregeln allmänna handlingar. Det innebär att\nallmänheten har rätt till att ta del av innehållet, om det inte finns uppgifter som är sekretessbelagda enligt\noffentlighets- och sekretesslagen (2009:400).\n\n"
  s = s " Dina kontaktuppgifter:\nVi behandlar ditt namn och andra kontaktuppgifter för att vid behov kunna ta kontakt om dina svar på utvärderingen\nbehöver kompletteras.\nDitt namn: " NAMES[1 + rnd(12)] "\n"
  if (kind == "region") s = s "Region: Region " rname(r) "\n"
  else if (kind == "rss") s = s "RSS: " r " län\n"
  else s = s "Kommun: " kommun_name(k) "\nLän: " lan "\n"
  s = s "Din e-postadress: registrator@example.se\nEtt svarskvitto kommer att skickas till den e-postadress som anges här.\n\n"
  return s
}

# One form: returns its text; counts its answers in FORM_ANSWERS.
function form(kind, r, y, k,    t, tries, s, i, txt, lim, qt) {
  # the template: region forms from region parts, RSS and kommun forms from RSS parts
  for (tries = 0; tries < 50; tries++) { t = TPL[1 + rnd(NT)]; if (TYPE[t] == (kind == "region" ? "region" : "rss")) break }
  s = intro(kind, r, y, k); FORM_ANSWERS = 0
  for (i = 1; i <= NQ[t]; i++) {
    if (rand() < 0.15) continue
    qt = localize(QTX[t, i], r)
    if (kind == "kommun") { gsub(/regionen/, "kommunen", qt); gsub(/Regionen/, "Kommunen", qt) }
    lim = QLIM[t, i]
    txt = answer(t, i, lim, r)
    if (txt == "") continue
    s = s QID[t, i] ". " qt "\nBeskriv med max " lim " tecken.\n" txt "\n"
    FORM_ANSWERS++
  }
  return s "Tack för dina svar!\n\n"
}

function json_esc(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return s }

END {
  if (NT == 0) { print "generate_corpus: no survey answers in the seed answers" > "/dev/stderr"; exit 1 }
  total_goal = MB * 1000000
  # Region order shuffled by the seed; (year, region) walks all 147 pairs:
  # 21 files in a row have 21 different regions, 7 in a row 7 different years.
  for (i = 1; i <= 21; i++) P[i] = i
  for (i = 21; i > 1; i--) { j = 1 + rnd(i); x = P[i]; P[i] = P[j]; P[j] = x }
  written = 0; nfiles = 0; nanswers = 0; nforms = 0
  manifest = ""
  while (written < total_goal * 0.98 || nfiles == 0) {
    c = nfiles % 147
    r = REG[P[1 + c % 21]]
    y = 2019 + (c + int(c / 21)) % 7
    target = (MB >= 40) ? 500000 + rnd(1500001) : 500000
    if (target > total_goal - written) target = total_goal - written
    if (target < 100000) target = 100000
    if (FPF > 0) target = 0  # FPF forms per file, whatever their size
    nfiles++
    slug = r; gsub(/ /, "_", slug)
    name = sprintf("%05d_%d_%s.txt", nfiles, y, slug)
    path = OUT "/" name
    nk = split(M[r], KOM, ",")
    # With FPF, respondents take turns across files (region, RSS, then the
    # municipalities), as one export file per answered form would.
    size = 0; infile = 0; resp = ""; split("", SEEN)
    if (FPF == 0) slot = 0
    else slot = slot % (nk + 2)
    while (FPF > 0 ? infile < FPF : size < target) {
      infile++
      kind = slot == 0 ? "region" : slot == 1 ? "rss" : "kommun"
      k = kind == "kommun" ? KOM[1 + (slot - 2) % nk] : ""
      slot = (slot + 1) % (nk + 2)
      doc = form(kind, r, y, k)
      printf "%s", doc > path
      size += length(doc); nanswers += FORM_ANSWERS; nforms++
      who = kind == "region" ? "Region " rname(r) : kind == "rss" ? "RSS " rname(r) : kommun_name(k)
      if (!(who in SEEN)) {
        SEEN[who] = 1
        resp = resp (resp == "" ? "" : ", ") "{\"type\": \"" kind "\", \"name\": \"" json_esc(who) "\"}"
      }
    }
    close(path)
    written += size
    mreg = rname(r)
    manifest = manifest (nfiles > 1 ? ",\n" : "") "    \"" name "\": {\"year\": " y ", \"region\": \"" mreg "\", \"respondents\": [" resp "]}"
  }
  mp = OUT "/manifest.json"
  printf "{\n  \"description\": \"Synthetic corpus from tests/bench/generate_corpus (seed %d, %s MB): survey forms built from the answers of corpora/.\",\n  \"files\": {\n%s\n  }\n}\n", SEED, MB, manifest > mp
  close(mp)
  printf "wrote %d files, %d forms, %d answers, %.1f MB to %s (seed %d, from %d seed answers)\n", nfiles, nforms, nanswers, written / 1000000, OUT, SEED, NSEEDS
}
