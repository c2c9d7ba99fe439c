// Series at extreme magnitudes, chain indices (上年=100) and growth across gaps.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <haidian/series.hpp>

#include <cmath>
#include <limits>
#include <string>

namespace {

using haidian::Period;
using haidian::Series;
using haidian::Unit;
using haidian_test::message_of;
using haidian_test::vec;
namespace tt = boost::test_tools;

const double missing = std::numeric_limits<double>::quiet_NaN();

Period year(int y) { return Period::annual(y); }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_SUITE(series_extremes)

BOOST_AUTO_TEST_CASE(cagr_from_1e_minus_300_to_1e300_is_finite) {
  // (1e600)^(1/7) - 1 = 10^(600/7) - 1 = 5.1794746792312111e85 (mpmath, 40 digits); the ratio itself
  // overflows a double, so the rate is taken from the difference of the logs.
  Eigen::VectorXd v = Eigen::VectorXd::Constant(8, missing);
  v[0] = 1e-300;
  v[7] = 1e300;
  const Series s(v, year(2015));
  BOOST_TEST(s.cagr(year(2015), year(2022)) == 5.1794746792312111e85, tt::tolerance(1e-12));
  BOOST_TEST(s.average_growth(7) == 5.1794746792312111e85, tt::tolerance(1e-12));
  // The other way round the ratio underflows: (1e-600)^(1/7) - 1 = 10^(-600/7) - 1 = -1 to double precision.
  v[0] = 1e300;
  v[7] = 1e-300;
  BOOST_TEST(Series(v, year(2015)).cagr(year(2015), year(2022)) == -1.0);
  // Subnormal start: log(1) - log(5e-324) = 744.44; one year is beyond a double (an error, not inf)...
  const Series tiny(vec({5e-324, 1.0}), year(2021));
  BOOST_TEST(message_of<haidian::domain_error>([&] { (void)tiny.cagr(year(2021), year(2022)); }) ==
             "Series.cagr: the rate from 2021 to 2022 overflows a double (its magnitude exceeds 1.8e308); the result "
             "cannot be represented");
  // ... while near zero the ratio path keeps full accuracy: (1 + 1e-15)^(1/1) - 1.
  BOOST_TEST(Series(vec({1.0, 1.0 + 1e-15}), year(2021)).cagr(year(2021), year(2022)) == 1.1102230246251565e-15,
             tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(growth_names_the_overflowing_ratio_not_an_input) {
  const Series s(vec({1e-300, 1e300}), year(2021), Unit("亿元"));
  const std::string message = message_of<haidian::domain_error>([&] { (void)s.growth(); });
  BOOST_TEST(message == "Series.growth: the ratio of value at 2022 (1e+300) to value at 2021 (1e-300) overflows a "
                        "double (it exceeds 1.8e308), so the growth rate cannot be represented");
  BOOST_TEST(!contains(message, " is inf"));
  // Falling by 600 orders of magnitude is a rate of -1 to double precision (exact: -1 + 1e-600).
  BOOST_TEST(Series(vec({1e300, 1e-300}), year(2021)).growth().values()[1] == -1.0);
  // Small changes keep their digits: the rate is (end - 3) / 3, with end - 3 exact (Sterbenz), not
  // end / 3 - 1, which would keep only about 4 of them.
  const double end = 3.0 + 3e-12;
  BOOST_TEST(Series(vec({3.0, end}), year(2021)).growth().values()[1] == (end - 3.0) / 3.0, tt::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(growth_across_a_gap_is_missing_and_cagr_counts_calendar_years) {
  // Census years 2004, 2015, 2022 (Haidian's economic censuses), the years between missing.
  Eigen::VectorXd v = Eigen::VectorXd::Constant(19, missing);
  v[0] = 1000.0;
  v[11] = 5000.0;
  v[18] = 8000.0;
  const Series s(v, year(2004));
  const Series g = s.growth();
  for (Eigen::Index i = 0; i < g.size(); ++i) BOOST_TEST(std::isnan(g.values()[i]));
  // 2015 -> 2022 is 7 years, not one observation step.
  BOOST_TEST(s.cagr(year(2015), year(2022)) == std::pow(8000.0 / 5000.0, 1.0 / 7.0) - 1.0, tt::tolerance(1e-14));
  BOOST_TEST(s.cagr(year(2004), year(2015)) == std::pow(5.0, 1.0 / 11.0) - 1.0, tt::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(levels_from_a_chain_index_with_the_previous_year_100) {
  // NBS publishes comparable-price growth as indices (上年=100): 106.9 is +6.9 %. Levels by hand:
  // 2021 = 100 * 1.069 = 106.9; 2022 = 106.9 * 1.081 = 115.5589.
  const Series index(vec({106.9, 108.1}), year(2021), Unit("index"));
  const Series levels = Series::from_index(index, 100.0, year(2020), 100.0, Unit("亿元"));
  BOOST_TEST(levels.start().to_string() == "2020");
  BOOST_TEST(levels.values()[1] == 106.9, tt::tolerance(1e-15));
  BOOST_TEST(levels.values()[2] == 115.5589, tt::tolerance(1e-14));
  // Same levels as from_growth with the rates I/100 - 1.
  const Series same = Series::from_growth(vec({0.069, 0.081}), year(2021), 100.0, year(2020));
  BOOST_TEST(levels.values().isApprox(same.values(), 1e-14));
  // An index relative to 1 (a ratio) and a base in the middle of the chain.
  const Series ratios(vec({1.069, 1.081}), year(2021));
  const Series from_2022 = Series::from_index(ratios, 115.5589, year(2022), 1.0);
  BOOST_TEST(from_2022.values()[0] == 100.0, tt::tolerance(1e-14));
  BOOST_TEST(message_of<haidian::domain_error>([&] {
               (void)Series::from_index(Series(vec({106.9, missing}), year(2021)), 100.0, year(2020));
             }) == "Series.from_index: indices[1] (2022) is nan, but must be positive and finite to chain-link (a "
                   "missing index breaks the chain)");
  BOOST_TEST(message_of<haidian::domain_error>([&] {
               (void)Series::from_index(Series(vec({0.0}), year(2021)), 100.0, year(2020));
             }) == "Series.from_index: indices[0] (2021) is 0, but must be positive and finite to chain-link");
  BOOST_TEST(message_of<haidian::unit_error>([&] {
               (void)Series::from_index(Series(vec({106.9}), year(2021), Unit("亿元")), 100.0, year(2020));
             }).find("must be dimensionless or 'index'") != std::string::npos);
  BOOST_CHECK_THROW(Series::from_index(index, 100.0, year(2020), 0.0), haidian::domain_error);
}

BOOST_AUTO_TEST_CASE(results_beyond_a_double_are_errors_not_inf_or_zero) {
  const auto overflows = [](auto&& f) { return contains(message_of<haidian::domain_error>(f), "overflows a double"); };
  const auto underflows = [](auto&& f) {
    return contains(message_of<haidian::domain_error>(f), "underflows a double");
  };
  const Series big(vec({1e300, 2e300}), year(2021), Unit("万亿元"));
  const Series small(vec({1e-300, 2e-300}), year(2021), Unit("元"));
  BOOST_TEST(overflows([&] { (void)big.to(Unit("元")); }));         // x 1e12
  BOOST_TEST(underflows([&] { (void)small.to(Unit("万亿元")); }));   // x 1e-12
  BOOST_TEST(overflows([&] { (void)(big * 1e10); }));
  BOOST_TEST(underflows([&] { (void)(small * 1e-10); }));
  BOOST_TEST(overflows([&] { (void)(big / 1e-10); }));
  BOOST_TEST(overflows([&] { (void)big.ratio(small); }));
  BOOST_TEST(underflows([&] { (void)small.ratio(big); }));
  BOOST_TEST(overflows([&] { (void)(Series(vec({1e308}), year(2021)) + Series(vec({1e308}), year(2021))); }));
  BOOST_TEST(overflows([&] { (void)Series::from_growth(vec({1e300, 1e300}), year(2021), 1.0, year(2020)); }));
  BOOST_TEST(underflows([&] {
    (void)Series::from_growth(vec({-0.9999999999999999, -0.9999999999999999, -0.9999999999999999}), year(2021),
                              1e-280, year(2020));
  }));
  BOOST_TEST(overflows([&] { (void)Series(vec({1e300, 1e-300}), year(2021)).rebase(year(2022)); }));
  BOOST_TEST(overflows([&] { (void)Series(vec({1e308, 1e308, 1e308, 1e308}), Period::quarterly(2022, 1)).to_cumulative(); }));
  BOOST_TEST(overflows([&] { (void)Series(vec({1e308, 1e308, 1e308, 1e308}), Period::quarterly(2022, 1)).to_annual(haidian::Aggregation::sum); }));
  // The mean of four values near the largest double does not overflow although their sum would.
  const Series q(vec({1.5e308, 1.5e308, 1.5e308, 1.5e308}), Period::quarterly(2022, 1));
  BOOST_TEST(q.to_annual(haidian::Aggregation::mean).values()[0] == 1.5e308, tt::tolerance(1e-15));
  // Results that are exactly representable pass: 1e-300 x 1 and unit conversions by 1.
  BOOST_TEST(small.to(Unit("元")).values()[0] == 1e-300);
  BOOST_TEST((Series(vec({5e-324}), year(2021)) * 1.0).values()[0] == 5e-324);
  // The average of rates near the largest double is that rate (logs, no product of 1 + g).
  BOOST_TEST(haidian::average_growth(vec({1.7e308, 1.7e308})) == 1.7e308, tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(period_growth_of_plain_levels_follows_series_growth) {
  const Eigen::VectorXd g = haidian::period_growth(vec({100.0, 110.0, missing, 121.0, 133.1}));
  BOOST_TEST(g.size() == 4);
  BOOST_TEST(g[0] == 0.1, tt::tolerance(1e-14));
  BOOST_TEST(std::isnan(g[1]));
  BOOST_TEST(std::isnan(g[2]));
  BOOST_TEST(g[3] == 0.1, tt::tolerance(1e-14));
  BOOST_TEST(message_of<haidian::domain_error>([] { (void)haidian::period_growth(vec({0.0, 1.0})); }) ==
             "period_growth: levels[0] is 0, but must be positive and finite");
  BOOST_TEST(message_of<haidian::invalid_argument>([] { (void)haidian::period_growth(vec({1.0})); }) ==
             "period_growth: levels has 1 values, but per-period growth needs at least 2");
}

BOOST_AUTO_TEST_SUITE_END()
