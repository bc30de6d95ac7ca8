// SPDX-License-Identifier: MIT
#pragma once

// The processes that run one command together: this process alone, or the ranks of an MPI job.
// The only door between breakeven and MPI; nothing else includes <mpi.h>.

#include <memory>
#include <string>
#include <vector>

namespace breakeven {

class ProcessGroup {
 public:
  virtual ~ProcessGroup() = default;
  virtual int rank() const = 0;  ///< 0 .. size() - 1; rank 0 prints and writes
  virtual int size() const = 0;
  /// Collective: every rank's bytes reach rank 0, in rank order; other ranks get nothing.
  virtual std::vector<std::string> gather(const std::string& bytes) = 0;
  /// Collective: rank 0's value, on every rank.
  virtual int broadcast(int value) = 0;
  /// Collective: rank 0's bytes, on every rank (what the others pass is ignored).
  virtual std::string broadcast_bytes(const std::string& bytes) = 0;
};

/// This process alone.
std::unique_ptr<ProcessGroup> single_process();

/// The group this process was started in: the MPI job when the build has MPI and the process was
/// started by mpirun, else this process alone. Defined by the launcher the program is linked
/// with (launch_mpi.cpp or launch_single.cpp), never by the library.
std::unique_ptr<ProcessGroup> launched_process_group(int& argc, char**& argv);

}  // namespace breakeven
