// The examples' one check: print a result next to the independent value it must equal, and
// count mismatches so that main() can exit non-zero (the test command runs every example).
#pragma once

#include <cmath>
#include <cstdio>
#include <string>

namespace example {

inline int failures = 0;

/// Prints "label: value (expected E)" and counts a failure unless |value - expected| <= tolerance.
inline void expect_near(const std::string& label, double value, double expected, double tolerance) {
  const bool ok = std::abs(value - expected) <= tolerance;  // false for NaN
  std::printf("%s: %.6g (expected %.6g)%s\n", label.c_str(), value, expected, ok ? "" : "  <-- WRONG");
  if (!ok) ++failures;
}

/// Prints "label: yes/no" and counts a failure unless the condition holds.
inline void expect_true(const std::string& label, bool condition) {
  std::printf("%s: %s%s\n", label.c_str(), condition ? "yes" : "no", condition ? "" : "  <-- WRONG");
  if (!condition) ++failures;
}

/// main()'s return value: 0 when every check passed.
inline int exit_code() { return failures == 0 ? 0 : 1; }

}  // namespace example
