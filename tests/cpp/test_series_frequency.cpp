// Series frequencies: quarterly/monthly to annual (sum, mean, last), monthly to quarterly, incomplete
// years, and year-to-date (累计) totals to discrete values and back. Every expected number is worked
// out by hand in the comment next to it (no published release is reproduced here).
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <haidian/series.hpp>

#include <cmath>
#include <limits>
#include <string>

namespace tt = boost::test_tools;
using haidian::Aggregation;
using haidian::Incomplete;
using haidian::Period;
using haidian::PriceBasis;
using haidian::Series;
using haidian::Unit;
using haidian_test::message_of;
using haidian_test::vec;

namespace {

const double missing = std::numeric_limits<double>::quiet_NaN();


Period quarter(int year, int q) { return Period::quarterly(year, q); }
Period month(int year, int m) { return Period::monthly(year, m); }

}  // namespace

BOOST_AUTO_TEST_SUITE(series_frequency)

BOOST_AUTO_TEST_CASE(quarterly_flows_sum_to_years) {
  // 2021: 100 + 110 + 120 + 130 = 460; 2022: 105 + 115 + 125 + 135 = 480.
  const Series gdp(vec({100, 110, 120, 130, 105, 115, 125, 135}), quarter(2021, 1), "亿元", "GDP",
                   PriceBasis::comparable(2020));
  const Series annual = gdp.to_annual(Aggregation::sum);
  BOOST_TEST((annual.frequency() == haidian::Frequency::annual));
  BOOST_TEST(annual.start().to_string() == "2021");
  BOOST_TEST(annual.size() == 2);
  BOOST_TEST(annual.values()[0] == 460.0);
  BOOST_TEST(annual.values()[1] == 480.0);
  BOOST_TEST((annual.unit() == Unit("亿元")));
  BOOST_TEST(annual.name() == "GDP");
  BOOST_TEST((annual.price_basis() == PriceBasis::comparable(2020)));
}

BOOST_AUTO_TEST_CASE(stocks_are_averaged_or_taken_at_the_end) {
  // Population at quarter ends 2022: 100, 102, 104, 106 万人: mean 103, year end 106.
  const Series population(vec({100, 102, 104, 106}), quarter(2022, 1), "万人");
  BOOST_TEST(population.to_annual(Aggregation::mean).values()[0] == 103.0);
  BOOST_TEST(population.to_annual(Aggregation::last).values()[0] == 106.0);
  // Monthly index 101..112: mean (101 + 112) / 2 = 106.5, December 112.
  Eigen::VectorXd index(12);
  for (int m = 0; m < 12; ++m) index[m] = 101.0 + m;
  const Series cpi(index, month(2022, 1), "index");
  BOOST_TEST(cpi.to_annual(Aggregation::mean).values()[0] == 106.5, tt::tolerance(1e-15));
  BOOST_TEST(cpi.to_annual(Aggregation::last).values()[0] == 112.0);
  BOOST_TEST(cpi.to_annual(Aggregation::sum).values()[0] == 1278.0);  // 12 * 106.5
}

BOOST_AUTO_TEST_CASE(monthly_to_quarterly) {
  // 2022-01..06 = 1..6: quarters sum to 6 and 15, average 2 and 5, end at 3 and 6.
  const Series m(vec({1, 2, 3, 4, 5, 6}), month(2022, 1), "万吨标准煤");
  const Series q = m.to_quarterly(Aggregation::sum);
  BOOST_TEST(q.start().to_string() == "2022Q1");
  BOOST_TEST(q.size() == 2);
  BOOST_TEST(q.values()[0] == 6.0);
  BOOST_TEST(q.values()[1] == 15.0);
  BOOST_TEST(m.to_quarterly(Aggregation::mean).values()[1] == 5.0);
  BOOST_TEST(m.to_quarterly(Aggregation::last).values()[0] == 3.0);
  // Monthly to quarterly to annual equals monthly to annual (a sum of sums).
  Eigen::VectorXd year(12);
  for (int i = 0; i < 12; ++i) year[i] = 10.0 * (i + 1);  // 10 + 20 + ... + 120 = 780
  const Series full(year, month(2021, 1));
  BOOST_TEST(full.to_annual(Aggregation::sum).values()[0] == 780.0);
  BOOST_TEST(full.to_quarterly(Aggregation::sum).to_annual(Aggregation::sum).values()[0] == 780.0);
}

