// Footprints R = S L Y + F_Y: a textbook table, an independent inverse, dense against sparse, bad input.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <haidian/footprint.hpp>
#include <haidian/io_table.hpp>
#include <haidian/leontief.hpp>
#include <haidian/sparse_leontief.hpp>

#include <Eigen/Core>
#include <Eigen/LU>
#include <Eigen/SparseCore>

#include <cmath>
#include <limits>
#include <random>
#include <string>

namespace {

using haidian_test::message_of;

double max_abs(const Eigen::MatrixXd& m) { return m.cwiseAbs().maxCoeff(); }

// Random productive table with n sectors (column sums of A at most 0.9, about half the flows zero).
void random_table(int n, unsigned seed, Eigen::MatrixXd& Z, Eigen::VectorXd& x) {
  std::mt19937 generator(seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  Eigen::MatrixXd A(n, n);
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < n; ++i) A(i, j) = uniform(generator) < 0.5 ? 0.0 : uniform(generator);
    A(j, j) += 0.01;  // no empty column
    A.col(j) *= 0.9 * uniform(generator) / A.col(j).sum();
  }
  x.resize(n);
  for (int i = 0; i < n; ++i) x(i) = 1.0 + 10.0 * uniform(generator);
  Z = A * x.asDiagonal();
}

Eigen::MatrixXd random_matrix(Eigen::Index rows, Eigen::Index cols, unsigned seed, double low) {
  std::mt19937 generator(seed);
  std::uniform_real_distribution<double> uniform(low, 1.0);
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index j = 0; j < cols; ++j) {
    for (Eigen::Index i = 0; i < rows; ++i) m(i, j) = uniform(generator);
  }
  return m;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(io_footprint)

BOOST_AUTO_TEST_CASE(miller_blair_table_footprints_add_up_to_production_use) {
  // Miller & Blair (2009), Table 2.3: flows 150, 500 / 200, 100, gross output 1000, 2000, final demand
  // 350, 1700, here split into households (100, 1200) and exports (250, 500); L = [1.2541 .3300;
  // .2640 1.1221] as printed (4 decimals). Emissions F = (50, 80) give S = (0.05, 0.04).
  Eigen::MatrixXd Z(2, 2);
  Z << 150, 500, 200, 100;
  const Eigen::Vector2d x(1000, 2000);
  Eigen::MatrixXd Y(2, 2);
  Y << 100, 250, 1200, 500;
  Eigen::MatrixXd F(1, 2);
  F << 50, 80;
  const Eigen::MatrixXd S = haidian::direct_intensities(F, x);
  Eigen::MatrixXd printed_L(2, 2);
  printed_L << 1.2541, 0.3300, 0.2640, 1.1221;
  const Eigen::MatrixXd by_hand = S * printed_L * Y;

  const haidian::Leontief system(Z, x);
  const Eigen::MatrixXd R = haidian::footprint(system, S, Y);
  BOOST_TEST(R.rows() == 1);
  BOOST_TEST(R.cols() == 2);
  for (Eigen::Index c = 0; c < 2; ++c) BOOST_TEST(std::abs(R(0, c) - by_hand(0, c)) < 1e-3 * by_hand(0, c));
  // L Y 1 = x, so all final demand together is held responsible for all production emissions.
  BOOST_TEST(std::abs(R.sum() - F.sum()) < 1e-12 * F.sum());
  // Direct use by final demand lands in its own column, unchanged.
  Eigen::MatrixXd F_Y(1, 2);
  F_Y << 7.0, 0.0;
  const Eigen::MatrixXd with_direct = haidian::footprint(system, S, Y, F_Y);
  BOOST_TEST(with_direct(0, 0) == R(0, 0) + 7.0);
  BOOST_TEST(with_direct(0, 1) == R(0, 1));
}

