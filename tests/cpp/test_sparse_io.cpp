// Sparse input-output tables: SparseLeontief and SDA on sparse systems agree with the dense path; bad input.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <haidian/io_table.hpp>
#include <haidian/leontief.hpp>
#include <haidian/sda.hpp>
#include <haidian/sparse_leontief.hpp>

#include <Eigen/Core>
#include <Eigen/SparseCore>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace {

using haidian::SdaFactor;
using haidian_test::message_of;
using SparseMatrix = Eigen::SparseMatrix<double>;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

double max_abs(const Eigen::MatrixXd& m) { return m.cwiseAbs().maxCoeff(); }

// Miller & Blair, Input-Output Analysis: Foundations and Extensions, 2nd ed. (2009), ch. 2, Table 2.3:
// flows 150, 500 / 200, 100, gross output 1000, 2000; L = [0.95 0.25; 0.2 0.85] / 0.7575.
Eigen::MatrixXd miller_blair_Z() {
  Eigen::MatrixXd Z(2, 2);
  Z << 150, 500, 200, 100;
  return Z;
}
Eigen::VectorXd miller_blair_x() { return Eigen::Vector2d(1000, 2000); }

// A random productive table with a sparse pattern: each flow present with probability `density`, every
// sector using some inputs; column sums of A drawn in [0.2, 0.8]; output from x = L y for positive y.
// Sector `idle` (if >= 0) has no output, no inputs and sells nothing.
struct Table {
  Eigen::MatrixXd Z, Y, F;
  Eigen::VectorXd x;
};
Table random_sparse_table(int n, double density, unsigned seed, int idle = -1) {
  std::mt19937 generator(seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  Eigen::MatrixXd A = Eigen::MatrixXd::Zero(n, n);
  for (int j = 0; j < n; ++j) {
    if (j == idle) continue;
    for (int i = 0; i < n; ++i) {
      if (i != idle && (uniform(generator) < density || i == (j + 1) % n)) A(i, j) = uniform(generator);
    }
    if (A.col(j).sum() > 0.0) A.col(j) *= (0.2 + 0.6 * uniform(generator)) / A.col(j).sum();
  }
  Table table;
  table.Y = Eigen::MatrixXd(n, 3);
  for (int i = 0; i < n; ++i) {
    for (int c = 0; c < 3; ++c) table.Y(i, c) = i == idle ? 0.0 : 1.0 + 9.0 * uniform(generator);
  }
  table.x = (Eigen::MatrixXd::Identity(n, n) - A).lu().solve(table.Y.rowwise().sum());
  if (idle >= 0) table.x(idle) = 0.0;
  table.Z = A * table.x.asDiagonal();
  table.F = Eigen::MatrixXd(2, n);
  for (int i = 0; i < n; ++i) {
    table.F(0, i) = i == idle ? 0.0 : (0.1 + uniform(generator)) * table.x(i);
    table.F(1, i) = i == idle ? 0.0 : (0.5 + uniform(generator)) * table.x(i);
  }
  return table;
}

SparseMatrix sparse(const Eigen::MatrixXd& dense) { return dense.sparseView(); }

}  // namespace

BOOST_AUTO_TEST_SUITE(sparse_io)

BOOST_AUTO_TEST_CASE(miller_blair_two_sector_example) {
  const haidian::SparseLeontief leontief(sparse(miller_blair_Z()), miller_blair_x());
  const Eigen::MatrixXd L = leontief.inverse();
  Eigen::MatrixXd expected(2, 2);
  expected << 0.95, 0.25, 0.2, 0.85;
  expected /= 0.7575;
  BOOST_TEST(max_abs(L - expected) < 1e-14);
  // Output for final demand (600, 1500) is (1247.52, 1841.58) (Miller & Blair 2009, sec. 2.3).
  const Eigen::MatrixXd x = leontief.solve(Eigen::Vector2d(600, 1500));
  BOOST_TEST(std::abs(x(0) - 1247.52) < 5e-3);
  BOOST_TEST(std::abs(x(1) - 1841.58) < 5e-3);
  const Eigen::MatrixXd x0 = leontief.solve(Eigen::Vector2d(350, 1700));
  BOOST_TEST(max_abs(x0 - miller_blair_x()) < 1e-10);
  const SparseMatrix A = haidian::technical_coefficients(sparse(miller_blair_Z()), miller_blair_x());
  BOOST_TEST(max_abs(Eigen::MatrixXd(A) - haidian::technical_coefficients(miller_blair_Z(), miller_blair_x())) == 0.0);
  const haidian::Leontief dense(miller_blair_Z(), miller_blair_x());
  BOOST_TEST(std::abs(leontief.rcond() - dense.rcond()) < 1e-14);
}

