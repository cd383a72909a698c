from functools import lru_cache
from typing import NamedTuple

from django import template
from django.utils.dateformat import format as format_date
from django.utils.formats import get_format
from django.utils.safestring import SafeString
from django.utils.timezone import get_current_timezone
from django.utils.translation import get_language

from images.templatetags.images import picture
from newsroom.html import escape

from ..links import ARTICLE, AUTHOR, SECTION, addresses
from ..prefetch import loaded

register = template.Library()


@lru_cache(maxsize=512)
def _day(day, date_format, language):
    # Month names come out in the active language: it is part of the key.
    return escape(format_date(day, date_format))


def day_text(moment):
    """`moment|date:"DATE_FORMAT"` for a localised datetime. The cards of a
    listing share a few days, and formatting one cost as much as the rest of
    its card's text."""
    return _day(moment.date(), get_format("DATE_FORMAT"), get_language())


def _iso(moment):
    # metadata.iso() of a moment already in the current time zone.
    return moment.replace(microsecond=0).isoformat()


@register.simple_tag(takes_context=True)
def page_query(context, number):
    """`?page=N` keeping the rest of the query string (e.g. a search)."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()


@register.simple_tag
def article_card(article, heading_level=2, hide_section=False):
    """One story in a listing: picture, section, headline, dek, byline, date.

    Built here rather than in an included template: listings show up to forty
    cards and the template engine spent about 0.2 ms on each, most of every
    listing page's cost. `article` comes from `for_listing()`."""
    return _card(article, heading_level, hide_section, _CardContext.current())


@register.simple_tag
def article_cards(articles, heading_level=2, hide_section=False):
    """article_card() of each of `articles`, one after the other: what the
    cards share (the URLconf, the time zone, the language and its date
    format, each looked up in a context-local variable) is looked up once for
    all of them rather than once a card."""
    shared = _CardContext.current()
    return SafeString(
        "".join(
            _card(article, heading_level, hide_section, shared) for article in articles
        )
    )


class _CardContext(NamedTuple):
    """What every card of a page shares, read from context-local state."""

    urls: object
    zone: object
    date_format: str
    language: str

    @classmethod
    def current(cls):
        return cls(
            urls=addresses(),
            zone=get_current_timezone(),
            date_format=get_format("DATE_FORMAT"),
            language=get_language(),
        )


def _card(article, heading_level, hide_section, shared):
    e = escape
    # What get_absolute_url() gives, without reverse() (articles.links).
    urls = shared.urls
    url = e(urls.url(ARTICLE, article.slug))
    image = article.hero_image
    picture_link = ""
    if image:
        picture_link = (
            f'<a class="card-image" href="{url}" tabindex="-1" aria-hidden="true">'
            + picture(
                image,
                sizes="(min-width: 72rem) 22rem, (min-width: 48rem) 45vw, 100vw",
                ratio="3:2",
                widths="480,800",
                alt="",
                loading="lazy",
            )
            + "</a>"
        )
    section_link = ""
    if not hide_section:
        section = article.section
        section_link = (
            f'<p class="card-section"><a href="{e(urls.url(SECTION, section.slug))}">'
            f"{e(section.name)}</a></p>"
        )
    heading = "h3" if heading_level == 3 else "h2"
    authors = loaded(article, "authors")
    if authors is None:
        authors = article.authors.all()
    byline = ", ".join(
        f'<a href="{e(urls.url(AUTHOR, author.slug))}" rel="author">'
        f"{e(author.name)}</a>"
        for author in authors
    )
    if byline:
        byline += " · "
    # localtime() and iso() would each look the time zone up again.
    published = article.published_at.astimezone(shared.zone)
    return SafeString(
        f'\n<article class="card{" card-with-image" if image else ""}">\n'
        f"  {picture_link}\n"
        f"  {section_link}\n"
        f'  <{heading} class="card-headline"><a href="{url}">'
        f"{e(article.headline)}</a></{heading}>\n"
        f'  <p class="card-dek">{e(article.dek)}</p>\n'
        f'  <p class="card-meta">{byline}<time datetime="{_iso(published)}">'
        f"{_day(published.date(), shared.date_format, shared.language)}"
        "</time></p>\n"
        "</article>\n"
    )
