#!/usr/bin/env bash
# Makes a fresh Debian machine ready for haidian and (re)installs it into ./.venv:
# Eigen, Boost.Test, OpenBLAS and LAPACKE from Debian's packages where missing; the package, its
# test extras and the build tools (cmake, ninja) from PyPI into the virtual environment.
# Safe to run again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

missing=()
for package in libeigen3-dev libboost-test-dev g++ libopenblas-dev liblapacke-dev doxygen; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]} from Debian's packages"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
echo "setup: building and installing haidian into .venv (pip install '.[test]')"
.venv/bin/python -m pip install -q --disable-pip-version-check cmake ninja ".[test]"
