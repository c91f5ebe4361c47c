#!/usr/bin/env python3
"""A realistic fixture database for measuring every route (issue 14), made only through Limber itself.

Everything goes through a release `limber` binary: accounts with `limber users add` (the first,
"ana", with --admin) and `limber users token`, then every record through the running server's JSON
API with each account's bearer token, as a client would send it (no SQL written by hand):

- ana, the account that is measured: 1,000 cramp episodes spread over the last two years (each with
  its own id; one or two regions from GET /api/v1/regions, a side where the region has one, triggers,
  notes of realistic length), 300 guided sessions (POST /api/v1/sessions, with ratings and pain
  scores), 3 custom routines (POST /api/v1/routines), personal doses (the last sessions rate the
  exercises of seed-full "too easy", then every suggestion with a dose is accepted through
  POST /api/v1/progress/{id}/accept) and 2 reminders (POST /api/v1/reminders);
- 19 other accounts with a smaller diary each (50 episodes and 10 sessions by default).

The same seed makes the same records (ids included), apart from the times, which count back from
now so that nothing is in the future.

Build first: swift build -c release --scratch-path .build-release --product limber
Run:         python3 bench/fixture.py [--folder DIR] [--episodes 1000] [--sessions 300] [--accounts 20]
As a module: from fixture import make_fixture; info = make_fixture(binary, folder)
             info["database"], info["token"], info["cookie"], info["episode_id"], info["session_id"],
             info["routine_id"] (a custom routine), info["reminder_id"], ...
"""

import argparse
import datetime
import http.client
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from http_wrk import LIMBER, free_port, wait_ready  # noqa: E402

PASSWORD = "correct horse battery staple"
USER = "ana"
OTHER_NAMES = ["ben", "chloe", "dev", "elif", "femi", "greta", "hiro", "ines", "jonas", "kofi", "lena", "marek",
               "nora", "omar", "priya", "quinn", "rosa", "sami", "tomas", "ulla", "viktor", "wen", "xavi", "yara"]
TRIGGERS = ["night", "exercise", "dehydration", "heat", "long-sitting", "pregnancy", "alcohol", "statin",
            "diuretic", "new-medicine", "walking", "caffeine", "other"]
# Weights: night cramps and exercise are what most diaries hold.
TRIGGER_WEIGHTS = [30, 15, 10, 6, 8, 1, 4, 3, 2, 2, 6, 5, 3]

NOTE_PARTS = [
    "Woke up with the calf locked hard", "came on while turning over in bed", "started halfway through a run",
    "after a long day at the desk", "had been on my feet at work for nine hours", "drank less water than usual",
    "hot evening, windows open", "tried flexing the foot up towards the knee", "walked it off in the kitchen",
    "left a sore spot for most of the morning", "the second one this week", "toes curled and would not straighten",
    "eased after the wall stretch", "took a while to fall asleep again", "mild, mostly a twitch",
    "the muscle felt tight all the next day", "had two coffees in the afternoon", "glass of wine with dinner",
    "new shoes, more walking than usual", "after gardening for a couple of hours", "cold bedroom",
    "massaged it and it let go", "stood on a cold floor, which helped", "long drive, four hours without a stop",
    "after swimming lengths", "started in the shoulder and spread up the neck", "at the end of a cycling ride",
]
RELIEF = ["stretching at the wall", "walking around", "massage", "standing on a cold floor", "a warm shower",
          "flexing the foot", "the seated towel stretch", "rest"]


def note(rng, longest=300):
    """A note of a realistic length: often empty, usually one or two clauses, now and then a few lines."""
    r = rng.random()
    if r < 0.25:
        return ""
    parts = rng.sample(NOTE_PARTS, 1 if r < 0.6 else (2 if r < 0.9 else rng.randint(3, 6)))
    text = ", ".join(parts) + "."
    return text[0].upper() + text[1:longest]


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


class Client:
    """One keep-alive connection to the server, signed in with a bearer token."""

    def __init__(self, port, token):
        self.port, self.token = port, token
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def call(self, method, path, body=None, expect=(200, 201)):
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        for attempt in range(2):
            try:
                self.connection.request(method, path, body=data, headers=headers)
                response = self.connection.getresponse()
                raw = response.read()
                break
            except (http.client.HTTPException, ConnectionError):
                if attempt:
                    raise
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        if response.status not in expect:
            raise SystemExit(f"fixture: {method} {path} answered {response.status}: {raw[:500]!r}\nbody: {body}")
        return json.loads(raw) if raw else None

    def close(self):
        self.connection.close()


