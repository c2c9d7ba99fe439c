"""The rise-and-fall scorecard (升降之间) and resource productivity.

Expected numbers are computed here from the article's figures (typed in the test),
not read back from the code under test.
"""

from __future__ import annotations

import math
import pickle

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import haidian
from haidian import datasets
from haidian.datasets import DataFileError
from haidian.app.scorecard import WANTED_DIRECTIONS, resource_productivity, scorecard

# The article's 2022 changes (line 7, 12 and 120) and the direction reduction development wants.
ARTICLE_CHANGES = {
    "gdp": (0.035, "up"),
    "industrial_value_added": (-0.057, "up"),
    "industrial_robot_output": (0.648, "up"),
    "energy_intensity": (-0.03, "down"),
    "retail_sales": (-0.07, "up"),
    "retail_sales_culture_sports": (0.034, "up"),
    "disposable_income_per_capita": (0.029, "up"),
}


def table(rows):
    """A tidy table from (indicator, period, value, unit, kind[, region]) tuples."""
    records = []
    for row in rows:
        indicator, period, value, unit, kind = row[:5]
        region = row[5] if len(row) > 5 else "x"
        records.append(dict(indicator=indicator, region=region, period=period, value=value, unit=unit,
                            price_basis="", kind=kind, source=f"{indicator} {period}"))
    return pd.DataFrame(records)


# ---------------------------------------------------------------------------------------------
# Scorecard of the bundled data


def test_bundled_scorecard_has_every_published_change_and_its_direction() -> None:
    card = scorecard().set_index("indicator")
    for indicator, (change, wanted) in ARTICLE_CHANGES.items():
        assert card.loc[indicator, "change"] == change
        assert card.loc[indicator, "wanted"] == wanted
        moved = "up" if change > 0 else "down"
        assert card.loc[indicator, "moved"] == moved
        assert card.loc[indicator, "as_wanted"] == (moved == wanted)
        assert card.loc[indicator, "period"] == "2022" and card.loc[indicator, "base"] == "2021"


def test_bundled_scorecard_derives_energy_use_from_intensity_and_gdp_growth() -> None:
    card = scorecard().set_index("indicator")
    expected = 1.035 * 0.97 - 1  # energy = intensity × GDP: (1 + 3.5%)(1 - 3%) - 1 = +0.395%
    assert card.loc["energy_use", "change"] == pytest.approx(expected, rel=1e-14)
    assert card.loc["energy_use", "wanted"] == "down"
    assert not card.loc["energy_use", "as_wanted"]  # energy use still rose a little
    assert "(1 + 0.035)(1 - 0.03) - 1" in card.loc["energy_use", "how"]


def test_bundled_scorecard_tally_and_columns() -> None:
    card = scorecard()
    assert list(card.columns) == ["indicator", "label_zh", "region", "base", "period", "change",
                                  "unit", "wanted", "moved", "as_wanted", "how"]
    assert card.as_wanted.dtype == bool and card.change.dtype == np.float64
    expected_yes = sum((c > 0) == (w == "up") for c, w in ARTICLE_CHANGES.values())
    assert int(card.as_wanted.sum()) == expected_yes  # energy_use (derived) moved against
    assert len(card) == len(ARTICLE_CHANGES) + 1
    assert (card.unit == "fraction").all()


def test_published_rows_quote_their_source() -> None:
    card = scorecard().set_index("indicator")
    assert "单位地区生产总值能耗降幅3%" in card.loc["energy_intensity", "how"]
    assert "comparable prices" in card.loc["gdp", "how"]


def test_scorecard_does_not_modify_the_input() -> None:
    data = datasets.haidian_2022()
    before = data.copy(deep=True)
    scorecard(data)
    pd.testing.assert_frame_equal(data, before)


# ---------------------------------------------------------------------------------------------
# Any tidy table


def test_level_pairs_give_changes_when_no_growth_is_published() -> None:
    card = scorecard(table([("water_use", "2020", 100.0, "万m³", "level"),
                            ("water_use", "2021", 98.0, "万m³", "level"),
                            ("water_use", "2023", 99.0, "万m³", "level")]))
    assert card.base.tolist() == ["2020", "2021"]
    assert card.period.tolist() == ["2021", "2023"]
    assert card.change.tolist() == [98.0 / 100.0 - 1, 99.0 / 98.0 - 1]
    assert card.moved.tolist() == ["down", "up"]
    assert card.as_wanted.tolist() == [True, False]
    assert "98 / 100 - 1" in card.how[0]


