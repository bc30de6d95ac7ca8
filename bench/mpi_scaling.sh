#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Wall time of the four-company batch in one process and under mpirun with 1, 2 and 4 ranks (one
# thread each, so ranks are the only parallelism), REPS times each, interleaved so a change in
# the machine's load hits every configuration alike; prints each time and the median. Then the
# bytes each rank sends rank 0: the size of its serialised tallies, read from shard state files.
#   bench/mpi_scaling.sh [PATHS] [REPS]        (from the source directory, after the build)
set -euo pipefail
paths=${1:-100000}
reps=${2:-5}
program=build/breakeven
files=(scenarios/moore_threads.toml scenarios/metax.toml scenarios/biren.toml scenarios/enflame.toml)
mpirun=(mpirun --allow-run-as-root --oversubscribe)
declare -A times

seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" > /dev/null
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}

for ((rep = 1; rep <= reps; rep++)); do
  times[plain]+="$(seconds "$program" run "${files[@]}" --paths "$paths" --seed 2025 --threads 1 --quiet) "
  for ranks in 1 2 4; do
    times[$ranks]+="$(seconds "${mpirun[@]}" -n "$ranks" "$program" run "${files[@]}" \
      --paths "$paths" --seed 2025 --threads 1 --quiet) "
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
for key in plain 1 2 4; do
  echo "$key: ${times[$key]}-> median $(echo "${times[$key]}" | median) s"
done

dir=$(mktemp -d)
for ranks in 1 2 4; do
  for ((i = 1; i <= ranks; i++)); do
    "$program" run "${files[@]}" --paths "$paths" --seed 2025 --quiet \
      --shard "$i/$ranks" --save-state "$dir/s$i.state"
    bytes=$(head -1 "$dir/s$i.state" | grep -o '"tallies_bytes":[0-9]*' | cut -d: -f2)
    echo "ranks $ranks, rank $((i - 1)): $bytes bytes of tallies"
  done
done
rm -rf "$dir"