def limber_cli(binary, env, *arguments, stdin=None):
    done = subprocess.run([binary, *arguments], env=env, input=stdin, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"fixture: limber {' '.join(arguments)} failed ({done.returncode}): {done.stderr}")
    return done.stdout


def sign_in(port, username=USER, password=PASSWORD):
    """POST /login as a browser does; the session cookie's value."""
    body = urllib.parse.urlencode({"username": username, "password": password})
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("POST", "/login", body=body,
                       headers={"Content-Type": "application/x-www-form-urlencoded",
                                "Origin": f"http://127.0.0.1:{port}"})
    response = connection.getresponse()
    response.read()
    connection.close()
    match = re.search(r"limber_session=([^;]+)", response.getheader("Set-Cookie") or "")
    if response.status != 303 or not match:
        raise SystemExit(f"fixture: signing in as {username} answered {response.status}, no session cookie")
    return match.group(1)


def episodes_for(rng, count, regions, now, days=730):
    sided = {r["id"]: r["sided"] for r in regions}
    ids = [r["id"] for r in regions]
    # Legs cramp far more often than anywhere else.
    weights = [8 if i in ("calf", "foot", "back-thigh", "front-thigh") else 2 for i in ids]
    out = []
    for _ in range(count):
        # Mostly at night, some in the day; a little more often in recent months.
        day = int(days * (1 - rng.random() ** 1.3))
        hour = rng.choice([0, 1, 2, 3, 4, 5, 23, 22]) if rng.random() < 0.6 else rng.randint(6, 21)
        at = (now - datetime.timedelta(days=day)).replace(hour=hour, minute=rng.randint(0, 59),
                                                          second=rng.randint(0, 59), microsecond=0)
        if at > now - datetime.timedelta(minutes=10):
            at = now - datetime.timedelta(hours=1 + rng.random() * 20)
        chosen = rng.choices(ids, weights=weights, k=1)
        if rng.random() < 0.15:
            extra = rng.choice(ids)
            if extra not in chosen:
                chosen.append(extra)
        episode = {"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "occurredAt": iso(at),
                   "durationSeconds": max(1, min(86400, int(rng.lognormvariate(4.2, 0.9)))),
                   "regions": chosen, "severity": rng.randint(1, 9),
                   "triggers": sorted(set(rng.choices(TRIGGERS, weights=TRIGGER_WEIGHTS, k=rng.randint(0, 3)))),
                   "wokeFromSleep": hour < 6 or hour >= 22, "notes": note(rng)}
        if all(sided[r] for r in chosen) and rng.random() < 0.85:
            episode["side"] = rng.choice(["left", "right"])
        if rng.random() < 0.5:
            episode["relievedBy"] = rng.choice(RELIEF)
        out.append(episode)
    return out


def sessions_for(rng, count, routines, now, days=730, easy_finish=None):
    """`count` sessions spread over `days`; with easy_finish (a built-in routine), the 4 newest are that
    routine finished with every exercise rated too easy and no rise in pain, so progress suggests doses."""
    out = []
    for n in range(count):
        last = easy_finish is not None and n >= count - 4
        routine = easy_finish if last else rng.choice(routines)
        if last:
            start = now - datetime.timedelta(days=count - n, hours=2)
        else:
            start = now - datetime.timedelta(days=rng.randint(5, days), minutes=rng.randint(0, 1440))
        total = len(routine["items"]) * 2 + 1
        complete = last or rng.random() < 0.8
        done = total if complete else rng.randint(0, total - 1)
        skipped = 0 if complete else rng.randint(0, total - done)
        end = start + datetime.timedelta(seconds=routine["totalSeconds"] if complete else rng.randint(20, 300))
        ratings = []
        for item in routine["items"]:
            if last:
                ratings.append({"exerciseId": item["exerciseId"], "difficulty": "too-easy"})
            elif rng.random() < 0.5:
                ratings.append({"exerciseId": item["exerciseId"],
                                "difficulty": rng.choices(["too-easy", "about-right", "too-hard"], [2, 6, 1])[0]})
        before = rng.randint(0, 7)
        session = {"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "routineId": routine["id"],
                   "routineName": routine["name"], "startedAt": iso(start), "endedAt": iso(end),
                   "isComplete": complete, "stepsCompleted": done, "stepsSkipped": skipped, "stepsTotal": total,
                   "ratings": ratings, "painBefore": before, "painAfter": max(0, before - rng.randint(0, 3))}
        out.append(session)
    return out


