import io
import threading
import uuid

import pytest
import redis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import RequestFactory

from pagecache import local
from pagecache.wsgi import CachedPagesApplication

from .servers import REDIS_URL, redis_or_skip


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 3600


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a change as if its transaction committed: invalidation waits for
    the commit, and tests run inside one transaction."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


class Response:
    def __init__(self, status, headers, body):
        self.status_code = int(status.split()[0])
        self.headers = dict(headers)
        self.body = body


@pytest.fixture
def call():
    """Call the WSGI application; `.django` counts requests Django handled."""

    def run(path, method="GET", **environ):
        request_environ = RequestFactory().generic(method, path).environ
        request_environ.update(
            {"HTTP_HOST": "testserver", "wsgi.input": io.BytesIO(b""), **environ}
        )
        started = []
        # Built per call: Django's middleware reads settings once, at start.
        application = CachedPagesApplication(get_wsgi_application())
        result = application(
            request_environ, lambda status, headers: started.append((status, headers))
        )
        body = b"".join(result)
        getattr(result, "close", lambda: None)()
        return Response(*started[0], body)

    handled = []

    def count(**kwargs):
        handled.append(1)

    request_started.connect(count)
    # As Django's test client does: the test's transaction must survive the
    # handler's end-of-request connection check.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    run.django = handled
    yield run
    request_started.disconnect(count)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def prefix(settings):
    """The page cache on Redis under a key prefix of its own, as in
    production: this process keeps copies."""
    client = redis_or_skip(REDIS_URL)
    prefix = f"test-{uuid.uuid4().hex}"
    original = settings.CACHES
    settings.CACHES = {
        "default": {
            "BACKEND": "pagecache.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    yield prefix
    local.reset()
    for key in client.scan_iter(match=f"{prefix}*"):
        client.delete(key)
    # Back before the project's conftest clears the cache after each test:
    # clear() on Redis empties the whole database, under other tests running
    # in parallel with prefixes of their own.
    settings.CACHES = original


@pytest.fixture
def commands(monkeypatch):
    """Redis commands that requests (this thread) send."""
    sent = []
    original = redis.Redis.execute_command

    def spy(self, *args, **options):
        if threading.current_thread() is threading.main_thread():
            sent.append(args[0])
        return original(self, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", spy)
    return sent
