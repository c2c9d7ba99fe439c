/// @file
/// Which vector instruction set the LMDI kernels use, chosen at run time, and how to limit it.
///
/// The LMDI kernels exist compiled for baseline x86-64 (`generic`), for AVX2+FMA and for AVX-512
/// F+DQ, whatever the flags of the including translation unit; the best one the CPU supports runs,
/// limited by
///   - the process-wide limit: set_simd(), or else the environment variable
///     HAIDIAN_SIMD=best|generic|avx2|avx512 (read at the first use while set_simd has not been
///     called; an unknown value throws invalid_argument then, and at every use until fixed);
///   - per call, DecompositionOptions::simd.
/// The lowest of the CPU's best, the process limit and the per-call choice runs.
///
/// Reproducibility (docs/cpp/embedding.md states it in full): `generic` uses no libm function and
/// rounds every operation of the kernel on its own (no FMA contraction), so additive LMDI-I results
/// are bit-identical on every x86-64 CPU; the vector sets agree with it to ~1e-15 relative and are
/// bit-identical on one machine whatever the number of threads.
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END, HAIDIAN_PROCESS_NAMESPACE_BEGIN/END

#include <atomic>
#include <cstdlib>  // getenv
#include <string>
#include <string_view>

#include <haidian/errors.hpp>  // fail, invalid_argument

#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__) && !defined(HAIDIAN_NO_SIMD)
#define HAIDIAN_X86_SIMD 1
#endif

HAIDIAN_PROCESS_NAMESPACE_BEGIN
/// The process-wide limit as the value of a Simd enumerator, or -1 until set_simd or the first
/// reading of HAIDIAN_SIMD decides it. Outside the ABI tag on purpose: TUs compiled with different
/// flags have different kernels but one limit. (Constant-initialised, so no start-up order issue.)
inline std::atomic<int> simd_limit_code{-1};
HAIDIAN_PROCESS_NAMESPACE_END

HAIDIAN_NAMESPACE_BEGIN

/// Instruction set of the LMDI kernels. `best`: no limit (the best the CPU has). Asking for one the
/// CPU lacks gives the best one below it. (The values are shared between TUs: do not reorder.)
enum class Simd { best = 0, generic = 1, avx2 = 2, avx512 = 3 };

/// Name of an instruction set: "best", "generic", "avx2" or "avx512".
constexpr const char* simd_label(Simd s) noexcept {
  return s == Simd::generic ? "generic" : s == Simd::avx2 ? "avx2" : s == Simd::avx512 ? "avx512" : "best";
}

/// Parses "best" / "generic" / "avx2" / "avx512"; `function` and `argument` name the source in the
/// message. @throws invalid_argument naming the value and the allowed ones
inline Simd parse_simd(std::string_view name, std::string_view function = "parse_simd",
                       std::string_view argument = "name") {
  for (const Simd s : {Simd::best, Simd::generic, Simd::avx2, Simd::avx512}) {
    if (name == simd_label(s)) return s;
  }
  fail(function, std::string(argument) + " is '" + std::string(name) +
                     "', but must be 'best', 'generic', 'avx2' or 'avx512'");
}

namespace detail {

/// Rank of an instruction set (generic < avx2 < avx512); best ranks above all.
constexpr int simd_rank(Simd s) noexcept {
  return s == Simd::generic ? 0 : s == Simd::avx2 ? 1 : s == Simd::avx512 ? 2 : 3;
}

constexpr Simd lower_simd(Simd a, Simd b) noexcept { return simd_rank(a) < simd_rank(b) ? a : b; }

constexpr bool is_simd_value(int code) noexcept { return code >= 0 && code <= 3; }

/// The best instruction set this CPU has (cpuid; the same answer in every TU).
inline Simd cpu_simd() noexcept {
#ifdef HAIDIAN_X86_SIMD
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") ? Simd::avx512 : Simd::avx2;
  }
#endif
  return Simd::generic;
}

/// HAIDIAN_SIMD, parsed; best when unset or empty. @throws invalid_argument for any other value.
inline Simd simd_from_environment() {
  const char* value = std::getenv("HAIDIAN_SIMD");
  if (value == nullptr || *value == '\0') return Simd::best;
  return parse_simd(value, "simd_limit", "the environment variable HAIDIAN_SIMD");
}

}  // namespace detail

/// The process-wide limit: the last set_simd(), or else HAIDIAN_SIMD (read now if not yet read).
/// Thread-safe. @throws invalid_argument when HAIDIAN_SIMD decides it and has an unknown value
inline Simd simd_limit() {
  auto& code = HAIDIAN_DETAIL_CAT(HAIDIAN_ABI_VERSION, _process)::simd_limit_code;
  int current = code.load(std::memory_order_acquire);
  if (current < 0) {
    const int from_environment = static_cast<int>(detail::simd_from_environment());
    // A concurrent set_simd wins: it is the explicit choice.
    if (code.compare_exchange_strong(current, from_environment, std::memory_order_acq_rel)) {
      current = from_environment;
    }
  }
  return static_cast<Simd>(current);
}

/// Sets the process-wide limit for every later decomposition in every TU (Simd::best: none),
/// overriding HAIDIAN_SIMD. Thread-safe; calls already running keep the kernel they started with.
/// @throws invalid_argument when `limit` is not one of the enumerators
inline void set_simd(Simd limit) {
  const int value = static_cast<int>(limit);
  if (!detail::is_simd_value(value)) {
    fail("set_simd", "limit is " + std::to_string(value) + ", but must be Simd::best, generic, avx2 or avx512");
  }
  HAIDIAN_DETAIL_CAT(HAIDIAN_ABI_VERSION, _process)::simd_limit_code.store(value, std::memory_order_release);
}

namespace detail {

/// The instruction set a kernel runs with when `requested` is asked for: the lowest of the CPU's
/// best, the process limit and `requested`; never best. @throws as simd_limit
inline Simd resolve_simd(Simd requested) {
  return lower_simd(lower_simd(requested, simd_limit()), cpu_simd());
}

}  // namespace detail

/// Name of the instruction set the kernels use for `requested`: "generic", "avx2" or "avx512".
/// @throws as simd_limit
inline const char* simd_name(Simd requested = Simd::best) { return simd_label(detail::resolve_simd(requested)); }

HAIDIAN_NAMESPACE_END
