#!/usr/bin/env python3
"""HTTP throughput and latency of `limber serve`, as ratios to a bare Hummingbird server.

Runs wrk (Debian package `wrk`; this script installs nothing) at 64 connections for 10 s against:
the hello server (Benchmarks/Sources/HelloServer, GET / with a fixed ~6 KB JSON body), then
Limber's GET /api/v1/exercises, GET / (home page), GET /api/v1/timeline?routine=seed-full (each
plain, then again with `Accept-Encoding: gzip` as a browser asks) and
POST /api/v1/episodes (a durable SQLite write, a fresh random id per request). Both servers are
release builds, listen on free 127.0.0.1 ports, and Limber uses a temporary database. It also
reads the Limber server's resident memory (VmRSS) when idle and after all the requests.

Build first (from the repository root):
    swift build -c release --scratch-path .build-release --product limber
    (cd Benchmarks && swift build -c release --scratch-path .build-bench --product HelloServer)
Run:
    sh bench/http.sh [--duration 10] [--connections 64] [--threads 2] [--rounds 3] [--extra-requests N]

--extra-requests N sends about N more mixed GET requests before the final memory reading.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIMBER = os.path.join(ROOT, ".build-release", "release", "limber")
HELLO = os.path.join(ROOT, "Benchmarks", ".build-bench", "release", "HelloServer")

# Printed by every wrk run: one machine-readable line.
REPORT_LUA = r"""
local threads = {}
function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end
function done(summary, latency, requests)
  local e = summary.errors
  local created = 0
  for _, t in ipairs(threads) do created = created + (t:get("created") or 0) end
  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d "
    .. "err_connect=%d err_read=%d err_write=%d err_status=%d err_timeout=%d created=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout, created))
end
"""

POST_LUA = REPORT_LUA + r"""
created = 0
function init(args)
  math.randomseed(os.time() * 1000 + tid * 7919 + math.floor(os.clock() * 1e6))
end
local function hex(n) local s = "" for i = 1, n do s = s .. string.format("%x", math.random(0, 15)) end return s end
function request()
  local id = hex(8) .. "-" .. hex(4) .. "-4" .. hex(3) .. "-" .. string.format("%x", math.random(8, 11)) .. hex(3) .. "-" .. hex(12)
  local body = '{"id":"' .. id .. '","occurredAt":"2026-11-20T23:10:00Z","durationSeconds":60,'
    .. '"regions":["calf"],"severity":3}'
  return wrk.format("POST", "/api/v1/episodes", {["Content-Type"] = "application/json"}, body)
end
function response(status, headers, body)
  if status == 201 then created = created + 1 end
