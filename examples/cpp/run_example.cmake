# Runs one example program and fails unless it exits 0. With PAGE, also checks that the page shows
# the program verbatim and its output as printed: the page marks the two code blocks with
#   <!-- file: examples/cpp/NAME.cpp -->      followed by a ```cpp block, and
#   <!-- output: examples/cpp/NAME.cpp -->    followed by a ```text block.
# -DALSO=<file> adds a third block, another file shown verbatim (marked like the program).
# -DUPDATE=ON rewrites the blocks from the files and the actual output instead of comparing.
#
#   cmake -DPROGRAM=<built example> -DSOURCE=<example .cpp> [-DPAGE=<page .md> [-DALSO=<file>]]
#         [-DUPDATE=ON] -P run_example.cmake
execute_process(COMMAND ${PROGRAM} RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE errors)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} exited with ${status}:\n${output}${errors}")
endif()
message(STATUS "${output}")
if(NOT PAGE)
  return()
endif()

get_filename_component(name ${SOURCE} NAME)
file(READ ${SOURCE} source)
file(READ ${PAGE} page)
set(stale "")

# Replaces (UPDATE) or compares the code block that follows `marker` in the page.
function(sync_block marker fence expected what)
  set(opening "${marker}\n${fence}\n")
  string(FIND "${page}" "${opening}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${PAGE} has no block '${marker}' followed by ${fence}")
  endif()
  string(LENGTH "${opening}" opening_length)
  math(EXPR begin "${at} + ${opening_length}")
  string(SUBSTRING "${page}" ${begin} -1 rest)
  string(FIND "${rest}" "```\n" length)  # the closing fence; the block ends with a line break
  string(SUBSTRING "${rest}" 0 ${length} shown)
  if(UPDATE)
    string(SUBSTRING "${page}" 0 ${begin} head)
    string(SUBSTRING "${rest}" ${length} -1 tail)
    set(page "${head}${expected}${tail}" PARENT_SCOPE)
  elseif(NOT shown STREQUAL expected)
    set(stale "${stale} ${what}" PARENT_SCOPE)
  endif()
endfunction()

sync_block("<!-- file: examples/cpp/${name} -->" "```cpp" "${source}" "program")
if(ALSO)  # another file the page shows verbatim
  get_filename_component(also_name ${ALSO} NAME)
  file(READ ${ALSO} also)
  sync_block("<!-- file: examples/cpp/${also_name} -->" "```cpp" "${also}" "${also_name}")
endif()
sync_block("<!-- output: examples/cpp/${name} -->" "```text" "${output}" "output")
if(UPDATE)
  file(WRITE ${PAGE} "${page}")
  message(STATUS "updated ${PAGE} from ${name} and its output")
elseif(NOT stale STREQUAL "")
  message(FATAL_ERROR "${PAGE} shows another${stale} than examples/cpp/${name} has; after checking the "
                      "change, refresh the page with: cmake -DPROGRAM=${PROGRAM} -DSOURCE=${SOURCE} "
                      "-DPAGE=${PAGE} -DUPDATE=ON -P ${CMAKE_CURRENT_LIST_FILE}")
endif()
