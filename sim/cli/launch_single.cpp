// SPDX-License-Identifier: MIT
// The launcher of a build without MPI: always this process alone. Started by mpirun anyway, every
// rank would run the whole command and write the same files, so it refuses instead.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "process_group.hpp"

namespace breakeven {

std::unique_ptr<ProcessGroup> launched_process_group(int& /*argc*/, char**& /*argv*/) {
  const char* size = std::getenv("OMPI_COMM_WORLD_SIZE");
  if (size == nullptr) size = std::getenv("PMI_SIZE");
  if (size != nullptr && std::atoi(size) > 1) {
    const char* rank = std::getenv("OMPI_COMM_WORLD_RANK");
    if (rank == nullptr) rank = std::getenv("PMI_RANK");
    if (rank == nullptr || std::atoi(rank) == 0)
      std::fputs(
          "error: this breakeven was built without MPI (install libopenmpi-dev and "
          "rebuild); run it without mpirun, or split the run with --shard\n",
          stderr);
    std::exit(2);
  }
  return single_process();
}

}  // namespace breakeven
