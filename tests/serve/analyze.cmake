# analyze: checks a stored run again and prints what test printed, with the
# same exit status; -t picks the run by index (negative from the newest) or path.
include("${CMAKE_CURRENT_LIST_DIR}/run_bench.cmake")

run_bench(valid_result valid_out test -w echo --bin ${ECHO} --node-count 1 --time-limit 1
          --rate 10 --seed 1)
expect_exit("${valid_result}" 0 "valid echo run")
file(GLOB valid_run LIST_DIRECTORIES true "${WORK}/store/echo/2*")

run_bench(result out analyze)
expect_exit("${result}" 0 "analyze of the valid run")
if(NOT out STREQUAL valid_out)
  message(FATAL_ERROR "analyze printed\n${out}\nbut test printed\n${valid_out}")
endif()
if(NOT EXISTS "${valid_run}/timeline.html" OR NOT EXISTS "${valid_run}/latency-quantiles.svg")
  message(FATAL_ERROR "the run has no timeline.html or latency-quantiles.svg")
endif()

run_bench(invalid_result invalid_out test -w echo --bin ${BROKEN_ECHO} --node-count 1
          --time-limit 1 --rate 10 --seed 2)
expect_exit("${invalid_result}" 1 "broken echo run")
run_bench(result out analyze -t -1)
expect_exit("${result}" 1 "analyze -t -1 (the broken run)")
if(NOT out STREQUAL invalid_out)
  message(FATAL_ERROR "analyze printed\n${out}\nbut test printed\n${invalid_out}")
endif()
if(NOT out MATCHES "Analysis invalid!")
  message(FATAL_ERROR "no closing line for an invalid run:\n${out}")
endif()

run_bench(result out analyze -t -2)
expect_exit("${result}" 0 "analyze -t -2 (the valid run)")
run_bench(result out analyze --test 0)
expect_exit("${result}" 0 "analyze --test 0 (the first run)")
run_bench(result out analyze -t "${valid_run}")
expect_exit("${result}" 0 "analyze -t PATH")
run_bench(result out analyze -t 2)
expect_exit("${result}" 254 "analyze of a run that does not exist")

# A stored history changed by hand is judged anew: the replies no longer echo.
file(READ "${valid_run}/history.json" history)
string(REPLACE "\"echo\":\"Please echo" "\"echo\":\"Tampered" history "${history}")
file(WRITE "${valid_run}/history.json" "${history}")
run_bench(result out analyze -t "${valid_run}")
expect_exit("${result}" 1 "analyze of a tampered history")
message(STATUS "analyze judges stored runs as test did")
