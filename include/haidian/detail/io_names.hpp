/// @file
/// Internal: sector and stressor names for input-output error messages ("sector 3 ('reg1/food')").
#pragma once

#include <haidian/config.hpp>  // HAIDIAN_NAMESPACE_BEGIN/END

#include <cstddef>  // size_t
#include <string>
#include <vector>

HAIDIAN_NAMESPACE_BEGIN
namespace detail {

/// "sector 3 ('reg1/food')" when names are given, "sector 3" otherwise (0-based positions, as numpy).
inline std::string io_name(const std::vector<std::string>& names, std::size_t index,
                           const char* kind = "sector") {
  std::string text = std::string(kind) + " " + std::to_string(index);
  if (index < names.size()) text += " ('" + names[index] + "')";
  return text;
}

}  // namespace detail
HAIDIAN_NAMESPACE_END
