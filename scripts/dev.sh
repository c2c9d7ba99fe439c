#!/usr/bin/env bash
# Developer build of the working tree into build/dev-NAME (default: build/dev-main): the C++ tests
# and the Python module, with ccache when present. Afterwards:
#   build/dev-NAME/tests/haidian_tests --run_test=SUITE
#   PYTHONPATH=build/dev-NAME/python .venv/bin/python -m pytest tests/python
# Needs scripts/setup.sh to have run once (for .venv, Eigen and Boost.Test).
#
# `bash scripts/dev.sh --editable` instead installs haidian into .venv in editable mode
# (scikit-build-core, editable.mode = "redirect" in pyproject.toml, build directory build/cp3XX-...):
# `import haidian` then reads python/haidian directly, so a Python edit needs no rebuild; run it
# again after a C++ change (it recompiles only what changed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ "${1:-}" = "--editable" ]; then
  # --no-build-isolation keeps the build directory usable between runs; it needs the build
  # requirements in .venv itself.
  .venv/bin/python -c "import scikit_build_core, pybind11" 2>/dev/null ||
    .venv/bin/pip install -q "scikit-build-core>=0.10" "pybind11>=2.12"
  PATH="$PWD/.venv/bin:$PATH" exec .venv/bin/pip install --no-build-isolation -e .
fi
build=build/dev-${1:-main}
launcher=(); command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DHAIDIAN_BUILD_PYTHON=ON \
    -DHAIDIAN_BUILD_TESTS=ON "${launcher[@]}" -DPython_EXECUTABLE="$PWD/.venv/bin/python" \
    -Dpybind11_DIR="$(.venv/bin/python -m pybind11 --cmakedir)" >/dev/null
fi
cmake --build "$build"
