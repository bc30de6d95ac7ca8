#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Usage: tests/bits_golden.sh PATH_BITS [--update]
# The one-lane twin's paths of every shipped scenario file (and the benchmark's), to the last bit,
# against the hashes committed in tests/regression/path_bits.txt: a commit that changes one
# rounding anywhere on a path fails here, where the JSON goldens, which round and bin, mostly do
# not move. A change of results made on purpose rewrites the file with --update; the commit says
# why (docs/testing.md).
#
# Skipped (exit 77) on a processor without FMA and AVX2: glibc's libm picks its exp, log, pow, sin
# and cos by processor, and the variants it uses without them differ from its FMA ones in the last
# bit (with glibc told to ignore FMA, 30 of the 34 files' hashes differ, while the JSON of all of
# them does not). The committed hashes are those of the FMA variants, which every x86-64-v3 or
# newer processor runs.
set -euo pipefail
bits=$(realpath "$1")
cd "$(dirname "$0")/.."
golden=tests/regression/path_bits.txt
shopt -s globstar
files=(scenarios/**/*.toml bench/full_featured.toml)

if [[ "${2:-}" == "--update" ]]; then
  "$bits" "${files[@]}" >"$golden"
  echo "rewrote $golden (${#files[@]} files); review its diff before committing" >&2
  exit 0
fi
if ! grep -qw fma /proc/cpuinfo || ! grep -qw avx2 /proc/cpuinfo; then
  echo "skipped: this processor lacks FMA or AVX2, so glibc's libm rounds some results differently" >&2
  exit 77
fi
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
"$bits" "${files[@]}" >"$actual"  # a program that fails stops the script (set -e)
if ! diff "$golden" "$actual" >&2; then
  echo "the twin's bits differ from $golden (< committed, > this build). If the change of" >&2
  echo "results is meant, run: bash tests/bits_golden.sh $1 --update, and say why in the commit" >&2
  exit 1
fi
echo "${#files[@]} scenario files hashed, every bit as committed" >&2
