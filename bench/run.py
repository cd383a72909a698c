#!/usr/bin/env python
"""Benchmark Newsroom's public pages with wrk; `make bench` runs it.

For each database (SQLite, PostgreSQL) it fills a database with N articles
(bench/generate.py, reused when it already holds N), starts the app with the
production settings (DEBUG off, Redis cache) under gunicorn (3 sync workers)
and measures every public page with the page cache off ("cold") and on
("cached"), the article page uncached and cached under granian (the
production app server), and cached under the production front set-up
(deploy/nginx.conf: nginx in front of granian).

Each reading a target compares is taken right after the one it is compared
with, both servers running side by side, because these machines speed up
and slow down by tens of percent, once nearly twofold, within minutes:
every page of a database of 1,000 articles after the same page of the full
one (the scale target); each of the home, section and topic pages after an
uncached article reading of its own (the cost target); the Wagtail reference
page after the uncached article, under the same server; a bare Django view
after the cached article, under gunicorn and under granian; nginx serving a
saved copy of the article page after the front set-up. Prints one table.

Short run while developing:
    .venv/bin/python bench/run.py --articles 1000 --duration 3 --databases sqlite
Full run (the README's numbers):
    .venv/bin/python bench/run.py --articles 100000 --duration 30 --load-test
"""

import argparse
import contextlib
import datetime
import functools
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

try:
    from bench import wagtail
    from bench.nginx import write_config
except ImportError:  # run as a script: bench/ itself is first on the path
    import wagtail
    from nginx import write_config

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
PYTHON = sys.executable

PORT_APP = 8610  # gunicorn (or granian behind the front nginx)
PORT_GRANIAN = 8611
PORT_BARE = 8612
PORT_WAGTAIL = 8613
PORT_SCALE = 8614  # gunicorn on the smaller database, beside PORT_APP
PORT_STATIC = 8620
PORT_FRONT = 8621


def log(message):
    print(f"==> {message}", file=sys.stderr, flush=True)


def ensure_tools():
    """wrk and nginx come from Debian; install them when missing (as root)."""
    missing = [tool for tool in ("wrk", "nginx") if not find_tool(tool)]
    if not missing:
        return
    if os.geteuid() != 0:
        sys.exit(f"Missing {', '.join(missing)}: apt-get install wrk nginx-light")
    log(f"Installing {', '.join(missing)} with apt-get")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    packages = ["wrk" if tool == "wrk" else "nginx-light" for tool in missing]
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", *packages],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )


def find_tool(name):
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")


def base_env(database_url, cache_url, page_cache=True):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "SECRET_KEY": "bench-only-secret-key",
        "DEBUG": "off",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "CACHE_URL": cache_url,
        "STATIC_ROOT": str(DATA / "static"),
        "MEDIA_ROOT": str(DATA / "media"),
        "PAGE_CACHE_SECONDS": "3600" if page_cache else "0",
        "LOG_LEVEL": "WARNING",
    }


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def count_articles(env):
    code = "from articles.models import Article; print(Article.objects.count())"
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    return int(result.stdout.strip()) if result.returncode == 0 else -1


POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/newsroom_bench"
REDIS_URL = "redis://127.0.0.1:6379/0"


def built_database(kind, redis_url=None):
    """(environment with the page cache off, number of articles) of the
    database `make bench` built for `kind` (sqlite or postgres), static files
    collected, for the tools that measure it afterwards; exits when there is
    none."""
    url = {
        "sqlite": f"sqlite:///{DATA / 'bench.sqlite3'}",
        "postgres": os.environ.get("BENCH_POSTGRES_URL", POSTGRES_URL),
    }[kind]
    redis_url = redis_url or os.environ.get("BENCH_REDIS_URL", REDIS_URL)
    env = base_env(url, redis_url, page_cache=False)
    articles = count_articles(env)
    if articles <= 0:
        raise SystemExit(f"{kind}: no benchmark database; run `make bench` first")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    return env, articles


