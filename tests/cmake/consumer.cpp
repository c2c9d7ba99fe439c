// A consumer of the installed or sub-project haidian: includes the umbrella header and computes
// something real with a Series, checking it against an independent value (non-zero exit if wrong).
#include <haidian/haidian.hpp>

#include <cmath>
#include <cstdio>
#include <limits>

int main() {
  std::printf("haidian %s\n", haidian::version_string);

  // CAGR of 1000 -> 5000 over 2004-2015 (values in between missing) is 5^(1/11) - 1 (issue 2's example).
  Eigen::VectorXd values = Eigen::VectorXd::Constant(12, std::numeric_limits<double>::quiet_NaN());
  values[0] = 1000.0;
  values[11] = 5000.0;
  const haidian::Series gdp(values, haidian::Period::annual(2004), "亿元", "GDP", haidian::PriceBasis::current());
  const double cagr = gdp.cagr(haidian::Period::annual(2004), haidian::Period::annual(2015));
  const double expected = std::pow(5.0, 1.0 / 11.0) - 1.0;
  std::printf("CAGR 2004-2015: %.15f (expected %.15f)\n", cagr, expected);
  if (!(std::abs(cagr - expected) <= 1e-14 * std::abs(expected))) {
    std::printf("FAILED: CAGR differs from 5^(1/11) - 1\n");
    return 1;
  }
  return 0;
}