def test_flat_never_counts_as_moving_the_wanted_way() -> None:
    card = scorecard(table([("gdp", "2022", 0.0, "fraction", "growth"),
                            ("energy_use", "2022", 0.0, "fraction", "growth")]))
    assert card.moved.tolist() == ["flat", "flat"]
    assert not card.as_wanted.any()


def test_published_resource_use_is_not_derived_again() -> None:
    card = scorecard(table([("gdp", "2022", 0.05, "fraction", "growth"),
                            ("energy_intensity", "2022", -0.04, "fraction", "growth"),
                            ("energy_use", "2022", 0.01, "fraction", "growth")]))
    assert card.indicator.tolist().count("energy_use") == 1
    assert card.set_index("indicator").loc["energy_use", "change"] == 0.01


def test_water_use_is_derived_from_water_intensity() -> None:
    card = scorecard(table([("gdp", "2022", 0.05, "fraction", "growth"),
                            ("water_intensity", "2022", -0.04, "fraction", "growth")])).set_index("indicator")
    assert card.loc["water_use", "change"] == pytest.approx(1.05 * 0.96 - 1, rel=1e-14)
    # 1.05 × 0.96 = 1.008: water use rose although its intensity fell, against the wanted "down".
    assert card.loc["water_use", "moved"] == "up"
    assert not card.loc["water_use", "as_wanted"]


def test_derive_resource_use_can_be_switched_off() -> None:
    assert "energy_use" not in scorecard(derive_resource_use=False).indicator.tolist()


def test_directions_add_and_override() -> None:
    card = scorecard(directions={"retail_sales": "down", "land_vacated": "up"}).set_index("indicator")
    assert card.loc["retail_sales", "wanted"] == "down" and card.loc["retail_sales", "as_wanted"]
    assert WANTED_DIRECTIONS["retail_sales"] == "up"  # the module default is untouched


def test_indicators_without_a_direction_are_left_out() -> None:
    card = scorecard(table([("gdp", "2022", 0.05, "fraction", "growth"),
                            ("widgets", "2022", 0.10, "fraction", "growth")]))
    assert card.indicator.tolist() == ["gdp"]
    card = scorecard(table([("widgets", "2022", 0.10, "fraction", "growth")]),
                     directions={"widgets": "down"})
    assert card.as_wanted.tolist() == [False]


def test_region_filter() -> None:
    data = table([("gdp", "2022", 0.05, "fraction", "growth", "a"),
                  ("gdp", "2022", -0.01, "fraction", "growth", "b")])
    assert scorecard(data, region="b").change.tolist() == [-0.01]
    assert len(scorecard(data)) == 2


@given(change=st.floats(min_value=-0.99, max_value=10.0, allow_nan=False),
       wanted=st.sampled_from(["up", "down"]))
@settings(max_examples=60, deadline=None)
def test_as_wanted_is_the_sign_of_the_change_matching_the_direction(change: float, wanted: str) -> None:
    card = scorecard(table([("anything", "2022", change, "fraction", "growth")]),
                     directions={"anything": wanted})
    expected = (change > 0 and wanted == "up") or (change < 0 and wanted == "down")
    assert bool(card.as_wanted.iloc[0]) == expected
    assert card.change.iloc[0] == change


# ---------------------------------------------------------------------------------------------
# Bad input


def test_bad_direction_is_a_value_error_naming_it() -> None:
    with pytest.raises(ValueError, match=r"^scorecard: directions\['gdp'\] is 'sideways', but must "
                                         r"be 'up' or 'down'$"):
        scorecard(directions={"gdp": "sideways"})


def test_directions_must_be_a_mapping() -> None:
    with pytest.raises(TypeError, match=r"^scorecard: directions is a list"):
        scorecard(directions=[("gdp", "up")])


def test_unknown_region() -> None:
    with pytest.raises(ValueError, match=r"^scorecard: region is 'chaoyang', but the data have no rows"):
        scorecard(region="chaoyang")
    with pytest.raises(TypeError, match=r"^scorecard: region is a int"):
        scorecard(region=3)


def test_nothing_to_judge() -> None:
    with pytest.raises(ValueError, match=r"^scorecard: data have no indicator with a wanted direction"):
        scorecard(table([("widgets", "2022", 0.10, "fraction", "growth")]))


