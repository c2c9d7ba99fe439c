// The LMDI kernels for each instruction set (generic, AVX2, AVX-512; the ones this CPU lacks fall
// back to the best below, see simd.hpp) against each other: the same effects to rounding, the same
// zero cells and limits, the same errors, and bit-identical results for any thread count.
#include <boost/test/unit_test.hpp>

#include "test_support.hpp"

#include <haidian/decomposition.hpp>
#include <haidian/simd.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace {

using haidian::Panel;
using haidian::Simd;

const Simd instruction_sets[] = {Simd::generic, Simd::avx2, Simd::avx512};

// Factors with sector counts around the vector widths (tails of 1..7 cells), some zeros (entering
// and exiting cells), values across many magnitudes, and an aggregate factor first.
std::vector<Panel> mixed_factors(std::mt19937_64& rng, int T, int N, int K, double zero_share) {
  std::uniform_real_distribution<double> unit(0.0, 1.0), exponent(-3.0, 3.0);
  std::vector<Panel> x;
  for (int k = 0; k < K; ++k) {
    const int cols = k == 0 ? 1 : N;
    Panel f(T, cols);
    for (int t = 0; t < T; ++t) {
      for (int i = 0; i < cols; ++i) {
        const bool near_previous = t > 0 && unit(rng) < 0.3;  // exercise the series branch of L
        f(t, i) = near_previous ? f(t - 1, i) * (1.0 + 1e-9 * (unit(rng) - 0.5)) : std::pow(10.0, exponent(rng));
        if (cols > 1 && unit(rng) < zero_share) f(t, i) = 0.0;
      }
    }
    x.push_back(f);
  }
  return x;
}

haidian::Decomposition run(const std::vector<Panel>& x, Simd simd, haidian::Method method, haidian::Mode mode,
                           bool chained, haidian::Zeros zeros, int threads = 1) {
  haidian::DecompositionOptions o;
  o.method = method;
  o.mode = mode;
  o.chained = chained;
  o.base = 1;
  o.zeros = zeros;
  o.by_sector = true;
  o.threads = threads;
  o.simd = simd;
  return haidian::decompose(std::vector<haidian::PanelView>(x.begin(), x.end()), o);
}

