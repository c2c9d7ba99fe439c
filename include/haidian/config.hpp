/// @file
/// The namespace every haidian declaration lives in: `haidian`, with an inline namespace (the ABI
/// tag) whose name records what makes compiled haidian code differ between translation units, so
/// that TUs compiled differently never share a definition (the linker keeps one copy of each inline
/// function per name; with one name for all TUs it could run AVX2 code on a CPU without AVX2, or
/// one TU's kernel choice in another). The same idea as CUB's and Thrust's ABI-tagged namespaces.
///
/// The tag is `abi_v0_1` followed by:
///   - the x86 vector instruction set the TU is compiled for, as the highest of a chain in which each
///     implies the ones before it (GCC and Clang): sse2 (x86-64 baseline), sse3, ssse3, sse41,
///     sse42, avx, avx2, avx512f; `other` on other architectures;
///   - the x86 extensions outside that chain that change generated code: _dq _bw _vl (AVX-512
///     subsets), _fma, _fma4, _bmi, _bmi2, _lzcnt, _popcnt;
///   - _nosimd when HAIDIAN_NO_SIMD is defined (no run-time dispatch to vector kernels);
///   - _fastmath under -ffast-math or -ffinite-math-only (haidian's NaN and infinity checks are then
///     compiled away, so such code must not replace the checked code of other TUs);
///   - _a<N>: Eigen's EIGEN_MAX_ALIGN_BYTES (then _s<M> if EIGEN_MAX_STATIC_ALIGN_BYTES differs), as
///     Eigen settles it from the instruction set and the user's EIGEN_* macros: haidian's types hold
///     Eigen objects, and Eigen's allocation and aligned loads in haidian's code depend on it.
/// See docs/cpp/embedding.md for what this guarantees and what Eigen still requires of a program.
#pragma once

// For EIGEN_MAX_ALIGN_BYTES. (Costs about a second of compile time in a TU that would not
// otherwise include Eigen; nearly every haidian header includes it anyway.)
#include <Eigen/Core>

#define HAIDIAN_DETAIL_CAT_(a, b) a##b
#define HAIDIAN_DETAIL_CAT(a, b) HAIDIAN_DETAIL_CAT_(a, b)
// Pastes the (expanded, possibly empty) pieces of the tag into one identifier.
#define HAIDIAN_DETAIL_JOIN_(a, b, c, d, e, f, g, h, i, j, k, l, m, n) a##b##c##d##e##f##g##h##i##j##k##l##m##n
#define HAIDIAN_DETAIL_JOIN(...) HAIDIAN_DETAIL_JOIN_(__VA_ARGS__)
#define HAIDIAN_DETAIL_STR_(a) #a
#define HAIDIAN_DETAIL_STR(a) HAIDIAN_DETAIL_STR_(a)

/// Library ABI version: changes when a release changes the layout or meaning of haidian types.
#define HAIDIAN_ABI_VERSION abi_v0_1

#if defined(__x86_64__) || defined(_M_X64)
#if defined(__AVX512F__)
#define HAIDIAN_DETAIL_ISA _avx512f
#elif defined(__AVX2__)
#define HAIDIAN_DETAIL_ISA _avx2
#elif defined(__AVX__)
#define HAIDIAN_DETAIL_ISA _avx
#elif defined(__SSE4_2__)
#define HAIDIAN_DETAIL_ISA _sse42
#elif defined(__SSE4_1__)
#define HAIDIAN_DETAIL_ISA _sse41
#elif defined(__SSSE3__)
#define HAIDIAN_DETAIL_ISA _ssse3
#elif defined(__SSE3__)
#define HAIDIAN_DETAIL_ISA _sse3
#else
#define HAIDIAN_DETAIL_ISA _sse2
#endif
#else
#define HAIDIAN_DETAIL_ISA _other
#endif

// One piece per extension outside the chain; each is empty when absent.
#if defined(__AVX512DQ__)
#define HAIDIAN_DETAIL_ISA_DQ _dq
#else
#define HAIDIAN_DETAIL_ISA_DQ
#endif
#if defined(__AVX512BW__)
#define HAIDIAN_DETAIL_ISA_BW _bw
#else
#define HAIDIAN_DETAIL_ISA_BW
#endif
#if defined(__AVX512VL__)
#define HAIDIAN_DETAIL_ISA_VL _vl
#else
#define HAIDIAN_DETAIL_ISA_VL
#endif
#if defined(__FMA__)
#define HAIDIAN_DETAIL_ISA_FMA _fma
#else
#define HAIDIAN_DETAIL_ISA_FMA
#endif
#if defined(__FMA4__)
#define HAIDIAN_DETAIL_ISA_FMA4 _fma4
#else
#define HAIDIAN_DETAIL_ISA_FMA4
#endif
#if defined(__BMI__)
#define HAIDIAN_DETAIL_ISA_BMI _bmi
#else
#define HAIDIAN_DETAIL_ISA_BMI
#endif
#if defined(__BMI2__)
#define HAIDIAN_DETAIL_ISA_BMI2 _bmi2
#else
#define HAIDIAN_DETAIL_ISA_BMI2
#endif
#if defined(__LZCNT__)
#define HAIDIAN_DETAIL_ISA_LZCNT _lzcnt
#else
#define HAIDIAN_DETAIL_ISA_LZCNT
#endif
#if defined(__POPCNT__)
#define HAIDIAN_DETAIL_ISA_POPCNT _popcnt
#else
#define HAIDIAN_DETAIL_ISA_POPCNT
#endif

