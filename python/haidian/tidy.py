"""Between tidy long tables and wide panels.

Statistics arrive as tidy long tables, one row per figure: ``indicator, region, period, value, unit``
(the bundled :func:`haidian.datasets.haidian_2022` table has that shape, plus price basis, kind and
source). :func:`haidian.decompose` takes wide panels: one DataFrame per factor with the periods as
index and the sectors or regions as columns. :func:`to_panels` / :func:`to_panel` go from the first
to the second, :func:`to_tidy` back.

Both directions are strict, because a silently wrong panel gives a silently wrong decomposition:
two rows for the same cell, one indicator in two units, a missing cell, a non-numeric value — each
is an error naming the function, the argument and the offending row or cell.

Examples
--------
>>> import pandas as pd, haidian
>>> table = pd.DataFrame({"indicator": ["gdp", "gdp"], "region": ["a", "a"], "period": [2021, 2022],
...                       "value": [10.0, 11.0], "unit": ["亿元", "亿元"]})
>>> haidian.tidy.to_panel(table, "gdp")["a"].tolist()
[10.0, 11.0]
"""

from __future__ import annotations

from typing import Any, Dict, Hashable, List, Mapping, Optional, Sequence, Union

import numpy as np
import pandas as pd

from . import _labels
from ._core import UnitError

__all__ = ["to_panel", "to_panels", "to_tidy"]

#: The columns of a tidy table, in order.
TIDY_COLUMNS = ("indicator", "region", "period", "value", "unit")


def _period_labels(function: str, argument: str, values: pd.Series) -> pd.Index:
    """Period labels as integer years, a PeriodIndex, or as given.

    A year in any spelling (2022, "2022", 2022.0, an annual Period, a year-start or year-end
    timestamp) becomes an integer year when the labels mix spellings or are integer-like; pandas
    Periods of one frequency (or strings that parse as one, "2022Q1") a PeriodIndex; labels of one
    other kind are kept as they are. Labels of different kinds (a quarter and a year) are refused.
    """
    items = list(values)
    if all(isinstance(item, pd.Period) for item in items) and len({item.freqstr for item in items}) == 1:
        return pd.PeriodIndex(items)
    years = [_labels.year_of(item) for item in items]
    if all(year is not None for year in years) and not all(isinstance(item, pd.Timestamp) for item in items):
        return pd.Index(years, dtype="int64")
    if all(isinstance(item, str) for item in items):
        try:
            periods = [pd.Period(item) for item in items]
        except (ValueError, TypeError):
            return pd.Index(items)
        if len({period.freqstr for period in periods}) == 1:
            return pd.PeriodIndex(periods)
    kinds = list(dict.fromkeys(_labels.kind_of(item) for item in items))
    if len(kinds) > 1:
        examples = [next(item for item in items if _labels.kind_of(item) == kind) for kind in kinds[:3]]
        raise ValueError(f"{function}: {argument} mixes {' and '.join(kinds[:3])} (e.g. "
                         f"{_labels.show_list(examples)}); convert the periods to one frequency first")
    return pd.Index(items)


def _require_columns(function: str, data: pd.DataFrame, columns: Sequence[Hashable]) -> None:
    missing = [column for column in columns if column not in data.columns]
    if missing:
        raise ValueError(
            f"{function}: data has no column {missing[0]!r} (columns: {list(map(str, data.columns))}); "
            "pass the column names with index=, columns=, values=, by= or unit="
        )


_show = _labels.show


def _unit_hint(subset: pd.DataFrame, unit: str, wanted: Any, skip: Sequence[Hashable]) -> str:
    """A filter that keeps the rows in unit ``wanted``: a column whose values differ between those
    rows and the others (e.g. kind='level'), else the unit column itself."""
    mine = (subset[unit] == wanted).to_numpy()
    for column in subset.columns:
        if column in skip or column == unit:
            continue
        inside = set(subset.loc[mine, column].dropna().tolist())
        outside = set(subset.loc[~mine, column].dropna().tolist())
        if len(inside) == 1 and inside.isdisjoint(outside) and outside:
            return f"{column}={_show(next(iter(inside)))}"
    return f"{unit}={_show(wanted)}"