BOOST_AUTO_TEST_CASE(sparse_and_dense_systems_agree_to_1e_10) {
  for (unsigned seed : {1u, 2u, 3u}) {
    const Table t = random_sparse_table(80, 0.05, seed, seed == 3u ? 17 : -1);
    const haidian::SparseLeontief s(sparse(t.Z), t.x);
    const haidian::Leontief d(t.Z, t.x);
    BOOST_TEST(s.size() == 80);
    BOOST_TEST(s.system_nonzeros() < 80 * 80 / 4);
    const double scale = max_abs(d.inverse());
    BOOST_TEST(max_abs(s.solve(t.Y) - d.solve(t.Y)) < 1e-10 * max_abs(d.solve(t.Y)));
    const Eigen::MatrixXd S = haidian::direct_intensities(t.F, t.x);
    BOOST_TEST(max_abs(s.multipliers(S) - d.multipliers(S)) < 1e-10 * max_abs(d.multipliers(S)));
    BOOST_TEST(max_abs(s.column_sums() - d.column_sums()) < 1e-10 * scale);
    BOOST_TEST(max_abs(s.ghosh_row_sums(t.x) - d.ghosh_row_sums(t.x)) < 1e-10 * scale);
    BOOST_TEST(max_abs(s.inverse() - d.inverse()) < 1e-10 * scale);
    const Eigen::MatrixXd B = Eigen::MatrixXd::Random(80, 3);
    BOOST_TEST(max_abs(s.solve_transposed(B) - d.solve_transposed(B)) < 1e-10 * max_abs(d.solve_transposed(B)));
    // (I − A) x = y to 1e-10 with the sparse solve.
    const Eigen::MatrixXd A = haidian::technical_coefficients(t.Z, t.x);
    const Eigen::MatrixXd x = s.solve(t.Y);
    BOOST_TEST(max_abs(x - A * x - t.Y) < 1e-10 * max_abs(t.Y));
    // The reciprocal condition estimates bound the same quantity (Hager's estimate, different factors).
    BOOST_TEST(s.rcond() > 0.5 * d.rcond());
    BOOST_TEST(s.rcond() < 2.0 * d.rcond());
    const haidian::SparseLeontief from_a =
        haidian::SparseLeontief::from_coefficients(haidian::technical_coefficients(sparse(t.Z), t.x));
    BOOST_TEST(max_abs(from_a.solve(t.Y) - s.solve(t.Y)) < 1e-12 * max_abs(s.solve(t.Y)));
  }
}

BOOST_AUTO_TEST_CASE(sda_on_sparse_systems_equals_dense_sda) {
  const Table t0 = random_sparse_table(60, 0.08, 11u), t1 = random_sparse_table(60, 0.08, 12u);
  const haidian::SparseLeontief s0(sparse(t0.Z), t0.x), s1(sparse(t1.Z), t1.x);
  const haidian::Leontief d0(t0.Z, t0.x), d1(t1.Z, t1.x);
  const Eigen::MatrixXd S0 = haidian::direct_intensities(t0.F, t0.x), S1 = haidian::direct_intensities(t1.F, t1.x);
  const std::vector<std::vector<SdaFactor>> lists{
      {SdaFactor::intensity, SdaFactor::leontief, SdaFactor::final_demand},
      {SdaFactor::leontief, SdaFactor::population, SdaFactor::intensity, SdaFactor::per_capita, SdaFactor::mix,
       SdaFactor::destination}};
  for (const auto& factors : lists) {
    const haidian::SdaYear dense0(d0, S0, t0.Y, 3.0), dense1(d1, S1, t1.Y, 3.5);
    const haidian::SdaYear sparse0(s0, S0, t0.Y, 3.0), sparse1(s1, S1, t1.Y, 3.5);
    BOOST_TEST(!sparse0.inverse);  // LMDI refuses a sparse system rather than form its dense L
    BOOST_TEST(static_cast<bool>(dense0.inverse));
    const auto dense = haidian::structural_decomposition(dense0, dense1, factors);
    const auto sparse = haidian::structural_decomposition(sparse0, sparse1, factors);
    const auto mixed = haidian::structural_decomposition(dense0, sparse1, factors);
    const double scale = dense.value1.cwiseAbs().maxCoeff();
    for (const auto* result : {&sparse, &mixed}) {
      BOOST_TEST(max_abs(result->exact - dense.exact) < 1e-10 * scale);
      BOOST_TEST(max_abs(result->two_polar - dense.two_polar) < 1e-10 * scale);
      BOOST_TEST(max_abs(result->exact_by_sector - dense.exact_by_sector) < 1e-10 * scale);
      BOOST_TEST(max_abs(result->subset_values - dense.subset_values) < 1e-10 * scale);
    }
    // The two-step form, one system at a time, gives the same numbers as the one-call form.
    const haidian::SdaYear data0(S0, t0.Y, 3.0), data1(S1, t1.Y, 3.5);
    const Eigen::MatrixXd demands = haidian::sda_final_demands(data0, data1, factors);
    BOOST_TEST(demands.cols() == static_cast<Eigen::Index>(1U << (factors.size() - 2)));
    const auto stepwise = haidian::sda_from_outputs(data0, data1, factors, s0.solve(demands), s1.solve(demands));
    BOOST_TEST(max_abs(stepwise.exact - sparse.exact) == 0.0);
    BOOST_TEST(max_abs(stepwise.two_polar - sparse.two_polar) == 0.0);
  }
}