def reset_postgres(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def prepare_database(kind, url, cache_url, articles):
    env = base_env(url, cache_url)
    if count_articles(env) == articles:
        log(f"{kind}: reusing the database with {articles:,} articles")
        manage(env, "migrate", "--noinput", "--verbosity", "0")
        if kind == "postgres":
            analyze_postgres(url)  # a migration may have added an index
        return
    log(f"{kind}: creating a database with {articles:,} articles")
    if kind == "sqlite":
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    else:
        reset_postgres(url)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    subprocess.run(
        [PYTHON, "bench/generate.py", "--articles", str(articles)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    if kind == "postgres":
        analyze_postgres(url)


def analyze_postgres(url):
    """Fresh statistics and visibility maps, as a production database has:
    autovacuum would get to the bulk-loaded tables only some time later, and
    until then index-only scans still read the table."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def wait_for_port(port, process=None, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server for port {port} exited")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing listens on port {port}")


def cpu_times():
    """The machine's processor time so far, busy and idle (/proc/stat)."""
    with open("/proc/stat") as stat:
        fields = [int(field) for field in stat.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return sum(fields) - idle, idle


def wait_for_quiet(timeout=30, interval=0.25, busiest=0.1):
    """Return once the machine's processors were busy for less than
    `busiest` of an `interval`, or after `timeout`. gunicorn listens before
    its workers have imported the app: a server started beside the one being
    measured (the 1,000-article one, Wagtail's) booted its workers during the
    first timed run, which read up to two fifths slower than the same page
    measured next."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        busy, idle = cpu_times()
        time.sleep(interval)
        busy_after, idle_after = cpu_times()
        elapsed = (busy_after - busy) + (idle_after - idle)
        if elapsed and (busy_after - busy) / elapsed < busiest:
            return
    log("the machine stayed busy after a server started; measuring anyway")


class Server:
    def __init__(self, command, port, env=None, cwd=ROOT):
        self.command, self.port, self.env, self.cwd = command, port, env, cwd

    def __enter__(self):
        self.process = subprocess.Popen(
            self.command,
            cwd=self.cwd,
            env=self.env or os.environ,
            stdout=subprocess.DEVNULL,
            stderr=open(DATA / f"server-{self.port}.log", "ab"),  # noqa: SIM115
            start_new_session=True,
        )
        wait_for_port(self.port, self.process)
        wait_for_quiet()
        return self

    def __exit__(self, *exc):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def gunicorn(port, env, app="newsroom.wsgi:application", workers=3):
    command = [PYTHON, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--log-level", "warning", app]
    return Server(command, port, env)


def granian_command(python, port, app, workers=2):
    """granian as deploy/ runs it, from the environment of `python`."""
    command = [str(Path(python).parent / "granian"), "--interface", "wsgi"]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", str(workers), "--blocking-threads", "1"]
    command += ["--no-access-log", "--log-level", "warning"]
    return [*command, app]


def granian(port, env, app="newsroom.wsgi:application", workers=2):
    return Server(granian_command(PYTHON, port, app, workers), port, env)


def nginx():
    """deploy/nginx.conf in front of granian (port PORT_FRONT), plus a plain
    server for the reference: a saved copy of the article page as a static
    file (port PORT_STATIC). Both keep connections alive."""
    front_cache = DATA / "front-cache"
    shutil.rmtree(front_cache, ignore_errors=True)
    front_cache.mkdir(parents=True)
    static_reference = f"""
    server {{
        listen 127.0.0.1:{PORT_STATIC};
        root {DATA / "www"};
        default_type text/html;
        keepalive_requests 10000;
    }}"""
    config = write_config(
        DATA,
        app_port=PORT_GRANIAN,
        front_port=PORT_FRONT,
        cache_dir=front_cache,
        static_dir=DATA / "static",
        extra=static_reference,
    )
    command = [find_tool("nginx"), "-c", str(config), "-p", str(DATA)]
    return Server(command, PORT_STATIC)


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def public_urls(env):
    """One URL per kind of public page; kinds this branch lacks are skipped."""
    code = """
from django.urls import NoReverseMatch, reverse
from articles.models import Article, Author
from taggit.models import Tag
article = Article.objects.published().filter(hero_image__isnull=False).first()
tag = article.tags.first()
author = article.authors.first()
def url(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""
print("article", article.get_absolute_url())
print("home", url("articles:home"))
print("section", article.section.get_absolute_url())
print("tag", url("articles:tag", tag.slug))
print("author", author.get_absolute_url())
print("search", url("articles:search") + "?q=talks")
print("feed", url("articles:feed-rss"))
print("sitemap", url("sitemap-index"))
"""
    output = subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return dict(line.split(" ", 1) for line in output.strip().splitlines())


def to_ms(value):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", value)
    if not match:
        return float("nan")
    number, unit = match.groups()
    scale = {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000}
    return float(number) * scale[unit]


def warm_up(url, connections):
    """Every worker imports, compiles templates and connects before timing."""
    subprocess.run(
        [find_tool("wrk"), "-t1", f"-c{connections}", "-d1s", url],
        capture_output=True,
        check=True,
    )
    drain(url)


def drain(url, settle=0.5):
    """Return once the server has answered what wrk left behind: wrk stops
    with a request in flight on every connection, and a server that closes
    each connection (gunicorn's sync workers) still answers them all from its
    queue. The timed run started behind that backlog, and its first requests,
    about 1 % of a run on a slow machine, waited 0.5-1 s: wrk's p99. A request
    sent alone is accepted after the backlog; requests sent one after another
    for `settle` seconds more outlast those still being answered."""
    fetch(url)
    settled = time.monotonic() + settle
    while time.monotonic() < settled:
        fetch(url)


def wrk(url, duration, connections, threads=2):
    warm_up(url, connections)
    result = subprocess.run(
        [find_tool("wrk"), f"-t{threads}", f"-c{connections}", f"-d{duration}s"]
        # Slow answers are measured, not dropped as wrk's 2 s timeouts.
        + ["--timeout", "10s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return parse_wrk(result)


def parse_wrk(result):
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", result).group(1))
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", result, re.M).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", result, re.M).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", result)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", result
    )
    return {
        "rps": rate,
        "p50": p50,
        "p99": p99,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "errors": sum(map(int, socket_errors.groups())) if socket_errors else 0,
    }


class Table:
    def __init__(self):
        self.rows = []

    def add(self, database, server, page, mode, result):
        self.rows.append((database, server, page, mode, result))
        log(
            f"{database} {server} {page} {mode}: {result['rps']:,.0f} req/s, "
            f"p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms"
        )

    def print(self, header):
        print(header)
        print()
        print("| database | server | page | cache | req/s | p50 ms | p99 ms | errors |")
        print("| --- | --- | --- | --- | ---: | ---: | ---: | ---: |")
        for database, server, page, mode, r in self.rows:
            errors = r["non_2xx"] + r["errors"]
            print(
                f"| {database} | {server} | {page} | {mode} | {r['rps']:,.0f} "
                f"| {r['p50']:.1f} | {r['p99']:.1f} | {errors} |"
            )


def find(table, database, server, page, mode, measure="rps"):
    for row in table.rows:
        if row[:4] == (database, server, page, mode):
            return row[4][measure]
    return None


def article_beside_mode(page, side):
    """The mode of the article read on `side` ("before", "after") of `page`."""
    return f"cold, {side} {page}"


def smaller_database_mode(articles, side):
    """The mode of a page of the database of `articles` read on `side` of the
    same page of the full one."""
    return f"cold, {articles:,} articles, {side}"


def bracket(table, database, page, mode):
    """{side: req/s} of the gunicorn readings of `page` taken right before
    and right after the reading they are a reference for (bench_cold), as
    `mode(side)` names them. Those found, "before" first."""
    readings = {
        side: find(table, database, "gunicorn", page, mode(side))
        for side in ("before", "after")
    }
    return {side: rps for side, rps in readings.items() if rps is not None}


def read_around(readings):
    """How a verdict names bracket()'s readings."""
    sides = " and ".join(readings)
    values = " and ".join(f"{rps:,.0f}" for rps in readings.values())
    return f"read right {sides} it: {values} req/s"


def mean(readings):
    """The readings' requests over their time together: each ran as long as
    the others."""
    return sum(readings.values()) / len(readings)


# The uncached article's target is four times a Wagtail article page; the
# issue put that at 700 req/s from the Wagtail page and a bare Django view
# under gunicorn on the machines it was measured on.
TARGET_WAGTAIL_TIMES = 4
TARGET_ARTICLE_RPS = 700
ISSUE_WAGTAIL_RPS = 180
ISSUE_BARE_RPS = 5_500
# The pages whose uncached cost is held within 1.5x the article's.
COST_PAGES = ("home", "section", "tag")


def targets(table, args):
    """The issue's targets, read off this run's rows."""
    lines = []

    def check(label, value, goal, passed):
        if value is not None:
            verdict = "met" if passed else "NOT met"
            lines.append(f"- {label}: {value} (target {goal}): {verdict}")

    def ratio(a, b):
        return None if a is None or b is None or not b else a / b

    for kind in (k.strip() for k in args.databases.split(",")):
        bare = {
            server: find(table, kind, server, "bare Django view", "-")
            for server in ("gunicorn", "granian")
        }
        article = find(table, kind, "gunicorn", "article", "cold")
        if article is not None:
            p99 = find(table, kind, "gunicorn", "article", "cold", measure="p99")
            check(
                f"{kind}: uncached article",
                # wrk's own precision: a p99 of 59.96 ms is under 60, not "60".
                f"{article:,.0f} req/s, p99 {p99:.2f} ms",
                f">= {TARGET_ARTICLE_RPS} req/s, p99 < 60 ms",
                article >= TARGET_ARTICLE_RPS and p99 < 60,
            )
            wagtail_rps = find(table, kind, "gunicorn", "Wagtail article", "cold")
            times = ratio(article, wagtail_rps)
            if times is not None:
                check(
                    f"{kind}: uncached article / Wagtail article, gunicorn",
                    f"{times:.1f}x",
                    f">= {TARGET_WAGTAIL_TIMES}x",
                    times >= TARGET_WAGTAIL_TIMES,
                )
            # A reference page heavier than the issue's makes the multiple
            # easier: its weight against the bare view, beside the issue's.
            weight = ratio(wagtail_rps, bare["gunicorn"])
            if weight is not None:
                issue_weight = ISSUE_WAGTAIL_RPS / ISSUE_BARE_RPS
                lines.append(
                    f"- {kind}: Wagtail article / bare Django view, gunicorn:"
                    f" {weight:.1%} (the issue's {ISSUE_WAGTAIL_RPS} of"
                    f" {ISSUE_BARE_RPS:,} req/s: {issue_weight:.1%})"
                )
            # The machines differ by two to three times from session to
            # session: the article's share of the bare view in the same run
            # compares runs across machines, where req/s cannot.
            share = ratio(article, bare["gunicorn"])
            needed = TARGET_ARTICLE_RPS / ISSUE_BARE_RPS
            if share is not None:
                lines.append(
                    f"- {kind}: uncached article / bare Django view, gunicorn:"
                    f" {share:.1%} (the issue's {TARGET_ARTICLE_RPS} of"
                    f" {ISSUE_BARE_RPS:,} req/s: {needed:.1%};"
                    " a reading across machines,"
                    " not the target)"
                )
        production = find(table, kind, "granian", "article", "cold")
        if production is not None:
            p99 = find(table, kind, "granian", "article", "cold", measure="p99")
            reading = (
                f"- {kind}: uncached article, granian (the production app"
                f" server): {production:,.0f} req/s, p99 {p99:.2f} ms"
            )
            wagtail_rps = find(table, kind, "granian", "Wagtail article", "cold")
            times = ratio(production, wagtail_rps)
            if times is not None:
                reading += f", {times:.1f}x the Wagtail article under granian"
            lines.append(
                f"{reading} (a reading beside the target, which is judged"
                " under gunicorn, as the issue measured its reference)"
            )
        for page in COST_PAGES:
            # Weighed against the article read right before and right after
            # it, where the run took those (bench_cold), not the first one, a
            # minute or more ago.
            around = bracket(
                table, kind, "article", functools.partial(article_beside_mode, page)
            )
            reference = mean(around) if around else article
            cost = ratio(reference, find(table, kind, "gunicorn", page, "cold"))
            if cost is not None:
                if around:
                    where = f"the article {read_around(around)}"
                else:
                    where = f"the article: {reference:,.0f} req/s"
                check(
                    f"{kind}: uncached {page} cost / article cost",
                    f"{cost:.2f}x ({where})",
                    "<= 1.5x",
                    cost <= 1.5,
                )
        for server in ("gunicorn", "granian"):
            share = ratio(find(table, kind, server, "article", "cached"), bare[server])
            if share is not None:
                check(
                    f"{kind}: cached article / bare Django view, {server}",
                    f"{share:.0%}",
                    ">= 90%",
                    share >= 0.9,
                )
        share = ratio(
            find(table, kind, "nginx cache → granian", "article", "cached"),
            find(table, kind, "nginx", "static copy of article", "-"),
        )
        if share is not None:
            check(
                f"{kind}: front cache / nginx static copy",
                f"{share:.0%}",
                ">= 50%",
                share >= 0.5,
            )
        if args.scale_from and args.scale_from != args.articles:
            smaller_mode = functools.partial(smaller_database_mode, args.scale_from)
            for page in (
                "article",
                "home",
                "section",
                "tag",
                "author",
                "search",
                "feed",
                "sitemap",
            ):
                around = bracket(table, kind, page, smaller_mode)
                growth = ratio(
                    mean(around) if around else None,
                    find(table, kind, "gunicorn", page, "cold"),
                )
                if growth is not None:
                    check(
                        f"{kind}: {page} cost at {args.articles:,} / at "
                        f"{args.scale_from:,}",
                        f"{growth:.2f}x (at {args.scale_from:,},"
                        f" {read_around(around)})",
                        "<= 1.5x",
                        growth <= 1.5,
                    )
    return lines


def bench_database(kind, url, args, table, small_url=None, wagtail_site=None):
    """Every page of `kind`'s database uncached and cached, the production
    set-up and the references; with `small_url`, also every page of a
    database of args.scale_from articles uncached (the scale target); with
    `wagtail_site` (prepare_wagtail's), the Wagtail article page."""
    prepare_database(kind, url, args.redis_url, args.articles)
    run = {"duration": args.duration, "connections": args.connections}
    cold_env = base_env(url, args.redis_url, page_cache=False)
    cached_env = base_env(url, args.redis_url, page_cache=True)
    manage(cached_env, "collectstatic", "--noinput", "--verbosity", "0")
    urls = public_urls(cached_env)
    small = None
    if small_url:
        prepare_database(kind, small_url, args.redis_url, args.scale_from)
        # Its own keys in the shared cache: the two servers run side by side.
        small_env = base_env(
            small_url, with_key_prefix(args.redis_url, "scale"), page_cache=False
        )
        small = (small_env, public_urls(small_env))

    bench_cold(kind, cold_env, urls, args, table, small, wagtail_site)
    bench_cached(kind, cached_env, urls, args, table)

    # The production set-up: nginx's page cache, purged by the app, in front
    # of granian; then nginx serving a static copy, in the same minutes.
    article = urls["article"]
    front_env = {**cached_env, "PAGE_CACHE_FRONT_DIR": str(DATA / "front-cache")}
    with granian(PORT_GRANIAN, front_env), nginx():
        target = f"http://127.0.0.1:{PORT_FRONT}{article}"
        fetch(target)
        label = "nginx cache → granian"
        table.add(kind, label, "article", "cached", wrk(target, **run))
        static = f"http://127.0.0.1:{PORT_STATIC}/article.html"
        table.add(kind, "nginx", "static copy of article", "-", wrk(static, **run))
        if args.load_test:
            load_test(target, table, kind, args)


def prepare_wagtail(kind, url, args):
    """The Wagtail reference site on this kind of database (bench/wagtail.py),
    made before any timed run so that a failure costs no measurements.
    Returns its environment and its newest article's path."""
    media = DATA / f"wagtail-media-{kind}"

    def reset():
        shutil.rmtree(media, ignore_errors=True)
        if kind == "sqlite":
            Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        else:
            reset_postgres(url)

    wagtail.ensure_venv(DATA, PYTHON, log)
    env = wagtail.site_env(url, media)
    return env, wagtail.prepare(env, DATA, args.wagtail_articles, reset, log)


def wagtail_server(env, server="gunicorn"):
    """The Wagtail reference site under the same `server` as Newsroom's
    uncached pages it is compared with, on the same database server."""
    if server == "granian":
        app = "reference.wsgi:application"
        command = granian_command(wagtail.venv_python(DATA), PORT_WAGTAIL, app)
    else:
        command = wagtail.gunicorn_command(PORT_WAGTAIL, DATA)
    return Server(command, PORT_WAGTAIL, env, cwd=wagtail.SITE)


def bench_cold(kind, env, urls, args, table, small=None, wagtail_site=None):
    """Every page uncached; with `small` (environment and URLs of the smaller
    database), the same page of it right before and right after each page of
    the full one, from a second server started beside the first; the article
    likewise around each of COST_PAGES; with `wagtail_site`, the Wagtail
    article after the article, from its own server beside. Then the article,
    and the Wagtail article beside it, under granian. Measured minutes apart,
    PostgreSQL's sitemap once read 1.56x its cost at 1,000 articles where in
    process, the two taking turns, it cost 1.16x; a minute or more after the
    article, SQLite's home read 1.99x it in one run and the topic page 0.71x
    in the next, pages that cost 1.65x and 1.23x the article in process.
    Read right after it only, SQLite's section read 1.57x its cost at 1,000
    articles (477 and 749 req/s, ten seconds apart) where in process it cost
    1.06x: a reference on both sides cancels a machine that speeds up or
    slows down steadily, and halves the weight of a jump on either side."""
    run = {"duration": args.duration, "connections": args.connections}
    article_target = None

    def wagtail_reading():
        wagtail_path = wagtail_site[1]
        target = f"http://127.0.0.1:{PORT_WAGTAIL}{wagtail_path}"
        status = fetch(target)[0]
        if status != 200:
            raise RuntimeError(f"the Wagtail article {wagtail_path} answers {status}")
        return wrk(target, **run)

    with contextlib.ExitStack() as servers:
        servers.enter_context(gunicorn(PORT_APP, env))
        if small:
            small_env, small_urls = small
            servers.enter_context(gunicorn(PORT_SCALE, small_env))
        if wagtail_site:
            servers.enter_context(wagtail_server(wagtail_site[0]))
        for page, path in urls.items():
            target = f"http://127.0.0.1:{PORT_APP}{path}"
            status = fetch(target)[0]
            if status != 200:
                log(f"{kind}: skipping {page} ({path} answers {status})")
                continue
            if page == "article":
                article_target = target
            # The page's reading in the middle; each reference it is weighed
            # against read once right before and once right after it.
            brackets = []
            if page in COST_PAGES and article_target:
                mode = functools.partial(article_beside_mode, page)
                brackets.append(("article", mode, article_target))
            if small and page in small_urls:
                small_target = f"http://127.0.0.1:{PORT_SCALE}{small_urls[page]}"
                if fetch(small_target)[0] == 200:
                    mode = functools.partial(smaller_database_mode, args.scale_from)
                    brackets.append((page, mode, small_target))
            for reference, mode, reference_target in brackets:
                result = wrk(reference_target, **run)
                table.add(kind, "gunicorn", reference, mode("before"), result)
            table.add(kind, "gunicorn", page, "cold", wrk(target, **run))
            for reference, mode, reference_target in reversed(brackets):
                result = wrk(reference_target, **run)
                table.add(kind, "gunicorn", reference, mode("after"), result)
            if wagtail_site and page == "article":
                table.add(
                    kind, "gunicorn", "Wagtail article", "cold", wagtail_reading()
                )

    # The production app server on a miss, which readers meet after an
    # editor's change: the issue measured its reference under gunicorn, so
    # this is a reading beside the target, with the Wagtail page under the
    # same server for the same comparison.
    if "article" not in urls:
        return
    with contextlib.ExitStack() as servers:
        servers.enter_context(granian(PORT_GRANIAN, env))
        if wagtail_site:
            servers.enter_context(wagtail_server(wagtail_site[0], server="granian"))
        target = f"http://127.0.0.1:{PORT_GRANIAN}{urls['article']}"
        status = fetch(target)[0]
        if status != 200:
            log(f"{kind}: skipping the article under granian (answers {status})")
        else:
            table.add(kind, "granian", "article", "cold", wrk(target, **run))
            if wagtail_site:
                table.add(kind, "granian", "Wagtail article", "cold", wagtail_reading())


def bench_cached(kind, env, urls, args, table):
    """Every page from the page cache under gunicorn, and the article under
    granian; each server's bare Django view (bench/bare.py) right after the
    article, from a server of its own beside. Measured once at the end of
    a run instead, the bare view read 5,969 req/s where SQLite's cached
    article, minutes earlier, had read 3,716 and PostgreSQL's, later, 6,724:
    the machine, not the page, had changed."""
    run = {"duration": args.duration, "connections": args.connections}
    bare = "bench.bare:application"
    bare_target = f"http://127.0.0.1:{PORT_BARE}/"
    with gunicorn(PORT_APP, env), gunicorn(PORT_BARE, os.environ, app=bare):
        for page, path in urls.items():
            target = f"http://127.0.0.1:{PORT_APP}{path}"
            status, body = fetch(target)
            if status != 200:
                continue
            if page == "article":
                (DATA / "www").mkdir(parents=True, exist_ok=True)
                (DATA / "www" / "article.html").write_bytes(body)
            table.add(kind, "gunicorn", page, "cached", wrk(target, **run))
            if page == "article":
                result = wrk(bare_target, **run)
                table.add(kind, "gunicorn", "bare Django view", "-", result)

    with granian(PORT_GRANIAN, env), granian(PORT_BARE, os.environ, app=bare):
        target = f"http://127.0.0.1:{PORT_GRANIAN}{urls['article']}"
        fetch(target)
        table.add(kind, "granian", "article", "cached", wrk(target, **run))
        result = wrk(bare_target, **run)
        table.add(kind, "granian", "bare Django view", "-", result)


def with_key_prefix(cache_url, prefix):
    """`cache_url` with KEY_PREFIX `prefix` (see newsroom/settings.py)."""
    parts = urllib.parse.urlsplit(cache_url)
    query = urllib.parse.parse_qsl(parts.query)
    query = [(name, value) for name, value in query if name != "key_prefix"]
    query.append(("key_prefix", prefix))
    return parts._replace(query=urllib.parse.urlencode(query)).geturl()


def load_test(target, table, kind, args):
    seconds, connections = args.load_seconds, args.load_connections
    log(f"load test: {seconds} s at {connections} connections")
    result = wrk(target, duration=seconds, connections=connections)
    label = f"nginx cache → granian, load test {seconds} s × {connections}"
    table.add(kind, label, "article", "cached", result)
    if result["non_2xx"] or result["errors"]:
        table.failed = True


def main():
    parser = argparse.ArgumentParser(description="Benchmark Newsroom with wrk.")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=30, help="seconds per URL")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--databases", default="sqlite,postgres", help="sqlite, postgres or both"
    )
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("BENCH_POSTGRES_URL", POSTGRES_URL),
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", REDIS_URL)
    )
    parser.add_argument(
        "--load-test",
        action="store_true",
        help="also 60 s at 64 connections; fails on any error or non-2xx",
    )
    parser.add_argument(
        "--scale-from",
        type=int,
        default=1_000,
        help="also measure uncached pages with this many articles (0: skip)",
    )
    parser.add_argument(
        "--wagtail-articles",
        type=int,
        default=1_000,
        help="articles of the Wagtail reference site (0: skip it)",
    )
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("--load-connections", type=int, default=64)
    args = parser.parse_args()

    ensure_tools()
    DATA.mkdir(parents=True, exist_ok=True)
    table = Table()
    table.failed = False
    databases = {
        "sqlite": f"sqlite:///{DATA / 'bench.sqlite3'}",
        "postgres": args.postgres_url,
    }
    small = {
        "sqlite": f"sqlite:///{DATA / 'bench-small.sqlite3'}",
        "postgres": args.postgres_url + "_small",
    }
    wagtail_databases = {
        "sqlite": f"sqlite:///{DATA / 'wagtail.sqlite3'}",
        "postgres": args.postgres_url + "_wagtail",
    }
    kinds = [kind.strip() for kind in args.databases.split(",")]
    wagtail_sites = {}
    if args.wagtail_articles:
        for kind in kinds:
            wagtail_sites[kind] = prepare_wagtail(kind, wagtail_databases[kind], args)
    scale = args.scale_from and args.scale_from != args.articles
    for kind in kinds:
        small_url = small[kind] if scale else None
        site = wagtail_sites.get(kind)
        bench_database(kind, databases[kind], args, table, small_url, site)

    table.print(
        f"Newsroom benchmark, {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} "
        f"UTC, {platform.node()}, {os.cpu_count()} CPUs, {args.articles:,} "
        f"articles, wrk -t2 -c{args.connections} -d{args.duration}s"
    )
    print("\nTargets:")
    print("\n".join(targets(table, args)))
    if table.failed:
        sys.exit("Load test FAILED: non-2xx responses or socket errors.")
    if args.load_test:
        print("\nLoad test passed: no non-2xx responses, no socket errors.")


if __name__ == "__main__":
    main()
