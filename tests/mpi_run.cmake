# SPDX-License-Identifier: MIT
# `mpirun -n 3 breakeven run` on the four-company batch must print and write exactly what one
# process does, and a failure must end every rank with one message and no output file.
# Run by CTest with -DMPIEXEC=... -DPROGRAM=... -DSOURCE_DIR=... -DWORK_DIR=...
set(files scenarios/moore_threads.toml scenarios/metax.toml scenarios/biren.toml
          scenarios/enflame.toml)
set(mpirun ${MPIEXEC} --allow-run-as-root --oversubscribe -n 3)
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

function(run_batch out_json stdout_var status_var)
  execute_process(COMMAND ${ARGN} ${PROGRAM} run ${files} --paths 3000 --seed 2025
                          --json "${out_json}"
                  WORKING_DIRECTORY "${SOURCE_DIR}" RESULT_VARIABLE status
                  OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "run failed (${status}): ${err}")
  endif()
  set(${stdout_var} "${out}" PARENT_SCOPE)
endfunction()

run_batch("${WORK_DIR}/single.json" single_out single_status)
run_batch("${WORK_DIR}/mpi.json" mpi_out mpi_status ${mpirun})
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${WORK_DIR}/single.json"
                        "${WORK_DIR}/mpi.json" RESULT_VARIABLE differs)
if(differs)
  message(FATAL_ERROR "the JSON of 3 MPI ranks differs from one process's")
endif()
if(NOT mpi_out STREQUAL single_out)
  message(FATAL_ERROR "the terminal report of 3 MPI ranks differs from one process's:\n${mpi_out}")
endif()

# A bad file: every rank fails, one message, status 2, no file written.
execute_process(COMMAND ${mpirun} ${PROGRAM} run scenarios/metax.toml scenarios/no_such.toml
                        --json "${WORK_DIR}/failed.json"
                WORKING_DIRECTORY "${SOURCE_DIR}" RESULT_VARIABLE status
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(status EQUAL 0)
  message(FATAL_ERROR "a run with a missing file succeeded under mpirun")
endif()
string(REGEX MATCHALL "error: " errors "${err}")
list(LENGTH errors error_count)
if(NOT error_count EQUAL 1 OR NOT err MATCHES "no_such.toml")
  message(FATAL_ERROR "expected one error naming no_such.toml, got:\n${err}")
endif()
if(EXISTS "${WORK_DIR}/failed.json")
  message(FATAL_ERROR "a failed MPI run left an output file")
endif()

# A failure after the gather, on rank 0 alone (its output cannot be written): still one message
# and a non-zero status for the job.
execute_process(COMMAND ${mpirun} ${PROGRAM} run scenarios/metax.toml --paths 600 --quiet
                        --json "${WORK_DIR}/no_such_dir/x.json"
                WORKING_DIRECTORY "${SOURCE_DIR}" RESULT_VARIABLE status
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(REGEX MATCHALL "error: " errors "${err}")
list(LENGTH errors error_count)
if(status EQUAL 0 OR NOT error_count EQUAL 1 OR NOT err MATCHES "no_such_dir")
  message(FATAL_ERROR "expected a failed job with one error naming no_such_dir, got ${status}:\n${err}")
endif()
