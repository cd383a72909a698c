"""The Jinja2 environment of the public pages (templates/base.html and what
extends it).

Readers' pages render with Jinja2, the admin, feeds and sitemaps with
Django's engine: Django's engine spent more than half of an uncached article
page resolving variables and walking nodes, which Jinja2 compiles to Python
once. The helpers here are the same functions the Django template tags
register, so both engines write the same markup.
"""

import datetime
from functools import lru_cache
from itertools import groupby
from operator import attrgetter

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.defaultfilters import date as django_date
from django.templatetags.static import static
from django.urls import reverse
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, gettext, ngettext
from jinja2 import Environment, pass_context
from markupsafe import Markup

from articles.links import slug_url
from articles.templatetags.listing import (
    article_card,
    article_cards,
    day_text,
    page_query,
)
from articles.templatetags.metadata import absolute, article_jsonld, iso
from articles.templatetags.navigation import related_list_items, section_nav_items
from articles.templatetags.share import share_list_items
from images.templatetags.images import picture


def url(name, *args, **kwargs):
    return reverse(name, args=args or None, kwargs=kwargs or None)


def date(value, format=None):
    """Django's `date` filter, in the current time zone as Django's engine
    shows datetimes. A moment's text is kept per time zone, format and
    language: formatting an article page's two dates cost 50 µs."""
    local = template_localtime(value)
    if not isinstance(local, datetime.datetime) or local.tzinfo is None:
        return django_date(local, format)
    # The wall time, fold and zone, not the moment: aware datetimes of one
    # instant are equal (and hash alike) in every zone.
    wall = local.replace(tzinfo=None)
    return _local_date(wall, local.fold, local.tzinfo, format, get_language())


@lru_cache(maxsize=2048)
def _local_date(wall, fold, zone, format, language):
    return django_date(wall.replace(tzinfo=zone, fold=fold), format)


@receiver(setting_changed)
def _forget_dates(**kwargs):
    # Formats, time zones and catalogues all come from settings.
    _local_date.cache_clear()


def day(value):
    """`value|date("DATE_FORMAT")`, cached per day (a listing's cards share a
    few days)."""
    return day_text(template_localtime(value))


@pass_context
def page_query_in(context, number):
    return page_query(context, number)


@lru_cache(maxsize=2048)
def _translation(language, message):
    # Markup, as the i18n extension's own gettext treats a translation.
    return Markup(gettext(message))


def cached_gettext(message, **variables):
    """The i18n extension's gettext with each message looked up once per
    language: a page shows some thirty, and Django's lookup of the active
    catalogue cost a fifth of rendering the article page."""
    text = _translation(get_language(), message)
    return text % variables if variables or "%" in text else text


@receiver(setting_changed)
def _forget_translations(setting, **kwargs):
    if setting in {"LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"}:
        _translation.cache_clear()


def in_groups(items, attribute):
    """(value, items) for each run of `items` sharing `attribute`, in their
    order (Jinja2's own groupby sorts, Django's regroup does not)."""
    return [(key, list(group)) for key, group in groupby(items, attrgetter(attribute))]


def by_day(articles):
    """(YYYY-MM-DD, articles) for each local day of a newest-first listing."""
    return [
        (key, list(group))
        for key, group in groupby(
            articles,
            lambda article: template_localtime(article.published_at).date().isoformat(),
        )
    ]


def environment(**options):
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    if not env.auto_reload:
        # Reloading templates (DEBUG) also means catalogues that may change.
        env.globals["gettext"] = env.globals["_"] = cached_gettext
    env.globals.update(
        {
            "article_card": article_card,
            "article_cards": article_cards,
            "article_jsonld": article_jsonld,
            "get_language": get_language,
            "page_query": page_query_in,
            "picture": picture,
            "related_list_items": related_list_items,
            "section_nav_items": section_nav_items,
            "share_list_items": share_list_items,
            "slug_url": slug_url,
            "static": static,
            "url": url,
        }
    )
    env.filters.update(
        {
            "absolute": absolute,
            "by_day": by_day,
            "date": date,
            "day": day,
            "in_groups": in_groups,
            "iso": iso,
        }
    )
    return env
