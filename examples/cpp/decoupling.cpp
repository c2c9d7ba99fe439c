// Decoupling: Tapio's elasticity and eight states (one number or whole arrays), the OECD decoupling
// ratio and factor, the energy elasticity coefficient, and the decoupling effort of an LMDI split.
#include <haidian/decomposition.hpp>
#include <haidian/decoupling.hpp>

#include "check.hpp"

#include <cmath>
#include <cstddef>
#include <cstdio>
#include <limits>
#include <string>

int main() {
  // Haidian 2022: GDP +3.5% at comparable prices, energy per unit of GDP -3%, so energy use grew
  // 1.035 x 0.97 - 1 = 0.395%; e = 0.395 / 3.5 = 0.1129 < 0.8 with both rising: weak decoupling.
  const double gdp_growth = 0.035, energy_growth = 1.035 * 0.97 - 1.0;
  const haidian::TapioResult haidian_2022 = haidian::tapio(energy_growth, gdp_growth);
  example::expect_near("Tapio elasticity, Haidian 2022", haidian_2022.elasticity, 0.00395 / 0.035, 1e-13);
  example::expect_true("weak decoupling", haidian_2022.state == haidian::TapioState::weak_decoupling);

  // OECD (2002): decoupling ratio (R/Y)_end / (R/Y)_start = 0.97 and factor 1 - 0.97 = 0.03.
  example::expect_near("OECD decoupling ratio", haidian::decoupling_ratio(energy_growth, gdp_growth), 0.97, 1e-15);
  example::expect_near("OECD decoupling factor", haidian::decoupling_factor(energy_growth, gdp_growth), 0.03, 1e-15);

  // Energy elasticity coefficient (能源消费弹性系数), China 2021 (NBS communiqué: energy +5.2%,
  // GDP +8.1%): 0.052 / 0.081 = 0.64 as published to two decimals.
  example::expect_near("energy elasticity, China 2021", haidian::energy_elasticity(0.052, 0.081), 0.64, 0.005);

  // Whole arrays: one growth pair per state, each quadrant of Tapio's (2005) table. When output
  // falls, a large e is the good case: resource use fell faster than output.
  Eigen::ArrayXd resource(8), output(8);
  resource << -0.02, 0.01, 0.03, 0.06, 0.02, -0.01, -0.05, -0.10;
  output << 0.05, 0.05, 0.03, 0.03, -0.05, -0.05, -0.05, -0.05;
  const haidian::TapioSeries states = haidian::tapio(resource, output);
  const haidian::TapioState expected[8] = {
      haidian::TapioState::strong_decoupling,          haidian::TapioState::weak_decoupling,
      haidian::TapioState::expansive_coupling,         haidian::TapioState::expansive_negative_decoupling,
      haidian::TapioState::strong_negative_decoupling, haidian::TapioState::weak_negative_decoupling,
      haidian::TapioState::recessive_coupling,         haidian::TapioState::recessive_decoupling};
  for (Eigen::Index t = 0; t < resource.size(); ++t) {
    const auto state = states.state[static_cast<std::size_t>(t)];
    char line[120];
    std::snprintf(line, sizeof line, "g_R %+.2f, g_Y %+.2f: e = %5.2f, %s", resource[t], output[t],
                  states.elasticity[t], std::string(haidian::to_string(state)).c_str());
    example::expect_true(line, state == expected[t]);
  }
  // Output that does not move leaves e undefined (NaN); the state still says what happened.
  example::expect_true("flat output, falling use: strong decoupling, e NaN",
                       haidian::tapio(-0.01, 0.0).state == haidian::TapioState::strong_decoupling &&
                           std::isnan(haidian::tapio(-0.01, 0.0).elasticity));

  // A missing rate (NaN) gives the state `missing` for its period only; the other periods are classified.
  Eigen::ArrayXd energy_gap(2), gdp_gap(2);
  energy_gap << std::numeric_limits<double>::quiet_NaN(), 0.00395;
  gdp_gap << 0.05, 0.035;
  const haidian::TapioSeries gap = haidian::tapio(energy_gap, gdp_gap);
  example::expect_true("NaN year: missing; next year: weak decoupling",
                       gap.state[0] == haidian::TapioState::missing &&
                           gap.state[1] == haidian::TapioState::weak_decoupling);

  // Decoupling effort (Diakoulaki & Mandaraka 2007) from an additive LMDI split of E = GDP x intensity.
  // With two factors the log-mean weights cancel: D = -ln(0.97) / ln(1.035) = 0.8855, a weak effort.
  haidian::Panel gdp(2, 1), intensity(2, 1);
  gdp << 1.0, 1.035;
  intensity << 1.0, 0.97;
  const auto split = haidian::decompose({gdp, intensity});
  const auto effort = haidian::decoupling_effort(split.effects, 0);  // column 0 is the activity factor
  example::expect_near("decoupling effort D", effort.effort[0], -std::log(0.97) / std::log(1.035), 1e-14);
  std::printf("effort state: %s\n", std::string(haidian::to_string(effort.state[0])).c_str());
  example::expect_true("weak effort", effort.state[0] == haidian::EffortState::weak);
  return example::exit_code();
}
