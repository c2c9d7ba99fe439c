// Units: scales of the Chinese statistical units, aliases, derived units of ratios, and what never converts.
// Scales: 国家统计局 conventions (亿元 = 1e8 元, 万元 = 1e4 元, 万吨标准煤 = 1e4 吨标准煤);
// areas from the legal units of measurement (1 公顷 = 1e4 m², 1 km² = 1e6 m² = 100 公顷).
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <haidian/unit.hpp>

#include <string>

namespace tt = boost::test_tools;
using haidian::Unit;
using haidian_test::message_of;

BOOST_AUTO_TEST_SUITE(unit)

BOOST_AUTO_TEST_CASE(money_scales) {
  BOOST_TEST(Unit("亿元").factor_to(Unit("元")) == 1e8);
  BOOST_TEST(Unit("亿元").factor_to(Unit("万元")) == 1e4);
  BOOST_TEST(Unit("万亿元").factor_to(Unit("亿元")) == 1e4);
  BOOST_TEST(Unit("万元").factor_to(Unit("亿元")) == 1e-4, tt::tolerance(1e-15));
  BOOST_TEST(Unit("亿美元").factor_to(Unit("美元")) == 1e8);
}

BOOST_AUTO_TEST_CASE(energy_area_population_water_scales) {
  BOOST_TEST(Unit("万吨标准煤").factor_to(Unit("吨标准煤")) == 1e4);
  BOOST_TEST(Unit("平方公里").factor_to(Unit("公顷")) == 100.0);
  BOOST_TEST(Unit("公顷").factor_to(Unit("平方米")) == 1e4);
  BOOST_TEST(Unit("万人").factor_to(Unit("人")) == 1e4);
  BOOST_TEST(Unit("万立方米").factor_to(Unit("立方米")) == 1e4);
  BOOST_TEST(Unit("%").factor_to(Unit()) == 0.01);
  // 1 亩 = 1/15 公顷 (市制).
  BOOST_TEST(Unit("公顷").factor_to(Unit("亩")) == 15.0, tt::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(english_aliases_name_the_same_units) {
  BOOST_TEST((Unit("yuan") == Unit("元")));
  BOOST_TEST((Unit("10k yuan") == Unit("万元")));
  BOOST_TEST((Unit("100m yuan") == Unit("亿元")));
  BOOST_TEST((Unit("tce") == Unit("吨标准煤")));
  BOOST_TEST((Unit("TCE") == Unit("吨标准煤")));
  BOOST_TEST((Unit("10k tce") == Unit("万吨标准煤")));
  BOOST_TEST((Unit("km2") == Unit("平方公里")));
  BOOST_TEST((Unit("km²") == Unit("平方公里")));
  BOOST_TEST((Unit("ha") == Unit("公顷")));
  BOOST_TEST((Unit("m2") == Unit("平方米")));
  BOOST_TEST((Unit("persons") == Unit("人")));
  BOOST_TEST((Unit("10k persons") == Unit("万人")));
  BOOST_TEST((Unit("m3") == Unit("立方米")));
  BOOST_TEST(Unit("10k yuan").symbol() == "万元");
}

BOOST_AUTO_TEST_CASE(different_dimensions_never_convert) {
  BOOST_CHECK_THROW(Unit("亿元").factor_to(Unit("亿美元")), haidian::unit_error);  // another currency
  BOOST_CHECK_THROW(Unit("亿元").factor_to(Unit("万吨标准煤")), haidian::unit_error);
  BOOST_CHECK_THROW(Unit("平方公里").factor_to(Unit("立方米")), haidian::unit_error);
  BOOST_CHECK_THROW(Unit("index").factor_to(Unit("%")), haidian::unit_error);  // an index is not a share
  BOOST_CHECK_THROW(Unit("千瓦时").factor_to(Unit("吨标准煤")), haidian::unit_error);
  BOOST_TEST(message_of<haidian::unit_error>([] { (void)Unit("亿元").factor_to(Unit("美元"), "Series.add"); }) ==
             "Series.add: unit '亿元' (CNY x 1e+08) cannot be converted to '美元' (USD)");
}

BOOST_AUTO_TEST_CASE(ratios_carry_a_derived_unit_with_the_right_scale) {
  // 1 万吨标准煤 / 1 亿元 = 1e4 tce / 1e8 yuan = 1 tce / 1e4 yuan = 1 吨标准煤/万元.
  const Unit intensity = Unit("万吨标准煤") / Unit("亿元");
  BOOST_TEST(intensity.symbol() == "万吨标准煤/亿元");
  BOOST_TEST(intensity.scale() == 1e-4, tt::tolerance(1e-15));
  BOOST_TEST((intensity == Unit("吨标准煤/万元")));
  BOOST_TEST(intensity.factor_to(Unit("tce/yuan")) == 1e-4, tt::tolerance(1e-14));
  BOOST_TEST(intensity.dimension_text() == "standard_coal/CNY");
  // The symbol parses back to the same unit, also for nested compounds.
  const Unit nested = Unit("吨标准煤") / (Unit("万元") * Unit("人"));
  BOOST_TEST((Unit::parse(nested.symbol()) == nested));
  BOOST_TEST(nested.symbol() == "吨标准煤/(万元·人)");
  // Multiplying back by output gives energy.
  BOOST_TEST(((intensity * Unit("亿元")) == Unit("万吨标准煤")));
  // Same-dimension quotients are dimensionless with a scale.
  const Unit folded = Unit("万元") / Unit("元");
  BOOST_TEST(folded.is_dimensionless());
  BOOST_TEST(folded.scale() == 1e4);
}

BOOST_AUTO_TEST_CASE(products_simplify_to_known_units) {
  // (a/b)·b is a, named by the known unit of that dimension and scale.
  BOOST_TEST(((Unit("万吨标准煤") / Unit("亿元")) * Unit("亿元")).symbol() == "万吨标准煤");
  BOOST_TEST((Unit("吨标准煤/万元") * Unit("亿元")).symbol() == "万吨标准煤");  // 1e-4 × 1e8 = 1e4 tce
  BOOST_TEST((Unit("吨标准煤/万元") * Unit("万元")).symbol() == "吨标准煤");
  BOOST_TEST((Unit("万元/人") * Unit("万人")).symbol() == "亿元");             // 1e4 × 1e4 = 1e8 yuan
  BOOST_TEST((Unit("元/美元") * Unit("亿美元")).symbol() == "亿元");           // an exchange rate
  BOOST_TEST((Unit("人/万元") * Unit("亿元")).symbol() == "万人");
  BOOST_TEST((Unit("件/万元") * Unit("万元")).symbol() == "件");               // opaque, scale 1
  BOOST_TEST((Unit("吨标准煤/万元") * Unit("万元/吨标准煤")).symbol() == "1");
  // No known unit at that scale: the written symbol stays, parses back and converts.
  const Unit odd = Unit("吨标准煤/万元") * Unit("元");
  BOOST_TEST(odd.symbol() == "(吨标准煤/万元)·元");
  BOOST_TEST(odd.factor_to(Unit("吨标准煤")) == 1e-4, tt::tolerance(1e-15));
  BOOST_TEST((Unit::parse(odd.symbol()) == odd));
  const Unit per_person = Unit("吨标准煤/万元") * Unit("万元/人");
  BOOST_TEST(per_person.symbol() == "(吨标准煤/万元)·(万元/人)");
  BOOST_TEST((per_person == Unit("吨标准煤/人")));
  BOOST_TEST((Unit("件/万元") * Unit("亿元")).symbol() == "(件/万元)·亿元");  // 1e4 件: no prefix guessing
  // Quotients simplify the same way.
  BOOST_TEST((Unit("万元·人") / Unit("人")).symbol() == "万元");
  BOOST_TEST((Unit("亿元") / Unit("亿元")).symbol() == "1");
  BOOST_TEST(((Unit("%") * Unit("亿元")) / Unit("亿元")).symbol() == "%");
  BOOST_TEST((Unit("万吨标准煤") / Unit("亿元")).symbol() == "万吨标准煤/亿元");  // compound: as written
}

BOOST_AUTO_TEST_CASE(unknown_units_are_opaque_and_combine_only_with_themselves) {
  const Unit piece("件");
  BOOST_TEST(piece.symbol() == "件");
  BOOST_TEST((piece == Unit("件")));
  BOOST_TEST(piece.factor_to(Unit("件")) == 1.0);
  BOOST_CHECK_THROW(piece.factor_to(Unit("个")), haidian::unit_error);
  BOOST_CHECK_THROW(piece.factor_to(Unit()), haidian::unit_error);
  BOOST_CHECK_THROW(Unit("万件").factor_to(piece), haidian::unit_error);  // no prefix guessing
  // Per-unit ratios of opaque units still work.
  BOOST_TEST(((Unit("件") / Unit("万元")) == Unit("件/万元")));
  // Malformed compound text is kept whole rather than rejected.
  BOOST_TEST(Unit("a/").symbol() == "a/");
  BOOST_TEST((Unit("a/") == Unit("a/")));
}

BOOST_AUTO_TEST_CASE(dimensionless_spellings) {
  BOOST_TEST((Unit() == Unit("")));
  BOOST_TEST((Unit() == Unit("1")));
  BOOST_TEST(Unit().symbol() == "1");
  BOOST_TEST(Unit("%").is_dimensionless());
  BOOST_TEST(!Unit("index").is_dimensionless());
}

BOOST_AUTO_TEST_CASE(conversions_round_trip) {
  const char* units[] = {"元", "千元", "万元", "亿元", "万亿元"};
  for (const char* a : units) {
    for (const char* b : units) {
      const double there = Unit(a).factor_to(Unit(b));
      const double back = Unit(b).factor_to(Unit(a));
      BOOST_TEST(there * back == 1.0, tt::tolerance(1e-15));
    }
  }
}

BOOST_AUTO_TEST_CASE(unit_from_parts_checks_its_scale) {
  BOOST_CHECK_THROW(Unit("x", 0.0, {{"x", 1}}), haidian::domain_error);
  BOOST_CHECK_THROW(Unit("x", -1.0, {{"x", 1}}), haidian::domain_error);
  const Unit restored("万吨标准煤/亿元", 1e-4, {{"standard_coal", 1}, {"CNY", -1}, {"zero", 0}});
  BOOST_TEST((restored == Unit("吨标准煤/万元")));
  BOOST_TEST(restored.dimension().count("zero") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
