#include "analyzer/exchange/refi_export.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "analyzer/core/mention_id.hpp"
#include "analyzer/core/utf8.hpp"
#include "analyzer/exchange/part_text.hpp"
#include "analyzer/exchange/refi_guid.hpp"
#include "analyzer/mask/personal_data.hpp"

namespace analyzer::exchange {
namespace {

// Own codes nested deeper than this are put at this depth (the store
// refuses cycles; this only bounds the recursion).
constexpr int kMaxCodeDepth = 64;

std::string source_name(const PartText& p) {
  const Respondent& r = p.respondent;
  if (r.name.empty()) return p.source;
  return r.name + (r.year ? " " + std::to_string(*r.year) : std::string()) + " (" + p.source + ")";
}

// The code points [s.start, s.end) of `text`.
std::string cut(const std::string& text, const CodePointSpan& s) {
  const std::size_t b = utf8::prefix_length(text, static_cast<std::size_t>(s.start));
  const std::size_t e = utf8::prefix_length(text, static_cast<std::size_t>(s.end));
  return text.substr(b, e - b);
}

class Builder {
 public:
  Builder(const ProjectHeader& header, const std::vector<std::string>& contact_names, const StoreContent& store)
      : header_(header), masker_(contact_names), store_(store) {
    lexicon_user_ = user(kLexiconUserName, kLexiconUserKey);
    for (const coding::Memo& m : store.memos)
      if (m.coding_id) memos_of_coding_[*m.coding_id].push_back(&m);
  }

  BuiltProject build(const std::vector<AnswerRecord>& answers, const std::vector<ExportTheme>& themes) {
    add_themes(themes);
    add_own_codes();
    add_variables();
    parts_ = compose_part_texts(answers, masker_);
    for (std::size_t i = 0; i < parts_.size(); ++i) {
      add_source(parts_[i]);
      for (const PlacedAnswer& a : parts_[i].answers) part_of_answer_[a.answer_id] = i;
    }
    for (const coding::Coding& c : store_.codings)
      if (c.kind != coding::CodingKind::Manual && c.removed.empty()) decided_.insert(c.mention_id);
    for (const AnswerRecord& a : answers) add_automatic(a);
    for (const coding::Coding& c : store_.codings)
      if (c.removed.empty()) add_coding(c);
    add_answer_and_code_memos();
    finish();
    return std::move(out_);
  }

 private:
  RefiProject& project() { return out_.project; }
  ExportSummary& summary() { return out_.summary; }

  // The guid of the user `name` (key: the name unless given), added once.
  std::string user(const std::string& name, const std::string& key = {}) {
    auto [it, added] = users_.try_emplace(name, stable_guid("user", key.empty() ? name : key));
    return it->second;
  }

  void add_themes(const std::vector<ExportTheme>& themes) {
    for (const ExportTheme& t : themes) {
      RefiCode code;
      code.guid = stable_guid("code", "theme:" + t.id);
      code.name = t.label;
      code.description = t.definition;
      theme_code_[t.id] = code.guid;
      theme_label_[t.id] = t.label;
      project().codes.push_back(std::move(code));
      ++summary().theme_codes;
    }
  }

  RefiCode own_code(const coding::OwnCode& c, int depth) {
    RefiCode code;
    code.guid = own_code_.at(c.id);
    code.name = c.name;
    code.description = c.description;
    for (const coding::OwnCode* child : children_[c.id]) {
      if (depth < kMaxCodeDepth) code.children.push_back(own_code(*child, depth + 1));
    }
    return code;
  }

  void add_own_codes() {
    std::vector<const coding::OwnCode*> top;
    for (const coding::OwnCode& c : store_.own_codes) own_code_[c.id] = stable_guid("code", "own:" + std::to_string(c.id));
    for (const coding::OwnCode& c : store_.own_codes) {
      if (c.parent && own_code_.count(*c.parent) && *c.parent != c.id)
        children_[*c.parent].push_back(&c);
      else
        top.push_back(&c);
    }
    for (const coding::OwnCode* c : top) project().codes.push_back(own_code(*c, 1));
    summary().own_codes = store_.own_codes.size();
  }

  void add_variables() {
    for (auto [name, type] : {std::pair{"År", "Integer"}, std::pair{"Region", "Text"}, std::pair{"Respondenttyp", "Text"}})
      project().variables.push_back({stable_guid("variable", name), name, type, ""});
  }