def to_panels(data: pd.DataFrame, indicators: Optional[Sequence[Hashable]] = None, *,
              index: str = "period", columns: Union[str, Sequence[str]] = "region", values: str = "value",
              by: str = "indicator", unit: Optional[str] = "unit", missing: str = "raise",
              **select: Any) -> Dict[Hashable, pd.DataFrame]:
    """Wide panels (periods × regions or sectors) from a tidy long table, one per indicator.

    Parameters
    ----------
    data : pandas.DataFrame
        The tidy table: one row per figure, with the columns named by ``by``, ``columns``,
        ``index``, ``values`` and (unless None) ``unit``. Not modified.
    indicators : sequence, optional
        The indicators to return, in this order (default: every indicator, in order of first
        appearance).
    index : str, default "period"
        Column whose values become the panel's index. Integer-like years become integers, pandas
        Periods (or strings such as "2022Q1") a PeriodIndex. Sorted ascending.
    columns : str or list of str, default "region"
        Column whose values become the panel's columns (regions, sectors), in order of first
        appearance. A list (``["region", "sector"]``) makes the columns a MultiIndex with one level
        per column, named like them: (region, sector) cells for :func:`haidian.decompose` and
        :meth:`haidian.Decomposition.by_region`.
    values : str, default "value"
        Column holding the numbers.
    by : str, default "indicator"
        Column naming the indicator (one panel per value).
    unit : str or None, default "unit"
        Column holding the unit. Each panel must have a single unit, stored in
        ``panel.attrs["unit"]``; None skips the unit check.
    missing : {"raise", "keep"}, default "raise"
        What a cell with no row (or a NaN value) does: an error naming the cell, or NaN in the panel.
    **select
        Equality filters applied first, e.g. ``kind="level"``, ``price_basis="comparable"``, or a
        list of accepted values (``region=["haidian", "beijing"]``).

    Returns
    -------
    dict
        Indicator -> DataFrame (index: periods, named ``index``; columns: regions/sectors, named
        ``columns``; float64), each with ``attrs["indicator"]`` and ``attrs["unit"]``.

    Raises
    ------
    ValueError
        A missing column, an unknown option, no rows left after ``select``, an indicator not in the
        data, two rows for one cell (the message names the columns that tell them apart, to use in
        ``select``), an infinite value, periods of different kinds (a quarter and a year), or a
        missing cell with ``missing="raise"``.
    haidian.UnitError
        One indicator given in more than one unit.
    TypeError
        ``data`` that is not a DataFrame, or a value that is not a number.

    Examples
    --------
    >>> import pandas as pd, haidian
    >>> table = pd.DataFrame({"indicator": ["energy"] * 4, "region": ["a", "b", "a", "b"],
    ...                       "period": [2021, 2021, 2022, 2022], "value": [1.0, 2.0, 1.5, 2.5],
    ...                       "unit": ["万吨标准煤"] * 4})
    >>> haidian.to_panels(table)["energy"]  # doctest: +NORMALIZE_WHITESPACE
    region    a    b
    period
    2021    1.0  2.0
    2022    1.5  2.5
    """
    function = "to_panels"
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{function}: data is {type(data).__name__}, but must be a pandas DataFrame")
    if missing not in ("raise", "keep"):
        raise ValueError(f"{function}: missing is {missing!r}, but must be 'raise' or 'keep'")
    levels = _levels(function, columns)
    needed = [by, *levels, index, values] + ([unit] if unit is not None else [])
    _require_columns(function, data, needed + list(select))
    mask = np.ones(len(data), dtype=bool)
    for column, accepted in select.items():
        if isinstance(accepted, (list, tuple, set, frozenset)):
            mask &= data[column].isin(list(accepted)).to_numpy()
        else:
            mask &= (data[column] == accepted).to_numpy()
    rows = data.loc[mask]
    if rows.empty:
        raise ValueError(f"{function}: no rows of data match {select}" if select
                         else f"{function}: data has no rows")
    available = list(dict.fromkeys(rows[by].tolist()))
    wanted = list(available) if indicators is None else list(indicators)
    if isinstance(indicators, (str, bytes)):
        wanted = [indicators]
    for name in wanted:
        if name not in available:
            raise ValueError(f"{function}: indicators contains {name!r}, which is not in data[{by!r}] "
                             f"(after the filters {select}); available: {available}")
    panels: Dict[Hashable, pd.DataFrame] = {}
    for name in wanted:
        subset = rows.loc[rows[by] == name]
        panels[name] = _one_panel(function, subset, name, index=index, columns=levels,
                                  values=values, by=by, unit=unit, missing=missing)
    return panels


