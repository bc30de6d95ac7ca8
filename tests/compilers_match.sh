#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Usage: tests/compilers_match.sh PROGRAM_A PROGRAM_B
# The same results whichever compiler built the program: every shipped scenario file (and the
# benchmark's) is run by both programs with one seed and path count, and the JSON must match
# byte for byte, as must the README's four-company batch. CI passes the clang build and a GCC
# build (.ci/checks). An order that C++ leaves to the compiler, such as the evaluation of a
# call's arguments, shows up here as a difference.
set -euo pipefail
cd "$(dirname "$0")/.."
a=$1 b=$2
shopt -s globstar
differ=0 compared=0
compare() {  # compare LABEL ARGS...: the two programs' JSON (or error text) for ARGS
  local label=$1
  shift
  compared=$((compared + 1))
  if ! cmp -s <("$a" "$@" 2>&1) <("$b" "$@" 2>&1); then
    echo "differs: $label" >&2
    differ=$((differ + 1))
  fi
}
for file in scenarios/**/*.toml bench/full_featured.toml; do
  compare "$file" run "$file" --seed 3 --paths 4000 --json -
done
compare "the four-company batch" run scenarios/{moore_threads,metax,biren,enflame}.toml \
  --paths 20000 --json -
echo "$compared runs compared, $differ differ" >&2
[[ $differ -eq 0 ]]
