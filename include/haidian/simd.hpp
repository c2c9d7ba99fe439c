/// @file
/// Which vector instruction set the LMDI kernels use, chosen at run time.
///
/// The library is compiled for baseline x86-64; the LMDI kernels also exist compiled for AVX2+FMA and
/// for AVX-512, and the best one the CPU supports runs. Different instruction sets round the last
/// bits of a log differently, so results agree to ~1e-15 relative across machines, and bit for bit on
/// one machine whatever the number of threads. To reproduce results bit for bit on another machine,
/// cap the instruction set: per call with DecompositionOptions::simd, or for the whole process with
/// the environment variable HAIDIAN_SIMD=generic|avx2|avx512 (read once).
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <cstdlib>  // getenv
#include <cstring>  // strcmp

HAIDIAN_NAMESPACE_BEGIN

/// Instruction set of the LMDI kernels. `best` = the best the CPU has (capped by HAIDIAN_SIMD).
/// Asking for one the CPU lacks gives the best one below it.
enum class Simd { best, generic, avx2, avx512 };

namespace detail {

#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__) && !defined(HAIDIAN_NO_SIMD)
#define HAIDIAN_X86_SIMD 1
#endif

/// Rank of an instruction set (generic < avx2 < avx512); best ranks above all.
constexpr int simd_rank(Simd s) noexcept {
  return s == Simd::generic ? 0 : s == Simd::avx2 ? 1 : s == Simd::avx512 ? 2 : 3;
}

/// The best instruction set of this CPU, capped by HAIDIAN_SIMD (checked once).
inline Simd cpu_simd() noexcept {
  static const Simd level = [] {
    Simd found = Simd::generic;
#ifdef HAIDIAN_X86_SIMD
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) found = Simd::avx2;
    if (found == Simd::avx2 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")) {
      found = Simd::avx512;
    }
#endif
    const char* cap = std::getenv("HAIDIAN_SIMD");
    Simd wanted = Simd::best;
    if (cap != nullptr) {
      if (std::strcmp(cap, "generic") == 0) wanted = Simd::generic;
      if (std::strcmp(cap, "avx2") == 0) wanted = Simd::avx2;
      if (std::strcmp(cap, "avx512") == 0) wanted = Simd::avx512;
    }
    return simd_rank(wanted) < simd_rank(found) ? wanted : found;
  }();
  return level;
}

/// The instruction set a kernel runs with when `requested` is asked for.
inline Simd resolve_simd(Simd requested) noexcept {
  const Simd available = cpu_simd();
  return simd_rank(requested) < simd_rank(available) ? requested : available;
}

}  // namespace detail

/// Name of the instruction set the kernels use for `requested`: "generic", "avx2" or "avx512".
inline const char* simd_name(Simd requested = Simd::best) noexcept {
  const Simd s = detail::resolve_simd(requested);
  return s == Simd::avx512 ? "avx512" : s == Simd::avx2 ? "avx2" : "generic";
}

HAIDIAN_NAMESPACE_END
