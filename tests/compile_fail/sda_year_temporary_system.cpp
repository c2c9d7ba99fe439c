// Must not compile: an SdaYear refers to its Leontief system without copying it, so building one from a
// temporary system would leave it dangling once the statement ends (stack-use-after-scope). With
// HAIDIAN_COMPILE_FAIL_CONTROL the same code with a named system must compile, so the test fails only
// for the deleted constructor, not for some unrelated mistake in this file.
#include <haidian/leontief.hpp>
#include <haidian/sda.hpp>

#include <Eigen/Core>

int main() {
  const Eigen::MatrixXd Z = Eigen::MatrixXd::Constant(2, 2, 1.0);
  const Eigen::VectorXd x = Eigen::VectorXd::Constant(2, 10.0);
  const Eigen::MatrixXd S = Eigen::MatrixXd::Ones(1, 2), Y = Eigen::MatrixXd::Constant(2, 1, 8.0);
#ifdef HAIDIAN_COMPILE_FAIL_CONTROL
  const haidian::Leontief system(Z, x);
  const haidian::SdaYear year(system, S, Y);
#else
  const haidian::SdaYear year(haidian::Leontief(Z, x), S, Y);
#endif
  return year.sectors() == 2 ? 0 : 1;
}
