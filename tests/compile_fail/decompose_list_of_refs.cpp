// Must not compile: a std::vector of Eigen::Ref<const Panel> built from column-major arrays holds
// pointers into row-major copies that die at the end of the initialiser (heap-use-after-free, or
// silently wrong effects). decompose() refuses such a list with a message saying what to pass. With
// HAIDIAN_COMPILE_FAIL_CONTROL the same factors as named panels compile, so the test fails only for the
// refused list, not for some unrelated mistake in this file.
#include <haidian/decomposition.hpp>

#include <Eigen/Core>

#include <vector>

int main() {
  const Eigen::ArrayXXd q = Eigen::ArrayXXd::Constant(2, 1, 2.0), s = Eigen::ArrayXXd::Constant(2, 3, 0.5),
                        e = Eigen::ArrayXXd::Constant(2, 3, 4.0);
#ifdef HAIDIAN_COMPILE_FAIL_CONTROL
  const haidian::Panel q_rows = q, s_rows = s, e_rows = e;
  const std::vector<haidian::PanelView> f = {q_rows, s_rows, e_rows};
#else
  const std::vector<Eigen::Ref<const haidian::Panel>> f = {q, s, e};
#endif
  return haidian::decompose(f).effects.allFinite() ? 0 : 1;
}
