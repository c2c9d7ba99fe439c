"""Units and price bases in Python: scales, aliases, derived units, opaque units, pickling.

Scales: 国家统计局 conventions (亿元 = 1e8 元, 万吨标准煤 = 1e4 tce); 1 公顷 = 1e4 m²,
1 km² = 1e6 m² (legal units of measurement).
"""

from __future__ import annotations

import pickle

import pytest

import haidian
from haidian import PriceBasis, Unit


@pytest.mark.parametrize(
    ("source", "target", "factor"),
    [
        ("亿元", "元", 1e8),
        ("亿元", "万元", 1e4),
        ("万亿元", "亿元", 1e4),
        ("亿美元", "美元", 1e8),
        ("万吨标准煤", "吨标准煤", 1e4),
        ("万吨标准煤", "tce", 1e4),
        ("平方公里", "公顷", 100.0),
        ("km2", "m2", 1e6),
        ("公顷", "平方米", 1e4),
        ("万人", "persons", 1e4),
        ("万立方米", "m3", 1e4),
        ("%", "1", 0.01),
    ],
)
def test_scales(source: str, target: str, factor: float) -> None:
    assert Unit(source).factor_to(Unit(target)) == pytest.approx(factor, rel=1e-15)


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [("yuan", "元"), ("10k yuan", "万元"), ("100m yuan", "亿元"), ("tce", "吨标准煤"), ("10k tce", "万吨标准煤"),
     ("km2", "平方公里"), ("km²", "平方公里"), ("ha", "公顷"), ("m2", "平方米"), ("persons", "人"),
     ("10k persons", "万人"), ("m3", "立方米"), ("USD", "美元")],
)
def test_english_aliases(alias: str, canonical: str) -> None:
    assert Unit(alias) == Unit(canonical)
    assert Unit(alias).symbol == canonical


@pytest.mark.parametrize(("a", "b"), [("亿元", "亿美元"), ("亿元", "万吨标准煤"), ("km2", "m3"), ("index", "%"),
                                      ("件", "个"), ("件", "1")])
def test_incompatible_units_raise_unit_error(a: str, b: str) -> None:
    assert not Unit(a).compatible(Unit(b))
    with pytest.raises(haidian.UnitError, match="cannot be converted"):
        Unit(a).factor_to(Unit(b))


def test_unit_error_message_names_units_and_dimensions() -> None:
    with pytest.raises(haidian.UnitError, match=r"unit '亿元' \(CNY x 1e\+08\) cannot be converted to '美元' \(USD\)"):
        Unit("亿元").factor_to(Unit("美元"))


def test_derived_units() -> None:
    intensity = Unit("万吨标准煤") / Unit("亿元")
    assert intensity.symbol == "万吨标准煤/亿元"
    assert intensity.scale == pytest.approx(1e-4, rel=1e-15)
    assert intensity == Unit("吨标准煤/万元")
    assert intensity.dimension == {"standard_coal": 1, "CNY": -1}
    assert intensity * Unit("亿元") == Unit("万吨标准煤")
    assert (Unit("万元") / Unit("元")).is_dimensionless


@pytest.mark.parametrize(
    ("a", "b", "symbol"),
    [("万吨标准煤/亿元", "亿元", "万吨标准煤"), ("吨标准煤/万元", "亿元", "万吨标准煤"), ("万元/人", "万人", "亿元"),
     ("元/美元", "亿美元", "亿元"), ("件/万元", "万元", "件"), ("吨标准煤/万元", "万元/吨标准煤", "1"),
     ("吨标准煤/万元", "元", "(吨标准煤/万元)·元")],
)
def test_products_simplify_to_known_units(a: str, b: str, symbol: str) -> None:
    product = Unit(a) * Unit(b)
    assert product.symbol == symbol
    # Dimension and scale by hand: exponents add, scales multiply.
    dimension = dict(Unit(a).dimension)
    for name, exponent in Unit(b).dimension.items():
        dimension[name] = dimension.get(name, 0) + exponent
    assert product.dimension == {k: v for k, v in dimension.items() if v}
    assert product.scale == pytest.approx(Unit(a).scale * Unit(b).scale, rel=1e-14)
    assert Unit(product.symbol) == product


def test_opaque_units() -> None:
    piece = Unit("件")
    assert piece == Unit("件") and piece.symbol == "件"
    assert piece != Unit("万件")


def test_known_units_table_lists_the_statistical_units() -> None:
    symbols = {row[0] for row in Unit.known_units()}
    assert {"元", "万元", "亿元", "万亿元", "美元", "亿美元", "吨标准煤", "万吨标准煤", "平方公里", "公顷",
            "平方米", "人", "万人", "立方米", "万立方米", "%", "index"} <= symbols


@pytest.mark.parametrize("text", ["亿元", "吨标准煤/(万元·人)", "件/万元", "1", "%"])
def test_unit_pickles(text: str) -> None:
    unit = Unit(text)
    back = pickle.loads(pickle.dumps(unit))
    assert back == unit and back.symbol == unit.symbol


@pytest.mark.parametrize(
    ("text", "kind", "year"),
    [("none", "none", None), ("", "none", None), ("current", "current", None), ("现价", "current", None),
     ("comparable 2020", "comparable", 2020), ("comparable:2015", "comparable", 2015),
     ("constant 2010", "comparable", 2010), ("2020年可比价", "comparable", 2020), ("不变价2005", "comparable", 2005)],
)
def test_price_basis_spellings(text: str, kind: str, year: int | None) -> None:
    basis = PriceBasis(text)
    assert basis.kind == kind
    assert basis.base_year == year
    assert PriceBasis(str(basis)) == basis
    assert pickle.loads(pickle.dumps(basis)) == basis


@pytest.mark.parametrize("text", ["comparable", "prices", "yesterday", "comparable 2020 2021"])
def test_bad_price_basis(text: str) -> None:
    with pytest.raises(ValueError, match="PriceBasis.parse: price_basis is"):
        PriceBasis(text)
