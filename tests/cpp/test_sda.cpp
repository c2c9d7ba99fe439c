// Structural decomposition: ordering weights, closure, agreement with explicit-inverse formulas, errors.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <haidian/leontief.hpp>
#include <haidian/sda.hpp>

#include <Eigen/Core>
#include <Eigen/LU>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

namespace {

using haidian::SdaFactor;
using haidian_test::message_of;

struct Year {
  Eigen::MatrixXd Z, Y, F;
  Eigen::VectorXd x;
};

Year random_year(int n, unsigned seed) {
  std::mt19937 generator(seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  Eigen::MatrixXd A(n, n);
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < n; ++i) A(i, j) = uniform(generator);
    A.col(j) *= (0.2 + 0.6 * uniform(generator)) / A.col(j).sum();
  }
  Year year;
  year.Y = Eigen::MatrixXd(n, 2);
  for (int i = 0; i < n; ++i) {
    year.Y(i, 0) = 1.0 + 9.0 * uniform(generator);
    year.Y(i, 1) = 1.0 + 9.0 * uniform(generator);
  }
  year.x = (Eigen::MatrixXd::Identity(n, n) - A).lu().solve(year.Y.rowwise().sum());
  year.Z = A * year.x.asDiagonal();
  year.F = Eigen::MatrixXd(1, n);
  for (int i = 0; i < n; ++i) year.F(0, i) = (0.1 + uniform(generator)) * year.x(i);
  return year;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sda)

BOOST_AUTO_TEST_CASE(ordering_weights_sum_to_plus_minus_one) {
  // Σ_k C(s, k) = 1 for the full set, −1 for the empty set, 0 otherwise; Σ_s C(s, k) = 0.
  for (int K = 1; K <= 8; ++K) {
    for (const Eigen::MatrixXd& C : {haidian::detail::shapley_coefficients(K), haidian::detail::two_polar_coefficients(K)}) {
      const Eigen::VectorXd by_subset = C.rowwise().sum();
      const unsigned all = (1U << static_cast<unsigned>(K)) - 1U;
      for (unsigned s = 0; s <= all; ++s) {
        const double expected = s == all ? 1.0 : (s == 0 ? -1.0 : 0.0);
        BOOST_TEST(std::abs(by_subset(s) - expected) < 1e-14);
      }
      BOOST_TEST(C.colwise().sum().cwiseAbs().maxCoeff() < 1e-14);
    }
  }
  // Shapley weight of the empty set for K = 3 is 0!·2!/3! = 1/3.
  BOOST_TEST(std::abs(haidian::detail::shapley_coefficients(3)(0, 0) + 1.0 / 3.0) < 1e-16);
}

BOOST_AUTO_TEST_CASE(three_factor_polar_forms_with_explicit_inverses) {
  const int n = 6;
  const Year y0 = random_year(n, 1u), y1 = random_year(n, 2u);
  const haidian::Leontief l0(y0.Z, y0.x), l1(y1.Z, y1.x);
  const Eigen::MatrixXd S0 = haidian::direct_intensities(y0.F, y0.x), S1 = haidian::direct_intensities(y1.F, y1.x);
  const haidian::SdaYear a(l0, S0, y0.Y), b(l1, S1, y1.Y);
  const std::vector<SdaFactor> factors{SdaFactor::intensity, SdaFactor::leontief, SdaFactor::final_demand};
  const auto result = haidian::structural_decomposition(a, b, factors);
  const Eigen::MatrixXd L0 = l0.inverse(), L1 = l1.inverse();
  const Eigen::VectorXd f0 = S0.row(0).transpose(), f1 = S1.row(0).transpose();
  const Eigen::VectorXd v0 = y0.Y.rowwise().sum(), v1 = y1.Y.rowwise().sum();
  // Dietzenbacher & Los (1998), eqs. 5-6.
  const double f_effect = 0.5 * ((f1 - f0).dot(L0 * v0) + (f1 - f0).dot(L1 * v1));
  const double l_effect = 0.5 * (f1.dot((L1 - L0) * v0) + f0.dot((L1 - L0) * v1));
  const double y_effect = 0.5 * (f1.dot(L1 * (v1 - v0)) + f0.dot(L0 * (v1 - v0)));
  const double scale = std::abs(f_effect) + std::abs(l_effect) + std::abs(y_effect);
  BOOST_TEST(std::abs(result.two_polar(0, 0) - f_effect) < 1e-12 * scale);
  BOOST_TEST(std::abs(result.two_polar(1, 0) - l_effect) < 1e-12 * scale);
  BOOST_TEST(std::abs(result.two_polar(2, 0) - y_effect) < 1e-12 * scale);
  // Closure of both methods, and by-sector effects summing to the totals.
  const double change = f1.dot(L1 * v1) - f0.dot(L0 * v0);
  BOOST_TEST(std::abs(result.value1(0) - result.value0(0) - change) < 1e-12 * scale);
  BOOST_TEST(std::abs(result.exact.col(0).sum() - change) < 1e-12 * scale);
  BOOST_TEST(std::abs(result.two_polar.col(0).sum() - change) < 1e-12 * scale);
  BOOST_TEST(std::abs(result.exact_by_sector.sum() - change) < 1e-12 * scale);
  // Exact, 3 factors: each factor's effect averages 6 orderings; for f it is
  // (2 Δf L0 y0 + Δf L1 y0 + Δf L0 y1 + 2 Δf L1 y1) / 6 (Sun 1998 closed form for a product).
  const Eigen::VectorXd df = f1 - f0;
  const double f_exact =
      (2 * df.dot(L0 * v0) + df.dot(L1 * v0) + df.dot(L0 * v1) + 2 * df.dot(L1 * v1)) / 6.0;
  BOOST_TEST(std::abs(result.exact(0, 0) - f_exact) < 1e-12 * scale);
}

