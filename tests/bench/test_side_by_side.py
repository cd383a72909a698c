"""Readings that a target compares are taken side by side, from servers
running together, and each database is compared with its own references:
these machines change speed within minutes."""

import contextlib
import time

import pytest

from bench import run


def _reading(rps):
    return {"rps": rps, "p50": 1.0, "p99": 10.0, "non_2xx": 0, "errors": 0}


def test_each_database_is_compared_with_its_own_bare_view_reading():
    table = run.Table()
    for row in [
        ("sqlite", "gunicorn", "article", "cached", _reading(3_700)),
        ("sqlite", "gunicorn", "bare Django view", "-", _reading(3_000)),
        ("postgres", "gunicorn", "article", "cached", _reading(6_700)),
        ("postgres", "gunicorn", "bare Django view", "-", _reading(6_000)),
    ]:
        table.add(*row)
    args = type("Args", (), {"databases": "sqlite,postgres", "scale_from": 0})()

    lines = run.targets(table, args)

    assert lines == [
        "- sqlite: cached article / bare Django view, gunicorn: 123%"
        " (target >= 90%): met",
        "- postgres: cached article / bare Django view, gunicorn: 112%"
        " (target >= 90%): met",
    ]


@pytest.fixture
def servers_and_wrk(monkeypatch):
    """Servers that only record their start, and a wrk that records its
    targets: what a run measures, in its order, without measuring."""
    started, measured = [], []

    def recording(name):
        @contextlib.contextmanager
        def start(port, env, app=None):
            started.append(
                (name, port, app, env.get("DATABASE_URL"), env.get("CACHE_URL"))
            )
            yield

        return start

    def wrk(target, **run_options):
        measured.append(target)
        return _reading(100)

    monkeypatch.setattr(run, "gunicorn", recording("gunicorn"))
    monkeypatch.setattr(run, "granian", recording("granian"))
    monkeypatch.setattr(
        run,
        "wagtail_server",
        lambda env, server="gunicorn": recording(f"wagtail, {server}")(
            run.PORT_WAGTAIL, env
        ),
    )
    monkeypatch.setattr(run, "wrk", wrk)
    return started, measured


def _local(port, path):
    return f"http://127.0.0.1:{port}{path}"


def test_each_page_is_read_between_two_readings_of_each_of_its_references(
    monkeypatch, servers_and_wrk
):
    started, measured = servers_and_wrk
    # The full database has no author page to show: neither is measured.
    monkeypatch.setattr(
        run, "fetch", lambda target: (404 if "/by/" in target else 200, b"")
    )
    full_env = run.base_env("sqlite:///full", run.REDIS_URL, page_cache=False)
    small_env = run.base_env("sqlite:///small", "redis://x/0?key_prefix=scale")
    wagtail_env = {"DATABASE_URL": "sqlite:///wagtail"}
    urls = {"article": "/a/", "home": "/", "author": "/by/a/"}
    small_urls = {"article": "/b/", "home": "/", "author": "/by/b/"}
    args = type("Args", (), {"duration": 1, "connections": 2, "scale_from": 1_000})
    table = run.Table()

    run.bench_cold(
        "sqlite",
        full_env,
        urls,
        args,
        table,
        (small_env, small_urls),
        (wagtail_env, "/news/w/"),
    )

    assert started == [
        ("gunicorn", run.PORT_APP, None, "sqlite:///full", run.REDIS_URL),
        # Its own keys in the Redis the two servers share.
        (
            "gunicorn",
            run.PORT_SCALE,
            None,
            "sqlite:///small",
            "redis://x/0?key_prefix=scale",
        ),
        ("wagtail, gunicorn", run.PORT_WAGTAIL, None, "sqlite:///wagtail", None),
        # Then the production app server, the Wagtail page under it beside.
        ("granian", run.PORT_GRANIAN, None, "sqlite:///full", run.REDIS_URL),
        ("wagtail, granian", run.PORT_WAGTAIL, None, "sqlite:///wagtail", None),
    ]
    assert measured == [
        _local(run.PORT_SCALE, "/b/"),
        _local(run.PORT_APP, "/a/"),
        _local(run.PORT_SCALE, "/b/"),
        _local(run.PORT_WAGTAIL, "/news/w/"),
        # The home page between its references, each at the same distance:
        # the article for its cost, the small database's home for its scale.
        _local(run.PORT_APP, "/a/"),
        _local(run.PORT_SCALE, "/"),
        _local(run.PORT_APP, "/"),
        _local(run.PORT_SCALE, "/"),
        _local(run.PORT_APP, "/a/"),
        _local(run.PORT_GRANIAN, "/a/"),
        _local(run.PORT_WAGTAIL, "/news/w/"),
    ]
    assert [row[1:4] for row in table.rows] == [
        ("gunicorn", "article", "cold, 1,000 articles, before"),
        ("gunicorn", "article", "cold"),
        ("gunicorn", "article", "cold, 1,000 articles, after"),
        ("gunicorn", "Wagtail article", "cold"),
        ("gunicorn", "article", "cold, before home"),
        ("gunicorn", "home", "cold, 1,000 articles, before"),
        ("gunicorn", "home", "cold"),
        ("gunicorn", "home", "cold, 1,000 articles, after"),
        ("gunicorn", "article", "cold, after home"),
        ("granian", "article", "cold"),
        ("granian", "Wagtail article", "cold"),
    ]


