#!/usr/bin/env python
"""What one cached page hit costs inside the process, without a server or a
network client in the way: newsroom.wsgi.application called in a loop for a
cached article, against bench/bare.py's view called the same way.

    .venv/bin/python bench/hit_cost.py [--calls 20000] [--redis redis://127.0.0.1:6379/0]

Rows: Redis with per-process copies (pagecache/local.py), Redis with one
round trip per hit (the copies switched off), the local-memory cache, and the
bare view. Each runs in a process of its own on a throwaway SQLite database;
Redis keys go under a key prefix of their own and are deleted afterwards.
"""

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MODES = {
    "redis, copies kept in the process": "redis-local",
    "redis, one round trip per hit": "redis",
    "local-memory cache": "locmem",
    "bare Django view": "bare",
}


def environ(path, query=""):
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_ACCEPT": "text/html",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
    }


def per_call(application, path, calls):
    """Best of three runs, in microseconds per call."""
    statuses = []

    def start_response(status, headers):
        statuses.append(status)

    def call():
        result = application(environ(path), start_response)
        b"".join(result)
        getattr(result, "close", lambda: None)()

    for _ in range(100):
        call()
    best = None
    for _ in range(3):
        started = time.perf_counter()
        for _ in range(calls):
            call()
        took = (time.perf_counter() - started) / calls * 1e6
        best = took if best is None else min(best, took)
    assert set(statuses) == {"200 OK"}, set(statuses)
    return best


def measure(mode, calls):
    if mode == "bare":
        from bench.bare import application

        return per_call(application, "/", calls)

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.utils import timezone

    from articles.models import Article, Section
    from newsroom.wsgi import application
    from pagecache import local

    if mode == "redis":
        local.fill_target = lambda: None
    section = Section.objects.create(name="World", slug="world")
    article = Article.objects.create(
        headline="Talks resume",
        slug="story",
        dek="Dek.",
        body="<p>Negotiators met for six hours.</p>" * 100,
        section=section,
        status="published",
        published_at=timezone.now(),
    )
    path = article.get_absolute_url()
    per_call(application, path, 10)
    if mode == "redis-local":
        time.sleep(0.5)  # the thread's first read of the change counter
    return per_call(application, path, calls)


def child(mode, calls, redis_url):
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(
            DATABASE_URL=f"sqlite:///{tmp}/db.sqlite3",
            SECRET_KEY="bench-only",
            DEBUG="off",
            ALLOWED_HOSTS="127.0.0.1",
            DJANGO_SETTINGS_MODULE="newsroom.settings",
            LOG_LEVEL="WARNING",
            # The page's {% static %} reads collectstatic's manifest.
            STATIC_ROOT=f"{tmp}/static",
        )
        if mode.startswith("redis"):
            os.environ["CACHE_URL"] = redis_url
        else:
            os.environ.pop("CACHE_URL", None)
        if mode != "bare":
            subprocess.run(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                cwd=ROOT,
                check=True,
            )
        print(f"{measure(mode, calls):.1f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=20_000)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--mode", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:
        child(args.mode, args.calls, args.redis)
        return
    import redis

    prefix = f"hit-cost-{uuid.uuid4().hex}"
    client = redis.Redis.from_url(args.redis)
    try:
        for label, mode in MODES.items():
            output = subprocess.run(
                [sys.executable, __file__, "--mode", mode, "--calls", str(args.calls)]
                + ["--redis", f"{args.redis}?key_prefix={prefix}"],
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            print(f"{label}: {output.strip().splitlines()[-1]} µs per hit")
    finally:
        for key in client.scan_iter(match=f"{prefix}:*"):
            client.delete(key)


if __name__ == "__main__":
    main()