def _levels(function: str, columns: Any) -> List[Hashable]:
    """The column names of ``columns=``: one name, or a non-empty list of distinct names."""
    if isinstance(columns, (list, tuple)):
        if not columns or len(set(columns)) != len(columns):
            raise ValueError(f"{function}: columns is {list(columns)!r}, but must name one or more distinct "
                             "columns")
        return list(columns)
    return [columns]


def _one_panel(function: str, subset: pd.DataFrame, name: Hashable, *, index: str, columns: List[Hashable],
               values: str, by: str, unit: Optional[str], missing: str) -> pd.DataFrame:
    """One indicator's rows as a periods × columns panel, with every check (``columns``: its levels)."""
    levels = columns
    what = levels[0] if len(levels) == 1 else "(" + ", ".join(map(str, levels)) + ")"
    if len(levels) == 1:
        cells = subset[levels[0]].to_numpy()
    else:  # one tuple per row (an object array: numpy would make a 2-D array of tuples)
        cells = np.empty(len(subset), dtype=object)
        cells[:] = list(zip(*(subset[level].tolist() for level in levels)))
    unit_value: Optional[str] = None
    if unit is not None:
        units = list(dict.fromkeys(subset[unit].tolist()))
        if len(units) > 1:
            first = subset.index[(subset[unit] == units[1]).to_numpy()][0]
            raise UnitError(
                f"{function}: indicator {name!r} is given in more than one unit ({units}); row "
                f"{_show(first)} has {units[1]!r}. Convert to one unit, or select rows with e.g. "
                f"{_unit_hint(subset, unit, units[0], (values, *levels, index, by))}"
            )
        unit_value = None if pd.isna(units[0]) else str(units[0])
    for key in (index, *levels):
        holes = np.flatnonzero(subset[key].isna().to_numpy())
        if holes.size:
            raise ValueError(f"{function}: data[{key!r}] at row {_show(subset.index[holes[0]])} is "
                             f"missing (indicator {name!r}), but every row needs a {key}")
    numbers_ = pd.to_numeric(subset[values], errors="coerce")
    bad = np.flatnonzero((numbers_.isna() & subset[values].notna()).to_numpy())
    if bad.size:
        raise TypeError(f"{function}: data[{values!r}] at row {_show(subset.index[bad[0]])} is "
                        f"{_show(subset[values].iloc[bad[0]])}, but must be a number")
    infinite = np.flatnonzero(np.isinf(numbers_.to_numpy(dtype=float)))
    if infinite.size:
        raise ValueError(f"{function}: data[{values!r}] at row {_show(subset.index[infinite[0]])} is "
                         f"{numbers_.iloc[infinite[0]]}, but must be finite (indicator {name!r})")
    period_index = _period_labels(function, f"data[{index!r}] (indicator {name!r})", subset[index])
    # Duplicates are judged on the converted periods, so "2022" and 2022 are the same cell.
    keys = pd.DataFrame({"column": cells, "period": period_index})
    duplicated = keys.duplicated(keep=False).to_numpy()
    if duplicated.any():
        clash = subset.loc[duplicated]
        first_key = keys.loc[duplicated].iloc[0]
        same = clash.loc[((keys["column"] == first_key["column"])
                          & (keys["period"] == first_key["period"])).to_numpy()[duplicated]]
        differing = [str(c) for c in same.columns
                     if c not in (values, *levels, index, by) and same[c].nunique(dropna=False) > 1]
        example = same[differing[0]].dropna() if differing else None
        hint = (f"; they differ in {differing}: select one with e.g. "
                f"{differing[0]}={_show(example.iloc[0])}" if example is not None and len(example)
                else f"; they differ in {differing}" if differing else "")
        raise ValueError(
            f"{function}: indicator {name!r} has {len(same)} rows for {what} "
            f"{_show(first_key['column'])}, {index} {_show(first_key['period'])} "
            f"(rows {[_show(r) for r in same.index]}){hint}"
        )
    # Cells by position in order of first appearance: a tuple label does not survive a pivot.
    column_labels = list(dict.fromkeys(cells.tolist()))
    position = {label: j for j, label in enumerate(column_labels)}
    frame = pd.DataFrame(
        {"__period": period_index, "__column": [position[cell] for cell in cells.tolist()],
         "__value": numbers_.to_numpy(dtype=float)}
    )
    panel = frame.pivot(index="__period", columns="__column", values="__value")
    panel = panel.reindex(columns=range(len(column_labels))).sort_index()
    panel.index.name = index
    panel.columns = (pd.Index(column_labels, name=levels[0]) if len(levels) == 1
                     else pd.MultiIndex.from_tuples(column_labels, names=levels))
    panel = panel.astype(float)
    if missing == "raise":
        empty = np.argwhere(np.isnan(panel.to_numpy()))
        if empty.size:
            row, column = empty[0]
            raise ValueError(
                f"{function}: indicator {name!r} has no value for {what} "
                f"{_show(panel.columns[column])}, {index} {_show(panel.index[row])} "
                f"({len(empty)} missing cell(s)); pass missing='keep' to get NaN there"
            )
    panel.attrs["indicator"] = name
    panel.attrs["unit"] = unit_value
    return panel


