// Decoupling: Tapio's eight states in all four quadrants and at the band edges, the zero-growth
// conventions, OECD ratio and factor, the energy elasticity coefficient and the decoupling effort.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <haidian/decoupling.hpp>
#include <haidian/targets.hpp>  // intensity_change, which the decoupling factor mirrors

#include <cmath>
#include <limits>
#include <string>

using haidian_test::message_of;

namespace {

std::string state_of(double resource_growth, double output_growth) {
  return std::string(haidian::to_string(haidian::tapio(resource_growth, output_growth).state));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(decoupling)

BOOST_AUTO_TEST_CASE(tapio_growth_quadrant_states) {
  // Output grows. e = g_R / g_Y is computed by hand for each case.
  BOOST_TEST(state_of(-0.02, 0.05) == "strong decoupling");         // e = -0.4
  BOOST_TEST(state_of(0.02, 0.05) == "weak decoupling");            // e = 0.4
  BOOST_TEST(state_of(0.05, 0.05) == "expansive coupling");         // e = 1
  BOOST_TEST(state_of(0.10, 0.05) == "expansive negative decoupling");  // e = 2
  BOOST_TEST(haidian::tapio(0.10, 0.05).elasticity == 0.10 / 0.05);
}

BOOST_AUTO_TEST_CASE(tapio_decline_quadrant_states) {
  // Output falls: here resource falling *faster* than output (e > 1.2) is recessive decoupling, and
  // falling slower (e < 0.8) is weak negative decoupling -- the reverse of the growth quadrant.
  BOOST_TEST(state_of(0.02, -0.05) == "strong negative decoupling");  // e = -0.4
  BOOST_TEST(state_of(-0.02, -0.05) == "weak negative decoupling");   // e = 0.4
  BOOST_TEST(state_of(-0.05, -0.05) == "recessive coupling");         // e = 1
  BOOST_TEST(state_of(-0.10, -0.05) == "recessive decoupling");       // e = 2
  BOOST_TEST(haidian::tapio(-0.02, -0.05).elasticity == -0.02 / -0.05);
}

BOOST_AUTO_TEST_CASE(tapio_band_edges_belong_to_the_coupling_band) {
  // 0.4 / 0.5 and 0.6 / 0.5 are exactly 0.8 and 1.2 in binary floating point (division by 0.5 is exact).
  BOOST_TEST(haidian::tapio(0.4, 0.5).elasticity == 0.8);
  BOOST_TEST(haidian::tapio(0.6, 0.5).elasticity == 1.2);
  BOOST_TEST(state_of(0.4, 0.5) == "expansive coupling");
  BOOST_TEST(state_of(0.6, 0.5) == "expansive coupling");
  BOOST_TEST(state_of(-0.4, -0.5) == "recessive coupling");
  BOOST_TEST(state_of(-0.6, -0.5) == "recessive coupling");
  // Just outside the band.
  BOOST_TEST(state_of(0.39, 0.5) == "weak decoupling");
  BOOST_TEST(state_of(0.61, 0.5) == "expansive negative decoupling");
  BOOST_TEST(state_of(-0.39, -0.5) == "weak negative decoupling");
  BOOST_TEST(state_of(-0.61, -0.5) == "recessive decoupling");
}

BOOST_AUTO_TEST_CASE(tapio_edge_tolerance_absorbs_binary_representation) {
  // 0.028 / 0.035 is 0.7999999999999999 in doubles although the decimal rates give exactly 0.8.
  const double e = 0.028 / 0.035;
  BOOST_TEST(e != 0.8);
  BOOST_TEST(std::abs(e - 0.8) < 1e-15);
  BOOST_TEST(state_of(0.028, 0.035) == "expansive coupling");
}

BOOST_AUTO_TEST_CASE(tapio_zero_growth_conventions) {
  // Flat resource use: strong decoupling with growing output, strong negative decoupling with falling.
  BOOST_TEST(state_of(0.0, 0.05) == "strong decoupling");
  BOOST_TEST(haidian::tapio(0.0, 0.05).elasticity == 0.0);
  BOOST_TEST(!std::signbit(haidian::tapio(0.0, -0.05).elasticity));  // 0, not -0
  BOOST_TEST(state_of(0.0, -0.05) == "strong negative decoupling");
  // Flat output: the elasticity is undefined (NaN, documented) and the sign of g_R decides.
  BOOST_TEST(std::isnan(haidian::tapio(-0.01, 0.0).elasticity));
  BOOST_TEST(state_of(-0.01, 0.0) == "strong decoupling");
  BOOST_TEST(state_of(0.01, 0.0) == "strong negative decoupling");
  BOOST_TEST(state_of(0.0, 0.0) == "no change");
}

BOOST_AUTO_TEST_CASE(tapio_haidian_2022) {
  // Haidian 2022 (article 全国首个减量发展城市北京怎么做?, 2023): GDP +3.5%, energy intensity -3% -> energy +0.395%, e = 0.395/3.5.
  const auto result = haidian::tapio(0.00395, 0.035);
  BOOST_TEST(result.elasticity == 0.00395 / 0.035, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(std::string(haidian::to_string(result.state)) == "weak decoupling");
}

BOOST_AUTO_TEST_CASE(tapio_arrays_match_scalars_and_check_sizes) {
  Eigen::ArrayXd r(4), y(4);
  r << 0.02, -0.10, 0.0, 0.05;
  y << 0.05, -0.05, 0.0, -0.01;
  const auto out = haidian::tapio(r, y);
  for (Eigen::Index i = 0; i < r.size(); ++i) {
    const auto one = haidian::tapio(r[i], y[i]);
    BOOST_TEST((out.state[static_cast<std::size_t>(i)] == one.state));
    BOOST_TEST((out.elasticity[i] == one.elasticity || (std::isnan(one.elasticity) && std::isnan(out.elasticity[i]))));
  }
  Eigen::ArrayXd short_y(3);
  short_y << 0.1, 0.1, 0.1;
  BOOST_TEST(message_of<haidian::invalid_argument>([&] { haidian::tapio(r, short_y); }) ==
             "tapio: resource_growth has 4 elements but output_growth has 3; they must match");
}

BOOST_AUTO_TEST_CASE(tapio_rejects_bad_growth) {
  const double inf = std::numeric_limits<double>::infinity();
  BOOST_TEST(message_of<haidian::domain_error>([&] { haidian::tapio(inf, 0.1); }) ==
             "tapio: resource_growth is inf, but must be finite");
  BOOST_TEST(message_of<haidian::domain_error>([] { haidian::tapio(0.1, -1.0); }) ==
             "tapio: output_growth is -1, but must be a growth rate greater than -1 (a fall of less than 100%); "
             "rates are fractions, so a percentage such as -3.5% is -0.035");
  Eigen::ArrayXd r(2), y(2);
  r << 0.1, 0.1;
  y << 0.1, -1.5;
  BOOST_TEST(message_of<haidian::domain_error>([&] { haidian::tapio(r, y); }) ==
             "tapio: output_growth[1] is -1.5, but must be a growth rate greater than -1 (a fall of less than 100%); "
             "rates are fractions, so a percentage such as -3.5% is -0.035");
}

BOOST_AUTO_TEST_CASE(missing_rates_give_missing_results) {
  // NaN in, NaN out, element by element, as Series::growth() does; the other periods are unaffected.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto one = haidian::tapio(nan, 0.1);
  BOOST_TEST(std::isnan(one.elasticity));
  BOOST_TEST((one.state == haidian::TapioState::missing));
  BOOST_TEST(haidian::to_string(haidian::TapioState::missing) == "missing");
  Eigen::ArrayXd r(3), y(3);
  r << 0.01, 0.02, nan;
  y << nan, 0.04, 0.05;
  const auto many = haidian::tapio(r, y);
  BOOST_TEST((many.state[0] == haidian::TapioState::missing));
  BOOST_TEST((many.state[1] == haidian::TapioState::weak_decoupling));
  BOOST_TEST(many.elasticity[1] == 0.5);
  BOOST_TEST((many.state[2] == haidian::TapioState::missing));
  BOOST_TEST(std::isnan(haidian::decoupling_ratio(nan, 0.1)));
  BOOST_TEST(std::isnan(haidian::decoupling_factor(0.1, nan)));
  BOOST_TEST(std::isnan(haidian::energy_elasticity(nan, 0.0)));
  // Effort: a period with a missing effect is missing; the others are computed.
  Eigen::Array<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> effects(2, 2);
  effects << 100.0, -50.0, 100.0, nan;
  const auto effort = haidian::decoupling_effort(effects, 0);
  BOOST_TEST(effort.effort[0] == 0.5);
  BOOST_TEST(std::isnan(effort.effort[1]));
  BOOST_TEST((effort.state[1] == haidian::EffortState::missing));
  BOOST_TEST(haidian::to_string(haidian::EffortState::missing) == "missing");
}

BOOST_AUTO_TEST_CASE(extreme_rates_give_finite_results_or_name_the_overflow) {
  // e = 1 / 5e-324 is 2e323: beyond a double, so an error saying so rather than inf.
  BOOST_TEST(message_of<haidian::domain_error>([] { (void)haidian::energy_elasticity(1.0, 5e-324); }) ==
             "energy_elasticity: the coefficient energy_growth / output_growth overflows a double (its magnitude "
             "exceeds 1.8e308); the result cannot be represented");
  BOOST_TEST(message_of<haidian::domain_error>([] { (void)haidian::tapio(1.0, 5e-324); }).find("overflows a double") !=
             std::string::npos);
  Eigen::ArrayXd r(2), y(2);
  r << 0.1, 1.0;
  y << 0.1, 5e-324;
  BOOST_TEST(message_of<haidian::domain_error>([&] { (void)haidian::tapio(r, y); }) ==
             "tapio: the elasticity resource_growth[1] / output_growth[1] overflows a double (its magnitude exceeds "
             "1.8e308); the result cannot be represented");
  // DR = (1 + 1e308) / (1 - 0.999999) = 1e314 overflows; (1 + (-1 + 1e-16)) / (1 + 1e300) underflows.
  BOOST_TEST(message_of<haidian::domain_error>([] { (void)haidian::decoupling_ratio(1e308, -0.999999); })
                 .find("overflows a double") != std::string::npos);
  BOOST_TEST(message_of<haidian::domain_error>([] { (void)haidian::decoupling_ratio(-0.9999999999999999, 1e300); })
                 .find("underflows a double") != std::string::npos);
  // Finite extremes stay exact: 1e300 / 1e-300 would overflow, 1e-300 / 1e300 is just tiny.
  BOOST_TEST(haidian::energy_elasticity(1e-300, 1e-8) == 1e-292, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(haidian::decoupling_ratio(1e300, 1e300) == 1.0);
  Eigen::Array<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> huge(1, 3);
  huge << 1.0, 1e308, 1e308;  // the other effects sum to 2e308
  BOOST_TEST(message_of<haidian::domain_error>([&] { (void)haidian::decoupling_effort(huge, 0); })
                 .find("overflows a double") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(oecd_ratio_and_factor) {
  // OECD (2002): DR = (R/Y)_end / (R/Y)_start; DF = 1 - DR. Levels R 100 -> 103, Y 200 -> 220.
  const double dr_levels = (103.0 / 220.0) / (100.0 / 200.0);
  BOOST_TEST(haidian::decoupling_ratio(0.03, 0.10) == dr_levels, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(haidian::decoupling_factor(0.03, 0.10) == 1.0 - dr_levels, boost::test_tools::tolerance(1e-14));
  // Factor is minus the intensity change, and zero when intensity is flat.
  BOOST_TEST(haidian::decoupling_factor(0.05, 0.05) == 0.0);
  BOOST_TEST(haidian::decoupling_factor(0.00395, 0.035) == -haidian::intensity_change(0.00395, 0.035));
  BOOST_CHECK_THROW(haidian::decoupling_ratio(0.1, -2.0), haidian::domain_error);
}

BOOST_AUTO_TEST_CASE(energy_elasticity_coefficient) {
  // NBS 2021 statistical communiqué: GDP +8.1%, energy consumption +5.2% -> 0.64 (5.2 / 8.1).
  BOOST_TEST(haidian::energy_elasticity(0.052, 0.081) == 0.052 / 0.081);
  BOOST_TEST(std::round(haidian::energy_elasticity(0.052, 0.081) * 100) == 64.0);
  BOOST_TEST(message_of<haidian::domain_error>([] { haidian::energy_elasticity(0.05, 0.0); }) ==
             "energy_elasticity: output_growth is 0, but the elasticity g_E / g_GDP needs nonzero output growth");
}

BOOST_AUTO_TEST_CASE(decoupling_effort_states_and_sums) {
  // Columns: activity, intensity, structure. Hand-computed D = -(intensity + structure) / activity.
  haidian::DecouplingEffortResult r;
  Eigen::Array<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> effects(5, 3);
  effects << 100.0, -90.0, -30.0,  // D = 1.2: strong
      100.0, -50.0, 10.0,          // D = 0.4: weak
      100.0, 20.0, -10.0,          // D = -0.1: none
      -50.0, -20.0, 0.0,           // activity falls: not classified, D = -0.4
      0.0, -20.0, 5.0;             // no activity effect: D undefined
  r = haidian::decoupling_effort(effects, 0);
  BOOST_TEST(r.effort[0] == 1.2, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(r.effort[1] == 0.4, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(r.effort[2] == -0.1, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(r.effort[3] == -0.4, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(std::isnan(r.effort[4]));
  BOOST_TEST(std::string(haidian::to_string(r.state[0])) == "strong decoupling effort");
  BOOST_TEST(std::string(haidian::to_string(r.state[1])) == "weak decoupling effort");
  BOOST_TEST(std::string(haidian::to_string(r.state[2])) == "no decoupling effort");
  BOOST_TEST(std::string(haidian::to_string(r.state[3])) == "activity decline (not classified)");
  BOOST_TEST(std::string(haidian::to_string(r.state[4])) == "no activity effect");
  // Factor efforts sum to D and ΔF = total - activity.
  for (Eigen::Index t = 0; t < 4; ++t) {
    BOOST_TEST(r.factor_effort.row(t).sum() == r.effort[t], boost::test_tools::tolerance(1e-14));
    BOOST_TEST(r.other_effects[t] == effects.row(t).sum() - effects(t, 0), boost::test_tools::tolerance(1e-14));
  }
  BOOST_TEST(r.factor_effort(0, 0) == 0.9, boost::test_tools::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(decoupling_effort_exactly_one_is_strong) {
  Eigen::Array<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> effects(1, 2);
  effects << -40.0, 40.0;  // activity in column 1, intensity exactly offsets it
  const auto r = haidian::decoupling_effort(effects, 1);
  BOOST_TEST(r.effort[0] == 1.0);
  BOOST_TEST(std::string(haidian::to_string(r.state[0])) == "strong decoupling effort");
}

BOOST_AUTO_TEST_CASE(decoupling_effort_rejects_bad_input) {
  Eigen::Array<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> effects(2, 2);
  effects << 1.0, 2.0, 3.0, std::numeric_limits<double>::infinity();
  BOOST_TEST(message_of<haidian::domain_error>([&] { haidian::decoupling_effort(effects, 0); }) ==
             "decoupling_effort: effects[1, 1] is inf, but must be finite");
  BOOST_TEST(message_of<haidian::invalid_argument>([&] { haidian::decoupling_effort(effects, 2); }) ==
             "decoupling_effort: activity is column 2, but effects has 2 columns");
  Eigen::Array<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> empty(0, 2);
  BOOST_TEST(message_of<haidian::invalid_argument>([&] { haidian::decoupling_effort(empty, 0); }) ==
             "decoupling_effort: effects is empty");
}

BOOST_AUTO_TEST_SUITE_END()
