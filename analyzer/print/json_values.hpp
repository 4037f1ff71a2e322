#pragma once
// JSON values of the printers' records: a value that is not known is null,
// never an empty string or a made-up default.
//
// json_or_null("") is null, json_or_null("Dalarna") is "Dalarna";
// json_or_null(std::optional<int>{}) is null, json_or_null(2022) is 2022.
// Cost: one copy of the value.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace analyzer {

inline nlohmann::ordered_json json_or_null(const std::string& s) {
  return s.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(s);
}

template <class T>
nlohmann::ordered_json json_or_null(const std::optional<T>& v) {
  return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json();
}

}  // namespace analyzer
