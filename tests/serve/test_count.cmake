# --test-count N: N runs while they are valid; the first invalid one ends the
# test with exit status 1, as Maelstrom's does.
include("${CMAKE_CURRENT_LIST_DIR}/run_bench.cmake")

run_bench(result out test -w echo --bin ${ECHO} --node-count 1 --time-limit 1 --rate 10
          --seed 3 --test-count 3)
expect_exit("${result}" 0 "three valid echo runs")
count_runs(n echo)
if(NOT n EQUAL 3)
  message(FATAL_ERROR "expected 3 stored runs, found ${n}")
endif()
string(REGEX MATCHALL "Everything looks good" verdicts "${out}")
list(LENGTH verdicts n)
if(NOT n EQUAL 3)
  message(FATAL_ERROR "expected 3 valid verdicts, found ${n}:\n${out}")
endif()
# Each run has its own seed (the given one, then one more per run).
file(GLOB tests "${WORK}/store/echo/2*/test.json")
set(seeds "")
foreach(test IN LISTS tests)
  file(READ "${test}" json)
  string(JSON seed GET "${json}" seed)
  list(APPEND seeds ${seed})
endforeach()
list(SORT seeds)
if(NOT "${seeds}" STREQUAL "3;4;5")
  message(FATAL_ERROR "expected seeds 3;4;5, found ${seeds}")
endif()

file(REMOVE_RECURSE "${WORK}/store")
run_bench(result out test -w echo --bin ${BROKEN_ECHO} --node-count 1 --time-limit 1 --rate 10
          --seed 3 --test-count 3)
expect_exit("${result}" 1 "a broken echo node")
count_runs(n echo)
if(NOT n EQUAL 1)
  message(FATAL_ERROR "the first invalid run must end the test; found ${n} runs")
endif()

run_bench(result out test -w echo --bin ${ECHO} --test-count 0)
expect_exit("${result}" 254 "--test-count 0")
message(STATUS "--test-count stops at the first invalid run")
