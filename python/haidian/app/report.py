"""The reduction-development report: what ``python -m haidian report`` prints.

For one region and year of a tidy indicator table (by default Haidian 2022 from the bundled data):
GDP and its growth, the energy use growth implied by the energy-intensity change, the Tapio
elasticity and state, the OECD decoupling factor, GDP CAGR between the published GDP levels, land
productivity, the share of the city's foreign investment, and the rise-and-fall scorecard. Every
derived number carries the formula with its inputs; every published one the fragment of the source
it comes from.
"""

from __future__ import annotations

import json
import math
import unicodedata
from dataclasses import asdict, dataclass
from typing import Any, Dict, List, Optional, Tuple, Union

import numpy as np
import pandas as pd

from ..decoupling import decoupling_factor, tapio
from ._table import checked_table, each_row, finite, fraction, number, one_plus, overflow_is_checked
from .scorecard import WANTED_DIRECTIONS, checked_productivity, checked_scorecard
from .._internal import TAPIO_BAND
from ..series import Series
from ..targets import implied_resource_growth, intensity_change

__all__ = ["Figure", "Report", "build_report"]

FORMATS = ("text", "markdown", "json")


@dataclass
class Figure:
    """One number of the report, with where it comes from.

    Attributes
    ----------
    key : str
        Stable id, e.g. ``"implied_energy_growth"``.
    label : str
        What it is, in English.
    value : float or str
        The number (fractions for growth rates and shares), or a text such as a Tapio state.
    unit : str
        ``"fraction"``, ``"亿元"``, ... or ``""``.
    how : str
        ``"published: <source fragment>"`` or ``"derived: <formula with the inputs>"``.
    section : str
        The report section it belongs to.
    """

    key: str
    label: str
    value: Union[float, str]
    unit: str
    how: str
    section: str

    def display(self) -> str:
        """The value as the report shows it (growth and shares in percent)."""
        if isinstance(self.value, str):
            return self.value
        if self.unit == "fraction":
            return f"{self.value * 100:.4g}%"
        if self.unit in ("", "ratio"):
            return f"{self.value:.4g}"
        return f"{self.value:.6g} {self.unit}"


SECTIONS = ("Output", "Energy and decoupling", "Long-run growth", "Land and the city", "Openness")


