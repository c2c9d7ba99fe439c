/// @file
/// The namespace every haidian declaration lives in: `haidian`, with an inline namespace whose name
/// records what makes compiled code differ between translation units (library version; refined
/// per instruction set so that TUs built with different -march flags never share a definition).
#pragma once

#define HAIDIAN_ABI_TAG abi_v0_1

/// Opens `namespace haidian { inline namespace <tag> {`; user code names everything `haidian::...`.
#define HAIDIAN_NAMESPACE_BEGIN \
  namespace haidian {           \
  inline namespace HAIDIAN_ABI_TAG {
/// Closes what HAIDIAN_NAMESPACE_BEGIN opened.
#define HAIDIAN_NAMESPACE_END \
  }                           \
  }
