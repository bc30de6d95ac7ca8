# SPDX-License-Identifier: MIT
add_library(breakeven_warnings INTERFACE)
target_compile_options(breakeven_warnings INTERFACE
  -Wall -Wextra -Wconversion -Wsign-conversion -Wshadow -Wnon-virtual-dtor -Wold-style-cast)
# GCC 12 reports -Wrestrict falsely inside libstdc++'s std::string concatenation at -O2 and above
# (GCC bug 105651, fixed in GCC 13): silence that one warning for that one compiler.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(breakeven_warnings INTERFACE -Wno-restrict)
endif()
