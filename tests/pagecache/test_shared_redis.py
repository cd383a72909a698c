"""Two app servers sharing one Redis: a change made by a third process is
seen by both on their next request."""

import os

import pytest

from .servers import (
    EDIT_HEADLINE,
    free_ports,
    get,
    gunicorn,
    own_keys,
    redis_or_skip,
    shell,
    site_env,
)

REDIS_URL = os.environ.get("PAGECACHE_TEST_REDIS_URL", "redis://127.0.0.1:6379/6")
PORTS = range(8650, 8700)


@pytest.fixture
def env(tmp_path):
    with own_keys(REDIS_URL) as cache_url:
        yield site_env(tmp_path, cache_url)


@pytest.fixture
def two_servers(env):
    first, second = free_ports(2, PORTS)
    with gunicorn(first, env), gunicorn(second, env):
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
