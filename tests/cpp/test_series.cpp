// Series: growth, CAGR, chain-linking, rebasing, deflation, ratios, shares, alignment, unit/basis checks,
// each against an independent calculation (by hand or from a published figure, cited per case).
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <haidian/series.hpp>

#include <cmath>
#include <limits>
#include <string>

namespace tt = boost::test_tools;
using haidian::Period;
using haidian::PriceBasis;
using haidian::Series;
using haidian::Unit;
using haidian_test::message_of;
using haidian_test::vec;

namespace {

const double missing = std::numeric_limits<double>::quiet_NaN();


Period year(int y) { return Period::annual(y); }

}  // namespace

BOOST_AUTO_TEST_SUITE(series)

BOOST_AUTO_TEST_CASE(construction_and_periods) {
  const Series s(vec({1, 2, 3}), Period::quarterly(2022, 3), "亿元", "GDP", PriceBasis::current());
  BOOST_TEST(s.size() == 3);
  BOOST_TEST(s.end().to_string() == "2023Q1");
  BOOST_TEST(s.period(1).to_string() == "2022Q4");
  BOOST_TEST(s.at(Period::quarterly(2023, 1)) == 3.0);
  BOOST_TEST(s.name() == "GDP");
  BOOST_TEST((s.unit() == Unit("亿元")));
  BOOST_TEST((s.price_basis() == PriceBasis::current()));
  BOOST_TEST(s.contains(Period::quarterly(2022, 3)));
  BOOST_TEST(!s.contains(Period::annual(2022)));
}

