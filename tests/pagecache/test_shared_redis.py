"""Two app servers sharing one Redis: a change made by a third process is
seen by both on their next request."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("PAGECACHE_TEST_REDIS_URL", "redis://127.0.0.1:6379/6")
PORTS = range(8650, 8700)


def redis_or_skip():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    return client


def free_ports(count):
    found = []
    for port in PORTS:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                found.append(port)
        if len(found) == count:
            return found
    pytest.skip("no free port in 8650-8699")


@pytest.fixture
def site_env(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CACHE_URL": REDIS_URL,
        "SECRET_KEY": "two-process-test",
        "DEBUG": "off",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    }
    for command in (["migrate"], ["collectstatic"]):
        manage(env, *command, "--noinput", "--verbosity", "0")
    return env


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def shell(env, code):
    manage(env, "shell", "--no-imports", "-c", code)


@pytest.fixture
def two_servers(site_env):
    ports = free_ports(2)
    servers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "newsroom.wsgi",
            ],
            cwd=ROOT,
            env=site_env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        for port in ports:
            wait_until_up(port)
        yield [f"http://127.0.0.1:{port}" for port in ports]
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=10)


def wait_until_up(port):
    for _ in range(100):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    pytest.fail(f"the server on port {port} did not start")


def get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers.get("X-Page-Cache"), response.read().decode()


SETUP = """
from django.contrib.auth.models import User, Group
from articles.models import Article, Section
from editorial.models import AnalysisBox
from django.utils import timezone
section = Section.objects.create(name="World", slug="world")
article = Article.objects.create(headline="First headline", slug="story",
    dek="Dek.", body="<p>Body.</p>", section=section, status="published",
    published_at=timezone.now())
AnalysisBox.objects.create(article=article, body="<p>Shared insight.</p>",
    attribution="Desk", status=AnalysisBox.Status.SUBMITTED)
editor = User.objects.create(username="ed", is_staff=True)
editor.groups.add(Group.objects.get(name="Editor"))
"""


def test_change_in_one_process_is_seen_by_both_servers(site_env, two_servers):
    redis_or_skip().flushdb()
    shell(site_env, SETUP)
    pages = [base + "/articles/story/" for base in two_servers]
    homes = [base + "/" for base in two_servers]

    for url in pages + homes:
        get(url)
    for url in pages + homes:
        state, body = get(url)
        assert state == "hit", url
        assert "First headline" in body

    shell(
        site_env,
        "from articles.models import Article\n"
        "a = Article.objects.get(slug='story')\n"
        "a.headline = 'Second headline'\n"
        "a.save()",
    )
    for url in pages + homes:
        body = get(url)[1]
        assert "Second headline" in body and "First headline" not in body, url

    assert all("Shared insight." not in get(url)[1] for url in pages)
    shell(
        site_env,
        "from django.contrib.auth.models import User\n"
        "from editorial.models import AnalysisBox\n"
        "AnalysisBox.objects.get().approve(by=User.objects.get(username='ed'))",
    )
    assert all("Shared insight." in get(url)[1] for url in pages)
    assert all(get(url)[0] == "hit" for url in homes)