// |a - b| within `tolerance` of the scale (the aggregate's size): the instruction sets differ only in
// the last bits of their logs.
bool close(double a, double b, double scale, double tolerance) {
  return std::abs(a - b) <= tolerance * scale || (std::isnan(a) && std::isnan(b));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(lmdi_simd)

BOOST_AUTO_TEST_CASE(simd_names_resolve_to_what_the_cpu_has) {
  BOOST_TEST(std::string(haidian::simd_name(Simd::generic)) == "generic");
  const std::string best = haidian::simd_name(Simd::best);
  BOOST_TEST((best == "generic" || best == "avx2" || best == "avx512"));
  // Asking for more than the CPU has gives the best it has; never more.
  BOOST_TEST(std::string(haidian::simd_name(Simd::avx512)) == best);
}

BOOST_AUTO_TEST_CASE(every_instruction_set_gives_the_generic_results) {
  std::mt19937_64 rng(11);
  int compared = 0;
  for (int trial = 0; trial < 24; ++trial) {
    const int N = 1 + (trial * 5) % 27;  // 1..27 sectors: whole vectors and every tail length
    const auto x = mixed_factors(rng, 4, N, 2 + trial % 3, trial % 3 == 0 ? 0.0 : 0.15);
    for (const auto method : {haidian::Method::lmdi1, haidian::Method::lmdi2}) {
      for (const auto mode : {haidian::Mode::additive, haidian::Mode::multiplicative}) {
        for (const auto zeros : {haidian::Zeros::limit, haidian::Zeros::small}) {
          const bool chained = trial % 2 == 0;
          haidian::Decomposition expected;
          try {
            expected = run(x, Simd::generic, method, mode, chained, zeros);
          } catch (const std::exception& e) {  // a zero total under LMDI-II: every set must refuse it alike
            for (const Simd simd : instruction_sets) {
              BOOST_TEST(haidian_test::message_of<std::exception>([&] { run(x, simd, method, mode, chained, zeros); }) ==
                         std::string(e.what()));
            }
            continue;
          }
          for (const Simd simd : instruction_sets) {
            BOOST_TEST_CONTEXT("trial " << trial << ", " << haidian::simd_name(simd)) {
              const auto got = run(x, simd, method, mode, chained, zeros);
              for (Eigen::Index s = 0; s < expected.effects.rows(); ++s) {
                const double scale = std::abs(expected.start_value(s)) + std::abs(expected.end_value(s));
                const bool multiplicative = mode == haidian::Mode::multiplicative;
                BOOST_TEST(close(got.total(s), expected.total(s), multiplicative ? std::abs(expected.total(s)) : scale, 1e-14),
                           "total: " << got.total(s) << " vs " << expected.total(s));
                for (Eigen::Index k = 0; k < expected.effects.cols(); ++k) {
                  const double e = expected.effects(s, k), g = got.effects(s, k);
                  // Multiplicative indices: compare their logs (relative error of the index).
                  BOOST_TEST((multiplicative ? close(std::log(g), std::log(e), 1.0, 1e-12)
                                                                    : close(g, e, scale, 1e-12)),
                             "effect " << k << ": " << g << " vs " << e);
                }
              }
              for (Eigen::Index i = 0; i < expected.by_sector.size(); ++i) {
                const double scale = std::abs(expected.by_sector.data()[i]) + 1e-300;
                BOOST_TEST(close(got.by_sector.data()[i], expected.by_sector.data()[i],
                                 mode == haidian::Mode::multiplicative ? 1.0 : std::max(scale, 1e-3), 1e-11));
              }
              ++compared;
            }
          }
        }
      }
    }
  }
  BOOST_TEST(compared > 400);
}

BOOST_AUTO_TEST_CASE(zero_cells_are_limits_in_every_instruction_set) {
  // One sector enters (0 -> 6) and one exits (4 -> 0) among 19 (two AVX-512 vectors and a tail):
  // the whole change of each goes to the factor that reaches or leaves zero (Ang & Liu 2007).
  Panel activity(2, 1), share(2, 19), intensity(2, 19);
  activity << 1.0, 1.0;
  share.setConstant(0.5);
  intensity.setConstant(2.0);
  share(0, 9) = 0.0;  // enters: V 0 -> 1
  intensity(1, 17) = 0.0;  // exits: V 1 -> 0
  share(1, 9) = 3.0;  // V 6 at the end
  for (const Simd simd : instruction_sets) {
    BOOST_TEST_CONTEXT(haidian::simd_name(simd)) {
      const auto r = run({activity, share, intensity}, simd, haidian::Method::lmdi1, haidian::Mode::additive, true,
                         haidian::Zeros::limit);
      BOOST_TEST(r.by_sector(1, 9) == 6.0);   // share effect of the entering cell: its whole V^T
      BOOST_TEST(r.by_sector(2, 9) == 0.0);
      BOOST_TEST(r.by_sector(2, 17) == -1.0);  // intensity effect of the exiting cell: minus its V^0
      BOOST_TEST(r.by_sector(1, 17) == 0.0);
      BOOST_TEST(r.effects.row(0).sum() == r.total(0), boost::test_tools::tolerance(1e-14));
    }
  }
}

BOOST_AUTO_TEST_CASE(bad_values_are_named_alike_in_every_instruction_set) {
  // A bad value in a tail cell and in a vector cell: every set reports the same first bad value.
  for (const int where : {3, 17}) {
    for (const double bad : {std::nan(""), -1.0, std::numeric_limits<double>::infinity()}) {
      Panel a(3, 19), b(3, 19);
      a.setConstant(1.5);
      b.setConstant(2.0);
      b(2, where) = bad;
      std::string first;
      for (const Simd simd : instruction_sets) {
        const std::string message = haidian_test::message_of<std::exception>(
            [&] { run({a, b}, simd, haidian::Method::lmdi1, haidian::Mode::additive, true, haidian::Zeros::limit); });
        BOOST_TEST(!message.empty());
        if (first.empty()) first = message;
        BOOST_TEST(message == first);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(each_instruction_set_is_bit_identical_for_any_thread_count) {
  std::mt19937_64 rng(3);
  const auto x = mixed_factors(rng, 5, 3000, 3, 0.01);  // several blocks of 512 sectors per step
  for (const Simd simd : instruction_sets) {
    const auto one = run(x, simd, haidian::Method::lmdi1, haidian::Mode::additive, true, haidian::Zeros::limit, 1);
    for (const int threads : {2, 3, 0}) {
      const auto many = run(x, simd, haidian::Method::lmdi1, haidian::Mode::additive, true, haidian::Zeros::limit, threads);
      BOOST_TEST((many.effects == one.effects).all());
      BOOST_TEST((many.by_sector == one.by_sector).all());
    }
  }
}

BOOST_AUTO_TEST_CASE(ratios_beyond_the_double_range_take_the_difference_of_logs) {
  // x^T/x^0 overflows (1e300/1e-300) or underflows: the kernels fall back to ln x^T - ln x^0.
  Panel a(2, 9), b(2, 9);
  a.setConstant(1.0);
  b.setConstant(1.0);
  a(0, 4) = 1e-300;
  a(1, 4) = 1e300;
  a(0, 8) = 1e300;
  a(1, 8) = 1e-300;
  for (const Simd simd : instruction_sets) {
    const auto r = run({a, b}, simd, haidian::Method::lmdi1, haidian::Mode::additive, true, haidian::Zeros::limit);
    BOOST_TEST(std::isfinite(r.effects(0, 0)));
    BOOST_TEST(r.effects(0, 0) == r.total(0), boost::test_tools::tolerance(1e-12));
    BOOST_TEST(r.effects(0, 1) == 0.0);
    BOOST_TEST(r.by_sector(0, 4) == 1e300, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(r.by_sector(0, 8) == -1e300, boost::test_tools::tolerance(1e-12));
  }
}

BOOST_AUTO_TEST_SUITE_END()

#include <haidian/detail/simd_ops.hpp>

#include <cstdint>
#include <cstdlib>  // setenv, unsetenv
#include <cstring>  // memcpy
#include <thread>

namespace {

// Distance from y to the exact value `reference` in units of the spacing of doubles at |reference|.
long double ulp_error(double y, long double reference) {
  const double near = static_cast<double>(reference);
  const double spacing = std::nextafter(std::abs(near), std::numeric_limits<double>::infinity()) - std::abs(near);
  return std::abs(static_cast<long double>(y) - reference) / static_cast<long double>(spacing);
}

// Forgets the process-wide limit, as if nothing had set it yet (tests only: the next use reads
// HAIDIAN_SIMD again).
void forget_simd_limit() { haidian::HAIDIAN_DETAIL_CAT(HAIDIAN_ABI_VERSION, _process)::simd_limit_code.store(-1); }

// The environment variable for one scope, restored to unset (and the limit forgotten) after.
struct ScopedSimdVariable {
  explicit ScopedSimdVariable(const char* value) {
    setenv("HAIDIAN_SIMD", value, 1);
    forget_simd_limit();
  }
  ~ScopedSimdVariable() {
    unsetenv("HAIDIAN_SIMD");
    forget_simd_limit();
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(lmdi_simd_generic_log)

BOOST_AUTO_TEST_CASE(generic_log_is_within_one_ulp_of_the_exact_log) {
  // The generic kernel's own log (no libm) against the 64-bit-mantissa long-double log, whose own
  // error (< 2^-63 relative) is 2^-11 of a double ulp: the error bound of the algorithm (fdlibm,
  // < 1 ulp) must hold everywhere, including near 1 (cancellation), at the sqrt(2) split, at the
  // ends of the normal range and for subnormals.
  static_assert(std::numeric_limits<long double>::digits >= 64, "needs an extended long double reference");
  std::mt19937_64 rng(17);
  std::uniform_real_distribution<double> exponent(-1074.0, 1023.9), near_one(-1e-3, 1e-3), unit(0.5, 2.0);
  std::vector<double> x;
  for (int i = 0; i < 200000; ++i) x.push_back(std::exp2(exponent(rng)));
  for (int i = 0; i < 200000; ++i) x.push_back(1.0 + near_one(rng));
  for (int i = 0; i < 200000; ++i) x.push_back(unit(rng));
  for (double v = 1.4142135623730951; x.size() < 600100; v = std::nextafter(v, 2.0)) x.push_back(v);
  for (const double v : {std::numeric_limits<double>::min(), std::numeric_limits<double>::max(),
                         std::numeric_limits<double>::denorm_min(), 1.0, 2.0, 0.5, 4e-320}) {
    x.push_back(v);
  }
  long double worst = 0;
  double worst_x = 0;
  for (const double v : x) {
    const long double e = ulp_error(haidian::detail::strict_log(v), std::log(static_cast<long double>(v)));
    if (e > worst) {
      worst = e;
      worst_x = v;
    }
  }
  BOOST_TEST_MESSAGE("largest error " << static_cast<double>(worst) << " ulp at " << worst_x);
  BOOST_TEST(worst < 1.0L);
  BOOST_TEST(haidian::detail::strict_log(1.0) == 0.0);
}

BOOST_AUTO_TEST_CASE(generic_log_gives_the_ieee_special_values) {
  const double inf = std::numeric_limits<double>::infinity();
  BOOST_TEST(haidian::detail::strict_log(0.0) == -inf);
  BOOST_TEST(haidian::detail::strict_log(-0.0) == -inf);
  BOOST_TEST(haidian::detail::strict_log(inf) == inf);
  BOOST_TEST(std::isnan(haidian::detail::strict_log(-1.0)));
  BOOST_TEST(std::isnan(haidian::detail::strict_log(-inf)));
  BOOST_TEST(std::isnan(haidian::detail::strict_log(std::nan(""))));
}

BOOST_AUTO_TEST_CASE(generic_log_is_the_vector_algorithm_for_one_double) {
  // The AVX2 kernel's log takes the same steps (one division, no reciprocal estimate); it can differ
  // from the generic one only where the compiler fuses its products into FMAs. Lanes compared with
  // the long-double log rather than with each other: both must meet the 1 ulp bound on the same data.
  std::mt19937_64 rng(23);
  std::uniform_real_distribution<double> exponent(-300.0, 300.0);
  std::vector<double> x(4096);
  for (double& v : x) v = std::exp2(exponent(rng));
  for (const Simd simd : instruction_sets) {
    BOOST_TEST_CONTEXT(haidian::simd_name(simd)) {
      std::vector<double> y = x;
      haidian::detail::log_inplace(y.data(), static_cast<std::ptrdiff_t>(y.size()), simd);
      long double worst = 0;
      for (std::size_t i = 0; i < x.size(); ++i) {
        worst = std::max(worst, ulp_error(y[i], std::log(static_cast<long double>(x[i]))));
      }
      BOOST_TEST(worst < 1.0L);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(lmdi_simd_limit)

BOOST_AUTO_TEST_CASE(set_simd_limits_every_later_call_and_best_lifts_the_limit) {
  ScopedSimdVariable unset("");
  std::mt19937_64 rng(29);
  const auto x = mixed_factors(rng, 3, 21, 3, 0.1);
  const auto generic = run(x, Simd::generic, haidian::Method::lmdi1, haidian::Mode::additive, true,
                           haidian::Zeros::limit);
  const std::string cpu_best = haidian::simd_name();
  haidian::set_simd(Simd::generic);
  BOOST_TEST(std::string(haidian::simd_label(haidian::simd_limit())) == "generic");
  BOOST_TEST(std::string(haidian::simd_name()) == "generic");
  BOOST_TEST(std::string(haidian::simd_name(Simd::avx512)) == "generic");
  const auto limited = run(x, Simd::best, haidian::Method::lmdi1, haidian::Mode::additive, true, haidian::Zeros::limit);
  BOOST_TEST((limited.effects == generic.effects).all());
  BOOST_TEST((limited.by_sector == generic.by_sector).all());
  haidian::set_simd(Simd::best);
  BOOST_TEST(std::string(haidian::simd_label(haidian::simd_limit())) == "best");
  BOOST_TEST(std::string(haidian::simd_name()) == cpu_best);
}

BOOST_AUTO_TEST_CASE(set_simd_refuses_a_value_that_is_no_enumerator) {
  BOOST_TEST(haidian_test::message_of<haidian::invalid_argument>([] { haidian::set_simd(static_cast<Simd>(7)); }) ==
             "set_simd: limit is 7, but must be Simd::best, generic, avx2 or avx512");
}

BOOST_AUTO_TEST_CASE(the_environment_variable_is_read_once_and_set_simd_overrides_it) {
  {
    ScopedSimdVariable variable("generic");
    BOOST_TEST(std::string(haidian::simd_label(haidian::simd_limit())) == "generic");
    setenv("HAIDIAN_SIMD", "best", 1);  // too late: already read
    BOOST_TEST(std::string(haidian::simd_name()) == "generic");
    haidian::set_simd(Simd::best);  // the explicit choice wins
    BOOST_TEST(std::string(haidian::simd_label(haidian::simd_limit())) == "best");
  }
  for (const char* name : {"best", "generic", "avx2", "avx512"}) {
    ScopedSimdVariable variable(name);
    BOOST_TEST(std::string(haidian::simd_label(haidian::simd_limit())) == name);
  }
}

BOOST_AUTO_TEST_CASE(a_misspelt_environment_variable_is_refused_by_name) {
  ScopedSimdVariable variable("AVX2 ");
  const std::string expected =
      "simd_limit: the environment variable HAIDIAN_SIMD is 'AVX2 ', but must be 'best', 'generic', 'avx2' or "
      "'avx512'";
  BOOST_TEST(haidian_test::message_of<haidian::invalid_argument>([] { haidian::simd_limit(); }) == expected);
  // Every use that needs the limit refuses it, not only the first.
  Panel a(2, 3), b(2, 3);
  a.setConstant(1.0);
  b.setConstant(2.0);
  BOOST_TEST(haidian_test::message_of<haidian::invalid_argument>([&] {
               run({a, b}, Simd::best, haidian::Method::lmdi1, haidian::Mode::additive, true, haidian::Zeros::limit);
             }) == expected);
  BOOST_TEST(haidian_test::message_of<haidian::invalid_argument>([] { haidian::simd_name(); }) == expected);
  haidian::set_simd(Simd::generic);  // an explicit choice needs no environment
  BOOST_TEST(std::string(haidian::simd_name()) == "generic");
}

BOOST_AUTO_TEST_CASE(parse_simd_names_the_allowed_values) {
  BOOST_TEST(std::string(haidian::simd_label(haidian::parse_simd("avx512"))) == "avx512");
  BOOST_TEST(haidian_test::message_of<haidian::invalid_argument>([] { haidian::parse_simd("sse"); }) ==
             "parse_simd: name is 'sse', but must be 'best', 'generic', 'avx2' or 'avx512'");
}

BOOST_AUTO_TEST_CASE(concurrent_set_simd_and_first_reads_leave_one_valid_limit) {
  // Threads race the first reading of the environment against set_simd: every read sees a valid
  // limit, and the last set_simd is what remains.
  ScopedSimdVariable variable("avx2");
  std::vector<std::thread> threads;
  std::vector<int> seen(8, -1);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([t, &seen] {
      if (t % 2) haidian::set_simd(Simd::generic);
      seen[static_cast<std::size_t>(t)] = static_cast<int>(haidian::simd_limit());
    });
  }
  for (auto& thread : threads) thread.join();
  for (const int s : seen) BOOST_TEST((s == static_cast<int>(Simd::generic) || s == static_cast<int>(Simd::avx2)));
  BOOST_TEST(std::string(haidian::simd_label(haidian::simd_limit())) == "generic");
}

BOOST_AUTO_TEST_SUITE_END()