BOOST_AUTO_TEST_CASE(multiplicative_effects_multiply_to_the_ratio) {
  const Year y0 = random_year(5, 3u), y1 = random_year(5, 4u);
  const haidian::Leontief l0(y0.Z, y0.x), l1(y1.Z, y1.x);
  const haidian::SdaYear a(l0, haidian::direct_intensities(y0.F, y0.x), y0.Y, 2.0);
  const haidian::SdaYear b(l1, haidian::direct_intensities(y1.F, y1.x), y1.Y, 2.5);
  const std::vector<SdaFactor> factors{SdaFactor::intensity, SdaFactor::leontief, SdaFactor::population,
                                       SdaFactor::per_capita, SdaFactor::mix, SdaFactor::destination};
  const auto result = haidian::structural_decomposition(a, b, factors);
  for (bool exact : {true, false}) {
    const Eigen::MatrixXd D = haidian::multiplicative_effects(result.subset_values, factors, exact);
    BOOST_TEST(std::abs(D.col(0).prod() - result.value1(0) / result.value0(0)) < 1e-13);
  }
  // Population effect is exactly 2.5 / 2 in every ordering: population is a pure scale factor.
  const Eigen::MatrixXd D = haidian::multiplicative_effects(result.subset_values, factors, true);
  BOOST_TEST(std::abs(D(2, 0) - 1.25) < 1e-13);
}

BOOST_AUTO_TEST_CASE(lmdi_closes_and_handles_an_entering_stressor) {
  Year y0 = random_year(4, 5u);
  const Year y1 = random_year(4, 6u);
  y0.F(0, 2) = 0.0;  // sector 2 starts using the stressor only in the end year
  const haidian::Leontief l0(y0.Z, y0.x), l1(y1.Z, y1.x);
  const haidian::SdaYear a(l0, haidian::direct_intensities(y0.F, y0.x), y0.Y);
  const haidian::SdaYear b(l1, haidian::direct_intensities(y1.F, y1.x), y1.Y);
  const std::vector<SdaFactor> factors{SdaFactor::intensity, SdaFactor::leontief, SdaFactor::level, SdaFactor::mix,
                                       SdaFactor::destination};
  const auto exact = haidian::structural_decomposition(a, b, factors);
  const auto lmdi = haidian::lmdi_structural_decomposition(a, b, factors);
  const Eigen::MatrixXd& effects = lmdi.effects;
  const Eigen::MatrixXd& by_sector = lmdi.by_sector;
  const double change = exact.value1(0) - exact.value0(0);
  BOOST_TEST(std::abs(effects.col(0).sum() - change) < 1e-12 * effects.cwiseAbs().sum());
  // Sector 2's terms all enter through its intensity: leontief, level, mix, destination get nothing there.
  for (int f = 1; f < 5; ++f) BOOST_TEST(by_sector(f, 2) == 0.0);
  BOOST_TEST(by_sector(0, 2) > 0.0);
}

