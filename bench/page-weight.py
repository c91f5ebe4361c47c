#!/usr/bin/env python3
"""Page weight: bytes and requests for every page of `limber serve`.

For each page it fetches the HTML and every file the page references (<link href> for stylesheets
and icons, <script src>, <img src>, url() in CSS), plus, for the guided player, the timeline the
player script fetches (`data-timeline-url`). Every request says `Accept-Encoding: gzip`, as every
browser does (they also offer br and zstd, which the server does not produce and this script could
not decode). "total bytes" adds up the bodies uncompressed; "transferred bytes" adds up the bodies
as sent, gzip where the server compressed. Scripts' ES module imports count as the requests they are. It fails a page that references another host, and checks
the guided player's transferred total is 60 KB or less.

Starts its own release server on a free 127.0.0.1 port with a temporary database, unless --url is
given. Build first: swift build -c release --scratch-path .build-release --product limber
Run: python3 bench/page-weight.py [--url http://127.0.0.1:8080 | --limber PATH/TO/limber]
"""

import argparse
import gzip
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
         "/play?routine=seed-full", "/diary", "/safety", "/export", "/reminders", "/routines/seed-full/handout"]
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
    """The body decoded and the number of bytes it took on the wire."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as r:
        sent = r.read()
        coding = (r.headers.get("Content-Encoding") or "identity").strip().lower()
    if coding == "gzip":
        return gzip.decompress(sent), len(sent)
    if coding != "identity":
        raise SystemExit(f"{url}: Content-Encoding {coding} was not asked for")
    return sent, len(sent)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure(base):
    host = urllib.parse.urlsplit(base).netloc
    rows, problems, player_total = [], [], None
    for page in PAGES:
        html, html_sent = fetch(base + page)
        parser = Refs()
        parser.feed(html.decode("utf-8", "replace"))
        refs = list(dict.fromkeys(parser.refs))
        if page == PLAYER:
            refs += parser.data_urls  # the timeline the player script fetches on load
        total, sent, count, seen = len(html), html_sent, 1, set()
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
            body, body_sent = fetch(url)
            total += len(body)
            sent += body_sent
            count += 1
            if parts.path.endswith(".css"):
                queue += [urllib.parse.urljoin(url, r) for r in
                          re.findall(r"url\(\s*['\"]?([^'\")]+)", body.decode("utf-8", "replace"))]
            if parts.path.endswith(".js"):
                # ES modules the script imports (the player imports the figure mover).
                queue += [urllib.parse.urljoin(url, r) for r in
                          re.findall(r"^import .* from ['\"]([^'\"]+)['\"]", body.decode("utf-8", "replace"), re.M)]
        rows.append((page, len(html), count, total, sent))
        if page == PLAYER:
            player_total = sent
    return rows, problems, player_total


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", help="measure a server already running there")
    p.add_argument("--limber", default=LIMBER, help=f"the limber binary to start (default {LIMBER})")
    args = p.parse_args()
    proc, tmp = None, None
    base = args.url
    if not base:
        if not os.path.exists(args.limber):
            raise SystemExit(f"missing {args.limber}: build it first (see the top of this script)")
        tmp = tempfile.mkdtemp(prefix="limber-pages-")
        port = free_port()
        env = dict(os.environ, LIMBER_DATABASE=os.path.join(tmp, "pages.sqlite"))
        proc = subprocess.Popen([args.limber, "serve", "--port", str(port)], env=env,
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

    print("| Page | HTML bytes | requests | total bytes | transferred bytes |")
    print("|---|---:|---:|---:|---:|")
    for page, html, count, total, sent in rows:
        print(f"| {page} | {html:,} | {count} | {total:,} | {sent:,} |")
    ok_hosts = not problems
    print(f"\nOther hosts referenced: {'none (MET)' if ok_hosts else 'NOT MET'}")
    for line in problems:
        print("  " + line)
    ok_player = player_total is not None and player_total <= PLAYER_LIMIT
    print(f"Guided player total transferred: {player_total:,} bytes = {player_total/1024:.1f} KB "
          f"(goal ≤ 60 KB): {'MET' if ok_player else 'NOT MET'}")
    print("\nReproduce: python3 bench/page-weight.py")
    sys.exit(0 if ok_hosts and ok_player else 1)


if __name__ == "__main__":
    main()
