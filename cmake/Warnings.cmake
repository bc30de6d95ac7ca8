# SPDX-License-Identifier: MIT
add_library(breakeven_warnings INTERFACE)
target_compile_options(breakeven_warnings INTERFACE
  -Wall -Wextra -Wconversion -Wsign-conversion -Wshadow -Wnon-virtual-dtor -Wold-style-cast)
