// SPDX-License-Identifier: MIT
// The launcher of a build with MPI: the MPI job when started by mpirun, else this process alone
// (no MPI_Init, so a plain run needs no MPI runtime to be set up).
// The C API only: the C++ bindings were removed from MPI-3 and would need libmpi_cxx.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <numeric>
#include <stdexcept>

#include "process_group.hpp"

namespace breakeven {
namespace {

bool started_by_mpirun() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
    if (std::getenv(name) != nullptr) return true;
  return false;
}

class MpiProcessGroup final : public ProcessGroup {
 public:
  MpiProcessGroup(int& argc, char**& argv) {
    // Only the main thread calls MPI; the TBB workers never do.
    int provided = 0;
    MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  MpiProcessGroup(const MpiProcessGroup&) = delete;
  MpiProcessGroup& operator=(const MpiProcessGroup&) = delete;
  ~MpiProcessGroup() override { MPI_Finalize(); }

  int rank() const override { return rank_; }
  int size() const override { return size_; }

  std::vector<std::string> gather(const std::string& bytes) override {
    // Every rank learns every length, so all of them refuse a gather too large for MPI's int
    // counts together instead of leaving some waiting.
    std::vector<long long> lengths(static_cast<std::size_t>(size_));
    long long mine = static_cast<long long>(bytes.size());
    MPI_Allgather(&mine, 1, MPI_LONG_LONG, lengths.data(), 1, MPI_LONG_LONG, MPI_COMM_WORLD);
    const long long total = std::accumulate(lengths.begin(), lengths.end(), 0LL);
    if (total > INT_MAX) throw std::runtime_error("the ranks' tallies are too large to gather");
    std::vector<int> counts;
    for (const long long length : lengths) counts.push_back(static_cast<int>(length));
    std::vector<int> offsets(counts.size(), 0);
    std::partial_sum(counts.begin(), counts.end() - 1, offsets.begin() + 1);
    std::string all(rank_ == 0 ? static_cast<std::size_t>(total) : 0, '\0');
    MPI_Gatherv(bytes.data(), static_cast<int>(bytes.size()), MPI_CHAR, all.data(), counts.data(),
                offsets.data(), MPI_CHAR, 0, MPI_COMM_WORLD);
    std::vector<std::string> parts;
    if (rank_ != 0) return parts;
    for (std::size_t r = 0; r < counts.size(); ++r)
      parts.push_back(
          all.substr(static_cast<std::size_t>(offsets[r]), static_cast<std::size_t>(counts[r])));
    return parts;
  }

  int broadcast(int value) override {
    MPI_Bcast(&value, 1, MPI_INT, 0, MPI_COMM_WORLD);
    return value;
  }

  std::string broadcast_bytes(const std::string& bytes) override {
    long long length = static_cast<long long>(bytes.size());
    MPI_Bcast(&length, 1, MPI_LONG_LONG, 0, MPI_COMM_WORLD);
    std::string all = rank_ == 0 ? bytes : std::string(static_cast<std::size_t>(length), '\0');
    // MPI counts are ints: a long text goes in pieces, the same on every rank.
    for (long long sent = 0; sent < length; sent += INT_MAX) {
      const long long piece = std::min<long long>(INT_MAX, length - sent);
      MPI_Bcast(all.data() + sent, static_cast<int>(piece), MPI_CHAR, 0, MPI_COMM_WORLD);
    }
    return all;
  }

 private:
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace

std::unique_ptr<ProcessGroup> launched_process_group(int& argc, char**& argv) {
  if (!started_by_mpirun()) return single_process();
  return std::make_unique<MpiProcessGroup>(argc, argv);
}

}  // namespace breakeven
