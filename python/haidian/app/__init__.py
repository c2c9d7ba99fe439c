"""The haidian application: the reduction-development report, the rise-and-fall scorecard, the
command line (``python -m haidian``, the ``haidian`` command) and the bundled Haidian 2022 data.

It is built on the library (``haidian``) and adds no analysis of its own: the library computes,
the application chooses the indicators of one region and year and presents them.
"""

from __future__ import annotations

from . import report
from .report import Report, build_report
from .scorecard import WANTED_DIRECTIONS, resource_productivity, scorecard

__all__ = [
    "report",
    "Report",
    "build_report",
    "scorecard",
    "resource_productivity",
    "WANTED_DIRECTIONS",
]
