// Mixed-flags link test: one program from TUs that include haidian with different instruction-set
// flags (baseline x86-64, AVX2+FMA, HAIDIAN_NO_SIMD, and AVX-512 in a second program when the
// compiler has it), linked in the order the build gives (CMake links each program in both orders). Each TU decomposes the
// same panel. Checks: every TU has its own ABI tag and gets its own inline functions (not another
// TU's copy); the HAIDIAN_NO_SIMD TU runs the generic kernel; the generic kernel gives the same bits
// in every TU whatever its flags (no libm, no FMA contraction); every TU's best kernel agrees with
// generic to 1e-13 relative; every TU catches what every other TU throws as haidian::error.
// Exits non-zero on the first failure.
// This file includes no haidian header: it only calls the TUs through mixed_march.hpp.
#include "mixed_march.hpp"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace {

int failures = 0;

void check(bool ok, const std::string& what) {
  if (!ok) {
    ++failures;
    std::printf("FAIL: %s\n", what.c_str());
  }
}

using Entry = int (*)(const double* const*, const std::ptrdiff_t*, int, int, int, int, int, double*, double*,
                      TuReport*);

struct Tu {
  const char* name;
  Entry entry;
  void (*thrower)(int);
  int (*catcher)(void (*)(int), int);
};

struct Panel {
  int periods = 6, sectors = 1003;  // one block of 512 and a second with a tail of every width
  std::vector<std::vector<double>> data;
  std::vector<std::ptrdiff_t> columns;
  std::vector<const double*> pointers;
  int steps() const { return periods - 1; }
  std::size_t by_sector_size() const { return static_cast<std::size_t>(steps()) * columns.size() * static_cast<std::size_t>(sectors); }
};

Panel make_panel() {
  Panel p;
  std::mt19937_64 rng(2024);
  std::uniform_real_distribution<double> magnitude(-3.0, 3.0), unit(0.0, 1.0);
  p.columns = {1, p.sectors, p.sectors, p.sectors};  // an aggregate factor, then three sectoral ones
  for (const std::ptrdiff_t cols : p.columns) {
    std::vector<double> f(static_cast<std::size_t>(p.periods * cols));
    for (std::size_t i = 0; i < f.size(); ++i) {
      // Some cells barely move (the series branch of the weights), the rest across magnitudes.
      const bool near_previous = i >= static_cast<std::size_t>(cols) && unit(rng) < 0.3;
      f[i] = near_previous ? f[i - static_cast<std::size_t>(cols)] * (1.0 + 1e-9 * unit(rng)) : std::pow(10.0, magnitude(rng));
    }
    p.data.push_back(std::move(f));
  }
  for (const auto& f : p.data) p.pointers.push_back(f.data());
  return p;
}

struct Outcome {
  TuReport report{};
  std::vector<double> effects, by_sector;
};

Outcome run(const Tu& tu, const Panel& p, int method, int multiplicative, int simd) {
  Outcome o;
  o.effects.assign(static_cast<std::size_t>(p.steps()) * p.columns.size(), 0.0);
  o.by_sector.assign(p.by_sector_size(), 0.0);
  const int status = tu.entry(p.pointers.data(), p.columns.data(), static_cast<int>(p.columns.size()), p.periods, method,
                              multiplicative, simd, o.effects.data(), o.by_sector.data(), &o.report);
  check(status == 0, std::string(tu.name) + " threw: " + o.report.abi_tag);
  return o;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), sizeof(double) * a.size()) == 0;
}

// Largest |a - b| relative to max(|b|, floor): by-sector values near zero are compared on the
// floor's scale (the effects of a step are sums of many of them).
double worst_relative(const std::vector<double>& a, const std::vector<double>& b, double floor) {
  double worst = 0.0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    worst = std::fmax(worst, std::fabs(a[i] - b[i]) / std::fmax(std::fabs(b[i]), floor));
  }
  return worst;
}

}  // namespace

int main() {
  // A program that links a TU compiled for an instruction set runs only where the CPU has it, even
  // though haidian's code is kept apart: the standard library's and Eigen's inline functions have
  // no ABI tag, and the linker may keep that TU's copy for every TU (seen: std::vector<double>
  // code compiled for AVX-512 called from main). So a CPU without the set skips the whole program.
  __builtin_cpu_init();
  if (!(__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))) {
    std::printf("skipped: this CPU lacks AVX2 or FMA, which a TU of this program is compiled for\n");
    return 77;
  }
