"""The Jinja2 environment of the readers' pages (newsroom/jinja2.py)."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.template import engines
from django.utils import timezone, translation

from newsroom import jinja2 as helpers


def render(source, **context):
    return engines["jinja2"].from_string(source).render(context)


def test_messages_escape_what_they_are_given_and_keep_their_own_markup():
    page = render('{{ _("Topic: %(name)s", name=name) }}', name="<b>x</b> & y")

    assert page == "Topic: &lt;b&gt;x&lt;/b&gt; &amp; y"


def test_a_message_without_placeholders_keeps_a_literal_percent():
    assert render('{{ _("100%% sure") }}') == "100% sure"


def test_messages_follow_the_active_language(monkeypatch):
    looked_up = []

    def fake_gettext(message):
        looked_up.append((translation.get_language(), message))
        return f"[{translation.get_language()}] {message}"

    monkeypatch.setattr(helpers, "gettext", fake_gettext)
    helpers._translation.cache_clear()
    try:
        with translation.override("en"):
            assert helpers.cached_gettext("Search") == "[en] Search"
            assert helpers.cached_gettext("Search") == "[en] Search"
        with translation.override("fr"):
            assert helpers.cached_gettext("Search") == "[fr] Search"
    finally:
        helpers._translation.cache_clear()
    # Once per language, not once per use.
    assert looked_up == [("en", "Search"), ("fr", "Search")]


def test_dates_show_in_the_sites_time_zone(settings):
    settings.TIME_ZONE = "Asia/Tokyo"
    moment = dt.datetime(2026, 3, 1, 20, 30, tzinfo=dt.UTC)

    with timezone.override("Asia/Tokyo"):
        assert render('{{ moment|date("Y-m-d H:i") }}', moment=moment) == (
            "2026-03-02 05:30"
        )


def test_one_instant_shows_each_time_zones_own_time():
    # Kept dates: aware datetimes of one instant are equal in every zone.
    moment = dt.datetime(2026, 3, 1, 20, 30, tzinfo=dt.UTC)
    shown = {}
    for zone in ("UTC", "Asia/Tokyo", "UTC", "America/New_York"):
        with timezone.override(zone):
            shown[zone] = render('{{ moment|date("H:i T") }}', moment=moment)

    assert shown == {
        "UTC": "20:30 UTC",
        "Asia/Tokyo": "05:30 JST",
        "America/New_York": "15:30 EST",
    }


def test_the_repeated_hour_when_clocks_go_back_keeps_its_offset():
    # 02:30 comes twice in Berlin on 25 October 2026: the same wall time,
    # told apart by its fold.
    first = dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC)
    second = first + dt.timedelta(hours=1)

    with timezone.override("Europe/Berlin"):
        shown = [
            render('{{ moment|date("c") }}', moment=moment)
            for moment in (first, second, first)
        ]

    assert shown == [
        "2026-10-25T02:30:00+02:00",
        "2026-10-25T02:30:00+01:00",
        "2026-10-25T02:30:00+02:00",
    ]


def test_kept_dates_are_the_date_filters_text_and_follow_the_settings():
    from django.template.defaultfilters import date as django_date
    from django.test import override_settings
    from django.utils import formats

    moment = dt.datetime(2026, 3, 1, 20, 30, tzinfo=dt.UTC)
    source = '{{ moment|date("DATETIME_FORMAT") }}'
    with timezone.override("UTC"):
        first, kept = render(source, moment=moment), render(source, moment=moment)
        assert first == kept == django_date(moment, "DATETIME_FORMAT")
        try:
            with override_settings(FORMAT_MODULE_PATH="tests.newsroom.formats"):
                # Django's own cache of format modules outlives this setting.
                formats.reset_format_cache()
                assert render(source, moment=moment) == "2026-03-01 20:30"
        finally:
            formats.reset_format_cache()
        assert render(source, moment=moment) == first
    assert render('{{ none|date("Y") }}', none=None) == ""


def test_days_group_a_newest_first_listing_by_local_day():
    def article(day, hour, minute=0):
        published = dt.datetime(2026, 3, day, hour, minute, tzinfo=dt.UTC)
        return SimpleNamespace(published_at=published)

    listing = [article(2, 23), article(2, 1), article(1, 23, 30)]
    with timezone.override("Europe/Berlin"):
        days = helpers.by_day(listing)

    # Berlin is an hour ahead of UTC in March: 23:00 UTC is the next day.
    assert [(day, len(items)) for day, items in days] == [
        ("2026-03-03", 1),
        ("2026-03-02", 2),
    ]


def test_groups_keep_the_order_they_are_given():
    months = [dt.date(2026, 2, 1), dt.date(2025, 12, 1), dt.date(2025, 11, 1)]

    assert helpers.in_groups(months, "year") == [
        (2026, [months[0]]),
        (2025, months[1:]),
    ]


@pytest.mark.django_db
def test_readers_pages_render_with_jinja2_and_the_admin_with_django(admin_client):
    from tests.factories import ArticleFactory

    article = ArticleFactory()
    response = admin_client.get(article.get_absolute_url())
    assert [t.name for t in response.templates] == ["articles/article_detail.html"]
    assert response.templates[0].__module__.startswith("jinja2")

    admin = admin_client.get("/admin/")
    assert admin.status_code == 200
    assert all(not t.__module__.startswith("jinja2") for t in admin.templates)
