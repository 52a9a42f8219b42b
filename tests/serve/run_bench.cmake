# run_bench(<exit-var> <stdout-var> args...): runs maelstrom-sim (${SIM}) in ${WORK}.
function(run_bench result_var out_var)
  execute_process(COMMAND ${SIM} ${ARGN} WORKING_DIRECTORY ${WORK}
                  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(${result_var} "${result}" PARENT_SCOPE)
  set(${out_var} "${out}" PARENT_SCOPE)
  set(last_stderr "${err}" PARENT_SCOPE)
endfunction()

# expect_exit(<actual> <expected> <what>)
function(expect_exit actual expected what)
  if(NOT "${actual}" STREQUAL "${expected}")
    message(FATAL_ERROR "${what}: expected exit status ${expected}, got ${actual}\n"
                        "stderr:\n${last_stderr}")
  endif()
endfunction()

# count_runs(<var> <workload>): how many run directories store/<workload> holds.
function(count_runs var workload)
  file(GLOB runs LIST_DIRECTORIES true "${WORK}/store/${workload}/2*")
  list(LENGTH runs n)
  set(${var} ${n} PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