class Report:
    """A reduction-development report; build it with :func:`build_report`.

    Plain Python holding pandas objects, so it pickles.

    Attributes
    ----------
    title : str
    region : str
    year : str
        The report year (the latest year with a GDP level, or with any figure).
    data_name : str
        What the data were (``"bundled haidian_2022"`` or a file name).
    figures : list of Figure
        The headline numbers, in report order.
    scorecard : pandas.DataFrame
        The rise-and-fall scorecard (see :func:`haidian.app.scorecard.scorecard`); may be empty.
    productivity : pandas.DataFrame
        Resource productivity (see :func:`haidian.app.scorecard.resource_productivity`); may be empty.
    missing : list of str
        Headline numbers the data did not allow, each saying which rows it needs.
    gdp_levels : pandas.Series
        The published GDP levels of the region up to the report year, indexed by year (the CAGR
        inputs); named by their unit.
    """

    def __init__(self, title: str, region: str, year: str, data_name: str, figures: List[Figure],
                 scorecard: pd.DataFrame, productivity: pd.DataFrame, missing: List[str],
                 gdp_levels: Optional[pd.Series] = None) -> None:
        self.title = title
        self.region = region
        self.year = year
        self.data_name = data_name
        self.figures = figures
        self.scorecard = scorecard
        self.productivity = productivity
        self.missing = missing
        self.gdp_levels = gdp_levels if gdp_levels is not None else pd.Series([], dtype=np.float64)

    def __getitem__(self, key: str) -> Figure:
        """The figure with this key.

        Raises
        ------
        KeyError
            If the report has no such figure (see :attr:`missing`).
        """
        for figure in self.figures:
            if figure.key == key:
                return figure
        raise KeyError(f"Report: no figure {key!r}; the report has "
                       f"{', '.join(f.key for f in self.figures)}")

    def __repr__(self) -> str:
        return (f"Report({self.title!r}, {len(self.figures)} figures, "
                f"{len(self.scorecard)} scorecard rows, {len(self.missing)} missing)")

    # ---- renderers ----

    def to_dict(self) -> Dict[str, Any]:
        """Everything as JSON-ready Python objects (NaN becomes None).

        Returns
        -------
        dict
            Keys ``title, region, year, data, figures, scorecard, productivity, missing``.
        """
        def clean(value: Any) -> Any:
            if isinstance(value, (float, np.floating)):
                return None if not math.isfinite(float(value)) else float(value)
            if isinstance(value, np.bool_):
                return bool(value)
            if isinstance(value, np.integer):
                return int(value)
            return value

        def records(frame: pd.DataFrame) -> List[Dict[str, Any]]:
            return [{k: clean(v) for k, v in row.items()} for row in frame.to_dict("records")]

        return {
            "title": self.title,
            "region": self.region,
            "year": self.year,
            "data": self.data_name,
            "figures": [{k: clean(v) for k, v in asdict(f).items()} for f in self.figures],
            "scorecard": records(self.scorecard),
            "productivity": records(self.productivity),
            "missing": list(self.missing),
        }

    def to_json(self, indent: Optional[int] = 2) -> str:
        """The report as JSON (UTF-8 text, Chinese kept as is).

        Parameters
        ----------
        indent : int or None, default 2

        Returns
        -------
        str
        """
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, allow_nan=False)

    def to_text(self) -> str:
        """The report as plain text, aligned for a terminal (Chinese counted as two columns).

        Returns
        -------
        str
        """
        lines = [self.title, "=" * _width(self.title), f"data: {self.data_name}", ""]
        for section in SECTIONS:
            items = [f for f in self.figures if f.section == section]
            if not items:
                continue
            lines += [section, "-" * len(section)]
            for f in items:
                lines.append(f"  {_pad(f.label, 40)} {_pad(f.display(), 20)} {f.how}")
            lines.append("")
        if len(self.scorecard):
            title = "Scorecard (升降之间): did each indicator move the way policy wants?"
            lines += [title, "-" * _width(title)]
            lines.append(f"  {_pad('indicator', 30)} {_pad('period', 10)} {_pad('change', 10)} "
                         f"{_pad('wanted', 7)} {_pad('moved', 6)} as wanted")
            for row in each_row(self.scorecard):
                lines.append(f"  {_pad(row.indicator, 30)} {_pad(row.period, 10)} "
                             f"{_pad(fraction(row.change), 10)} {_pad(row.wanted, 7)} "
                             f"{_pad(row.moved, 6)} {'yes' if row.as_wanted else 'NO'}")
            tally = int(self.scorecard.as_wanted.sum())
            lines.append(f"  {tally} of {len(self.scorecard)} moved as wanted.")
            lines.append("  How each change was obtained:")
            for row in each_row(self.scorecard):
                lines.append(f"    {row.indicator}: {row.how}")
            lines.append("")
        if len(self.productivity):
            title = "Resource productivity and shares of the city"
            lines += [title, "-" * len(title)]
            for row in each_row(self.productivity):
                lines.append(f"  {_pad(row.measure, 40)} {_pad(_show(row.value, row.unit), 22)} "
                             f"{row.formula}")
            lines.append("")
        if self.missing:
            lines += ["Not available from these data", "-" * 29]
            lines += [f"  {m}" for m in self.missing]
            lines.append("")
        return "\n".join(lines).rstrip() + "\n"

    def to_markdown(self) -> str:
        """The report as GitHub-flavoured Markdown (headings and tables).

        Returns
        -------
        str
        """
        out = [f"# {self.title}", "", f"Data: {_md(self.data_name)}", ""]
        for section in SECTIONS:
            items = [f for f in self.figures if f.section == section]
            if not items:
                continue
            out += [f"## {section}", "", "| figure | value | how it is obtained |", "|---|---:|---|"]
            out += [f"| {_md(f.label)} | {_md(f.display())} | {_md(f.how)} |" for f in items]
            out.append("")
        if len(self.scorecard):
            out += ["## Scorecard (升降之间)", "",
                    "| indicator | period | change | wanted | moved | as wanted | how |",
                    "|---|---|---:|---|---|---|---|"]
            for row in each_row(self.scorecard):
                out.append(f"| {_md(row.indicator)} | {row.period} | {fraction(row.change)} | "
                           f"{row.wanted} | {row.moved} | {'yes' if row.as_wanted else '**no**'} | "
                           f"{_md(row.how)} |")
            out += ["", f"{int(self.scorecard.as_wanted.sum())} of {len(self.scorecard)} moved as "
                        "wanted.", ""]
        if len(self.productivity):
            out += ["## Resource productivity and shares of the city", "",
                    "| measure | period | value | formula |", "|---|---|---:|---|"]
            out += [f"| {_md(r.measure)} | {r.period} | {_md(_show(r.value, r.unit))} | "
                    f"{_md(r.formula)} |" for r in each_row(self.productivity)]
            out.append("")
        if self.missing:
            out += ["## Not available from these data", ""] + [f"- {_md(m)}" for m in self.missing]
            out.append("")
        return "\n".join(out).rstrip() + "\n"

    def render(self, format: str = "text") -> str:
        """The report in one of :data:`FORMATS`.

        Parameters
        ----------
        format : {"text", "markdown", "json"}

        Returns
        -------
        str

        Raises
        ------
        ValueError
            For another format.
        """
        if format == "text":
            return self.to_text()
        if format == "markdown":
            return self.to_markdown()
        if format == "json":
            return self.to_json() + "\n"
        raise ValueError(f"Report.render: format is {format!r}, but must be one of "
                         f"{', '.join(FORMATS)}")

    def plot(self, path: Optional[str] = None) -> Any:
        """A one-page figure: GDP levels with CAGR, the scorecard, the Tapio diagram, city shares.

        Uses matplotlib's object API (no pyplot figure manager), so it works headless and does not
        disturb a notebook's backend.

        Parameters
        ----------
        path : str or path-like, optional
            Where to save it (format from the extension, e.g. ``.png``, ``.pdf``).

        Returns
        -------
        matplotlib.figure.Figure
        """
        return _draw(self, path)


