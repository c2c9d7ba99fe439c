// One translation unit of the mixed-flags link test, compiled several times with different flags
// (-march=x86-64, -mavx2 -mfma, HAIDIAN_NO_SIMD, AVX-512) under a different entry name
// (MIXED_MARCH_NAME). Each copy includes haidian and decomposes the panel main() passes in.
#include "mixed_march.hpp"

#include <haidian/decomposition.hpp>
#include <haidian/errors.hpp>
#include <haidian/simd.hpp>

#include <cstring>
#include <exception>
#include <vector>

// The flags this TU was compiled with, spelt once; both functions below return it.
#if defined(HAIDIAN_NO_SIMD)
#define MIXED_MARCH_FLAGS "nosimd"
#elif defined(__AVX512F__)
#define MIXED_MARCH_FLAGS "avx512"
#elif defined(__AVX2__)
#define MIXED_MARCH_FLAGS "avx2"
#else
#define MIXED_MARCH_FLAGS "baseline"
#endif

// The flags this TU was compiled with, as a haidian-namespace inline function would see them. If
// two TUs shared one ABI tag, the linker would keep one copy of this function for both, and one TU
// would get the other's answer: a stand-in for every inline function of haidian. (Not inlined, so
// that the call goes through the symbol the linker chooses, as for any larger function.)
HAIDIAN_NAMESPACE_BEGIN
namespace detail {
__attribute__((noinline)) inline const char* mixed_march_probe() {
  return MIXED_MARCH_FLAGS;
}
}  // namespace detail
HAIDIAN_NAMESPACE_END

namespace {

// The same answer from a function the linker cannot share (internal linkage).
const char* own_flags() {
  return MIXED_MARCH_FLAGS;
}

void copy_text(char* to, std::size_t size, const char* from) {
  std::strncpy(to, from, size - 1);
  to[size - 1] = '\0';
}

}  // namespace

MIXED_MARCH_ENTRY(MIXED_MARCH_NAME) {
  copy_text(report->abi_tag, sizeof report->abi_tag, HAIDIAN_ABI_TAG_NAME);
  report->probe_is_own = std::strcmp(haidian::detail::mixed_march_probe(), own_flags()) == 0;
  try {
    copy_text(report->simd_name, sizeof report->simd_name, haidian::simd_name());
    std::vector<haidian::PanelView> views;
    for (int k = 0; k < factor_count; ++k) {
      views.emplace_back(Eigen::Map<const haidian::Panel>(factors[k], periods, columns[k]));
    }
    haidian::DecompositionOptions options;
    options.method = method == 0 ? haidian::Method::lmdi1 : haidian::Method::lmdi2;
    options.mode = multiplicative ? haidian::Mode::multiplicative : haidian::Mode::additive;
    options.by_sector = true;
    options.simd = simd == 0 ? haidian::Simd::best : haidian::Simd::generic;
    // Allocated and freed by this TU's code; main never sees a haidian or Eigen object.
    const haidian::Decomposition r = haidian::decompose(views, options);
    std::memcpy(effects, r.effects.data(), sizeof(double) * static_cast<std::size_t>(r.effects.size()));
    std::memcpy(by_sector, r.by_sector.data(), sizeof(double) * static_cast<std::size_t>(r.by_sector.size()));
    return 0;
  } catch (const std::exception& e) {
    copy_text(report->abi_tag, sizeof report->abi_tag, e.what());
    return 1;
  }
}

void HAIDIAN_DETAIL_CAT(MIXED_MARCH_NAME, _throw)(int kind) {
  if (kind == 0) haidian::fail<haidian::invalid_argument>("mixed_march", "invalid argument");
  if (kind == 1) haidian::fail<haidian::domain_error>("mixed_march", "domain error");
  if (kind == 2) haidian::fail<haidian::unit_error>("mixed_march", "unit error");
  haidian::fail<haidian::type_error>("mixed_march", "type error");
}

int HAIDIAN_DETAIL_CAT(MIXED_MARCH_NAME, _catch)(void (*thrower)(int), int kind) {
  try {
    thrower(kind);
  } catch (const haidian::error& e) {
    return static_cast<int>(e.code()) + 1;
  } catch (...) {
    return -1;
  }
  return 0;
}
