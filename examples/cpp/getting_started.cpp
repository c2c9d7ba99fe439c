// Getting started: the umbrella header, a Series, a decoupling state, and the errors haidian throws.
// Figures: Haidian district (Beijing) as published for 2022 in the article bundled as
// haidian_2022.csv: GDP passed 1,000 亿元 in 2004 and 5,000 亿元 in 2015; in 2022 it grew 3.5% at
// comparable prices while energy use per unit of GDP fell 3%.
#include <haidian/haidian.hpp>

#include "check.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <string>

int main() {
  std::printf("haidian %s\n", haidian::version_string);

  // GDP at current prices, 2004-2015; only the two end years are known (NaN marks a missing value).
  Eigen::VectorXd values = Eigen::VectorXd::Constant(12, std::numeric_limits<double>::quiet_NaN());
  values[0] = 1000.0;
  values[11] = 5000.0;
  const haidian::Series gdp(values, haidian::Period::annual(2004), "亿元", "GDP",
                            haidian::PriceBasis::current());
  const double cagr = gdp.cagr(haidian::Period::annual(2004), haidian::Period::annual(2015));
  example::expect_near("GDP growth a year, 2004-2015", cagr, std::pow(5.0, 1.0 / 11.0) - 1.0, 1e-15);

  // 2022: energy growth implied by GDP +3.5% and intensity -3% is 1.035 x 0.97 - 1, and its Tapio state.
  const double energy_growth = haidian::implied_resource_growth(0.035, -0.03);
  example::expect_near("energy growth 2022", energy_growth, 0.00395, 1e-15);
  const haidian::TapioResult state = haidian::tapio(energy_growth, 0.035);
  example::expect_near("Tapio elasticity 2022", state.elasticity, 0.00395 / 0.035, 1e-14);
  std::printf("Tapio state 2022: %s\n", std::string(haidian::to_string(state.state)).c_str());
  example::expect_true("weak decoupling", state.state == haidian::TapioState::weak_decoupling);

  // Bad input throws; the message names the function, the argument and the value.
  try {
    haidian::tapio(0.01, -1.5);  // output cannot fall by 150%
    example::expect_true("tapio(0.01, -1.5) throws", false);
  } catch (const haidian::error& error) {  // the base of every haidian exception
    std::printf("error: %s\n", error.what());
    example::expect_true("a domain error", error.code() == haidian::errc::domain_error);
    example::expect_true("the message names the argument",
                         std::string(error.what()).rfind("tapio: output_growth is -1.5", 0) == 0);
  }
  // Each haidian exception also derives from a standard one (here std::domain_error).
  try {
    haidian::tapio(0.01, -1.5);
  } catch (const std::domain_error&) {
    example::expect_true("also a std::domain_error", true);
  }
  return example::exit_code();
}