# ---------------------------------------------------------------------------------------------------
# Text helpers


def _width(text: str) -> int:
    """Terminal columns of ``text``: wide (Chinese) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _show(value: float, unit: str) -> str:
    if unit == "fraction":
        return f"{value * 100:.4g}%"
    if unit == "ratio":
        return f"{value:.4g}"
    return f"{value:.6g} {unit}"


# ---------------------------------------------------------------------------------------------------
# Building the report


def _one(table: pd.DataFrame, indicator: str, kind: str, period: Optional[str] = None,
         relative_to: Optional[str] = None) -> Optional[Any]:
    rows = table[(table.indicator == indicator) & (table.kind == kind)]
    if period is not None:
        rows = rows[rows.period == period]
    if relative_to is not None:
        rows = rows[rows.relative_to == relative_to]
    return rows.iloc[0] if len(rows) == 1 else None


def _published(row: Any) -> str:
    prices = f" ({row.price_basis} prices)" if row.price_basis else ""
    qualifier = {"approx": " (approximate)", "at_least": " (at least)",
                 "at_most": " (at most)"}.get(row.qualifier, "")
    source = f": {row.source}" if row.source else ""
    return f"published{prices}{qualifier}{source}"


def build_report(data: Optional[pd.DataFrame] = None, *, region: str = "haidian",
                 city: str = "beijing", year: Optional[Union[int, str]] = None,
                 data_name: Optional[str] = None) -> Report:
    """Build the reduction-development report of one region and year.

    Parameters
    ----------
    data : pandas.DataFrame, optional
        A tidy indicator table (see :mod:`haidian.datasets`); default: the bundled Haidian 2022
        data. Not modified.
    region : str, default "haidian"
    city : str, default "beijing"
        The whole the region's shares refer to.
    year : int or str, optional
        Report year; default: the latest year with a GDP level of ``region`` (else its latest
        single-year period).
    data_name : str, optional
        How the report names its data (default: "bundled haidian_2022" or "data").

    Returns
    -------
    Report
        Figures whose inputs are missing are listed in ``Report.missing`` rather than failing.

    Raises
    ------
    ValueError
        A bad table (naming its row and column), a region without rows, or a malformed year.
    TypeError
        If ``data`` is not a DataFrame.

    Examples
    --------
    >>> report = build_report()
    >>> report["tapio_state"].value
    'weak decoupling'
    """
    function = "build_report"
    bundled = data is None
    table = checked_table(data, function)
    name = data_name or ("bundled haidian_2022" if bundled else "data")
    return build_checked_report(table, region=region, city=city, year=year, data_name=name)


@overflow_is_checked
def build_checked_report(table: pd.DataFrame, *, region: str, city: str, year: Optional[Union[int, str]],
                         data_name: str) -> Report:
    """build_report on a table already checked (by load_csv or check_table): no second check. The
    command line builds on it."""
    function = "build_report"
    name = data_name
    if not isinstance(region, str):
        raise TypeError(f"{function}: region is a {type(region).__name__}, but must be a string")
    whole = table
    table = table[table.region == region]
    if table.empty:
        regions = ", ".join(sorted(set(whole.region)))
        raise ValueError(f"{function}: region is {region!r}, but the data have rows only for {regions}")

    if year is None:
        gdp_years = table[(table.indicator == "gdp") & (table.kind == "level")
                          & (table.period.str.len() == 4)].period
        years = gdp_years if len(gdp_years) else table[table.period.str.len() == 4].period
        if years.empty:
            raise ValueError(f"{function}: data have no single-year period for {region!r}; pass year=")
        year = max(years)
    year = str(year)
    if len(year) != 4 or not year.isdigit():
        raise ValueError(f"{function}: year is {year!r}, but must be a year like 2022")

    figures: List[Figure] = []
    missing: List[str] = []
    this_year = table[table.period == year]

    def add(key: str, label: str, value: Union[float, str], unit: str, how: str, section: str) -> None:
        if not isinstance(value, str):
            value = finite(value, f"{label} ({how})", function)
        figures.append(Figure(key, label, value, unit, how, section))

    # Output
    gdp = _one(this_year, "gdp", "level")
    growth = _one(this_year, "gdp", "growth")
    share = _one(this_year, "gdp", "share", relative_to=city)
    if gdp is not None:
        add("gdp", f"GDP {year}", gdp.value, gdp.unit, _published(gdp), "Output")
    else:
        missing.append(f"GDP {year}: needs a gdp level row of {region} for {year}")
    if growth is not None:
        add("gdp_growth", f"GDP growth {year}", growth.value, "fraction", _published(growth), "Output")
    else:
        missing.append(f"GDP growth {year}: needs a gdp growth row of {region} for {year}")
    if share is not None:
        add("gdp_share_of_city", f"GDP share of {city.capitalize()}", share.value, "fraction",
            _published(share), "Output")

    # Energy and decoupling
    intensity = _one(this_year, "energy_intensity", "growth")
    energy = _one(this_year, "energy_use", "growth")
    if intensity is not None:
        add("energy_intensity_change", f"Energy intensity change {year}", intensity.value, "fraction",
            _published(intensity), "Energy and decoupling")
    g_e: Optional[float] = None
    if energy is not None:
        g_e = float(energy.value)
        add("energy_growth", f"Energy use growth {year}", g_e, "fraction", _published(energy),
            "Energy and decoupling")
        if intensity is None and growth is not None:
            r = float(intensity_change(resource_growth=g_e, output_growth=growth.value))
            add("implied_energy_intensity_change", f"Energy intensity change {year} (implied)", r,
                "fraction", f"derived: (1 + g_E)/(1 + g_Y) - 1 = {one_plus(g_e)} / "
                f"{one_plus(growth.value)} - 1 = {fraction(r)}", "Energy and decoupling")
    elif intensity is not None and growth is not None:
        g_e = float(implied_resource_growth(output_growth=growth.value,
                                            intensity_change=intensity.value))
        add("implied_energy_growth", f"Energy use growth {year} (implied)", g_e, "fraction",
            f"derived: (1 + g_Y)(1 + r) - 1 = {one_plus(growth.value)}{one_plus(intensity.value)} "
            f"- 1 = {fraction(g_e)}", "Energy and decoupling")
    else:
        missing.append(f"energy use growth {year}: needs an energy_use growth row, or "
                       f"energy_intensity and gdp growth rows of {region} for {year}")
    if g_e is not None and growth is not None:
        g_y = float(growth.value)
        result = tapio(resource_growth=g_e, output_growth=g_y)
        if math.isnan(result.elasticity):
            add("tapio_elasticity", "Tapio elasticity", "undefined (GDP growth is 0)", "",
                "derived: e = g_E / g_Y with g_Y = 0", "Energy and decoupling")
        else:
            add("tapio_elasticity", "Tapio elasticity", result.elasticity, "",
                f"derived: e = g_E / g_Y = {number(g_e)} / {number(g_y)} = {result.elasticity:.6g} "
                "(Tapio 2005; the same number as the energy elasticity coefficient 能源消费弹性系数)",
                "Energy and decoupling")
        add("tapio_state", "Tapio state", result.state, "",
            f"derived: {_tapio_reason(g_e, g_y, result.elasticity)} (Tapio 2005, band {TAPIO_BAND[0]}-{TAPIO_BAND[1]})",
            "Energy and decoupling")
        factor = float(decoupling_factor(resource_growth=g_e, output_growth=g_y))
        add("decoupling_factor", "OECD decoupling factor", factor, "",
            f"derived: DF = 1 - (1 + g_E)/(1 + g_Y) = 1 - {number(1 + g_e)} / {number(1 + g_y)} "
            f"= {factor:.6g} (OECD 2002; > 0 means decoupling)", "Energy and decoupling")
    elif g_e is not None:
        missing.append(f"Tapio state and decoupling factor {year}: need a gdp growth row of {region}")

    # Long-run growth: CAGR between consecutive published GDP levels
    levels = table[(table.indicator == "gdp") & (table.kind == "level") & (table.period.str.len() == 4)]
    levels = levels[levels.period <= year].sort_values("period")
    if len(levels) >= 2 and levels.unit.nunique() == 1:
        # The years between published levels are missing: cagr counts the calendar years across them.
        series = Series.from_pandas(pd.Series(levels.value.to_numpy(), index=levels.period.astype(int).to_numpy()),
                                    name="gdp")
        for a, b in zip(each_row(levels), each_row(levels.iloc[1:])):
            if not (a.value > 0 and b.value > 0):
                missing.append(f"GDP CAGR {a.period}-{b.period}: needs positive gdp levels "
                               f"(they are {number(a.value)} and {number(b.value)})")
                continue
            n = int(b.period) - int(a.period)
            try:
                rate = series.cagr(int(a.period), int(b.period))
            except ValueError as error:  # e.g. a rate beyond the float range: name the figure
                raise ValueError(f"{function}: GDP CAGR {a.period}-{b.period} from levels "
                                 f"{number(a.value)} and {number(b.value)}: {error}") from None
            basis = "current prices" if a.price_basis == "current" else (a.price_basis or "levels")
            thresholds = [r.period for r in (a, b) if r.qualifier == "at_least"]
            caveat = (f"; the source states the {' and '.join(thresholds)} "
                      f"level{'s' if len(thresholds) > 1 else ''} as reached, i.e. at least"
                      if thresholds else "")
            add(f"gdp_cagr_{a.period}_{b.period}", f"GDP CAGR {a.period}-{b.period}", rate, "fraction",
                f"derived: (GDP_{b.period} / GDP_{a.period})^(1/{n}) - 1 = ({number(b.value)} / "
                f"{number(a.value)})^(1/{n}) - 1 = {fraction(rate)} ({basis}{caveat})",
                "Long-run growth")
    else:
        missing.append(f"GDP CAGR: needs gdp level rows of {region} for two or more years up to {year}")

    # Land and the city, openness
    productivity = checked_productivity(whole, region, city, function)
    labels = {"gdp_per_km2_land": ("GDP per km² of land", "gdp and land_area levels"),
              "gdp_per_km2_industrial_land": ("GDP per km² of industrial land",
                                              "gdp and industrial_land_area levels"),
              "gdp_per_person": ("GDP per person", ""),
              "land_productivity_vs_city": (f"GDP per km² relative to {city.capitalize()}",
                                            f"gdp and land_area shares of {city}")}
    for key, (label, needs) in labels.items():
        found = productivity[productivity.measure == key]
        if len(found):
            row = found.iloc[0]
            add(key, label, row.value, "" if row.unit == "ratio" else row.unit,
                f"derived: {row.formula}", "Land and the city")
        elif needs:
            missing.append(f"{label}: needs {needs} of {region} in one period")

    fdi = _one(this_year, "fdi_actual_use", "level")
    fdi_share = _one(this_year, "fdi_actual_use", "share", relative_to=city)
    if fdi is not None:
        add("fdi", f"Foreign direct investment used {year}", fdi.value, fdi.unit, _published(fdi),
            "Openness")
    if fdi_share is not None:
        add("fdi_share_of_city", f"FDI share of {city.capitalize()}", fdi_share.value, "fraction",
            _published(fdi_share), "Openness")
        total = productivity[productivity.measure == "city_total:fdi_actual_use"]
        if len(total):
            add("fdi_city_total", f"{city.capitalize()} FDI implied", total.value.iloc[0],
                total.unit.iloc[0], f"derived: {total.formula.iloc[0]}", "Openness")
    else:
        missing.append(f"FDI share of {city}: needs an fdi_actual_use share row of {region} for {year}")

    card = checked_scorecard(table, dict(WANTED_DIRECTIONS), True, function)
    if card.empty:
        missing.append(f"scorecard: needs growth rows (or two level rows) of indicators with a wanted "
                       f"direction for {region}")
    gdp_levels = pd.Series(levels.value.to_numpy(), index=pd.Index(levels.period.to_numpy(), dtype="str"),
                           name=levels.unit.iloc[0] if len(levels) else "")
    title = f"{region.capitalize()} {year}: reduction development report (减量发展)"
    return Report(title, region, year, name, figures, card, productivity, missing, gdp_levels)


def _tapio_reason(g_e: float, g_y: float, e: float) -> str:
    """The words of Tapio's table that place (g_E, g_Y) in its state."""
    output = "GDP grows" if g_y > 0 else "GDP falls" if g_y < 0 else "GDP is flat"
    resource = "energy use grows" if g_e > 0 else "energy use falls" if g_e < 0 else "energy use is flat"
    if math.isnan(e) or g_e == 0 or (g_e > 0) != (g_y > 0):
        return f"{output}, {resource}"
    low, high = TAPIO_BAND
    band = f"e < {low}" if e < low else f"e > {high}" if e > high else f"{low} <= e <= {high}"
    return f"{output}, {resource}, {band}"


