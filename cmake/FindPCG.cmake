# SPDX-License-Identifier: MIT
# Debian's libpcg-cpp-dev ships headers only and no CMake config, so we find it ourselves.
find_path(PCG_INCLUDE_DIR NAMES pcg_random.hpp)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(PCG REQUIRED_VARS PCG_INCLUDE_DIR)
if(PCG_FOUND AND NOT TARGET PCG::pcg)
  add_library(PCG::pcg INTERFACE IMPORTED)
  set_target_properties(PCG::pcg PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${PCG_INCLUDE_DIR}")
endif()