def make_fixture(binary=LIMBER, folder=None, accounts=20, episodes=1000, sessions=300, other_episodes=50,
                 other_sessions=10, seed=14, log=print):
    """Makes `folder`/fixture.sqlite and returns what a benchmark needs to use it (see the top)."""
    started = time.time()
    folder = folder or tempfile.mkdtemp(prefix="limber-fixture-")
    os.makedirs(folder, exist_ok=True)
    database = os.path.join(folder, "fixture.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(database + suffix):
            os.unlink(database + suffix)
    env = dict(os.environ, LIMBER_DATABASE=database)
    env.pop("LIMBER_USER", None)
    rng = random.Random(seed)
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)

    names = [USER] + OTHER_NAMES[:accounts - 1]
    if len(names) < accounts:
        names += [f"person{n}" for n in range(len(names), accounts)]
    tokens = {}
    for n, name in enumerate(names):
        limber_cli(binary, env, "users", "add", name, *(["--admin"] if n == 0 else []), stdin=PASSWORD + "\n")
        printed = limber_cli(binary, env, "users", "token", name, "--label", "bench")
        match = re.search(r"lmbt_[A-Za-z0-9_-]+", printed)
        if not match:
            raise SystemExit(f"fixture: limber users token printed no token: {printed!r}")
        tokens[name] = match.group(0)
    log(f"fixture: {len(names)} accounts in {time.time() - started:.1f} s")

    port = free_port()
    server = subprocess.Popen([binary, "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_ready(f"http://127.0.0.1:{port}/healthz")
        ana = Client(port, tokens[USER])
        regions = ana.call("GET", "/api/v1/regions", expect=(200,))
        exercises = ana.call("GET", "/api/v1/exercises", expect=(200,))
        built_in = [r for r in ana.call("GET", "/api/v1/routines", expect=(200,)) if r["isBuiltIn"]]

        # Three routines of ana's own: a short one, one with changed doses, one at the most items allowed.
        by_region = {}
        for exercise in exercises:
            regions_of = exercise.get("regions", [])
            if isinstance(regions_of, dict):
                regions_of = regions_of.get("primary", []) + regions_of.get("secondary", [])
            for region in regions_of:
                by_region.setdefault(region, []).append(exercise)
        calf = [e["id"] for e in by_region.get("calf", exercises[:3])]
        mine = []
        specs = [
            {"name": "Before bed, short", "purpose": "bedtime", "summary": "Two calf stretches before sleep.",
             "items": [{"exerciseId": i} for i in calf[:2]]},
            {"name": "Desk breaks", "purpose": "prevention",
             "summary": "Neck and back between meetings; holds a little longer than the catalog's.",
             "items": [{"exerciseId": e["id"], "dose": {"sets": 2}} for e in
                       (by_region.get("neck", []) + by_region.get("upper-back", []))[:4]]},
            {"name": "Everything, once", "purpose": "prevention", "summary": "Twenty exercises in a row.",
             "items": [{"exerciseId": e["id"]} for e in exercises[:20]]},
        ]
        for spec in specs:
            mine.append(ana.call("POST", "/api/v1/routines", spec, expect=(201,)))

        t = time.time()
        diary = episodes_for(rng, episodes, regions, now)
        for episode in diary:
            ana.call("POST", "/api/v1/episodes", episode, expect=(201,))
        log(f"fixture: {episodes} episodes for {USER} in {time.time() - t:.1f} s")

        t = time.time()
        seed_full = next((r for r in built_in if r["id"] == "seed-full"), built_in[-1])
        records = sessions_for(rng, sessions, built_in + mine, now, easy_finish=seed_full)
        for session in records:
            ana.call("POST", "/api/v1/sessions", session, expect=(201,))
        log(f"fixture: {sessions} sessions for {USER} in {time.time() - t:.1f} s")

        accepted = []
        for suggestion in ana.call("GET", "/api/v1/progress", expect=(200,)):
            if suggestion.get("proposed"):
                path = "/api/v1/progress/" + urllib.parse.quote(suggestion["id"], safe="") + "/accept"
                accepted.append(ana.call("POST", path, expect=(200, 201)))
        if not accepted:
            log("fixture: WARNING: no progression suggestion had a dose to accept; no personal doses")

        reminders = [
            ana.call("POST", "/api/v1/reminders",
                     {"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "routineId": "bedtime-leg-cramps",
                      "weekdays": [1, 2, 3, 4, 5, 6, 7], "hour": 22, "minute": 30, "timeZone": "Europe/London"},
                     expect=(201,)),
            ana.call("POST", "/api/v1/reminders",
                     {"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "routineId": mine[1]["id"],
                      "weekdays": [1, 3, 5], "hour": 11, "minute": 0, "timeZone": "Europe/London"},
                     expect=(201,)),
        ]
        ana.close()

        t = time.time()
        for name in names[1:]:
            other = Client(port, tokens[name])
            for episode in episodes_for(rng, other_episodes, regions, now, days=365):
                other.call("POST", "/api/v1/episodes", episode, expect=(201,))
            for session in sessions_for(rng, other_sessions, built_in, now, days=365):
                other.call("POST", "/api/v1/sessions", session, expect=(201,))
            other.close()
        log(f"fixture: {len(names) - 1} other accounts with {other_episodes} episodes and {other_sessions} "
            f"sessions each in {time.time() - t:.1f} s")
        cookie = sign_in(port)
    finally:
        server.terminate()
        server.wait(timeout=20)

    # The calendar feed's secret address (a GET route without a sign-in), made the way a person would.
    feed = limber_cli(binary, env, "remind", "feed", "--user", USER, "--new")
    match = re.search(r"/calendar/[^\s]+\.ics", feed)
    calendar_path = match.group(0) if match else None
    if not calendar_path:
        log(f"fixture: WARNING: limber remind feed --new printed no /calendar/... address: {feed!r}")

    newest = max(diary, key=lambda e: e["occurredAt"])
    info = {
        "database": database, "folder": folder, "user": USER, "password": PASSWORD, "token": tokens[USER],
        "cookie": cookie, "accounts": names, "episodes": episodes, "sessions": sessions,
        "episode_id": newest["id"], "session_id": records[-1]["id"],
        "routine_id": mine[0]["id"], "routine_ids": [r["id"] for r in mine], "built_in_routine_id": seed_full["id"],
        "reminder_id": reminders[0]["id"], "calendar_path": calendar_path, "reminder_ids": [r["id"] for r in reminders],
        "personal_doses": [d["exerciseId"] for d in accepted],
        "region_ids": [r["id"] for r in regions], "exercise_ids": [e["id"] for e in exercises],
        "made_in_seconds": round(time.time() - started, 1),
    }
    with open(os.path.join(folder, "fixture.json"), "w") as f:
        json.dump(info, f, indent=1)
    log(f"fixture: {database} made in {info['made_in_seconds']} s")
    return info


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", default=LIMBER)
    p.add_argument("--folder", help="where to write fixture.sqlite and fixture.json (default: a new temporary folder)")
    p.add_argument("--accounts", type=int, default=20)
    p.add_argument("--episodes", type=int, default=1000)
    p.add_argument("--sessions", type=int, default=300)
    p.add_argument("--other-episodes", type=int, default=50)
    p.add_argument("--other-sessions", type=int, default=10)
    p.add_argument("--seed", type=int, default=14)
    args = p.parse_args()
    if not os.path.exists(args.binary):
        raise SystemExit(f"missing {args.binary}: build it first (see the top of this script)")
    info = make_fixture(args.binary, args.folder, args.accounts, args.episodes, args.sessions, args.other_episodes,
                        args.other_sessions, args.seed)
    print(json.dumps({k: v for k, v in info.items() if k not in ("region_ids", "exercise_ids")}, indent=1))


if __name__ == "__main__":
    main()
