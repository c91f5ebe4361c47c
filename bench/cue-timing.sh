#!/bin/sh
# Cue timing: plays a synthetic timeline (one cue per second, default 600 s = a 10-minute session)
# through the real LimberCore SessionRunner on ContinuousClock (Benchmarks/Sources/CueTiming) and
# prints each cue's lateness as the runner reports it: p50, p99, max, and drift first vs last.
# Goals: p99 ≤ 5 ms, worst ≤ 20 ms, no drift from start to end.
# Run: sh bench/cue-timing.sh [seconds]
set -eu
cd "$(dirname "$0")/../Benchmarks"
swift build -c release --scratch-path .build-bench --product CueTiming >&2
.build-bench/release/CueTiming "${1:-600}"
echo
echo "Reproduce: sh bench/cue-timing.sh ${1:-600}"
