# SPDX-License-Identifier: MIT
# `mpirun -n 2` and `-n 3` of sweep (fixed paths and to a precision), `run --precision`,
# sensitivity and solve must print and write exactly what one process does; a rank that fails in
# the middle of an analysis must end every rank with one message, a failed status and no output
# file, not a hang.
# Run by CTest with -DMPIEXEC=... -DPROGRAM=... -DSOURCE_DIR=... -DWORK_DIR=...
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

# Runs the command (a list) in one process and under mpirun with `ranks` ranks; fails unless the
# JSON, the terminal output and the exit status are the same.
function(compare name ranks)
  set(mpirun ${MPIEXEC} --allow-run-as-root --oversubscribe -n ${ranks})
  foreach(how single mpi)
    if(how STREQUAL "mpi")
      set(launcher ${mpirun})
    else()
      set(launcher "")
    endif()
    execute_process(COMMAND ${launcher} ${PROGRAM} ${ARGN} --threads 1
                            --json "${WORK_DIR}/${name}_${how}.json"
                    WORKING_DIRECTORY "${SOURCE_DIR}" RESULT_VARIABLE status_${how}
                    OUTPUT_VARIABLE out_${how} ERROR_VARIABLE err_${how} TIMEOUT 600)
  endforeach()
  if(NOT status_single STREQUAL status_mpi)
    message(FATAL_ERROR "${name}: status ${status_mpi} on ${ranks} ranks, ${status_single} alone:\n"
                        "${err_mpi}")
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${WORK_DIR}/${name}_single.json"
                          "${WORK_DIR}/${name}_mpi.json" RESULT_VARIABLE differs)
  if(differs)
    message(FATAL_ERROR "${name}: the JSON of ${ranks} MPI ranks differs from one process's")
  endif()
  if(NOT out_mpi STREQUAL out_single)
    message(FATAL_ERROR "${name}: the terminal report of ${ranks} ranks differs:\n${out_mpi}")
  endif()
endfunction()

set(sweep sweep scenarios/metax.toml --seed 7 --vary costs.rnd_growth=0.05,0.2)
compare(sweep_2 2 ${sweep} --paths 3000)
compare(sweep_3 3 ${sweep} --paths 3000)
# Rounds of a run to precision: every rank must see each round's result to stop where one
# process stops.
compare(sweep_precision_2 2 ${sweep} --precision 0.003 --max-paths 20000)
compare(run_precision_3 3 run scenarios/metax.toml scenarios/biren.toml --seed 7
        --precision 0.004 --max-paths 40000)
compare(sensitivity_2 2 sensitivity scenarios/metax.toml --paths 1200 --seed 7)
compare(sensitivity_3 3 sensitivity scenarios/metax.toml --paths 1200 --seed 7)
# A bisection of some twenty evaluations: every rank must see each result to pick the next value.
compare(solve_2 2 solve scenarios/metax.toml --paths 1200 --seed 7 --find costs.rnd_growth
        --for "p_no_cash_out_first >= 0.5" --between 0,0.6 --largest)
compare(solve_3 3 solve scenarios/metax.toml --paths 1200 --seed 7 --find costs.rnd_growth
        --for "p_no_cash_out_first >= 0.5" --between 0,0.6 --largest)

# Rank 1 fails in the second evaluation (the first sweep point), after the base ran on every
# rank: every rank stops, rank 0 prints rank 1's message once, nothing is written.
execute_process(COMMAND ${MPIEXEC} --allow-run-as-root --oversubscribe -n 3
                        -x BREAKEVEN_FAIL_RANK=1 -x BREAKEVEN_FAIL_STEP=2
                        ${PROGRAM} ${sweep} --paths 1200 --threads 1
                        --json "${WORK_DIR}/failed.json"
                WORKING_DIRECTORY "${SOURCE_DIR}" RESULT_VARIABLE status
                OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
string(REGEX MATCHALL "error: " errors "${err}")
list(LENGTH errors error_count)
if(status EQUAL 0 OR NOT status MATCHES "^[0-9]+$" OR NOT error_count EQUAL 1
   OR NOT err MATCHES "rank 1 failed in evaluation 2")
  message(FATAL_ERROR "expected a failed job (not a timeout) with one error from rank 1, got "
                      "${status}:\n${err}")
endif()
if(EXISTS "${WORK_DIR}/failed.json")
  message(FATAL_ERROR "a sweep that failed on rank 1 left an output file")
endif()

# Rank 2 fails in the fourth run of a sensitivity analysis (a tornado run): the same.
execute_process(COMMAND ${MPIEXEC} --allow-run-as-root --oversubscribe -n 3
                        -x BREAKEVEN_FAIL_RANK=2 -x BREAKEVEN_FAIL_STEP=4
                        ${PROGRAM} sensitivity scenarios/metax.toml --paths 600 --threads 1
                        --json "${WORK_DIR}/failed.json"
                WORKING_DIRECTORY "${SOURCE_DIR}" RESULT_VARIABLE status
                OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
string(REGEX MATCHALL "error: " errors "${err}")
list(LENGTH errors error_count)
if(status EQUAL 0 OR NOT status MATCHES "^[0-9]+$" OR NOT error_count EQUAL 1
   OR NOT err MATCHES "rank 2 failed in evaluation 4" OR EXISTS "${WORK_DIR}/failed.json")
  message(FATAL_ERROR "expected a failed sensitivity job with one error from rank 2 and no file, "
                      "got ${status}:\n${err}")
endif()
