# Builds and runs one consumer project (MODE = find_package | add_subdirectory) from scratch.
# find_package: installs the current build of haidian into WORK_DIR/prefix first, then points the
# consumer there with CMAKE_PREFIX_PATH, as a user with an installed copy would.
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "command failed (${status}): ${ARGV}\n${out}\n${err}")
  endif()
  message(STATUS "${out}")
endfunction()

set(consumer_args -S ${SOURCE_DIR}/tests/cmake/${MODE} -B ${WORK_DIR}/build -G ${GENERATOR}
    -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_BUILD_TYPE=Release)
if(MODE STREQUAL "find_package")
  run(${CMAKE_COMMAND} --install ${HAIDIAN_BUILD_DIR} --prefix ${WORK_DIR}/prefix)
  list(APPEND consumer_args -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix)
else()
  list(APPEND consumer_args -DHAIDIAN_SOURCE_DIR=${SOURCE_DIR})
endif()
run(${CMAKE_COMMAND} ${consumer_args})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
run(${WORK_DIR}/build/consumer)