BOOST_AUTO_TEST_CASE(matches_an_independent_inverse_dense_and_sparse_either_order) {
  Eigen::MatrixXd Z;
  Eigen::VectorXd x;
  random_table(30, 7u, Z, x);
  // Independent reference: the explicit inverse by full pivoting, S L Y + F_Y.
  const Eigen::MatrixXd A = haidian::technical_coefficients(Z, x);
  const Eigen::MatrixXd L = (Eigen::MatrixXd::Identity(30, 30) - A).fullPivLu().inverse();
  const haidian::Leontief dense(Z, x);
  const haidian::SparseLeontief sparse(Eigen::SparseMatrix<double>(Z.sparseView()), x);
  // (stressors, categories): fewer stressors (multipliers first) and fewer categories (outputs first).
  for (const auto& [k, c] : {std::pair<Eigen::Index, Eigen::Index>{2, 5}, {6, 3}, {1, 1}}) {
    const Eigen::MatrixXd S = random_matrix(k, 30, 11u, 0.0);
    const Eigen::MatrixXd Y = random_matrix(30, c, 12u, -0.2);  // some negative entries (inventories)
    const Eigen::MatrixXd F_Y = random_matrix(k, c, 13u, 0.0);
    const Eigen::MatrixXd expected = S * L * Y + F_Y;
    const double scale = max_abs(expected);
    BOOST_TEST(max_abs(haidian::footprint(dense, S, Y, F_Y) - expected) < 1e-12 * scale);
    BOOST_TEST(max_abs(haidian::footprint(sparse, S, Y, F_Y) - expected) < 1e-12 * scale);
  }
}

BOOST_AUTO_TEST_CASE(bad_input_is_named) {
  Eigen::MatrixXd Z(2, 2);
  Z << 150, 500, 200, 100;
  const haidian::Leontief system(Z, Eigen::Vector2d(1000, 2000));
  const Eigen::MatrixXd S = Eigen::MatrixXd::Constant(1, 2, 0.1), Y = Eigen::MatrixXd::Constant(2, 3, 5.0);
  const auto invalid = [&](auto call) { return message_of<haidian::invalid_argument>(call); };
  const auto domain = [&](auto call) { return message_of<haidian::domain_error>(call); };
  BOOST_TEST(invalid([&] { haidian::footprint(system, Eigen::MatrixXd::Ones(1, 3), Y); }) ==
             "footprint: intensities (columns) has 3 elements but sectors has 2; they must match");
  BOOST_TEST(invalid([&] { haidian::footprint(system, S, Eigen::MatrixXd::Ones(3, 3)); }) ==
             "footprint: final_demand (rows) has 3 elements but sectors has 2; they must match");
  BOOST_TEST(invalid([&] { haidian::footprint(system, S, Y, Eigen::MatrixXd::Ones(1, 2)); }) ==
             "footprint: direct_final_use (columns) has 2 elements but final_demand (columns) has 3; they must match");
  BOOST_TEST(invalid([&] { haidian::footprint(system, S, Y, Eigen::MatrixXd(), {"CO2", "SO2"}); }) ==
             "footprint: stressors (names) has 2 elements but intensities (rows) has 1; they must match");
  Eigen::MatrixXd bad_Y = Y;
  bad_Y(1, 2) = std::numeric_limits<double>::quiet_NaN();
  BOOST_TEST(domain([&] { haidian::footprint(system, S, bad_Y); }) ==
             "footprint: final_demand[1, 2] is nan, but must be finite");
  Eigen::MatrixXd bad_F_Y = Eigen::MatrixXd::Zero(1, 3);
  bad_F_Y(0, 1) = std::numeric_limits<double>::infinity();
  BOOST_TEST(domain([&] { haidian::footprint(system, S, Y, bad_F_Y, {"CO2"}); }) ==
             "footprint: direct_final_use[0, 1] (stressor 0 ('CO2')) is inf, but must be finite");
  Eigen::MatrixXd bad_S = S;
  bad_S(0, 0) = -std::numeric_limits<double>::infinity();
  BOOST_TEST(domain([&] { haidian::footprint(system, bad_S, Y); }) ==
             "footprint: intensities[0, 0] (stressor 0) is -inf, but must be finite");
}

BOOST_AUTO_TEST_SUITE_END()
