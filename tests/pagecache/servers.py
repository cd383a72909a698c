"""Real app servers (gunicorn), nginx and a shared Redis for the tests that
check the page cache across processes."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("PAGECACHE_TEST_REDIS_URL", "redis://127.0.0.1:6379/6")

# A published article's headline edited by another process (an editor's
# request, a command): the change every server must show on its next request.
EDIT_HEADLINE = """
from articles.models import Article
article = Article.objects.get(slug="story")
article.headline = "Second headline"
article.save()
"""


@contextlib.contextmanager
def own_keys(url):
    """A cache URL with a key prefix of its own on the Redis at `url`, its
    keys deleted afterwards: test runs sharing that Redis (parallel workers,
    two checkouts on one machine) never read each other's pages."""
    client = redis_or_skip(url)
    prefix = f"test-{uuid.uuid4().hex}"
    try:
        yield f"{url}?key_prefix={prefix}"
    finally:
        for key in client.scan_iter(match=f"{prefix}:*"):
            client.delete(key)


def redis_or_skip(url):
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(url, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"Redis is not reachable at {url}")
    return client


def free_ports(count, ports):
    found = []
    for port in ports:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                found.append(port)
        if len(found) == count:
            return found
    pytest.skip(f"no free port in {ports.start}-{ports.stop - 1}")


def site_env(tmp_path, redis_url, **extra):
    """A migrated site in `tmp_path` whose processes share `redis_url`."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CACHE_URL": redis_url,
        "SECRET_KEY": "multi-process-test",
        "DEBUG": "off",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        **extra,
    }
    for command in (["migrate"], ["collectstatic"]):
        manage(env, *command, "--noinput", "--verbosity", "0")
    return env


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def shell(env, code):
    manage(env, "shell", "--no-imports", "-c", code)


@contextlib.contextmanager
def running(command, port, env=None):
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(port, process)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=10)


def gunicorn(port, env, workers=1, *options):
    command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), *options, "newsroom.wsgi"]
    return running(command, port, env)


def wait_until_up(port, process):
    for _ in range(100):
        if process.poll() is not None:
            pytest.fail(f"the server for port {port} exited with {process.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    pytest.fail(f"the server on port {port} did not start")


def get(url, headers=None):
    """The response's headers and text."""
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers, response.read().decode()
