// The parent's installed program: Haidian 2022, GDP +3.5% and energy intensity -3%, so energy
// +0.395%: elasticity 0.1129 < 0.8 with both growing, weak decoupling (Tapio 2005).
#include "decoupling_report.hpp"

#include <cmath>
#include <cstdio>

int main() {
  const double energy_growth = 1.035 * 0.97 - 1.0;
  const auto result = decoupling_of(energy_growth, 0.035);
  const bool ok = result.state == haidian::TapioState::weak_decoupling &&
                  std::abs(result.elasticity - energy_growth / 0.035) <= 1e-14 * result.elasticity;
  std::printf("parent app: elasticity %.6f, %s\n", result.elasticity, ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
