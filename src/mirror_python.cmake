# Copies the pure-Python package into a development build tree, without compiled modules or caches.
file(COPY ${SOURCE} DESTINATION ${DESTINATION}
  PATTERN "*.so" EXCLUDE PATTERN "*.pyd" EXCLUDE PATTERN "__pycache__" EXCLUDE)
