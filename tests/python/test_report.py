"""The reduction-development report (``python -m haidian report``).

Every derived number is recomputed here from the article's published figures (typed here: GDP
10206.9亿元 growing 3.5%, energy intensity -3%, GDP 1000亿元 in 2004 and 5000亿元 in 2015, 430.8 km² of
land of which 39 km² industrial, 2.6% of the city's land, a quarter of its GDP, FDI 63.7亿美元 = 37.1%
of the city's), with the published formulas: Tapio (2005, Transport Policy 12:137-151) and OECD (2002)
"Indicators to measure decoupling of environmental pressure from economic growth".
"""

from __future__ import annotations

import json
import math
import pickle

import numpy as np
import pandas as pd
import pytest

import haidian
from haidian import datasets
from haidian.app.report import Figure, Report, build_report

GDP, G_Y, R = 10206.9, 0.035, -0.03


def tapio_state(g_r: float, g_y: float) -> str:
    """Tapio's table (Tapio 2005, Fig. 1), written out independently of haidian.tapio."""
    e = g_r / g_y
    if g_y > 0:
        if g_r < 0:
            return "strong decoupling"
        return "weak decoupling" if e < 0.8 else "expansive coupling" if e <= 1.2 else \
            "expansive negative decoupling"
    if g_r > 0:
        return "strong negative decoupling"
    return "weak negative decoupling" if e < 0.8 else "recessive coupling" if e <= 1.2 else \
        "recessive decoupling"


@pytest.fixture(scope="module")
def report() -> Report:
    return build_report()


def test_headline_figures_are_the_published_ones(report) -> None:
    assert report.title.startswith("Haidian 2022")
    assert report.year == "2022" and report.region == "haidian"
    assert report["gdp"].value == GDP and report["gdp"].unit == "亿元"
    assert report["gdp_growth"].value == G_Y
    assert report["gdp_share_of_city"].value == 0.25
    assert report["energy_intensity_change"].value == R
    assert report["fdi"].value == 63.7 and report["fdi_share_of_city"].value == 0.371
    for key in ("gdp", "gdp_growth", "energy_intensity_change", "fdi_share_of_city"):
        assert report[key].how.startswith("published")


def test_implied_energy_growth(report) -> None:
    # energy = intensity × GDP, so 1 + g_E = (1 + g_Y)(1 + r) = 1.035 × 0.97 = 1.00395.
    expected = (1 + G_Y) * (1 + R) - 1
    assert report["implied_energy_growth"].value == pytest.approx(expected, rel=1e-13)
    assert report["implied_energy_growth"].value == pytest.approx(0.00395, rel=1e-12, abs=0)  # the article's figure
    assert "(1 + 0.035)(1 - 0.03) - 1" in report["implied_energy_growth"].how


def test_tapio_elasticity_and_state(report) -> None:
    g_e = (1 + G_Y) * (1 + R) - 1
    assert report["tapio_elasticity"].value == pytest.approx(g_e / G_Y, rel=1e-13)
    assert report["tapio_elasticity"].value == pytest.approx(0.112857142857, rel=1e-10)
    assert report["tapio_state"].value == tapio_state(g_e, G_Y) == "weak decoupling"
    assert "0.00395 / 0.035" in report["tapio_elasticity"].how
    assert "e < 0.8" in report["tapio_state"].how


def test_oecd_decoupling_factor(report) -> None:
    # DF = 1 - (R/Y)_end / (R/Y)_start = 1 - (1 + g_E)/(1 + g_Y): here exactly the 3% intensity fall.
    g_e = (1 + G_Y) * (1 + R) - 1
    assert report["decoupling_factor"].value == pytest.approx(1 - (1 + g_e) / (1 + G_Y), rel=1e-12)
    assert report["decoupling_factor"].value == pytest.approx(-R, rel=1e-12)
    assert "1 - 1.00395 / 1.035" in report["decoupling_factor"].how


def test_gdp_cagr(report) -> None:
    # From 1000亿元 (2004) to 5000亿元 (2015) to 10206.9亿元 (2022), current prices.
    assert report["gdp_cagr_2004_2015"].value == pytest.approx(5 ** (1 / 11) - 1, rel=1e-14)
    assert report["gdp_cagr_2015_2022"].value == pytest.approx((GDP / 5000) ** (1 / 7) - 1, rel=1e-14)
    assert "(5000 / 1000)^(1/11) - 1" in report["gdp_cagr_2004_2015"].how
    assert "(10206.9 / 5000)^(1/7) - 1" in report["gdp_cagr_2015_2022"].how
    assert "at least" in report["gdp_cagr_2015_2022"].how  # 2015: "突破5000亿元"
    assert report.gdp_levels.to_dict() == {"2004": 1000.0, "2015": 5000.0, "2022": GDP}