BOOST_AUTO_TEST_CASE(incomplete_years_raise_by_default) {
  // 2021Q2..2022Q4: 2021 lacks Q1.
  const Series late(vec({1, 2, 3, 4, 5, 6, 7}), quarter(2021, 2), "亿元");
  BOOST_TEST(message_of<haidian::invalid_argument>([&] { (void)late.to_annual(Aggregation::sum); }) ==
             "Series.to_annual: year 2021 is incomplete (2021Q1 is outside the series' periods 2021Q2..2022Q4), "
             "but how='sum' needs all 4 quarters of a year; pass incomplete='drop' to drop incomplete years");
  // The last quarter is all that 'last' needs.
  const Series end_of_year = late.to_annual(Aggregation::last);
  BOOST_TEST(end_of_year.start().to_string() == "2021");
  BOOST_TEST(end_of_year.values()[0] == 3.0);
  BOOST_TEST(end_of_year.values()[1] == 7.0);
  // A missing value inside the series.
  const Series gap(vec({1, 2, missing, 4}), quarter(2022, 1));
  BOOST_TEST(message_of<haidian::domain_error>([&] { (void)gap.to_annual(Aggregation::mean); }) ==
             "Series.to_annual: year 2022 is incomplete (the value at 2022Q3 is nan), but how='mean' needs all 4 "
             "quarters of a year; pass incomplete='drop' to drop incomplete years");
  BOOST_TEST(gap.to_annual(Aggregation::last).values()[0] == 4.0);
  // A series ending in November has no last month for 'last'.
  const Series months(Eigen::VectorXd::Ones(11), month(2022, 1));
  BOOST_TEST(message_of<haidian::invalid_argument>([&] { (void)months.to_annual(Aggregation::last); }) ==
             "Series.to_annual: year 2022 is incomplete (2022-12 is outside the series' periods 2022-01..2022-11), "
             "but how='last' needs the last month of a year; pass incomplete='drop' to drop incomplete years");
  BOOST_TEST(message_of<haidian::invalid_argument>([&] {
               (void)Series(vec({1, 2}), month(2022, 1)).to_quarterly(Aggregation::sum);
             }) == "Series.to_quarterly: quarter 2022Q1 is incomplete (2022-03 is outside the series' periods "
                   "2022-01..2022-02), but how='sum' needs all 3 months of a quarter; pass incomplete='drop' to "
                   "drop incomplete quarters");
}

BOOST_AUTO_TEST_CASE(dropping_incomplete_years) {
  // 2020Q4..2024Q1 with 2022Q2 missing: 2020 and 2024 are cut off, 2022 (between complete years) is
  // missing. 2021: 1 + 2 + 3 + 4 = 10; 2023: 9 + 10 + 11 + 12 = 42.
  const Series s(vec({9, 1, 2, 3, 4, 5, missing, 7, 8, 9, 10, 11, 12, 13}), quarter(2020, 4), "亿元");
  const Series annual = s.to_annual(Aggregation::sum, Incomplete::drop);
  BOOST_TEST(annual.start().to_string() == "2021");
  BOOST_TEST(annual.size() == 3);
  BOOST_TEST(annual.values()[0] == 10.0);
  BOOST_TEST(std::isnan(annual.values()[1]));
  BOOST_TEST(annual.values()[2] == 42.0);
  // An incomplete year after the last complete one is dropped, not kept as missing.
  const Series shorter = s.slice(quarter(2020, 4), quarter(2023, 1)).to_annual(Aggregation::sum, Incomplete::drop);
  BOOST_TEST(shorter.size() == 1);
  BOOST_TEST(shorter.values()[0] == 10.0);
  // Nothing complete: an error rather than an empty series.
  BOOST_TEST(message_of<haidian::invalid_argument>([] {
               (void)Series(vec({1, 2, 3}), quarter(2022, 2)).to_annual(Aggregation::sum, Incomplete::drop);
             }) == "Series.to_annual: the series covers 2022Q2..2022Q4, but must have at least one complete year for "
                   "how='sum' (dropping the incomplete ones leaves nothing)");
}

