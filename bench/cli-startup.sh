#!/bin/sh
# CLI start-up: median wall time of `limber list` (release build) with hyperfine, against 30 ms.
# Needs hyperfine (Debian package `hyperfine`); installs nothing. Build first:
#   swift build -c release --scratch-path .build-release --product limber
# Run: sh bench/cli-startup.sh
set -eu
cd "$(dirname "$0")/.."
BIN=.build-release/release/limber
command -v hyperfine >/dev/null || { echo "hyperfine is not installed (Debian: apt-get install hyperfine)" >&2; exit 2; }
[ -x "$BIN" ] || { echo "missing $BIN: build it first" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# A fresh, empty database location, so the figure does not depend on the user's diary.
export LIMBER_DATABASE="$TMP/cli.sqlite"
hyperfine --shell=none --warmup 5 --min-runs 50 --export-json "$TMP/h.json" "$BIN list" >&2
python3 - "$TMP/h.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
med = r["median"] * 1000
print("| Command | median ms | mean ms | min ms | max ms | runs | goal | result |")
print("|---|---:|---:|---:|---:|---:|---|---|")
print(f"| limber list | {med:.1f} | {r['mean']*1000:.1f} | {r['min']*1000:.1f} | {r['max']*1000:.1f} | "
      f"{len(r['times'])} | ≤ 30 ms | {'MET' if med <= 30 else 'NOT MET'} |")
PY
echo
echo "Reproduce: sh bench/cli-startup.sh"
