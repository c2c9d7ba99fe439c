/// @file
/// Lane operations the LMDI kernel is written in, for one double (ScalarOps: the generic build and
/// every kernel's tail), four (Avx2Ops) and eight (Avx512Ops) lanes.
///
/// Why this shape: the kernel (decomp_lmdi_kernel.inl) is one body of code, included once per
/// instruction set inside a region compiled for that set (HAIDIAN_TARGET_*_BEGIN/END) and chosen at
/// run time (simd.hpp); the library itself stays baseline x86-64. GCC refuses to inline functions
/// compiled for AVX into code that is not, so the per-set code must live inside such a region; a
/// template instantiated from outside would not do. The logs are the fdlibm algorithm (Sun
/// Microsystems e_log.c, error < 1 ulp) in vector form; lanes outside the positive normal doubles go
/// through strict_log, the same algorithm for one double (with subnormals and IEEE special values).
/// No libm function is used, so the generic kernel's results do not depend on the C library.
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <cmath>    // fabs
#include <cstddef>  // ptrdiff_t
#include <cstdint>  // uint64_t, int64_t
#include <cstring>  // memcpy
#include <limits>   // infinity, quiet_NaN

#include <haidian/simd.hpp>  // HAIDIAN_X86_SIMD

#ifdef HAIDIAN_X86_SIMD
#include <immintrin.h>
#if defined(__clang__)
#define HAIDIAN_TARGET_AVX2_BEGIN \
  _Pragma("clang attribute push(__attribute__((target(\"avx2,fma\"))), apply_to = function)")
#define HAIDIAN_TARGET_AVX512_BEGIN \
  _Pragma("clang attribute push(__attribute__((target(\"avx512f,avx512dq,avx2,fma\"))), apply_to = function)")
#define HAIDIAN_TARGET_END _Pragma("clang attribute pop")
#else
#define HAIDIAN_TARGET_AVX2_BEGIN _Pragma("GCC push_options") _Pragma("GCC target(\"avx2,fma\")")
#define HAIDIAN_TARGET_AVX512_BEGIN _Pragma("GCC push_options") _Pragma("GCC target(\"avx512f,avx512dq,avx2,fma\")")
#define HAIDIAN_TARGET_END _Pragma("GCC pop_options")
#endif
#endif

#if defined(__GNUC__) || defined(__clang__)
#define HAIDIAN_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define HAIDIAN_ALWAYS_INLINE inline
#endif