BOOST_AUTO_TEST_CASE(aggregating_needs_a_higher_frequency_and_known_names) {
  const Series annual(vec({1, 2}), Period::annual(2020));
  BOOST_TEST(message_of<haidian::invalid_argument>([&] { (void)annual.to_annual(Aggregation::sum); }) ==
             "Series.to_annual: the series is annual (2020..2021), but must be quarterly or monthly to aggregate to "
             "years");
  BOOST_TEST(message_of<haidian::invalid_argument>([] {
               (void)Series(vec({1, 2, 3, 4}), quarter(2020, 1)).to_quarterly(Aggregation::sum);
             }) == "Series.to_quarterly: the series is quarterly (2020Q1..2020Q4), but must be monthly to aggregate to "
                   "quarters");
  BOOST_TEST((haidian::parse_aggregation("mean") == Aggregation::mean));
  BOOST_TEST((haidian::parse_incomplete("drop") == Incomplete::drop));
  BOOST_TEST(message_of<haidian::invalid_argument>([] { (void)haidian::parse_aggregation("avg", "Series.to_annual"); }) ==
             "Series.to_annual: how is 'avg', but must be 'sum' (flows: GDP, energy use), 'mean' (levels averaged "
             "over the period) or 'last' (stocks at the end of the period)");
  BOOST_CHECK_THROW((void)haidian::parse_aggregation("Sum"), haidian::invalid_argument);
  BOOST_TEST(message_of<haidian::invalid_argument>([] { (void)haidian::parse_incomplete("skip", "Series.to_annual"); }) ==
             "Series.to_annual: incomplete is 'skip', but must be 'raise' or 'drop'");
}

BOOST_AUTO_TEST_CASE(annual_growth_is_not_the_mean_of_quarterly_growth) {
  // Comparable-price quarterly levels 2021: 100, 200, 100, 200 (600); 2022: 110, 200, 110, 200 (620).
  // Year-on-year by quarter: 10 %, 0 %, 10 %, 0 % (mean 5 %), but the year grew 620 / 600 - 1 = 3.33 %:
  // the quarters weigh by their level, so annual growth comes from aggregated levels.
  const Series q(vec({100, 200, 100, 200, 110, 200, 110, 200}), quarter(2021, 1), "亿元", "",
                 PriceBasis::comparable(2020));
  const Series yoy = q.yoy();
  const double mean_quarterly = (yoy.values()[4] + yoy.values()[5] + yoy.values()[6] + yoy.values()[7]) / 4.0;
  BOOST_TEST(mean_quarterly == 0.05, tt::tolerance(1e-14));
  const double annual = q.to_annual(Aggregation::sum).growth().values()[1];
  BOOST_TEST(annual == 620.0 / 600.0 - 1.0, tt::tolerance(1e-14));
  BOOST_TEST(std::abs(annual - mean_quarterly) > 0.01);
}

// ---- year-to-date (累计) totals ----

BOOST_AUTO_TEST_CASE(year_to_date_totals_to_quarters_and_back) {
  // 1季度 2, 1-2季度 5, 1-3季度 9, 全年 14; then 2023 1季度 3, 1-2季度 7:
  // quarters 2, 3, 4, 5 and 3, 4 (the year restarts).
  const Series ytd(vec({2, 5, 9, 14, 3, 7}), quarter(2022, 1), "亿元", "GDP", PriceBasis::current());
  const Series q = ytd.to_discrete();
  const double expected[] = {2, 3, 4, 5, 3, 4};
  for (Eigen::Index i = 0; i < q.size(); ++i) BOOST_TEST(q.values()[i] == expected[i]);
  BOOST_TEST((q.unit() == Unit("亿元")));
  BOOST_TEST((q.price_basis() == PriceBasis::current()));
  BOOST_TEST(q.name() == "GDP");
  BOOST_TEST(q.to_cumulative().equals(ytd));
  // The full-year value of a year-to-date series is the annual sum of its quarters.
  BOOST_TEST(ytd.slice(quarter(2022, 1), quarter(2022, 4)).to_annual(Aggregation::last).values()[0] ==
             q.slice(quarter(2022, 1), quarter(2022, 4)).to_annual(Aggregation::sum).values()[0]);
}

