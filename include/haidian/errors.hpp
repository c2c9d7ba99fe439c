/// @file
/// Exception types (all derived from haidian::error) and argument checks that name the function, the
/// argument and the offending value; the error handler of builds without exceptions.
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <atomic>        // the error handler of builds without exceptions
#include <charconv>      // to_chars: shortest round-trip text of a double
#include <cmath>         // isfinite
#include <cstddef>       // size_t
#include <cstdio>        // fprintf: the default error handler of builds without exceptions
#include <cstdlib>       // abort
#include <stdexcept>     // standard bases, so pybind11 maps them to ValueError without binding code
#include <string>
#include <string_view>
#include <system_error>  // std::errc of to_chars
#include <type_traits>   // is_base_of

/// 1 when the compiler has exceptions on (GCC, Clang: __cpp_exceptions; MSVC: _CPPUNWIND), else 0.
#if defined(__cpp_exceptions) || defined(_CPPUNWIND)
#define HAIDIAN_EXCEPTIONS 1
#else
#define HAIDIAN_EXCEPTIONS 0
#endif

// The exception types and the error handler are tagged with the library version only, not with the
// instruction set (see config.hpp): a TU must catch what a TU compiled with other flags throws, and
// one handler serves the whole program. They hold no Eigen object and no vector code.
HAIDIAN_STABLE_NAMESPACE_BEGIN

/// What kind of error a haidian exception is, also passed to the error handler of builds without
/// exceptions.
enum class errc {
  invalid_argument,  ///< haidian::invalid_argument
  domain_error,      ///< haidian::domain_error
  unit_error,        ///< haidian::unit_error
  type_error,        ///< haidian::type_error
};

/// The base of every haidian exception: `catch (const haidian::error& e)` catches them all, with
/// e.what() and e.code(). Not itself a std::exception, because each concrete type also derives from
/// a standard exception (so pybind11 maps it to ValueError without binding code) and a second
/// std::exception base would make `catch (const std::exception&)` ambiguous, i.e. never match.
class error {
 public:
  virtual ~error() = default;
  /// The message, "function: what is wrong".
  virtual const char* what() const noexcept = 0;
  /// The kind of error.
  virtual errc code() const noexcept = 0;

 protected:
  error() = default;
  error(const error&) = default;             ///< copied by the concrete exception types
  error& operator=(const error&) = default;  ///< assigned by the concrete exception types
};

namespace error_detail {
/// One haidian exception type: the standard exception Standard (for its message and for catch
/// clauses and bindings that know only standard types) and haidian::error.
template <class Standard, errc Code>
class standard_error : public Standard, public error {
 public:
  static constexpr errc kind = Code;
  explicit standard_error(const std::string& message) : Standard(message) {}
  explicit standard_error(const char* message) : Standard(message) {}
  const char* what() const noexcept override { return Standard::what(); }
  errc code() const noexcept override { return Code; }
};
}  // namespace error_detail

/// A bad argument: wrong size, empty, unknown option, misaligned periods. Python: ValueError.
struct invalid_argument : error_detail::standard_error<std::invalid_argument, errc::invalid_argument> {
  using standard_error::standard_error;
};

/// A value outside the domain a computation needs (NaN, zero or negative under a log). Python: ValueError.
struct domain_error : error_detail::standard_error<std::domain_error, errc::domain_error> {
  using standard_error::standard_error;
};

/// Quantities whose units or frequencies cannot be combined. Python: haidian.UnitError (a ValueError).
struct unit_error : error_detail::standard_error<std::invalid_argument, errc::unit_error> {
  using standard_error::standard_error;
};

/// An argument of the wrong kind altogether. Python: TypeError.
struct type_error : error_detail::standard_error<std::invalid_argument, errc::type_error> {
  using standard_error::standard_error;
};

/// Receives the message and kind of an error in builds without exceptions (-fno-exceptions).
using error_handler = void (*)(const char* what, errc code);

namespace error_detail {
inline std::atomic<error_handler>& error_handler_slot() noexcept {
  static std::atomic<error_handler> handler{nullptr};
  return handler;
}
}  // namespace error_detail