HAIDIAN_NAMESPACE_BEGIN
namespace detail {

constexpr double simd_largest = 1.7976931348623157e308;  // DBL_MAX
constexpr double simd_smallest_normal = 2.2250738585072014e-308;  // DBL_MIN

/// fdlibm e_log.c: ln 2 split in two, and the minimax coefficients of
/// R(z) ~ log1p(f) - f + f^2/2 - s(f^2/2 + R) on s = f/(2+f), |s| <= 0.1716.
struct FdlibmLog {
  static constexpr double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10;
  static constexpr double Lg1 = 6.666666666666735130e-01, Lg2 = 3.999999999940941908e-01,
                          Lg3 = 2.857142874366239149e-01, Lg4 = 2.222219843214978396e-01,
                          Lg5 = 1.818357216161805012e-01, Lg6 = 1.531383769920937332e-01,
                          Lg7 = 1.479819860511658591e-01;
  /// ln x = k ln 2 + log1p(f), m = 1 + f in [sqrt(2)/2, sqrt(2)), given s = f/(2 + f). V: double or
  /// a vector of doubles.
  /// (Arguments by reference: by value, GCC warns that vector arguments change the ABI outside
  /// code compiled for AVX.)
  template <class V>
  HAIDIAN_ALWAYS_INLINE static void finish(const V& k, const V& f, const V& s, V& log) noexcept {
    const V z = s * s;
    const V w = z * z;
    const V t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
    const V t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
    const V R = t2 + t1;
    const V hfsq = 0.5 * f * f;
    log = k * ln2_hi - ((hfsq - (s * (hfsq + R) + k * ln2_lo)) - f);
  }
};

/// A double whose products are rounded on their own. Each product passes through an empty asm
/// statement the optimiser cannot see into, so it cannot be fused with a following sum into an FMA
/// (GCC's default -ffp-contract=fast, and Clang's =on within an expression, do that when the TU
/// targets FMA, e.g. -march=native), which would change the rounding. The generic kernel and the
/// scalar log compute in Strict, so their results do not depend on the flags they are compiled with.
struct Strict {
  double x;
  constexpr Strict(double value = 0.0) noexcept : x(value) {}  // implicit: mixes with double constants
};

HAIDIAN_ALWAYS_INLINE double rounded_alone(double x) noexcept {
#if (defined(__GNUC__) || defined(__clang__)) && (defined(__x86_64__) || defined(__i386__))
  __asm__("" : "+x"(x));  // x is in an SSE register, and the compiler no longer knows how it was made
#elif (defined(__GNUC__) || defined(__clang__)) && defined(__aarch64__)
  __asm__("" : "+w"(x));
#elif defined(__GNUC__) || defined(__clang__)
  __asm__("" : "+m"(x));
#endif
  return x;
}

HAIDIAN_ALWAYS_INLINE Strict operator*(Strict a, Strict b) noexcept { return rounded_alone(a.x * b.x); }
HAIDIAN_ALWAYS_INLINE Strict operator/(Strict a, Strict b) noexcept { return a.x / b.x; }
HAIDIAN_ALWAYS_INLINE Strict operator+(Strict a, Strict b) noexcept { return a.x + b.x; }
HAIDIAN_ALWAYS_INLINE Strict operator-(Strict a, Strict b) noexcept { return a.x - b.x; }

/// ln x for a positive normal x, times 2^-extra_exponent (the caller scaled a subnormal up): the
/// vector kernels' algorithm (fdlibm) for one double, in Strict arithmetic, without libm. The
/// same operations as Avx2Ops::log_positive, so the two agree bit for bit where AVX2 does not fuse.
HAIDIAN_ALWAYS_INLINE Strict strict_log_positive(double x, int extra_exponent = 0) noexcept {
  std::uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  std::int64_t exponent = static_cast<std::int64_t>(bits >> 52) - 1023 - extra_exponent;  // sign bit is 0
  bits = (bits & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL;
  double m;  // [1, 2)
  std::memcpy(&m, &bits, sizeof m);
  if (m > 1.4142135623730951) {  // use m/2 (exact), exponent + 1
    m *= 0.5;
    ++exponent;
  }
  const Strict k = static_cast<double>(exponent);
  const Strict f = Strict(m) - 1.0;
  const Strict s = f / (f + 2.0);
  Strict log;
  FdlibmLog::finish(k, f, s, log);
  return log;
}

/// ln x for any double, without libm: strict_log_positive for positive normal and subnormal x (the
/// latter scaled by 2^54, exactly), and the IEEE special values: NaN for NaN and x < 0, -inf for
/// +-0, +inf for +inf.
inline double strict_log(double x) noexcept {
  if (x >= simd_smallest_normal && x <= simd_largest) return strict_log_positive(x).x;
  if (x > simd_largest) return x;  // +inf
  if (x > 0.0) return strict_log_positive(x * 18014398509481984.0, 54).x;  // subnormal: x 2^54
  if (x == 0.0) return -std::numeric_limits<double>::infinity();
  return std::numeric_limits<double>::quiet_NaN();  // negative or NaN
}

/// ln(x1/x0) where the ratio is not a positive normal double (x1/x0 overflowed or underflowed):
/// the difference of the logs; 0 (a placeholder) where either value is zero, negative or not finite,
/// which the kernel never uses (such a cell is a limit cell or invalid input).
inline double log_ratio_of_extremes(double x1, double x0) noexcept {
  const bool usable = x0 > 0.0 && x1 > 0.0 && x0 <= simd_largest && x1 <= simd_largest;
  return usable ? strict_log(x1) - strict_log(x0) : 0.0;
}

/// ln(x1/x0) for one pair, without libm: the kernels' per-cell log ratio (and their per-step ones).
inline double strict_log_ratio(double x1, double x0) noexcept {
  const double r = x1 / x0;
  return (r >= simd_smallest_normal && r <= simd_largest) ? strict_log_positive(r).x : log_ratio_of_extremes(x1, x0);
}

/// One lane: plain C++ in Strict arithmetic (the generic kernel, and every kernel's tail).
struct ScalarOps {
  using V = Strict;
  using M = bool;
  static constexpr int W = 1;
  HAIDIAN_ALWAYS_INLINE static V load(const double* p) noexcept { return *p; }
  HAIDIAN_ALWAYS_INLINE static void store(double* p, V v) noexcept { *p = v.x; }
  HAIDIAN_ALWAYS_INLINE static V set(double x) noexcept { return x; }
  HAIDIAN_ALWAYS_INLINE static M eq(V a, V b) noexcept { return a.x == b.x; }
  HAIDIAN_ALWAYS_INLINE static M lt(V a, V b) noexcept { return a.x < b.x; }
  HAIDIAN_ALWAYS_INLINE static M gt(V a, V b) noexcept { return a.x > b.x; }
  /// Not in [0, DBL_MAX]: negative, infinite or NaN.
  HAIDIAN_ALWAYS_INLINE static M invalid(V v) noexcept { return !(v.x >= 0.0 && v.x <= simd_largest); }
  HAIDIAN_ALWAYS_INLINE static M either(M a, M b) noexcept { return a || b; }
  HAIDIAN_ALWAYS_INLINE static bool any(M m) noexcept { return m; }
  HAIDIAN_ALWAYS_INLINE static V select(M m, V a, V b) noexcept { return m ? a : b; }
  HAIDIAN_ALWAYS_INLINE static V abs(V v) noexcept { return std::fabs(v.x); }
  HAIDIAN_ALWAYS_INLINE static V min(V a, V b) noexcept { return a.x < b.x ? a : b; }
  HAIDIAN_ALWAYS_INLINE static V max(V a, V b) noexcept { return a.x > b.x ? a : b; }
  HAIDIAN_ALWAYS_INLINE static V div(V a, V b) noexcept { return a / b; }
  HAIDIAN_ALWAYS_INLINE static V log_ratio(V x1, V x0) noexcept { return strict_log_ratio(x1.x, x0.x); }
  /// The same for plain doubles (the per-step logs outside the cell loop).
  HAIDIAN_ALWAYS_INLINE static double log_ratio(double x1, double x0) noexcept { return strict_log_ratio(x1, x0); }
  HAIDIAN_ALWAYS_INLINE static double sum(V v) noexcept { return v.x; }
};

/// The lanes of a vector log_ratio whose bit in `normal` is clear (the ratio was not a positive
/// normal double), recomputed one at a time; `out` holds the vector result.
template <int W>
inline void fix_log_ratio_lanes(const double* x1, const double* x0, double* out, unsigned normal) noexcept {
  for (int lane = 0; lane < W; ++lane) {
    if (!((normal >> lane) & 1u)) out[lane] = strict_log_ratio(x1[lane], x0[lane]);
  }
}

}  // namespace detail
HAIDIAN_NAMESPACE_END

#ifdef HAIDIAN_X86_SIMD

HAIDIAN_TARGET_AVX2_BEGIN
HAIDIAN_NAMESPACE_BEGIN
namespace detail {

/// Four lanes, AVX2 + FMA.
struct Avx2Ops {
  using V = __m256d;
  using M = __m256d;  // all-ones lanes
  static constexpr int W = 4;
  HAIDIAN_ALWAYS_INLINE static V load(const double* p) noexcept { return _mm256_loadu_pd(p); }
  HAIDIAN_ALWAYS_INLINE static void store(double* p, V v) noexcept { _mm256_storeu_pd(p, v); }
  HAIDIAN_ALWAYS_INLINE static V set(double x) noexcept { return _mm256_set1_pd(x); }
  HAIDIAN_ALWAYS_INLINE static M eq(V a, V b) noexcept { return _mm256_cmp_pd(a, b, _CMP_EQ_OQ); }
  HAIDIAN_ALWAYS_INLINE static M lt(V a, V b) noexcept { return _mm256_cmp_pd(a, b, _CMP_LT_OQ); }
  HAIDIAN_ALWAYS_INLINE static M gt(V a, V b) noexcept { return _mm256_cmp_pd(a, b, _CMP_GT_OQ); }
  HAIDIAN_ALWAYS_INLINE static M invalid(V x) noexcept {
    return _mm256_or_pd(_mm256_cmp_pd(x, _mm256_setzero_pd(), _CMP_NGE_UQ),
                        _mm256_cmp_pd(x, set(simd_largest), _CMP_NLE_UQ));
  }
  HAIDIAN_ALWAYS_INLINE static M either(M a, M b) noexcept { return _mm256_or_pd(a, b); }
  HAIDIAN_ALWAYS_INLINE static bool any(M m) noexcept { return _mm256_movemask_pd(m) != 0; }
  HAIDIAN_ALWAYS_INLINE static V select(M m, V a, V b) noexcept { return _mm256_blendv_pd(b, a, m); }
  HAIDIAN_ALWAYS_INLINE static V abs(V x) noexcept { return _mm256_andnot_pd(set(-0.0), x); }
  HAIDIAN_ALWAYS_INLINE static V min(V a, V b) noexcept { return _mm256_min_pd(a, b); }
  HAIDIAN_ALWAYS_INLINE static V max(V a, V b) noexcept { return _mm256_max_pd(a, b); }
  HAIDIAN_ALWAYS_INLINE static V div(V a, V b) noexcept { return _mm256_div_pd(a, b); }

