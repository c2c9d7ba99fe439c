/// @file
/// Exception types and argument checks that name the function, the argument and the offending value.
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <charconv>      // to_chars: shortest round-trip text of a double
#include <cmath>         // isfinite
#include <cstddef>       // size_t
#include <stdexcept>     // standard bases, so pybind11 maps them to ValueError without binding code
#include <string>
#include <string_view>
#include <system_error>  // errc

HAIDIAN_NAMESPACE_BEGIN

/// A bad argument: wrong size, empty, unknown option, misaligned periods. Python: ValueError.
struct invalid_argument : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

/// A value outside the domain a computation needs (NaN, zero or negative under a log). Python: ValueError.
struct domain_error : std::domain_error {
  using std::domain_error::domain_error;
};

/// Quantities whose units or frequencies cannot be combined. Python: haidian.UnitError (a ValueError).
struct unit_error : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

/// An argument of the wrong kind altogether. Python: TypeError.
struct type_error : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

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

/// Throws E with the message "function: message". The one place errors are raised.
template <class E = invalid_argument>
[[noreturn]] void fail(std::string_view function, std::string_view message) {
  std::string text(function);
  text += ": ";
  text += message;
  throw E(text);
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
