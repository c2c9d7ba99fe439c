// Input-output tables and the Leontief system: a textbook example, properties, and bad input.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <haidian/io_table.hpp>
#include <haidian/leontief.hpp>

#include <Eigen/Core>
#include <Eigen/LU>

#include <cmath>
#include <limits>
#include <random>
#include <string>

namespace {

using haidian_test::message_of;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Miller & Blair, Input-Output Analysis: Foundations and Extensions, 2nd ed. (2009), ch. 2, the
// two-sector numerical example (Table 2.3): agriculture and manufacturing, flows 150, 500 / 200, 100,
// final demand 350, 1700, gross output 1000, 2000; A = [.15 .25; .20 .05];
// L = [1.2541 .3300; .2640 1.1221]; for final demand (600, 1500) output is (1247.52, 1841.58).
Eigen::MatrixXd miller_blair_Z() {
  Eigen::MatrixXd Z(2, 2);
  Z << 150, 500, 200, 100;
  return Z;
}
Eigen::VectorXd miller_blair_x() { return Eigen::Vector2d(1000, 2000); }

// Random productive table: flows scaled so that every column of A sums to at most 0.9.
void random_table(int n, unsigned seed, Eigen::MatrixXd& Z, Eigen::VectorXd& x) {
  std::mt19937 generator(seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  Eigen::MatrixXd A(n, n);
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < n; ++i) A(i, j) = uniform(generator);
    A.col(j) *= 0.9 * uniform(generator) / A.col(j).sum();
  }
  x.resize(n);
  for (int i = 0; i < n; ++i) x(i) = 1.0 + 10.0 * uniform(generator);
  Z = A * x.asDiagonal();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(io)

BOOST_AUTO_TEST_CASE(miller_blair_two_sector_example) {
  const Eigen::MatrixXd A = haidian::technical_coefficients(miller_blair_Z(), miller_blair_x());
  BOOST_TEST(A(0, 0) == 0.15, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(A(0, 1) == 0.25, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(A(1, 0) == 0.20, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(A(1, 1) == 0.05, boost::test_tools::tolerance(1e-15));

  const haidian::Leontief leontief(miller_blair_Z(), miller_blair_x());
  const Eigen::MatrixXd L = leontief.inverse();
  // Book values to 4 decimals.
  BOOST_TEST(std::abs(L(0, 0) - 1.2541) < 5e-5);
  BOOST_TEST(std::abs(L(0, 1) - 0.3300) < 5e-5);
  BOOST_TEST(std::abs(L(1, 0) - 0.2640) < 5e-5);
  BOOST_TEST(std::abs(L(1, 1) - 1.1221) < 5e-5);
  // Exact: det(I - A) = 0.7575, L = [0.95 0.25; 0.2 0.85] / 0.7575.
  BOOST_TEST(L(0, 0) == 0.95 / 0.7575, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(L(1, 0) == 0.20 / 0.7575, boost::test_tools::tolerance(1e-14));

  const Eigen::MatrixXd x = leontief.solve(Eigen::Vector2d(600, 1500));
  BOOST_TEST(std::abs(x(0) - 1247.52) < 5e-3);
  BOOST_TEST(std::abs(x(1) - 1841.58) < 5e-3);
  // The original final demand reproduces the original output.
  const Eigen::MatrixXd x0 = leontief.solve(Eigen::Vector2d(350, 1700));
  BOOST_TEST(x0(0) == 1000.0, boost::test_tools::tolerance(1e-13));
  BOOST_TEST(x0(1) == 2000.0, boost::test_tools::tolerance(1e-13));
}

BOOST_AUTO_TEST_CASE(solve_satisfies_the_leontief_system_to_1e_10) {
  Eigen::MatrixXd Z;
  Eigen::VectorXd x;
  random_table(60, 7u, Z, x);
  const haidian::Leontief leontief(Z, x);
  const Eigen::MatrixXd A = haidian::technical_coefficients(Z, x);
  Eigen::MatrixXd y = Eigen::MatrixXd::Random(60, 3).cwiseAbs();
  const Eigen::MatrixXd solution = leontief.solve(y);
  const Eigen::MatrixXd residual = solution - A * solution - y;
  BOOST_TEST(residual.cwiseAbs().maxCoeff() < 1e-10 * y.cwiseAbs().maxCoeff());
  // Multipliers S L agree with the explicit inverse; linkages with its column and (Ghosh) row sums.
  const Eigen::MatrixXd S = Eigen::MatrixXd::Random(2, 60).cwiseAbs();
  const Eigen::MatrixXd L = (Eigen::MatrixXd::Identity(60, 60) - A).inverse();
  BOOST_TEST((leontief.multipliers(S) - S * L).cwiseAbs().maxCoeff() < 1e-12 * (S * L).maxCoeff());
  BOOST_TEST((leontief.column_sums() - L.colwise().sum().transpose()).cwiseAbs().maxCoeff() < 1e-12 * L.sum());
  const Eigen::MatrixXd G = x.cwiseInverse().asDiagonal() * L * x.asDiagonal();
  BOOST_TEST((leontief.ghosh_row_sums(x) - G.rowwise().sum()).cwiseAbs().maxCoeff() < 1e-12 * G.sum());
  // Leontief inverse is >= I for a productive system.
  BOOST_TEST((L - Eigen::MatrixXd::Identity(60, 60)).minCoeff() > -1e-14);
}

BOOST_AUTO_TEST_CASE(transposed_solve_and_condition_estimate) {
  Eigen::MatrixXd Z;
  Eigen::VectorXd x;
  random_table(30, 5u, Z, x);
  const haidian::Leontief leontief(Z, x);
  const Eigen::MatrixXd M = Eigen::MatrixXd::Identity(30, 30) - haidian::technical_coefficients(Z, x);
  const Eigen::MatrixXd B = Eigen::MatrixXd::Random(30, 4);
  const Eigen::MatrixXd X = leontief.solve_transposed(B);
  BOOST_TEST((M.transpose() * X - B).cwiseAbs().maxCoeff() < 1e-13);
  // Hager's estimate is a lower bound of the true reciprocal condition number's inverse, and exact on
  // most small matrices: compare with the exact 1-norm condition number.
  const Eigen::MatrixXd inverse = M.inverse();
  const double exact = 1.0 / (M.cwiseAbs().colwise().sum().maxCoeff() * inverse.cwiseAbs().colwise().sum().maxCoeff());
  BOOST_TEST(leontief.rcond() >= exact * (1 - 1e-12));
  BOOST_TEST(leontief.rcond() <= 3.0 * exact);
}

BOOST_AUTO_TEST_CASE(row_major_flows_give_the_same_factorisation) {
  Eigen::MatrixXd Z;
  Eigen::VectorXd x;
  random_table(20, 3u, Z, x);
  const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> Zr = Z;
  // Row-major flows are factorised as (I − A)ᵀ in storage order, column-major ones as I − A: the same
  // system, so every result agrees to rounding.
  const haidian::Leontief by_rows(Zr, x), by_columns(Z, x);
  BOOST_TEST(by_rows.factorises_transpose());
  BOOST_TEST(!by_columns.factorises_transpose());
  const Eigen::MatrixXd y = Eigen::MatrixXd::Random(20, 3).cwiseAbs();
  const Eigen::MatrixXd S = Eigen::MatrixXd::Random(2, 20).cwiseAbs();
  const auto close = [](const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
    return (a - b).cwiseAbs().maxCoeff() <= 1e-13 * b.cwiseAbs().maxCoeff();
  };
  BOOST_TEST(close(by_rows.solve(y), by_columns.solve(y)));
  BOOST_TEST(close(by_rows.solve_transposed(y), by_columns.solve_transposed(y)));
  BOOST_TEST(close(by_rows.multipliers(S), by_columns.multipliers(S)));
  BOOST_TEST(close(by_rows.inverse(), by_columns.inverse()));
  BOOST_TEST(close(by_rows.column_sums(), by_columns.column_sums()));
  BOOST_TEST(close(by_rows.ghosh_row_sums(x), by_columns.ghosh_row_sums(x)));
  BOOST_TEST(std::abs(by_rows.rcond() - by_columns.rcond()) <= 1e-13 * by_columns.rcond());
}

BOOST_AUTO_TEST_CASE(leontief_difference_identity) {
  // L1 - L0 = L1 (A1 - A0) L0 (Dietzenbacher & Los 1998, used to avoid inverses in SDA).
  Eigen::MatrixXd Z0, Z1;
  Eigen::VectorXd x0, x1;
  random_table(15, 11u, Z0, x0);
  random_table(15, 12u, Z1, x1);
  const Eigen::MatrixXd A0 = haidian::technical_coefficients(Z0, x0), A1 = haidian::technical_coefficients(Z1, x1);
  const Eigen::MatrixXd L0 = haidian::Leontief(Z0, x0).inverse(), L1 = haidian::Leontief(Z1, x1).inverse();
  BOOST_TEST(((L1 - L0) - L1 * (A1 - A0) * L0).cwiseAbs().maxCoeff() < 1e-13);
}

BOOST_AUTO_TEST_CASE(zero_output_sector_without_inputs_gets_zero_coefficients) {
  Eigen::MatrixXd Z(3, 3);
  Z << 10, 0, 5, 2, 0, 1, 0, 0, 0;
  const Eigen::VectorXd x = Eigen::Vector3d(100, 0, 50);
  const Eigen::MatrixXd A = haidian::technical_coefficients(Z, x);
  BOOST_TEST(A.col(1).cwiseAbs().sum() == 0.0);
  const haidian::Leontief leontief(Z, x);
  BOOST_TEST(leontief.ghosh_row_sums(x)(1) == 1.0);
}

BOOST_AUTO_TEST_CASE(bad_input_names_the_sector) {
  const std::vector<std::string> names{"farm", "mill"};
  BOOST_TEST(contains(message_of<haidian::invalid_argument>(
                          [] { haidian::Leontief(Eigen::MatrixXd::Ones(2, 3), Eigen::Vector2d(1, 1)); }),
                      "Leontief: Z has 2 rows and 3 columns; it must be square"));
  Eigen::MatrixXd negative = miller_blair_Z();
  negative(1, 0) = -3;
  BOOST_TEST(contains(message_of<haidian::domain_error>([&] { haidian::Leontief(negative, miller_blair_x(), names); }),
                      "Z[1, 0] (flow from sector 1 ('mill') to sector 0 ('farm')) is -3, but must be non-negative"));
  Eigen::MatrixXd nan = miller_blair_Z();
  nan(0, 1) = std::numeric_limits<double>::quiet_NaN();
  BOOST_TEST(contains(message_of<haidian::domain_error>([&] { haidian::Leontief(nan, miller_blair_x(), names); }),
                      "Z[0, 1] (flow from sector 0 ('farm') to sector 1 ('mill')) is nan"));
  BOOST_TEST(contains(message_of<haidian::domain_error>(
                          [&] { haidian::Leontief(miller_blair_Z(), Eigen::Vector2d(1000, 0), names); }),
                      "sector 1 ('mill') has zero gross output but non-zero inputs (Z[0, 1] is 500)"));
  BOOST_TEST(contains(message_of<haidian::invalid_argument>(
                          [&] { haidian::Leontief(miller_blair_Z(), Eigen::Vector3d(1, 1, 1)); }),
                      "Z (rows) has 2 elements but x has 3"));
  // Row-major (C-ordered) flows take another path through the constructor: the same messages.
  using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  BOOST_TEST(contains(message_of<haidian::domain_error>([&] { haidian::Leontief(RowMatrix(negative), miller_blair_x(), names); }),
                      "Z[1, 0] (flow from sector 1 ('mill') to sector 0 ('farm')) is -3, but must be non-negative"));
  BOOST_TEST(contains(message_of<haidian::domain_error>([&] { haidian::Leontief(RowMatrix(nan), miller_blair_x(), names); }),
                      "Z[0, 1] (flow from sector 0 ('farm') to sector 1 ('mill')) is nan"));
  BOOST_TEST(contains(message_of<haidian::domain_error>([&] {
                        haidian::Leontief(RowMatrix(miller_blair_Z()), Eigen::Vector2d(1000, 0), names);
                      }),
                      "sector 1 ('mill') has zero gross output but non-zero inputs (Z[0, 1] is 500)"));
  // The first offending entry in storage order is the one named, whatever the scan found first.
  Eigen::MatrixXd two_bad = miller_blair_Z();
  two_bad(1, 0) = -1;
  two_bad(0, 1) = -2;
  BOOST_TEST(contains(message_of<haidian::domain_error>([&] { haidian::check_io_flows("f", two_bad, miller_blair_x()); }),
                      "Z[1, 0]"));
  BOOST_TEST(contains(message_of<haidian::domain_error>([&] { haidian::check_io_flows("f", RowMatrix(two_bad), miller_blair_x()); }),
                      "Z[0, 1]"));
  BOOST_TEST(message_of<haidian::domain_error>([&] { haidian::check_io_flows("f", RowMatrix(miller_blair_Z()), miller_blair_x()); }) ==
             "<no exception>");
}

BOOST_AUTO_TEST_CASE(singular_and_non_productive_systems_are_refused) {
  const std::vector<std::string> names{"farm", "mill"};
  Eigen::MatrixXd singular(2, 2);
  singular << 1.0, 0.0, 0.0, 0.5;  // farm uses one unit of its own output per unit: I - A singular
  const auto text = message_of<haidian::domain_error>([&] { haidian::Leontief::from_coefficients(singular, names); });
  BOOST_TEST(contains(text, "I - A is singular"));
  BOOST_TEST(contains(text, "sector 0 ('farm') (1)"));
  Eigen::MatrixXd explosive(2, 2);
  explosive << 0.5, 0.9, 0.7, 0.5;  // spectral radius 0.5 + sqrt(0.63) > 1
  const auto text2 =
      message_of<haidian::domain_error>([&] { haidian::Leontief::from_coefficients(explosive, names); });
  BOOST_TEST(contains(text2, "not productive"));
  BOOST_TEST(contains(text2, "sector 0 ('farm') (1.2)"));
  Eigen::MatrixXd negative(2, 2);
  negative << 0.1, -0.1, 0.1, 0.1;
  BOOST_TEST(contains(message_of<haidian::domain_error>([&] { haidian::Leontief::from_coefficients(negative, names); }),
                      "A[0, 1] (input of sector 0 ('farm') into sector 1 ('mill')) is -0.1"));
}

BOOST_AUTO_TEST_CASE(intensities_and_final_demand_checks) {
  Eigen::MatrixXd F(1, 2);
  F << 50, 400;
  const Eigen::MatrixXd S = haidian::direct_intensities(F, miller_blair_x());
  BOOST_TEST(S(0, 0) == 0.05);
  BOOST_TEST(S(0, 1) == 0.2);
  BOOST_TEST(contains(message_of<haidian::domain_error>([&] {
                        haidian::direct_intensities(F, Eigen::Vector2d(1000, 0), {"farm", "mill"}, {"CO2"});
                      }),
                      "sector 1 ('mill') has zero gross output but uses stressor 0 ('CO2')"));
  Eigen::MatrixXd Y(2, 1);
  Y << 1, std::numeric_limits<double>::infinity();
  BOOST_TEST(contains(message_of<haidian::domain_error>([&] { haidian::check_final_demand("IOTable", Y, 2); }),
                      "Y[1, 0] (final demand for sector 1) is inf"));
  Eigen::MatrixXd Y2(2, 1);
  Y2 << 350, 1700;
  BOOST_TEST((haidian::gross_output(miller_blair_Z(), Y2) - miller_blair_x()).norm() == 0.0);
}

BOOST_AUTO_TEST_SUITE_END()
