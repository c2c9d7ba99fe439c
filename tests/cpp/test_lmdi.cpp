// LMDI-I and LMDI-II, additive and multiplicative: against a straightforward implementation written
// here (plain loops, long double), closure and the published identities, zero handling, threads, errors.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <haidian/decomposition.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace {

using haidian::Panel;

// Textbook logarithmic mean in long double (the reference; only called with a != b, both > 0).
long double L(long double a, long double b) { return a == b ? a : (a - b) / std::log(a / b); }

struct Reference {
  std::vector<long double> effects;  // K
  long double total = 0;
};

// LMDI between periods t0 and t1, every value positive, per Ang (2005) Table 1 / Ang (2015) Table 2:
//   additive LMDI-I:  dV_k = sum_i L(V_i^T, V_i^0) ln(x^T/x^0)
//   mult. LMDI-I:     D_k = exp(sum_i L(V_i^T, V_i^0)/L(V^T, V^0) ln(x^T/x^0))
//   mult. LMDI-II:    D_k = exp(sum_i w_i ln(x^T/x^0)), w_i = L(s_i^T, s_i^0)/sum_j L(s_j^T, s_j^0)
//   additive LMDI-II: dV_k = L(V^T, V^0) ln D_k
Reference reference(const std::vector<Panel>& x, int t0, int t1, bool lmdi2, bool multiplicative) {
  const int K = static_cast<int>(x.size());
  int N = 1;
  for (const auto& f : x) N = std::max<int>(N, static_cast<int>(f.cols()));
  auto value = [&](int k, int t, int i) -> long double { return x[k](t, x[k].cols() == 1 ? 0 : i); };
  std::vector<long double> V0(N, 1), V1(N, 1);
  long double S0 = 0, S1 = 0;
  for (int i = 0; i < N; ++i) {
    for (int k = 0; k < K; ++k) {
      V0[i] *= value(k, t0, i);
      V1[i] *= value(k, t1, i);
    }
    S0 += V0[i];
    S1 += V1[i];
  }
  Reference r;
  r.effects.assign(K, 0);
  long double weight_sum = 0;
  for (int i = 0; i < N; ++i) weight_sum += L(V1[i] / S1, V0[i] / S0);
  for (int k = 0; k < K; ++k) {
    long double sum = 0;
    for (int i = 0; i < N; ++i) {
      const long double w = lmdi2 ? L(V1[i] / S1, V0[i] / S0) / weight_sum
                                  : (multiplicative ? L(V1[i], V0[i]) / L(S1, S0) : L(V1[i], V0[i]));
      sum += w * std::log(value(k, t1, i) / value(k, t0, i));
    }
    r.effects[k] = multiplicative ? std::exp(sum) : (lmdi2 ? L(S1, S0) * sum : sum);
  }
  r.total = multiplicative ? S1 / S0 : S1 - S0;
  return r;
}

std::vector<Panel> random_factors(std::mt19937_64& rng, int T, int N, int K, bool with_aggregate) {
  std::uniform_real_distribution<double> u(0.2, 5.0);
  std::vector<Panel> x;
  for (int k = 0; k < K; ++k) {
    const int cols = (with_aggregate && k == 0) ? 1 : N;
    Panel f(T, cols);
    for (int t = 0; t < T; ++t)
      for (int i = 0; i < cols; ++i) f(t, i) = u(rng);
    x.push_back(f);
  }
  return x;
}

std::vector<haidian::PanelView> refs(const std::vector<Panel>& x) { return {x.begin(), x.end()}; }

haidian::Decomposition run(const std::vector<Panel>& x, haidian::Method m, haidian::Mode mode, bool chained = true,
                           int base = 0, int threads = 1, bool by_sector = false) {
  haidian::DecompositionOptions o;
  o.method = m;
  o.mode = mode;
  o.chained = chained;
  o.base = base;
  o.threads = threads;
  o.by_sector = by_sector;
  return haidian::decompose(refs(x), o);
}

using haidian_test::message_of;

const haidian::Method methods[] = {haidian::Method::lmdi1, haidian::Method::lmdi2};
const haidian::Mode modes[] = {haidian::Mode::additive, haidian::Mode::multiplicative};

}  // namespace

BOOST_AUTO_TEST_SUITE(lmdi)

