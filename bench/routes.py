#!/usr/bin/env python3
"""Every page and every GET route of `limber serve`, signed in, against the issue-14 fixture, as ratios to hello.

Makes the fixture with bench/fixture.py (20 accounts; "ana" with 1,000 cramps over two years, 300
sessions, 3 custom routines, personal doses, 2 reminders), or reuses one (--fixture DIR, a folder
fixture.py wrote; its database is copied, so runs do not change it). Then starts the hello server
(Benchmarks/Sources/HelloServer) and a release Limber on a copy of that database, on free 127.0.0.1
ports, and runs wrk (64 connections, 2 threads, --duration seconds a row) on:

- every page in PAGES below (the body map, a region page, an exercise page, the safety page, the
  safety check before a relief session, routines, a built-in and a custom routine, the player for
  both, the diary with its next steps, reminders, settings, account, handouts, figure SVGs, static
  CSS and JS, the sign-in page, ...), with the session cookie of a browser that signed in as ana and
  `Accept-Encoding: gzip`, as a browser sends;
- every GET path in openapi.json (the one the measured server serves at /api/v1/openapi.json, read
  at run time, so new routes are measured without editing this script), path parameters filled
  from the fixture, with ana's bearer token and `Accept-Encoding: gzip`; plus the query variants in
  API_VARIANTS. With --plain, each API row is measured again without Accept-Encoding.

A list that answers with `Link: <...>; rel="next"` gets a row for its next page too.

The hello server is measured at the start and the end of every round; each row's ratio is to the
median of those. Each row shows req/s, p50, p99, errors (wrk's non-2xx/3xx answers, timeouts and
socket errors), the status of one request made alone and its time, and the body's size plain and
with gzip. A row whose status is not 2xx/3xx, with any errors, or with no answer at all within
--duration (then measured again at 1 connection for a figure) is marked ERRORS and listed again at
the end. Between rows the script waits until the server is idle (wrk leaves requests unanswered that
the server goes on working on); a server still busy after --drain seconds is restarted, and the row
says so. A row during which the kernel's listen queue overflowed or SYNs were sent again says so.
Also printed: the diary page's first-screen transfer (gzip bytes of GET /diary) and the server's
resident memory before and after.

Build first (from the repository root):
    swift build -c release --scratch-path .build-release --product limber
    (cd Benchmarks && swift build -c release --scratch-path .build-bench --product HelloServer)
Run:
    python3 bench/routes.py [--duration 5] [--rounds 1] [--out bench/results/routes.md]
                            [--fixture DIR] [--plain] [--only SUBSTRING] [--all-regions]
--out FILE writes the Markdown table to FILE and every figure as JSON beside it (FILE with .json).
"""

import argparse
import datetime
import gzip as gziplib
import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from http_wrk import HELLO, LIMBER, REPORT_LUA, ROOT, free_port, rss_kib, run_wrk, wait_ready  # noqa: E402
import fixture as fixture_module  # noqa: E402

OPENAPI = os.path.join(ROOT, "Sources", "LimberServer", "Resources", "openapi.json")

# Pages, from Sources/LimberServer/Pages/*.swift and Accounts/*.swift (router.get(...)): a name and a path
# template; {names} come from the fixture (see values()). auth: "cookie" (signed in as a browser), or
# None (a page that needs no sign-in). Add a line here for a new page.
PAGES = [
    ("home: body map", "/", "cookie"),
    ("region page", "/regions/{region}", "cookie"),
    ("exercise page", "/exercises/{exercise}", "cookie"),
    ("safety page", "/safety", "cookie"),
    ("safety check (player, relief routine)", "/play?routine={relief_routine}", "cookie"),
    ("routines", "/routines", "cookie"),
    ("routine page, built-in", "/routines/{built_in_routine}", "cookie"),
    ("routine page, custom", "/routines/{custom_routine}", "cookie"),
    ("new routine form", "/routines/new", "cookie"),
    ("edit routine form", "/routines/{custom_routine}/edit", "cookie"),
    ("player, built-in routine", "/play?routine={built_in_routine}", "cookie"),
    ("player, custom routine", "/play?routine={custom_routine}", "cookie"),
    ("player, plan for a region", "/play?region={region}&side=left", "cookie"),
    ("diary (with next steps)", "/diary", "cookie"),
    ("diary, one month", "/diary?month={month}", "cookie"),
    ("edit episode form", "/diary/{episode}/edit", "cookie"),
    ("reminders", "/reminders", "cookie"),
    ("settings", "/settings", "cookie"),
    ("export page", "/export", "cookie"),
    ("account", "/account", "cookie"),
    ("household", "/household", "cookie"),
    ("handout, built-in routine", "/routines/{built_in_routine}/handout", "cookie"),
    ("handout, custom routine", "/routines/{custom_routine}/handout", "cookie"),
    ("handout, plan for a region", "/handout?region={region}", "cookie"),
    ("figure SVG", "/figures/{exercise}.svg", "cookie"),
    ("figure SVG, mirrored", "/figures/{exercise}.svg?side=right", "cookie"),
    ("figure.css", "/figure.css", "cookie"),
    ("static style.css", "/static/style.css", None),
    ("static player.js", "/static/player.js", None),
    ("static figure.js", "/static/figure.js", None),
    ("static figure-page.js", "/static/figure-page.js", None),
    ("static handout.css", "/static/handout.css", None),
    ("static icon.svg", "/static/icon.svg", None),
    ("sign-in page", "/login", None),
    ("calendar feed", "{calendar_path}", None),
    ("healthz", "/healthz", None),
]

