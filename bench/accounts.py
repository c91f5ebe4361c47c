#!/usr/bin/env python3
"""What accounts cost, and PostgreSQL's durable write rate: the figures issue 12 asks for.

1. Signed-in GETs against the same routes before accounts, on SQLite: one release server and one
   database with 300 cramps; wrk at 64 connections on each route with no accounts (open, loopback),
   then, once `limber users add` has made an account, with the session cookie and with a bearer
   token. Each row is signed-in req/s as a share of open req/s.
2. Sign-in rate with bcrypt at cost 12 (8 connections posting the right password), and whether
   it blocks others: GET /api/v1/exercises measured alone and while sign-ins run.
3. Durable episode writes on PostgreSQL at 64 connections (a fresh id per request; each answer
   comes after the commit), with p99; needs LIMBER_TEST_POSTGRES (a server this script may make
   a database on).

Build first: swift build -c release --scratch-path .build-release --product limber
Run:         python3 bench/accounts.py [--duration 10]
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from http_wrk import LIMBER, POST_LUA, REPORT_LUA, free_port, run_wrk, wait_ready  # noqa: E402

PASSWORD = "correct horse battery staple"
LOGIN_LUA = REPORT_LUA + r"""
function request()
  return wrk.format("POST", "/login", {["Content-Type"] = "application/x-www-form-urlencoded"},
    "username=ana&password=correct+horse+battery+staple")