BOOST_AUTO_TEST_CASE(combined_january_february_release) {
  // NBS publishes "1-2月" without January: the year-to-date series has no January, so January and
  // February are missing and March on are exact: 1-2月 10, 1-3月 16, 1-4月 23 -> March 6, April 7.
  const Series ytd(vec({missing, 10, 16, 23}), month(2022, 1), "万吨标准煤");
  const Series m = ytd.to_discrete();
  BOOST_TEST(std::isnan(m.values()[0]));
  BOOST_TEST(std::isnan(m.values()[1]));
  BOOST_TEST(m.values()[2] == 6.0);
  BOOST_TEST(m.values()[3] == 7.0);
  // Back to year-to-date: missing until the year's values are all there.
  const Series back = m.to_cumulative();
  for (Eigen::Index i = 0; i < back.size(); ++i) BOOST_TEST(std::isnan(back.values()[i]));
}

BOOST_AUTO_TEST_CASE(a_series_starting_mid_year) {
  // Starts at 1-2季度 (5): its quarter needs 1季度, which is not there; 1-3季度 9 - 5 = 4.
  const Series ytd(vec({5, 9, 14, 3}), quarter(2022, 2));
  const Series q = ytd.to_discrete();
  BOOST_TEST(std::isnan(q.values()[0]));
  BOOST_TEST(q.values()[1] == 4.0);
  BOOST_TEST(q.values()[2] == 5.0);
  BOOST_TEST(q.values()[3] == 3.0);
  // to_cumulative of 5, 9, 14, 3 from 2022Q2: 2022 misses Q1 (missing), 2023Q1 restarts at 3.
  const Series c = ytd.to_cumulative();
  BOOST_TEST(std::isnan(c.values()[2]));
  BOOST_TEST(c.values()[3] == 3.0);
}

BOOST_AUTO_TEST_CASE(decreasing_year_to_date_totals) {
  // Discrete quarters passed by mistake: 100, 110, 105 is not a year-to-date series of a non-negative flow.
  const Series not_cumulative(vec({100, 110, 105}), quarter(2022, 1));
  BOOST_TEST(message_of<haidian::domain_error>([&] { (void)not_cumulative.to_discrete(); }) ==
             "Series.to_discrete: value at 2022Q3 is 105, but must not be below 110 at 2022Q2: the year-to-date "
             "total of a non-negative flow cannot decrease (turn the nonnegative check off for a flow that can be "
             "negative)");
  BOOST_TEST(message_of<haidian::domain_error>([] { (void)Series(vec({-3, 1}), quarter(2022, 1)).to_discrete(); }) ==
             "Series.to_discrete: value at 2022Q1 is -3, but must be non-negative: it is the year-to-date total of a "
             "non-negative flow (turn the nonnegative check off for a flow that can be negative)");
  // A flow that can be negative (net exports): 5, then 3 -> second quarter -2.
  const Series net(vec({5, 3}), quarter(2022, 1));
  BOOST_TEST(net.to_discrete(false).values()[1] == -2.0);
  // A decrease across the year boundary is the restart, not an error: 14 then 3.
  BOOST_TEST(Series(vec({14, 3}), quarter(2022, 4)).to_discrete().values()[1] == 3.0);
}

BOOST_AUTO_TEST_CASE(year_to_date_needs_sub_annual_data) {
  const Series annual(vec({1, 2}), Period::annual(2020));
  BOOST_TEST(message_of<haidian::invalid_argument>([&] { (void)annual.to_discrete(); }) ==
             "Series.to_discrete: the series is annual (2020..2021), but must be quarterly or monthly: year-to-date "
             "totals restart every year");
  BOOST_CHECK_THROW((void)annual.to_cumulative(), haidian::invalid_argument);
}

BOOST_AUTO_TEST_CASE(inputs_are_not_modified) {
  const Eigen::VectorXd v = vec({2, 5, 9, 14});
  const Series s(v, quarter(2022, 1));
  const Series copy = s;
  (void)s.to_discrete();
  (void)s.to_cumulative();
  (void)s.to_annual(Aggregation::last);
  BOOST_TEST(s.equals(copy));
  BOOST_TEST((s.values().array() == v.array()).all());
}

BOOST_AUTO_TEST_SUITE_END()
