// LMDI-I against a worked example published with its inputs and results: Heun & Brockway (2019),
// "Meeting 2030 primary energy and economic growth goals: Mission impossible?", Applied Energy 251,
// doi:10.1016/j.apenergy.2019.01.255, Supplementary Information Section S3 ("Simple example"), as
// published in the authors' R package LMDIR (github.com/MatthewHeun/LMDIR): inputs in
// create_simple_LMDI(), results in the vignette (vignettes/LMDIR.Rmd, "a version of Section S3")
// and, to 9-10 digits, in tests/testthat/test_util.R (Z matrices) and test_lmdi.R (dV, D).
// Each value is checked to half a unit in its last printed digit. tests/python/
// test_published_examples.py checks the same example in full (LMDI-II and zero values too).
#include <boost/test/unit_test.hpp>

#include <haidian/decomposition.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace {

using haidian::Panel;

// X matrices of create_simple_LMDI(): years 1971..1974 x categories (subsubcat 1, 2), one panel
// per factor ("factor 1".."factor 3").
std::vector<Panel> simple_lmdi_factors() {
  const double x[4][2][3] = {{{1, 10, 2}, {4, 5, 3}},
                             {{4, 5, 3}, {5, 6, 4}},
                             {{8, 2, 4}, {5, 7, 5}},
                             {{10, 1, 5}, {6, 8, 6}}};
  std::vector<Panel> factors(3, Panel(4, 2));
  for (int k = 0; k < 3; ++k)
    for (int t = 0; t < 4; ++t)
      for (int i = 0; i < 2; ++i) factors[k](t, i) = x[t][i][k];
  return factors;
}

haidian::Decomposition run(haidian::Mode mode) {
  const auto x = simple_lmdi_factors();
  haidian::DecompositionOptions options;
  options.method = haidian::Method::lmdi1;
  options.mode = mode;
  options.by_sector = true;
  return haidian::decompose(std::vector<haidian::PanelView>(x.begin(), x.end()), options);
}

// |actual - printed| <= half a unit in the last digit of `printed`, a number as printed in the source.
bool as_printed(double actual, const std::string& printed) {
  const auto point = printed.find('.');
  const int decimals = point == std::string::npos ? 0 : static_cast<int>(printed.size() - point - 1);
  const double tolerance = 0.5 * std::pow(10.0, -decimals) * (1 + 1e-9) + 1e-12;
  const bool ok = std::abs(actual - std::stod(printed)) <= tolerance;
  if (!ok) BOOST_TEST_MESSAGE(actual << " vs published " << printed);
  return ok;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(published_examples)

BOOST_AUTO_TEST_CASE(heun_brockway_2019_lmdi1_additive) {
  const auto r = run(haidian::Mode::additive);
  BOOST_TEST_REQUIRE(r.effects.rows() == 3);
  BOOST_TEST_REQUIRE(r.effects.cols() == 3);
  // V: 80, 180, 239, 338 (vignette, glimpse(res)$V).
  const double V[4] = {80, 180, 239, 338};  // integers: exact
  for (int s = 0; s < 3; ++s) {
    BOOST_TEST(r.start_value(s) == V[s]);
    BOOST_TEST(r.end_value(s) == V[s + 1]);
  }
  // dV per step and factor (test_lmdi.R, res$dV).
  const std::string dV[3][3] = {{"69.79006598", "-9.455125793", "39.66505981"},
                                {"42.96021467", "-34.31902656", "50.3588119"},
                                {"54.01064234", "-9.021284671", "54.01064234"}};
  for (int s = 0; s < 3; ++s)
    for (int k = 0; k < 3; ++k) BOOST_TEST(as_printed(r.effects(s, k), dV[s][k]));
  // Z: category i's part of factor k's effect (test_util.R, Z_1, Z_2, Z_3); by_sector row s*K + k.
  const std::string Z[3][2][3] = {
      {{"50.47438029", "-25.23719014", "14.76280986"}, {"19.31568569", "15.78206435", "24.90224996"}},
      {{"42.96021467", "-56.79031473", "17.83010006"}, {"0", "22.47128816", "32.52871184"}},
      {{"12.6549815", "-39.30996299", "12.6549815"}, {"41.35566084", "30.28867832", "41.35566084"}}};
  for (int s = 0; s < 3; ++s)
    for (int i = 0; i < 2; ++i)
      for (int k = 0; k < 3; ++k) BOOST_TEST(as_printed(r.by_sector(s * 3 + k, i), Z[s][i][k]));
}

BOOST_AUTO_TEST_CASE(heun_brockway_2019_lmdi1_multiplicative) {
  const auto r = run(haidian::Mode::multiplicative);
  BOOST_TEST_REQUIRE(r.effects.rows() == 3);
  // D per step and factor (test_lmdi.R, res$D) and D_agg (res$D_agg).
  const std::string D[3][3] = {{"1.761117821", "0.926191306", "1.379410116"},
                               {"1.229284572", "0.847970248", "1.273773912"},
                               {"1.208140223", "0.968911503", "1.208140223"}};
  const std::string D_agg[3] = {"2.25", "1.327777778", "1.414225941"};
  for (int s = 0; s < 3; ++s) {
    for (int k = 0; k < 3; ++k) BOOST_TEST(as_printed(r.effects(s, k), D[s][k]));
    BOOST_TEST(as_printed(r.total(s), D_agg[s]));
  }
}

BOOST_AUTO_TEST_SUITE_END()