def to_panel(data: pd.DataFrame, indicator: Hashable, **options: Any) -> pd.DataFrame:
    """One wide panel (periods × regions or sectors) from a tidy long table.

    Parameters
    ----------
    data : pandas.DataFrame
        The tidy table (see :func:`to_panels`). Not modified.
    indicator : hashable
        The indicator to take (a value of the ``by`` column).
    **options
        ``index``, ``columns``, ``values``, ``by``, ``unit``, ``missing`` and the equality filters of
        :func:`to_panels`.

    Returns
    -------
    pandas.DataFrame
        Periods × columns, float64, with ``attrs["indicator"]`` and ``attrs["unit"]``.

    Raises
    ------
    ValueError, TypeError, haidian.UnitError
        As :func:`to_panels`.

    Examples
    --------
    >>> import pandas as pd, haidian
    >>> table = pd.DataFrame({"indicator": ["energy"] * 4, "region": ["a", "b", "a", "b"],
    ...                       "period": [2021, 2021, 2022, 2022], "value": [1.0, 2.0, 1.5, 2.5],
    ...                       "unit": ["万吨标准煤"] * 4})
    >>> panel = haidian.to_panel(table, "energy")
    >>> panel.to_dict("list"), panel.attrs["unit"]
    ({'a': [1.0, 1.5], 'b': [2.0, 2.5]}, '万吨标准煤')
    """
    return to_panels(data, [indicator], **options)[indicator]