/// Installs the function that a build without exceptions calls with each error before it aborts
/// (it may also end the program itself, e.g. with std::exit, or log and return); returns the
/// previous one. nullptr restores the default: the message on stderr. Builds with exceptions throw
/// and never call it. Thread-safe.
inline error_handler set_error_handler(error_handler handler) noexcept {
  return error_detail::error_handler_slot().exchange(handler);
}

HAIDIAN_STABLE_NAMESPACE_END

HAIDIAN_NAMESPACE_BEGIN

namespace detail {

/// Shortest text that reads back as the same double ("nan", "inf", "-1.2", "1e+300").
inline std::string format_value(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return result.ec == std::errc{} ? std::string(buffer, result.ptr) : std::to_string(value);
}

/// "intensity[3, 2]"-style label; an index of npos is left out.
constexpr std::size_t no_index = static_cast<std::size_t>(-1);
inline std::string argument_label(std::string_view argument, std::size_t row = no_index,
                                  std::size_t col = no_index) {
  std::string label(argument);
  if (row != no_index) {
    label += '[' + std::to_string(row);
    if (col != no_index) label += ", " + std::to_string(col);
    label += ']';
  }
  return label;
}

}  // namespace detail

/// Throws E with the message "function: message". The one place errors are raised. Built without
/// exceptions, it passes the message to the error handler (set_error_handler) and then aborts: no
/// computation continues past an error.
template <class E = invalid_argument>
[[noreturn]] void fail(std::string_view function, std::string_view message) {
  static_assert(std::is_base_of_v<error, E>, "fail<E>: E must be a haidian exception type");
  std::string text(function);
  text += ": ";
  text += message;
#if HAIDIAN_EXCEPTIONS
  throw E(text);
#else
  if (const error_handler handler = error_detail::error_handler_slot().load()) {
    handler(text.c_str(), E::kind);
  } else {
    std::fprintf(stderr, "haidian error: %s\n", text.c_str());
  }
  std::abort();
#endif
}

/// @throws domain_error "function: argument[i] is nan, but must be finite".
inline void check_finite(std::string_view function, std::string_view argument, double value,
                         std::size_t row = detail::no_index, std::size_t col = detail::no_index) {
  if (!std::isfinite(value)) {
    fail<domain_error>(function, detail::argument_label(argument, row, col) + " is " +
                                     detail::format_value(value) + ", but must be finite");
  }
}

/// @throws domain_error "function: argument[i] is -1.2, but must be positive" (also for NaN).
inline void check_positive(std::string_view function, std::string_view argument, double value,
                           std::size_t row = detail::no_index, std::size_t col = detail::no_index) {
  if (!(value > 0.0) || !std::isfinite(value)) {
    fail<domain_error>(function, detail::argument_label(argument, row, col) + " is " +
                                     detail::format_value(value) + ", but must be positive and finite");
  }
}

/// @throws domain_error for a negative or non-finite value.
inline void check_nonnegative(std::string_view function, std::string_view argument, double value,
                              std::size_t row = detail::no_index, std::size_t col = detail::no_index) {
  if (!(value >= 0.0) || !std::isfinite(value)) {
    fail<domain_error>(function, detail::argument_label(argument, row, col) + " is " +
                                     detail::format_value(value) +
                                     ", but must be non-negative and finite");
  }
}

/// @throws invalid_argument when a sequence argument is empty.
inline void check_nonempty(std::string_view function, std::string_view argument, std::size_t size) {
  if (size == 0) fail(function, std::string(argument) + " is empty");
}

/// @throws invalid_argument "function: values has 4 elements but weights has 5; they must match".
inline void check_same_size(std::string_view function, std::string_view argument_a, std::size_t size_a,
                            std::string_view argument_b, std::size_t size_b) {
  if (size_a != size_b) {
    fail(function, std::string(argument_a) + " has " + std::to_string(size_a) + " elements but " +
                       std::string(argument_b) + " has " + std::to_string(size_b) + "; they must match");
  }
}

HAIDIAN_NAMESPACE_END
