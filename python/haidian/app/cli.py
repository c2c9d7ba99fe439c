"""Command line: ``python -m haidian report`` (also installed as the ``haidian`` command).

    python -m haidian report [--data FILE.csv] [--format text|markdown|json] [--plot FILE.png]
    python -m haidian data   [--data FILE.csv] [--format text|csv|json]

Errors in a data file are reported as one line naming the file, line and column, with exit status 1;
usage errors exit with status 2 (argparse's convention).
"""

from __future__ import annotations

import argparse
import sys
from typing import List, Optional, Sequence

import pandas as pd

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="haidian",
        description="Reduction-based development (减量发展) analysis. With no command: the report.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    report = commands.add_parser(
        "report", help="the reduction-development report (default: Haidian 2022, bundled data)",
        description="Report one region and year: GDP and growth, implied energy growth, Tapio "
                    "elasticity and state, OECD decoupling factor, GDP CAGR, land productivity, "
                    "FDI share of the city and the rise-and-fall scorecard. Every derived number "
                    "shows its formula and inputs.")
    report.add_argument("--data", metavar="FILE.csv",
                        help="a tidy indicator table (columns as the bundled haidian_2022.csv; see "
                             "docs/dataset.md); default: the bundled Haidian 2022 data")
    report.add_argument("--format", choices=("text", "markdown", "json"), default="text",
                        help="output format (default: text)")
    report.add_argument("--plot", metavar="FILE.png",
                        help="also draw a one-page figure to this file (.png, .pdf, .svg)")
    report.add_argument("--region", default="haidian", help="region id (default: haidian)")
    report.add_argument("--year", help="report year (default: the latest year with a GDP level)")

    data = commands.add_parser("data", help="print the bundled dataset (or a checked data file)")
    data.add_argument("--data", metavar="FILE.csv", help="a tidy indicator table to check and print")
    data.add_argument("--format", choices=("text", "csv", "json"), default="text",
                      help="output format (default: text)")
    return parser


def _table(args: argparse.Namespace) -> pd.DataFrame:
    """The bundled dataset, or the --data file read (and checked row by row) by load_csv."""
    from .. import datasets

    return datasets.haidian_2022() if args.data is None else datasets.load_csv(args.data)


def _report(args: argparse.Namespace) -> str:
    from .report import build_checked_report

    # Both tables are checked already: the report does not check their rows again.
    report = build_checked_report(_table(args), region=args.region, city="beijing", year=args.year,
                                  data_name=args.data or "bundled haidian_2022")
    if args.plot:
        import matplotlib

        matplotlib.use("Agg")  # a command line needs no display
        report.plot(args.plot)
    return report.render(args.format)


def _data(args: argparse.Namespace) -> str:
    table = _table(args)
    if args.format == "csv":
        return table.to_csv(index=False)
    if args.format == "json":
        return table.to_json(orient="records", force_ascii=False, indent=2) + "\n"
    with pd.option_context("display.max_rows", None, "display.max_columns", None,
                           "display.width", 200, "display.max_colwidth", 40):
        return table.drop(columns=["source"]).to_string() + "\n"


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        Exit status: 0 on success, 1 for a bad data file or an impossible request (the message,
        naming file, line and column, goes to stderr), 2 for usage errors.
    """
    arguments: List[str] = list(sys.argv[1:] if argv is None else argv)
    parser = _parser()
    if not arguments or arguments[0].startswith("-") and arguments[0] not in ("-h", "--help"):
        arguments = ["report"] + arguments  # no command: the report
    args = parser.parse_args(arguments)
    try:
        output = _report(args) if args.command == "report" else _data(args)
    except (ValueError, TypeError, OSError, KeyError, ImportError) as error:
        # Bad data files, unreadable paths, impossible requests, no matplotlib for --plot: one clear
        # line, no traceback.
        message = str(error) if not isinstance(error, KeyError) else str(error.args[0])
        if isinstance(error, OSError) and error.filename is not None:
            message = f"{error.strerror}: {error.filename}"
        message = " ".join(message.split("\n"))  # one line, whatever raised it
        print(f"haidian {args.command}: error: {message}", file=sys.stderr)
        return 1
    try:
        sys.stdout.write(output)
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. `haidian report | head`
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
