// The interface between the translation units of the mixed-flags link test: plain C types only, so
// that no haidian (or Eigen) type crosses from a TU compiled with one set of flags to another.
#pragma once

#include <cstddef>

/// What one TU reports for one decomposition of the shared panel.
struct TuReport {
  char abi_tag[160];        // HAIDIAN_ABI_TAG_NAME as this TU sees it
  char simd_name[16];       // haidian::simd_name() called from this TU
  int probe_is_own;         // 1 if the haidian-namespace probe returned this TU's own flags
};

/// The shared panel: `factors` K row-major panels of `periods` rows; factor k has columns[k] columns
/// (1 = an aggregate factor). method: 0 lmdi1, 1 lmdi2; multiplicative: 0/1; simd: 0 best, 1 generic.
/// Writes effects (steps x K) and by_sector ((steps*K) x sectors), fills `report`; returns 0, or 1
/// with the exception text in report->abi_tag when decompose threw.
#define MIXED_MARCH_ENTRY(name)                                                                            \
  extern "C" int name(const double* const* factors, const std::ptrdiff_t* columns, int factor_count,        \
                      int periods, int method, int multiplicative, int simd, double* effects, double* by_sector, \
                      TuReport* report)

MIXED_MARCH_ENTRY(run_baseline);
MIXED_MARCH_ENTRY(run_avx2);
MIXED_MARCH_ENTRY(run_nosimd);
MIXED_MARCH_ENTRY(run_avx512);

/// Exceptions across TUs: run_<tu>_throw throws the haidian exception of `kind` (0 invalid_argument,
/// 1 domain_error, 2 unit_error, 3 type_error) from that TU; run_<tu>_catch calls another TU's
/// thrower and returns code() + 1 when it caught a haidian::error, -1 for anything else.
#define MIXED_MARCH_EXCEPTION_ENTRIES(tu) \
  void tu##_throw(int kind);              \
  int tu##_catch(void (*thrower)(int), int kind)

MIXED_MARCH_EXCEPTION_ENTRIES(run_baseline);
MIXED_MARCH_EXCEPTION_ENTRIES(run_avx2);
MIXED_MARCH_EXCEPTION_ENTRIES(run_nosimd);
MIXED_MARCH_EXCEPTION_ENTRIES(run_avx512);
