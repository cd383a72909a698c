"""Pages each process keeps in its own memory (pagecache/local.py): repeat
hits cost no Redis round trip, and a change is still seen on the next
request. Needs Redis (skipped with the reason otherwise); the processes
sharing it are simulated in-process here and are real gunicorn servers in
test_shared_redis.py."""

import os
import threading
import time
import uuid
import warnings
from datetime import timedelta
from time import monotonic

import pytest
import redis
from django.utils import timezone

from articles.models import Article
from pagecache import core, local
from pagecache.redis import RedisCache
from tests.factories import ArticleFactory

from .servers import REDIS_URL, redis_or_skip

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(headline="Talks resume in Geneva")


def elsewhere(prefix):
    """What another process sharing the Redis would use to bump."""
    return local._Sync(RedisCache(REDIS_URL, {"KEY_PREFIX": prefix}))


def bump_elsewhere(prefix, *dependencies):
    """core.bump() as run by another process."""
    elsewhere(prefix).bump(
        {core.VERSION_KEY.format(name): uuid.uuid4().hex for name in dependencies}
    )


def wait_for_lease():
    """Waits until the thread holds a lease with at least half of it left, so
    that the next few calls run under it: on a loaded machine a slow read of
    the generation hands out a lease that is nearly over."""
    deadline = monotonic() + 5
    while local.current[1] - monotonic() < local.LEASE / 2:
        assert monotonic() < deadline, "the thread never read the generation"
        time.sleep(0.01)


def keep_locally(call, url):
    """Fetch `url` until this process keeps a copy; return that page."""
    call(url)
    wait_for_lease()
    return call(url)


def test_a_repeat_hit_sends_no_redis_command(prefix, call, article, commands):
    url = article.get_absolute_url()
    page = keep_locally(call, url)
    commands.clear()

    hit = call(url)

    assert commands == []
    assert hit.status_code == 200
    assert hit.headers["X-Page-Cache"] == "hit"
    assert hit.body == page.body
    assert b"Talks resume in Geneva" in hit.body
    assert call(url, HTTP_IF_NONE_MATCH=page.headers["ETag"]).status_code == 304
    assert call(url, method="HEAD").body == b""
    assert commands == []


def test_a_change_made_by_another_process_is_seen_on_the_next_request(
    prefix, call, article
):
    url = article.get_absolute_url()
    keep_locally(call, url)
    # Changed without signals: nothing bumped, the copy is still served.
    Article.objects.filter(pk=article.pk).update(headline="Talks collapse")
    assert b"Talks resume in Geneva" in call(url).body

    bump_elsewhere(prefix, core.SITE, core.article_dependency(article.slug))

    assert b"Talks collapse" in call(url).body


def test_an_edit_in_this_process_waits_only_for_the_acknowledgements(
    prefix, call, article, commit
):
    url = article.get_absolute_url()
    keep_locally(call, url)
    # Past the wait every registry starts with (see the next tests).
    time.sleep(local.LEASE)
    article.headline = "Talks collapse"

    started = monotonic()
    commit(article.save)
    took = monotonic() - started

    assert b"Talks collapse" in call(url).body
    # This process's thread answered: no waiting out its lease.
    assert took < local.LEASE


def test_a_page_read_before_a_change_is_not_kept_after_it(
    prefix, call, article, monkeypatch
):
    url = article.get_absolute_url()
    call(url)
    wait_for_lease()
    read_before = core.lookup_stored

    def change_during_the_read(path, dependencies):
        found = read_before(path, dependencies)
        monkeypatch.setattr(core, "lookup_stored", read_before)
        Article.objects.filter(pk=article.pk).update(headline="Talks collapse")
        bump_elsewhere(prefix, core.SITE, core.article_dependency(article.slug))
        return found

    monkeypatch.setattr(core, "lookup_stored", change_during_the_read)
    # Answered during the change: the old page is still a right answer...
    assert b"Talks resume in Geneva" in call(url).body
    # ...but this process does not keep it.
    assert b"Talks collapse" in call(url).body


def test_a_stalled_thread_stops_local_hits_and_a_change_waits_for_it(
    prefix, call, article, commands, monkeypatch
):
    url = article.get_absolute_url()
    keep_locally(call, url)
    sync = local._sync
    release = threading.Event()
    poll = sync.poll_script

    def stalled(*args, **kwargs):
        release.wait(10)
        return poll(*args, **kwargs)

    monkeypatch.setattr(sync, "poll_script", stalled)
    time.sleep(local.POLL + local.LEASE + 0.05)
    try:
        commands.clear()
        page = call(url)
        assert "MGET" in commands  # read from Redis: the lease has ended
        assert page.headers["X-Page-Cache"] == "hit"

        Article.objects.filter(pk=article.pk).update(headline="Talks collapse")
        started = monotonic()
        bump_elsewhere(prefix, core.SITE, core.article_dependency(article.slug))
        took = monotonic() - started

        assert local.LEASE <= took < local.LEASE + 1
        assert b"Talks collapse" in call(url).body
    finally:
        release.set()