  /// ln x for positive normal x (other lanes: garbage, see log_ratio).
  HAIDIAN_ALWAYS_INLINE static V log_positive(V x) noexcept {
    const __m256i bits = _mm256_castpd_si256(x);
    const __m256i mantissa = _mm256_set1_epi64x(0x000fffffffffffffLL);
    const __m256i one_bits = _mm256_set1_epi64x(0x3ff0000000000000LL);
    __m256i exponent = _mm256_and_si256(_mm256_srli_epi64(bits, 52), _mm256_set1_epi64x(0x7ff));
    V m = _mm256_castsi256_pd(_mm256_or_si256(_mm256_and_si256(bits, mantissa), one_bits));  // [1, 2)
    const V big = _mm256_cmp_pd(m, set(1.4142135623730951), _CMP_GT_OQ);  // use m/2, exponent + 1
    m = _mm256_blendv_pd(m, _mm256_mul_pd(m, set(0.5)), big);
    exponent = _mm256_sub_epi64(exponent, _mm256_castpd_si256(big));  // big lanes are -1
    // Integer -> double without AVX-512's cvtqq: or the exponent into the mantissa of 2^52.
    const V k = _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(exponent, _mm256_set1_epi64x(0x4330000000000000LL))),
                              set(4503599627370496.0 + 1023.0));
    const V f = _mm256_sub_pd(m, set(1.0));
    const V s = _mm256_div_pd(f, _mm256_add_pd(f, set(2.0)));
    V log;
    FdlibmLog::finish(k, f, s, log);
    return log;
  }

