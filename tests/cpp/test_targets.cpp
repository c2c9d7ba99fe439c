// Target arithmetic against hand calculations and published statistics (NBS communiqués, cited per case).
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <haidian/targets.hpp>

#include <cmath>
#include <limits>
#include <string>

namespace tt = boost::test_tools;
using haidian_test::message_of;

BOOST_AUTO_TEST_SUITE(targets)

BOOST_AUTO_TEST_CASE(intensity_change_and_implied_growth_haidian_2022) {
  // Haidian 2022 (article 全国首个减量发展城市北京怎么做?, 2023): GDP +3.5%, energy intensity -3% -> energy 1.035 * 0.97 - 1 = 0.395%.
  BOOST_TEST(haidian::implied_resource_growth(0.035, -0.03) == 0.00395, tt::tolerance(1e-13));
  BOOST_TEST(haidian::intensity_change(0.00395, 0.035) == -0.03, tt::tolerance(1e-13));
  BOOST_TEST(haidian::implied_output_growth(0.00395, -0.03) == 0.035, tt::tolerance(1e-13));
}

BOOST_AUTO_TEST_CASE(published_national_figures_reproduce_to_their_rounding) {
  // NBS 2021 statistical communiqué (国民经济和社会发展统计公报): GDP +8.1%, energy +5.2%,
  // 万元国内生产总值能耗 -2.7%.
  BOOST_TEST(std::round(haidian::intensity_change(0.052, 0.081) * 1000) == -27.0);
  // NBS/NDRC/NEA 2020 provincial bulletin (2021-08-23), note 3: national intensity -0.1%, energy +2.2%;
  // 2020 communiqué: GDP +2.3%.
  BOOST_TEST(std::round(haidian::intensity_change(0.022, 0.023) * 1000) == -1.0);
  // Same bulletin, Beijing: intensity -9.18%, energy -8.1%; Beijing 2020 communiqué: GDP +1.2%.
  BOOST_TEST(std::abs(haidian::intensity_change(-0.081, 0.012) - (-0.0918)) < 0.0005);
}

BOOST_AUTO_TEST_CASE(cumulative_and_annual_rates) {
  // A five-year cut of 13.5% is 1 - 0.865^(1/5) = 2.859% a year (14th five-year plan energy intensity target).
  BOOST_TEST(haidian::annual_rate(-0.135, 5) == std::pow(0.865, 0.2) - 1.0, tt::tolerance(1e-13));
  BOOST_TEST(std::round(haidian::annual_rate(-0.135, 5) * 1e5) == -2859.0);
  BOOST_TEST(haidian::cumulative_change(haidian::annual_rate(-0.135, 5), 5) == -0.135, tt::tolerance(1e-13));
  BOOST_TEST(haidian::cumulative_change(0.1, 2) == 0.21, tt::tolerance(1e-14));
  Eigen::ArrayXd rates(3);
  rates << 0.1, -0.05, 0.02;
  BOOST_TEST(haidian::chain_rates(rates) == 1.1 * 0.95 * 1.02 - 1.0, tt::tolerance(1e-13));
  BOOST_TEST(haidian::chain_rates(Eigen::ArrayXd(0)) == 0.0);
  // Tiny rates keep their digits (log1p / expm1): (1 + g)^5 - 1 = 5g + 10g^2 + O(g^3) for g = 1e-12.
  BOOST_TEST(haidian::cumulative_change(1e-12, 5) == 5e-12 + 10 * 1e-12 * 1e-12, tt::tolerance(1e-14));
  BOOST_TEST(message_of<haidian::domain_error>([] { haidian::annual_rate(-0.1, 0); }) ==
             "annual_rate: years is 0, but must be positive and finite");
  BOOST_TEST(message_of<haidian::domain_error>([] { haidian::annual_rate(-1.0, 5); }) ==
             "annual_rate: cumulative_change is -1, but must be a growth rate greater than -1 (a fall of less "
             "than 100%); rates are fractions, so a percentage such as -3.5% is -0.035");
}

