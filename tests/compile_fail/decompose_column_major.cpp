// Must not compile: a column-major periods x sectors array cannot be read in place (sectors are not
// contiguous), and a hidden copy is what used to dangle. PanelView refuses it at compile time with a
// message saying what to pass; the control converts once into a named haidian::Panel.
#include <haidian/decomposition.hpp>

#include <Eigen/Core>

int main() {
  const Eigen::ArrayXXd s = Eigen::ArrayXXd::Constant(2, 3, 0.5), e = Eigen::ArrayXXd::Constant(2, 3, 4.0);
#ifdef HAIDIAN_COMPILE_FAIL_CONTROL
  const haidian::Panel s_rows = s, e_rows = e;
  const auto r = haidian::decompose({s_rows, e_rows});
#else
  const auto r = haidian::decompose({s, e});
#endif
  return r.effects.allFinite() ? 0 : 1;
}
