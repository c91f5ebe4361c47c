#!/usr/bin/env python3
"""Whether `limber serve` keeps its memory flat under a long mix of every page and GET route (issue 14).

Uses the fixture of bench/fixture.py (made, or reused with --fixture DIR; its database is copied) and
the same route list as bench/routes.py: every page in its PAGES and every GET path of openapi.json
(each signed in as ana: pages with the session cookie, the API with the bearer token, all with
`Accept-Encoding: gzip`). One wrk run (64 connections, 2 threads) sends them round-robin, each
wrk thread starting at its own place in the list, for --minutes (default 10), while this script reads
the server's resident memory (VmRSS, and RssAnon, what the server allocated) every --interval seconds
(default 30). RSS counts as flat when the last reading is within 10 % of the reading one interval in
(after the warm-up), and the reading after that is never more than 10 % above it.

Build first: swift build -c release --scratch-path .build-release --product limber
Run:         python3 bench/soak.py [--minutes 10] [--interval 30] [--fixture DIR] [--skip SUBSTRING]
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from http_wrk import LIMBER, REPORT_LUA, free_port, rss_kib, wait_ready  # noqa: E402
import fixture as fixture_module  # noqa: E402
import routes  # noqa: E402

MIX_LUA = REPORT_LUA + r"""
local requests = {}
local index = 0
function init(args)
  for i, line in ipairs(PATHS) do
    requests[i] = wrk.format("GET", line[1], line[2])
  end
  index = (tid * 7) % #requests
end
function request()
  index = index % #requests + 1
  return requests[index]
end
"""


def lua_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def mix_script(rows, info, cookie):
    entries = []
    for row in rows:
        headers = routes.headers_for(dict(row, gzip=True), info, cookie)
        header_text = ", ".join(f"[{lua_string(k)}] = {lua_string(v)}" for k, v in headers.items())
        entries.append("  {" + lua_string(row["path"]) + ", {" + header_text + "}},")
    return "PATHS = {\n" + "\n".join(entries) + "\n}\n" + MIX_LUA


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--minutes", type=float, default=10)
    p.add_argument("--interval", type=float, default=30, help="seconds between RSS readings")
    p.add_argument("--connections", type=int, default=64)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--fixture", help="a folder from bench/fixture.py to reuse (made there when missing)")
    p.add_argument("--skip", action="append", default=[], help="leave out routes whose path contains this")
    p.add_argument("--binary", default=LIMBER)
    p.add_argument("--out", help="write the readings as JSON here")
    args = p.parse_args()
    # Stopped with SIGTERM, still stop the servers it started (the finally blocks below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")
    if not os.path.exists(args.binary):
        raise SystemExit(f"missing {args.binary}: build it first (see the top of this script)")

    tmp = tempfile.mkdtemp(prefix="limber-bench-soak-")
    server = None
    try:
        class Options:  # what routes.build_rows and prepare_fixture read
            fixture, binary, plain, all_regions, only = args.fixture, args.binary, False, True, None
        info, database = routes.prepare_fixture(Options, tmp)
        rows = [r for r in routes.build_rows(info, Options)
                if not r.get("problem") and not any(s in r["path"] for s in args.skip)]
        port = free_port()
        env = dict(os.environ, LIMBER_DATABASE=database)
        env.pop("LIMBER_USER", None)
        server = subprocess.Popen([args.binary, "serve", "--port", str(port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_ready(f"http://127.0.0.1:{port}/healthz")
        cookie = fixture_module.sign_in(port)
        time.sleep(1)
        script = os.path.join(tmp, "mix.lua")
        with open(script, "w") as f:
            f.write(mix_script(rows, info, cookie))
        seconds = int(args.minutes * 60)
        readings = [{"t": 0, "rss_kib": rss_kib(server.pid), "anon_kib": rss_kib(server.pid, "RssAnon")}]
        print(f"soak: {len(rows)} routes mixed, {args.connections} connections, {seconds} s; "
              f"RSS {readings[0]['rss_kib'] / 1024:.1f} MiB idle", file=sys.stderr)
        wrk = subprocess.Popen(["wrk", "-t", str(args.threads), "-c", str(args.connections), "-d", f"{seconds}s",
                                "--timeout", "10s", "-s", script, f"http://127.0.0.1:{port}/"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        started = time.time()
        while wrk.poll() is None:
            time.sleep(min(args.interval, max(0.1, started + len(readings) * args.interval - time.time())))
            if wrk.poll() is None and time.time() - started >= len(readings) * args.interval - 0.5:
                reading = {"t": round(time.time() - started), "rss_kib": rss_kib(server.pid),
                           "anon_kib": rss_kib(server.pid, "RssAnon")}
                readings.append(reading)
                print(f"  {reading['t']:5d} s  RSS {reading['rss_kib'] / 1024:7.1f} MiB  "
                      f"anon {reading['anon_kib'] / 1024:7.1f} MiB", file=sys.stderr)
        out, err = wrk.communicate()
        time.sleep(2)
        readings.append({"t": round(time.time() - started), "rss_kib": rss_kib(server.pid),
                         "anon_kib": rss_kib(server.pid, "RssAnon"), "after": True})
        alive = server.poll() is None
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(tmp, ignore_errors=True)

    m = re.search(r"^RESULT (.*)$", out, re.M)
    if not m:
        raise SystemExit("wrk printed no RESULT line:\n" + out + err)
    r = {k: int(v) for k, v in (kv.split("=") for kv in m.group(1).split())}
    errors = sum(r[k] for k in ("err_connect", "err_read", "err_write", "err_status", "err_timeout"))
    print(f"\n{len(rows)} routes mixed for {seconds} s at {args.connections} connections: {r['requests']:,} requests, "
          f"{r['requests'] / (r['duration_us'] / 1e6):,.0f} req/s, p50 {r['p50_us'] / 1000:.1f} ms, "
          f"p99 {r['p99_us'] / 1000:.1f} ms, errors {errors:,} (non-2xx/3xx {r['err_status']:,}, "
          f"timeouts {r['err_timeout']:,}, socket {r['err_connect'] + r['err_read'] + r['err_write']:,})"
          + ("" if alive else "; THE SERVER HAD EXITED"))
    print("\n| seconds | RSS MiB | RssAnon MiB |\n|---:|---:|---:|")
    for reading in readings:
        print(f"| {reading['t']}{' (after)' if reading.get('after') else ''} | {reading['rss_kib'] / 1024:.1f} | "
              f"{reading['anon_kib'] / 1024:.1f} |")
    if len(readings) >= 3:
        warm = readings[1]["rss_kib"]
        last, peak = readings[-1]["rss_kib"], max(x["rss_kib"] for x in readings[1:])
        flat = last <= warm * 1.10 and peak <= warm * 1.10
        print(f"\nRSS after warm-up ({readings[1]['t']} s) {warm / 1024:.1f} MiB, at the end {last / 1024:.1f} MiB "
              f"({(last - warm) / warm:+.1%}), peak {peak / 1024:.1f} MiB: "
              f"{'FLAT (within 10 %)' if flat else 'NOT FLAT (grew more than 10 %)'}")
    else:
        print("\nToo few readings to say whether RSS stayed flat: use a longer --minutes or a shorter --interval.")
    if args.out:
        with open(args.out, "w") as f:
            json.dump({"wrk": r, "errors": errors, "readings": readings, "routes": [x["path"] for x in rows]}, f,
                      indent=1)
    print(f"\nReproduce: python3 bench/soak.py --minutes {args.minutes:g} --interval {args.interval:g}"
          + "".join(f" --skip {s}" for s in args.skip))


if __name__ == "__main__":
    main()