def test_redis_errors_in_the_thread_stop_local_hits_until_it_answers(
    prefix, call, article, commands, monkeypatch
):
    url = article.get_absolute_url()
    page = keep_locally(call, url)
    sync = local._sync
    poll = sync.poll_script
    warned = []
    monkeypatch.setattr(local.logger, "warning", lambda *a, **k: warned.append(a[0]))

    def failing(*args, **kwargs):
        raise redis.ConnectionError("Redis went away")

    monkeypatch.setattr(sync, "poll_script", failing)
    deadline = monotonic() + 5
    while local.current[1] > 0 or not warned:
        assert monotonic() < deadline
        time.sleep(0.01)

    commands.clear()
    assert call(url).body == page.body
    assert "MGET" in commands

    monkeypatch.setattr(sync, "poll_script", poll)
    wait_for_lease()
    call(url)
    commands.clear()
    assert call(url).body == page.body
    assert commands == []


def test_unreadable_acknowledgements_make_a_change_wait_out_the_leases(
    prefix, call, article, monkeypatch
):
    keep_locally(call, article.get_absolute_url())
    time.sleep(local.LEASE)  # past the wait every registry starts with
    other = elsewhere(prefix)

    def unreadable(*args):
        raise redis.ConnectionError("Redis went away")

    monkeypatch.setattr(other, "await_acks", unreadable)
    started = monotonic()
    other.bump({core.VERSION_KEY.format(core.SITE): "new"})

    assert monotonic() - started >= local.LEASE


def test_a_change_with_no_process_keeping_copies_does_not_wait(prefix):
    # A registry just made may miss processes that lost theirs: the first
    # change waits their leases out once.
    bump_elsewhere(prefix, core.SITE)
    time.sleep(local.LEASE)

    started = monotonic()
    bump_elsewhere(prefix, core.SITE)

    assert monotonic() - started < local.LEASE / 2


def test_a_lost_registry_makes_the_next_change_wait_out_the_leases(
    prefix, call, article
):
    url = article.get_absolute_url()
    keep_locally(call, url)
    redis_or_skip(REDIS_URL).delete(local._sync.members_key)

    started = monotonic()
    bump_elsewhere(prefix, core.SITE)

    assert monotonic() - started >= local.LEASE - local.POLL


def test_a_copy_past_its_expiry_is_not_served(prefix, call, article):
    url = article.get_absolute_url()
    page = keep_locally(call, url)
    store = local.current[0]
    entry, _ = store[url]
    store[url] = ((b"an expired copy", *entry[1:]), monotonic() - 1)

    assert call(url).body == page.body


def test_a_scheduled_article_appears_on_time(prefix, call):
    ArticleFactory(headline="Already out")
    publication = timezone.now() + timedelta(seconds=2)
    ArticleFactory(headline="Embargoed story", published_at=publication)
    home = "/"
    keep_locally(call, home)
    assert b"Embargoed story" not in call(home).body

    time.sleep((publication - timezone.now()).total_seconds() + 0.05)

    assert b"Embargoed story" in call(home).body


def test_sites_under_other_key_prefixes_leave_these_copies_alone(
    prefix, call, article, commands
):
    url = article.get_absolute_url()
    keep_locally(call, url)
    store = local.current[0]

    bump_elsewhere(f"{prefix}-other", core.SITE)
    time.sleep(2 * local.POLL)

    assert local.current[0] is store
    commands.clear()
    call(url)
    assert commands == []


def test_a_forked_process_starts_with_no_copies(prefix, call, article):
    keep_locally(call, article.get_absolute_url())
    assert local.current[0]
    reading, writing = os.pipe()
    with warnings.catch_warnings(action="ignore", category=DeprecationWarning):
        pid = os.fork()
    if pid == 0:  # the child: report and leave at once
        try:
            store, lease_until = local.current
            os.write(writing, f"{len(store)} {lease_until} {local._sync}".encode())
        finally:
            os._exit(0)
    os.close(writing)
    os.waitpid(pid, 0)
    with os.fdopen(reading) as report:
        assert report.read() == "0 0.0 None"


def stored(size, lifetime=60):
    entry = (b"x" * size, [("Content-Type", "text/html")], '"etag"', 0)
    return (["token"], entry, time.time() + lifetime)


def test_a_full_store_starts_again(monkeypatch):
    monkeypatch.setattr(local, "MAX_ENTRIES", 2)
    monkeypatch.setattr(local, "MAX_BYTES", 1000)
    store = local.Store()
    for path in ("/a/", "/b/", "/c/"):
        local.keep(store, path, stored(10))
    assert list(store) == ["/c/"]

    local.keep(store, "/big/", stored(970))
    assert list(store) == ["/big/"]

    local.keep(store, "/huge/", stored(2000))
    assert list(store) == ["/big/"]


def test_an_expired_entry_is_not_kept():
    store = local.Store()
    local.keep(store, "/gone/", stored(10, lifetime=-1))
    assert not store


def test_other_caches_keep_no_copies(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    assert local.fill_target() is None
    assert local.bump({"pagecache:v:site": "x"}) is False
