#!/bin/sh
# HTTP throughput and latency as ratios to a bare Hummingbird server; see bench/http_wrk.py.
# (The Python file is not named http.py: that would shadow Python's own http package.)
exec python3 "$(dirname "$0")/http_wrk.py" "$@"
