# Copyright 2026 the protokit authors. Boost Software License 1.0: see LICENSE.
# ctest's install check: installs the build tree BUILD_DIR into a prefix under
# WORK_DIR, then configures, builds and runs test/install/consumer against it
# with find_package(protokit).
foreach(var BUILD_DIR WORK_DIR SOURCE_DIR GENERATOR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check.cmake needs -D${var}=...")
  endif()
endforeach()

file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)

function(step)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "failed (${status}): ${ARGV}")
  endif()
endfunction()

step(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})

# The examples are installed, programs off the PATH and sources with the documentation.
if(EXISTS ${BUILD_DIR}/example/doubler)
  foreach(installed libexec/protokit/examples/doubler share/doc/protokit/examples/doubler/main.cpp
                    share/doc/protokit/examples/common/int_proto.hpp)
    if(NOT EXISTS ${prefix}/${installed})
      message(FATAL_ERROR "not installed: ${prefix}/${installed}")
    endif()
  endforeach()
endif()
step(${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK_DIR}/build -G ${GENERATOR}
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=${prefix})
step(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
step(${WORK_DIR}/build/consumer)