  std::string variable(const char* name) { return stable_guid("variable", name); }

  void add_source(const PartText& p) {
    RefiTextSource s;
    s.guid = stable_guid("source", p.source + "#" + std::to_string(p.part));
    s.name = source_name(p);
    s.plain_text_path = "internal://" + s.guid + ".txt";
    s.text = p.text;
    s.created = header_.created;
    const Respondent& r = p.respondent;
    if (r.year) s.values.push_back({variable("År"), std::to_string(*r.year), *r.year});
    if (!r.region.empty()) s.values.push_back({variable("Region"), r.region, std::nullopt});
    if (r.type) s.values.push_back({variable("Respondenttyp"), to_string(*r.type), std::nullopt});
    if (!r.name.empty()) {
      const std::string type = r.type ? to_string(*r.type) : "";
      auto [it, added] = cases_.try_emplace(r.name + "|" + type);
      if (added) {
        it->second.guid = stable_guid("case", r.name + "|" + type);
        it->second.name = r.name;
      }
      it->second.source_guids.push_back(s.guid);
    }
    summary().characters += static_cast<std::int64_t>(utf8::code_points(s.text));
    summary().bytes += static_cast<std::int64_t>(s.text.size());
    project().sources.push_back(std::move(s));
  }

  // The part and source an answer is exported in, or nullptr.
  std::pair<const PartText*, RefiTextSource*> place_of(const std::string& answer_id) {
    auto it = part_of_answer_.find(answer_id);
    if (it == part_of_answer_.end()) return {nullptr, nullptr};
    return {&parts_[it->second], &project().sources[it->second]};
  }

  void add_automatic(const AnswerRecord& a) {
    auto [part, source] = place_of(a.id);
    if (!part) return;
    for (const Mention& m : a.mentions) {
      const std::string mid = mention_id(a.id, m.theme, m.span);
      auto code = theme_code_.find(m.theme);
      if (decided_.count(mid) || code == theme_code_.end() || m.in_text.empty()) continue;
      const std::optional<CodePointSpan> at = to_part_positions(*part, a.id, m.in_text);
      if (!at || !selection_guids_.insert(stable_guid("selection", "auto:" + mid)).second) continue;
      RefiSelection sel = selection(*part, *at, "auto:" + mid, lexicon_user_, "");
      sel.codings.push_back({stable_guid("coding", "auto:" + mid), code->second, lexicon_user_, ""});
      source->selections.push_back(std::move(sel));
      ++summary().automatic;
    }
  }

  RefiSelection selection(const PartText& part, const CodePointSpan& at, const std::string& key,
                          const std::string& user_guid, const std::string& created) {
    RefiSelection sel;
    sel.guid = stable_guid("selection", key);
    sel.name = cut(part.text, at);
    sel.start = at.start;
    sel.end = at.end;
    sel.creating_user = user_guid;
    sel.created = created;
    return sel;
  }

  std::string note(const std::string& key, const std::string& name, const std::string& text, const std::string& coder,
                   const std::string& created, const std::string& description = {}) {
    RefiNote n;
    n.guid = stable_guid("note", key);
    n.name = name;
    n.text = text;
    n.creating_user = user(coder);
    n.created = created;
    n.description = description;
    project().notes.push_back(n);
    return n.guid;
  }

  // A memo on an answer says which answer in its Description (the note
  // hangs on the answer's TextSource, which holds the part's answers).
  std::string memo_note(const coding::Memo& m) {
    ++summary().memos;
    return note("memo:" + std::to_string(m.id), "Memo av " + m.coder, masker_.mask(m.text), m.coder, m.created,
                m.target == "answer" ? std::string(kAnswerMemoPrefix) + m.answer_id : std::string());
  }

