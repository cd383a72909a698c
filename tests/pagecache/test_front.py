"""What the app tells nginx's page cache (X-Accel-Expires) and how it empties
it. tests/pagecache/test_nginx.py runs the same through a real nginx."""

import os
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pagecache import core, front
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def front_dir(settings, tmp_path, monkeypatch):
    directory = tmp_path / "front-cache"
    directory.mkdir()
    settings.PAGE_CACHE_FRONT_DIR = str(directory)
    # The delayed second purge is a timer thread; tests check the first.
    monkeypatch.setattr(front, "REPURGE_SECONDS", 3600)
    return directory


@pytest.fixture
def article():
    return ArticleFactory(headline="Talks resume in Geneva")


def nginx_page(directory, name):
    """A page as nginx stores it: <dir>/<last hex digit>/<two before>/<md5>."""
    path = directory / name[-1] / name[-3:-1] / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("KEY: ...\n\n<html>old copy</html>")
    return path


def test_readers_pages_may_be_kept_by_nginx_one_second_less_than_the_app(
    client, front_dir, article, settings
):
    url = article.get_absolute_url()
    first = client.get(url)
    second = client.get(url)

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    for response in (first, second):
        assert response["X-Accel-Expires"] == str(settings.PAGE_CACHE_SECONDS - 1)


def test_no_front_cache_configured_sends_nothing(client, article, settings):
    settings.PAGE_CACHE_FRONT_DIR = ""
    assert not client.get(article.get_absolute_url()).has_header("X-Accel-Expires")


def test_nginx_never_keeps_staff_pages_uncached_pages_or_errors(
    client, front_dir, article, editor
):
    staff = Client()
    staff.force_login(editor)
    assert not staff.get(article.get_absolute_url()).has_header("X-Accel-Expires")
    for url in [
        article.get_absolute_url() + "?utm_source=mail",
        "/articles/no-such-story/",
        "/admin/login/",
    ]:
        assert not client.get(url).has_header("X-Accel-Expires"), url
    etag = client.get(article.get_absolute_url())["ETag"]
    not_modified = client.get(
        article.get_absolute_url(), headers={"if-none-match": etag}
    )
    assert not_modified.status_code == 304
    assert not not_modified.has_header("X-Accel-Expires")


def test_nginx_keeps_no_page_past_the_next_scheduled_publication(
    client, front_dir, article
):
    ArticleFactory(published_at=timezone.now() + timedelta(seconds=90))

    response = client.get(reverse("articles:home"))

    assert 0 < int(response["X-Accel-Expires"]) <= 89


def test_page_built_while_content_changed_is_not_left_to_nginx(
    client, front_dir, article, monkeypatch
):
    """A reader's request that read the old content must not refill nginx
    after the change's purge ran."""
    looked_up = core.lookup

    def lookup_while_an_editor_publishes(path, dependencies):
        found = looked_up(path, dependencies)
        core.bump(core.SITE)
        return found

    monkeypatch.setattr(core, "lookup", lookup_while_an_editor_publishes)
    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert not response.has_header("X-Accel-Expires")


def test_purge_empties_nginxs_cache_directory(front_dir):
    pages = [nginx_page(front_dir, f"{digit}" * 32) for digit in "0af"]

    front.purge()

    assert not any(page.exists() for page in pages)
    assert [entry.name for entry in front_dir.iterdir()] == [front.TRASH]
    # Purging again finds nothing of nginx's and leaves the trash alone.
    front.purge()
    assert [entry.name for entry in front_dir.iterdir()] == [front.TRASH]


def test_purge_of_a_missing_or_empty_directory_is_harmless(tmp_path):
    front.purge(tmp_path / "never-created")
    (tmp_path / "empty").mkdir()
    front.purge(tmp_path / "empty")
    assert list((tmp_path / "empty").iterdir()) == []  # no trash for nothing


def test_every_content_change_purges_nginx_once_committed(
    front_dir, article, django_capture_on_commit_callbacks
):
    page = nginx_page(front_dir, "5" * 32)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article.headline = "Talks collapse"
        article.save()
    # Not before the commit: a reader could refill nginx from the old rows.
    assert page.exists()

    for callback in callbacks:
        callback()
    assert not page.exists()


def test_editing_a_draft_leaves_nginx_alone(front_dir, commit):
    draft = ArticleFactory(draft=True)
    page = nginx_page(front_dir, "7" * 32)

    draft.headline = "Still a draft"
    commit(draft.save)

    assert page.exists()


def test_a_front_cache_directory_the_app_cannot_empty_is_reported(settings, tmp_path):
    from pagecache.apps import check_front_cache_directory

    settings.PAGE_CACHE_FRONT_DIR = str(tmp_path / "typo")
    assert [m.id for m in check_front_cache_directory()] == ["pagecache.W001"]

    settings.PAGE_CACHE_FRONT_DIR = str(tmp_path)
    assert check_front_cache_directory() == []


def test_a_purge_that_cannot_write_is_logged_not_raised(front_dir, caplog, monkeypatch):
    page = nginx_page(front_dir, "9" * 32)

    def refuse(*args):
        raise PermissionError("not the app's to rename")

    monkeypatch.setattr(os, "rename", refuse)
    front.purge()

    assert page.exists()
    assert "Could not purge the front page cache" in caplog.text
