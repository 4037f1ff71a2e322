#pragma once
// Diagnostic, Result<T> and Status: expected failures as values.
//
// A Diagnostic names where a problem is (file, and line/column or byte
// offset when known), how bad it is, what is wrong and what to do about it.
// render() gives the compiler-style one-liner an analyst reads:
//   corpora/manifest.json:14:9: error: unknown key "yaer" (did you mean "year"?)
//   corpora/x.txt: byte 1042: error: invalid UTF-8 ... ; hint
// No I/O, no dependencies.

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace analyzer {

enum class Severity { Note, Warning, Error };

struct Diagnostic {
  std::string file;                 // path as given by the user; may be empty
  std::size_t line = 0;             // 1-based; 0 = unknown
  std::size_t column = 0;           // 1-based; 0 = unknown
  std::optional<std::size_t> byte;  // 0-based byte offset, when that is the best locator
  Severity severity = Severity::Error;
  std::string message;              // what is wrong
  std::string hint;                 // what to do; may be empty

  // "file:line:col: error: message (hint)" with the parts that are known.
  std::string render() const;
};

inline Diagnostic make_error(std::string file, std::string message, std::string hint = {}) {
  Diagnostic d;
  d.file = std::move(file);
  d.message = std::move(message);
  d.hint = std::move(hint);
  return d;
}

inline Diagnostic make_warning(std::string file, std::string message, std::string hint = {}) {
  Diagnostic d = make_error(std::move(file), std::move(message), std::move(hint));
  d.severity = Severity::Warning;
  return d;
}

// A value or the Diagnostic that explains why there is none.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Diagnostic error) : v_(std::move(error)) {}
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const Diagnostic& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Diagnostic> v_;
};

// The outcome of a step that produces nothing but can fail: success, or the
// Diagnostic that explains the failure. A default-constructed Status is a
// success (`return {};`); a Diagnostic converts to a failed one. There is
// deliberately no conversion to bool: write `if (!s.ok())`, so a failed
// check cannot be read the wrong way round.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Diagnostic error) : error_(std::move(error)) {}
  bool ok() const { return !error_.has_value(); }
  // Only on a failed Status.
  const Diagnostic& error() const& { return *error_; }
  Diagnostic&& error() && { return std::move(*error_); }

 private:
  std::optional<Diagnostic> error_;
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace analyzer
