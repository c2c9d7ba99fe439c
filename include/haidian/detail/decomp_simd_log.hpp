/// @file
/// Natural log of a buffer in place, 4 lanes at a time with AVX2+FMA when the CPU has them (runtime dispatch).
///
/// Why: LMDI is bound by its logarithms (one per factor ratio and cell), and the library is built for
/// baseline x86-64 (SSE2), where neither glibc's scalar log nor Eigen's 2-lane plog is fast. The
/// vector path below is the fdlibm algorithm (Sun Microsystems e_log.c, error < 1 ulp) written with
/// GCC/Clang vector extensions in a function compiled for AVX2+FMA, chosen at run time; every other
/// platform and compiler gets std::log. Lanes outside the positive normal doubles (0, subnormal, inf,
/// NaN, negative) are recomputed with std::log, so the results match std::log's special values.
#pragma once

#include <cmath>    // log
#include <cstddef>  // ptrdiff_t
#include <cstring>  // memcpy: loads and stores of the vector type without aliasing concerns

#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__) && !defined(HAIDIAN_NO_SIMD_LOG)
#define HAIDIAN_SIMD_LOG 1
#include <immintrin.h>  // _mm256_movemask_pd, used only inside the AVX2-targeted function
#endif

namespace haidian::detail {

inline void log_inplace_scalar(double* x, std::ptrdiff_t n) noexcept {
  for (std::ptrdiff_t i = 0; i < n; ++i) x[i] = std::log(x[i]);
}

#ifdef HAIDIAN_SIMD_LOG

typedef double simd_v4d __attribute__((vector_size(32)));
typedef long long simd_v4i __attribute__((vector_size(32)));
typedef unsigned long long simd_v4u __attribute__((vector_size(32)));  // logical shifts: AVX2 has no 64-bit arithmetic one

__attribute__((target("avx2,fma"))) inline void log_inplace_avx2(double* x, std::ptrdiff_t n) noexcept {
  // fdlibm e_log.c constants: ln 2 split in two, and the minimax coefficients of
  // R(z) ~ log1p(f) - f + f^2/2 - s(f^2/2 + R) on s = f/(2+f), |s| <= 0.1716.
  const double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10;
  const double Lg1 = 6.666666666666735130e-01, Lg2 = 3.999999999940941908e-01,
               Lg3 = 2.857142874366239149e-01, Lg4 = 2.222219843214978396e-01,
               Lg5 = 1.818357216161805012e-01, Lg6 = 1.531383769920937332e-01,
               Lg7 = 1.479819860511658591e-01;
  const long long mantissa = 0x000fffffffffffffLL, one_bits = 0x3ff0000000000000LL;
  const long long smallest_normal = 0x0010000000000000LL, infinity = 0x7ff0000000000000LL;
  const long long magic_bits = 0x4330000000000000LL;  // 2^52: integer -> double without cvtqq
  const double magic = 4503599627370496.0;
  std::ptrdiff_t i = 0;
  for (; i + 4 <= n; i += 4) {
    simd_v4d v;
    std::memcpy(&v, x + i, sizeof v);
    simd_v4i bits;
    std::memcpy(&bits, &v, sizeof bits);
    const simd_v4i valid = (bits >= smallest_normal) & (bits < infinity);
    simd_v4i exponent = reinterpret_cast<simd_v4i>(reinterpret_cast<simd_v4u>(bits) >> 52) & 0x7ff;
    simd_v4i m_bits = (bits & mantissa) | one_bits;  // m in [1, 2)
    simd_v4d m;
    std::memcpy(&m, &m_bits, sizeof m);
    const simd_v4i big = m > 1.4142135623730951;   // m in [sqrt 2, 2): use m/2, exponent + 1
    const simd_v4d half = m * 0.5;
    simd_v4i half_bits, m2_bits;
    std::memcpy(&half_bits, &half, sizeof half_bits);
    m2_bits = (half_bits & big) | (m_bits & ~big);
    std::memcpy(&m, &m2_bits, sizeof m);
    exponent -= big;  // big is -1 where true
    simd_v4i k_bits = exponent | magic_bits;
    simd_v4d k;
    std::memcpy(&k, &k_bits, sizeof k);
    k = k - (magic + 1023.0);
    const simd_v4d f = m - 1.0;
    const simd_v4d s = f / (2.0 + f);
    const simd_v4d z = s * s;
    const simd_v4d w = z * z;
    const simd_v4d t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
    const simd_v4d t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
    const simd_v4d R = t2 + t1;
    const simd_v4d hfsq = 0.5 * f * f;
    const simd_v4d result = k * ln2_hi - ((hfsq - (s * (hfsq + R) + k * ln2_lo)) - f);
    std::memcpy(x + i, &result, sizeof result);
    // All lanes valid: one movemask of the sign bits, not four lane extractions.
    if (_mm256_movemask_pd(reinterpret_cast<__m256d>(valid)) != 0xf) {
      for (int lane = 0; lane < 4; ++lane) {
        if (!valid[lane]) x[i + lane] = std::log(v[lane]);
      }
    }
  }
  for (; i < n; ++i) x[i] = std::log(x[i]);
}

/// True when the running CPU has AVX2 and FMA (checked once).
inline bool simd_log_available() noexcept {
  static const bool available = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return available;
}

#endif

/// x[i] = ln x[i] for i < n, with std::log's results for 0, subnormals, infinities, NaN and negatives.
inline void log_inplace(double* x, std::ptrdiff_t n) noexcept {
#ifdef HAIDIAN_SIMD_LOG
  if (simd_log_available()) {
    log_inplace_avx2(x, n);
    return;
  }
#endif
  log_inplace_scalar(x, n);
}

}  // namespace haidian::detail
