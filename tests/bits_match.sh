#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Usage: tests/bits_match.sh PATH_BITS_A PATH_BITS_B
# The same doubles to the last bit from two builds: both builds' breakeven_path_bits hash the
# one-lane twin's paths of every shipped scenario file (and the benchmark's), and every line must
# match. Stricter than tests/compilers_match.sh, whose JSON rounds and bins: a change of one
# operation's rounding shows up here. CI passes the clang build's and the GCC build's
# (.ci/checks); docs/testing.md shows how to check a kernel change against its parent.
set -euo pipefail
a=$(realpath "$1") b=$(realpath "$2")
cd "$(dirname "$0")/.."
shopt -s globstar
files=(scenarios/**/*.toml bench/full_featured.toml)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$a" "${files[@]}" >"$out/a"  # a program that fails stops the script (set -e)
"$b" "${files[@]}" >"$out/b"
if ! diff "$out/a" "$out/b" >&2; then
  echo "bits differ (lines above: < $1, > $2)" >&2
  exit 1
fi
echo "${#files[@]} scenario files hashed, every bit the same" >&2
