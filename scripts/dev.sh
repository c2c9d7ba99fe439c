#!/usr/bin/env bash
# Developer build of the working tree into build/dev-NAME (default: build/dev-main): the C++ tests
# and the Python module, with ccache when present. Afterwards:
#   build/dev-NAME/tests/haidian_tests --run_test=SUITE
#   PYTHONPATH=build/dev-NAME/python .venv/bin/python -m pytest tests/python
# Needs scripts/setup.sh to have run once (for .venv, Eigen and Boost.Test).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=build/dev-${1:-main}
launcher=(); command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DHAIDIAN_BUILD_PYTHON=ON \
    -DHAIDIAN_BUILD_TESTS=ON "${launcher[@]}" -DPython_EXECUTABLE="$PWD/.venv/bin/python" \
    -Dpybind11_DIR="$(.venv/bin/python -m pybind11 --cmakedir)" >/dev/null
fi
cmake --build "$build"