BOOST_AUTO_TEST_CASE(cagr_1000_to_5000_over_2004_2015_with_gaps) {
  // Independent value: (5000/1000)^(1/11) - 1 = 5^(1/11) - 1 (census-year figures 2004 and 2015).
  Eigen::VectorXd v = Eigen::VectorXd::Constant(12, missing);
  v[0] = 1000.0;
  v[11] = 5000.0;
  const Series s(v, year(2004), "亿元");
  BOOST_TEST(s.cagr(year(2004), year(2015)) == std::pow(5.0, 1.0 / 11.0) - 1.0, tt::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(cagr_of_a_quarterly_series_is_annualised) {
  // 2 quarters apart = half a year: (1.21)^(1/0.5) - 1 = 1.4641 - 1.
  const Series s(vec({100, missing, 121}), Period::quarterly(2020, 1));
  BOOST_TEST(s.cagr(Period::quarterly(2020, 1), Period::quarterly(2020, 3)) == 0.4641, tt::tolerance(1e-13));
}

BOOST_AUTO_TEST_CASE(growth_period_on_period_with_missing_values) {
  const Series s(vec({100, 110, 121, missing, 150}), year(2018), "亿元", "GDP");
  const Series g = s.growth();
  BOOST_TEST(std::isnan(g.values()[0]));
  BOOST_TEST(g.values()[1] == 0.1, tt::tolerance(1e-14));
  BOOST_TEST(g.values()[2] == 0.1, tt::tolerance(1e-14));
  BOOST_TEST(std::isnan(g.values()[3]));
  BOOST_TEST(std::isnan(g.values()[4]));
  BOOST_TEST(g.unit().is_dimensionless());
  BOOST_TEST(g.name() == "GDP growth");
  BOOST_TEST(g.start().to_string() == "2018");
}

BOOST_AUTO_TEST_CASE(yoy_growth_of_quarterly_data) {
  // 2021Q1..2022Q2; yoy at 2022Q1 is 110/100 - 1, at 2022Q2 is 99/90 - 1.
  const Series s(vec({100, 90, 95, 120, 110, 99}), Period::quarterly(2021, 1));
  const Series y = s.yoy();
  for (int i = 0; i < 4; ++i) BOOST_TEST(std::isnan(y.values()[i]));
  BOOST_TEST(y.values()[4] == 0.1, tt::tolerance(1e-14));
  BOOST_TEST(y.values()[5] == 0.1, tt::tolerance(1e-14));
  // For annual data yoy is growth.
  const Series a(vec({100, 105}), year(2020));
  BOOST_TEST(a.yoy().values()[1] == a.growth().values()[1]);
}

BOOST_AUTO_TEST_CASE(haidian_2022_comparable_growth_implies_2021_level) {
  // Source: Haidian district 2022 report: GDP 10206.9 亿元 in 2022, +3.5% at comparable prices.
  // So 2021 at 2022 prices is 10206.9 / 1.035.
  const Series levels = Series::from_growth(vec({0.035}), year(2022), 10206.9, year(2022), "亿元", "GDP");
  BOOST_TEST(levels.start().to_string() == "2021");
  BOOST_TEST(levels.at(year(2021)) == 10206.9 / 1.035, tt::tolerance(1e-14));
  BOOST_TEST(levels.at(year(2022)) == 10206.9);
  BOOST_TEST((levels.price_basis() == PriceBasis::comparable(2022)));
  BOOST_TEST(levels.growth().values()[1] == 0.035, tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(from_growth_with_the_base_before_in_and_after_the_rates) {
  // Rates for 2016..2018 = 10%, 20%, -10%; levels for 2015..2018 with 2015 = 100: 100, 110, 132, 118.8.
  const Eigen::VectorXd rates = vec({0.10, 0.20, -0.10});
  const Series first = Series::from_growth(rates, year(2016), 100.0, year(2015));
  BOOST_TEST(first.start().to_string() == "2015");
  BOOST_TEST(first.values()[1] == 110.0, tt::tolerance(1e-14));
  BOOST_TEST(first.values()[2] == 132.0, tt::tolerance(1e-14));
  BOOST_TEST(first.values()[3] == 118.8, tt::tolerance(1e-14));
  const Series middle = Series::from_growth(rates, year(2016), 132.0, year(2017));
  const Series last = Series::from_growth(rates, year(2016), 118.8, year(2018));
  for (Eigen::Index i = 0; i < first.size(); ++i) BOOST_TEST(middle.values()[i] == first.values()[i], tt::tolerance(1e-13));
  BOOST_TEST(last.values()[0] == 100.0, tt::tolerance(1e-13));
  BOOST_TEST((middle.price_basis() == PriceBasis::comparable(2017)));
}

BOOST_AUTO_TEST_CASE(chain_linking_then_rebasing_round_trips) {
  // Levels from rates with any base value, rebased to 2015 = 100, equal levels chained from 100 in 2015.
  const Eigen::VectorXd rates = vec({0.071, 0.068, 0.069, 0.060, 0.022});
  const Series a = Series::from_growth(rates, year(2016), 5000.0, year(2020));
  const Series b = Series::from_growth(rates, year(2016), 100.0, year(2015));
  const Series index = a.rebase(year(2015), 100.0);
  BOOST_TEST(index.unit().symbol() == "index");
  for (Eigen::Index i = 0; i < b.size(); ++i) BOOST_TEST(index.values()[i] == b.values()[i], tt::tolerance(1e-13));
  // And growth of the chained levels returns the rates.
  const Series g = a.growth();
  for (Eigen::Index i = 0; i < rates.size(); ++i) BOOST_TEST(g.values()[i + 1] == rates[i], tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(rebase_to_any_value) {
  const Series s(vec({50, 100, 150}), year(2020));
  const Series r = s.rebase(year(2021), 1.0);
  BOOST_TEST(r.values()[0] == 0.5);
  BOOST_TEST(r.values()[2] == 1.5);
}

BOOST_AUTO_TEST_CASE(average_growth_is_geometric) {
  // A 13.5% cut over five years is 1 - 0.865^(1/5) = 2.859% a year.
  const Series levels(vec({1.0, missing, missing, missing, missing, 0.865}), year(2015));
  BOOST_TEST(levels.average_growth(5) == std::pow(0.865, 0.2) - 1.0, tt::tolerance(1e-13));
  BOOST_TEST(std::abs(levels.average_growth(5) + 0.02859) <= 0.5e-5);  // the figure printed to 5 decimals
  // From published rates: sqrt(1.05 * 1.10) - 1.
  BOOST_TEST(haidian::average_growth(vec({0.05, 0.10})) == std::sqrt(1.05 * 1.10) - 1.0, tt::tolerance(1e-14));
  // Rates and levels agree: the rates of a level series average to its CAGR.
  const Series s(vec({100, 107, 112, 125}), year(2019));
  const Eigen::VectorXd g = s.growth().values().tail(3);
  BOOST_TEST(haidian::average_growth(g) == s.cagr(year(2019), year(2022)), tt::tolerance(1e-13));
  BOOST_TEST(s.average_growth(2, year(2021)) == s.cagr(year(2019), year(2021)), tt::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(deflate_with_an_index_of_any_base) {
  // Nominal 100, 121, 146.41 with prices rising 10% a year: real at 2020 prices is 100, 110, 121.
  const Series nominal(vec({100, 121, 146.41}), year(2020), "亿元", "GDP", PriceBasis::current());
  const Series index2020(vec({100, 110, 121}), year(2020), "index");
  const Series real = nominal.deflate(index2020, 2020);
  BOOST_TEST(real.values()[1] == 110.0, tt::tolerance(1e-13));
  BOOST_TEST(real.values()[2] == 121.0, tt::tolerance(1e-13));
  BOOST_TEST((real.price_basis() == PriceBasis::comparable(2020)));
  BOOST_TEST((real.unit() == Unit("亿元")));
  // The same index with another reference (2022 = 1, dimensionless) and a longer span gives the same.
  const Series index2022(vec({1 / 1.331, 100 / 121.0, 1 / 1.1, 1.0}), year(2019));
  BOOST_TEST(nominal.deflate(index2022, 2020).isclose(real, 1e-13));
  // At 2022 prices: 100 * 1.21, 121 * 1.1, 146.41 * 1.
  BOOST_TEST(nominal.deflate(index2020, 2022).values()[0] == 121.0, tt::tolerance(1e-13));
}

BOOST_AUTO_TEST_CASE(deflate_quarterly_uses_the_base_year_average) {
  // Index 2020Q1..Q4 = 98, 99, 101, 102 (mean 100), 2021Q1 = 104: nominal 104 in 2021Q1 is 100 at 2020 prices.
  const Series nominal(vec({98, 99, 101, 102, 104}), Period::quarterly(2020, 1), "亿元", "", PriceBasis::current());
  const Series index(vec({98, 99, 101, 102, 104}), Period::quarterly(2020, 1));
  const Series real = nominal.deflate(index, 2020);
  for (Eigen::Index i = 0; i < real.size(); ++i) BOOST_TEST(real.values()[i] == 100.0, tt::tolerance(1e-13));
}

BOOST_AUTO_TEST_CASE(intensity_is_a_ratio_in_a_derived_unit) {
  // 1000 万吨标准煤 / 10000 亿元 = 1e7 tce / 1e12 yuan = 1e-5 tce/yuan = 0.1 吨标准煤/万元.
  const Series energy(vec({1000, 990}), year(2021), "万吨标准煤", "energy");
  const Series gdp(vec({10000, 10350, 10700}), year(2020), "亿元", "GDP", PriceBasis::comparable(2020));
  const Series intensity = energy.ratio(gdp);
  BOOST_TEST(intensity.start().to_string() == "2021");
  BOOST_TEST(intensity.size() == 2);
  BOOST_TEST((intensity.unit() == Unit("吨标准煤/万元")));
  BOOST_TEST(intensity.to("吨标准煤/万元").values()[0] == 1000.0 / 10350.0, tt::tolerance(1e-14));
  BOOST_TEST(intensity.to("tce/yuan").values()[1] == 990e4 / 10700e8, tt::tolerance(1e-14));
  BOOST_TEST((intensity.price_basis() == PriceBasis::comparable(2020)));
  BOOST_TEST(intensity.name() == "energy / GDP");
  // Same-dimension ratio folds the scale: 1 亿元 / 1 万元 = 1e4.
  const Series a(vec({1.0}), year(2020), "亿元", "", PriceBasis::current());
  const Series b(vec({1.0}), year(2020), "万元", "", PriceBasis::current());
  const Series folded = a.ratio(b);
  BOOST_TEST(folded.unit().is_dimensionless());
  BOOST_TEST(folded.values()[0] == 1e4);
  BOOST_TEST(folded.price_basis().is_none());
}

BOOST_AUTO_TEST_CASE(intensity_times_output_is_resource_use) {
  // By hand: 0.30 吨标准煤/万元 × 10000 亿元 = 0.30 tce/1e4 yuan × 1e12 yuan = 3e7 tce = 3000 万吨标准煤;
  // 0.28 × 10350 = 2898 万吨标准煤. Common periods 2021..2022.
  const Series intensity(vec({0.30, 0.28, 0.26}), year(2021), "吨标准煤/万元", "intensity",
                         PriceBasis::comparable(2020));
  const Series gdp(vec({9500, 10000, 10350}), year(2020), "亿元", "GDP", PriceBasis::comparable(2020));
  const Series energy = intensity * gdp;
  BOOST_TEST(energy.start().to_string() == "2021");
  BOOST_TEST(energy.size() == 2);
  BOOST_TEST(energy.values()[0] == 3000.0, tt::tolerance(1e-14));
  BOOST_TEST(energy.values()[1] == 2898.0, tt::tolerance(1e-14));
  BOOST_TEST(energy.unit().symbol() == "万吨标准煤");
  BOOST_TEST(energy.price_basis().is_none());  // per comparable 万元 × comparable 万元: the prices cancel
  BOOST_TEST(energy.name() == "intensity × GDP");
  // Commutative in values and unit.
  const Series other_way = gdp.product(intensity);
  BOOST_TEST(other_way.isclose(energy, 1e-15));
  BOOST_TEST(other_way.unit().symbol() == "万吨标准煤");
}

BOOST_AUTO_TEST_CASE(ratio_then_product_round_trips) {
  // (energy / GDP) × GDP = energy: same values, unit and price basis (none).
  const Series energy(vec({1000, 990, missing}), year(2020), "万吨标准煤", "energy");
  const Series gdp(vec({10000, 10350, 10700}), year(2020), "亿元", "GDP", PriceBasis::comparable(2020));
  const Series back = energy.ratio(gdp) * gdp;
  BOOST_TEST(back.unit().symbol() == "万吨标准煤");
  BOOST_TEST(back.price_basis().is_none());
  BOOST_TEST(back.renamed("energy").isclose(energy, 1e-15));
  BOOST_TEST(std::isnan(back.values()[2]));  // a missing factor gives a missing product
  // Per-capita GDP × population = GDP: 12 万元/人 × 2000 万人 = 1.2e5 × 2e7 yuan = 2.4e12 yuan = 24000 亿元.
  const Series per_capita(vec({12.0}), year(2022), "万元/人", "", PriceBasis::current());
  const Series population(vec({2000.0}), year(2022), "万人");
  const Series total = per_capita * population;
  BOOST_TEST(total.unit().symbol() == "亿元");
  BOOST_TEST(total.values()[0] == 24000.0, tt::tolerance(1e-14));
  BOOST_TEST((total.price_basis() == PriceBasis::current()));
}

BOOST_AUTO_TEST_CASE(product_units_fold_like_ratio_units) {
  // A dimensionless factor keeps the other unit: 30 % × 10000 亿元 = 3000 亿元 (× 0.01 folded in).
  const Series share(vec({30.0}), year(2022), "%");
  const Series gdp(vec({10000.0}), year(2022), "亿元", "", PriceBasis::current());
  const Series part = share * gdp;
  BOOST_TEST(part.unit().symbol() == "亿元");
  BOOST_TEST(part.values()[0] == 3000.0, tt::tolerance(1e-14));
  BOOST_TEST((part.price_basis() == PriceBasis::current()));
  BOOST_TEST((gdp * share).values()[0] == 3000.0, tt::tolerance(1e-14));
  // Dimensions cancel: 0.5 吨标准煤/万元 × 2000 元/吨标准煤 = 1000 元 per 1e4 元 = 0.1 (energy cost share).
  const Series intensity(vec({0.5}), year(2022), "吨标准煤/万元");
  const Series price(vec({2000.0}), year(2022), "元/吨标准煤", "", PriceBasis::current());
  const Series cost_share = intensity * price;
  BOOST_TEST(cost_share.unit().is_dimensionless());
  BOOST_TEST(cost_share.unit().symbol() == "1");
  BOOST_TEST(cost_share.values()[0] == 0.1, tt::tolerance(1e-14));
  // Otherwise the derived unit, which converts: 0.3 吨标准煤/万元 × 15 万元/人 = 4.5 吨标准煤/人.
  const Series per_capita(vec({15.0}), year(2022), "万元/人");
  const Series per_person = Series(vec({0.3}), year(2022), "吨标准煤/万元") * per_capita;
  BOOST_TEST((per_person.unit() == Unit("吨标准煤/人")));
  BOOST_TEST(per_person.to("吨标准煤/人").values()[0] == 4.5, tt::tolerance(1e-14));
  // Opaque units multiply like base units: 2 件/万元 × 50 万元 = 100 件.
  const Series patents = Series(vec({2.0}), year(2022), "件/万元") * Series(vec({50.0}), year(2022), "万元");
  BOOST_TEST(patents.unit().symbol() == "件");
  BOOST_TEST(patents.values()[0] == 100.0);
}

BOOST_AUTO_TEST_CASE(product_checks_price_bases_frequencies_and_overlap) {
  const Series real(vec({0.3}), year(2022), "吨标准煤/万元", "", PriceBasis::comparable(2020));
  const Series nominal(vec({12000.0}), year(2022), "亿元", "", PriceBasis::current());
  BOOST_TEST(message_of<haidian::unit_error>([&] { (void)(real * nominal); }) ==
             "Series.product: price bases 'comparable 2020' and 'current' differ; deflate the current-price series "
             "first");
  BOOST_CHECK_THROW((void)(real * Series(vec({1.0}), Period::quarterly(2022, 1))), haidian::unit_error);
  BOOST_TEST(message_of<haidian::invalid_argument>([&] { (void)real.product(Series(vec({1.0}), year(2030))); }) ==
             "Series.product: the series cover 2022..2022 and 2030..2030, which have no period in common");
  BOOST_TEST(message_of<haidian::domain_error>([] {
               (void)(Series(vec({1e200}), year(2022)) * Series(vec({1e200}), year(2022)));
             }) == "Series.product: the product at 2022 of 1e+200 and 1e+200 overflows a double (its magnitude exceeds "
             "1.8e308); the result cannot be represented");
  // Zero and negative factors are fine (a product has no positivity requirement).
  BOOST_TEST((Series(vec({-2.0, 0.0}), year(2022)) * Series(vec({3.0, 5.0}), year(2022))).values()[0] == -6.0);
}

BOOST_AUTO_TEST_CASE(share_of_a_total_in_another_unit) {
  // Haidian's 10206.9 亿元 of Beijing's 4.16 万亿元 (the article: "占全市地区生产总值的四分之一").
  const Series part(vec({10206.9}), year(2022), "亿元", "Haidian GDP", PriceBasis::current());
  const Series total(vec({4.16106}), year(2022), "万亿元", "Beijing GDP", PriceBasis::current());
  const Series s = part.share(total);
  BOOST_TEST(s.values()[0] == 10206.9 / 41610.6, tt::tolerance(1e-14));
  BOOST_TEST(s.unit().is_dimensionless());
  BOOST_TEST(std::abs(s.values()[0] - 0.25) < 0.01);
}

BOOST_AUTO_TEST_CASE(align_and_add_on_common_periods) {
  const Series a(vec({1, 2, 3, 4}), year(2018), "亿元");
  const Series b(vec({10000, 20000, 30000}), year(2020), "万元");
  const auto [x, y] = haidian::align(a, b);
  BOOST_TEST(x.start().to_string() == "2020");
  BOOST_TEST(x.size() == 2);
  BOOST_TEST(y.size() == 2);
  BOOST_TEST((y.unit() == Unit("万元")));
  const Series sum = a + b;  // b converted to 亿元: 1 and 2
  BOOST_TEST(sum.values()[0] == 4.0);
  BOOST_TEST(sum.values()[1] == 6.0);
  BOOST_TEST((sum.unit() == Unit("亿元")));
  const Series diff = a - b;
  BOOST_TEST(diff.values()[1] == 2.0);
  BOOST_TEST((2.0 * a).values()[3] == 8.0);
  BOOST_TEST((a / 4.0).values()[0] == 0.25);
}

BOOST_AUTO_TEST_CASE(unit_conversion_round_trips) {
  const Series s(vec({10206.9, missing}), year(2022), "亿元");
  const Series wan = s.to("万元");
  BOOST_TEST(wan.values()[0] == 10206.9e4, tt::tolerance(1e-15));
  BOOST_TEST(std::isnan(wan.values()[1]));
  BOOST_TEST(wan.to("亿元").isclose(s, 1e-15));
  BOOST_TEST(s.isclose(wan, 1e-15));  // isclose converts
  BOOST_TEST(!s.equals(wan));
  BOOST_TEST(s.equals(Series(vec({10206.9, missing}), year(2022), "亿元")));
}

// ---- bad input ----

BOOST_AUTO_TEST_CASE(empty_and_infinite_values) {
  BOOST_TEST(message_of<haidian::invalid_argument>([] { Series(Eigen::VectorXd(0), year(2020)); }) ==
             "Series: values is empty");
  BOOST_TEST(message_of<haidian::domain_error>([] {
               Series(vec({1, HUGE_VAL}), year(2020));
             }) == "Series: values[1] is inf, but must be finite (or NaN for a missing value)");
  BOOST_CHECK_THROW(Series(vec({1, 2}), year(9999)), haidian::invalid_argument);
}

BOOST_AUTO_TEST_CASE(periods_out_of_range) {
  const Series s(vec({1, 2, 3}), year(2015));
  BOOST_TEST(message_of<haidian::invalid_argument>([&] { (void)s.cagr(year(2015), year(2030)); }) ==
             "Series.cagr: end is 2030, but must be within the series' periods 2015..2017");
  BOOST_CHECK_THROW((void)s.cagr(year(2017), year(2015)), haidian::invalid_argument);
  BOOST_CHECK_THROW((void)s.cagr(year(2016), year(2016)), haidian::invalid_argument);
  BOOST_CHECK_THROW((void)s.at(year(2014)), haidian::invalid_argument);
  BOOST_CHECK_THROW((void)s.rebase(year(2020)), haidian::invalid_argument);
  BOOST_CHECK_THROW((void)s.average_growth(3), haidian::invalid_argument);
  BOOST_CHECK_THROW((void)s.average_growth(0), haidian::invalid_argument);
  BOOST_CHECK_THROW((void)s.slice(year(2017), year(2015)), haidian::invalid_argument);
  BOOST_CHECK_THROW((void)s.cagr(Period::quarterly(2015, 1), Period::quarterly(2016, 1)), haidian::unit_error);
}

BOOST_AUTO_TEST_CASE(missing_zero_and_negative_values_where_positive_is_needed) {
  const Series s(vec({0, 2, missing, -1, 5}), year(2015));
  BOOST_TEST(message_of<haidian::domain_error>([&] { (void)s.cagr(year(2015), year(2016)); }) ==
             "Series.cagr: value at 2015 is 0, but must be positive and finite");
  BOOST_TEST(message_of<haidian::domain_error>([&] { (void)s.cagr(year(2016), year(2017)); }) ==
             "Series.cagr: value at 2017 is nan, but must be positive and finite");
  BOOST_CHECK_THROW((void)s.cagr(year(2016), year(2018)), haidian::domain_error);
  BOOST_TEST(message_of<haidian::domain_error>([&] { (void)s.growth(); }) ==
             "Series.growth: value at 2015 is 0, but must be positive and finite");
  BOOST_CHECK_THROW((void)s.rebase(year(2015)), haidian::domain_error);
  BOOST_CHECK_THROW((void)s.rebase(year(2017)), haidian::domain_error);
  BOOST_CHECK_THROW((void)s.rebase(year(2016), 0.0), haidian::domain_error);
  const Series positive(vec({1, 2}), year(2015));
  BOOST_TEST(message_of<haidian::domain_error>([&] { (void)positive.ratio(s); }) ==
             "Series.ratio: denominator at 2015 is 0, but must be positive and finite");
  BOOST_CHECK_THROW((void)positive.share(s), haidian::domain_error);
  BOOST_CHECK_THROW((void)(positive * missing), haidian::domain_error);
  BOOST_CHECK_THROW((void)(positive / 0.0), haidian::domain_error);
}

BOOST_AUTO_TEST_CASE(bad_growth_rates_and_base) {
  BOOST_TEST(message_of<haidian::domain_error>([] {
               (void)Series::from_growth(vec({0.1, missing}), year(2016), 100.0, year(2015));
             }) == "Series.from_growth: rates[1] (2017) is nan, but must be finite and greater than -1 to chain-link (a "
             "missing rate breaks the chain)");
  BOOST_CHECK_THROW((void)Series::from_growth(vec({-1.0}), year(2016), 100.0, year(2015)), haidian::domain_error);
  BOOST_CHECK_THROW((void)Series::from_growth(vec({0.1}), year(2016), 0.0, year(2015)), haidian::domain_error);
  BOOST_CHECK_THROW((void)Series::from_growth(vec({0.1}), year(2016), -5.0, year(2015)), haidian::domain_error);
  BOOST_TEST(message_of<haidian::invalid_argument>([] {
               (void)Series::from_growth(vec({0.1}), year(2016), 100.0, year(2014));
             }) == "Series.from_growth: base_period is 2014, but must be within 2015..2016 (the period before the "
                   "first rate through the last rate)");
  BOOST_CHECK_THROW((void)Series::from_growth(Eigen::VectorXd(0), year(2016), 100.0, year(2015)),
                    haidian::invalid_argument);
  const Series in_yuan(vec({0.1}), year(2016), "亿元");
  BOOST_CHECK_THROW((void)Series::from_growth(in_yuan, 100.0, year(2015)), haidian::unit_error);
  // Rates in % are converted: 10% is 0.1.
  const Series in_percent(vec({10.0}), year(2016), "%");
  BOOST_TEST(Series::from_growth(in_percent, 100.0, year(2015)).values()[1] == 110.0, tt::tolerance(1e-14));
  BOOST_CHECK_THROW((void)haidian::average_growth(Eigen::VectorXd(0)), haidian::invalid_argument);
  BOOST_CHECK_THROW((void)haidian::average_growth(vec({0.1, -1.5})), haidian::domain_error);
  BOOST_CHECK_THROW((void)haidian::average_growth(vec({0.1, missing})), haidian::domain_error);
}

BOOST_AUTO_TEST_CASE(incompatible_units_frequencies_and_price_bases) {
  const Series yuan(vec({1, 2}), year(2020), "亿元", "", PriceBasis::current());
  const Series dollars(vec({1, 2}), year(2020), "亿美元", "", PriceBasis::current());
  const Series real(vec({1, 2}), year(2020), "亿元", "", PriceBasis::comparable(2020));
  const Series quarterly(vec({1, 2}), Period::quarterly(2020, 1), "亿元", "", PriceBasis::current());
  BOOST_CHECK_THROW((void)(yuan + dollars), haidian::unit_error);
  BOOST_CHECK_THROW((void)(yuan - dollars), haidian::unit_error);
  BOOST_CHECK_THROW((void)yuan.isclose(dollars), haidian::unit_error);
  BOOST_CHECK_THROW((void)yuan.share(dollars), haidian::unit_error);
  BOOST_CHECK_THROW((void)yuan.to("万吨标准煤"), haidian::unit_error);
  BOOST_TEST(message_of<haidian::unit_error>([&] { (void)(yuan + real); }) ==
             "Series.add: price bases 'current' and 'comparable 2020' differ; deflate the current-price series first");
  BOOST_CHECK_THROW((void)yuan.isclose(real), haidian::unit_error);
  BOOST_CHECK_THROW((void)(yuan + quarterly), haidian::unit_error);
  BOOST_CHECK_THROW((void)yuan.ratio(quarterly), haidian::unit_error);
  BOOST_CHECK_THROW((void)haidian::align(yuan, quarterly), haidian::unit_error);
  const Series later(vec({1, 2}), year(2030), "亿元", "", PriceBasis::current());
  BOOST_TEST(message_of<haidian::invalid_argument>([&] { (void)(yuan + later); }) ==
             "Series.add: the series cover 2020..2021 and 2030..2031, which have no period in common");
}

BOOST_AUTO_TEST_CASE(deflate_checks_basis_index_and_coverage) {
  const Series nominal(vec({100, 110}), year(2020), "亿元", "", PriceBasis::current());
  const Series index(vec({100, 105}), year(2020), "index");
  BOOST_CHECK_THROW((void)nominal.deflate(index, 2020).deflate(index, 2020), haidian::unit_error);  // already real
  BOOST_CHECK_THROW((void)Series(vec({1, 2}), year(2020)).deflate(index, 2020), haidian::unit_error);
  BOOST_CHECK_THROW((void)nominal.deflate(Series(vec({100, 105}), year(2020), "亿元"), 2020), haidian::unit_error);
  BOOST_TEST(message_of<haidian::invalid_argument>([&] { (void)nominal.deflate(index, 2019); }) ==
             "Series.deflate: price_index period is 2019, but must be within the series' periods 2020..2021");
  BOOST_CHECK_THROW((void)nominal.deflate(Series(vec({100}), year(2020)), 2020), haidian::invalid_argument);
  BOOST_TEST(message_of<haidian::domain_error>([&] {
               (void)nominal.deflate(Series(vec({100, -1}), year(2020)), 2020);
             }) == "Series.deflate: price_index at 2021 is -1, but must be positive and finite");
  BOOST_CHECK_THROW((void)nominal.deflate(Series(vec({100, 1}), Period::quarterly(2020, 1)), 2020),
                    haidian::unit_error);
}

BOOST_AUTO_TEST_CASE(inputs_are_not_modified) {
  Eigen::VectorXd v = vec({100, 110});
  const Eigen::VectorXd copy = v;
  const Series s(v, year(2020));
  (void)s.growth();
  (void)s.rebase(year(2020));
  BOOST_TEST((v.array() == copy.array()).all());
}

BOOST_AUTO_TEST_SUITE_END()
