# The same --seed gives the same client operations, however the network draws
# its latencies: a run with constant latencies (no draws) and one with uniform
# ones (a draw per message between nodes) must invoke the same operations, in
# the same order, on broadcast nodes that gossip.
include("${CMAKE_CURRENT_LIST_DIR}/run_bench.cmake")

# invoked_ops(<var> <run-dir>): the run's invocations, in order, as f:value.
function(invoked_ops var run)
  file(READ "${run}/history.json" history)
  string(JSON n LENGTH "${history}")
  set(values "")
  math(EXPR last "${n} - 1")
  foreach(i RANGE ${last})
    string(JSON type GET "${history}" ${i} type)
    if(type STREQUAL "invoke")
      string(JSON f GET "${history}" ${i} f)
      string(JSON value GET "${history}" ${i} value)
      list(APPEND values "${f}:${value}")
    endif()
  endforeach()
  set(${var} "${values}" PARENT_SCOPE)
endfunction()

set(common -w broadcast --bin ${BROADCAST} --node-count 3 --time-limit 2 --rate 20 --latency 10
           --seed 5)
run_bench(result out test ${common} --latency-dist constant --store constant)
expect_exit("${result}" 0 "broadcast with constant latencies")
run_bench(result out test ${common} --latency-dist uniform --store uniform)
expect_exit("${result}" 0 "broadcast with uniform latencies")
file(GLOB constant LIST_DIRECTORIES true "${WORK}/constant/broadcast/2*")
file(GLOB uniform LIST_DIRECTORIES true "${WORK}/uniform/broadcast/2*")
invoked_ops(constant_values "${constant}")
invoked_ops(uniform_values "${uniform}")
list(LENGTH constant_values n_constant)
list(LENGTH uniform_values n_uniform)
# The runs end by the clock, so one may get an operation further than the other.
if(n_constant LESS n_uniform)
  set(n ${n_constant})
else()
  set(n ${n_uniform})
endif()
if(n LESS 10)
  message(FATAL_ERROR "too few operations to compare: ${n_constant} and ${n_uniform}")
endif()
list(SUBLIST constant_values 0 ${n} constant_values)
list(SUBLIST uniform_values 0 ${n} uniform_values)
if(NOT constant_values STREQUAL uniform_values)
  message(FATAL_ERROR "the same seed invoked different operations:\n"
                      "constant: ${constant_values}\nuniform:  ${uniform_values}")
endif()
message(STATUS "the same seed gave the same ${n} operations under both latency draws")
