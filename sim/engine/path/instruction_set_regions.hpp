// SPDX-License-Identifier: MIT
#pragma once

// Regions of a source file compiled for AVX2 or AVX-512 while the rest stays baseline x86-64:
// GCC's target pragma, or clang's attribute pragma (the fuzzing build is clang's), with
// instruction-set flags only, so that inline functions compiled once for the baseline still
// inline into the region. The path kernel (path_kernel.cpp) builds its lane code once per width
// inside such regions, and so does the benchmark of the floor that kernel is measured against
// (bench/bench_floor.cpp). Nothing compiled inside a region may be linked in place of baseline
// code.

// One pragma string each, on one line: _Pragma takes a single string literal.
// clang-format off
#if defined(__clang__)
#define BREAKEVEN_AVX2_REGION_BEGIN _Pragma("clang attribute push(__attribute__((target(\"avx,avx2,fma,bmi,bmi2,lzcnt,movbe,f16c\"))), apply_to = function)")
#define BREAKEVEN_AVX512_REGION_BEGIN _Pragma("clang attribute push(__attribute__((target(\"avx,avx2,fma,bmi,bmi2,lzcnt,movbe,f16c,avx512f,avx512dq,avx512vl,avx512bw,avx512cd\"))), apply_to = function)")
#define BREAKEVEN_REGION_END _Pragma("clang attribute pop")
#else
#define BREAKEVEN_AVX2_REGION_BEGIN _Pragma("GCC push_options") _Pragma("GCC target(\"avx,avx2,fma,bmi,bmi2,lzcnt,movbe,f16c\")")
#define BREAKEVEN_AVX512_REGION_BEGIN _Pragma("GCC push_options") _Pragma("GCC target(\"avx,avx2,fma,bmi,bmi2,lzcnt,movbe,f16c,avx512f,avx512dq,avx512vl,avx512bw,avx512cd\")")
#define BREAKEVEN_REGION_END _Pragma("GCC pop_options")
#endif
// clang-format on
