#!/usr/bin/env python3
"""Header hygiene: every header under include/haidian/ compiles on its own, warning-free.

Each header is included alone by a one-line translation unit and checked with -fsyntax-only, with
g++ and clang++ (each one found on PATH), in C++17 and C++20, under the project's strict warnings
made errors. A header that needs an include it does not have, or that warns, fails here with its
compiler and standard named, instead of surfacing in some user's build that happens to include it
first. Eigen is a system include (-isystem) so only haidian's own code is judged.

Usage: python3 scripts/check_headers.py [--jobs N] [--compiler CXX ...] [--std c++17 ...]
Exit status 0 when every combination passes, 1 otherwise (each failure listed with its diagnostics).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import pathlib
import shutil
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
INCLUDE = ROOT / "include"
WARNINGS = ["-Wall", "-Wextra", "-Wpedantic", "-Wconversion", "-Wsign-conversion", "-Wshadow", "-Werror"]
DEFAULT_COMPILERS = ["g++", "clang++"]
DEFAULT_STANDARDS = ["c++17", "c++20"]


def eigen_include_dir() -> str:
    """Eigen's include directory: from pkg-config when it knows eigen3, else Debian's location."""
    if shutil.which("pkg-config"):
        result = subprocess.run(["pkg-config", "--cflags-only-I", "eigen3"], capture_output=True, text=True)
        if result.returncode == 0:
            for flag in result.stdout.split():
                if flag.startswith("-I"):
                    return flag[2:]
    return "/usr/include/eigen3"


def headers() -> list[str]:
    """Every header as it is included (haidian/x.hpp, haidian/detail/y.hpp); .inl kernel bodies are
    fragments meant to be included several times inside a function namespace, so not on their own."""
    return sorted(path.relative_to(INCLUDE).as_posix() for path in (INCLUDE / "haidian").rglob("*.hpp"))


def check(compiler: str, standard: str, header: str, eigen: str) -> tuple[str, str, str, int, str]:
    command = [compiler, f"-std={standard}", *WARNINGS, "-fsyntax-only", "-I", str(INCLUDE),
               "-isystem", eigen, "-x", "c++", "-"]
    result = subprocess.run(command, input=f"#include <{header}>\n", capture_output=True, text=True)
    return compiler, standard, header, result.returncode, result.stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="compilers run at once (default 2)")
    parser.add_argument("--compiler", action="append", help="compiler to use (default: g++ and clang++ "
                        "when on PATH); repeat for several; a named compiler must exist")
    parser.add_argument("--std", action="append", help="standard (default: c++17 and c++20); repeatable")
    args = parser.parse_args()

    if args.compiler:
        missing = [c for c in args.compiler if shutil.which(c) is None]
        if missing:
            print(f"check_headers: compiler not found: {', '.join(missing)}", file=sys.stderr)
            return 1
        compilers = args.compiler
    else:
        compilers = [c for c in DEFAULT_COMPILERS if shutil.which(c)]
        skipped = [c for c in DEFAULT_COMPILERS if c not in compilers]
        if not compilers:
            print("check_headers: neither g++ nor clang++ is on PATH", file=sys.stderr)
            return 1
        if skipped:
            print(f"check_headers: {', '.join(skipped)} not found, checking with {', '.join(compilers)} only")
    standards = args.std or DEFAULT_STANDARDS
    eigen = eigen_include_dir()
    if not (pathlib.Path(eigen) / "Eigen" / "Core").exists():
        print(f"check_headers: Eigen not found in {eigen} (install libeigen3-dev)", file=sys.stderr)
        return 1

    jobs = [(c, s, h) for c in compilers for s in standards for h in headers()]
    start = time.monotonic()
    failures = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for compiler, standard, header, status, diagnostics in pool.map(lambda j: check(*j, eigen), jobs):
            if status != 0:
                failures.append((compiler, standard, header, diagnostics))
    elapsed = time.monotonic() - start

    for compiler, standard, header, diagnostics in failures:
        print(f"FAILED {header} with {compiler} -std={standard}:\n{diagnostics}")
    for compiler, standard, header, _ in failures:
        print(f"check_headers: {header} fails with {compiler} -std={standard}")
    print(f"check_headers: {len(jobs) - len(failures)}/{len(jobs)} passed ({len(headers())} headers x "
          f"{', '.join(compilers)} x {', '.join(standards)}) in {elapsed:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
