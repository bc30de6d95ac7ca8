# SPDX-License-Identifier: MIT
# The counter-based normal generator and the path kernel are each one source built for three
# instruction sets; the library picks the widest the processor has at run time
# (docs/performance.md, BREAKEVEN_SIMD). Their results must not depend on the choice, so no
# multiply and add may be fused into one FMA there. The path kernel selects its instruction sets
# itself, region by region (sim/engine/path_kernel.cpp).
# Source file properties belong to the directory that sets them, so every directory that compiles
# these sources (the library's and the fuzzer's) calls this.
function(breakeven_simd_kernel_options)
  set(math "${PROJECT_SOURCE_DIR}/sim/math")
  set_source_files_properties("${math}/normal_kernel_scalar.cpp" PROPERTIES COMPILE_OPTIONS
    "-ffp-contract=off")
  set_source_files_properties("${math}/normal_kernel_avx2.cpp" PROPERTIES COMPILE_OPTIONS
    "-march=x86-64-v3;-ffp-contract=off")
  set_source_files_properties("${math}/normal_kernel_avx512.cpp" PROPERTIES COMPILE_OPTIONS
    "-march=x86-64-v4;-ffp-contract=off")
  set_source_files_properties("${PROJECT_SOURCE_DIR}/sim/engine/path_kernel.cpp" PROPERTIES
    COMPILE_OPTIONS "-ffp-contract=off")
endfunction()
