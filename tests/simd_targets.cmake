# SPDX-License-Identifier: MIT
# `breakeven run` must write the same JSON byte for byte whichever instruction set draws its
# normals: the scalar build of the generator against each SIMD one (BREAKEVEN_SIMD), and one
# thread against two. A target the processor lacks falls back to the widest it has, so the
# comparison still runs there, against that one.
# Run by CTest with -DPROGRAM=... -DSOURCE_DIR=... -DWORK_DIR=...
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

function(run_with target threads out_json)
  execute_process(COMMAND ${CMAKE_COMMAND} -E env BREAKEVEN_SIMD=${target}
                          ${PROGRAM} run bench/full_featured.toml scenarios/metax.toml
                          --paths 3000 --seed 2025 --threads ${threads} --quiet
                          --json "${out_json}"
                  WORKING_DIRECTORY "${SOURCE_DIR}" RESULT_VARIABLE status
                  OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "run with BREAKEVEN_SIMD=${target} failed (${status}): ${err}")
  endif()
endfunction()

run_with(scalar 1 "${WORK_DIR}/scalar.json")
foreach(target avx2 avx512)
  foreach(threads 1 2)
    run_with(${target} ${threads} "${WORK_DIR}/${target}_${threads}.json")
    execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${WORK_DIR}/scalar.json"
                            "${WORK_DIR}/${target}_${threads}.json" RESULT_VARIABLE differs)
    if(differs)
      message(FATAL_ERROR "the JSON with BREAKEVEN_SIMD=${target} on ${threads} thread(s) "
                          "differs from the scalar one's")
    endif()
  endforeach()
endforeach()
