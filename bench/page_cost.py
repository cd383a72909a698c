#!/usr/bin/env python
"""What each public page costs inside the process with the page cache off:
newsroom.wsgi.application called in a loop, without a server or wrk sharing
the two cores.

    .venv/bin/python bench/page_cost.py [--databases sqlite,postgres] [--calls 100]

Uses the databases `make bench` fills (bench/.data/bench.sqlite3 and
BENCH_POSTGRES_URL): run that first. The pages take turns, round after round,
and each keeps its best round, so a machine that speeds up or slows down
meanwhile (these do, by tens of percent within minutes) moves every page
alike and leaves their ratios readable; wrk's figures are per run only.
"""

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import run  # noqa: E402
from bench.hit_cost import environ  # noqa: E402

PAGES = ("article", "home", "section", "tag", "author", "search", "feed", "sitemap")


def request(url):
    path, _, query = url.partition("?")
    return environ(path, query)


class Caller:
    """Calls newsroom.wsgi.application for a URL (path and query) and reads
    the whole answer, as a server would; `check()` exits unless every answer
    was a 200."""

    def __init__(self):
        import django

        django.setup()
        from newsroom.wsgi import application

        self.application = application
        self.statuses = set()

    def start_response(self, status, headers):
        self.statuses.add(status)

    def __call__(self, url):
        result = self.application(request(url), self.start_response)
        b"".join(result)
        result.close()

    def check(self):
        if self.statuses != {"200 OK"}:
            raise SystemExit(f"unexpected answers: {sorted(self.statuses)}")


def measure(urls, calls, rounds):
    """Best milliseconds per call of each page, over `rounds` turns."""
    call = Caller()
    for url in urls.values():
        for _ in range(10):  # templates compiled, queries prepared
            call(url)
    best = dict.fromkeys(urls, float("inf"))
    for _ in range(rounds):
        for page, url in urls.items():
            started = time.perf_counter()
            for _ in range(calls):
                call(url)
            took = (time.perf_counter() - started) / calls * 1000
            best[page] = min(best[page], took)
    call.check()
    return best


def child(calls, rounds):
    urls = dict(line.split(" ", 1) for line in sys.stdin.read().splitlines())
    for page, took in measure(urls, calls, rounds).items():
        print(page, took)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--calls", type=int, default=100, help="calls per turn")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--redis-url", help="default: BENCH_REDIS_URL or local Redis")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.calls, args.rounds)
        return
    for kind in (name.strip() for name in args.databases.split(",")):
        env, articles = run.built_database(kind, args.redis_url)
        urls = {
            page: url for page, url in run.public_urls(env).items() if page in PAGES
        }
        output = subprocess.run(
            [sys.executable, __file__, "--child"]
            + ["--calls", str(args.calls), "--rounds", str(args.rounds)],
            input="\n".join(f"{page} {url}" for page, url in urls.items()),
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        costs = {
            page: float(took)
            for page, took in (line.split() for line in output.splitlines())
        }
        print(f"{kind}, {articles:,} articles, page cache off, in process:")
        for page, took in costs.items():
            print(f"  {page:8} {took:6.2f} ms  {took / costs['article']:.2f}× article")


if __name__ == "__main__":
    main()