# Extra API rows beside the one each GET path gets: query variants worth their own figure.
API_VARIANTS = [
    "/api/v1/exercises?region={region}",
    "/api/v1/routines/{built_in_routine}",
    "/api/v1/routines/{built_in_routine}/timeline",
    "/api/v1/timeline?region={region}&side=left",
    "/api/v1/episodes?region={region}",
    "/api/v1/episodes?since={since}",
    "/api/v1/export?format=csv",
    "/api/v1/safety?region={region}",
]
# Query parameters a GET path needs to answer 200 although openapi.json marks none required.
API_QUERY = {"/api/v1/timeline": "routine={built_in_routine}"}
# Which fixture value fills a path parameter: by the parameter's $ref name, else by the segment before it.
PARAMETER_VALUES = {"ExerciseID": "exercise", "RoutineID": "custom_routine", "EpisodeID": "episode",
                    "ReminderID": "reminder", "PersonalDoseExerciseID": "dose_exercise"}
SEGMENT_VALUES = {"exercises": "exercise", "routines": "custom_routine", "episodes": "episode",
                  "sessions": "session", "reminders": "reminder", "personal-doses": "dose_exercise",
                  "regions": "region"}


def api_rows(document=None):
    """A template for every GET in openapi.json (the one the server serves, else the source tree's),
    path parameters as {fixture names}."""
    if document is None:
        with open(OPENAPI) as f:
            document = json.load(f)
    rows = []
    for path, item in document["paths"].items():
        if "get" not in item:
            continue
        template = path
        parameters = item["get"].get("parameters", []) + item.get("parameters", [])
        refs = {}
        for parameter in parameters:
            if "$ref" in parameter:
                ref = parameter["$ref"].rsplit("/", 1)[-1]
                resolved = document["components"]["parameters"][ref]
                if resolved.get("in") == "path":
                    refs[resolved["name"]] = ref
        segments = path.strip("/").split("/")
        for n, segment in enumerate(segments):
            if segment.startswith("{") and segment.endswith("}"):
                name = segment[1:-1]
                value = PARAMETER_VALUES.get(refs.get(name, "")) or SEGMENT_VALUES.get(segments[n - 1] if n else "")
                template = template.replace(segment, "{" + (value or f"UNKNOWN:{name}") + "}", 1)
        if path in API_QUERY:
            template += "?" + API_QUERY[path]
        rows.append(template)
    return rows + API_VARIANTS


def values(info):
    now = datetime.datetime.now(datetime.timezone.utc)
    return {
        "region": "calf" if "calf" in info["region_ids"] else info["region_ids"][0],
        "exercise": "calf-stretch-wall" if "calf-stretch-wall" in info["exercise_ids"] else info["exercise_ids"][0],
        "relief_routine": "relief-calf",
        "built_in_routine": info["built_in_routine_id"],
        "custom_routine": info["routine_id"],
        "episode": info["episode_id"],
        "session": info["session_id"],
        "reminder": info["reminder_id"],
        "dose_exercise": (info["personal_doses"] or ["calf-stretch-wall"])[0],
        "calendar_path": info.get("calendar_path") or "/calendar/missing.ics",
        "month": now.strftime("%Y-%m"),
        "since": (now - datetime.timedelta(days=30)).strftime("%Y-%m-%d"),
    }


