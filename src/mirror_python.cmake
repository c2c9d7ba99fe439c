# Mirrors the pure-Python package into a development build tree, without compiled modules or caches:
# copies what is in the source tree and removes files the source tree no longer has (a moved or
# deleted module would otherwise stay importable from the build tree).
get_filename_component(package ${SOURCE} NAME)
file(GLOB_RECURSE mirrored LIST_DIRECTORIES true RELATIVE ${DESTINATION}/${package} ${DESTINATION}/${package}/*)
foreach(path IN LISTS mirrored)
  if(NOT path MATCHES "(\\.so|\\.pyd)$" AND NOT EXISTS ${SOURCE}/${path})
    file(REMOVE_RECURSE ${DESTINATION}/${package}/${path})
  endif()
endforeach()
file(COPY ${SOURCE} DESTINATION ${DESTINATION}
  PATTERN "*.so" EXCLUDE PATTERN "*.pyd" EXCLUDE PATTERN "__pycache__" EXCLUDE)
