// The factor views decompose() reads: every form it accepts reads the caller's data in place (no
// copy, so nothing can dangle), gives the same effects as a plain haidian::Panel, and names carry
// into the result. The forms it refuses are compile-fail tests (tests/compile_fail). This file is
// also built with AddressSanitizer (haidian_asan_tests), which would report any read of freed memory.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <haidian/decomposition.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace {

using haidian::Panel;
using haidian::PanelView;
using haidian_test::message_of;

// Output q (one value a year), structure s and intensity e for three sectors over three years.
struct Factors {
  Panel q{3, 1}, s{3, 3}, e{3, 3};
  Factors() {
    q << 100, 104, 109;
    s << 0.2, 0.5, 0.3, 0.25, 0.45, 0.3, 0.22, 0.43, 0.35;
    e << 3.0, 1.0, 0.5, 2.8, 1.1, 0.45, 2.5, 1.05, 0.5;
  }
};

// Additive LMDI-I of one step written out directly (Ang 2005, Table 1): sum over sectors of
// L(V_i^T, V_i^0) ln(x^T/x^0), with L the textbook (a - b)/ln(a/b).
std::vector<double> lmdi1_step(const Factors& f, int t0, int t1) {
  std::vector<double> effects(3, 0.0);
  for (int i = 0; i < 3; ++i) {
    const double v0 = f.q(t0, 0) * f.s(t0, i) * f.e(t0, i);
    const double v1 = f.q(t1, 0) * f.s(t1, i) * f.e(t1, i);
    const double L = (v1 - v0) / std::log(v1 / v0);
    effects[0] += L * std::log(f.q(t1, 0) / f.q(t0, 0));
    effects[1] += L * std::log(f.s(t1, i) / f.s(t0, i));
    effects[2] += L * std::log(f.e(t1, i) / f.e(t0, i));
  }
  return effects;
}

void check_against_reference(const haidian::Decomposition& r, const Factors& f) {
  BOOST_TEST_REQUIRE(r.effects.rows() == 2);
  for (int step = 0; step < 2; ++step) {
    const auto expected = lmdi1_step(f, step, step + 1);
    for (int k = 0; k < 3; ++k) {
      BOOST_TEST(r.effects(step, k) == expected[static_cast<std::size_t>(k)], boost::test_tools::tolerance(1e-12));
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(decomposition_inputs)

BOOST_AUTO_TEST_CASE(a_braced_list_of_panels_is_read_in_place) {
  const Factors f;
  const std::vector<PanelView> views{f.q, f.s, f.e};
  BOOST_TEST(views[0].data() == f.q.data());
  BOOST_TEST(views[1].data() == f.s.data());
  BOOST_TEST(views[2].data() == f.e.data());
  check_against_reference(haidian::decompose(views), f);
  check_against_reference(haidian::decompose({f.q, f.s, f.e}), f);
}

// The list that used to dangle (a std::vector of Eigen::Ref<const Panel> built from column-major
// arrays) no longer compiles; its replacement keeps the converted panels in named variables.
BOOST_AUTO_TEST_CASE(column_major_data_converted_once_into_named_panels) {
  const Factors f;
  const Eigen::ArrayXXd s_columns = f.s, e_columns = f.e;  // column-major, as a user may hold them
  const Eigen::ArrayXd q_column = f.q.col(0);
  const Panel s = s_columns, e = e_columns;
  const std::vector<PanelView> views = {q_column, s, e};
  BOOST_TEST(views[0].data() == q_column.data());
  check_against_reference(haidian::decompose(views), f);
}

BOOST_AUTO_TEST_CASE(maps_blocks_and_columns_are_read_in_place) {
  const Factors f;
  // The structure panel inside a wider row-major buffer: rows are 5 apart (an outer stride).
  Panel wide = Panel::Zero(3, 5);
  wide.middleCols(1, 3) = f.s;
  const auto block = wide.middleCols(1, 3);
  // Output as a strided column of a row-major panel, and as a Map over plain memory.
  Panel with_output = Panel::Zero(3, 2);
  with_output.col(1) = f.q.col(0);
  const std::vector<double> intensity(f.e.data(), f.e.data() + f.e.size());
  const Eigen::Map<const Panel> e_map(intensity.data(), 3, 3);
  const std::vector<PanelView> views = {with_output.col(1), block, e_map};
  BOOST_TEST(views[0].data() == with_output.data() + 1);
  BOOST_TEST(views[0].row_stride() == 2);
  BOOST_TEST(views[1].data() == wide.data() + 1);
  BOOST_TEST(views[1].row_stride() == 5);
  BOOST_TEST(views[2].data() == intensity.data());
  check_against_reference(haidian::decompose(views), f);
  // Temporary maps and blocks are views too: fine within the call.
  check_against_reference(
      haidian::decompose({Eigen::Map<const Panel>(f.q.data(), 3, 1), wide.middleCols(1, 3), f.e}), f);
  for (const auto method : {haidian::Method::lmdi2, haidian::Method::shapley}) {
    haidian::DecompositionOptions options;
    options.method = method;
    const auto strided = haidian::decompose(views, options);
    const auto plain = haidian::decompose({f.q, f.s, f.e}, options);
    BOOST_TEST((strided.effects == plain.effects).all());
  }
}

BOOST_AUTO_TEST_CASE(names_are_carried_into_the_result) {
  const Factors f;
  haidian::DecompositionOptions options;
  options.factor_names = {"output", "structure", "intensity"};
  options.sector_names = {"agriculture", "industry", "services"};
  options.by_sector = true;
  const auto r = haidian::decompose({f.q, f.s, f.e}, options);
  BOOST_TEST(r.factor_names == options.factor_names);
  BOOST_TEST(r.sector_names == options.sector_names);
  BOOST_TEST(r.by_sector.cols() == 3);
  const auto unnamed = haidian::decompose({f.q, f.s, f.e});
  BOOST_TEST(unnamed.factor_names.empty());
  BOOST_TEST(unnamed.sector_names.empty());
  options.sector_names.pop_back();
  BOOST_TEST(message_of<haidian::invalid_argument>([&] { haidian::decompose({f.q, f.s, f.e}, options); }) ==
             "decompose: sector_names has 2 names but there are 3 sectors; give one name per sector, or none");
}

BOOST_AUTO_TEST_CASE(messages_read_the_same_from_cpp_and_python) {
  Panel a(2, 2), b(2, 2);
  a << 1, 2, 3, 4;
  b << 1, -2, 3, 4;
  haidian::DecompositionOptions options;
  BOOST_TEST(message_of<haidian::domain_error>([&] { haidian::decompose({a, b}, options); }) ==
             "decompose: factors[1][0, 1] is -2, but LMDI takes logarithms and needs values >= 0 (a sign "
             "change has no logarithm); use the Shapley method for negative values");
  options.method = haidian::Method::shapley;
  options.zeros = haidian::Zeros::small;
  BOOST_TEST(message_of<haidian::invalid_argument>([&] { haidian::decompose({a}, options); }) ==
             "decompose: zeros is 'small', but Shapley has no logarithms and needs no zero handling; use the "
             "analytical limits ('limit', the default)");
  options.zeros = haidian::Zeros::limit;
  options.mode = haidian::Mode::multiplicative;
  options.by_sector = true;
  BOOST_TEST(message_of<haidian::invalid_argument>([&] { haidian::decompose({a}, options); }) ==
             "decompose: by_sector is not defined for multiplicative Shapley (the log of a sum does not split "
             "by sector); use additive mode or LMDI-I");
}

BOOST_AUTO_TEST_SUITE_END()
