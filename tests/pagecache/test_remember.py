"""Small data kept in each process beside its page copies (local.remember):
the navigation's sections cost no Redis round trip per page, and a change is
still seen on the next request. Needs Redis (skipped otherwise)."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from articles.context_processors import NAV_SECTIONS_CACHE_KEY
from pagecache import core, local
from tests.factories import ArticleFactory, SectionFactory

from .test_local import bump_elsewhere, wait_for_lease

pytestmark = pytest.mark.django_db


class Loader:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return f"value {self.calls}"


def remembered_once(key, load):
    """remember() after the thread holds a lease, so the value is kept."""
    local.remember(key, load)
    wait_for_lease()
    return local.remember(key, load)


def test_a_value_is_loaded_once_while_the_lease_holds(prefix):
    load = Loader()
    first = remembered_once("answer", load)
    calls = load.calls

    assert [local.remember("answer", load) for _ in range(5)] == [first] * 5
    assert load.calls == calls


def test_a_change_in_any_process_loads_it_again(prefix):
    load = Loader()
    before = remembered_once("answer", load)

    bump_elsewhere(prefix, core.SITE)

    assert local.remember("answer", load) != before
    # The new value is kept under the lease of the new generation.
    wait_for_lease()
    kept = local.remember("answer", load)
    assert kept != before
    assert local.remember("answer", load) == kept


def test_a_value_is_loaded_again_once_it_is_max_age_old(prefix, monkeypatch):
    load = Loader()
    local.remember("answer", load, max_age=60)
    wait_for_lease()
    kept = local.remember("answer", load, max_age=60)
    assert local.remember("answer", load, max_age=60) == kept
    later = local.monotonic() + 61
    monkeypatch.setattr(local, "monotonic", lambda: later)
    store, _ = local.current
    monkeypatch.setattr(local, "current", (store, later + 1))  # lease still held

    assert local.remember("answer", load, max_age=60) != kept


def test_without_a_lease_the_value_is_loaded_every_time(prefix, monkeypatch):
    load = Loader()
    remembered_once("answer", load)
    store, _ = local.current
    monkeypatch.setattr(local, "current", (store, 0.0))  # a stalled thread
    monkeypatch.setattr(local, "fill_target", lambda: None)

    assert local.remember("answer", load) != local.remember("answer", load)


def test_other_caches_load_every_time(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    load = Loader()

    assert local.remember("answer", load) == "value 1"
    assert local.remember("answer", load) == "value 2"


def test_navigation_costs_no_redis_command_once_kept(
    prefix, settings, client, commands
):
    settings.PAGE_CACHE_SECONDS = 0  # every page rendered, none stored
    ArticleFactory(section=SectionFactory(name="Diplomacy"))
    client.get(reverse("articles:home"))
    wait_for_lease()
    client.get(reverse("articles:home"))
    commands.clear()

    html = client.get(reverse("articles:archive")).content.decode()

    assert "Diplomacy" in html
    assert commands == []


def test_a_renamed_section_is_in_the_next_pages_navigation(
    prefix, settings, client, commit
):
    settings.PAGE_CACHE_SECONDS = 0  # every page rendered, none stored
    section = SectionFactory(name="Diplomacy")
    ArticleFactory(section=section)
    client.get(reverse("articles:home"))
    wait_for_lease()
    assert "Diplomacy" in client.get(reverse("articles:archive")).content.decode()

    section.name = "Foreign affairs"
    commit(section.save)

    html = client.get(reverse("articles:archive")).content.decode()
    assert "Foreign affairs" in html
    assert "Diplomacy" not in html


def test_rows_cached_while_a_rename_was_uncommitted_are_forgotten(
    prefix, client, django_capture_on_commit_callbacks
):
    # Another request reads the old rows between the save and the commit
    # (simulated by refilling the shared entry inside the transaction).
    section = SectionFactory(name="Diplomacy")
    with django_capture_on_commit_callbacks(execute=True):
        section.name = "Foreign affairs"
        section.save()
        cache.set(NAV_SECTIONS_CACHE_KEY, [SectionFactory.build(name="Diplomacy")])

    assert cache.get(NAV_SECTIONS_CACHE_KEY) is None
