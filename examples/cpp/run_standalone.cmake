# Builds the examples as a user with an installed haidian would: installs this build of haidian into
# WORK_DIR/prefix, configures examples/cpp on its own (find_package(haidian)), builds it and runs its
# tests (each example, with its page's copy checked).
#   cmake -DHAIDIAN_BUILD_DIR=<build> -DWORK_DIR=<scratch> -DGENERATOR=<generator> -DCXX_COMPILER=<c++>
#         -DCTEST=<ctest> [-DLAUNCHER=<ccache>] -P run_standalone.cmake
file(REMOVE_RECURSE ${WORK_DIR})
function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "command failed (${status}): ${ARGV}\n${out}\n${err}")
  endif()
endfunction()
run(${CMAKE_COMMAND} --install ${HAIDIAN_BUILD_DIR} --prefix ${WORK_DIR}/prefix)
set(launcher "")
if(LAUNCHER)
  set(launcher -DCMAKE_CXX_COMPILER_LAUNCHER=${LAUNCHER})
endif()
run(${CMAKE_COMMAND} -S ${CMAKE_CURRENT_LIST_DIR} -B ${WORK_DIR}/build -G ${GENERATOR}
    -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix
    ${launcher})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
run(${CTEST} --test-dir ${WORK_DIR}/build --output-on-failure)
