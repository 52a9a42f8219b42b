# Runs COMMAND (arguments separated by |) and fails unless it exits with
# exactly EXPECTED.
string(REPLACE "|" ";" command_list "${COMMAND}")
execute_process(COMMAND ${command_list} RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT "${result}" STREQUAL "${EXPECTED}")
  message(FATAL_ERROR "expected exit status ${EXPECTED}, got ${result}\nstdout:\n${out}\nstderr:\n${err}")
endif()
message(STATUS "exit status ${result} as expected")