def fill(template, known):
    try:
        return template.format(**known), None
    except KeyError as missing:
        return template, f"no fixture value for {missing}"


def probe(port, path, headers):
    """One request alone: status, body bytes as sent, seconds, Content-Encoding, Link header."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    seconds = time.perf_counter() - started
    connection.close()
    return {"status": response.status, "bytes": len(body), "seconds": seconds,
            "encoding": response.getheader("Content-Encoding") or "", "link": response.getheader("Link") or "",
            "body": body}


def tcp_counters():
    """Kernel TCP counters (this network namespace): listen-queue overflows and SYN retransmissions,
    which show as latencies of 1 s and more (the first SYN retransmission waits 1 s)."""
    wanted = {"ListenOverflows", "ListenDrops", "TCPSynRetrans"}
    try:
        with open("/proc/net/netstat") as f:
            lines = [line.split() for line in f if line.startswith("TcpExt:")]
        return {k: int(v) for k, v in zip(lines[0][1:], lines[1][1:]) if k in wanted}
    except (OSError, IndexError, ValueError):
        return {}


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_idle(pid, port, longest):
    """Seconds until the server is idle again after a row: wrk stops sending, but requests it left
    unanswered go on being worked on and would be charged to the next row. Idle: under 10 % of a CPU
    for 0.3 s and /healthz answering."""
    started = time.time()
    while time.time() - started < longest:
        before = cpu_seconds(pid)
        time.sleep(0.3)
        if cpu_seconds(pid) - before < 0.03:
            try:
                if probe(port, "/healthz", {})["status"] == 200:
                    break
            except OSError:
                pass
    return time.time() - started


class WrkArguments:
    def __init__(self, args):
        self.threads, self.connections, self.duration = args.threads, args.connections, args.duration


def start_servers(database, binary=LIMBER, hello_binary=HELLO):
    hello_port, limber_port = free_port(), free_port()
    env = dict(os.environ, LIMBER_DATABASE=database)
    env.pop("LIMBER_USER", None)
    hello = subprocess.Popen([hello_binary, str(hello_port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    limber = subprocess.Popen([binary, "serve", "--port", str(limber_port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_ready(f"http://127.0.0.1:{hello_port}/")
    wait_ready(f"http://127.0.0.1:{limber_port}/healthz")
    return hello, hello_port, limber, limber_port


def stop_servers(processes):
    for process in processes:
        process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def prepare_fixture(args, tmp):
    """The fixture's info, with its database copied into tmp."""
    if args.fixture and os.path.exists(os.path.join(args.fixture, "fixture.json")):
        with open(os.path.join(args.fixture, "fixture.json")) as f:
            info = json.load(f)
        print(f"fixture: reusing {args.fixture} (made by bench/fixture.py)")
    else:
        info = fixture_module.make_fixture(args.binary, args.fixture or os.path.join(tmp, "fixture"))
    database = os.path.join(tmp, "run.sqlite")
    shutil.copyfile(info["database"], database)
    for suffix in ("-wal", "-shm"):
        if os.path.exists(info["database"] + suffix):
            shutil.copyfile(info["database"] + suffix, database + suffix)
    return info, database


def build_rows(info, args, document=None):
    known = values(info)
    rows = []
    for name, template, auth in PAGES:
        if template == "/regions/{region}" and args.all_regions:
            for region in info["region_ids"]:
                rows.append({"name": f"region page {region}", "kind": "page", "template": template,
                             "path": template.replace("{region}", region), "auth": auth, "gzip": True})
            continue
        path, problem = fill(template, known)
        rows.append({"name": name, "kind": "page", "template": template, "path": path, "auth": auth,
                     "gzip": True, "problem": problem})
    for template in api_rows(document):
        path, problem = fill(template, known)
        for compressed in ([True, False] if args.plain else [True]):
            rows.append({"name": "GET " + template + ("" if compressed else ", plain"), "kind": "api",
                         "template": template, "path": path, "auth": "token", "gzip": compressed,
                         "problem": problem})
    if args.only:
        rows = [r for r in rows if any(o in r["name"] or o in r["path"] for o in args.only)]
    return rows


