#!/usr/bin/env bash
# Sets up (scripts/setup.sh) and runs every test: the C++ suite and the two CMake consumer projects
# through CTest, then the Python suite with pytest against the installed package.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"  # cmake, ninja and ctest from the virtual environment

build=build/tests
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DHAIDIAN_BUILD_TESTS=ON >/dev/null
cmake --build "$build" --parallel 2
(cd "$build" && ctest --output-on-failure --parallel 2)

python -m pytest "$@"