BOOST_AUTO_TEST_CASE(block_structured_table_keeps_sparse_factors) {
  // A multi-regional pattern (20 regions x 30 sectors; domestic blocks 15 % full; every sector importing
  // from 2 foreign sectors among 4 traded ones per region): a symmetric minimum-degree order keeps the
  // LU factors at 5.7 % of n², while the inverse of that order (what Eigen 3.4's AMDOrdering gives
  // SparseLU, see detail::LeontiefOrdering) fills 30 % and COLAMD 37 %.
  const int regions = 20, sectors = 30, traded = 4, n = regions * sectors;
  std::mt19937 generator(7u);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::uniform_int_distribution<int> other_region(1, regions - 1), traded_sector(0, traded - 1);
  std::vector<Eigen::Triplet<double>> entries;
  for (int r = 0; r < regions; ++r) {
    for (int i = 0; i < sectors; ++i) {
      for (int j = 0; j < sectors; ++j) {
        if (uniform(generator) < 0.15) entries.emplace_back(r * sectors + i, r * sectors + j, uniform(generator));
      }
    }
  }
  for (int j = 0; j < n; ++j) {
    for (int k = 0; k < 2; ++k) {
      const int seller_region = (j / sectors + other_region(generator)) % regions;
      entries.emplace_back(seller_region * sectors + traded_sector(generator), j, uniform(generator));
    }
  }
  SparseMatrix A(n, n);
  A.setFromTriplets(entries.begin(), entries.end());
  const Eigen::VectorXd sums = Eigen::RowVectorXd::Ones(n) * A;
  for (int j = 0; j < n; ++j) A.col(j) *= 0.5 / sums(j);
  const haidian::SparseLeontief leontief = haidian::SparseLeontief::from_coefficients(A);
  BOOST_TEST(leontief.nonzeros() < 0.12 * n * n);
  const Eigen::MatrixXd y = Eigen::MatrixXd::Ones(n, 1);
  const Eigen::MatrixXd x = leontief.solve(y);
  BOOST_TEST(max_abs(x - A * x - y) < 1e-12);
}

