"""deploy/nginx.conf in front of a real app server: nginx answers readers
from its own cache, and every change the app makes is visible on the next
request through nginx. Skipped where nginx is not installed (CI installs it)."""

import os
import shutil
import time

import pytest

from bench.nginx import write_config

from .servers import (
    EDIT_HEADLINE,
    free_ports,
    get,
    gunicorn,
    own_keys,
    running,
    shell,
    site_env,
)

REDIS_URL = os.environ.get("PAGECACHE_NGINX_REDIS_URL", "redis://127.0.0.1:6379/7")
PORTS = range(8700, 8750)

NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/bin")

SETUP = """
from django.contrib.auth.models import User, Group
from articles.models import Article, Section
from django.utils import timezone
section = Section.objects.create(name="World", slug="world")
Article.objects.create(headline="First headline", slug="story", dek="Dek.",
    body="<p>Body.</p>", section=section, status="published",
    published_at=timezone.now())
"""


@pytest.fixture
def front(tmp_path):
    if NGINX is None:
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    # nginx makes it too, but the app's start-up check wants it there first.
    (tmp_path / "front-cache").mkdir()
    with own_keys(REDIS_URL) as cache_url:
        env = site_env(
            tmp_path, cache_url, PAGE_CACHE_FRONT_DIR=str(tmp_path / "front-cache")
        )
        yield from _serve(tmp_path, env)


def _serve(tmp_path, env):
    app_port, front_port = free_ports(2, PORTS)
    config = write_config(
        tmp_path,
        app_port=app_port,
        front_port=front_port,
        cache_dir=tmp_path / "front-cache",
        static_dir=tmp_path / "static",
    )
    with (
        gunicorn(app_port, env),
        running([NGINX, "-c", str(config), "-e", "stderr"], front_port),
    ):
        yield env, f"http://127.0.0.1:{front_port}"


def fetch(url, **headers):
    response_headers, body = get(url, headers=headers)
    return response_headers.get("X-Front-Cache"), body


def test_nginx_serves_readers_from_its_cache_and_never_a_stale_page(front):
    env, base = front
    shell(env, SETUP)
    article, home = f"{base}/articles/story/", f"{base}/"

    assert fetch(article)[0] == "MISS"
    assert fetch(article) == ("HIT", fetch(article)[1])
    assert "First headline" in fetch(home)[1]
    assert fetch(home)[0] == "HIT"

    # A change committed by another process (an editor's request, a command):
    # the app purges nginx's cache, the next reader gets the new page.
    shell(env, EDIT_HEADLINE)
    for url in (article, home):
        state, body = fetch(url)
        assert state == "MISS", url
        assert "Second headline" in body and "First headline" not in body, url
        assert fetch(url)[0] == "HIT", url


def test_signed_in_visitors_neither_get_nor_leave_a_cached_page(front):
    env, base = front
    shell(env, SETUP)
    article = f"{base}/articles/story/"
    fetch(article)

    state, _ = fetch(article, Cookie="theme=dark; sessionid=abc")
    assert state == "BYPASS"
    assert fetch(article, Cookie="__Host-sessionid=abc")[0] == "BYPASS"
    # Other cookies do not split or skip the readers' copy.
    assert fetch(article, Cookie="theme=dark")[0] == "HIT"


def test_a_scheduled_article_appears_on_time_through_nginx(front):
    env, base = front
    shell(env, SETUP)
    home = f"{base}/"
    fetch(home)
    shell(
        env,
        "import datetime\n"
        "from django.utils import timezone\n"
        "from articles.models import Article, Section\n"
        "Article.objects.create(headline='Scheduled headline', slug='later',\n"
        "    dek='Dek.', body='<p>Body.</p>', section=Section.objects.get(),\n"
        "    status='published',\n"
        "    published_at=timezone.now() + datetime.timedelta(seconds=4))\n",
    )
    # Saving the scheduled article purged the cache; the new copy may only
    # live until the publication time.
    assert "Scheduled headline" not in fetch(home)[1]
    assert fetch(home)[0] == "HIT"
    time.sleep(4.5)
    assert "Scheduled headline" in fetch(home)[1]


def test_query_strings_that_select_no_page_are_not_cached(front):
    env, base = front
    shell(env, SETUP)
    url = f"{base}/articles/story/?utm_source=mail"
    fetch(url)
    assert fetch(url)[0] == "MISS"
