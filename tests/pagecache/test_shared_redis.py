"""Two app servers sharing one Redis: a change made by a third process is
seen by both on their next request, although each worker process keeps the
pages it served in its own memory (pagecache/local.py)."""

import time

import pytest

from .servers import (
    EDIT_HEADLINE,
    REDIS_URL,
    free_ports,
    get,
    gunicorn,
    own_keys,
    redis_or_skip,
    shell,
    site_env,
)

PORTS = range(8650, 8700)


@pytest.fixture
def env(tmp_path):
    with own_keys(REDIS_URL) as cache_url:
        yield site_env(tmp_path, cache_url)


@pytest.fixture
def two_servers(env):
    first, second = free_ports(2, PORTS)
    # The second as in production: several workers forked from a master that
    # imported the app first.
    with gunicorn(first, env), gunicorn(second, env, 2, "--preload"):
        yield [f"http://127.0.0.1:{port}" for port in (first, second)]


def page(url):
    headers, body = get(url)
    return headers.get("X-Page-Cache"), body


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


def test_change_in_one_process_is_seen_by_both_servers(env, two_servers):
    shell(env, SETUP)
    pages = [base + "/articles/story/" for base in two_servers]
    homes = [base + "/" for base in two_servers]

    for url in pages + homes:
        page(url)
    for url in pages + homes:
        state, body = page(url)
        assert state == "hit", url
        assert "First headline" in body

    shell(env, EDIT_HEADLINE)
    for url in pages + homes:
        body = page(url)[1]
        assert "Second headline" in body and "First headline" not in body, url

    assert all("Shared insight." not in page(url)[1] for url in pages)
    shell(
        env,
        "from django.contrib.auth.models import User\n"
        "from editorial.models import AnalysisBox\n"
        "AnalysisBox.objects.get().approve(by=User.objects.get(username='ed'))",
    )
    assert all("Shared insight." in page(url)[1] for url in pages)
    assert all(page(url)[0] == "hit" for url in homes)

    # Everything the servers stored is under this site's own key prefix
    # (CACHE_URL's ?key_prefix=): other sites on the same Redis never see it.
    prefix = env["CACHE_URL"].split("key_prefix=")[1]
    assert any(redis_or_skip(REDIS_URL).scan_iter(match=f"{prefix}:*"))


def test_once_a_change_is_saved_no_server_shows_the_old_page(env, two_servers):
    shell(env, SETUP)
    urls = [base + path for base in two_servers for path in ("/articles/story/", "/")]
    for _ in range(5):
        for url in urls:
            page(url)
    # Every worker has read the change counter and keeps its copies.
    time.sleep(0.5)
    assert all(page(url)[0] == "hit" for url in urls)

    for edit in range(3):
        headline = f"Edited headline {edit}"
        shell(env, EDIT_HEADLINE.replace("Second headline", headline))
        # Straight after the editing process returned, on every worker.
        for _ in range(20):
            for url in urls:
                assert headline in page(url)[1], url
