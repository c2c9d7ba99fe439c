# Build settings for haidian's own targets (the tests, the Python module, the examples), never for the
# targets of a project that uses haidian::haidian. Only included when the project builds such targets,
# so a parent project using add_subdirectory or FetchContent gets no helper target from here.

# Warnings: target_link_libraries(<own target> PRIVATE haidian_internal_warnings).
add_library(haidian_internal_warnings INTERFACE)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(haidian_internal_warnings INTERFACE -Wall -Wextra -Wpedantic)
endif()

# Sanitizers for the test programs: HAIDIAN_SANITIZE=address,undefined (any -fsanitize= list; empty =
# none). No recovery, so the first finding fails the test run; frame pointers for readable stacks.
# Test programs link haidian_internal_sanitizers; the Python module never does (an instrumented
# extension module cannot be loaded by an uninstrumented interpreter).
set(HAIDIAN_SANITIZE "" CACHE STRING "Sanitizers for the C++ test programs, e.g. address,undefined (empty: none)")
add_library(haidian_internal_sanitizers INTERFACE)
if(HAIDIAN_SANITIZE)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    message(FATAL_ERROR "HAIDIAN_SANITIZE needs GCC or Clang, not ${CMAKE_CXX_COMPILER_ID}")
  endif()
  set(haidian_sanitizer_flags -fsanitize=${HAIDIAN_SANITIZE} -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_compile_options(haidian_internal_sanitizers INTERFACE ${haidian_sanitizer_flags})
  target_link_options(haidian_internal_sanitizers INTERFACE ${haidian_sanitizer_flags})
  message(STATUS "haidian: C++ tests built with -fsanitize=${HAIDIAN_SANITIZE}")
endif()