def test_no_article_reading_precedes_a_page_when_the_article_was_skipped(
    monkeypatch, servers_and_wrk
):
    started, measured = servers_and_wrk
    monkeypatch.setattr(
        run, "fetch", lambda target: (404 if "/a/" in target else 200, b"")
    )
    monkeypatch.setattr(run, "log", lambda message: None)
    env = run.base_env("sqlite:///full", run.REDIS_URL, page_cache=False)
    args = type("Args", (), {"duration": 1, "connections": 2, "scale_from": 0})
    table = run.Table()

    run.bench_cold("sqlite", env, {"article": "/a/", "tag": "/t/"}, args, table)

    assert measured == [_local(run.PORT_APP, "/t/")]
    assert [row[2:4] for row in table.rows] == [("tag", "cold")]


def test_each_cost_page_is_weighed_against_the_articles_read_around_it():
    table = run.Table()
    for row in [
        ("sqlite", "gunicorn", "article", "cold", _reading(900)),
        # The machine slowed down by a third before the home page's turn and
        # sped up again after it: its own readings of the article say so.
        ("sqlite", "gunicorn", "article", "cold, before home", _reading(600)),
        ("sqlite", "gunicorn", "home", "cold", _reading(500)),
        ("sqlite", "gunicorn", "article", "cold, after home", _reading(800)),
        ("sqlite", "gunicorn", "section", "cold", _reading(500)),
    ]:
        table.add(*row)
    args = type("Args", (), {"databases": "sqlite", "scale_from": 0})()

    lines = [line for line in run.targets(table, args) if "cost /" in line]

    assert lines == [
        "- sqlite: uncached home cost / article cost: 1.40x (the article read"
        " right before and after it: 600 and 800 req/s) (target <= 1.5x): met",
        # A run without readings of its own falls back on the first article's.
        "- sqlite: uncached section cost / article cost: 1.80x (the article:"
        " 900 req/s) (target <= 1.5x): NOT met",
    ]


def test_each_page_at_scale_is_weighed_against_the_small_readings_around_it():
    table = run.Table()
    for row in [
        (
            "sqlite",
            "gunicorn",
            "section",
            "cold, 1,000 articles, before",
            _reading(500),
        ),
        ("sqlite", "gunicorn", "section", "cold", _reading(480)),
        # Read after it only, the section would cost 1.56x at 100,000.
        ("sqlite", "gunicorn", "section", "cold, 1,000 articles, after", _reading(750)),
        (
            "sqlite",
            "gunicorn",
            "sitemap",
            "cold, 1,000 articles, before",
            _reading(300),
        ),
        ("sqlite", "gunicorn", "sitemap", "cold", _reading(150)),
        ("sqlite", "gunicorn", "sitemap", "cold, 1,000 articles, after", _reading(310)),
        # A table with one side only (a run cut short) says which side it has.
        ("sqlite", "gunicorn", "feed", "cold", _reading(40)),
        ("sqlite", "gunicorn", "feed", "cold, 1,000 articles, after", _reading(44)),
    ]:
        table.add(*row)
    args = type(
        "Args", (), {"databases": "sqlite", "articles": 100_000, "scale_from": 1_000}
    )()

    lines = [line for line in run.targets(table, args) if " cost at " in line]

    assert lines == [
        "- sqlite: section cost at 100,000 / at 1,000: 1.30x (at 1,000, read"
        " right before and after it: 500 and 750 req/s) (target <= 1.5x): met",
        "- sqlite: feed cost at 100,000 / at 1,000: 1.10x (at 1,000, read"
        " right after it: 44 req/s) (target <= 1.5x): met",
        "- sqlite: sitemap cost at 100,000 / at 1,000: 2.03x (at 1,000, read"
        " right before and after it: 300 and 310 req/s) (target <= 1.5x): NOT met",
    ]


def test_a_wagtail_reference_that_does_not_answer_stops_the_run(
    monkeypatch, servers_and_wrk
):
    monkeypatch.setattr(
        run, "fetch", lambda target: (500 if "/news/" in target else 200, b"")
    )
    env = run.base_env("sqlite:///full", run.REDIS_URL, page_cache=False)
    args = type("Args", (), {"duration": 1, "connections": 2, "scale_from": 0})

    with pytest.raises(RuntimeError, match="/news/w/ answers 500"):
        run.bench_cold(
            "sqlite",
            env,
            {"article": "/a/"},
            args,
            run.Table(),
            None,
            (env, "/news/w/"),
        )