BOOST_AUTO_TEST_CASE(bad_input_names_the_sector) {
  const std::vector<std::string> names{"farm", "mill"};
  BOOST_TEST(contains(message_of<haidian::invalid_argument>(
                          [] { haidian::SparseLeontief(SparseMatrix(2, 3), Eigen::Vector2d(1, 1)); }),
                      "SparseLeontief: Z has 2 rows and 3 columns; it must be square"));
  BOOST_TEST(contains(message_of<haidian::invalid_argument>(
                          [] { haidian::SparseLeontief(SparseMatrix(0, 0), Eigen::VectorXd(0)); }),
                      "SparseLeontief: Z"));
  Eigen::MatrixXd negative = miller_blair_Z();
  negative(1, 0) = -3;
  BOOST_TEST(message_of<haidian::domain_error>([&] {
               haidian::SparseLeontief(sparse(negative), miller_blair_x(), names);
             }) == "SparseLeontief: Z[1, 0] (flow from sector 1 ('mill') to sector 0 ('farm')) is -3, but must be "
                   "non-negative and finite");
  Eigen::MatrixXd nan = miller_blair_Z();
  nan(0, 1) = std::numeric_limits<double>::quiet_NaN();
  BOOST_TEST(contains(message_of<haidian::domain_error>([&] { haidian::SparseLeontief(sparse(nan), miller_blair_x(), names); }),
                      "Z[0, 1] (flow from sector 0 ('farm') to sector 1 ('mill')) is nan"));
  BOOST_TEST(contains(message_of<haidian::domain_error>(
                          [&] { haidian::SparseLeontief(sparse(miller_blair_Z()), Eigen::Vector2d(1000, 0), names); }),
                      "sector 1 ('mill') has zero gross output but non-zero inputs (Z[0, 1] is 500)"));
  BOOST_TEST(contains(message_of<haidian::domain_error>([&] {
                        haidian::SparseLeontief(sparse(miller_blair_Z()), Eigen::Vector2d(1000, -1), names);
                      }),
                      "x[1] (gross output of sector 1 ('mill')) is -1, but must be non-negative and finite"));
  BOOST_TEST(contains(message_of<haidian::invalid_argument>(
                          [&] { haidian::SparseLeontief(sparse(miller_blair_Z()), Eigen::Vector3d(1, 1, 1)); }),
                      "Z (rows) has 2 elements but x has 3"));
  // A stored zero is not a flow: fine even for a sector without output.
  SparseMatrix stored_zero(2, 2);
  stored_zero.insert(0, 0) = 10.0;
  stored_zero.insert(0, 1) = 0.0;
  BOOST_TEST(haidian::SparseLeontief(stored_zero, Eigen::Vector2d(100, 0)).solve(Eigen::Vector2d(1, 0))(0) ==
             1.0 / 0.9, boost::test_tools::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(singular_and_non_productive_systems_are_refused) {
  const std::vector<std::string> names{"farm", "mill"};
  Eigen::MatrixXd singular(2, 2);
  singular << 1.0, 0.0, 0.0, 0.5;  // farm uses one unit of its own output per unit: I - A singular
  const auto text =
      message_of<haidian::domain_error>([&] { haidian::SparseLeontief::from_coefficients(sparse(singular), names); });
  BOOST_TEST(contains(text, "SparseLeontief: I - A is singular"));
  BOOST_TEST(contains(text, "sector 0 ('farm') (1)"));
  Eigen::MatrixXd explosive(2, 2);
  explosive << 0.5, 0.9, 0.7, 0.5;  // spectral radius 0.5 + sqrt(0.63) > 1
  const auto text2 =
      message_of<haidian::domain_error>([&] { haidian::SparseLeontief::from_coefficients(sparse(explosive), names); });
  BOOST_TEST(contains(text2, "SparseLeontief: the system is not productive"));
  BOOST_TEST(contains(text2, "sector 0 ('farm') (1.2)"));
  Eigen::MatrixXd negative(2, 2);
  negative << 0.1, -0.1, 0.1, 0.1;
  BOOST_TEST(contains(message_of<haidian::domain_error>(
                          [&] { haidian::SparseLeontief::from_coefficients(sparse(negative), names); }),
                      "A[0, 1] (input of sector 0 ('farm') into sector 1 ('mill')) is -0.1"));
  // Flows whose column sums exceed the output: the same message as the dense path, named by sector.
  Eigen::MatrixXd Z(2, 2);
  Z << 600, 900, 700, 500;
  const auto dense_text = message_of<haidian::domain_error>([&] { haidian::Leontief(Z, Eigen::Vector2d(1000, 1000), names); });
  const auto sparse_text =
      message_of<haidian::domain_error>([&] { haidian::SparseLeontief(sparse(Z), Eigen::Vector2d(1000, 1000), names); });
  for (const std::string part : {"SparseLeontief: the system is not productive", "the output of sector 0 ('farm') needed",
                                 "input coefficients sum to 1 or more in sector 0 ('farm') (1.3"}) {
    BOOST_TEST(contains(sparse_text, part));
  }
  BOOST_TEST(contains(dense_text, "the output of sector 0 ('farm') needed"));
}

BOOST_AUTO_TEST_CASE(sda_refusals) {
  const Table t0 = random_sparse_table(8, 0.3, 21u), t1 = random_sparse_table(8, 0.3, 22u);
  const haidian::SparseLeontief s0(sparse(t0.Z), t0.x), s1(sparse(t1.Z), t1.x);
  const Eigen::MatrixXd S0 = haidian::direct_intensities(t0.F, t0.x), S1 = haidian::direct_intensities(t1.F, t1.x);
  const std::vector<SdaFactor> factors{SdaFactor::intensity, SdaFactor::leontief, SdaFactor::final_demand};
  const haidian::SdaYear a(s0, S0, t0.Y), b(s1, S1, t1.Y);
  BOOST_TEST(contains(message_of<haidian::invalid_argument>([&] { haidian::lmdi_structural_decomposition(a, b, factors); }),
                      "sda (lmdi): year0 has no dense Leontief system"));
  const haidian::SdaYear data0(S0, t0.Y), data1(S1, t1.Y);
  BOOST_TEST(contains(message_of<haidian::invalid_argument>([&] { haidian::structural_decomposition(data0, b, factors); }),
                      "sda: year0 has no Leontief system"));
  const Eigen::MatrixXd demands = haidian::sda_final_demands(data0, data1, factors);
  BOOST_TEST(message_of<haidian::invalid_argument>([&] {
               haidian::sda_from_outputs(data0, data1, factors, s0.solve(demands), s1.solve(demands.leftCols(1)));
             }) == "sda: outputs1 (columns) has 1 elements but final-demand mixes (columns of sda_final_demands) has 2; "
                   "they must match");
}

BOOST_AUTO_TEST_SUITE_END()
