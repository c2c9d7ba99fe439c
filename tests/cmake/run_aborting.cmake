# Runs PROGRAM (with ARGUMENT) and passes when it ends abnormally (abort) after writing EXPECTED to
# stderr: the default error path of a build without exceptions.
execute_process(COMMAND ${PROGRAM} ${ARGUMENT} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
message(STATUS "exit: ${status}\nstdout: ${out}\nstderr: ${err}")
if(status EQUAL 0 OR status EQUAL 1)
  message(FATAL_ERROR "${PROGRAM} ${ARGUMENT} exited with ${status}; expected an abort")
endif()
string(FIND "${err}" "${EXPECTED}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "stderr lacks \"${EXPECTED}\"")
endif()