  HAIDIAN_ALWAYS_INLINE static V log_ratio(V x1, V x0) noexcept {
    const V r = div(x1, x0);
    V y = log_positive(r);
    const M normal = _mm256_and_pd(_mm256_cmp_pd(r, set(simd_smallest_normal), _CMP_GE_OQ),
                                   _mm256_cmp_pd(r, set(simd_largest), _CMP_LE_OQ));
    if (_mm256_movemask_pd(normal) != 0xf) {
      alignas(32) double a[4], b[4], out[4];
      _mm256_store_pd(a, x1);
      _mm256_store_pd(b, x0);
      _mm256_store_pd(out, y);
      fix_log_ratio_lanes<4>(a, b, out, static_cast<unsigned>(_mm256_movemask_pd(normal)));
      y = _mm256_load_pd(out);
    }
    return y;
  }

  /// Lanes summed in a fixed order: (v0 + v1) + (v2 + v3).
  HAIDIAN_ALWAYS_INLINE static double sum(V v) noexcept {
    alignas(32) double x[4];
    _mm256_store_pd(x, v);
    return (x[0] + x[1]) + (x[2] + x[3]);
  }
};

/// x[i] = ln x[i] for i < n, four at a time (strict_log for non-normal lanes and the tail).
inline void log_inplace_avx2(double* x, std::ptrdiff_t n) noexcept {
  std::ptrdiff_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m256d v = _mm256_loadu_pd(x + i);
    _mm256_storeu_pd(x + i, Avx2Ops::log_positive(v));
    const __m256d normal = _mm256_and_pd(_mm256_cmp_pd(v, _mm256_set1_pd(simd_smallest_normal), _CMP_GE_OQ),
                                         _mm256_cmp_pd(v, _mm256_set1_pd(simd_largest), _CMP_LE_OQ));
    const int ok = _mm256_movemask_pd(normal);
    for (int lane = 0; lane < 4; ++lane) {
      if (!((ok >> lane) & 1)) x[i + lane] = strict_log(v[lane]);
    }
  }
  for (; i < n; ++i) x[i] = strict_log(x[i]);
}

}  // namespace detail
HAIDIAN_NAMESPACE_END
HAIDIAN_TARGET_END