BOOST_AUTO_TEST_CASE(matches_a_straightforward_implementation_chained_and_fixed_base) {
  std::mt19937_64 rng(1);
  for (int trial = 0; trial < 20; ++trial) {
    const auto x = random_factors(rng, 4, 1 + trial % 7, 2 + trial % 3, trial % 2 == 0);
    for (const auto m : methods) {
      for (const auto mode : modes) {
        const bool lmdi2 = m == haidian::Method::lmdi2, mult = mode == haidian::Mode::multiplicative;
        for (const bool chained : {true, false}) {
          const int base = chained ? 0 : 2;
          const auto r = run(x, m, mode, chained, base);
          BOOST_TEST_REQUIRE(r.effects.rows() == 3);
          for (int s = 0; s < 3; ++s) {
            const int t0 = static_cast<int>(r.start[s]), t1 = static_cast<int>(r.end[s]);
            BOOST_TEST(t0 == (chained ? s : base));
            const Reference ref = reference(x, t0, t1, lmdi2, mult);
            for (int k = 0; k < static_cast<int>(x.size()); ++k) {
              BOOST_TEST(r.effects(s, k) == static_cast<double>(ref.effects[k]), boost::test_tools::tolerance(1e-12));
            }
            BOOST_TEST(r.total(s) == static_cast<double>(ref.total), boost::test_tools::tolerance(1e-13));
          }
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(effects_close_exactly) {
  std::mt19937_64 rng(2);
  for (int trial = 0; trial < 30; ++trial) {
    const auto x = random_factors(rng, 5, 1 + trial, 1 + trial % 5, trial % 3 == 0);
    for (const auto m : methods) {
      for (const auto mode : modes) {
        const auto r = run(x, m, mode);
        for (int s = 0; s < r.effects.rows(); ++s) {
          BOOST_TEST(std::abs(r.closure(s)) < 1e-13);
          if (mode == haidian::Mode::additive) {
            const double scale = std::abs(r.start_value(s)) + std::abs(r.end_value(s));
            BOOST_TEST(std::abs(r.effects.row(s).sum() - r.total(s)) <= 1e-13 * scale);
          } else {
            BOOST_TEST(r.effects.row(s).prod() == r.total(s), boost::test_tools::tolerance(1e-13));
          }
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(lmdi1_multiplicative_log_is_additive_over_log_mean_of_totals) {
  // Ang (2005), eq. (7): ln D_k = dV_k / L(V^T, V^0).
  std::mt19937_64 rng(3);
  const auto x = random_factors(rng, 6, 9, 3, true);
  const auto add = run(x, haidian::Method::lmdi1, haidian::Mode::additive);
  const auto mult = run(x, haidian::Method::lmdi1, haidian::Mode::multiplicative);
  for (int s = 0; s < add.effects.rows(); ++s) {
    const double Lv = static_cast<double>(L(add.end_value(s), add.start_value(s)));
    for (int k = 0; k < 3; ++k) {
      BOOST_TEST(std::log(mult.effects(s, k)) == add.effects(s, k) / Lv, boost::test_tools::tolerance(1e-12));
    }
  }
}

BOOST_AUTO_TEST_CASE(lmdi2_multiplicative_activity_effect_is_the_activity_ratio) {
  // With an aggregate (broadcast) activity factor and weights summing to 1 (Ang & Liu 2001):
  // D_act = exp(sum_i w_i ln(Q^T/Q^0)) = Q^T/Q^0.
  std::mt19937_64 rng(4);
  const auto x = random_factors(rng, 5, 6, 3, true);
  const auto r = run(x, haidian::Method::lmdi2, haidian::Mode::multiplicative);
  for (int s = 0; s < r.effects.rows(); ++s) {
    BOOST_TEST(r.effects(s, 0) == x[0](s + 1, 0) / x[0](s, 0), boost::test_tools::tolerance(1e-14));
  }
}

BOOST_AUTO_TEST_CASE(multiplicative_indices_are_time_reversible) {
  // LMDI passes the time-reversal test (Ang 2004): D_k(0 -> T) * D_k(T -> 0) = 1.
  std::mt19937_64 rng(5);
  const auto x = random_factors(rng, 2, 8, 3, false);
  std::vector<Panel> reversed;
  for (const auto& f : x) reversed.push_back(f.colwise().reverse());
  for (const auto m : methods) {
    const auto forward = run(x, m, haidian::Mode::multiplicative);
    const auto backward = run(reversed, m, haidian::Mode::multiplicative);
    for (int k = 0; k < 3; ++k) {
      BOOST_TEST(forward.effects(0, k) * backward.effects(0, k) == 1.0, boost::test_tools::tolerance(1e-14));
    }
  }
}

BOOST_AUTO_TEST_CASE(by_sector_sums_to_the_effects) {
  std::mt19937_64 rng(6);
  const auto x = random_factors(rng, 4, 700, 3, true);  // two blocks of sectors
  for (const auto m : methods) {
    for (const auto mode : modes) {
      const auto r = run(x, m, mode, true, 0, 1, true);
      for (int s = 0; s < 3; ++s) {
        for (int k = 0; k < 3; ++k) {
          const double sum = r.by_sector.row(s * 3 + k).sum();
          const double effect = mode == haidian::Mode::additive ? r.effects(s, k) : std::log(r.effects(s, k));
          BOOST_TEST(sum == effect, boost::test_tools::tolerance(1e-11));
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(results_are_bit_identical_for_any_thread_count) {
  std::mt19937_64 rng(8);
  const auto x = random_factors(rng, 7, 3000, 3, true);  // 6 blocks per step, 36 items
  for (const auto m : methods) {
    for (const auto mode : modes) {
      const auto one = run(x, m, mode, true, 0, 1, true);
      for (const int threads : {2, 3, 5, 0}) {
        const auto many = run(x, m, mode, true, 0, threads, true);
        BOOST_TEST((many.effects == one.effects).all());
        BOOST_TEST((many.total == one.total).all());
        BOOST_TEST((many.by_sector == one.by_sector).all());
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(entering_and_exiting_sectors_follow_the_analytical_limits) {
  // Ang & Liu (2007), Energy Policy 35:238-246, Table 1 (limits of L(V^T, V^0) ln(x^T/x^0)):
  // a sector entering from zero credits its V^T to the factor that leaves zero, a sector exiting
  // credits -V^0 to the factor that reaches zero, the other factors of that sector get 0.
  Panel q(2, 1);
  q << 10, 12;
  Panel s(2, 3);
  s << 0.5, 0.5, 0.0,   // sector 2 enters (its share leaves zero)
      0.4, 0.3, 0.3;
  Panel e(2, 3);
  e << 2.0, 4.0, 3.0,
      2.5, 0.0, 3.0;    // sector 1 exits (its intensity reaches zero)
  const std::vector<Panel> x{q, s, e};
  const auto r = run(x, haidian::Method::lmdi1, haidian::Mode::additive, true, 0, 1, true);
  // Sector 2: V^0 = 0, V^T = 12*0.3*3 = 10.8, all of it to structure (row 1).
  BOOST_TEST(r.by_sector(1, 2) == 10.8, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(r.by_sector(0, 2) == 0.0);
  BOOST_TEST(r.by_sector(2, 2) == 0.0);
  // Sector 1: V^0 = 10*0.5*4 = 20, V^T = 0, -20 to intensity (row 2).
  BOOST_TEST(r.by_sector(2, 1) == -20.0, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(r.by_sector(0, 1) == 0.0);
  BOOST_TEST(r.by_sector(1, 1) == 0.0);
  // Nothing is dropped: the effects still sum to the change.
  BOOST_TEST(r.effects.row(0).sum() == r.total(0), boost::test_tools::tolerance(1e-14));
  BOOST_TEST(r.total(0) == (12 * 0.4 * 2.5 + 10.8) - (10 * 0.5 * 2 + 20), boost::test_tools::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(two_zero_factors_in_one_cell_share_the_change_equally) {
  // Both factors of the only cell leave zero together: the limit depends on the path, so haidian
  // splits equally, which is the Shapley value of the cell (x*y from 0*0 to 2*3: 3 and 3).
  Panel a(2, 1), b(2, 1);
  a << 0, 2;
  b << 0, 3;
  const auto lmdi = run({a, b}, haidian::Method::lmdi1, haidian::Mode::additive);
  const auto shapley = run({a, b}, haidian::Method::shapley, haidian::Mode::additive);
  BOOST_TEST(lmdi.effects(0, 0) == 3.0);
  BOOST_TEST(lmdi.effects(0, 1) == 3.0);
  BOOST_TEST(shapley.effects(0, 0) == 3.0);
  BOOST_TEST(shapley.effects(0, 1) == 3.0);
}

BOOST_AUTO_TEST_CASE(small_value_strategy_approaches_the_limits_slowly) {
  // Replacing 0 by delta converges to the limit like 1/ln(1/delta) (Wood & Lenzen 2006): with
  // V = a*b, a: 0 -> 1, b: 1 -> 2, the limit gives a: 2, b: 0; with delta the b effect is
  // L(2, delta) ln 2 = (2 - delta) ln 2 / ln(2/delta).
  Panel a(2, 1), b(2, 1);
  a << 0, 1;
  b << 1, 2;
  const auto limit = run({a, b}, haidian::Method::lmdi1, haidian::Mode::additive);
  BOOST_TEST(limit.effects(0, 0) == 2.0);
  BOOST_TEST(limit.effects(0, 1) == 0.0);
  for (const double delta : {1e-10, 1e-20}) {
    haidian::DecompositionOptions o;
    o.zeros = haidian::Zeros::small;
    o.small_value = delta;
    const auto r = haidian::decompose({a, b}, o);
    const double expected_b = (2 - delta) * std::log(2.0) / std::log(2 / delta);
    BOOST_TEST(r.effects(0, 1) == expected_b, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(r.effects(0, 0) + r.effects(0, 1) == 2.0 - delta, boost::test_tools::tolerance(1e-14));
  }
}

BOOST_AUTO_TEST_CASE(zero_aggregate_factor_value_uses_the_limits_in_every_sector) {
  Panel q(2, 1), i(2, 2);
  q << 0, 5;
  i << 1, 2, 1, 4;
  const auto r = run({q, i}, haidian::Method::lmdi1, haidian::Mode::additive);
  BOOST_TEST(r.effects(0, 0) == 25.0);  // V^T = 5 + 20, all to the activity that left zero
  BOOST_TEST(r.effects(0, 1) == 0.0);
}

BOOST_AUTO_TEST_CASE(bad_input_is_named) {
  Panel good(3, 2);
  good << 1, 2, 3, 4, 5, 6;
  Panel negative = good;
  negative(1, 1) = -4;
  haidian::DecompositionOptions o;
  o.factor_names = {"activity", "intensity"};
  BOOST_TEST(message_of<haidian::domain_error>([&] { haidian::decompose({good, negative}, o); }) ==
             "decompose: factors['intensity'][1, 1] is -4, but LMDI takes logarithms and needs values >= 0 "
             "(a sign change has no logarithm); use the Shapley method for negative values");
  Panel nan = good;
  nan(2, 0) = std::numeric_limits<double>::quiet_NaN();
  BOOST_TEST(message_of<haidian::domain_error>([&] { haidian::decompose({nan, good}, o); }) ==
             "decompose: factors['activity'][2, 0] is nan, but must be finite");
  Panel short_panel(2, 2);
  short_panel << 1, 2, 3, 4;
  BOOST_TEST(message_of<haidian::invalid_argument>([&] { haidian::decompose({good, short_panel}, o); }) ==
             "decompose: factors['intensity'] has 2 periods but factors['activity'] has 3; all factors must "
             "cover the same periods");
  Panel wide(3, 3);
  wide.setOnes();
  BOOST_CHECK_THROW(haidian::decompose({good, wide}, o), haidian::invalid_argument);
  Panel one(1, 2);
  one << 1, 2;
  BOOST_TEST(message_of<haidian::invalid_argument>([&] { haidian::decompose({one}, o); }) ==
             "decompose: factors have 1 period(s), but at least 2 are needed");
  BOOST_TEST(message_of<haidian::invalid_argument>([&] { haidian::decompose({}, o); }) ==
             "decompose: factors is empty; give at least one factor");
  BOOST_TEST(message_of<haidian::invalid_argument>([&] { haidian::decompose({good}, o); }) ==
             "decompose: factor_names has 2 names but there are 1 factors; give one name per factor, or none");
  o.factor_names = {"activity"};
  o.chained = false;
  o.base = 3;
  BOOST_TEST(message_of<haidian::invalid_argument>([&] { haidian::decompose({good}, o); }) ==
             "decompose: base is 3, but must be a period index in [0, 2]");
  BOOST_TEST(message_of<haidian::invalid_argument>([] { haidian::parse_method("lmdi3"); }) ==
             "decompose: method is 'lmdi3', but must be 'lmdi1', 'lmdi2' or 'shapley'");
  BOOST_CHECK_THROW(haidian::parse_mode("additve"), haidian::invalid_argument);
  BOOST_CHECK_THROW(haidian::parse_zeros("tiny"), haidian::invalid_argument);
}

BOOST_AUTO_TEST_CASE(zero_total_is_refused_where_the_method_needs_a_positive_one) {
  Panel a(2, 1);
  a << 0, 3;
  BOOST_TEST(message_of<haidian::domain_error>(
                 [&] { run({a}, haidian::Method::lmdi1, haidian::Mode::multiplicative); }) ==
             "decompose: the aggregate is 0 in period 0 and 3 in period 1, but the multiplicative form needs "
             "it positive (V^T/V^0 and its log)");
  BOOST_CHECK_THROW(run({a}, haidian::Method::lmdi2, haidian::Mode::additive), haidian::domain_error);
  BOOST_CHECK_NO_THROW(run({a}, haidian::Method::lmdi1, haidian::Mode::additive));
}

BOOST_AUTO_TEST_CASE(inputs_are_read_in_place_and_not_modified) {
  std::mt19937_64 rng(9);
  const auto x = random_factors(rng, 3, 5, 2, false);
  const auto copy = x;
  const Eigen::Map<const Panel> view(x[1].data(), 3, 5);
  const std::vector<haidian::PanelView> views{x[0], view};
  BOOST_TEST(views[0].data() == x[0].data());  // views of row-major panels read them in place
  BOOST_TEST(views[1].data() == x[1].data());
  haidian::decompose(views);
  BOOST_TEST((x[0] == copy[0]).all());
  BOOST_TEST((x[1] == copy[1]).all());
}

BOOST_AUTO_TEST_SUITE_END()