def test_land_productivity(report) -> None:
    assert report["gdp_per_km2_land"].value == pytest.approx(GDP / 430.8, rel=1e-15)
    assert report["gdp_per_km2_industrial_land"].value == pytest.approx(GDP / 39, rel=1e-15)
    assert report["land_productivity_vs_city"].value == pytest.approx(0.25 / 0.026, rel=1e-15)
    assert "10206.9 亿元 / 430.8 km²" in report["gdp_per_km2_land"].how


def test_fdi_city_total(report) -> None:
    assert report["fdi_city_total"].value == pytest.approx(63.7 / 0.371, rel=1e-15)
    # Beijing's published 2022 actual use of FDI: 174.1亿美元 (Beijing Statistical Communiqué 2022);
    # the article's 37.1% is rounded, so the implied total is close, not equal.
    assert report["fdi_city_total"].value == pytest.approx(174.1, rel=0.02)


def test_every_city_total_is_the_level_over_the_share(report) -> None:
    data = datasets.haidian_2022().set_index(["indicator", "kind", "period"])
    totals = report.productivity[report.productivity.measure.str.startswith("city_total:")]
    assert len(totals) == 6
    for row in totals.itertuples():
        indicator = row.measure.split(":")[1]
        level = data.loc[(indicator, "level" if (indicator, "level", row.period) in data.index
                          else "count", row.period), "value"]
        share = data.loc[(indicator, "share", row.period), "value"]
        assert row.value == pytest.approx(level / share, rel=1e-15), indicator


def test_every_number_says_how_it_was_obtained(report) -> None:
    data = datasets.haidian_2022()
    for figure in report.figures:
        assert figure.how.startswith(("published", "derived: ")), figure.key
        if figure.how.startswith("published"):
            fragment = figure.how.split(": ", 1)[1]
            assert fragment in set(data.source), figure.key
        elif isinstance(figure.value, float):
            assert "=" in figure.how, figure.key
    for row in report.scorecard.itertuples():
        assert row.how.startswith(("published growth", "implied", "from levels")), row.indicator


def test_scorecard_is_included(report) -> None:
    assert len(report.scorecard) == 8
    assert report.scorecard.set_index("indicator").loc["energy_intensity", "as_wanted"]


def test_nothing_missing_for_the_bundled_data(report) -> None:
    assert report.missing == []


# ---------------------------------------------------------------------------------------------
# Renderers


def test_text(report) -> None:
    text = report.to_text()
    for needle in ("Haidian 2022", "10206.9 亿元", "0.395%", "weak decoupling", "15.76%", "10.73%",
                   "23.6929 亿元/km²", "37.1%", "5 of 8 moved as wanted", "Scorecard (升降之间)"):
        assert needle in text, needle
    assert text == report.render("text")


def test_markdown(report) -> None:
    md = report.to_markdown()
    assert md.startswith("# Haidian 2022")
    assert "| Tapio state | weak decoupling |" in md
    assert md.count("|---|") >= 5


def test_json_round_trips_the_numbers(report) -> None:
    parsed = json.loads(report.to_json())
    assert parsed == json.loads(report.render("json"))
    values = {f["key"]: f["value"] for f in parsed["figures"]}
    for figure in report.figures:
        assert values[figure.key] == figure.value
    assert parsed["scorecard"][0]["indicator"] == "gdp"
    assert isinstance(parsed["scorecard"][0]["as_wanted"], bool)
    assert parsed["missing"] == []


def test_render_rejects_other_formats(report) -> None:
    with pytest.raises(ValueError, match=r"^Report.render: format is 'html', but must be one of text, "
                                         r"markdown, json$"):
        report.render("html")


def test_unknown_figure_is_a_key_error(report) -> None:
    with pytest.raises(KeyError, match="no figure 'water_use'"):
        report["water_use"]


def test_report_pickles(report) -> None:
    again = pickle.loads(pickle.dumps(report))
    assert again.to_dict() == report.to_dict()
    assert "Report('Haidian 2022" in repr(report)


