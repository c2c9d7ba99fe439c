/// @file
/// Library version, kept equal to the CMake project and pyproject versions (checked by a test).
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

HAIDIAN_NAMESPACE_BEGIN
inline constexpr int version_major = 0;              ///< major version: incompatible API changes
inline constexpr int version_minor = 1;              ///< minor version: additions
inline constexpr int version_patch = 0;              ///< patch version: fixes
inline constexpr const char* version_string = "0.1.0";  ///< "major.minor.patch"
HAIDIAN_NAMESPACE_END