#if defined(HAIDIAN_NO_SIMD)
#define HAIDIAN_DETAIL_TAG_NOSIMD _nosimd
#else
#define HAIDIAN_DETAIL_TAG_NOSIMD
#endif

#if defined(__FAST_MATH__) || (defined(__FINITE_MATH_ONLY__) && __FINITE_MATH_ONLY__ > 0)
#define HAIDIAN_DETAIL_TAG_FASTMATH _fastmath
#else
#define HAIDIAN_DETAIL_TAG_FASTMATH
#endif

// Eigen's effective alignment, whatever was included before: Eigen decides it in <Eigen/Core>.
#if EIGEN_MAX_STATIC_ALIGN_BYTES == EIGEN_MAX_ALIGN_BYTES
#define HAIDIAN_DETAIL_TAG_ALIGN HAIDIAN_DETAIL_CAT(_a, EIGEN_MAX_ALIGN_BYTES)
#else
#define HAIDIAN_DETAIL_TAG_ALIGN \
  HAIDIAN_DETAIL_CAT(HAIDIAN_DETAIL_CAT(HAIDIAN_DETAIL_CAT(_a, EIGEN_MAX_ALIGN_BYTES), _s), EIGEN_MAX_STATIC_ALIGN_BYTES)
#endif

/// The inline namespace of this translation unit, e.g. abi_v0_1_sse2 for a baseline x86-64 build,
/// abi_v0_1_avx2_fma_bmi_bmi2_lzcnt_popcnt for -march=haswell.
#define HAIDIAN_ABI_TAG                                                                              \
  HAIDIAN_DETAIL_JOIN(HAIDIAN_ABI_VERSION, HAIDIAN_DETAIL_ISA, HAIDIAN_DETAIL_ISA_DQ, HAIDIAN_DETAIL_ISA_BW, \
                      HAIDIAN_DETAIL_ISA_VL, HAIDIAN_DETAIL_ISA_FMA, HAIDIAN_DETAIL_ISA_FMA4,                \
                      HAIDIAN_DETAIL_ISA_BMI, HAIDIAN_DETAIL_ISA_BMI2, HAIDIAN_DETAIL_ISA_LZCNT,             \
                      HAIDIAN_DETAIL_ISA_POPCNT, HAIDIAN_DETAIL_TAG_NOSIMD, HAIDIAN_DETAIL_TAG_FASTMATH,      \
                      HAIDIAN_DETAIL_TAG_ALIGN)

/// The tag as a string literal (diagnostics, tests).
#define HAIDIAN_ABI_TAG_NAME HAIDIAN_DETAIL_STR(HAIDIAN_ABI_TAG)

/// Opens `namespace haidian { inline namespace <tag> {`; user code names everything `haidian::...`.
#define HAIDIAN_NAMESPACE_BEGIN \
  namespace haidian {           \
  inline namespace HAIDIAN_ABI_TAG {
/// Closes what HAIDIAN_NAMESPACE_BEGIN opened.
#define HAIDIAN_NAMESPACE_END \
  }                           \
  }

/// Opens `namespace haidian { inline namespace <library ABI version> {`, tagged with the version
/// only: the exception types and the error handler, which every TU shares whatever its flags (a TU
/// catches what another TU throws). Nothing with vector code or Eigen members lives there.
#define HAIDIAN_STABLE_NAMESPACE_BEGIN \
  namespace haidian {                  \
  inline namespace HAIDIAN_ABI_VERSION {
/// Closes what HAIDIAN_STABLE_NAMESPACE_BEGIN opened.
#define HAIDIAN_STABLE_NAMESPACE_END \
  }                                  \
  }

/// Opens the one namespace that is *not* tagged: process-wide state that every TU must share
/// whatever its flags (the instruction-set limit of set_simd). Only plain data lives there.
#define HAIDIAN_PROCESS_NAMESPACE_BEGIN \
  namespace haidian {                   \
  namespace HAIDIAN_DETAIL_CAT(HAIDIAN_ABI_VERSION, _process) {
/// Closes what HAIDIAN_PROCESS_NAMESPACE_BEGIN opened.
#define HAIDIAN_PROCESS_NAMESPACE_END \
  }                                   \
  }
