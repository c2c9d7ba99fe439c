/// @file
/// Library version, kept equal to the CMake project and pyproject versions (checked by a test).
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

HAIDIAN_NAMESPACE_BEGIN
inline constexpr int version_major = 0;
inline constexpr int version_minor = 1;
inline constexpr int version_patch = 0;
inline constexpr const char* version_string = "0.1.0";
HAIDIAN_NAMESPACE_END
