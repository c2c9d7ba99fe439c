include(CMakeFindDependencyMacro)
find_dependency(haidian CONFIG)  # parent::decoupling_report links haidian::haidian
include("${CMAKE_CURRENT_LIST_DIR}/parentTargets.cmake")
