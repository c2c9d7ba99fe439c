#!/usr/bin/env bash
# The test command (CI runs it through .ci/run). After scripts/setup.sh, each step in turn:
#   build       Release build of the C++ tests, the program without exceptions and the C++ examples
#   ctest       the C++ suite, the consumer projects (find_package, add_subdirectory, a parent that
#               installs and exports, pkg-config), the build without exceptions, examples, compile-fail
#   headers     every header alone with g++ and clang++, C++17 and C++20, warnings as errors
#   sanitizers  the C++ suite built -O1 -g1 (line tables are enough for file:line in stack traces,
#               and compile ~20% faster than -g) with AddressSanitizer + UndefinedBehaviorSanitizer, no
#               recovery (its LMDI kernel suite runs every instruction set this CPU has)
#   docs        the C++ API reference with Doxygen (build/api/html), then the documentation site with
#               Sphinx (build/docs/html: the guide, the API reference from the docstrings, Doxygen's
#               pages); any Doxygen or Sphinx warning fails it
#   python      pytest against the package setup.sh installed, with every docstring's doctests
#               (tests/python/test_docs.py); arguments go to pytest
# Every step runs even when an earlier one failed; the summary gives each step's time and result, and
# the exit status is non-zero when any failed. ccache is used when installed (CI does without).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

summary=()
failed=0
timing=$(mktemp)
trap 'rm -f "$timing"' EXIT
# step NAME COMMAND...: runs COMMAND, records its wall and CPU time (user + system, all processes: on
# a busy machine the CPU time, halved for 2 cores, estimates a free machine's wall time) and result.
step() {
  local name=$1 status=ok real user sys TIMEFORMAT='%R %U %S'
  shift
  echo "=== $name"
  { time "$@" 2>&3; } 3>&2 2>"$timing" || { status=FAILED; failed=1; }
  read -r real user sys <"$timing"
  summary+=("$(awk -v n="$name" -v r="$real" -v c="$user + $sys" -v s="$status" \
    'BEGIN { split(c, t, " [+] "); printf "%-11s %6.0f s wall %6.0f s CPU  %s", n, r, t[1] + t[2], s }')")
  [ "$status" = ok ]
}
print_summary() {
  printf '=== summary (%d s in all)\n' "$SECONDS"
  printf '%s\n' "${summary[@]}"
}

step setup bash scripts/setup.sh || { print_summary; exit 1; }
export PATH="$PWD/.venv/bin:$PATH"  # cmake, ninja and ctest from the virtual environment
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

release_build() {
  cmake -S . -B build/tests -G Ninja -DCMAKE_BUILD_TYPE=Release -DHAIDIAN_BUILD_TESTS=ON "${launcher[@]}" >/dev/null &&
    cmake --build build/tests --parallel 2
}
sanitizers() {
  cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE= -DCMAKE_CXX_FLAGS="-O1 -g1" -DHAIDIAN_BUILD_TESTS=ON \
    -DHAIDIAN_SANITIZE=address,undefined "${launcher[@]}" >/dev/null &&
    cmake --build build/asan --parallel 2 --target haidian_tests &&
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      build/asan/tests/haidian_tests --report_level=short
}

# The documentation site; its C++ reference is Doxygen's HTML, which conf.py copies in.
site() {
  doxygen docs/Doxyfile &&
    python -m sphinx -W --keep-going -q -b html docs build/docs/html
}

step build release_build
step ctest ctest --test-dir build/tests --output-on-failure --parallel 2 --label-exclude headers
step headers ctest --test-dir build/tests --output-on-failure --label-regex headers
step sanitizers sanitizers
step docs site
step python python -m pytest "$@"

print_summary
exit "$failed"