end
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(url, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as r:
                r.read()
                return
        except Exception:
            time.sleep(0.1)
    raise SystemExit(f"server at {url} did not answer within {timeout} s")


def rss_kib(pid, field="VmRSS"):
    """A memory figure from /proc/<pid>/status in KiB: VmRSS (all resident memory), RssAnon (heap,
    stacks: what the server allocated) or RssFile (the binary and libraries, paged in as used)."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def run_wrk(url, script_text, args, headers=()):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script_text)
        script = f.name
    try:
        cmd = ["wrk", "-t", str(args.threads), "-c", str(args.connections), "-d", f"{args.duration}s",
               "--timeout", "5s", "-s", script]
        for header in headers:
            cmd += ["-H", header]
        cmd.append(url)
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script)
    m = re.search(r"^RESULT (.*)$", out, re.M)
    if not m:
        raise SystemExit("wrk printed no RESULT line:\n" + out)
    r = {k: int(v) for k, v in (kv.split("=") for kv in m.group(1).split())}
    r["rps"] = r["requests"] / (r["duration_us"] / 1e6)
    r["errors"] = sum(r[k] for k in ("err_connect", "err_read", "err_write", "err_status", "err_timeout"))
    return r


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--duration", type=int, default=10)
    p.add_argument("--connections", type=int, default=64)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--extra-requests", type=int, default=0)
    p.add_argument("--rounds", type=int, default=3,
                   help="measure every row this many times, interleaved, and report each row's median")
    args = p.parse_args()

    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")
    for path in (LIMBER, HELLO):
        if not os.path.exists(path):
            raise SystemExit(f"missing {path}: build it first (see the top of this script)")

    tmp = tempfile.mkdtemp(prefix="limber-bench-")
    env = dict(os.environ, LIMBER_DATABASE=os.path.join(tmp, "bench.sqlite"))
    hello_port, limber_port = free_port(), free_port()
    procs = []
    try:
        hello = subprocess.Popen([HELLO, str(hello_port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(hello)
        limber = subprocess.Popen([LIMBER, "serve", "--port", str(limber_port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(limber)
        hello_url, limber_url = f"http://127.0.0.1:{hello_port}", f"http://127.0.0.1:{limber_port}"
        wait_ready(hello_url + "/")
        wait_ready(limber_url + "/api/v1/exercises")
        time.sleep(1)
        rss_idle = rss_kib(limber.pid)

        # name, url, script, minimum ratio to hello, minimum absolute rate, extra request headers.
        # wrk sends no Accept-Encoding, so the plain rows get uncompressed bodies; the "gzip" rows
        # ask for gzip as every browser does.
        gzip = ("Accept-Encoding: gzip",)
        exercises, timeline = limber_url + "/api/v1/exercises", limber_url + "/api/v1/timeline?routine=seed-full"
        rows = [
            ("hello server GET /", hello_url + "/", REPORT_LUA, None, None, ()),
            ("GET /api/v1/exercises", exercises, REPORT_LUA, 0.80, None, ()),
            ("GET /api/v1/exercises, gzip", exercises, REPORT_LUA, 0.80, None, gzip),
            ("GET / (home page)", limber_url + "/", REPORT_LUA, 0.50, None, ()),
            ("GET / (home page), gzip", limber_url + "/", REPORT_LUA, 0.50, None, gzip),
            ("GET /api/v1/timeline?routine=seed-full", timeline, REPORT_LUA, 0.80, None, ()),
            ("GET /api/v1/timeline?routine=seed-full, gzip", timeline, REPORT_LUA, 0.80, None, gzip),
            ("POST /api/v1/episodes", limber_url, POST_LUA, None, 2000, ()),
        ]
        # The machine is shared, so one 10 s window can catch someone else's build. Every row is
        # measured --rounds times, the rows taking turns, and each row's median round is reported.
        runs = {row[0]: [] for row in rows}
        limber_requests = 0
        for _ in range(args.rounds):
            for name, url, script, ratio_goal, rate_goal, headers in rows:
                r = run_wrk(url, script, args, headers)
                runs[name].append(r)
                if not name.startswith("hello"):
                    limber_requests += r["requests"]
                time.sleep(1)
        results = []
        for name, url, script, ratio_goal, rate_goal, headers in rows:
            median = sorted(runs[name], key=lambda r: r["rps"])[len(runs[name]) // 2]
            median["created"] = sum(r["created"] for r in runs[name])
            results.append((name, median, ratio_goal, rate_goal))

        if args.extra_requests > 0:
            # Cycle the GET endpoints until about N more requests have been served.
            left, i = args.extra_requests, 0
            gets = [limber_url + "/api/v1/exercises", limber_url + "/", limber_url + "/api/v1/timeline?routine=seed-full"]
            while left > 0:
                r = run_wrk(gets[i % 3], REPORT_LUA, args)
                left -= r["requests"]
                limber_requests += r["requests"]
                i += 1
        time.sleep(1)
        rss_after = rss_kib(limber.pid)
        episodes = subprocess.run(["sqlite3", env["LIMBER_DATABASE"], "select count(*) from episodes"],
                                  capture_output=True, text=True).stdout.strip() if shutil.which("sqlite3") else "?"
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)

    hello_rps = results[0][1]["rps"]
    print(f"\nwrk -t{args.threads} -c{args.connections} -d{args.duration}s, median of {args.rounds} rounds, release builds, "
          f"{os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n")
    print("| Endpoint | req/s | p50 ms | p99 ms | errors | ratio to hello | goal | result |")
    print("|---|---:|---:|---:|---:|---:|---|---|")
    for name, r, ratio_goal, rate_goal in results:
        ratio = r["rps"] / hello_rps
        p99_ms = r["p99_us"] / 1000
        if ratio_goal is not None:
            goal = f"≥ {ratio_goal:.0%} of hello, p99 ≤ 5 ms"
            met = ratio >= ratio_goal and p99_ms <= 5 and r["errors"] == 0
        elif rate_goal is not None:
            goal = f"≥ {rate_goal:,}/s, p99 ≤ 5 ms"
            met = r["rps"] >= rate_goal and p99_ms <= 5 and r["errors"] == 0
        else:
            goal, met = "(baseline)", None
        verdict = "" if met is None else ("MET" if met else "NOT MET")
        print(f"| {name} | {r['rps']:,.0f} | {r['p50_us']/1000:.2f} | {p99_ms:.2f} | {r['errors']} | "
              f"{ratio:.1%} | {goal} | {verdict} |")
    post = results[-1][1]
    print(f"\nPOST (all rounds): {post['created']} answered 201 Created; episodes in the database afterwards: {episodes}")
    growth = (rss_after - rss_idle) / rss_idle if rss_idle else 0
    print(f"\nLimber server RSS: idle {rss_idle/1024:.1f} MiB; after {limber_requests:,} requests "
          f"{rss_after/1024:.1f} MiB ({growth:+.1%}; goal < 10 % growth after 1,000,000 requests)")
    extra = f" --extra-requests {args.extra_requests}" if args.extra_requests else ""
    print(f"\nReproduce: sh bench/http.sh --duration {args.duration} --connections {args.connections} "
          f"--threads {args.threads} --rounds {args.rounds}{extra}")


if __name__ == "__main__":
    main()