def test_an_article_that_granian_does_not_serve_is_said_and_not_measured(
    monkeypatch, servers_and_wrk
):
    started, measured = servers_and_wrk
    granian_port = f":{run.PORT_GRANIAN}/"
    monkeypatch.setattr(
        run, "fetch", lambda target: (500 if granian_port in target else 200, b"")
    )
    said = []
    monkeypatch.setattr(run, "log", said.append)
    env = run.base_env("sqlite:///full", run.REDIS_URL, page_cache=False)
    args = type("Args", (), {"duration": 1, "connections": 2, "scale_from": 0})
    table = run.Table()

    run.bench_cold("sqlite", env, {"article": "/a/"}, args, table)

    assert measured == [_local(run.PORT_APP, "/a/")]
    assert [row[1] for row in table.rows] == ["gunicorn"]
    assert said[-1] == "sqlite: skipping the article under granian (answers 500)"


def test_the_bare_view_is_measured_right_after_the_cached_article_on_each_server(
    monkeypatch, tmp_path, servers_and_wrk
):
    started, measured = servers_and_wrk
    monkeypatch.setattr(run, "DATA", tmp_path)
    # The bare view runs with the machine's environment, not the app's.
    monkeypatch.setenv("DATABASE_URL", "sqlite:///machine")
    monkeypatch.delenv("CACHE_URL", raising=False)
    monkeypatch.setattr(run, "fetch", lambda target: (200, b"<html>article</html>"))
    env = run.base_env("sqlite:///full", run.REDIS_URL)
    urls = {"home": "/", "article": "/a/", "tag": "/t/"}
    args = type("Args", (), {"duration": 1, "connections": 2})
    table = run.Table()

    run.bench_cached("sqlite", env, urls, args, table)

    bare = "bench.bare:application"
    assert started == [
        ("gunicorn", run.PORT_APP, None, "sqlite:///full", run.REDIS_URL),
        ("gunicorn", run.PORT_BARE, bare, "sqlite:///machine", None),
        ("granian", run.PORT_GRANIAN, None, "sqlite:///full", run.REDIS_URL),
        ("granian", run.PORT_BARE, bare, "sqlite:///machine", None),
    ]
    assert measured == [
        _local(run.PORT_APP, "/"),
        _local(run.PORT_APP, "/a/"),
        _local(run.PORT_BARE, "/"),
        _local(run.PORT_APP, "/t/"),
        _local(run.PORT_GRANIAN, "/a/"),
        _local(run.PORT_BARE, "/"),
    ]
    assert [row[:3] for row in table.rows] == [
        ("sqlite", "gunicorn", "home"),
        ("sqlite", "gunicorn", "article"),
        ("sqlite", "gunicorn", "bare Django view"),
        ("sqlite", "gunicorn", "tag"),
        ("sqlite", "granian", "article"),
        ("sqlite", "granian", "bare Django view"),
    ]
    # The copy nginx serves as the static reference is the page just served.
    assert (tmp_path / "www" / "article.html").read_bytes() == b"<html>article</html>"


def test_the_small_database_gets_its_own_keys_in_the_shared_cache():
    assert (
        run.with_key_prefix("redis://127.0.0.1:6379/0", "scale")
        == "redis://127.0.0.1:6379/0?key_prefix=scale"
    )
    assert (
        run.with_key_prefix("redis://h:6379/1?key_prefix=site&timeout=5", "scale")
        == "redis://h:6379/1?timeout=5&key_prefix=scale"
    )


class _Machine:
    """Processors busy for each share of an interval in turn, a clock that
    moves a second per reading, and what the run said."""

    def __init__(self, busy_shares):
        self.busy = self.idle = self.now = 0
        self.shares = iter(busy_shares)
        self.said = []

    def cpu_times(self):
        return self.busy, self.idle

    def sleep(self, seconds):
        share = next(self.shares)
        self.busy += round(100 * share)
        self.idle += round(100 * (1 - share))

    def monotonic(self):
        self.now += 1
        return self.now


@pytest.fixture
def machine(monkeypatch):
    def make(busy_shares):
        fake = _Machine(busy_shares)
        monkeypatch.setattr(run, "cpu_times", fake.cpu_times)
        monkeypatch.setattr(run, "time", fake)
        monkeypatch.setattr(run, "log", fake.said.append)
        return fake

    return make


def test_a_server_is_measured_only_once_its_workers_have_booted(machine):
    # gunicorn listens at once, then its workers import the app for a
    # second or two of both processors.
    fake = machine([1.0, 1.0, 0.6, 0.05, 1.0])

    run.wait_for_quiet()

    assert list(fake.shares) == [1.0]  # returned at the first quiet interval
    assert fake.said == []


def test_a_machine_that_stays_busy_delays_the_run_only_so_long(machine):
    fake = machine([0.5] * 1_000)

    run.wait_for_quiet(timeout=5)

    assert fake.now <= 6
    assert fake.said == [
        "the machine stayed busy after a server started; measuring anyway"
    ]


def test_the_machine_reads_its_processor_time_from_proc():
    busy, idle = run.cpu_times()
    spin_until = time.perf_counter() + 0.1
    while time.perf_counter() < spin_until:
        pass
    busy_after, idle_after = run.cpu_times()
    assert busy_after > busy
    assert idle_after >= idle
