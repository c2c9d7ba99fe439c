#!/usr/bin/env bash
# Makes a fresh Debian machine ready for haidian and (re)installs it into ./.venv:
# Eigen, Boost.Test, OpenBLAS, LAPACKE, the compilers and tools from Debian's packages where missing;
# the package, its test and docs extras and the build tools (cmake, ninja; pybind11 for scripts/dev.sh) from
# PyPI into the virtual environment.
# Safe to run again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

missing=()
# g++ and clang (the header check compiles with both), pkg-config (a consumer test), doxygen (API docs),
# a CJK font (1.6 MB) so that plots draw Chinese labels out of the box.
for package in libeigen3-dev libboost-test-dev g++ clang pkg-config libopenblas-dev liblapacke-dev doxygen \
  fonts-wqy-microhei; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# Python with venv and its C headers (the module is compiled); Debian splits these into three packages.
python=${PYTHON:-python3}
if ! "$python" -c 'import ensurepip, os, sysconfig, sys
sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' 2>/dev/null; then
  missing+=(python3 python3-venv python3-dev)
fi
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]} from Debian's packages"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # matplotlib lists the fonts once and caches the list: a font installed later is not seen until the
  # cache goes.
  rm -f "${MPLCONFIGDIR:-${XDG_CACHE_HOME:-$HOME/.cache}/matplotlib}"/fontlist-*.json
fi

[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
echo "setup: building and installing haidian into .venv (pip install '.[test,docs]')"
.venv/bin/python -m pip install -q --disable-pip-version-check cmake ninja "pybind11>=2.12" ".[test,docs]"
