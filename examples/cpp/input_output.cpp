// Input-output analysis: technical coefficients, the Leontief system (dense and sparse), multipliers,
// footprints, linkages, and a structural decomposition (SDA) of a footprint between two tables.
// The table is the two-sector example of Miller & Blair (2009), Input-Output Analysis, 2nd ed., ch. 2
// (Table 2.3): flows 150, 500 / 200, 100, final demand 350 and 1,700, gross output 1,000 and 2,000.
#include <haidian/footprint.hpp>
#include <haidian/io_table.hpp>
#include <haidian/leontief.hpp>
#include <haidian/sda.hpp>
#include <haidian/sparse_leontief.hpp>

#include "check.hpp"

#include <cstddef>
#include <cstdio>
#include <string>
#include <vector>

namespace {

// The inverse of a 2 x 2 matrix by the textbook formula: the independent check of every L below.
Eigen::Matrix2d inverse_2x2(const Eigen::Matrix2d& m) {
  Eigen::Matrix2d adjugate;
  adjugate << m(1, 1), -m(0, 1), -m(1, 0), m(0, 0);
  return adjugate / (m(0, 0) * m(1, 1) - m(0, 1) * m(1, 0));
}

}  // namespace

int main() {
  Eigen::MatrixXd Z(2, 2);
  Z << 150, 500, 200, 100;
  Eigen::VectorXd x(2);
  x << 1000, 2000;
  const std::vector<std::string> sectors{"agriculture", "manufacturing"};

  // A = Z x^-1: 0.15 0.25 / 0.20 0.05 (Miller & Blair, eq. 2.5).
  const Eigen::MatrixXd A = haidian::technical_coefficients(Z, x, sectors);
  example::expect_near("a_12", A(0, 1), 0.25, 1e-15);

  // L = (I - A)^-1 = 1.254 0.330 / 0.264 1.122 as printed in the book; formed only when asked.
  const haidian::Leontief leontief(Z, x, sectors);
  const Eigen::Matrix2d L = inverse_2x2(Eigen::Matrix2d::Identity() - Eigen::Matrix2d(A));
  const Eigen::MatrixXd inverse = leontief.inverse();
  example::expect_near("L_11 (book: 1.254)", inverse(0, 0), 1.254, 0.0005);
  example::expect_near("L_12 (book: 0.330)", inverse(0, 1), 0.330, 0.0005);
  example::expect_true("L equals the hand inverse to 1e-15",
                       (inverse - Eigen::MatrixXd(L)).cwiseAbs().maxCoeff() <= 1e-15);

  // Output needed for a new final demand (600, 1500): 1247.52 and 1841.58 (Miller & Blair, sec. 2.3).
  Eigen::MatrixXd demand(2, 1);
  demand << 600, 1500;
  const Eigen::MatrixXd output = leontief.solve(demand);
  example::expect_near("output of agriculture", output(0, 0), 1247.52, 0.005);
  example::expect_near("output of manufacturing", output(1, 0), 1841.58, 0.005);

  // Backward linkages (output multipliers, column sums of L) and forward linkages (Ghosh row sums).
  const Eigen::VectorXd backward = leontief.column_sums();
  example::expect_near("output multiplier, agriculture", backward(0), L.col(0).sum(), 1e-14);
  const Eigen::VectorXd forward = leontief.ghosh_row_sums(x);
  example::expect_near("forward linkage, agriculture", forward(0), (L * Eigen::Vector2d(x))(0) / x(0), 1e-14);

  // Energy use by sector (a satellite account F, here 100 and 40 万吨标准煤) gives direct intensities
  // S = F x^-1 and total multipliers S L: energy along the whole supply chain per unit of final demand.
  Eigen::MatrixXd F(1, 2);
  F << 100, 40;
  const Eigen::MatrixXd S = haidian::direct_intensities(F, x, sectors, {"energy"});
  const Eigen::MatrixXd multipliers = leontief.multipliers(S);
  example::expect_near("multiplier, agriculture", multipliers(0, 0), (Eigen::RowVector2d(0.1, 0.02) * L)(0), 1e-15);
  // Footprints R = S L Y of final demand by category: households buy (300, 1000), exports are
  // (50, 700), together the table's final demand (350, 1700). With no stressor use by final demand
  // itself, they add up to the energy the sectors used, 100 + 40 (S L y = S x = F 1).
  Eigen::MatrixXd categories(2, 2);
  categories << 300, 50, 1000, 700;
  const Eigen::MatrixXd footprints = haidian::footprint(leontief, S, categories);
  std::printf("footprint: households %.4g, exports %.4g\n", footprints(0, 0), footprints(0, 1));
  example::expect_near("households, by hand", footprints(0, 0),
                       (Eigen::RowVector2d(0.1, 0.02) * L * Eigen::Vector2d(300, 1000))(0), 1e-12);
  example::expect_near("total footprint = total use", footprints.sum(), 140.0, 1e-12);

  // The same table kept sparse: a sparse LU of I - A, the same answers.
  const Eigen::SparseMatrix<double> sparse_Z = Z.sparseView();
  const haidian::SparseLeontief sparse(sparse_Z, x, sectors);
  example::expect_near("sparse solve, agriculture", sparse.solve(demand)(0, 0), output(0, 0), 1e-12);

  // SDA of the footprint R = f' L y between year 0 (the table above) and a year 1 with other flows,
  // final demand and energy use. Exact method: the average over all orderings of the three factors.
  Eigen::MatrixXd Z1(2, 2);
  Z1 << 180, 520, 210, 120;
  Eigen::MatrixXd y0(2, 1), y1(2, 1);
  y0 << 350, 1700;
  y1 << 400, 1800;
  Eigen::VectorXd x1 = Z1.rowwise().sum() + y1;  // 1100, 2130
  Eigen::MatrixXd F1(1, 2);
  F1 << 104, 41;
  const haidian::Leontief leontief1(Z1, x1, sectors);
  const Eigen::MatrixXd S1 = haidian::direct_intensities(F1, x1);
  const haidian::SdaYear year0(leontief, S, y0), year1(leontief1, S1, y1);
  const std::vector<haidian::SdaFactor> factors{haidian::SdaFactor::intensity, haidian::SdaFactor::leontief,
                                                haidian::SdaFactor::final_demand};
  const haidian::SdaResult sda = haidian::structural_decomposition(year0, year1, factors, sectors, {"energy"});
  std::printf("%s footprint %.4g -> %.4g:", sda.stressors[0].c_str(), sda.value0(0), sda.value1(0));
  for (std::size_t f = 0; f < sda.factors.size(); ++f) {  // row f of the effects is factors[f]
    std::printf(" %s %+.4f", haidian::sda_factor_name(sda.factors[f]), sda.exact(static_cast<Eigen::Index>(f), 0));
  }
  std::printf("\n");
  example::expect_near("effects add up to 145 - 140", sda.exact.col(0).sum(), 5.0, 1e-12);
  // By hand, the Shapley value of a product of three factors (Dietzenbacher & Los 1998):
  // intensity effect = df [(L0 y0 + L1 y1)/3 + (L0 y1 + L1 y0)/6].
  const Eigen::Matrix2d L1 = inverse_2x2(Eigen::Matrix2d::Identity() -
                                         Eigen::Matrix2d(haidian::technical_coefficients(Z1, x1)));
  const Eigen::Vector2d v0 = y0, v1 = y1;
  const Eigen::RowVector2d df = S1 - S;
  const double intensity_effect = df * ((L * v0 + L1 * v1) / 3.0 + (L * v1 + L1 * v0) / 6.0);
  example::expect_near("intensity effect by hand", sda.exact(0, 0), intensity_effect, 1e-12);
  return example::exit_code();
}
