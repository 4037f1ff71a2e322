// The stored text form of answer tallies (tally_table.hpp).

#include "analyzer/index/tally_table.hpp"

#include <charconv>
#include <memory>
#include <unordered_map>

namespace analyzer::tally_table {
namespace {

constexpr std::string_view kMagic = "analyzer-tallies 1";

void put_escaped(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
}

std::string unescaped(std::string_view s) {
  if (s.find('\\') == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    const char c = s[++i];
    out += c == 't' ? '\t' : c == 'n' ? '\n' : c;
  }
  return out;
}

// Reads the text up to the next `sep` (or the end) from `rest`, advancing past it.
std::string_view next_field(std::string_view& rest, char sep) {
  const std::size_t end = rest.find(sep);
  std::string_view field = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  return field;
}

template <class N>
bool parse_number(std::string_view s, N& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

bool is_table(std::string_view stored) { return stored.substr(0, kMagic.size()) == kMagic; }

void Encoder::add(const std::vector<AnswerTally>& tallies) {
  auto index_of = [&](const std::string& f) {
    auto [it, fresh] = file_index_.emplace(f, files_.size());
    if (fresh) files_.push_back(&it->first);
    return it->second;
  };
  std::string& rows = rows_;
  for (const AnswerTally& t : tallies) {
    const Respondent& r = t.respondent;
    answers_ += t.answers;
    put_escaped(rows, respondent_key_of(t));
    rows += '\t';
    if (r.year) rows += std::to_string(*r.year);
    rows += '\t';
    put_escaped(rows, r.region);
    rows += '\t';
    if (r.type) rows += to_string(*r.type);
    rows += '\t';
    put_escaped(rows, r.name);
    rows += '\t' + std::to_string(t.part) + '\t' + std::to_string(t.answers) + '\t';
    if (t.sources) {
      for (std::size_t i = 0; i < t.sources->size(); ++i) {
        if (i) rows += ',';
        rows += std::to_string(index_of((*t.sources)[i]));
      }
    } else {
      rows += std::to_string(index_of(t.source));
    }
    for (const auto& [theme, n] : t.mentions) {
      rows += '\t';
      put_escaped(rows, theme);
      rows += '=' + std::to_string(n);
    }
    rows += '\n';
  }
}

std::string Encoder::text(std::string_view stamp) const {
  std::string out(kMagic);
  out += '\t';
  put_escaped(out, stamp);
  out += '\t' + std::to_string(answers_) + '\t' + std::to_string(files_.size()) + '\n';
  for (const std::string* f : files_) {
    put_escaped(out, *f);
    out += '\n';
  }
  return out + rows_;
}

std::string encode(const std::vector<AnswerTally>& tallies, std::string_view stamp) {
  Encoder encoder;
  encoder.add(tallies);
  return encoder.text(stamp);
}

namespace {

// The rows' file lists, each decoded once per distinct text ("0", "3,17",
// ...) and shared by the rows that name it.
class FileLists {
 public:
  explicit FileLists(std::vector<std::string> files) : files_(std::move(files)) {}

  // The files `text` names; nullptr when it is empty or names no file.
  std::shared_ptr<const std::vector<std::string>> of(std::string_view text) {
    auto it = lists_.find(text);
    if (it != lists_.end()) return it->second;
    auto list = std::make_shared<std::vector<std::string>>();
    for (std::string_view rest = text; !rest.empty();) {
      std::size_t k = 0;
      if (!parse_number(next_field(rest, ','), k) || k >= files_.size()) return nullptr;
      list->push_back(files_[k]);
    }
    if (list->empty()) return nullptr;
    return lists_.emplace(text, std::move(list)).first->second;
  }

 private:
  std::vector<std::string> files_;
  std::unordered_map<std::string_view, std::shared_ptr<const std::vector<std::string>>> lists_;
};

// One row (format above) into `t`; false when it is damaged.
bool decode_row(std::string_view line, FileLists& files, AnswerTally& t) {
  t.key = unescaped(next_field(line, '\t'));
  if (std::string_view year = next_field(line, '\t'); !year.empty()) {
    int y = 0;
    if (!parse_number(year, y)) return false;
    t.respondent.year = y;
  }
  t.respondent.region = unescaped(next_field(line, '\t'));
  if (std::string_view type = next_field(line, '\t'); !type.empty()) {
    t.respondent.type = parse_respondent_type(std::string(type));
    if (!t.respondent.type) return false;
  }
  t.respondent.name = unescaped(next_field(line, '\t'));
  if (!parse_number(next_field(line, '\t'), t.part) || !parse_number(next_field(line, '\t'), t.answers))
    return false;
  t.sources = files.of(next_field(line, '\t'));
  if (!t.sources) return false;
  if (t.sources->size() == 1) t.source = t.sources->front();
  while (!line.empty()) {
    std::string_view pair = next_field(line, '\t');
    const std::size_t eq = pair.rfind('=');
    std::size_t n = 0;
    if (eq == std::string_view::npos || !parse_number(pair.substr(eq + 1), n)) return false;
    t.mentions.emplace(unescaped(pair.substr(0, eq)), n);
  }
  return true;
}

}  // namespace

std::optional<Table> decode(std::string_view stored, const std::function<bool(const AnswerTally&)>& keep) {
  std::string_view rest = stored;
  std::string_view header = next_field(rest, '\n');
  if (next_field(header, '\t') != kMagic) return std::nullopt;
  Table table;
  table.stamp = unescaped(next_field(header, '\t'));
  std::size_t files_count = 0;
  if (!parse_number(next_field(header, '\t'), table.answers) || !parse_number(header, files_count))
    return std::nullopt;
  std::vector<std::string> files;
  files.reserve(files_count);
  for (std::size_t i = 0; i < files_count; ++i) {
    if (rest.empty()) return std::nullopt;
    files.push_back(unescaped(next_field(rest, '\n')));
  }
  FileLists lists(std::move(files));
  while (!rest.empty()) {
    AnswerTally t;
    if (!decode_row(next_field(rest, '\n'), lists, t)) return std::nullopt;
    if (!keep || keep(t)) table.tallies.push_back(std::move(t));
  }
  return table;
}

}  // namespace analyzer::tally_table