def to_tidy(panels: Union[Mapping[Hashable, Any], pd.DataFrame, pd.Series], *,
            unit: Union[None, str, Mapping[Hashable, str]] = None,
            indicator: Optional[Hashable] = None, index: Optional[str] = None,
            columns: Union[None, str, Sequence[str]] = None, dropna: bool = False) -> pd.DataFrame:
    """A tidy long table from wide panels: ``indicator, region, period, value, unit``.

    Parameters
    ----------
    panels : dict of pandas.DataFrame, pandas.DataFrame or pandas.Series
        Indicator -> panel (index: periods, columns: regions or sectors). A single DataFrame needs
        ``indicator`` (or ``attrs["indicator"]``); a Series (one region) is a one-column panel named
        after the Series. Not modified.
    unit : str or dict, optional
        The unit of every panel, or indicator -> unit. Default: each panel's ``attrs["unit"]``
        (set by :func:`to_panels`). Every panel must end up with a unit.
    indicator : hashable, optional
        Name of a single DataFrame or Series given as ``panels``.
    index : str, optional
        Name of the period column (default "period").
    columns : str or list of str, optional
        Name of the region/sector column (default "region"). Panels whose columns are a MultiIndex
        ((region, sector) cells) get one column per level, named by the level names, or by this
        list (one name per level).
    dropna : bool, default False
        Leave out cells whose value is NaN (default: keep them as rows with NaN).

    Returns
    -------
    pandas.DataFrame
        Columns ``indicator, <columns>, <index>, value, unit`` (``<columns>``: one column per level
        of MultiIndex columns): one row per cell, indicators in the order given, then periods, then
        columns.

    Raises
    ------
    ValueError
        No panels, a panel with duplicated periods or columns, a panel with no unit, or ``columns``
        that does not give one name per level.
    TypeError
        A panel that is not a DataFrame or Series, a unit that is not a string, values that are not
        numbers.

    Examples
    --------
    >>> import pandas as pd, haidian
    >>> panel = pd.DataFrame({"a": [1.0, 1.5], "b": [2.0, 2.5]}, index=[2021, 2022])
    >>> haidian.to_tidy({"energy": panel}, unit="万吨标准煤").shape
    (4, 5)
    """
    function = "to_tidy"
    index_name = index or "period"
    if isinstance(panels, (pd.DataFrame, pd.Series)):
        name = indicator if indicator is not None else panels.attrs.get("indicator")
        if name is None and isinstance(panels, pd.Series):
            name = panels.name
        if name is None:
            raise ValueError(f"{function}: panels is a single {type(panels).__name__} without a name; "
                             "pass indicator='...'")
        panels = {name: panels}
    elif indicator is not None:
        raise ValueError(f"{function}: indicator is only for a single DataFrame or Series, but "
                         "panels is a dict")
    if not isinstance(panels, Mapping):
        raise TypeError(f"{function}: panels is {type(panels).__name__}, but must be a dict of "
                        "DataFrames, a DataFrame or a Series")
    if len(panels) == 0:
        raise ValueError(f"{function}: panels is empty, but needs at least one panel")
    pieces: List[pd.DataFrame] = []
    for name, panel in panels.items():
        if isinstance(panel, pd.Series):
            panel = panel.to_frame(name=panel.attrs.get("region", panel.name if panel.name is not None
                                                         else name))
        if not isinstance(panel, pd.DataFrame):
            raise TypeError(f"{function}: panels[{name!r}] is {type(panel).__name__}, but must be a "
                            "pandas DataFrame or Series")
        if panel.index.has_duplicates:
            raise ValueError(f"{function}: panels[{name!r}] has the period "
                             f"{_show(panel.index[panel.index.duplicated()][0])} twice")
        if panel.columns.has_duplicates:
            raise ValueError(f"{function}: panels[{name!r}] has the column "
                             f"{_show(panel.columns[panel.columns.duplicated()][0])} twice")
        if isinstance(unit, Mapping):
            panel_unit = unit.get(name, panel.attrs.get("unit"))
        else:
            panel_unit = unit if unit is not None else panel.attrs.get("unit")
        if panel_unit is None:
            raise ValueError(f"{function}: panels[{name!r}] has no unit; pass unit='...' (or a dict "
                             "indicator -> unit), or set panel.attrs['unit']")
        if not isinstance(panel_unit, str):
            raise TypeError(f"{function}: the unit of panels[{name!r}] is {panel_unit!r}, but must be a string")
        try:
            numeric = panel.astype(float)
        except (TypeError, ValueError) as error:
            raise TypeError(f"{function}: panels[{name!r}] holds a value that is not a number "
                            f"({error})") from None
        periods = list(numeric.index)
        regions = list(numeric.columns)
        grid = numeric.to_numpy()
        names = _level_names(function, name, numeric.columns, columns)
        labels = [[cell] for cell in regions] if len(names) == 1 else regions
        piece = pd.DataFrame({
            "indicator": [name] * grid.size,
            **{level: [cell[k] for _ in periods for cell in labels] for k, level in enumerate(names)},
            index_name: [period for period in periods for _ in regions],
            "value": grid.reshape(-1),
            "unit": [panel_unit] * grid.size,
        })
        if dropna:
            piece = piece.loc[piece["value"].notna()]
        pieces.append(piece)
    return pd.concat(pieces, ignore_index=True)


def _level_names(function: str, name: Hashable, cells: pd.Index, columns: Any) -> List[Hashable]:
    """The tidy columns for a panel's columns: ``columns`` (one name per level), else the level
    names of a MultiIndex (``level_k`` for an unnamed one), else "region"."""
    if isinstance(columns, (list, tuple)):
        if len(columns) != cells.nlevels or len(set(columns)) != len(columns):
            raise ValueError(f"{function}: columns is {list(columns)!r}, but panels[{name!r}] has "
                             f"{cells.nlevels} column level(s) {list(cells.names)}; give one distinct name "
                             "per level")
        return list(columns)
    if isinstance(cells, pd.MultiIndex):
        if columns is not None:
            raise ValueError(f"{function}: columns is {columns!r}, but panels[{name!r}] has the column levels "
                             f"{list(cells.names)}; give one name per level (a list)")
        return [level if level is not None else f"level_{k}" for k, level in enumerate(cells.names)]
    return [columns or "region"]
