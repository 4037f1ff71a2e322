// Planning an import: match, check, count; nothing is written here.

#include "analyzer/exchange/import_plan.hpp"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <set>

#include "analyzer/coding/reanchor.hpp"
#include "analyzer/core/mention_id.hpp"
#include "analyzer/core/utf8.hpp"
#include "analyzer/exchange/refi_guid.hpp"

namespace analyzer::exchange {
namespace {

constexpr std::string_view kAccepted = "analyzer:accepted ";
constexpr std::string_view kRejected = "analyzer:rejected ";
constexpr std::string_view kRejectedNote = "Avvisad av ";

// A code of the project as import will use it: a theme, an own code the
// store has, or an own code the import creates.
struct CodeTarget {
  std::string theme;
  std::optional<std::int64_t> own_id;
  std::optional<std::size_t> own_new;
  std::string name;
};

struct FlatCode {
  const RefiCode* code;
  std::string parent;  // canonical GUID; empty at the top
};

void flatten(const std::vector<RefiCode>& codes, const std::string& parent, std::vector<FlatCode>& out) {
  for (const RefiCode& c : codes) {
    out.push_back({&c, parent});
    flatten(c.children, canonical_guid(c.guid), out);
  }
}

// "YYYY-MM-DDTHH:MM:SSZ" as the store writes times; anything else: empty
// (the store then writes the import's time).
std::string store_time(const std::string& t) {
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:ddZ";
  if (t.size() != kShape.size()) return {};
  for (std::size_t i = 0; i < t.size(); ++i) {
    const bool digit = t[i] >= '0' && t[i] <= '9';
    if (kShape[i] == 'd' ? !digit : t[i] != kShape[i]) return {};
  }
  return t;
}

std::string span_text(std::int64_t s, std::int64_t e) {
  return "[" + std::to_string(s) + ", " + std::to_string(e) + ")";
}

struct Located {
  std::optional<AnswerPlace> place;
  bool reanchored = false;
  std::string reason;
};

// Code points [start, end) of the project's text of `source`, found in the
// part's current text (see the header).
Located locate(const RefiTextSource& source, const PartText& part, std::int64_t start, std::int64_t end) {
  const std::size_t b0 = utf8::prefix_length(source.text, static_cast<std::size_t>(start));
  const std::size_t b1 = utf8::prefix_length(source.text, static_cast<std::size_t>(end));
  const std::string quote = source.text.substr(b0, b1 - b0);
  Located out;
  if (utf8::code_points(part.text) >= static_cast<std::size_t>(end)) {
    const std::size_t p0 = utf8::prefix_length(part.text, static_cast<std::size_t>(start));
    const std::size_t p1 = utf8::prefix_length(part.text, static_cast<std::size_t>(end));
    if (part.text.compare(p0, p1 - p0, quote) == 0) {
      out.place = from_part_positions(part, start, end);
      if (!out.place) out.reason = "it is not inside one answer's text (a title, a heading, or across answers)";
      return out;
    }
  }
  // The text differs there: the quote nearest to its old place.
  const std::size_t old_at = utf8::prefix_length(part.text, static_cast<std::size_t>(start));
  std::optional<std::size_t> best;
  for (std::size_t at = part.text.find(quote); at != std::string::npos; at = part.text.find(quote, at + 1)) {
    const auto distance = [&](std::size_t x) { return x > old_at ? x - old_at : old_at - x; };
    if (!best || distance(at) < distance(*best)) best = at;
  }
  if (!best) {
    out.reason = "the index's text differs from the project's at " + span_text(start, end) +
                 " and its quote is not found in it (the file was changed and ingested again)";
    return out;
  }
  const auto cp = static_cast<std::int64_t>(utf8::code_points(std::string_view(part.text).substr(0, *best)));
  out.place = from_part_positions(part, cp, cp + static_cast<std::int64_t>(utf8::code_points(quote)));
  out.reanchored = true;
  if (!out.place) out.reason = "its quote, found again, is not inside one answer's text";
  return out;
}

// Code points [start, end) of a foreign source's text, which is the text of
// the ingested file `file`: the answer whose span holds the bytes, and the
// quote found in its text (see the header).
Located locate_foreign(const RefiTextSource& source, const std::string& file,
                       const std::vector<AnswerRecord>& answers, std::int64_t start, std::int64_t end) {
  const std::size_t b0 = utf8::prefix_length(source.text, static_cast<std::size_t>(start));
  const std::size_t b1 = utf8::prefix_length(source.text, static_cast<std::size_t>(end));
  const std::string quote = source.text.substr(b0, b1 - b0);
  Located out;
  for (const AnswerRecord& a : answers) {
    if (a.source != file || a.span.begin > b0 || a.span.end < b1) continue;
    const std::size_t guess = std::min(b0 - a.span.begin, a.text.size());
    coding::Reanchored r =
        coding::reanchor(quote, ByteSpan{guess, std::min(guess + quote.size(), a.text.size())}, a.text);
    if (!r.found()) {
      out.reason = "its quote is not found in the text of answer " + a.id + " of " + file;
      return out;
    }
    out.place = AnswerPlace{a.id, r.span};
    return out;
  }
  out.reason = "characters " + span_text(start, end) + " fall in no answer of " + file +
               " (a heading, a question, or across answers)";
  return out;
}

struct MentionAt {
  const AnswerRecord* answer;
  const Mention* mention;
};

}  // namespace

Result<ImportPlan> plan_import(const RefiProject& project, const ImportInputs& in) {
  const std::string file = "project.qde";
  ImportPlan plan;
  plan.project = project.name;
  plan.sources = project.sources.size();

  // The codebook: every GUID a CodeRef may name.
  std::vector<FlatCode> flat;
  flatten(project.codes, "", flat);
  std::map<std::string, const FlatCode*> code_by_guid;
  for (const FlatCode& f : flat) code_by_guid[canonical_guid(f.code->guid)] = &f;

  // Sources: parts of the index, by GUID.
  std::map<std::string, const PartText*> part_by_guid;
  for (const PartText& p : *in.parts)
    part_by_guid[stable_guid("source", p.source + "#" + std::to_string(p.part))] = &p;
  std::vector<const PartText*> part_of;
  for (const RefiTextSource& s : project.sources) {
    auto it = part_by_guid.find(canonical_guid(s.guid));
    part_of.push_back(it == part_by_guid.end() ? nullptr : it->second);
    if (it != part_by_guid.end()) ++plan.sources_matched;
  }
  plan.sources_foreign = in.foreign.size();

  // Checks that refuse the whole file.
  for (std::size_t i = 0; i < project.sources.size(); ++i) {
    const RefiTextSource& s = project.sources[i];
    const auto length = static_cast<std::int64_t>(utf8::code_points(s.text));
    for (const RefiSelection& sel : s.selections) {
      if (sel.start < 0 || sel.end <= sel.start || sel.end > length)
        return make_error(file, "selection " + sel.guid + " of source \"" + s.name + "\" spans characters " +
                                    span_text(sel.start, sel.end) + ", outside its text of " +
                                    std::to_string(length) + " characters",
                          "the project is inconsistent; export it again from the tool that made it");
      for (const RefiCoding& c : sel.codings)
        if (!code_by_guid.count(canonical_guid(c.code_guid)))
          return make_error(file, "selection " + sel.guid + " of source \"" + s.name + "\" is coded with code " +
                                      c.code_guid + ", which the project's codebook does not hold",
                            "the project is inconsistent; export it again from the tool that made it");
    }
  }
  for (std::size_t i = 0; i < project.sources.size(); ++i)
    if (!part_of[i] && !in.foreign.count(i))
      return make_error(file, "source \"" + project.sources[i].name + "\" (" + project.sources[i].guid +
                                  ") is not a part of this index" +
                                  (plan.sources_matched == 0 ? ": the project was not exported from it" : ""),
                        plan.sources_matched == 0
                            ? "give the index it was exported from with --index"
                            : "ingest the file again, or give the index it was exported from with --index");

  // Codes: themes by GUID, own codes by name, the rest created.
  std::map<std::string, std::string> theme_by_guid;
  for (const std::string& id : in.theme_ids) theme_by_guid[stable_guid("code", "theme:" + id)] = id;
  std::map<std::string, std::int64_t> own_by_name;
  for (const coding::OwnCode& c : in.codes) own_by_name[c.name] = c.id;
  std::map<std::string, std::size_t> new_by_name;
  std::map<std::string, CodeTarget> target_of;
  for (const FlatCode& f : flat) {
    const std::string guid = canonical_guid(f.code->guid);
    CodeTarget t;
    t.name = f.code->name;
    if (auto th = theme_by_guid.find(guid); th != theme_by_guid.end()) {
      t.theme = th->second;
    } else if (auto own = own_by_name.find(f.code->name); own != own_by_name.end()) {
      t.own_id = own->second;
    } else if (auto made = new_by_name.find(f.code->name); made != new_by_name.end()) {
      t.own_new = made->second;
    } else {
      coding::ImportCode c;
      c.name = f.code->name;
      c.description = f.code->description;
      c.coder = in.coder;
      if (!f.parent.empty()) {
        const CodeTarget& parent = target_of.at(f.parent);
        c.parent_id = parent.own_id;
        c.parent_new = parent.own_new;
      }
      t.own_new = plan.batch.codes.size();
      new_by_name[c.name] = *t.own_new;
      plan.batch.codes.push_back(std::move(c));
      plan.codes_created.push_back(f.code->name);
    }
    target_of[guid] = t;
  }

  // What the store holds already: key → the store's coding id (0 for one
  // this plan adds).
  std::map<std::string, std::int64_t> held;
  std::map<std::string, std::pair<coding::CodingKind, std::int64_t>> decision_of;  // mention + coder → kind, id
  auto manual_key = [](const std::string& theme, const std::string& code, const std::string& answer, ByteSpan span,
                       const std::string& coder) {
    return "m\x1f" + theme + "\x1f" + code + "\x1f" + answer + "\x1f" + std::to_string(span.begin) + "\x1f" +
           std::to_string(span.end) + "\x1f" + coder;
  };
  for (const coding::Coding& c : in.codings) {
    if (!c.removed.empty()) continue;
    if (c.kind == coding::CodingKind::Manual)
      held[manual_key(c.theme, c.code_id ? std::to_string(*c.code_id) : "", c.answer_id, c.span, c.coder)] = c.id;
    else
      decision_of[c.mention_id + "\x1f" + c.coder] = {c.kind, c.id};
  }

  // Memos the store holds (on answers, codes and codings): not added again.
  std::set<std::string> held_memos;
  auto memo_key = [](const std::string& target, const std::string& text, const std::string& coder) {
    return target + "\x1f" + text + "\x1f" + coder;
  };
  for (const coding::Memo& m : in.memos) {
    std::string target;
    if (m.target == "answer") target = "a:" + m.answer_id;
    if (m.target == "code" && m.code_id) target = "c:" + std::to_string(*m.code_id);
    if (m.target == "coding" && m.coding_id) target = "k:" + std::to_string(*m.coding_id);
    if (target.empty()) continue;
    held_memos.insert(memo_key(target, m.text, m.coder));
    if (in.masker) held_memos.insert(memo_key(target, in.masker->mask(m.text), m.coder));
  }
  // A memo on an answer, a code or a coding the store holds, to add unless
  // it is there; `count` is the plan's count of its kind.
  auto add_memo = [&](coding::ImportMemo m, const std::string& target, std::size_t& count) {
    if (m.coder.empty()) m.coder = in.coder;
    if (!held_memos.insert(memo_key(target, m.text, m.coder)).second) {
      ++plan.memos_already_there;
      return;
    }
    ++count;
    ++plan.memos;
    plan.batch.memos.push_back(std::move(m));
  };
  // The memos of a selection whose coding the store holds (id; 0: added
  // by this plan already, with its memos), by `coder` unless the note names
  // its user.
  auto add_memos_to_held = [&](std::vector<coding::ImportMemo> memos, std::int64_t id, const std::string& coder) {
    if (id == 0) return;
    for (coding::ImportMemo& m : memos) {
      if (m.coder.empty()) m.coder = coder;
      m.coding_id = id;
      add_memo(std::move(m), "k:" + std::to_string(id), plan.memos_on_codings);
    }
  };

  std::map<std::string, std::string> user_name;
  for (const RefiUser& u : project.users) user_name[canonical_guid(u.guid)] = u.name;
  auto coder_of = [&](const std::string& guid) {
    auto it = user_name.find(canonical_guid(guid));
    return it == user_name.end() || it->second.empty() ? in.coder : it->second;
  };
  std::map<std::string, const RefiNote*> note_by_guid;
  for (const RefiNote& n : project.notes) note_by_guid[canonical_guid(n.guid)] = &n;
  // The memo of note `guid` on `on`; nullopt for a note the project lacks or
  // one without text (nothing to keep), or one too long (left out).
  auto memo_of = [&](const std::string& guid, const std::string& on) -> std::optional<coding::ImportMemo> {
    auto n = note_by_guid.find(canonical_guid(guid));
    if (n == note_by_guid.end() || n->second->text.empty()) return std::nullopt;
    const RefiNote& note = *n->second;
    if (note.text.size() > coding::kMaxMemoBytes) {
      plan.notes_left_out.push_back({note.guid, on,
                                     "its text of " + std::to_string(note.text.size()) + " bytes is longer than a memo (" +
                                         std::to_string(coding::kMaxMemoBytes) + " bytes)"});
      return std::nullopt;
    }
    coding::ImportMemo m;
    m.text = note.text;
    if (!note.creating_user.empty()) m.coder = coder_of(note.creating_user);
    m.created = store_time(note.created);
    return m;
  };
  std::map<std::string, const AnswerRecord*> answer_by_id;
  std::map<std::string, MentionAt> mention_by_id;
  for (const AnswerRecord& a : *in.answers) {
    answer_by_id[a.id] = &a;
    for (const Mention& m : a.mentions) mention_by_id[mention_id(a.id, m.theme, m.span)] = {&a, &m};
  }
  auto sha_of = [&](const std::string& source) {
    auto it = in.sha256->find(source);
    return it == in.sha256->end() ? std::string() : it->second;
  };
  const std::string lexicon_user = stable_guid("user", "analyzer:lexicon");

  for (std::size_t i = 0; i < project.sources.size(); ++i) {
    const RefiTextSource& s = project.sources[i];
    const PartText* part = part_of[i];
    auto foreign = in.foreign.find(i);
    for (const RefiSelection& sel : s.selections) {
      auto refuse = [&](std::string reason) { plan.refused.push_back({s.name, sel.guid, std::move(reason)}); };
      if (same_guid(sel.creating_user, lexicon_user)) {
        ++plan.automatic;
        continue;
      }
      const std::string coder =
          coder_of(!sel.codings.empty() && !sel.codings[0].creating_user.empty() ? sel.codings[0].creating_user
                                                                                  : sel.creating_user);
      const std::string created =
          store_time(!sel.codings.empty() && !sel.codings[0].created.empty() ? sel.codings[0].created : sel.created);
      const bool accepted = sel.description.rfind(kAccepted, 0) == 0;
      const bool rejected = sel.description.rfind(kRejected, 0) == 0;
      std::vector<coding::ImportMemo> memos;
      for (const std::string& g : sel.note_guids) {
        auto n = note_by_guid.find(canonical_guid(g));
        if (rejected && n != note_by_guid.end() && n->second->text.rfind(kRejectedNote, 0) == 0)
          continue;  // written by export
        if (auto m = memo_of(g, "selection " + sel.guid + " of source \"" + s.name + "\"")) memos.push_back(*m);
      }

      if (accepted || rejected) {
        std::string rest = sel.description.substr((accepted ? kAccepted : kRejected).size());
        const std::string mention = rest.substr(0, rest.find(' '));
        auto m = mention_by_id.find(mention);
        if (m == mention_by_id.end()) {
          refuse("mention " + mention + " is not in the index now (its file was changed and ingested again)");
          continue;
        }
        const Mention& found = *m->second.mention;
        bool theme_differs = false;
        for (const RefiCoding& c : sel.codings) {
          const CodeTarget& t = target_of.at(canonical_guid(c.code_guid));
          if (t.theme != found.theme) theme_differs = true;
        }
        if (theme_differs) {
          refuse("it is coded with a code other than the theme of mention " + mention + " (" + found.theme + ")");
          continue;
        }
        const coding::CodingKind kind = accepted ? coding::CodingKind::Accepted : coding::CodingKind::Rejected;
        const std::string key = mention + "\x1f" + coder;
        if (auto d = decision_of.find(key); d != decision_of.end()) {
          if (d->second.first == kind) {
            ++plan.already_there;
            add_memos_to_held(memos, d->second.second, coder);
          } else {
            refuse(coder + " has " + coding::to_string(d->second.first) + " mention " + mention +
                   " in the store; the project says " + coding::to_string(kind) +
                   " (decide again with `analyzer code " + (accepted ? "accept" : "reject") + "`)");
          }
          continue;
        }
        const AnswerRecord& a = *m->second.answer;
        if (found.in_text.empty() || found.in_text.end > a.text.size()) {
          refuse("mention " + mention + " has no place in its answer's text (ingest the file again)");
          continue;
        }
        coding::ImportCoding ic;
        ic.coding.kind = kind;
        ic.coding.theme = found.theme;
        ic.coding.mention_id = mention;
        ic.coding.answer_id = a.id;
        ic.coding.source = a.source;
        ic.coding.source_sha256 = sha_of(a.source);
        ic.coding.span = found.in_text;
        ic.coding.source_span = found.span;
        ic.coding.quote = a.text.substr(found.in_text.begin, found.in_text.size());
        ic.coder = coder;
        ic.created = created;
        ic.memos = memos;
        decision_of[key] = {kind, 0};
        (accepted ? plan.accepted : plan.rejected) += 1;
        plan.memos += memos.size();
        plan.batch.codings.push_back(std::move(ic));
        continue;
      }

      if (sel.codings.empty()) continue;  // a selection with a note only: nothing to code
      if (!part && in.foreign_pending) {
        ++plan.pending;
        continue;
      }
      Located where = part ? locate(s, *part, sel.start, sel.end)
                           : locate_foreign(s, foreign->second, *in.answers, sel.start, sel.end);
      if (!where.place) {
        refuse(where.reason);
        continue;
      }
      auto a = answer_by_id.find(where.place->answer_id);
      if (a == answer_by_id.end()) {
        refuse("answer " + where.place->answer_id + " is not in the index");
        continue;
      }
      plan.reanchored += where.reanchored;
      bool first = true;
      for (const RefiCoding& c : sel.codings) {
        const CodeTarget& t = target_of.at(canonical_guid(c.code_guid));
        const std::string code_key = t.own_id    ? std::to_string(*t.own_id)
                                     : t.own_new ? "new:" + std::to_string(*t.own_new)
                                                 : std::string();
        const std::string coding_coder = c.creating_user.empty() ? coder : coder_of(c.creating_user);
        const std::string key = manual_key(t.theme, code_key, a->second->id, where.place->span, coding_coder);
        if (auto [h, added] = held.try_emplace(key, 0); !added) {
          ++plan.already_there;
          if (first) add_memos_to_held(memos, h->second, coding_coder);
          first = false;
          continue;
        }
        coding::ImportCoding ic;
        ic.coding.kind = coding::CodingKind::Manual;
        ic.coding.theme = t.theme;
        ic.coding.code_id = t.own_id;
        ic.code_new = t.own_new;
        ic.coding.answer_id = a->second->id;
        ic.coding.source = a->second->source;
        ic.coding.source_sha256 = sha_of(a->second->source);
        ic.coding.span = where.place->span;
        ic.coding.quote = a->second->text.substr(where.place->span.begin, where.place->span.size());
        ic.coder = coding_coder;
        ic.created = store_time(c.created.empty() ? sel.created : c.created);
        if (first) ic.memos = memos;
        plan.memos += ic.memos.size();
        first = false;
        ++plan.manual;
        plan.batch.codings.push_back(std::move(ic));
      }
    }
  }

  // Memos on answers and own codes.
  for (std::size_t i = 0; i < project.sources.size(); ++i) {
    const RefiTextSource& s = project.sources[i];
    const std::string on = "source \"" + s.name + "\"";
    for (const std::string& g : s.note_guids) {
      std::optional<coding::ImportMemo> m = memo_of(g, on);
      if (!m) continue;
      const RefiNote& note = *note_by_guid.at(canonical_guid(g));
      const PartText* part = part_of[i];
      std::string answer;
      if (part && note.description.rfind(kAnswerMemoPrefix, 0) == 0) {
        answer = note.description.substr(kAnswerMemoPrefix.size());
        const bool in_part = std::any_of(part->answers.begin(), part->answers.end(),
                                         [&](const PlacedAnswer& a) { return a.answer_id == answer; });
        if (!in_part) {
          plan.notes_left_out.push_back({note.guid, on,
                                         "it is on answer " + answer +
                                             ", which this part of the index no longer holds (the file was "
                                             "changed and ingested again)"});
          continue;
        }
      }
      if (answer.empty()) {
        plan.notes_left_out.push_back(
            {note.guid, on, "it is on the whole source; analyzer keeps memos on answers, codings and codes"});
        continue;
      }
      m->answer_id = answer;
      add_memo(std::move(*m), "a:" + answer, plan.memos_on_answers);
    }
  }
  for (const FlatCode& f : flat) {
    const std::string on = "code \"" + f.code->name + "\"";
    const CodeTarget& t = target_of.at(canonical_guid(f.code->guid));
    for (const std::string& g : f.code->note_guids) {
      std::optional<coding::ImportMemo> m = memo_of(g, on);
      if (!m) continue;
      if (!t.theme.empty()) {
        plan.notes_left_out.push_back({note_by_guid.at(canonical_guid(g))->guid, on,
                                       "it is on the lexicon's theme " + t.theme +
                                           "; memos are kept on own codes, answers and codings"});
        continue;
      }
      m->code_id = t.own_id;
      m->code_new = t.own_new;
      add_memo(std::move(*m), t.own_id ? "c:" + std::to_string(*t.own_id) : "n:" + std::to_string(*t.own_new),
               plan.memos_on_codes);
    }
  }
  return plan;
}

}  // namespace analyzer::exchange