# ---------------------------------------------------------------------------------------------------
# The one-page figure


def _draw(report: Report, path: Optional[Any]) -> Any:
    """Draw the report's figure with matplotlib's object API; save it when ``path`` is given."""
    try:
        from matplotlib.figure import Figure as MplFigure
        from matplotlib.ticker import PercentFormatter
    except ImportError as error:  # pragma: no cover - matplotlib is an optional dependency
        raise ImportError("Report.plot needs matplotlib: pip install haidian[plot] "
                          f"(original error: {error})") from error
    from .. import _cjk_text, plotting

    def text(label: str, fallback: str) -> Tuple[str, Dict[str, Any]]:
        return _cjk_text.display_text(label, fallback)

    fig = MplFigure(figsize=(11.69, 8.27), layout="constrained")  # A4 landscape
    (ax_gdp, ax_card), (ax_tapio, ax_share) = fig.subplots(2, 2)
    title, props = text(report.title, f"{report.region.capitalize()} {report.year}: reduction "
                                      "development report")
    fig.suptitle(title, fontsize=14, **props)

    # GDP levels, with the CAGR between them
    levels = report.gdp_levels
    if len(levels):
        positions = np.arange(len(levels))
        ax_gdp.bar(positions, levels.to_numpy(), color="#3182bd")
        ax_gdp.set_xticks(positions)
        ax_gdp.set_xticklabels(list(levels.index))
        unit, props = text(str(levels.name), "level")
        ax_gdp.set_ylabel(f"GDP ({unit})", **props)
        for position, value in zip(positions, levels.to_numpy()):
            ax_gdp.annotate(f"{value:g}", (position, value), ha="center", va="bottom", fontsize=8)
        for i, (a, b) in enumerate(zip(levels.index, levels.index[1:])):
            key = f"gdp_cagr_{a}_{b}"
            rate = next((f.value for f in report.figures if f.key == key), None)
            if isinstance(rate, float):
                middle = (levels.iloc[i] + levels.iloc[i + 1]) / 2
                ax_gdp.annotate(f"CAGR {rate:.2%}", (i + 0.5, middle), ha="center", fontsize=9,
                                color="#08519c")
        ax_gdp.set_title("GDP level (current prices) and growth between levels")
    else:
        ax_gdp.text(0.5, 0.5, "no GDP levels in the data", ha="center", transform=ax_gdp.transAxes)
        ax_gdp.set_axis_off()

    # Scorecard
    card = report.scorecard
    if len(card):
        y = np.arange(len(card))[::-1]
        colours = ["#1b9e77" if ok else "#d95f02" for ok in card.as_wanted]
        ax_card.barh(y, card.change.to_numpy(), color=colours)
        ax_card.set_yticks(y)
        ax_card.set_yticklabels([f"{i} ({w})" for i, w in zip(card.indicator, card.wanted)], fontsize=8)
        ax_card.axvline(0.0, color="black", linewidth=0.8)
        ax_card.xaxis.set_major_formatter(PercentFormatter(xmax=1.0))
        for position, value in zip(y, card.change.to_numpy()):
            ax_card.annotate(f" {value * 100:+.3g}% ", (value, position), va="center", fontsize=7,
                             ha="left" if value >= 0 else "right")
        ax_card.margins(x=0.2)
        ax_card.set_title(f"Scorecard: {int(card.as_wanted.sum())} of {len(card)} moved as wanted "
                          "(green) ")
    else:
        ax_card.text(0.5, 0.5, "no scorecard rows", ha="center", transform=ax_card.transAxes)
        ax_card.set_axis_off()

    # Tapio diagram
    figures = {f.key: f.value for f in report.figures}
    g_e = figures.get("energy_growth", figures.get("implied_energy_growth"))
    g_y = figures.get("gdp_growth")
    if isinstance(g_e, float) and isinstance(g_y, float):
        plotting.tapio_diagram(g_e, g_y, labels=[report.year], resource_name="energy use",
                               output_name="GDP", ax=ax_tapio,
                               title=f"Tapio decoupling {report.year}: {figures.get('tapio_state')}")
    else:
        ax_tapio.text(0.5, 0.5, "no energy and GDP growth in the data", ha="center",
                      transform=ax_tapio.transAxes)
        ax_tapio.set_axis_off()

    # Shares of the city
    shares = report.productivity[report.productivity.measure.str.startswith("share_of_city:")]
    if len(shares):
        y = np.arange(len(shares))[::-1]
        ax_share.barh(y, shares.value.to_numpy(), color="#756bb1")
        ax_share.set_yticks(y)
        ax_share.set_yticklabels([m.split(":", 1)[1] for m in shares.measure], fontsize=8)
        ax_share.xaxis.set_major_formatter(PercentFormatter(xmax=1.0))
        ax_share.set_xlim(0, max(1.0, float(shares.value.max())) * 1.05)
        for position, value in zip(y, shares.value.to_numpy()):
            ax_share.annotate(f"{value:.1%}", (value, position), va="center", fontsize=8)
        ax_share.set_title("Shares of the city total")
    else:
        ax_share.text(0.5, 0.5, "no shares of the city in the data", ha="center",
                      transform=ax_share.transAxes)
        ax_share.set_axis_off()

    if path is not None:
        fig.savefig(path, dpi=150)
    return fig