BOOST_AUTO_TEST_CASE(target_progress_needed_cut) {
  // 13.5% over five years; achieved -3% and -2.5%. Needed: (0.865 / (0.97 * 0.975))^(1/3) - 1.
  Eigen::ArrayXd achieved(2);
  achieved << -0.03, -0.025;
  const auto p = haidian::target_progress(-0.135, 5, achieved);
  BOOST_TEST(p.achieved_cumulative == 0.97 * 0.975 - 1.0, tt::tolerance(1e-13));
  BOOST_TEST(p.target_annual == std::pow(0.865, 0.2) - 1.0, tt::tolerance(1e-13));
  BOOST_TEST(p.scheduled_cumulative == std::pow(0.865, 0.4) - 1.0, tt::tolerance(1e-13));
  BOOST_TEST(p.required_annual.has_value());
  BOOST_TEST(*p.required_annual == std::pow(0.865 / (0.97 * 0.975), 1.0 / 3.0) - 1.0, tt::tolerance(1e-13));
  BOOST_TEST(!p.on_schedule);  // -5.425% is short of the even path's -5.636%
  BOOST_TEST(!p.target_met);
  BOOST_TEST(p.share_of_target == (0.97 * 0.975 - 1.0) / -0.135, tt::tolerance(1e-13));
}

BOOST_AUTO_TEST_CASE(target_progress_on_the_even_path_and_complete) {
  const double a = haidian::annual_rate(-0.135, 5);
  Eigen::ArrayXd even = Eigen::ArrayXd::Constant(5, a);
  const auto done = haidian::target_progress(-0.135, 5, even);
  BOOST_TEST(done.on_schedule);
  BOOST_TEST(done.target_met);  // exactly on target counts as met (few-ulp slack)
  BOOST_TEST(!done.required_annual.has_value());
  BOOST_TEST(done.share_of_target == 1.0, tt::tolerance(1e-12));
  // A growth target (a floor): +20% over 4 years, 5% a year achieved in 2 years is ahead of schedule.
  Eigen::ArrayXd growth = Eigen::ArrayXd::Constant(2, 0.05);
  const auto up = haidian::target_progress(0.2, 4, growth);
  BOOST_TEST(up.on_schedule);
  BOOST_TEST(!up.target_met);
  BOOST_TEST(*up.required_annual == std::sqrt(1.2 / 1.1025) - 1.0, tt::tolerance(1e-13));
}

BOOST_AUTO_TEST_CASE(target_progress_rejects_bad_input) {
  Eigen::ArrayXd six = Eigen::ArrayXd::Constant(6, -0.01);
  BOOST_TEST(message_of<haidian::invalid_argument>([&] { haidian::target_progress(-0.135, 5, six); }) ==
             "target_progress: achieved has 6 years but the plan has only 5");
  BOOST_TEST(message_of<haidian::domain_error>([&] { haidian::target_progress(-0.135, 2.5, six.head(1)); }) ==
             "target_progress: plan_years is 2.5, but must be a whole number of years >= 1");
}

BOOST_AUTO_TEST_CASE(resource_cap_path) {
  // Base 1000 tce; output +5%, +4%; intensity -3% each year: caps 1000*1.05*0.97, then *1.04*0.97.
  Eigen::ArrayXd y(2), r(2);
  y << 0.05, 0.04;
  r << -0.03, -0.03;
  const auto cap = haidian::resource_cap(1000.0, y, r);
  BOOST_TEST(cap[0] == 1000.0 * 1.05 * 0.97, tt::tolerance(1e-13));
  BOOST_TEST(cap[1] == 1000.0 * 1.05 * 0.97 * 1.04 * 0.97, tt::tolerance(1e-13));
  BOOST_TEST(message_of<haidian::invalid_argument>([&] { haidian::resource_cap(1000.0, y, r.head(1)); }) ==
             "resource_cap: output_growth has 2 elements but intensity_change has 1; they must match");
  BOOST_TEST(message_of<haidian::domain_error>([&] { haidian::resource_cap(-1.0, y, r); }) ==
             "resource_cap: base_resource is -1, but must be positive and finite");
}

