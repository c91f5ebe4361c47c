#!/usr/bin/env python3
"""Server memory under load: VmRSS of `limber serve` idle, then after every wrk round of mixed
requests (catalog, home page, timeline, episode posts in turn), until --requests have been served
or --max-seconds have passed. Goal: growth under 10 % after 1,000,000 requests.

Build first: swift build -c release --scratch-path .build-release --product limber
Run: python3 bench/memory.py [--requests 1000000] [--max-seconds 3600] [--round 30]
"""
import argparse, os, shutil, signal, subprocess, sys, tempfile, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import http_wrk as hw

MIXED_LUA = hw.POST_LUA.replace("function request()", "local n = 0\nfunction request()\n  n = n + 1\n"
    "  if n % 4 == 1 then return wrk.format('GET', '/api/v1/exercises') end\n"
    "  if n % 4 == 2 then return wrk.format('GET', '/') end\n"
    "  if n % 4 == 3 then return wrk.format('GET', '/api/v1/timeline?routine=seed-full') end\n", 1)

p = argparse.ArgumentParser()
p.add_argument("--requests", type=int, default=1_000_000)
p.add_argument("--max-seconds", type=int, default=3600)
p.add_argument("--round", type=int, default=30, help="seconds per wrk round")
p.add_argument("--connections", type=int, default=64)
a = p.parse_args()
tmp = tempfile.mkdtemp(prefix="limber-mem-")
port = hw.free_port()
env = dict(os.environ, LIMBER_DATABASE=os.path.join(tmp, "mem.sqlite"))
proc = subprocess.Popen([hw.LIMBER, "serve", "--port", str(port)], env=env,
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
url = f"http://127.0.0.1:{port}"
try:
    hw.wait_ready(url + "/api/v1/exercises")
    time.sleep(1)
    idle = hw.rss_kib(proc.pid)
    print("| requests served | elapsed s | VmRSS MiB | growth vs idle | RssAnon MiB | RssFile MiB |")
    print("|---:|---:|---:|---:|---:|---:|")
    def row(label, elapsed, rss):
        anon, file = hw.rss_kib(proc.pid, "RssAnon"), hw.rss_kib(proc.pid, "RssFile")
        growth = "—" if rss == idle and label == "0 (idle)" else f"{(rss-idle)/idle:+.1%}"
        print(f"| {label} | {elapsed:.0f} | {rss/1024:.1f} | {growth} | {anon/1024:.1f} | {file/1024:.1f} |", flush=True)
    row("0 (idle)", 0, idle)
    warm = None
    served, start, errors = 0, time.time(), 0
    args = argparse.Namespace(threads=2, connections=a.connections, duration=a.round)
    while served < a.requests and time.time() - start < a.max_seconds:
        r = hw.run_wrk(url, MIXED_LUA, args)
        served += r["requests"]; errors += r["errors"]
        rss = hw.rss_kib(proc.pid)
        row(f"{served:,}", time.time() - start, rss)
        if warm is None:
            warm = (served, rss)
    verdict = "MET" if served >= 1_000_000 and (rss - idle) / idle < 0.10 else (
        "NOT MET" if served >= 1_000_000 else "NOT MEASURED to 1,000,000")
    print(f"\nerrors {errors}; growth after {served:,} requests {(rss-idle)/idle:+.1%} (goal < 10 % after 1,000,000): {verdict}")
    # Growth from the end of the first round: what keeps growing once the buffers and caches
    # that any loaded server needs are in place (a leak shows here; warm-up does not).
    print(f"growth from the first round ({warm[0]:,} requests, {warm[1]/1024:.1f} MiB) to the last: "
          f"{(rss-warm[1])/warm[1]:+.1%}")
    print(f"Reproduce: python3 bench/memory.py --requests {a.requests} --max-seconds {a.max_seconds} --round {a.round}")
finally:
    proc.send_signal(signal.SIGTERM)
    try: proc.wait(timeout=10)
    except subprocess.TimeoutExpired: proc.kill()
    shutil.rmtree(tmp, ignore_errors=True)