HAIDIAN_TARGET_AVX512_BEGIN
HAIDIAN_NAMESPACE_BEGIN
namespace detail {

/// Eight lanes, AVX-512 F + DQ. The division inside the log uses the 14-bit reciprocal estimate and
/// two Newton steps (fewer cycles of the divider); the ratios and weights divide (measured: Newton
/// steps there cost more vector-port time than the divider saves).
struct Avx512Ops {
  using V = __m512d;
  using M = __mmask8;
  static constexpr int W = 8;
  HAIDIAN_ALWAYS_INLINE static V load(const double* p) noexcept { return _mm512_loadu_pd(p); }
  HAIDIAN_ALWAYS_INLINE static void store(double* p, V v) noexcept { _mm512_storeu_pd(p, v); }
  HAIDIAN_ALWAYS_INLINE static V set(double x) noexcept { return _mm512_set1_pd(x); }
  HAIDIAN_ALWAYS_INLINE static M eq(V a, V b) noexcept { return _mm512_cmp_pd_mask(a, b, _CMP_EQ_OQ); }
  HAIDIAN_ALWAYS_INLINE static M lt(V a, V b) noexcept { return _mm512_cmp_pd_mask(a, b, _CMP_LT_OQ); }
  HAIDIAN_ALWAYS_INLINE static M gt(V a, V b) noexcept { return _mm512_cmp_pd_mask(a, b, _CMP_GT_OQ); }
  /// One fpclass: NaN (0x01, 0x80), +-infinity (0x08, 0x10), negative (0x40); -0 counts as 0.
  HAIDIAN_ALWAYS_INLINE static M invalid(V x) noexcept { return _mm512_fpclass_pd_mask(x, 0xd9); }
  HAIDIAN_ALWAYS_INLINE static M either(M a, M b) noexcept { return static_cast<M>(a | b); }
  HAIDIAN_ALWAYS_INLINE static bool any(M m) noexcept { return m != 0; }
  HAIDIAN_ALWAYS_INLINE static V select(M m, V a, V b) noexcept { return _mm512_mask_blend_pd(m, b, a); }
  HAIDIAN_ALWAYS_INLINE static V abs(V x) noexcept { return _mm512_abs_pd(x); }
  // (The maskz forms here and in log_positive keep GCC 12's -Wmaybe-uninitialized quiet.)
  HAIDIAN_ALWAYS_INLINE static V min(V a, V b) noexcept { return _mm512_maskz_min_pd(0xff, a, b); }
  HAIDIAN_ALWAYS_INLINE static V max(V a, V b) noexcept { return _mm512_maskz_max_pd(0xff, a, b); }
  HAIDIAN_ALWAYS_INLINE static V div(V a, V b) noexcept { return _mm512_div_pd(a, b); }

  /// 1/t for t in [1.7, 2.5]: the 14-bit estimate, then two Newton steps (2^-28, then ~2^-53).
  HAIDIAN_ALWAYS_INLINE static V reciprocal_near_two(V t) noexcept {
    const V one = set(1.0);
    V r = _mm512_maskz_rcp14_pd(0xff, t);
    r = _mm512_fmadd_pd(r, _mm512_fnmadd_pd(t, r, one), r);
    return _mm512_fmadd_pd(r, _mm512_fnmadd_pd(t, r, one), r);
  }