  void add_coding(const coding::Coding& c) {
    if (c.orphaned) return summary().orphaned.push_back(c.id);
    auto [part, source] = place_of(c.answer_id);
    if (!part) return summary().not_exported.push_back(c.id);
    std::string code_guid;
    if (c.code_id) {
      if (auto it = own_code_.find(*c.code_id); it != own_code_.end()) code_guid = it->second;
    } else if (auto it = theme_code_.find(c.theme); it != theme_code_.end()) {
      code_guid = it->second;
    }
    if (code_guid.empty()) return summary().unknown_code.push_back(c.id);
    const std::optional<CodePointSpan> at = to_part_positions(*part, c.answer_id, c.span);
    if (!at) return summary().unplaced.push_back(c.id);
    const std::string key = "coding:" + std::to_string(c.id);
    RefiSelection sel = selection(*part, *at, key, user(c.coder), c.created);
    switch (c.kind) {
      case coding::CodingKind::Accepted:
        sel.description = "analyzer:accepted " + c.mention_id;
        ++summary().accepted;
        break;
      case coding::CodingKind::Rejected:
        sel.description = "analyzer:rejected " + c.mention_id + " " + c.theme;
        ++summary().rejected;
        break;
      case coding::CodingKind::Manual:
        ++summary().manual;
        break;
    }
    if (c.kind == coding::CodingKind::Rejected) {
      const std::string text =
          "Avvisad av " + c.coder + ": " + theme_label_[c.theme] + " (automatisk kodning från lexikonet)";
      sel.note_guids.push_back(note("rejected:" + std::to_string(c.id), text, text, c.coder, c.created));
    } else {
      sel.codings.push_back({stable_guid("coding", key), code_guid, sel.creating_user, c.created});
    }
    for (const coding::Memo* m : memos_of_coding_[c.id]) sel.note_guids.push_back(memo_note(*m));
    exported_codings_.insert(c.id);
    source->selections.push_back(std::move(sel));
  }

  RefiCode* find_code(std::vector<RefiCode>& codes, const std::string& guid) {
    for (RefiCode& c : codes) {
      if (c.guid == guid) return &c;
      if (RefiCode* found = find_code(c.children, guid)) return found;
    }
    return nullptr;
  }

  void add_answer_and_code_memos() {
    for (const coding::Memo& m : store_.memos) {
      if (m.coding_id) {
        if (!exported_codings_.count(*m.coding_id)) ++summary().memos_left_out;
      } else if (m.code_id) {
        auto it = own_code_.find(*m.code_id);
        RefiCode* code = it == own_code_.end() ? nullptr : find_code(project().codes, it->second);
        if (code)
          code->note_guids.push_back(memo_note(m));
        else
          ++summary().memos_left_out;
      } else if (auto [part, source] = place_of(m.answer_id); source) {
        source->note_guids.push_back(memo_note(m));
      } else {
        ++summary().memos_left_out;
      }
    }
  }

  void finish() {
    for (RefiTextSource& s : project().sources)
      std::sort(s.selections.begin(), s.selections.end(), [](const RefiSelection& a, const RefiSelection& b) {
        return std::tie(a.start, a.end, a.guid) < std::tie(b.start, b.end, b.guid);
      });
    for (auto& [name, guid] : users_) project().users.push_back({guid, name});
    for (auto& [key, c] : cases_) project().cases.push_back(std::move(c));
    project().name = header_.name;
    project().origin = header_.origin;
    project().created = header_.created;
    project().creating_user_guid = lexicon_user_;
    summary().sources = project().sources.size();
    summary().cases = project().cases.size();
    summary().users = project().users.size();
  }

  const ProjectHeader& header_;
  PersonalDataMasker masker_;
  const StoreContent& store_;
  BuiltProject out_;
  std::string lexicon_user_;
  std::map<std::string, std::string> users_;  // name → guid
  std::map<std::string, std::string> theme_code_, theme_label_;
  std::map<std::int64_t, std::string> own_code_;
  std::map<std::int64_t, std::vector<const coding::OwnCode*>> children_;
  std::map<std::string, RefiCase> cases_;  // "<name>|<type>" → case
  std::vector<PartText> parts_;
  std::map<std::string, std::size_t> part_of_answer_;
  std::set<std::string> decided_;  // mention ids with an active decision
  std::set<std::string> selection_guids_;
  std::set<std::int64_t> exported_codings_;
  std::map<std::int64_t, std::vector<const coding::Memo*>> memos_of_coding_;
};

}  // namespace

BuiltProject build_refi_project(const ProjectHeader& header, const std::vector<AnswerRecord>& answers,
                                const std::vector<std::string>& contact_names, const std::vector<ExportTheme>& themes,
                                const StoreContent& store) {
  return Builder(header, contact_names, store).build(answers, themes);
}

}  // namespace analyzer::exchange
