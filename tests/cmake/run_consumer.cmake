# Builds and runs one consumer of haidian from scratch, as a user would:
#   find_package      installs this build of haidian into WORK_DIR/prefix; a CMake project finds it there
#   add_subdirectory  a CMake project builds haidian from its source tree
#   parent_install    a parent project that builds haidian with add_subdirectory installs and exports its
#                     own targets (linking haidian::haidian) into WORK_DIR/prefix; a user project finds
#                     the parent's package there, and haidian through it
#   pkg_config        installs haidian into WORK_DIR/prefix; consumer.cpp is compiled with the flags of
#                     `pkg-config --cflags --libs haidian` (no CMake)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)

function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "command failed (${status}): ${ARGV}\n${out}\n${err}")
  endif()
  message(STATUS "${out}")
endfunction()

# Configures, builds and runs the consumer project tests/cmake/<project> (its program is `consumer`).
function(build_and_run project)
  run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/cmake/${project} -B ${WORK_DIR}/build -G ${GENERATOR}
      -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_BUILD_TYPE=Release ${ARGN})
  run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
  run(${WORK_DIR}/build/consumer)
endfunction()

if(MODE STREQUAL "find_package")
  run(${CMAKE_COMMAND} --install ${HAIDIAN_BUILD_DIR} --prefix ${prefix})
  build_and_run(find_package -DCMAKE_PREFIX_PATH=${prefix})
elseif(MODE STREQUAL "add_subdirectory")
  build_and_run(add_subdirectory -DHAIDIAN_SOURCE_DIR=${SOURCE_DIR})
elseif(MODE STREQUAL "parent_install")
  set(parent_build ${WORK_DIR}/parent-build)
  run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/cmake/parent_install -B ${parent_build} -G ${GENERATOR}
      -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_BUILD_TYPE=Release -DHAIDIAN_SOURCE_DIR=${SOURCE_DIR})
  run(${CMAKE_COMMAND} --build ${parent_build})
  run(${CMAKE_COMMAND} --install ${parent_build} --prefix ${prefix})
  if(NOT EXISTS ${prefix}/include/haidian/haidian.hpp)
    message(FATAL_ERROR "the parent's install lacks haidian's headers")
  endif()
  run(${prefix}/bin/app)
  build_and_run(parent_user -DCMAKE_PREFIX_PATH=${prefix})
elseif(MODE STREQUAL "pkg_config")
  find_program(PKG_CONFIG pkg-config)
  if(NOT PKG_CONFIG)
    message(FATAL_ERROR "pkg-config not found (Debian: apt-get install pkg-config; scripts/setup.sh does)")
  endif()
  run(${CMAKE_COMMAND} --install ${HAIDIAN_BUILD_DIR} --prefix ${prefix})
  set(pc_path ${prefix}/share/pkgconfig)
  if(DEFINED ENV{PKG_CONFIG_PATH})
    string(APPEND pc_path ":$ENV{PKG_CONFIG_PATH}")
  endif()
  set(ENV{PKG_CONFIG_PATH} ${pc_path})
  execute_process(COMMAND ${PKG_CONFIG} --cflags --libs haidian RESULT_VARIABLE status OUTPUT_VARIABLE flags
                  ERROR_VARIABLE err OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "pkg-config --cflags --libs haidian failed:\n${err}")
  endif()
  message(STATUS "pkg-config --cflags --libs haidian: ${flags}")
  separate_arguments(flags UNIX_COMMAND "${flags}")
  run(${CXX_COMPILER} -std=c++17 -O1 ${SOURCE_DIR}/tests/cmake/consumer.cpp ${flags} -o ${WORK_DIR}/consumer)
  run(${WORK_DIR}/consumer)
else()
  message(FATAL_ERROR "unknown MODE '${MODE}'")
endif()
