"""(region, sector) panels end to end: tidy tables, decomposition, regions' shares and own effects.

The oracle is the additive LMDI-I formula (Ang 2005) written here in numpy: the effect of factor k
in cell i over a step is ``L(E_i^T, E_i^0) ln(x_{k,i}^T / x_{k,i}^0)`` with ``L`` the logarithmic
mean; a region's share sums its cells, a region's own decomposition rebuilds the factors from the
region's data alone.
"""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest

import haidian

REGIONS = ["海淀", "chaoyang", "dongcheng"]
SECTORS = ["agriculture", "industry", "construction", "transport", "services"]
YEARS = list(range(2011, 2021))


def log_mean(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """L(a, b) = (a - b) / ln(a / b), L(a, a) = a (positive inputs only)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(a == b, a, (a - b) / (np.log(a) - np.log(b)))


def lmdi_intensity(energy: np.ndarray, output: np.ndarray) -> np.ndarray:
    """Chained LMDI-I per cell: steps x 3 (activity, structure, intensity) x cells."""
    total = output.sum(axis=1, keepdims=True)
    factors = [np.broadcast_to(total, output.shape), output / total, energy / output]
    weight = log_mean(energy[1:], energy[:-1])
    return np.stack([weight * np.log(x[1:] / x[:-1]) for x in factors], axis=1)


@pytest.fixture(scope="module")
def panel():
    """Output and energy, 10 years x (3 regions x 5 sectors), as numpy arrays in a fixed order."""
    rng = np.random.default_rng(20240601)
    shape = (len(YEARS), len(REGIONS) * len(SECTORS))
    output = rng.uniform(50.0, 500.0, size=shape) * np.linspace(1.0, 1.8, len(YEARS))[:, None]
    energy = output * rng.uniform(0.2, 2.0, size=shape[1]) * rng.uniform(0.8, 1.1, size=shape)
    cells = pd.MultiIndex.from_product([REGIONS, SECTORS], names=["region", "sector"])
    return output, energy, cells


@pytest.fixture(scope="module")
def result(panel):
    """decompose_intensity on frames in another year order and another cell order."""
    output, energy, cells = panel
    e = pd.DataFrame(energy, index=YEARS, columns=cells).iloc[::-1]  # years descending
    order = np.random.default_rng(3).permutation(len(cells))  # sectors (and regions) shuffled
    q = pd.DataFrame(output[:, order], index=YEARS, columns=cells[order])
    return haidian.decompose_intensity(e, q)


def region_sum(per_cell: np.ndarray) -> np.ndarray:
    """Sums the last axis (cells, region-major) per region: ... x regions."""
    return per_cell.reshape(*per_cell.shape[:-1], len(REGIONS), len(SECTORS)).sum(axis=-1)


def as_array(frame: pd.DataFrame) -> np.ndarray:
    """Rows (period, factor) x regions as steps x factors x regions, in REGIONS order."""
    return frame[REGIONS].to_numpy().reshape(len(YEARS) - 1, 3, len(REGIONS))


def test_cells_keep_their_labels_in_time_order(result, panel) -> None:
    assert isinstance(result.sectors, pd.MultiIndex)
    assert list(result.sectors.names) == ["region", "sector"]
    assert list(result.sectors) == list(panel[2])  # the first input's cell order
    assert list(result.periods) == YEARS


def test_contribution_is_the_numpy_lmdi_summed_per_region(result, panel) -> None:
    output, energy, _ = panel
    expected = region_sum(lmdi_intensity(energy, output))
    both = result.by_region("region")
    np.testing.assert_allclose(as_array(both.contribution), expected, rtol=1e-10, atol=1e-9)
    np.testing.assert_allclose(as_array(result.by_group()), expected, rtol=1e-10, atol=1e-9)


def test_contributions_sum_to_the_national_effects(result) -> None:
    summed = result.by_region().contribution.sum(axis=1).unstack("factor")[result.factors]
    np.testing.assert_allclose(summed.to_numpy(), result.effects.to_numpy(), rtol=1e-12)


def test_own_is_each_region_decomposed_alone(result, panel) -> None:
    output, energy, _ = panel
    both = result.by_region("region")
    for r, region in enumerate(REGIONS):
        cells = slice(r * len(SECTORS), (r + 1) * len(SECTORS))
        expected = lmdi_intensity(energy[:, cells], output[:, cells]).sum(axis=-1)
        got = both.own[region].unstack("factor")[["activity", "structure", "intensity"]].to_numpy()
        np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-9)


def test_own_effects_sum_to_the_regions_own_change(result, panel) -> None:
    _, energy, _ = panel
    change = np.diff(region_sum(energy), axis=0)
    both = result.by_region()
    np.testing.assert_allclose(both.change[REGIONS].to_numpy(), change, rtol=1e-12)
    own = both.own.groupby(level="period").sum()  # sum over factors
    np.testing.assert_allclose(own[REGIONS].to_numpy(), change, rtol=1e-10)
    shares = both.contribution.groupby(level="period").sum()
    np.testing.assert_allclose(shares[REGIONS].to_numpy(), change, rtol=1e-10)


def test_shares_and_own_differ_when_a_factor_is_relative_to_the_whole(result) -> None:
    both = result.by_region()
    gap = (both.contribution - both.own).xs("structure", level="factor").abs().to_numpy()
    assert gap.max() > 1.0


def test_plain_factors_give_the_same_shares_and_own_effects(panel) -> None:
    output, energy, cells = panel
    frames = {"output": pd.DataFrame(output, index=YEARS, columns=cells),
              "intensity": pd.DataFrame(energy / output, index=YEARS, columns=cells)}
    both = haidian.decompose(frames).by_region()
    np.testing.assert_allclose(both.own.to_numpy(), both.contribution.to_numpy(), rtol=1e-10, atol=1e-9)


def test_by_sector_and_by_group_by_level(result, panel) -> None:
    output, energy, cells = panel
    per_cell = result.by_sector()
    assert per_cell.columns.equals(cells) and list(per_cell.columns.names) == ["region", "sector"]
    np.testing.assert_allclose(per_cell.to_numpy().reshape(len(YEARS) - 1, 3, -1), lmdi_intensity(energy, output),
                               rtol=1e-10, atol=1e-9)
    by_region = result.by_group("region")
    assert by_region.equals(result.by_group(0)) and by_region.equals(result.by_group())
    assert list(by_region.columns) == REGIONS and by_region.columns.name == "region"
    by_sector = result.by_group("sector")
    assert list(by_sector.columns) == SECTORS
    expected = lmdi_intensity(energy, output).reshape(len(YEARS) - 1, 3, len(REGIONS), len(SECTORS)).sum(axis=2)
    np.testing.assert_allclose(by_sector.to_numpy().reshape(expected.shape), expected, rtol=1e-10, atol=1e-9)


def test_missing_level_is_a_clear_error(result) -> None:
    with pytest.raises(ValueError, match=r"no level 'province'; their levels are \['region', 'sector'\]"):
        result.by_group("province")
    with pytest.raises(ValueError, match=r"no level 'province'"):
        result.by_region("province")
    with pytest.raises(ValueError, match=r"no level 2"):
        result.by_region(2)
    single = haidian.decompose({"x": pd.DataFrame({"a": [1.0, 2.0], "b": [2.0, 3.0]})})
    with pytest.raises(ValueError, match=r"the level 'region' needs cells with levels"):
        single.by_group("region")
    with pytest.raises(TypeError, match="neither a mapping sector -> group nor a level"):
        result.by_group(["region"])


def test_by_region_refuses_inconsistent_methods(panel) -> None:
    output, energy, cells = panel
    frames = [pd.DataFrame(a, index=YEARS, columns=cells) for a in (energy, output)]
    with pytest.raises(ValueError, match="not consistent in aggregation"):
        haidian.decompose_intensity(*frames, method="lmdi2").by_region()


def test_by_region_survives_pickling(result) -> None:
    again = pickle.loads(pickle.dumps(result))
    assert again.by_region().own.equals(result.by_region().own)


def test_tidy_round_trip_with_region_and_sector_levels(panel) -> None:
    output, _, cells = panel
    wide = pd.DataFrame(output, index=YEARS, columns=cells)
    table = haidian.to_tidy({"gdp": wide}, unit="亿元")
    assert list(table.columns) == ["indicator", "region", "sector", "period", "value", "unit"]
    row = table.iloc[len(cells) + 7]  # the second year, eighth cell
    assert (row["region"], row["sector"], row["period"]) == (*cells[7], YEARS[1])
    assert row["value"] == output[1, 7]
    shuffled = table.sample(frac=1.0, random_state=1)
    back = haidian.to_panels(shuffled, columns=["region", "sector"])["gdp"]
    assert list(back.columns.names) == ["region", "sector"] and set(back.columns) == set(cells)
    pd.testing.assert_frame_equal(back[cells], wide.rename_axis("period"), check_names=False)
    single = haidian.to_panel(table, "gdp", columns=["region", "sector"])
    assert single.attrs["unit"] == "亿元"


def test_tidy_table_to_decomposition_with_three_levels() -> None:
    rows = []
    for year, scale in ((2020, 1.0), (2021, 1.5)):
        for district, city in (("海淀", "北京"), ("浦东", "上海")):
            for sector, value in (("industry", 10.0), ("services", 30.0)):
                for indicator, factor in (("output", 1.0), ("energy", 0.5)):
                    rows.append({"indicator": indicator, "city": city, "district": district, "sector": sector,
                                 "period": year, "value": value * scale * factor, "unit": "u"})
    panels = haidian.to_panels(pd.DataFrame(rows), columns=["city", "district", "sector"])
    assert list(panels["output"].columns.names) == ["city", "district", "sector"]
    r = haidian.decompose_intensity(panels["energy"], panels["output"])
    by_city = r.by_group("city")
    # Every cell grows 50% at constant intensity: each city's share is its own change, all activity.
    assert by_city.loc[(2021, "activity")].to_dict() == pytest.approx({"北京": 10.0, "上海": 10.0}, rel=1e-12)
    assert r.by_region("district").own.loc[(2021, "structure")].abs().max() < 1e-12
    activity = r.by_sector().xs("activity", level="factor")  # periods x cells
    tidy = haidian.to_tidy(activity, unit="u", indicator="activity effect")
    assert list(tidy.columns) == ["indicator", "city", "district", "sector", "period", "value", "unit"]
    assert tidy["value"].sum() == pytest.approx(20.0, rel=1e-12)  # energy 40 -> 60


def test_to_panels_refuses_an_empty_or_repeated_level_list() -> None:
    table = pd.DataFrame({"indicator": ["x"], "region": ["a"], "period": [2020], "value": [1.0], "unit": ["u"]})
    with pytest.raises(ValueError, match="distinct"):
        haidian.to_panels(table, columns=["region", "region"])
    with pytest.raises(ValueError, match="no column 'sector'"):
        haidian.to_panels(table, columns=["region", "sector"])


def test_kaya_over_region_and_sector_cells(panel) -> None:
    """kaya on (region, sector) cells: shares against the Kaya LMDI-I written here; its factors are
    all the cell's own ratios, so each region's own decomposition equals its share."""
    output, energy, cells = panel
    rng = np.random.default_rng(11)
    population = rng.uniform(1.0, 5.0, size=output.shape) * np.linspace(1.0, 1.1, len(YEARS))[:, None]
    emissions = energy * rng.uniform(1.5, 2.5, size=output.shape)
    frames = [pd.DataFrame(x, index=YEARS, columns=cells) for x in (population, output, energy, emissions)]
    both = haidian.kaya(*frames).by_region("region")

    factors = [population, output / population, energy / output, emissions / energy]
    weight = log_mean(emissions[1:], emissions[:-1])
    per_cell = np.stack([weight * np.log(x[1:] / x[:-1]) for x in factors], axis=1)
    expected = region_sum(per_cell)  # steps x 4 factors x regions
    got = both.contribution[REGIONS].to_numpy().reshape(len(YEARS) - 1, 4, len(REGIONS))
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=0)
    own = both.own[REGIONS].to_numpy().reshape(len(YEARS) - 1, 4, len(REGIONS))
    np.testing.assert_allclose(own, expected, rtol=1e-12, atol=1e-12 * np.abs(expected).max())
    change = region_sum(emissions[1:] - emissions[:-1])
    np.testing.assert_allclose(got.sum(axis=1), change, rtol=1e-12, atol=1e-12 * np.abs(change).max())
