// Index decomposition of V = sum over sectors of a product of factors: LMDI-I and LMDI-II, additive and
// multiplicative, Shapley/Sun; chained and fixed-base; aggregate factors, by-sector results, zeros.
#include <haidian/decomposition.hpp>

#include "check.hpp"

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

int main() {
  using haidian::Panel;

  // 1. A published worked example: Heun & Brockway (2019), Applied Energy 251, Supplementary
  //    Information S3 (as in their R package LMDIR). Three factors, two categories, 1971-1974;
  //    each factor is a periods x sectors panel.
  Panel x1(4, 2), x2(4, 2), x3(4, 2);
  x1 << 1, 4, 4, 5, 8, 5, 10, 6;
  x2 << 10, 5, 5, 6, 2, 7, 1, 8;
  x3 << 2, 3, 3, 4, 4, 5, 5, 6;
  const haidian::Decomposition additive = haidian::decompose({x1, x2, x3});  // LMDI-I, additive, chained
  std::printf("steps: %zu, V 1971 -> 1972: %g -> %g\n", additive.start.size(), additive.start_value(0),
              additive.end_value(0));
  // Published dV for 1971 -> 1972 (LMDIR, tests/testthat/test_lmdi.R), checked to their last digit.
  example::expect_near("effect of factor 1, 1971-72", additive.effects(0, 0), 69.79006598, 5e-9);
  example::expect_near("effect of factor 2, 1971-72", additive.effects(0, 1), -9.455125793, 5e-10);
  example::expect_near("effect of factor 3, 1971-72", additive.effects(0, 2), 39.66505981, 5e-9);
  example::expect_near("sum of effects = V1972 - V1971", additive.effects.row(0).sum(), 180.0 - 80.0, 1e-12);

  haidian::DecompositionOptions multiplicative;
  multiplicative.mode = haidian::Mode::multiplicative;
  const auto ratios = haidian::decompose({x1, x2, x3}, multiplicative);
  example::expect_near("D of factor 1, 1971-72", ratios.effects(0, 0), 1.761117821, 5e-10);
  example::expect_near("D of factor 2, 1971-72", ratios.effects(0, 1), 0.926191306, 5e-10);
  example::expect_near("D of factor 3, 1971-72", ratios.effects(0, 2), 1.379410116, 5e-10);
  example::expect_near("product of D = V1972 / V1971", ratios.effects.row(0).prod(), 180.0 / 80.0, 1e-14);

  // 2. Energy = GDP x structure x intensity, with GDP an aggregate factor (one value a year, applied
  //    to every sector). Haidian 2022 as the second step: GDP +3.5%; shares and intensities are
  //    illustrative. Energy by hand: 100 (0.3 x 2 + 0.7 x 0.5) = 95 and 103.5 (0.27 x 1.9 + 0.73 x 0.48).
  //    Data already in memory (years x sectors, row by row) are viewed in place by an Eigen::Map.
  Eigen::VectorXd gdp(2);
  gdp << 100.0, 103.5;
  const double share_values[] = {0.30, 0.70, 0.27, 0.73};
  const double intensity_values[] = {2.0, 0.5, 1.9, 0.48};
  const Eigen::Map<const Panel> shares(share_values, 2, 2), intensity(intensity_values, 2, 2);
  haidian::DecompositionOptions options;
  options.by_sector = true;
  options.factor_names = {"activity", "structure", "intensity"};
  options.sector_names = {"industry", "services"};
  const auto energy = haidian::decompose({gdp, shares, intensity}, options);
  const double e0 = 100.0 * (0.30 * 2.0 + 0.70 * 0.5), e1 = 103.5 * (0.27 * 1.9 + 0.73 * 0.48);
  std::printf("energy %.4g -> %.4g: activity %+.4f, structure %+.4f, intensity %+.4f\n", e0, e1,
              energy.effects(0, 0), energy.effects(0, 1), energy.effects(0, 2));
  example::expect_near("effects add up to the change", energy.effects.row(0).sum(), e1 - e0, 1e-12);
  example::expect_true("closure within closure_tolerance", std::abs(energy.closure(0)) <= haidian::closure_tolerance);
  // by_sector: row step * factors + k holds factor k's effect split by sector; the names came along.
  for (Eigen::Index k = 0; k < 3; ++k) {
    example::expect_near(energy.factor_names[static_cast<std::size_t>(k)] + " in " + energy.sector_names[0] + " + " +
                             energy.sector_names[1],
                         energy.by_sector.row(k).sum(), energy.effects(0, k), 1e-12);
  }

  // 3. One sector, E = Y x I: multiplicative LMDI-I gives each factor's own ratio (1.035 and 0.97),
  //    additive LMDI-I gives L(E1, E0) ln(ratio) with L the logarithmic mean (Ang 2005).
  Panel y(2, 1), i(2, 1);
  y << 1.0, 1.035;
  i << 1.0, 0.97;
  const auto two = haidian::decompose({y, i}, multiplicative);
  example::expect_near("D of GDP", two.effects(0, 0), 1.035, 1e-15);
  example::expect_near("D of intensity", two.effects(0, 1), 0.97, 1e-15);
  const double end = 1.035 * 0.97, weight = (end - 1.0) / std::log(end);  // L(E1, E0) by hand
  const auto two_additive = haidian::decompose({y, i});
  example::expect_near("additive GDP effect", two_additive.effects(0, 0), weight * std::log(1.035), 1e-15);
  // LMDI-II gives the same numbers with one sector (its weights are all 1).
  haidian::DecompositionOptions lmdi2;
  lmdi2.method = haidian::Method::lmdi2;
  example::expect_near("LMDI-II GDP effect", haidian::decompose({y, i}, lmdi2).effects(0, 0),
                       weight * std::log(1.035), 1e-15);
  // Shapley/Sun with two factors splits the joint term equally: dY (I0 + I1)/2 (Sun 1998).
  haidian::DecompositionOptions shapley;
  shapley.method = haidian::Method::shapley;
  example::expect_near("Shapley GDP effect", haidian::decompose({y, i}, shapley).effects(0, 0),
                       0.035 * (1.0 + 0.97) / 2.0, 1e-15);

  // 4. Fixed base: every year against 1971 instead of year on year; the totals are V_t - V_1971.
  haidian::DecompositionOptions fixed;
  fixed.chained = false;
  fixed.base = 0;
  const auto against_1971 = haidian::decompose({x1, x2, x3}, fixed);
  example::expect_near("1971 -> 1974 total", against_1971.total(2), 338.0 - 80.0, 1e-12);
  example::expect_near("1971 -> 1974 effects add up", against_1971.effects.row(2).sum(), 338.0 - 80.0, 1e-12);

  // 5. Zeros: a sector that starts from nothing. With the analytical limits (Ang & Liu 2007) its
  //    whole end value 2 x 3 = 6 goes to the factor that was zero, nothing to the other.
  Panel a(2, 2), b(2, 2);
  a << 1.0, 0.0, 1.0, 2.0;
  b << 5.0, 4.0, 6.0, 3.0;
  haidian::DecompositionOptions zeros;
  zeros.by_sector = true;
  const auto entering = haidian::decompose({a, b}, zeros);
  example::expect_near("new sector: effect of the zero factor", entering.by_sector(0, 1), 6.0, 1e-12);
  example::expect_near("new sector: effect of the other", entering.by_sector(1, 1), 0.0, 1e-12);

  // 6. Threads never change the result: partial sums are taken in a fixed order. The instruction set
  //    changes only the last bits; Simd::generic gives the same bits on every x86-64 CPU.
  haidian::DecompositionOptions threaded;
  threaded.threads = 2;
  example::expect_true("2 threads give identical bits",
                       (haidian::decompose({x1, x2, x3}, threaded).effects == additive.effects).all());
  haidian::DecompositionOptions portable;
  portable.simd = haidian::Simd::generic;
  const auto generic = haidian::decompose({x1, x2, x3}, portable);
  example::expect_true("generic kernel agrees to 1e-13",
                       ((generic.effects - additive.effects).abs() <= 1e-13 * additive.effects.abs()).all());

  // 7. Errors name the factor (options.factor_names), the period and the sector.
  Panel negative = intensity;  // a copy, to change one value
  negative(1, 0) = -1.9;
  try {
    haidian::decompose({gdp, shares, negative}, options);
  } catch (const haidian::domain_error& error) {
    std::printf("error: %s\n", error.what());
    example::expect_true("the message names the cell",
                         std::string(error.what()).find("factors['intensity'][1, 0] is -1.9") != std::string::npos);
  }
  return example::exit_code();
}
