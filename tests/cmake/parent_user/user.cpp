// Uses the parent's library and haidian's headers, both found through find_package(parent): a fall in
// resource use while output grows is strong decoupling (Tapio 2005), elasticity -0.02 / 0.05 = -0.4.
#include <decoupling_report.hpp>

#include <cmath>
#include <cstdio>

int main() {
  const auto result = decoupling_of(-0.02, 0.05);
  const bool ok = result.state == haidian::TapioState::strong_decoupling && std::abs(result.elasticity + 0.4) <= 1e-15;
  std::printf("parent user: elasticity %.6f, %s\n", result.elasticity, ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