end
"""


def start(env, port):
    process = subprocess.Popen([LIMBER, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    wait_ready(f"http://127.0.0.1:{port}/healthz")
    return process


def stop(process):
    process.terminate()
    process.wait(timeout=20)


def limber(env, *arguments, stdin=None):
    return subprocess.run([LIMBER, *arguments], env=env, input=stdin, capture_output=True, text=True, check=True)


def fill(env, count):
    """`count` cramps through one import, so the fixture costs seconds, not minutes."""
    import json
    episodes = [{"id": str(uuid.uuid4()), "occurredAt": f"2026-{1 + i % 11:02d}-{1 + i % 28:02d}T0{i % 10}:00:00Z",
                 "durationSeconds": 30 + i % 300, "regions": ["calf"], "severity": i % 11,
                 "triggers": [], "wokeFromSleep": i % 2 == 0, "notes": f"bench {i}"} for i in range(count)]
    path = os.path.join(tempfile.mkdtemp(prefix="limber-bench-fill-"), "import.json")
    with open(path, "w") as f:
        json.dump({"format": "limber-diary", "version": 1, "exportedAt": "2026-12-01T00:00:00Z",
                   "episodes": episodes, "sessions": []}, f)
    limber(env, "import", path)


def sign_in(port):
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None
    opener = urllib.request.build_opener(NoRedirect)
    body = urllib.parse.urlencode({"username": "ana", "password": PASSWORD}).encode()
    try:
        opener.open(urllib.request.Request(f"http://127.0.0.1:{port}/login", data=body), timeout=10)
    except urllib.error.HTTPError as answer:
        cookie = answer.headers.get("Set-Cookie", "")
        match = re.match(r"limber_session=([^;]+)", cookie)
        if answer.code == 303 and match:
            return match.group(1)
    raise SystemExit("signing in did not answer 303 with a session cookie")


def row(name, r):
    return f"| {name} | {r['rps']:,.0f} | {r['p50_us'] / 1000:.2f} | {r['p99_us'] / 1000:.2f} | {r['errors']} |"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--duration", type=int, default=10)
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args()
    if not os.path.exists(LIMBER):
        raise SystemExit(f"missing {LIMBER}: build it first (see the top of this script)")

    class W:  # the arguments run_wrk reads
        def __init__(self, connections):
            self.threads, self.connections, self.duration = args.threads, connections, args.duration

    tmp = tempfile.mkdtemp(prefix="limber-bench-accounts-")
    env = dict(os.environ, LIMBER_DATABASE=os.path.join(tmp, "bench.sqlite"))
    env.pop("LIMBER_USER", None)
    fill(env, 300)
    routes = ["/api/v1/exercises", "/api/v1/episodes", "/api/v1/review", "/routines", "/diary", "/"]
    port = free_port()

    print("## 1. Signed-in GETs against the same routes before accounts (SQLite, 300 cramps, 64 connections)\n")
    server = start(env, port)
    open_rows = {route: run_wrk(f"http://127.0.0.1:{port}{route}", REPORT_LUA, W(64)) for route in routes}
    stop(server)
    limber(env, "users", "add", "ana", "--admin", stdin=PASSWORD + "\n")
    token = limber(env, "users", "token", "ana", "--label", "bench").stdout.strip()
    server = start(env, port)
    cookie = sign_in(port)
    print("| route | open req/s | signed in (cookie) req/s | share | p99 ms | bearer token req/s | share |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for route in routes:
        url = f"http://127.0.0.1:{port}{route}"
        with_cookie = run_wrk(url, REPORT_LUA, W(64), headers=[f"Cookie: limber_session={cookie}"])
        with_token = run_wrk(url, REPORT_LUA, W(64), headers=[f"Authorization: Bearer {token}"])
        before = open_rows[route]
        print(f"| `{route}` | {before['rps']:,.0f} | {with_cookie['rps']:,.0f} | "
              f"{100 * with_cookie['rps'] / before['rps']:.0f} % | {with_cookie['p99_us'] / 1000:.2f} | "
              f"{with_token['rps']:,.0f} | {100 * with_token['rps'] / before['rps']:.0f} % |")
        if with_cookie["errors"] or with_token["errors"]:
            print(f"  errors: cookie {with_cookie['errors']}, token {with_token['errors']}")

    print("\n## 2. Sign-in with bcrypt at cost 12, and GETs beside it\n")
    alone = run_wrk(f"http://127.0.0.1:{port}/api/v1/exercises", REPORT_LUA, W(16),
                    headers=[f"Cookie: limber_session={cookie}"])
    login = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); import accounts; accounts.login_load()",
         os.path.dirname(os.path.abspath(__file__)), str(port), str(args.duration + 2)],
        stdout=subprocess.PIPE, text=True)
    time.sleep(1)
    beside = run_wrk(f"http://127.0.0.1:{port}/api/v1/exercises", REPORT_LUA, W(16),
                     headers=[f"Cookie: limber_session={cookie}"])
    login_result = login.communicate()[0].strip()
    print("| what | req/s | p50 ms | p99 ms | errors |")
    print("|---|---:|---:|---:|---:|")
    print(login_result)
    print(row("GET /api/v1/exercises alone (16 connections)", alone))
    print(row("GET /api/v1/exercises while sign-ins run", beside))
    stop(server)

    admin = os.environ.get("LIMBER_TEST_POSTGRES")
    if not admin:
        print("\n## 3. PostgreSQL writes: skipped, LIMBER_TEST_POSTGRES is not set")
        return
    name = "limber_bench_" + uuid.uuid4().hex[:8]
    subprocess.run(["psql", admin, "-q", "-c", f"CREATE DATABASE {name}"], check=True)
    try:
        parts = urllib.parse.urlsplit(admin)
        database = urllib.parse.urlunsplit(parts._replace(path="/" + name))
        pg_env = dict(env, LIMBER_DATABASE=database)
        pg_port = free_port()
        server = start(pg_env, pg_port)
        writes = run_wrk(f"http://127.0.0.1:{pg_port}/api/v1/episodes", POST_LUA, W(64))
        stop(server)
        print("\n## 3. Durable episode writes on PostgreSQL 15 (64 connections, a new id each)\n")
        print("| what | req/s | p50 ms | p99 ms | errors |")
        print("|---|---:|---:|---:|---:|")
        print(row(f"POST /api/v1/episodes ({writes['created']} created)", writes))
    finally:
        subprocess.run(["psql", admin, "-q", "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=False)


def login_load():
    """Run in a second process: wrk posting the right password at 8 connections; prints one row."""
    port, duration = int(sys.argv[2]), int(sys.argv[3])

    class W:
        threads, connections = 2, 8
    W.duration = duration
    r = run_wrk(f"http://127.0.0.1:{port}/login", LOGIN_LUA, W)
    print(row("POST /login, right password (8 connections)", r))


if __name__ == "__main__":
    main()