def test_bad_table_names_row_and_column() -> None:
    data = table([("gdp", "2022", 0.05, "fraction", "growth"), ("gdp", "2021", 5.0, "%", "growth")])
    with pytest.raises(DataFileError, match=r"^scorecard: data row 1 \(index 1\), column 'unit': '%' "
                                            r"for a growth, but it must be 'fraction'$"):
        scorecard(data)
    with pytest.raises(TypeError, match=r"^scorecard: data is a list"):
        scorecard([1, 2])


# ---------------------------------------------------------------------------------------------
# Resource productivity


def test_bundled_land_productivity_and_city_shares() -> None:
    p = resource_productivity().set_index("measure")
    # Article line 7 and 54: GDP 10206.9亿元, 430.8 km² of land, 39 km² of industrial land.
    assert p.loc["gdp_per_km2_land", "value"] == pytest.approx(10206.9 / 430.8, rel=1e-15)
    assert p.loc["gdp_per_km2_land", "unit"] == "亿元/km²"
    assert p.loc["gdp_per_km2_industrial_land", "value"] == pytest.approx(10206.9 / 39, rel=1e-15)
    # A quarter of the city's GDP on 2.6% of its land: 9.6 times the city's output per km².
    assert p.loc["land_productivity_vs_city", "value"] == pytest.approx(0.25 / 0.026, rel=1e-15)
    assert p.loc["share_of_city:fdi_actual_use", "value"] == 0.371
    assert p.loc["city_total:fdi_actual_use", "value"] == pytest.approx(63.7 / 0.371, rel=1e-15)
    assert p.loc["city_total:land_area", "value"] == pytest.approx(430.8 / 0.026, rel=1e-15)
    assert "gdp_per_person" not in p.index  # the article gives no population
    shares = {m.split(":")[1] for m in p.index if m.startswith("share_of_city:")}
    assert shares == {"gdp", "land_area", "fdi_actual_use", "high_tech_enterprises",
                      "little_giant_enterprises", "specialised_smes"}


def test_city_totals_are_plausible_against_published_beijing_figures() -> None:
    # Beijing's published 2022 totals (Beijing Statistical Communiqué 2022): GDP 41610.9亿元, area
    # 16410.5 km². The shares in the article are rounded (四分之一, 2.6%), so within a few percent.
    p = resource_productivity().set_index("measure")
    assert p.loc["city_total:gdp", "value"] == pytest.approx(41610.9, rel=0.03)
    assert p.loc["city_total:land_area", "value"] == pytest.approx(16410.5, rel=0.02)


def test_formulas_show_the_inputs() -> None:
    p = resource_productivity().set_index("measure")
    assert "10206.9 亿元 / 430.8 km²" in p.loc["gdp_per_km2_land", "formula"]
    assert "0.25 / 0.026" in p.loc["land_productivity_vs_city", "formula"]


def test_output_per_person_when_population_is_given() -> None:
    data = table([("gdp", "2022", 100.0, "亿元", "level"), ("population", "2022", 50.0, "万人", "level")])
    p = resource_productivity(data, region="x").set_index("measure")
    assert p.loc["gdp_per_person", "value"] == 100.0 * 1e8 / (50.0 * 1e4)
    assert p.loc["gdp_per_person", "unit"] == "元/person"


def test_latest_common_period_is_used() -> None:
    data = table([("gdp", "2021", 90.0, "亿元", "level"), ("gdp", "2022", 100.0, "亿元", "level"),
                  ("land_area", "2021", 10.0, "km²", "level"), ("land_area", "2020", 11.0, "km²", "level")])
    p = resource_productivity(data, region="x").set_index("measure")
    assert p.loc["gdp_per_km2_land", "value"] == 9.0
    assert p.loc["gdp_per_km2_land", "period"] == "2021"


def test_productivity_bad_input() -> None:
    with pytest.raises(ValueError, match=r"^resource_productivity: region is 'x', but the data have "
                                         r"neither"):
        resource_productivity(table([("gdp", "2022", 1.0, "亿元", "level")]), region="x")
    data = table([("gdp", "2022", 1.0, "亿元", "level"), ("land_area", "2022", 0.0, "km²", "level")])
    with pytest.raises(ValueError, match=r"^resource_productivity: land_area of x in 2022 is 0, but "
                                         r"must be positive$"):
        resource_productivity(data, region="x")


def test_exported_from_the_package_and_results_pickle() -> None:
    assert haidian.app.scorecard is scorecard
    assert haidian.app.resource_productivity is resource_productivity
    card = scorecard()
    pd.testing.assert_frame_equal(pickle.loads(pickle.dumps(card)), card)
    assert math.isclose(float(card.change.abs().max()), 0.648, rel_tol=1e-15)  # the published rate, as given