BOOST_AUTO_TEST_CASE(rounded_intensities_need_not_reproduce_published_rates) {
  // NBS/NDRC/NEA 2009 bulletin: national intensities 2006-2008 revised to 1.241, 1.179, 1.118 tce per
  // 10,000 yuan, rates -5.04% (2007) and -5.20% (2008). From the rounded levels the rates are -5.00% and
  // -5.17%: the offices take the rate from unrounded figures, so the printed levels miss by up to
  // 0.0005/1.179 + 0.0005/1.241 in relative terms.
  const double r2007 = haidian::rounded_intensity_change(1.241, 1.179, 3);
  const double r2008 = haidian::rounded_intensity_change(1.179, 1.118, 3);
  BOOST_TEST(r2007 == 1.179 / 1.241 - 1.0, tt::tolerance(1e-14));
  BOOST_TEST(std::round(r2007 * 1e4) == -500.0);
  BOOST_TEST(std::round(r2008 * 1e4) == -517.0);
  const double bound = 0.0005 / 1.179 + 0.0005 / 1.241 + 0.00005;  // + the rate's own rounding
  BOOST_TEST(std::abs(r2007 - (-0.0504)) < bound);
  BOOST_TEST(std::abs(r2008 - (-0.0520)) < 0.0005 / 1.118 + 0.0005 / 1.179 + 0.00005);
  // Rounding to 4 decimals happens before the rate: 1.23456 -> 1.2346, 1.11111 -> 1.1111.
  BOOST_TEST(haidian::rounded_intensity_change(1.23456, 1.11111) == 1.1111 / 1.2346 - 1.0, tt::tolerance(1e-14));
  BOOST_CHECK_THROW(haidian::rounded_intensity_change(0.00004, 1.0), haidian::domain_error);
}

BOOST_AUTO_TEST_CASE(consistency_of_published_triples) {
  // Beijing 2020 (bulletin of 2021-08-23 and Beijing communiqué): GDP +1.2%, energy -8.1%, intensity -9.18%.
  const auto beijing = haidian::check_consistency(0.012, -0.081, -0.0918, 0.0005, 0.0005, 0.00005);
  BOOST_TEST(beijing.consistent);
  BOOST_TEST(beijing.excess == 0.0);
  BOOST_TEST(beijing.implied_change == 0.919 / 1.012 - 1.0, tt::tolerance(1e-12));
  // A difference of two rates near -0.0919: cancellation costs about three of the digits.
  BOOST_TEST(beijing.discrepancy == -0.0918 - (0.919 / 1.012 - 1.0), tt::tolerance(1e-12));
  BOOST_TEST(beijing.lower == 0.9185 / 1.0125 - 1.0, tt::tolerance(1e-12));
  BOOST_TEST(beijing.upper == 0.9195 / 1.0115 - 1.0, tt::tolerance(1e-12));
  // A triple that does not add up: intensity -5% with GDP +5% and energy +2% (implied -2.86%).
  const auto bad = haidian::check_consistency(0.05, 0.02, -0.05, 0.0005, 0.0005, 0.0005);
  BOOST_TEST(!bad.consistent);
  BOOST_TEST(bad.excess == bad.lower - bad.published_upper, tt::tolerance(1e-12));
  BOOST_TEST(bad.excess > 0.019);  // -4.95% (published, widest) vs -2.95% (implied, narrowest)
  // Level rounding widens the interval: a base intensity of 0.2 at 4 decimals adds about 0.0005 relative.
  const auto with_levels = haidian::check_consistency(0.012, -0.081, -0.0918, 0.0005, 0.0005, 0.00005, 0.2);
  BOOST_TEST(with_levels.lower < beijing.lower);
  BOOST_TEST(with_levels.upper > beijing.upper);
  BOOST_CHECK_THROW(haidian::check_consistency(0.01, 0.01, 0.0, -0.1, 0.0, 0.0), haidian::domain_error);
}