def test_plot(report, tmp_path) -> None:
    path = tmp_path / "report.png"
    figure = report.plot(path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(figure.axes) == 4
    titles = [ax.get_title() for ax in figure.axes]
    assert any("weak decoupling" in t for t in titles)
    assert any("5 of 8" in t for t in titles)


# ---------------------------------------------------------------------------------------------
# Other data


def table(rows, region="x"):
    return pd.DataFrame([dict(indicator=i, region=region, period=p, value=v, unit=u, price_basis="",
                              kind=k, source="") for i, p, v, u, k in rows])


def test_published_energy_growth_is_used_when_present() -> None:
    r = build_report(table([("gdp", "2022", 100.0, "亿元", "level"),
                            ("gdp", "2022", 0.05, "fraction", "growth"),
                            ("energy_use", "2022", -0.01, "fraction", "growth")]), region="x")
    assert r["energy_growth"].value == -0.01
    assert r["implied_energy_intensity_change"].value == pytest.approx(0.99 / 1.05 - 1, rel=1e-14)
    assert "(1 - 0.01) / (1 + 0.05) - 1" in r["implied_energy_intensity_change"].how
    assert "implied_energy_growth" not in [f.key for f in r.figures]
    assert r["tapio_state"].value == "strong decoupling"
    assert r["decoupling_factor"].value == pytest.approx(1 - 0.99 / 1.05, rel=1e-14)


def test_zero_gdp_growth_has_an_undefined_elasticity() -> None:
    r = build_report(table([("gdp", "2022", 0.0, "fraction", "growth"),
                            ("energy_use", "2022", -0.01, "fraction", "growth")]), region="x")
    assert r["tapio_elasticity"].value == "undefined (GDP growth is 0)"
    assert r["tapio_state"].value == "strong decoupling"  # haidian.tapio's documented convention


@pytest.mark.parametrize("g_r,g_y", [(0.02, 0.03), (0.03, 0.03), (0.05, 0.03), (-0.01, 0.03),
                                     (0.01, -0.02), (-0.01, -0.02), (-0.02, -0.02), (-0.05, -0.02)])
def test_tapio_state_in_every_quadrant_matches_the_table(g_r, g_y) -> None:
    r = build_report(table([("gdp", "2022", g_y, "fraction", "growth"),
                            ("energy_use", "2022", g_r, "fraction", "growth")]), region="x")
    assert r["tapio_state"].value == tapio_state(g_r, g_y)
    assert r["tapio_elasticity"].value == pytest.approx(g_r / g_y, rel=1e-14)


def test_missing_inputs_are_listed_not_fatal() -> None:
    r = build_report(table([("gdp", "2022", 100.0, "亿元", "level")]), region="x")
    assert r["gdp"].value == 100.0
    text = "\n".join(r.missing)
    assert "GDP growth 2022" in text and "energy use growth" in text and "GDP CAGR" in text
    assert "scorecard" in text
    assert len(r.scorecard) == 0 and list(r.scorecard.columns)[0] == "indicator"
    assert "Not available from these data" in r.to_text()
    json.loads(r.to_json())
    r.to_markdown()


def test_bad_region_year_and_data() -> None:
    with pytest.raises(ValueError, match=r"^build_report: region is 'chaoyang', but the data have rows "
                                         r"only for beijing, haidian$"):
        build_report(region="chaoyang")
    with pytest.raises(ValueError, match=r"^build_report: year is '22', but must be a year like 2022$"):
        build_report(year=22)
    with pytest.raises(TypeError, match=r"^build_report: data is a str"):
        build_report("haidian_2022.csv")
    bad = datasets.haidian_2022()
    bad.loc[5, "value"] = np.inf
    with pytest.raises(ValueError, match=r"^build_report: data row 5 \(index 5\), column 'value': inf "
                                         r"is not finite$"):
        build_report(bad)


def test_does_not_modify_the_input() -> None:
    data = datasets.haidian_2022()
    before = data.copy(deep=True)
    build_report(data)
    pd.testing.assert_frame_equal(data, before)


def test_exported() -> None:
    assert haidian.app.build_report is build_report and haidian.app.Report is Report
    assert isinstance(build_report().figures[0], Figure)
    assert math.isfinite(build_report()["gdp"].value)
