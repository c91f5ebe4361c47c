#!/usr/bin/env python3
"""Page weight: bytes and requests for every page of `limber serve`.

For each page it fetches the HTML and every file the page references (<link href> for stylesheets
and icons, <script src>, <img src>, url() in CSS), plus, for the guided player, the timeline the
player script fetches (`data-timeline-url`). Bytes are bodies as sent (no compression is asked for).
It fails a page that references another host, and checks the guided player's total is 60 KB or less.

Starts its own release server on a free 127.0.0.1 port with a temporary database, unless --url is
given. Build first: swift build -c release --scratch-path .build-release --product limber
Run: python3 bench/page-weight.py [--url http://127.0.0.1:8080]
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
import urllib.parse
import urllib.request
from html.parser import HTMLParser

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIMBER = os.path.join(ROOT, ".build-release", "release", "limber")
PAGES = ["/", "/regions/calf", "/exercises/calf-stretch-wall", "/routines", "/routines/seed-full", "/routines/new",
         "/play?routine=seed-full", "/diary", "/safety", "/export", "/reminders"]
PLAYER = "/play?routine=seed-full"
PLAYER_LIMIT = 60 * 1024


class Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs, self.data_urls = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("href") and (a.get("rel") or "").split()[0:1] != ["canonical"]:
            self.refs.append(a["href"])
        elif tag in ("script", "img", "audio", "source", "video", "iframe") and a.get("src"):
            self.refs.append(a["src"])
        for k, v in a.items():
            if k.endswith("-url") and k.startswith("data-") and v:
                self.data_urls.append(v)


def fetch(url):
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept-Encoding": "identity"}), timeout=10) as r:
        return r.read()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure(base):
    host = urllib.parse.urlsplit(base).netloc
    rows, problems, player_total = [], [], None
    for page in PAGES:
        html = fetch(base + page)
        parser = Refs()
        parser.feed(html.decode("utf-8", "replace"))
        refs = list(dict.fromkeys(parser.refs))
        if page == PLAYER:
            refs += parser.data_urls  # the timeline the player script fetches on load
        total, count, seen = len(html), 1, set()
        queue = refs
        while queue:
            ref = queue.pop(0)
            url = urllib.parse.urljoin(base + page, ref)
            parts = urllib.parse.urlsplit(url)
            if parts.scheme in ("data", "blob"):
                continue
            if parts.netloc != host:
                problems.append(f"{page}: references another host: {ref}")
                continue
            if url in seen:
                continue
            seen.add(url)
            body = fetch(url)
            total += len(body)
            count += 1
            if parts.path.endswith(".css"):
                queue += re.findall(r"url\(\s*['\"]?([^'\")]+)", body.decode("utf-8", "replace"))
        rows.append((page, len(html), count, total))
        if page == PLAYER:
            player_total = total
    return rows, problems, player_total


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url")
    args = p.parse_args()
    proc, tmp = None, None
    base = args.url
    if not base:
        if not os.path.exists(LIMBER):
            raise SystemExit(f"missing {LIMBER}: build it first (see the top of this script)")
        tmp = tempfile.mkdtemp(prefix="limber-pages-")
        port = free_port()
        env = dict(os.environ, LIMBER_DATABASE=os.path.join(tmp, "pages.sqlite"))
        proc = subprocess.Popen([LIMBER, "serve", "--port", str(port)], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                fetch(base + "/")
                break
            except Exception:
                time.sleep(0.1)
    try:
        rows, problems, player_total = measure(base.rstrip("/"))
    finally:
        if proc:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=10)
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)

    print("| Page | HTML bytes | requests | total bytes |")
    print("|---|---:|---:|---:|")
    for page, html, count, total in rows:
        print(f"| {page} | {html:,} | {count} | {total:,} |")
    ok_hosts = not problems
    print(f"\nOther hosts referenced: {'none (MET)' if ok_hosts else 'NOT MET'}")
    for line in problems:
        print("  " + line)
    ok_player = player_total is not None and player_total <= PLAYER_LIMIT
    print(f"Guided player total: {player_total:,} bytes = {player_total/1024:.1f} KB "
          f"(goal ≤ 60 KB): {'MET' if ok_player else 'NOT MET'}")
    print("\nReproduce: python3 bench/page-weight.py")
    sys.exit(0 if ok_hosts and ok_player else 1)


if __name__ == "__main__":
    main()
