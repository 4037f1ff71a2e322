#pragma once
// The one table of names per enum: the words analyzer prints, stores in
// record JSON and the index, and reads back. Printing and parsing use the
// same table, so a name can never be written one way and read another.
//
// A table is a constexpr array of EnumName, one entry per enumerator:
//   inline constexpr EnumName<LayoutKind> kLayoutKindNames[] = {
//       {LayoutKind::Survey, "survey"}, ...};
//   name_of(kLayoutKindNames, LayoutKind::Report)   == "report"
//   value_of(kLayoutKindNames, "Report")            == LayoutKind::Report
// Tables for the vocabulary of core/records.hpp live here; a stage with an
// enum of its own keeps its table beside the code that prints it.
// Cost: a linear search over a handful of entries. No I/O.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/records.hpp"

namespace analyzer {

template <class Enum>
struct EnumName {
  Enum value;
  const char* name;
};

// The name of `value` in `table`, or "" when the table lacks it.
template <class Enum, std::size_t N>
constexpr const char* name_of(const EnumName<Enum> (&table)[N], Enum value) {
  for (const EnumName<Enum>& entry : table)
    if (entry.value == value) return entry.name;
  return "";
}

// The value named `text` in `table`, compared ignoring ASCII case, or
// nothing when no entry has that name.
template <class Enum, std::size_t N>
constexpr std::optional<Enum> value_of(const EnumName<Enum> (&table)[N], std::string_view text) {
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  for (const EnumName<Enum>& entry : table) {
    const std::string_view name = entry.name;
    if (name.size() != text.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < name.size() && same; ++i) same = lower(text[i]) == lower(name[i]);
    if (same) return entry.value;
  }
  return std::nullopt;
}

// Every name of `table`, in table order: the list a message offers
// ("one of \"kommun\", \"rss\", \"region\"").
template <class Enum, std::size_t N>
std::vector<std::string> names_of(const EnumName<Enum> (&table)[N]) {
  std::vector<std::string> out;
  out.reserve(N);
  for (const EnumName<Enum>& entry : table) out.emplace_back(entry.name);
  return out;
}

inline constexpr EnumName<RespondentType> kRespondentTypeNames[] = {
    {RespondentType::Kommun, "kommun"},
    {RespondentType::Rss, "rss"},
    {RespondentType::Region, "region"},
};

inline constexpr EnumName<LayoutKind> kLayoutKindNames[] = {
    {LayoutKind::Survey, "survey"},
    {LayoutKind::Report, "report"},
    {LayoutKind::Unknown, "unknown"},
    {LayoutKind::Decision, "decision"},
};

}  // namespace analyzer