  /// ln x for positive normal x (other lanes: garbage, see log_ratio).
  HAIDIAN_ALWAYS_INLINE static V log_positive(V x) noexcept {
    const V one = set(1.0);
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wsign-conversion"  // GCC's unoptimised getmant/getexp macros pass the mask as char
#endif
    V m = _mm512_maskz_getmant_pd(0xff, x, _MM_MANT_NORM_1_2, _MM_MANT_SIGN_zero);  // [1, 2)
    V k = _mm512_maskz_getexp_pd(0xff, x);                                      // floor(log2 x)
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
    const M big = _mm512_cmp_pd_mask(m, set(1.4142135623730951), _CMP_GT_OQ);  // use m/2, k + 1
    m = _mm512_mask_mul_pd(m, big, m, set(0.5));
    k = _mm512_mask_add_pd(k, big, k, one);
    const V f = _mm512_sub_pd(m, one);
    const V s = _mm512_mul_pd(f, reciprocal_near_two(_mm512_add_pd(f, set(2.0))));
    V log;
    FdlibmLog::finish(k, f, s, log);
    return log;
  }

  HAIDIAN_ALWAYS_INLINE static V log_ratio(V x1, V x0) noexcept {
    const V r = div(x1, x0);
    V y = log_positive(r);
    // Not positive normal: NaN, +-0, +-infinity, subnormal or negative (every class but normal positive).
    const M normal = static_cast<M>(~_mm512_fpclass_pd_mask(r, 0xff));
    if (normal != 0xff) {
      alignas(64) double a[8], b[8], out[8];
      _mm512_store_pd(a, x1);
      _mm512_store_pd(b, x0);
      _mm512_store_pd(out, y);
      fix_log_ratio_lanes<8>(a, b, out, normal);
      y = _mm512_load_pd(out);
    }
    return y;
  }

  /// Lanes summed in a fixed order: ((v0 + v1) + (v2 + v3)) + ((v4 + v5) + (v6 + v7)).
  HAIDIAN_ALWAYS_INLINE static double sum(V v) noexcept {
    alignas(64) double x[8];
    _mm512_store_pd(x, v);
    return ((x[0] + x[1]) + (x[2] + x[3])) + ((x[4] + x[5]) + (x[6] + x[7]));
  }
};

/// x[i] = ln x[i] for i < n, eight at a time (strict_log for non-normal lanes and the tail).
inline void log_inplace_avx512(double* x, std::ptrdiff_t n) noexcept {
  std::ptrdiff_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m512d v = _mm512_loadu_pd(x + i);
    _mm512_storeu_pd(x + i, Avx512Ops::log_positive(v));
    const __mmask8 ok = static_cast<__mmask8>(_mm512_cmp_pd_mask(v, _mm512_set1_pd(simd_smallest_normal), _CMP_GE_OQ) &
                                              _mm512_cmp_pd_mask(v, _mm512_set1_pd(simd_largest), _CMP_LE_OQ));
    for (int lane = 0; lane < 8; ++lane) {
      if (!((ok >> lane) & 1)) x[i + lane] = strict_log(v[lane]);
    }
  }
  for (; i < n; ++i) x[i] = strict_log(x[i]);
}

}  // namespace detail
HAIDIAN_NAMESPACE_END
HAIDIAN_TARGET_END

#endif  // HAIDIAN_X86_SIMD

HAIDIAN_NAMESPACE_BEGIN
namespace detail {

/// x[i] = ln x[i] for i < n with the instruction set `simd` (tests compare the sets with std::log).
/// @throws as simd_limit
inline void log_inplace(double* x, std::ptrdiff_t n, Simd simd = Simd::best) {
  switch (resolve_simd(simd)) {
#ifdef HAIDIAN_X86_SIMD
    case Simd::avx512: log_inplace_avx512(x, n); return;
    case Simd::avx2: log_inplace_avx2(x, n); return;
#endif
    default:
      for (std::ptrdiff_t i = 0; i < n; ++i) x[i] = strict_log(x[i]);
  }
}

}  // namespace detail
HAIDIAN_NAMESPACE_END
