"""The rise-and-fall scorecard (升降之间) and resource productivity, from any tidy indicator table.

Reduction development (减量发展) asks output, income and the high-tech economy to rise while the use
of energy, water and land, and the intensities, stay flat or fall. The scorecard lists each indicator
whose direction policy wants is known, its change, and whether it moved that way; the productivity
table gives output per km² of land and of industrial land, per person when the population is known,
and the region's shares of the city total.

Both work on a tidy table with the columns of :mod:`haidian.datasets` (by default the bundled Haidian
2022 dataset) and show, for every number they derive, the formula with its inputs.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Tuple

import numpy as np
import pandas as pd

from .._core import Unit, UnitError
from ..datasets import period_years
from ..targets import implied_resource_growth
from ._table import checked_table, each_row, finite, fraction, number, one_plus, overflow_is_checked

__all__ = ["WANTED_DIRECTIONS", "scorecard", "resource_productivity"]

#: The direction policy wants each indicator to move, for the ids of the bundled dataset and common
#: ones of user tables. Reduction development: output, income, innovation and openness up; resource
#: use, intensities, land and illegal construction down (Beijing master plan 2016-2035; the article's
#: "升降之间"). Pass ``directions=`` to :func:`scorecard` to add or override entries.
WANTED_DIRECTIONS: Dict[str, str] = {
    # output and demand
    "gdp": "up",
    "gdp_per_capita": "up",
    "industrial_value_added": "up",
    "industrial_robot_output": "up",  # high-tech (高精尖) manufacturing
    "retail_sales": "up",
    "retail_sales_culture_sports": "up",  # upgraded consumption (升级类消费)
    "disposable_income_per_capita": "up",
    # innovation and openness
    "high_tech_enterprises": "up",
    "little_giant_enterprises": "up",
    "specialised_smes": "up",
    "fdi_actual_use": "up",
    "new_foreign_invested_enterprises": "up",
    # resources and land: reduction
    "energy_intensity": "down",
    "energy_use": "down",
    "water_intensity": "down",
    "water_use": "down",
    "carbon_intensity": "down",
    "carbon_emissions": "down",
    "land_area_built": "down",
    "construction_land_area": "down",
    "industrial_land_area": "down",
    "illegal_construction_area": "down",
}

_DIRECTIONS = ("up", "down")
_SCORECARD_COLUMNS = ("indicator", "label_zh", "region", "base", "period", "change", "unit", "wanted",
                      "moved", "as_wanted", "how")


def _previous_period(period: str) -> str:
    first, last = period_years(period)
    return str(first - 1) if first == last and len(period) == 4 else ""


def _directions(directions: Optional[Mapping[str, str]], function: str) -> Dict[str, str]:
    merged = dict(WANTED_DIRECTIONS)
    if directions is None:
        return merged
    if not isinstance(directions, Mapping):
        raise TypeError(f"{function}: directions is a {type(directions).__name__}, but must be a "
                        "mapping of indicator to 'up' or 'down'")
    for indicator, direction in directions.items():
        if direction not in _DIRECTIONS:
            raise ValueError(f"{function}: directions[{indicator!r}] is {direction!r}, but must be "
                             "'up' or 'down'")
        merged[str(indicator)] = direction
    return merged


def scorecard(data: Optional[pd.DataFrame] = None, *, directions: Optional[Mapping[str, str]] = None,
              region: Optional[str] = None, derive_resource_use: bool = True) -> pd.DataFrame:
    """The rise-and-fall scorecard: each indicator's change, the direction wanted, and whether it moved so.

    Changes come, per indicator and region, from

    * its published growth rows (kind ``growth``), one scorecard row each; or, when it has none,
    * consecutive pairs of its single-year level rows in one unit and price basis:
      ``change = level_end / level_start - 1`` over the pair (not annualised);
    * and, with ``derive_resource_use``, the resource use implied by a published intensity change
      and output (``gdp``) growth of the same region and period when the use itself is not
      published: ``energy_use`` from ``energy_intensity`` (likewise water, carbon), via
      :func:`haidian.implied_resource_growth`, ``(1 + g_Y)(1 + r) - 1``.

    Parameters
    ----------
    data : pandas.DataFrame, optional
        A tidy indicator table (see :mod:`haidian.datasets`); default: the bundled Haidian 2022 data.
        Not modified.
    directions : mapping of str to {"up", "down"}, optional
        Wanted directions, added to (and overriding) :data:`WANTED_DIRECTIONS`. Indicators with no
        wanted direction are left out.
    region : str, optional
        Only this region (default: all).
    derive_resource_use : bool, default True
        Add the implied resource-use rows described above.

    Returns
    -------
    pandas.DataFrame
        Columns ``indicator, label_zh, region, base, period, change, unit, wanted, moved,
        as_wanted, how``: ``change`` a fraction (0.035 is +3.5%) from ``base`` to ``period``;
        ``moved`` is "up", "down" or "flat"; ``as_wanted`` is True when ``moved == wanted`` (flat
        never counts as moving the wanted way); ``how`` says where the change comes from, with the
        formula and inputs when derived. Sorted as the table lists the indicators.

    Raises
    ------
    ValueError
        A bad table (naming the row and column, see :func:`haidian.datasets.check_table`), a wanted
        direction other than "up"/"down", or no indicator with a known direction and a change.
    TypeError
        If ``data`` is not a DataFrame or ``directions`` not a mapping.

    Examples
    --------
    >>> row = scorecard().set_index("indicator").loc["energy_intensity"]
    >>> float(row.change), str(row.wanted), bool(row.as_wanted)
    (-0.03, 'down', True)
    """
    function = "scorecard"
    table = checked_table(data, function)
    wanted_of = _directions(directions, function)
    if region is not None:
        if not isinstance(region, str):
            raise TypeError(f"{function}: region is a {type(region).__name__}, but must be a string")
        table = table[table.region == region]
        if table.empty:
            raise ValueError(f"{function}: region is {region!r}, but the data have no rows for it")
    card = checked_scorecard(table, wanted_of, derive_resource_use, function)
    if card.empty:
        raise ValueError(f"{function}: data have no indicator with a wanted direction and a change "
                         "(growth rows, or two level rows); pass directions= to name them")
    return card


@overflow_is_checked
def checked_scorecard(table: pd.DataFrame, wanted_of: Mapping[str, str], derive_resource_use: bool,
                      function: str) -> pd.DataFrame:
    """The scorecard of a table already checked (by load_csv or check_table), with the merged wanted
    directions; empty when no indicator has a direction and a change. The report builds on it."""
    rows: List[Dict[str, Any]] = []
    for (indicator, place), group in table.groupby(["indicator", "region"], sort=False):
        wanted = wanted_of.get(indicator)
        if wanted is None:
            continue
        growth = group[group.kind == "growth"]
        if not growth.empty:
            for item in each_row(growth):
                base = item.relative_to if item.relative_to else _previous_period(item.period)
                basis = f" at {item.price_basis} prices" if item.price_basis else ""
                rows.append(dict(indicator=indicator, label_zh=item.label_zh, region=place, base=base,
                                 period=item.period, change=item.value,
                                 how=f"published growth{basis}: {item.source}"))
            continue
        rows.extend(_level_changes(indicator, place, group))

    if derive_resource_use:
        rows.extend(_implied_use_rows(table, rows, wanted_of))
    for row in rows:
        finite(row["change"], f"the change of {row['indicator']} ({row['how']})", function)

    if not rows:
        return pd.DataFrame({c: pd.Series([], dtype=bool if c == "as_wanted" else
                                          np.float64 if c == "change" else "str")
                             for c in _SCORECARD_COLUMNS})
    card = pd.DataFrame(rows)
    card["wanted"] = [wanted_of[i] for i in card.indicator]
    card["moved"] = np.where(card.change > 0, "up", np.where(card.change < 0, "down", "flat"))
    card["as_wanted"] = card.moved == card.wanted
    card["unit"] = "fraction"
    card = card[list(_SCORECARD_COLUMNS)].reset_index(drop=True)
    for column in ("indicator", "label_zh", "region", "base", "period", "unit", "wanted", "moved", "how"):
        card[column] = card[column].astype("str")
    card["change"] = card["change"].astype(np.float64)
    card["as_wanted"] = card["as_wanted"].astype(bool)
    return card


def _level_changes(indicator: str, region: str, group: pd.DataFrame) -> List[Dict[str, Any]]:
    """Changes between consecutive single-year levels of one unit and price basis."""
    levels = group[(group.kind == "level") & (group.period.str.len() == 4)]
    rows = []
    for (unit, basis), same in levels.groupby(["unit", "price_basis"], sort=False):
        same = same.sort_values("period")
        for start, end in zip(each_row(same), each_row(same.iloc[1:])):
            if start.value == 0:
                continue  # no relative change from zero
            change = end.value / start.value - 1.0
            prices = f", {basis} prices" if basis else ""
            rows.append(dict(
                indicator=indicator, label_zh=end.label_zh, region=region, base=start.period,
                period=end.period, change=change,
                how=(f"from levels ({unit}{prices}): {number(end.value)} / {number(start.value)} - 1 "
                     f"= {fraction(change)}")))
    return rows


_IMPLIED_USE = {
    "energy_intensity": ("energy_use", "能源消费量增速(由能耗强度和GDP增速推算)"),
    "water_intensity": ("water_use", "用水量增速(由水耗强度和GDP增速推算)"),
    "carbon_intensity": ("carbon_emissions", "碳排放增速(由碳排放强度和GDP增速推算)"),
}


def _implied_use_rows(table: pd.DataFrame, rows: List[Dict[str, Any]],
                      wanted_of: Mapping[str, str]) -> List[Dict[str, Any]]:
    """Resource use growth implied by intensity change and GDP growth, where not published."""
    present = {(r["indicator"], r["region"], r["period"]) for r in rows}
    growth = table[table.kind == "growth"]
    gdp = {(r.region, r.period): r.value for r in each_row(growth[growth.indicator == "gdp"])}
    derived = []
    for item in each_row(growth[growth.indicator.isin(list(_IMPLIED_USE))]):
        use, label = _IMPLIED_USE[item.indicator]
        key = (item.region, item.period)
        if key not in gdp or (use, item.region, item.period) in present or use not in wanted_of:
            continue
        g_y, r = gdp[key], item.value
        change = float(implied_resource_growth(output_growth=g_y, intensity_change=r))
        derived.append(dict(
            indicator=use, label_zh=label, region=item.region,
            base=item.relative_to or _previous_period(item.period), period=item.period, change=change,
            how=(f"implied: (1 + g_gdp)(1 + {item.indicator} change) - 1 = "
                 f"{one_plus(g_y)}{one_plus(r)} - 1 = {fraction(change)}")))
    return derived


# ---------------------------------------------------------------------------------------------------
# Resource productivity


def _latest_common(table: pd.DataFrame, region: str, numerator: str, denominator: str,
                   kind_n: str = "level", kind_d: str = "level") -> Optional[Tuple[Any, Any]]:
    """Rows of numerator and denominator in the latest single period they share."""
    n = table[(table.indicator == numerator) & (table.region == region) & (table.kind == kind_n)]
    d = table[(table.indicator == denominator) & (table.region == region) & (table.kind == kind_d)]
    common = sorted(set(n.period) & set(d.period), key=lambda p: (period_years(p)[1], p))
    if not common:
        return None
    period = common[-1]
    return n[n.period == period].iloc[0], d[d.period == period].iloc[0]


_PERSONS, _YUAN = Unit("persons"), Unit("元")


def _in_unit(value: float, unit: str, target: Unit) -> Optional[float]:
    """``value`` in ``unit`` converted to ``target`` by the core's units, or None when ``unit`` is not
    one the core knows or measures something else."""
    try:
        source = Unit(unit)
    except (UnitError, ValueError):
        return None
    return value * source.factor_to(target) if source.compatible(target) else None


def resource_productivity(data: Optional[pd.DataFrame] = None, *, region: str = "haidian",
                          city: str = "beijing") -> pd.DataFrame:
    """Output per unit of land, industrial land and person, and the region's shares of the city.

    Parameters
    ----------
    data : pandas.DataFrame, optional
        A tidy indicator table; default: the bundled Haidian 2022 dataset. Not modified.
    region : str, default "haidian"
        The region measured.
    city : str, default "beijing"
        The whole its shares refer to (rows of kind ``share`` whose ``relative_to`` is ``city``).

    Returns
    -------
    pandas.DataFrame
        One row per measure that the data allow, columns ``measure, period, value, unit, formula``:

        * ``gdp_per_km2_land`` = gdp / land_area and ``gdp_per_km2_industrial_land`` =
          gdp / industrial_land_area (亿元/km² when GDP is in 亿元), same period;
        * ``gdp_per_person`` = gdp / population in 元 per person, if a ``population`` level exists
          in a unit of persons (``persons``, ``万人``) and GDP in one of money (元, 万元, 亿元),
          converted by :class:`haidian.Unit`;
        * ``share_of_city:<indicator>``: each published share of the city total;
        * ``city_total:<indicator>`` = level / share, the city total the share implies (as rounded
          as the share);
        * ``land_productivity_vs_city`` = GDP share / land share: output per km² relative to the
          city average.

        ``formula`` shows each computation with its inputs.

    Raises
    ------
    ValueError
        A bad table (naming the row and column), or no measure computable for ``region``.
    TypeError
        If ``data`` is not a DataFrame.
    """
    function = "resource_productivity"
    table = checked_table(data, function)
    frame = checked_productivity(table, region, city, function)
    if frame.empty:
        raise ValueError(f"{function}: region is {region!r}, but the data have neither gdp with "
                         "land_area, industrial_land_area or population levels, nor shares of "
                         f"{city!r} for it")
    return frame


@overflow_is_checked
def checked_productivity(table: pd.DataFrame, region: str, city: str, function: str) -> pd.DataFrame:
    """The resource productivity rows of a table already checked (empty when none can be computed);
    one pass over the table per measure, one lookup per share row. The report builds on it."""
    table = table[table.region == region]
    out: List[Dict[str, Any]] = []

    def level_ratio(measure: str, denominator: str, what: str) -> None:
        pair = _latest_common(table, region, "gdp", denominator)
        if pair is None:
            return
        gdp, other = pair
        if other.value <= 0:
            raise ValueError(f"{function}: {denominator} of {region} in {other.period} is "
                             f"{number(other.value)}, but must be positive")
        value = gdp.value / other.value
        out.append(dict(measure=measure, period=gdp.period, value=value,
                        unit=f"{gdp.unit}/{other.unit}",
                        formula=(f"gdp / {what} = {number(gdp.value)} {gdp.unit} / "
                                 f"{number(other.value)} {other.unit} = {value:.6g}")))

    level_ratio("gdp_per_km2_land", "land_area", "land area")
    level_ratio("gdp_per_km2_industrial_land", "industrial_land_area", "industrial land area")

    pair = _latest_common(table, region, "gdp", "population")
    if pair is not None:
        gdp, population = pair
        persons = _in_unit(population.value, population.unit, _PERSONS)
        yuan = _in_unit(gdp.value, gdp.unit, _YUAN)
        if persons is not None and yuan is not None and persons > 0:
            value = yuan / persons
            out.append(dict(measure="gdp_per_person", period=gdp.period, value=value, unit="元/person",
                            formula=(f"gdp / population = {number(gdp.value)} {gdp.unit} / "
                                     f"{number(population.value)} {population.unit} = "
                                     f"{value:.6g} 元 per person")))

    shares = table[(table.kind == "share") & (table.relative_to == city)]
    amounts: Dict[Tuple[str, str], List[Any]] = {}  # (indicator, period) -> its level/count rows
    for item in each_row(table[table.kind.isin(["level", "count"])]):
        amounts.setdefault((item.indicator, item.period), []).append(item)
    for share in each_row(shares):
        out.append(dict(measure=f"share_of_city:{share.indicator}", period=share.period,
                        value=share.value, unit="fraction",
                        formula=f"published: {share.source}" if share.source else "published"))
        level = amounts.get((share.indicator, share.period), [])
        if len(level) == 1 and share.value > 0:
            item = level[0]
            total = item.value / share.value
            out.append(dict(measure=f"city_total:{share.indicator}", period=share.period, value=total,
                            unit=item.unit,
                            formula=(f"{share.indicator} / its share of {city} = {number(item.value)} "
                                     f"{item.unit} / {number(share.value)} = {total:.6g} {item.unit}")))

    pair = _latest_common(table[table.relative_to == city], region, "gdp", "land_area", "share", "share")
    if pair is not None:
        gdp_share, land_share = pair
        if land_share.value > 0:
            value = gdp_share.value / land_share.value
            out.append(dict(measure="land_productivity_vs_city", period=gdp_share.period, value=value,
                            unit="ratio",
                            formula=(f"gdp share / land share = {number(gdp_share.value)} / "
                                     f"{number(land_share.value)} = {value:.4g} (output per km² "
                                     f"relative to the {city} average)")))

    for row in out:
        finite(row["value"], f"{row['measure']} of {region} ({row['formula']})", function)
    frame = pd.DataFrame(out, columns=["measure", "period", "value", "unit", "formula"])
    for column in ("measure", "period", "unit", "formula"):
        frame[column] = frame[column].astype("str")
    frame["value"] = frame["value"].astype(np.float64)
    return frame