def headers_for(row, info, cookie):
    headers = {}
    if row["auth"] == "cookie":
        headers["Cookie"] = f"limber_session={cookie}"
    elif row["auth"] == "token":
        headers["Authorization"] = f"Bearer {info['token']}"
    if row["gzip"]:
        headers["Accept-Encoding"] = "gzip"
    return headers


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--duration", type=int, default=5, help="seconds of wrk a row (default 5)")
    p.add_argument("--rounds", type=int, default=1, help="measure every row this many times, interleaved; "
                                                           "each row's median round is reported")
    p.add_argument("--connections", type=int, default=64)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--fixture", help="a folder from bench/fixture.py to reuse (made there when missing)")
    p.add_argument("--plain", action="store_true", help="measure every API row without Accept-Encoding too")
    p.add_argument("--all-regions", action="store_true", help="one row for every region page, not only one")
    p.add_argument("--only", action="append", help="only rows whose name or path contains this (repeatable)")
    p.add_argument("--out", help="write the Markdown table here, and JSON beside it")
    p.add_argument("--drain", type=float, default=20,
                   help="longest wait, in seconds, for the server to finish requests wrk left behind; then it is "
                        "restarted, so the next row is not charged for them (default 20)")
    p.add_argument("--binary", default=LIMBER, help="the limber binary (default: the release build)")
    p.add_argument("--hello", default=HELLO, help="the hello server binary (default: its release build)")
    args = p.parse_args()
    # Stopped with SIGTERM, still stop the servers it started (the finally blocks below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")
    for path in (args.binary, args.hello):
        if not os.path.exists(path):
            raise SystemExit(f"missing {path}: build it first (see the top of this script)")

    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    tmp = tempfile.mkdtemp(prefix="limber-bench-routes-")
    processes = []
    wrk_args = WrkArguments(args)
    try:
        info, database = prepare_fixture(args, tmp)
        hello, hello_port, limber, limber_port = start_servers(database, args.binary, args.hello)
        processes = [hello, limber]
        cookie = fixture_module.sign_in(limber_port)
        # The route list comes from the document this binary serves, so it matches the binary measured.
        served = probe(limber_port, "/api/v1/openapi.json", {"Authorization": f"Bearer {info['token']}"})
        document = json.loads(served["body"]) if served["status"] == 200 else None
        if document is None:
            print(f"GET /api/v1/openapi.json answered {served['status']}: using {OPENAPI}", file=sys.stderr)
        rows = build_rows(info, args, document)
        restarts = []

        def restart_limber(why):
            """A fresh Limber on the same port and database, when one is still busy with what wrk left."""
            nonlocal limber, cookie
            restarts.append({"why": why, "rss_kib": rss_kib(limber.pid)})
            stop_servers([limber])
            env = dict(os.environ, LIMBER_DATABASE=database)
            env.pop("LIMBER_USER", None)
            limber = subprocess.Popen([args.binary, "serve", "--port", str(limber_port)], env=env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            processes[1] = limber
            wait_ready(f"http://127.0.0.1:{limber_port}/healthz")
            cookie = fixture_module.sign_in(limber_port)
        time.sleep(1)
        rss_before = rss_kib(limber.pid)
        started = time.time()

        # One request alone per row, before any load: status, time, sizes plain and gzip. A list that
        # says where its next page is (Link: <...>; rel="next") gets a row for that page too.
        for row in rows:
            if row.get("problem") or "status" in row:
                continue
            headers = headers_for(row, info, cookie)
            plain_headers = {k: v for k, v in headers.items() if k != "Accept-Encoding"}
            plain = probe(limber_port, row["path"], plain_headers)
            packed = probe(limber_port, row["path"], dict(plain_headers, **{"Accept-Encoding": "gzip"}))
            row.update(status=plain["status"], alone_ms=plain["seconds"] * 1000, plain_bytes=plain["bytes"],
                       gzip_bytes=packed["bytes"], gzip_sent=packed["encoding"] == "gzip", link=plain["link"])
            if not row["gzip_sent"]:
                row["gzip_possible"] = len(gziplib.compress(plain["body"], 6))
            if not 200 <= plain["status"] < 400:
                row["problem"] = f"HTTP {plain['status']}: {plain['body'][:160].decode('utf-8', 'replace')}"
            following = re.search(r'<([^>]+)>\s*;\s*rel="?next"?', row["link"])
            if following and not row["name"].endswith("next page"):
                target = urllib.parse.urlsplit(following.group(1))
                next_page = {k: row[k] for k in ("kind", "auth", "gzip")}
                next_page.update(name=row["name"] + ", next page", template=row["template"] + " (rel=next)",
                                 path=target.path + ("?" + target.query if target.query else ""))
                rows.insert(rows.index(row) + 1, next_page)

        hello_runs, runs = [], {id(row): [] for row in rows}
        limber_requests = 0
        for round_number in range(args.rounds):
            hello_runs.append(run_wrk(f"http://127.0.0.1:{hello_port}/", REPORT_LUA, wrk_args))
            for n, row in enumerate(rows):
                if row.get("problem") and "status" not in row:
                    continue
                row.setdefault("busy_before_s", []).append(round(wait_idle(limber.pid, limber_port, args.drain), 1))
                headers = [f"{k}: {v}" for k, v in headers_for(row, info, cookie).items()]
                counted = tcp_counters()
                r = run_wrk(f"http://127.0.0.1:{limber_port}{row['path']}", REPORT_LUA, wrk_args, headers)
                r["tcp"] = {k: v - counted.get(k, 0) for k, v in tcp_counters().items()}
                r["busy_after_s"] = round(wait_idle(limber.pid, limber_port, args.drain), 1)
                if r["busy_after_s"] >= args.drain:
                    r["restarted"] = True
                    restart_limber(f"still busy {args.drain:.0f} s after {row['name']}")
                if r["requests"] == 0:
                    # Nothing answered at all: one connection alone gives this route a figure at least.
                    class One:
                        threads, connections, duration = 1, 1, args.duration
                    single = run_wrk(f"http://127.0.0.1:{limber_port}{row['path']}", REPORT_LUA, One, headers)
                    r["one_connection"] = single
                    limber_requests += single["requests"]
                    wait_idle(limber.pid, limber_port, args.drain)
                runs[id(row)].append(r)
                limber_requests += r["requests"]
                print(f"  round {round_number + 1} [{n + 1}/{len(rows)}] {row['name']}: {r['rps']:,.0f} req/s, "
                      f"p99 {r['p99_us'] / 1000:.1f} ms, errors {r['errors']}, busy {r['busy_after_s']} s after",
                      file=sys.stderr)
            hello_runs.append(run_wrk(f"http://127.0.0.1:{hello_port}/", REPORT_LUA, wrk_args))
        time.sleep(1)
        rss_after = rss_kib(limber.pid)
        limber_alive = limber.poll() is None
        elapsed = time.time() - started
    finally:
        stop_servers(processes)
        shutil.rmtree(tmp, ignore_errors=True)

    hello_rps = statistics.median(r["rps"] for r in hello_runs)
    for row in rows:
        measured = runs[id(row)]
        if measured:
            row["wrk"] = sorted(measured, key=lambda r: r["rps"])[len(measured) // 2]
            row["ratio"] = row["wrk"]["rps"] / hello_rps
            if row["wrk"]["requests"] == 0 and not row.get("problem"):
                one = row["wrk"].get("one_connection")
                row["problem"] = f"no request answered within {args.duration} s at {args.connections} connections " \
                                 f"(one alone took {row['alone_ms']:,.0f} ms" + (
                                     f"; at 1 connection {one['rps']:,.1f} req/s, p99 {one['p99_us'] / 1000:,.0f} ms"
                                     if one else "") + ")"
            elif row["wrk"]["errors"] and not row.get("problem"):
                row["problem"] = f"{row['wrk']['errors']} errors under load ({row['wrk']['err_status']} non-2xx/3xx, " \
                                 f"{row['wrk']['err_timeout']} timeouts)"

    built = time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(os.path.getmtime(args.binary)))
    lines = [f"Limber binary {args.binary} built {built}; checkout at {commit}"
             f"{' (with uncommitted changes)' if dirty else ''}. Routes against the fixture "
             f"(ana: {info['episodes']} episodes, {info['sessions']} sessions; {len(info['accounts'])} accounts). "
             f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s, "
             f"{'median of ' + str(args.rounds) + ' rounds' if args.rounds > 1 else '1 round'}, release builds, "
             f"{os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {elapsed:.0f} s.",
             "",
             f"Hello server: {hello_rps:,.0f} req/s (median of {len(hello_runs)} runs: "
             + ", ".join(f"{r['rps']:,.0f}" for r in hello_runs) + ").",
             "",
             "| route | path | req/s | p50 ms | p99 ms | errors | ratio to hello | alone ms | plain bytes | "
             "gzip bytes | busy after s | result |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for row in rows:
        r = row.get("wrk")
        gzip_cell = f"{row['gzip_bytes']:,}" if row.get("gzip_sent") else (
            f"not sent ({row['gzip_possible']:,} possible)" if "gzip_possible" in row else "")
        result = f"**ERRORS: {row['problem']}**" if row.get("problem") else "ok"
        tcp = (r or {}).get("tcp", {})
        if tcp.get("ListenOverflows") or tcp.get("TCPSynRetrans"):
            result += f" (listen queue overflowed {tcp.get('ListenOverflows', 0)}×, " \
                      f"{tcp.get('TCPSynRetrans', 0)} SYNs sent again)"
        if r:
            lines.append(f"| {row['name']} | `{row['path']}` | {r['rps']:,.0f} | {r['p50_us'] / 1000:.2f} | "
                         f"{r['p99_us'] / 1000:.2f} | {r['errors']:,} | {row['ratio']:.1%} | {row['alone_ms']:.1f} | "
                         f"{row['plain_bytes']:,} | {gzip_cell} | {r['busy_after_s']:.1f} | {result} |")
        else:
            lines.append(f"| {row['name']} | `{row['path']}` | | | | | | | | | | {result} |")
    for row in rows:
        if row.get("wrk", {}).get("restarted"):
            row["problem"] = (row.get("problem") or "slow") + f"; the server was still busy {args.drain:.0f} s later " \
                "with the requests wrk left unanswered, and was restarted"
    errored = [row for row in rows if row.get("problem")]
    lines.append("")
    if errored:
        lines.append(f"**{len(errored)} rows ERRORED:**")
        lines += [f"- {row['name']} `{row['path']}`: {row['problem']}" for row in errored]
    else:
        lines.append("No row errored: every answer was 2xx or 3xx.")
    diary = next((row for row in rows if row["template"] == "/diary" and "gzip_bytes" in row), None)
    if diary:
        lines.append("")
        lines.append(f"Diary first screen (GET /diary with Accept-Encoding: gzip): {diary['gzip_bytes']:,} bytes "
                     f"transferred ({'gzip' if diary['gzip_sent'] else 'NOT compressed'}; "
                     f"{diary['plain_bytes']:,} bytes of HTML; goal at most 40 KB = 40,960 bytes: "
                     f"{'MET' if diary['gzip_bytes'] <= 40960 else 'NOT MET'}).")
    lines.append("")
    lines.append(f"Limber server RSS: before {rss_before / 1024:.1f} MiB; after {limber_requests:,} requests "
                 f"{rss_after / 1024:.1f} MiB ({(rss_after - rss_before) / rss_before:+.1%})"
                 + ("" if limber_alive else " (THE SERVER HAD EXITED)") + "."
                 + (f" Restarted {len(restarts)} times (a server busy with what wrk left behind); RSS at each "
                    "restart: " + ", ".join(f"{r['rss_kib'] / 1024:.1f} MiB" for r in restarts)
                    + ", so 'after' is the last server's only." if restarts else ""))
    reproduce = " ".join(["python3 bench/routes.py", f"--duration {args.duration}", f"--rounds {args.rounds}"]
                         + (["--plain"] if args.plain else []) + (["--all-regions"] if args.all_regions else []))
    lines.append("")
    lines.append(f"Reproduce: {reproduce}")
    text = "\n".join(lines)
    print("\n" + text)
    if args.out:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, "w") as f:
            f.write(text + "\n")
        stem = args.out[:-3] if args.out.endswith(".md") else args.out
        with open(stem + ".json", "w") as f:
            json.dump({"commit": commit, "dirty": bool(dirty), "binary": args.binary, "binary_built": built,
                       "hello_rps": hello_rps, "hello_runs": hello_runs, "arguments": vars(args),
                       "rss_before_kib": rss_before, "restarts": restarts, "rss_after_kib": rss_after,
                       "limber_requests": limber_requests,
                       "rows": [{k: v for k, v in row.items() if k != "body"} for row in rows]}, f, indent=1)
        print(f"\nwrote {args.out} and {stem}.json")


if __name__ == "__main__":
    main()
