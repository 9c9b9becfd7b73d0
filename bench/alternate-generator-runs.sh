#!/usr/bin/env bash
# Times the generator over the synthetic catalog in two builds of the bench, in separate processes, alternated (the
# order reversed every other pair), for changes to what the generator allocates: --ab shares one garbage collector
# between the builds and cannot judge those. Each process runs --profile-generator <codes> 10; the figure of a
# process is the median of its last six runs.
#   bench/alternate-generator-runs.sh <this build's folder> <other build's folder> [codes] [pairs]
# e.g. bench/alternate-generator-runs.sh bench/ErrorCodeGen.Benchmarks/bin/ab /tmp/before/bench/ErrorCodeGen.Benchmarks/bin/ab 10000 8
set -euo pipefail
this=$(cd "$1" && pwd)
other=$(cd "$2" && pwd)
codes=${3:-10000}
pairs=${4:-8}

median_of_last_six() {
  grep -o '[0-9.]* ms' | tail -6 | sed 's/ ms//' | sort -n | awk '{ a[NR] = $1 } END { print (a[3] + a[4]) / 2 }'
}

run() { (cd "$1" && ./ErrorCodeGen.Benchmarks --profile-generator "$codes" 10 2>&1 | median_of_last_six); }

for p in $(seq 1 "$pairs"); do
  if (( p % 2 == 1 )); then
    before=$(run "$other"); after=$(run "$this")
  else
    after=$(run "$this"); before=$(run "$other")
  fi
  echo "pair $p: other $before ms, this $after ms, this / other $(awk "BEGIN { printf \"%.3f\", $after / $before }")"
done