BOOST_AUTO_TEST_CASE(extreme_magnitudes_are_finite_and_accurate_or_name_the_overflow) {
  // References from mpmath at 40 digits: 14^200 - 1 = 1.6811525963198509690e229; sqrt(1 + 1e300) - 1 = 1e150.
  BOOST_TEST(haidian::cumulative_change(13.0, 200) == 1.6811525963198509690e229, tt::tolerance(1e-12));
  BOOST_TEST(haidian::annual_rate(1e300, 2) == 1e150, tt::tolerance(1e-13));
  // 14^269 = 2e308 is beyond a double: an error saying so, never inf.
  BOOST_TEST(message_of<haidian::domain_error>([] { (void)haidian::cumulative_change(13.0, 269); }) ==
             "cumulative_change: the cumulative change (1 + annual_rate)^years - 1 overflows a double (its magnitude "
             "exceeds 1.8e308); the result cannot be represented");
  BOOST_TEST(message_of<haidian::domain_error>([] { (void)haidian::annual_rate(1.0, 1e-300); }).find("overflows") !=
             std::string::npos);
  BOOST_TEST(message_of<haidian::domain_error>([] { (void)haidian::implied_resource_growth(1e200, 1e200); })
                 .find("overflows a double") != std::string::npos);
  BOOST_TEST(message_of<haidian::domain_error>([] { (void)haidian::implied_output_growth(1e308, -0.999); })
                 .find("overflows a double") != std::string::npos);
  BOOST_TEST(message_of<haidian::domain_error>([] { (void)haidian::intensity_change(1e308, -0.999); })
                 .find("overflows a double") != std::string::npos);
  Eigen::ArrayXd big(3);
  big << 1e300, 1e300, 1e300;
  BOOST_TEST(message_of<haidian::domain_error>([&] { (void)haidian::chain_rates(big); }).find("overflows") !=
             std::string::npos);
  // Resource cap: a tiny base and a huge growth meet in the middle (1e-300 * 1e300 = 1), computed
  // without the factor overflowing on its own; a cap beyond the range is an error.
  Eigen::ArrayXd growth(2), flat(2);
  growth << 1e150 - 1.0, 1e150 - 1.0;
  flat << 0.0, 0.0;
  const Eigen::ArrayXd cap = haidian::resource_cap(1e-300, growth, flat);
  BOOST_TEST(cap[0] == 1e-150, tt::tolerance(1e-12));
  BOOST_TEST(cap[1] == 1.0, tt::tolerance(1e-12));
  BOOST_TEST(message_of<haidian::domain_error>([&] { (void)haidian::resource_cap(1e300, growth, flat); }) ==
             "resource_cap: the cap of year 1 of the path overflows a double (its magnitude exceeds 1.8e308); the "
             "result cannot be represented");
  // Rounding a level with no digits at the 4th decimal leaves it as it is instead of overflowing.
  BOOST_TEST(haidian::round_to(1e300, 15) == 1e300);
  BOOST_TEST(haidian::rounded_intensity_change(1.0, 1e300) == 1e300, tt::tolerance(1e-15));
  BOOST_TEST(message_of<haidian::domain_error>([] { (void)haidian::rounded_intensity_change(1e-4, 1e305); })
                 .find("overflows") != std::string::npos);
  // Target progress: a share of a tiny target that overflows is named.
  Eigen::ArrayXd achieved(1);
  achieved << 1e10;
  BOOST_TEST(message_of<haidian::domain_error>([&] { (void)haidian::target_progress(1e-300, 5, achieved); })
                 .find("overflows") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(missing_rates_pass_through_element_wise_functions_only) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  BOOST_TEST(std::isnan(haidian::intensity_change(nan, 0.1)));
  BOOST_TEST(std::isnan(haidian::implied_resource_growth(0.1, nan)));
  BOOST_TEST(std::isnan(haidian::implied_output_growth(nan, nan)));
  BOOST_TEST(std::isnan(haidian::annual_rate(nan, 5)));
  BOOST_TEST(std::isnan(haidian::cumulative_change(nan, 5)));
  BOOST_TEST(std::isnan(haidian::rounded_intensity_change(nan, 1.0)));
  // Years are not an element: a NaN there is an error.
  BOOST_CHECK_THROW(haidian::annual_rate(0.1, nan), haidian::domain_error);
  // Combining functions cannot give a meaningful answer around a gap in the chain.
  Eigen::ArrayXd rates(2);
  rates << 0.1, nan;
  BOOST_TEST(message_of<haidian::domain_error>([&] { (void)haidian::chain_rates(rates); }) ==
             "chain_rates: rates[1] is nan, but must be finite");
  BOOST_CHECK_THROW(haidian::target_progress(-0.1, 5, rates), haidian::domain_error);
  BOOST_CHECK_THROW(haidian::resource_cap(1.0, rates, rates), haidian::domain_error);
  BOOST_CHECK_THROW(haidian::check_consistency(nan, 0.01, 0.0, 0.0005, 0.0005, 0.0005), haidian::domain_error);
}

BOOST_AUTO_TEST_CASE(rates_that_look_like_percentages_or_indices_are_flagged) {
  using haidian::RateScale;
  BOOST_TEST((haidian::rate_scale(0.035) == RateScale::fraction));
  BOOST_TEST((haidian::rate_scale(-0.6) == RateScale::fraction));
  BOOST_TEST((haidian::rate_scale(1.0) == RateScale::fraction));  // a doubling is plausible
  BOOST_TEST((haidian::rate_scale(3.5) == RateScale::percent_like));
  BOOST_TEST((haidian::rate_scale(106.9) == RateScale::index_like));
  BOOST_TEST((haidian::rate_scale(50.0) == RateScale::index_like));
  BOOST_TEST((haidian::rate_scale(std::numeric_limits<double>::quiet_NaN()) == RateScale::fraction));
  // Cumulative changes by their annual equivalent: doubling over 10 years is fine, 1350 % in a year not.
  BOOST_TEST((haidian::rate_scale(1.0, 10.0) == RateScale::fraction));
  BOOST_TEST((haidian::rate_scale(3.0, 20.0) == RateScale::fraction));  // 翻两番 over twenty years
  BOOST_TEST((haidian::rate_scale(13.5, 1.0) == RateScale::percent_like));
  BOOST_TEST((haidian::rate_scale(86.5, 5.0) == RateScale::index_like));
  BOOST_TEST(haidian::implausible_rate_note("tapio", "resource_growth", 0.035).empty());
  BOOST_TEST(haidian::implausible_rate_note("tapio", "resource_growth", 3.5) ==
             "tapio: resource_growth is 3.5, a growth of 350% in one period; rates are fractions (0.035 is 3.5%), "
             "so if this is a percentage, divide it by 100. If the growth is real, silence this warning for the "
             "call (haidian.RateWarning).");
  BOOST_TEST(haidian::implausible_rate_note("Series.from_growth", "rates[0]", 106.9) ==
             "Series.from_growth: rates[0] is 106.9, a growth of 10690% in one period; it looks like an index with "
             "the previous period = 100 (上年=100), whose growth rate is 106.9 / 100 - 1 = 0.069 "
             "(Series.from_index chain-links such indices). If the growth is real, silence this warning for the "
             "call (haidian.RateWarning).");
}

BOOST_AUTO_TEST_SUITE_END()