#ifdef MIXED_MARCH_WITH_AVX512
  if (!(__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq"))) {
    std::printf("skipped: this CPU lacks AVX-512 F/DQ, which a TU of this program is compiled for\n");
    return 77;
  }
#endif
  const std::vector<Tu> runnable = {
      {"baseline", run_baseline, run_baseline_throw, run_baseline_catch},
      {"nosimd", run_nosimd, run_nosimd_throw, run_nosimd_catch},
      {"avx2", run_avx2, run_avx2_throw, run_avx2_catch},
#ifdef MIXED_MARCH_WITH_AVX512
      {"avx512", run_avx512, run_avx512_throw, run_avx512_catch},
#endif
  };
  const Panel panel = make_panel();

  // Tags, probes and the kernel each TU chooses.
  std::vector<Outcome> generic_lmdi1;
  for (const Tu& tu : runnable) {
    generic_lmdi1.push_back(run(tu, panel, 0, 0, 1));
    const TuReport& r = generic_lmdi1.back().report;
    std::printf("%-8s tag %s, best kernel %s\n", tu.name, r.abi_tag, r.simd_name);
    check(r.probe_is_own == 1, std::string(tu.name) + " ran another TU's copy of a haidian inline function");
    if (std::strcmp(tu.name, "nosimd") == 0) check(std::strcmp(r.simd_name, "generic") == 0, "nosimd TU chose a vector kernel");
    if (std::strcmp(tu.name, "avx2") == 0) check(std::strcmp(r.simd_name, "generic") != 0, "avx2 TU chose the generic kernel");
  }
  for (std::size_t i = 0; i < runnable.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      check(std::strcmp(generic_lmdi1[i].report.abi_tag, generic_lmdi1[j].report.abi_tag) != 0,
            std::string(runnable[i].name) + " and " + runnable[j].name + " share an ABI tag");
    }
  }

  // The generic kernel, additive LMDI-I: the same bits from every TU, whatever its flags.
  for (std::size_t i = 1; i < runnable.size(); ++i) {
    check(same_bits(generic_lmdi1[i].effects, generic_lmdi1[0].effects) &&
              same_bits(generic_lmdi1[i].by_sector, generic_lmdi1[0].by_sector),
          std::string("generic results of ") + runnable[i].name + " differ in some bit from " + runnable[0].name);
  }

  // Every TU's best kernel, every method and mode, against the baseline TU's generic kernel.
  for (int method = 0; method < 2; ++method) {
    for (int multiplicative = 0; multiplicative < 2; ++multiplicative) {
      const Outcome reference = run(runnable[0], panel, method, multiplicative, 1);
      for (const Tu& tu : runnable) {
        const Outcome best = run(tu, panel, method, multiplicative, 0);
        const std::string label = std::string(tu.name) + (method ? " lmdi2" : " lmdi1") + (multiplicative ? " multiplicative" : " additive");
        const double effects_error = worst_relative(best.effects, reference.effects, 1e-300);
        const double by_sector_error = worst_relative(best.by_sector, reference.by_sector, multiplicative ? 1e-3 : 1e-6);
        check(effects_error <= 1e-13, label + ": effects differ by " + std::to_string(effects_error) + " relative");
        check(by_sector_error <= 1e-13, label + ": by-sector values differ by " + std::to_string(by_sector_error));
        const bool generic_bits = same_bits(best.effects, reference.effects) && same_bits(best.by_sector, reference.by_sector);
        if (std::strcmp(tu.name, "nosimd") == 0) {
          check(generic_bits, label + ": the HAIDIAN_NO_SIMD TU did not run the generic kernel");
        } else if (std::strcmp(best.report.simd_name, "generic") != 0) {
          // A vector kernel rounds some of the ~15,000 values differently (FMA, other log steps).
          check(!generic_bits, label + ": the generic kernel ran although this TU chose " + best.report.simd_name);
        }
      }
    }
  }
  // Every TU catches, as haidian::error with the right code, what every other TU throws: the
  // exception types carry the library version only, not the instruction-set tag.
  for (const Tu& catcher : runnable) {
    for (const Tu& thrower : runnable) {
      for (int kind = 0; kind < 4; ++kind) {
        const int caught = catcher.catcher(thrower.thrower, kind);
        check(caught == kind + 1, std::string(catcher.name) + " did not catch " + thrower.name +
                                      "'s exception of kind " + std::to_string(kind) + " as haidian::error (got " +
                                      std::to_string(caught) + ")");
      }
    }
  }
  std::printf(failures ? "%d failure(s)\n" : "all checks passed (%d failures)\n", failures);
  return failures ? 1 : 0;
}
