"""Compile cost of the public headers: wall time, CPU time and peak memory of one translation unit each.

For every public header (include/haidian/*.hpp) a TU that includes only that header, one that includes
the umbrella haidian.hpp, and a small application TU that includes the umbrella and calls decompose()
and tapio() are compiled (-c, object discarded) with each compiler; each measurement is the median of
--runs compiles, measured by GNU time (/usr/bin/time) around the compiler driver. CPU time (user + sys)
is less sensitive than wall time to other load on the machine; both are reported.

    python benchmarks/compile_headers.py                          # table on stdout
    python benchmarks/compile_headers.py --markdown out.md        # also write it as a Markdown table
    python benchmarks/compile_headers.py --headers leontief sda --compilers g++ --runs 1

Not a test: the numbers depend on the machine, the compilers and their load.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

APP_SOURCE = """\
#include <haidian/haidian.hpp>

int main() {
  haidian::Panel activity(2, 3), intensity(2, 3);
  activity << 10, 20, 30, 11, 22, 29;
  intensity << 1.0, 0.5, 0.2, 0.9, 0.5, 0.25;
  const haidian::Decomposition result = haidian::decompose({activity, intensity});
  const haidian::TapioResult state = haidian::tapio(0.01, 0.05);
  return static_cast<int>(result.effects.size()) + static_cast<int>(state.state);
}
"""


def eigen_include() -> str:
    for candidate in ("/usr/include/eigen3", "/usr/local/include/eigen3"):
        if Path(candidate, "Eigen", "Core").exists():
            return candidate
    sys.exit("compile_headers.py: Eigen not found in /usr/include/eigen3 or /usr/local/include/eigen3; pass --eigen")


def command(compiler: str, standard: str, include: Path, eigen: str, source: Path) -> list[str]:
    return [compiler, f"-std={standard}", "-O2", "-I", str(include), "-isystem", eigen, "-c", str(source), "-o", os.devnull]


def measure(cmd: list[str]) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS MB) of one compile."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        done = subprocess.run(["/usr/bin/time", "-o", report.name, "-f", "%e %U %S %M", *cmd], capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"compile_headers.py: {' '.join(cmd)} failed:\n{done.stderr}")
        wall, user, system, kilobytes = report.read().split()[-4:]
    return float(wall), float(user) + float(system), float(kilobytes) / 1024.0


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return f"{model}, {os.cpu_count()} logical CPUs, {platform.system()} {platform.release()}; load average at start {load}"


def version(compiler: str) -> str:
    return subprocess.run([compiler, "--version"], capture_output=True, text=True).stdout.splitlines()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--compilers", nargs="+", default=["g++", "clang++"])
    parser.add_argument("--std", default="c++17")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--include", type=Path, default=ROOT / "include", help="the include directory to measure")
    parser.add_argument("--eigen", default=None, help="Eigen's include directory")
    parser.add_argument("--headers", nargs="*", default=None, help="header names without .hpp (default: all)")
    parser.add_argument("--markdown", type=Path, default=None, help="write the table to this file")
    args = parser.parse_args()
    eigen = args.eigen or eigen_include()

    headers = sorted(path.stem for path in (args.include / "haidian").glob("*.hpp") if path.stem != "haidian")
    if args.headers is not None:
        headers = [h for h in headers if h in args.headers]
    units: list[tuple[str, str]] = [(f"<haidian/{h}.hpp>", f"#include <haidian/{h}.hpp>\n") for h in headers]
    units.append(("<haidian/haidian.hpp> (umbrella)", "#include <haidian/haidian.hpp>\n"))
    units.append(("app: umbrella + decompose() + tapio()", APP_SOURCE))

    results: dict[tuple[str, str], tuple[float, float, float]] = {}
    with tempfile.TemporaryDirectory() as work:
        for label, text in units:
            source = Path(work, "unit.cpp")
            source.write_text(text)
            for compiler in args.compilers:
                runs = [measure(command(compiler, args.std, args.include, eigen, source)) for _ in range(args.runs)]
                results[(label, compiler)] = tuple(statistics.median(r[i] for r in runs) for i in range(3))  # type: ignore[assignment]
                wall, cpu, memory = results[(label, compiler)]
                print(f"{label:45s} {compiler:8s} wall {wall:6.2f} s  CPU {cpu:6.2f} s  peak {memory:6.0f} MB", flush=True)

    head = "| translation unit | " + " | ".join(f"{c} wall s | {c} CPU s | {c} peak MB" for c in args.compilers) + " |"
    rule = "|---|" + "---:|" * (3 * len(args.compilers))
    rows = [head, rule]
    for label, _ in units:
        cells = []
        for compiler in args.compilers:
            wall, cpu, memory = results[(label, compiler)]
            cells += [f"{wall:.2f}", f"{cpu:.2f}", f"{memory:.0f}"]
        rows.append(f"| `{label}` | " + " | ".join(cells) + " |")
    example = " ".join(command("COMPILER", args.std, Path("include"), eigen, Path("unit.cpp")))
    notes = [
        f"Machine: {machine()}.",
        "Compilers: " + "; ".join(version(c) for c in args.compilers) + ".",
        f"Each TU compiled as `{example}`; median of {args.runs} runs.",
    ]
    table = "\n".join(rows)
    print("\n" + table + "\n\n" + "\n".join(notes))
    if args.markdown is not None:
        args.markdown.write_text(table + "\n\n" + "\n".join(notes) + "\n")


if __name__ == "__main__":
    main()
