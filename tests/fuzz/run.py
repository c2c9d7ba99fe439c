"""Fuzz the reader and the command line for a while (see harness.py and docs/fuzzing.md).

    PYTHONPATH=python .venv/bin/python tests/fuzz/run.py --minutes 10 [--seed 1] [--findings DIR]

Prints progress, then a summary; exit status 1 if anything was found (saved as <sha1>.csv and .txt
in DIR). A crash of the reader ends the process with the signal's status.
"""

from __future__ import annotations

import argparse
import pathlib
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import harness  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--findings", type=pathlib.Path,
                        default=pathlib.Path(tempfile.gettempdir()) / "haidian-fuzz-findings",
                        help="where findings are saved (default: haidian-fuzz-findings in the "
                             "temporary directory)")
    args = parser.parse_args()
    stats = harness.run(args.minutes * 60, seed=args.seed, findings_dir=args.findings,
                        progress=True)
    print(f"seed {args.seed}: {stats.cases} cases in {stats.seconds:.0f} s ({stats.accepted} "
          f"accepted, {stats.cli_runs} command lines), {len(stats.findings)} findings")
    for finding in stats.findings:
        print(f"- {finding.kind}: {finding.detail.splitlines()[0] if finding.detail else ''}")
    return 1 if stats.findings else 0


if __name__ == "__main__":
    sys.exit(main())
