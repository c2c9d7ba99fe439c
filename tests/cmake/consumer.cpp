// A consumer of the installed or sub-project haidian: includes the umbrella header and computes
// with a Series, a decomposition and the Tapio classification, checking each against an
// independent value (non-zero exit if any is wrong). The README's C++ example is taken from here.
#include <haidian/haidian.hpp>

#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

namespace {

bool close(double actual, double expected, double rtol, const char* what) {
  const bool ok = std::abs(actual - expected) <= rtol * std::abs(expected);
  std::printf("%-34s %.15g (expected %.15g) %s\n", what, actual, expected, ok ? "ok" : "FAILED");
  return ok;
}

}  // namespace

int main() {
  std::printf("haidian %s\n", haidian::version_string);
  bool ok = true;

  // CAGR of 1000 -> 5000 over 2004-2015 (values in between missing) is 5^(1/11) - 1.
  Eigen::VectorXd values = Eigen::VectorXd::Constant(12, std::numeric_limits<double>::quiet_NaN());
  values[0] = 1000.0;
  values[11] = 5000.0;
  const haidian::Series gdp(values, haidian::Period::annual(2004), "亿元", "GDP", haidian::PriceBasis::current());
  const double cagr = gdp.cagr(haidian::Period::annual(2004), haidian::Period::annual(2015));
  ok &= close(cagr, std::pow(5.0, 1.0 / 11.0) - 1.0, 1e-14, "CAGR 2004-2015");

  // Energy E = Q * S_i * I_i for two sectors over two years: output Q (one value a year), output
  // shares S and intensities I (years x sectors). LMDI-I additive effects add up to the change of E.
  haidian::Panel output(2, 1), shares(2, 2), intensity(2, 2);
  output << 100.0, 103.5;
  shares << 0.30, 0.70, 0.27, 0.73;
  intensity << 2.0, 0.5, 1.9, 0.48;
  const auto split = haidian::decompose({output, shares, intensity});
  const double energy_2021 = 100.0 * (0.30 * 2.0 + 0.70 * 0.5);
  const double energy_2022 = 103.5 * (0.27 * 1.9 + 0.73 * 0.48);
  std::printf("effects: activity %.6f, structure %.6f, intensity %.6f\n", split.effects(0, 0),
              split.effects(0, 1), split.effects(0, 2));
  ok &= close(split.effects.row(0).sum(), energy_2022 - energy_2021, 1e-12, "sum of LMDI effects");

  // Haidian 2022: GDP +3.5% with energy intensity -3% means energy +0.395%: weak decoupling.
  const double energy_growth = 1.035 * 0.97 - 1.0;
  const auto decoupling = haidian::tapio(energy_growth, 0.035);
  ok &= close(decoupling.elasticity, energy_growth / 0.035, 1e-14, "Tapio elasticity");
  const bool weak = decoupling.state == haidian::TapioState::weak_decoupling;
  std::printf("Tapio state: %s %s\n", std::string(haidian::to_string(decoupling.state)).c_str(),
              weak ? "ok" : "FAILED");
  return ok && weak ? 0 : 1;
}