BOOST_AUTO_TEST_CASE(results_carry_the_names_given) {
  const Year y0 = random_year(3, 7u), y1 = random_year(3, 8u);
  const haidian::Leontief l0(y0.Z, y0.x), l1(y1.Z, y1.x);
  const haidian::SdaYear a(l0, haidian::direct_intensities(y0.F, y0.x), y0.Y);
  const haidian::SdaYear b(l1, haidian::direct_intensities(y1.F, y1.x), y1.Y);
  const std::vector<SdaFactor> factors{SdaFactor::intensity, SdaFactor::leontief, SdaFactor::final_demand};
  const std::vector<std::string> sectors{"farm", "mill", "shop"}, stressors{"CO2"};
  const auto exact = haidian::structural_decomposition(a, b, factors, sectors, stressors);
  const auto lmdi = haidian::lmdi_structural_decomposition(a, b, factors, sectors, stressors);
  BOOST_TEST(exact.sectors == sectors);
  BOOST_TEST(exact.stressors == stressors);
  BOOST_TEST(lmdi.sectors == sectors);
  BOOST_TEST(lmdi.stressors == stressors);
  BOOST_TEST((lmdi.factors == factors));
  BOOST_TEST(haidian::structural_decomposition(a, b, factors).sectors.empty());  // names stay optional
  BOOST_TEST(message_of<haidian::invalid_argument>([&] {
               haidian::structural_decomposition(a, b, factors, {"farm", "mill"});
             }) == "sda: sectors (names) has 2 elements but sectors of table0 has 3; they must match");
  BOOST_TEST(message_of<haidian::invalid_argument>([&] {
               haidian::lmdi_structural_decomposition(a, b, factors, {}, {"CO2", "SO2"});
             }) == "sda (lmdi): stressors (names) has 2 elements but stressors of table0 has 1; they must match");
}

BOOST_AUTO_TEST_CASE(messages_read_right_from_cpp_and_python) {
  // Negative final demand under LMDI points to the other method by name, not by a Python keyword.
  Year y0 = random_year(3, 9u);
  const Year y1 = random_year(3, 10u);
  y0.Y(1, 0) = -0.5;
  const haidian::Leontief l0(y0.Z, y0.x), l1(y1.Z, y1.x);
  const haidian::SdaYear a(l0, haidian::direct_intensities(y0.F, y0.x), y0.Y);
  const haidian::SdaYear b(l1, haidian::direct_intensities(y1.F, y1.x), y1.Y);
  const std::vector<SdaFactor> factors{SdaFactor::intensity, SdaFactor::leontief, SdaFactor::final_demand};
  BOOST_TEST(message_of<haidian::domain_error>([&] { haidian::lmdi_structural_decomposition(a, b, factors); }) ==
             "sda (lmdi): final demand Y[1, 0] for sector 1 is -0.5 in the base-year table; LMDI needs "
             "non-negative factors: use the exact method");
  Eigen::MatrixXd values = Eigen::MatrixXd::Ones(8, 1);
  values(5, 0) = -1.0;
  BOOST_TEST(message_of<haidian::domain_error>([&] { haidian::multiplicative_effects(values, factors, true); }) ==
             "sda: the multiplicative form needs positive values, but stressor 0 is -1 with intensity at end "
             "year, leontief at base year, final_demand at end year; use the additive form");
}

BOOST_AUTO_TEST_CASE(factor_list_errors) {
  BOOST_TEST(message_of<haidian::invalid_argument>([] { haidian::parse_sda_factor("demand"); }).find(
                 "sda: factors contains 'demand', which is not a factor; use intensity, leontief") == 0);
  const auto check = [](std::vector<SdaFactor> factors) {
    return message_of<haidian::invalid_argument>([&] { haidian::check_sda_factors(factors); });
  };
  BOOST_TEST(check({SdaFactor::intensity, SdaFactor::leontief}).find("factors has no final-demand level") !=
             std::string::npos);
  BOOST_TEST(check({SdaFactor::intensity, SdaFactor::leontief, SdaFactor::final_demand, SdaFactor::leontief})
                 .find("factors lists 'leontief' twice") != std::string::npos);
  BOOST_TEST(check({SdaFactor::intensity, SdaFactor::leontief, SdaFactor::final_demand}) == "<no exception>");
}

BOOST_AUTO_TEST_SUITE_END()
